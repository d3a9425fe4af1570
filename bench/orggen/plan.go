package orggen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/iamc/iamc/catalog"
)

// gen is one generation: the random source and the entities planned.
type gen struct {
	rng   *rand.Rand
	acts  *actionTable
	s     Sizes
	shape Shape
	teams []team

	policies []policyPlan
	groups   []groupPlan
	users    []userPlan
	roles    []rolePlan
	// teamPolicies and teamGroups index the policies and groups by team.
	teamPolicies map[team][]int
	teamGroups   map[team][]int
}

type policyPlan struct {
	label string
	team  team
	json  bool // a jsonencode document rather than statement blocks
}

type groupPlan struct {
	label    string
	team     team
	policies []string // references
	inline   bool
}

type userPlan struct {
	label, name string
	team        team
	groups      []int
	console     bool
	inline      bool
	boundary    string // a reference, or ""
	direct      string // a policy attached directly (a reference), or ""
	badGroup    bool   // its last group reference names no declared group
}

type rolePlan struct {
	label    string
	team     team
	service  string // the trusted service, or "" for a role assumed from accounts or roles
	assumer  int    // an earlier role that may assume this one, or -1
	policies []string
	inline   bool
	session  int
}

// groupKinds name a team's groups.
var groupKinds = []string{"developers", "readers", "oncall", "leads", "admins", "contractors", "auditors", "deployers"}

// policyPurposes name a team's policies.
var policyPurposes = []string{"read", "write", "deploy", "ops", "data", "debug", "backup", "reports"}

var roleKinds = []string{"api", "worker", "batch", "etl", "deploy", "cron", "ingest", "export"}

// plan decides every entity: names, teams, and who refers to whom.
func (g *gen) plan() {
	g.teams = allTeams()
	g.teamPolicies = map[team][]int{}
	g.teamGroups = map[team][]int{}
	for i := range g.s.Policies {
		t := g.teams[i%len(g.teams)]
		label := fmt.Sprintf("%s-%s-%d", t.name, policyPurposes[(i/len(g.teams))%len(policyPurposes)], i)
		g.policies = append(g.policies, policyPlan{label: label, team: t, json: g.rng.IntN(3) == 0})
		g.teamPolicies[t] = append(g.teamPolicies[t], i)
	}
	for i := range g.s.Groups {
		t := g.teams[i%len(g.teams)]
		label := fmt.Sprintf("%s-%s-%d", t.name, groupKinds[(i/len(g.teams))%len(groupKinds)], i)
		gp := groupPlan{label: label, team: t, policies: g.policyRefs(t, awsManaged), inline: g.rng.IntN(10) == 0}
		g.groups = append(g.groups, gp)
		g.teamGroups[t] = append(g.teamGroups[t], i)
	}
	names := map[string]bool{}
	for range g.s.Users {
		t := g.teams[g.rng.IntN(len(g.teams))]
		base := g.pick(firstNames) + "." + g.pick(lastNames)
		name := base
		for n := 2; names[name]; n++ {
			name = fmt.Sprintf("%s%d", base, n)
		}
		names[name] = true
		u := userPlan{label: strings.ReplaceAll(name, ".", "_"), name: name, team: t}
		u.groups = g.userGroups(t)
		u.console = g.rng.IntN(4) == 0
		u.inline = g.rng.IntN(50) == 0
		if g.rng.IntN(20) == 0 && len(g.policies) > 0 {
			u.boundary = "policy." + g.policies[g.rng.IntN(len(g.policies))].label
		}
		i := len(g.users)
		if spread(i, g.shape.DirectPolicies, g.s.Users) {
			u.direct = "policy." + g.policies[i%len(g.policies)].label
			u.inline = false // its ignore_warnings would silence the warning
		}
		u.badGroup = spread(i, g.shape.BadGroupRefs, g.s.Users)
		g.users = append(g.users, u)
	}
	for i := range g.s.Roles {
		t := g.teams[i%len(g.teams)]
		label := fmt.Sprintf("%s-%s-%d", t.name, roleKinds[(i/len(g.teams))%len(roleKinds)], i)
		r := rolePlan{label: label, team: t, assumer: -1, inline: g.rng.IntN(5) == 0, session: 3600}
		switch n := g.rng.IntN(10); {
		case n < 7:
			r.service = g.pick(services)
		case n < 9 || i == 0:
		default:
			r.assumer = g.rng.IntN(i)
		}
		if g.rng.IntN(4) == 0 {
			r.session = 3600 * g.between(2, 12)
		}
		extra := awsManaged
		if r.service != "" {
			extra = roleManaged
		}
		r.policies = g.policyRefs(t, extra)
		g.roles = append(g.roles, r)
	}
}

// policyRefs picks 2 to 5 policies for a group or role: mostly its team's
// customer policies, some AWS managed ones.
func (g *gen) policyRefs(t team, managed []string) []string {
	n := min(g.between(2, 5), len(g.policies)+len(managed))
	seen := map[string]bool{}
	var out []string
	own := g.teamPolicies[t]
	for len(out) < n {
		var ref string
		switch {
		case g.rng.IntN(3) == 0:
			ref = "aws.policy." + g.pick(managed)
		case len(own) > 0 && g.rng.IntN(4) != 0:
			ref = "policy." + g.policies[own[g.rng.IntN(len(own))]].label
		default:
			ref = "policy." + g.policies[g.rng.IntN(len(g.policies))].label
		}
		if !seen[ref] {
			seen[ref] = true
			out = append(out, ref)
		}
	}
	return out
}

// userGroups picks 2 to 5 groups for a user: one or two of the team's,
// the rest anywhere.
func (g *gen) userGroups(t team) []int {
	n := min(g.between(2, 5), len(g.groups))
	seen := map[int]bool{}
	var out []int
	own := g.teamGroups[t]
	for len(out) < n {
		var i int
		if len(own) > 0 && len(out) < 2 && g.rng.IntN(4) != 0 {
			i = own[g.rng.IntN(len(own))]
		} else {
			i = g.rng.IntN(len(g.groups))
		}
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}

// checkManaged checks that the AWS managed policies the generator names
// exist in the catalog.
func checkManaged() error {
	for _, list := range [][]string{awsManaged, roleManaged} {
		for _, name := range list {
			if _, ok := catalog.ManagedPolicyARN(name); !ok {
				return fmt.Errorf("orggen: the catalog has no AWS managed policy %q", name)
			}
		}
	}
	return nil
}
