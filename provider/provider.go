package provider

import (
	"context"
	"fmt"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// Provider is an account iamc can read and change.
type Provider interface {
	// Identity names the account and the caller, without reading the
	// account's IAM. apply checks it against iamc { account_id } before
	// anything else.
	Identity(ctx context.Context) (Identity, error)
	// Read returns the whole account as it is now: every user, group,
	// role and customer managed policy with their memberships,
	// attachments, inline policies, boundaries, tags, login profiles and
	// credentials, the password policy and the alias.
	Read(ctx context.Context) (*model.Account, error)
	// Do carries out one IAM write call. Its error, if any, is an *Error
	// for every failure IAM reports.
	Do(ctx context.Context, o op.Op) error
}

// Identity says which account a provider changes and as whom.
type Identity struct {
	Account string `json:"account"`
	// Caller is the ARN of the principal making the calls, or a
	// description of it ("memory account in .iamc/account.json").
	Caller string `json:"caller"`
	// Provider is "memory" or "aws".
	Provider string `json:"provider"`
}

// ReadHints tell a provider what the plan will be compared against, so
// that it can leave out of Read the details that cost one call per entity
// and cannot change the plan: login profiles of users whose console_access
// is not declared, tags of policies that declare none, credentials of users
// that stay. Scope is the manage scope.
type ReadHints struct {
	Desired *model.Account
	Scope   model.Scope
}

// ForEvaluation returns the hints of a read whose account is evaluated,
// not planned (iamc can --current, iamc audit): nothing is declared and
// the scope is AWS's reserved path alone, which holds no user a plan
// would delete, so a provider reads no credentials user by user.
func ForEvaluation(accountID string) ReadHints {
	return ReadHints{Desired: model.NewAccount(accountID), Scope: model.Scope{model.ReservedPathPrefixes[1]}}
}

// Hinter is implemented by providers that read less when given hints. A
// provider that is not a Hinter reads everything.
type Hinter interface {
	Hint(h ReadHints)
}

// QuotaReader is implemented by providers that know the account's IAM
// quotas (AWS's GetAccountSummary, the memory account's state). The
// configuration's iamc { quotas } take precedence.
type QuotaReader interface {
	Quotas(ctx context.Context) (model.Quotas, error)
}

// ReadFor reads the account, handing the provider the hints first when it
// takes them; its error says that reading failed.
func ReadFor(ctx context.Context, p Provider, h ReadHints) (*model.Account, error) {
	if hp, ok := p.(Hinter); ok {
		hp.Hint(h)
	}
	a, err := p.Read(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the account: %w", err)
	}
	return a, nil
}

// PostureReader is implemented by providers that can say what an audit
// needs beyond the entities Read returns: the root user's MFA and access
// keys, the credential report, and the roles' last use.
type PostureReader interface {
	Posture(ctx context.Context) (*model.Posture, error)
}
