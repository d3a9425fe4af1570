package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/internal/regularfile"
	"github.com/iamc/iamc/model"
)

// Options say what to load and how.
type Options struct {
	// Dir is the configuration directory: every *.iam.hcl and *.iam.json
	// file directly in it, in name order.
	Dir string
	// Vars are --var NAME=VALUE flags, in the order given (later wins).
	Vars []string
	// VarFiles are --var-file FILE flags: HCL attribute syntax, or HCL's
	// JSON syntax when the name ends in .json. Later files win.
	VarFiles []string
	// Environ holds KEY=VALUE pairs (os.Environ()), for IAMC_VAR_<name>.
	Environ []string
	// AccountID is the provider's account id when it is known. When it is
	// "" (validate), the account id is iamc { account_id } if declared,
	// else PlaceholderAccountID, so that ARNs and account.id are checked
	// for their form only.
	AccountID string
	// Quotas are the account's quotas when the provider knows them
	// (GetAccountSummary, the memory account's state); nil means
	// model.DefaultQuotas. iamc { quotas } takes precedence.
	Quotas *model.Quotas
	// Strict turns warnings into errors (--strict).
	Strict bool
	// Now is the time of the requests expect blocks make (aws:CurrentTime);
	// nil is the clock.
	Now func() time.Time
	// Root is the repository root that module sources must stay inside
	// (--root); "" is the nearest directory at or above Dir holding .git.
	Root string
	// IamcOnly stops once the iamc block (and the variables it may use)
	// is read: what a command needs before the account is open, such as
	// assume_role. The Config then holds the iamc block's values and no
	// entity.
	IamcOnly bool

	// module is set when this load is a module's, by its module block.
	module *moduleCall
}

// PlaceholderAccountID stands for the account id when none is known.
const PlaceholderAccountID = "000000000000"

// Config is a compiled configuration.
type Config struct {
	// Dir is the configuration directory, as Options gave it.
	Dir string
	// Account is the desired account; entity ARNs are built with the
	// account id of the load (see Options.AccountID).
	Account *model.Account
	// DeclaredAccountID is iamc { account_id }, "" when none is declared.
	DeclaredAccountID string
	// AssumeRole is iamc { assume_role }, the ARN of the role that a
	// provider reaching the account through AWS credentials assumes
	// first; "" when none is declared.
	AssumeRole string
	// Scope is iamc { manage }, model.DefaultScope when not declared.
	Scope         model.Scope
	ScopeDeclared bool
	// ScopeRange is where iamc { manage } is declared, nil when it is not.
	ScopeRange *hcl.Range
	// Quotas are Options.Quotas (else model.DefaultQuotas) with
	// iamc { quotas { ... } } applied.
	Quotas model.Quotas
	// Files holds every parsed file by name, for hcl's diagnostic writer;
	// variable files are included. Native-syntax files are outlines: their
	// bytes and top-level blocks, without the rest of their syntax trees.
	Files map[string]*hcl.File
	// Expectations is how many expect blocks the configuration holds (all
	// of them met when there are no errors), and ExpectedRequests how many
	// requests they checked.
	Expectations, ExpectedRequests int
	// Addresses maps each entity's address as the configuration writes it
	// (user.dev["alice"], group.admins) to its address by IAM name.
	Addresses map[string]model.Address
	// places says where each document's statements are: StatementRange.
	places *places
	// loader is the load's, for the module block that loaded it.
	loader *loader
	// Declarations maps each entity's and singleton's address, as
	// Address.Key() gives it, to the range of its declaring block.
	Declarations map[model.Address]hcl.Range
}

// Load parses and compiles the configuration directory. It returns every
// diagnostic of the run, errors and warnings, sorted by file, line and
// column. The Config is non-nil whenever there were files to parse; when
// the diagnostics hold errors its Account is incomplete and must not be
// planned.
func Load(opts Options) (*Config, hcl.Diagnostics) {
	l := newLoader(opts)
	if !l.readFiles() {
		return l.finish(false)
	}
	if l.diags.HasErrors() {
		// Syntax errors: compiling what could be parsed would mostly add
		// errors that follow from them.
		return l.finish(true)
	}
	l.decodeFiles()
	l.decodeVariables()
	l.decodeIamc()
	if l.opts.IamcOnly {
		return l.finish(true)
	}
	l.checkReferences()
	l.expectReferences()
	l.evaluateGraph()
	l.loadModules()
	l.buildContext()
	l.compileEntities()
	l.compileSingletons()
	l.checkAccount()
	l.mergeModules()
	l.checkEC2Roles()
	l.checkExpectations()
	return l.finish(true)
}

// configFile is a parsed configuration file.
type configFile struct {
	name    string // filepath.Join(Dir, base name)
	file    *hcl.File
	decoded *decoded // nil: decode when needed
}

// readFiles reads and parses the configuration files, several at a time
// (parseSources).
// It reports false when there is nothing to compile.
func (l *loader) readFiles() bool {
	entries, err := os.ReadDir(l.opts.Dir)
	if err != nil {
		l.diags = append(l.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Cannot read the configuration directory",
			Detail:   err.Error() + ".",
		})
		return false
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !(strings.HasSuffix(n, ".iam.hcl") || strings.HasSuffix(n, ".iam.json")) {
			continue
		}
		names = append(names, n) // ReadDir sorts by name
	}
	if len(names) == 0 {
		l.diags = append(l.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "No configuration files",
			Detail:   "The directory " + l.opts.Dir + " holds no *.iam.hcl or *.iam.json file. Run iamc in a configuration directory, or name one.",
		})
		return false
	}
	if len(names) > MaxConfigFiles {
		l.diags = append(l.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Too many configuration files",
			Detail:   fmt.Sprintf("The directory %s holds %d *.iam.hcl and *.iam.json files; iamc reads at most %d.", l.opts.Dir, len(names), MaxConfigFiles),
		})
		return false
	}
	// The sizes the files say they have bound what is read in all
	// before any is read; each read stops at MaxConfigFileSize.
	var total int64
	for _, n := range names {
		if info, err := os.Stat(filepath.Join(l.opts.Dir, n)); err == nil && info.Mode().IsRegular() {
			total += info.Size()
		}
	}
	if total > MaxConfigSize {
		l.diags = append(l.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Configuration too large",
			Detail:   fmt.Sprintf("The configuration files of %s hold %s together; iamc reads at most %s.", l.opts.Dir, regularfile.Size(total), regularfile.Size(MaxConfigSize)),
		})
		return false
	}
	sources := make([]source, len(names))
	for i, n := range names {
		sources[i].name = n
		sources[i].path = filepath.Join(l.opts.Dir, n)
	}
	parseSources(sources, l.src.readConfigFile)
	for _, f := range sources {
		l.diags = append(l.diags, f.diags...)
		if f.file == nil {
			continue
		}
		l.files[f.path] = f.file
		l.order = append(l.order, configFile{name: f.path, file: f.file, decoded: f.decoded})
	}
	return len(l.order) > 0
}

// readConfigFile reads one configuration file.

// finish assembles the Config and the sorted diagnostics.
func (l *loader) finish(withConfig bool) (*Config, hcl.Diagnostics) {
	diags := l.diags
	if l.opts.Strict {
		for _, d := range diags {
			if d.Severity == hcl.DiagWarning {
				d.Severity = hcl.DiagError
			}
		}
	}
	diags = dedupe(diags)
	l.clampRanges(diags)
	sortDiagnostics(diags)
	if !withConfig {
		return nil, diags
	}
	files := make(map[string]*hcl.File, len(l.files))
	for name, f := range l.files {
		files[name] = outline(f)
	}
	cfg := &Config{
		Dir:               l.opts.Dir,
		Account:           l.account,
		DeclaredAccountID: l.declaredAccountID,
		AssumeRole:        l.assumeRole,
		Scope:             l.scope,
		ScopeDeclared:     l.scopeDeclared,
		ScopeRange:        l.scopeRange,
		Quotas:            l.quotas,
		Files:             files,
		Declarations:      l.declarations,
		places:            l.places,
		Addresses:         l.addresses(),
		Expectations:      len(l.expects) + l.moduleExpects,
		ExpectedRequests:  l.expectedRequests,
	}
	if cfg.Account == nil {
		cfg.Account = model.NewAccount(l.accountID)
	}
	if l.opts.module != nil {
		// Only a module's: the root's would keep every syntax tree alive.
		cfg.loader = l
	}
	for name, f := range l.moduleFiles {
		cfg.Files[name] = f
	}
	for written, a := range l.moduleAddresses {
		cfg.Addresses[written] = a
	}
	return cfg, diags
}

// clampRanges keeps every range a diagnostic points at inside its file:
// hcl's JSON parser may point one past the end of a file cut short ({"),
// and a snippet or an editor must not be sent beyond it.
func (l *loader) clampRanges(diags hcl.Diagnostics) {
	clamp := func(r *hcl.Range) *hcl.Range {
		if r == nil {
			return nil
		}
		f := l.files[r.Filename]
		if f == nil || r.CanSliceBytes(f.Bytes) {
			return r
		}
		c := *r
		c.Start = posAt(f.Bytes, min(c.Start.Byte, len(f.Bytes)))
		c.End = posAt(f.Bytes, min(max(c.End.Byte, c.Start.Byte), len(f.Bytes)))
		return &c
	}
	for _, d := range diags {
		d.Subject = clamp(d.Subject)
		d.Context = clamp(d.Context)
	}
}
