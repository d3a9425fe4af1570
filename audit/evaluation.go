package audit

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// The escalation checks' means: the evaluator behind a cache of answers,
// and copies of the account with stand-ins that ask what-if questions.

// probeName names the stand-ins the audit adds to a copy of the account
// to ask what-if questions: a group's policies alone, a boundary alone,
// a principal without its boundary or with another version of a policy.
// Findings never name them, and no entity of IAM can have their names
// ('#' is not allowed in one).
const probeName = "iamc-audit-probe"

// evaluation wraps the evaluator with a cache of answers that do not
// depend on who asks (access.Answer.PrincipalKeys), by policy set.
type evaluation struct {
	ev    *access.Evaluator
	acct  *model.Account
	cache map[cacheKey]bool
	sets  map[access.Principal]string // policy set keys, by principal
	docs  map[docAction]bool          // docMayAllow's answers
	// named holds, by role ARN, whether the role's trust names principals
	// one by one (namesPrincipals), built on first use.
	named map[string]bool
}

func newEvaluation(a *model.Account, now time.Time) *evaluation {
	return &evaluation{ev: access.New(a, access.Options{Now: func() time.Time { return now }}), acct: a,
		cache: map[cacheKey]bool{}, sets: map[access.Principal]string{}, docs: map[docAction]bool{}}
}

type cacheKey struct{ set, action, resource, ctx string }

// setKey is p's policy set key; ok is false for a principal that is not
// a user or role of the account, whose answers are not cached.
func (e *evaluation) setKey(p access.Principal) (string, bool) {
	if p.Kind != access.KindUser && p.Kind != access.KindRole {
		return "", false
	}
	if k, ok := e.sets[p]; ok {
		return k, true
	}
	k, err := e.ev.PolicySetKey(p)
	if err != nil {
		return "", false
	}
	e.sets[p] = k
	return k, true
}

// allowed asks whether p may take action on resource, with the context
// keys ctx (key, value pairs). Answers are cached by p's policy set,
// except where they depend on p itself: a trust that names principals
// one by one, or a policy that reads a key derived from p.
func (e *evaluation) allowed(p access.Principal, action, resource string, ctx ...string) bool {
	req := access.Request{Principal: p, Action: action, Resource: resource}
	var key cacheKey
	cacheable := false
	if !strings.HasPrefix(action, "sts:") || !e.namesPrincipals(resource) {
		if !e.mayEver(p, action) {
			return false
		}
		if set, ok := e.setKey(p); ok {
			key, cacheable = cacheKey{set, action, resource, strings.Join(ctx, "\x00")}, true
			if v, ok := e.cache[key]; ok {
				return v
			}
		}
	}
	if len(ctx) > 0 {
		req.Context = access.Context{}
		for i := 0; i+1 < len(ctx); i += 2 {
			req.Context[ctx[i]] = []string{ctx[i+1]}
		}
	}
	ans, err := e.ev.Evaluate(req)
	ok := err == nil && ans.Decision == access.Allowed
	if cacheable && err == nil && len(ans.PrincipalKeys) == 0 {
		e.cache[key] = ok
	}
	return ok
}

// mayEver reports whether an Allow statement of p's identity-based
// policies could allow action on some resource: one whose Action names
// it or a wildcard that matches it, or one with NotAction. Without one,
// no request of p for action is allowed except through a trust that
// names p itself (which the caller leaves to the evaluator). It is
// answered once per policy set, and makes the pairs of the escalation
// checks cheap when most principals never hold the actions they ask.
func (e *evaluation) mayEver(p access.Principal, action string) bool {
	set, ok := e.setKey(p)
	if !ok {
		return true
	}
	key := cacheKey{set: set, action: action, resource: "\x00any"}
	if v, ok := e.cache[key]; ok {
		return v
	}
	identity, _, err := e.ev.Policies(p)
	v := err != nil
	for _, ref := range identity {
		if !v {
			v = e.docMayAllow(ref.Document, action)
		}
	}
	e.cache[key] = v
	return v
}

// docMayAllow reports whether an Allow statement of d names action, a
// wildcard that matches it, or has NotAction; cached by document, which
// policy sets share (a group's, a managed policy's).
func (e *evaluation) docMayAllow(d *policy.Document, action string) bool {
	k := docAction{d, action}
	if v, ok := e.docs[k]; ok {
		return v
	}
	v := false
	for i := range d.Statements {
		st := &d.Statements[i]
		if st.Effect == "Allow" && (len(st.NotAction) > 0 || access.StatementAllowsAction(st, action)) {
			v = true
			break
		}
	}
	e.docs[k] = v
	return v
}

type docAction struct {
	doc    *policy.Document
	action string
}

// namesPrincipals reports whether the trust of the role with this ARN
// names a principal other than by its account (an ARN, a unique id,
// "*"), or has a NotPrincipal: then whether a principal may assume the
// role depends on which one it is, and may not need its identity-based
// policies at all (a trust that names a principal, or "*", allows it by
// itself). A resource that is no role of the account gives true.
func (e *evaluation) namesPrincipals(arn string) bool {
	if e.named == nil {
		e.named = make(map[string]bool, len(e.acct.Roles))
		for _, r := range e.acct.Roles {
			e.named[r.ARNIn(e.acct.ID)] = trustNamesPrincipals(r.AssumeRolePolicy)
		}
	}
	named, ok := e.named[arn]
	return named || !ok
}

func trustNamesPrincipals(d *policy.Document) bool {
	if d == nil {
		return false
	}
	for _, s := range d.Statements {
		if s.NotPrincipal != nil {
			return true
		}
		if s.Principal == nil {
			continue
		}
		for _, id := range s.Principal.Entries["AWS"] {
			if model.IsAccountID(id) {
				continue
			}
			if rest, ok := strings.CutPrefix(id, "arn:aws:iam::"); ok && strings.HasSuffix(rest, ":root") && model.IsAccountID(strings.TrimSuffix(rest, ":root")) {
				continue
			}
			return true
		}
	}
	return false
}

// allowsAll asks whether p may take every one of actions on resource,
// with the context keys ctx (as allowed takes them).
func (e *evaluation) allowsAll(p access.Principal, actions []string, resource string, ctx ...string) bool {
	for _, act := range actions {
		if !e.allowed(p, act, resource, ctx...) {
			return false
		}
	}
	return true
}

func (e *evaluation) isAdmin(p access.Principal) bool { return e.allowsAll(p, adminProbe, "*") }

// isAdminAs asks whether a stand-in of pi is a full administrator, with
// the keys that iamc derives from pi's name and ARN given as pi's, so
// that a condition on them reads pi's values, not the stand-in's (the
// stand-in carries pi's tags itself).
func (e *evaluation) isAdminAs(standIn access.Principal, pi *principalInfo) bool {
	ctx := []string{"aws:PrincipalArn", pi.arn}
	if pi.user != nil {
		ctx = append(ctx, "aws:username", pi.user.Name)
		if pi.user.ID != "" {
			ctx = append(ctx, "aws:userid", pi.user.ID)
		}
	}
	return e.allowsAll(standIn, adminProbe, "*", ctx...)
}

// probe is a copy of an account that stand-ins are added to.
type probe struct {
	acct *model.Account
	n    int
}

func newProbe(a *model.Account) *probe {
	c := *a
	c.Users = make(map[string]*model.User, len(a.Users))
	for k, u := range a.Users {
		c.Users[k] = u
	}
	c.Roles = make(map[string]*model.Role, len(a.Roles))
	for k, r := range a.Roles {
		c.Roles[k] = r
	}
	c.Policies = make(map[string]*model.ManagedPolicy, len(a.Policies))
	for k, p := range a.Policies {
		c.Policies[k] = p
	}
	return &probe{acct: &c}
}

func (pr *probe) name() string {
	pr.n++
	return fmt.Sprintf("%s#%d", probeName, pr.n)
}

// user adds u under a stand-in's name and returns it.
func (pr *probe) user(u model.User) access.Principal {
	u.Name, u.ARN, u.ID = pr.name(), "", ""
	pr.acct.AddUser(&u)
	return access.User(u.Name)
}

// role adds r under a stand-in's name and returns it.
func (pr *probe) role(r model.Role) access.Principal {
	r.Name, r.ARN, r.ID = pr.name(), "", ""
	pr.acct.AddRole(&r)
	return access.Role(r.Name)
}

// policy adds a customer managed policy that stands for version v of
// another, and returns its ARN.
func (pr *probe) policy(v model.PolicyVersion) string {
	p := &model.ManagedPolicy{Name: pr.name(), Path: "/", Document: v.Document}
	pr.acct.AddPolicy(p)
	return p.ARNIn(pr.acct.ID)
}

// held is what a stand-in holds of its principal: the ARNs of its
// attached policies (its groups' folded in), its inline policies (its
// groups' too) and its boundary's ARN.
type held struct {
	attached []string
	inline   []model.InlinePolicy
	boundary string
}

// standIn adds a stand-in for pi: a copy of the user or role, in no
// group, holding what edit makes of what pi holds (its tags, path and
// trust kept).
func (pr *probe) standIn(pi *principalInfo, edit func(h *held)) access.Principal {
	if pi.role != nil {
		r := *pi.role
		h := held{slices.Clone(r.ManagedPolicies), slices.Clone(r.InlinePolicies), r.PermissionsBoundary}
		edit(&h)
		r.ManagedPolicies, r.InlinePolicies, r.PermissionsBoundary = h.attached, h.inline, h.boundary
		return pr.role(r)
	}
	u := *pi.user
	h := held{slices.Clone(u.ManagedPolicies), slices.Clone(u.InlinePolicies), u.PermissionsBoundary}
	for _, gn := range u.Groups {
		if g := pr.acct.Group(gn); g != nil {
			h.attached = append(h.attached, g.ManagedPolicies...)
			h.inline = append(h.inline, g.InlinePolicies...)
		}
	}
	edit(&h)
	u.Groups, u.LoginProfile = nil, nil
	u.ManagedPolicies, u.InlinePolicies, u.PermissionsBoundary = h.attached, h.inline, h.boundary
	return pr.user(u)
}
