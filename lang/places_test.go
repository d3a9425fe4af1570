package lang_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/iamc/iamc/bench/orggen"
	"github.com/iamc/iamc/lang"
)

const placesConfig = `locals {
  doc = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

policy "tuple" {
  document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" },
        { Effect = "Allow", Action = ["s3:PutObject"], Resource = "*" },
    ]
  })
}

policy "single" {
  document = jsonencode({
    Version   = "2012-10-17"
    Statement = { Effect = "Allow", Action = "s3:GetObject", Resource = "*" }
  })
}

policy "paren" {
  document = jsonencode({
    Version   = "2012-10-17"
    Statement = ([{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }])
  })
}

policy "object" {
  document = {
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  }
}

policy "heredoc" {
  document = <<-EOF
    {"Version": "2012-10-17",
     "Statement": [
       {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
      {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
     ]}
  EOF
}

policy "file" {
  document = file("doc.json")
}

policy "local" {
  document = local.doc
}

policy "blocks" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
`

const placesDocJSON = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
      {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
  ]
}
`

// TestStatementRangeOfDocuments: where each statement of a document is
// written, whatever writes the document: statement blocks, jsonencode,
// an object, a heredoc, file(); an index past the statements is the
// deepest part of its path that is written.
func TestStatementRangeOfDocuments(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"main.iam.hcl": placesConfig, "doc.json": placesDocJSON} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, diags := lang.Load(lang.Options{Dir: dir})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, tc := range []struct {
		policy string
		want   []string // statements 0, 1, 2
	}{
		{"tuple", []string{"main.iam.hcl:9:7", "main.iam.hcl:10:9", "main.iam.hcl:8:17"}},
		{"single", []string{"main.iam.hcl:18:17", "main.iam.hcl:18:17", "main.iam.hcl:18:17"}},
		{"paren", []string{"main.iam.hcl:25:19", "main.iam.hcl:25:18", "main.iam.hcl:25:18"}},
		{"object", []string{"main.iam.hcl:32:18", "main.iam.hcl:32:17", "main.iam.hcl:32:17"}},
		{"heredoc", []string{"main.iam.hcl:40:8", "main.iam.hcl:41:7", "main.iam.hcl:39:19"}},
		{"file", []string{"doc.json:4:5", "doc.json:5:7", "doc.json:3:16"}},
		{"local", []string{"main.iam.hcl:51:14", "main.iam.hcl:51:14", "main.iam.hcl:51:14"}},
		{"blocks", []string{"main.iam.hcl:55:3", "main.iam.hcl:54:17", "main.iam.hcl:54:17"}},
	} {
		p := cfg.Account.Policy(tc.policy)
		if p == nil {
			t.Fatalf("no policy %s", tc.policy)
		}
		for i, want := range tc.want {
			r, ok := cfg.StatementRange(p.Document, i)
			got := fmt.Sprintf("%s:%d:%d", filepath.Base(r.Filename), r.Start.Line, r.Start.Column)
			if !ok || got != want {
				t.Errorf("policy %s, statement %d: %s (%v), want %s", tc.policy, i, got, ok, want)
			}
		}
	}
}

// TestConfigHeapHeld: what a compiled Config keeps in memory while a plan
// is made is its model and the places of its declarations, a few times
// the size of its files; not the syntax trees, the evaluation context or
// the loader, which are several times more and would raise the heap
// that the whole plan grows from.
func TestConfigHeapHeld(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a generated organisation")
	}
	dir := t.TempDir()
	if err := orggen.Write(dir, orggen.Sizes{Users: 1000, Groups: 60, Roles: 200, Policies: 300}, 1); err != nil {
		t.Fatal(err)
	}
	var size int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil {
			size += info.Size()
		}
	}
	load := func() *lang.Config {
		cfg, diags := lang.Load(lang.Options{Dir: dir})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return cfg
	}
	load() // the catalogs and what else loads once per process
	heap := func() int64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return int64(ms.HeapAlloc)
	}
	before := heap()
	cfg := load()
	held := heap() - before
	runtime.KeepAlive(cfg)
	t.Logf("%d bytes of configuration, %d bytes held (%.1f times)", size, held, float64(held)/float64(size))
	if held > 12*size {
		t.Errorf("a Config of %d bytes of configuration holds %d bytes of heap, %.1f times: more than 12", size, held, float64(held)/float64(size))
	}
}
