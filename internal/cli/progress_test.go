package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamc/iamc/apply"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func step(id int, name string) plan.Step {
	return plan.Step{ID: id, Op: &op.CreateUser{UserName: name}}
}

// screen replays what was written to a terminal: a carriage return goes
// back to the start of the line, ESC[K clears the rest of it, a newline
// keeps the line. It returns the kept lines and the line left drawn.
func screen(out string) (kept []string, live string) {
	var line []byte
	col := 0
	for i := 0; i < len(out); i++ {
		switch c := out[i]; {
		case c == '\r':
			col = 0
		case c == '\n':
			kept = append(kept, string(line))
			line, col = nil, 0
		case strings.HasPrefix(out[i:], "\x1b[K"):
			line = line[:col]
			i += 2
		default:
			if col < len(line) {
				line[col] = c
			} else {
				line = append(line, c)
			}
			col++
		}
	}
	return kept, string(line)
}

func TestLiveProgress(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	var out, errs bytes.Buffer
	retries, waits := 5, 1 // before the apply: not counted
	setbacks := func() (int, int) { return retries, waits }
	p := newLiveProgress(&out, &errs, 5, 200, setbacks, clock.now, 0)
	if _, live := screen(out.String()); live != "Applying 0/5 steps, 0.0 calls/s, 0 retries, 0 consistency waits, time left unknown" {
		t.Fatalf("first line %q", live)
	}
	for i := 1; i <= 2; i++ {
		p.event(apply.Event{Kind: apply.Started, Step: step(i, "u")})
		clock.advance(time.Second)
		p.event(apply.Event{Kind: apply.Done, Step: step(i, "u")})
	}
	retries += 2
	p.log("iamc: user.c: CreateUser: Throttling: Rate exceeded; retrying (attempt 2 of 12)")
	kept, live := screen(out.String())
	if len(kept) != 0 {
		t.Errorf("done steps left lines on stdout: %q", kept)
	}
	if want := "Applying 2/5 steps, 1.0 calls/s, 2 retries, 0 consistency waits, about 3s left"; live != want {
		t.Errorf("live line %q, want %q", live, want)
	}
	if got := errs.String(); got != "iamc: user.c: CreateUser: Throttling: Rate exceeded; retrying (attempt 2 of 12)\n" {
		t.Errorf("the log line was not kept on stderr: %q", got)
	}
	clock.advance(time.Second)
	waits++
	p.event(apply.Event{Kind: apply.Failed, Step: step(3, "c"), Err: errors.New("boom")})
	clock.advance(time.Second)
	p.event(apply.Event{Kind: apply.Done, Step: step(4, "d")})
	p.finish()
	kept, live = screen(out.String())
	if live != "" {
		t.Errorf("a live line is left after finish: %q", live)
	}
	want := []string{
		"  [3/5] FAILED aws iam create-user --user-name c",
		"Applied 4/5 steps (1 failed), 1.0 calls/s, 2 retries, 1 consistency wait, in 4s",
	}
	if strings.Join(kept, "\n") != strings.Join(want, "\n") {
		t.Errorf("kept lines:\n%s\nwant:\n%s", strings.Join(kept, "\n"), strings.Join(want, "\n"))
	}
}

// TestLiveProgressRate: calls per second over the last ten seconds, and
// the line fits the terminal.
func TestLiveProgressRate(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	var out bytes.Buffer
	p := newLiveProgress(&out, &out, 1000, 40, nil, clock.now, 0)
	for i := 1; i <= 100; i++ { // slow at first: 1 a second
		clock.advance(time.Second)
		p.event(apply.Event{Kind: apply.Done, Step: step(i, "u")})
	}
	for i := 101; i <= 300; i++ { // then 20 a second
		clock.advance(50 * time.Millisecond)
		p.event(apply.Event{Kind: apply.Done, Step: step(i, "u")})
	}
	if got, want := p.status(false), "Applying 300/1,000 steps, 20 calls/s, about 35s left"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	_, live := screen(out.String())
	if live != "Applying 300/1,000 steps, 20 calls/s, a" {
		t.Errorf("the line is not cut to the width of 40: %q", live)
	}
	p.finish()
}

// TestProgressChoice: a live line only when stdout is a terminal.
func TestProgressChoice(t *testing.T) {
	var out bytes.Buffer
	s := Streams{Stdout: &out, Stderr: &out}
	if _, ok := newProgress(s, 1, nil).(*stepLines); !ok {
		t.Error("no terminal: not one line per step")
	}
	s.StdoutIsTerminal = func() bool { return false }
	if _, ok := newProgress(s, 1, nil).(*stepLines); !ok {
		t.Error("stdout not a terminal: not one line per step")
	}
	s.StdoutIsTerminal = func() bool { return true }
	p, ok := newProgress(s, 1, nil).(*liveProgress)
	if !ok {
		t.Fatal("stdout a terminal: no live line")
	}
	p.finish()
}

// applyLarge writes a configuration of n users and applies it to a new
// memory account with the given streams.
func applyUsers(t *testing.T, n int, s Streams) int {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	for i := range n {
		b.WriteString("user \"u" + strings.Repeat("x", i%3) + itoa(i) + "\" {}\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "main.iam.hcl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return Run(context.Background(), []string{"apply", "--auto-approve", dir}, s)
}

func itoa(i int) string { return thousands(i) }

// TestApplyProgressViews: without a terminal, one line per step as
// before; with one, no line per step, the final line, and the report.
func TestApplyProgressViews(t *testing.T) {
	var out, errs bytes.Buffer
	if code := applyUsers(t, 30, Streams{Stdout: &out, Stderr: &errs, StdoutIsTerminal: func() bool { return false }}); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errs.String())
	}
	if n := len(regexp.MustCompile(`(?m)^  \[\d+/30\] aws iam create-user`).FindAllString(out.String(), -1)); n != 30 {
		t.Errorf("%d step lines without a terminal, want 30:\n%s", n, out.String())
	}
	if strings.ContainsAny(out.String(), "\r\x1b") {
		t.Errorf("terminal control characters without a terminal:\n%q", out.String())
	}
	out.Reset()
	errs.Reset()
	if code := applyUsers(t, 30, Streams{Stdout: &out, Stderr: &errs, StdoutIsTerminal: func() bool { return true }}); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errs.String())
	}
	kept, live := screen(out.String())
	text := strings.Join(kept, "\n")
	if strings.Contains(text, "[1/30]") || live != "" {
		t.Errorf("step lines or a live line left on a terminal:\n%s\n%q", text, live)
	}
	for _, want := range []string{"Applied 30/30 steps, ", "Apply complete: 30 created"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q on the terminal:\n%s", want, text)
		}
	}
}

// TestLogSink: the provider's log and --debug lines go to stderr, or,
// while a live view runs, through it, so that they do not tear its line.
func TestLogSink(t *testing.T) {
	var errs, out bytes.Buffer
	logs := &logSink{w: &errs}
	logs.logf("user.%s: retrying", "a")
	io.WriteString(logs, "aws: iam CreateUser attempt 1\n")
	if got := errs.String(); got != "iamc: user.a: retrying\naws: iam CreateUser attempt 1\n" {
		t.Errorf("without a view: %q", got)
	}
	errs.Reset()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newLiveProgress(&out, &errs, 3, 80, nil, clock.now, 0)
	logs.route(p.log)
	logs.logf("user.%s: waiting", "b")
	io.WriteString(logs, "aws: iam CreateUser attempt 2\n")
	logs.route(nil)
	p.finish()
	if got := errs.String(); got != "iamc: user.b: waiting\naws: iam CreateUser attempt 2\n" {
		t.Errorf("through the view: %q", got)
	}
	if n := strings.Count(out.String(), "\r\x1b[K"); n < 3 {
		t.Errorf("the live line was not cleared before each kept line: %q", out.String())
	}
}
