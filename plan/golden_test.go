package plan_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/render"
)

// update rewrites the expected outputs of the golden scenarios:
// IAMC_UPDATE=1 go test ./plan/...
var update = os.Getenv("IAMC_UPDATE") == "1"

var scenarioFilter = flag.String("scenario", "", "run only the golden scenarios whose name contains this")

// scenarioOptions is options.json of a scenario.
type scenarioOptions struct {
	Scope         model.Scope   `json:"scope"`
	ScopeDeclared bool          `json:"scope_declared"`
	Quotas        *model.Quotas `json:"quotas"`
	// AllowEmptyScope is plan.Options.AllowEmptyScope.
	AllowEmptyScope bool `json:"allow_empty_scope"`
	// Now is plan.Options.Now.
	Now time.Time `json:"now"`
	// Markdown asks for plan.md as well.
	Markdown bool `json:"markdown"`
}

// TestGolden runs the scenarios under testdata: each .txtar holds
// desired.json and current.json (model.Account JSON), optionally
// options.json, and the expected plan.txt and plan.json (plan.md when
// options ask for it), or error.txt for a scenario Compute refuses. Every
// plan is also applied to a memory account, which must then plan empty.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scenarios under testdata")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		if !strings.Contains(name, *scenarioFilter) {
			continue
		}
		t.Run(name, func(t *testing.T) { runScenario(t, file) })
	}
}

func runScenario(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	get := func(name string) []byte {
		for _, f := range ar.Files {
			if f.Name == name {
				return f.Data
			}
		}
		return nil
	}
	var desired, current model.Account
	if err := json.Unmarshal(get("desired.json"), &desired); err != nil {
		t.Fatalf("desired.json: %v", err)
	}
	if err := json.Unmarshal(get("current.json"), &current); err != nil {
		t.Fatalf("current.json: %v", err)
	}
	var so scenarioOptions
	if data := get("options.json"); data != nil {
		if err := json.Unmarshal(data, &so); err != nil {
			t.Fatalf("options.json: %v", err)
		}
	}
	opts := plan.Options{Scope: so.Scope, ScopeDeclared: so.ScopeDeclared, AllowEmptyScope: so.AllowEmptyScope, Access: true, Now: so.Now}
	if so.Quotas != nil {
		opts.Quotas = *so.Quotas
	}
	got := map[string][]byte{}
	p, err := plan.Compute(&desired, &current, opts)
	if err != nil {
		got["error.txt"] = []byte(err.Error() + "\n")
	} else {
		p.Provider, p.State, p.Caller = "memory", ".iamc/account.json", "in-memory account"
		var text, js, md bytes.Buffer
		if err := render.Text(&text, p, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := render.JSON(&js, p); err != nil {
			t.Fatal(err)
		}
		got["plan.txt"], got["plan.json"] = text.Bytes(), js.Bytes()
		if so.Markdown {
			if err := render.Markdown(&md, p, render.Options{}); err != nil {
				t.Fatal(err)
			}
			got["plan.md"] = md.Bytes()
		}
		checkPlanShape(t, p)
		checkConverges(t, &desired, &current, opts, p)
	}
	outputs := []string{"error.txt", "plan.txt", "plan.md", "plan.json"}
	if update {
		var files []txtar.File
		for _, f := range ar.Files {
			if !contains(outputs, f.Name) {
				files = append(files, f)
			}
		}
		for _, name := range outputs {
			if data, ok := got[name]; ok {
				files = append(files, txtar.File{Name: name, Data: data})
			}
		}
		ar.Files = files
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, name := range outputs {
		want := get(name)
		data, ok := got[name]
		switch {
		case !ok && want != nil:
			t.Errorf("%s expected but not produced (run with IAMC_UPDATE=1 to update)", name)
		case ok && want == nil:
			t.Errorf("%s produced but not expected:\n%s", name, data)
		case ok && !bytes.Equal(data, want):
			t.Errorf("%s differs (run with IAMC_UPDATE=1 to update):\n%s", name, lineDiff(string(want), string(data)))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			if shown++; shown == 5 {
				break
			}
		}
	}
	return b.String()
}

func itoa(n int) string {
	data, _ := json.Marshal(n)
	return string(data)
}

// checkPlanShape checks what every plan must hold: steps numbered in
// order, each depending only on earlier steps, each belonging to a change.
func checkPlanShape(t *testing.T, p *plan.Plan) {
	t.Helper()
	changes := map[model.Address]bool{}
	for _, c := range p.Changes {
		changes[c.Address.Key()] = true
	}
	for i, s := range p.Steps {
		if s.ID != i+1 {
			t.Errorf("step %d has id %d", i+1, s.ID)
		}
		for _, d := range s.DependsOn {
			if d >= s.ID || d < 1 {
				t.Errorf("step %d depends on step %d", s.ID, d)
			}
		}
		if !changes[s.Address.Key()] {
			t.Errorf("step %d (%s) belongs to %s, which has no change", s.ID, s.Op.Action(), s.Address)
		}
	}
}

// checkConverges applies the plan to a memory account seeded with the
// current account and checks that planning again changes nothing.
func checkConverges(t *testing.T, desired, current *model.Account, opts plan.Options, p *plan.Plan) {
	t.Helper()
	after, err := applyPlanQuotas(current, p.Steps, nil, opts.Quotas)
	if err != nil {
		t.Fatalf("applying the plan: %v", err)
	}
	again, err := plan.Compute(desired, after, opts)
	if err != nil {
		t.Fatalf("planning again: %v", err)
	}
	if !again.Empty() {
		var b bytes.Buffer
		render.Text(&b, again, render.Options{})
		t.Errorf("the plan does not converge; planning again gives:\n%s", b.String())
	}
}
