package catalog

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamc/iamc/internal/wildcard"
)

func TestLookupAction(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"s3:GetObject", "s3:GetObject"},
		{"S3:getobject", "s3:GetObject"},
		{"s3:GETOBJECT", "s3:GetObject"},
		{"IAM:CreateUser", "iam:CreateUser"},
		{"ec2:describeinstances", "ec2:DescribeInstances"},
		{"sts:AssumeRole", "sts:AssumeRole"},
		{"kms:Decrypt", "kms:Decrypt"},
		{"lambda:InvokeFunction", "lambda:InvokeFunction"},
		{"logs:PutLogEvents", "logs:PutLogEvents"},
		{"aws-portal:ViewBilling", "aws-portal:ViewBilling"},
		{"s3:GetObjects", ""},
		{"s3:Get*", ""},
		{"s3:*", ""},
		{"*", ""},
		{"s3", ""},
		{"s3:", ""},
		{":GetObject", ""},
		{"", ""},
		{"s3:GetObject:x", ""},
		{"s4:GetObject", ""},
		{" s3:GetObject", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LookupAction(tt.name)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("LookupAction(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
			}
		})
	}
}

func TestServices(t *testing.T) {
	prefixes := ServicePrefixes()
	info := DataInfo()
	if len(prefixes) != info.Services || !slices.IsSorted(prefixes) {
		t.Fatalf("ServicePrefixes: %d, sorted %v; DataInfo says %d", len(prefixes), slices.IsSorted(prefixes), info.Services)
	}
	total := 0
	for _, p := range prefixes {
		s, ok := Service(p)
		if !ok || s.Prefix != p || s.Name == "" {
			t.Fatalf("Service(%q) = %+v, %v", p, s, ok)
		}
		total += s.Actions
	}
	if total != info.Actions {
		t.Errorf("services hold %d actions, DataInfo says %d", total, info.Actions)
	}
	for _, tt := range []struct {
		prefix string
		want   bool
	}{
		{"s3", true}, {"S3", true}, {"iam", true}, {"ec2", true}, {"aws-portal", true},
		{"s4", false}, {"", false}, {"s3:", false}, {"*", false}, {"deeplens", false},
	} {
		if got := HasService(tt.prefix); got != tt.want {
			t.Errorf("HasService(%q) = %v", tt.prefix, got)
		}
	}
	s3, _ := Service("S3")
	if s3.Name != "Amazon S3" {
		t.Errorf("Service(S3).Name = %q", s3.Name)
	}
	if i := slices.IndexFunc(s3.ResourceTypes, func(r ResourceType) bool { return r.Name == "object" }); i < 0 ||
		s3.ResourceTypes[i].ARN != "arn:${Partition}:s3:::${BucketName}/${ObjectName}" {
		t.Errorf("s3 resource type object missing or wrong: %+v", s3.ResourceTypes)
	}
	if i := slices.IndexFunc(s3.ConditionKeys, func(k ConditionKey) bool { return k.Name == "s3:prefix" }); i < 0 ||
		s3.ConditionKeys[i].Type != "String" {
		t.Errorf("s3 condition key s3:prefix missing or wrong")
	}
	if _, ok := Service("s4"); ok {
		t.Error("Service(s4) found")
	}
}

func TestAction(t *testing.T) {
	tests := []struct {
		name, canonical, level string
		resource, condKey      string // one that must be listed, "" for none
		noResources            bool
	}{
		{"s3:getobject", "s3:GetObject", "Read", "object", "s3:ExistingObjectTag/<key>", false},
		{"iam:CreateUser", "iam:CreateUser", "Write", "user", "iam:PermissionsBoundary", false},
		{"iam:TagRole", "iam:TagRole", "Tagging, Write", "role", "aws:TagKeys", false},
		{"iam:AttachRolePolicy", "iam:AttachRolePolicy", "Permissions management, Write", "role", "iam:PolicyARN", false},
		{"s3:ListAllMyBuckets", "s3:ListAllMyBuckets", "List", "", "", true},
		{"sts:GetCallerIdentity", "sts:GetCallerIdentity", "Read", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := Action(tt.name)
			if !ok {
				t.Fatalf("Action(%q) not found", tt.name)
			}
			if a.Name != tt.canonical || a.AccessLevel != tt.level {
				t.Errorf("Action(%q) = %s %q", tt.name, a.Name, a.AccessLevel)
			}
			if tt.resource != "" && !slices.Contains(a.ResourceTypes, tt.resource) {
				t.Errorf("resource types %v lack %q", a.ResourceTypes, tt.resource)
			}
			if tt.noResources && len(a.ResourceTypes) != 0 {
				t.Errorf("resource types %v, want none", a.ResourceTypes)
			}
			if tt.condKey != "" && !slices.Contains(a.ConditionKeys, tt.condKey) {
				t.Errorf("condition keys %v lack %q", a.ConditionKeys, tt.condKey)
			}
		})
	}
	if _, ok := Action("s3:Nothing"); ok {
		t.Error("Action(s3:Nothing) found")
	}
	// Every action's resource types and condition keys are its service's.
	levels := map[string]bool{}
	for _, name := range MatchActions("*") {
		a, ok := Action(name)
		if !ok || a.Name != name {
			t.Fatalf("Action(%q) = %+v, %v", name, a, ok)
		}
		levels[a.AccessLevel] = true
		prefix, _, _ := strings.Cut(name, ":")
		s, _ := Service(prefix)
		for _, r := range a.ResourceTypes {
			if !slices.ContainsFunc(s.ResourceTypes, func(x ResourceType) bool { return x.Name == r }) {
				t.Errorf("%s: resource type %q not of its service", name, r)
			}
		}
		for _, k := range a.ConditionKeys {
			if !slices.ContainsFunc(s.ConditionKeys, func(x ConditionKey) bool { return x.Name == k }) {
				t.Errorf("%s: condition key %q not of its service", name, k)
			}
		}
	}
	for _, l := range []string{"List", "Read", "Write", "Permissions management, Write", "Tagging, Write"} {
		if !levels[l] {
			t.Errorf("no action has access level %q", l)
		}
	}
}

func TestMatchActions(t *testing.T) {
	tests := []struct {
		pattern string
		n       int      // exact count, -1 when only a minimum is checked
		min     int      // minimum count
		has     []string // must be among the matches
		hasNot  []string
	}{
		{pattern: "s3:GetObject", n: 1, has: []string{"s3:GetObject"}},
		{pattern: "S3:GETOBJECT", n: 1, has: []string{"s3:GetObject"}},
		{pattern: "s3:Get*", n: -1, min: 50, has: []string{"s3:GetObject", "s3:GetBucketPolicy"}, hasNot: []string{"s3:PutObject"}},
		{pattern: "s3:get*", n: -1, min: 50, has: []string{"s3:GetObject"}},
		{pattern: "s3:*Object???", n: -1, min: 2, has: []string{"s3:GetObjectAcl", "s3:PutObjectAcl"}, hasNot: []string{"s3:GetObject"}},
		{pattern: "s3:GetObjec?", n: 1, has: []string{"s3:GetObject"}},
		{pattern: "s3:*", n: -1, min: 150, has: []string{"s3:GetObject"}, hasNot: []string{"s3express:CreateSession"}},
		{pattern: "iam:*User", n: -1, min: 5, has: []string{"iam:CreateUser", "iam:DeleteUser", "iam:GetUser"}},
		{pattern: "*", n: -1, min: 20000, has: []string{"s3:GetObject", "iam:CreateUser"}},
		{pattern: "*:GetObject", n: -1, min: 1, has: []string{"s3:GetObject"}, hasNot: []string{"s3:PutObject"}},
		{pattern: "s3*:CreateSession", n: -1, min: 1, has: []string{"s3express:CreateSession"}},
		{pattern: "s3*", n: -1, min: 150, has: []string{"s3:GetObject", "s3express:CreateSession"}, hasNot: []string{"iam:GetUser"}},
		{pattern: "s3?GetObject", n: 1, has: []string{"s3:GetObject"}},
		{pattern: "s3:Nothing*", n: 0},
		{pattern: "s3:Get", n: 0},
		{pattern: "nosuch:*", n: 0},
		{pattern: "s3:Get*:x", n: 0},
		{pattern: "", n: 0},
		{pattern: "s3", n: 0},
		{pattern: "?", n: 0},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			got := MatchActions(tt.pattern)
			if tt.n >= 0 && len(got) != tt.n || len(got) < tt.min {
				t.Errorf("MatchActions(%q) gives %d names: %.10v", tt.pattern, len(got), got)
			}
			if tt.n == 0 && got != nil {
				t.Errorf("MatchActions(%q) = %v, want nil", tt.pattern, got)
			}
			if !slices.IsSorted(got) {
				t.Errorf("MatchActions(%q) is not sorted", tt.pattern)
			}
			for _, h := range tt.has {
				if !slices.Contains(got, h) {
					t.Errorf("MatchActions(%q) lacks %s", tt.pattern, h)
				}
			}
			for _, h := range tt.hasNot {
				if slices.Contains(got, h) {
					t.Errorf("MatchActions(%q) has %s", tt.pattern, h)
				}
			}
		})
	}
}

// TestMatchActionsAgainstScan checks the per-service shortcuts against a
// plain scan of every name.
func TestMatchActionsAgainstScan(t *testing.T) {
	all := MatchActions("*")
	if len(all) != DataInfo().Actions {
		t.Fatalf("MatchActions(*) gives %d names, DataInfo says %d", len(all), DataInfo().Actions)
	}
	for _, p := range []string{
		"s3:Get*", "*:Get*Policy", "s3*", "s?:*", "*Object", "ec2:Describe*s", "iam:?et*",
		"*:*", "??:*", "s3:*Object?", "I*:Create*", "kms?*", "s3?Get*", "sts:*Role*",
	} {
		var want []string
		for _, n := range all {
			if wildcard.Match(p, n) {
				want = append(want, n)
			}
		}
		if got := MatchActions(p); !slices.Equal(got, want) {
			t.Errorf("MatchActions(%q): %d names, a scan finds %d", p, len(got), len(want))
		}
	}
}

func TestMatchesAnyAction(t *testing.T) {
	for _, p := range []string{
		"*", "s3:*", "s3:Get*", "S3:GETOBJECT", "*:GetObject", "s3*", "s3?GetObject", "?3:*",
		"s3:Nothing*", "s3:Get", "nosuch:*", "", "s3", "?", "deeplens:*",
	} {
		if got, want := MatchesAnyAction(p), MatchActions(p) != nil; got != want {
			t.Errorf("MatchesAnyAction(%q) = %v, MatchActions finds %v", p, got, want)
		}
	}
}

// TestConcurrentFirstUse starts from nothing decoded and looks up from
// several goroutines at once (run with -race).
func TestConcurrentFirstUse(t *testing.T) {
	resetActions()
	resetManaged()
	names := []string{"s3:GetObject", "ec2:DescribeInstances", "iam:CreateUser", "s3:PutObject"}
	policies := []string{"ReadOnlyAccess", "AdministratorAccess", "IAMReadOnlyAccess"}
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func() {
			if _, ok := LookupAction(names[i%len(names)]); !ok {
				done <- "LookupAction " + names[i%len(names)]
				return
			}
			if p, ok := ManagedPolicyByName(policies[i%len(policies)]); !ok || p.Document == "" {
				done <- "ManagedPolicyByName " + policies[i%len(policies)]
				return
			}
			done <- ""
		}()
	}
	for i := 0; i < 8; i++ {
		if msg := <-done; msg != "" {
			t.Error(msg + " failed")
		}
	}
}
