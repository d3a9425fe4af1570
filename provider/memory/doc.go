// Package memory is iamc's in-memory AWS account, the default provider: a
// faithful model of one account's IAM that enforces what AWS enforces
// (EntityAlreadyExists, NoSuchEntity, DeleteConflict, LimitExceeded,
// MalformedPolicyDocument, ...), so that a wrongly ordered plan fails here
// as it would on AWS.
//
// Trust policies are held as IAM holds them: one naming a user or role of
// the account that does not exist is refused ("Invalid principal in
// policy"), and the trust policies naming a user or role follow it, under
// its new ARN when a user is renamed or moved, as its unique id once it is
// deleted (principals.go). Principals of other accounts are taken without
// a check, since the account cannot know other accounts.
//
// An Account lives in memory (New, FromModel, FromModelWithQuotas) or is
// persisted to a JSON state file (Open), by default .iamc/account.json
// under the configuration directory. Open takes an exclusive lock on the file for a whole apply
// (shared for a read-only plan), and Save writes the file atomically: a
// temporary file in the same directory, fsync, rename, fsync of the
// directory. The file is written once per apply, also when an op failed,
// so that what succeeded stays as it would on AWS; a killed apply leaves
// the previous file whole. Opened with Options.Journal (iamc serve), the
// account also appends every call to a journal beside the file and syncs
// it before Do returns, concurrent calls sharing one sync; Save compacts
// the journal into the file, and every Open replays what a killed server
// left in it (journal.go). No secret is ever kept: login profiles are held
// without their password, access keys by id only.
//
// Beside package op's closed set, Do carries out a few calls that no plan
// makes (Calls: CreateVirtualMFADevice, EnableMFADevice), so that iamc serve can
// make what plans clean up.
//
// Account implements provider.Provider: Read returns a model.Account, Do
// carries out one op.Op. The IAM API server (package iamapi) reads the
// richer State under the account's lock through View, for the fields AWS
// returns that the model does not hold (unique ids, dates, versions).
//
// The package imports model, op, policy, provider and catalog (for the AWS
// managed policies a user may attach); it knows nothing of HCL or plans.
// Its behaviour is pinned by the conformance suite in provider/providertest.
package memory
