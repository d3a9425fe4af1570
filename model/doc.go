// Package model holds iamc's domain: an AWS account's IAM as plain values.
//
// The same types describe the desired account (compiled from HCL by package
// lang) and the current account (read by a provider), so that package plan
// can compare the two field by field. The package does no I/O. Besides the
// entity types it holds IAM's naming rules, ARNs, addresses (user.tyler), the
// account quotas and the manage scope that says which entities iamc owns.
//
// Imported by every other package of iamc except policy and catalog, which
// sit below it: documents in the model are policy.Document values.
package model
