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
		for k, d := range p.des.OIDCProviders {
			x := &oidcPair{ent: newEnt(model.KindOIDCProvider), des: d, cur: p.cur.OIDCProviders[k]}
			pairProvider(&x.ent, k, d.Name, x.cur != nil)
			p.oidcs = append(p.oidcs, x)
		}
		for k, c := range p.cur.OIDCProviders {
			if p.des.OIDCProviders[k] == nil {
				x := &oidcPair{ent: newEnt(model.KindOIDCProvider), cur: c}
				x.oldName, x.addr.Name, x.fold, x.st = c.Name, c.Name, k, stDelete
				p.oidcs = append(p.oidcs, x)
			}
		}
		sort.Slice(p.oidcs, func(i, j int) bool { return p.oidcs[i].less(&p.oidcs[j].ent) })
	}
	if len(p.des.SAMLProviders) > 0 {
		for k, d := range p.des.SAMLProviders {
			x := &samlPair{ent: newEnt(model.KindSAMLProvider), des: d, cur: p.cur.SAMLProviders[k]}
			pairProvider(&x.ent, k, d.Name, x.cur != nil)
			p.samls = append(p.samls, x)
		}
		for k, c := range p.cur.SAMLProviders {
			if p.des.SAMLProviders[k] == nil {
				x := &samlPair{ent: newEnt(model.KindSAMLProvider), cur: c}
				x.oldName, x.addr.Name, x.fold, x.st = c.Name, c.Name, k, stDelete
				p.samls = append(p.samls, x)
			}
		}
		sort.Slice(p.samls, func(i, j int) bool { return p.samls[i].less(&p.samls[j].ent) })
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

// pairProvider fills a declared provider's entity: kept when it exists.
func pairProvider(e *ent, fold, name string, exists bool) {
	e.newName, e.addr.Name, e.fold, e.st = name, name, fold, stCreate
	if exists {
		e.oldName, e.st = name, stKeep
	}
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
	var added, removed []string
	for _, id := range d.ClientIDs {
		if !slices.Contains(c.ClientIDs, id) {
			added = append(added, id)
		}
	}
	for _, id := range c.ClientIDs {
		if !slices.Contains(d.ClientIDs, id) {
			removed = append(removed, id)
		}
	}
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
		var gone, come []string
		for _, t := range c.Thumbprints {
			if !slices.Contains(d.Thumbprints, t) {
				gone = append(gone, t)
			}
		}
		for _, t := range d.Thumbprints {
			if !slices.Contains(c.Thumbprints, t) {
				come = append(come, t)
			}
		}
		ch().Attributes = append(ch().Attributes, setAttr("thumbprints", gone, come)...)
	}
	p.diffTags(&x.ent, arn, c.Tags, d.Tags)
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
