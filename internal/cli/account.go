package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/awsiam"
	"github.com/iamc/iamc/provider/memory"
)

// providerFlags choose and configure the account a command works on.
type providerFlags struct {
	name        string
	state       string
	profile     string
	endpoint    string
	debug       bool
	lockTimeout time.Duration
}

func (f *providerFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.name, "provider", "", "the account: `NAME` memory (a local account in a state file) or aws (default $IAMC_PROVIDER, else memory)")
	c.Flags().StringVar(&f.state, "state", "", "the memory account's state `FILE` (default $IAMC_STATE, else .iamc/account.json under DIR)")
	c.Flags().StringVar(&f.profile, "profile", "", "AWS shared-config `PROFILE` (aws provider)")
	c.Flags().StringVar(&f.endpoint, "endpoint-url", "", "IAM and STS endpoint `URL`, for emulators (aws provider; default $AWS_ENDPOINT_URL_IAM, $AWS_ENDPOINT_URL)")
	c.Flags().BoolVar(&f.debug, "debug", false, "log every AWS request to stderr, secrets redacted (aws provider)")
	c.Flags().DurationVar(&f.lockTimeout, "lock-timeout", 30*time.Second, "how long to wait for another iamc holding the memory account's lock")
}

// resolve fills defaults from the environment.
func (f *providerFlags) resolve(s Streams, dir string) error {
	source := "--provider"
	if f.name == "" {
		f.name = getenv(s.Environ, "IAMC_PROVIDER")
		source = "IAMC_PROVIDER"
	}
	if f.name == "" {
		f.name = "memory"
	}
	switch f.name {
	case "memory":
		if f.state == "" {
			f.state = getenv(s.Environ, "IAMC_STATE")
		}
		if f.state == "" {
			f.state = filepath.Join(dir, ".iamc", "account.json")
		}
		if f.profile != "" || f.endpoint != "" {
			return fmt.Errorf("--profile and --endpoint-url are for --provider aws; the memory provider uses --state")
		}
	case "aws":
	default:
		return fmt.Errorf("unknown provider %q (from %s): use memory or aws", f.name, source)
	}
	return nil
}

// session is an open account: the provider and what to do when done.
type session struct {
	prov     provider.Provider
	ident    provider.Identity
	state    string // memory state file, "" for aws
	close    func() error
	closed   bool
	readOnly bool
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

// openAccount opens the provider. For a memory account whose state file
// does not exist yet, accountID and quotas are what it gets (the
// configuration's, else the defaults); with write false nothing is created.
func (f *providerFlags) openAccount(ctx context.Context, s Streams, write bool, accountID string, quotas *model.Quotas) (*session, error) {
	var sess *session
	logs := &logSink{w: s.Stderr}
	switch f.name {
	case "memory":
		sess = &session{state: f.state, readOnly: !write, logs: logs}
		if _, err := os.Stat(f.state); errors.Is(err, fs.ErrNotExist) && !write {
			if accountID == "" {
				accountID = model.DefaultAccountID
			}
			// Nothing is written: an empty account stands for the new one.
			// Its quotas matter only as the base of the configuration's.
			sess.prov = memory.New(accountID)
			break
		}
		if write {
			if err := os.MkdirAll(filepath.Dir(f.state), 0o755); err != nil {
				return nil, err
			}
		}
		acct, err := memory.Open(f.state, memory.Options{AccountID: accountID, Quotas: quotas, ReadOnly: !write, LockTimeout: f.lockTimeout})
		if err != nil {
			return nil, err
		}
		sess.prov = acct
		sess.close = acct.Close
	case "aws":
		var debug io.Writer
		if f.debug {
			debug = logs
		}
		p, err := awsiam.New(ctx, awsiam.Options{
			Profile:     f.profile,
			EndpointURL: f.endpoint,
			Debug:       debug,
			Logf:        logs.logf,
		})
		if err != nil {
			return nil, err
		}
		sess = &session{prov: p, logs: logs}
	}
	ident, err := sess.prov.Identity(ctx)
	if err != nil {
		sess.Close()
		return nil, fmt.Errorf("identifying the account: %w", err)
	}
	sess.ident = ident
	return sess, nil
}

// stateExists reports whether a memory account's state file exists.
func (f *providerFlags) stateExists() bool {
	_, err := os.Stat(f.state)
	return err == nil
}

// prepare opens the account and compiles the configuration for it: the
// configuration's ARNs need the account id, and the account's id, when it
// is a new memory account, comes from the configuration. It refuses an
// account other than iamc { account_id } before anything is read.
func prepare(ctx context.Context, s Streams, dir string, cf *configFlags, pf *providerFlags, write bool) (*session, *lang.Config, error) {
	if err := pf.resolve(s, dir); err != nil {
		return nil, nil, err
	}
	var cfg *lang.Config
	var newQuotas *model.Quotas
	declared := ""
	loadStreams := s
	if pf.name == "memory" && !pf.stateExists() {
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
		loadStreams.Stderr = io.Discard
	}
	sess, err := pf.openAccount(ctx, s, write, declared, newQuotas)
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
	collectCompiled()
	return sess, cfg, nil
}

func (f *configFlags) options(s Streams, dir, accountID string) lang.Options {
	return lang.Options{Dir: dir, Vars: f.vars, VarFiles: f.varFiles, Environ: s.Environ, AccountID: accountID, Strict: f.strict}
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
