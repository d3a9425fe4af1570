package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/memory"
)

type serveCmd struct {
	addr             string
	allowRemote      bool
	accessKeyID      string
	secretAccessKey  string
	state            string
	accountID        string
	accounts         []string
	latency          time.Duration
	throttleRate     float64
	errorRate        float64
	consistencyDelay time.Duration
	seed             int64
	verbose          bool
}

func newServeCmd(s Streams) *cobra.Command {
	v := &serveCmd{}
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the memory account as an IAM API endpoint (for the AWS CLI, SDKs and iamc --provider aws)",
		Long: `serve answers the AWS IAM Query API (and STS GetCallerIdentity) from a
memory account, so that the AWS CLI, the SDKs and "iamc --provider aws
--endpoint-url" can use a local account.

Every request, /iamc/stats included, must be signed (SigV4) with the key
of --access-key-id and --secret-access-key (default test/test: set
AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test), or with an active access
key that serve created for a user of the account (CreateAccessKey; its
secret is kept in STATE.secrets, mode 0600, never in the state file).
Requests made by web pages (an Origin header, Sec-Fetch-Site cross-site)
are refused, and only the Host names 127.0.0.1, localhost and [::1] are
served; listening on another address needs --allow-remote.

With --account ID=STATEFILE (repeatable) it serves several accounts: a
request acts in the account of the access key that signed it (a user's
key in its account), the --access-key-id key in the first. STS AssumeRole
issues temporary credentials for a role of any served account when the
role's trust policy allows the caller (and, from another account, the
caller's own policies allow sts:AssumeRole on the role); requests signed
with them act in the role's account. Sessions live in memory only.

Every write is on disk before it is answered: appended to STATE.journal
and synced (concurrent writes share one sync). The journal is compacted
into the state file when it grows and on shutdown (Ctrl-C), and replayed
when serve (or any iamc command) opens the state after a crash.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return v.run(c.Context(), s)
		},
	}
	c.Flags().StringVar(&v.addr, "addr", "127.0.0.1:8080", "`HOST:PORT` to listen on (loopback by default; port 0 picks one)")
	c.Flags().BoolVar(&v.allowRemote, "allow-remote", false, "allow an --addr that is not loopback, and serve any Host name (needs --secret-access-key)")
	c.Flags().StringVar(&v.accessKeyID, "access-key-id", iamapi.DefaultAccessKeyID, "the access key `ID` requests may be signed with")
	c.Flags().StringVar(&v.secretAccessKey, "secret-access-key", iamapi.DefaultSecretAccessKey, "the secret `KEY` of --access-key-id")
	c.Flags().StringVar(&v.state, "state", "", "the memory account's state `FILE` (default $IAMC_STATE, else .iamc/account.json)")
	c.Flags().StringVar(&v.accountID, "account-id", "", "the `ID` of a new account (default 123456789012)")
	c.Flags().StringArrayVar(&v.accounts, "account", nil, "serve the account `ID=STATEFILE` (repeatable; instead of --state and --account-id)")
	c.Flags().DurationVar(&v.latency, "latency", 0, "add this `DURATION` to every request")
	c.Flags().Float64Var(&v.throttleRate, "throttle-rate", 0, "answer this `SHARE` (0..1) of requests with AWS's Throttling error")
	c.Flags().Float64Var(&v.errorRate, "error-rate", 0, "answer this `SHARE` (0..1) of requests with a 500 error")
	c.Flags().DurationVar(&v.consistencyDelay, "consistency-delay", 0, "keep new entities invisible to other calls for this `DURATION`, as IAM does")
	c.Flags().Int64Var(&v.seed, "seed", 1, "seed of the fault injection, for reproducible runs")
	c.Flags().BoolVar(&v.verbose, "verbose", false, "log every request to stderr (secrets are never logged)")
	return c
}

func (v *serveCmd) run(ctx context.Context, s Streams) error {
	if v.throttleRate < 0 || v.throttleRate > 1 || v.errorRate < 0 || v.errorRate > 1 {
		return fmt.Errorf("--throttle-rate and --error-rate are shares between 0 and 1")
	}
	if v.accessKeyID == "" || v.secretAccessKey == "" {
		return fmt.Errorf("--access-key-id and --secret-access-key cannot be empty")
	}
	if host, _, err := net.SplitHostPort(v.addr); err != nil {
		return fmt.Errorf("--addr %q: %v", v.addr, err)
	} else if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		if !v.allowRemote {
			return fmt.Errorf("--addr %s is not a loopback address: anyone who can reach it could use this account; add --allow-remote (with a --secret-access-key of your own) to serve it", v.addr)
		}
		if v.secretAccessKey == iamapi.DefaultSecretAccessKey {
			return fmt.Errorf("--allow-remote needs a --secret-access-key of your own: the default key %s/%s is public", iamapi.DefaultAccessKeyID, iamapi.DefaultSecretAccessKey)
		}
		fprintf(s.Stderr, "iamc: warning: serving on %s, which is not a loopback address: anyone who can reach it and has the key can change this account\n", v.addr)
	}
	served, err := v.servedAccounts()
	if err != nil {
		return err
	}
	settings := provider.Settings{"state": v.state}
	if settings["state"] == "" {
		settings["state"] = getenv(s.Environ, "IAMC_STATE")
	}
	if err := memory.Kind.Resolve(settings, "."); err != nil {
		return err
	}
	state := settings["state"]
	if served == nil {
		if err := os.MkdirAll(filepath.Dir(state), 0o755); err != nil {
			return err
		}
	}
	for _, a := range served {
		if err := os.MkdirAll(filepath.Dir(a.State), 0o755); err != nil {
			return err
		}
	}
	opts := iamapi.Options{
		AccessKeyID:      v.accessKeyID,
		SecretAccessKey:  v.secretAccessKey,
		Latency:          v.latency,
		ThrottleRate:     v.throttleRate,
		ErrorRate:        v.errorRate,
		ConsistencyDelay: v.consistencyDelay,
		Seed:             v.seed,
	}
	if v.verbose {
		opts.Logf = func(format string, args ...any) { fprintf(s.Stderr, format+"\n", args...) }
	}
	enter(ctx, serving)
	return iamapi.Run(ctx, iamapi.Config{
		Addr:        v.addr,
		AllowRemote: v.allowRemote,
		State:       state,
		AccountID:   v.accountID,
		Accounts:    served,
		Options:     opts,
		Notice:      func(format string, args ...any) { fprintf(s.Stderr, "iamc: "+format+"\n", args...) },
		Ready: func(addr string) {
			if served != nil {
				fprintf(s.Stderr, "iamc: serving %d memory accounts at http://%s (Ctrl-C to stop)\n", len(served), addr)
				return
			}
			fprintf(s.Stderr, "iamc: serving the memory account in %s at http://%s (Ctrl-C to stop)\n", state, addr)
		},
	})
}

// servedAccounts reads --account ID=STATEFILE flags; nil when there are
// none (--state serves one account).
func (v *serveCmd) servedAccounts() ([]iamapi.Account, error) {
	if len(v.accounts) == 0 {
		return nil, nil
	}
	if v.state != "" || v.accountID != "" {
		return nil, fmt.Errorf("--account serves accounts by ID=STATEFILE: it cannot be combined with --state or --account-id")
	}
	var out []iamapi.Account
	seen := map[string]bool{}
	for _, a := range v.accounts {
		id, state, ok := strings.Cut(a, "=")
		if !ok || state == "" {
			return nil, fmt.Errorf("--account %q: give ID=STATEFILE (123456789012=accounts/prod.json)", a)
		}
		if !model.IsAccountID(id) {
			return nil, fmt.Errorf("--account %q: %q is not an account id (12 digits)", a, id)
		}
		if seen[id] {
			return nil, fmt.Errorf("--account %q: the account %s is given twice", a, id)
		}
		seen[id] = true
		out = append(out, iamapi.Account{ID: id, State: state})
	}
	return out, nil
}
