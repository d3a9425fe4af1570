package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestManagedPolicies(t *testing.T) {
	tests := []struct {
		name, path, docHas string
	}{
		{"AdministratorAccess", "/", `"Action":"*"`},
		{"AWSLambdaBasicExecutionRole", "/service-role/", `"logs:PutLogEvents"`},
		{"ReadOnlyAccess", "/", `"s3:Get*"`},
		{"IAMReadOnlyAccess", "/", `"iam:Get*"`},
		{"ViewOnlyAccess", "/job-function/", `"Statement"`},
		{"AWSSupportServiceRolePolicy", "/aws-service-role/", `"Statement"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arn := "arn:aws:iam::aws:policy" + tt.path + tt.name
			p, ok := ManagedPolicyByName(tt.name)
			if !ok {
				t.Fatalf("ManagedPolicyByName(%q) not found", tt.name)
			}
			if p.Name != tt.name || p.Path != tt.path || p.ARN != arn {
				t.Errorf("got %s %s %s", p.Name, p.Path, p.ARN)
			}
			if !strings.HasPrefix(p.VersionID, "v") || !strings.HasPrefix(p.Document, "{") || !strings.Contains(p.Document, tt.docHas) {
				t.Errorf("version %q, document %.200s", p.VersionID, p.Document)
			}
			if len(p.Created) != len("2006-01-02T15:04:05Z") || p.Updated < p.Created {
				t.Errorf("created %q, updated %q", p.Created, p.Updated)
			}
			q, ok := ManagedPolicyByARN(arn)
			if !ok || q != p {
				t.Errorf("ManagedPolicyByARN(%q) = %+v, %v", arn, q, ok)
			}
			if a, ok := ManagedPolicyARN(tt.name); !ok || a != arn {
				t.Errorf("ManagedPolicyARN(%q) = %q, %v", tt.name, a, ok)
			}
			if !IsManagedPolicyARN(arn) {
				t.Errorf("IsManagedPolicyARN(%q) = false", arn)
			}
		})
	}
	for _, bad := range []string{
		"administratoraccess", "AdministratorAccess ", "", "NoSuchPolicy",
		"service-role/AWSLambdaBasicExecutionRole",
	} {
		if _, ok := ManagedPolicyByName(bad); ok {
			t.Errorf("ManagedPolicyByName(%q) found", bad)
		}
		if _, ok := ManagedPolicyARN(bad); ok {
			t.Errorf("ManagedPolicyARN(%q) found", bad)
		}
	}
	for _, bad := range []string{
		"arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole", // path missing
		"arn:aws:iam::aws:policy/service-role/ReadOnlyAccess", // wrong path
		"arn:aws:iam::123456789012:policy/ReadOnlyAccess",
		"arn:aws-cn:iam::aws:policy/ReadOnlyAccess",
		"arn:aws:iam::aws:policy/",
		"ReadOnlyAccess",
		"",
	} {
		if _, ok := ManagedPolicyByARN(bad); ok {
			t.Errorf("ManagedPolicyByARN(%q) found", bad)
		}
		if IsManagedPolicyARN(bad) {
			t.Errorf("IsManagedPolicyARN(%q) = true", bad)
		}
	}
}

func TestManagedPolicyNames(t *testing.T) {
	names := ManagedPolicyNames()
	if len(names) != DataInfo().ManagedPolicies || !slices.IsSorted(names) {
		t.Fatalf("%d names (sorted %v), DataInfo says %d", len(names), slices.IsSorted(names), DataInfo().ManagedPolicies)
	}
	arns := map[string]bool{}
	for _, n := range names {
		p, ok := ManagedPolicyByName(n)
		if !ok || p.Name != n || p.Document == "" || !strings.HasSuffix(p.ARN, p.Path+n) {
			t.Fatalf("ManagedPolicyByName(%q) = %+v, %v", n, p, ok)
		}
		if arns[p.ARN] {
			t.Errorf("ARN %s twice", p.ARN)
		}
		arns[p.ARN] = true
	}
	names[0] = "changed"
	if ManagedPolicyNames()[0] == "changed" {
		t.Error("ManagedPolicyNames hands out its own slice")
	}
}

func TestSuggestManagedPolicy(t *testing.T) {
	tests := []struct{ name, want string }{
		{"AdministratorAccess", "AdministratorAccess"},
		{"administratoraccess", "AdministratorAccess"},
		{"AdminstratorAccess", "AdministratorAccess"},
		{"ReadOnlyAcess", "ReadOnlyAccess"},
		{"readonlyaccess", "ReadOnlyAccess"},
		{"IAMReadonlyAccess", "IAMReadOnlyAccess"},
		{"AWSLambdaBasicExecutionRol", "AWSLambdaBasicExecutionRole"},
		{"service-role/AWSLambdaBasicExecutionRole", "AWSLambdaBasicExecutionRole"},
		{"NothingLikeAnyPolicyAtAll", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SuggestManagedPolicy(tt.name); got != tt.want {
				t.Errorf("SuggestManagedPolicy(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}
