package iamapi

import (
	"reflect"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider/memory"
)

// defaultMinimumPasswordLength is what UpdateAccountPasswordPolicy sets
// when MinimumPasswordLength is not given.
const defaultMinimumPasswordLength = 6

// decodeOp decodes a write request into its op. Missing required
// parameters, values that break the API's constraints and parameters the
// action does not take are ValidationError.
func decodeOp(f *form) (op.Op, *apiError) {
	o := memory.NewCall(f.action)
	if o == nil {
		return nil, newError(codeInvalidAction, "Could not find operation %s for version %s", clip(f.action), clip(f.version))
	}
	v := reflect.ValueOf(o).Elem()
	for _, p := range op.Params(o) {
		fv := v.Field(p.Field)
		switch p.Kind {
		case op.ParamString:
			fv.SetString(f.str(p.Name, p.Required))
		case op.ParamBool:
			fv.SetBool(f.boolean(p.Name))
		case op.ParamInt:
			n, _ := f.integer(p.Name)
			fv.SetInt(int64(n))
		case op.ParamStringPtr:
			if _, ok := f.vals[p.Name]; ok {
				s := f.str(p.Name, false)
				fv.Set(reflect.ValueOf(&s))
			}
		case op.ParamTags:
			fv.Set(reflect.ValueOf(f.tags(p.Name, p.Required)))
		case op.ParamList:
			fv.Set(reflect.ValueOf(f.list(p.Name, p.Required)))
		}
	}
	if pp, ok := o.(*op.UpdateAccountPasswordPolicy); ok {
		if _, given := f.vals["MinimumPasswordLength"]; !given {
			pp.MinimumPasswordLength = defaultMinimumPasswordLength
		}
	}
	if e := f.done(); e != nil {
		return nil, e
	}
	return o, nil
}
