package audit

import (
	"fmt"
	"strings"

	"github.com/iamc/iamc/model"
)

// The checks, in the order a report lists them within a severity.
var (
	checkRootKeys = Check{"root-access-keys", High, "The root user has access keys",
		"Ensure no 'root' user account access key exists"}
	checkRootMFA = Check{"root-mfa", High, "The root user has no MFA",
		"Ensure MFA is enabled for the 'root' user account"}
	checkConsoleMFA = Check{"console-user-without-mfa", High, "Console users without MFA",
		"Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password"}
	checkAdmin = Check{"full-administrator", High, "Principals with full administrator access",
		`Ensure IAM policies that allow full "*:*" administrative privileges are not attached`}
	checkEscalation = Check{"privilege-escalation", High, "Principals that can raise their own access through IAM", ""}
	checkOpenTrust  = Check{"trust-open-to-strangers", High, "Roles that strangers can assume", ""}
	checkNoPolicy   = Check{"password-policy-missing", Medium, "No password policy",
		"Ensure IAM password policy requires minimum length of 14 or greater"}
	checkLength = Check{"password-policy-length", Medium, "Password policy shorter than 14 characters",
		"Ensure IAM password policy requires minimum length of 14 or greater"}
	checkReuse = Check{"password-policy-reuse", Medium, "Password policy prevents fewer than 24 reuses",
		"Ensure IAM password policy prevents password reuse"}
	checkKeyAge = Check{"access-key-older-than-90-days", Medium, "Access keys not rotated for 90 days",
		"Ensure access keys are rotated every 90 days or less"}
	checkUnused = Check{"credentials-unused-45-days", Medium, "Passwords and keys unused for 45 days",
		"Ensure credentials unused for 45 days or greater are disabled"}
	checkTwoKeys = Check{"two-active-access-keys", Medium, "Users with two active access keys",
		"Ensure there is only one active access key available for any single IAM user"}
	checkDirect = Check{"user-direct-policies", Low, "Users with policies attached directly",
		"Ensure IAM Users Receive Permissions Only Through Groups"}
	checkRoleUnused = Check{"role-unused-90-days", Low, "Roles unused for 90 days", ""}
)

// Checks lists every check of the audit.
var Checks = []Check{
	checkRootKeys, checkRootMFA, checkConsoleMFA, checkAdmin, checkEscalation, checkOpenTrust,
	checkNoPolicy, checkLength, checkReuse, checkKeyAge, checkUnused, checkTwoKeys,
	checkDirect, checkRoleUnused,
}

// The CIS benchmark's thresholds.
const (
	minPasswordLength = 14
	minReusePrevented = 24
	keyMaxAgeDays     = 90
	unusedDays        = 45
	roleUnusedDays    = 90
)

func (a *auditor) root() {
	p := a.in.Posture
	if p == nil {
		return
	}
	if p.RootAccessKeys {
		a.add(checkRootKeys, model.Address{}, "The root user has access keys",
			"The root user's keys cannot be limited by any policy: whoever holds one owns the account, billing and all.",
			"Sign in as the root user, delete its access keys (Security credentials), and use IAM users or roles for programmatic access.")
	}
	if !p.RootMFA {
		a.add(checkRootMFA, model.Address{}, "The root user has no MFA device",
			"The root user can do anything in the account; without MFA its password alone opens it.",
			"Sign in as the root user and enable an MFA device, preferably a hardware one, under Security credentials.")
	}
}

var passwordPolicyAddr = model.Address{Kind: model.KindPasswordPolicy}

func (a *auditor) passwordPolicy() {
	pp := a.in.Account.PasswordPolicy
	if pp == nil {
		a.add(checkNoPolicy, passwordPolicyAddr, "The account has no password policy",
			"Without one, IAM accepts console passwords of 8 characters that users may reuse at will.",
			fmt.Sprintf("Declare a password_policy block with minimum_length = %d and password_reuse_prevention = %d, and apply it.", minPasswordLength, minReusePrevented))
		return
	}
	if pp.MinimumLength < minPasswordLength {
		a.add(checkLength, passwordPolicyAddr, fmt.Sprintf("The password policy asks for %d characters", pp.MinimumLength),
			"Short passwords fall to guessing; CIS asks for at least 14 characters.",
			fmt.Sprintf("Set minimum_length = %d (or more) in the password_policy block.", minPasswordLength))
	}
	if pp.PasswordReusePrevention < minReusePrevented {
		title := "The password policy does not prevent password reuse"
		if pp.PasswordReusePrevention > 0 {
			title = fmt.Sprintf("The password policy prevents the reuse of only %d passwords", pp.PasswordReusePrevention)
		}
		a.add(checkReuse, passwordPolicyAddr, title,
			"A user who may cycle back to an old password keeps one that may have leaked; CIS asks that the last 24 be refused.",
			fmt.Sprintf("Set password_reuse_prevention = %d in the password_policy block.", minReusePrevented))
	}
}

func (a *auditor) directPolicies() {
	for _, u := range a.in.Account.SortedUsers() {
		if model.IsReservedPath(u.Path) || len(u.ManagedPolicies)+len(u.InlinePolicies) == 0 {
			continue
		}
		var names []string
		for _, arn := range u.ManagedPolicies {
			names = append(names, arn[strings.LastIndex(arn, "/")+1:])
		}
		for _, p := range u.InlinePolicies {
			names = append(names, p.Name+" (inline)")
		}
		a.add(checkDirect, model.UserAddr(u.Name), fmt.Sprintf("User %s has policies attached directly: %s", u.Name, strings.Join(names, ", ")),
			"Permissions given user by user drift apart and are hard to review or take back; through groups they follow the role a person has.",
			"Put the policies on a group that stands for the user's job, make the user a member, and remove them from the user (policies = [] in its user block).")
	}
}
