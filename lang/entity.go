package lang

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// indexNames indexes the instances of each kind by folded IAM name and
// reports names that collide: IAM compares names without regard to case.
func (l *loader) indexNames() {
	for k := range numKinds {
		for _, e := range l.entityOrder[k] {
			for _, in := range e.instances {
				if !in.valid {
					continue
				}
				f := model.Fold(in.name)
				if first := l.byName[k][f]; first != nil {
					in.valid = false
					l.diags = append(l.diags, errorAt(in.nameRng, "Duplicate "+k.String()+" name",
						"The %s name %q is taken by %s (%q, declared at %s): IAM compares names without regard to case. Give one of them another name.",
						k, in.name, first.addr(), first.name, at(first.e.block.DefRange)))
					continue
				}
				l.byName[k][f] = in
			}
		}
	}
	l.indexModuleNames()
}

// compileEntities compiles every valid instance into its model entity,
// several at a time: instances are independent once names, paths and
// ARNs are known, and the evaluation context is only read.
func (l *loader) compileEntities() {
	l.indexNames()
	var work []*instance
	for k := range numKinds {
		for _, e := range l.entityOrder[k] {
			for _, in := range e.instances {
				if in.valid {
					work = append(work, in)
				}
			}
		}
	}
	diags := make([]hcl.Diagnostics, len(work))
	files := make([]map[string]*hcl.File, len(work))
	compile := func(i int) {
		ev := &evaluator{l: l}
		ev.compile(work[i])
		diags[i], files[i] = ev.diags, ev.files
	}
	workers := min(runtime.GOMAXPROCS(0), len(work)/64+1)
	if workers <= 1 {
		for i := range work {
			compile(i)
		}
	} else {
		var wg sync.WaitGroup
		chunk := (len(work) + workers*8 - 1) / (workers * 8)
		next := make(chan int)
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for start := range next {
					for i := start; i < min(start+chunk, len(work)); i++ {
						compile(i)
					}
				}
			}()
		}
		for start := 0; start < len(work); start += chunk {
			next <- start
		}
		close(next)
		wg.Wait()
	}
	for _, d := range diags {
		l.diags = append(l.diags, d...)
	}
	for _, fs := range files {
		for name, f := range fs {
			if l.files[name] == nil {
				l.files[name] = f
			}
		}
	}
}

// compile compiles one instance.
func (ev *evaluator) compile(in *instance) {
	ctx := ev.l.ctx
	if in.hasKey {
		ctx = ctx.NewChild()
		ctx.Variables = map[string]cty.Value{"each": in.each}
	}
	switch in.e.kind {
	case kUser:
		ev.compileUser(in, ctx)
	case kGroup:
		ev.compileGroup(in, ctx)
	case kRole:
		ev.compileRole(in, ctx)
	case kPolicy:
		ev.compilePolicy(in, ctx)
	case kInstanceProfile:
		ev.compileInstanceProfile(in, ctx)
	case kOIDCProvider:
		ev.compileOIDCProvider(in, ctx)
	case kSAMLProvider:
		ev.compileSAMLProvider(in, ctx)
	}
}

// renamedFrom reads renamed_from for a user or group.
func (ev *evaluator) renamedFrom(in *instance, ctx *hcl.EvalContext) string {
	a := in.e.content.Attributes["renamed_from"]
	if a == nil {
		return ""
	}
	k := in.e.kind
	if k == kRole || k == kPolicy {
		ev.errorf(a.NameRange, "A "+k.String()+" cannot be renamed",
			"IAM has no call that renames a %s. To give it a new name, declare it under the new name without renamed_from: the plan replaces it (deletes and creates it), and whatever refers to its old ARN must be updated.", k)
		return ""
	}
	old, ok := ev.str(a.Expr, ctx, "The renamed_from argument")
	if !ok {
		return ""
	}
	if err := model.CheckName(k.model(), old); err != nil {
		ev.errorf(a.Expr.Range(), "Invalid renamed_from", "%s.", english.Capitalize(err.Error()))
		return ""
	}
	if old == in.name {
		ev.errorf(a.Expr.Range(), "Invalid renamed_from", "The renamed_from argument names the %s's current name %q; give its previous name, or remove renamed_from.", k, old)
		return ""
	}
	return old
}

// policies reads a policies attribute: managed policy ARNs, without
// duplicates, within the quota.
func (ev *evaluator) policies(in *instance, ctx *hcl.EvalContext, max int) []string {
	a := in.e.content.Attributes["policies"]
	if a == nil {
		return nil
	}
	targets := ev.refList(a.Expr, ctx, kPolicy, "policies")
	out := make([]string, 0, len(targets))
	seen := make(map[string]bool, len(targets))
	for _, t := range targets {
		arn := t.policyARN()
		if seen[arn] {
			ev.diags = append(ev.diags, warningAt(t.rng, "Duplicate policy", "The policies argument lists %s twice; it is attached once.", arn))
			continue
		}
		seen[arn] = true
		out = append(out, arn)
	}
	sort.Strings(out)
	if len(out) > max {
		ev.errorf(a.Expr.Range(), "Too many managed policies",
			"The %s %q has %d managed policies attached; the account allows at most %d per %s.%s", in.e.kind, in.name, len(out), max, in.e.kind, quotaHint(in.e.kind))
	}
	return out
}

func quotaHint(k kind) string {
	switch k {
	case kUser:
		return fmt.Sprintf(" Attach policies to the user's groups instead, or raise the quota with iamc { quotas { policies_per_user = N } } (at most %d) once AWS has raised it.", model.MaxQuota("policies_per_user"))
	case kRole:
		return fmt.Sprintf(" Combine policies, or raise the quota with iamc { quotas { policies_per_role = N } } (at most %d) once AWS has raised it.", model.MaxQuota("policies_per_role"))
	}
	return " IAM does not raise this quota: combine policies."
}

// boundary reads permissions_boundary.
func (ev *evaluator) boundary(in *instance, ctx *hcl.EvalContext) string {
	a := in.e.content.Attributes["permissions_boundary"]
	if a == nil {
		return ""
	}
	t, ok := ev.refOne(a.Expr, ctx, kPolicy, "permissions_boundary")
	if !ok {
		return ""
	}
	return t.policyARN()
}

// ignoreWarnings reads a block's ignore_warnings: codes of warnings it
// silences for everything it declares.
func (ev *evaluator) ignoreWarnings(a *hcl.Attribute, ctx *hcl.EvalContext, parent map[string]bool) map[string]bool {
	if a == nil {
		return parent
	}
	codes, ok := ev.strings(a.Expr, ctx, "The ignore_warnings argument")
	if !ok {
		return parent
	}
	valid := warningCodes()
	out := make(map[string]bool, len(parent)+len(codes))
	for c := range parent {
		out[c] = true
	}
	elems := elementRanges(a.Expr, len(codes))
	for i, c := range codes {
		if !slices.Contains(valid, c) {
			ev.errorf(elems[i], "Unknown warning code", "The ignore_warnings argument takes the codes of iamc's warnings (%s), not %q.%s", english.JoinQuoted(valid), c, didYouMean(c, valid))
			continue
		}
		out[c] = true
	}
	return out
}

// warningCodes lists every warning code, sorted.
func warningCodes() []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range []policy.Kind{policy.Identity, policy.Trust} {
		for _, c := range policy.WarningCodes(k) {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	out = append(out, langWarningCodes...)
	sort.Strings(out)
	return out
}

// tags reads a tags attribute of a user, role or policy. A problem with
// one tag points at its key or its value when the map is written
// literally, else at the attribute's expression.
func (ev *evaluator) tags(in *instance, ctx *hcl.EvalContext) model.Tags {
	a := in.e.content.Attributes["tags"]
	if a == nil {
		return nil
	}
	v, ok := ev.value(a.Expr, ctx)
	if !ok || v.IsNull() {
		return nil
	}
	ty := v.Type()
	if !(ty.IsMapType() || ty.IsObjectType()) {
		ev.errorf(a.Expr.Range(), "Invalid tags", "The tags argument is a map of strings, such as { team = \"platform\" }, not %s.", ty.FriendlyName())
		return nil
	}
	var places map[string]tagPlace // found on the first error
	at := func(key string, inValue bool) hcl.Range {
		if places == nil {
			places = tagPlaces(a.Expr)
		}
		if p, ok := places[key]; ok {
			if inValue {
				return p.value
			}
			return p.key
		}
		return a.Expr.Range()
	}
	tags := make(model.Tags, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		k, val := it.Element()
		if val.IsNull() {
			ev.errorf(at(k.AsString(), true), "Invalid tags", "The tag %q has no value (null); give it a string, or remove it.", k.AsString())
			continue
		}
		s, ok := stringValue(val)
		if !ok {
			ev.errorf(at(k.AsString(), true), "Invalid tags", "The tag %q must have a string value, not %s.", k.AsString(), val.Type().FriendlyName())
			continue
		}
		tags[k.AsString()] = s
	}
	for _, err := range model.CheckTags(tags, ev.l.quotas.TagsPerEntity) {
		rng := a.Expr.Range()
		var te *model.TagError
		if errors.As(err, &te) {
			rng = at(te.Key, te.InValue)
		}
		ev.errorf(rng, "Invalid tags", "%s.", english.Capitalize(err.Error()))
	}
	if len(tags) == 0 {
		return nil
	}
	return tags
}

// tagPlace is where a tag is written: its key and its value.
type tagPlace struct{ key, value hcl.Range }

// tagPlaces maps the keys of a tags map written literally ({ team = "x" })
// to where each key and value is written; keys that are computed, and maps
// given any other way, have no entry.
func tagPlaces(expr hcl.Expression) map[string]tagPlace {
	out := map[string]tagPlace{}
	obj, ok := expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return out
	}
	for _, item := range obj.Items {
		if k := objectKey(item.KeyExpr); k != "" {
			out[k] = tagPlace{key: item.KeyExpr.Range(), value: item.ValueExpr.Range()}
		}
	}
	return out
}

// description reads a role's or policy's description: at most
// model.MaxDescriptionLen characters. A role's description (CreateRole,
// UpdateRole) is also limited to tab, line feed, carriage return,
// printable ASCII and Latin-1's printable characters; IAM's reference
// gives a managed policy's description (CreatePolicy) a length only.
func (ev *evaluator) description(in *instance, ctx *hcl.EvalContext) string {
	a := in.e.content.Attributes["description"]
	if a == nil {
		return ""
	}
	s, ok := ev.str(a.Expr, ctx, "The description")
	if !ok {
		return ""
	}
	if n := utf8.RuneCountInString(s); n > model.MaxDescriptionLen {
		ev.errorf(a.Expr.Range(), "Description too long", "The description is %d characters long; IAM allows at most %d.", n, model.MaxDescriptionLen)
	}
	if in.e.kind == kRole {
		if i, c, bad := model.BadRoleDescriptionChar(s); bad {
			ev.errorf(a.Expr.Range(), "Invalid role description",
				"The description holds %q (%U) at character %d; IAM takes a role's description in printable ASCII and Latin-1 characters (U+0020 to U+007E, U+00A1 to U+00FF), tabs and line breaks only.", c, c, i)
		}
	}
	return s
}
