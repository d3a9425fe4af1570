package audit

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

const acctID = "123456789012"

var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// allow is a policy allowing actions (comma-separated) on resource, with
// an optional condition block's JSON.
func allow(actions, resource string, cond ...string) *policy.Document {
	c := ""
	if len(cond) > 0 {
		c = `,"Condition":{` + cond[0] + `}`
	}
	return policy.MustParse(fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["%s"],"Resource":"%s"%s}]}`,
		strings.ReplaceAll(actions, ",", `","`), resource, c))
}

// trust is a trust policy letting principal (a JSON object's inside)
// assume the role, with an optional condition block's JSON.
func trust(principal string, cond ...string) *policy.Document {
	c := ""
	if len(cond) > 0 {
		c = `,"Condition":{` + cond[0] + `}`
	}
	return policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{` + principal + `},"Action":"sts:AssumeRole"` + c + `}]}`)
}

const (
	adminARN    = model.AWSManagedPolicyPrefix + "AdministratorAccess"
	readOnlyARN = model.AWSManagedPolicyPrefix + "ReadOnlyAccess"
)

// fixture builds an account for one case.
type fixture struct {
	a *model.Account
	p *model.Posture
}

func (f *fixture) user(name string, inline ...*policy.Document) *model.User {
	u := &model.User{Name: name, Path: "/", ARN: model.UserARN(acctID, "/", name)}
	for i, d := range inline {
		u.InlinePolicies = append(u.InlinePolicies, model.InlinePolicy{Name: fmt.Sprintf("p%d", i), Document: d})
	}
	f.a.AddUser(u)
	return u
}

func (f *fixture) group(name string, attached ...string) *model.Group {
	g := &model.Group{Name: name, Path: "/", ARN: model.GroupARN(acctID, "/", name), ManagedPolicies: attached}
	f.a.AddGroup(g)
	return g
}

func (f *fixture) role(name string, tr *policy.Document, inline ...*policy.Document) *model.Role {
	r := &model.Role{Name: name, Path: "/", ARN: model.RoleARN(acctID, "/", name), AssumeRolePolicy: tr}
	for i, d := range inline {
		r.InlinePolicies = append(r.InlinePolicies, model.InlinePolicy{Name: fmt.Sprintf("p%d", i), Document: d})
	}
	f.a.AddRole(r)
	return r
}

func (f *fixture) policy(name string, d *policy.Document, versions ...model.PolicyVersion) string {
	p := &model.ManagedPolicy{Name: name, Path: "/", ARN: model.PolicyARN(acctID, "/", name), Document: d, Versions: versions}
	f.a.AddPolicy(p)
	return p.ARN
}

func (f *fixture) row(r model.CredentialRow) {
	if f.p.Report == nil {
		f.p.Report = &model.CredentialReport{Generated: now}
	}
	f.p.Report.Users = append(f.p.Report.Users, r)
}

func days(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour) }

// TestChecks runs each check on an account where it finds what it looks
// for and on one where it does not. Every account starts hardened: a
// strong password policy and a root user with MFA and no keys.
func TestChecks(t *testing.T) {
	userSelf := "arn:aws:iam::" + acctID + ":user/${aws:username}"
	for _, tt := range []struct {
		name  string
		build func(f *fixture)
		want  []string // "check entity", each found
		none  []string // "check entity", none found
	}{
		{"root keys and no MFA", func(f *fixture) { f.p.RootAccessKeys, f.p.RootMFA = true, false },
			[]string{"root-access-keys root", "root-mfa root"}, nil},
		{"root hardened", func(f *fixture) {}, nil, []string{"root-access-keys root", "root-mfa root"}},
		{"no password policy", func(f *fixture) { f.a.PasswordPolicy = nil }, []string{"password-policy-missing password_policy"}, nil},
		{"weak password policy", func(f *fixture) {
			f.a.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 8, PasswordReusePrevention: 5}
		},
			[]string{"password-policy-length password_policy", "password-policy-reuse password_policy"}, []string{"password-policy-missing password_policy"}},
		{"strong password policy", func(f *fixture) {}, nil,
			[]string{"password-policy-missing password_policy", "password-policy-length password_policy", "password-policy-reuse password_policy"}},
		{"console users", func(f *fixture) {
			f.row(model.CredentialRow{User: "ann", PasswordEnabled: true, PasswordLastUsed: days(1)})
			f.row(model.CredentialRow{User: "kim", PasswordEnabled: true, MFAActive: true, PasswordLastUsed: days(1)})
		}, []string{"console-user-without-mfa user.ann"}, []string{"console-user-without-mfa user.kim"}},
		{"keys", func(f *fixture) {
			f.row(model.CredentialRow{User: "old", Keys: [2]model.ReportKey{{Active: true, LastRotated: days(120), LastUsed: days(1)}}})
			f.row(model.CredentialRow{User: "idle", Keys: [2]model.ReportKey{{Active: true, LastRotated: days(50)}}})
			f.row(model.CredentialRow{User: "two", Keys: [2]model.ReportKey{{Active: true, LastRotated: days(5), LastUsed: days(1)}, {Active: true, LastRotated: days(2), LastUsed: days(1)}}})
			f.row(model.CredentialRow{User: "fine", Keys: [2]model.ReportKey{{Active: true, LastRotated: days(30), LastUsed: days(1)}, {Active: false, LastRotated: days(400)}}})
		}, []string{"access-key-older-than-90-days user.old", "credentials-unused-45-days user.idle", "two-active-access-keys user.two"},
			[]string{"access-key-older-than-90-days user.fine", "credentials-unused-45-days user.fine", "two-active-access-keys user.fine",
				"credentials-unused-45-days user.old", "access-key-older-than-90-days user.idle"}},
		{"unused password", func(f *fixture) {
			f.row(model.CredentialRow{User: "gone", PasswordEnabled: true, MFAActive: true, PasswordLastUsed: days(60)})
			f.row(model.CredentialRow{User: "here", PasswordEnabled: true, MFAActive: true, PasswordLastUsed: days(44)})
		}, []string{"credentials-unused-45-days user.gone"}, []string{"credentials-unused-45-days user.here"}},
		{"direct policies", func(f *fixture) {
			f.user("bot").ManagedPolicies = []string{readOnlyARN}
			f.group("readers", readOnlyARN)
			f.user("kim").Groups = []string{"readers"}
		}, []string{"user-direct-policies user.bot"}, []string{"user-direct-policies user.kim"}},
		{"unused roles", func(f *fixture) {
			ec2 := trust(`"Service":"ec2.amazonaws.com"`)
			f.role("idle", ec2)
			f.role("busy", ec2)
			f.role("new", ec2)
			f.a.AddRole(&model.Role{Name: "AWSServiceRoleForSupport", Path: "/aws-service-role/support.amazonaws.com/", AssumeRolePolicy: ec2})
			f.p.Roles = map[string]model.RoleActivity{
				"idle": {Created: days(400), LastUsed: days(100)}, "busy": {Created: days(400), LastUsed: days(10)},
				"new": {Created: days(20)}, "awsservicerolefor support": {Created: days(900)},
			}
		}, []string{"role-unused-90-days role.idle"}, []string{"role-unused-90-days role.busy", "role-unused-90-days role.new", "role-unused-90-days role.AWSServiceRoleForSupport"}},
		{"administrators", func(f *fixture) {
			f.group("admins", adminARN)
			f.group("readers", readOnlyARN)
			f.user("ann").Groups = []string{"admins"}
			f.user("kim").Groups = []string{"readers"}
			f.role("star", trust(`"Service":"ec2.amazonaws.com"`), allow("*", "*"))
		}, []string{"full-administrator user.ann", "full-administrator role.star"}, []string{"full-administrator user.kim"}},
		{"policies on itself", func(f *fixture) {
			f.user("dev", allow("iam:AttachUserPolicy", userSelf))
			f.user("put", allow("iam:PutUserPolicy", userSelf))
			f.user("other", allow("iam:AttachUserPolicy", "arn:aws:iam::"+acctID+":user/someone-else"))
			// May attach ReadOnlyAccess only: not a path.
			f.user("limited", allow("iam:AttachUserPolicy", userSelf, `"ArnEquals":{"iam:PolicyARN":"`+readOnlyARN+`"}`))
		}, []string{"privilege-escalation user.dev", "privilege-escalation user.put"},
			[]string{"privilege-escalation user.other", "privilege-escalation user.limited"}},
		{"policies on its group, and an administrators' group", func(f *fixture) {
			f.group("devs")
			f.group("admins", adminARN)
			f.user("gp", allow("iam:PutGroupPolicy", "arn:aws:iam::"+acctID+":group/devs")).Groups = []string{"devs"}
			f.user("joiner", allow("iam:AddUserToGroup", "arn:aws:iam::"+acctID+":group/admins"))
			f.user("nonmember", allow("iam:PutGroupPolicy", "arn:aws:iam::"+acctID+":group/devs"))
		}, []string{"privilege-escalation user.gp", "privilege-escalation user.joiner"}, []string{"privilege-escalation user.nonmember"}},
		{"policy versions", func(f *fixture) {
			star := allow("*", "*")
			ver := f.policy("ver", allow("iam:SetDefaultPolicyVersion", "*"), model.PolicyVersion{ID: "v1", Document: star}, model.PolicyVersion{ID: "v2", IsDefault: true})
			tame := f.policy("tame", allow("iam:SetDefaultPolicyVersion", "*"), model.PolicyVersion{ID: "v1", Document: allow("s3:GetObject", "*")}, model.PolicyVersion{ID: "v2", IsDefault: true})
			create := f.policy("create", allow("iam:CreatePolicyVersion", "*"))
			f.user("setter").ManagedPolicies = []string{ver}
			f.user("tamed").ManagedPolicies = []string{tame}
			f.user("creator").ManagedPolicies = []string{create}
		}, []string{"privilege-escalation user.setter", "privilege-escalation user.creator"}, []string{"privilege-escalation user.tamed"}},
		{"permissions boundaries", func(f *fixture) {
			// A boundary that allows IAM alone: it applies to changing
			// the boundary too, which ReadOnlyAccess would forbid.
			iamOnly := f.policy("iam-only", allow("iam:*", "*"))
			// Administrators by their policies, held back by the boundary.
			f.user("unbind", allow("*", "*"), allow("iam:DeleteUserPermissionsBoundary", userSelf)).PermissionsBoundary = iamOnly
			f.user("bound", allow("*", "*")).PermissionsBoundary = readOnlyARN
			// May attach to itself, but the boundary caps it, unless it
			// may also set the boundary to AdministratorAccess.
			self := allow("iam:AttachUserPolicy,iam:GetUser", userSelf)
			f.user("capped", self).PermissionsBoundary = iamOnly
			f.user("uncapped", self, allow("iam:PutUserPermissionsBoundary", userSelf)).PermissionsBoundary = iamOnly
			f.user("delegated", self, allow("iam:PutUserPermissionsBoundary", userSelf,
				`"ArnEquals":{"iam:PermissionsBoundary":"`+iamOnly+`"}`)).PermissionsBoundary = iamOnly
		}, []string{"privilege-escalation user.unbind", "privilege-escalation user.uncapped"},
			[]string{"full-administrator user.unbind", "full-administrator user.bound", "privilege-escalation user.bound",
				"privilege-escalation user.capped", "privilege-escalation user.delegated"}},
		{"an administrator's credentials", func(f *fixture) {
			f.user("root-like").ManagedPolicies = []string{adminARN}
			f.user("keymaker", allow("iam:CreateAccessKey", "arn:aws:iam::"+acctID+":user/root-like"))
			f.user("passwords", allow("iam:UpdateLoginProfile", "*"))
			f.user("own-keys", allow("iam:CreateAccessKey", userSelf))
		}, []string{"privilege-escalation user.keymaker", "privilege-escalation user.passwords"}, []string{"privilege-escalation user.own-keys"}},
		{"an administrator role", func(f *fixture) {
			f.role("admin", trust(`"AWS":"arn:aws:iam::`+acctID+`:user/ops"`)).ManagedPolicies = []string{adminARN}
			f.user("ops")
			f.user("dev", allow("sts:AssumeRole", "*"))
			f.user("rewriter", allow("iam:UpdateAssumeRolePolicy", "*"))
		}, []string{"privilege-escalation user.ops", "privilege-escalation user.rewriter"}, []string{"privilege-escalation user.dev"}},
		{"passing an administrator role to a service", func(f *fixture) {
			f.role("pipeline-admin", trust(`"Service":"datapipeline.amazonaws.com"`)).ManagedPolicies = []string{adminARN}
			f.role("notebook-admin", trust(`"Service":"sagemaker.amazonaws.com"`)).ManagedPolicies = []string{adminARN}
			f.user("piper", allow("iam:PassRole,datapipeline:CreatePipeline,datapipeline:PutPipelineDefinition,datapipeline:ActivatePipeline", "*"))
			f.user("sage", allow("iam:PassRole,sagemaker:CreateNotebookInstance,sagemaker:CreatePresignedNotebookInstanceUrl", "*"))
			// May pass roles to EC2 only: neither role trusts EC2.
			f.user("ec2-only", allow("iam:PassRole,ec2:RunInstances,sagemaker:CreateTrainingJob", "*", `"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}`))
			// Lacks the action that starts the pipeline.
			f.user("half", allow("iam:PassRole,datapipeline:CreatePipeline", "*"))
		}, []string{"privilege-escalation user.piper", "privilege-escalation user.sage"},
			[]string{"privilege-escalation user.ec2-only", "privilege-escalation user.half"}},
		{"taking over what runs as an administrator role", func(f *fixture) {
			f.role("lambda-admin", trust(`"Service":"lambda.amazonaws.com"`)).ManagedPolicies = []string{adminARN}
			f.role("ec2-admin", trust(`"Service":"ec2.amazonaws.com"`)).ManagedPolicies = []string{adminARN}
			f.user("coder", allow("lambda:UpdateFunctionCode", "*"))
			f.user("operator", allow("ssm:SendCommand", "*"))
			// One named function: iamc cannot tell what it runs as.
			f.user("one-function", allow("lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:"+acctID+":function:report"))
			// Instances, but not the document that runs a shell.
			f.user("no-shell", allow("ssm:SendCommand", "arn:aws:ec2:*:*:instance/*"))
		}, []string{"privilege-escalation user.coder", "privilege-escalation user.operator"},
			[]string{"privilege-escalation user.one-function", "privilege-escalation user.no-shell"}},
		{"answers are not shared across a policy set when a tag decides", func(f *fixture) {
			f.group("ops").InlinePolicies = []model.InlinePolicy{{Name: "p", Document: policy.MustParse(`{"Version":"2012-10-17","Statement":[
				{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/admin":"true"}}},
				{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"ops"}}},
				{"Effect":"Deny","Action":["s3:DeleteBucket"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/restricted":"true"}}}]}`)}}
			f.group("assumers").InlinePolicies = []model.InlinePolicy{{Name: "a", Document: allow("sts:AssumeRole", "*")}}
			f.role("oncall-admin", trust(`"AWS":"arn:aws:iam::`+acctID+`:root"`, `"StringEquals":{"aws:PrincipalTag/oncall":"true"}`)).ManagedPolicies = []string{adminARN}
			// Untagged members listed first: their answers must not be
			// taken for the tagged ones'.
			f.user("aaa").Groups = []string{"ops"}
			f.user("bbb").Groups = []string{"assumers"}
			zed := f.user("zed")
			zed.Groups, zed.Tags = []string{"ops"}, model.Tags{"admin": "true"}
			zoe := f.user("zoe")
			zoe.Groups, zoe.Tags = []string{"ops"}, model.Tags{"team": "ops", "restricted": "true"}
			yan := f.user("yan")
			yan.Groups, yan.Tags = []string{"assumers"}, model.Tags{"oncall": "true"}
		}, []string{"full-administrator user.zed", "privilege-escalation user.yan"},
			[]string{"full-administrator user.aaa", "full-administrator user.zoe", "privilege-escalation user.bbb"}},
		{"stand-ins answer conditions on the principal's name and ARN as the principal", func(f *fixture) {
			unbind := f.policy("unbind-only", allow("iam:DeleteUserPermissionsBoundary", "*"))
			lock := policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::` + acctID + `:user/alice"}}}]}`)
			f.user("alice", allow("*", "*"), lock).PermissionsBoundary = unbind
			nobob := policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*","Condition":{"StringEquals":{"aws:username":"bob"}}}]}`)
			f.user("bob", allow("*", "*"), nobob).PermissionsBoundary = unbind
		}, []string{"privilege-escalation user.alice"}, []string{"privilege-escalation user.bob"}},
		{"a service trust that asks for the account", func(f *fixture) {
			f.role("lambda-admin", trust(`"Service":"lambda.amazonaws.com"`, `"StringEquals":{"aws:SourceAccount":"`+acctID+`"}`)).ManagedPolicies = []string{adminARN}
			f.role("other-admin", trust(`"Service":"lambda.amazonaws.com"`, `"StringEquals":{"aws:SourceAccount":"111122223333"}`)).ManagedPolicies = []string{adminARN}
			f.user("coder", allow("lambda:UpdateFunctionCode", "*"))
			f.user("passer", allow("iam:PassRole", "arn:aws:iam::"+acctID+":role/lambda-admin"), allow("lambda:CreateFunction,lambda:InvokeFunction", "*"))
			f.user("other-passer", allow("iam:PassRole", "arn:aws:iam::"+acctID+":role/other-admin"), allow("lambda:CreateFunction,lambda:InvokeFunction", "*"))
		}, []string{"privilege-escalation user.coder", "privilege-escalation user.passer"}, []string{"privilege-escalation user.other-passer"}},
		{"service actions allowed on their resources' ARNs", func(f *fixture) {
			f.role("lambda-admin", trust(`"Service":"lambda.amazonaws.com"`)).ManagedPolicies = []string{adminARN}
			f.role("ec2-admin", trust(`"Service":"ec2.amazonaws.com"`)).ManagedPolicies = []string{adminARN}
			f.user("passer", allow("iam:PassRole", "*"), allow("lambda:CreateFunction,lambda:InvokeFunction", "arn:aws:lambda:*:"+acctID+":function:*"))
			f.user("ssm", allow("ssm:SendCommand", "arn:aws:ec2:*:"+acctID+":instance/*"), allow("ssm:SendCommand", "arn:aws:ssm:*::document/AWS-RunShellScript"))
			f.user("team-only", allow("iam:PassRole", "*"), allow("lambda:CreateFunction,lambda:InvokeFunction", "arn:aws:lambda:*:"+acctID+":function:team-*"))
		}, []string{"privilege-escalation user.passer", "privilege-escalation user.ssm"}, nil},
		{"a boundary it may rewrite", func(f *fixture) {
			b := f.policy("bnd", allow("iam:CreatePolicyVersion,s3:GetObject", "*"))
			deny := policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["iam:DeleteUserPermissionsBoundary","iam:PutUserPermissionsBoundary"],"Resource":"*"}]}`)
			f.user("rewriter", allow("*", "*"), deny).PermissionsBoundary = b
			f.user("reader", allow("*", "*"), deny).PermissionsBoundary = f.policy("read-only", allow("s3:GetObject", "*"))
		}, []string{"privilege-escalation user.rewriter"}, []string{"privilege-escalation user.reader"}},
		{"a chain through a role", func(f *fixture) {
			// ci may assume deployer, which may attach policies to itself.
			f.role("deployer", trust(`"AWS":"arn:aws:iam::`+acctID+`:user/ci"`), allow("iam:AttachRolePolicy", "arn:aws:iam::"+acctID+":role/deployer"))
			f.user("ci")
			// intern may create keys for ci: two steps from deployer.
			f.user("intern", allow("iam:CreateAccessKey", "arn:aws:iam::"+acctID+":user/ci"))
			f.user("bystander", allow("iam:GetRole", "*"))
		}, []string{"privilege-escalation role.deployer", "privilege-escalation user.ci", "privilege-escalation user.intern"},
			[]string{"privilege-escalation user.bystander"}},
		{"trusts", func(f *fixture) {
			f.role("open", trust(`"AWS":"*"`))
			f.role("mfa-only", trust(`"AWS":"*"`, `"Bool":{"aws:MultiFactorAuthPresent":"true"}`))
			f.role("org", trust(`"AWS":"*"`, `"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}`))
			f.role("partner", trust(`"AWS":"arn:aws:iam::111122223333:root"`, `"StringEquals":{"sts:ExternalId":"x"}`))
		}, []string{"trust-open-to-strangers role.open", "trust-open-to-strangers role.mfa-only"},
			[]string{"trust-open-to-strangers role.org", "trust-open-to-strangers role.partner"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := &fixture{a: model.NewAccount(acctID), p: &model.Posture{RootMFA: true}}
			f.a.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 14, PasswordReusePrevention: 24}
			tt.build(f)
			var got []string
			for _, fd := range Run(Input{Account: f.a, Posture: f.p, Now: now}) {
				got = append(got, fd.ID+" "+fd.Entity)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("no %q among the findings:\n%s", w, strings.Join(got, "\n"))
				}
			}
			for _, n := range tt.none {
				if slices.Contains(got, n) {
					t.Errorf("%q found:\n%s", n, strings.Join(got, "\n"))
				}
			}
		})
	}
}

// TestEscalationPaths holds the actions and the steps of paths that the
// table above only finds.
func TestEscalationPaths(t *testing.T) {
	f := &fixture{a: model.NewAccount(acctID), p: &model.Posture{RootMFA: true}}
	f.a.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 14, PasswordReusePrevention: 24}
	userSelf := "arn:aws:iam::" + acctID + ":user/${aws:username}"
	f.role("deployer", trust(`"AWS":"arn:aws:iam::`+acctID+`:user/ci"`), allow("iam:AttachRolePolicy", "arn:aws:iam::"+acctID+":role/deployer"))
	f.user("ci")
	f.user("intern", allow("iam:CreateAccessKey", "arn:aws:iam::"+acctID+":user/ci"))
	f.user("uncapped", allow("iam:AttachUserPolicy,iam:PutUserPermissionsBoundary", userSelf)).PermissionsBoundary = f.policy("iam-only", allow("iam:*", "*"))
	ver := f.policy("ver", allow("iam:SetDefaultPolicyVersion", "*"), model.PolicyVersion{ID: "v1", Document: allow("*", "*")}, model.PolicyVersion{ID: "v2", IsDefault: true})
	f.user("setter").ManagedPolicies = []string{ver}
	paths := map[string]Finding{}
	for _, fd := range Run(Input{Account: f.a, Posture: f.p, Now: now}) {
		if fd.ID == checkEscalation.ID {
			if _, dup := paths[fd.Entity]; dup {
				t.Errorf("two paths for %s: %s", fd.Entity, fd.Title)
			}
			paths[fd.Entity] = fd
		}
	}
	for _, tt := range []struct {
		entity, title string
		steps         []string
	}{
		{"user.intern", "user.intern can make itself an administrator through user.ci: iam:CreateAccessKey + sts:AssumeRole + iam:AttachRolePolicy", []string{
			"create an access key for user.ci (iam:CreateAccessKey)",
			"call AWS as user.ci with it",
			"as user.ci, assume role.deployer, which its trust allows (sts:AssumeRole)",
			"as role.deployer, attach AdministratorAccess to role.deployer (iam:AttachRolePolicy)",
		}},
		{"user.uncapped", "user.uncapped can make itself an administrator: iam:PutUserPermissionsBoundary + iam:AttachUserPolicy", []string{
			"make AdministratorAccess the permissions boundary of user.uncapped (iam:PutUserPermissionsBoundary)",
			"attach AdministratorAccess to user.uncapped (iam:AttachUserPolicy)",
		}},
		{"user.setter", "user.setter can make itself an administrator: iam:SetDefaultPolicyVersion", []string{
			"make version v1 of policy.ver, which applies to user.setter, its default version (iam:SetDefaultPolicyVersion)",
		}},
	} {
		fd, ok := paths[tt.entity]
		if !ok {
			t.Errorf("no path for %s", tt.entity)
			continue
		}
		if fd.Title != tt.title || !slices.Equal(fd.Path, tt.steps) {
			t.Errorf("%s:\n title %q\n steps %q\nwant\n title %q\n steps %q", tt.entity, fd.Title, fd.Path, tt.title, tt.steps)
		}
	}
	for _, fd := range paths {
		if strings.Contains(strings.Join(append(fd.Path, fd.Title), " "), probeName) {
			t.Errorf("a finding names a stand-in: %+v", fd)
		}
	}
}

// BenchmarkChains audits an account where chains are costly to look
// for: roles that every user of the account may assume if allowed, each
// able to make itself an administrator, and users with no path of their
// own; half of the users may assume any role.
func BenchmarkChains(b *testing.B) {
	for _, n := range []struct{ users, roles int }{{500, 100}, {1000, 200}, {2000, 400}} {
		b.Run(fmt.Sprintf("users=%d,roles=%d", n.users, n.roles), func(b *testing.B) {
			f := &fixture{a: model.NewAccount(acctID), p: &model.Posture{RootMFA: true}}
			f.a.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 14, PasswordReusePrevention: 24}
			root := trust(`"AWS":"arn:aws:iam::` + acctID + `:root"`)
			for i := 0; i < n.roles; i++ {
				name := fmt.Sprintf("r%d", i)
				f.role(name, root, allow("iam:AttachRolePolicy", "arn:aws:iam::"+acctID+":role/"+name))
			}
			f.group("assumers").InlinePolicies = []model.InlinePolicy{{Name: "a", Document: allow("sts:AssumeRole", "*")}}
			f.group("readers", readOnlyARN)
			for i := 0; i < n.users; i++ {
				g := "readers"
				if i%2 == 0 {
					g = "assumers"
				}
				f.user(fmt.Sprintf("u%d", i)).Groups = []string{g}
			}
			b.ResetTimer()
			for range b.N {
				Run(Input{Account: f.a, Posture: f.p, Now: now})
			}
		})
	}
	// No two principals share a policy: no answer is shared, and the
	// pairs cost what asking a principal's policies once per action
	// saves.
	for _, n := range []int{250, 500, 1000} {
		b.Run(fmt.Sprintf("distinct,users=%d,roles=%d", n, n), func(b *testing.B) {
			f := &fixture{a: model.NewAccount(acctID), p: &model.Posture{RootMFA: true}}
			root := trust(`"AWS":"arn:aws:iam::` + acctID + `:root"`)
			for i := 0; i < n; i++ {
				name := fmt.Sprintf("r%d", i)
				f.role(name, root, allow("iam:AttachRolePolicy", "arn:aws:iam::"+acctID+":role/"+name))
				f.user(fmt.Sprintf("u%d", i), allow("s3:GetObject", fmt.Sprintf("arn:aws:s3:::b%d/*", i)))
			}
			b.ResetTimer()
			for range b.N {
				Run(Input{Account: f.a, Posture: f.p, Now: now})
			}
		})
	}
}

func TestCheckIndex(t *testing.T) {
	for i, c := range Checks {
		if got := CheckIndex(c.ID); got != i {
			t.Errorf("CheckIndex(%q) = %d, want %d", c.ID, got, i)
		}
	}
	if got := CheckIndex("no-such-check"); got != -1 {
		t.Errorf("CheckIndex of an unknown id = %d, want -1", got)
	}
}
