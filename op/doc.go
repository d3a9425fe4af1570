// Package op holds the closed set of IAM write operations a plan is made
// of: one type per IAM API call (CreateUser, AddUserToGroup,
// CreatePolicyVersion, ...). Field names and their JSON names are the IAM
// API's parameter names, so an op reads, encodes and decodes as the call it
// stands for. Each op prints as the `aws iam ...` command it stands for
// (Command), and encodes to and from JSON with its action name (Marshal,
// Unmarshal) for plan files.
//
// The planner (package plan) emits ops, providers execute them, and the IAM
// API server (package iamapi) decodes requests into them. The package
// imports only model.
package op
