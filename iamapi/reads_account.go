package iamapi

import (
	"github.com/iamc/iamc/provider/memory"
)

func getAccountPasswordPolicy(c *call) error {
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		pp := s.PasswordPolicy
		if pp == nil {
			return noSuchEntity("The Password Policy with domain name %s cannot be found.", s.AccountID)
		}
		w := &c.body
		w.open("PasswordPolicy")
		w.integer("MinimumPasswordLength", pp.MinimumLength)
		w.boolean("RequireSymbols", pp.RequireSymbols)
		w.boolean("RequireNumbers", pp.RequireNumbers)
		w.boolean("RequireUppercaseCharacters", pp.RequireUppercase)
		w.boolean("RequireLowercaseCharacters", pp.RequireLowercase)
		w.boolean("AllowUsersToChangePassword", pp.AllowUsersToChangePassword)
		w.boolean("ExpirePasswords", pp.MaxPasswordAge > 0)
		if pp.MaxPasswordAge > 0 {
			w.integer("MaxPasswordAge", pp.MaxPasswordAge)
		}
		if pp.PasswordReusePrevention > 0 {
			w.integer("PasswordReusePrevention", pp.PasswordReusePrevention)
		}
		w.boolean("HardExpiry", pp.HardExpiry)
		w.close("PasswordPolicy")
		return nil
	})
}

func listAccountAliases(c *call) error {
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		var aliases []string
		if s.Alias != "" {
			aliases = []string{s.Alias}
		}
		pagedStrings(c, pg, "AccountAliases", aliases)
		return nil
	})
}

// Quotas IAM reports that the memory account does not model; these are
// AWS's defaults.
const (
	serverCertificatesQuota    = 20
	signingCertificatesPerUser = 2
	accessKeysPerUser          = 2
	policyVersionsInUseQuota   = 10000
	instanceProfilesQuota      = 1000
	globalEndpointTokenVersion = 1
)

func getAccountSummary(c *call) error {
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		q := s.Quotas
		versions, mfaInUse := 0, 0
		for _, p := range s.Policies {
			versions += len(p.Versions)
		}
		for _, u := range s.Users {
			mfaInUse += len(u.MFADevices)
		}
		entries := []struct {
			key string
			val int
		}{
			{"Users", len(s.Users)},
			{"UsersQuota", q.Users},
			{"Groups", len(s.Groups)},
			{"GroupsQuota", q.Groups},
			{"ServerCertificates", 0},
			{"ServerCertificatesQuota", serverCertificatesQuota},
			{"UserPolicySizeQuota", q.UserInlineSize},
			{"GroupPolicySizeQuota", q.GroupInlineSize},
			{"GroupsPerUserQuota", q.GroupsPerUser},
			{"SigningCertificatesPerUserQuota", signingCertificatesPerUser},
			{"AccessKeysPerUserQuota", accessKeysPerUser},
			{"MFADevices", len(s.VirtualMFADevices)},
			{"MFADevicesInUse", mfaInUse},
			{"AccountMFAEnabled", flag(s.Root.MFAActive)},
			{"AccountAccessKeysPresent", flag(s.Root.AccessKeysPresent)},
			{"AccountPasswordPresent", 1},
			{"AccountSigningCertificatesPresent", 0},
			{"AttachedPoliciesPerGroupQuota", q.PoliciesPerGroup},
			{"AttachedPoliciesPerRoleQuota", q.PoliciesPerRole},
			{"AttachedPoliciesPerUserQuota", q.PoliciesPerUser},
			{"Policies", len(s.Policies)},
			{"PoliciesQuota", q.Policies},
			{"PolicySizeQuota", q.ManagedPolicySize},
			{"PolicyVersionsInUse", versions},
			{"PolicyVersionsInUseQuota", policyVersionsInUseQuota},
			{"VersionsPerPolicyQuota", q.VersionsPerPolicy},
			{"GlobalEndpointTokenVersion", globalEndpointTokenVersion},
			{"AssumeRolePolicySizeQuota", q.TrustPolicySize},
			{"InstanceProfiles", len(s.InstanceProfiles)},
			{"InstanceProfilesQuota", instanceProfilesQuota},
			{"Providers", 0},
			{"RolePolicySizeQuota", q.RoleInlineSize},
			{"Roles", len(s.Roles)},
			{"RolesQuota", q.Roles},
		}
		w := &c.body
		w.open("SummaryMap")
		for _, e := range entries {
			w.open("entry")
			w.text("key", e.key)
			w.integer("value", e.val)
			w.close("entry")
		}
		w.close("SummaryMap")
		return nil
	})
}

// getCallerIdentity answers STS GetCallerIdentity: the account, and a
// caller that names this endpoint.
func getCallerIdentity(c *call) error {
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		who := c.who
		if who == nil {
			who = &caller{}
		}
		arn, id := who.identity(s)
		c.body.text("Arn", arn)
		c.body.text("UserId", id)
		c.body.text("Account", s.AccountID)
		return nil
	})
}
