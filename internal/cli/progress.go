package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/iamc/iamc/apply"
	"github.com/iamc/iamc/op"
)

// progress shows an apply as it goes, and the provider's log lines
// (retries, consistency waits) among its own.
type progress interface {
	event(apply.Event)
	// log writes a line of the provider's log to stderr.
	log(line string)
	// finish ends the view; the report follows it.
	finish()
}

// newProgress returns the view of an apply of total steps: a live line on
// a terminal, else one line per step. setbacks, when the provider counts
// them, gives its retries and consistency waits so far.
func newProgress(s Streams, total int, setbacks func() (retries, waits int)) progress {
	if s.StdoutIsTerminal != nil && s.StdoutIsTerminal() {
		return newLiveProgress(s.Stdout, s.Stderr, total, terminalWidth(s.Stdout), setbacks, time.Now, liveInterval)
	}
	return &stepLines{out: s.Stdout, errw: s.Stderr, total: total}
}

// stepLines writes one line per step as it ends: what a log, a pipe or
// CI keeps.
type stepLines struct {
	mu    sync.Mutex
	out   io.Writer
	errw  io.Writer
	total int
}

func (p *stepLines) event(e apply.Event) {
	if line := stepLine(e, p.total); line != "" {
		p.mu.Lock()
		defer p.mu.Unlock()
		io.WriteString(p.out, line+"\n")
	}
}

func (p *stepLines) log(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	io.WriteString(p.errw, line+"\n")
}

func (p *stepLines) finish() {}

// stepLine is a step's line once it has ended, "" when it has not.
func stepLine(e apply.Event, total int) string {
	switch e.Kind {
	case apply.Done:
		return fmt.Sprintf("  [%d/%d] %s", e.Step.ID, total, op.Command(e.Step.Op, 60))
	case apply.Failed:
		return fmt.Sprintf("  [%d/%d] FAILED %s", e.Step.ID, total, op.Command(e.Step.Op, 60))
	}
	return ""
}

// liveInterval is how often the live line is redrawn; rateWindow is the
// time over which calls per second are measured.
const (
	liveInterval = 200 * time.Millisecond
	rateWindow   = 10 * time.Second
)

// liveProgress keeps one line at the bottom of the terminal, redrawn in
// place: steps done of total, calls per second, retries and consistency
// waits so far, and the time left. A failed step's line and the
// provider's log lines are kept above it; done steps are only counted.
type liveProgress struct {
	mu       sync.Mutex
	out      io.Writer // the terminal
	errw     io.Writer
	total    int
	width    int
	setbacks func() (retries, waits int)
	now      func() time.Time

	interval   time.Duration
	start      time.Time
	lastDraw   time.Time
	ended      int // done or failed
	failed     int
	base       [2]int   // setbacks before the apply
	samples    []sample // ended steps over the last rateWindow
	drawn      bool     // the live line is on the screen
	stop, done chan struct{}
}

type sample struct {
	at    time.Time
	ended int
}

func newLiveProgress(out, errw io.Writer, total, width int, setbacks func() (int, int), now func() time.Time, interval time.Duration) *liveProgress {
	p := &liveProgress{out: out, errw: errw, total: total, width: width, setbacks: setbacks, now: now,
		interval: interval, stop: make(chan struct{}), done: make(chan struct{})}
	p.start = now()
	p.samples = []sample{{p.start, 0}}
	if setbacks != nil {
		p.base[0], p.base[1] = setbacks()
	}
	p.mu.Lock()
	p.draw()
	p.mu.Unlock()
	go p.tick(interval)
	return p
}

// tick redraws the line every interval, so that the rate and the time
// left move while a slow step runs; between ticks, a step's end redraws
// it when the last drawing is older than interval.
func (p *liveProgress) tick(interval time.Duration) {
	defer close(p.done)
	if interval <= 0 {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
		}
	}
}

func (p *liveProgress) event(e apply.Event) {
	if e.Kind == apply.Started {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ended++
	if e.Kind == apply.Failed {
		p.failed++
		p.keep(p.out, stepLine(e, p.total))
	}
	p.sample()
	if p.now().Sub(p.lastDraw) >= p.interval {
		p.draw()
	}
}

func (p *liveProgress) log(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.keep(p.errw, line)
}

// keep writes a line above the live line and draws the live line again.
func (p *liveProgress) keep(w io.Writer, line string) {
	p.clear()
	io.WriteString(w, line+"\n")
	p.draw()
}

func (p *liveProgress) finish() {
	close(p.stop)
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	io.WriteString(p.out, p.status(true)+"\n")
}

// sample records the count of ended steps for the rate, dropping what is
// older than the window (keeping one sample before it to measure from).
func (p *liveProgress) sample() {
	now := p.now()
	p.samples = append(p.samples, sample{now, p.ended})
	i := 0
	for i+1 < len(p.samples) && now.Sub(p.samples[i+1].at) >= rateWindow {
		i++
	}
	p.samples = p.samples[i:]
}

// rate is steps ended per second over the last window.
func (p *liveProgress) rate(now time.Time) float64 {
	first := p.samples[0]
	elapsed := now.Sub(first.at).Seconds()
	if elapsed <= 0 {
		return 0
	}
	return float64(p.ended-first.ended) / elapsed
}

func (p *liveProgress) clear() {
	if p.drawn {
		io.WriteString(p.out, "\r\x1b[K")
		p.drawn = false
	}
}

func (p *liveProgress) draw() {
	line := p.status(false)
	if p.width > 1 && len(line) > p.width-1 {
		line = line[:p.width-1]
	}
	io.WriteString(p.out, "\r"+line+"\x1b[K")
	p.drawn = true
	p.lastDraw = p.now()
}

// status is the live line: Applying 1,234/31,396 steps, 412 calls/s,
// 3 retries, 1 consistency wait, about 1m12s left. The final one says
// how long it all took.
func (p *liveProgress) status(final bool) string {
	now := p.now()
	var b strings.Builder
	verb := "Applying"
	if final {
		verb = "Applied"
	}
	fmt.Fprintf(&b, "%s %s/%s steps", verb, thousands(p.ended), thousands(p.total))
	if p.failed > 0 {
		fmt.Fprintf(&b, " (%s failed)", thousands(p.failed))
	}
	rate := p.rate(now)
	if final {
		if elapsed := now.Sub(p.start).Seconds(); elapsed > 0 {
			rate = float64(p.ended) / elapsed
		}
	}
	fmt.Fprintf(&b, ", %s calls/s", formatRate(rate))
	if p.setbacks != nil {
		r, w := p.setbacks()
		r, w = r-p.base[0], w-p.base[1]
		fmt.Fprintf(&b, ", %s, %s", countOf(r, "retry", "retries"), countOf(w, "consistency wait", "consistency waits"))
	}
	switch {
	case final:
		fmt.Fprintf(&b, ", in %s", roundDuration(now.Sub(p.start)))
	case p.ended >= p.total:
	case rate > 0:
		left := time.Duration(float64(p.total-p.ended) / rate * float64(time.Second))
		fmt.Fprintf(&b, ", about %s left", roundDuration(left))
	default:
		b.WriteString(", time left unknown")
	}
	return b.String()
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

func formatRate(r float64) string {
	if r < 10 {
		return fmt.Sprintf("%.1f", r)
	}
	return thousands(int(r + 0.5))
}

// roundDuration rounds to what a person reads: tenths of a second under
// ten seconds, then seconds.
func roundDuration(d time.Duration) time.Duration {
	if d < 10*time.Second {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Second)
}
