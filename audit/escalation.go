package audit

import (
	"fmt"
	"strings"
	"time"

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

// runsCode are services that run code as a role passed to them, with
// the actions that make them do it: the pass-role paths of escalation.
var runsCode = []struct {
	service string
	actions []string
}{
	{"ec2.amazonaws.com", []string{"ec2:RunInstances"}},
	{"lambda.amazonaws.com", []string{"lambda:CreateFunction", "lambda:InvokeFunction"}},
	{"cloudformation.amazonaws.com", []string{"cloudformation:CreateStack"}},
	{"glue.amazonaws.com", []string{"glue:CreateDevEndpoint"}},
	{"codebuild.amazonaws.com", []string{"codebuild:CreateProject", "codebuild:StartBuild"}},
	{"ecs-tasks.amazonaws.com", []string{"ecs:RegisterTaskDefinition", "ecs:RunTask"}},
}

// probeUser names the stand-in member the audit adds to each group to
// ask what the group's policies alone allow.
const probeUser = "iamc-audit-probe"

// principalInfo is a user or role as the access checks see it.
type principalInfo struct {
	p     access.Principal
	addr  model.Address
	arn   string
	admin bool
}

// evaluation wraps the evaluator with a cache of answers that do not
// depend on who asks (access.Answer.PrincipalKeys), by policy set.
type evaluation struct {
	ev    *access.Evaluator
	cache map[string]bool
}

func (e *evaluation) allowed(p access.Principal, action, resource string) bool {
	key := ""
	if !strings.HasPrefix(action, "sts:") {
		if set, err := e.ev.PolicySetKey(p); err == nil {
			key = set + "\x00" + action + "\x00" + resource
			if v, ok := e.cache[key]; ok {
				return v
			}
		}
	}
	ans, err := e.ev.Evaluate(access.Request{Principal: p, Action: action, Resource: resource})
	ok := err == nil && ans.Decision == access.Allowed
	if key != "" && err == nil && len(ans.PrincipalKeys) == 0 {
		e.cache[key] = ok
	}
	return ok
}

func (e *evaluation) allowsAll(p access.Principal, actions []string, resource string) bool {
	for _, act := range actions {
		if !e.allowed(p, act, resource) {
			return false
		}
	}
	return true
}

// access reports full administrators and the privilege-escalation paths
// of everyone else, asking the evaluator each step.
func (a *auditor) access() {
	acct := a.in.Account
	// The groups' own power is asked of a stand-in member per group, in
	// a copy of the account that the findings never name.
	probe := *acct
	probe.Users = make(map[string]*model.User, len(acct.Users)+len(acct.Groups))
	for k, u := range acct.Users {
		probe.Users[k] = u
	}
	groupProbe := map[string]string{}
	for _, g := range acct.SortedGroups() {
		name := fmt.Sprintf("%s-%d", probeUser, len(groupProbe))
		groupProbe[g.Name] = name
		probe.AddUser(&model.User{Name: name, Path: "/", Groups: []string{g.Name}, ARN: model.UserARN(acct.ID, "/", name)})
	}
	e := &evaluation{ev: access.New(&probe, access.Options{Now: func() time.Time { return a.in.Now }}), cache: map[string]bool{}}

	var all []*principalInfo
	for _, u := range acct.SortedUsers() {
		all = append(all, &principalInfo{p: access.User(u.Name), addr: model.UserAddr(u.Name), arn: userARN(acct, u)})
	}
	for _, r := range acct.SortedRoles() {
		if model.IsReservedPath(r.Path) {
			continue
		}
		all = append(all, &principalInfo{p: access.Role(r.Name), addr: model.RoleAddr(r.Name), arn: roleARN(acct, r)})
	}
	var admins []*principalInfo
	for _, pi := range all {
		if pi.admin = e.allowsAll(pi.p, adminProbe, "*"); pi.admin {
			admins = append(admins, pi)
			f := a.add(checkAdmin, pi.addr, fmt.Sprintf("%s has full administrator access", pi.addr),
				"It may do anything in the account, IAM included: a leak of its credentials is a leak of the account.",
				"Grant the permissions its job needs instead of AdministratorAccess or \"*:*\"; keep full access to a role assumed with MFA, for break-glass use.")
			f.Actions = []string{"*"}
		}
	}
	var adminGroups []*model.Group
	for _, g := range acct.SortedGroups() {
		if e.allowsAll(access.User(groupProbe[g.Name]), adminProbe, "*") {
			adminGroups = append(adminGroups, g)
		}
	}
	// Which services may assume each admin role, for the pass-role paths.
	trusted := map[string][]int{}
	for _, t := range admins {
		if t.p.Kind != access.KindRole {
			continue
		}
		for i, s := range runsCode {
			ans, err := e.ev.Evaluate(access.Request{Principal: access.Principal{Kind: access.KindService, Name: s.service}, Action: "sts:AssumeRole", Resource: t.arn})
			if err == nil && ans.Decision == access.Allowed {
				trusted[t.arn] = append(trusted[t.arn], i)
			}
		}
	}
	for _, pi := range all {
		if !pi.admin {
			a.escalations(e, pi, admins, adminGroups, trusted)
		}
	}
}

// escalations reports the ways pi can make itself a full administrator.
func (a *auditor) escalations(e *evaluation, pi *principalInfo, admins []*principalInfo, adminGroups []*model.Group, trusted map[string][]int) {
	acct := a.in.Account
	path := func(actions []string, steps ...string) {
		f := a.add(checkEscalation, pi.addr, fmt.Sprintf("%s can make itself an administrator: %s", pi.addr, strings.Join(actions, " + ")),
			"A principal that may change its own permissions has, in effect, every permission it can grant itself.",
			"Remove the actions of the path from its policies, or limit their resources so that they cannot reach the principal itself or anything more powerful.")
		f.Actions, f.Path = actions, steps
	}
	try := func(action, resource string, steps ...string) {
		if e.allowed(pi.p, action, resource) {
			path([]string{action}, steps...)
		}
	}
	// Policies on itself and on its groups.
	var attached []string
	switch pi.p.Kind {
	case access.KindUser:
		u := acct.User(pi.p.Name)
		try("iam:AttachUserPolicy", pi.arn, fmt.Sprintf("attach AdministratorAccess to %s (iam:AttachUserPolicy)", pi.addr))
		try("iam:PutUserPolicy", pi.arn, fmt.Sprintf("put an inline policy allowing \"*:*\" on %s (iam:PutUserPolicy)", pi.addr))
		attached = append(attached, u.ManagedPolicies...)
		for _, gn := range u.Groups {
			g := acct.Group(gn)
			if g == nil {
				continue
			}
			garn := groupARN(acct, g)
			ga := model.GroupAddr(g.Name)
			try("iam:AttachGroupPolicy", garn, fmt.Sprintf("attach AdministratorAccess to %s, which %s is a member of (iam:AttachGroupPolicy)", ga, pi.addr))
			try("iam:PutGroupPolicy", garn, fmt.Sprintf("put an inline policy allowing \"*:*\" on %s, which %s is a member of (iam:PutGroupPolicy)", ga, pi.addr))
			attached = append(attached, g.ManagedPolicies...)
		}
		for _, g := range adminGroups {
			if !memberOf(u, g.Name) {
				try("iam:AddUserToGroup", groupARN(acct, g), fmt.Sprintf("add %s to %s, which has full administrator access (iam:AddUserToGroup)", pi.addr, model.GroupAddr(g.Name)))
			}
		}
	case access.KindRole:
		r := acct.Role(pi.p.Name)
		try("iam:AttachRolePolicy", pi.arn, fmt.Sprintf("attach AdministratorAccess to %s (iam:AttachRolePolicy)", pi.addr))
		try("iam:PutRolePolicy", pi.arn, fmt.Sprintf("put an inline policy allowing \"*:*\" on %s (iam:PutRolePolicy)", pi.addr))
		attached = append(attached, r.ManagedPolicies...)
	}
	seen := map[string]bool{}
	for _, arn := range attached {
		if seen[arn] || model.IsAWSManagedPolicyARN(arn) {
			continue
		}
		seen[arn] = true
		if mp := acct.PolicyByARN(arn); mp != nil {
			try("iam:CreatePolicyVersion", arn, fmt.Sprintf("create a new default version of %s, which applies to %s, allowing \"*:*\" (iam:CreatePolicyVersion --set-as-default)", model.PolicyAddr(mp.Name), pi.addr))
		}
	}
	// Someone more powerful: an administrator's credentials or role.
	for _, t := range admins {
		if t.addr == pi.addr {
			continue
		}
		switch t.p.Kind {
		case access.KindUser:
			try("iam:CreateAccessKey", t.arn, fmt.Sprintf("create an access key for %s (iam:CreateAccessKey)", t.addr), fmt.Sprintf("call AWS as %s with it", t.addr))
			try("iam:CreateLoginProfile", t.arn, fmt.Sprintf("give %s a console password (iam:CreateLoginProfile)", t.addr), fmt.Sprintf("sign in as %s", t.addr))
			try("iam:UpdateLoginProfile", t.arn, fmt.Sprintf("change %s's console password (iam:UpdateLoginProfile)", t.addr), fmt.Sprintf("sign in as %s", t.addr))
		case access.KindRole:
			try("iam:UpdateAssumeRolePolicy", t.arn, fmt.Sprintf("rewrite the trust policy of %s to trust %s (iam:UpdateAssumeRolePolicy)", t.addr, pi.addr), fmt.Sprintf("assume %s (sts:AssumeRole)", t.addr))
			try("sts:AssumeRole", t.arn, fmt.Sprintf("assume %s, which its trust allows (sts:AssumeRole)", t.addr))
			for _, i := range trusted[t.arn] {
				s := runsCode[i]
				if e.allowed(pi.p, "iam:PassRole", t.arn) && e.allowsAll(pi.p, s.actions, "*") {
					path(append([]string{"iam:PassRole"}, s.actions...),
						fmt.Sprintf("pass %s, which %s may assume, to %s (iam:PassRole)", t.addr, s.service, strings.TrimSuffix(s.service, ".amazonaws.com")),
						fmt.Sprintf("run code there as %s (%s)", t.addr, strings.Join(s.actions, ", ")))
				}
			}
		}
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

func userARN(a *model.Account, u *model.User) string {
	if u.ARN != "" {
		return u.ARN
	}
	return model.UserARN(a.ID, u.Path, u.Name)
}

func roleARN(a *model.Account, r *model.Role) string {
	if r.ARN != "" {
		return r.ARN
	}
	return model.RoleARN(a.ID, r.Path, r.Name)
}

func groupARN(a *model.Account, g *model.Group) string {
	if g.ARN != "" {
		return g.ARN
	}
	return model.GroupARN(a.ID, g.Path, g.Name)
}
