package access

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// The AWS documentation pages whose rules the table tests check, all
// under https://docs.aws.amazon.com/IAM/latest/UserGuide/.
const (
	pageEval         = "Policy evaluation logic (reference_policies_evaluation-logic.html)"
	pageSameAccount  = "Policy evaluation for requests within a single account (reference_policies_evaluation-logic_policy-eval-basics.html)"
	pageDenyAllow    = "How AWS enforcement code logic evaluates requests to allow or deny access (reference_policies_evaluation-logic_policy-eval-denyallow.html)"
	pageAction       = "IAM JSON policy elements: Action (reference_policies_elements_action.html)"
	pageNotAction    = "IAM JSON policy elements: NotAction (reference_policies_elements_notaction.html)"
	pageResource     = "IAM JSON policy elements: Resource (reference_policies_elements_resource.html)"
	pageNotResource  = "IAM JSON policy elements: NotResource (reference_policies_elements_notresource.html)"
	pageEffect       = "IAM JSON policy elements: Effect (reference_policies_elements_effect.html)"
	pageCondition    = "IAM JSON policy elements: Condition (reference_policies_elements_condition.html)"
	pageCondOps      = "IAM JSON policy elements: Condition operators (reference_policies_elements_condition_operators.html)"
	pageMultiValues  = "Conditions with multiple context keys or values (reference_policies_condition-logic-multiple-context-keys-or-values.html)"
	pageSingleMulti  = "Single-valued vs. multivalued context keys (reference_policies_condition-single-vs-multi-valued-context-keys.html)"
	pageVariables    = "IAM policy elements: Variables and tags (reference_policies_variables.html)"
	pageVersion      = "IAM JSON policy elements: Version (reference_policies_elements_version.html)"
	pageBoundaries   = "Permissions boundaries for IAM entities (access_policies_boundaries.html)"
	pagePrincipal    = "IAM JSON policy elements: Principal (reference_policies_elements_principal.html)"
	pageGlobalKeys   = "AWS global condition context keys (reference_policies_condition-keys.html)"
	pageRoleTrust    = "Roles terms and concepts: trust policy (id_roles.html#term_trust-policy)"
	pageManaged      = "Managed policies and inline policies (access_policies_managed-vs-inline.html)"
	pageRepostForAny = "re:Post, ForAnyValue:StringEqualsIfExists behaving unexpectedly (ForAnyValue returns false on an absent key, IfExists or not)"
)

const testAccount = "123456789012"

var testNow = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// testAccountWith builds the account of the table tests: users alice
// (path /, tags team=blue and cost=42, in group devs) and bob (path
// /staff/), roles app (path /service/, tag team=red) and target (whose
// trust policy the case gives), with the case's identity policies inline
// on the case's principal and its boundary as the customer managed
// policy "boundary".
func testAccountWith(who Principal, identity []string, boundary, trust string) *model.Account {
	a := model.NewAccount(testAccount)
	var inline []model.InlinePolicy
	for i, d := range identity {
		inline = append(inline, model.InlinePolicy{Name: fmt.Sprintf("p%d", i), Document: policy.MustParse(d)})
	}
	var bARN string
	if boundary != "" {
		bARN = model.PolicyARN(testAccount, "/", "boundary")
		a.AddPolicy(&model.ManagedPolicy{Name: "boundary", Path: "/", Document: policy.MustParse(boundary)})
	}
	alice := &model.User{Name: "alice", Path: "/", ID: "AIDAALICEEXAMPLE", Groups: []string{"devs"},
		Tags: model.Tags{"team": "blue", "cost": "42"}}
	bob := &model.User{Name: "bob", Path: "/staff/"}
	app := &model.Role{Name: "app", Path: "/service/", ID: "AROAAPPEXAMPLE", Tags: model.Tags{"team": "red"},
		AssumeRolePolicy: policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)}
	if trust == "" {
		trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	}
	target := &model.Role{Name: "target", Path: "/", AssumeRolePolicy: policy.MustParse(trust)}
	switch {
	case who == User("alice"):
		alice.InlinePolicies, alice.PermissionsBoundary = inline, bARN
	case who == User("bob"):
		bob.InlinePolicies, bob.PermissionsBoundary = inline, bARN
	case who == Role("app"):
		app.InlinePolicies, app.PermissionsBoundary = inline, bARN
	}
	a.AddUser(alice)
	a.AddUser(bob)
	a.AddGroup(&model.Group{Name: "devs", Path: "/"})
	a.AddRole(app)
	a.AddRole(target)
	return a
}

// ruleCase is one table case: the principal's identity policies (inline,
// JSON), its boundary, the trust policy of role target, the request and
// the decision. missing, when not nil, is the exact list of missing
// context keys the answer must give.
type ruleCase struct {
	name     string
	page     string
	who      Principal
	identity []string
	boundary string
	trust    string
	action   string
	resource string
	ctx      Context
	want     Decision
	missing  []string
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			t.Fatalf("two cases are called %q", c.name)
		}
		seen[c.name] = true
		if c.page == "" {
			t.Fatalf("case %q cites no documentation page", c.name)
		}
		t.Run(c.name, func(t *testing.T) {
			who := c.who
			if who == (Principal{}) {
				who = User("alice")
			}
			action, resource := c.action, c.resource
			if action == "" {
				action = "s3:GetObject"
			}
			if resource == "" {
				resource = "arn:aws:s3:::bucket/key"
			}
			e := New(testAccountWith(who, c.identity, c.boundary, c.trust), Options{Now: func() time.Time { return testNow }})
			ans, err := e.Evaluate(Request{Principal: who, Action: action, Resource: resource, Context: c.ctx})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Decision != c.want {
				t.Errorf("decision %s, want %s (%s); rule of %s", ans.Decision, c.want, ans.Reason, c.page)
			}
			if c.missing != nil && !slices.Equal(ans.MissingContextKeys, c.missing) {
				t.Errorf("missing context keys %q, want %q", ans.MissingContextKeys, c.missing)
			}
		})
	}
}

// doc builds a document of Version 2012-10-17 from JSON statements.
func doc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

// stmt builds a statement: effect, action (JSON value), resource (JSON
// value), and an optional Condition (JSON object).
func stmt(effect, action, resource string, cond ...string) string {
	s := `{"Effect":"` + effect + `","Action":` + action + `,"Resource":` + resource
	if len(cond) > 0 {
		s += `,"Condition":` + cond[0]
	}
	return s + "}"
}

// q quotes strings as a JSON value: one string, or a list of several.
func q(vals ...string) string {
	var v any = vals
	if len(vals) == 1 {
		v = vals[0]
	}
	out, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(out)
}

// allowIf is a document allowing s3:GetObject on every resource when the
// condition holds: the condition operator, key and values.
func allowIf(op, key string, vals ...string) string {
	return doc(stmt("Allow", q("s3:GetObject"), q("*"), `{`+q(op)+`:{`+q(key)+`:`+q(vals...)+`}}`))
}

// ctx builds a context from key, value pairs; a value with commas is a
// list.
func ctx(kv ...string) Context {
	c := Context{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			c[kv[i]] = []string{}
			continue
		}
		c[kv[i]] = strings.Split(kv[i+1], ",")
	}
	return c
}
