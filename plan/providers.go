package plan

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"sort"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// Identity providers (OIDC and SAML) are kinds added after users, groups,
// roles and policies: each is managed only when the desired account
// declares one of it, and then as a whole (providers have no path). A
// provider is identified by its name (an OIDC provider's URL without the
// scheme): a new URL is another provider, created beside the old one's
// delete.

type oidcPair struct {
	ent
	cur, des *model.OIDCProvider
}

type samlPair struct {
	ent
	cur, des *model.SAMLProvider
}

// matchProviders pairs the declared and the current providers of each
// managed kind and gives them ordinals from ord on.
func (p *planner) matchProviders(ord int) {
	if len(p.des.OIDCProviders) > 0 {
		p.oidcs = matchWhole(p.des.OIDCProviders, p.cur.OIDCProviders, func(x *model.OIDCProvider) string { return x.Name },
			func(c, d *model.OIDCProvider) (*oidcPair, *ent) {
				x := &oidcPair{ent: newEnt(model.KindOIDCProvider), cur: c, des: d}
				return x, &x.ent
			})
	}
	if len(p.des.SAMLProviders) > 0 {
		p.samls = matchWhole(p.des.SAMLProviders, p.cur.SAMLProviders, func(x *model.SAMLProvider) string { return x.Name },
			func(c, d *model.SAMLProvider) (*samlPair, *ent) {
				x := &samlPair{ent: newEnt(model.KindSAMLProvider), cur: c, des: d}
				return x, &x.ent
			})
	}
	for _, x := range p.oidcs {
		x.ord = ord
		ord++
	}
	for _, x := range p.samls {
		x.ord = ord
		ord++
	}
}

// matchWhole pairs the entities of a kind that is in scope as a whole and
// never renamed or moved, by folded name: a declared one is kept or
// created, a current one not declared is deleted. newPair makes a pair
// (cur or des may be nil) and gives its entity. The pairs come sorted.
func matchWhole[T, P any](des, cur map[string]*T, nameOf func(*T) string, newPair func(c, d *T) (*P, *ent)) []*P {
	out := make([]*P, 0, len(des)+len(cur))
	ents := make(map[*P]*ent, len(des)+len(cur))
	for k, d := range des {
		x, e := newPair(cur[k], d)
		e.newName, e.addr.Name, e.fold, e.st = nameOf(d), nameOf(d), k, stCreate
		if cur[k] != nil {
			e.oldName, e.st = nameOf(cur[k]), stKeep
		}
		out, ents[x] = append(out, x), e
	}
	for k, c := range cur {
		if des[k] == nil {
			x, e := newPair(c, nil)
			e.oldName, e.addr.Name, e.fold, e.st = nameOf(c), nameOf(c), k, stDelete
			out, ents[x] = append(out, x), e
		}
	}
	sort.Slice(out, func(i, j int) bool { return ents[out[i]].less(ents[out[j]]) })
	return out
}

func (p *planner) oidcARN(name string) string { return model.OIDCProviderARN(p.acct, name) }
func (p *planner) samlARN(name string) string { return model.SAMLProviderARN(p.acct, name) }

// planProviders plans the identity providers, and makes the roles whose
// declared trust names a provider this plan creates wait for it: IAM
// refuses a trust naming a provider that does not exist.
func (p *planner) planProviders() {
	made := map[string]int{} // folded ARN → the step that creates it
	for _, x := range p.oidcs {
		switch x.st {
		case stCreate:
			d := x.des
			x.ready = p.g.add(&op.CreateOpenIDConnectProvider{Url: d.URL(), ClientIDList: d.ClientIDs, ThumbprintList: d.Thumbprints, Tags: op.TagsOf(d.Tags)}, x.addr, phProvider, x.ord)
			made[model.Fold(p.oidcARN(d.Name))] = x.ready
			c := p.change(&x.ent, Create)
			c.Attributes = append(c.Attributes, created("url", d.URL()))
			c.Attributes = append(c.Attributes, setAttr("client_ids", nil, d.ClientIDs)...)
			c.Attributes = append(c.Attributes, setAttr("thumbprints", nil, d.Thumbprints)...)
			c.Attributes = append(c.Attributes, tagAttributes(nil, d.Tags)...)
		case stKeep:
			p.updateOIDC(x)
		case stDelete:
			x.gone = p.g.add(&op.DeleteOpenIDConnectProvider{OpenIDConnectProviderArn: p.oidcARN(x.cur.Name)}, x.addr, phDeleteProvider, x.ord)
			c := p.change(&x.ent, Delete)
			c.Notes = append(c.Notes, "not declared: iamc deletes the OpenID Connect providers the configuration does not declare, once it declares one")
		}
	}
	for _, x := range p.samls {
		switch x.st {
		case stCreate:
			d := x.des
			x.ready = p.g.add(&op.CreateSAMLProvider{Name: d.Name, SAMLMetadataDocument: d.Metadata, Tags: op.TagsOf(d.Tags)}, x.addr, phProvider, x.ord)
			made[model.Fold(p.samlARN(d.Name))] = x.ready
			c := p.change(&x.ent, Create)
			c.Attributes = append(c.Attributes, created("metadata", metadataSummary(d.Metadata)))
			c.Attributes = append(c.Attributes, tagAttributes(nil, d.Tags)...)
		case stKeep:
			c, d := x.cur, x.des
			if c.Metadata != d.Metadata {
				p.g.add(&op.UpdateSAMLProvider{SAMLProviderArn: p.samlARN(d.Name), SAMLMetadataDocument: d.Metadata}, x.addr, phProvider, x.ord)
				ch := p.change(&x.ent, Update)
				ch.Attributes = append(ch.Attributes, scalar("metadata", metadataSummary(c.Metadata), metadataSummary(d.Metadata)))
			}
			p.diffTags(&x.ent, p.samlARN(d.Name), c.Tags, d.Tags)
		case stDelete:
			x.gone = p.g.add(&op.DeleteSAMLProvider{SAMLProviderArn: p.samlARN(x.cur.Name)}, x.addr, phDeleteProvider, x.ord)
			c := p.change(&x.ent, Delete)
			c.Notes = append(c.Notes, "not declared: iamc deletes the SAML providers the configuration does not declare, once it declares one")
		}
	}
	if len(made) == 0 {
		return
	}
	for _, r := range p.roles {
		if r.des == nil || r.trustNode < 0 || r.des.AssumeRolePolicy == nil {
			continue
		}
		for _, s := range r.des.AssumeRolePolicy.Statements {
			if s.Principal == nil {
				continue
			}
			for _, id := range s.Principal.Entries["Federated"] {
				if n, ok := made[model.Fold(id)]; ok {
					p.g.dep(r.trustNode, n)
				}
			}
		}
	}
}

// updateOIDC changes a provider in place: client ids added before those
// removed (no audience is refused meanwhile), the thumbprints replaced
// when declared and different, tags.
func (p *planner) updateOIDC(x *oidcPair) {
	c, d := x.cur, x.des
	arn := p.oidcARN(d.Name)
	added, removed := difference(d.ClientIDs, c.ClientIDs), difference(c.ClientIDs, d.ClientIDs)
	last := -1
	for _, id := range added {
		n := p.g.add(&op.AddClientIDToOpenIDConnectProvider{OpenIDConnectProviderArn: arn, ClientID: id}, x.addr, phProvider, x.ord)
		p.g.dep(n, last)
		last = n
	}
	for _, id := range removed {
		n := p.g.add(&op.RemoveClientIDFromOpenIDConnectProvider{OpenIDConnectProviderArn: arn, ClientID: id}, x.addr, phProvider, x.ord)
		p.g.dep(n, last)
		last = n
	}
	ch := func() *Change { return p.change(&x.ent, Update) }
	if len(added)+len(removed) > 0 {
		ch().Attributes = append(ch().Attributes, setAttr("client_ids", removed, added)...)
	}
	// Thumbprints not declared are IAM's to keep (it fetches them itself
	// for well-known issuers).
	if len(d.Thumbprints) > 0 && !slices.Equal(c.Thumbprints, d.Thumbprints) {
		p.g.add(&op.UpdateOpenIDConnectProviderThumbprint{OpenIDConnectProviderArn: arn, ThumbprintList: d.Thumbprints}, x.addr, phProvider, x.ord)
		ch().Attributes = append(ch().Attributes, setAttr("thumbprints", difference(c.Thumbprints, d.Thumbprints), difference(d.Thumbprints, c.Thumbprints))...)
	}
	p.diffTags(&x.ent, arn, c.Tags, d.Tags)
}

// difference returns the elements of a that b lacks, in a's order.
func difference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// setAttr is a set attribute's change, none when nothing joins or leaves.
func setAttr(name string, removed, added []string) []Attribute {
	if len(removed)+len(added) == 0 {
		return nil
	}
	return []Attribute{{Name: name, Added: added, Removed: removed}}
}

// metadataSummary is how a plan shows a SAML metadata document, which is
// long and mostly certificates: its length and the start of its SHA-256,
// so that two versions are told apart.
func metadataSummary(doc string) string {
	sum := sha256.Sum256([]byte(doc))
	return fmt.Sprintf("%d characters, SHA-256 %x", len(doc), sum[:6])
}

// providerDeletes lists the deletes of undeclared providers, for the
// notice of warnNewKindDeletes.
func (p *planner) providerDeletes() (oidc, saml []string) {
	for _, x := range p.oidcs {
		if x.st == stDelete {
			oidc = append(oidc, x.cur.Name)
		}
	}
	for _, x := range p.samls {
		if x.st == stDelete {
			saml = append(saml, x.cur.Name)
		}
	}
	return oidc, saml
}

func providerNotice(kind string, names []string) string {
	return fmt.Sprintf("this plan deletes %s that the configuration does not declare (%s): iamc manages %ss once the configuration declares one, and then deletes those it does not declare; declare them to keep them",
		english.Count(len(names), kind), english.Join(names), kind)
}
