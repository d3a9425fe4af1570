package plantest

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// Case is a generated pair of accounts to plan between.
type Case struct {
	Desired, Current *model.Account
	// Scope is the manage scope (nil: the whole account) and
	// ScopeDeclared whether the configuration would declare it.
	Scope         model.Scope
	ScopeDeclared bool
	// Quotas are the account's quotas; the zero value means the default
	// ones. Some cases set the quota on users, groups, roles or policies
	// to what the account holds after the plan, or one less.
	Quotas model.Quotas
	// Refused, when not empty, says that no plan can make the change:
	// Compute must fail with an error that holds each of these strings.
	Refused []string
}

// AWSPolicies are AWS managed policies the generator attaches.
var AWSPolicies = []string{
	"arn:aws:iam::aws:policy/ReadOnlyAccess",
	"arn:aws:iam::aws:policy/IAMReadOnlyAccess",
	"arn:aws:iam::aws:policy/AdministratorAccess",
	"arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
	"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
	"arn:aws:iam::aws:policy/SecurityAudit",
}

var (
	genActions   = []string{"s3:GetObject", "s3:PutObject", "sqs:SendMessage", "ec2:Describe*", "iam:Get*", "logs:PutLogEvents", "kms:Decrypt"}
	genResources = []string{"*", "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::bucket-b", "arn:aws:sqs:us-east-1:123456789012:queue"}
	genServices  = []string{"ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"}
	genTagKeys   = []string{"team", "env", "owner", "Team", "cost"}
	genTagValues = []string{"a", "b", "platform", ""}
)

// gen holds one generation.
type gen struct {
	r        *rand.Rand
	acct     string
	scope    model.Scope
	inPaths  []string
	outPaths []string
	cur, des *model.Account
	// curOut are the folded names, per kind, that the current account
	// holds outside the scope: the desired account cannot use them.
	curOut map[model.Kind]map[string]bool
	// heavy cases fill the account: more groups and policies exist, and
	// memberships and attachments run up to IAM's caps.
	heavy bool
	exist float64 // the chance that a pool name exists
	// pinned are the folded names of the policies that a role under
	// AWS's reserved paths uses: declared, and neither moved, renamed nor
	// re-described, since replacing them would touch that role.
	pinned map[string]bool
	// refused are what Compute's error must say, for a case no plan can
	// make.
	refused []string
}

// Generate returns a random pair of accounts: a current account
// with entities inside and outside a random manage scope (and under AWS's
// reserved paths), credentials, policy versions, instance profiles,
// memberships and attachments up to IAM's caps; and a desired account,
// inside the scope, that keeps, changes, renames, moves, replaces, adds
// and drops entities, with documents that are sometimes only written
// differently. A few cases ask for what no plan can do (Case.Refused
// says what Compute's error must say). The same r state gives the same
// case.
func Generate(r *rand.Rand) Case {
	g := &gen{r: r, acct: model.DefaultAccountID, curOut: map[model.Kind]map[string]bool{}, exist: 0.6, pinned: map[string]bool{}}
	if r.Intn(3) == 0 {
		g.heavy, g.exist = true, 0.9
	}
	var c Case
	switch r.Intn(4) {
	case 0:
		g.inPaths = []string{"/", "/app/", "/team/x/"}
	case 1:
		c.Scope, c.ScopeDeclared = model.Scope{"/"}, true
		g.inPaths = []string{"/", "/app/", "/team/x/"}
	case 2:
		c.Scope, c.ScopeDeclared = model.Scope{"/app/"}, true
		g.inPaths = []string{"/app/", "/app/x/"}
		g.outPaths = []string{"/", "/legacy/"}
	case 3:
		c.Scope, c.ScopeDeclared = model.Scope{"/app/", "/team/"}, true
		g.inPaths = []string{"/app/", "/team/", "/team/y/"}
		g.outPaths = []string{"/legacy/"}
	}
	g.scope = c.Scope
	if g.scope == nil {
		g.scope = model.DefaultScope
	}
	g.current()
	g.desired()
	g.closeScope()
	c.Quotas = g.countQuotas()
	c.Current, c.Desired, c.Refused = g.cur, g.des, g.refused
	return c
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) pathFor() string {
	if len(g.outPaths) > 0 && g.chance(0.25) {
		return g.outPaths[g.r.Intn(len(g.outPaths))]
	}
	return g.inPaths[g.r.Intn(len(g.inPaths))]
}

func (g *gen) inPath() string { return g.inPaths[g.r.Intn(len(g.inPaths))] }

// name returns the pool name, sometimes with a capital first letter.
func (g *gen) name(prefix string, i int) string {
	n := fmt.Sprintf("%s%d", prefix, i)
	if g.chance(0.1) {
		n = strings.ToUpper(n[:1]) + n[1:]
	}
	return n
}

// count is how many of n things to take: often few, sometimes up to the
// cap.
func (g *gen) count(n, limit int) int {
	n = min(n, limit)
	if n <= 0 {
		return 0
	}
	if g.heavy && g.chance(0.7) || g.chance(0.3) {
		return max(0, n-g.r.Intn(3))
	}
	return g.r.Intn(min(n, 4) + 1)
}

func (g *gen) subset(list []string, limit int) []string {
	return pickR(g.r, list, g.count(len(list), limit))
}

func pickR(r *rand.Rand, list []string, n int) []string {
	n = min(n, len(list))
	if n <= 0 {
		return nil
	}
	perm := r.Perm(len(list))
	out := make([]string, n)
	for i := range n {
		out[i] = list[perm[i]]
	}
	return out
}

func (g *gen) document() *policy.Document {
	d := &policy.Document{Version: policy.Version2012}
	for range 1 + g.r.Intn(2) {
		effect := "Allow"
		if g.chance(0.2) {
			effect = "Deny"
		}
		d.Statements = append(d.Statements, policy.Statement{
			Effect:   effect,
			Action:   policy.Values(pickR(g.r, genActions, 1+g.r.Intn(3))),
			Resource: policy.Values(pickR(g.r, genResources, 1+g.r.Intn(2))),
		})
	}
	return d
}

// reformat returns a document equal to d, written differently: statements
// and values in another order, an action repeated or in another case.
func (g *gen) reformat(d *policy.Document) *policy.Document {
	out := d.Clone()
	slices.Reverse(out.Statements)
	for i := range out.Statements {
		s := &out.Statements[i]
		slices.Reverse(s.Action)
		slices.Reverse(s.Resource)
		if len(s.Action) > 0 && g.chance(0.5) {
			s.Action = append(s.Action, strings.ToUpper(s.Action[0][:1])+s.Action[0][1:])
		}
		if len(s.Resource) > 0 && g.chance(0.5) {
			s.Resource = append(s.Resource, s.Resource[0])
		}
	}
	return out
}

// evolve returns the desired form of a current document: the same, the
// same written differently, or another one.
func (g *gen) evolve(d *policy.Document) *policy.Document {
	switch x := g.r.Float64(); {
	case d == nil || x < 0.3:
		return g.document()
	case x < 0.6:
		return g.reformat(d)
	}
	return d.Clone()
}

func (g *gen) trust(principals []string) *policy.Document {
	p := &policy.Principal{Entries: map[string][]string{}}
	if len(principals) > 0 && g.chance(0.6) {
		p.Entries["AWS"] = pickR(g.r, principals, 1+g.r.Intn(min(2, len(principals))))
	} else {
		p.Entries["Service"] = pickR(g.r, genServices, 1+g.r.Intn(2))
	}
	return &policy.Document{Version: policy.Version2012, Statements: []policy.Statement{{
		Effect: "Allow", Action: policy.Values{"sts:AssumeRole"}, Principal: p,
	}}}
}

func (g *gen) tags() model.Tags {
	if g.chance(0.4) {
		return nil
	}
	t := model.Tags{}
	seen := map[string]bool{}
	for _, k := range pickR(g.r, genTagKeys, g.r.Intn(4)) {
		if seen[model.Fold(k)] {
			continue
		}
		seen[model.Fold(k)] = true
		t[k] = genTagValues[g.r.Intn(len(genTagValues))]
	}
	if len(t) == 0 {
		return nil
	}
	return t
}

func (g *gen) evolveTags(t model.Tags) model.Tags {
	if g.chance(0.5) {
		return cloneTags(t)
	}
	return g.tags()
}

func cloneTags(t model.Tags) model.Tags {
	if t == nil {
		return nil
	}
	out := make(model.Tags, len(t))
	for k, v := range t {
		out[k] = v
	}
	return out
}

// inlineDoc returns an inline policy's document: usually small, now and
// then a large part of the entity's size quota.
func (g *gen) inlineDoc(quota int) *policy.Document {
	if g.chance(0.25) {
		return SizedDoc(quota * []int{1, 2, 4, 6}[g.r.Intn(4)] / 8)
	}
	return g.document()
}

func (g *gen) inline(quota int) []model.InlinePolicy {
	var out []model.InlinePolicy
	for _, n := range pickR(g.r, []string{"a", "b", "c", "B"}, g.r.Intn(3)) {
		if slices.ContainsFunc(out, func(p model.InlinePolicy) bool { return model.Fold(p.Name) == model.Fold(n) }) {
			continue
		}
		out = append(out, model.InlinePolicy{Name: n, Document: g.inlineDoc(quota)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return fitInline(out, quota)
}

// evolveInline returns the desired inline policies of an entity that
// stays: some dropped, changed, renamed in case or added, and now and then
// two of them swapping documents, so that one grows as the other shrinks.
func (g *gen) evolveInline(list []model.InlinePolicy, quota int) []model.InlinePolicy {
	if g.chance(0.3) {
		return g.inline(quota)
	}
	var out []model.InlinePolicy
	for _, p := range list {
		if g.chance(0.15) {
			continue
		}
		name := p.Name
		if g.chance(0.1) {
			name = strings.ToUpper(name)
		}
		out = append(out, model.InlinePolicy{Name: name, Document: g.evolve(p.Document)})
	}
	if len(out) >= 2 && g.chance(0.3) {
		i, j := g.r.Intn(len(out)), g.r.Intn(len(out))
		out[i].Document, out[j].Document = out[j].Document, out[i].Document
	}
	if g.chance(0.2) && !slices.ContainsFunc(out, func(p model.InlinePolicy) bool { return model.Fold(p.Name) == "n" }) {
		out = append(out, model.InlinePolicy{Name: "n", Document: g.inlineDoc(quota)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return fitInline(out, quota)
}

// fitInline drops inline policies from the end until they fit the
// entity's size quota.
func fitInline(list []model.InlinePolicy, quota int) []model.InlinePolicy {
	total := 0
	for i, p := range list {
		total += policy.Size(p.Document)
		if total > quota {
			return list[:i]
		}
	}
	return list
}

func (g *gen) markOut(k model.Kind, name, path string) {
	if g.scope.Contains(path) {
		return
	}
	if g.curOut[k] == nil {
		g.curOut[k] = map[string]bool{}
	}
	g.curOut[k][model.Fold(name)] = true
}

// current generates the current account.
func (g *gen) current() {
	a := model.NewAccount(g.acct)
	g.cur = a
	q := model.DefaultQuotas
	var policyARNs []string
	for i := range 12 {
		if !g.chance(g.exist) {
			continue
		}
		p := &model.ManagedPolicy{
			Name: g.name("p", i), Path: g.pathFor(), Document: g.document(),
			Description: []string{"", "d1", "d2"}[g.r.Intn(3)], Tags: g.tags(),
		}
		n := 1 + g.r.Intn(5)
		def := n - 1
		if g.chance(0.3) {
			def = g.r.Intn(n)
		}
		for v := range n {
			p.Versions = append(p.Versions, model.PolicyVersion{ID: fmt.Sprintf("v%d", v+1), IsDefault: v == def})
		}
		a.AddPolicy(p)
		g.markOut(model.KindPolicy, p.Name, p.Path)
		policyARNs = append(policyARNs, model.PolicyARN(g.acct, p.Path, p.Name))
	}
	attachable := append(slices.Clone(policyARNs), AWSPolicies...)
	var groups []string
	for i := range 14 {
		if !g.chance(g.exist) {
			continue
		}
		gr := &model.Group{Name: g.name("g", i), Path: g.pathFor(), ManagedPolicies: g.subset(attachable, 10), InlinePolicies: g.inline(q.GroupInlineSize)}
		a.AddGroup(gr)
		g.markOut(model.KindGroup, gr.Name, gr.Path)
		groups = append(groups, gr.Name)
	}
	var principals []string
	for i := range 10 {
		if !g.chance(g.exist) {
			continue
		}
		u := &model.User{
			Name: g.name("u", i), Path: g.pathFor(), Groups: g.subset(groups, 10),
			ManagedPolicies: g.subset(attachable, 10), InlinePolicies: g.inline(q.UserInlineSize), Tags: g.tags(),
		}
		if g.chance(0.3) {
			u.PermissionsBoundary = attachable[g.r.Intn(len(attachable))]
		}
		if g.chance(0.5) {
			u.LoginProfile = &model.LoginProfile{Enabled: true, PasswordResetRequired: g.chance(0.5)}
		}
		if g.chance(0.3) {
			u.Credentials = g.credentials(u.Name)
		}
		a.AddUser(u)
		g.markOut(model.KindUser, u.Name, u.Path)
		principals = append(principals, model.UserARN(g.acct, u.Path, u.Name))
	}
	for i := range 8 {
		if !g.chance(g.exist) {
			continue
		}
		ro := &model.Role{
			Name: g.name("r", i), Path: g.pathFor(),
			Description:        []string{"", "role"}[g.r.Intn(2)],
			MaxSessionDuration: []int{0, 3600, 7200}[g.r.Intn(3)],
			AssumeRolePolicy:   g.trust(principals),
			ManagedPolicies:    g.subset(attachable, 10), InlinePolicies: g.inline(q.RoleInlineSize), Tags: g.tags(),
		}
		if g.chance(0.3) {
			ro.PermissionsBoundary = attachable[g.r.Intn(len(attachable))]
		}
		if g.chance(0.3) {
			ro.InstanceProfiles = []string{"ip-" + ro.Name}
			if g.chance(0.3) {
				ro.InstanceProfiles = append(ro.InstanceProfiles, "ip2-"+ro.Name)
			}
		}
		a.AddRole(ro)
		g.markOut(model.KindRole, ro.Name, ro.Path)
		principals = append(principals, model.RoleARN(g.acct, ro.Path, ro.Name))
	}
	if len(policyARNs) > 0 && g.chance(0.4) {
		// IAM Identity Center attaches customer managed policies, and
		// sets boundaries, on the roles of its permission sets: the
		// desired account must keep those policies as they are.
		ro := &model.Role{
			Name: "AWSReservedSSO_Admin_0123456789abcdef", Path: "/aws-reserved/sso.amazonaws.com/",
			MaxSessionDuration: 3600, AssumeRolePolicy: TrustService("sso.amazonaws.com"),
			ManagedPolicies: pickR(g.r, policyARNs, 1+g.r.Intn(2)),
		}
		if g.chance(0.5) {
			ro.PermissionsBoundary = policyARNs[g.r.Intn(len(policyARNs))]
		}
		for _, arn := range append(slices.Clone(ro.ManagedPolicies), ro.PermissionsBoundary) {
			if pa, err := model.ParseEntityARN(arn); err == nil {
				g.pinned[model.Fold(pa.Name)] = true
			}
		}
		a.AddRole(ro)
	}
	if g.chance(0.5) {
		a.AddRole(&model.Role{
			Name: "AWSServiceRoleForSupport", Path: "/aws-service-role/support.amazonaws.com/",
			MaxSessionDuration: 3600, AssumeRolePolicy: TrustService("support.amazonaws.com"),
			ManagedPolicies: []string{"arn:aws:iam::aws:policy/SecurityAudit"},
		})
	}
	if g.chance(0.5) {
		a.PasswordPolicy = g.passwordPolicy()
	}
	if g.chance(0.5) {
		alias := []string{"acme-a", "acme-b"}[g.r.Intn(2)]
		a.Alias = &alias
	}
}

func (g *gen) credentials(user string) model.Credentials {
	id := strings.ToUpper(user)
	var c model.Credentials
	for k := range g.r.Intn(3) {
		c.AccessKeys = append(c.AccessKeys, model.AccessKey{ID: fmt.Sprintf("AKIA%s%d", id, k), Active: true})
	}
	if g.chance(0.5) {
		c.SigningCertificates = []string{"CERT" + id}
	}
	if g.chance(0.5) {
		c.SSHPublicKeys = []string{"APKA" + id}
	}
	if g.chance(0.5) {
		c.ServiceSpecificCredentials = []string{"ACCA" + id}
	}
	if g.chance(0.5) {
		c.MFADevices = append(c.MFADevices, model.MFADevice{SerialNumber: "arn:aws:iam::" + g.acct + ":mfa/" + user, Virtual: true})
	}
	if g.chance(0.3) {
		c.MFADevices = append(c.MFADevices, model.MFADevice{SerialNumber: "GAHT" + id})
	}
	return c
}

func (g *gen) passwordPolicy() *model.PasswordPolicy {
	return &model.PasswordPolicy{
		MinimumLength:              8 + g.r.Intn(12),
		RequireUppercase:           g.chance(0.5),
		RequireLowercase:           g.chance(0.5),
		RequireNumbers:             g.chance(0.5),
		RequireSymbols:             g.chance(0.5),
		AllowUsersToChangePassword: g.chance(0.5),
		MaxPasswordAge:             []int{0, 30, 90}[g.r.Intn(3)],
		PasswordReusePrevention:    []int{0, 5}[g.r.Intn(2)],
		HardExpiry:                 g.chance(0.2),
	}
}

// usable reports whether the desired account may declare an entity of
// kind k with this name: no entity outside the scope has it.
func (g *gen) usable(k model.Kind, name string) bool { return !g.curOut[k][model.Fold(name)] }

// inScopeName returns the current entity of the name if it is inside the
// scope.
func inScopeName[T any](m map[string]*T, name string, path func(*T) string, scope model.Scope) *T {
	x := m[model.Fold(name)]
	if x == nil || !scope.Contains(path(x)) {
		return nil
	}
	return x
}

// desired generates the desired account from the current one.
func (g *gen) desired() {
	a := model.NewAccount(g.acct)
	g.des = a
	q := model.DefaultQuotas
	cur := g.cur

	// Policies: kept (maybe moved, re-described, renamed in case:
	// replaced), new, or dropped. Rarely, a policy a reserved role uses
	// is dropped or moved anyway: no plan can do that.
	var broken string
	var pins []string
	for _, p := range cur.SortedPolicies() {
		if g.pinned[model.Fold(p.Name)] && g.scope.Contains(p.Path) {
			pins = append(pins, p.Name)
		}
	}
	if len(pins) > 0 && g.chance(0.1) {
		broken = pins[g.r.Intn(len(pins))]
		g.refused = append(g.refused, "policy."+broken+": this plan", "AWSReservedSSO_Admin_0123456789abcdef")
	}
	var attachable []string
	for i := range 12 {
		name := g.name("p", i)
		pin := g.pinned[model.Fold(name)]
		if model.Fold(name) == model.Fold(broken) {
			if g.chance(0.5) {
				continue
			}
			c := cur.Policy(name)
			a.AddPolicy(&model.ManagedPolicy{Name: c.Name, Path: c.Path + "moved/", Description: c.Description, Document: c.Document.Clone()})
			attachable = append(attachable, model.PolicyARN(g.acct, c.Path+"moved/", c.Name))
			continue
		}
		if !g.usable(model.KindPolicy, name) || !g.chance(g.exist) && !pin {
			continue
		}
		c := inScopeName(cur.Policies, name, func(p *model.ManagedPolicy) string { return p.Path }, g.scope)
		p := &model.ManagedPolicy{Name: name, Path: g.inPath(), Document: g.document(), Tags: g.tags(),
			Description: []string{"", "d1", "d2"}[g.r.Intn(3)]}
		if c != nil {
			p.Name = c.Name
			if g.chance(0.1) && !pin {
				p.Name = flipCase(c.Name)
			}
			if g.chance(0.8) || pin {
				p.Path = c.Path
			}
			if g.chance(0.85) || pin {
				p.Description = c.Description
			}
			p.Document = g.evolve(c.Document)
			p.Tags = g.evolveTags(c.Tags)
		}
		a.AddPolicy(p)
		attachable = append(attachable, model.PolicyARN(g.acct, p.Path, p.Name))
	}
	for _, p := range cur.SortedPolicies() {
		if !g.scope.Contains(p.Path) {
			attachable = append(attachable, model.PolicyARN(g.acct, p.Path, p.Name))
		}
	}
	attachable = append(attachable, AWSPolicies...)

	// Groups.
	renamedFrom := map[string]bool{}
	declared := g.declare(model.KindGroup, "g", 14)
	for _, name := range declared {
		gr := &model.Group{Name: name, Path: g.inPath(), ManagedPolicies: g.subset(attachable, 10), InlinePolicies: g.inline(q.GroupInlineSize)}
		c := inScopeName(cur.Groups, name, func(x *model.Group) string { return x.Path }, g.scope)
		if c == nil && cur.Group(name) == nil && g.chance(0.4) {
			c = renameSource(g, cur.SortedGroups(), func(x *model.Group) (string, string) { return x.Name, x.Path }, folded(declared), renamedFrom)
			if c != nil {
				gr.RenamedFrom = c.Name
			}
		}
		if c != nil {
			if gr.RenamedFrom == "" {
				gr.Name = c.Name
				if g.chance(0.1) {
					gr.Name = flipCase(c.Name)
				}
			}
			if g.chance(0.8) {
				gr.Path = c.Path
			}
			if g.chance(0.6) {
				gr.ManagedPolicies = g.evolveList(g.mapPolicies(c.ManagedPolicies), attachable, 10)
			}
			gr.InlinePolicies = g.evolveInline(c.InlinePolicies, q.GroupInlineSize)
		}
		a.AddGroup(gr)
	}
	groupNames := make([]string, 0, len(a.Groups))
	for _, gr := range a.SortedGroups() {
		groupNames = append(groupNames, gr.Name)
	}

	// Users.
	var principals []string
	renamedFrom = map[string]bool{}
	declared = g.declare(model.KindUser, "u", 10)
	for _, name := range declared {
		u := &model.User{Name: name, Path: g.inPath(), ManagedPolicies: g.subset(attachable, 10),
			InlinePolicies: g.inline(q.UserInlineSize), Tags: g.tags()}
		c := inScopeName(cur.Users, name, func(x *model.User) string { return x.Path }, g.scope)
		if c == nil && cur.User(name) == nil && g.chance(0.4) {
			c = renameSource(g, cur.SortedUsers(), func(x *model.User) (string, string) { return x.Name, x.Path }, folded(declared), renamedFrom)
			if c != nil {
				u.RenamedFrom = c.Name
			}
		}
		outside := 0
		if c != nil {
			if u.RenamedFrom == "" {
				u.Name = c.Name
				if g.chance(0.1) {
					u.Name = flipCase(c.Name)
				}
			}
			if g.chance(0.8) {
				u.Path = c.Path
			}
			if g.chance(0.6) {
				u.ManagedPolicies = g.evolveList(g.mapPolicies(c.ManagedPolicies), attachable, 10)
			}
			u.InlinePolicies = g.evolveInline(c.InlinePolicies, q.UserInlineSize)
			u.Tags = g.evolveTags(c.Tags)
			for _, gn := range c.Groups {
				if x := cur.Group(gn); x != nil && !g.scope.Contains(x.Path) {
					outside++
				}
			}
		}
		u.Groups = g.subset(groupNames, 10-outside)
		if c != nil && g.chance(0.5) {
			u.Groups = g.evolveList(g.mapGroups(c.Groups), groupNames, 10-outside)
		}
		if g.chance(0.3) {
			u.PermissionsBoundary = attachable[g.r.Intn(len(attachable))]
		}
		switch x := g.r.Float64(); {
		case x < 0.4:
		case x < 0.8:
			u.LoginProfile = &model.LoginProfile{Enabled: true, PasswordResetRequired: g.chance(0.5)}
		default:
			u.LoginProfile = &model.LoginProfile{}
		}
		a.AddUser(u)
		principals = append(principals, model.UserARN(g.acct, u.Path, u.Name))
	}
	for _, u := range cur.SortedUsers() {
		if !g.scope.Contains(u.Path) {
			principals = append(principals, model.UserARN(g.acct, u.Path, u.Name))
		}
	}

	// Roles; a role's trust may name the roles generated before it, and
	// the current trust it keeps may name any; trusts() settles them.
	for i := range 8 {
		name := g.name("r", i)
		if !g.usable(model.KindRole, name) || !g.chance(g.exist) {
			continue
		}
		ro := &model.Role{Name: name, Path: g.inPath(), AssumeRolePolicy: g.trust(principals),
			Description:        []string{"", "role"}[g.r.Intn(2)],
			MaxSessionDuration: []int{0, 3600, 7200}[g.r.Intn(3)],
			ManagedPolicies:    g.subset(attachable, 10), InlinePolicies: g.inline(q.RoleInlineSize), Tags: g.tags()}
		if c := inScopeName(cur.Roles, name, func(x *model.Role) string { return x.Path }, g.scope); c != nil {
			ro.Name = c.Name
			if g.chance(0.1) {
				ro.Name = flipCase(c.Name)
			}
			if g.chance(0.8) {
				ro.Path = c.Path
			}
			if g.chance(0.7) {
				ro.Description, ro.MaxSessionDuration = c.Description, c.MaxSessionDuration
			}
			if g.chance(0.6) {
				ro.AssumeRolePolicy = c.AssumeRolePolicy.Clone()
				if g.chance(0.5) {
					ro.AssumeRolePolicy = g.reformat(c.AssumeRolePolicy)
				}
			}
			if g.chance(0.6) {
				ro.ManagedPolicies = g.evolveList(g.mapPolicies(c.ManagedPolicies), attachable, 10)
			}
			ro.InlinePolicies = g.evolveInline(c.InlinePolicies, q.RoleInlineSize)
			ro.Tags = g.evolveTags(c.Tags)
		}
		if g.chance(0.3) {
			ro.PermissionsBoundary = attachable[g.r.Intn(len(attachable))]
		}
		a.AddRole(ro)
		principals = append(principals, model.RoleARN(g.acct, ro.Path, ro.Name))
	}
	g.trusts()

	switch x := g.r.Float64(); {
	case x < 0.3:
	case x < 0.6 && cur.PasswordPolicy != nil:
		pp := *cur.PasswordPolicy
		a.PasswordPolicy = &pp
	default:
		a.PasswordPolicy = g.passwordPolicy()
	}
	switch x := g.r.Float64(); {
	case x < 0.3:
	case x < 0.5:
		empty := ""
		a.Alias = &empty
	default:
		alias := []string{"acme-a", "acme-b"}[g.r.Intn(2)]
		a.Alias = &alias
	}
}

// renameSource picks a current entity inside the scope that the desired
// account neither declares nor renames already, to rename.
func renameSource[T any](g *gen, list []*T, id func(*T) (string, string), declared map[string]bool, used map[string]bool) *T {
	var cands []*T
	for _, x := range list {
		name, path := id(x)
		if g.scope.Contains(path) && !declared[model.Fold(name)] && !used[model.Fold(name)] {
			cands = append(cands, x)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	x := cands[g.r.Intn(len(cands))]
	name, _ := id(x)
	used[model.Fold(name)] = true
	return x
}

// declare decides which names of a pool the desired account declares.
func (g *gen) declare(k model.Kind, prefix string, n int) []string {
	var out []string
	for i := range n {
		name := g.name(prefix, i)
		if g.usable(k, name) && g.chance(g.exist) {
			out = append(out, name)
		}
	}
	return out
}

func folded(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[model.Fold(n)] = true
	}
	return m
}

// flipCase changes the case of a name's first letter.
func flipCase(name string) string {
	first := name[:1]
	if up := strings.ToUpper(first); up != first {
		return up + name[1:]
	}
	return strings.ToLower(first) + name[1:]
}

// mapPolicies turns current attachments into ones the desired account
// can declare: declared policies at their declared ARN, others outside
// the scope and AWS managed ones as they are.
func (g *gen) mapPolicies(arns []string) []string {
	var out []string
	for _, a := range arns {
		if model.IsAWSManagedPolicyARN(a) {
			out = append(out, a)
			continue
		}
		pa, err := model.ParseEntityARN(a)
		if err != nil {
			continue
		}
		if d := g.des.Policy(pa.Name); d != nil {
			out = append(out, model.PolicyARN(g.acct, d.Path, d.Name))
		} else if c := g.cur.Policy(pa.Name); c != nil && !g.scope.Contains(c.Path) {
			out = append(out, a)
		}
	}
	return out
}

// mapGroups turns current memberships into declared group names.
func (g *gen) mapGroups(names []string) []string {
	var out []string
	for _, n := range names {
		if d := g.des.Group(n); d != nil {
			out = append(out, d.Name)
			continue
		}
		for _, d := range g.des.Groups {
			if model.Fold(d.RenamedFrom) == model.Fold(n) && g.cur.Group(d.Name) == nil {
				out = append(out, d.Name)
			}
		}
	}
	return out
}

// evolveList drops some of base, adds some of pool, and keeps at most
// limit elements.
func (g *gen) evolveList(base, pool []string, limit int) []string {
	var out []string
	for _, x := range base {
		if !slices.Contains(out, x) && g.chance(0.8) {
			out = append(out, x)
		}
	}
	for _, x := range pickR(g.r, pool, g.r.Intn(3)) {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	if len(out) > limit {
		out = out[:max(limit, 0)]
	}
	return out
}

// countQuotas returns the default quotas, or now and then quotas on the
// number of users, groups, roles or policies that the account reaches
// exactly after the plan (so that creates must wait for deletes), or that
// it would exceed by one (no plan can do that). Entities outside the
// scope count.
func (g *gen) countQuotas() model.Quotas {
	if !g.chance(0.3) {
		return model.Quotas{}
	}
	q := model.DefaultQuotas
	outside := func(paths []string) int {
		n := 0
		for _, p := range paths {
			if !g.scope.Contains(p) {
				n++
			}
		}
		return n
	}
	var users, groups, roles, policies []string
	for _, u := range g.cur.Users {
		users = append(users, u.Path)
	}
	for _, x := range g.cur.Groups {
		groups = append(groups, x.Path)
	}
	for _, r := range g.cur.Roles {
		roles = append(roles, r.Path)
	}
	for _, p := range g.cur.Policies {
		policies = append(policies, p.Path)
	}
	for _, k := range []struct {
		plural     string
		field      *int
		now, after int
	}{
		{"users", &q.Users, len(users), len(g.des.Users) + outside(users)},
		{"groups", &q.Groups, len(groups), len(g.des.Groups) + outside(groups)},
		{"roles", &q.Roles, len(roles), len(g.des.Roles) + outside(roles)},
		{"policies", &q.Policies, len(policies), len(g.des.Policies) + outside(policies)},
	} {
		// The account holds no more than its quota now.
		switch x := g.r.Float64(); {
		case x < 0.5 && max(k.now, k.after) > 0:
			*k.field = max(k.now, k.after)
		case x < 0.55 && k.after > 1 && k.now <= k.after-1:
			*k.field = k.after - 1
			g.refused = append(g.refused, fmt.Sprintf("%s: after this plan the account would hold %d %s, over its quota of %d", k.plural, k.after, k.plural, k.after-1))
		}
	}
	return q
}

// trusts settles the desired trust policies. A trust kept from the
// current account may name a user or role that will not exist under that
// ARN after the plan (deleted, renamed, moved or replaced elsewhere): such
// principals are left out, or, now and then, one is kept and the case is
// one no plan can make. Then some roles come to trust later roles or
// themselves, which makes cycles among the roles the plan creates.
func (g *gen) trusts() {
	after := map[string]bool{}
	for _, u := range g.des.Users {
		after[model.Fold(model.UserARN(g.acct, u.Path, u.Name))] = true
	}
	for _, r := range g.des.Roles {
		after[model.Fold(model.RoleARN(g.acct, r.Path, r.Name))] = true
	}
	for _, u := range g.cur.Users {
		if !g.scope.Contains(u.Path) {
			after[model.Fold(model.UserARN(g.acct, u.Path, u.Name))] = true
		}
	}
	for _, r := range g.cur.Roles {
		if !g.scope.Contains(r.Path) {
			after[model.Fold(model.RoleARN(g.acct, r.Path, r.Name))] = true
		}
	}
	roles := g.des.SortedRoles()
	refused := false
	for _, r := range roles {
		for i := range r.AssumeRolePolicy.Statements {
			st := &r.AssumeRolePolicy.Statements[i]
			if st.Principal == nil || len(st.Principal.Entries["AWS"]) == 0 {
				continue
			}
			var kept []string
			for _, id := range st.Principal.Entries["AWS"] {
				switch {
				case after[model.Fold(id)]:
					kept = append(kept, id)
				case !refused && g.chance(0.1):
					kept = append(kept, id)
					refused = true
					g.refused = append(g.refused, "role."+r.Name+": its trust policy names")
				}
			}
			if len(kept) > 0 {
				st.Principal.Entries["AWS"] = kept
			} else {
				st.Principal.Entries = map[string][]string{"Service": {genServices[g.r.Intn(len(genServices))]}}
			}
		}
	}
	if len(roles) == 0 || !g.chance(0.4) {
		return
	}
	for range 1 + g.r.Intn(3) {
		r, to := roles[g.r.Intn(len(roles))], roles[g.r.Intn(len(roles))]
		st := &r.AssumeRolePolicy.Statements[0]
		arn := model.RoleARN(g.acct, to.Path, to.Name)
		if st.Principal.Entries["AWS"] == nil {
			st.Principal.Entries["AWS"] = []string{arn}
		} else if !slices.Contains(st.Principal.Entries["AWS"], arn) {
			st.Principal.Entries["AWS"] = append(st.Principal.Entries["AWS"], arn)
		}
	}
}

// closeScope drops from the current account the relations between an
// entity outside the scope and one inside it that the plan deletes or
// replaces: a plan would have to write outside the scope to end them,
// which no plan does (the guard tests cover that refusal). Entities
// under AWS's reserved paths keep theirs: a case about them is refused
// for its own reason.
func (g *gen) closeScope() {
	kept := func(kind model.Kind, name string) bool {
		for _, n := range g.desNames(kind) {
			if model.Fold(n[0]) == model.Fold(name) || n[1] != "" && model.Fold(n[1]) == model.Fold(name) {
				return true
			}
		}
		return false
	}
	goes := map[string]bool{} // inside policy ARNs deleted or replaced
	for _, c := range g.cur.Policies {
		if !g.scope.Contains(c.Path) {
			continue
		}
		if d := g.des.Policy(c.Name); d == nil || d.Name != c.Name || d.Path != c.Path || d.Description != c.Description {
			goes[model.PolicyARN(g.acct, c.Path, c.Name)] = true
		}
	}
	groupGoes := map[string]bool{}
	for _, c := range g.cur.Groups {
		if g.scope.Contains(c.Path) && !kept(model.KindGroup, c.Name) {
			groupGoes[model.Fold(c.Name)] = true
		}
	}
	outsideGroup := func(name string) bool {
		x := g.cur.Group(name)
		return x != nil && !g.scope.Contains(x.Path)
	}
	keepPolicies := func(arns []string) []string {
		var out []string
		for _, a := range arns {
			if !goes[a] {
				out = append(out, a)
			}
		}
		return out
	}
	for _, u := range g.cur.Users {
		inside := g.scope.Contains(u.Path)
		if model.IsReservedPath(u.Path) {
			continue
		}
		var groups []string
		for _, gn := range u.Groups {
			switch {
			case !inside && groupGoes[model.Fold(gn)]:
			case inside && !kept(model.KindUser, u.Name) && outsideGroup(gn):
			default:
				groups = append(groups, gn)
			}
		}
		u.Groups = groups
		if !inside {
			u.ManagedPolicies = keepPolicies(u.ManagedPolicies)
			if goes[u.PermissionsBoundary] {
				u.PermissionsBoundary = ""
			}
		}
	}
	for _, x := range g.cur.Groups {
		if !g.scope.Contains(x.Path) && !model.IsReservedPath(x.Path) {
			x.ManagedPolicies = keepPolicies(x.ManagedPolicies)
		}
	}
	for _, r := range g.cur.Roles {
		if !g.scope.Contains(r.Path) && !model.IsReservedPath(r.Path) {
			r.ManagedPolicies = keepPolicies(r.ManagedPolicies)
			if goes[r.PermissionsBoundary] {
				r.PermissionsBoundary = ""
			}
		}
	}
}

// desNames returns the name and renamed_from of each declared entity of a
// kind.
func (g *gen) desNames(kind model.Kind) [][2]string {
	var out [][2]string
	switch kind {
	case model.KindUser:
		for _, u := range g.des.Users {
			out = append(out, [2]string{u.Name, u.RenamedFrom})
		}
	case model.KindGroup:
		for _, x := range g.des.Groups {
			out = append(out, [2]string{x.Name, x.RenamedFrom})
		}
	}
	return out
}
