package memory

import (
	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// checkName checks an entity name as IAM does.
func checkName(k model.Kind, name string) error {
	if err := model.CheckName(k, name); err != nil {
		return invalid("%s.", english.Capitalize(err.Error()))
	}
	return nil
}

// checkNewPath checks the path of an entity a customer creates or moves:
// IAM's path rules, and none of the paths AWS keeps for itself.
func checkNewPath(path string) error {
	if err := model.CheckPath(path); err != nil {
		return invalid("%s.", english.Capitalize(err.Error()))
	}
	if model.IsReservedPath(path) {
		return invalid("The path %s is reserved for AWS; customers cannot create or move entities there.", path)
	}
	return nil
}

func pathOr(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

func (a *Account) createUser(o *op.CreateUser) error {
	if err := checkName(model.KindUser, o.UserName); err != nil {
		return err
	}
	path := pathOr(o.Path)
	if err := checkNewPath(path); err != nil {
		return err
	}
	if a.st.User(o.UserName) != nil {
		return fail(provider.AlreadyExists, "User with name %s already exists.", o.UserName)
	}
	if len(a.st.Users) >= a.st.Quotas.Users {
		return quota("UsersPerAccount", a.st.Quotas.Users)
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
	u := &User{Name: o.UserName, Path: path, ID: a.st.newID(userIDPrefix), CreateDate: a.now(), Tags: tags}
	if boundary != "" {
		u.PermissionsBoundary = boundary
		a.st.use(boundary, 0, 1)
	}
	a.st.Users[model.Fold(u.Name)] = u
	return nil
}

func (a *Account) updateUser(o *op.UpdateUser) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if o.NewPath != "" {
		if err := checkNewPath(o.NewPath); err != nil {
			return err
		}
	}
	if o.NewUserName != "" {
		if err := checkName(model.KindUser, o.NewUserName); err != nil {
			return err
		}
		if other := a.st.User(o.NewUserName); other != nil && other != u {
			return fail(provider.AlreadyExists, "User with name %s already exists.", o.NewUserName)
		}
	}
	from := a.st.UserARN(u)
	if o.NewPath != "" {
		u.Path = o.NewPath
	}
	if o.NewUserName != "" && o.NewUserName != u.Name {
		delete(a.st.Users, model.Fold(u.Name))
		for _, d := range a.st.VirtualMFADevices {
			if model.Fold(d.User) == model.Fold(u.Name) {
				d.User = o.NewUserName
			}
		}
		u.Name = o.NewUserName
		a.st.Users[model.Fold(u.Name)] = u
	}
	// The trust policies that name the user show its new ARN. A change of
	// case only leaves them as they were written.
	if to := a.st.UserARN(u); model.Fold(to) != model.Fold(from) {
		a.st.renamePrincipal(from, to)
	}
	return nil
}

func (a *Account) deleteUser(o *op.DeleteUser) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	switch {
	case u.LoginProfile != nil:
		return conflict("Cannot delete entity, must delete login profile first.")
	case len(u.AccessKeys) > 0:
		return conflict("Cannot delete entity, must delete access keys first.")
	case len(u.SigningCertificates) > 0:
		return conflict("Cannot delete entity, must delete signing certificates first.")
	case len(u.SSHPublicKeys) > 0:
		return conflict("Cannot delete entity, must delete SSH public keys first.")
	case len(u.ServiceSpecificCredentials) > 0:
		return conflict("Cannot delete entity, must delete service specific credentials first.")
	case len(u.MFADevices) > 0:
		return conflict("Cannot delete entity, must delete MFA device first.")
	case len(u.InlinePolicies) > 0:
		return conflict("Cannot delete entity, must delete policies first.")
	case len(u.AttachedPolicies) > 0:
		return conflict("Cannot delete entity, must detach all policies first.")
	case len(u.Groups) > 0:
		return conflict("Cannot delete entity, must remove user from all groups first.")
	}
	a.clearBoundary(&u.PermissionsBoundary)
	delete(a.st.Users, model.Fold(u.Name))
	// The trust policies that named the user now show its unique id.
	a.st.renamePrincipal(a.st.UserARN(u), u.ID)
	return nil
}

func (a *Account) tagUser(o *op.TagUser) error {
	return a.withUser(o.UserName, func(u *User) error { return a.tag(&u.Tags, o.Tags, true) })
}

func (a *Account) untagUser(o *op.UntagUser) error {
	return a.withUser(o.UserName, func(u *User) error { return untag(&u.Tags, o.TagKeys, true) })
}

// groupAndUser finds the group and the user a membership call names,
// the group first: a call naming neither fails on the group.
func (a *Account) groupAndUser(group, user string) (*Group, *User, error) {
	g := a.st.Group(group)
	if g == nil {
		return nil, nil, noSuchGroup(group)
	}
	u := a.st.User(user)
	if u == nil {
		return nil, nil, noSuchUser(user)
	}
	return g, u, nil
}

func (a *Account) addUserToGroup(o *op.AddUserToGroup) error {
	g, u, err := a.groupAndUser(o.GroupName, o.UserName)
	if err != nil {
		return err
	}
	if indexName(u.Groups, g.Name) >= 0 {
		return nil
	}
	if len(u.Groups) >= a.st.Quotas.GroupsPerUser {
		return quota("GroupsPerUser", a.st.Quotas.GroupsPerUser)
	}
	u.Groups = append(u.Groups, g.Name)
	return nil
}

func (a *Account) removeUserFromGroup(o *op.RemoveUserFromGroup) error {
	g, u, err := a.groupAndUser(o.GroupName, o.UserName)
	if err != nil {
		return err
	}
	i := indexName(u.Groups, g.Name)
	if i < 0 {
		return fail(provider.NotFound, "The user %s is not in group %s.", u.Name, g.Name)
	}
	removeAt(&u.Groups, i)
	return nil
}
