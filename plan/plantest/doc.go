// Package plantest helps test the planner and what uses it: documents and
// accounts built in a line, a large generated organisation for benchmarks
// (LargeOrg), seeded random pairs of desired and current accounts for
// property tests (Generate), and a comparison of an account with the
// desired one, field by field and inside a manage scope (Diff).
//
// It imports model, op and policy, as package plan does, and nothing that
// does I/O; tests that apply plans bring their own provider.
package plantest
