// Package policy holds IAM policy documents as values: one typed model
// (Document) parsed from IAM's JSON, as users write it and as AWS returns it,
// and from iamc's HCL statement blocks; a canonical JSON form; equality by
// meaning; validation of grammar, size and actions against the embedded
// action catalog; and least-privilege warnings.
//
// It knows nothing of accounts: package model holds documents as
// policy.Document values, and package policy imports only catalog below it.
package policy
