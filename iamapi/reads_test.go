package iamapi

import (
	"bytes"
	"encoding/csv"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider/memory"
)

const (
	billingARN = "arn:aws:iam::123456789012:policy/billing"
	adminARN   = "arn:aws:iam::aws:policy/AdministratorAccess"
)

// sameDoc fails unless the URL-encoded document means the same as want.
func sameDoc(t *testing.T, encoded *string, want string) {
	t.Helper()
	got, err := policy.ParseJSON([]byte(decodeDoc(t, encoded)))
	if err != nil {
		t.Fatal(err)
	}
	if !policy.Equal(got, policy.MustParse(want)) {
		t.Fatalf("document %s, want %s", policy.CanonicalString(got), want)
	}
}

func userNames(us []types.User) string {
	var out []string
	for _, u := range us {
		out = append(out, *u.UserName)
	}
	return strings.Join(out, ",")
}

func tagString(tags []types.Tag) string {
	var out []string
	for _, t := range tags {
		out = append(out, *t.Key+"="+*t.Value)
	}
	return strings.Join(out, ",")
}

func TestReadUsers(t *testing.T) {
	e := newEnv(t, seeded(t), Options{})
	c, ctx, s := e.iam, e.ctx, aws.String

	gu := must[*iam.GetUserOutput](t)(c.GetUser(ctx, &iam.GetUserInput{UserName: s("TYLER")}))
	if u := gu.User; *u.UserName != "tyler" || *u.Path != "/staff/" || *u.Arn != "arn:aws:iam::123456789012:user/staff/tyler" ||
		!strings.HasPrefix(*u.UserId, "AIDA") || u.CreateDate == nil || tagString(u.Tags) != "team=platform" ||
		u.PermissionsBoundary == nil || *u.PermissionsBoundary.PermissionsBoundaryArn != billingARN {
		t.Fatalf("GetUser = %+v", u)
	}
	_, err := c.GetUser(ctx, &iam.GetUserInput{})
	wantCode(t, err, "ValidationError", 400)
	_, err = c.GetUser(ctx, &iam.GetUserInput{UserName: s("nobody")})
	wantCode(t, err, "NoSuchEntity", 404)

	lu := must[*iam.ListUsersOutput](t)(c.ListUsers(ctx, &iam.ListUsersInput{}))
	if userNames(lu.Users) != "ana,tyler" || lu.IsTruncated || lu.Marker != nil {
		t.Fatalf("ListUsers = %s truncated %v", userNames(lu.Users), lu.IsTruncated)
	}
	if lu.Users[1].Tags != nil || lu.Users[1].PermissionsBoundary != nil {
		t.Error("ListUsers returns tags or boundaries, which IAM leaves out")
	}
	lu = must[*iam.ListUsersOutput](t)(c.ListUsers(ctx, &iam.ListUsersInput{PathPrefix: s("/staff/")}))
	if userNames(lu.Users) != "tyler" {
		t.Fatalf("ListUsers /staff/ = %s", userNames(lu.Users))
	}
	ut := must[*iam.ListUserTagsOutput](t)(c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: s("tyler")}))
	if tagString(ut.Tags) != "team=platform" || ut.IsTruncated {
		t.Fatalf("ListUserTags = %s", tagString(ut.Tags))
	}

	lp := must[*iam.GetLoginProfileOutput](t)(c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: s("tyler")}))
	if *lp.LoginProfile.UserName != "tyler" || !lp.LoginProfile.PasswordResetRequired || lp.LoginProfile.CreateDate == nil {
		t.Fatalf("GetLoginProfile = %+v", lp.LoginProfile)
	}
	_, err = c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: s("ana")})
	wantCode(t, err, "NoSuchEntity", 404)

	ak := must[*iam.ListAccessKeysOutput](t)(c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: s("tyler")}))
	if len(ak.AccessKeyMetadata) != 2 || *ak.AccessKeyMetadata[0].AccessKeyId != "AKIAIOSFODNN7EXAMPLE" ||
		ak.AccessKeyMetadata[0].Status != types.StatusTypeActive || *ak.AccessKeyMetadata[0].UserName != "tyler" || ak.AccessKeyMetadata[0].CreateDate == nil {
		t.Fatalf("ListAccessKeys = %+v", ak.AccessKeyMetadata)
	}
	mfa := must[*iam.ListMFADevicesOutput](t)(c.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: s("tyler")}))
	if len(mfa.MFADevices) != 1 || *mfa.MFADevices[0].SerialNumber != "arn:aws:iam::123456789012:mfa/tyler" || mfa.MFADevices[0].EnableDate == nil {
		t.Fatalf("ListMFADevices = %+v", mfa.MFADevices)
	}
	vm := must[*iam.ListVirtualMFADevicesOutput](t)(c.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeAssigned}))
	if len(vm.VirtualMFADevices) != 1 || vm.VirtualMFADevices[0].User == nil || *vm.VirtualMFADevices[0].User.UserName != "tyler" {
		t.Fatalf("ListVirtualMFADevices = %+v", vm.VirtualMFADevices)
	}
	vm = must[*iam.ListVirtualMFADevicesOutput](t)(c.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeUnassigned}))
	if len(vm.VirtualMFADevices) != 0 {
		t.Fatalf("unassigned virtual MFA devices = %+v", vm.VirtualMFADevices)
	}
	sc := must[*iam.ListSigningCertificatesOutput](t)(c.ListSigningCertificates(ctx, &iam.ListSigningCertificatesInput{UserName: s("tyler")}))
	if len(sc.Certificates) != 1 || *sc.Certificates[0].CertificateId != "CERTIFICATEID0000000000001" || sc.Certificates[0].Status != types.StatusTypeActive {
		t.Fatalf("ListSigningCertificates = %+v", sc.Certificates)
	}
	ssh := must[*iam.ListSSHPublicKeysOutput](t)(c.ListSSHPublicKeys(ctx, &iam.ListSSHPublicKeysInput{UserName: s("tyler")}))
	if len(ssh.SSHPublicKeys) != 1 || *ssh.SSHPublicKeys[0].SSHPublicKeyId != "APKAEIBAERJR2EXAMPLE" || ssh.SSHPublicKeys[0].UploadDate == nil {
		t.Fatalf("ListSSHPublicKeys = %+v", ssh.SSHPublicKeys)
	}
	ssc := must[*iam.ListServiceSpecificCredentialsOutput](t)(c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: s("tyler")}))
	if len(ssc.ServiceSpecificCredentials) != 1 || *ssc.ServiceSpecificCredentials[0].ServiceSpecificCredentialId != "ACCAEXAMPLE123EXAMPLE" ||
		*ssc.ServiceSpecificCredentials[0].ServiceName != "codecommit.amazonaws.com" {
		t.Fatalf("ListServiceSpecificCredentials = %+v", ssc.ServiceSpecificCredentials)
	}
	ssc = must[*iam.ListServiceSpecificCredentialsOutput](t)(c.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{AllUsers: aws.Bool(true), ServiceName: s("nothing")}))
	if len(ssc.ServiceSpecificCredentials) != 0 {
		t.Fatalf("credentials of another service: %+v", ssc.ServiceSpecificCredentials)
	}

	gfu := must[*iam.ListGroupsForUserOutput](t)(c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: s("tyler")}))
	if len(gfu.Groups) != 2 || *gfu.Groups[0].GroupName != "admins" || *gfu.Groups[1].GroupName != "devs" || *gfu.Groups[1].Path != "/eng/" {
		t.Fatalf("ListGroupsForUser = %+v", gfu.Groups)
	}
	up := must[*iam.ListUserPoliciesOutput](t)(c.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: s("tyler")}))
	if strings.Join(up.PolicyNames, ",") != "write" {
		t.Fatalf("ListUserPolicies = %v", up.PolicyNames)
	}
	gp := must[*iam.GetUserPolicyOutput](t)(c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: s("tyler"), PolicyName: s("write")}))
	if *gp.UserName != "tyler" || *gp.PolicyName != "write" {
		t.Fatalf("GetUserPolicy = %+v", gp)
	}
	sameDoc(t, gp.PolicyDocument, writeDoc)
	_, err = c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: s("tyler"), PolicyName: s("WRITE")})
	wantCode(t, err, "NoSuchEntity", 404)
	ap := must[*iam.ListAttachedUserPoliciesOutput](t)(c.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: s("tyler")}))
	if len(ap.AttachedPolicies) != 1 || *ap.AttachedPolicies[0].PolicyArn != billingARN || *ap.AttachedPolicies[0].PolicyName != "billing" {
		t.Fatalf("ListAttachedUserPolicies = %+v", ap.AttachedPolicies)
	}
	ap = must[*iam.ListAttachedUserPoliciesOutput](t)(c.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: s("tyler"), PathPrefix: s("/other/")}))
	if len(ap.AttachedPolicies) != 0 {
		t.Fatalf("ListAttachedUserPolicies /other/ = %+v", ap.AttachedPolicies)
	}
}

func TestReadGroupsAndRoles(t *testing.T) {
	e := newEnv(t, seeded(t), Options{})
	c, ctx, s := e.iam, e.ctx, aws.String

	gg := must[*iam.GetGroupOutput](t)(c.GetGroup(ctx, &iam.GetGroupInput{GroupName: s("devs")}))
	if *gg.Group.GroupName != "devs" || *gg.Group.Arn != "arn:aws:iam::123456789012:group/eng/devs" || userNames(gg.Users) != "ana,tyler" || gg.IsTruncated {
		t.Fatalf("GetGroup = %+v %s", gg.Group, userNames(gg.Users))
	}
	lg := must[*iam.ListGroupsOutput](t)(c.ListGroups(ctx, &iam.ListGroupsInput{PathPrefix: s("/eng/")}))
	if len(lg.Groups) != 1 || *lg.Groups[0].GroupName != "devs" {
		t.Fatalf("ListGroups /eng/ = %+v", lg.Groups)
	}
	gpl := must[*iam.ListGroupPoliciesOutput](t)(c.ListGroupPolicies(ctx, &iam.ListGroupPoliciesInput{GroupName: s("admins")}))
	if strings.Join(gpl.PolicyNames, ",") != "read" {
		t.Fatalf("ListGroupPolicies = %v", gpl.PolicyNames)
	}
	ggp := must[*iam.GetGroupPolicyOutput](t)(c.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: s("admins"), PolicyName: s("read")}))
	sameDoc(t, ggp.PolicyDocument, readDoc)
	agp := must[*iam.ListAttachedGroupPoliciesOutput](t)(c.ListAttachedGroupPolicies(ctx, &iam.ListAttachedGroupPoliciesInput{GroupName: s("admins")}))
	if len(agp.AttachedPolicies) != 1 || *agp.AttachedPolicies[0].PolicyArn != adminARN || *agp.AttachedPolicies[0].PolicyName != "AdministratorAccess" {
		t.Fatalf("ListAttachedGroupPolicies = %+v", agp.AttachedPolicies)
	}
	_, err := c.GetGroup(ctx, &iam.GetGroupInput{GroupName: s("nobody")})
	wantCode(t, err, "NoSuchEntity", 404)

	gr := must[*iam.GetRoleOutput](t)(c.GetRole(ctx, &iam.GetRoleInput{RoleName: s("ec2-app")}))
	if r := gr.Role; *r.RoleName != "ec2-app" || *r.Description != "EC2 instances of the app" || *r.MaxSessionDuration != 7200 ||
		tagString(r.Tags) != "app=web" || r.RoleLastUsed == nil || !strings.HasPrefix(*r.RoleId, "AROA") {
		t.Fatalf("GetRole = %+v", r)
	}
	sameDoc(t, gr.Role.AssumeRolePolicyDocument, trustDoc)
	lr := must[*iam.ListRolesOutput](t)(c.ListRoles(ctx, &iam.ListRolesInput{}))
	if len(lr.Roles) != 1 || *lr.Roles[0].Description != "EC2 instances of the app" || *lr.Roles[0].MaxSessionDuration != 7200 || lr.Roles[0].Tags != nil {
		t.Fatalf("ListRoles = %+v", lr.Roles)
	}
	sameDoc(t, lr.Roles[0].AssumeRolePolicyDocument, trustDoc)
	rt := must[*iam.ListRoleTagsOutput](t)(c.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: s("ec2-app")}))
	if tagString(rt.Tags) != "app=web" {
		t.Fatalf("ListRoleTags = %s", tagString(rt.Tags))
	}
	rp := must[*iam.ListRolePoliciesOutput](t)(c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: s("ec2-app")}))
	if strings.Join(rp.PolicyNames, ",") != "read" {
		t.Fatalf("ListRolePolicies = %v", rp.PolicyNames)
	}
	grp := must[*iam.GetRolePolicyOutput](t)(c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: s("ec2-app"), PolicyName: s("read")}))
	if *grp.RoleName != "ec2-app" {
		t.Fatalf("GetRolePolicy = %+v", grp)
	}
	sameDoc(t, grp.PolicyDocument, readDoc)
	arp := must[*iam.ListAttachedRolePoliciesOutput](t)(c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: s("ec2-app")}))
	if len(arp.AttachedPolicies) != 1 || *arp.AttachedPolicies[0].PolicyArn != billingARN {
		t.Fatalf("ListAttachedRolePolicies = %+v", arp.AttachedPolicies)
	}
	ipr := must[*iam.ListInstanceProfilesForRoleOutput](t)(c.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: s("ec2-app")}))
	if len(ipr.InstanceProfiles) != 1 || *ipr.InstanceProfiles[0].InstanceProfileName != "ec2-app" || len(ipr.InstanceProfiles[0].Roles) != 1 ||
		*ipr.InstanceProfiles[0].Arn != "arn:aws:iam::123456789012:instance-profile/ec2-app" {
		t.Fatalf("ListInstanceProfilesForRole = %+v", ipr.InstanceProfiles)
	}
	lip := must[*iam.ListInstanceProfilesOutput](t)(c.ListInstanceProfiles(ctx, &iam.ListInstanceProfilesInput{}))
	if len(lip.InstanceProfiles) != 1 {
		t.Fatalf("ListInstanceProfiles = %+v", lip.InstanceProfiles)
	}
	gip := must[*iam.GetInstanceProfileOutput](t)(c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: s("ec2-app")}))
	if *gip.InstanceProfile.Roles[0].RoleName != "ec2-app" {
		t.Fatalf("GetInstanceProfile = %+v", gip.InstanceProfile)
	}
	_, err = c.GetRole(ctx, &iam.GetRoleInput{RoleName: s("nobody")})
	wantCode(t, err, "NoSuchEntity", 404)
}

func TestReadPolicies(t *testing.T) {
	e := newEnv(t, seeded(t), Options{})
	c, ctx, s := e.iam, e.ctx, aws.String

	gp := must[*iam.GetPolicyOutput](t)(c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: s(billingARN)}))
	if p := gp.Policy; *p.PolicyName != "billing" || *p.DefaultVersionId != "v2" || *p.AttachmentCount != 2 || *p.PermissionsBoundaryUsageCount != 1 ||
		*p.Description != "Read billing" || tagString(p.Tags) != "owner=finance" || !strings.HasPrefix(*p.PolicyId, "ANPA") || p.UpdateDate == nil {
		t.Fatalf("GetPolicy = %+v", p)
	}
	ga := must[*iam.GetPolicyOutput](t)(c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: s(adminARN)}))
	if p := ga.Policy; *p.PolicyName != "AdministratorAccess" || *p.AttachmentCount != 1 || *p.Arn != adminARN || *p.Path != "/" || p.DefaultVersionId == nil {
		t.Fatalf("GetPolicy (AWS managed) = %+v", p)
	}
	_, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: s("arn:aws:iam::aws:policy/NoSuchPolicyAtAll")})
	wantCode(t, err, "NoSuchEntity", 404)
	_, err = c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: s("not-an-arn-of-any-kind")})
	wantCode(t, err, "InvalidInput", 400)

	names := func(ps []types.Policy) string {
		var out []string
		for _, p := range ps {
			out = append(out, *p.PolicyName)
		}
		return strings.Join(out, ",")
	}
	lp := must[*iam.ListPoliciesOutput](t)(c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}))
	if names(lp.Policies) != "billing" || lp.Policies[0].Tags != nil {
		t.Fatalf("ListPolicies Local = %s", names(lp.Policies))
	}
	lp = must[*iam.ListPoliciesOutput](t)(c.ListPolicies(ctx, &iam.ListPoliciesInput{OnlyAttached: true}))
	if names(lp.Policies) != "AdministratorAccess,billing" {
		t.Fatalf("ListPolicies OnlyAttached = %s", names(lp.Policies))
	}
	lp = must[*iam.ListPoliciesOutput](t)(c.ListPolicies(ctx, &iam.ListPoliciesInput{OnlyAttached: true, PolicyUsageFilter: types.PolicyUsageTypePermissionsBoundary}))
	if names(lp.Policies) != "billing" {
		t.Fatalf("ListPolicies boundaries = %s", names(lp.Policies))
	}
	lp = must[*iam.ListPoliciesOutput](t)(c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws}))
	if len(lp.Policies) != 100 || !lp.IsTruncated || lp.Marker == nil {
		t.Fatalf("ListPolicies AWS: %d policies, truncated %v", len(lp.Policies), lp.IsTruncated)
	}

	pv := must[*iam.GetPolicyVersionOutput](t)(c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: s(billingARN), VersionId: s("v1")}))
	if v := pv.PolicyVersion; *v.VersionId != "v1" || v.IsDefaultVersion || v.CreateDate == nil {
		t.Fatalf("GetPolicyVersion = %+v", v)
	}
	sameDoc(t, pv.PolicyVersion.Document, readDoc)
	av := must[*iam.GetPolicyVersionOutput](t)(c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: s(adminARN), VersionId: ga.Policy.DefaultVersionId}))
	sameDoc(t, av.PolicyVersion.Document, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	_, err = c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: s(billingARN), VersionId: s("v9")})
	wantCode(t, err, "NoSuchEntity", 404)
	lv := must[*iam.ListPolicyVersionsOutput](t)(c.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: s(billingARN)}))
	if len(lv.Versions) != 2 || *lv.Versions[0].VersionId != "v2" || !lv.Versions[0].IsDefaultVersion || lv.Versions[0].Document != nil {
		t.Fatalf("ListPolicyVersions = %+v", lv.Versions)
	}
	pt := must[*iam.ListPolicyTagsOutput](t)(c.ListPolicyTags(ctx, &iam.ListPolicyTagsInput{PolicyArn: s(billingARN)}))
	if tagString(pt.Tags) != "owner=finance" {
		t.Fatalf("ListPolicyTags = %s", tagString(pt.Tags))
	}

	ent := must[*iam.ListEntitiesForPolicyOutput](t)(c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: s(billingARN)}))
	if len(ent.PolicyUsers) != 1 || *ent.PolicyUsers[0].UserName != "tyler" || len(ent.PolicyRoles) != 1 || *ent.PolicyRoles[0].RoleName != "ec2-app" ||
		len(ent.PolicyGroups) != 0 || ent.PolicyUsers[0].UserId == nil {
		t.Fatalf("ListEntitiesForPolicy = %+v", ent)
	}
	ent = must[*iam.ListEntitiesForPolicyOutput](t)(c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: s(billingARN), EntityFilter: types.EntityTypeRole}))
	if len(ent.PolicyUsers) != 0 || len(ent.PolicyRoles) != 1 {
		t.Fatalf("ListEntitiesForPolicy Role = %+v", ent)
	}
	ent = must[*iam.ListEntitiesForPolicyOutput](t)(c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: s(adminARN)}))
	if len(ent.PolicyGroups) != 1 || *ent.PolicyGroups[0].GroupName != "admins" {
		t.Fatalf("ListEntitiesForPolicy AWS managed = %+v", ent)
	}
}

func TestReadAccount(t *testing.T) {
	e := newEnv(t, seeded(t), Options{Now: func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }})
	c, ctx, s := e.iam, e.ctx, aws.String

	pp := must[*iam.GetAccountPasswordPolicyOutput](t)(c.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{}))
	if p := pp.PasswordPolicy; *p.MinimumPasswordLength != 12 || !p.RequireNumbers || p.RequireSymbols || !p.ExpirePasswords ||
		*p.MaxPasswordAge != 90 || *p.PasswordReusePrevention != 5 || p.HardExpiry == nil || *p.HardExpiry {
		t.Fatalf("GetAccountPasswordPolicy = %+v", p)
	}
	al := must[*iam.ListAccountAliasesOutput](t)(c.ListAccountAliases(ctx, &iam.ListAccountAliasesInput{}))
	if strings.Join(al.AccountAliases, ",") != "acme-test" || al.IsTruncated {
		t.Fatalf("ListAccountAliases = %v", al.AccountAliases)
	}
	sum := must[*iam.GetAccountSummaryOutput](t)(c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}))
	want := map[string]int32{"Users": 2, "Groups": 2, "Roles": 1, "Policies": 1, "PolicyVersionsInUse": 2, "UsersQuota": 5000,
		"GroupsPerUserQuota": 10, "VersionsPerPolicyQuota": 5, "PolicySizeQuota": 6144, "AssumeRolePolicySizeQuota": 2048,
		"InstanceProfiles": 1, "MFADevices": 1, "MFADevicesInUse": 1, "AttachedPoliciesPerRoleQuota": 10}
	for k, v := range want {
		if got, ok := sum.SummaryMap[k]; !ok || got != v {
			t.Errorf("SummaryMap[%s] = %d, want %d", k, got, v)
		}
	}
	if len(sum.SummaryMap) != 34 {
		t.Errorf("SummaryMap has %d entries, want IAM's 34", len(sum.SummaryMap))
	}

	_, err := c.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	wantCode(t, err, "ReportNotPresent", 410)
	g := must[*iam.GenerateCredentialReportOutput](t)(c.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}))
	if g.State != types.ReportStateTypeStarted {
		t.Fatalf("first GenerateCredentialReport = %s", g.State)
	}
	g = must[*iam.GenerateCredentialReportOutput](t)(c.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}))
	if g.State != types.ReportStateTypeComplete {
		t.Fatalf("second GenerateCredentialReport = %s", g.State)
	}
	rep := must[*iam.GetCredentialReportOutput](t)(c.GetCredentialReport(ctx, &iam.GetCredentialReportInput{}))
	if rep.ReportFormat != types.ReportFormatTypeTextCsv || !rep.GeneratedTime.Equal(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("GetCredentialReport = %s %v", rep.ReportFormat, rep.GeneratedTime)
	}
	rows, err := csv.NewReader(bytes.NewReader(rep.Content)).ReadAll()
	check(t, err)
	if len(rows) != 4 || rows[1][0] != "<root_account>" || rows[2][0] != "ana" || rows[3][0] != "tyler" {
		t.Fatalf("report rows:\n%s", rep.Content)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for name, want := range map[string]string{"password_enabled": "true", "mfa_active": "true", "access_key_1_active": "true",
		"access_key_2_active": "true", "cert_1_active": "true", "cert_2_active": "false", "arn": "arn:aws:iam::123456789012:user/staff/tyler"} {
		if got := rows[3][col[name]]; got != want {
			t.Errorf("tyler's %s = %q, want %q", name, got, want)
		}
	}
	if got := rows[3][col["password_next_rotation"]]; got == "N/A" {
		t.Error("tyler's password_next_rotation is N/A under a 90-day policy")
	}
	if rows[2][col["password_enabled"]] != "false" || rows[2][col["mfa_active"]] != "false" || rows[2][col["access_key_1_active"]] != "false" {
		t.Errorf("ana's row = %v", rows[2])
	}
	// A change to the account makes the next report anew.
	must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: s("zoe")}))
	g = must[*iam.GenerateCredentialReportOutput](t)(c.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}))
	rep = must[*iam.GetCredentialReportOutput](t)(c.GetCredentialReport(ctx, &iam.GetCredentialReportInput{}))
	if g.State != types.ReportStateTypeComplete || !bytes.Contains(rep.Content, []byte("\nzoe,")) {
		t.Fatalf("report after a change: %s\n%s", g.State, rep.Content)
	}

	must[*iam.DeleteAccountPasswordPolicyOutput](t)(c.DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{}))
	_, err = c.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	wantCode(t, err, "NoSuchEntity", 404)

	id := must[*sts.GetCallerIdentityOutput](t)(e.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}))
	if *id.Account != "123456789012" || *id.Arn != "arn:aws:iam::123456789012:user/iamc-serve" || id.UserId == nil {
		t.Fatalf("GetCallerIdentity = %+v", id)
	}
}

func TestAuthorizationDetails(t *testing.T) {
	e := newEnv(t, seeded(t), Options{})
	c, ctx := e.iam, e.ctx

	g := must[*iam.GetAccountAuthorizationDetailsOutput](t)(c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{}))
	if len(g.UserDetailList) != 2 || len(g.GroupDetailList) != 2 || len(g.RoleDetailList) != 1 || len(g.Policies) != 2 || g.IsTruncated {
		t.Fatalf("GAAD: %d users, %d groups, %d roles, %d policies", len(g.UserDetailList), len(g.GroupDetailList), len(g.RoleDetailList), len(g.Policies))
	}
	u := g.UserDetailList[1]
	if *u.UserName != "tyler" || strings.Join(u.GroupList, ",") != "admins,devs" || len(u.AttachedManagedPolicies) != 1 ||
		*u.AttachedManagedPolicies[0].PolicyArn != billingARN || len(u.UserPolicyList) != 1 || u.PermissionsBoundary == nil || tagString(u.Tags) != "team=platform" {
		t.Fatalf("tyler's detail = %+v", u)
	}
	sameDoc(t, u.UserPolicyList[0].PolicyDocument, writeDoc)
	gr := g.GroupDetailList[0]
	if *gr.GroupName != "admins" || len(gr.GroupPolicyList) != 1 || len(gr.AttachedManagedPolicies) != 1 {
		t.Fatalf("admins' detail = %+v", gr)
	}
	sameDoc(t, gr.GroupPolicyList[0].PolicyDocument, readDoc)
	r := g.RoleDetailList[0]
	if *r.RoleName != "ec2-app" || len(r.InstanceProfileList) != 1 || *r.InstanceProfileList[0].InstanceProfileName != "ec2-app" ||
		len(r.RolePolicyList) != 1 || tagString(r.Tags) != "app=web" || r.RoleLastUsed != nil {
		t.Fatalf("ec2-app's detail = %+v", r)
	}
	sameDoc(t, r.AssumeRolePolicyDocument, trustDoc)
	sameDoc(t, r.RolePolicyList[0].PolicyDocument, readDoc)
	var local, awsp *types.ManagedPolicyDetail
	for i := range g.Policies {
		if *g.Policies[i].Arn == billingARN {
			local = &g.Policies[i]
		}
		if *g.Policies[i].Arn == adminARN {
			awsp = &g.Policies[i]
		}
	}
	if local == nil || awsp == nil {
		t.Fatalf("GAAD policies = %+v", g.Policies)
	}
	if len(local.PolicyVersionList) != 2 || *local.DefaultVersionId != "v2" || *local.AttachmentCount != 2 {
		t.Fatalf("billing's detail = %+v", local)
	}
	sameDoc(t, local.PolicyVersionList[0].Document, readDoc)
	if len(awsp.PolicyVersionList) != 1 || *awsp.AttachmentCount != 1 {
		t.Fatalf("AdministratorAccess detail = %+v", awsp)
	}

	only := must[*iam.GetAccountAuthorizationDetailsOutput](t)(c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{
		Filter: []types.EntityType{types.EntityTypeRole, types.EntityTypeLocalManagedPolicy},
	}))
	if len(only.UserDetailList) != 0 || len(only.GroupDetailList) != 0 || len(only.RoleDetailList) != 1 || len(only.Policies) != 1 {
		t.Fatalf("GAAD Role+LocalManagedPolicy: %d users, %d groups, %d roles, %d policies",
			len(only.UserDetailList), len(only.GroupDetailList), len(only.RoleDetailList), len(only.Policies))
	}
	_, err := c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{"Nope"}})
	wantCode(t, err, "ValidationError", 400)
}

// TestEncodedDocuments checks the raw answer: documents URL-encoded as
// IAM encodes them (RFC 3986, a space as %20), exactly the text sent.
func TestEncodedDocuments(t *testing.T) {
	e := newEnv(t, nil, Options{})
	doc := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::a+b/~x"}}`
	must[*iam.CreateUserOutput](t)(e.iam.CreateUser(e.ctx, &iam.CreateUserInput{UserName: aws.String("u")}))
	must[*iam.PutUserPolicyOutput](t)(e.iam.PutUserPolicy(e.ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("p"), PolicyDocument: aws.String(doc)}))
	status, body := e.post(params("GetUserPolicy", "UserName", "u", "PolicyName", "p"), true)
	want := "<PolicyDocument>%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Action%22%3A%20%22s3%3A%2A%22%2C%20%22Resource%22%3A%20%22arn%3Aaws%3As3%3A%3A%3Aa%2Bb%2F~x%22%7D%7D</PolicyDocument>"
	if status != 200 || !strings.Contains(body, want) {
		t.Fatalf("%d\n%s\nwant it to contain\n%s", status, body, want)
	}
	if dec, _ := url.PathUnescape(encodeDocument(doc)); dec != doc {
		t.Fatalf("encoding does not round-trip: %s", dec)
	}
}

// TestResponseShape checks one whole answer, byte for byte.
func TestResponseShape(t *testing.T) {
	acct := memory.New("")
	acct.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	e := newEnv(t, acct, Options{})
	status, body := e.post(params("CreateGroup", "GroupName", "admins", "Path", "/ops/"), true)
	var id string
	acct.View(func(s *memory.State) { id = s.Group("admins").ID })
	reqID := body[strings.Index(body, "<RequestId>")+len("<RequestId>") : strings.Index(body, "</RequestId>")]
	want := `<CreateGroupResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateGroupResult><Group>` +
		`<Path>/ops/</Path><GroupName>admins</GroupName><GroupId>` + id + `</GroupId><Arn>arn:aws:iam::123456789012:group/ops/admins</Arn>` +
		`<CreateDate>2026-01-02T03:04:05Z</CreateDate></Group></CreateGroupResult>` +
		`<ResponseMetadata><RequestId>` + reqID + `</RequestId></ResponseMetadata></CreateGroupResponse>`
	if status != 200 || body != want {
		t.Fatalf("%d\n%s\nwant\n%s", status, body, want)
	}
	status, body = e.post(params("DeleteGroup", "GroupName", "admins"), true)
	if status != 200 || !strings.HasPrefix(body, `<DeleteGroupResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>`) {
		t.Fatalf("%d\n%s", status, body)
	}
}
