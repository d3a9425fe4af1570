// Command orggen writes the configuration of a large generated
// organisation (package orggen) into a directory:
//
//	go run ./bench/orggen/cmd/orggen -out DIR [-users N -groups N -roles N -policies N -seed N]
//	    [-direct-policies N -bad-group-refs N -statements N -per-file N]
//
// The defaults are orggen.Large: 5,000 users, 300 groups, 1,000 roles and
// 1,500 managed policies.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/iamc/iamc/bench/orggen"
)

func main() {
	out := flag.String("out", "", "the `DIR`ectory to write the configuration into")
	users := flag.Int("users", orggen.Large.Users, "number of users")
	groups := flag.Int("groups", orggen.Large.Groups, "number of groups")
	roles := flag.Int("roles", orggen.Large.Roles, "number of roles")
	policies := flag.Int("policies", orggen.Large.Policies, "number of customer managed policies")
	seed := flag.Int64("seed", 1, "the random seed: the same seed writes the same files")
	direct := flag.Int("direct-policies", 0, "number of users with a policy attached directly (warnings)")
	badRefs := flag.Int("bad-group-refs", 0, "number of users naming an undeclared group (errors), all in one file")
	statements := flag.Int("statements", 0, "most statements of a managed policy (0: 3)")
	perFile := flag.Int("per-file", 0, "entities of a kind per file (0: 500 users, 250 policies or roles)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: orggen -out DIR [-users N] [-groups N] [-roles N] [-policies N] [-seed N] [-direct-policies N] [-bad-group-refs N] [-statements N] [-per-file N]")
		os.Exit(2)
	}
	s := orggen.Sizes{Users: *users, Groups: *groups, Roles: *roles, Policies: *policies}
	sh := orggen.Shape{Sizes: s, DirectPolicies: *direct, BadGroupRefs: *badRefs, Statements: *statements, PerFile: *perFile}
	if err := orggen.WriteShape(*out, sh, *seed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d users, %d groups, %d roles, %d managed policies\n", *out, s.Users, s.Groups, s.Roles, s.Policies)
}
