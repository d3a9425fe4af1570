// Command orggen writes the configuration of a large generated
// organisation (package orggen) into a directory:
//
//	go run ./bench/orggen/cmd/orggen -out DIR [-users N -groups N -roles N -policies N -seed N]
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
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: orggen -out DIR [-users N] [-groups N] [-roles N] [-policies N] [-seed N]")
		os.Exit(2)
	}
	s := orggen.Sizes{Users: *users, Groups: *groups, Roles: *roles, Policies: *policies}
	if err := orggen.Write(*out, s, *seed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d users, %d groups, %d roles, %d managed policies\n", *out, s.Users, s.Groups, s.Roles, s.Policies)
}
