package model

import (
	"fmt"
	"strings"
)

// AWSManagedPolicyPrefix starts the ARN of every AWS managed policy.
const AWSManagedPolicyPrefix = "arn:aws:iam::aws:policy/"

// ARN builds the ARN of an IAM entity: resource is "user", "group",
// "role", "policy" or "instance-profile"; path starts and ends with "/"
// ("" stands for "/"). It is on hot paths (a read builds thousands), so
// it concatenates rather than formats.
func ARN(accountID, resource, path, name string) string {
	if path == "" {
		path = "/"
	}
	return "arn:aws:iam::" + accountID + ":" + resource + path + name
}

// RootARN is the ARN of an account's root user, which trust policies
// name to mean the account.
func RootARN(accountID string) string { return "arn:aws:iam::" + accountID + ":root" }

// UserARN, GroupARN, RoleARN and PolicyARN build entity ARNs.
func UserARN(accountID, path, name string) string   { return ARN(accountID, "user", path, name) }
func GroupARN(accountID, path, name string) string  { return ARN(accountID, "group", path, name) }
func RoleARN(accountID, path, name string) string   { return ARN(accountID, "role", path, name) }
func PolicyARN(accountID, path, name string) string { return ARN(accountID, "policy", path, name) }

// IsAWSManagedPolicyARN reports whether arn names an AWS managed policy.
func IsAWSManagedPolicyARN(arn string) bool { return strings.HasPrefix(arn, AWSManagedPolicyPrefix) }

// ServiceRolePolicyPrefix starts the ARNs of the AWS managed policies
// that AWS attaches to its service-linked roles only.
const ServiceRolePolicyPrefix = AWSManagedPolicyPrefix + "aws-service-role/"

// IsServiceRolePolicy reports whether arn is an AWS service role policy,
// which IAM does not attach to users, groups and roles, nor take as a
// permissions boundary (PolicyNotAttachable).
func IsServiceRolePolicy(arn string) bool { return strings.HasPrefix(arn, ServiceRolePolicyPrefix) }

// ParsedARN is an IAM entity ARN split into its parts.
type ParsedARN struct {
	Partition string // aws, aws-cn, aws-us-gov
	Account   string // 12 digits, or "aws" for AWS managed policies
	Resource  string // user, group, role, policy
	Path      string // "/" or "/a/b/"
	Name      string
}

// ParseEntityARN parses the ARN of an IAM user, group, role or managed
// policy: arn:PARTITION:iam::ACCOUNT:RESOURCE/PATH/NAME.
func ParseEntityARN(arn string) (ParsedARN, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3] != "" {
		return ParsedARN{}, fmt.Errorf("%q is not an IAM ARN (arn:aws:iam::ACCOUNT:KIND/PATH/NAME)", arn)
	}
	p := ParsedARN{Partition: parts[1], Account: parts[4]}
	if p.Partition == "" {
		return ParsedARN{}, fmt.Errorf("%q has no partition", arn)
	}
	if p.Account != "aws" && !IsAccountID(p.Account) {
		return ParsedARN{}, fmt.Errorf("%q: account %q is not 12 digits", arn, p.Account)
	}
	res, rest, ok := strings.Cut(parts[5], "/")
	if !ok || rest == "" {
		return ParsedARN{}, fmt.Errorf("%q has no entity name", arn)
	}
	switch res {
	case "user", "group", "role", "policy":
	default:
		return ParsedARN{}, fmt.Errorf("%q: %q is not user, group, role or policy", arn, res)
	}
	p.Resource = res
	i := strings.LastIndex(rest, "/")
	p.Path = "/" + rest[:i+1]
	p.Name = rest[i+1:]
	if p.Name == "" {
		return ParsedARN{}, fmt.Errorf("%q has no entity name", arn)
	}
	return p, nil
}

// IsAccountID reports whether s is a 12-digit AWS account id.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ARNIn returns the user's ARN: as read from the account, or made from
// its path and name in account accountID.
func (u *User) ARNIn(accountID string) string { return orARN(u.ARN, accountID, "user", u.Path, u.Name) }

// ARNIn returns the group's ARN, as User.ARNIn does.
func (g *Group) ARNIn(accountID string) string {
	return orARN(g.ARN, accountID, "group", g.Path, g.Name)
}

// ARNIn returns the role's ARN, as User.ARNIn does.
func (r *Role) ARNIn(accountID string) string { return orARN(r.ARN, accountID, "role", r.Path, r.Name) }

// ARNIn returns the policy's ARN, as User.ARNIn does.
func (p *ManagedPolicy) ARNIn(accountID string) string {
	return orARN(p.ARN, accountID, "policy", p.Path, p.Name)
}

func orARN(arn, accountID, resource, path, name string) string {
	if arn != "" {
		return arn
	}
	return ARN(accountID, resource, path, name)
}
