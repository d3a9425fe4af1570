// Package iamapi serves a memory account (provider/memory) over the AWS
// IAM Query API, for iamc serve: form-encoded POST (or GET) requests with
// Action and Version, answered in AWS's XML, errors included, so that the
// AWS CLI, the SDKs and provider/awsiam can use a local account as their
// IAM endpoint. STS GetCallerIdentity and AssumeRole are answered on the
// same endpoint. Accounts serves several accounts on one endpoint, each
// request in the account of the key that signed it (accounts.go), and
// AssumeRole issues session credentials into any of them when the role's
// trust allows the caller, as package access decides it (sts.go).
//
// Write actions are decoded into package op's values, or the memory
// account's calls that no plan makes (memory.Calls: access keys and
// instance profiles), field names being IAM's parameter names, and run
// with the account's Do; reads are answered from the account's State
// under its read lock (View), in the shapes AWS returns, with
// Marker/IsTruncated pagination and URL-encoded policy documents where AWS
// encodes them. Faults can be injected for tests and benchmarks
// (throttling, 500s, latency, and IAM's eventual consistency), and every
// request is counted per action (GET /iamc/stats).
//
// Every request must be signed with SigV4 (sigv4.go, written from AWS's
// documentation) by a key the server knows: its own, or an access key it
// created for a user, whose secret it keeps beside the state file
// (secrets.go); requests a web page could make a browser send are refused
// (auth.go).
//
// Run is the whole server: it opens the state files with their journals, so
// that every write is on disk before it is answered, serves, compacts the
// journal into the state file when it grows and on shutdown. The package
// imports model, op, policy, access, provider, provider/memory and catalog;
// internal/cli calls Run.
package iamapi
