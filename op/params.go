package op

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// ParamKind is the Go type of an op's parameter, which says how it is
// encoded in an API request and printed in a command.
type ParamKind int

const (
	ParamString    ParamKind = iota // string
	ParamBool                       // bool
	ParamInt                        // int
	ParamStringPtr                  // *string: absent when nil
	ParamTags                       // []Tag
	ParamList                       // []string
)

// Param is one IAM API parameter of an op, read from its type's field:
// the field's JSON name is IAM's parameter name.
type Param struct {
	Name  string // IAM's parameter name: "UserName"
	Field int    // the index of the op's struct field
	Kind  ParamKind
	// Flag is the AWS CLI's spelling of the name: "user-name".
	Flag string
	// OmitEmpty: an empty value is left out of the call.
	OmitEmpty bool
	// Required: a string, tag list or list without omitempty that is
	// not a secret; an API request without it is invalid.
	Required bool
	// Secret: filled in at apply time, never encoded or printed (the
	// field's name is the parameter's).
	Secret bool
	// Doc: a policy document, which a command shortens.
	Doc bool
}

var (
	tagsType = reflect.TypeOf([]Tag(nil))
	listType = reflect.TypeOf([]string(nil))
	params   sync.Map // reflect.Type → []Param
)

// Params returns the parameters of o's type in field order, worked out
// once per type. It serves any op, the memory account's own calls too.
// A field that is no parameter (json:"-" without secret) is left out.
func Params(o Op) []Param {
	t := reflect.TypeOf(o).Elem()
	if ps, ok := params.Load(t); ok {
		return ps.([]Param)
	}
	var ps []Param
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		secret := f.Tag.Get("secret") != ""
		switch {
		case secret:
			name = f.Name
		case tag == "-":
			continue // not an API parameter (DeleteVirtualMFADevice.User)
		case name == "":
			name = f.Name
		}
		p := Param{Name: name, Field: i, Flag: Kebab(name), OmitEmpty: opts == "omitempty", Secret: secret, Doc: f.Tag.Get("doc") != ""}
		switch {
		case f.Type.Kind() == reflect.String:
			p.Kind, p.Required = ParamString, !p.OmitEmpty && !secret
		case f.Type.Kind() == reflect.Bool:
			p.Kind = ParamBool
		case f.Type.Kind() == reflect.Int:
			p.Kind = ParamInt
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.String:
			p.Kind = ParamStringPtr
		case f.Type == tagsType:
			p.Kind, p.Required = ParamTags, !p.OmitEmpty
		case f.Type == listType:
			p.Kind, p.Required = ParamList, !p.OmitEmpty
		default:
			panic(fmt.Sprintf("op: %s has field %s of type %s, which no parameter carries", o.Action(), f.Name, f.Type))
		}
		ps = append(ps, p)
	}
	params.Store(t, ps)
	return ps
}
