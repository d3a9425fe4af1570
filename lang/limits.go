package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/internal/nesting"
)

// A configuration comes from a pull request that anyone may have opened,
// compiled where credentials are at hand: what it can make iamc read,
// hold in memory or recurse on is bounded. The README's security section
// states these limits; a change here changes it.
const (
	// MaxConfigFileSize bounds one *.iam.hcl or *.iam.json file.
	MaxConfigFileSize = 32 << 20
	// MaxConfigSize bounds the configuration files of a directory together.
	MaxConfigSize = 256 << 20
	// MaxConfigFiles bounds how many configuration files a directory holds.
	MaxConfigFiles = 10_000
	// MaxReadFileSize bounds a file that file() reads.
	MaxReadFileSize = 4 << 20
	// MaxVarFileSize bounds a --var-file.
	MaxVarFileSize = 4 << 20
	// MaxNesting bounds how many brackets, braces, parentheses, strings,
	// heredocs, template interpolations and directives may be open at
	// once in a configuration file, and how deeply arrays and objects
	// nest in JSON (.iam.json files, jsondecode, policy documents).
	MaxNesting = nesting.MaxDepth
	// MaxOperators bounds the operators of one expression.
	MaxOperators = 1_000
	// MaxReferenceChain bounds a chain of references between locals and
	// entities (local.a refers to local.b, which refers to ...).
	MaxReferenceChain = 1_000
	// MaxInstances bounds the instances of one for_each.
	MaxInstances = 100_000
	// MaxStringLength bounds a string that a function or an expression
	// makes, in bytes.
	MaxStringLength = 16 << 20
	// MaxCollectionLength bounds the elements of a list, set, map, tuple
	// or object that a function takes or makes.
	MaxCollectionLength = 100_000
)

// nestingProblem reports, before a parser recurses on src, where it nests
// deeper than MaxNesting or chains more than MaxOperators operators; nil
// when it stays within both.
func nestingProblem(filename string, src []byte, json bool) *hcl.Diagnostic {
	var p *nesting.Problem
	if json {
		p = nesting.JSON(src, MaxNesting)
	} else {
		p = nesting.HCL(src, MaxNesting, MaxOperators)
	}
	if p == nil {
		return nil
	}
	start := posAt(src, p.Offset)
	end := posAt(src, p.Offset+1)
	rng := hcl.Range{Filename: filename, Start: start, End: end}
	if p.Operators {
		return errorAt(rng, "Expression too long",
			"This expression has more than %d operators; iamc reads no longer chain of operators, so that no configuration can exhaust its stack. Split it with locals.", MaxOperators)
	}
	what := "brackets, braces, parentheses, strings and template interpolations"
	if json {
		what = "arrays and objects"
	}
	return errorAt(rng, "Nesting too deep",
		"More than %d %s are open here at once; iamc reads no deeper nesting, so that no configuration can exhaust its stack. Nothing of this file was parsed.", MaxNesting, what)
}

// sizeError says that a file is over its limit, or not a regular file,
// in a sentence for a diagnostic's detail.
func sizeError(err error) string {
	return fmt.Sprintf("%v. See the limits in the README's security section.", err)
}
