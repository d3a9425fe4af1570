package awsiam

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"golang.org/x/sync/errgroup"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// pageSize is MaxItems of the paged reads (IAM's maximum). IAM may return
// fewer items per page; Read follows Marker until IsTruncated is false.
const pageSize = 1000

// Read returns the whole account: every user, group, role and customer
// managed policy, the password policy and the alias, with what the plan
// needs to know of login profiles, credentials and policy tags.
//
// Calls, with E the users, groups, roles and customer managed policies, R
// the roles, and P = 1000 (IAM may return fewer per page, which adds
// pages):
//
//	ceil(E/P)  GetAccountAuthorizationDetails (users, groups, roles, local policies)
//	ceil(R/P)  ListRoles (a role's description and maximum session duration)
//	1          GetAccountPasswordPolicy
//	1          ListAccountAliases
//	0 or 1     GetCallerIdentity (none when Identity was called before)
//	ceil(IP/P) ListInstanceProfiles (every instance profile, with its role)
//	1 + O      ListOpenIDConnectProviders, GetOpenIDConnectProvider per provider
//	1 + S      ListSAMLProviders, GetSAMLProvider per provider
//
// and, with hints (Hint), per entity only where the configuration declares
// something GAAD cannot show:
//
//	1 GetLoginProfile per declared user whose console_access is declared,
//	  unless a recent credential report (reportMaxAge) agrees with the
//	  declaration (a password where enabled, none where disabled): then
//	  only the users where it disagrees or cannot say
//	4 per user in scope that is not declared (the plan deletes it):
//	  ListAccessKeys, ListSigningCertificates, ListSSHPublicKeys,
//	  ListServiceSpecificCredentials (the credential report cannot show
//	  inactive keys and certificates, nor the other two at all);
//	  plus GetLoginProfile and ListMFADevices where the credential report
//	  shows a password or an MFA device or cannot say (no report, or the
//	  user is newer than it)
//	1 ListPolicyTags per declared policy that declares tags (tags = {} too)
//	1 ListInstanceProfileTags per declared instance profile that declares
//	  tags (every one without hints)
//	the credential report, when at least reportMinUsers users to be deleted
//	  have a question it answers: k+1 GenerateCredentialReport (k polls
//	  while AWS builds it; 0 when it holds one) and 1 GetCredentialReport.
//	  A report older than reportMaxAge is not used (AWS serves one for
//	  four hours; what changed since is missing from it).
//
// A renamed user (renamed_from) counts as declared. Users out of scope and
// declared users without console_access cost nothing: their LoginProfile
// and Credentials stay empty, as the plan ignores them.
//
// Without hints Read reads every user as one to be deleted (4 calls each,
// plus GetLoginProfile and ListMFADevices as the report says) and
// ListPolicyTags for every policy: correct, and slow on a large account.
//
// Paged calls run one after another; the per-entity calls run up to
// eight at a time.
func (p *Provider) Read(ctx context.Context) (*model.Account, error) {
	p.mu.Lock()
	hints := p.hints
	p.mu.Unlock()
	id, err := p.Identity(ctx)
	if err != nil {
		return nil, err
	}
	acct := model.NewAccount(id.Account)
	created := map[string]time.Time{}
	var roles []types.Role
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return p.readGAAD(gctx, acct, created) })
	g.Go(func() error {
		var err error
		roles, err = p.listRoles(gctx)
		return err
	})
	g.Go(func() error {
		pp, err := p.passwordPolicy(gctx)
		acct.PasswordPolicy = pp
		return err
	})
	g.Go(func() error { return p.readInstanceProfiles(gctx, acct, hints) })
	g.Go(func() error { return p.readProviders(gctx, acct) })
	g.Go(func() error {
		alias, err := p.alias(gctx)
		acct.Alias = alias
		return err
	})
	// Errors name their call and entity; callers say it was a read.
	if err := g.Wait(); err != nil {
		return nil, err
	}
	rolePage(acct, roles)
	if err := p.readDetails(ctx, acct, created, hints); err != nil {
		return nil, err
	}
	return acct, nil
}

func (p *Provider) readGAAD(ctx context.Context, acct *model.Account, created map[string]time.Time) error {
	in := &iam.GetAccountAuthorizationDetailsInput{
		Filter: []types.EntityType{
			types.EntityTypeUser, types.EntityTypeGroup, types.EntityTypeRole, types.EntityTypeLocalManagedPolicy,
		},
		MaxItems: aws.Int32(pageSize),
	}
	for {
		out, err := p.iam.GetAccountAuthorizationDetails(ctx, in)
		if err != nil {
			return readError("GetAccountAuthorizationDetails", model.Address{}, err)
		}
		if err := gaadPage(acct, out, created); err != nil {
			return err
		}
		p.noteRoleUse(out.RoleDetailList)
		if !out.IsTruncated || out.Marker == nil || *out.Marker == "" {
			return nil
		}
		in.Marker = out.Marker
	}
}

func (p *Provider) listRoles(ctx context.Context) ([]types.Role, error) {
	var out []types.Role
	pg := iam.NewListRolesPaginator(p.iam, &iam.ListRolesInput{MaxItems: aws.Int32(pageSize)})
	for pg.HasMorePages() {
		page, err := pg.NextPage(ctx)
		if err != nil {
			return nil, readError("ListRoles", model.Address{}, err)
		}
		out = append(out, page.Roles...)
	}
	return out, nil
}

func (p *Provider) passwordPolicy(ctx context.Context) (*model.PasswordPolicy, error) {
	out, err := p.iam.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	if apiCode(err) == string(provider.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, readError("GetAccountPasswordPolicy", model.Address{Kind: model.KindPasswordPolicy}, err)
	}
	pp := out.PasswordPolicy
	if pp == nil {
		return nil, nil
	}
	return &model.PasswordPolicy{
		MinimumLength:              int(aws.ToInt32(pp.MinimumPasswordLength)),
		RequireUppercase:           pp.RequireUppercaseCharacters,
		RequireLowercase:           pp.RequireLowercaseCharacters,
		RequireNumbers:             pp.RequireNumbers,
		RequireSymbols:             pp.RequireSymbols,
		AllowUsersToChangePassword: pp.AllowUsersToChangePassword,
		MaxPasswordAge:             int(aws.ToInt32(pp.MaxPasswordAge)),
		PasswordReusePrevention:    int(aws.ToInt32(pp.PasswordReusePrevention)),
		HardExpiry:                 aws.ToBool(pp.HardExpiry),
	}, nil
}

func (p *Provider) alias(ctx context.Context) (*string, error) {
	out, err := p.iam.ListAccountAliases(ctx, &iam.ListAccountAliasesInput{})
	if err != nil {
		return nil, readError("ListAccountAliases", model.Address{Kind: model.KindAccountAlias}, err)
	}
	if len(out.AccountAliases) == 0 {
		return nil, nil
	}
	a := out.AccountAliases[0]
	return &a, nil
}

// Quotas returns the account's IAM quotas from GetAccountSummary, with
// model.DefaultQuotas for those it does not report (tags per entity).
func (p *Provider) Quotas(ctx context.Context) (model.Quotas, error) {
	out, err := p.iam.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		return model.Quotas{}, readError("GetAccountSummary", model.Address{}, err)
	}
	return quotasFrom(out.SummaryMap), nil
}

// quotasFrom reads the quotas of GetAccountSummary's map; a quota it
// does not give keeps its default.
func quotasFrom(m map[string]int32) model.Quotas {
	q := model.DefaultQuotas
	for _, f := range model.QuotaFields {
		if v, ok := m[f.Summary]; ok && f.Summary != "" && v > 0 {
			*f.Field(&q) = int(v)
		}
	}
	return q
}
