package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/model"
)

// adminProbe are the requests that make a principal a full administrator
// when every one is allowed on every resource: IAM's own writes and the
// most destructive actions of unrelated services. A policy of "*:*"
// allows them all; one that spares any of these services is not full
// administrator access.
var adminProbe = []string{
	"iam:PutUserPolicy", "iam:CreateAccessKey", "sts:GetFederationToken", "ec2:TerminateInstances",
	"s3:DeleteBucket", "kms:ScheduleKeyDeletion", "organizations:LeaveOrganization", "lambda:CreateFunction",
}

// adminPolicyARN is the policy the paths attach or set as a boundary.
const adminPolicyARN = model.AWSManagedPolicyPrefix + "AdministratorAccess"

// runsCode are the ways to make a service run code as a role passed to
// it (iam:PassRole): the service that assumes the role, and the actions
// that create and start the code. A service may have several.
var runsCode = []struct {
	name    string // as the steps say it
	service string // the service principal the role's trust must allow
	actions []string
}{
	{"ec2", "ec2.amazonaws.com", []string{"ec2:RunInstances"}},
	{"lambda", "lambda.amazonaws.com", []string{"lambda:CreateFunction", "lambda:InvokeFunction"}},
	{"lambda", "lambda.amazonaws.com", []string{"lambda:CreateFunction", "lambda:CreateEventSourceMapping"}},
	{"cloudformation", "cloudformation.amazonaws.com", []string{"cloudformation:CreateStack"}},
	{"glue", "glue.amazonaws.com", []string{"glue:CreateDevEndpoint"}},
	{"glue", "glue.amazonaws.com", []string{"glue:CreateJob", "glue:StartJobRun"}},
	{"codebuild", "codebuild.amazonaws.com", []string{"codebuild:CreateProject", "codebuild:StartBuild"}},
	{"ecs", "ecs-tasks.amazonaws.com", []string{"ecs:RegisterTaskDefinition", "ecs:RunTask"}},
	{"data pipeline", "datapipeline.amazonaws.com", []string{"datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"}},
	{"sagemaker", "sagemaker.amazonaws.com", []string{"sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"}},
	{"sagemaker", "sagemaker.amazonaws.com", []string{"sagemaker:CreateTrainingJob"}},
	{"sagemaker", "sagemaker.amazonaws.com", []string{"sagemaker:CreateProcessingJob"}},
	{"step functions", "states.amazonaws.com", []string{"states:CreateStateMachine", "states:StartExecution"}},
	{"app runner", "tasks.apprunner.amazonaws.com", []string{"apprunner:CreateService"}},
}

// takesOver are the ways to run code as a role through something that
// already runs as it, when one exists: iamc reads no functions,
// endpoints or instances, so these are asked on every one of the
// account's (actionResources; a policy that names some of them only is
// not reported).
var takesOver = []struct {
	service string // the service principal the role's trust must allow
	action  string
	step    string // %s is the role
}{
	{"lambda.amazonaws.com", "lambda:UpdateFunctionCode",
		"change the code of a Lambda function that runs as %s, if there is one (lambda:UpdateFunctionCode)"},
	{"glue.amazonaws.com", "glue:UpdateDevEndpoint",
		"add an SSH key to a Glue development endpoint that runs as %s, if there is one (glue:UpdateDevEndpoint)"},
	{"ec2.amazonaws.com", "ssm:SendCommand",
		"run a shell command on an EC2 instance whose profile holds %s, if there is one (ssm:SendCommand)"},
}

// maxChain is how many principals a chained path may pass through before
// the one that makes itself an administrator.
const maxChain = 3

// route is a way to raise one's access: the actions it takes, and its
// steps in order.
type route struct {
	actions []string
	steps   []string
	via     model.Address // for a chain: the first principal it acts as
}

// then is r followed by s: the actions of both, without repeats.
func (r route) then(s route) route {
	out := route{steps: append(slices.Clip(r.steps), s.steps...), via: r.via}
	out.actions = slices.Clip(r.actions)
	for _, a := range s.actions {
		if !slices.Contains(out.actions, a) {
			out.actions = append(out.actions, a)
		}
	}
	return out
}

// principalInfo is a user or role as the access checks see it.
type principalInfo struct {
	p     access.Principal
	addr  model.Address
	arn   string
	user  *model.User // one of user and role
	role  *model.Role
	admin bool
	// routes are its own ways to full administrator access; chain, when
	// it has none, the shortest through other principals.
	routes []route
	chain  *route
}

// escalation holds what the access checks ask of an account.
type escalation struct {
	a      *auditor
	acct   *model.Account
	e      *evaluation
	all    []*principalInfo
	admins []*principalInfo
	// adminGroups are the groups whose policies alone make a member a
	// full administrator.
	adminGroups []*model.Group
	// trusted holds, by role ARN, the runsCode entries whose service the
	// role's trust lets in.
	trusted map[string][]int
	// whatIf collects the questions for the second evaluator: stand-ins
	// of principals as they would be after a step.
	whatIf  *probe
	pending []whatIf
	// policies are the account's customer managed policies, by ARN.
	policies map[string]*model.ManagedPolicy
}

// whatIf is a question for the second evaluator, about pi as it would
// be after a step: for a policy version, whether the stand-in (pi with
// that version) is an administrator; for pi's boundary, whether pi
// without it is one (standIn, when a step r removes it), or else whether
// the boundary allows full access (capped: pi with the boundary as its
// only policy), which lets the routes that change pi's own policies
// (self) through.
type whatIf struct {
	pi      *principalInfo
	policy  string // the policy whose version it sets; "" for a boundary
	standIn access.Principal
	r       *route
	capped  access.Principal
	self    []route
}

// access reports full administrators and the privilege-escalation paths
// of everyone else, asking the evaluator each step.
func (a *auditor) access() {
	acct := a.in.Account
	pr := newProbe(acct)
	groupProbe := map[string]access.Principal{}
	for _, g := range acct.SortedGroups() {
		groupProbe[g.Name] = pr.user(model.User{Path: "/", Groups: []string{g.Name}})
	}
	x := &escalation{a: a, acct: acct, trusted: map[string][]int{},
		policies: make(map[string]*model.ManagedPolicy, len(acct.Policies))}
	for _, mp := range acct.Policies {
		x.policies[mp.ARNIn(acct.ID)] = mp
	}
	for _, u := range acct.SortedUsers() {
		x.all = append(x.all, &principalInfo{p: access.User(u.Name), addr: model.UserAddr(u.Name), arn: u.ARNIn(acct.ID), user: u})
	}
	for _, r := range acct.SortedRoles() {
		if model.IsReservedPath(r.Path) {
			continue
		}
		x.all = append(x.all, &principalInfo{p: access.Role(r.Name), addr: model.RoleAddr(r.Name), arn: r.ARNIn(acct.ID), role: r})
	}
	x.e = newEvaluation(pr.acct, a.in.Now)
	for _, pi := range x.all {
		if pi.admin = x.e.isAdmin(pi.p); pi.admin {
			x.admins = append(x.admins, pi)
			f := a.add(checkAdmin, pi.addr, fmt.Sprintf("%s has full administrator access", pi.addr),
				"It may do anything in the account, IAM included: a leak of its credentials is a leak of the account.",
				"Grant the permissions its job needs instead of AdministratorAccess or \"*:*\"; keep full access to a role assumed with MFA, for break-glass use.")
			f.Actions = []string{"*"}
		}
	}
	for _, g := range acct.SortedGroups() {
		if x.e.isAdmin(groupProbe[g.Name]) {
			x.adminGroups = append(x.adminGroups, g)
		}
	}
	x.whatIf = newProbe(pr.acct)
	for _, pi := range x.all {
		if !pi.admin {
			x.own(pi)
		}
	}
	x.answerWhatIfs()
	x.chains()
	for _, pi := range x.all {
		for _, r := range pi.routes {
			x.report(pi, r)
		}
		if pi.chain != nil {
			x.report(pi, *pi.chain)
		}
	}
}

func (pi *principalInfo) boundary() string {
	if pi.role != nil {
		return pi.role.PermissionsBoundary
	}
	return pi.user.PermissionsBoundary
}

// kind is "User" or "Role", as IAM's action names say it.
func (pi *principalInfo) kind() string {
	if pi.role != nil {
		return "Role"
	}
	return "User"
}

func (x *escalation) report(pi *principalInfo, r route) {
	title := fmt.Sprintf("%s can make itself an administrator: %s", pi.addr, strings.Join(r.actions, " + "))
	if r.via.Kind != "" {
		title = fmt.Sprintf("%s can make itself an administrator through %s: %s", pi.addr, r.via, strings.Join(r.actions, " + "))
	}
	f := x.a.add(checkEscalation, pi.addr, title,
		"A principal that may change its own permissions, or act as one that may, has, in effect, every permission it can grant itself.",
		"Remove the actions of the path from its policies, or limit their resources and conditions so that they cannot reach the principal itself or anything more powerful.")
	f.Actions, f.Path = r.actions, r.steps
}

// step is a route of one action.
func step(action, text string, more ...string) route {
	return route{actions: []string{action}, steps: append([]string{text}, more...)}
}

// own finds pi's own ways to full administrator access: policies on
// itself and its groups, a policy's versions, its boundary, and the
// credentials or roles of administrators.
func (x *escalation) own(pi *principalInfo) {
	e, acct := x.e, x.acct
	var self []route // routes that change pi's own policies: a boundary caps them
	try := func(list *[]route, action, resource string, r route, ctx ...string) {
		if e.allowed(pi.p, action, resource, ctx...) {
			*list = append(*list, r)
		}
	}
	var attached []string
	kind := pi.kind()
	try(&self, "iam:Attach"+kind+"Policy", pi.arn,
		step("iam:Attach"+kind+"Policy", fmt.Sprintf("attach AdministratorAccess to %s (iam:Attach%sPolicy)", pi.addr, kind)),
		"iam:PolicyARN", adminPolicyARN)
	try(&self, "iam:Put"+kind+"Policy", pi.arn,
		step("iam:Put"+kind+"Policy", fmt.Sprintf("put an inline policy allowing \"*:*\" on %s (iam:Put%sPolicy)", pi.addr, kind)))
	if pi.user != nil {
		u := pi.user
		attached = append(attached, u.ManagedPolicies...)
		for _, gn := range u.Groups {
			g := acct.Group(gn)
			if g == nil {
				continue
			}
			garn, ga := g.ARNIn(acct.ID), model.GroupAddr(g.Name)
			try(&self, "iam:AttachGroupPolicy", garn,
				step("iam:AttachGroupPolicy", fmt.Sprintf("attach AdministratorAccess to %s, which %s is a member of (iam:AttachGroupPolicy)", ga, pi.addr)),
				"iam:PolicyARN", adminPolicyARN)
			try(&self, "iam:PutGroupPolicy", garn,
				step("iam:PutGroupPolicy", fmt.Sprintf("put an inline policy allowing \"*:*\" on %s, which %s is a member of (iam:PutGroupPolicy)", ga, pi.addr)))
			attached = append(attached, g.ManagedPolicies...)
		}
		for _, g := range x.adminGroups {
			if !memberOf(u, g.Name) {
				try(&self, "iam:AddUserToGroup", g.ARNIn(acct.ID),
					step("iam:AddUserToGroup", fmt.Sprintf("add %s to %s, which has full administrator access (iam:AddUserToGroup)", pi.addr, model.GroupAddr(g.Name))))
			}
		}
	} else {
		attached = append(attached, pi.role.ManagedPolicies...)
	}
	seen := map[string]bool{}
	for _, arn := range attached {
		if seen[arn] || model.IsAWSManagedPolicyARN(arn) {
			continue
		}
		seen[arn] = true
		mp := x.policies[arn]
		if mp == nil {
			continue
		}
		try(&self, "iam:CreatePolicyVersion", arn,
			step("iam:CreatePolicyVersion", fmt.Sprintf("create a new default version of %s, which applies to %s, allowing \"*:*\" (iam:CreatePolicyVersion --set-as-default)", model.PolicyAddr(mp.Name), pi.addr)))
		if others := otherVersions(mp); len(others) > 0 && e.allowed(pi.p, "iam:SetDefaultPolicyVersion", arn) {
			x.versions(pi, mp, arn, others)
		}
	}
	// A boundary caps what pi's own policies give it: the routes above
	// make it an administrator only when the boundary allows that, or
	// once the boundary is out of the way (removed, replaced, or made to
	// allow everything). Both are asked of stand-ins, after this pass.
	b := pi.boundary()
	if b == "" {
		pi.routes = append(pi.routes, self...)
	} else {
		var unbound *route
		bp := x.policies[b] // nil for an AWS managed policy
		del := "iam:Delete" + kind + "PermissionsBoundary"
		put := "iam:Put" + kind + "PermissionsBoundary"
		switch {
		case e.allowed(pi.p, del, pi.arn):
			r := step(del, fmt.Sprintf("remove the permissions boundary of %s (%s)", pi.addr, del))
			unbound = &r
		case e.allowed(pi.p, put, pi.arn, "iam:PermissionsBoundary", adminPolicyARN):
			r := step(put, fmt.Sprintf("make AdministratorAccess the permissions boundary of %s (%s)", pi.addr, put))
			unbound = &r
		case bp != nil && e.allowed(pi.p, "iam:CreatePolicyVersion", b):
			r := step("iam:CreatePolicyVersion", fmt.Sprintf("create a new default version of %s, the permissions boundary of %s, allowing \"*:*\" (iam:CreatePolicyVersion --set-as-default)", model.PolicyAddr(bp.Name), pi.addr))
			unbound = &r
		}
		if unbound != nil || len(self) > 0 {
			// capped: pi with the boundary as its only policy.
			q := whatIf{pi: pi, r: unbound, self: self, capped: x.whatIf.standIn(pi, func(h *held) { *h = held{attached: []string{b}} })}
			if unbound != nil {
				q.standIn = x.whatIf.standIn(pi, func(h *held) { h.boundary = "" })
			}
			x.pending = append(x.pending, q)
		}
	}
	// Someone more powerful: an administrator's credentials or role.
	for _, t := range x.admins {
		if t != pi {
			pi.routes = append(pi.routes, x.become(pi, t)...)
		}
	}
}

// otherVersions returns a policy's versions other than the default
// whose documents were read, oldest first. IAM keeps five versions of a
// policy: of an account read with more, the newest four.
func otherVersions(mp *model.ManagedPolicy) []model.PolicyVersion {
	var out []model.PolicyVersion
	for _, v := range mp.Versions {
		if !v.IsDefault && v.Document != nil {
			out = append(out, v)
		}
	}
	return out[max(0, len(out)-4):]
}

// versions asks, for each of others, versions of mp other than the
// default, whether pi would be an administrator with it as mp's default.
func (x *escalation) versions(pi *principalInfo, mp *model.ManagedPolicy, arn string, others []model.PolicyVersion) {
	for _, v := range others {
		varn := x.whatIf.policy(v)
		swap := func(h *held) {
			for i, a := range h.attached {
				if a == arn {
					h.attached[i] = varn
				}
			}
			if h.boundary == arn {
				h.boundary = varn
			}
		}
		r := step("iam:SetDefaultPolicyVersion", fmt.Sprintf("make version %s of %s, which applies to %s, its default version (iam:SetDefaultPolicyVersion)", v.ID, model.PolicyAddr(mp.Name), pi.addr))
		x.pending = append(x.pending, whatIf{pi: pi, policy: arn, standIn: x.whatIf.standIn(pi, swap), r: &r})
	}
}

// answerWhatIfs asks the stand-ins of the pending routes, in a second
// evaluator over the copy that holds them.
func (x *escalation) answerWhatIfs() {
	if len(x.pending) == 0 {
		return
	}
	w := newEvaluation(x.whatIf.acct, x.a.in.Now)
	// One version of a policy that makes pi an administrator is enough.
	type versionOf struct {
		pi     *principalInfo
		policy string
	}
	done := map[versionOf]bool{}
	for _, q := range x.pending {
		if q.policy != "" {
			k := versionOf{q.pi, q.policy}
			if !done[k] && w.isAdminAs(q.standIn, q.pi) {
				done[k] = true
				q.pi.routes = append(q.pi.routes, *q.r)
			}
			continue
		}
		switch {
		case q.r != nil && w.isAdminAs(q.standIn, q.pi):
			q.pi.routes = append(q.pi.routes, *q.r)
		case w.isAdminAs(q.capped, q.pi):
			q.pi.routes = append(q.pi.routes, q.self...)
		case q.r != nil:
			for _, r := range q.self {
				q.pi.routes = append(q.pi.routes, q.r.then(r))
			}
		}
	}
}

// become returns the ways pi can act as t: t's credentials for a user,
// t's trust or a service that runs code as t for a role.
func (x *escalation) become(pi, t *principalInfo) []route {
	e := x.e
	var out []route
	// The steps' text is made only for the ways that are allowed.
	try := func(action, format string, then ...string) {
		if e.allowed(pi.p, action, t.arn) {
			r := step(action, fmt.Sprintf(format, t.addr, pi.addr))
			for _, th := range then {
				r.steps = append(r.steps, fmt.Sprintf(th, t.addr))
			}
			out = append(out, r)
		}
	}
	if t.user != nil {
		try("iam:CreateAccessKey", "create an access key for %[1]s (iam:CreateAccessKey)", "call AWS as %s with it")
		try("iam:CreateLoginProfile", "give %[1]s a console password (iam:CreateLoginProfile)", "sign in as %s")
		try("iam:UpdateLoginProfile", "change %[1]s's console password (iam:UpdateLoginProfile)", "sign in as %s")
		return out
	}
	try("iam:UpdateAssumeRolePolicy", "rewrite the trust policy of %[1]s to trust %[2]s (iam:UpdateAssumeRolePolicy)", "assume %s (sts:AssumeRole)")
	try("sts:AssumeRole", "assume %[1]s, which its trust allows (sts:AssumeRole)")
	for _, i := range x.trustedBy(t) {
		s := runsCode[i]
		if e.allowed(pi.p, "iam:PassRole", t.arn, "iam:PassedToService", s.service) && x.mayRun(pi, s.actions) {
			out = append(out, route{
				actions: append([]string{"iam:PassRole"}, s.actions...),
				steps: []string{
					fmt.Sprintf("pass %s, which %s may assume, to %s (iam:PassRole)", t.addr, s.service, s.name),
					fmt.Sprintf("run code there as %s (%s)", t.addr, strings.Join(s.actions, ", ")),
				},
			})
		}
	}
	for _, tk := range takesOver {
		if x.trusts(t, tk.service) && x.allowedOnAll(pi, tk.action) {
			out = append(out, step(tk.action, fmt.Sprintf(tk.step, t.addr), fmt.Sprintf("run code there as %s", t.addr)))
		}
	}
	return out
}

// actionResources are the resources of the account that an action of
// runsCode or takesOver is asked on, each with %s for the account id:
// every resource of its type, anywhere in the account, so that a policy
// that allows the action on all of them counts.
var actionResources = map[string][]string{
	"ec2:RunInstances":                             {"arn:aws:ec2:*:%s:instance/*"},
	"lambda:CreateFunction":                        {"arn:aws:lambda:*:%s:function:*"},
	"lambda:InvokeFunction":                        {"arn:aws:lambda:*:%s:function:*"},
	"lambda:CreateEventSourceMapping":              {"arn:aws:lambda:*:%s:event-source-mapping:*"},
	"lambda:UpdateFunctionCode":                    {"arn:aws:lambda:*:%s:function:*"},
	"cloudformation:CreateStack":                   {"arn:aws:cloudformation:*:%s:stack/*"},
	"glue:CreateDevEndpoint":                       {"arn:aws:glue:*:%s:devEndpoint/*"},
	"glue:UpdateDevEndpoint":                       {"arn:aws:glue:*:%s:devEndpoint/*"},
	"glue:CreateJob":                               {"arn:aws:glue:*:%s:job/*"},
	"glue:StartJobRun":                             {"arn:aws:glue:*:%s:job/*"},
	"codebuild:CreateProject":                      {"arn:aws:codebuild:*:%s:project/*"},
	"codebuild:StartBuild":                         {"arn:aws:codebuild:*:%s:project/*"},
	"ecs:RegisterTaskDefinition":                   {"arn:aws:ecs:*:%s:task-definition/*"},
	"ecs:RunTask":                                  {"arn:aws:ecs:*:%s:task-definition/*"},
	"sagemaker:CreateNotebookInstance":             {"arn:aws:sagemaker:*:%s:notebook-instance/*"},
	"sagemaker:CreatePresignedNotebookInstanceUrl": {"arn:aws:sagemaker:*:%s:notebook-instance/*"},
	"sagemaker:CreateTrainingJob":                  {"arn:aws:sagemaker:*:%s:training-job/*"},
	"sagemaker:CreateProcessingJob":                {"arn:aws:sagemaker:*:%s:processing-job/*"},
	"states:CreateStateMachine":                    {"arn:aws:states:*:%s:stateMachine:*"},
	"states:StartExecution":                        {"arn:aws:states:*:%s:stateMachine:*"},
	"apprunner:CreateService":                      {"arn:aws:apprunner:*:%s:service/*"},
	// The shell document is AWS's: its ARN has no account.
	"ssm:SendCommand": {"arn:aws:ssm:*::document/AWS-RunShellScript", "arn:aws:ec2:*:%s:instance/*"},
}

// allowedOnAll reports whether pi may take action on every resource of
// actionResources: false for an action that has none.
func (x *escalation) allowedOnAll(pi *principalInfo, action string) bool {
	res := actionResources[action]
	for _, r := range res {
		if !x.e.allowed(pi.p, action, strings.ReplaceAll(r, "%s", x.acct.ID)) {
			return false
		}
	}
	return len(res) > 0
}

// mayRun reports whether pi may take every one of actions, each on "*"
// or on every resource of its type in the account.
func (x *escalation) mayRun(pi *principalInfo, actions []string) bool {
	for _, act := range actions {
		if !x.e.allowed(pi.p, act, "*") && !x.allowedOnAll(pi, act) {
			return false
		}
	}
	return true
}

// trusts reports whether t's trust lets the service in.
func (x *escalation) trusts(t *principalInfo, service string) bool {
	for _, i := range x.trustedBy(t) {
		if runsCode[i].service == service {
			return true
		}
	}
	return false
}

// trustedBy returns the runsCode entries whose service t's trust lets
// in.
func (x *escalation) trustedBy(t *principalInfo) []int {
	if got, ok := x.trusted[t.arn]; ok {
		return got
	}
	var out []int
	asked := map[string]bool{}
	for i, s := range runsCode {
		ok, seen := asked[s.service]
		if !seen {
			// The service acts for a resource of this account, which the
			// principal makes: a trust that asks for the account as
			// aws:SourceAccount lets it in.
			ok = x.e.allowed(access.Principal{Kind: access.KindService, Name: s.service}, "sts:AssumeRole", t.arn,
				"aws:SourceAccount", x.acct.ID)
			asked[s.service] = ok
		}
		if ok {
			out = append(out, i)
		}
	}
	x.trusted[t.arn] = out
	return out
}

// chains finds, for each principal with no way of its own, a way to act
// as one that has a way (or a chain), up to maxChain principals long:
// the first found, in the order principals are listed.
func (x *escalation) chains() {
	var targets []*principalInfo
	for _, pi := range x.all {
		if len(pi.routes) > 0 {
			targets = append(targets, pi)
		}
	}
	for round := 0; round < maxChain && len(targets) > 0; round++ {
		var next []*principalInfo
		for _, pi := range x.all {
			if pi.admin || len(pi.routes) > 0 || pi.chain != nil {
				continue
			}
			for _, t := range targets {
				ways := x.become(pi, t)
				if len(ways) == 0 {
					continue
				}
				rest := t.chain
				if rest == nil {
					rest = &t.routes[0]
				}
				// t's own steps are taken as t; those of a chain
				// already say whom they are taken as.
				as := route{actions: rest.actions}
				for _, s := range rest.steps {
					if !strings.HasPrefix(s, "as ") {
						s = fmt.Sprintf("as %s, %s", t.addr, s)
					}
					as.steps = append(as.steps, s)
				}
				c := ways[0].then(as)
				c.via = t.addr
				pi.chain = &c
				next = append(next, pi)
				break
			}
		}
		targets = next
	}
}

func memberOf(u *model.User, group string) bool {
	for _, g := range u.Groups {
		if model.Fold(g) == model.Fold(group) {
			return true
		}
	}
	return false
}
