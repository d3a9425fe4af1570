package lang

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/model"
)

// accessKeysSchema is the access_keys block of a user.
var accessKeysSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "active"},
		{Name: "rotate_after"},
		{Name: "delete_inactive_after"},
		{Name: "deactivate"},
	},
}

// maxKeyDays bounds rotate_after and delete_inactive_after: ten years.
const maxKeyDays = 3650

// accessKeys reads a user's access_keys block: nil when absent (the
// user's keys are left as they are). active defaults to 1.
func (ev *evaluator) accessKeys(in *instance, ctx *hcl.EvalContext) *model.DeclaredKeys {
	b := ev.oneBlock(in, "access_keys", "an access_keys block", "merge the two")
	if b == nil {
		return nil
	}
	content, diags := b.Body.Content(accessKeysSchema)
	ev.add(diags)
	k := &model.DeclaredKeys{Active: 1}
	if a := content.Attributes["active"]; a != nil {
		if v, ok := ev.integer(a.Expr, ctx, "The active argument"); ok {
			if v < 0 || v > model.MaxAccessKeys {
				ev.errorf(a.Expr.Range(), "Invalid number of active keys", "A user has 0, 1 or 2 active access keys (IAM allows two keys per user); %d is not one of them.", v)
			} else {
				k.Active = v
			}
		}
	}
	days := func(name string, dst *int) *hcl.Attribute {
		a := content.Attributes[name]
		if a == nil {
			return nil
		}
		v, ok := ev.integer(a.Expr, ctx, "The "+name+" argument")
		if !ok {
			return nil
		}
		if v < 1 || v > maxKeyDays {
			ev.errorf(a.Expr.Range(), "Number of days out of range", "The %s argument is a number of days from 1 to %d; %d is not.", name, maxKeyDays, v)
			return nil
		}
		*dst = v
		return a
	}
	if a := days("rotate_after", &k.RotateAfter); a != nil && k.Active > 1 {
		ev.errorf(a.NameRange, "Rotation needs a free slot", "Rotating a key creates its successor beside it, and IAM allows two keys per user: rotate_after needs active = 0 or 1, not %d.", k.Active)
		k.RotateAfter = 0
	}
	days("delete_inactive_after", &k.DeleteInactiveAfter)
	if a := content.Attributes["deactivate"]; a != nil {
		if ids, ok := ev.strings(a.Expr, ctx, "The deactivate argument"); ok {
			for _, id := range ids {
				if !model.ValidAccessKeyID(id) {
					ev.errorf(a.Expr.Range(), "Invalid access key id", "%q is not an access key id: an id is %d to %d letters and digits, such as AKIAIOSFODNN7EXAMPLE.", id, model.MinAccessKeyIDLen, model.MaxAccessKeyIDLen)
					continue
				}
				if !containsFold(k.Deactivate, id) {
					k.Deactivate = append(k.Deactivate, id)
				}
			}
		}
	}
	return k
}
