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
// or a rename to a new name) or ends it (a delete), and which.
func lifecycle(o op.Op) (key entityKey, creates, ok bool) {
	k := func(kind model.Kind, name string) entityKey { return entityKey{kind, model.Fold(name)} }
	switch o := o.(type) {
	case *op.CreateUser:
		return k(model.KindUser, o.UserName), true, true
	case *op.CreateGroup:
		return k(model.KindGroup, o.GroupName), true, true
	case *op.CreateRole:
		return k(model.KindRole, o.RoleName), true, true
	case *op.CreatePolicy:
		return k(model.KindPolicy, o.PolicyName), true, true
	case *op.UpdateUser:
		if o.NewUserName != "" && model.Fold(o.NewUserName) != model.Fold(o.UserName) {
			return k(model.KindUser, o.NewUserName), true, true
		}
	case *op.UpdateGroup:
		if o.NewGroupName != "" && model.Fold(o.NewGroupName) != model.Fold(o.GroupName) {
			return k(model.KindGroup, o.NewGroupName), true, true
		}
	case *op.DeleteUser:
		return k(model.KindUser, o.UserName), false, true
	case *op.DeleteGroup:
		return k(model.KindGroup, o.GroupName), false, true
	case *op.DeleteRole:
		return k(model.KindRole, o.RoleName), false, true
	case *op.DeletePolicy:
		if a, err := model.ParseEntityARN(o.PolicyArn); err == nil {
			return k(model.KindPolicy, a.Name), false, true
		}
		return k(model.KindPolicy, "arn "+o.PolicyArn), false, true
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
	type life struct{ creates, deletes []int } // step indexes
	lives := map[entityKey]*life{}
	for i, s := range steps {
		key, creates, ok := lifecycle(s.Op)
		if !ok {
			continue
		}
		l := lives[key]
		if l == nil {
			l = &life{}
			lives[key] = l
		}
		if creates {
			l.creates = append(l.creates, i)
		} else {
			l.deletes = append(l.deletes, i)
		}
	}
	actions := make(map[model.Address]Action, len(changes))
	for _, c := range changes {
		actions[c.Address.Key()] = c.Action
	}
	describe := func(s Step) string {
		return fmt.Sprintf("step %d (%s, for %s %q)", s.ID, op.Command(s.Op, 40), s.Address.Kind, s.Address.Name)
	}
	var problems []string
	for key, l := range lives {
		switch {
		case len(l.creates) > 1:
			problems = append(problems, fmt.Sprintf("%s %q is created twice: %s and %s",
				key.kind, key.fold, describe(steps[l.creates[0]]), describe(steps[l.creates[1]])))
		case len(l.deletes) > 1:
			problems = append(problems, fmt.Sprintf("%s %q is deleted twice: %s and %s",
				key.kind, key.fold, describe(steps[l.deletes[0]]), describe(steps[l.deletes[1]])))
		case len(l.creates) == 1 && len(l.deletes) == 1:
			c, d := steps[l.creates[0]], steps[l.deletes[0]]
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
