package iamapi

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"strconv"
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

// reportColumns are the credential report's columns, as AWS writes them.
var reportColumns = []string{
	"user", "arn", "user_creation_time", "password_enabled", "password_last_used",
	"password_last_changed", "password_next_rotation", "mfa_active",
	"access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
	"access_key_1_last_used_region", "access_key_1_last_used_service",
	"access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
	"access_key_2_last_used_region", "access_key_2_last_used_service",
	"cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
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
// per user in name order.
func credentialReport(s *memory.State, c *call, now time.Time) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(reportColumns)
	root := []string{"<root_account>", model.RootARN(s.AccountID), reportTime(rootCreated(s, now)),
		"not_supported", lastUsed(s.Root.PasswordLastUsed, "no_information"), "not_supported", "not_supported",
		strconv.FormatBool(s.Root.MFAActive)}
	if s.Root.AccessKeysPresent {
		// The root user's keys are flags only: the state holds no
		// details of them.
		root = append(root, "true", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A")
	} else {
		root = append(root, noKeys()...)
	}
	root = append(root, "false", "N/A", "false", "N/A")
	w.Write(root)
	for _, u := range s.SortedUsers() {
		if !c.visible(model.KindUser, u.Name) {
			continue
		}
		row := []string{u.Name, s.UserARN(u), reportTime(u.CreateDate)}
		if lp := u.LoginProfile; lp != nil {
			next := "N/A"
			if pp := s.PasswordPolicy; pp != nil && pp.MaxPasswordAge > 0 {
				next = reportTime(lp.CreateDate.AddDate(0, 0, pp.MaxPasswordAge))
			}
			row = append(row, "true", lastUsed(u.PasswordLastUsed, "no_information"), reportTime(lp.CreateDate), next)
		} else {
			row = append(row, "false", "N/A", "N/A", "N/A")
		}
		row = append(row, strconv.FormatBool(len(u.MFADevices) > 0))
		for i := 0; i < 2; i++ {
			if i < len(u.AccessKeys) {
				k := u.AccessKeys[i]
				row = append(row, strconv.FormatBool(k.Status == "Active"), reportTime(k.CreateDate))
				if k.LastUsed.Date.IsZero() {
					row = append(row, "N/A", "N/A", "N/A")
				} else {
					row = append(row, reportTime(k.LastUsed.Date), k.LastUsed.Region, k.LastUsed.Service)
				}
			} else {
				row = append(row, "false", "N/A", "N/A", "N/A", "N/A")
			}
		}
		for i := 0; i < 2; i++ {
			if i < len(u.SigningCertificates) {
				k := u.SigningCertificates[i]
				row = append(row, strconv.FormatBool(k.Status == "Active"), reportTime(k.UploadDate))
			} else {
				row = append(row, "false", "N/A")
			}
		}
		w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

// noKeys are the access key columns of a principal without keys.
func noKeys() []string {
	return []string{"false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A"}
}

// rootCreated is the account's creation time as the report gives it: the
// oldest entity's, or now for an empty account.
func rootCreated(s *memory.State, now time.Time) time.Time {
	t := now
	for _, u := range s.Users {
		if u.CreateDate.Before(t) {
			t = u.CreateDate
		}
	}
	for _, r := range s.Roles {
		if r.CreateDate.Before(t) {
			t = r.CreateDate
		}
	}
	return t
}

// lastUsed is a last-use column: its time, or none when never used.
func lastUsed(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return reportTime(t)
}

// reportTime formats a time as the credential report does.
func reportTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05+00:00") }
