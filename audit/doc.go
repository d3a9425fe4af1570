// Package audit checks an account's security posture: the checks of the
// console's security checklist and of the IAM section of the CIS AWS
// Foundations Benchmark (root MFA and keys, the password policy, users'
// direct policies, the credential report's MFA, key age, unused
// credentials and second keys), roles unused for 90 days, principals with
// full administrator access, privilege-escalation paths found with the
// access evaluator, and trusts open to strangers.
//
// It is pure: Run takes a model.Account, the model.Posture a provider
// read beside it (root flags, credential report, roles' last use), the
// time, and optionally where the configuration declares each entity; it
// returns findings, each with an id, a severity, the entity, why it
// matters, how to fix it, the CIS recommendation's title where there is
// one, and the declaration's file and line. It imports model, policy and
// access; package audit/render writes findings as text, JSON, Markdown
// and SARIF, and the CLI (`iamc audit`) reads the account and hands the
// findings to it.
package audit
