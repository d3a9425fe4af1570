package iamapi

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider/memory"
)

// paramKind is the Go type of an op field, and so how its parameter is
// decoded.
type paramKind int

const (
	pString paramKind = iota
	pBool
	pInt
	pStringPtr
	pTags
	pList
)

// paramSpec says how one op field is decoded from the request.
type paramSpec struct {
	field    int    // index of the op's struct field
	name     string // IAM's parameter name
	kind     paramKind
	required bool
}

var (
	tagsType = reflect.TypeOf([]op.Tag(nil))
	listType = reflect.TypeOf([]string(nil))
)

// opParams are the parameters of every op, by action, read from the op
// types' fields on first use: a field's JSON name is IAM's parameter name,
// and a string or list without omitempty is required. A secret field (the
// login profile's password) is a parameter that is never encoded.
var opParams = sync.OnceValue(func() map[string][]paramSpec {
	m := map[string][]paramSpec{}
	for _, o := range writeOps() {
		t := reflect.TypeOf(o).Elem()
		var specs []paramSpec
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, omitempty := jsonParam(f)
			secret := f.Tag.Get("secret") != ""
			if secret {
				name = f.Name
			}
			if name == "" {
				continue // not an API parameter (DeleteVirtualMFADevice.User)
			}
			s := paramSpec{field: i, name: name}
			switch {
			case f.Type.Kind() == reflect.String:
				s.kind, s.required = pString, !omitempty && !secret
			case f.Type.Kind() == reflect.Bool:
				s.kind = pBool
			case f.Type.Kind() == reflect.Int:
				s.kind = pInt
			case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.String:
				s.kind = pStringPtr
			case f.Type == tagsType:
				s.kind, s.required = pTags, !omitempty
			case f.Type == listType:
				s.kind, s.required = pList, !omitempty
			default:
				panic(fmt.Sprintf("iamapi: op %s has field %s of type %s, which no parameter decodes", o.Action(), f.Name, f.Type))
			}
			specs = append(specs, s)
		}
		m[o.Action()] = specs
	}
	return m
})

// jsonParam returns a field's JSON name ("" for json:"-") and whether it
// is omitempty.
func jsonParam(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, opts, _ := cutComma(tag)
	if name == "" {
		name = f.Name
	}
	return name, opts == "omitempty"
}

func cutComma(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

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
	for _, p := range opParams()[f.action] {
		fv := v.Field(p.field)
		switch p.kind {
		case pString:
			fv.SetString(f.str(p.name, p.required))
		case pBool:
			fv.SetBool(f.boolean(p.name))
		case pInt:
			n, _ := f.integer(p.name)
			fv.SetInt(int64(n))
		case pStringPtr:
			if _, ok := f.vals[p.name]; ok {
				s := f.str(p.name, false)
				fv.Set(reflect.ValueOf(&s))
			}
		case pTags:
			fv.Set(reflect.ValueOf(f.tags(p.name, p.required)))
		case pList:
			fv.Set(reflect.ValueOf(f.list(p.name, p.required)))
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
