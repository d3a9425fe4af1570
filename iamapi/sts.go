package iamapi

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
	"time"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// The bounds of AssumeRole's DurationSeconds; its default is an hour.
const (
	minSessionSeconds     = 900
	defaultSessionSeconds = 3600
)

// assumeRole answers STS AssumeRole into a role of any account served:
// the role's trust policy must allow the caller, as package access
// decides it with the trust as the role's resource-based policy. A
// caller of another served account needs its own account's
// identity-based policies to allow sts:AssumeRole on the role too, as
// IAM requires across accounts. The server's own key assumes as the root
// of the account it acts in. Session policies, tags, MFA and source
// identities are not supported: such a parameter is refused.
func assumeRole(c *call) error {
	roleARN := c.f.str("RoleArn", true)
	name := c.f.str("RoleSessionName", true)
	seconds, hasSeconds := c.f.integer("DurationSeconds")
	externalID, hasExternalID := c.f.lookup("ExternalId")
	if e := c.f.done(); e != nil {
		if strings.HasPrefix(e.Message, "The parameter ") {
			e.Message += " iamc serve does not support session policies, tags, MFA or source identities in AssumeRole."
		}
		return e
	}
	if !validSessionName(name) {
		return validation("1 validation error detected: Value '%s' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64 and match [\\w+=,.@-]*", clip(name))
	}
	if !hasSeconds {
		seconds = defaultSessionSeconds
	}
	who := c.who
	if who == nil {
		who = &caller{}
	}
	var srcID, callerARN string
	c.h.acct.View(func(s *memory.State) {
		srcID = s.AccountID
		callerARN, _ = who.identity(s)
		if who.user == "" && who.role == "" {
			callerARN = "arn:aws:iam::" + s.AccountID + ":root"
		}
	})
	denied := newError(codeAccessDenied, "User: %s is not authorized to perform: sts:AssumeRole on resource: %s", callerARN, clip(roleARN))
	parsed, err := model.ParseEntityARN(roleARN)
	if err != nil || parsed.Resource != "role" {
		return validation("%s is not the ARN of a role (arn:aws:iam::ACCOUNT:role/NAME).", clip(roleARN))
	}
	target := c.h.realm.byID[parsed.Account]
	if target == nil {
		return denied
	}
	dst, err := target.acct.Read(c.ctx)
	if err != nil {
		return err
	}
	role := dst.Role(parsed.Name)
	if role == nil || model.ARN(dst.ID, "role", role.Path, role.Name) != roleARN {
		return denied
	}
	maxSeconds := role.MaxSessionDuration
	if maxSeconds == 0 {
		maxSeconds = model.DefaultMaxSessionDuration
	}
	if seconds < minSessionSeconds || seconds > maxSeconds {
		return validation("The requested DurationSeconds %d is outside 900 to the MaxSessionDuration set for this role (%d).", seconds, maxSeconds)
	}
	ctx := access.Context{}
	if hasExternalID {
		ctx["sts:ExternalId"] = []string{externalID}
	}
	// The principal as the role's account sees it, and the caller's own
	// account's answer when it is another.
	var p access.Principal
	var own *access.Principal
	switch {
	case who.user == "" && who.role == "":
		p = access.Foreign(callerARN)
	case srcID == dst.ID && who.user != "":
		p = access.User(who.user)
	case srcID == dst.ID:
		p = access.Role(who.role)
	default:
		src, err := c.h.acct.Read(c.ctx)
		if err != nil {
			return err
		}
		q := access.User(who.user)
		if who.role != "" {
			// The session's role may be gone since it was assumed.
			r := src.Role(who.role)
			if r == nil {
				return denied
			}
			q = access.Role(who.role)
			callerARN = model.ARN(srcID, "role", r.Path, who.role)
		}
		p, own = access.Foreign(callerARN), &q
		ans, err := access.New(src, access.Options{Now: c.h.now}).Evaluate(access.Request{Principal: *own, Action: "sts:AssumeRole", Resource: roleARN, Context: ctx})
		if err != nil || ans.Decision != access.Allowed {
			return denied
		}
	}
	ans, err := access.New(dst, access.Options{Now: c.h.now}).Evaluate(access.Request{Principal: p, Action: "sts:AssumeRole", Resource: roleARN, Context: ctx})
	if err != nil || ans.Decision != access.Allowed {
		return denied
	}
	s := &session{
		h: target, keyID: "ASIA" + randomID(16), secret: memory.NewSecretKey(), token: randomToken(),
		role: role.Name, roleID: role.ID, name: name,
		expires: c.h.now().Add(time.Duration(seconds) * time.Second).UTC().Truncate(time.Second),
	}
	c.h.realm.addSession(s, c.h.now())
	c.body.open("Credentials")
	c.body.text("AccessKeyId", s.keyID)
	c.body.text("SecretAccessKey", s.secret)
	c.body.text("SessionToken", s.token)
	c.body.text("Expiration", s.expires.Format(time.RFC3339))
	c.body.close("Credentials")
	c.body.open("AssumedRoleUser")
	c.body.text("AssumedRoleId", s.roleID+":"+s.name)
	c.body.text("Arn", assumedRoleARN(dst.ID, s.role, s.name))
	c.body.close("AssumedRoleUser")
	return nil
}

// assumedRoleARN is the ARN of a role's session.
func assumedRoleARN(account, role, session string) string {
	return "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session
}

// validSessionName reports whether a RoleSessionName is one STS accepts.
func validSessionName(s string) bool {
	if len(s) < 2 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_+=,.@-", r)
		if !ok {
			return false
		}
	}
	return true
}

// randomID returns n random characters of IAM's key ids' alphabet.
func randomID(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// randomToken returns a session token: opaque, long and random.
func randomToken() string {
	b := make([]byte, 96)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}
