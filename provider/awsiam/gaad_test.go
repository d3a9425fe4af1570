package awsiam

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
)

// encodeDoc URL-encodes a document as IAM does (RFC 3986: a space is %20,
// a plus sign %2B).
func encodeDoc(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

func TestDecodeDocument(t *testing.T) {
	// A condition value with a plus sign, a space and a percent sign: the
	// characters that decoding twice, or not at all, gets wrong.
	plain := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/a+b c%41","Condition":{"StringEquals":{"aws:PrincipalTag/team":"x+y"}}}]}`
	want := policy.MustParse(plain)
	tests := []struct{ name, in string }{
		{"url-encoded", encodeDoc(plain)},
		{"plain JSON", plain},
		{"plain JSON with leading space", "\n  " + plain},
		{"query-escaped", url.QueryEscape(plain)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeDocument(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if policy.CanonicalString(got) != policy.CanonicalString(want) {
				t.Errorf("decoded\n%s\nwant\n%s", policy.CanonicalString(got), policy.CanonicalString(want))
			}
		})
	}
	if _, err := decodeDocument("%7B%22Version%22"); err == nil {
		t.Error("a truncated document decoded without error")
	}
}

func TestGAADPage(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	doc2 := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(d int) *time.Time { v := t0.Add(time.Duration(d) * time.Hour); return &v }
	polARN := "arn:aws:iam::123456789012:policy/team/p1"
	out := &iam.GetAccountAuthorizationDetailsOutput{
		UserDetailList: []types.UserDetail{{
			UserName: strp("Tyler"), Path: strp("/staff/"), Arn: strp("arn:aws:iam::123456789012:user/staff/Tyler"), UserId: strp("AIDA1"),
			CreateDate:              at(5),
			GroupList:               []string{"ops", "Admins"},
			AttachedManagedPolicies: []types.AttachedPolicy{{PolicyArn: strp(polARN)}, {PolicyArn: strp("arn:aws:iam::aws:policy/ReadOnlyAccess")}},
			PermissionsBoundary:     &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: strp(polARN)},
			Tags:                    []types.Tag{{Key: strp("team"), Value: strp("platform")}},
			UserPolicyList:          []types.PolicyDetail{{PolicyName: strp("z"), PolicyDocument: strp(encodeDoc(doc))}, {PolicyName: strp("a"), PolicyDocument: strp(doc2)}},
		}},
		GroupDetailList: []types.GroupDetail{{
			GroupName: strp("ops"), Path: strp("/"), Arn: strp("arn:aws:iam::123456789012:group/ops"),
			GroupPolicyList: []types.PolicyDetail{{PolicyName: strp("deny"), PolicyDocument: strp(encodeDoc(doc2))}},
		}},
		RoleDetailList: []types.RoleDetail{{
			RoleName: strp("app"), Path: strp("/"), Arn: strp("arn:aws:iam::123456789012:role/app"),
			AssumeRolePolicyDocument: strp(encodeDoc(trust)),
			InstanceProfileList:      []types.InstanceProfile{{InstanceProfileName: strp("web")}, {InstanceProfileName: strp("app")}},
			Tags:                     []types.Tag{{Key: strp("k"), Value: strp("v")}},
		}},
		Policies: []types.ManagedPolicyDetail{{
			PolicyName: strp("p1"), Path: strp("/team/"), Arn: strp(polARN), Description: strp("d"),
			DefaultVersionId: strp("v10"),
			PolicyVersionList: []types.PolicyVersion{
				{VersionId: strp("v10"), IsDefaultVersion: true, CreateDate: at(3), Document: strp(encodeDoc(doc2))},
				{VersionId: strp("v2"), CreateDate: at(1), Document: strp(encodeDoc(doc))},
				{VersionId: strp("v9"), CreateDate: at(2), Document: strp(encodeDoc(doc))},
				// Another version iamc cannot read: kept without its
				// document, the read goes on.
				{VersionId: strp("v5"), CreateDate: at(1), Document: strp("%7Bnot json")},
			},
		}, {
			PolicyName: strp("AWSManaged"), Arn: strp("arn:aws:iam::aws:policy/AWSManaged"),
			PolicyVersionList: []types.PolicyVersion{{VersionId: strp("v1"), IsDefaultVersion: true, Document: strp(encodeDoc(doc))}},
		}},
	}
	acct := model.NewAccount("123456789012")
	created := map[string]time.Time{}
	if err := gaadPage(acct, out, created); err != nil {
		t.Fatal(err)
	}
	u := acct.User("tyler")
	if u == nil {
		t.Fatal("user Tyler missing")
	}
	if u.Name != "Tyler" || u.Path != "/staff/" || u.ID != "AIDA1" {
		t.Errorf("user = %+v", u)
	}
	if strings.Join(u.Groups, ",") != "Admins,ops" {
		t.Errorf("groups = %v, want sorted by folded name", u.Groups)
	}
	if strings.Join(u.ManagedPolicies, ",") != "arn:aws:iam::123456789012:policy/team/p1,arn:aws:iam::aws:policy/ReadOnlyAccess" {
		t.Errorf("managed policies = %v", u.ManagedPolicies)
	}
	if u.PermissionsBoundary != polARN || u.Tags["team"] != "platform" {
		t.Errorf("boundary %q, tags %v", u.PermissionsBoundary, u.Tags)
	}
	if len(u.InlinePolicies) != 2 || u.InlinePolicies[0].Name != "a" || !policy.Equal(u.InlinePolicies[1].Document, policy.MustParse(doc)) {
		t.Errorf("inline policies = %+v", u.InlinePolicies)
	}
	if !created["tyler"].Equal(*at(5)) {
		t.Errorf("creation time not kept: %v", created)
	}
	g := acct.Group("ops")
	if g == nil || len(g.InlinePolicies) != 1 || !policy.Equal(g.InlinePolicies[0].Document, policy.MustParse(doc2)) {
		t.Errorf("group = %+v", g)
	}
	r := acct.Role("app")
	if r == nil || !policy.Equal(r.AssumeRolePolicy, policy.MustParse(trust)) {
		t.Fatalf("role = %+v", r)
	}
	if strings.Join(r.InstanceProfiles, ",") != "app,web" || r.MaxSessionDuration != model.DefaultMaxSessionDuration || r.Tags["k"] != "v" {
		t.Errorf("role = %+v", r)
	}
	if len(acct.Policies) != 1 {
		t.Fatalf("policies = %d, want the customer managed one only", len(acct.Policies))
	}
	p := acct.Policy("p1")
	var ids []string
	for _, v := range p.Versions {
		id := v.ID
		if v.IsDefault {
			id += "*"
		}
		ids = append(ids, id)
	}
	if strings.Join(ids, ",") != "v2,v5,v9,v10*" {
		t.Errorf("versions = %v, want oldest first with the default marked", ids)
	}
	for _, v := range p.Versions {
		switch {
		case v.ID == "v5" && v.Document != nil, v.IsDefault && v.Document != nil:
			t.Errorf("version %s has a document: %+v", v.ID, v)
		case (v.ID == "v2" || v.ID == "v9") && !policy.Equal(v.Document, policy.MustParse(doc)):
			t.Errorf("version %s's document = %v", v.ID, v.Document)
		}
	}
	if !policy.Equal(p.Document, policy.MustParse(doc2)) || p.Description != "d" || p.Path != "/team/" {
		t.Errorf("policy = %+v", p)
	}

	rolePage(acct, []types.Role{
		{RoleName: strp("app"), Description: strp("the app"), MaxSessionDuration: int32p(7200)},
		{RoleName: strp("later"), Description: strp("created after GAAD")},
	})
	if r.Description != "the app" || r.MaxSessionDuration != 7200 {
		t.Errorf("ListRoles not applied: %+v", r)
	}
	if acct.Role("later") != nil {
		t.Error("a role ListRoles alone shows was added")
	}
}

func TestGAADBadDocument(t *testing.T) {
	out := &iam.GetAccountAuthorizationDetailsOutput{
		UserDetailList: []types.UserDetail{{UserName: strp("u"), UserPolicyList: []types.PolicyDetail{{PolicyName: strp("p"), PolicyDocument: strp("%7Bnot json")}}}},
	}
	err := gaadPage(model.NewAccount("123456789012"), out, map[string]time.Time{})
	if err == nil || !strings.Contains(err.Error(), `user.u: inline policy "p"`) {
		t.Errorf("error = %v, want one naming the user and the policy", err)
	}
}

func int32p(v int32) *int32 { return &v }

// FuzzDecodeDocument: whatever IAM sends, decoding does not panic, and a
// document that reads as JSON reads the same URL-encoded, as IAM sends it.
func FuzzDecodeDocument(f *testing.F) {
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a+b%20c"}]}`)
	f.Add("%7B%22Statement%22%3A%5B%5D%7D")
	f.Add("%zz")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := decodeDocument(s)
		if err != nil || !strings.HasPrefix(strings.TrimSpace(s), "{") {
			return
		}
		again, err := decodeDocument(encodeDoc(strings.TrimSpace(s)))
		if err != nil {
			t.Fatalf("the URL-encoded form of a readable document does not read: %v", err)
		}
		if policy.CanonicalString(again) != policy.CanonicalString(d) {
			t.Errorf("plain and URL-encoded forms differ:\n%s\n%s", policy.CanonicalString(d), policy.CanonicalString(again))
		}
	})
}

// TestGAADChecks: what a GAAD page holds is checked as the model checks a
// read entity; names and paths the page leaves out come from the ARN; an
// entity that is not valid, or two whose names fold to one, fail the read
// with an error naming the call and the entity.
func TestGAADChecks(t *testing.T) {
	const acct = "arn:aws:iam::123456789012:"
	doc := strp(encodeDoc(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`))
	trust := strp(encodeDoc(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`))
	versions := []types.PolicyVersion{{VersionId: strp("v1"), IsDefaultVersion: true, Document: doc}}
	pol := func(name, path *string, arn string) types.ManagedPolicyDetail {
		return types.ManagedPolicyDetail{PolicyName: name, Path: path, Arn: strp(arn), PolicyVersionList: versions}
	}
	user := func(name, path *string, arn string) types.UserDetail {
		return types.UserDetail{UserName: name, Path: path, Arn: strp(arn)}
	}
	for _, tc := range []struct {
		name  string
		pages []*iam.GetAccountAuthorizationDetailsOutput
		want  string // the error, or "" and then check
		check func(t *testing.T, a *model.Account)
	}{{
		name: "a policy without name and path takes them from its ARN",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{{Policies: []types.ManagedPolicyDetail{
			pol(nil, nil, acct+"policy/team/keep"), pol(nil, strp("/"), acct+"policy/audit"), pol(strp(""), nil, acct+"policy/billing"),
		}}},
		check: func(t *testing.T, a *model.Account) {
			for _, w := range []struct{ name, path string }{{"keep", "/team/"}, {"audit", "/"}, {"billing", "/"}} {
				if p := a.Policy(w.name); p == nil || p.Name != w.name || p.Path != w.path {
					t.Errorf("policy %s: %+v", w.name, p)
				}
			}
		},
	}, {
		name: "a group whose ARN has no name either",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{{
			UserDetailList:  []types.UserDetail{user(nil, nil, acct+"user/staff/tyler")},
			GroupDetailList: []types.GroupDetail{{Arn: strp(acct + "group/ops/")}},
			RoleDetailList:  []types.RoleDetail{{Arn: strp(acct + "role/svc/app"), AssumeRolePolicyDocument: trust}},
		}},
		want: `GetAccountAuthorizationDetails: InvalidAnswer: the answer holds a group without a name (arn:aws:iam::123456789012:group/ops/) that is not valid: a group name cannot be empty`,
	}, {
		name: "users and roles without names take them from their ARNs too",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{{
			UserDetailList: []types.UserDetail{user(nil, nil, acct+"user/staff/tyler")},
			RoleDetailList: []types.RoleDetail{{Arn: strp(acct + "role/svc/app"), AssumeRolePolicyDocument: trust}},
		}},
		check: func(t *testing.T, a *model.Account) {
			if u := a.User("tyler"); u == nil || u.Path != "/staff/" {
				t.Errorf("user: %+v", u)
			}
			if r := a.Role("app"); r == nil || r.Path != "/svc/" {
				t.Errorf("role: %+v", r)
			}
		},
	}, {
		name:  "a policy without name or ARN",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{{Policies: []types.ManagedPolicyDetail{{PolicyVersionList: versions}}}},
		want:  `GetAccountAuthorizationDetails: InvalidAnswer: the answer holds a policy without a name that is not valid: a policy name cannot be empty`,
	}, {
		name:  "a policy whose ARN names another",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{{Policies: []types.ManagedPolicyDetail{pol(strp("keep"), strp("/"), acct+"policy/other")}}},
		want:  `policy.keep: GetAccountAuthorizationDetails: InvalidAnswer: the answer holds policy "keep" (arn:aws:iam::123456789012:policy/other) that is not valid: its ARN arn:aws:iam::123456789012:policy/other names policy "other" at path /, not "keep" at path /`,
	}, {
		name:  "a user name IAM does not allow",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{{UserDetailList: []types.UserDetail{{UserName: strp("bob smith")}}}},
		want:  `GetAccountAuthorizationDetails: InvalidAnswer: the answer holds user "bob smith" that is not valid: the user name "bob smith" contains ' '`,
	}, {
		name:  "a role without trust policy",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{{RoleDetailList: []types.RoleDetail{{RoleName: strp("app"), Arn: strp(acct + "role/app")}}}},
		want:  `role.app: GetAccountAuthorizationDetails: InvalidAnswer: the answer holds role "app" (arn:aws:iam::123456789012:role/app) that is not valid: it has no trust policy`,
	}, {
		name: "an inline policy without name",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{{GroupDetailList: []types.GroupDetail{{GroupName: strp("ops"),
			GroupPolicyList: []types.PolicyDetail{{PolicyDocument: doc}}}}}},
		want: `group.ops: GetAccountAuthorizationDetails: InvalidAnswer: the answer holds group "ops" that is not valid: its inline policies: an inline policy name cannot be empty`,
	}, {
		name: "two users whose names fold to one",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{{UserDetailList: []types.UserDetail{
			user(strp("Tyler"), nil, acct+"user/Tyler"), user(strp("tyler"), nil, acct+"user/tyler"),
		}}},
		want: `user.tyler: GetAccountAuthorizationDetails: InvalidAnswer: the answer holds user "tyler" (arn:aws:iam::123456789012:user/tyler) that is not valid: user "Tyler" and user "tyler" are two entities whose names differ only in case`,
	}, {
		name: "two policies of one name on two pages",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{
			{Policies: []types.ManagedPolicyDetail{pol(nil, nil, acct+"policy/a/keep")}},
			{Policies: []types.ManagedPolicyDetail{pol(nil, nil, acct+"policy/b/Keep")}},
		},
		want: `policy "keep" and policy "Keep" are two entities`,
	}, {
		name: "one group twice",
		pages: []*iam.GetAccountAuthorizationDetailsOutput{
			{GroupDetailList: []types.GroupDetail{{GroupName: strp("ops")}}},
			{GroupDetailList: []types.GroupDetail{{GroupName: strp("ops")}}},
		},
		want: `group "ops" is there twice`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			a := model.NewAccount("123456789012")
			var err error
			for _, page := range tc.pages {
				if err = gaadPage(a, page, map[string]time.Time{}); err != nil {
					break
				}
			}
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want == "":
				tc.check(t, a)
			case err == nil:
				t.Fatalf("accepted, want %q", tc.want)
			case !strings.Contains(err.Error(), tc.want):
				t.Errorf("error\n%s\nwant it to contain\n%s", err, tc.want)
			}
			if err != nil && !provider.IsCode(err, CodeInvalidAnswer) {
				t.Errorf("code %q, want %q", provider.CodeOf(err), CodeInvalidAnswer)
			}
		})
	}
}
