package memory

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/iamc/iamc/model"
)

// formatVersion is the version of the state file's format. It changes when
// a file written by one iamc could be misread by another.
const formatVersion = 1

// stateFile is the state file's JSON form. Entities are listed sorted by
// folded name, one per line, so that the file is deterministic and diffs
// well. Derived data (policy usage counts) is not stored.
type stateFile struct {
	FormatVersion     int                   `json:"format_version"`
	AccountID         string                `json:"account_id"`
	Alias             string                `json:"alias,omitempty"`
	PasswordPolicy    *model.PasswordPolicy `json:"password_policy,omitempty"`
	Quotas            model.Quotas          `json:"quotas"`
	Counters          counters              `json:"counters"`
	Users             []*User               `json:"users"`
	Groups            []*Group              `json:"groups"`
	Roles             []*Role               `json:"roles"`
	Policies          []*Policy             `json:"policies"`
	InstanceProfiles  []*InstanceProfile    `json:"instance_profiles"`
	OIDCProviders     []*OIDCProvider       `json:"oidc_providers,omitempty"`
	SAMLProviders     []*SAMLProvider       `json:"saml_providers,omitempty"`
	VirtualMFADevices []*VirtualMFADevice   `json:"virtual_mfa_devices"`
	Root              *RootUser             `json:"root,omitempty"`
}

type counters struct {
	// IDs is the number of unique ids made so far.
	IDs uint64 `json:"ids"`
	// Journal is the number of the last journal record the file holds.
	Journal uint64 `json:"journal,omitempty"`
}

// encodeState writes the state file's bytes.
func encodeState(s *State) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(1 << 16)
	enc := &lineEncoder{b: &b}
	b.WriteString("{\n")
	enc.field("format_version", formatVersion, false)
	enc.field("account_id", s.AccountID, false)
	if s.Alias != "" {
		enc.field("alias", s.Alias, false)
	}
	if s.PasswordPolicy != nil {
		enc.field("password_policy", s.PasswordPolicy, false)
	}
	enc.field("quotas", s.Quotas, false)
	enc.field("counters", counters{IDs: s.NextID, Journal: s.JournalSeq}, false)
	list(enc, "users", s.SortedUsers(), false)
	list(enc, "groups", s.SortedGroups(), false)
	list(enc, "roles", s.SortedRoles(), false)
	list(enc, "policies", s.SortedPolicies(), false)
	list(enc, "instance_profiles", s.SortedInstanceProfiles(), false)
	if len(s.OIDCProviders) > 0 {
		list(enc, "oidc_providers", s.SortedOIDCProviders(), false)
	}
	if len(s.SAMLProviders) > 0 {
		list(enc, "saml_providers", s.SortedSAMLProviders(), false)
	}
	root := s.Root != RootUser{}
	list(enc, "virtual_mfa_devices", s.SortedVirtualMFADevices(), !root)
	if root {
		enc.field("root", s.Root, true)
	}
	b.WriteString("}\n")
	if enc.err != nil {
		return nil, enc.err
	}
	return b.Bytes(), nil
}

// lineEncoder writes JSON values compactly, without escaping HTML
// characters, so that policy documents read as they were sent.
type lineEncoder struct {
	b   *bytes.Buffer
	tmp bytes.Buffer
	err error
}

func (e *lineEncoder) value(v any) {
	if e.err != nil {
		return
	}
	e.tmp.Reset()
	je := json.NewEncoder(&e.tmp)
	je.SetEscapeHTML(false)
	if err := je.Encode(v); err != nil {
		e.err = err
		return
	}
	e.b.Write(bytes.TrimSuffix(e.tmp.Bytes(), []byte("\n")))
}

func (e *lineEncoder) field(name string, v any, last bool) {
	e.b.WriteString("  \"" + name + "\": ")
	e.value(v)
	e.end(last)
}

func (e *lineEncoder) end(last bool) {
	if last {
		e.b.WriteString("\n")
	} else {
		e.b.WriteString(",\n")
	}
}

func list[T any](e *lineEncoder, name string, items []*T, last bool) {
	e.b.WriteString("  \"" + name + "\": [")
	for i, it := range items {
		if i > 0 {
			e.b.WriteByte(',')
		}
		e.b.WriteString("\n    ")
		e.value(it)
	}
	if len(items) > 0 {
		e.b.WriteString("\n  ")
	}
	e.b.WriteByte(']')
	e.end(last)
}

// decodeState reads and checks a state file's bytes.
func decodeState(data []byte) (*State, error) {
	f, lists, err := decodeFileLists(data)
	if err != nil {
		// Say why as precisely as we can: not JSON, not ours, not this
		// version, or damaged.
		var probe struct {
			FormatVersion *int `json:"format_version"`
		}
		if perr := json.Unmarshal(data, &probe); perr != nil {
			return nil, fmt.Errorf("not an iamc state file: %v", perr)
		}
		if verr := checkFormatVersion(probe.FormatVersion); verr != nil {
			return nil, verr
		}
		return nil, fmt.Errorf("not a valid iamc state file: %v", err)
	}
	if err := checkFormatVersion(&f.FormatVersion); err != nil {
		return nil, err
	}
	for _, l := range entityLists {
		given, ok := lists[l]
		switch {
		case !ok:
			return nil, fmt.Errorf("not a whole iamc state file: it has no %s list (an account without any has \"%s\": [])", l, l)
		case !given:
			return nil, fmt.Errorf("not a whole iamc state file: its %s are null, not a list (an account without any has \"%s\": [])", l, l)
		}
	}
	return loadState(f)
}

func checkFormatVersion(v *int) error {
	switch {
	case v == nil || *v == 0:
		return fmt.Errorf("not an iamc state file: it has no format_version")
	case *v > formatVersion:
		return fmt.Errorf("written by a newer iamc (format version %d; this iamc reads %d): upgrade iamc", *v, formatVersion)
	case *v != formatVersion:
		return fmt.Errorf("unknown format version %d", *v)
	}
	return nil
}
