// Package provider defines what iamc needs of an account: Read it whole,
// Do one IAM write call, and say whose it is (Identity). It holds the typed
// errors every implementation maps its failures to, so that package apply
// treats them alike.
//
// Implementations: provider/memory (an in-memory account persisted to a
// JSON file, the default) and provider/awsiam (aws-sdk-go-v2). Both pass
// the conformance suite in provider/providertest. The package imports model
// and op; it knows nothing of HCL or plans.
package provider
