// Package awsiam is the provider that reads and changes a real AWS
// account's IAM through aws-sdk-go-v2, or any endpoint that speaks the IAM
// Query API (iamc serve, emulators).
//
// Configuration is the SDK's default chain: environment, shared config and
// credentials files, the profile (Options.Profile or AWS_PROFILE), SSO,
// IMDS. IAM is a global service and is signed for us-east-1 (cn-north-1 and
// us-gov-west-1 in those partitions). Endpoints come from
// Options.EndpointURL, else AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL (and the
// shared config's services section), as the SDK resolves them; when IAM has
// a custom endpoint and STS has none of its own, STS is asked at IAM's, so
// that one emulator answers both.
//
// Read costs a bounded number of paged calls plus per-entity calls only
// where the configuration (provider.ReadHints) declares something
// GetAccountAuthorizationDetails cannot show; see Provider.Read for the
// formula. Do makes exactly one SDK call per op, retried by the SDK for
// throttling and 5xx and by the provider for IAM's eventual consistency
// (see Provider.Do). What Read reads is checked as the model checks a
// read account (model.CheckUser and its siblings, one entity per folded
// name): an answer that is not a valid account fails the read with
// CodeInvalidAnswer rather than be planned against. An endpoint that does
// not implement a call (an emulator) fails it at once when it says so
// (InvalidAction, NotImplemented), or after 3 attempts when it answers a
// 5xx that is not IAM's error XML. Errors are *provider.Error values with
// IAM's codes, naming the entity and the step, as the memory provider's
// are. No password, secret key or token is ever logged; Options.Debug
// writes one redacted line per HTTP attempt.
//
// It is imported by the CLI only (--provider aws). It imports model, op,
// policy and provider, and nothing of HCL or plans.
package awsiam
