package access

import (
	"fmt"
	"strings"

	"github.com/iamc/iamc/model"
)

// Request is one request to evaluate: who does what on which resource,
// with what context.
type Request struct {
	Principal Principal
	// Action is service:Action; IAM compares action names without regard
	// to case.
	Action string
	// Resource is the request's resource: an ARN, or "*" for an action
	// that takes no resource (s3:ListAllMyBuckets), as a literal.
	Resource string
	// Context holds the caller's context keys. They win over the keys
	// iamc derives for the principal (aws:username, aws:PrincipalTag/...).
	Context Context
}

// PrincipalKind is what makes a request.
type PrincipalKind string

// The kinds of principal. Users and roles are entities of the account,
// whose policies are evaluated; federated identities and services have no
// policies in the account and can only assume roles whose trust names
// them.
const (
	KindUser      PrincipalKind = "user"
	KindRole      PrincipalKind = "role"
	KindFederated PrincipalKind = "federated"
	KindService   PrincipalKind = "service"
	// KindForeign is a user or role of another account, or an
	// account's root (this one's included), named by its ARN: it has no
	// policies in this account, so only a role's trust decides what it
	// may do here (its own account's policies must allow the request
	// too, which this account cannot see).
	KindForeign PrincipalKind = "foreign"
)

// Principal names the principal of a request.
type Principal struct {
	Kind PrincipalKind
	// Name is the IAM name of a user or role; the ARN of the identity
	// provider (arn:aws:iam::ID:oidc-provider/HOST, ...:saml-provider/NAME)
	// or the name of a web identity provider (accounts.google.com) for a
	// federated principal; the service principal (ec2.amazonaws.com) for
	// a service.
	Name string
}

// User and Role name a user or role of the account by its IAM name.
func User(name string) Principal { return Principal{KindUser, name} }
func Role(name string) Principal { return Principal{KindRole, name} }

// Foreign names a principal of another account by its ARN
// (arn:aws:iam::ID:user/NAME, ...:role/NAME, ...:root).
func Foreign(arn string) Principal { return Principal{KindForeign, arn} }

// String renders a user or role as its address (user.tyler), and a
// federated or service principal as its name.
func (p Principal) String() string {
	switch p.Kind {
	case KindUser, KindRole:
		return string(p.Kind) + "." + p.Name
	}
	return p.Name
}

// Address is the model address of a user or role, and false for others.
func (p Principal) Address() (model.Address, bool) {
	switch p.Kind {
	case KindUser:
		return model.UserAddr(p.Name), true
	case KindRole:
		return model.RoleAddr(p.Name), true
	}
	return model.Address{}, false
}

// webIdentityProviders are the web identity providers that trust
// policies name without an ARN.
var webIdentityProviders = map[string]bool{
	"accounts.google.com":            true,
	"graph.facebook.com":             true,
	"www.amazon.com":                 true,
	"cognito-identity.amazonaws.com": true,
}

// ParsePrincipal reads a principal as a user writes it: an address
// (user.tyler, role.ec2-app), the ARN of a user or role of the account,
// the ARN of an OIDC or SAML provider or the name of a web identity
// provider (federated), or a service principal (ec2.amazonaws.com). An
// address is checked for form only (Evaluate says whether the account
// has the user or role); an ARN must be that of a user or role of the
// account, path included.
func (e *Evaluator) ParsePrincipal(s string) (Principal, error) {
	p, err := parsePrincipal(s)
	if err != nil || !strings.HasPrefix(s, "arn:") || (p.Kind != KindUser && p.Kind != KindRole) {
		return p, err
	}
	r, err := e.resolve(p)
	if err != nil {
		return Principal{}, err
	}
	if r.arn != s {
		return Principal{}, fmt.Errorf("the principal %q is not in the account: its %s %s has the ARN %s", s, p.Kind, p.Name, r.arn)
	}
	return p, nil
}

func parsePrincipal(s string) (Principal, error) {
	switch {
	case s == "":
		return Principal{}, fmt.Errorf("the principal is empty: give an address (user.NAME, role.NAME) or an ARN")
	case strings.HasPrefix(s, "user.") || strings.HasPrefix(s, "role."):
		a, err := model.ParseAddress(s)
		if err != nil {
			return Principal{}, err
		}
		return Principal{PrincipalKind(a.Kind), a.Name}, nil
	case webIdentityProviders[s]:
		return Principal{KindFederated, s}, nil
	case strings.HasPrefix(s, "arn:"):
		parts := strings.SplitN(s, ":", arnParts)
		if len(parts) == arnParts && parts[2] == "iam" {
			res := parts[5]
			if strings.HasPrefix(res, "oidc-provider/") || strings.HasPrefix(res, "saml-provider/") {
				return Principal{KindFederated, s}, nil
			}
		}
		p, err := model.ParseEntityARN(s)
		if err != nil {
			return Principal{}, fmt.Errorf("the principal %q is not the ARN of a user, role or identity provider", s)
		}
		switch p.Resource {
		case "user":
			return Principal{KindUser, p.Name}, nil
		case "role":
			return Principal{KindRole, p.Name}, nil
		}
		return Principal{}, fmt.Errorf("the principal %q is a %s: only users and roles make requests", s, p.Resource)
	case strings.HasSuffix(s, ".amazonaws.com") || strings.HasSuffix(s, ".amazonaws.com.cn"):
		return Principal{KindService, s}, nil
	}
	return Principal{}, fmt.Errorf("the principal %q is not an address (user.NAME, role.NAME), an ARN or a service principal", s)
}

// principal is a request's principal resolved against the account.
type principal struct {
	kind    PrincipalKind
	name    string
	arn     string // users and roles
	id      string // IAM's unique id, when the account gives it
	account string
	tags    model.Tags
	set     *policySet // users and roles
}
