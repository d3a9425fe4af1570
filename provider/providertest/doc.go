// Package providertest is the conformance suite every provider passes:
// provider/memory now, provider/awsiam against a served account and real
// AWS. Each subtest pins one behaviour of IAM that a plan relies on:
// EntityAlreadyExists (names compared without regard to case),
// NoSuchEntity, DeleteConflict (what must go before a user, group, role or
// policy can be deleted), LimitExceeded (policy versions, quotas, sizes),
// MalformedPolicyDocument (a trust policy naming a user or role that does
// not exist among them), how trust policies show a principal that is
// renamed, moved or deleted, PasswordPolicyViolation, the account alias and
// password policy rules, tags, AWS-reserved entities, and for every op in
// op.All() a round trip: Do changes what Read returns as AWS would. So a
// wrongly ordered plan fails on the memory account as it would on AWS.
//
// The suite uses only Identity, Read and Do, and the seed a Factory is
// given. Names are unique per run and per test (a run token and a test
// number prefix every name), so that a run against a real account cannot
// collide with another, and every test deletes what it created when it
// ends. Tests of the account's alias and password policy change them and
// put back what was there.
//
// The package imports model, op, policy and provider; it imports no
// implementation.
package providertest
