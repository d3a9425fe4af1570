package accounts

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Shard is one job of a CI matrix of Count jobs: it takes the
// directories whose index in the sorted list, counted from 0, is Index
// modulo Count. The zero Shard takes every directory.
type Shard struct{ Index, Count int }

// ParseShard reads "I/N" (0 <= I < N).
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("--shard %q is not of the form I/N, such as 0/4", s)
	}
	index, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	if err1 != nil || err2 != nil || count < 1 || index < 0 || index >= count {
		return Shard{}, fmt.Errorf("--shard %q: want I/N with N at least 1 and I from 0 to N-1, such as 0/4", s)
	}
	return Shard{Index: index, Count: count}, nil
}

// Select sorts dirs by path and returns those of the shard. A directory
// given twice (after cleaning its path) is an error: two runs on one
// account would race for it.
func Select(dirs []string, sh Shard) ([]string, error) {
	// Each path is cleaned once, not in every comparison.
	type dir struct{ given, clean string }
	ds := make([]dir, len(dirs))
	for i, d := range dirs {
		ds[i] = dir{d, filepath.Clean(d)}
	}
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].clean < ds[j].clean })
	sorted := make([]string, len(ds))
	for i, d := range ds {
		if i > 0 && d.clean == ds[i-1].clean {
			return nil, fmt.Errorf("directory %s is given twice", d.given)
		}
		sorted[i] = d.given
	}
	if sh.Count <= 1 {
		return sorted, nil
	}
	var out []string
	for i, d := range sorted {
		if i%sh.Count == sh.Index {
			out = append(out, d)
		}
	}
	return out, nil
}
