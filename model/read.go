package model

import (
	"fmt"
)

// The checks of this file are for an account as a provider read it: what
// is read is checked like a configuration, because a plan made against a
// misread account acts on the wrong entities (an entity read without its
// name is planned for deletion beside a create of the declared one). Each
// error is a sentence about the entity; the provider says which call
// answered it and which entity it is.

// CheckUser checks a user as read: its name, path and ARN, the names of
// its groups, the ARNs of its attached policies and boundary, and its
// inline policies.
func CheckUser(u *User) error {
	if err := checkEntity(KindUser, u.Name, u.Path, u.ARN); err != nil {
		return err
	}
	seen := map[string]string{}
	for _, g := range u.Groups {
		if err := CheckName(KindGroup, g); err != nil {
			return fmt.Errorf("its groups: %v", err)
		}
		if prev, ok := seen[Fold(g)]; ok {
			return fmt.Errorf("it is in group %q and in group %q, which are one group to IAM", prev, g)
		}
		seen[Fold(g)] = g
	}
	return checkHeld(u.ManagedPolicies, u.PermissionsBoundary, u.InlinePolicies)
}

// CheckGroup checks a group as read: its name, path and ARN, the ARNs of
// its attached policies and its inline policies.
func CheckGroup(g *Group) error {
	if err := checkEntity(KindGroup, g.Name, g.Path, g.ARN); err != nil {
		return err
	}
	return checkHeld(g.ManagedPolicies, "", g.InlinePolicies)
}

// CheckRole checks a role as read: its name, path and ARN, its trust
// policy, the ARNs of its attached policies and boundary, its inline
// policies and the names of its instance profiles.
func CheckRole(r *Role) error {
	if err := checkEntity(KindRole, r.Name, r.Path, r.ARN); err != nil {
		return err
	}
	if r.AssumeRolePolicy == nil {
		return fmt.Errorf("it has no trust policy")
	}
	for _, ip := range r.InstanceProfiles {
		if err := CheckInstanceProfileName(ip); err != nil {
			return fmt.Errorf("its instance profiles: %v", err)
		}
	}
	return checkHeld(r.ManagedPolicies, r.PermissionsBoundary, r.InlinePolicies)
}

// CheckPolicy checks a customer managed policy as read: its name, path
// and ARN (of this account, not AWS's), its document and its versions.
func CheckPolicy(p *ManagedPolicy) error {
	if err := checkEntity(KindPolicy, p.Name, p.Path, p.ARN); err != nil {
		return err
	}
	if p.Document == nil {
		return fmt.Errorf("it has no document")
	}
	seen := map[string]bool{}
	defaults := 0
	for _, v := range p.Versions {
		if v.ID == "" {
			return fmt.Errorf("it has a version without an id")
		}
		if seen[v.ID] {
			return fmt.Errorf("its version %s is there twice", v.ID)
		}
		seen[v.ID] = true
		if v.IsDefault {
			defaults++
		}
	}
	if len(p.Versions) > 0 && defaults != 1 {
		return fmt.Errorf("it has %d default versions; a policy has exactly one", defaults)
	}
	return nil
}

// checkEntity checks an entity's name and path, and that its ARN, when
// there is one, is the ARN of an entity of that kind, name and path in an
// account (not AWS's).
func checkEntity(k Kind, name, path, arn string) error {
	if err := CheckName(k, name); err != nil {
		return err
	}
	if err := CheckPath(path); err != nil {
		return err
	}
	if arn == "" {
		return nil
	}
	a, err := ParseEntityARN(arn)
	if err != nil {
		return fmt.Errorf("its ARN: %v", err)
	}
	switch {
	case a.Resource != string(k):
		return fmt.Errorf("its ARN %s is the ARN of a %s, not of a %s", arn, a.Resource, k)
	case a.Account == "aws":
		return fmt.Errorf("its ARN %s is AWS's, not an account's", arn)
	case a.Name != name || a.Path != path:
		return fmt.Errorf("its ARN %s names %s %q at path %s, not %q at path %s", arn, k, a.Name, a.Path, name, path)
	}
	return nil
}

// checkHeld checks what a user, group or role holds: the ARNs of its
// attached policies and of its boundary, and its inline policies' names
// (two that differ only in case are one policy to iamc, as to the
// configuration) and documents.
func checkHeld(attached []string, boundary string, inline []InlinePolicy) error {
	for _, arn := range attached {
		if err := checkPolicyARN(arn); err != nil {
			return fmt.Errorf("its attached policies: %v", err)
		}
	}
	if boundary != "" {
		if err := checkPolicyARN(boundary); err != nil {
			return fmt.Errorf("its permissions boundary: %v", err)
		}
	}
	seen := map[string]string{}
	for _, p := range inline {
		if err := CheckInlinePolicyName(p.Name); err != nil {
			return fmt.Errorf("its inline policies: %v", err)
		}
		if prev, ok := seen[Fold(p.Name)]; ok {
			return fmt.Errorf("its inline policies %q and %q differ only in case", prev, p.Name)
		}
		seen[Fold(p.Name)] = p.Name
		if p.Document == nil {
			return fmt.Errorf("its inline policy %q has no document", p.Name)
		}
	}
	return nil
}

// checkPolicyARN checks the ARN of a managed policy, AWS's or an
// account's.
func checkPolicyARN(arn string) error {
	a, err := ParseEntityARN(arn)
	if err != nil {
		return err
	}
	if a.Resource != "policy" {
		return fmt.Errorf("%s is the ARN of a %s, not of a managed policy", arn, a.Resource)
	}
	return nil
}
