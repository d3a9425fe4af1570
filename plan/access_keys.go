package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// planKeys plans a user's declared access keys (access_keys): the ids
// listed in deactivate are made inactive; inactive keys unused for
// delete_inactive_after days are deleted; keys are created up to active
// and the oldest beyond it deactivated. With rotate_after, an active key
// older than that gets a successor, and a later plan deactivates the old
// key once the successor has been used and the old key not since
// (compared by their last use), or 7 days after the successor's creation:
// rotation over several applies, without downtime. A
// user without the block keeps its keys as they are.
//
// Ages are taken at Options.Now; a zero Now plans no step that depends on
// a key's age.
func (p *planner) planKeys(x *userPair) {
	d := x.des.Keys
	if d == nil {
		return
	}
	var keys []model.AccessKey
	if x.cur != nil {
		keys = slices.Clone(x.cur.Credentials.AccessKeys)
	}
	slices.SortStableFunc(keys, func(a, b model.AccessKey) int { return a.CreateDate.Compare(b.CreateDate) })
	kp := &keyPlan{p: p, x: x, now: p.opts.Now, user: x.newName}
	if kp.user == "" {
		kp.user = x.des.Name
	}

	// Keys listed in deactivate, now.
	for _, id := range d.Deactivate {
		i := slices.IndexFunc(keys, func(k model.AccessKey) bool { return strings.EqualFold(k.ID, id) })
		switch {
		case i < 0:
			p.warnings = append(p.warnings, fmt.Sprintf("%s: access_keys: the user has no access key %s to deactivate (it may be deleted already)", x.addr, id))
		case keys[i].Active:
			kp.deactivate(&keys[i], "listed in deactivate")
		}
	}
	// Inactive keys past delete_inactive_after: only those inactive as
	// read, so that a key is never deactivated and deleted in one plan.
	if d.DeleteInactiveAfter > 0 && !kp.now.IsZero() {
		for i := range keys {
			k := &keys[i]
			if !k.Active && !kp.touched[k.ID] && kp.now.Sub(lastSign(*k)) > model.Days(d.DeleteInactiveAfter) {
				kp.delete(k, fmt.Sprintf("inactive, unused for more than %d days", d.DeleteInactiveAfter))
			}
		}
	}
	active := kp.live(keys, true)
	rotating := d.RotateAfter > 0 && d.Active == 1 && len(active) == 2
	switch {
	case rotating:
		kp.finishRotation(active[0], active[1])
	case len(active) > d.Active:
		for _, k := range active[:len(active)-d.Active] {
			kp.deactivate(k, fmt.Sprintf("beyond active = %d", d.Active))
		}
	case len(active) < d.Active:
		for range d.Active - len(active) {
			kp.create(keys, "")
		}
	case d.RotateAfter > 0 && len(active) == 1 && !kp.now.IsZero() &&
		kp.now.Sub(active[0].CreateDate) > model.Days(d.RotateAfter):
		kp.create(keys, active[0].ID)
	}
	kp.record()
}

// lastSign is the last time a key was seen: its last use, or its
// creation when it was never used.
func lastSign(k model.AccessKey) time.Time {
	if k.LastUsed.After(k.CreateDate) {
		return k.LastUsed
	}
	return k.CreateDate
}

// keyPlan is the plan of one user's keys.
type keyPlan struct {
	p       *planner
	x       *userPair
	now     time.Time
	user    string
	touched map[string]bool // keys deactivated or deleted by this plan
	frees   []int           // steps that free a slot (deletes)
	added   []string
	removed []string
	states  []Attribute
}

func (kp *keyPlan) mark(id string) {
	if kp.touched == nil {
		kp.touched = map[string]bool{}
	}
	kp.touched[id] = true
}

// live returns the keys not deleted by this plan, active ones only when
// active is set.
func (kp *keyPlan) live(keys []model.AccessKey, active bool) []*model.AccessKey {
	var out []*model.AccessKey
	for i := range keys {
		k := &keys[i]
		if kp.deleted(k.ID) {
			continue
		}
		if active && !k.Active {
			continue
		}
		out = append(out, k)
	}
	return out
}

func (kp *keyPlan) deleted(id string) bool { return slices.Contains(kp.removed, id) }

func (kp *keyPlan) deactivate(k *model.AccessKey, why string) {
	n := kp.p.g.add(&op.UpdateAccessKey{UserName: kp.user, AccessKeyId: k.ID, Status: op.KeyInactive}, kp.x.addr, phUser, kp.x.ord)
	kp.p.after(&kp.x.ent, n)
	k.Active = false
	kp.mark(k.ID)
	kp.states = append(kp.states, scalar("access_key "+k.ID, "Active", "Inactive ("+why+")"))
}

func (kp *keyPlan) delete(k *model.AccessKey, why string) {
	n := kp.p.g.add(&op.DeleteAccessKey{UserName: kp.user, AccessKeyId: k.ID}, kp.x.addr, phUser, kp.x.ord)
	kp.p.after(&kp.x.ent, n)
	kp.frees = append(kp.frees, n)
	kp.mark(k.ID)
	kp.removed = append(kp.removed, k.ID)
	kp.states = append(kp.states, scalar("access_key "+k.ID, "Inactive", "deleted ("+why+")"))
}

// create plans a new key, successor of the key with id of (or "" for a
// key that succeeds none). When the user has no free slot, the oldest
// inactive key is deleted first, and the plan says so.
func (kp *keyPlan) create(keys []model.AccessKey, of string) {
	if len(kp.live(keys, false))+len(kp.added) >= model.MaxAccessKeys {
		var victim *model.AccessKey
		for _, k := range kp.live(keys, false) {
			if !k.Active {
				victim = k
				break
			}
		}
		if victim == nil {
			return // two active keys: nothing may go (not reached: active <= 2)
		}
		kp.delete(victim, "to make room for a new key")
		kp.p.warnings = append(kp.p.warnings, fmt.Sprintf("%s: deletes the inactive access key %s to make room for a new key", kp.x.addr, victim.ID))
	}
	n := kp.p.g.add(&op.CreateAccessKey{UserName: kp.user}, kp.x.addr, phUser, kp.x.ord)
	kp.p.after(&kp.x.ent, n)
	for _, f := range kp.frees {
		kp.p.g.dep(n, f)
	}
	what := "new key"
	if of != "" {
		what = "new key (successor of " + of + ")"
	}
	kp.added = append(kp.added, what)
}

// finishRotation deactivates the older of two active keys once its
// successor has taken over: the successor has been used and the old key
// not since, or the successor is over 7 days old (rotate_after + 7 days
// when the rotation started on time; counted from the successor, a late
// rotation still gives the application its 7 days).
func (kp *keyPlan) finishRotation(old, succ *model.AccessKey) {
	switch {
	case !succ.LastUsed.IsZero() && !old.LastUsed.After(succ.LastUsed):
		kp.deactivate(old, "its successor "+succ.ID+" is in use")
	case !kp.now.IsZero() && kp.now.Sub(succ.CreateDate) > model.RotationGrace:
		kp.deactivate(old, fmt.Sprintf("its successor %s is over %d days old", succ.ID, int(model.RotationGrace/(24*time.Hour))))
	}
}

// record puts the key changes into the user's change.
func (kp *keyPlan) record() {
	if len(kp.added) == 0 && len(kp.states) == 0 {
		return
	}
	action := Update
	if kp.x.st == stCreate {
		action = Create
	}
	c := kp.p.change(&kp.x.ent, action)
	if len(kp.added) > 0 {
		c.Attributes = append(c.Attributes, Attribute{Name: "access_keys", Added: kp.added})
	}
	c.Attributes = append(c.Attributes, kp.states...)
}

// Secrets counts the login profiles and the access keys the plan creates:
// the secrets an apply hands to its credentials file.
func (p *Plan) Secrets() (passwords, keys int) {
	for _, s := range p.Steps {
		switch s.Op.(type) {
		case *op.CreateLoginProfile:
			passwords++
		case *op.CreateAccessKey:
			keys++
		}
	}
	return passwords, keys
}
