package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/iamc/iamc/internal/regularfile"
)

// envPrefix starts the environment variables that set variables.
const envPrefix = "IAMC_VAR_"

// decodeVariables decodes the variable blocks and gives each variable its
// value: from --var (highest), --var-file, IAMC_VAR_<name>, then its
// default.
func (l *loader) decodeVariables() {
	for _, name := range l.varNames {
		l.decodeVariable(l.variables[name])
	}
	l.variablesFromEnviron()
	for _, f := range l.opts.VarFiles {
		l.variablesFromFile(f)
	}
	for _, kv := range l.opts.Vars {
		l.variableFromFlag(kv)
	}
	l.moduleVariables()
	for _, name := range l.varNames {
		v := l.variables[name]
		switch {
		case v.set:
		case v.hasDefault:
			v.value = v.def
		case v.failed:
			v.value = cty.DynamicVal
		default:
			v.value = cty.UnknownVal(v.typ)
			l.diags = append(l.diags, errorAt(v.block.DefRange, "No value for required variable",
				"The variable %q has no default and no value was given. Set it with --var %s=VALUE, in a --var-file, or in the environment as %s%s, or give it a default.",
				name, name, envPrefix, name))
		}
	}
}

// decodeVariable reads a variable block's type, default and description.
// Without a type, a variable is a string, or takes the type of its
// default when that is not a string.
func (l *loader) decodeVariable(v *variable) {
	v.typ = cty.String
	v.value = cty.DynamicVal
	content, diags := v.block.Body.Content(variableSchema)
	l.diags = append(l.diags, diags...)
	typed := false
	if a := content.Attributes["type"]; a != nil {
		ty, diags := typeexpr.TypeConstraint(a.Expr)
		l.diags = append(l.diags, diags...)
		if !diags.HasErrors() {
			v.typ, typed = ty, true
		} else {
			v.typ, v.failed = cty.DynamicPseudoType, true
		}
	}
	if a := content.Attributes["description"]; a != nil {
		val, diags := a.Expr.Value(nil)
		l.diags = append(l.diags, diags...)
		if !diags.HasErrors() && (val.IsNull() || !val.IsKnown() || val.Type() != cty.String) {
			l.diags = append(l.diags, errorAt(a.Expr.Range(), "Invalid variable description",
				"A variable's description is a string."))
		}
	}
	a := content.Attributes["default"]
	if a == nil {
		return
	}
	val, diags := a.Expr.Value(nil)
	l.diags = append(l.diags, diags...)
	if diags.HasErrors() {
		v.failed = true
		return
	}
	if !typed && !val.IsNull() && val.Type() != cty.String {
		v.typ = cty.DynamicPseudoType
	}
	conv, err := convert.Convert(val, v.typ)
	if err != nil {
		l.diags = append(l.diags, errorAt(a.Expr.Range(), "Invalid default value for variable",
			"The default of variable %q does not conform to its type %s: %s.", v.name, typeexpr.TypeString(v.typ), err))
		v.failed = true
		return
	}
	v.def, v.hasDefault = conv, true
}

// variablesFromEnviron reads IAMC_VAR_<name> for the declared variables.
// The environment is shared with other programs, so names that are not
// declared are ignored.
func (l *loader) variablesFromEnviron() {
	for _, kv := range l.opts.Environ {
		if !strings.HasPrefix(kv, envPrefix) {
			continue
		}
		name, raw, ok := strings.Cut(kv[len(envPrefix):], "=")
		if !ok {
			continue
		}
		if v := l.variables[name]; v != nil {
			l.setRaw(v, raw, "the environment variable "+envPrefix+name)
		}
	}
}

// variableFromFlag reads one --var NAME=VALUE.
func (l *loader) variableFromFlag(kv string) {
	name, raw, ok := strings.Cut(kv, "=")
	if !ok || name == "" {
		l.diags = append(l.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid --var",
			Detail:   "The flag --var " + quote(kv) + " does not have the form NAME=VALUE.",
		})
		return
	}
	v := l.variables[name]
	if v == nil {
		l.diags = append(l.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Value for undeclared variable",
			Detail:   "The flag --var sets " + quote(name) + ", but no variable of that name is declared." + didYouMean(name, l.varNames) + " Declare it with a variable block, or remove the flag.",
		})
		return
	}
	l.setRaw(v, raw, "--var "+name)
}

// setRaw gives v a value written on the command line or in the
// environment: taken as it is for a string variable, else parsed as an
// HCL expression.
func (l *loader) setRaw(v *variable, raw, source string) {
	if v.typ == cty.String {
		v.value, v.set = cty.StringVal(raw), true
		return
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), "<value for var."+v.name+">", hcl.InitialPos)
	if !diags.HasErrors() {
		if len(expr.Variables()) > 0 {
			// abc for a number: HCL reads a bare word as a reference.
			l.invalidValue(v, source, quote(raw)+" is not one", nil)
			return
		}
		var val cty.Value
		val, diags = expr.Value(nil)
		if !diags.HasErrors() {
			l.setValue(v, val, nil, source)
			return
		}
	}
	l.invalidValue(v, source, quote(raw)+" is not one ("+strings.TrimSuffix(diags[0].Summary, ".")+")", nil)
}

// invalidValue reports a value that v cannot take: source names where it
// was given ("--var n", "IAMC_VAR_n", "n in --var-file vars.hcl"), why
// says what is wrong with it, and rng is where it is written (nil for the
// command line and the environment).
func (l *loader) invalidValue(v *variable, source, why string, rng *hcl.Range) {
	v.failed = true
	l.diags = append(l.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid value for variable",
		Detail: fmt.Sprintf("The value of %s must be %s, as variable %q is of type %s; %s.",
			source, typeWant(v.typ), v.name, typeexpr.TypeString(v.typ), why),
		Subject: rng,
	})
}

// typeWant says how a value of type ty is written, for messages.
func typeWant(ty cty.Type) string {
	switch {
	case ty == cty.Number:
		return "a number"
	case ty == cty.Bool:
		return "true or false"
	case ty == cty.String:
		return "a string"
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		return "a list written in HCL, such as [\"a\", \"b\"]"
	case ty.IsMapType() || ty.IsObjectType():
		return "an object written in HCL, such as { key = \"value\" }"
	}
	return "a value written in HCL"
}

// setValue converts a value to v's type and sets it; rng is where the
// value was written, nil for the command line.
func (l *loader) setValue(v *variable, val cty.Value, rng *hcl.Range, source string) {
	conv, err := convert.Convert(val, v.typ)
	if err != nil {
		why := strings.TrimSuffix(err.Error(), ".")
		if val.Type() == cty.String && val.IsKnown() && !val.IsNull() {
			why = quote(val.AsString()) + " is not one"
		}
		l.invalidValue(v, source, why, rng)
		return
	}
	v.value, v.set = conv, true
}

// variablesFromFile reads a --var-file: attributes in HCL, or an object
// in HCL's JSON syntax when the name ends in .json.
func (l *loader) variablesFromFile(path string) {
	src, err := regularfile.Read(path, MaxVarFileSize)
	if err != nil {
		l.diags = append(l.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Cannot read a variable file",
			Detail:   sizeError(err),
		})
		return
	}
	json := strings.HasSuffix(path, ".json")
	if d := nestingProblem(path, src, json); d != nil {
		l.files[path] = &hcl.File{Bytes: src, Body: hcl.EmptyBody()}
		l.diags = append(l.diags, d)
		return
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if json {
		f, diags = hcljson.Parse(src, path)
	} else {
		f, diags = hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	}
	l.diags = append(l.diags, diags...)
	if f == nil {
		return
	}
	l.files[path] = f
	if diags.HasErrors() {
		return
	}
	attrs, diags := f.Body.JustAttributes()
	l.diags = append(l.diags, diags...)
	for _, a := range sortedAttributes(attrs) {
		v := l.variables[a.Name]
		if v == nil {
			l.diags = append(l.diags, errorAt(a.NameRange, "Value for undeclared variable",
				"The file sets %q, but no variable of that name is declared.%s Declare it with a variable block, or remove it from the file.",
				a.Name, didYouMean(a.Name, l.varNames)))
			continue
		}
		source := a.Name + " in --var-file " + path
		if refs := a.Expr.Variables(); len(refs) > 0 {
			// n = abc: a bare word is a reference, which a variable file
			// cannot hold.
			l.invalidValue(v, source, "a variable file holds values, not references such as "+traversalText(refs[0])+" (write a string in quotes)", a.Expr.Range().Ptr())
			continue
		}
		val, diags := a.Expr.Value(nil)
		l.diags = append(l.diags, diags...)
		if diags.HasErrors() {
			v.failed = true
			continue
		}
		l.setValue(v, val, a.Expr.Range().Ptr(), source)
	}
}

// traversalText renders a reference as written: var.x, abc.
func traversalText(t hcl.Traversal) string {
	var b strings.Builder
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		default:
			b.WriteString("[...]")
		}
	}
	return b.String()
}

// varObject is what var evaluates to: every declared variable.
func (l *loader) varObject() cty.Value {
	m := make(map[string]cty.Value, len(l.variables))
	for name, v := range l.variables {
		m[name] = v.value
	}
	return cty.ObjectVal(m)
}
