package memory

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// loadState checks a decoded state file and builds the state from it. Any
// inconsistency is an error: a damaged file is never silently repaired.
func loadState(f *stateFile) (*State, error) {
	if !model.IsAccountID(f.AccountID) {
		return nil, fmt.Errorf("account_id %q is not a 12-digit account id", f.AccountID)
	}
	if err := f.Quotas.Check(); err != nil {
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
	s.JournalSeq = f.Counters.Journal
	if f.Root != nil {
		s.Root = *f.Root
	}
	docs := &docLoader{}

	for _, p := range f.Policies {
		if p == nil {
			return nil, fmt.Errorf("policies: null entry")
		}
		if err := loadEntity(model.KindPolicy, p.Name, p.Path, p.ID, s.Policies, func(x *Policy) string { return x.Name }); err != nil {
			return nil, err
		}
		if err := checkVersions(p); err != nil {
			return nil, fmt.Errorf("policy %q: %v", p.Name, err)
		}
		for i := range p.Versions {
			v := &p.Versions[i]
			docs.add(v.Document, &v.doc, model.KindPolicy, p.Name, "version "+v.ID)
		}
		s.Policies[model.Fold(p.Name)] = p
	}
	for _, g := range f.Groups {
		if g == nil {
			return nil, fmt.Errorf("groups: null entry")
		}
		if err := loadEntity(model.KindGroup, g.Name, g.Path, g.ID, s.Groups, func(x *Group) string { return x.Name }); err != nil {
			return nil, err
		}
		if err := docs.inline(g.InlinePolicies, model.KindGroup, g.Name); err != nil {
			return nil, err
		}
		s.Groups[model.Fold(g.Name)] = g
	}
	for _, u := range f.Users {
		if u == nil {
			return nil, fmt.Errorf("users: null entry")
		}
		if err := loadEntity(model.KindUser, u.Name, u.Path, u.ID, s.Users, func(x *User) string { return x.Name }); err != nil {
			return nil, err
		}
		if err := docs.inline(u.InlinePolicies, model.KindUser, u.Name); err != nil {
			return nil, err
		}
		s.Users[model.Fold(u.Name)] = u
	}
	for _, r := range f.Roles {
		if r == nil {
			return nil, fmt.Errorf("roles: null entry")
		}
		if err := loadEntity(model.KindRole, r.Name, r.Path, r.ID, s.Roles, func(x *Role) string { return x.Name }); err != nil {
			return nil, err
		}
		docs.add(r.AssumeRolePolicy, &r.trust, model.KindRole, r.Name, "assume_role_policy")
		if err := docs.inline(r.InlinePolicies, model.KindRole, r.Name); err != nil {
			return nil, err
		}
		if err := checkRole(r); err != nil {
			return nil, fmt.Errorf("role %q: %v", r.Name, err)
		}
		s.Roles[model.Fold(r.Name)] = r
	}
	for _, ip := range f.InstanceProfiles {
		if ip == nil {
			return nil, fmt.Errorf("instance_profiles: null entry")
		}
		if err := loadEntity(kindInstanceProfile, ip.Name, ip.Path, ip.ID, s.InstanceProfiles, func(x *InstanceProfile) string { return x.Name }); err != nil {
			return nil, err
		}
		s.InstanceProfiles[model.Fold(ip.Name)] = ip
	}
	if err := s.loadProviders(f); err != nil {
		return nil, err
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
	if err := docs.run(); err != nil {
		return nil, err
	}
	s.buildIndex()
	return s, nil
}

// kindInstanceProfile names instance profiles in messages; they are no
// kind of the model.
const kindInstanceProfile model.Kind = "instance profile"

// loadEntity checks an entity's name, path and id, and that no other of
// its kind has the same name (nameOf gives the name of one seen before).
func loadEntity[T any](kind model.Kind, name, path, id string, seen map[string]*T, nameOf func(*T) string) error {
	check := func(name string) error { return model.CheckName(kind, name) }
	if kind == kindInstanceProfile {
		check = model.CheckInstanceProfileName
	}
	if err := check(name); err != nil {
		return fmt.Errorf("%s %q: %v", kind, name, err)
	}
	if err := model.CheckPath(path); err != nil {
		return fmt.Errorf("%s %q: %v", kind, name, err)
	}
	if id == "" {
		return fmt.Errorf("%s %q has no id", kind, name)
	}
	if prev := seen[model.Fold(name)]; prev != nil {
		return &model.DuplicateError{Kind: kind, First: nameOf(prev), Second: name}
	}
	return nil
}

// checkVersions checks a policy's versions: ids, one default, and a next
// version number after them all.
func checkVersions(p *Policy) error {
	if len(p.Versions) == 0 {
		return fmt.Errorf("no versions")
	}
	defaults, max := 0, 0
	seen := map[string]bool{}
	for i := range p.Versions {
		v := &p.Versions[i]
		n, ok := model.ParseVersionID(v.ID)
		if !ok {
			return fmt.Errorf("version id %q is not of the form v1, v2, ...", v.ID)
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
	}
	if defaults != 1 {
		return fmt.Errorf("%d default versions; a policy has exactly one", defaults)
	}
	if p.NextVersion <= max {
		return fmt.Errorf("next_version %d is not after the last version v%d", p.NextVersion, max)
	}
	return nil
}

// docLoader parses the documents of a state file: each distinct text
// once (accounts repeat documents, trust policies above all; parsed
// documents are shared, never changed), on every CPU.
type docLoader struct {
	jobs []docJob
}

type docJob struct {
	text string
	dst  **policy.Document
	// For errors: the entity, which of its documents, and the inline
	// policy's name if it is one.
	kind       model.Kind
	name, part string
	inline     string
}

func (l *docLoader) add(text string, dst **policy.Document, kind model.Kind, name, part string) {
	l.jobs = append(l.jobs, docJob{text: text, dst: dst, kind: kind, name: name, part: part})
}

// inline checks an entity's inline policies (names, order) and adds their
// documents.
func (l *docLoader) inline(list []InlinePolicy, kind model.Kind, entity string) error {
	for i := range list {
		p := &list[i]
		if err := model.CheckInlinePolicyName(p.Name); err != nil {
			return fmt.Errorf("%s %q: %v", kind, entity, err)
		}
		if i > 0 && list[i-1].Name >= p.Name {
			return fmt.Errorf("%s %q: inline policies are not sorted by name or %q is listed twice", kind, entity, p.Name)
		}
		l.jobs = append(l.jobs, docJob{text: p.Document, dst: &p.doc, kind: kind, name: entity, inline: p.Name})
	}
	return nil
}

// run parses the documents and stores them; the error names the first
// document, in file order, that does not parse.
func (l *docLoader) run() error {
	index := make(map[string]int, len(l.jobs))
	var texts []string
	for _, j := range l.jobs {
		if _, ok := index[j.text]; !ok {
			index[j.text] = len(texts)
			texts = append(texts, j.text)
		}
	}
	docs := make([]*policy.Document, len(texts))
	errs := make([]error, len(texts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(texts)/64)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(texts) {
					return
				}
				docs[i], errs[i] = policy.ParseJSON([]byte(texts[i]))
			}
		}()
	}
	wg.Wait()
	for _, j := range l.jobs {
		i := index[j.text]
		if errs[i] != nil {
			part := j.part
			if j.inline != "" {
				part = fmt.Sprintf("inline policy %q", j.inline)
			}
			return fmt.Errorf("%s %q: %s: %v", j.kind, j.name, part, errs[i])
		}
		*j.dst = docs[i]
	}
	return nil
}

// link checks the references between entities (memberships, attachments,
// boundaries, instance profiles, MFA devices), spells group names as the
// groups do, and derives the policies' usage counts.
func (s *State) link() error {
	byARN := make(map[string]*Policy, len(s.Policies))
	for _, p := range s.Policies {
		p.Usage = PolicyUsage{}
		byARN[s.PolicyARN(p)] = p
	}
	clear(s.AWSPolicyUsage)
	// count checks an attached or boundary ARN (an AWS managed policy, or
	// a customer managed policy of this account spelled as IAM spells it)
	// and counts the use.
	count := func(arn string, attach, boundary int) error {
		if model.IsAWSManagedPolicyARN(arn) {
			s.use(arn, attach, boundary)
			return nil
		}
		p := byARN[arn]
		if p == nil {
			if p := s.PolicyByARN(arn); p != nil {
				return fmt.Errorf("policy %s is spelled %s", arn, s.PolicyARN(p))
			}
			return fmt.Errorf("policy %s does not exist", arn)
		}
		p.Usage.AttachmentCount += attach
		p.Usage.PermissionsBoundaryUsageCount += boundary
		return nil
	}
	attachments := func(kind model.Kind, name string, list []string) error {
		for i, arn := range list {
			if err := count(arn, 1, 0); err != nil {
				return fmt.Errorf("%s %q: %v", kind, name, err)
			}
			for _, prev := range list[:i] {
				if prev == arn {
					return fmt.Errorf("%s %q: %s is attached twice", kind, name, arn)
				}
			}
		}
		return nil
	}
	boundary := func(kind model.Kind, name, arn string) error {
		if arn == "" {
			return nil
		}
		if err := count(arn, 0, 1); err != nil {
			return fmt.Errorf("%s %q: permissions boundary: %v", kind, name, err)
		}
		return nil
	}
	for _, u := range s.SortedUsers() {
		seen := map[string]bool{}
		for i, name := range u.Groups {
			g := s.Group(name)
			if g == nil {
				return fmt.Errorf("user %q is in group %q, which does not exist", u.Name, name)
			}
			if seen[model.Fold(name)] {
				return fmt.Errorf("user %q is in group %q twice", u.Name, name)
			}
			seen[model.Fold(name)] = true
			u.Groups[i] = g.Name
		}
		if err := attachments(model.KindUser, u.Name, u.AttachedPolicies); err != nil {
			return err
		}
		if err := boundary(model.KindUser, u.Name, u.PermissionsBoundary); err != nil {
			return err
		}
		for _, d := range u.MFADevices {
			if !d.Virtual {
				continue
			}
			v := s.VirtualMFADevices[d.SerialNumber]
			if v == nil || model.Fold(v.User) != model.Fold(u.Name) {
				return fmt.Errorf("user %q has virtual MFA device %q, which is not assigned to it", u.Name, d.SerialNumber)
			}
		}
	}
	for _, g := range s.SortedGroups() {
		if err := attachments(model.KindGroup, g.Name, g.AttachedPolicies); err != nil {
			return err
		}
	}
	for _, r := range s.SortedRoles() {
		if err := attachments(model.KindRole, r.Name, r.AttachedPolicies); err != nil {
			return err
		}
		if err := boundary(model.KindRole, r.Name, r.PermissionsBoundary); err != nil {
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
