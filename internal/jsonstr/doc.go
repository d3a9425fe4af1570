// Package jsonstr decodes JSON strings, escapes included, as
// encoding/json does: invalid UTF-8 and lone surrogates become U+FFFD.
// It serves the hand-written JSON readers that are faster than
// encoding/json where a whole account or a policy document is read:
// package policy's document scanner and provider/memory's state file
// reader. Each says an error its own way, from the Error this package
// gives. It imports nothing of iamc, so that any package can use it.
package jsonstr
