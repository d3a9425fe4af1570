package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
)

// suggestScope warns, when no scope is declared, how many entities the
// plan deletes that the configuration never mentions.
func (p *planner) suggestScope() {
	// A user or role that a declared trust policy names is mentioned.
	mentioned := map[string]bool{}
	for _, x := range p.roles {
		if x.des != nil {
			for _, id := range awsPrincipals(x.des.AssumeRolePolicy) {
				mentioned[id] = true
			}
		}
	}
	counts := map[model.Kind]int{}
	total := 0
	count := func(k model.Kind, st state, arn string) {
		if st == stDelete && (arn == "" || !mentioned[model.Fold(arn)]) {
			counts[k]++
			total++
		}
	}
	for _, x := range p.users {
		if x.st == stDelete {
			count(model.KindUser, x.st, x.cur.ARNIn(p.acct))
		}
	}
	for _, x := range p.groups {
		count(model.KindGroup, x.st, "")
	}
	for _, x := range p.roles {
		if x.st == stDelete {
			count(model.KindRole, x.st, x.cur.ARNIn(p.acct))
		}
	}
	for _, x := range p.policies {
		count(model.KindPolicy, x.st, "")
	}
	if total == 0 {
		return
	}
	var parts []string
	for _, k := range []struct {
		kind model.Kind
		noun string
	}{{model.KindUser, "user"}, {model.KindGroup, "group"}, {model.KindRole, "role"}, {model.KindPolicy, "policy"}} {
		parts = english.AppendCount(parts, counts[k.kind], k.noun)
	}
	suggestion := `iamc { manage = ["/your-path/"] }`
	if prefixes := p.declaredPrefixes(); len(prefixes) > 0 {
		suggestion = "iamc { manage = " + model.Scope(prefixes).String() + " }"
	}
	p.warnings = append(p.warnings, fmt.Sprintf("The configuration declares no iamc { manage } scope, so iamc manages every user, group, role and policy of the account outside AWS's reserved paths: this plan deletes %s that the configuration never mentions (%s). To leave the rest of the account alone, declare the path prefixes this configuration owns, e.g. %s",
		english.Count(total, "entity"), english.Join(parts), suggestion))
}

// declaredPrefixes returns the first path segments of the declared
// entities ("/staff/"), or nil when some are declared at "/".
func (p *planner) declaredPrefixes() []string {
	set := map[string]bool{}
	add := func(path string) bool {
		i := strings.Index(path[1:], "/")
		if path == "/" || i < 0 {
			return false
		}
		set[path[:i+2]] = true
		return true
	}
	for _, u := range p.des.Users {
		if !add(u.Path) {
			return nil
		}
	}
	for _, g := range p.des.Groups {
		if !add(g.Path) {
			return nil
		}
	}
	for _, r := range p.des.Roles {
		if !add(r.Path) {
			return nil
		}
	}
	for _, x := range p.des.Policies {
		if !add(x.Path) {
			return nil
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
