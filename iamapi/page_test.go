package iamapi

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// walk calls page with each marker in turn, from none until the answer is
// not truncated, and returns what the pages held, joined, and how many
// pages there were. A page over max items fails the test.
func walk(t *testing.T, max int, page func(marker *string) (items []string, truncated bool, next *string, err error)) (string, int) {
	t.Helper()
	var all []string
	var marker *string
	for n := 1; ; n++ {
		items, truncated, next, err := page(marker)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) > max {
			t.Fatalf("page %d holds %d items, MaxItems is %d", n, len(items), max)
		}
		all = append(all, items...)
		if !truncated {
			if next != nil {
				t.Fatalf("last page has a Marker %q", *next)
			}
			return strings.Join(all, ","), n
		}
		if next == nil || *next == "" {
			t.Fatalf("page %d is truncated without a Marker", n)
		}
		if n > 1000 {
			t.Fatal("pagination does not end")
		}
		marker = next
	}
}

func TestPagination(t *testing.T) {
	e := newEnv(t, seeded(t), Options{})
	c, ctx, s := e.iam, e.ctx, aws.String
	for i := 0; i < 7; i++ {
		name := fmt.Sprintf("user-%c", 'g'-i) // created out of order
		must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: s(name), Tags: []types.Tag{{Key: s("a"), Value: s("1")}, {Key: s("b"), Value: s("2")}, {Key: s("c"), Value: s("3")}}}))
		must[*iam.AddUserToGroupOutput](t)(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: s("devs"), UserName: s(name)}))
		must[*iam.AttachUserPolicyOutput](t)(c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: s(name), PolicyArn: s(billingARN)}))
		must[*iam.CreateGroupOutput](t)(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: s(fmt.Sprintf("Group%d", i))}))
		must[*iam.CreateRoleOutput](t)(c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: s(fmt.Sprintf("role%d", i)), AssumeRolePolicyDocument: s(trustDoc)}))
		must[*iam.CreatePolicyOutput](t)(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: s(fmt.Sprintf("p%d", i)), PolicyDocument: s(readDoc)}))
		must[*iam.PutUserPolicyOutput](t)(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: s("tyler"), PolicyName: s(fmt.Sprintf("inline%d", i)), PolicyDocument: s(readDoc)}))
	}
	for i := 0; i < 3; i++ {
		must[*iam.CreatePolicyVersionOutput](t)(c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: s(billingARN), PolicyDocument: s(writeDoc)}))
	}

	lists := map[string]func(max int32, marker *string) ([]string, bool, *string, error){
		"ListUsers": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.ListUsers(ctx, &iam.ListUsersInput{MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			return strings.Split(userNames(o.Users), ",")[:len(o.Users)], o.IsTruncated, o.Marker, nil
		},
		"ListGroups": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.ListGroups(ctx, &iam.ListGroupsInput{MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			var out []string
			for _, g := range o.Groups {
				out = append(out, *g.GroupName)
			}
			return out, o.IsTruncated, o.Marker, nil
		},
		"GetGroup": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.GetGroup(ctx, &iam.GetGroupInput{GroupName: s("devs"), MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			return strings.Split(userNames(o.Users), ",")[:len(o.Users)], o.IsTruncated, o.Marker, nil
		},
		"ListRoles": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.ListRoles(ctx, &iam.ListRolesInput{MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			var out []string
			for _, r := range o.Roles {
				out = append(out, *r.RoleName)
			}
			return out, o.IsTruncated, o.Marker, nil
		},
		"ListPolicies": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal, MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			var out []string
			for _, p := range o.Policies {
				out = append(out, *p.PolicyName)
			}
			return out, o.IsTruncated, o.Marker, nil
		},
		"ListPolicyVersions": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: s(billingARN), MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			var out []string
			for _, v := range o.Versions {
				out = append(out, *v.VersionId)
			}
			return out, o.IsTruncated, o.Marker, nil
		},
		"ListUserPolicies": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: s("tyler"), MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			return o.PolicyNames, o.IsTruncated, o.Marker, nil
		},
		"ListUserTags": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: s("user-a"), MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			return strings.Split(tagString(o.Tags), ",")[:len(o.Tags)], o.IsTruncated, o.Marker, nil
		},
		"ListEntitiesForPolicy": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: s(billingARN), MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			var out []string
			for _, u := range o.PolicyUsers {
				out = append(out, "user:"+*u.UserName)
			}
			for _, r := range o.PolicyRoles {
				out = append(out, "role:"+*r.RoleName)
			}
			return out, o.IsTruncated, o.Marker, nil
		},
		"GetAccountAuthorizationDetails": func(max int32, m *string) ([]string, bool, *string, error) {
			o, err := c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{MaxItems: &max, Marker: m})
			if err != nil {
				return nil, false, nil, err
			}
			var out []string
			for _, u := range o.UserDetailList {
				out = append(out, "user:"+*u.UserName)
			}
			for _, g := range o.GroupDetailList {
				out = append(out, "group:"+*g.GroupName)
			}
			for _, r := range o.RoleDetailList {
				out = append(out, "role:"+*r.RoleName)
			}
			for _, p := range o.Policies {
				out = append(out, "policy:"+*p.PolicyName)
			}
			return out, o.IsTruncated, o.Marker, nil
		},
	}
	wantAll := map[string]int{"ListUsers": 9, "ListGroups": 9, "GetGroup": 9, "ListRoles": 8, "ListPolicies": 8, "ListPolicyVersions": 5,
		"ListUserPolicies": 8, "ListUserTags": 3, "ListEntitiesForPolicy": 9, "GetAccountAuthorizationDetails": 9 + 9 + 8 + 8 + 1}
	for name, list := range lists {
		t.Run(name, func(t *testing.T) {
			whole, pages := walk(t, 1000, func(m *string) ([]string, bool, *string, error) { return list(1000, m) })
			if pages != 1 || len(strings.Split(whole, ",")) != wantAll[name] {
				t.Fatalf("one page of everything: %d pages, %s", pages, whole)
			}
			for _, max := range []int{1, 2, 3} {
				got, pages := walk(t, max, func(m *string) ([]string, bool, *string, error) { return list(int32(max), m) })
				if got != whole {
					t.Fatalf("MaxItems=%d walked\n%s\nwant\n%s", max, got, whole)
				}
				if want := (wantAll[name] + max - 1) / max; pages != want {
					t.Fatalf("MaxItems=%d: %d pages, want %d", max, pages, want)
				}
			}
		})
	}
	if lv, _, _, _ := lists["ListPolicyVersions"](100, nil); strings.Join(lv, ",") != "v5,v4,v3,v2,v1" {
		t.Errorf("versions are listed %v, want the newest first", lv)
	}
	if u, _, _, _ := lists["ListUsers"](100, nil); strings.Join(u, ",") != "ana,tyler,user-a,user-b,user-c,user-d,user-e,user-f,user-g" {
		t.Errorf("users are listed %v, want name order", u)
	}
	if g, _, _, _ := lists["ListGroups"](100, nil); strings.Join(g, ",") != "admins,devs,Group0,Group1,Group2,Group3,Group4,Group5,Group6" {
		t.Errorf("groups are listed %v, want name order without regard to case", g)
	}
}

// TestMarkerSurvivesDeletes checks that a walk skips nothing when items of
// pages already read are deleted: markers name the last item, not an
// offset.
func TestMarkerSurvivesDeletes(t *testing.T) {
	e := newEnv(t, nil, Options{})
	c, ctx, s := e.iam, e.ctx, aws.String
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: s(n)}))
	}
	p1 := must[*iam.ListUsersOutput](t)(c.ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(2)}))
	if userNames(p1.Users) != "a,b" || !p1.IsTruncated {
		t.Fatalf("page 1 = %s", userNames(p1.Users))
	}
	must[*iam.DeleteUserOutput](t)(c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: s("a")}))
	must[*iam.DeleteUserOutput](t)(c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: s("b")}))
	p2 := must[*iam.ListUsersOutput](t)(c.ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(2), Marker: p1.Marker}))
	if userNames(p2.Users) != "c,d" {
		t.Fatalf("page 2 = %s, want c,d", userNames(p2.Users))
	}
}

func TestPageParameters(t *testing.T) {
	e := newEnv(t, nil, Options{})
	for _, tc := range []struct {
		params []string
		msg    string
	}{
		{[]string{"MaxItems", "0"}, "Member must have value greater than or equal to 1"},
		{[]string{"MaxItems", "1001"}, "Member must have value less than or equal to 1000"},
		{[]string{"MaxItems", "ten"}, "Member must be an integer"},
		{[]string{"Marker", "bm90LWEtbWFya2Vy"}, "Invalid Marker"},
		{[]string{"Marker", "%%%"}, "Invalid Marker"},
	} {
		status, body := e.post(params("ListUsers", tc.params...), true)
		er := parseError(t, body)
		if status != 400 || er.Error.Code != "ValidationError" || !strings.Contains(er.Error.Message, tc.msg) {
			t.Errorf("%v: %d %s %s", tc.params, status, er.Error.Code, er.Error.Message)
		}
	}
}
