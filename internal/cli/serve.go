package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/iamapi"
)

type serveCmd struct {
	addr             string
	state            string
	accountID        string
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
--endpoint-url" can use a local account. Requests must be SigV4-signed; any
key is accepted. The state file is written at most once a second and on
shutdown (Ctrl-C).`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return v.run(c.Context(), s)
		},
	}
	c.Flags().StringVar(&v.addr, "addr", "127.0.0.1:8080", "`HOST:PORT` to listen on (loopback by default; port 0 picks one)")
	c.Flags().StringVar(&v.state, "state", "", "the memory account's state `FILE` (default $IAMC_STATE, else .iamc/account.json)")
	c.Flags().StringVar(&v.accountID, "account-id", "", "the `ID` of a new account (default 123456789012)")
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
	if host, _, err := net.SplitHostPort(v.addr); err != nil {
		return fmt.Errorf("--addr %q: %v", v.addr, err)
	} else if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fprintf(s.Stderr, "iamc: warning: serving on %s, which is not a loopback address: anyone who can reach it can change this account\n", v.addr)
	}
	state := v.state
	if state == "" {
		state = getenv(s.Environ, "IAMC_STATE")
	}
	if state == "" {
		state = filepath.Join(".iamc", "account.json")
	}
	if err := os.MkdirAll(filepath.Dir(state), 0o755); err != nil {
		return err
	}
	opts := iamapi.Options{
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
		Addr:      v.addr,
		State:     state,
		AccountID: v.accountID,
		Options:   opts,
		Ready: func(addr string) {
			fprintf(s.Stderr, "iamc: serving the memory account in %s at http://%s (Ctrl-C to stop)\n", state, addr)
		},
	})
}
