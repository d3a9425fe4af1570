package plan

import (
	"fmt"
	"slices"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

func (p *planner) anchorPolicies() {
	for _, x := range p.policies {
		switch x.st {
		case stCreate:
			x.ready = p.g.add(createPolicyOp(x.des), x.addr, phPolicy, x.ord)
			x.arnReady = x.ready
		case stReplace:
			x.gone = p.g.add(&op.DeletePolicy{PolicyArn: x.curARN}, x.addr, phPolicy, x.ord)
			x.ready = p.g.add(createPolicyOp(x.des), x.addr, phPolicy, x.ord)
			x.arnReady = x.ready
			p.g.dep(x.ready, x.gone)
		case stDelete:
			x.gone = p.g.add(&op.DeletePolicy{PolicyArn: x.curARN}, x.addr, phDeletePolicy, x.ord)
		}
	}
}

func createPolicyOp(d *model.ManagedPolicy) *op.CreatePolicy {
	return &op.CreatePolicy{
		PolicyName:     d.Name,
		Path:           d.Path,
		PolicyDocument: policy.CanonicalString(d.Document),
		Description:    d.Description,
		Tags:           op.TagsOf(d.Tags),
	}
}

// planPolicies plans the customer managed policies that are created, stay
// or are replaced. What a replace or a delete needs done to the entities
// that use the policy is planned by planPolicyCleanup.
func (p *planner) planPolicies() {
	for _, x := range p.policies {
		switch x.st {
		case stCreate:
			d := x.des
			c := p.change(&x.ent, Create)
			c.Attributes = append(c.Attributes, created("path", d.Path))
			if d.Description != "" {
				c.Attributes = append(c.Attributes, created("description", d.Description))
			}
			c.Attributes = append(c.Attributes, tagAttributes(nil, d.Tags)...)
			c.Documents = append(c.Documents, DocumentChange{Name: "document", After: d.Document})
		case stKeep:
			p.updatePolicy(x)
		case stReplace:
			c, d := x.cur, x.des
			ch := p.change(&x.ent, Replace)
			if c.Name != d.Name {
				ch.Attributes = append(ch.Attributes, scalar("name", c.Name, d.Name))
			}
			if c.Path != d.Path {
				ch.Attributes = append(ch.Attributes, scalar("path", c.Path, d.Path))
			}
			if c.Description != d.Description {
				ch.Attributes = append(ch.Attributes, scalar("description", c.Description, d.Description))
			}
			ch.Attributes = append(ch.Attributes, tagAttributes(c.Tags, d.Tags)...)
			if !policy.Equal(c.Document, d.Document) {
				ch.Documents = append(ch.Documents, DocumentChange{Name: "document", Before: c.Document, After: d.Document})
			}
			ch.Notes = append(ch.Notes, x.why)
			if x.curARN != x.newARN {
				ch.Notes = append(ch.Notes, "its ARN changes from "+x.curARN+" to "+x.newARN)
			}
		}
	}
}

func (p *planner) updatePolicy(x *policyPair) {
	c, d := x.cur, x.des
	if !policy.Equal(c.Document, d.Document) {
		ch := p.change(&x.ent, Update)
		ch.Documents = append(ch.Documents, DocumentChange{Name: "document", Before: c.Document, After: d.Document})
		n := p.g.add(&op.CreatePolicyVersion{PolicyArn: x.curARN, PolicyDocument: policy.CanonicalString(d.Document), SetAsDefault: true}, x.addr, phPolicy, x.ord)
		// IAM keeps VersionsPerPolicy versions: delete the oldest
		// non-default ones to make room for the new one.
		versions := len(c.Versions)
		if versions == 0 {
			versions = 1
		}
		excess := versions - p.quotas.VersionsPerPolicy + 1
		var pruned []string
		for _, v := range c.Versions {
			if excess <= 0 {
				break
			}
			if v.IsDefault {
				continue
			}
			del := p.g.add(&op.DeletePolicyVersion{PolicyArn: x.curARN, VersionId: v.ID}, x.addr, phPolicy, x.ord)
			p.g.dep(n, del)
			pruned = append(pruned, v.ID)
			excess--
		}
		if len(pruned) > 0 {
			ch.Notes = append(ch.Notes, fmt.Sprintf("deletes version %s, the oldest non-default, to make room: IAM keeps at most %d versions of a policy",
				english.Join(pruned), p.quotas.VersionsPerPolicy))
		}
	}
	p.diffTags(&x.ent, x.curARN, c.Tags, d.Tags)
}

// planPolicyCleanup plans what deleting or replacing a policy needs: it is
// detached from every user, group and role it is attached to and removed
// as a permissions boundary, its non-default versions are deleted; a
// replaced policy is attached again, and set again as boundary, where the
// configuration keeps it. Where one of those is outside the scope, the
// change is a conflict: nothing outside the scope is written.
func (p *planner) planPolicyCleanup() {
	for _, x := range p.policies {
		if x.st != stDelete && x.st != stReplace {
			continue
		}
		phase := phDeletePolicy
		if x.st == stReplace {
			phase = phPolicy
		}
		var detached, bounded int
		for _, e := range p.attached[x.curARN] {
			if e.st == stOut {
				p.outsideWrite(&x.ent, e, "detaches it from", "Detach it there yourself", x.why)
				continue
			}
			n := p.g.addOnce(detachKey(e.addr.Kind, e.curName(), x.curARN), op.DetachPolicy(e.addr.Kind, e.curName(), x.curARN), x.addr, phase, x.ord)
			p.before(e, n)
			p.before(&x.ent, n)
			detached++
			if x.st == stReplace && e.st == stKeep && slices.Contains(e.policies, x.newARN) {
				a := p.g.add(op.AttachPolicy(e.addr.Kind, e.curName(), x.newARN), x.addr, phase, x.ord)
				p.after(e, a)
				p.after(&x.ent, a)
			}
		}
		for _, e := range p.boundaryOf[x.curARN] {
			if e.st == stOut {
				p.outsideWrite(&x.ent, e, "removes it as the permissions boundary of", "Set another boundary there yourself", x.why)
				continue
			}
			bounded++
			if _, ok := p.releases[e.addr.Key()]; ok {
				continue // its own change sets another boundary
			}
			if e.st == stDelete || e.st == stReplace {
				// Deleting the user or role ends its use of the boundary.
				p.g.dep(x.gone, e.gone)
				continue
			}
			n := p.g.addOnce(boundaryKey(e.addr.Kind, e.curName()), op.DeleteBoundary(e.addr.Kind, e.curName()), x.addr, phase, x.ord)
			p.before(e, n)
			p.before(&x.ent, n)
			if x.st == stReplace && e.st == stKeep && e.boundary == x.newARN {
				b := p.g.add(op.PutBoundary(e.addr.Kind, e.curName(), x.newARN), x.addr, phase, x.ord)
				p.after(e, b)
				p.after(&x.ent, b)
			}
		}
		var pruned int
		for _, v := range x.cur.Versions {
			if v.IsDefault {
				continue
			}
			n := p.g.add(&op.DeletePolicyVersion{PolicyArn: x.curARN, VersionId: v.ID}, x.addr, phase, x.ord)
			p.before(&x.ent, n)
			pruned++
		}
		var what []string
		if detached > 0 {
			what = append(what, "detached from "+english.Count(detached, "entity"))
		}
		if bounded > 0 {
			what = append(what, "no longer the permissions boundary of "+english.Count(bounded, "entity"))
		}
		if pruned > 0 {
			what = append(what, "its "+english.Count(pruned, "non-default version")+" deleted")
		}
		if x.st == stDelete {
			ch := p.change(&x.ent, Delete)
			ch.Notes = append(ch.Notes, "not declared: iamc deletes what it manages and the configuration does not declare")
			if len(what) > 0 {
				ch.Notes = append(ch.Notes, "first "+english.Join(what))
			}
		} else if len(what) > 0 {
			ch := p.change(&x.ent, Replace)
			ch.Notes = append(ch.Notes, "first "+english.Join(what)+"; then attached, and set as boundary, again wherever it stays in use")
		}
	}
}
