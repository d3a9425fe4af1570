// Package orggen writes the configuration of a large, realistic
// organisation, for iamc's benchmarks and for trying iamc at scale:
// departments with teams, customer managed policies built from real
// actions of the action catalog (some as statement blocks, some as
// jsonencode documents), groups with 2 to 5 policies, users in 2 to 5
// groups, some with console access, tags or inline policies, and roles
// with trust blocks and 2 to 5 policies. The configuration validates
// cleanly: no error and no warning.
//
// A Shape varies it to stress one path of iamc each: users with policies
// attached directly (many warnings), references to undeclared groups in
// one file (many errors), larger policy documents, fewer entities per
// file (many files).
//
// The output depends only on the shape and the seed (and the embedded
// catalog). bench uses Write and WriteShape; cmd/orggen writes a
// directory from the command line.
package orggen
