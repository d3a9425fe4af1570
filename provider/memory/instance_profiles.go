package memory

import (
	"fmt"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// doInstanceProfile carries out the calls on instance profiles themselves;
// AddRoleToInstanceProfile and RemoveRoleFromInstanceProfile are in
// roles.go, with the roles they move.
func (a *Account) doInstanceProfile(o op.Op) error {
	switch o := o.(type) {
	case *op.CreateInstanceProfile:
		return a.createInstanceProfile(o)
	case *op.DeleteInstanceProfile:
		return a.deleteInstanceProfile(o)
	case *op.TagInstanceProfile:
		return a.withInstanceProfile(o.InstanceProfileName, func(ip *InstanceProfile) error { return a.tag(&ip.Tags, o.Tags, true) })
	case *op.UntagInstanceProfile:
		return a.withInstanceProfile(o.InstanceProfileName, func(ip *InstanceProfile) error { return untag(&ip.Tags, o.TagKeys, true) })
	}
	return &provider.Error{Code: provider.Unsupported, Message: "the memory account does not know the operation " + o.Action()}
}

func (a *Account) withInstanceProfile(name string, fn func(*InstanceProfile) error) error {
	ip := a.st.InstanceProfile(name)
	if ip == nil {
		return noSuchInstanceProfile(name)
	}
	return fn(ip)
}

func (a *Account) createInstanceProfile(o *op.CreateInstanceProfile) error {
	if err := checkName(kindInstanceProfile, o.InstanceProfileName); err != nil {
		return err
	}
	path := pathOr(o.Path)
	if err := checkNewPath(path); err != nil {
		return err
	}
	if ip := a.st.InstanceProfile(o.InstanceProfileName); ip != nil {
		return fail(provider.AlreadyExists, "Instance Profile %s already exists.", ip.Name)
	}
	if len(a.st.InstanceProfiles) >= model.InstanceProfilesPerAccount {
		return quota("InstanceProfilesPerAccount", model.InstanceProfilesPerAccount)
	}
	tags, err := mergeTags(nil, o.Tags, true, a.st.Quotas.TagsPerEntity)
	if err != nil {
		return err
	}
	a.st.InstanceProfiles[model.Fold(o.InstanceProfileName)] = &InstanceProfile{
		Name: o.InstanceProfileName, Path: path, ID: a.st.newID(instanceProfileIDPrefix), CreateDate: a.now(), Tags: tags,
	}
	return nil
}

func (a *Account) deleteInstanceProfile(o *op.DeleteInstanceProfile) error {
	ip := a.st.InstanceProfile(o.InstanceProfileName)
	if ip == nil {
		return noSuchInstanceProfile(o.InstanceProfileName)
	}
	if len(ip.Roles) > 0 {
		return conflict("Cannot delete entity, must remove roles from instance profile first.")
	}
	delete(a.st.InstanceProfiles, model.Fold(ip.Name))
	return nil
}

// modelInstanceProfiles adds the state's instance profiles to the model
// account m.
func (s *State) modelInstanceProfiles(m *model.Account) {
	for _, ip := range s.InstanceProfiles {
		mp := &model.InstanceProfile{Name: ip.Name, Path: ip.Path, ARN: s.InstanceProfileARN(ip), ID: ip.ID, Tags: tagMap(ip.Tags)}
		if len(ip.Roles) > 0 {
			mp.Role = ip.Roles[0]
		}
		m.AddInstanceProfile(mp)
	}
}

// seedInstanceProfiles adds the instance profiles of m, with their tags
// and roles, to the state being seeded; the roles are seeded already.
// It returns the name of the profile it fails on with the error.
func (s *State) seedInstanceProfiles(m *model.Account, now time.Time) (string, error) {
	for _, mp := range m.SortedInstanceProfiles() {
		checked := *mp
		checked.Path = pathOr(mp.Path)
		if err := model.CheckInstanceProfile(&checked); err != nil {
			return mp.Name, err
		}
		ip := s.InstanceProfile(mp.Name)
		if ip == nil {
			ip = &InstanceProfile{Name: mp.Name, ID: mp.ID, CreateDate: now}
			s.InstanceProfiles[model.Fold(mp.Name)] = ip
		}
		if mp.ID != "" {
			ip.ID = mp.ID
		} else if ip.ID == "" {
			ip.ID = s.newID(instanceProfileIDPrefix)
		}
		ip.Path = checked.Path
		ip.Tags = seedTags(mp.Tags)
		if mp.Role != "" {
			r := s.Role(mp.Role)
			if r == nil {
				return mp.Name, fmt.Errorf("its role %q does not exist", mp.Role)
			}
			if indexName(ip.Roles, r.Name) < 0 {
				ip.Roles = append(ip.Roles, r.Name)
			}
		}
	}
	return "", nil
}
