package policy

import (
	"maps"
	"slices"
)

// Builtins are the policy documents iamc provides by name, as
// iamc.policy.NAME in a configuration: documents AWS publishes in its IAM
// User Guide, written out here so that a configuration can use one in a
// line. Each is the JSON text of a document.
var builtins = map[string]string{
	// RequireMFA is the policy of AWS's page "AWS: Allows MFA-authenticated
	// IAM users to manage their own MFA device on the Security credentials
	// page": a user may see the account's virtual MFA devices, create one
	// and enable, resync and deactivate the devices of their own user,
	// and is denied everything else (every action of every service but
	// those needed to set up MFA and sts:GetSessionToken) unless the
	// request was made with MFA. BoolIfExists makes a request without the
	// aws:MultiFactorAuthPresent key (long-term access keys) count as
	// made without MFA.
	"RequireMFA": `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowViewAccountInfo",
      "Effect": "Allow",
      "Action": ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
      "Resource": "*"
    },
    {
      "Sid": "AllowManageOwnVirtualMFADevice",
      "Effect": "Allow",
      "Action": ["iam:CreateVirtualMFADevice"],
      "Resource": "arn:aws:iam::*:mfa/*"
    },
    {
      "Sid": "AllowManageOwnUserMFA",
      "Effect": "Allow",
      "Action": [
        "iam:DeactivateMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:GetMFADevice",
        "iam:ListMFADevices",
        "iam:ResyncMFADevice"
      ],
      "Resource": "arn:aws:iam::*:user/${aws:username}"
    },
    {
      "Sid": "DenyAllExceptListedIfNoMFA",
      "Effect": "Deny",
      "NotAction": [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:GetMFADevice",
        "iam:ListMFADevices",
        "iam:ListVirtualMFADevices",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken"
      ],
      "Resource": "*",
      "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    }
  ]
}`,
}

// Builtin returns the JSON text of the built-in document with the given
// name, and whether there is one.
func Builtin(name string) (string, bool) {
	s, ok := builtins[name]
	return s, ok
}

// BuiltinNames lists the built-in documents' names, sorted.
func BuiltinNames() []string { return slices.Sorted(maps.Keys(builtins)) }
