package iamapi

import (
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider/memory"
)

// sampleParam is a valid value of a parameter, for building requests.
func sampleParam(name string) string {
	switch name {
	case "Path", "NewPath":
		return "/team/"
	case "PolicyArn", "PermissionsBoundary":
		return "arn:aws:iam::123456789012:policy/p"
	case "PolicyDocument", "AssumeRolePolicyDocument":
		return readDoc
	case "VersionId":
		return "v2"
	case "AccessKeyId":
		return "AKIAIOSFODNN7EXAMPLE"
	case "CertificateId":
		return "CERTIFICATEID0000000000001"
	case "SSHPublicKeyId":
		return "APKAEIBAERJR2EXAMPLE"
	case "ServiceSpecificCredentialId":
		return "ACCAEXAMPLE123EXAMPLE"
	case "SerialNumber":
		return "arn:aws:iam::123456789012:mfa/alice"
	case "AccountAlias":
		return "acme-prod"
	case "Password":
		return "Secret-123-abc"
	case "AuthenticationCode1", "AuthenticationCode2":
		return "123456"
	case "Description":
		return "a description"
	case "Status":
		return "Inactive"
	}
	return "name-" + name
}

// opForm encodes an op as a request, filling every parameter with a
// sample value, and returns the op it stands for.
func opForm(t *testing.T, action string) (url.Values, op.Op) {
	o := memory.NewCall(action)
	v := reflect.ValueOf(o).Elem()
	q := params(action)
	for _, p := range op.Params(o) {
		fv := v.Field(p.Field)
		switch p.Kind {
		case op.ParamString:
			s := sampleParam(p.Name)
			fv.SetString(s)
			q.Set(p.Name, s)
		case op.ParamBool:
			fv.SetBool(true)
			q.Set(p.Name, "true")
		case op.ParamInt:
			n := 3600 // a number IAM puts no range on in model
			if r, ok := model.IntRangeOf(p.Name); ok {
				n = r.Max
			}
			fv.SetInt(int64(n))
			q.Set(p.Name, strconv.Itoa(n))
		case op.ParamStringPtr:
			s := sampleParam(p.Name)
			fv.Set(reflect.ValueOf(&s))
			q.Set(p.Name, s)
		case op.ParamTags:
			tags := []op.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: ""}}
			fv.Set(reflect.ValueOf(tags))
			q.Set(p.Name+".member.1.Key", "a")
			q.Set(p.Name+".member.1.Value", "1")
			q.Set(p.Name+".member.2.Key", "b")
			q.Set(p.Name+".member.2.Value", "")
		case op.ParamList:
			keys := []string{"a", "b"}
			fv.Set(reflect.ValueOf(keys))
			q.Set(p.Name+".member.1", "a")
			q.Set(p.Name+".member.2", "b")
		}
	}
	return q, o
}

// TestDecodeEveryOp decodes a request for every op with every parameter
// set and compares the op with the one the request stands for; then
// checks that each required parameter is required.
func TestDecodeEveryOp(t *testing.T) {
	for _, want := range writeOps() {
		action := want.Action()
		t.Run(action, func(t *testing.T) {
			if actions()[action] == nil {
				t.Fatalf("%s is not served", action)
			}
			q, want := opForm(t, action)
			f, e := newForm(q)
			if e != nil {
				t.Fatal(e)
			}
			got, e := decodeOp(f)
			if e != nil {
				t.Fatalf("decoding %v: %v", q, e)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("decoded\n%#v\nwant\n%#v", got, want)
			}
			for _, p := range op.Params(want) {
				if !p.Required {
					continue
				}
				q2, _ := opForm(t, action)
				for k := range q2 {
					if k == p.Name || len(k) > len(p.Name) && k[:len(p.Name)+1] == p.Name+"." {
						q2.Del(k)
					}
				}
				f, _ := newForm(q2)
				if _, e := decodeOp(f); e == nil || e.Code != codeValidation {
					t.Errorf("without %s: got %v, want ValidationError", p.Name, e)
				}
			}
		})
	}
}

// TestActions checks the list of actions served: every op, the memory
// account's other calls, every read, the credential report's two and STS
// GetCallerIdentity and AssumeRole, sorted.
func TestActions(t *testing.T) {
	got := Actions()
	if want := len(op.All()) + len(memory.Calls()) + len(readActions()) + len(providerReads()) + 4; len(got) != want {
		t.Fatalf("%d actions, want %d", len(got), want)
	}
	for i := 1; i < len(got); i++ {
		if got[i-1] >= got[i] {
			t.Fatalf("not sorted at %s, %s", got[i-1], got[i])
		}
	}
	for _, name := range []string{"GetCallerIdentity", "GetAccountAuthorizationDetails", "GenerateCredentialReport", "CreateUser"} {
		if actions()[name] == nil {
			t.Errorf("%s is not served", name)
		}
	}
	for _, name := range got {
		if notServed(name) {
			t.Errorf("%s is served and listed as not served", name)
		}
	}
}

// TestDecodeDefaults checks what absent optional parameters decode to.
func TestDecodeDefaults(t *testing.T) {
	f, _ := newForm(params("UpdateAccountPasswordPolicy"))
	o, e := decodeOp(f)
	if e != nil {
		t.Fatal(e)
	}
	if got := o.(*op.UpdateAccountPasswordPolicy).MinimumPasswordLength; got != 6 {
		t.Errorf("MinimumPasswordLength = %d, want IAM's default 6", got)
	}
	f, _ = newForm(params("UpdateRole", "RoleName", "r"))
	o, _ = decodeOp(f)
	if d := o.(*op.UpdateRole).Description; d != nil {
		t.Errorf("Description = %q, want nil when absent", *d)
	}
	f, _ = newForm(params("UpdateRole", "RoleName", "r", "Description", ""))
	o, _ = decodeOp(f)
	if d := o.(*op.UpdateRole).Description; d == nil || *d != "" {
		t.Errorf("Description = %v, want a pointer to \"\" when sent empty", d)
	}
	f, _ = newForm(params("UntagUser", "UserName", "u", "TagKeys", ""))
	o, e = decodeOp(f)
	if e != nil || len(o.(*op.UntagUser).TagKeys) != 0 {
		t.Errorf("empty list TagKeys=: %v %v", o, e)
	}
}

// TestUpdateLoginProfile checks that a flag not sent is left as it is, as
// IAM does, and that a new password is refused clearly.
func TestUpdateLoginProfile(t *testing.T) {
	e := newEnv(t, seeded(t), Options{})
	must[*iam.UpdateLoginProfileOutput](t)(e.iam.UpdateLoginProfile(e.ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("tyler")}))
	lp := must[*iam.GetLoginProfileOutput](t)(e.iam.GetLoginProfile(e.ctx, &iam.GetLoginProfileInput{UserName: aws.String("tyler")}))
	if !lp.LoginProfile.PasswordResetRequired {
		t.Fatal("UpdateLoginProfile without PasswordResetRequired cleared it")
	}
	must[*iam.UpdateLoginProfileOutput](t)(e.iam.UpdateLoginProfile(e.ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("tyler"), PasswordResetRequired: aws.Bool(false)}))
	lp = must[*iam.GetLoginProfileOutput](t)(e.iam.GetLoginProfile(e.ctx, &iam.GetLoginProfileInput{UserName: aws.String("tyler")}))
	if lp.LoginProfile.PasswordResetRequired {
		t.Fatal("UpdateLoginProfile did not clear PasswordResetRequired")
	}
	_, err := e.iam.UpdateLoginProfile(e.ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("tyler"), Password: aws.String("N3w-Passw0rd!!")})
	wantCode(t, err, "ValidationError", 400)
	if strings.Contains(err.Error(), "N3w") {
		t.Fatalf("the password is echoed: %v", err)
	}
}

// TestWritesOverSDK runs every write op through the AWS SDK against a
// seeded account and checks the answers and the account.
func TestWritesOverSDK(t *testing.T) {
	e := newEnv(t, seeded(t), Options{})
	c, ctx := e.iam, e.ctx
	s := aws.String
	acct := "123456789012"

	// Managed policies and their versions.
	cp := must[*iam.CreatePolicyOutput](t)(c.CreatePolicy(ctx, &iam.CreatePolicyInput{
		PolicyName: s("boundary"), Path: s("/b/"), PolicyDocument: s(readDoc), Description: s("the boundary"),
		Tags: []types.Tag{{Key: s("Owner"), Value: s("sec")}},
	}))
	bnd := "arn:aws:iam::" + acct + ":policy/b/boundary"
	if p := cp.Policy; *p.Arn != bnd || *p.DefaultVersionId != "v1" || *p.PolicyName != "boundary" || *p.Path != "/b/" ||
		*p.AttachmentCount != 0 || !p.IsAttachable || *p.Description != "the boundary" || len(p.Tags) != 1 || p.CreateDate == nil || p.PolicyId == nil {
		t.Fatalf("CreatePolicy answered %+v", p)
	}
	cv := must[*iam.CreatePolicyVersionOutput](t)(c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: s(bnd), PolicyDocument: s(writeDoc), SetAsDefault: true}))
	if v := cv.PolicyVersion; *v.VersionId != "v2" || !v.IsDefaultVersion || v.CreateDate == nil || v.Document != nil {
		t.Fatalf("CreatePolicyVersion answered %+v", v)
	}
	must[*iam.SetDefaultPolicyVersionOutput](t)(c.SetDefaultPolicyVersion(ctx, &iam.SetDefaultPolicyVersionInput{PolicyArn: s(bnd), VersionId: s("v1")}))
	must[*iam.DeletePolicyVersionOutput](t)(c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: s(bnd), VersionId: s("v2")}))
	must[*iam.TagPolicyOutput](t)(c.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: s(bnd), Tags: []types.Tag{{Key: s("k"), Value: s("v")}}}))
	must[*iam.UntagPolicyOutput](t)(c.UntagPolicy(ctx, &iam.UntagPolicyInput{PolicyArn: s(bnd), TagKeys: []string{"Owner"}}))

	// Users.
	cu := must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{
		UserName: s("alice"), Path: s("/staff/"), PermissionsBoundary: s(bnd), Tags: []types.Tag{{Key: s("team"), Value: s("web")}},
	}))
	if u := cu.User; *u.UserName != "alice" || *u.Path != "/staff/" || *u.Arn != "arn:aws:iam::"+acct+":user/staff/alice" ||
		u.UserId == nil || u.CreateDate == nil || u.PermissionsBoundary == nil || *u.PermissionsBoundary.PermissionsBoundaryArn != bnd ||
		u.PermissionsBoundary.PermissionsBoundaryType != types.PermissionsBoundaryAttachmentTypePolicy || len(u.Tags) != 1 {
		t.Fatalf("CreateUser answered %+v", u)
	}
	must[*iam.UpdateUserOutput](t)(c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: s("alice"), NewUserName: s("alicia"), NewPath: s("/people/")}))
	must[*iam.TagUserOutput](t)(c.TagUser(ctx, &iam.TagUserInput{UserName: s("alicia"), Tags: []types.Tag{{Key: s("cost"), Value: s("42")}}}))
	must[*iam.UntagUserOutput](t)(c.UntagUser(ctx, &iam.UntagUserInput{UserName: s("alicia"), TagKeys: []string{"team"}}))
	must[*iam.DeleteUserPermissionsBoundaryOutput](t)(c.DeleteUserPermissionsBoundary(ctx, &iam.DeleteUserPermissionsBoundaryInput{UserName: s("alicia")}))
	must[*iam.PutUserPermissionsBoundaryOutput](t)(c.PutUserPermissionsBoundary(ctx, &iam.PutUserPermissionsBoundaryInput{UserName: s("alicia"), PermissionsBoundary: s(bnd)}))
	must[*iam.AttachUserPolicyOutput](t)(c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: s("alicia"), PolicyArn: s("arn:aws:iam::aws:policy/ReadOnlyAccess")}))
	must[*iam.PutUserPolicyOutput](t)(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: s("alicia"), PolicyName: s("inline"), PolicyDocument: s(readDoc)}))
	lp := must[*iam.CreateLoginProfileOutput](t)(c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: s("alicia"), Password: s("Correct-Horse-42-battery"), PasswordResetRequired: true}))
	if p := lp.LoginProfile; *p.UserName != "alicia" || !p.PasswordResetRequired || p.CreateDate == nil {
		t.Fatalf("CreateLoginProfile answered %+v", p)
	}
	must[*iam.UpdateLoginProfileOutput](t)(c.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: s("alicia"), PasswordResetRequired: aws.Bool(false)}))

	// Groups.
	cg := must[*iam.CreateGroupOutput](t)(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: s("ops"), Path: s("/eng/")}))
	if g := cg.Group; *g.GroupName != "ops" || *g.Arn != "arn:aws:iam::"+acct+":group/eng/ops" || g.GroupId == nil || g.CreateDate == nil {
		t.Fatalf("CreateGroup answered %+v", g)
	}
	must[*iam.UpdateGroupOutput](t)(c.UpdateGroup(ctx, &iam.UpdateGroupInput{GroupName: s("ops"), NewGroupName: s("sre")}))
	must[*iam.AddUserToGroupOutput](t)(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: s("sre"), UserName: s("alicia")}))
	must[*iam.AttachGroupPolicyOutput](t)(c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: s("sre"), PolicyArn: s(bnd)}))
	must[*iam.PutGroupPolicyOutput](t)(c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: s("sre"), PolicyName: s("g"), PolicyDocument: s(readDoc)}))

	// Roles.
	cr := must[*iam.CreateRoleOutput](t)(c.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName: s("lambda"), AssumeRolePolicyDocument: s(trustDoc), Description: s("fn"), MaxSessionDuration: aws.Int32(7200),
		PermissionsBoundary: s(bnd), Tags: []types.Tag{{Key: s("a"), Value: s("b")}},
	}))
	if r := cr.Role; *r.RoleName != "lambda" || *r.Arn != "arn:aws:iam::"+acct+":role/lambda" || decodeDoc(t, r.AssumeRolePolicyDocument) != trustDoc ||
		*r.Description != "fn" || *r.MaxSessionDuration != 7200 || r.PermissionsBoundary == nil || len(r.Tags) != 1 || r.RoleId == nil {
		t.Fatalf("CreateRole answered %+v", r)
	}
	must[*iam.UpdateRoleOutput](t)(c.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: s("lambda"), Description: s("function"), MaxSessionDuration: aws.Int32(3600)}))
	must[*iam.UpdateAssumeRolePolicyOutput](t)(c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: s("lambda"), PolicyDocument: s(trustDoc)}))
	must[*iam.TagRoleOutput](t)(c.TagRole(ctx, &iam.TagRoleInput{RoleName: s("lambda"), Tags: []types.Tag{{Key: s("c"), Value: s("d")}}}))
	must[*iam.UntagRoleOutput](t)(c.UntagRole(ctx, &iam.UntagRoleInput{RoleName: s("lambda"), TagKeys: []string{"a"}}))
	must[*iam.DeleteRolePermissionsBoundaryOutput](t)(c.DeleteRolePermissionsBoundary(ctx, &iam.DeleteRolePermissionsBoundaryInput{RoleName: s("lambda")}))
	must[*iam.PutRolePermissionsBoundaryOutput](t)(c.PutRolePermissionsBoundary(ctx, &iam.PutRolePermissionsBoundaryInput{RoleName: s("lambda"), PermissionsBoundary: s(bnd)}))
	must[*iam.AttachRolePolicyOutput](t)(c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: s("lambda"), PolicyArn: s(bnd)}))
	must[*iam.PutRolePolicyOutput](t)(c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: s("lambda"), PolicyName: s("r"), PolicyDocument: s(writeDoc)}))
	must[*iam.RemoveRoleFromInstanceProfileOutput](t)(c.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: s("ec2-app"), RoleName: s("ec2-app")}))
	must[*iam.AddRoleToInstanceProfileOutput](t)(c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: s("ec2-app"), RoleName: s("lambda")}))

	// The account.
	must[*iam.UpdateAccountPasswordPolicyOutput](t)(c.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{
		MinimumPasswordLength: aws.Int32(14), RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true,
		RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, MaxPasswordAge: aws.Int32(30), PasswordReusePrevention: aws.Int32(24), HardExpiry: aws.Bool(true),
	}))
	cur, err := e.acct.Read(ctx)
	check(t, err)
	if pp := cur.PasswordPolicy; pp == nil || pp.MinimumLength != 14 || !pp.HardExpiry || pp.MaxPasswordAge != 30 || pp.PasswordReusePrevention != 24 || !pp.RequireSymbols {
		t.Fatalf("password policy = %+v", cur.PasswordPolicy)
	}
	must[*iam.DeleteAccountPasswordPolicyOutput](t)(c.DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{}))
	must[*iam.DeleteAccountAliasOutput](t)(c.DeleteAccountAlias(ctx, &iam.DeleteAccountAliasInput{AccountAlias: s("acme-test")}))
	must[*iam.CreateAccountAliasOutput](t)(c.CreateAccountAlias(ctx, &iam.CreateAccountAliasInput{AccountAlias: s("acme-prod")}))

	// Check the account as the memory provider reads it.
	cur, err = e.acct.Read(ctx)
	check(t, err)
	u := cur.User("alicia")
	if u == nil || u.Path != "/people/" || u.Tags["cost"] != "42" || u.Tags["team"] != "" || u.PermissionsBoundary != bnd ||
		len(u.ManagedPolicies) != 1 || len(u.InlinePolicies) != 1 || len(u.Groups) != 1 || u.LoginProfile == nil || u.LoginProfile.PasswordResetRequired {
		t.Fatalf("user alicia = %+v", u)
	}
	if cur.User("alice") != nil || cur.Group("ops") != nil || cur.Group("sre") == nil {
		t.Fatal("renames did not happen")
	}
	if r := cur.Role("lambda"); r == nil || r.Description != "function" || r.MaxSessionDuration != 3600 || r.Tags["c"] != "d" || r.Tags["a"] != "" ||
		len(r.InstanceProfiles) != 1 || len(r.InlinePolicies) != 1 {
		t.Fatalf("role lambda = %+v", cur.Role("lambda"))
	}
	if p := cur.Policy("boundary"); p == nil || len(p.Versions) != 1 || p.Tags["k"] != "v" || p.Tags["Owner"] != "" {
		t.Fatalf("policy boundary = %+v", cur.Policy("boundary"))
	}
	if cur.Alias == nil || *cur.Alias != "acme-prod" || cur.PasswordPolicy != nil {
		t.Fatalf("alias %v, password policy %v", cur.Alias, cur.PasswordPolicy)
	}

	// Tear everything down again, credentials of the seeded user first.
	tyler := s("tyler")
	must[*iam.DeleteAccessKeyOutput](t)(c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: tyler, AccessKeyId: s("AKIAIOSFODNN7EXAMPLE")}))
	made := must[*iam.CreateAccessKeyOutput](t)(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: tyler}))
	if made.AccessKey == nil || len(aws.ToString(made.AccessKey.SecretAccessKey)) != 40 {
		t.Fatalf("CreateAccessKey answered %+v", made.AccessKey)
	}
	must[*iam.UpdateAccessKeyOutput](t)(c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: tyler, AccessKeyId: made.AccessKey.AccessKeyId, Status: "Inactive"}))
	must[*iam.DeleteAccessKeyOutput](t)(c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: tyler, AccessKeyId: made.AccessKey.AccessKeyId}))
	must[*iam.DeleteSigningCertificateOutput](t)(c.DeleteSigningCertificate(ctx, &iam.DeleteSigningCertificateInput{UserName: tyler, CertificateId: s("CERTIFICATEID0000000000001")}))
	must[*iam.DeleteSSHPublicKeyOutput](t)(c.DeleteSSHPublicKey(ctx, &iam.DeleteSSHPublicKeyInput{UserName: tyler, SSHPublicKeyId: s("APKAEIBAERJR2EXAMPLE")}))
	must[*iam.DeleteServiceSpecificCredentialOutput](t)(c.DeleteServiceSpecificCredential(ctx, &iam.DeleteServiceSpecificCredentialInput{UserName: tyler, ServiceSpecificCredentialId: s("ACCAEXAMPLE123EXAMPLE")}))
	must[*iam.DeactivateMFADeviceOutput](t)(c.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: tyler, SerialNumber: s("arn:aws:iam::123456789012:mfa/tyler")}))
	must[*iam.DeleteVirtualMFADeviceOutput](t)(c.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: s("arn:aws:iam::123456789012:mfa/tyler")}))

	alicia := s("alicia")
	must[*iam.DeleteLoginProfileOutput](t)(c.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: alicia}))
	must[*iam.DeleteUserPolicyOutput](t)(c.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: alicia, PolicyName: s("inline")}))
	must[*iam.DetachUserPolicyOutput](t)(c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: alicia, PolicyArn: s("arn:aws:iam::aws:policy/ReadOnlyAccess")}))
	must[*iam.RemoveUserFromGroupOutput](t)(c.RemoveUserFromGroup(ctx, &iam.RemoveUserFromGroupInput{GroupName: s("sre"), UserName: alicia}))
	must[*iam.DeleteUserPermissionsBoundaryOutput](t)(c.DeleteUserPermissionsBoundary(ctx, &iam.DeleteUserPermissionsBoundaryInput{UserName: alicia}))
	must[*iam.DeleteUserOutput](t)(c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: alicia}))
	must[*iam.DeleteGroupPolicyOutput](t)(c.DeleteGroupPolicy(ctx, &iam.DeleteGroupPolicyInput{GroupName: s("sre"), PolicyName: s("g")}))
	must[*iam.DetachGroupPolicyOutput](t)(c.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{GroupName: s("sre"), PolicyArn: s(bnd)}))
	must[*iam.DeleteGroupOutput](t)(c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: s("sre")}))
	must[*iam.RemoveRoleFromInstanceProfileOutput](t)(c.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: s("ec2-app"), RoleName: s("lambda")}))
	must[*iam.DeleteRolePolicyOutput](t)(c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: s("lambda"), PolicyName: s("r")}))
	must[*iam.DetachRolePolicyOutput](t)(c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: s("lambda"), PolicyArn: s(bnd)}))
	must[*iam.DeleteRolePermissionsBoundaryOutput](t)(c.DeleteRolePermissionsBoundary(ctx, &iam.DeleteRolePermissionsBoundaryInput{RoleName: s("lambda")}))
	must[*iam.DeleteRoleOutput](t)(c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: s("lambda")}))
	must[*iam.DeletePolicyOutput](t)(c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: s(bnd)}))
	testInstanceProfileWrites(ctx, t, c)
	testProviderWrites(ctx, t, c)

	cur, err = e.acct.Read(ctx)
	check(t, err)
	if cur.User("alicia") != nil || cur.Group("sre") != nil || cur.Role("lambda") != nil || cur.Policy("boundary") != nil {
		t.Fatal("deletes did not happen")
	}
	if cr := cur.User("tyler").Credentials; len(cr.AccessKeys) != 1 || len(cr.SigningCertificates)+len(cr.SSHPublicKeys)+len(cr.ServiceSpecificCredentials)+len(cr.MFADevices) != 0 {
		t.Fatalf("tyler's credentials = %+v", cr)
	}

	// Every write op was served (and counted) at least once.
	st := e.h.Stats()
	for _, o := range op.All() {
		if st.Actions[o.Action()] == 0 {
			t.Errorf("%s was not exercised", o.Action())
		}
	}
	if st.Errors != 0 {
		t.Errorf("%d requests failed", st.Errors)
	}
}
