package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/registry"
)

// providerFlags choose and configure the account a command works on:
// --provider, and the flags of every provider in the registry, of which
// those of the chosen one apply.
type providerFlags struct {
	name     string
	flags    *pflag.FlagSet
	kind     provider.Kind
	settings provider.Settings
}

func (f *providerFlags) register(c *cobra.Command) {
	var names []string
	for _, k := range registry.Kinds() {
		names = append(names, k.Name+" ("+k.Usage+")")
	}
	c.Flags().StringVar(&f.name, "provider", "", "the account: `NAME` "+strings.Join(names, " or ")+" (default $IAMC_PROVIDER, else "+registry.Default+")")
	for _, k := range registry.Kinds() {
		for _, fl := range k.Flags {
			if c.Flags().Lookup(fl.Name) != nil {
				continue
			}
			switch fl.Type {
			case provider.BoolFlag:
				c.Flags().Bool(fl.Name, fl.Default == "true", fl.Usage)
			case provider.DurationFlag:
				d, _ := time.ParseDuration(fl.Default)
				c.Flags().Duration(fl.Name, d, fl.Usage)
			default:
				c.Flags().String(fl.Name, fl.Default, fl.Usage)
			}
		}
	}
	f.flags = c.Flags()
}

// resolve chooses the provider (--provider, IAMC_PROVIDER, the default)
// and its settings (its flags, their environment variables, their
// defaults, then the provider's own under dir). A flag of another
// provider is refused.
func (f *providerFlags) resolve(s Streams, dir string) error {
	source := "--provider"
	if f.name == "" {
		f.name = getenv(s.Environ, "IAMC_PROVIDER")
		source = "IAMC_PROVIDER"
	}
	if f.name == "" {
		f.name = registry.Default
	}
	kind, err := registry.Lookup(f.name)
	if err != nil {
		return fmt.Errorf("%v (from %s)", err, source)
	}
	f.kind = kind
	own := map[string]bool{}
	f.settings = provider.Settings{}
	for _, fl := range kind.Flags {
		own[fl.Name] = true
		v := fl.Default
		if pf := f.flags.Lookup(fl.Name); pf != nil && pf.Changed {
			v = pf.Value.String()
		} else if e := getenv(s.Environ, fl.Env); fl.Env != "" && e != "" {
			v = e
		}
		f.settings[fl.Name] = v
	}
	for _, k := range registry.Kinds() {
		for _, fl := range k.Flags {
			if pf := f.flags.Lookup(fl.Name); pf != nil && pf.Changed && !own[fl.Name] {
				return fmt.Errorf("--%s is for --provider %s; the %s provider does not take it", fl.Name, k.Name, kind.Name)
			}
		}
	}
	return kind.Resolve(f.settings, dir)
}

// exists reports whether the chosen account is there already.
func (f *providerFlags) exists() bool { return f.kind.Exists(f.settings) }

// location is where the chosen account is kept ("" for AWS).
func (f *providerFlags) location() string { return f.kind.Location(f.settings) }

// session is an open account: the provider and what to do when done.
type session struct {
	prov  provider.Provider
	ident provider.Identity
	state string // where the account is kept: the memory state file, "" for aws
	// assumedRole is the role the provider assumed to reach the account.
	assumedRole string
	// sequential asks apply for one call at a time.
	sequential bool
	close      func() error
	closed     bool
	readOnly   bool
	// logs is where the provider's log lines go: stderr, or an apply's
	// progress view while one runs.
	logs *logSink
}

// logSink passes the provider's log lines (and --debug lines) to stderr,
// or to a view that keeps them above its live line.
type logSink struct {
	mu   sync.Mutex
	w    io.Writer
	view func(line string)
}

func (l *logSink) logf(format string, args ...any) {
	line := fmt.Sprintf("iamc: "+format, args...)
	l.mu.Lock()
	view := l.view
	if view == nil {
		fmt.Fprintln(l.w, line)
	}
	l.mu.Unlock()
	if view != nil {
		view(line)
	}
}

// Write passes what is written, whole lines each (the --debug lines),
// the same way.
func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	view := l.view
	if view == nil {
		defer l.mu.Unlock()
		return l.w.Write(p)
	}
	l.mu.Unlock()
	view(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// route sends the lines to view until it is called again with nil.
func (l *logSink) route(view func(line string)) {
	l.mu.Lock()
	l.view = view
	l.mu.Unlock()
}

// Close releases the account; for a memory account that is writable, it
// saves what was done.
func (s *session) Close() error {
	if s.closed || s.close == nil {
		return nil
	}
	s.closed = true
	return s.close()
}

// openAccount opens the chosen account. An account that does not exist
// yet gets accountID and quotas (the configuration's, else the defaults);
// with write false nothing is created.
func (f *providerFlags) openAccount(ctx context.Context, s Streams, write bool, accountID string, quotas *model.Quotas, assumeRole string) (*session, error) {
	logs := &logSink{w: s.Stderr}
	acct, err := f.kind.Open(ctx, f.settings, provider.OpenOptions{Write: write, AccountID: accountID, Quotas: quotas, AssumeRole: assumeRole, Logf: logs.logf, Debug: logs})
	if err != nil {
		return nil, err
	}
	sess := &session{prov: acct.Provider, ident: acct.Identity, state: acct.Location, sequential: acct.Sequential, close: acct.Close, readOnly: !write, logs: logs}
	if f.kind.AssumeRole {
		sess.assumedRole = assumeRole
	}
	return sess, nil
}

// prepare opens the account and compiles the configuration for it: the
// configuration's ARNs need the account id, and the account's id, when it
// is a new memory account, comes from the configuration. It refuses an
// account other than iamc { account_id } before anything is read. A
// provider that reaches its account with AWS credentials assumes
// iamc { assume_role } first, so the configuration is read before the
// account is opened.
func prepare(ctx context.Context, s Streams, dir string, cf *configFlags, pf *providerFlags, write bool) (*session, *lang.Config, error) {
	if err := pf.resolve(s, dir); err != nil {
		return nil, nil, err
	}
	var cfg *lang.Config
	var newQuotas *model.Quotas
	declared, assumeRole := "", ""
	loadStreams := s
	if !pf.exists() {
		// A new memory account takes the configuration's account id, or
		// the default one. Compile for the default first: unless the
		// configuration declares another id, that compile is final;
		// otherwise compile again, quietly, as its diagnostics were
		// printed already.
		// The new account also gets the configuration's quotas.
		first, err := cf.load(s, dir, model.DefaultAccountID, nil)
		if err != nil {
			return nil, nil, err
		}
		declared = first.DeclaredAccountID
		if declared == "" || declared == model.DefaultAccountID {
			cfg = first
		}
		newQuotas = &first.Quotas
		assumeRole = first.AssumeRole
		loadStreams.Stderr = io.Discard
	} else if pf.kind.AssumeRole {
		assumeRole = peekAssumeRole(s, dir, cf)
	}
	sess, err := pf.openAccount(ctx, s, write, declared, newQuotas, assumeRole)
	if err != nil {
		return nil, nil, err
	}
	if cfg == nil {
		// The account's quotas, where the provider knows them, are the
		// base that iamc { quotas } refines.
		var quotas *model.Quotas
		if qr, ok := sess.prov.(provider.QuotaReader); ok {
			q, err := qr.Quotas(ctx)
			if err != nil {
				sess.Close()
				return nil, nil, fmt.Errorf("reading the account's quotas: %w", err)
			}
			quotas = &q
		}
		if cfg, err = cf.load(loadStreams, dir, sess.ident.Account, quotas); err != nil {
			sess.Close()
			return nil, nil, err
		}
		if quotas != nil {
			if err := checkRaisedQuotas(cfg.Quotas, *quotas, pf.name); err != nil {
				sess.Close()
				return nil, nil, err
			}
		}
	}
	if cfg.DeclaredAccountID != "" && cfg.DeclaredAccountID != sess.ident.Account {
		sess.Close()
		return nil, nil, fmt.Errorf("the configuration is for account %s (iamc { account_id }), but the %s provider's account is %s (%s): refusing to touch it",
			cfg.DeclaredAccountID, pf.name, sess.ident.Account, sess.ident.Caller)
	}
	if !cf.manyAccounts {
		collectCompiled()
	}
	return sess, cfg, nil
}

func (f *configFlags) options(s Streams, dir, accountID string) lang.Options {
	return lang.Options{Dir: dir, Vars: f.vars, VarFiles: f.varFiles, Environ: s.Environ, AccountID: accountID, Strict: f.strict, Root: f.root}
}

func getenv(environ []string, key string) string {
	for i := len(environ) - 1; i >= 0; i-- {
		kv := environ[i]
		if len(kv) > len(key) && kv[:len(key)] == key && kv[len(key)] == '=' {
			return kv[len(key)+1:]
		}
	}
	return ""
}

// checkRaisedQuotas refuses a configuration whose iamc { quotas } claims
// more than the account has: the plan would pass and the apply fail
// half-way with LimitExceeded. A lower quota is the configuration's own
// stricter limit and stands.
func checkRaisedQuotas(declared, account model.Quotas, providerName string) error {
	var over []string
	for _, q := range model.AdjustableQuotas {
		d, a := *q.Field(&declared), *q.Field(&account)
		if d > a {
			over = append(over, fmt.Sprintf("%s = %d (the account allows %d)", q.Name, d, a))
		}
	}
	if len(over) == 0 {
		return nil
	}
	return fmt.Errorf("iamc { quotas } sets %s, more than the %s provider's account allows: ask AWS to raise the quota first, or lower the setting", strings.Join(over, ", "), providerName)
}

// peekAssumeRole reads the configuration's iamc { assume_role } before
// the account is open: the iamc block and the variables it may use only,
// quietly (the compile for the account, once it is open, reports every
// diagnostic); "" when it declares none or cannot be read.
func peekAssumeRole(s Streams, dir string, cf *configFlags) string {
	opts := cf.options(s, dir, "")
	opts.IamcOnly = true
	cfg, diags := lang.Load(opts)
	if cfg == nil || diags.HasErrors() {
		return ""
	}
	return cfg.AssumeRole
}

// assumeRoleOf is the role to assume for a command that reads the
// account of a configuration directory, when the provider assumes roles
// and the directory holds a configuration; "" otherwise.
func (f *providerFlags) assumeRoleOf(s Streams, dir string, cf *configFlags) string {
	if !f.kind.AssumeRole || !hasConfiguration(dir) {
		return ""
	}
	return peekAssumeRole(s, dir, cf)
}
