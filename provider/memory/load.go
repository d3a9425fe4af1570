package memory

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// loadState checks a decoded state file and builds the state from it. Any
// inconsistency is an error: a damaged file is never silently repaired.
func loadState(f *stateFile) (*State, error) {
	if !model.IsAccountID(f.AccountID) {
		return nil, fmt.Errorf("account_id %q is not a 12-digit account id", f.AccountID)
	}
	if err := checkQuotas(f.Quotas); err != nil {
		return nil, err
	}
	if f.Alias != "" {
		if err := checkAlias(f.Alias); err != nil {
			return nil, fmt.Errorf("alias: %v", err)
		}
	}
	s := newState(f.AccountID, f.Quotas)
	s.Alias = f.Alias
	s.PasswordPolicy = f.PasswordPolicy
	s.NextID = f.Counters.IDs
	docs := docCache{}

	for _, p := range f.Policies {
		if p == nil {
			return nil, fmt.Errorf("policies: null entry")
		}
		if err := loadEntity(model.KindPolicy, p.Name, p.Path, p.ID, s.Policies); err != nil {
			return nil, err
		}
		if err := loadVersions(p, docs); err != nil {
			return nil, fmt.Errorf("policy %q: %v", p.Name, err)
		}
		s.Policies[model.Fold(p.Name)] = p
	}
	for _, g := range f.Groups {
		if g == nil {
			return nil, fmt.Errorf("groups: null entry")
		}
		if err := loadEntity(model.KindGroup, g.Name, g.Path, g.ID, s.Groups); err != nil {
			return nil, err
		}
		if err := docs.inline(g.InlinePolicies); err != nil {
			return nil, fmt.Errorf("group %q: %v", g.Name, err)
		}
		s.Groups[model.Fold(g.Name)] = g
	}
	for _, u := range f.Users {
		if u == nil {
			return nil, fmt.Errorf("users: null entry")
		}
		if err := loadEntity(model.KindUser, u.Name, u.Path, u.ID, s.Users); err != nil {
			return nil, err
		}
		if err := docs.inline(u.InlinePolicies); err != nil {
			return nil, fmt.Errorf("user %q: %v", u.Name, err)
		}
		s.Users[model.Fold(u.Name)] = u
	}
	for _, r := range f.Roles {
		if r == nil {
			return nil, fmt.Errorf("roles: null entry")
		}
		if err := loadEntity(model.KindRole, r.Name, r.Path, r.ID, s.Roles); err != nil {
			return nil, err
		}
		d, err := docs.parse(r.AssumeRolePolicy)
		if err != nil {
			return nil, fmt.Errorf("role %q: assume_role_policy: %v", r.Name, err)
		}
		r.trust = d
		if err := docs.inline(r.InlinePolicies); err != nil {
			return nil, fmt.Errorf("role %q: %v", r.Name, err)
		}
		if err := checkSessionDuration(r.MaxSessionDuration); err != nil {
			return nil, fmt.Errorf("role %q: %v", r.Name, err)
		}
		s.Roles[model.Fold(r.Name)] = r
	}
	for _, ip := range f.InstanceProfiles {
		if ip == nil {
			return nil, fmt.Errorf("instance_profiles: null entry")
		}
		if err := loadEntity(kindInstanceProfile, ip.Name, ip.Path, ip.ID, s.InstanceProfiles); err != nil {
			return nil, err
		}
		s.InstanceProfiles[model.Fold(ip.Name)] = ip
	}
	for _, d := range f.VirtualMFADevices {
		if d == nil || d.SerialNumber == "" {
			return nil, fmt.Errorf("virtual_mfa_devices: entry without a serial number")
		}
		if s.VirtualMFADevices[d.SerialNumber] != nil {
			return nil, fmt.Errorf("virtual MFA device %q is listed twice", d.SerialNumber)
		}
		s.VirtualMFADevices[d.SerialNumber] = d
	}
	if err := s.link(); err != nil {
		return nil, err
	}
	return s, nil
}

func checkQuotas(q model.Quotas) error {
	for _, f := range []struct {
		name string
		v    int
	}{
		{"users", q.Users}, {"groups", q.Groups}, {"roles", q.Roles}, {"policies", q.Policies},
		{"groups_per_user", q.GroupsPerUser}, {"policies_per_user", q.PoliciesPerUser},
		{"policies_per_group", q.PoliciesPerGroup}, {"policies_per_role", q.PoliciesPerRole},
		{"versions_per_policy", q.VersionsPerPolicy}, {"tags_per_entity", q.TagsPerEntity},
		{"user_inline_size", q.UserInlineSize}, {"group_inline_size", q.GroupInlineSize},
		{"role_inline_size", q.RoleInlineSize}, {"managed_policy_size", q.ManagedPolicySize},
		{"trust_policy_size", q.TrustPolicySize},
	} {
		if f.v <= 0 {
			return fmt.Errorf("quota %s is %d; quotas must be positive", f.name, f.v)
		}
	}
	return nil
}

// kindInstanceProfile names instance profiles in messages; they are no
// kind of the model.
const kindInstanceProfile model.Kind = "instance profile"

// loadEntity checks an entity's name, path and id, and that no other of
// its kind has the same name.
func loadEntity[T any](kind model.Kind, name, path, id string, seen map[string]*T) error {
	rule := kind
	if kind == kindInstanceProfile {
		rule = model.KindGroup // the same rules: 1 to 128 of IAM's name characters
	}
	if err := model.CheckName(rule, name); err != nil {
		return fmt.Errorf("%s %q: %v", kind, name, err)
	}
	if err := model.CheckPath(path); err != nil {
		return fmt.Errorf("%s %q: %v", kind, name, err)
	}
	if id == "" {
		return fmt.Errorf("%s %q has no id", kind, name)
	}
	if seen[model.Fold(name)] != nil {
		return fmt.Errorf("%s %q is listed twice (names are compared without regard to case)", kind, name)
	}
	return nil
}

// loadVersions checks a policy's versions and parses their documents.
func loadVersions(p *Policy, docs docCache) error {
	if len(p.Versions) == 0 {
		return fmt.Errorf("no versions")
	}
	defaults, max := 0, 0
	seen := map[string]bool{}
	for i := range p.Versions {
		v := &p.Versions[i]
		n, err := versionNumber(v.ID)
		if err != nil {
			return err
		}
		if seen[v.ID] {
			return fmt.Errorf("version %s is listed twice", v.ID)
		}
		seen[v.ID] = true
		if n > max {
			max = n
		}
		if v.IsDefault {
			defaults++
		}
		if v.doc, err = docs.parse(v.Document); err != nil {
			return fmt.Errorf("version %s: %v", v.ID, err)
		}
	}
	if defaults != 1 {
		return fmt.Errorf("%d default versions; a policy has exactly one", defaults)
	}
	if p.NextVersion <= max {
		return fmt.Errorf("next_version %d is not after the last version v%d", p.NextVersion, max)
	}
	return nil
}

// versionNumber reads a version id: v1, v2, ...
func versionNumber(id string) (int, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "v"))
	if err != nil || !strings.HasPrefix(id, "v") || n < 1 {
		return 0, fmt.Errorf("version id %q is not of the form v1, v2, ...", id)
	}
	return n, nil
}

// docCache parses each distinct document text once: accounts repeat
// documents (trust policies above all), and parsed documents are shared,
// never changed.
type docCache map[string]*policy.Document

func (c docCache) parse(text string) (*policy.Document, error) {
	if d, ok := c[text]; ok {
		return d, nil
	}
	d, err := policy.ParseJSON([]byte(text))
	if err != nil {
		return nil, err
	}
	c[text] = d
	return d, nil
}

func (c docCache) inline(list []InlinePolicy) error {
	for i := range list {
		p := &list[i]
		if err := model.CheckInlinePolicyName(p.Name); err != nil {
			return err
		}
		if i > 0 && list[i-1].Name >= p.Name {
			return fmt.Errorf("inline policies are not sorted by name or %q is listed twice", p.Name)
		}
		d, err := c.parse(p.Document)
		if err != nil {
			return fmt.Errorf("inline policy %q: %v", p.Name, err)
		}
		p.doc = d
	}
	return nil
}

// link checks the references between entities (memberships, attachments,
// boundaries, instance profiles, MFA devices), spells group names as the
// groups do, and derives the policies' usage counts.
func (s *State) link() error {
	for _, p := range s.Policies {
		p.Usage = PolicyUsage{}
	}
	clear(s.AWSPolicyUsage)
	attachments := func(what string, list []string) error {
		seen := map[string]bool{}
		for _, arn := range list {
			if err := s.checkPolicyRef(arn); err != nil {
				return fmt.Errorf("%s: %v", what, err)
			}
			if seen[arn] {
				return fmt.Errorf("%s: %s is attached twice", what, arn)
			}
			seen[arn] = true
			s.use(arn, 1, 0)
		}
		return nil
	}
	boundary := func(what, arn string) error {
		if arn == "" {
			return nil
		}
		if err := s.checkPolicyRef(arn); err != nil {
			return fmt.Errorf("%s: permissions boundary: %v", what, err)
		}
		s.use(arn, 0, 1)
		return nil
	}
	for _, u := range s.SortedUsers() {
		what := fmt.Sprintf("user %q", u.Name)
		seen := map[string]bool{}
		for i, name := range u.Groups {
			g := s.Group(name)
			if g == nil {
				return fmt.Errorf("%s is in group %q, which does not exist", what, name)
			}
			if seen[model.Fold(name)] {
				return fmt.Errorf("%s is in group %q twice", what, name)
			}
			seen[model.Fold(name)] = true
			u.Groups[i] = g.Name
		}
		if err := attachments(what, u.AttachedPolicies); err != nil {
			return err
		}
		if err := boundary(what, u.PermissionsBoundary); err != nil {
			return err
		}
		for _, d := range u.MFADevices {
			if !d.Virtual {
				continue
			}
			v := s.VirtualMFADevices[d.SerialNumber]
			if v == nil || model.Fold(v.User) != model.Fold(u.Name) {
				return fmt.Errorf("%s has virtual MFA device %q, which is not assigned to it", what, d.SerialNumber)
			}
		}
	}
	for _, g := range s.SortedGroups() {
		if err := attachments(fmt.Sprintf("group %q", g.Name), g.AttachedPolicies); err != nil {
			return err
		}
	}
	for _, r := range s.SortedRoles() {
		what := fmt.Sprintf("role %q", r.Name)
		if err := attachments(what, r.AttachedPolicies); err != nil {
			return err
		}
		if err := boundary(what, r.PermissionsBoundary); err != nil {
			return err
		}
	}
	for _, ip := range s.SortedInstanceProfiles() {
		if len(ip.Roles) > 1 {
			return fmt.Errorf("instance profile %q holds %d roles; IAM allows one", ip.Name, len(ip.Roles))
		}
		for i, name := range ip.Roles {
			r := s.Role(name)
			if r == nil {
				return fmt.Errorf("instance profile %q holds role %q, which does not exist", ip.Name, name)
			}
			ip.Roles[i] = r.Name
		}
	}
	for _, d := range s.SortedVirtualMFADevices() {
		if d.User == "" {
			continue
		}
		u := s.User(d.User)
		if u == nil {
			return fmt.Errorf("virtual MFA device %q is assigned to user %q, which does not exist", d.SerialNumber, d.User)
		}
		found := false
		for _, m := range u.MFADevices {
			found = found || m.SerialNumber == d.SerialNumber
		}
		if !found {
			return fmt.Errorf("virtual MFA device %q is assigned to user %q, who does not list it", d.SerialNumber, d.User)
		}
		d.User = u.Name
	}
	return nil
}

// checkPolicyRef checks an attached or boundary ARN: an AWS managed policy,
// or a customer managed policy of this account spelled as IAM spells it.
func (s *State) checkPolicyRef(arn string) error {
	if model.IsAWSManagedPolicyARN(arn) {
		return nil
	}
	p := s.PolicyByARN(arn)
	if p == nil {
		return fmt.Errorf("policy %s does not exist", arn)
	}
	if s.PolicyARN(p) != arn {
		return fmt.Errorf("policy %s is spelled %s", arn, s.PolicyARN(p))
	}
	return nil
}
