// Package english writes the small pieces of English that iamc's
// messages are made of: lists ("a, b and c"), counts ("2 policies") and
// sentences that start with a capital. Packages lang, policy, plan,
// provider/memory and the command line share it, so that every message
// says a list or a count the same way. It imports nothing of iamc.
package english
