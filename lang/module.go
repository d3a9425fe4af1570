package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/iamc/iamc/model"
)

// MaxModuleDepth bounds how deeply modules use modules, and MaxModules how
// many module blocks one load compiles in all, so that no configuration
// can make iamc compile without end (a module used twice by each of its
// callers doubles at every level).
const (
	MaxModuleDepth = 16
	MaxModules     = 1_000
)

// moduleCall is what a module block hands the load of its directory: the
// values of its arguments, and what the whole load shares.
type moduleCall struct {
	name   string // module.NAME, as the caller writes it
	block  *hcl.Block
	args   map[string]*hcl.Attribute
	values map[string]cty.Value
	chain  []string // the real directories of the loads above, the root first
	shared *moduleShared
}

// moduleShared is what every load of one Load shares.
type moduleShared struct {
	root   string // the repository root, real path
	places *places
	count  int // module blocks compiled so far
}

// moduleBlock is a module block of the configuration.
type moduleBlock struct {
	block *hcl.Block
	attrs hcl.Attributes
	cfg   *Config
}

// declareModule records a module block; its label must be unique.
func (l *loader) declareModule(b *hcl.Block) {
	name := b.Labels[0]
	if prev := l.moduleByName[name]; prev != nil {
		l.diags = append(l.diags, errorAt(b.LabelRanges[0], "Duplicate module block",
			"A module named %q is declared already, at %s. Give each module block its own label.", name, rangeString(prev.block.DefRange)))
		return
	}
	attrs, diags := b.Body.JustAttributes()
	l.diags = append(l.diags, diags...)
	m := &moduleBlock{block: b, attrs: attrs}
	l.moduleByName[name] = m
	l.modules = append(l.modules, m)
}

func rangeString(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// repositoryRoot is the root modules must stay inside: Options.Root, else
// the nearest directory at or above dir that holds .git, else dir itself.
func repositoryRoot(dir, root string) (string, error) {
	if root != "" {
		abs, err := filepath.Abs(root)
		if err != nil {
			return "", err
		}
		return filepath.EvalSymlinks(abs)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	for d := real; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return real, nil
		}
		d = parent
	}
}

// loadModules compiles each module block's directory with its arguments
// as the module's variables. The arguments may refer to variables and
// local values only, so that a module is compiled before the entities
// of its caller.
func (l *loader) loadModules() {
	if len(l.modules) == 0 {
		return
	}
	shared := l.shared()
	if shared == nil {
		return
	}
	for _, m := range l.modules {
		shared.count++
		if shared.count > MaxModules {
			l.diags = append(l.diags, errorAt(m.block.DefRange, "Too many modules",
				"This configuration and its modules hold more than %d module blocks in all; iamc compiles no more.", MaxModules))
			return
		}
		l.loadModule(m, shared)
	}
}

// shared returns what the loads of this Load share, made at the root.
func (l *loader) shared() *moduleShared {
	if l.opts.module != nil {
		return l.opts.module.shared
	}
	root, err := repositoryRoot(l.opts.Dir, l.opts.Root)
	if err != nil {
		l.diags = append(l.diags, errorAt(l.modules[0].block.DefRange, "Cannot find the repository root",
			"Modules must stay inside the repository root, which cannot be resolved: %v.", err))
		return nil
	}
	return &moduleShared{root: root, places: l.places}
}

func (l *loader) loadModule(m *moduleBlock, shared *moduleShared) {
	name := m.block.Labels[0]
	src := m.attrs["source"]
	if src == nil {
		l.diags = append(l.diags, errorAt(m.block.DefRange, "Missing source",
			"A module block names the directory of its module: source = \"../modules/NAME\"."))
		return
	}
	val, diags := src.Expr.Value(nil)
	if diags.HasErrors() || val.IsNull() || !val.IsKnown() || val.Type() != cty.String {
		l.diags = append(l.diags, errorAt(src.Expr.Range(), "Invalid source",
			"A module's source is a literal string: the module's directory, relative to this configuration's."))
		return
	}
	source := val.AsString()
	if source == "" || filepath.IsAbs(source) {
		l.diags = append(l.diags, errorAt(src.Expr.Range(), "Invalid source",
			"A module's source is a directory relative to this configuration's, such as \"../modules/baseline\"."))
		return
	}
	dir := filepath.Join(l.opts.Dir, filepath.FromSlash(source))
	abs, err := filepath.Abs(dir)
	if err == nil && !within(shared.root, abs) {
		err = fmt.Errorf("it is outside the repository root %s", shared.root)
	}
	var real string
	if err == nil {
		real, err = filepath.EvalSymlinks(abs)
	}
	if err == nil && !within(shared.root, real) {
		err = fmt.Errorf("its symbolic links lead outside the repository root %s", shared.root)
	}
	if err == nil {
		if info, statErr := os.Stat(real); statErr != nil || !info.IsDir() {
			err = fmt.Errorf("it is not a directory")
		}
	}
	if err != nil {
		l.diags = append(l.diags, errorAt(src.Expr.Range(), "Invalid module source",
			"The module source %q cannot be used: %s. A module is a directory of *.iam.hcl files inside the repository (the nearest directory above the configuration that holds .git, or --root).", source, describeSourceErr(err)))
		return
	}
	chain := []string{}
	if l.opts.module != nil {
		chain = l.opts.module.chain
	} else if self, err := filepath.EvalSymlinks(mustAbs(l.opts.Dir)); err == nil {
		chain = []string{self}
	}
	for _, c := range chain {
		if c == real {
			l.diags = append(l.diags, errorAt(src.Expr.Range(), "Module cycle",
				"The module %q uses %s, which is already being loaded: %s. A module may not use itself, directly or through others.", name, source, strings.Join(append(relDirs(shared.root, chain), relDirs(shared.root, []string{real})...), " → ")))
			return
		}
	}
	if len(chain) > MaxModuleDepth {
		l.diags = append(l.diags, errorAt(src.Expr.Range(), "Modules nested too deeply",
			"Modules use modules more than %d deep here; iamc loads no deeper.", MaxModuleDepth))
		return
	}
	call := &moduleCall{name: "module." + name, block: m.block, args: map[string]*hcl.Attribute{}, values: map[string]cty.Value{},
		chain: append(append([]string(nil), chain...), real), shared: shared}
	ctx := &hcl.EvalContext{Functions: l.funcs, Variables: map[string]cty.Value{"var": l.varObject(), "local": l.localObject()}}
	ok := true
	for argName, a := range m.attrs {
		if argName == "source" {
			continue
		}
		for _, t := range a.Expr.Variables() {
			if r := t.RootName(); r != "var" && r != "local" {
				l.diags = append(l.diags, errorAt(t.SourceRange(), "Invalid reference in a module argument",
					"A module's arguments may refer to variables (var.NAME) and local values (local.NAME) only: the module is compiled before the entities of its caller."))
				ok = false
			}
		}
		if !ok {
			continue
		}
		v, diags := a.Expr.Value(ctx)
		l.diags = append(l.diags, diags...)
		if diags.HasErrors() {
			ok = false
			continue
		}
		call.args[argName] = a
		call.values[argName] = v
	}
	if !ok {
		return
	}
	opts := Options{Dir: filepath.Clean(dir), AccountID: l.opts.AccountID, Quotas: l.opts.Quotas, Strict: l.opts.Strict, Now: l.opts.Now, module: call}
	if l.placeholderID {
		opts.AccountID = l.accountID
	}
	cfg, diags := Load(opts)
	l.diags = append(l.diags, diags...)
	if cfg == nil {
		return
	}
	// Its files, for the snippets of its diagnostics.
	for name, f := range cfg.Files {
		l.moduleFiles[name] = f
	}
	if !diags.HasErrors() {
		m.cfg = cfg
	}
}

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// relDirs names directories relative to the repository root.
func relDirs(root string, dirs []string) []string {
	out := make([]string, len(dirs))
	for i, d := range dirs {
		if rel, err := filepath.Rel(root, d); err == nil {
			out[i] = filepath.ToSlash(rel)
		} else {
			out[i] = d
		}
	}
	return out
}

func describeSourceErr(err error) string {
	if os.IsNotExist(err) {
		return "it does not exist"
	}
	return err.Error()
}

// localObject is every local value, for the arguments of module blocks.
func (l *loader) localObject() cty.Value {
	m := map[string]cty.Value{}
	for name, lc := range l.locals {
		if lc.state == evaluated {
			m[name] = lc.value
		} else {
			m[name] = cty.DynamicVal
		}
	}
	return cty.ObjectVal(m)
}

// moduleVariables gives the variables of a module's load the values of
// its module block's arguments; an argument no variable declares is an
// error at the argument.
func (l *loader) moduleVariables() {
	call := l.opts.module
	if call == nil {
		return
	}
	names := make([]string, 0, len(call.args))
	for n := range call.args {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := call.args[n]
		v := l.variables[n]
		if v == nil {
			l.diags = append(l.diags, errorAt(a.NameRange, "Unsupported argument",
				"The module in %s declares no variable %q.%s", l.opts.Dir, n, didYouMean(n, l.varNames)))
			continue
		}
		conv, err := convert.Convert(call.values[n], v.typ)
		if err != nil {
			l.diags = append(l.diags, errorAt(a.Expr.Range(), "Invalid value for module variable",
				"The variable %q of the module is of type %s: %s.", n, typeexpr.TypeString(v.typ), err))
			v.failed = true
			continue
		}
		v.value, v.set = conv, true
	}
	if l.iamcBlock != nil {
		l.diags = append(l.diags, errorAt(l.iamcBlock.DefRange, "iamc block in a module",
			"The iamc block (account id, scope, quotas) belongs in the account's configuration directory, not in a module."))
	}
}

// mergeModules adds the entities of the modules to the account, with
// their declarations and addresses; an entity whose IAM name another
// declares too is an error at the module block.
func (l *loader) mergeModules() {
	if l.account == nil || len(l.modules) == 0 {
		return
	}
	for _, m := range l.modules {
		if m.cfg == nil {
			continue
		}
		prefix := "module." + m.block.Labels[0] + "."
		for _, dup := range mergeAccount(l.account, m.cfg.Account) {
			l.diags = append(l.diags, errorAt(m.block.DefRange, "Duplicate "+dup.kind+" name",
				"The module declares %s %q, which this configuration or another of its modules declares too: IAM names are unique in an account, compared without regard to case.", dup.kind, dup.name))
		}
		for a, r := range m.cfg.Declarations {
			if _, ok := l.declarations[a]; !ok {
				l.declarations[a] = r
			}
		}
		for written, a := range m.cfg.Addresses {
			l.moduleAddresses[prefix+written] = a
		}
		l.expectedRequests += m.cfg.ExpectedRequests
		l.moduleExpects += m.cfg.Expectations
	}
	// The caller's groups may list a module's users as members.
	for _, u := range l.account.Users {
		sortFolded(u.Groups)
	}
	// The account's quotas count the modules' entities too.
	q, a := l.quotas, l.account
	for _, c := range []struct {
		kind     string
		n, limit int
	}{{"users", len(a.Users), q.Users}, {"groups", len(a.Groups), q.Groups}, {"roles", len(a.Roles), q.Roles}, {"managed policies", len(a.Policies), q.Policies}} {
		if c.n > c.limit {
			l.diags = append(l.diags, errorAt(l.modules[0].block.DefRange, "Too many "+c.kind+" in the account",
				"The configuration and its modules declare %d %s, more than the account's quota of %d.", c.n, c.kind, c.limit))
		}
	}
}

type duplicate struct{ kind, name string }

// mergeAccount adds src's entities and singletons to dst and returns those
// dst holds already.
func mergeAccount(dst, src *model.Account) []duplicate {
	var dups []duplicate
	dups = append(dups, mergeMap("user", dst.Users, src.Users, func(u *model.User) string { return u.Name })...)
	dups = append(dups, mergeMap("group", dst.Groups, src.Groups, func(g *model.Group) string { return g.Name })...)
	dups = append(dups, mergeMap("role", dst.Roles, src.Roles, func(r *model.Role) string { return r.Name })...)
	dups = append(dups, mergeMap("policy", dst.Policies, src.Policies, func(p *model.ManagedPolicy) string { return p.Name })...)
	dups = append(dups, mergeMap("instance_profile", dst.InstanceProfiles, src.InstanceProfiles, func(p *model.InstanceProfile) string { return p.Name })...)
	dups = append(dups, mergeMap("oidc_provider", dst.OIDCProviders, src.OIDCProviders, func(p *model.OIDCProvider) string { return p.Name })...)
	dups = append(dups, mergeMap("saml_provider", dst.SAMLProviders, src.SAMLProviders, func(p *model.SAMLProvider) string { return p.Name })...)
	if src.Alias != nil {
		if dst.Alias != nil {
			dups = append(dups, duplicate{"account", "alias"})
		} else {
			dst.Alias = src.Alias
		}
	}
	if src.PasswordPolicy != nil {
		if dst.PasswordPolicy != nil {
			dups = append(dups, duplicate{"password_policy", "password policy"})
		} else {
			dst.PasswordPolicy = src.PasswordPolicy
		}
	}
	return dups
}

func mergeMap[T any](kind string, dst, src map[string]T, name func(T) string) []duplicate {
	var dups []duplicate
	keys := make([]string, 0, len(src))
	for k := range src {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := dst[k]; ok {
			dups = append(dups, duplicate{kind, name(src[k])})
			continue
		}
		dst[k] = src[k]
	}
	return dups
}

// ModuleDirs returns the directories of the modules that the
// configuration in dir uses, directly or through other modules, each
// once, in the order first met: for iamc fmt. Sources are resolved and
// confined as Load does (root as Options.Root); a file that does not
// parse, or a source that cannot be used, is skipped here, and reported
// by Load.
func ModuleDirs(dir, root string) ([]string, error) {
	realRoot, err := repositoryRoot(dir, root)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	if self, err := filepath.EvalSymlinks(mustAbs(dir)); err == nil {
		seen[self] = true
	}
	var out []string
	var walk func(dir string, depth int)
	walk = func(dir string, depth int) {
		if depth > MaxModuleDepth || len(out) >= MaxModules {
			return
		}
		names, _ := filepath.Glob(filepath.Join(dir, "*.iam.hcl"))
		sort.Strings(names)
		for _, name := range names {
			src, err := ReadConfigFile(dir, filepath.Base(name))
			if err != nil || nestingProblem(name, src, false) != nil {
				continue
			}
			f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
			if diags.HasErrors() {
				continue
			}
			content, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "module", LabelNames: []string{"name"}}}})
			for _, b := range content.Blocks {
				attrs, _ := b.Body.JustAttributes()
				a := attrs["source"]
				if a == nil {
					continue
				}
				v, diags := a.Expr.Value(nil)
				if diags.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.String || filepath.IsAbs(v.AsString()) {
					continue
				}
				sub := filepath.Clean(filepath.Join(dir, filepath.FromSlash(v.AsString())))
				real, err := filepath.EvalSymlinks(mustAbs(sub))
				if err != nil || !within(realRoot, mustAbs(sub)) || !within(realRoot, real) || seen[real] {
					continue
				}
				seen[real] = true
				out = append(out, sub)
				walk(sub, depth+1)
			}
		}
	}
	walk(dir, 0)
	return out, nil
}

// moduleValue is what module.NAME evaluates to: an object of the module's
// kinds, each an object of its entities by label, as user.X and the like
// evaluate inside the module. A module that failed to compile is unknown
// (its errors were reported).
func (l *loader) moduleValue(name string) cty.Value {
	m := l.moduleByName[name]
	if m == nil || m.cfg == nil {
		return cty.DynamicVal
	}
	ml := m.cfg.loader
	kinds := map[string]cty.Value{}
	for k := range numKinds {
		ents := map[string]cty.Value{}
		for _, e := range ml.entityOrder[k] {
			ents[e.label] = e.entityValue()
		}
		kinds[k.String()] = cty.ObjectVal(ents)
	}
	return cty.ObjectVal(kinds)
}

// indexModuleNames adds the modules' entities to the index by IAM name,
// so that a reference to one (module.NAME.KIND.LABEL, resolved by its
// ARN) finds it. A name declared twice is reported by mergeModules.
func (l *loader) indexModuleNames() {
	for _, m := range l.modules {
		if m.cfg == nil {
			continue
		}
		for k := range numKinds {
			for f, in := range m.cfg.loader.byName[k] {
				if l.byName[k][f] == nil {
					l.byName[k][f] = in
				}
			}
		}
	}
}
