package model

import (
	"fmt"
	"strings"
)

// KindInstanceProfile is the kind of an instance profile: the container
// through which EC2 gives an instance a role. It is managed only when a
// configuration declares one (Account.ManagesInstanceProfiles).
const KindInstanceProfile Kind = "instance_profile"

// InstanceProfilesPerAccount is IAM's default quota of instance profiles,
// and RolesPerInstanceProfile its fixed limit of roles in one.
const (
	InstanceProfilesPerAccount = 1000
	RolesPerInstanceProfile    = 1
)

// InstanceProfile is an IAM instance profile. Role is the name of the
// role it holds, "" when it holds none (IAM allows one at most).
type InstanceProfile struct {
	Name string `json:"name"`
	Path string `json:"path"`
	ARN  string `json:"arn,omitempty"`
	ID   string `json:"id,omitempty"`
	Role string `json:"role,omitempty"`
	Tags Tags   `json:"tags,omitempty"`
}

// InstanceProfileAddr builds an instance profile's address.
func InstanceProfileAddr(name string) Address { return Address{KindInstanceProfile, name} }

// InstanceProfileARN builds an instance profile's ARN.
func InstanceProfileARN(accountID, path, name string) string {
	return ARN(accountID, "instance-profile", path, name)
}

// InstanceProfile returns the instance profile with the given name, or nil.
func (a *Account) InstanceProfile(name string) *InstanceProfile {
	return a.InstanceProfiles[Fold(name)]
}

// AddInstanceProfile adds or replaces ip (see AddUser).
func (a *Account) AddInstanceProfile(ip *InstanceProfile) {
	if a.InstanceProfiles == nil {
		a.InstanceProfiles = map[string]*InstanceProfile{}
	}
	a.InstanceProfiles[Fold(ip.Name)] = ip
}

// InsertInstanceProfile adds ip as InsertUser adds a user.
func (a *Account) InsertInstanceProfile(ip *InstanceProfile) error {
	if a.InstanceProfiles == nil {
		a.InstanceProfiles = map[string]*InstanceProfile{}
	}
	return insert(a.InstanceProfiles, KindInstanceProfile, ip.Name, ip, func(x *InstanceProfile) string { return x.Name })
}

// SortedInstanceProfiles returns the instance profiles ordered by folded
// name.
func (a *Account) SortedInstanceProfiles() []*InstanceProfile {
	return SortedValues(a.InstanceProfiles)
}

// ProfilesOfRole returns the names of the instance profiles that hold the
// named role, sorted by folded name.
func (a *Account) ProfilesOfRole(role string) []string {
	var out []string
	f := Fold(role)
	for _, ip := range a.SortedInstanceProfiles() {
		if ip.Role != "" && Fold(ip.Role) == f {
			out = append(out, ip.Name)
		}
	}
	return out
}

// CheckInstanceProfile checks an instance profile as read: its name, path
// and ARN, and the name of its role.
func CheckInstanceProfile(ip *InstanceProfile) error {
	if err := CheckInstanceProfileName(ip.Name); err != nil {
		return err
	}
	if err := CheckPath(ip.Path); err != nil {
		return err
	}
	if ip.ARN != "" {
		want := ":instance-profile" + ip.Path + ip.Name
		if !strings.HasPrefix(ip.ARN, "arn:") || !strings.HasSuffix(ip.ARN, want) {
			return fmt.Errorf("its ARN %s is not that of instance profile %q at path %s", ip.ARN, ip.Name, ip.Path)
		}
	}
	if ip.Role != "" {
		if err := CheckName(KindRole, ip.Role); err != nil {
			return fmt.Errorf("its role: %v", err)
		}
	}
	return nil
}
