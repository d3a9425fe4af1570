package iamapi

import (
	"encoding/json"
	"net/http"
	"sync"
)

// Stats are a Handler's request counters since it started or was last
// reset, for benchmarks that count the API calls of a plan or an apply.
type Stats struct {
	// Actions counts the requests per action, whatever their outcome.
	Actions map[string]int64 `json:"actions"`
	// Total counts every request that named an action, served or not.
	Total int64 `json:"total"`
	// Throttled counts the requests answered Throttling by ThrottleRate.
	Throttled int64 `json:"throttled"`
	// Faults counts the requests answered 500 by ErrorRate.
	Faults int64 `json:"faults"`
	// Errors counts the requests answered with any error: the account's
	// (NoSuchEntity, ...), bad requests, and the injected ones above.
	Errors int64 `json:"errors"`
}

type outcome int

const (
	outcomeOK outcome = iota
	outcomeError
	outcomeThrottled
	outcomeFault
)

// counters are the live Stats.
type counters struct {
	mu sync.Mutex
	s  Stats
}

// add counts one request; action is "" for a request that named no
// action served.
func (c *counters) add(action string, o outcome) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.s.Actions == nil {
		c.s.Actions = map[string]int64{}
	}
	c.s.Total++
	if action != "" {
		c.s.Actions[action]++
	}
	switch o {
	case outcomeError:
		c.s.Errors++
	case outcomeThrottled:
		c.s.Throttled++
		c.s.Errors++
	case outcomeFault:
		c.s.Faults++
		c.s.Errors++
	}
}

func (c *counters) snapshot() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.s
	out.Actions = make(map[string]int64, len(c.s.Actions))
	for k, v := range c.s.Actions {
		out.Actions[k] = v
	}
	return out
}

func (c *counters) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.s = Stats{}
}

// Stats returns a copy of the request counters.
func (h *Handler) Stats() Stats { return h.stats.snapshot() }

// ResetStats zeroes the request counters.
func (h *Handler) ResetStats() { h.stats.reset() }

// serveStats answers GET /iamc/stats (the counters as JSON, actions in
// name order) and POST /iamc/stats/reset. They are signed as API
// requests are (SigV4, for the service iam or sts), so that no web page
// can reset them: curl --aws-sigv4 aws:amz:us-east-1:iam -u test:test.
func (h *Handler) serveStats(w http.ResponseWriter, r *http.Request) {
	body, e := readBody(r)
	if e == nil {
		_, e = h.authenticate(r, body)
	}
	if e != nil {
		writeError(w, e, newRequestID(), false)
		return
	}
	switch {
	case r.URL.Path == "/iamc/stats" && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		writeStats(w, h.Stats())
	case r.URL.Path == "/iamc/stats/reset" && r.Method == http.MethodPost:
		h.ResetStats()
		writeStats(w, h.Stats())
	default:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"error":"not found: GET /iamc/stats or POST /iamc/stats/reset"}` + "\n"))
	}
}

func writeStats(w http.ResponseWriter, s Stats) {
	// encoding/json writes map keys sorted, so the output is stable.
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(data, '\n'))
}
