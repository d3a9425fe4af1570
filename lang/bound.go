package lang

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/iamc/iamc/internal/nesting"
)

// boundFunction wraps a standard function so that no call can make iamc
// build a value beyond MaxStringLength bytes or MaxCollectionLength
// elements: its arguments are measured before the call, the size of what
// it would make is estimated where one call can multiply its input
// (format widths, join, replace, indent, setproduct), and its result is
// measured after.
//
// It also keeps a call linear in its arguments: cty unifies the element
// types of a tuple pairwise, in time quadratic in its length, where a
// parameter takes a collection of any type (list(any), set(any), tolist,
// toset, tomap). Such a parameter takes its argument as it is here, and a
// tuple whose elements share one type is handed over as a list (an object
// as a map); a tuple of mixed types longer than maxUnify is refused.
func boundFunction(name string, f function.Function) function.Function {
	if name == "can" || name == "try" {
		return f // they take expressions, not values
	}
	toFunc := name == "tolist" || name == "toset" || name == "tomap"
	// unify[i] is the type a raw argument converts to, for the parameters
	// that take it raw; cty.NilType for the others.
	var unify []cty.Type
	spec := &function.Spec{Description: f.Description()}
	take := func(p function.Parameter) function.Parameter {
		// Marks are the wrapped function's to handle: letting them through
		// here spares a walk over every argument before it is measured.
		p.AllowMarked = true
		u := cty.NilType
		if p.Type.IsCollectionType() && p.Type.ElementType() == cty.DynamicPseudoType || toFunc {
			u = p.Type
			p.Type = cty.DynamicPseudoType
		}
		unify = append(unify, u)
		return p
	}
	for _, p := range f.Params() {
		spec.Params = append(spec.Params, take(p))
	}
	if vp := f.VarParam(); vp != nil {
		p := take(*vp)
		spec.VarParam = &p
	}
	prepare := func(args []cty.Value) ([]cty.Value, error) {
		var out []cty.Value
		for i, a := range args {
			if len(unify) == 0 {
				break
			}
			u := unify[min(i, len(unify)-1)]
			if u == cty.NilType {
				continue
			}
			c, err := collectionArg(a, u, toFunc)
			if err != nil {
				return nil, function.NewArgError(i, err)
			}
			if out == nil {
				out = append([]cty.Value(nil), args...)
			}
			out[i] = c
		}
		if out == nil {
			out = args
		}
		return out, checkArguments(name, out)
	}
	spec.Type = func(args []cty.Value) (cty.Type, error) {
		args, err := prepare(args)
		if err != nil {
			return cty.NilType, err
		}
		return f.ReturnTypeForValues(args)
	}
	spec.Impl = func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		args, err := prepare(args)
		if err != nil {
			return cty.DynamicVal, err
		}
		v, err := f.Call(args)
		if err != nil {
			return v, err
		}
		if err := checkSize(v); err != nil {
			return cty.DynamicVal, fmt.Errorf("the result %v", err)
		}
		return v, nil
	}
	return function.New(spec)
}

// maxUnify bounds a tuple of mixed element types that a function unifies
// into a collection: cty does it in time quadratic in the length.
const maxUnify = 4096

// collectionArg converts an argument to ty, a collection type of any
// element type, as HCL would before the call, in time linear in its
// length when the elements share a type. For tolist, toset and tomap
// (raw) it only turns such a tuple into a list, or such an object into a
// map, and leaves the conversion to the function.
func collectionArg(a cty.Value, ty cty.Type, raw bool) (cty.Value, error) {
	if a.IsKnown() && !a.IsNull() && !a.IsMarked() {
		at := a.Type()
		n := 0
		if at.IsTupleType() {
			n = len(at.TupleElementTypes())
		} else if at.IsObjectType() {
			n = len(at.AttributeTypes())
		}
		switch {
		case n > 1 && at.IsTupleType() && sameTypes(a):
			a = cty.ListVal(a.AsValueSlice())
		case n > 1 && at.IsObjectType() && sameTypes(a):
			a = cty.MapVal(a.AsValueMap())
		case n > maxUnify:
			return cty.NilVal, fmt.Errorf("a list of %d elements of different types is more than iamc unifies (%d); convert its elements to one type first", n, maxUnify)
		}
	}
	if raw {
		return a, nil
	}
	return convert.Convert(a, ty)
}

// sameTypes reports whether every element of a tuple, or every attribute
// of an object, has exactly the type of the first.
func sameTypes(v cty.Value) bool {
	var first cty.Type
	n := 0
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if n == 0 {
			first = e.Type()
		} else if !e.Type().Equals(first) {
			return false
		}
		n++
	}
	return true
}

// checkArguments measures a call's arguments, and estimates what the
// functions that can multiply their input would make.
func checkArguments(name string, args []cty.Value) error {
	for i, a := range args {
		if err := checkSize(a); err != nil {
			return function.NewArgErrorf(i, "this argument %v", err)
		}
	}
	known := func(i int) bool { return i < len(args) && args[i].IsWhollyKnown() && !args[i].IsNull() }
	estimate := func(n *big.Int, what string) error {
		if n.Cmp(big.NewInt(MaxStringLength)) > 0 {
			return function.NewArgErrorf(0, "%s would make %s over %d bytes; iamc makes no longer string", name, what, MaxStringLength)
		}
		return nil
	}
	switch name {
	case "format", "formatlist":
		if known(0) && args[0].Type() == cty.String {
			if w := largestFormatNumber(args[0].AsString()); w > MaxStringLength {
				return function.NewArgErrorf(0, "the format asks for a width or precision of %d; iamc makes no string over %d bytes", w, MaxStringLength)
			}
		}
	case "join":
		if known(0) && args[0].Type() == cty.String {
			n := int64(0)
			for _, l := range args[1:] {
				if l.IsWhollyKnown() && !l.IsNull() && l.CanIterateElements() {
					n += int64(l.LengthInt())
				}
			}
			total := new(big.Int).Mul(big.NewInt(int64(len(args[0].AsString()))), big.NewInt(n))
			for _, l := range args[1:] {
				total.Add(total, big.NewInt(stringBytes(l)))
			}
			return estimate(total, "a string")
		}
	case "replace":
		if known(0) && known(1) && known(2) && args[0].Type() == cty.String && args[1].Type() == cty.String && args[2].Type() == cty.String {
			s, sub, rep := len(args[0].AsString()), len(args[1].AsString()), len(args[2].AsString())
			total := new(big.Int).Mul(big.NewInt(int64(s/max(sub, 1)+1)), big.NewInt(int64(rep)))
			total.Add(total, big.NewInt(int64(s)))
			return estimate(total, "a string")
		}
	case "indent":
		if known(0) && known(1) && args[0].Type() == cty.Number && args[1].Type() == cty.String {
			spaces := args[0].AsBigFloat()
			lines := int64(strings.Count(args[1].AsString(), "\n") + 1)
			if !spaces.IsInt() || spaces.Cmp(big.NewFloat(MaxStringLength)) > 0 {
				return function.NewArgErrorf(0, "indent by %s spaces would make a string over %d bytes; iamc makes no longer string", spaces.Text('f', -1), MaxStringLength)
			}
			n, _ := spaces.Int64()
			total := new(big.Int).Mul(big.NewInt(max(n, 0)), big.NewInt(lines))
			total.Add(total, big.NewInt(int64(len(args[1].AsString()))))
			return estimate(total, "a string")
		}
	case "setproduct":
		product := big.NewInt(1)
		for _, a := range args {
			if a.IsKnown() && !a.IsNull() && a.CanIterateElements() {
				product.Mul(product, big.NewInt(int64(a.LengthInt())))
			}
		}
		if product.Cmp(big.NewInt(MaxCollectionLength)) > 0 {
			return function.NewArgErrorf(0, "setproduct would make %s combinations; iamc makes no collection of over %d elements", product.String(), MaxCollectionLength)
		}
	case "jsondecode":
		if known(0) && args[0].Type() == cty.String {
			if p := nesting.JSON([]byte(args[0].AsString()), MaxNesting); p != nil {
				return function.NewArgErrorf(0, "the JSON nests more than %d arrays and objects deep (at byte %d); iamc reads no deeper JSON", MaxNesting, p.Offset)
			}
		}
	}
	return nil
}

// largestFormatNumber returns the largest width or precision written in
// a format string's verbs.
func largestFormatNumber(f string) int64 {
	var largest int64
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		for i++; i < len(f) && strings.IndexByte("+- #0[].*0123456789", f[i]) >= 0; i++ {
			if f[i] < '0' || f[i] > '9' {
				continue
			}
			var n int64
			for ; i < len(f) && '0' <= f[i] && f[i] <= '9'; i++ {
				if n < 1<<40 {
					n = n*10 + int64(f[i]-'0')
				}
			}
			largest = max(largest, n)
			i--
		}
	}
	return largest
}

// stringBytes sums the lengths of the known strings of a collection.
func stringBytes(v cty.Value) int64 {
	var n int64
	if !v.IsWhollyKnown() || v.IsNull() || !v.CanIterateElements() {
		return 0
	}
	for it := v.ElementIterator(); it.Next(); {
		if _, e := it.Element(); e.Type() == cty.String && !e.IsNull() {
			n += int64(len(e.AsString()))
		}
	}
	return n
}

// checkSize measures a value: the elements of its collections, nested
// ones included, and the bytes of its strings, each counted where it
// appears. It stops as soon as either is over its limit, so measuring a
// value made of many references to one large value costs no more than
// the limit.
func checkSize(v cty.Value) error {
	m := measure{}
	if !m.add(v) {
		if m.bytes > MaxStringLength {
			return fmt.Errorf("holds over %d bytes of strings, more than iamc makes", MaxStringLength)
		}
		return fmt.Errorf("holds over %d elements, more than iamc makes", MaxCollectionLength)
	}
	return nil
}

type measure struct {
	elems, bytes int64
}

func (m *measure) add(v cty.Value) bool {
	if !v.IsKnown() || v.IsNull() || v.IsMarked() {
		return true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		m.bytes += int64(len(v.AsString()))
		return m.bytes <= MaxStringLength
	case ty.IsCapsuleType() || ty.IsPrimitiveType():
		return true
	case v.CanIterateElements():
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if m.elems++; m.elems > MaxCollectionLength {
				return false
			}
			if ty.IsMapType() || ty.IsObjectType() {
				if !m.add(k) {
					return false
				}
			}
			if !m.add(e) {
				return false
			}
		}
	}
	return true
}
