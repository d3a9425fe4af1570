package iamapi

import (
	"slices"
	"sort"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

func getPolicy(c *call) error {
	arn, _, err := c.entityParam("PolicyArn", false)
	if err != nil {
		return err
	}
	return c.viewManaged(arn, func(s *memory.State, p *memory.Policy, aws *catalog.ManagedPolicy) error {
		c.body.open("Policy")
		if aws != nil {
			writeAWSPolicy(&c.body, s, aws)
		} else {
			writePolicy(&c.body, s, p, policyFull)
		}
		c.body.close("Policy")
		return nil
	})
}

// listedPolicy is a customer (p) or AWS (aws) managed policy in a list.
type listedPolicy struct {
	key string
	p   *memory.Policy
	aws *catalog.ManagedPolicy
}

func listPolicies(c *call) error {
	scope := c.f.str("Scope", false)
	onlyAttached := c.f.boolean("OnlyAttached")
	prefix := c.f.str("PathPrefix", false)
	usage := c.f.str("PolicyUsageFilter", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	switch scope {
	case "", "All", "AWS", "Local":
	default:
		return validation("1 validation error detected: Value '%s' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]", clip(scope))
	}
	if err := checkUsageFilter(usage); err != nil {
		return err
	}
	// used reports whether a policy with these counts passes OnlyAttached
	// and PolicyUsageFilter.
	used := func(u memory.PolicyUsage) bool {
		switch usage {
		case "PermissionsPolicy":
			return !onlyAttached || u.AttachmentCount > 0
		case "PermissionsBoundary":
			return !onlyAttached || u.PermissionsBoundaryUsageCount > 0
		}
		return !onlyAttached || u.AttachmentCount > 0
	}
	return c.view(func(s *memory.State) error {
		var list []listedPolicy
		if scope != "AWS" {
			for _, p := range s.SortedPolicies() {
				if underPath(p.Path, prefix) && used(p.Usage) && c.visible(model.KindPolicy, p.Name) {
					list = append(list, listedPolicy{key: model.Fold(p.Name) + "\x00" + s.PolicyARN(p), p: p})
				}
			}
		}
		if scope != "Local" {
			for _, mp := range awsPolicies(s, onlyAttached) {
				if underPath(mp.Path, prefix) && used(s.Usage(mp.ARN)) {
					list = append(list, listedPolicy{key: model.Fold(mp.Name) + "\x00" + mp.ARN, aws: mp})
				}
			}
		}
		sort.Slice(list, func(i, j int) bool { return list[i].key < list[j].key })
		paged(c, pg, "Policies", list, func(l listedPolicy) string { return l.key }, func(l listedPolicy) {
			if l.aws != nil {
				writeAWSPolicy(&c.body, s, l.aws)
			} else {
				writePolicy(&c.body, s, l.p, policyListed)
			}
		})
		return nil
	})
}

func checkUsageFilter(usage string) error {
	switch usage {
	case "", "PermissionsPolicy", "PermissionsBoundary":
		return nil
	}
	return validation("1 validation error detected: Value '%s' at 'policyUsageFilter' failed to satisfy constraint: Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]", clip(usage))
}

// awsPolicies returns AWS managed policies from the catalog: those the
// account uses (attached or as a boundary) when used is set, else all.
func awsPolicies(s *memory.State, used bool) []*catalog.ManagedPolicy {
	var out []*catalog.ManagedPolicy
	if used {
		for arn := range s.AWSPolicyUsage {
			if mp, ok := catalog.ManagedPolicyByARN(arn); ok {
				out = append(out, &mp)
			}
		}
		return out
	}
	for _, name := range catalog.ManagedPolicyNames() {
		if mp, ok := catalog.ManagedPolicyByName(name); ok {
			out = append(out, &mp)
		}
	}
	return out
}

func getPolicyVersion(c *call) error {
	arn := c.f.str("PolicyArn", true)
	id := c.f.str("VersionId", true)
	if e := c.f.done(); e != nil {
		return e
	}
	return c.viewManaged(arn, func(s *memory.State, p *memory.Policy, aws *catalog.ManagedPolicy) error {
		missing := noSuchEntity("Policy %s version %s does not exist or is not attachable.", arn, id)
		c.body.open("PolicyVersion")
		if aws != nil {
			if id != aws.VersionID {
				return missing
			}
			c.body.doc("Document", aws.Document)
			c.body.text("VersionId", aws.VersionID)
			c.body.boolean("IsDefaultVersion", true)
			c.body.date("CreateDate", catalogTime(aws.Updated))
		} else {
			v := p.Version(id)
			if v == nil {
				return missing
			}
			c.body.doc("Document", v.Document)
			c.body.text("VersionId", v.ID)
			c.body.boolean("IsDefaultVersion", v.IsDefault)
			c.body.date("CreateDate", v.CreateDate)
		}
		c.body.close("PolicyVersion")
		return nil
	})
}

// versionsNewestFirst returns a policy's versions in the order IAM lists
// them: the newest first.
func versionsNewestFirst(p *memory.Policy) []*memory.PolicyVersion {
	out := make([]*memory.PolicyVersion, len(p.Versions))
	for i := range p.Versions {
		out[i] = &p.Versions[i]
	}
	sort.SliceStable(out, func(i, j int) bool { return versionNum(out[i].ID) > versionNum(out[j].ID) })
	return out
}

func listPolicyVersions(c *call) error {
	arn, pg, err := c.entityParam("PolicyArn", true)
	if err != nil {
		return err
	}
	return c.viewManaged(arn, func(s *memory.State, p *memory.Policy, aws *catalog.ManagedPolicy) error {
		if aws != nil {
			lo, hi, next := pg.cut(1, indexKey)
			c.body.list("Versions", hi-lo, func(int) {
				c.body.text("VersionId", aws.VersionID)
				c.body.boolean("IsDefaultVersion", true)
				c.body.date("CreateDate", catalogTime(aws.Updated))
			})
			c.body.page(next)
			return nil
		}
		versions := versionsNewestFirst(p)
		lo, hi, next := pg.cut(len(versions), indexKey)
		c.body.list("Versions", hi-lo, func(i int) {
			v := versions[lo+i]
			c.body.text("VersionId", v.ID)
			c.body.boolean("IsDefaultVersion", v.IsDefault)
			c.body.date("CreateDate", v.CreateDate)
		})
		c.body.page(next)
		return nil
	})
}

func listPolicyTags(c *call) error {
	arn, pg, err := c.entityParam("PolicyArn", true)
	if err != nil {
		return err
	}
	return c.viewManaged(arn, func(s *memory.State, p *memory.Policy, _ *catalog.ManagedPolicy) error {
		var tags []memory.Tag
		if p != nil {
			tags = p.Tags
		}
		writeTagPage(c, pg, tags)
		return nil
	})
}

// policyEntity is a group, user or role in ListEntitiesForPolicy.
type policyEntity struct {
	key  string // kind digit and folded name: groups, then users, then roles
	kind model.Kind
	name string
	id   string
}

func listEntitiesForPolicy(c *call) error {
	arn := c.f.str("PolicyArn", true)
	filter := c.f.str("EntityFilter", false)
	prefix := c.f.str("PathPrefix", false)
	usage := c.f.str("PolicyUsageFilter", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	if err := checkEntityFilter(filter); err != nil {
		return err
	}
	if err := checkUsageFilter(usage); err != nil {
		return err
	}
	return c.viewManaged(arn, func(s *memory.State, p *memory.Policy, _ *catalog.ManagedPolicy) error {
		if p != nil {
			arn = s.PolicyARN(p) // as the entities hold it
		}
		uses := func(attached []string, boundary string) bool {
			att := slices.Contains(attached, arn)
			bnd := boundary == arn
			switch usage {
			case "PermissionsPolicy":
				return att
			case "PermissionsBoundary":
				return bnd
			}
			return att || bnd
		}
		want := func(k string) bool { return filter == "" || filter == k }
		var list []policyEntity
		if want("Group") {
			for _, g := range s.SortedGroups() {
				if underPath(g.Path, prefix) && uses(g.AttachedPolicies, "") && c.visible(model.KindGroup, g.Name) {
					list = append(list, policyEntity{"0" + model.Fold(g.Name), model.KindGroup, g.Name, g.ID})
				}
			}
		}
		if want("User") {
			for _, u := range s.SortedUsers() {
				if underPath(u.Path, prefix) && uses(u.AttachedPolicies, u.PermissionsBoundary) && c.visible(model.KindUser, u.Name) {
					list = append(list, policyEntity{"1" + model.Fold(u.Name), model.KindUser, u.Name, u.ID})
				}
			}
		}
		if want("Role") {
			for _, r := range s.SortedRoles() {
				if underPath(r.Path, prefix) && uses(r.AttachedPolicies, r.PermissionsBoundary) && c.visible(model.KindRole, r.Name) {
					list = append(list, policyEntity{"2" + model.Fold(r.Name), model.KindRole, r.Name, r.ID})
				}
			}
		}
		lo, hi, next := pg.cut(len(list), func(i int) string { return list[i].key })
		page := list[lo:hi]
		writeEntities := func(elem string, kind model.Kind, nameElem, idElem string) {
			var of []policyEntity
			for _, e := range page {
				if e.kind == kind {
					of = append(of, e)
				}
			}
			c.body.list(elem, len(of), func(i int) {
				c.body.text(nameElem, of[i].name)
				c.body.text(idElem, of[i].id)
			})
		}
		writeEntities("PolicyGroups", model.KindGroup, "GroupName", "GroupId")
		writeEntities("PolicyUsers", model.KindUser, "UserName", "UserId")
		writeEntities("PolicyRoles", model.KindRole, "RoleName", "RoleId")
		c.body.page(next)
		return nil
	})
}

// checkEntityFilter checks an EntityFilter value.
func checkEntityFilter(v string) error {
	switch v {
	case "", "User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy":
		return nil
	}
	return validation("1 validation error detected: Value '%s' at 'entityFilter' failed to satisfy constraint: Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]", clip(v))
}
