package plantest

import (
	"fmt"
	"math/rand"

	"github.com/iamc/iamc/model"
)

// OrgSize is how many entities of each kind Org makes.
type OrgSize struct {
	Users, Groups, Roles, Policies int
}

// LargeOrgSize is the large organisation of iamc's speed targets: 5,000
// users, 300 groups, 1,000 roles and 1,500 managed policies.
var LargeOrgSize = OrgSize{Users: 5000, Groups: 300, Roles: 1000, Policies: 1500}

var orgActions = []string{
	"s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:DescribeInstances", "ec2:StartInstances",
	"dynamodb:GetItem", "dynamodb:PutItem", "sqs:SendMessage", "sqs:ReceiveMessage", "logs:PutLogEvents",
	"kms:Decrypt", "lambda:InvokeFunction", "sns:Publish", "cloudwatch:PutMetricData", "iam:GetUser",
}

// Org returns a desired account of the given size, the same for the same
// seed: policies of two or three statements, each group and role with two
// to five of them attached, each user in two to five groups, tagged, some
// with console access; roles trusted by a service.
func Org(size OrgSize, seed int64) *model.Account {
	r := rand.New(rand.NewSource(seed))
	a := model.NewAccount(model.DefaultAccountID)
	paths := []string{"/", "/staff/", "/apps/", "/platform/"}
	arns := make([]string, size.Policies)
	for i := range size.Policies {
		path := paths[r.Intn(len(paths))]
		p := &model.ManagedPolicy{
			Name:        fmt.Sprintf("policy-%04d", i),
			Path:        path,
			Description: fmt.Sprintf("Policy number %d", i),
			Tags:        model.Tags{"owner": fmt.Sprintf("team-%d", i%17)},
		}
		d := Allow(pick(r, orgActions, 2+r.Intn(3)), fmt.Sprintf("arn:aws:s3:::bucket-%d/*", i))
		for range 1 + r.Intn(2) {
			d.Statements = append(d.Statements, Allow(pick(r, orgActions, 1+r.Intn(3))).Statements[0])
		}
		p.Document = d
		a.AddPolicy(p)
		arns[i] = model.PolicyARN(a.ID, path, p.Name)
	}
	groups := make([]string, size.Groups)
	for i := range size.Groups {
		g := &model.Group{Name: fmt.Sprintf("group-%03d", i), Path: paths[r.Intn(len(paths))]}
		if len(arns) > 0 {
			g.ManagedPolicies = pick(r, arns, 2+r.Intn(4))
		}
		if i%10 == 0 {
			g.InlinePolicies = []model.InlinePolicy{{Name: "extra", Document: Allow(pick(r, orgActions, 2))}}
		}
		a.AddGroup(g)
		groups[i] = g.Name
	}
	for i := range size.Users {
		u := &model.User{
			Name: fmt.Sprintf("user-%04d", i),
			Path: paths[r.Intn(len(paths))],
			Tags: model.Tags{"team": fmt.Sprintf("team-%d", i%23), "cost-centre": fmt.Sprintf("cc-%d", i%7)},
		}
		if len(groups) > 0 {
			u.Groups = pick(r, groups, 2+r.Intn(4))
		}
		if i%3 == 0 {
			u.LoginProfile = &model.LoginProfile{Enabled: true, PasswordResetRequired: i%2 == 0}
		}
		a.AddUser(u)
	}
	services := []string{"ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"}
	for i := range size.Roles {
		ro := &model.Role{
			Name:               fmt.Sprintf("role-%04d", i),
			Path:               paths[r.Intn(len(paths))],
			Description:        fmt.Sprintf("Role number %d", i),
			MaxSessionDuration: 3600,
			AssumeRolePolicy:   TrustService(services[i%len(services)]),
			Tags:               model.Tags{"app": fmt.Sprintf("app-%d", i%31)},
		}
		if len(arns) > 0 {
			ro.ManagedPolicies = pick(r, arns, 2+r.Intn(4))
		}
		a.AddRole(ro)
	}
	return a
}

// pick returns n distinct elements of list (fewer when it is shorter),
// in the order they were drawn.
func pick(r *rand.Rand, list []string, n int) []string {
	if n > len(list) {
		n = len(list)
	}
	out := make([]string, 0, n)
	seen := make(map[int]bool, n)
	for len(out) < n {
		i := r.Intn(len(list))
		if !seen[i] {
			seen[i] = true
			out = append(out, list[i])
		}
	}
	return out
}
