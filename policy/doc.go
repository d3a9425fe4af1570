// Package policy holds IAM policy documents as values: one typed model
// (Document) parsed from IAM's JSON, as users write it and as AWS returns it,
// and from iamc's HCL statement blocks; a canonical JSON form; equality by
// meaning; validation of grammar, size and actions against the embedded
// action catalog; and least-privilege warnings.
//
// It knows nothing of accounts: package model holds documents as
// policy.Document values, and package policy imports only catalog below it.
// Package lang decodes statement blocks with DecodeHCL, validates every
// document with Validate and reports each Problem at the range its
// SourceMap gives; package plan compares documents with Equal and shows a
// change with Diff.
//
// # The model
//
//   - ParseJSON reads a document (ParseURLEncoded as AWS returns it);
//     DecodeHCL reads statement blocks.
//   - Canonical is the compact JSON iamc sends to AWS: fixed key order,
//     value lists sorted and without duplicates, a one-element list as a
//     string, a bare account id principal as its root ARN. Pretty indents
//     it for diffs.
//   - Equal and Key compare by meaning: statement order and duplicates,
//     value order, the case of action names and condition keys, "*" vs
//     {"AWS": "*"}, and an absent Version vs 2008-10-17 do not count;
//     resources, condition values and operator names keep their case.
//   - Size and SizeOfJSON count characters without white space, as IAM
//     counts them against its quotas (package model holds the quotas).
//
// # Validation
//
// Validate(d, kind) reports problems as IAM Access Analyzer's policy
// checks do, each with a JSON path (Statement[2].Action[0]), a stable code,
// a terse summary and a detail that says what to do. The kind is what the
// document is attached as: Identity (and Boundary, the same rules) or
// Trust. Errors cover the version, Effect, Action xor NotAction, Resource
// xor NotResource (identity) or no Resource (trust), Principal (trust
// only), NotPrincipal (never), Sid characters and uniqueness, condition
// operators and keys, resource ARNs, policy variables, principals, and
// actions: known to the action catalog, or a pattern that matches one, and
// in a trust policy only the sts actions that assume a role.
//
// # Warnings and how to silence them
//
// Warnings are least-privilege smells; `iamc validate --strict` makes
// them errors. Their codes:
//
//	allow-all             Allow of "*" on "*"
//	passrole-wildcard     Allow of iam:PassRole (or a pattern covering it) on "*"
//	allow-not-action      Allow with NotAction
//	open-trust            a trust policy that lets "*" assume the role without a condition
//	legacy-action         an action of a retired service, named only in AWS's own policies
//	arn-without-resource  a resource ARN that ends after its account, and so matches nothing
//	direct-user-policy    (package lang) a policy attached to a user rather than a group
//
// A statement block silences warnings for itself alone with the attribute
// ignore_warnings, listing codes that can arise for its kind of document
// (WarningCodes); nothing silences a warning globally:
//
//	statement {
//	  actions         = ["*"]
//	  resources       = ["*"]
//	  ignore_warnings = ["allow-all"]
//	}
//
// SourceMap.Suppressed tells whether statement i silenced a code.
//
// # The HCL statement form
//
// Inside a policy, inline_policy or trust block:
//
//	statement {
//	  sid           = "Read"                 # optional
//	  effect        = "Allow"                # default Allow
//	  actions       = ["s3:GetObject"]       # or not_actions
//	  resources     = ["arn:aws:s3:::b/*"]   # or not_resources; trust statements have none
//	  principals {                           # trust only; repeatable
//	    type        = "Service"              # AWS, Service, Federated, CanonicalUser or "*"
//	    identifiers = ["ec2.amazonaws.com"]
//	  }
//	  condition {                            # repeatable; the same test and variable merge
//	    test     = "StringEquals"
//	    variable = "aws:username"
//	    values   = ["alice"]
//	  }
//	  ignore_warnings = ["allow-all"]
//	}
//
// A decoded document has Version 2012-10-17. HCL reads "${...}" as its own
// interpolation, so an IAM policy variable is written "$${aws:username}".
package policy
