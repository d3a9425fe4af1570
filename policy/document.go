package policy

// Versions of the IAM policy language. A document without a Version is
// read by IAM as VersionOld, in which policy variables stay literal.
const (
	Version2012 = "2012-10-17"
	VersionOld  = "2008-10-17"
)

// Document is an IAM policy document.
type Document struct {
	// Version is the document's Version, "" when the document has none.
	Version    string
	ID         string
	Statements []Statement
}

// Statement is one statement of a document. A nil list means the element
// is absent; an empty non-nil list means it was written as [].
type Statement struct {
	Sid          string
	Effect       string // "Allow" or "Deny" in a valid document
	Principal    *Principal
	NotPrincipal *Principal
	Action       Values
	NotAction    Values
	Resource     Values
	NotResource  Values
	Condition    Conditions
}

// Values is the string-or-list value of Action, Resource and their Not
// forms. In JSON a single string and a one-element list are the same.
type Values []string

// Principal is a statement's Principal (or NotPrincipal): either the
// wildcard "*", or identifiers per principal type ("AWS", "Service",
// "Federated", "CanonicalUser").
type Principal struct {
	Wildcard bool
	Entries  map[string][]string
}

// Conditions maps a condition operator (StringEquals, ForAnyValue:StringLike,
// BoolIfExists, ...) to its condition keys and their values. Values are kept
// as strings, as IAM does with booleans and numbers.
type Conditions map[string]map[string][]string

// EffectiveVersion is the version IAM applies to the document.
func (d *Document) EffectiveVersion() string {
	if d.Version == "" {
		return VersionOld
	}
	return d.Version
}

// Clone returns a deep copy of d.
func (d *Document) Clone() *Document {
	if d == nil {
		return nil
	}
	out := &Document{Version: d.Version, ID: d.ID, Statements: make([]Statement, len(d.Statements))}
	for i, s := range d.Statements {
		out.Statements[i] = s.clone()
	}
	return out
}

func (s Statement) clone() Statement {
	s.Principal = s.Principal.clone()
	s.NotPrincipal = s.NotPrincipal.clone()
	s.Action = cloneValues(s.Action)
	s.NotAction = cloneValues(s.NotAction)
	s.Resource = cloneValues(s.Resource)
	s.NotResource = cloneValues(s.NotResource)
	if s.Condition != nil {
		c := make(Conditions, len(s.Condition))
		for op, keys := range s.Condition {
			m := make(map[string][]string, len(keys))
			for k, v := range keys {
				m[k] = append([]string{}, v...)
			}
			c[op] = m
		}
		s.Condition = c
	}
	return s
}

func (p *Principal) clone() *Principal {
	if p == nil {
		return nil
	}
	out := &Principal{Wildcard: p.Wildcard}
	if p.Entries != nil {
		out.Entries = make(map[string][]string, len(p.Entries))
		for k, v := range p.Entries {
			out.Entries[k] = append([]string{}, v...)
		}
	}
	return out
}

func cloneValues(v Values) Values {
	if v == nil {
		return nil
	}
	return append(Values{}, v...)
}
