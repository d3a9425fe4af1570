package access

import (
	"fmt"
	"strconv"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// policySet returns the set of policies of the user or role p at the
// (folded) address, building it on first use. A group's part is built
// once and shared by its members.
func (e *Evaluator) policySet(addr model.Address, p *principal) *policySet {
	e.mu.Lock()
	defer e.mu.Unlock()
	if s, ok := e.sets[addr]; ok {
		return s
	}
	s := &policySet{derived: principalContext(p)}
	a := e.account
	var key []byte
	appendPart := func(part *setPart) {
		s.identity = append(s.identity, part.refs...)
		s.warnings = append(s.warnings, part.warnings...)
		key = append(key, part.key...)
	}
	var boundary string
	var owner model.Address
	switch addr.Kind {
	case model.KindUser:
		u := a.User(addr.Name)
		owner = model.UserAddr(u.Name)
		appendPart(e.part(owner, u.InlinePolicies, u.ManagedPolicies))
		for _, gname := range u.Groups {
			g := a.Group(gname)
			if g == nil {
				s.warnings = append(s.warnings, fmt.Sprintf("%s is in group %q, which the account does not have", owner, gname))
				continue
			}
			gaddr := model.GroupAddr(g.Name)
			gp, ok := e.groups[gaddr.Key()]
			if !ok {
				gp = e.part(gaddr, g.InlinePolicies, g.ManagedPolicies)
				e.groups[gaddr.Key()] = gp
			}
			appendPart(gp)
		}
		boundary = u.PermissionsBoundary
	case model.KindRole:
		ro := a.Role(addr.Name)
		owner = model.RoleAddr(ro.Name)
		appendPart(e.part(owner, ro.InlinePolicies, ro.ManagedPolicies))
		boundary = ro.PermissionsBoundary
	}
	if boundary != "" {
		ref, ok := e.managedRef(PolicyBoundary, owner, boundary)
		if !ok {
			// A boundary iamc cannot read still bounds: it is taken to
			// allow nothing.
			s.warnings = append(s.warnings, fmt.Sprintf("the permissions boundary %s of %s is neither in the account nor an AWS managed policy: it was taken to allow nothing", boundary, owner))
			ref = PolicyRef{Kind: PolicyBoundary, Owner: owner, ARN: boundary, Document: &policy.Document{}}
		}
		d := e.compiled(ref.Document)
		s.boundary = &docRef{ref: ref, doc: d}
		key = strconv.AppendInt(append(key, 'b'), int64(d.id), 10)
	}
	s.key = string(key)
	e.sets[addr] = s
	return s
}

// setPart is the policies a user, group or role holds itself: its inline
// and attached policies, and a key made of their documents' ids.
type setPart struct {
	refs     []docRef
	warnings []string
	key      []byte
}

// part builds the setPart of an owner. The caller holds e.mu.
func (e *Evaluator) part(owner model.Address, inline []model.InlinePolicy, attached []string) *setPart {
	p := &setPart{}
	add := func(ref PolicyRef) {
		if ref.Document == nil {
			return
		}
		d := e.compiled(ref.Document)
		p.refs = append(p.refs, docRef{ref: ref, doc: d})
		p.key = strconv.AppendInt(append(p.key, ' '), int64(d.id), 10)
	}
	for _, ip := range inline {
		add(PolicyRef{Kind: PolicyInline, Owner: owner, Name: ip.Name, Document: ip.Document})
	}
	for _, arn := range attached {
		ref, ok := e.managedRef(PolicyManaged, owner, arn)
		if !ok {
			p.warnings = append(p.warnings, fmt.Sprintf("the policy %s attached to %s is neither in the account nor an AWS managed policy: it was left out", arn, owner))
			continue
		}
		add(ref)
	}
	return p
}

// managedRef finds the managed policy with the given ARN: a customer
// managed policy of the account, or an AWS managed policy of the
// catalog. The caller holds e.mu.
func (e *Evaluator) managedRef(kind PolicyKind, owner model.Address, arn string) (PolicyRef, bool) {
	if e.policies == nil {
		e.policies = make(map[string]*model.ManagedPolicy, len(e.account.Policies))
		for _, mp := range e.account.Policies {
			e.policies[mp.ARNIn(e.account.ID)] = mp
			if mp.ARN != "" && e.account.ID != "" {
				e.policies[model.PolicyARN(e.account.ID, mp.Path, mp.Name)] = mp
			}
		}
	}
	if mp := e.policies[arn]; mp != nil && mp.Document != nil {
		return PolicyRef{Kind: kind, Owner: owner, Name: mp.Name, ARN: arn, Document: mp.Document}, true
	}
	if !model.IsAWSManagedPolicyARN(arn) {
		return PolicyRef{}, false
	}
	m, ok := e.managed[arn]
	if !ok {
		if cp, found := catalog.ManagedPolicyByARN(arn); found {
			if d, err := policy.ParseJSON([]byte(cp.Document)); err == nil {
				m = &managedDoc{name: cp.Name, doc: d}
			}
		}
		e.managed[arn] = m
	}
	if m == nil {
		return PolicyRef{}, false
	}
	return PolicyRef{Kind: kind, Owner: owner, Name: m.name, ARN: arn, AWSManaged: true, Document: m.doc}, true
}

// Policies returns the identity-based policies that apply to a user's or
// role's requests, in the order they are evaluated, and its permissions
// boundary (nil when it has none). Principals whose lists hold the same
// documents get the same answers to the same requests, except where a
// policy reads a key derived from the principal (Answer.PrincipalKeys
// says when one did): package plan groups principals by PolicySetKey so as
// to evaluate each distinct set once.
func (e *Evaluator) Policies(pr Principal) (identity []PolicyRef, boundary *PolicyRef, err error) {
	p, err := e.resolve(pr)
	if err != nil {
		return nil, nil, err
	}
	if p.set == nil {
		return nil, nil, nil
	}
	for _, d := range p.set.identity {
		identity = append(identity, d.ref)
	}
	if p.set.boundary != nil {
		b := p.set.boundary.ref
		boundary = &b
	}
	return identity, boundary, nil
}

// PolicySetKey returns a key that two users or roles share when the same
// documents (the same *policy.Document values, in the same order) make
// up their identity-based policies and boundary.
func (e *Evaluator) PolicySetKey(pr Principal) (string, error) {
	p, err := e.resolve(pr)
	if err != nil {
		return "", err
	}
	if p.set == nil {
		return "", nil
	}
	return p.set.key, nil
}
