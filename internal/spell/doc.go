// Package spell finds the word a user most likely meant, for the "did
// you mean" of an error message: an edit distance (optimal string
// alignment, letters compared without regard to case) and the closest of
// a list of candidates within a limit each caller chooses.
//
// Packages catalog (actions, services, managed policies), policy
// (operators, principal types, effects, warning codes) and lang (names,
// references, attributes) share it. It imports nothing of iamc, so that
// catalog, the lowest layer, can import it.
package spell
