package memory

import "github.com/iamc/iamc/policy"

// cloneDoc is policy.Document.Clone with fewer allocations: the value
// lists of all statements share one backing array. Read clones thousands
// of documents, so that each caller owns what it reads.
func cloneDoc(d *policy.Document) *policy.Document {
	if d == nil {
		return nil
	}
	n := 0
	for i := range d.Statements {
		s := &d.Statements[i]
		n += len(s.Action) + len(s.NotAction) + len(s.Resource) + len(s.NotResource)
	}
	pool := make([]string, 0, n)
	take := func(v policy.Values) policy.Values {
		if v == nil {
			return nil
		}
		start := len(pool)
		pool = append(pool, v...)
		return policy.Values(pool[start:len(pool):len(pool)])
	}
	out := &policy.Document{Version: d.Version, ID: d.ID, Statements: make([]policy.Statement, len(d.Statements))}
	for i := range d.Statements {
		s := &d.Statements[i]
		c := &out.Statements[i]
		c.Sid, c.Effect = s.Sid, s.Effect
		c.Action, c.NotAction = take(s.Action), take(s.NotAction)
		c.Resource, c.NotResource = take(s.Resource), take(s.NotResource)
		c.Principal, c.NotPrincipal = clonePrincipal(s.Principal), clonePrincipal(s.NotPrincipal)
		if s.Condition != nil {
			c.Condition = make(policy.Conditions, len(s.Condition))
			for op, keys := range s.Condition {
				m := make(map[string][]string, len(keys))
				for k, v := range keys {
					m[k] = append([]string(nil), v...)
				}
				c.Condition[op] = m
			}
		}
	}
	return out
}

func clonePrincipal(p *policy.Principal) *policy.Principal {
	if p == nil {
		return nil
	}
	out := &policy.Principal{Wildcard: p.Wildcard}
	if p.Entries != nil {
		out.Entries = make(map[string][]string, len(p.Entries))
		for k, v := range p.Entries {
			out.Entries[k] = append([]string(nil), v...)
		}
	}
	return out
}
