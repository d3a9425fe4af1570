package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// entityKey is an IAM entity as IAM tells entities apart: by kind and
// name compared without regard to case (a managed policy too, whatever
// its path).
type entityKey struct {
	kind model.Kind
	fold string
}

// lifecycle says whether a step brings an entity into being (a create,
// or a rename to a new name) or ends it (a delete), and which
// (op.NewEntity, op.Facts.Deletes).
func lifecycle(o op.Op) (key entityKey, creates, ok bool) {
	if a := op.NewEntity(o); a.Name != "" {
		return entityKey{a.Kind, model.Fold(a.Name)}, true, true
	}
	if a := op.Describe(o).Deletes; a.Name != "" {
		return entityKey{a.Kind, model.Fold(a.Name)}, false, true
	}
	return entityKey{}, false, false
}

// checkLifecycles verifies what no plan may do: create an entity twice,
// delete it twice, or create and delete one entity (the same kind and
// folded name, so the same ARN too) other than as one replace whose
// create waits for its delete. Anything else would, once a step fails,
// leave a delete running beside a create that did not happen (a
// declared policy read without its name was so deleted). It is an
// internal error: the planner made a plan it must not.
func checkLifecycles(steps []Step, changes []Change) error {
	// Per entity, how many steps create and delete it, and the first of
	// each (a step index).
	type life struct{ creates, deletes, create, del int32 }
	n := 0
	for _, s := range steps {
		if _, _, ok := lifecycle(s.Op); ok {
			n++
		}
	}
	lives := make(map[entityKey]life, n)
	for i, s := range steps {
		key, creates, ok := lifecycle(s.Op)
		if !ok {
			continue
		}
		l := lives[key]
		if creates {
			if l.creates == 0 {
				l.create = int32(i)
			}
			l.creates++
		} else {
			if l.deletes == 0 {
				l.del = int32(i)
			}
			l.deletes++
		}
		lives[key] = l
	}
	// The actions of the changes that both create and delete an entity.
	actions := map[model.Address]Action{}
	for _, l := range lives {
		if l.creates == 1 && l.deletes == 1 {
			actions[steps[l.create].Address.Key()] = ""
		}
	}
	if len(actions) > 0 {
		for _, c := range changes {
			if _, ok := actions[c.Address.Key()]; ok {
				actions[c.Address.Key()] = c.Action
			}
		}
	}
	describe := func(s Step) string {
		return fmt.Sprintf("step %d (%s, for %s %q)", s.ID, op.Command(s.Op, 40), s.Address.Kind, s.Address.Name)
	}
	var problems []string
	for key, l := range lives {
		switch {
		case l.creates > 1:
			problems = append(problems, fmt.Sprintf("%s %q is created %d times, first by %s", key.kind, key.fold, l.creates, describe(steps[l.create])))
		case l.deletes > 1:
			problems = append(problems, fmt.Sprintf("%s %q is deleted %d times, first by %s", key.kind, key.fold, l.deletes, describe(steps[l.del])))
		case l.creates == 1 && l.deletes == 1:
			c, d := steps[l.create], steps[l.del]
			if c.Address.Key() == d.Address.Key() && actions[c.Address.Key()] == Replace && slices.Contains(c.DependsOn, d.ID) {
				continue
			}
			problems = append(problems, fmt.Sprintf("%s %q is created by %s and deleted by %s, which are not one replace whose create waits for its delete",
				key.kind, key.fold, describe(c), describe(d)))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("internal error: the planner made a plan that is not safe to apply (was the account misread?): %s", strings.Join(problems, "; "))
}
