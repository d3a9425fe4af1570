// Package wildcard matches IAM action names against IAM's wildcard
// patterns: '*' stands for any run of characters (none included), '?'
// for exactly one, and letters compare without regard to ASCII case, as
// IAM compares action names. Packages catalog (and its generator) and
// policy share it; it imports nothing of iamc.
package wildcard
