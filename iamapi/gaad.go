package iamapi

import (
	"sort"
	"strconv"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// The sections of GetAccountAuthorizationDetails, in the order IAM pages
// through them; each is also an EntityType of Filter.
var gaadSections = [...]string{"User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy"}

// gaadItem is one entry of the whole answer: its section, its sort key
// within the answer, and the entity.
type gaadItem struct {
	key string
	u   *memory.User
	g   *memory.Group
	r   *memory.Role
	p   *memory.Policy
	aws *catalog.ManagedPolicy
}

// getAccountAuthorizationDetails answers GAAD: users, groups, roles and
// managed policies (the customer managed ones, and the AWS managed ones
// the account uses), each with everything IAM returns for it, documents
// URL-encoded. A page holds up to MaxItems entries across the sections.
func getAccountAuthorizationDetails(c *call) error {
	filters := c.f.list("Filter", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	want := map[string]bool{}
	for _, f := range filters {
		if !validSection(f) {
			return validation("1 validation error detected: Value '[%s]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [LocalManagedPolicy, Group, Role, User, AWSManagedPolicy]]", clip(f))
		}
		want[f] = true
	}
	all := len(want) == 0
	return c.view(func(s *memory.State) error {
		var items []gaadItem
		key := func(section int, name string) string { return strconv.Itoa(section) + model.Fold(name) }
		if all || want["User"] {
			for _, u := range s.SortedUsers() {
				if c.visible(model.KindUser, u.Name) {
					items = append(items, gaadItem{key: key(0, u.Name), u: u})
				}
			}
		}
		if all || want["Group"] {
			for _, g := range s.SortedGroups() {
				if c.visible(model.KindGroup, g.Name) {
					items = append(items, gaadItem{key: key(1, g.Name), g: g})
				}
			}
		}
		if all || want["Role"] {
			for _, r := range s.SortedRoles() {
				if c.visible(model.KindRole, r.Name) {
					items = append(items, gaadItem{key: key(2, r.Name), r: r})
				}
			}
		}
		if all || want["LocalManagedPolicy"] {
			for _, p := range s.SortedPolicies() {
				if c.visible(model.KindPolicy, p.Name) {
					items = append(items, gaadItem{key: key(3, p.Name), p: p})
				}
			}
		}
		if all || want["AWSManagedPolicy"] {
			aws := awsPolicies(s, true)
			sort.Slice(aws, func(i, j int) bool { return aws[i].ARN < aws[j].ARN })
			for _, mp := range aws {
				items = append(items, gaadItem{key: "4" + mp.ARN, aws: mp})
			}
		}
		lo, hi, next := pg.cut(len(items), func(i int) string { return items[i].key })
		page := items[lo:hi]
		w := &c.body
		writeSection := func(name string, has func(gaadItem) bool, write func(gaadItem)) {
			w.open(name)
			for _, it := range page {
				if has(it) {
					w.open("member")
					write(it)
					w.close("member")
				}
			}
			w.close(name)
		}
		writeSection("UserDetailList", func(it gaadItem) bool { return it.u != nil }, func(it gaadItem) { writeUserDetail(w, s, it.u) })
		writeSection("GroupDetailList", func(it gaadItem) bool { return it.g != nil }, func(it gaadItem) { writeGroupDetail(w, s, it.g) })
		writeSection("RoleDetailList", func(it gaadItem) bool { return it.r != nil }, func(it gaadItem) { writeRoleDetail(w, s, it.r) })
		writeSection("Policies", func(it gaadItem) bool { return it.p != nil || it.aws != nil }, func(it gaadItem) {
			if it.aws != nil {
				writeAWSPolicyDetail(w, s, it.aws)
			} else {
				writePolicyDetail(w, s, it.p)
			}
		})
		w.page(next)
		return nil
	})
}

func validSection(s string) bool {
	for _, x := range gaadSections {
		if x == s {
			return true
		}
	}
	return false
}

func writeUserDetail(w *xmlw, s *memory.State, u *memory.User) {
	w.text("Path", u.Path)
	w.text("UserName", u.Name)
	w.text("UserId", u.ID)
	w.text("Arn", s.UserARN(u))
	w.date("CreateDate", u.CreateDate)
	writeInline(w, "UserPolicyList", u.InlinePolicies)
	groups := make([]string, 0, len(u.Groups))
	for _, name := range u.Groups {
		if g := s.Group(name); g != nil {
			groups = append(groups, g.Name)
		}
	}
	w.strings("GroupList", groups)
	writeAttached(w, "AttachedManagedPolicies", u.AttachedPolicies)
	writeBoundary(w, u.PermissionsBoundary)
	writeTags(w, u.Tags)
}

func writeGroupDetail(w *xmlw, s *memory.State, g *memory.Group) {
	w.text("Path", g.Path)
	w.text("GroupName", g.Name)
	w.text("GroupId", g.ID)
	w.text("Arn", s.GroupARN(g))
	w.date("CreateDate", g.CreateDate)
	writeInline(w, "GroupPolicyList", g.InlinePolicies)
	writeAttached(w, "AttachedManagedPolicies", g.AttachedPolicies)
}

// writeRoleDetail writes a RoleDetail.
func writeRoleDetail(w *xmlw, s *memory.State, r *memory.Role) {
	w.text("Path", r.Path)
	w.text("RoleName", r.Name)
	w.text("RoleId", r.ID)
	w.text("Arn", s.RoleARN(r))
	w.date("CreateDate", r.CreateDate)
	w.doc("AssumeRolePolicyDocument", r.AssumeRolePolicy)
	ips := s.RoleInstanceProfiles(r.Name)
	w.list("InstanceProfileList", len(ips), func(i int) { writeInstanceProfile(w, s, ips[i]) })
	writeInline(w, "RolePolicyList", r.InlinePolicies)
	writeAttached(w, "AttachedManagedPolicies", r.AttachedPolicies)
	writeBoundary(w, r.PermissionsBoundary)
	writeTags(w, r.Tags)
	if !r.LastUsedDate.IsZero() {
		writeRoleLastUsed(w, r)
	}
}

func writePolicyDetail(w *xmlw, s *memory.State, p *memory.Policy) {
	writePolicy(w, s, p, policyDetail)
	versions := versionsNewestFirst(p)
	w.list("PolicyVersionList", len(versions), func(i int) {
		v := versions[i]
		w.doc("Document", v.Document)
		w.text("VersionId", v.ID)
		w.boolean("IsDefaultVersion", v.IsDefault)
		w.date("CreateDate", v.CreateDate)
	})
}

// writeAWSPolicyDetail writes an AWS managed policy's detail with its
// default version, the only one the catalog holds.
func writeAWSPolicyDetail(w *xmlw, s *memory.State, p *catalog.ManagedPolicy) {
	writeAWSPolicy(w, s, p)
	w.list("PolicyVersionList", 1, func(int) {
		w.doc("Document", p.Document)
		w.text("VersionId", p.VersionID)
		w.boolean("IsDefaultVersion", true)
		w.date("CreateDate", catalogTime(p.Updated))
	})
}
