// Package render prints a plan: as text for a terminal or a log (Text), as
// Markdown for a pull-request comment (Markdown), and as the JSON of a plan
// file (JSON). The text plan follows DESIGN.md section 2: a header naming
// the account and the provider, one section per changed entity (+ create,
// ~ update, - delete, -/+ replace) with exactly the attributes that change
// and a unified diff of each changed policy document, then the steps as the
// aws iam commands they stand for, the warnings, and a summary line.
//
// Output is deterministic: no colour, no terminal width, the same bytes for
// the same plan. The package imports plan, op and policy; the CLI chooses
// the format.
package render
