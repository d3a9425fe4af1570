// Package registry lists the providers iamc's commands offer: one line
// per provider package. Imported by internal/cli; it imports every
// provider implementation, and nothing else of iamc's but provider.
package registry

import (
	"fmt"
	"strings"

	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/awsiam"
	"github.com/iamc/iamc/provider/memory"
)

var kinds = []provider.Kind{
	memory.Kind,
	awsiam.Kind,
}

// Default is the provider of a command that names none.
const Default = "memory"

// Kinds returns the providers, the default first.
func Kinds() []provider.Kind { return kinds }

// Lookup returns the provider of that name.
func Lookup(name string) (provider.Kind, error) {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		if k.Name == name {
			return k, nil
		}
		names[i] = k.Name
	}
	return provider.Kind{}, fmt.Errorf("unknown provider %q: use %s", name, strings.Join(names, " or "))
}
