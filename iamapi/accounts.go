package iamapi

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/iamc/iamc/provider/memory"
)

// Accounts serves several memory accounts on one endpoint, as AWS serves
// every account on its own: a request is answered in the account of the
// access key that signed it (a key an account's user holds, or a session
// STS AssumeRole issued into one of its roles). The server's own key
// acts in the first account. STS AssumeRole reaches a role of any of the
// accounts, when the role's trust allows the caller (sts.go).
type Accounts struct {
	realm *realm
}

// NewAccounts serves accts, the first being the one the server's own key
// acts in. Two accounts with one id are refused.
func NewAccounts(accts []*memory.Account, opts Options) (*Accounts, error) {
	secs := make([]*secrets, len(accts))
	for i := range secs {
		secs[i] = newMemorySecrets()
	}
	return newAccounts(accts, secs, opts)
}

func newAccounts(accts []*memory.Account, secs []*secrets, opts Options) (*Accounts, error) {
	if len(accts) == 0 {
		return nil, fmt.Errorf("no account to serve")
	}
	rl := &realm{byID: map[string]*Handler{}, sessions: map[string]*session{}}
	for i, a := range accts {
		var id string
		a.View(func(s *memory.State) { id = s.AccountID })
		if rl.byID[id] != nil {
			return nil, fmt.Errorf("the account %s is served twice", id)
		}
		h := newHandler(a, opts, secs[i])
		h.realm = rl
		rl.handlers = append(rl.handlers, h)
		rl.byID[id] = h
	}
	return &Accounts{realm: rl}, nil
}

// Handler returns the handler of one account, nil when it is not served.
func (m *Accounts) Handler(accountID string) *Handler { return m.realm.byID[accountID] }

// ServeHTTP answers a request in the account of the key that signed it;
// a request whose key no account holds is answered (refused) by the
// first.
func (m *Accounts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.realm.route(r).ServeHTTP(w, r)
}

// realm is the accounts one server serves, and the sessions STS issued
// into their roles. A Handler made alone is a realm of one.
type realm struct {
	handlers []*Handler // the first is where the server's own key acts
	byID     map[string]*Handler
	mu       sync.Mutex
	sessions map[string]*session // by access key id
}

func soloRealm(h *Handler) *realm {
	var id string
	h.acct.View(func(s *memory.State) { id = s.AccountID })
	return &realm{handlers: []*Handler{h}, byID: map[string]*Handler{id: h}, sessions: map[string]*session{}}
}

// session is a role's temporary credentials, issued by AssumeRole. They
// live in the server's memory only: a restarted server knows none.
type session struct {
	h                  *Handler // the role's account
	keyID, secret      string
	token              string
	role, roleID, name string // the role's name and unique id, the session's name
	expires            time.Time
}

// route finds the account of the key a request is signed with.
func (rl *realm) route(r *http.Request) *Handler {
	if len(rl.handlers) == 1 {
		return rl.handlers[0]
	}
	if q, err := url.ParseQuery(r.URL.RawQuery); err == nil {
		if sig, e := readSignature(r, q); e == nil {
			if s := rl.session(sig.keyID); s != nil {
				return s.h
			}
			for _, h := range rl.handlers {
				if _, ok := h.secrets.get(sig.keyID); ok {
					return h
				}
			}
		}
	}
	return rl.handlers[0]
}

// session returns the session of an access key id, nil when there is none.
func (rl *realm) session(keyID string) *session {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	return rl.sessions[keyID]
}

// addSession records a new session and forgets the expired ones.
func (rl *realm) addSession(s *session, now time.Time) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	for id, old := range rl.sessions {
		if !now.Before(old.expires) {
			delete(rl.sessions, id)
		}
	}
	rl.sessions[s.keyID] = s
}

// sessionKey returns the secret and caller of a session's key, checking
// its token and expiry and that it belongs to h's account.
func (h *Handler) sessionKey(id, token string) (string, *caller, *apiError) {
	s := h.realm.session(id)
	if s == nil || s.h != h || subtle.ConstantTimeCompare([]byte(s.token), []byte(token)) != 1 {
		return "", nil, newError(codeInvalidToken, "The security token included in the request is invalid.")
	}
	if !h.now().Before(s.expires) {
		return "", nil, newError(codeExpiredToken, "The security token included in the request is expired")
	}
	return s.secret, &caller{role: s.role, roleID: s.roleID, session: s.name, keyID: id}, nil
}
