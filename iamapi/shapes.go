package iamapi

import (
	"hash/fnv"
	"time"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// The shapes of IAM's answers, written in the order of AWS's API model.

// writeUser writes a User's elements. full adds what ListUsers leaves out
// (the permissions boundary and the tags), as GetUser and CreateUser
// return them.
func writeUser(w *xmlw, s *memory.State, u *memory.User, full bool) {
	w.text("Path", u.Path)
	w.text("UserName", u.Name)
	w.text("UserId", u.ID)
	w.text("Arn", s.UserARN(u))
	w.date("CreateDate", u.CreateDate)
	w.optDate("PasswordLastUsed", u.PasswordLastUsed)
	if full {
		writeBoundary(w, u.PermissionsBoundary)
		writeTags(w, u.Tags)
	}
}

// writeGroup writes a Group's elements.
func writeGroup(w *xmlw, s *memory.State, g *memory.Group) {
	w.text("Path", g.Path)
	w.text("GroupName", g.Name)
	w.text("GroupId", g.ID)
	w.text("Arn", s.GroupARN(g))
	w.date("CreateDate", g.CreateDate)
}

// roleShape says which of a Role's elements an answer carries.
type roleShape int

const (
	// roleListed is ListRoles' Role: no boundary, tags or last use.
	roleListed roleShape = iota
	// roleCreated is CreateRole's Role: with boundary and tags.
	roleCreated
	// roleFull is GetRole's Role: everything, with its RoleLastUsed.
	roleFull
	// roleInProfile is the Role inside an instance profile.
	roleInProfile
)

// writeRole writes a Role's elements.
func writeRole(w *xmlw, s *memory.State, r *memory.Role, shape roleShape) {
	w.text("Path", r.Path)
	w.text("RoleName", r.Name)
	w.text("RoleId", r.ID)
	w.text("Arn", s.RoleARN(r))
	w.date("CreateDate", r.CreateDate)
	w.doc("AssumeRolePolicyDocument", r.AssumeRolePolicy)
	if shape == roleInProfile {
		return
	}
	w.opt("Description", r.Description)
	w.integer("MaxSessionDuration", r.MaxSessionDuration)
	if shape == roleListed {
		return
	}
	writeBoundary(w, r.PermissionsBoundary)
	writeTags(w, r.Tags)
	if shape == roleFull {
		writeRoleLastUsed(w, r)
	}
}

// writeBoundary writes a PermissionsBoundary element, if arn is set.
func writeBoundary(w *xmlw, arn string) {
	if arn == "" {
		return
	}
	w.open("PermissionsBoundary")
	w.text("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
	w.text("PermissionsBoundaryArn", arn)
	w.close("PermissionsBoundary")
}

// writeTags writes a Tags element, if there are tags.
func writeTags(w *xmlw, tags []memory.Tag) {
	if len(tags) == 0 {
		return
	}
	writeTagList(w, tags)
}

// writeTagList writes a Tags element, empty or not (List*Tags answers).
func writeTagList(w *xmlw, tags []memory.Tag) {
	w.list("Tags", len(tags), func(i int) {
		w.text("Key", tags[i].Key)
		w.text("Value", tags[i].Value)
	})
}

// policyShape says which of a customer managed Policy's elements an answer
// carries.
type policyShape int

const (
	// policyListed is ListPolicies' Policy: no description or tags.
	policyListed policyShape = iota
	// policyFull is GetPolicy's and CreatePolicy's Policy: with the
	// description and the tags.
	policyFull
	// policyDetail is the head of GetAccountAuthorizationDetails'
	// ManagedPolicyDetail: with the description, no tags.
	policyDetail
)

// writePolicy writes a customer managed Policy's elements.
func writePolicy(w *xmlw, s *memory.State, p *memory.Policy, shape policyShape) {
	def := ""
	if v := p.DefaultVersion(); v != nil {
		def = v.ID
	}
	w.text("PolicyName", p.Name)
	w.text("PolicyId", p.ID)
	w.text("Arn", s.PolicyARN(p))
	w.text("Path", p.Path)
	w.text("DefaultVersionId", def)
	w.integer("AttachmentCount", p.Usage.AttachmentCount)
	w.integer("PermissionsBoundaryUsageCount", p.Usage.PermissionsBoundaryUsageCount)
	w.boolean("IsAttachable", true)
	if shape != policyListed {
		w.opt("Description", p.Description)
	}
	w.date("CreateDate", p.CreateDate)
	w.date("UpdateDate", p.UpdateDate)
	if shape == policyFull {
		writeTags(w, p.Tags)
	}
}

// writeAWSPolicy writes an AWS managed Policy's elements, from the
// catalog and the account's use of it.
func writeAWSPolicy(w *xmlw, s *memory.State, p *catalog.ManagedPolicy) {
	u := s.Usage(p.ARN)
	w.text("PolicyName", p.Name)
	w.text("PolicyId", awsPolicyID(p.ARN))
	w.text("Arn", p.ARN)
	w.text("Path", p.Path)
	w.text("DefaultVersionId", p.VersionID)
	w.integer("AttachmentCount", u.AttachmentCount)
	w.integer("PermissionsBoundaryUsageCount", u.PermissionsBoundaryUsageCount)
	w.boolean("IsAttachable", true)
	w.date("CreateDate", catalogTime(p.Created))
	w.date("UpdateDate", catalogTime(p.Updated))
}

// writeLoginProfile writes a LoginProfile element.
func writeLoginProfile(w *xmlw, u *memory.User) {
	w.open("LoginProfile")
	w.text("UserName", u.Name)
	w.date("CreateDate", u.LoginProfile.CreateDate)
	w.boolean("PasswordResetRequired", u.LoginProfile.PasswordResetRequired)
	w.close("LoginProfile")
}

// writeInstanceProfile writes an InstanceProfile's elements with its
// role.
func writeInstanceProfile(w *xmlw, s *memory.State, ip *memory.InstanceProfile) {
	w.text("Path", ip.Path)
	w.text("InstanceProfileName", ip.Name)
	w.text("InstanceProfileId", ip.ID)
	w.text("Arn", s.InstanceProfileARN(ip))
	w.date("CreateDate", ip.CreateDate)
	var roles []*memory.Role
	for _, name := range ip.Roles {
		if r := s.Role(name); r != nil {
			roles = append(roles, r)
		}
	}
	w.list("Roles", len(roles), func(i int) { writeRole(w, s, roles[i], roleInProfile) })
	writeTags(w, ip.Tags)
}

// writeAttached writes an AttachedPolicies-shaped list of policy ARNs.
func writeAttached(w *xmlw, name string, arns []string) {
	w.list(name, len(arns), func(i int) {
		w.text("PolicyName", policyNameOf(arns[i]))
		w.text("PolicyArn", arns[i])
	})
}

// writeInline writes a list of inline policies with their URL-encoded
// documents (GetAccountAuthorizationDetails' UserPolicyList and the like).
func writeInline(w *xmlw, name string, list []memory.InlinePolicy) {
	w.list(name, len(list), func(i int) {
		w.text("PolicyName", list[i].Name)
		w.doc("PolicyDocument", list[i].Document)
	})
}

// policyNameOf is the name in a managed policy's ARN.
func policyNameOf(arn string) string {
	if pa, err := model.ParseEntityARN(arn); err == nil {
		return pa.Name
	}
	return arn
}

// awsPolicyID is the unique id given to an AWS managed policy: ANPA and
// 17 characters that follow from its ARN, so that it is the same in every
// account and run.
func awsPolicyID(arn string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	h := fnv.New64a()
	h.Write([]byte(arn))
	x := h.Sum64()
	h.Write([]byte{0})
	y := h.Sum64()
	b := []byte("ANPA")
	for i := 0; i < 12; i++ {
		b = append(b, alphabet[x&31])
		x >>= 5
	}
	for i := 0; i < 5; i++ {
		b = append(b, alphabet[y&31])
		y >>= 5
	}
	return string(b)
}

// catalogTime reads the catalog's RFC 3339 dates; a date missing from the
// catalog is the day AWS managed policies appeared.
func catalogTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Date(2015, 2, 6, 18, 39, 46, 0, time.UTC)
	}
	return t
}
