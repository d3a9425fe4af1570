// Package access evaluates requests against a model.Account as IAM
// decides them: would this user or role be allowed to do this action on
// this resource, with this context? It does no I/O and imports only
// model, policy and catalog (AWS managed policies' documents come from
// the catalog, customer managed ones from the account). Package lang
// uses it for expect blocks, package plan for the access section of a
// plan, and the CLI for `iamc can` and `iamc audit`.
//
// # What it evaluates
//
//   - The identity-based policies of a user (its inline and attached
//     policies, and each of its groups' inline and attached policies) or
//     of a role (inline and attached), and its permissions boundary,
//     which intersects with them. An explicit Deny in any of them wins;
//     else the request is allowed when an identity-based policy allows it
//     and the boundary (if any) does too; else it is implicitly denied.
//   - Action and NotAction (case-insensitive, with * and ? wildcards);
//     Resource and NotResource (case-sensitive; an ARN pattern matches
//     part by part, its last part running to the end of the ARN; "*"
//     matches every resource, "*" included as a literal request resource);
//     policy variables (${aws:username}, ${aws:PrincipalTag/team},
//     ${*}, ${?}, ${$}, ${key, 'default'}) in documents of Version
//     2012-10-17 only, elsewhere literal text.
//   - Every condition operator of IAM's reference (String*, Numeric*,
//     Date*, Bool, BinaryEquals, IpAddress, NotIpAddress, Arn*, Null,
//     ...IfExists) with ForAllValues: and ForAnyValue:. OR within a key's
//     values (NOR for a negated operator), AND across keys and operators;
//     conditions.go says exactly what each operator does with absent,
//     empty and multivalued keys. An operator IAM does not have never
//     holds.
//   - sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML
//     (and sts:TagSession, sts:SetSourceIdentity, sts:SetContext) on a
//     role of the account: the role's trust policy takes part as its
//     resource-based policy, with the rules of a request within one
//     account (Evaluator.assume says them). Federated principals are the
//     provider's ARN or name.
//   - The request context: the caller's keys, plus those iamc knows for
//     the principal (aws:username, aws:userid when the account gives the
//     user's unique id, aws:PrincipalArn, aws:PrincipalAccount,
//     aws:PrincipalType, aws:PrincipalTag/KEY) and the time
//     (aws:CurrentTime, aws:EpochTime, from Options.Now). A key the
//     caller gives wins. Keys compare without regard to case.
//
// An answer says what it does not cover (NotCovered): service and
// resource control policies, other services' resource-based policies,
// session policies, VPC endpoint policies.
//
// # API
//
//	e := access.New(account, access.Options{Now: clock})
//	p, err := e.ParsePrincipal("user.chloe")        // or an ARN, a service, a provider
//	ans, err := e.Evaluate(access.Request{Principal: p, Action: "iam:CreateUser",
//		Resource: "*", Context: access.Context{"aws:MultiFactorAuthPresent": {"true"}}})
//	ans.Decision            // access.Allowed, access.ImplicitDeny, access.ExplicitDeny
//	ans.Statements          // the statements that decided, each a StatementRef
//	ans.MissingContextKeys  // absent keys that a condition or variable read
//
// A StatementRef names its policy (PolicyRef: kind inline, managed,
// boundary or trust; the owner's address; the inline policy's name or the
// managed policy's ARN) and the statement's index in its document, so
// that lang maps it back to a file and line: the declaring block of the
// user, group, role or policy, then policy.SourceMap.Range (statement
// blocks) or its JSON document locator (document = ...) with
// StatementRef.Path(), "Statement[i]".
//
// The CLI and lang stay thin on top of this: `iamc can` parses its flags
// into a Request (ParsePrincipal for --principal, Context from
// --context) and renders the Answer, whose JSON field names are those of
// its output; a batch reuses one Evaluator, so each document is compiled
// once. An expect block expands its groups into members
// (model.Account.GroupMembers), evaluates each combination and matches
// Answer.Decision (Denied() for "denied").
//
// # Speed
//
// An Evaluator compiles each document once, on first use (patterns
// folded and escaped, condition operators decoded, numbers, dates,
// addresses and base-64 values parsed), and each user's and role's set
// of policies once. Evaluating a request scans the statements of the
// principal's policies without allocating beyond the answer. For a plan's
// access difference, PolicySetKey groups principals whose policies are
// the same documents; their answers to a request are the same unless
// Answer.PrincipalKeys shows that a policy read a key derived from the
// principal, so each distinct set needs evaluating once.
package access
