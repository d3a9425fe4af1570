package awsiam

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/model"
)

// reportTimeout bounds the wait for AWS to build a credential report.
const reportTimeout = 2 * time.Minute

// defaultReportPoll is the first wait between GenerateCredentialReport
// polls; each next one doubles, up to 8 seconds.
const defaultReportPoll = time.Second

// reportRow is what the credential report says of one user. It shows
// whether the user has a console password and an enabled MFA device; it
// does not show SSH keys, service-specific credentials, or inactive access
// keys and certificates, so those are always listed per user.
type reportRow struct {
	ARN      string
	Created  time.Time
	Password bool
	MFA      bool
	// Keys are the access_key_1 and access_key_2 columns: the report
	// names no key id, so a key is matched by its creation
	// (last_rotated).
	Keys []reportKey
}

// credReport is a parsed credential report: rows by folded user name.
type credReport struct {
	Generated time.Time
	Rows      map[string]reportRow
}

// covers returns the row of a user when the report speaks for it: the user
// is in it, with the same ARN, and was not created after the report (AWS
// hands out a report up to four hours old).
func (r *credReport) covers(u *model.User, created time.Time) (reportRow, bool) {
	if r == nil {
		return reportRow{}, false
	}
	row, ok := r.Rows[model.Fold(u.Name)]
	if !ok || (u.ARN != "" && row.ARN != "" && row.ARN != u.ARN) {
		return reportRow{}, false
	}
	if !created.IsZero() && !r.Generated.IsZero() && created.After(r.Generated) {
		return reportRow{}, false
	}
	return row, true
}

// parseCredentialReport reads the CSV of GetCredentialReport (already
// base64-decoded by the SDK). Columns are found by their header names, so
// that AWS adding columns does not break it. The root account's row is
// left out.
func parseCredentialReport(data []byte) (map[string]reportRow, error) {
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
	get := func(rec []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	rows := map[string]reportRow{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("credential report: line %d: %w", line, err)
		}
		user := get(rec, "user")
		if user == "" || user == "<root_account>" {
			continue
		}
		row := reportRow{
			ARN:      get(rec, "arn"),
			Password: strings.EqualFold(get(rec, "password_enabled"), "true"),
			MFA:      strings.EqualFold(get(rec, "mfa_active"), "true"),
		}
		if t, err := time.Parse(time.RFC3339, get(rec, "user_creation_time")); err == nil {
			row.Created = t
		}
		row.Keys = reportKeys(func(name string) string { return get(rec, name) })
		rows[model.Fold(user)] = row
	}
	return rows, nil
}

// credentialReport asks AWS for a credential report: GenerateCredentialReport
// until it is COMPLETE (at once when a report under four hours old
// exists), then GetCredentialReport.
func (p *Provider) credentialReport(ctx context.Context) (*credReport, error) {
	poll := p.opts.reportPoll
	if poll <= 0 {
		poll = defaultReportPoll
	}
	deadline := time.Now().Add(reportTimeout)
	for try := 1; ; try++ {
		gen, err := p.iam.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
		if err != nil {
			return nil, readError("GenerateCredentialReport", model.Address{}, err)
		}
		if gen.State == types.ReportStateTypeComplete {
			out, err := p.iam.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
			switch code := apiCode(err); {
			case err == nil:
				rows, err := parseCredentialReport(out.Content)
				if err != nil {
					return nil, err
				}
				rep := &credReport{Rows: rows}
				if out.GeneratedTime != nil {
					rep.Generated = *out.GeneratedTime
				}
				return rep, nil
			case code == "ReportInProgress" || code == "ReportNotPresent" || code == "ReportExpired":
				// Asked too soon after all: poll again.
			default:
				return nil, readError("GetCredentialReport", model.Address{}, err)
			}
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("the credential report was not ready after %s", reportTimeout)
		}
		if err := sleep(ctx, expDelay(poll, 8*time.Second, try)); err != nil {
			return nil, err
		}
	}
}
