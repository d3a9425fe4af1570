package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiff compares diffs of documents with golden files under
// testdata/diff; IAMC_UPDATE=1 rewrites them.
func TestDiff(t *testing.T) {
	base := doc(
		`{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}`,
		`{"Sid":"Write","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}`,
		`{"Sid":"Logs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}`,
		`{"Sid":"NoIAM","Effect":"Deny","Action":"iam:*","Resource":"*"}`,
	)
	tests := []struct {
		name          string
		before, after string // "" for nil
	}{
		{"action-changed", base, strings.Replace(base, `"s3:PutObject"`, `"s3:DeleteObject"`, 1)},
		{"one-action-to-two", base, strings.Replace(base, `"s3:PutObject"`, `["s3:PutObject","s3:PutObjectAcl"]`, 1)},
		{"two-hunks", base, strings.Replace(strings.Replace(base, `"s3:ListBucket"`, `"s3:ListBucketVersions"`, 1), `"iam:*"`, `"iam:Create*"`, 1)},
		{"statement-added", base, strings.TrimSuffix(base, `]}`) + `,{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}`},
		{"condition-added", base, strings.Replace(base, `"Resource":"arn:aws:s3:::b/*"}`, `"Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`, 1)},
		{"version", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`},
		{"created", "", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`},
		{"deleted", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(parseOrNil(tt.before), parseOrNil(tt.after))
			if !strings.HasPrefix(got, "--- before\n+++ after\n@@ ") {
				t.Errorf("diff does not start with the headers and a hunk:\n%s", got)
			}
			golden(t, filepath.Join("testdata", "diff", tt.name+".diff"), got)
		})
	}
}

func TestDiffEqual(t *testing.T) {
	a := MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"*"}]}`)
	b := MustParse(`{"Statement":[{"Resource":["*"],"Action":["S3:GETOBJECT","s3:PutObject"],"Effect":"Allow"}],"Version":"2012-10-17"}`)
	if d := Diff(a, b); d != "" {
		t.Errorf("Diff of Equal documents:\n%s", d)
	}
	if d := Diff(nil, nil); d != "" {
		t.Errorf("Diff(nil, nil) = %q", d)
	}
}

// TestUnifiedDiffHunks checks hunk ranges and context on plain lines.
func TestUnifiedDiffHunks(t *testing.T) {
	lines := func(s ...string) string { return strings.Join(s, "\n") + "\n" }
	a := lines("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15")
	b := lines("1", "2", "3", "4", "five", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16")
	want := "--- before\n+++ after\n" +
		"@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n" +
		"@@ -13,3 +13,4 @@\n 13\n 14\n 15\n+16\n"
	if got := unifiedDiff(a, b); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// Changes whose context meets share one hunk.
	b = lines("1", "2", "3", "4", "five", "6", "7", "8", "9", "ten", "11", "12", "13", "14", "15")
	want = "--- before\n+++ after\n" +
		"@@ -2,12 +2,12 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n-10\n+ten\n 11\n 12\n 13\n"
	if got := unifiedDiff(a, b); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func parseOrNil(s string) *Document {
	if s == "" {
		return nil
	}
	return MustParse(s)
}

// golden compares got with the file at path, or writes it there when
// IAMC_UPDATE=1.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if os.Getenv("IAMC_UPDATE") == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (IAMC_UPDATE=1 writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (IAMC_UPDATE=1 rewrites it):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
