package memory

import (
	"context"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// CredentialReport is the account's credential report as of now: the
// root user's row, then one row per user that include accepts (all when
// include is nil), in name order. iamc serve writes it as CSV for
// GetCredentialReport; Posture hands it to the audit.
func (s *State) CredentialReport(now time.Time, include func(*User) bool) *model.CredentialReport {
	rep := &model.CredentialReport{Generated: now}
	rep.Root = model.CredentialRow{User: model.RootReportUser, ARN: model.RootARN(s.AccountID),
		Created: s.rootCreated(now), PasswordLastUsed: s.Root.PasswordLastUsed, MFAActive: s.Root.MFAActive}
	// The root user's keys are flags only: the state holds no details of
	// them.
	rep.Root.Keys[0].Active = s.Root.AccessKeysPresent
	for _, u := range s.SortedUsers() {
		if include != nil && !include(u) {
			continue
		}
		row := model.CredentialRow{User: u.Name, ARN: s.UserARN(u), Created: u.CreateDate, MFAActive: len(u.MFADevices) > 0}
		if lp := u.LoginProfile; lp != nil {
			row.PasswordEnabled, row.PasswordLastUsed, row.PasswordLastChanged = true, u.PasswordLastUsed, lp.CreateDate
			if pp := s.PasswordPolicy; pp != nil && pp.MaxPasswordAge > 0 {
				row.PasswordNextRotation = lp.CreateDate.AddDate(0, 0, pp.MaxPasswordAge)
			}
		}
		for i := 0; i < len(row.Keys) && i < len(u.AccessKeys); i++ {
			k := u.AccessKeys[i]
			row.Keys[i] = model.ReportKey{Active: k.Status == "Active", LastRotated: k.CreateDate,
				LastUsed: k.LastUsed.Date, LastUsedRegion: k.LastUsed.Region, LastUsedService: k.LastUsed.Service}
		}
		for i := 0; i < len(row.Certs) && i < len(u.SigningCertificates); i++ {
			c := u.SigningCertificates[i]
			row.Certs[i] = model.ReportCert{Active: c.Status == "Active", LastRotated: c.UploadDate}
		}
		rep.Users = append(rep.Users, row)
	}
	return rep
}

// rootCreated is the account's creation time as the report gives it: the
// oldest entity's, or now for an empty account.
func (s *State) rootCreated(now time.Time) time.Time {
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

// Posture returns what an audit reads beyond the entities: the root
// user's flags, the credential report as of now, and the roles' last use.
func (a *Account) Posture(ctx context.Context) (*model.Posture, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	now := a.now().UTC().Truncate(time.Second)
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.closed {
		return nil, errClosed
	}
	s := a.st
	p := &model.Posture{RootMFA: s.Root.MFAActive, RootAccessKeys: s.Root.AccessKeysPresent,
		Report: s.CredentialReport(now, nil), Roles: make(map[string]model.RoleActivity, len(s.Roles))}
	for k, r := range s.Roles {
		p.Roles[k] = model.RoleActivity{Created: r.CreateDate, LastUsed: r.LastUsedDate}
	}
	return p, nil
}

var _ provider.PostureReader = (*Account)(nil)
