package awsiam

import (
	"context"
	"fmt"
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
	// Full is the whole report, root included, as the audit reads it.
	Full *model.CredentialReport
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
// base64-decoded by the SDK) with model.ParseCredentialReport and keeps
// the users' rows by folded name; the root account's row is left out.
func parseCredentialReport(data []byte) (map[string]reportRow, error) {
	rep, err := model.ParseCredentialReport(data, time.Time{})
	if err != nil {
		return nil, err
	}
	return reportRows(rep), nil
}

// reportRows are the users' rows of a report by folded name.
func reportRows(rep *model.CredentialReport) map[string]reportRow {
	rows := make(map[string]reportRow, len(rep.Users))
	for _, u := range rep.Users {
		row := reportRow{ARN: u.ARN, Created: u.Created, Password: u.PasswordEnabled, MFA: u.MFAActive}
		for _, k := range u.Keys {
			if !k.LastRotated.IsZero() {
				row.Keys = append(row.Keys, reportKey{Active: k.Active, Rotated: k.LastRotated, LastUsed: k.LastUsed,
					Region: k.LastUsedRegion, Service: k.LastUsedService})
			}
		}
		rows[model.Fold(u.User)] = row
	}
	return rows
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
				var generated time.Time
				if out.GeneratedTime != nil {
					generated = *out.GeneratedTime
				}
				full, err := model.ParseCredentialReport(out.Content, generated)
				if err != nil {
					return nil, err
				}
				return &credReport{Generated: generated, Rows: reportRows(full), Full: full}, nil
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
