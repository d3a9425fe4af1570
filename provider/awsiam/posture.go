package awsiam

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

var _ provider.PostureReader = (*Provider)(nil)

// Posture reads what an audit needs beyond the entities:
//
//	1      GetAccountSummary (AccountMFAEnabled, AccountAccessKeysPresent)
//	k+2    GenerateCredentialReport until COMPLETE, GetCredentialReport
//	0      for the roles' last use when Read ran before (it keeps the
//	       RoleLastUsed of GetAccountAuthorizationDetails); else
//	       ceil(R/1000) GetAccountAuthorizationDetails of the roles
func (p *Provider) Posture(ctx context.Context) (*model.Posture, error) {
	out, err := p.iam.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		return nil, readError("GetAccountSummary", model.Address{}, err)
	}
	post := &model.Posture{
		RootMFA:        out.SummaryMap["AccountMFAEnabled"] > 0,
		RootAccessKeys: out.SummaryMap["AccountAccessKeysPresent"] > 0,
	}
	rep, err := p.credentialReport(ctx)
	if err != nil {
		return nil, err
	}
	post.Report = rep.Full
	p.mu.Lock()
	use := p.roleUse
	p.mu.Unlock()
	if use == nil {
		if err := p.readRoleUse(ctx); err != nil {
			return nil, err
		}
		p.mu.Lock()
		use = p.roleUse
		p.mu.Unlock()
	}
	post.Roles = use
	return post, nil
}

// noteRoleUse keeps the last use of the roles of a page of
// GetAccountAuthorizationDetails.
func (p *Provider) noteRoleUse(roles []types.RoleDetail) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.roleUse == nil {
		p.roleUse = map[string]model.RoleActivity{}
	}
	for _, r := range roles {
		if r.RoleName == nil {
			continue
		}
		var act model.RoleActivity
		if r.CreateDate != nil {
			act.Created = *r.CreateDate
		}
		if r.RoleLastUsed != nil && r.RoleLastUsed.LastUsedDate != nil {
			act.LastUsed = *r.RoleLastUsed.LastUsedDate
		}
		p.roleUse[model.Fold(*r.RoleName)] = act
	}
}

// readRoleUse reads the roles' last use when no Read did.
func (p *Provider) readRoleUse(ctx context.Context) error {
	in := &iam.GetAccountAuthorizationDetailsInput{Filter: []types.EntityType{types.EntityTypeRole}, MaxItems: aws.Int32(pageSize)}
	p.noteRoleUse(nil)
	for {
		out, err := p.iam.GetAccountAuthorizationDetails(ctx, in)
		if err != nil {
			return readError("GetAccountAuthorizationDetails", model.Address{}, err)
		}
		p.noteRoleUse(out.RoleDetailList)
		if !out.IsTruncated || out.Marker == nil || *out.Marker == "" {
			return nil
		}
		in.Marker = out.Marker
	}
}
