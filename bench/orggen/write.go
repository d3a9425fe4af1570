package orggen

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/iamc/iamc/model"
)

func (g *gen) writeAccount(b *bytes.Buffer) {
	b.WriteString(`# The account-wide settings of the generated organisation.
iamc {
  manage = ["/"]
`)
	// Raised quotas, where the sizes pass a new account's.
	var raised []string
	for _, q := range []struct {
		name     string
		n, quota int
	}{{"groups", g.s.Groups, model.DefaultQuotas.Groups}, {"roles", g.s.Roles, model.DefaultQuotas.Roles}, {"policies", g.s.Policies, model.DefaultQuotas.Policies}} {
		if q.n > q.quota {
			raised = append(raised, fmt.Sprintf("    %s = %d\n", q.name, q.n))
		}
	}
	if len(raised) > 0 {
		b.WriteString("  quotas {\n" + strings.Join(raised, "") + "  }\n")
	}
	b.WriteString(`}

account {
  alias = "example-org-prod"
}

password_policy {
  minimum_length                 = 14
  require_uppercase              = true
  require_lowercase              = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
  max_password_age               = 90
  password_reuse_prevention      = 24
}

locals {
  org_tags = {
    owner       = "platform"
    cost-center = "cc-1000"
  }
}
`)
}

func path(t team) string { return "/" + t.dept + "/" + t.name + "/" }

// statement is one statement of a generated document.
type statement struct {
	sid       string
	actions   []string
	resources []string
}

// statements makes 1 to 3 statements of real actions for a team; with
// readOnly, of actions that read and list only.
func (g *gen) statements(t team, readOnly bool) []statement {
	most := g.shape.Statements
	if most == 0 {
		most = 3
	}
	n := g.between(1, most)
	out := make([]statement, 0, n)
	used := map[string]bool{}
	for len(out) < n {
		var rg *resourceGroup
		if g.rng.IntN(5) == 0 {
			rg = &g.acts.global[g.rng.IntN(len(g.acts.global))]
		} else {
			rg = &g.acts.groups[g.rng.IntN(len(g.acts.groups))]
		}
		sid := sidOf(rg.level, rg.service, rg.resource)
		if used[sid] || readOnly && rg.level == "Write" {
			continue
		}
		used[sid] = true
		st := statement{sid: sid}
		for _, i := range g.distinct(g.between(1, 6), len(rg.actions)) {
			st.actions = append(st.actions, rg.actions[i])
		}
		if rg.resource == "*" {
			st.resources = []string{"*"}
		} else {
			for k := range g.between(1, 3) {
				st.resources = append(st.resources, g.resourceARN(rg.arn, t, fmt.Sprintf("%s%d", rg.resource, k+1)))
			}
		}
		out = append(out, st)
	}
	return out
}

// sidOf makes a statement id of letters and digits: ReadS3Bucket.
func sidOf(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		up := true
		for _, r := range p {
			switch {
			case r >= 'a' && r <= 'z':
				if up {
					r -= 'a' - 'A'
				}
				up = false
			case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
				up = false
			default:
				up = true
				continue
			}
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "All"
	}
	return b.String()
}

func list(items []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	b.WriteByte(']')
	return b.String()
}

func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = quote(s)
	}
	return list(q)
}

// writeStatements writes statement blocks, indented by ind.
func writeStatements(b *bytes.Buffer, ind string, sts []statement) {
	for _, st := range sts {
		fmt.Fprintf(b, "%sstatement {\n", ind)
		fmt.Fprintf(b, "%s  sid = %s\n", ind, quote(st.sid))
		fmt.Fprintf(b, "%s  actions = %s\n", ind, quotedList(st.actions))
		fmt.Fprintf(b, "%s  resources = %s\n", ind, quotedList(st.resources))
		fmt.Fprintf(b, "%s}\n", ind)
	}
}

// writeJSONDocument writes document = jsonencode({...}).
func writeJSONDocument(b *bytes.Buffer, ind string, sts []statement) {
	fmt.Fprintf(b, "%sdocument = jsonencode({\n", ind)
	fmt.Fprintf(b, "%s  Version = \"2012-10-17\"\n", ind)
	fmt.Fprintf(b, "%s  Statement = [\n", ind)
	for _, st := range sts {
		fmt.Fprintf(b, "%s    {\n", ind)
		fmt.Fprintf(b, "%s      Sid = %s\n", ind, quote(st.sid))
		fmt.Fprintf(b, "%s      Effect = \"Allow\"\n", ind)
		fmt.Fprintf(b, "%s      Action = %s\n", ind, quotedList(st.actions))
		fmt.Fprintf(b, "%s      Resource = %s\n", ind, quotedList(st.resources))
		fmt.Fprintf(b, "%s    },\n", ind)
	}
	fmt.Fprintf(b, "%s  ]\n", ind)
	fmt.Fprintf(b, "%s})\n", ind)
}

func (g *gen) writePolicy(b *bytes.Buffer, i int) {
	p := g.policies[i]
	fmt.Fprintf(b, "\npolicy %s {\n", quote(p.label))
	fmt.Fprintf(b, "  path = %s\n", quote(path(p.team)))
	fmt.Fprintf(b, "  description = %s\n", quote(fmt.Sprintf("The %s team's %s policy (%s)", p.team.name, strings.SplitN(p.label, "-", 3)[1], p.team.dept)))
	fmt.Fprintf(b, "  tags = merge(local.org_tags, { team = %s })\n", quote(p.team.name))
	purpose := strings.SplitN(p.label, "-", 3)[1]
	sts := g.statements(p.team, purpose == "read" || purpose == "reports" || purpose == "debug")
	if p.json {
		writeJSONDocument(b, "  ", sts)
	} else {
		writeStatements(b, "  ", sts)
	}
	b.WriteString("}\n")
}

func (g *gen) writeGroup(b *bytes.Buffer, i int) {
	gp := g.groups[i]
	fmt.Fprintf(b, "\ngroup %s {\n", quote(gp.label))
	fmt.Fprintf(b, "  path = %s\n", quote(path(gp.team)))
	fmt.Fprintf(b, "  policies = %s\n", list(gp.policies))
	if gp.inline {
		b.WriteString("  inline_policy \"deny-delete\" {\n")
		b.WriteString("    statement {\n")
		b.WriteString("      effect = \"Deny\"\n")
		b.WriteString("      actions = [\"s3:DeleteBucket\", \"dynamodb:DeleteTable\", \"rds:DeleteDBInstance\"]\n")
		b.WriteString("      resources = [\"*\"]\n")
		b.WriteString("    }\n")
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
}

func (g *gen) writeUser(b *bytes.Buffer, i int) {
	u := g.users[i]
	refs := make([]string, len(u.groups))
	for j, gi := range u.groups {
		refs[j] = "group." + g.groups[gi].label
	}
	if u.badGroup {
		refs[len(refs)-1] += "x"
	}
	fmt.Fprintf(b, "\nuser %s {\n", quote(u.label))
	fmt.Fprintf(b, "  name = %s\n", quote(u.name))
	fmt.Fprintf(b, "  path = %s\n", quote("/people/"+u.team.dept+"/"))
	fmt.Fprintf(b, "  groups = %s\n", list(refs))
	fmt.Fprintf(b, "  tags = { team = %s, email = %s }\n", quote(u.team.name), quote(u.name+"@example.com"))
	if u.boundary != "" {
		fmt.Fprintf(b, "  permissions_boundary = %s\n", u.boundary)
	}
	if u.direct != "" {
		fmt.Fprintf(b, "  policies = [%s]\n", u.direct)
	}
	if u.console {
		b.WriteString("  console_access {\n    password_reset_required = true\n  }\n")
	}
	if u.inline {
		b.WriteString("  ignore_warnings = [\"direct-user-policy\"]\n")
		b.WriteString("  inline_policy \"own-objects\" {\n")
		b.WriteString("    statement {\n")
		b.WriteString("      actions = [\"s3:GetObject\", \"s3:PutObject\"]\n")
		fmt.Fprintf(b, "      resources = [\"arn:aws:s3:::%s-home/%s/*\"]\n", u.team.name, u.name)
		b.WriteString("    }\n")
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
}

func (g *gen) writeRole(b *bytes.Buffer, i int) {
	r := g.roles[i]
	fmt.Fprintf(b, "\nrole %s {\n", quote(r.label))
	fmt.Fprintf(b, "  path = %s\n", quote(path(r.team)))
	fmt.Fprintf(b, "  description = %s\n", quote(fmt.Sprintf("%s of the %s team", strings.SplitN(r.label, "-", 3)[1], r.team.name)))
	if r.session != 3600 {
		fmt.Fprintf(b, "  max_session_duration = %d\n", r.session)
	}
	b.WriteString("  trust {\n    statement {\n      actions = [\"sts:AssumeRole\"]\n")
	switch {
	case r.service != "":
		fmt.Fprintf(b, "      principals {\n        type = \"Service\"\n        identifiers = [%s]\n      }\n", quote(r.service))
	case r.assumer >= 0:
		fmt.Fprintf(b, "      principals {\n        type = \"AWS\"\n        identifiers = [role.%s.arn]\n      }\n", g.roles[r.assumer].label)
	default:
		b.WriteString("      principals {\n        type = \"AWS\"\n        identifiers = [\"arn:aws:iam::${account.id}:root\"]\n      }\n")
		fmt.Fprintf(b, "      condition {\n        test = \"StringEquals\"\n        variable = \"sts:ExternalId\"\n        values = [%s]\n      }\n", quote(r.label+"-external"))
	}
	b.WriteString("    }\n  }\n")
	fmt.Fprintf(b, "  policies = %s\n", list(r.policies))
	fmt.Fprintf(b, "  tags = merge(local.org_tags, { team = %s })\n", quote(r.team.name))
	if r.inline {
		b.WriteString("  inline_policy \"queue\" {\n")
		b.WriteString("    statement {\n")
		b.WriteString("      actions = [\"sqs:SendMessage\", \"sqs:ReceiveMessage\", \"sqs:DeleteMessage\"]\n")
		fmt.Fprintf(b, "      resources = [\"arn:aws:sqs:%s:${account.id}:%s\"]\n", g.pick(regions), r.label)
		b.WriteString("    }\n")
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	if r.service == "ec2.amazonaws.com" {
		// EC2 gives an instance a role through an instance profile only.
		fmt.Fprintf(b, "\ninstance_profile %s {\n", quote(r.label))
		fmt.Fprintf(b, "  path = %s\n", quote(path(r.team)))
		fmt.Fprintf(b, "  role = role.%s\n", r.label)
		fmt.Fprintf(b, "  tags = merge(local.org_tags, { team = %s })\n", quote(r.team.name))
		b.WriteString("}\n")
	}
}
