package memory

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

func (a *Account) createGroup(o *op.CreateGroup) error {
	if err := checkName(model.KindGroup, o.GroupName); err != nil {
		return err
	}
	path := pathOr(o.Path)
	if err := checkNewPath(path); err != nil {
		return err
	}
	if a.st.Group(o.GroupName) != nil {
		return fail(provider.AlreadyExists, "Group with name %s already exists.", o.GroupName)
	}
	if len(a.st.Groups) >= a.st.Quotas.Groups {
		return quota("GroupsPerAccount", a.st.Quotas.Groups)
	}
	g := &Group{Name: o.GroupName, Path: path, ID: a.st.newID(groupIDPrefix), CreateDate: a.now()}
	a.st.Groups[model.Fold(g.Name)] = g
	return nil
}

// updateGroup renames a group or moves it to another path. Its members,
// policies and id stay.
func (a *Account) updateGroup(o *op.UpdateGroup) error {
	g := a.st.Group(o.GroupName)
	if g == nil {
		return noSuchGroup(o.GroupName)
	}
	if o.NewPath != "" {
		if err := checkNewPath(o.NewPath); err != nil {
			return err
		}
	}
	if o.NewGroupName != "" {
		if err := checkName(model.KindGroup, o.NewGroupName); err != nil {
			return err
		}
		if other := a.st.Group(o.NewGroupName); other != nil && other != g {
			return fail(provider.AlreadyExists, "Group with name %s already exists.", o.NewGroupName)
		}
	}
	if o.NewPath != "" {
		g.Path = o.NewPath
	}
	if o.NewGroupName != "" && o.NewGroupName != g.Name {
		old := model.Fold(g.Name)
		for _, u := range a.st.Users {
			for i, name := range u.Groups {
				if model.Fold(name) == old {
					u.Groups[i] = o.NewGroupName
				}
			}
		}
		delete(a.st.Groups, old)
		g.Name = o.NewGroupName
		a.st.Groups[model.Fold(g.Name)] = g
	}
	return nil
}

func (a *Account) deleteGroup(o *op.DeleteGroup) error {
	g := a.st.Group(o.GroupName)
	if g == nil {
		return noSuchGroup(o.GroupName)
	}
	f := model.Fold(g.Name)
	for _, u := range a.st.Users {
		for _, name := range u.Groups {
			if model.Fold(name) == f {
				return conflict("Cannot delete entity, must remove users from group first.")
			}
		}
	}
	switch {
	case len(g.InlinePolicies) > 0:
		return conflict("Cannot delete entity, must delete policies first.")
	case len(g.AttachedPolicies) > 0:
		return conflict("Cannot delete entity, must detach all policies first.")
	}
	delete(a.st.Groups, f)
	return nil
}
