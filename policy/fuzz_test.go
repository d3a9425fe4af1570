package policy

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamc/iamc/catalog"
)

// fuzzSeeds are documents of every shape the parser reads.
var fuzzSeeds = []string{
	`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
	`{"Statement":{"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"*"}}`,
	`{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"T","Effect":"Allow","Principal":{"AWS":["123456789012","*"],"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"e"},"Bool":{"aws:MultiFactorAuthPresent":true},"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}}]}`,
	`{"Statement":[{"Effect":"Allow","Principal":"*","NotPrincipal":{"AWS":"*"},"Action":[],"Resource":["\u2028","\\\"",""]}]}`,
	`{"Statement":[]}`,
	`{"Statement":[{"Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["a*","b?"]}}}]}`,
	`[1, {"a": null}]`,
	`{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${aws:username}"}]} `,
}

// FuzzParseJSON checks that the parser never panics and that whatever it
// reads survives Canonical: the canonical JSON parses back to an Equal
// document with the same Key and the same canonical JSON, Size counts
// that JSON, and Validate and Diff run without panicking.
func FuzzParseJSON(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, name := range []string{"AdministratorAccess", "AmazonS3ReadOnlyAccess", "AWSLambdaBasicExecutionRole", "IAMUserChangePassword"} {
		if p, ok := catalog.ManagedPolicyByName(name); ok {
			f.Add([]byte(p.Document))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseJSON(data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseJSON error %T, want *ParseError: %v", err, err)
			}
			if valid := json.Valid(data); valid == strings.HasPrefix(pe.Msg, "not valid JSON") || !valid && pe.Path != "" {
				t.Fatalf("JSON valid: %v; error: %v", valid, err)
			}
			return
		}
		// The scanner reads what encoding/json reads.
		if !json.Valid(data) {
			t.Fatalf("ParseJSON read text that is not JSON: %q", data)
		}
		ref, err := referenceParse(data)
		if err != nil {
			t.Fatalf("ParseJSON read what the reference rejects (%v): %q", err, data)
		}
		if string(Canonical(ref)) != string(Canonical(d)) {
			t.Fatalf("ParseJSON and the reference differ:\n%s\n%s", Canonical(d), Canonical(ref))
		}
		canonical := Canonical(d)
		back, err := ParseJSON(canonical)
		if err != nil {
			t.Fatalf("canonical JSON does not parse: %v\n%s", err, canonical)
		}
		if !Equal(back, d) {
			t.Fatalf("canonical JSON parses to another document:\n%s\n%s", canonical, Canonical(back))
		}
		if k := Key(d); Key(back) != k || Key(d.Clone()) != k || Key(d) != k {
			t.Fatalf("Key is not stable:\n%s\n%s", k, Key(back))
		}
		if again := Canonical(back); string(again) != string(canonical) {
			t.Fatalf("Canonical is not idempotent:\n%s\n%s", canonical, again)
		}
		if Size(d) != SizeOfJSON(string(canonical)) {
			t.Fatalf("Size %d, SizeOfJSON of the canonical JSON %d", Size(d), SizeOfJSON(string(canonical)))
		}
		pretty, err := ParseJSON([]byte(Pretty(d)))
		if err != nil || !Equal(pretty, d) {
			t.Fatalf("Pretty does not parse back to the document: %v", err)
		}
		for _, kind := range []Kind{Identity, Trust} {
			for _, p := range Validate(d, kind) {
				if p.Code == "" || p.Summary == "" || p.Detail == "" {
					t.Fatalf("problem without code, summary or detail: %+v", p)
				}
			}
		}
		if Diff(d, back) != "" {
			t.Fatalf("Diff of Equal documents is not empty")
		}
		_ = Diff(nil, d)
	})
}

// FuzzDecodeHCL checks that decoding statement blocks never panics,
// whatever the source and its values, and that a document decoded
// without errors validates, maps every problem to a range, and survives
// Canonical.
func FuzzDecodeHCL(f *testing.F) {
	for _, s := range []string{
		`statement {
  sid       = "Read"
  actions   = concat(local.read, ["s3:GetObjectVersion"])
  resources = [local.bucket, "${local.bucket}/*"]
  condition {
    test     = "NumericLessThan"
    variable = "s3:max-keys"
    values   = [100, true]
  }
  ignore_warnings = ["allow-all"]
}`,
		`statement {
  actions = ["sts:AssumeRole"]
  principals {
    type        = "*"
    identifiers = ["*"]
  }
  not_principals {
    type        = "AWS"
    identifiers = toset(["123456789012"])
  }
}`,
		`statement {
  effect    = account.id
  actions   = var.actions
  resources = [local.nested, null, 1]
}
statement {}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, diags := hclsyntax.ParseConfig([]byte(src), "fuzz.iam.hcl", hcl.InitialPos)
		if diags.HasErrors() {
			return
		}
		for _, kind := range []Kind{Identity, Trust} {
			d, m, remain, diags := DecodeHCL(file.Body, testContext(), kind)
			if d == nil || m == nil || remain == nil {
				t.Fatal("DecodeHCL returned nil")
			}
			if diags.HasErrors() {
				continue
			}
			for _, p := range Validate(d, kind) {
				if _, ok := m.Range(p.Path); !ok {
					t.Fatalf("no range for %s", p.Path)
				}
			}
			if m.HasUnknown() {
				continue
			}
			back, err := ParseJSON(Canonical(d))
			if err != nil || !Equal(back, d) {
				t.Fatalf("canonical JSON of a decoded document does not parse back: %v\n%s", err, Canonical(d))
			}
		}
	})
}

// FuzzEqualFastPath checks that Equal's fast path says equal only where
// Key does: a document and the same document with every list shuffled,
// duplicated in part and its actions in another case are the same
// statement for statement, and then their Keys agree; with one resource
// or condition value changed (upper-cased, or lengthened), they are not.
func FuzzEqualFastPath(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), uint64(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		a, err := ParseJSON(data)
		if err != nil {
			return
		}
		b, err := ParseJSON(data)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(seed, seed>>7))
		mix := func(v []string, fold bool) []string {
			if len(v) == 0 {
				return v
			}
			out := slices.Clone(v)
			rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
			if rng.IntN(2) == 0 {
				out = append(out, out[rng.IntN(len(out))])
			}
			if fold {
				for i, s := range out {
					if rng.IntN(2) == 0 {
						out[i] = strings.ToUpper(s)
					} else {
						out[i] = strings.ToLower(s)
					}
				}
			}
			return out
		}
		for i := range b.Statements {
			s := &b.Statements[i]
			s.Action, s.NotAction = mix(s.Action, true), mix(s.NotAction, true)
			s.Resource, s.NotResource = mix(s.Resource, false), mix(s.NotResource, false)
			for _, p := range []*Principal{s.Principal, s.NotPrincipal} {
				if p != nil {
					for k, v := range p.Entries {
						p.Entries[k] = mix(v, false)
					}
				}
			}
			for _, keys := range s.Condition {
				for k, v := range keys {
					keys[k] = mix(v, false)
				}
			}
		}
		if rng.IntN(3) == 0 && len(b.Statements) > 0 {
			s := &b.Statements[rng.IntN(len(b.Statements))]
			change := func(v string) string {
				if u := strings.ToUpper(v); u != v && rng.IntN(2) == 0 {
					return u
				}
				return v + "x"
			}
			switch {
			case len(s.Resource) > 0:
				s.Resource = slices.Clone(s.Resource)
				s.Resource[0] = change(s.Resource[0])
			case len(s.NotResource) > 0:
				s.NotResource = slices.Clone(s.NotResource)
				s.NotResource[0] = change(s.NotResource[0])
			}
		}
		if sameDocument(a, b) && Key(a) != Key(b) {
			t.Fatalf("the fast path says equal, Key does not:\n%s\n%s", Key(a), Key(b))
		}
		if Equal(a, b) != (Key(a) == Key(b)) {
			t.Fatalf("Equal disagrees with Key:\n%s\n%s", Key(a), Key(b))
		}
	})
}
