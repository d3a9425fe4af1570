package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/internal/english"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// instanceProfileSchema is an instance_profile block's: the role it
// holds (IAM allows one) and tags.
var instanceProfileSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "for_each"},
		{Name: "name"},
		{Name: "path"},
		{Name: "role"},
		{Name: "tags"},
	},
}

// arnResource is the kind's resource type in ARNs: instance-profile for
// instance profiles, the kind's name for the others.
func (k kind) arnResource() string {
	switch k {
	case kInstanceProfile:
		return "instance-profile"
	case kOIDCProvider:
		return "oidc-provider"
	case kSAMLProvider:
		return "saml-provider"
	}
	return kindNames[k]
}

func (ev *evaluator) compileInstanceProfile(in *instance, ctx *hcl.EvalContext) {
	ip := &model.InstanceProfile{Name: in.name, Path: in.path, ARN: in.arn}
	if a := in.e.content.Attributes["role"]; a != nil {
		// A string names a role the configuration does not declare (one
		// outside the manage scope); the planner checks that it exists.
		if v, diags := a.Expr.Value(ctx); !diags.HasErrors() && v.Type() == cty.String && v.IsWhollyKnown() && !v.IsNull() {
			name := v.AsString()
			if err := model.CheckName(model.KindRole, name); err != nil {
				ev.errorf(a.Expr.Range(), "Invalid role name", "%s.", english.Capitalize(err.Error()))
			} else if in := ev.l.byName[kRole][model.Fold(name)]; in != nil {
				ev.errorf(a.Expr.Range(), "Role named by a string", "The configuration declares the role %q as %s: refer to it as %s, so that the profile follows it.", name, in.addr(), in.addr())
			} else {
				ip.Role = name
			}
		} else if t, ok := ev.refOne(a.Expr, ctx, kRole, "role"); ok {
			ip.Role = t.in.name
		}
	}
	ip.Tags = ev.tags(in, ctx)
	in.profile = ip
}

// WarnEC2RoleWithoutProfile is the code of the warning about a role that
// trusts EC2 and that no declared instance profile holds: EC2 can give an
// instance a role only through an instance profile.
const WarnEC2RoleWithoutProfile = "ec2-role-without-profile"

// langWarningCodes are the warning codes this package reports itself,
// beside those of package policy.
var langWarningCodes = []string{WarnEC2RoleWithoutProfile, WarnOIDCMissingAud, WarnSAMLMissingAud}

// checkEC2Roles warns of the roles that trust ec2.amazonaws.com and that
// no declared instance profile holds. It runs once the account is built.
func (l *loader) checkEC2Roles() {
	held := map[string]bool{}
	for _, ip := range l.account.InstanceProfiles {
		if ip.Role != "" {
			held[model.Fold(ip.Role)] = true
		}
	}
	for _, e := range l.entityOrder[kRole] {
		for _, in := range e.instances {
			r := in.role
			if r == nil || held[model.Fold(r.Name)] || !trustsService(r.AssumeRolePolicy, "ec2.amazonaws.com") {
				continue
			}
			if in.ignore[WarnEC2RoleWithoutProfile] {
				continue
			}
			l.diags = append(l.diags, warningAt(e.block.DefRange, "Role for EC2 without an instance profile",
				"The role %q trusts ec2.amazonaws.com, but no declared instance profile holds it, and EC2 gives an instance a role only through an instance profile. Declare one: instance_profile %q { role = %s }, or silence this with ignore_warnings = [%q] on the role.",
				r.Name, e.label, in.addr(), WarnEC2RoleWithoutProfile))
		}
	}
}

// trustsService reports whether a trust policy allows sts:AssumeRole to
// the service principal svc.
func trustsService(d *policy.Document, svc string) bool {
	if d == nil {
		return false
	}
	for _, s := range d.Statements {
		if s.Effect != "Allow" || s.Principal == nil {
			continue
		}
		for _, id := range s.Principal.Entries["Service"] {
			if id == svc {
				return true
			}
		}
	}
	return false
}

// declareInstanceProfiles writes the instance profiles of acct inside
// scope for iamc import, each holding its role by reference when the
// role is declared too, else by name. roleLabel maps a declared role's
// folded name to its label.
func declareInstanceProfiles(files map[string][]byte, acct *model.Account, scope model.Scope, labels *labeler, roleLabel map[string]string) {
	var profiles []*model.InstanceProfile
	for _, ip := range acct.SortedInstanceProfiles() {
		if scope.Contains(ip.Path) {
			profiles = append(profiles, ip)
		}
	}
	writeBlocks(files, "instance_profiles.iam.hcl", "instance_profile", profiles, func(ip *model.InstanceProfile) (string, string, string) {
		return labels.label("instance_profile", ip.Name), ip.Name, ip.Path
	}, func(b *hclwrite.Body, ip *model.InstanceProfile) {
		if ip.Role != "" {
			if l, ok := roleLabel[model.Fold(ip.Role)]; ok {
				b.SetAttributeRaw("role", traversal("role", l))
			} else {
				b.SetAttributeValue("role", cty.StringVal(ip.Role))
			}
		}
		setTags(b, ip.Tags)
	})
}
