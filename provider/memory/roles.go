package memory

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
)

// isProtected reports whether only AWS may change the role: a
// service-linked role or another role under AWS's reserved paths.
func isProtected(r *Role) bool { return model.IsReservedPath(r.Path) }

// trustDocument checks a trust policy as CreateRole and
// UpdateAssumeRolePolicy do: its grammar, its size, and that the users
// and roles of the account it names exist (principals.go).
func (a *Account) trustDocument(text string) (*policy.Document, error) {
	d, err := parseDocument(text, trustPolicy)
	if err != nil {
		return nil, err
	}
	if docSize(text) > a.st.Quotas.TrustPolicySize {
		return nil, quota("ACLSizePerRole", a.st.Quotas.TrustPolicySize)
	}
	if err := a.st.checkPrincipals(d); err != nil {
		return nil, err
	}
	return d, nil
}

func checkDescription(d string) error {
	if n := utf8.RuneCountInString(d); n > model.MaxDescriptionLen {
		return invalid("The description is %d characters long; the maximum is %d.", n, model.MaxDescriptionLen)
	}
	return nil
}

// checkRoleDescription adds the characters IAM takes in a role's
// description (a policy's has no such pattern).
func checkRoleDescription(d string) error {
	if err := checkDescription(d); err != nil {
		return err
	}
	if i, c, bad := model.BadRoleDescriptionChar(d); bad {
		return invalid("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: %s (%q at character %d)", model.RoleDescriptionPattern, c, i)
	}
	return nil
}

func checkSessionDuration(d int) error {
	if r := model.SessionDuration; !r.Contains(d) {
		return invalid("The maximum session duration %d is out of range; it must be between %d and %d seconds.", d, r.Min, r.Max)
	}
	return nil
}

// checkRole checks a role's settings as CreateRole does: its description
// and its maximum session duration. A role loaded from the state file or
// seeded from a model is checked with it too.
func checkRole(r *Role) error {
	if err := checkRoleDescription(r.Description); err != nil {
		return err
	}
	return checkSessionDuration(r.MaxSessionDuration)
}

// seedRole makes the state's role of a model role (Seed), its maximum
// session duration IAM's default when the model has none, checked as
// CreateRole checks a role.
func seedRole(mr *model.Role, id string, now time.Time) (*Role, error) {
	if mr.AssumeRolePolicy == nil {
		return nil, fmt.Errorf("no trust policy")
	}
	inline, err := seedInline(mr.InlinePolicies)
	if err != nil {
		return nil, err
	}
	trust := mr.AssumeRolePolicy.Clone()
	r := &Role{
		Name: mr.Name, Path: pathOr(mr.Path), ID: id, CreateDate: now,
		Description: mr.Description, MaxSessionDuration: model.EffectiveSessionDuration(mr.MaxSessionDuration),
		AssumeRolePolicy: policy.CanonicalString(trust), trust: trust,
		AttachedPolicies: cloneStrings(mr.ManagedPolicies), InlinePolicies: inline,
		PermissionsBoundary: mr.PermissionsBoundary, Tags: seedTags(mr.Tags),
	}
	if err := checkRole(r); err != nil {
		return nil, err
	}
	return r, nil
}

// modelRole is the model's copy of a role (Read), in the given instance
// profiles.
func (s *State) modelRole(r *Role, profiles []string) *model.Role {
	return &model.Role{
		Name: r.Name, Path: r.Path, ARN: s.RoleARN(r), ID: r.ID,
		Description: r.Description, MaxSessionDuration: r.MaxSessionDuration,
		AssumeRolePolicy:    cloneDoc(r.trust),
		ManagedPolicies:     cloneStrings(r.AttachedPolicies),
		InlinePolicies:      modelInline(r.InlinePolicies),
		PermissionsBoundary: r.PermissionsBoundary,
		Tags:                tagMap(r.Tags),
		InstanceProfiles:    profiles,
	}
}

func (a *Account) createRole(o *op.CreateRole) error {
	if err := checkName(model.KindRole, o.RoleName); err != nil {
		return err
	}
	path := pathOr(o.Path)
	if err := checkNewPath(path); err != nil {
		return err
	}
	settings := &Role{Description: o.Description, MaxSessionDuration: model.EffectiveSessionDuration(o.MaxSessionDuration)}
	if err := checkRole(settings); err != nil {
		return err
	}
	if a.st.Role(o.RoleName) != nil {
		return fail(provider.AlreadyExists, "Role with name %s already exists.", o.RoleName)
	}
	if len(a.st.Roles) >= a.st.Quotas.Roles {
		return quota("RolesPerAccount", a.st.Quotas.Roles)
	}
	trust, err := a.trustDocument(o.AssumeRolePolicyDocument)
	if err != nil {
		return err
	}
	tags, err := mergeTags(nil, o.Tags, true, a.st.Quotas.TagsPerEntity)
	if err != nil {
		return err
	}
	boundary := ""
	if o.PermissionsBoundary != "" {
		if boundary, err = a.managedPolicy(o.PermissionsBoundary); err != nil {
			return err
		}
	}
	r := &Role{
		Name: o.RoleName, Path: path, ID: a.st.newID(roleIDPrefix), CreateDate: a.now(),
		Description: settings.Description, MaxSessionDuration: settings.MaxSessionDuration, Tags: tags,
	}
	a.st.setTrust(r, o.AssumeRolePolicyDocument, trust)
	if boundary != "" {
		r.PermissionsBoundary = boundary
		a.st.use(boundary, 0, 1)
	}
	a.st.Roles[model.Fold(r.Name)] = r
	return nil
}

func (a *Account) updateRole(o *op.UpdateRole) error {
	return a.withRole(o.RoleName, true, func(r *Role) error {
		if o.Description != nil {
			if err := checkRoleDescription(*o.Description); err != nil {
				return err
			}
		}
		if o.MaxSessionDuration != 0 {
			if err := checkSessionDuration(o.MaxSessionDuration); err != nil {
				return err
			}
			r.MaxSessionDuration = o.MaxSessionDuration
		}
		if o.Description != nil {
			r.Description = *o.Description
		}
		return nil
	})
}

func (a *Account) updateAssumeRolePolicy(o *op.UpdateAssumeRolePolicy) error {
	return a.withRole(o.RoleName, true, func(r *Role) error {
		trust, err := a.trustDocument(o.PolicyDocument)
		if err != nil {
			return err
		}
		a.st.setTrust(r, o.PolicyDocument, trust)
		return nil
	})
}

func (a *Account) deleteRole(o *op.DeleteRole) error {
	return a.withRole(o.RoleName, true, func(r *Role) error {
		switch {
		case len(a.st.RoleInstanceProfiles(r.Name)) > 0:
			return conflict("Cannot delete entity, must remove roles from instance profile first.")
		case len(r.InlinePolicies) > 0:
			return conflict("Cannot delete entity, must delete policies first.")
		case len(r.AttachedPolicies) > 0:
			return conflict("Cannot delete entity, must detach all policies first.")
		}
		a.clearBoundary(&r.PermissionsBoundary)
		a.st.index(r, false)
		delete(a.st.Roles, model.Fold(r.Name))
		// The trust policies that named the role now show its unique id.
		a.st.renamePrincipal(a.st.RoleARN(r), r.ID)
		return nil
	})
}

func (a *Account) tagRole(o *op.TagRole) error {
	return a.withRole(o.RoleName, false, func(r *Role) error { return a.tag(&r.Tags, o.Tags, true) })
}

func (a *Account) untagRole(o *op.UntagRole) error {
	return a.withRole(o.RoleName, false, func(r *Role) error { return untag(&r.Tags, o.TagKeys, true) })
}

func noSuchInstanceProfile(name string) error {
	return fail(provider.NotFound, "Instance Profile %s cannot be found.", name)
}

// profileAndRole finds the instance profile and the role a call names,
// the instance profile first: a call naming neither fails on the profile.
func (a *Account) profileAndRole(profile, role string) (*InstanceProfile, *Role, error) {
	ip := a.st.InstanceProfile(profile)
	if ip == nil {
		return nil, nil, noSuchInstanceProfile(profile)
	}
	r := a.st.Role(role)
	if r == nil {
		return nil, nil, noSuchRole(role)
	}
	return ip, r, nil
}

func (a *Account) removeRoleFromInstanceProfile(o *op.RemoveRoleFromInstanceProfile) error {
	ip, r, err := a.profileAndRole(o.InstanceProfileName, o.RoleName)
	if err != nil {
		return err
	}
	i := indexName(ip.Roles, r.Name)
	if i < 0 {
		return fail(provider.NotFound, "The role %s is not in instance profile %s.", r.Name, ip.Name)
	}
	removeAt(&ip.Roles, i)
	return nil
}

// addRoleToInstanceProfile puts a role into an instance profile, which can
// hold one role.
func (a *Account) addRoleToInstanceProfile(o *op.AddRoleToInstanceProfile) error {
	ip, r, err := a.profileAndRole(o.InstanceProfileName, o.RoleName)
	if err != nil {
		return err
	}
	if len(ip.Roles) > 0 {
		return quota("InstanceSessionsPerInstanceProfile", 1)
	}
	ip.Roles = []string{r.Name}
	return nil
}
