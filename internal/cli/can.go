package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/internal/regularfile"
	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// MaxRequestsFileSize bounds a --requests file.
const MaxRequestsFileSize = 64 << 20

type canCmd struct {
	config    configFlags
	provider  providerFlags
	principal string
	action    string
	resource  string
	context   []string
	now       string
	current   bool
	format    string
	requests  string
}

func newCanCmd(s Streams) *cobra.Command {
	v := &canCmd{}
	c := &cobra.Command{
		Use:   "can [DIR] --principal P --action A --resource R",
		Short: "Would IAM allow this request? Evaluates the configuration (or, with --current, the account)",
		Long: `can evaluates a request as IAM decides it: the principal's identity-based
policies and those of its groups, its permissions boundary, explicit denies,
conditions and policy variables, and a role's trust policy for sts:AssumeRole.
Without --current it evaluates the configuration in DIR, offline; with
--current, the account as the provider reads it. It prints allowed,
denied (implicit) or denied (explicit), the statements that decided, and the
context keys a condition wanted and the request did not give.

Exit status: 0 allowed, 2 denied, 1 error. With --requests FILE (JSON Lines,
one {"principal","action","resource","context"} object a line) it answers
each line with a JSON object a line, and exits 0 when every line was
answered, 1 when a line was bad.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return v.run(c.Context(), s, dirArg(args))
		},
	}
	v.config.register(c)
	v.provider.register(c)
	c.Flags().StringVar(&v.principal, "principal", "", "who makes the request: an `ADDRESS` (user.chloe, role.ec2-app, user.dev[\"alice\"]) or an ARN")
	c.Flags().StringVar(&v.action, "action", "", "the `ACTION`: service:Action (iam:CreateUser)")
	c.Flags().StringVar(&v.resource, "resource", "", "the `ARN` of the resource, or * for an action that takes none")
	c.Flags().StringArrayVar(&v.context, "context", nil, "a context key of the request: `KEY=VALUE` (repeatable; a key given twice is a list)")
	c.Flags().StringVar(&v.now, "now", "", "the `TIME` of the request (RFC 3339), for aws:CurrentTime (default now)")
	c.Flags().BoolVar(&v.current, "current", false, "evaluate the account as the provider reads it, not the configuration")
	c.Flags().StringVar(&v.format, "format", "text", "`FORMAT` of the answer: text or json")
	c.Flags().StringVar(&v.requests, "requests", "", "answer the requests of a JSON Lines `FILE`, one JSON object a line (--format json)")
	return c
}

// canAnswer is the JSON answer to one request.
type canAnswer struct {
	Line      int    `json:"line,omitempty"`
	Principal string `json:"principal"`
	Action    string `json:"action"`
	Resource  string `json:"resource"`
	*access.Answer
	Statements []canStatement `json:"statements"`
}

// canStatement is a statement that decided, with where it is declared.
type canStatement struct {
	access.StatementRef
	At string `json:"at,omitempty"`
}

func (v *canCmd) run(ctx context.Context, s Streams, dir string) error {
	if v.format != "text" && v.format != "json" {
		return fmt.Errorf("unknown --format %q: use text or json", v.format)
	}
	if v.requests != "" && v.format != "json" {
		return fmt.Errorf("--requests answers in JSON Lines: give --format json")
	}
	if v.requests == "" && (v.principal == "" || v.action == "" || v.resource == "") {
		return fmt.Errorf("give --principal, --action and --resource (or --requests FILE)")
	}
	now := time.Now
	if v.now != "" {
		t, err := time.Parse(time.RFC3339, v.now)
		if err != nil {
			return fmt.Errorf("--now %q is not an RFC 3339 time (2026-12-02T15:04:05Z)", v.now)
		}
		now = func() time.Time { return t }
	}
	acct, cfg, err := v.account(ctx, s, dir)
	if err != nil {
		return err
	}
	e := access.New(acct, access.Options{Now: now})
	if v.requests != "" {
		return v.batch(s, e, cfg)
	}
	reqCtx, err := parseContext(v.context)
	if err != nil {
		return err
	}
	ans, err := v.evaluate(e, cfg, v.principal, v.action, v.resource, reqCtx)
	if err != nil {
		return err
	}
	if v.format == "json" {
		if err := writeJSONLine(s.Stdout, ans); err != nil {
			return err
		}
	} else {
		writeCanText(s.Stdout, ans)
	}
	if ans.Decision.Denied() {
		return silent(ExitChanges)
	}
	return nil
}

// account returns what to evaluate: the configuration (offline), or the
// account as the provider reads it (--current).
func (v *canCmd) account(ctx context.Context, s Streams, dir string) (*model.Account, *lang.Config, error) {
	if !v.current {
		cfg, err := v.config.load(s, dir, "", nil)
		if err != nil {
			return nil, nil, err
		}
		return cfg.Account, cfg, nil
	}
	if err := v.provider.resolve(s, dir); err != nil {
		return nil, nil, err
	}
	sess, err := v.provider.openAccount(ctx, s, false, "", nil, v.provider.assumeRoleOf(s, dir, &v.config))
	if err != nil {
		return nil, nil, err
	}
	defer sess.Close()
	// No credentials are needed: the hints say so, and the AWS
	// provider then makes no call per user.
	acct, err := provider.ReadFor(ctx, sess.prov, provider.ForEvaluation(sess.ident.Account))
	if err != nil {
		return nil, nil, err
	}
	return acct, nil, nil
}

// evaluate answers one request; the principal is an address of the
// configuration (resolved through cfg), an address by IAM name, or an
// ARN.
func (v *canCmd) evaluate(e *access.Evaluator, cfg *lang.Config, principal, action, resource string, reqCtx access.Context) (*canAnswer, error) {
	var p access.Principal
	a, ok := cfg.ResolveAddress(principal)
	switch {
	case cfg != nil && ok && (a.Kind == model.KindUser || a.Kind == model.KindRole):
		p = access.Principal{Kind: access.PrincipalKind(a.Kind), Name: a.Name}
	case cfg != nil && ok && (a.Kind == model.KindOIDCProvider || a.Kind == model.KindSAMLProvider):
		p, _ = e.ProviderPrincipal(a)
	default:
		var err error
		if p, err = e.ParsePrincipal(principal); err != nil {
			return nil, err
		}
	}
	ans, err := e.Evaluate(access.Request{Principal: p, Action: action, Resource: resource, Context: reqCtx})
	if err != nil {
		return nil, err
	}
	if ans.MissingContextKeys == nil {
		ans.MissingContextKeys = []string{}
	}
	out := &canAnswer{Principal: principal, Action: action, Resource: resource, Answer: ans, Statements: []canStatement{}}
	for _, st := range ans.Statements {
		cs := canStatement{StatementRef: st}
		if r, ok := cfg.StatementRange(st.Policy.Document, st.Index); ok {
			cs.At = fmt.Sprintf("%s:%d:%d", relPath(r.Filename), r.Start.Line, r.Start.Column)
		}
		out.Statements = append(out.Statements, cs)
	}
	return out, nil
}

// parseContext reads --context KEY=VALUE flags; a key given twice is a
// list.
func parseContext(flags []string) (access.Context, error) {
	c := access.Context{}
	for _, kv := range flags {
		k, val, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--context %q: write KEY=VALUE", kv)
		}
		c[k] = append(c[k], val)
	}
	return c, nil
}

// batch answers the requests of a JSON Lines file, one object a line.
func (v *canCmd) batch(s Streams, e *access.Evaluator, cfg *lang.Config) error {
	data, err := regularfile.Read(v.requests, MaxRequestsFileSize)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(s.Stdout)
	defer w.Flush()
	bad := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), MaxRequestsFileSize)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		ans, err := v.answerLine(e, cfg, line)
		if err != nil {
			bad++
			if err := writeJSONLine(w, map[string]any{"line": n, "error": fmt.Sprintf("line %d: %v", n, err)}); err != nil {
				return err
			}
			continue
		}
		ans.Line = n
		if err := writeJSONLine(w, ans); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %v", v.requests, err)
	}
	if bad > 0 {
		w.Flush()
		return &exitError{code: ExitError, msg: fmt.Sprintf("%s: %s could not be answered", v.requests, english.CountOf(bad, "line", "lines"))}
	}
	return nil
}

func (v *canCmd) answerLine(e *access.Evaluator, cfg *lang.Config, line []byte) (*canAnswer, error) {
	var req struct {
		Principal string                     `json:"principal"`
		Action    string                     `json:"action"`
		Resource  string                     `json:"resource"`
		Context   map[string]json.RawMessage `json:"context"`
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("not a request object: %v", err)
	}
	if req.Principal == "" || req.Action == "" || req.Resource == "" {
		return nil, fmt.Errorf("a request needs principal, action and resource")
	}
	reqCtx := access.Context{}
	for k, raw := range req.Context {
		var one string
		if err := json.Unmarshal(raw, &one); err == nil {
			reqCtx[k] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			return nil, fmt.Errorf("context key %q: a value is a string or a list of strings", k)
		}
		reqCtx[k] = many
	}
	return v.evaluate(e, cfg, req.Principal, req.Action, req.Resource, reqCtx)
}

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeCanText writes an answer for a person.
func writeCanText(w io.Writer, a *canAnswer) {
	switch a.Decision {
	case access.Allowed:
		fprintf(w, "allowed\n")
	case access.ExplicitDeny:
		fprintf(w, "denied (explicit)\n")
	default:
		fprintf(w, "denied (implicit)\n")
	}
	fprintf(w, "  %s %s on %s\n", a.Principal, a.Action, a.Resource)
	if a.Reason != "" {
		fprintf(w, "  %s\n", a.Reason)
	}
	for _, st := range a.Statements {
		at := ""
		if st.At != "" {
			at = " at " + st.At
		}
		fprintf(w, "  %s %s%s\n", strings.ToLower(st.Effect), st.StatementRef.String(), at)
	}
	if len(a.MissingContextKeys) > 0 {
		fprintf(w, "  the request does not give: %s (give them with --context KEY=VALUE)\n", strings.Join(a.MissingContextKeys, ", "))
	}
	for _, warn := range a.Warnings {
		fprintf(w, "  warning: %s\n", warn)
	}
	fprintf(w, "  not evaluated: %s\n", strings.Join(a.NotCovered, "; "))
}
