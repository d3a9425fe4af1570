package memory

import (
	"context"
	"sync"

	"github.com/iamc/iamc/model"
)

// Read returns the whole account as a model.Account, a deep copy that the
// caller owns: every user, group, role and customer managed policy with
// ARNs and ids, memberships, attachments (as ARNs), inline policies,
// boundaries, tags, login profiles, credentials, policy versions (oldest
// first), the password policy and the alias (nil when there are none).
// Entities under AWS's reserved paths are included.
func (a *Account) Read(ctx context.Context) (*model.Account, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.closed {
		return nil, errClosed
	}
	return a.st.model(), nil
}

func (s *State) model() *model.Account {
	m := &model.Account{
		ID:       s.AccountID,
		Users:    make(map[string]*model.User, len(s.Users)),
		Groups:   make(map[string]*model.Group, len(s.Groups)),
		Roles:    make(map[string]*model.Role, len(s.Roles)),
		Policies: make(map[string]*model.ManagedPolicy, len(s.Policies)),
	}
	if s.Alias != "" {
		alias := s.Alias
		m.Alias = &alias
	}
	if s.PasswordPolicy != nil {
		pp := *s.PasswordPolicy
		m.PasswordPolicy = &pp
	}
	// Users on another goroutine: Read is on the path of every plan, and
	// the users are half its work.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for k, u := range s.Users {
			m.Users[k] = s.modelUser(u)
		}
	}()
	defer wg.Wait()
	for k, g := range s.Groups {
		m.Groups[k] = &model.Group{
			Name: g.Name, Path: g.Path, ARN: s.GroupARN(g), ID: g.ID,
			ManagedPolicies: cloneStrings(g.AttachedPolicies),
			InlinePolicies:  modelInline(g.InlinePolicies),
		}
	}
	profiles := map[string][]string{} // folded role name → profile names
	for _, ip := range s.SortedInstanceProfiles() {
		for _, r := range ip.Roles {
			f := model.Fold(r)
			profiles[f] = append(profiles[f], ip.Name)
		}
	}
	for k, r := range s.Roles {
		m.Roles[k] = s.modelRole(r, profiles[k])
	}
	s.modelInstanceProfiles(m)
	s.modelProviders(m)
	for k, p := range s.Policies {
		mp := &model.ManagedPolicy{
			Name: p.Name, Path: p.Path, ARN: s.PolicyARN(p), ID: p.ID,
			Description: p.Description, Tags: tagMap(p.Tags),
			Versions: make([]model.PolicyVersion, len(p.Versions)),
		}
		for i, v := range p.Versions {
			mp.Versions[i] = model.PolicyVersion{ID: v.ID, IsDefault: v.IsDefault}
			if v.IsDefault {
				mp.Document = cloneDoc(v.doc)
			} else {
				mp.Versions[i].Document = cloneDoc(v.doc)
			}
		}
		m.Policies[k] = mp
	}
	return m
}

func (s *State) modelUser(u *User) *model.User {
	mu := &model.User{
		Name: u.Name, Path: u.Path, ARN: s.UserARN(u), ID: u.ID,
		Groups:              cloneStrings(u.Groups),
		ManagedPolicies:     cloneStrings(u.AttachedPolicies),
		InlinePolicies:      modelInline(u.InlinePolicies),
		PermissionsBoundary: u.PermissionsBoundary,
		Tags:                tagMap(u.Tags),
	}
	if u.LoginProfile != nil {
		mu.LoginProfile = &model.LoginProfile{Enabled: true, PasswordResetRequired: u.LoginProfile.PasswordResetRequired}
	}
	c := &mu.Credentials
	for _, k := range u.AccessKeys {
		c.AccessKeys = append(c.AccessKeys, model.AccessKey{
			ID: k.ID, Active: k.Status == "Active", CreateDate: k.CreateDate,
			LastUsed: k.LastUsed.Date, LastUsedService: k.LastUsed.Service, LastUsedRegion: k.LastUsed.Region,
		})
	}
	for _, x := range u.SigningCertificates {
		c.SigningCertificates = append(c.SigningCertificates, x.ID)
	}
	for _, x := range u.SSHPublicKeys {
		c.SSHPublicKeys = append(c.SSHPublicKeys, x.ID)
	}
	for _, x := range u.ServiceSpecificCredentials {
		c.ServiceSpecificCredentials = append(c.ServiceSpecificCredentials, x.ID)
	}
	for _, d := range u.MFADevices {
		c.MFADevices = append(c.MFADevices, model.MFADevice{SerialNumber: d.SerialNumber, Virtual: d.Virtual})
	}
	return mu
}

func modelInline(list []InlinePolicy) []model.InlinePolicy {
	if len(list) == 0 {
		return nil
	}
	out := make([]model.InlinePolicy, len(list))
	for i := range list {
		out[i] = model.InlinePolicy{Name: list[i].Name, Document: cloneDoc(list[i].doc)}
	}
	return out
}

func cloneStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}
