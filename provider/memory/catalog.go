package memory

import "github.com/iamc/iamc/catalog"

// knownAWSPolicy reports whether arn names an AWS managed policy that IAM
// knows, path included, so that a misspelled one is NoSuchEntity as on AWS.
func (a *Account) knownAWSPolicy(arn string) bool {
	return catalog.IsManagedPolicyARN(arn)
}
