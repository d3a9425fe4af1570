package iamapi

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// The key a Handler knows when Options give none: what the README tells
// users to set (AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test). It is
// public, so the server also refuses what a web page could send (an
// Origin header, a Host that is not loopback): see checkSite.
const (
	DefaultAccessKeyID     = "test"
	DefaultSecretAccessKey = "test"
)

// The caller a request signed with the server's own key is made as. It is
// no user of the account.
const (
	callerName = "iamc-serve"
	callerID   = "AIDAIAMCSERVECALLER00"
)

// caller is who signed a request: the server's own key, an access key
// of one of the account's users, or a session of one of its roles.
type caller struct {
	// user is the name of the user whose key signed, "" for the server's
	// own key and for a role's session.
	user string
	// role, roleID and session are a role session's role name, the
	// role's unique id and the session's name.
	role, roleID, session string
	// keyID, service and region are the key that signed and the
	// signature's scope: a user's key's last use (keyuse.go).
	keyID, service, region string
}

// checkSite refuses what a browser sends on a web page's behalf, whatever
// its signature: a request with an Origin header or that
// Sec-Fetch-Site says comes from another site, and (unless
// Options.AnyHost) one whose Host is not a loopback name, as a DNS
// rebinding page's is.
func (h *Handler) checkSite(r *http.Request) *apiError {
	if o := r.Header.Get("Origin"); o != "" {
		return newError(codeAccessDenied, "iamc serve answers no request made by a web page (this one has the Origin %s): the key it accepts by default is public.", clip(o))
	}
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "cross-site", "same-site":
		return newError(codeAccessDenied, "iamc serve answers no request made by a web page (this one has Sec-Fetch-Site: %s): the key it accepts by default is public.", site)
	}
	if !h.opts.AnyHost && !isLoopbackHost(r.Host) {
		return newError(codeAccessDenied, "iamc serve answers requests for 127.0.0.1, localhost and [::1] only, not for the host %q: a web page can point another name at this machine. Start it with --allow-remote to serve other names.", clip(r.Host))
	}
	return nil
}

// isLoopbackHost reports whether a Host header names this machine's
// loopback interface: 127.0.0.1, localhost or [::1], with or without a
// port.
func isLoopbackHost(hostport string) bool {
	host := hostport
	if h, port, err := net.SplitHostPort(hostport); err == nil {
		if port == "" || strings.Trim(port, "0123456789") != "" {
			return false
		}
		host = h
	} else if strings.HasPrefix(hostport, "[") && strings.HasSuffix(hostport, "]") {
		host = hostport[1 : len(hostport)-1]
	}
	switch strings.ToLower(host) {
	case "127.0.0.1", "localhost", "::1":
		return true
	}
	return false
}

// authenticate verifies a request's SigV4 signature and returns who
// signed it. body is the request's body as received. The server answers
// IAM and STS on one endpoint, so the credential scope may name either
// service.
func (h *Handler) authenticate(r *http.Request, body []byte) (*caller, *apiError) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, incomplete("The query string is not valid URL encoding, so its signature cannot be read.")
	}
	sig, e := readSignature(r, query)
	if e != nil {
		return nil, e
	}
	service := "iam"
	if sig.service == "sts" {
		service = "sts"
	}
	if e := sig.checkScope(service); e != nil {
		return nil, e
	}
	var secret string
	var who *caller
	if sig.token != "" {
		secret, who, e = h.sessionKey(sig.keyID, sig.token)
	} else {
		secret, who, e = h.keyFor(sig.keyID)
	}
	if e != nil {
		return nil, e
	}
	// Clients date their signatures by the real clock, whatever
	// Options.Now says.
	if e := sig.checkTime(time.Now()); e != nil {
		return nil, e
	}
	if e := sig.verify(r, body, h.signingKeys.get(secret, sig.date, sig.region, sig.service)); e != nil {
		return nil, e
	}
	who.service, who.region = sig.service, sig.region
	return who, nil
}

// keyFor returns the secret of an access key id and who it belongs to:
// the server's own key, or an Active key of a user of the account that
// the server created (its secret is in the secrets file).
func (h *Handler) keyFor(id string) (string, *caller, *apiError) {
	if id == h.keyID {
		return h.secret, &caller{}, nil
	}
	if secret, ok := h.secrets.get(id); ok {
		var who *caller
		h.acct.View(func(s *memory.State) {
			if u, k := s.AccessKey(id); u != nil && k.Status == "Active" {
				who = &caller{user: u.Name, keyID: id}
			}
		})
		if who != nil {
			return secret, who, nil
		}
	}
	return "", nil, newError(codeInvalidToken, "The security token included in the request is invalid.")
}

// identity returns the ARN and unique id of a caller.
func (c *caller) identity(s *memory.State) (arn, id string) {
	if c.role != "" {
		return assumedRoleARN(s.AccountID, c.role, c.session), c.roleID + ":" + c.session
	}
	if c.user != "" {
		if u := s.User(c.user); u != nil {
			return s.UserARN(u), u.ID
		}
	}
	return model.UserARN(s.AccountID, "/", callerName), callerID
}
