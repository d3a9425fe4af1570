package iamapi

import (
	"sync"
	"time"

	"github.com/iamc/iamc/model"
)

// visibility emulates IAM's eventual consistency: an entity created less
// than delay ago is invisible to every call but its own create. Entities
// are keyed by kind and folded name (a policy by the name in its ARN).
type visibility struct {
	delay time.Duration
	now   func() time.Time

	mu      sync.Mutex
	created map[visKey]time.Time
	adds    int // since the last prune
}

type visKey struct {
	kind model.Kind
	name string // folded
}

func newVisibility(delay time.Duration, now func() time.Time) *visibility {
	return &visibility{delay: delay, now: now, created: map[visKey]time.Time{}}
}

// add records that an entity was just made.
func (v *visibility) add(kind model.Kind, name string) {
	if v.delay <= 0 {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.created[visKey{kind, model.Fold(name)}] = v.now()
	if v.adds++; v.adds >= 256 {
		v.adds = 0
		v.prune()
	}
}

// forget drops an entity that was deleted or renamed.
func (v *visibility) forget(kind model.Kind, name string) {
	if v.delay <= 0 {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	delete(v.created, visKey{kind, model.Fold(name)})
}

// hidden reports whether the entity is still invisible.
func (v *visibility) hidden(kind model.Kind, name string) bool {
	if v.delay <= 0 {
		return false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	t, ok := v.created[visKey{kind, model.Fold(name)}]
	if !ok {
		return false
	}
	if v.now().Sub(t) >= v.delay {
		delete(v.created, visKey{kind, model.Fold(name)})
		return false
	}
	return true
}

// hiddenPolicy reports whether the customer managed policy with the given
// ARN is still invisible.
func (v *visibility) hiddenPolicy(arn string) bool {
	if v.delay <= 0 || model.IsAWSManagedPolicyARN(arn) {
		return false
	}
	pa, err := model.ParseEntityARN(arn)
	if err != nil || pa.Resource != "policy" {
		return false
	}
	return v.hidden(model.KindPolicy, pa.Name)
}

// prune drops the entries whose delay has passed; v.mu is held.
func (v *visibility) prune() {
	now := v.now()
	for k, t := range v.created {
		if now.Sub(t) >= v.delay {
			delete(v.created, k)
		}
	}
}
