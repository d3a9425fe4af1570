package awsiam

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"golang.org/x/sync/errgroup"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// readInstanceProfiles reads every instance profile with the role it
// holds: ceil(IP/P) ListInstanceProfiles pages (GAAD shows only the
// profiles that hold a role). ListInstanceProfiles leaves tags out, so
// tags cost one ListInstanceProfileTags per declared profile that
// declares tags (as ListPolicyTags for policies), or per profile without
// hints.
func (p *Provider) readInstanceProfiles(ctx context.Context, acct *model.Account, hints *provider.ReadHints) error {
	pg := iam.NewListInstanceProfilesPaginator(p.iam, &iam.ListInstanceProfilesInput{MaxItems: aws.Int32(pageSize)})
	for pg.HasMorePages() {
		page, err := pg.NextPage(ctx)
		if err != nil {
			return readError("ListInstanceProfiles", model.Address{}, err)
		}
		for _, x := range page.InstanceProfiles {
			ip := &model.InstanceProfile{Name: deref(x.InstanceProfileName), Path: deref(x.Path), ARN: deref(x.Arn), ID: deref(x.InstanceProfileId)}
			if ip.Path == "" {
				ip.Path = "/"
			}
			if len(x.Roles) > 0 {
				ip.Role = deref(x.Roles[0].RoleName)
			}
			ip.Tags = tagMap(x.Tags)
			if err := model.CheckInstanceProfile(ip); err != nil {
				return invalidAnswer("ListInstanceProfiles", model.KindInstanceProfile, ip.Name, ip.ARN, err)
			}
			if err := acct.InsertInstanceProfile(ip); err != nil {
				return invalidAnswer("ListInstanceProfiles", model.KindInstanceProfile, ip.Name, ip.ARN, err)
			}
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(readWorkers)
	for _, ip := range acct.SortedInstanceProfiles() {
		if hints != nil && hints.Desired != nil {
			if d := hints.Desired.InstanceProfile(ip.Name); d == nil || d.Tags == nil {
				continue
			}
		}
		g.Go(func() error { return p.readInstanceProfileTags(gctx, ip) })
	}
	return g.Wait()
}

func (p *Provider) readInstanceProfileTags(ctx context.Context, ip *model.InstanceProfile) error {
	addr := model.InstanceProfileAddr(ip.Name)
	pg := iam.NewListInstanceProfileTagsPaginator(p.iam, &iam.ListInstanceProfileTagsInput{InstanceProfileName: &ip.Name})
	tags, err := readTagPages(withCallInfo(ctx, &callInfo{target: addr}), "ListInstanceProfileTags", addr, pg,
		func(o *iam.ListInstanceProfileTagsOutput) []types.Tag { return o.Tags })
	if err != nil {
		return err
	}
	ip.Tags = tags
	return nil
}
