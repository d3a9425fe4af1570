package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

// Action is what a plan does to one entity.
type Action string

// The actions of a change. Before and After mean, for each:
//   - Create: the entity does not exist; every attribute is new.
//   - Update: the entity stays (same name, or renamed in place); only the
//     listed attributes change.
//   - Delete: the entity and what IAM requires to go first are removed.
//   - Replace: IAM cannot make the change in place (a role's path, a
//     managed policy's path or description): the entity is deleted and
//     created again, with the detach and re-attach steps that needs.
const (
	Create  Action = "create"
	Update  Action = "update"
	Delete  Action = "delete"
	Replace Action = "replace"
)

// Symbol is the action's mark in the text plan.
func (a Action) Symbol() string {
	switch a {
	case Create:
		return "+"
	case Update:
		return "~"
	case Delete:
		return "-"
	case Replace:
		return "-/+"
	}
	return "?"
}

// Plan is the difference between a desired and a current account: what
// changes, per entity, and the ordered IAM calls that make the change.
type Plan struct {
	// Account is the account id the plan was made for.
	Account string `json:"account"`
	// Provider, Caller and State say where the plan applies: set by the
	// command that makes the plan, recorded in plan files.
	Provider string `json:"provider,omitempty"`
	Caller   string `json:"caller,omitempty"`
	State    string `json:"state,omitempty"`
	// AssumeRole is the role the provider assumed to reach the account
	// (iamc { assume_role }): applying a plan file assumes it again.
	AssumeRole string `json:"assume_role,omitempty"`
	// Dir is the configuration directory the plan was made from, absolute
	// in plan files: applying a plan file finds the memory account's
	// default state file, and the journal of passwords, under it.
	Dir string `json:"dir,omitempty"`
	// Fingerprint identifies the current account the plan was computed
	// against; applying a plan file to an account that has changed since
	// is refused.
	Fingerprint string `json:"fingerprint"`
	// Desired, Scope, ScopeDeclared and Quotas are what the plan was
	// computed for, recorded in plan files: applying a plan file reads the
	// account with the same hints, so that its fingerprint can be
	// compared, and computes the plan again, so that a plan file whose
	// steps were edited is refused.
	Desired       *model.Account `json:"desired,omitempty"`
	Scope         model.Scope    `json:"scope,omitempty"`
	ScopeDeclared bool           `json:"scope_declared,omitempty"`
	Quotas        *model.Quotas  `json:"quotas,omitempty"`
	// AllowEmptyScope records Options.AllowEmptyScope.
	AllowEmptyScope bool `json:"allow_empty_scope,omitempty"`

	Changes []Change `json:"changes"`
	Steps   []Step   `json:"steps"`
	// Warnings are things a reviewer must see: deletes of entities the
	// configuration never mentions, trusts that a replace breaks, a
	// shorter password age.
	Warnings []string `json:"warnings,omitempty"`
	// Access is what the plan changes in who may do what: each user's and
	// role's actions gained and lost, who may newly assume a role, the
	// principals it creates, and whether access broadens.
	Access *access.Delta `json:"access,omitempty"`
	// Notices head the plan: what a reviewer must read before the
	// changes, such as the first deletes of a kind iamc manages since
	// the configuration declared one.
	Notices []string `json:"notices,omitempty"`
	// Now is the time the plan was made at (Options.Now), recorded in
	// plan files: applying one computes the plan again at that time.
	Now time.Time `json:"-"`
}

// Broadens reports whether the plan lets some principal do something it
// could not: the exit status 3 of plan --detailed-exitcode.
func (p *Plan) Broadens() bool { return p.Access != nil && p.Access.Broadens }

// Change is what happens to one entity.
type Change struct {
	Address model.Address `json:"address"`
	Action  Action        `json:"action"`
	// Attributes lists exactly the attributes that change.
	Attributes []Attribute `json:"attributes,omitempty"`
	// Documents lists the policy documents that change.
	Documents []DocumentChange `json:"documents,omitempty"`
	// Notes explain the change: why a replace, a rename's new ARN.
	Notes []string `json:"notes,omitempty"`
}

// Attribute is one changed attribute. A scalar has Before and After (nil
// when absent); a set (groups, members, managed_policies, tags) lists the
// elements Added and Removed.
type Attribute struct {
	Name    string   `json:"name"`
	Before  *string  `json:"before,omitempty"`
	After   *string  `json:"after,omitempty"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// DocumentChange is a policy document that changes: the managed policy's
// "document", a role's "assume_role_policy", or "inline_policy.NAME".
// Before is nil for a new document, After nil for a removed one.
type DocumentChange struct {
	Name   string           `json:"name"`
	Before *policy.Document `json:"before"`
	After  *policy.Document `json:"after"`
}

// Step is one IAM call of the plan. Steps are in an order that works when
// run one at a time; DependsOn lists the steps (by ID) that must finish
// before this one starts, so that independent steps may run concurrently.
type Step struct {
	ID        int           `json:"id"` // 1-based position in Plan.Steps
	Op        op.Op         `json:"-"`
	Address   model.Address `json:"address"` // the change this step belongs to
	DependsOn []int         `json:"depends_on,omitempty"`
}

type stepJSON struct {
	ID        int             `json:"id"`
	Op        json.RawMessage `json:"op"`
	Command   string          `json:"command"`
	Address   model.Address   `json:"address"`
	DependsOn []int           `json:"depends_on,omitempty"`
}

// MarshalJSON writes the step with its op and the command it stands for,
// as the plan's digest (Digest) hashes it.
func (s Step) MarshalJSON() ([]byte, error) {
	raw, err := op.Marshal(s.Op)
	if err != nil {
		return nil, err
	}
	return json.Marshal(stepJSON{ID: s.ID, Op: raw, Command: op.Command(s.Op, 0), Address: s.Address, DependsOn: s.DependsOn})
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 && len(p.Steps) == 0 }

// Counts returns how many entities the plan creates, updates, replaces
// and deletes.
func (p *Plan) Counts() (create, update, replace, del int) {
	for _, c := range p.Changes {
		switch c.Action {
		case Create:
			create++
		case Update:
			update++
		case Replace:
			replace++
		case Delete:
			del++
		}
	}
	return
}

// Fingerprint identifies an account's state: the SHA-256 of its JSON form.
func Fingerprint(a *model.Account) string {
	data, err := json.Marshal(a)
	if err != nil {
		panic(fmt.Sprintf("plan: encoding an account: %v", err))
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
