package memory

import (
	"slices"
	"strings"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// IAM resolves the users and roles of its own account that a trust policy
// names as "AWS" principals when the policy is set, and keeps them by
// their unique ids. So:
//
//   - CreateRole and UpdateAssumeRolePolicy refuse a trust policy naming a
//     user or role of the account that does not exist, with
//     MalformedPolicyDocument `Invalid principal in policy: "AWS":"ARN"`.
//     A role cannot name itself in the trust it is created with.
//   - When a user is renamed or moved, the trust policies that name it
//     show its new ARN; when a user or role is deleted, they show its
//     unique id (AIDA..., AROA...). A user or role created again under the
//     old name is another principal: the trusts that named the old one go
//     on showing its id until they are set again.
//
// The account keeps the documents as IAM shows them: on a rename, a move
// or a delete, it rewrites the trust policies that name the entity (as
// their canonical JSON). That is the same as keeping unique ids, because
// every ARN of a user or role of the account in a trust policy it stored
// names the entity that has that ARN now. Names and paths in a principal
// are compared without regard to case, as the planner compares them; an
// ARN spelled in another case than its entity's is kept as written until
// the entity is renamed, moved or deleted.
//
// The account cannot know other accounts: where IAM also refuses a user
// or role of another account that does not exist, the memory account
// accepts every principal of another account. It accepts "*", account ids
// and roots, service and federated principals, and STS session ARNs, as
// IAM does, and refuses an "AWS" principal that is neither "*", an account
// id nor an ARN (a unique id, say, which IAM writes in place of a deleted
// principal but never takes).
//
// Accounts seeded from a model or loaded from a state file keep their
// trust policies as they are, principals that do not exist included.

// principalIndex maps the folded ARN of a user or role of the account to
// the roles whose trust policies name it (derived, not stored), so that a
// rename or delete finds the trusts to rewrite without reading them all.
type principalIndex map[string][]*Role

// ownPrincipal parses an "AWS" principal that is the ARN of a user or
// role of the account; ok is false for any other principal.
func (s *State) ownPrincipal(id string) (pa model.ParsedARN, ok bool) {
	if !strings.HasPrefix(id, "arn:") {
		return model.ParsedARN{}, false
	}
	pa, err := model.ParseEntityARN(id)
	if err != nil || pa.Partition != "aws" || pa.Account != s.AccountID || (pa.Resource != "user" && pa.Resource != "role") {
		return model.ParsedARN{}, false
	}
	return pa, true
}

// principalExists reports whether a user or role named by a parsed ARN
// exists, its name and path compared without regard to case.
func (s *State) principalExists(pa model.ParsedARN) bool {
	var path string
	switch pa.Resource {
	case "user":
		u := s.User(pa.Name)
		if u == nil {
			return false
		}
		path = u.Path
	case "role":
		r := s.Role(pa.Name)
		if r == nil {
			return false
		}
		path = r.Path
	default:
		return false
	}
	return strings.EqualFold(path, pa.Path)
}

// checkPrincipals refuses a trust policy naming an "AWS" principal IAM
// does not take: a user or role of the account that does not exist, or
// something that is neither "*", an account id nor an ARN.
func (s *State) checkPrincipals(d *policy.Document) error {
	for i := range d.Statements {
		p := d.Statements[i].Principal
		if p == nil {
			continue
		}
		for _, id := range p.Entries["AWS"] {
			ok := true
			switch {
			case id == "*" || model.IsAccountID(id):
			case !strings.HasPrefix(id, "arn:"):
				ok = false
			default:
				if pa, own := s.ownPrincipal(id); own {
					ok = s.principalExists(pa)
				}
			}
			if !ok {
				return malformed(`Invalid principal in policy: "AWS":"%s"`, id)
			}
		}
	}
	return nil
}

// principalKeys returns the folded ARNs of the users and roles of the
// account that a trust policy names, each once.
func (s *State) principalKeys(d *policy.Document) []string {
	if d == nil {
		return nil
	}
	var out []string
	for i := range d.Statements {
		p := d.Statements[i].Principal
		if p == nil {
			continue
		}
		for _, id := range p.Entries["AWS"] {
			if _, own := s.ownPrincipal(id); own {
				if k := model.Fold(id); !slices.Contains(out, k) {
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// index adds (or with add false, removes) a role's trust policy to the
// principal index.
func (s *State) index(r *Role, add bool) {
	if s.principals == nil {
		s.principals = principalIndex{}
	}
	for _, k := range s.principalKeys(r.trust) {
		roles := s.principals[k]
		if add {
			s.principals[k] = append(roles, r)
			continue
		}
		if i := slices.Index(roles, r); i >= 0 {
			roles = slices.Delete(roles, i, i+1)
		}
		if len(roles) == 0 {
			delete(s.principals, k)
		} else {
			s.principals[k] = roles
		}
	}
}

// buildIndex indexes every role's trust policy.
func (s *State) buildIndex() {
	s.principals = principalIndex{}
	for _, r := range s.SortedRoles() {
		s.index(r, true)
	}
}

// setTrust sets a role's trust policy, its text and parsed document.
func (s *State) setTrust(r *Role, text string, d *policy.Document) {
	s.index(r, false)
	r.AssumeRolePolicy, r.trust = text, d
	s.index(r, true)
}

// renamePrincipal rewrites every trust policy naming the user or role
// with ARN from (compared without regard to case) to name it as to: its
// new ARN, or its unique id once it is deleted.
func (s *State) renamePrincipal(from, to string) {
	key := model.Fold(from)
	roles := slices.Clone(s.principals[key])
	for _, r := range roles {
		d := r.trust.Clone() // parsed documents are shared: never change one
		for i := range d.Statements {
			p := d.Statements[i].Principal
			if p == nil {
				continue
			}
			for j, id := range p.Entries["AWS"] {
				if model.Fold(id) == key {
					p.Entries["AWS"][j] = to
				}
			}
		}
		s.setTrust(r, policy.CanonicalString(d), d)
	}
}
