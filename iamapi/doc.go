// Package iamapi serves a memory account (provider/memory) over the AWS
// IAM Query API, for iamc serve: form-encoded POST (or GET) requests with
// Action and Version, answered in AWS's XML, errors included, so that the
// AWS CLI, the SDKs and provider/awsiam can use a local account as their
// IAM endpoint. STS GetCallerIdentity is answered on the same endpoint.
//
// Write actions are decoded into package op's values (field names are
// IAM's parameter names) and run with the account's Do; reads are
// answered from the account's State under its read lock (View), in the
// shapes AWS returns, with Marker/IsTruncated pagination and URL-encoded
// policy documents where AWS encodes them. Requests must be SigV4-signed,
// with any key. Faults can be injected for tests and benchmarks
// (throttling, 500s, latency, and IAM's eventual consistency), and every
// request is counted per action (GET /iamc/stats).
//
// Run is the whole server: it opens the state file, serves, saves at most
// once a second and on shutdown. The package imports model, op, policy,
// provider, provider/memory and catalog; internal/cli calls Run.
package iamapi
