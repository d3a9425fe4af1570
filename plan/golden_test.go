package plan_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/render"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/memory"
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
	opts := plan.Options{Scope: so.Scope, ScopeDeclared: so.ScopeDeclared}
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

// loginPassword meets any password policy iamc can declare short of a
// minimum length above its own.
const loginPassword = "Xq7!mR2#vL9$wK4%nP8&zT3*"

// applyPlan runs steps against a memory account seeded with current, in
// order (a permutation of indexes when order is not nil), and reads the
// account back.
func applyPlan(current *model.Account, steps []plan.Step, order []int) (*model.Account, error) {
	return applyPlanQuotas(current, steps, order, model.Quotas{})
}

// applyPlanQuotas is applyPlan on an account whose quotas on users,
// groups, roles and policies are those of q (the zero value: the
// defaults). A memory account seeded from a model has the default quotas,
// so these are checked here, as the memory account and IAM check them:
// a create fails with LimitExceeded when the account holds as many
// entities of its kind as the quota allows.
func applyPlanQuotas(current *model.Account, steps []plan.Step, order []int, q model.Quotas) (*model.Account, error) {
	if q == (model.Quotas{}) {
		q = model.DefaultQuotas
	}
	acct, err := memory.FromModel(current)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	run := func(s plan.Step) error {
		o := s.Op
		if lp, ok := o.(*op.CreateLoginProfile); ok {
			c := *lp
			c.Password = loginPassword
			o = &c
		}
		if err := checkCountQuota(acct, o, q); err != nil {
			return fmt.Errorf("step %d (%s): %w", s.ID, op.Command(s.Op, 80), err)
		}
		if err := checkPrincipals(acct, o); err != nil {
			return fmt.Errorf("step %d (%s): %w", s.ID, op.Command(s.Op, 80), err)
		}
		renamed := principalRenames(acct, o)
		if err := acct.Do(ctx, o); err != nil {
			return fmt.Errorf("step %d (%s): %w", s.ID, op.Command(s.Op, 80), err)
		}
		if err := rewritePrincipals(ctx, acct, renamed); err != nil {
			return fmt.Errorf("step %d (%s): rewriting the trust policies that name its entity: %w", s.ID, op.Command(s.Op, 80), err)
		}
		return nil
	}
	if order == nil {
		for _, s := range steps {
			if err := run(s); err != nil {
				return nil, err
			}
		}
	} else {
		for _, i := range order {
			if err := run(steps[i]); err != nil {
				return nil, err
			}
		}
	}
	return acct.Read(ctx)
}

// checkCountQuota refuses a create when the account is at its quota on
// that kind of entity.
func checkCountQuota(acct *memory.Account, o op.Op, q model.Quotas) error {
	var n, max int
	var what string
	acct.View(func(s *memory.State) {
		switch o.(type) {
		case *op.CreateUser:
			n, max, what = len(s.Users), q.Users, "UsersPerAccount"
		case *op.CreateGroup:
			n, max, what = len(s.Groups), q.Groups, "GroupsPerAccount"
		case *op.CreateRole:
			n, max, what = len(s.Roles), q.Roles, "RolesPerAccount"
		case *op.CreatePolicy:
			n, max, what = len(s.Policies), q.Policies, "PoliciesPerAccount"
		}
	})
	if what != "" && n >= max {
		return provider.Errorf(provider.LimitExceeded, "Cannot exceed quota for %s: %d", what, max)
	}
	return nil
}

// IAM checks that the users and roles a trust policy names exist when the
// policy is set, and keeps them by their unique ids: when one is deleted,
// the trust policies that name it show its id instead; when a user is
// renamed or moved, they show its new ARN. The memory account does
// neither, so the tests do, with checkPrincipals before CreateRole and
// UpdateAssumeRolePolicy and rewritePrincipals after DeleteUser,
// DeleteRole and UpdateUser.

// checkPrincipals refuses a trust policy that names a user or role of the
// account that does not exist, as IAM does.
func checkPrincipals(acct *memory.Account, o op.Op) error {
	var text string
	switch o := o.(type) {
	case *op.CreateRole:
		text = o.AssumeRolePolicyDocument
	case *op.UpdateAssumeRolePolicy:
		text = o.PolicyDocument
	default:
		return nil
	}
	d, err := policy.ParseJSON([]byte(text))
	if err != nil {
		return nil // the account refuses it
	}
	var missing string
	acct.View(func(s *memory.State) {
		for _, st := range d.Statements {
			if st.Principal == nil {
				continue
			}
			for _, id := range st.Principal.Entries["AWS"] {
				if !principalExists(s, id) {
					missing = id
					return
				}
			}
		}
	})
	if missing != "" {
		return provider.Errorf(provider.Malformed, "Invalid principal in policy: \"AWS\":\"%s\"", missing)
	}
	return nil
}

// principalExists reports whether an AWS principal exists: anything but
// a user or role of this account does, for this test.
func principalExists(s *memory.State, id string) bool {
	pa, err := model.ParseEntityARN(id)
	if err != nil || pa.Account != s.AccountID {
		return true
	}
	switch pa.Resource {
	case "user":
		u := s.User(pa.Name)
		return u != nil && model.Fold(u.Path) == model.Fold(pa.Path)
	case "role":
		r := s.Role(pa.Name)
		return r != nil && model.Fold(r.Path) == model.Fold(pa.Path)
	}
	return true
}

// principalRename is what becomes of a principal: the ARN trust policies
// name it by, and what they name it by after the op (its unique id once
// it is deleted).
type principalRename struct{ from, to string }

// principalRenames returns what the op does to the principals trust
// policies name, before it runs.
func principalRenames(acct *memory.Account, o op.Op) []principalRename {
	var out []principalRename
	acct.View(func(s *memory.State) {
		switch o := o.(type) {
		case *op.DeleteUser:
			if u := s.User(o.UserName); u != nil {
				out = append(out, principalRename{s.UserARN(u), deletedPrincipal(s.UserARN(u))})
			}
		case *op.DeleteRole:
			if r := s.Role(o.RoleName); r != nil {
				out = append(out, principalRename{s.RoleARN(r), deletedPrincipal(s.RoleARN(r))})
			}
		case *op.UpdateUser:
			if u := s.User(o.UserName); u != nil {
				name, path := u.Name, u.Path
				if o.NewUserName != "" {
					name = o.NewUserName
				}
				if o.NewPath != "" {
					path = o.NewPath
				}
				// A change of case only is left alone: whether IAM then
				// shows the new spelling is not modelled.
				if from, to := s.UserARN(u), model.UserARN(s.AccountID, path, name); model.Fold(from) != model.Fold(to) {
					out = append(out, principalRename{from, to})
				}
			}
		}
	})
	return out
}

// deletedPrincipal is the id a test account shows in a trust policy for a
// deleted principal: "AIDA" or "AROA" and a hash of its ARN, as IAM shows
// the principal's unique id.
func deletedPrincipal(arn string) string {
	sum := sha256.Sum256([]byte(model.Fold(arn)))
	prefix := "AIDA"
	if strings.Contains(arn, ":role/") {
		prefix = "AROA"
	}
	return prefix + strings.ToUpper(hex.EncodeToString(sum[:8]))
}

// rewritePrincipals renames principals in every trust policy that names
// them, as IAM does.
func rewritePrincipals(ctx context.Context, acct *memory.Account, renames []principalRename) error {
	if len(renames) == 0 {
		return nil
	}
	var updates []*op.UpdateAssumeRolePolicy
	acct.View(func(s *memory.State) {
		for _, r := range s.SortedRoles() {
			if model.IsReservedPath(r.Path) {
				continue
			}
			if d, changed := renamePrincipals(r.Trust(), renames); changed {
				updates = append(updates, &op.UpdateAssumeRolePolicy{RoleName: r.Name, PolicyDocument: policy.CanonicalString(d)})
			}
		}
	})
	for _, u := range updates {
		if err := acct.Do(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// renamePrincipals returns a copy of d with the AWS principals renamed,
// and whether any was.
func renamePrincipals(d *policy.Document, renames []principalRename) (*policy.Document, bool) {
	if d == nil {
		return nil, false
	}
	out := d.Clone()
	changed := false
	for i := range out.Statements {
		st := &out.Statements[i]
		if st.Principal == nil {
			continue
		}
		ids := st.Principal.Entries["AWS"]
		for j, id := range ids {
			for _, r := range renames {
				if model.Fold(id) == model.Fold(r.from) {
					ids[j] = r.to
					changed = true
				}
			}
		}
	}
	return out, changed
}
