package memory

import (
	"fmt"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// FromModel returns an account in memory only, seeded with m: its users,
// groups, roles and customer managed policies with their memberships,
// attachments, inline policies, boundaries, tags, login profiles,
// credentials (access keys, certificates, SSH keys, service-specific
// credentials and MFA devices, by id), instance profiles and policy
// versions, and the password policy and alias. Ids are kept where m has
// them and made otherwise; documents are stored as their canonical JSON.
// A non-default policy version, whose document the model does not hold,
// gets the default version's document.
//
// Seeding checks names and references (a membership of a group that does
// not exist is an error) but not quotas, and it may create what customers
// cannot: entities under AWS's reserved paths, such as service-linked
// roles. AWS managed policy ARNs are taken as they are, and so are the
// principals of trust policies, even a user or role that does not exist.
//
// The account enforces model.DefaultQuotas; FromModelWithQuotas sets
// others.
func FromModel(m *model.Account) (*Account, error) {
	return FromModelWithQuotas(m, model.DefaultQuotas)
}

// FromModelWithQuotas is FromModel for an account that enforces the quotas
// q from then on (what m holds is not checked against them). Every quota
// must be positive.
func FromModelWithQuotas(m *model.Account, q model.Quotas) (*Account, error) {
	if m == nil {
		return nil, fmt.Errorf("seeding a memory account: no account given")
	}
	if err := q.Check(); err != nil {
		return nil, fmt.Errorf("seeding a memory account: %v", err)
	}
	id := m.ID
	if id == "" {
		id = model.DefaultAccountID
	}
	if !model.IsAccountID(id) {
		return nil, fmt.Errorf("seeding a memory account: account id %q is not 12 digits", id)
	}
	a := New(id)
	s := a.st
	s.Quotas = q
	now := a.now()
	if m.Alias != nil {
		if err := checkAlias(*m.Alias); err != nil {
			return nil, fmt.Errorf("seeding a memory account: %v", err)
		}
		s.Alias = *m.Alias
	}
	if m.PasswordPolicy != nil {
		pp := *m.PasswordPolicy
		s.PasswordPolicy = &pp
	}
	idOr := func(id, prefix string) string {
		if id != "" {
			return id
		}
		return s.newID(prefix)
	}
	errf := func(what, name string, err error) error {
		return fmt.Errorf("seeding a memory account: %s %q: %v", what, name, err)
	}

	for _, mp := range m.SortedPolicies() {
		if err := seedEntity(model.KindPolicy, mp.Name, mp.Path, s.Policies, func(x *Policy) string { return x.Name }); err != nil {
			return nil, errf("policy", mp.Name, err)
		}
		if mp.Document == nil {
			return nil, errf("policy", mp.Name, fmt.Errorf("no document"))
		}
		p := &Policy{
			Name: mp.Name, Path: pathOr(mp.Path), ID: idOr(mp.ID, policyIDPrefix),
			CreateDate: now, UpdateDate: now, Description: mp.Description, Tags: seedTags(mp.Tags),
		}
		doc := mp.Document.Clone()
		text := policy.CanonicalString(doc)
		versions := mp.Versions
		if len(versions) == 0 {
			versions = []model.PolicyVersion{{ID: "v1", IsDefault: true}}
		}
		for _, v := range versions {
			vdoc, vtext := doc, text
			if !v.IsDefault && v.Document != nil {
				vdoc = v.Document.Clone()
				vtext = policy.CanonicalString(vdoc)
			}
			p.Versions = append(p.Versions, PolicyVersion{ID: v.ID, Document: vtext, IsDefault: v.IsDefault, CreateDate: now, doc: vdoc})
		}
		p.NextVersion = 1
		for _, v := range p.Versions {
			if n, _ := model.ParseVersionID(v.ID); n >= p.NextVersion {
				p.NextVersion = n + 1
			}
		}
		if err := checkVersions(p); err != nil {
			return nil, errf("policy", mp.Name, err)
		}
		s.Policies[model.Fold(p.Name)] = p
	}
	for _, mg := range m.SortedGroups() {
		if err := seedEntity(model.KindGroup, mg.Name, mg.Path, s.Groups, func(x *Group) string { return x.Name }); err != nil {
			return nil, errf("group", mg.Name, err)
		}
		inline, err := seedInline(mg.InlinePolicies)
		if err != nil {
			return nil, errf("group", mg.Name, err)
		}
		s.Groups[model.Fold(mg.Name)] = &Group{
			Name: mg.Name, Path: pathOr(mg.Path), ID: idOr(mg.ID, groupIDPrefix), CreateDate: now,
			AttachedPolicies: cloneStrings(mg.ManagedPolicies), InlinePolicies: inline,
		}
	}
	for _, mu := range m.SortedUsers() {
		if err := seedEntity(model.KindUser, mu.Name, mu.Path, s.Users, func(x *User) string { return x.Name }); err != nil {
			return nil, errf("user", mu.Name, err)
		}
		inline, err := seedInline(mu.InlinePolicies)
		if err != nil {
			return nil, errf("user", mu.Name, err)
		}
		u := &User{
			Name: mu.Name, Path: pathOr(mu.Path), ID: idOr(mu.ID, userIDPrefix), CreateDate: now,
			Groups: cloneStrings(mu.Groups), AttachedPolicies: cloneStrings(mu.ManagedPolicies),
			InlinePolicies: inline, PermissionsBoundary: mu.PermissionsBoundary, Tags: seedTags(mu.Tags),
		}
		if mu.LoginProfile != nil && mu.LoginProfile.Enabled {
			u.LoginProfile = &LoginProfile{CreateDate: now, PasswordResetRequired: mu.LoginProfile.PasswordResetRequired}
		}
		c := mu.Credentials
		for _, k := range c.AccessKeys {
			u.AccessKeys = append(u.AccessKeys, seedAccessKey(k, now))
		}
		for _, x := range c.SigningCertificates {
			u.SigningCertificates = append(u.SigningCertificates, SigningCertificate{ID: x, Status: "Active", UploadDate: now})
		}
		for _, x := range c.SSHPublicKeys {
			u.SSHPublicKeys = append(u.SSHPublicKeys, SSHPublicKey{ID: x, Status: "Active", UploadDate: now})
		}
		for _, x := range c.ServiceSpecificCredentials {
			u.ServiceSpecificCredentials = append(u.ServiceSpecificCredentials, ServiceSpecificCredential{
				ID: x, ServiceName: "codecommit.amazonaws.com", ServiceUserName: u.Name + "-at-" + id, Status: "Active", CreateDate: now,
			})
		}
		for _, d := range c.MFADevices {
			if d.SerialNumber == "" {
				return nil, errf("user", mu.Name, fmt.Errorf("an MFA device has no serial number"))
			}
			u.MFADevices = append(u.MFADevices, MFADevice{SerialNumber: d.SerialNumber, Virtual: d.Virtual, EnableDate: now})
			if d.Virtual {
				if s.VirtualMFADevices[d.SerialNumber] != nil {
					return nil, errf("user", mu.Name, fmt.Errorf("virtual MFA device %q is enabled twice", d.SerialNumber))
				}
				s.VirtualMFADevices[d.SerialNumber] = &VirtualMFADevice{SerialNumber: d.SerialNumber, CreateDate: now, User: u.Name, EnableDate: now}
			}
		}
		s.Users[model.Fold(u.Name)] = u
	}
	for _, mr := range m.SortedRoles() {
		if err := seedEntity(model.KindRole, mr.Name, mr.Path, s.Roles, func(x *Role) string { return x.Name }); err != nil {
			return nil, errf("role", mr.Name, err)
		}
		r, err := seedRole(mr, idOr(mr.ID, roleIDPrefix), now)
		if err != nil {
			return nil, errf("role", mr.Name, err)
		}
		s.Roles[model.Fold(r.Name)] = r
		for _, name := range mr.InstanceProfiles {
			ip := s.InstanceProfile(name)
			if ip == nil {
				if err := model.CheckInstanceProfileName(name); err != nil {
					return nil, errf("role", mr.Name, fmt.Errorf("instance profile: %v", err))
				}
				ip = &InstanceProfile{Name: name, Path: "/", ID: s.newID(instanceProfileIDPrefix), CreateDate: now}
				s.InstanceProfiles[model.Fold(name)] = ip
			}
			ip.Roles = append(ip.Roles, r.Name)
		}
	}
	if name, err := s.seedInstanceProfiles(m, now); err != nil {
		return nil, errf("instance profile", name, err)
	}
	if err := s.seedProviders(m, now); err != nil {
		return nil, fmt.Errorf("seeding a memory account: %v", err)
	}
	if err := s.link(); err != nil {
		return nil, fmt.Errorf("seeding a memory account: %v", err)
	}
	s.buildIndex()
	return a, nil
}

func seedEntity[T any](kind model.Kind, name, path string, seen map[string]*T, nameOf func(*T) string) error {
	if err := model.CheckName(kind, name); err != nil {
		return err
	}
	if err := model.CheckPath(pathOr(path)); err != nil {
		return err
	}
	if prev := seen[model.Fold(name)]; prev != nil {
		return &model.DuplicateError{Kind: kind, First: nameOf(prev), Second: name}
	}
	return nil
}

func seedInline(list []model.InlinePolicy) ([]InlinePolicy, error) {
	if len(list) == 0 {
		return nil, nil
	}
	out := make([]InlinePolicy, 0, len(list))
	for _, p := range list {
		if err := model.CheckInlinePolicyName(p.Name); err != nil {
			return nil, err
		}
		if p.Document == nil {
			return nil, fmt.Errorf("inline policy %q has no document", p.Name)
		}
		if findInline(out, p.Name) >= 0 {
			return nil, fmt.Errorf("inline policy %q is listed twice", p.Name)
		}
		d := p.Document.Clone()
		out = append(out, InlinePolicy{Name: p.Name, Document: policy.CanonicalString(d), doc: d})
	}
	sortInline(out)
	return out, nil
}

func seedTags(t model.Tags) []Tag {
	if len(t) == 0 {
		return nil
	}
	out := make([]Tag, 0, len(t))
	for k, v := range t {
		out = append(out, Tag{Key: k, Value: v})
	}
	sortTags(out)
	return out
}
