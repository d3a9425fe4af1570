package awsiam

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"golang.org/x/sync/errgroup"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// reportMaxAge is the oldest credential report Read trusts. AWS hands out
// the same report for four hours, and a login profile or MFA device made
// since is missing from it; an older report is not used.
const reportMaxAge = 15 * time.Minute

// reportMinUsers is how many users must have a question the credential
// report answers (has a password? an MFA device?) before Read asks for the
// report: it costs at least two calls, and on AWS a few seconds when no
// recent report exists.
const reportMinUsers = 3

// readWorkers is how many per-entity reads run at once: more adds little
// against IAM's rate limits, and eight fit the SDK's ten idle connections
// per host.
const readWorkers = 8

// need says whether a per-user read is made.
type need int

const (
	skip       need = iota
	always          // read it
	ifReported      // read it when the report shows it or cannot say
	ifDiffers       // read it when the report disagrees with the declared state or cannot say
)

// userReads is what Read reads of one user beyond GAAD.
type userReads struct {
	user         *model.User
	created      time.Time
	loginProfile need
	mfa          need
	declared     bool // for ifDiffers: console_access enabled in the configuration
	lists        bool // access keys, signing certificates, SSH keys, service-specific credentials
	keys         bool // access keys only: the user declares access_keys
	// row is the credential report's row of the user, when it has one:
	// the last use of its access keys.
	row *reportRow
}

// detailPlan decides the per-entity reads: everything without hints, only
// what can change the plan with them (see Read).
func detailPlan(acct *model.Account, created map[string]time.Time, h *provider.ReadHints) (users []*userReads, policies []*model.ManagedPolicy) {
	if h == nil || h.Desired == nil {
		for _, u := range acct.SortedUsers() {
			users = append(users, &userReads{user: u, created: created[model.Fold(u.Name)], loginProfile: ifReported, mfa: ifReported, lists: true})
		}
		return users, acct.SortedPolicies()
	}
	scope := h.Scope
	if len(scope) == 0 {
		scope = model.DefaultScope
	}
	renamed := map[string]*model.User{}
	for _, d := range h.Desired.Users {
		if d.RenamedFrom != "" {
			renamed[model.Fold(d.RenamedFrom)] = d
		}
	}
	for _, u := range acct.SortedUsers() {
		r := &userReads{user: u, created: created[model.Fold(u.Name)]}
		d := h.Desired.User(u.Name)
		if d == nil {
			d = renamed[model.Fold(u.Name)]
		}
		switch {
		case d != nil:
			// Declared: the login profile matters where console_access is
			// declared, and a recent report (reportMaxAge) that agrees
			// with the declaration settles it; GetLoginProfile confirms
			// the users where it disagrees or cannot say. The plan needs
			// no PasswordResetRequired of an existing profile: it applies
			// when iamc creates one.
			if d.LoginProfile != nil {
				r.loginProfile = ifDiffers
				r.declared = d.LoginProfile.Enabled
			}
			r.keys = d.Keys != nil
		case scope.Contains(u.Path):
			// Not declared: the plan deletes the user and everything
			// that holds it back.
			r.lists = true
			r.loginProfile = ifReported
			r.mfa = ifReported
		}
		if r.loginProfile != skip || r.mfa != skip || r.lists || r.keys {
			users = append(users, r)
		}
	}
	for _, mp := range acct.SortedPolicies() {
		if d := h.Desired.Policy(mp.Name); d != nil && d.Tags != nil {
			policies = append(policies, mp)
		}
	}
	return users, policies
}

// readDetails makes the per-entity reads detailPlan asks for, asking for
// the credential report first when it saves calls.
func (p *Provider) readDetails(ctx context.Context, acct *model.Account, created map[string]time.Time, h *provider.ReadHints) error {
	users, policies := detailPlan(acct, created, h)
	questions := 0
	for _, r := range users {
		if r.loginProfile == ifReported || r.loginProfile == ifDiffers || r.mfa == ifReported {
			questions++
		}
	}
	var report *credReport
	if questions >= reportMinUsers || declaresKeys(users) {
		var err error
		report, err = p.credentialReport(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return err
		case err != nil:
			p.logf("the credential report is unavailable (%v); reading login profiles and MFA devices per user", err)
			report = nil
		case time.Since(report.Generated) > reportMaxAge:
			keyUse(users, report)
			p.logf("the credential report is %s old (AWS makes a new one only every four hours); reading login profiles and MFA devices per user",
				time.Since(report.Generated).Round(time.Minute))
			report = nil
		default:
			keyUse(users, report)
		}
	}
	for _, r := range users {
		row, covered := report.covers(r.user, r.created)
		if r.loginProfile == ifDiffers {
			if covered && row.Password == r.declared {
				r.loginProfile = skip
				if row.Password {
					r.user.LoginProfile = &model.LoginProfile{Enabled: true}
				}
			} else {
				r.loginProfile = always
			}
		}
		r.loginProfile = resolve(r.loginProfile, covered, row.Password)
		r.mfa = resolve(r.mfa, covered, row.MFA)
	}

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(readWorkers)
	for _, r := range users {
		if r.loginProfile == skip && r.mfa == skip && !r.lists && !r.keys {
			continue
		}
		g.Go(func() error { return p.readUser(gctx, r) })
	}
	for _, mp := range policies {
		g.Go(func() error { return p.readPolicyTags(gctx, mp) })
	}
	return g.Wait()
}

// resolve turns ifReported into always or skip with the report's answer.
func resolve(n need, covered, shown bool) need {
	if n != ifReported {
		return n
	}
	if covered && !shown {
		return skip
	}
	return always
}

// readUser reads one user's login profile and credentials as r says. A
// user deleted since GAAD reads as having none.
func (p *Provider) readUser(ctx context.Context, r *userReads) error {
	u := r.user
	addr := model.UserAddr(u.Name)
	ctx = withCallInfo(ctx, &callInfo{target: addr})
	gone := func(err error) bool { return apiCode(err) == string(provider.NotFound) }
	if r.loginProfile == always {
		out, err := p.iam.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: &u.Name})
		switch {
		case gone(err):
			u.LoginProfile = nil
		case err != nil:
			return readError("GetLoginProfile", addr, err)
		default:
			lp := &model.LoginProfile{Enabled: true}
			if out.LoginProfile != nil {
				lp.PasswordResetRequired = out.LoginProfile.PasswordResetRequired
			}
			u.LoginProfile = lp
		}
	}
	if r.lists || r.keys {
		if done, err := p.listAccessKeys(ctx, r); done || err != nil {
			return err
		}
	}
	if r.lists {
		certs := iam.NewListSigningCertificatesPaginator(p.iam, &iam.ListSigningCertificatesInput{UserName: &u.Name})
		for certs.HasMorePages() {
			page, err := certs.NextPage(ctx)
			if gone(err) {
				return nil
			}
			if err != nil {
				return readError("ListSigningCertificates", addr, err)
			}
			for _, c := range page.Certificates {
				if deref(c.CertificateId) == "" {
					return noID("ListSigningCertificates", u, "a signing certificate")
				}
				u.Credentials.SigningCertificates = append(u.Credentials.SigningCertificates, deref(c.CertificateId))
			}
		}
		ssh := iam.NewListSSHPublicKeysPaginator(p.iam, &iam.ListSSHPublicKeysInput{UserName: &u.Name})
		for ssh.HasMorePages() {
			page, err := ssh.NextPage(ctx)
			if gone(err) {
				return nil
			}
			if err != nil {
				return readError("ListSSHPublicKeys", addr, err)
			}
			for _, k := range page.SSHPublicKeys {
				if deref(k.SSHPublicKeyId) == "" {
					return noID("ListSSHPublicKeys", u, "an SSH public key")
				}
				u.Credentials.SSHPublicKeys = append(u.Credentials.SSHPublicKeys, deref(k.SSHPublicKeyId))
			}
		}
		// Not paged.
		ssc, err := p.iam.ListServiceSpecificCredentials(ctx, &iam.ListServiceSpecificCredentialsInput{UserName: &u.Name})
		if gone(err) {
			return nil
		}
		if err != nil {
			return readError("ListServiceSpecificCredentials", addr, err)
		}
		for _, c := range ssc.ServiceSpecificCredentials {
			if deref(c.ServiceSpecificCredentialId) == "" {
				return noID("ListServiceSpecificCredentials", u, "a service-specific credential")
			}
			u.Credentials.ServiceSpecificCredentials = append(u.Credentials.ServiceSpecificCredentials, deref(c.ServiceSpecificCredentialId))
		}
	}
	if r.mfa == always {
		mfa := iam.NewListMFADevicesPaginator(p.iam, &iam.ListMFADevicesInput{UserName: &u.Name})
		for mfa.HasMorePages() {
			page, err := mfa.NextPage(ctx)
			if gone(err) {
				return nil
			}
			if err != nil {
				return readError("ListMFADevices", addr, err)
			}
			for _, d := range page.MFADevices {
				serial := deref(d.SerialNumber)
				if serial == "" {
					return noID("ListMFADevices", u, "an MFA device")
				}
				u.Credentials.MFADevices = append(u.Credentials.MFADevices, model.MFADevice{SerialNumber: serial, Virtual: isVirtualMFA(serial)})
			}
		}
	}
	return nil
}

// noID is the error of a credential read without its id: the plan could
// not delete it, and DeleteUser would then fail on it.
func noID(action string, u *model.User, what string) error {
	return invalidAnswer(action, model.KindUser, u.Name, u.ARN, fmt.Errorf("it lists %s without an id", what))
}

// isVirtualMFA reports whether an MFA serial number is a virtual device's
// (arn:aws:iam::ACCOUNT:mfa/NAME), which is deleted after deactivation.
// Hardware tokens have plain serial numbers; FIDO keys (u2f ARNs) are only
// deactivated.
func isVirtualMFA(serial string) bool {
	return strings.HasPrefix(serial, "arn:") && strings.Contains(serial, ":mfa/")
}

// readPolicyTags reads a managed policy's tags (GAAD does not show them).
func (p *Provider) readPolicyTags(ctx context.Context, mp *model.ManagedPolicy) error {
	addr := model.PolicyAddr(mp.Name)
	pg := iam.NewListPolicyTagsPaginator(p.iam, &iam.ListPolicyTagsInput{PolicyArn: &mp.ARN})
	tags, err := readTagPages(withCallInfo(ctx, &callInfo{target: addr}), "ListPolicyTags", addr, pg,
		func(o *iam.ListPolicyTagsOutput) []types.Tag { return o.Tags })
	if err != nil {
		return err
	}
	mp.Tags = tags
	return nil
}
