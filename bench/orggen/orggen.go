package orggen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Sizes are how many entities of each kind to write.
type Sizes struct {
	Users, Groups, Roles, Policies int
}

// Large is the organisation of iamc's speed target: an account at AWS's
// default quotas.
var Large = Sizes{Users: 5000, Groups: 300, Roles: 1000, Policies: 1500}

// Huge is the largest organisation IAM's quotas allow once raised: 5,000
// users, 500 groups, 5,000 roles and 5,000 policies. With Statements 10
// it is 13.2 MB of configuration, four times Large.
var Huge = Sizes{Users: 5000, Groups: 500, Roles: 5000, Policies: 5000}

// Shape is an organisation of the given sizes with the variations that
// stress one path of iamc each. The zero variations write what Write does.
type Shape struct {
	Sizes
	// DirectPolicies is how many users, spread evenly, have a customer
	// managed policy attached directly: each is a warning
	// (direct-user-policy).
	DirectPolicies int
	// BadGroupRefs is how many users, spread evenly, name a group that is
	// not declared (a misspelt label): each is an error. These users are
	// written together in one file, users-refs.iam.hcl.
	BadGroupRefs int
	// Statements is the most statements of a managed policy's document:
	// each has 1 to Statements. 0 means 3.
	Statements int
	// PerFile is how many entities of a kind go in one file; 0 means 500
	// users and 250 policies or roles. Groups are in one file unless
	// PerFile is set.
	PerFile int
}

// Entities per file, so that the configuration is several files, as a
// real one is.
const (
	usersPerFile    = 500
	policiesPerFile = 250
	rolesPerFile    = 250
)

// Write writes the configuration into dir (created if need be): one
// account file, and files of policies, groups, users and roles.
func Write(dir string, s Sizes, seed int64) error {
	return WriteShape(dir, Shape{Sizes: s}, seed)
}

// WriteShape writes an organisation of the given shape into dir, as Write
// does.
func WriteShape(dir string, sh Shape, seed int64) error {
	s := sh.Sizes
	if s.Users < 0 || s.Groups < 0 || s.Roles < 0 || s.Policies < 0 {
		return fmt.Errorf("orggen: negative sizes %+v", s)
	}
	if sh.DirectPolicies < 0 || sh.DirectPolicies > s.Users || sh.BadGroupRefs < 0 || sh.BadGroupRefs > s.Users {
		return fmt.Errorf("orggen: %d direct policies and %d bad group references for %d users: each is 0 to the number of users", sh.DirectPolicies, sh.BadGroupRefs, s.Users)
	}
	if sh.DirectPolicies > 0 && s.Policies == 0 {
		return fmt.Errorf("orggen: users with a policy attached directly need at least 1 policy")
	}
	if sh.Statements < 0 || sh.PerFile < 0 {
		return fmt.Errorf("orggen: negative statements (%d) or entities per file (%d)", sh.Statements, sh.PerFile)
	}
	if s.Users > 0 && s.Groups < 2 {
		return fmt.Errorf("orggen: users are in 2 to 5 groups: at least 2 groups are needed, not %d", s.Groups)
	}
	if (s.Groups > 0 || s.Roles > 0) && s.Policies < 2 {
		return fmt.Errorf("orggen: groups and roles have 2 to 5 policies: at least 2 policies are needed, not %d", s.Policies)
	}
	if err := checkManaged(); err != nil {
		return err
	}
	acts, err := loadActions()
	if err != nil {
		return err
	}
	g := &gen{
		rng:   rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)),
		acts:  acts,
		s:     s,
		shape: sh,
	}
	g.plan()
	files := map[string]*bytes.Buffer{}
	file := func(name string) *bytes.Buffer {
		b := files[name]
		if b == nil {
			b = &bytes.Buffer{}
			files[name] = b
		}
		return b
	}
	perFile := func(n int) int {
		if sh.PerFile > 0 {
			return sh.PerFile
		}
		return n
	}
	g.writeAccount(file("account.iam.hcl"))
	for i := range g.policies {
		g.writePolicy(file(fmt.Sprintf("policies-%02d.iam.hcl", i/perFile(policiesPerFile)+1)), i)
	}
	for i := range g.groups {
		name := "groups.iam.hcl"
		if sh.PerFile > 0 {
			name = fmt.Sprintf("groups-%02d.iam.hcl", i/sh.PerFile+1)
		}
		g.writeGroup(file(name), i)
	}
	for i, u := range g.users {
		name := fmt.Sprintf("users-%02d.iam.hcl", i/perFile(usersPerFile)+1)
		if u.badGroup {
			name = "users-refs.iam.hcl"
		}
		g.writeUser(file(name), i)
	}
	for i := range g.roles {
		g.writeRole(file(fmt.Sprintf("roles-%02d.iam.hcl", i/perFile(rolesPerFile)+1)), i)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), hclwrite.Format(files[name].Bytes()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Departments and their teams: where entities sit (paths) and what they
// are named after.
var departments = []struct {
	name  string
	teams []string
}{
	{"engineering", []string{"platform", "payments", "search", "mobile", "web", "data", "ml", "identity", "billing", "infra"}},
	{"operations", []string{"sre", "security", "network", "support", "release"}},
	{"finance", []string{"accounting", "procurement", "audit"}},
	{"sales", []string{"emea", "americas", "apac", "partners"}},
	{"people", []string{"recruiting", "it", "facilities"}},
}

// team is a department's team.
type team struct {
	dept, name string
}

func allTeams() []team {
	var out []team
	for _, d := range departments {
		for _, t := range d.teams {
			out = append(out, team{d.name, t})
		}
	}
	return out
}

var firstNames = []string{
	"alex", "sam", "jordan", "taylor", "morgan", "casey", "riley", "jamie", "avery", "quinn",
	"maria", "jose", "wei", "yuki", "fatima", "omar", "ingrid", "lars", "amara", "kofi",
	"priya", "arjun", "chloe", "lucas", "sofia", "mateo", "elena", "ivan", "hana", "minh",
	"noah", "emma", "liam", "olivia", "mia", "ethan", "zoe", "leo", "nora", "ravi",
}

var lastNames = []string{
	"smith", "garcia", "chen", "kim", "nguyen", "patel", "mueller", "rossi", "silva", "tanaka",
	"johnson", "brown", "martin", "lopez", "wilson", "anders", "okafor", "haddad", "novak", "dubois",
	"kowalski", "larsen", "ivanova", "sato", "khan", "mensah", "costa", "reyes", "fischer", "moreau",
}

// awsManaged are AWS managed policies that groups and roles commonly get.
var awsManaged = []string{
	"ReadOnlyAccess", "ViewOnlyAccess", "AmazonS3ReadOnlyAccess", "AmazonEC2ReadOnlyAccess",
	"CloudWatchReadOnlyAccess", "AmazonDynamoDBReadOnlyAccess", "AWSLambda_ReadOnlyAccess",
	"AmazonSQSReadOnlyAccess", "AmazonSNSReadOnlyAccess", "AmazonRDSReadOnlyAccess",
	"IAMReadOnlyAccess", "AWSCloudTrail_ReadOnlyAccess", "AmazonVPCReadOnlyAccess",
	"AWSBillingReadOnlyAccess", "SecurityAudit", "AmazonECS_FullAccess",
	"CloudWatchLogsReadOnlyAccess", "AmazonEC2ContainerRegistryReadOnly",
}

// roleManaged are AWS managed policies for service roles.
var roleManaged = []string{
	"AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole", "AmazonECSTaskExecutionRolePolicy",
	"AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy", "AWSXRayDaemonWriteAccess",
}

var regions = []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"}

// Trust principals of roles, with the managed policies that go with them.
var services = []string{"ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "codebuild.amazonaws.com", "states.amazonaws.com"}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// spread reports whether the i-th of n things is one of the k picked,
// spread evenly over the n: exactly k of them are.
func spread(i, k, n int) bool { return (i+1)*k/n != i*k/n }

// between returns a number from lo to hi, both included.
func (g *gen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// distinct picks n distinct indices below max.
func (g *gen) distinct(n, max int) []int {
	if n > max {
		n = max
	}
	seen := make(map[int]bool, n)
	out := make([]int, 0, n)
	for len(out) < n {
		i := g.rng.IntN(max)
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
