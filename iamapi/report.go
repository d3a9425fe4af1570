package iamapi

import (
	"encoding/base64"
	"sync"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// reportState is the account's credential report, made by
// GenerateCredentialReport and read by GetCredentialReport.
type reportState struct {
	mu        sync.Mutex
	made      bool
	gen       uint64 // the account's generation the report shows
	generated time.Time
	content   []byte
}

// generateCredentialReport makes the report. Making it is immediate, so
// the answer is COMPLETE, but for the first report of a server's life,
// which is STARTED as IAM answers while no report exists (so that clients
// exercise their polling). Unlike IAM, which hands out a report up to
// four hours old, a report is made anew whenever the account changed, so
// that it never misleads a reader of a local account.
func generateCredentialReport(c *call) error {
	if e := c.f.done(); e != nil {
		return e
	}
	h := c.h
	h.rep.mu.Lock()
	defer h.rep.mu.Unlock()
	gen := h.acct.Generation()
	first := !h.rep.made
	if first || h.rep.gen != gen {
		now := h.now().UTC().Truncate(time.Second)
		var content []byte
		h.acct.View(func(s *memory.State) { content = credentialReport(s, c, now) })
		h.rep.made, h.rep.gen, h.rep.generated, h.rep.content = true, gen, now, content
	}
	if first {
		c.body.text("State", "STARTED")
		c.body.text("Description", "No report exists. Starting a new report generation task")
		return nil
	}
	c.body.text("State", "COMPLETE")
	return nil
}

func getCredentialReport(c *call) error {
	if e := c.f.done(); e != nil {
		return e
	}
	h := c.h
	h.rep.mu.Lock()
	defer h.rep.mu.Unlock()
	if !h.rep.made {
		return newError(codeReportNotPresent, "Credential report not present")
	}
	c.body.text("Content", base64.StdEncoding.EncodeToString(h.rep.content))
	c.body.text("ReportFormat", "text/csv")
	c.body.date("GeneratedTime", h.rep.generated)
	return nil
}

// credentialReport writes the CSV: the root account's row, then one row
// per user the caller may see, in name order.
func credentialReport(s *memory.State, c *call, now time.Time) []byte {
	return s.CredentialReport(now, func(u *memory.User) bool { return c.visible(model.KindUser, u.Name) }).CSV()
}
