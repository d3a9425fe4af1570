package model

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CredentialReport is IAM's credential report: a row for the root user
// and one per user, with the state and last use of their password, MFA,
// access keys and signing certificates. GetCredentialReport returns it as
// CSV (CSV, ParseCredentialReport); the audit reads it.
type CredentialReport struct {
	Generated time.Time
	Root      CredentialRow
	Users     []CredentialRow // in the report's order
}

// CredentialRow is one principal's row of a credential report. A zero
// time is a column with no date in it (N/A, no_information).
type CredentialRow struct {
	User    string // "<root_account>" for the root user
	ARN     string
	Created time.Time
	// PasswordEnabled is the user's console password; the root user's
	// row says not_supported, read as false.
	PasswordEnabled      bool
	PasswordLastUsed     time.Time
	PasswordLastChanged  time.Time
	PasswordNextRotation time.Time
	MFAActive            bool
	Keys                 [2]ReportKey
	Certs                [2]ReportCert
}

// ReportKey is an access key's columns of a credential report: the
// user's first and second key, in creation order.
type ReportKey struct {
	Active          bool
	LastRotated     time.Time
	LastUsed        time.Time
	LastUsedRegion  string
	LastUsedService string
}

// ReportCert is a signing certificate's columns of a credential report.
type ReportCert struct {
	Active      bool
	LastRotated time.Time
}

// RootReportUser is the root user's name in a credential report.
const RootReportUser = "<root_account>"

// CredentialReportColumns are the credential report's columns, as AWS
// writes them.
var CredentialReportColumns = []string{
	"user", "arn", "user_creation_time", "password_enabled", "password_last_used",
	"password_last_changed", "password_next_rotation", "mfa_active",
	"access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
	"access_key_1_last_used_region", "access_key_1_last_used_service",
	"access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
	"access_key_2_last_used_region", "access_key_2_last_used_service",
	"cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
}

// CSV writes the report as AWS does: the header, the root user's row,
// then the users' rows.
func (r *CredentialReport) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(CredentialReportColumns)
	w.Write(r.Root.record(true))
	for i := range r.Users {
		w.Write(r.Users[i].record(false))
	}
	w.Flush()
	return b.Bytes()
}

func (c *CredentialRow) record(root bool) []string {
	row := []string{c.User, c.ARN, reportTime(c.Created, "N/A")}
	switch {
	case root:
		row = append(row, "not_supported", reportTime(c.PasswordLastUsed, "no_information"), "not_supported", "not_supported")
	case c.PasswordEnabled:
		row = append(row, "true", reportTime(c.PasswordLastUsed, "no_information"),
			reportTime(c.PasswordLastChanged, "N/A"), reportTime(c.PasswordNextRotation, "N/A"))
	default:
		row = append(row, "false", "N/A", "N/A", "N/A")
	}
	row = append(row, strconv.FormatBool(c.MFAActive))
	for _, k := range c.Keys {
		row = append(row, strconv.FormatBool(k.Active), reportTime(k.LastRotated, "N/A"), reportTime(k.LastUsed, "N/A"),
			orNA(k.LastUsedRegion), orNA(k.LastUsedService))
	}
	for _, k := range c.Certs {
		row = append(row, strconv.FormatBool(k.Active), reportTime(k.LastRotated, "N/A"))
	}
	return row
}

func orNA(s string) string {
	if s == "" {
		return "N/A"
	}
	return s
}

// reportTime formats a time as the credential report does, or none for
// the zero time.
func reportTime(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return t.UTC().Format("2006-01-02T15:04:05+00:00")
}

// ParseCredentialReport reads the CSV of GetCredentialReport (already
// base64-decoded). Columns are found by their header names, so that AWS
// adding columns does not break it; user, arn, password_enabled and
// mfa_active must be there. A date column that holds no date (N/A,
// no_information, not_supported) reads as the zero time.
func ParseCredentialReport(data []byte, generated time.Time) (*CredentialReport, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("credential report: empty")
		}
		return nil, fmt.Errorf("credential report: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.ToLower(h))] = i
	}
	for _, need := range []string{"user", "arn", "password_enabled", "mfa_active"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("credential report: no %q column", need)
		}
	}
	rep := &CredentialReport{Generated: generated}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("credential report: line %d: %w", line, err)
		}
		get := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		flag := func(name string) bool { return strings.EqualFold(get(name), "true") }
		date := func(name string) time.Time {
			t, err := time.Parse(time.RFC3339, get(name))
			if err != nil {
				return time.Time{}
			}
			return t.UTC()
		}
		text := func(name string) string {
			if s := get(name); s != "N/A" {
				return s
			}
			return ""
		}
		row := CredentialRow{
			User: get("user"), ARN: get("arn"), Created: date("user_creation_time"),
			PasswordEnabled: flag("password_enabled"), PasswordLastUsed: date("password_last_used"),
			PasswordLastChanged: date("password_last_changed"), PasswordNextRotation: date("password_next_rotation"),
			MFAActive: flag("mfa_active"),
		}
		if row.User == "" {
			continue
		}
		for i := range row.Keys {
			p := fmt.Sprintf("access_key_%d_", i+1)
			row.Keys[i] = ReportKey{Active: flag(p + "active"), LastRotated: date(p + "last_rotated"),
				LastUsed: date(p + "last_used_date"), LastUsedRegion: text(p + "last_used_region"),
				LastUsedService: text(p + "last_used_service")}
		}
		for i := range row.Certs {
			p := fmt.Sprintf("cert_%d_", i+1)
			row.Certs[i] = ReportCert{Active: flag(p + "active"), LastRotated: date(p + "last_rotated")}
		}
		if row.User == RootReportUser {
			row.PasswordEnabled = false
			rep.Root = row
			continue
		}
		rep.Users = append(rep.Users, row)
	}
	return rep, nil
}

// Posture is what an audit reads of an account beyond its entities: the
// root user's MFA and access keys as GetAccountSummary gives them, the
// credential report, and each role's last use (RoleLastUsed).
type Posture struct {
	RootMFA        bool // AccountMFAEnabled
	RootAccessKeys bool // AccountAccessKeysPresent
	Report         *CredentialReport
	// Roles holds when each role was made and last used, by folded name.
	Roles map[string]RoleActivity
}

// RoleActivity is a role's creation and last use (RoleLastUsed); a zero
// LastUsed is a role never used, or whose use is not known.
type RoleActivity struct {
	Created  time.Time
	LastUsed time.Time
}
