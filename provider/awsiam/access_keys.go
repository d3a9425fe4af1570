package awsiam

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// reportKey is one access key's columns in the credential report.
type reportKey struct {
	Active   bool
	Rotated  time.Time // the key's creation, as the report says it
	LastUsed time.Time
	Region   string
	Service  string
}

// declaresKeys reports whether a user to read declares access_keys: their
// last use, which rotation needs, comes from the credential report.
func declaresKeys(users []*userReads) bool {
	for _, r := range users {
		if r.keys {
			return true
		}
	}
	return false
}

// keyUse hands each user that declares access_keys its row of the
// report, old or fresh: a report older than a key shows no use of it,
// which only delays a rotation's end.
func keyUse(users []*userReads, report *credReport) {
	for _, r := range users {
		if !r.keys {
			continue
		}
		if row, ok := report.Rows[model.Fold(r.user.Name)]; ok && (r.user.ARN == "" || row.ARN == "" || row.ARN == r.user.ARN) {
			r.row = &row
		}
	}
}

// listAccessKeys reads a user's access keys (ids, status, creation: one
// ListAccessKeys, the report naming no key id) and their last use from
// the user's report row. done is true when the user is gone since GAAD.
func (p *Provider) listAccessKeys(ctx context.Context, r *userReads) (done bool, err error) {
	u := r.user
	addr := model.UserAddr(u.Name)
	keys := iam.NewListAccessKeysPaginator(p.iam, &iam.ListAccessKeysInput{UserName: &u.Name})
	for keys.HasMorePages() {
		page, err := keys.NextPage(ctx)
		if apiCode(err) == string(provider.NotFound) {
			return true, nil
		}
		if err != nil {
			return false, readError("ListAccessKeys", addr, err)
		}
		for _, k := range page.AccessKeyMetadata {
			if deref(k.AccessKeyId) == "" {
				return false, noID("ListAccessKeys", u, "an access key")
			}
			key := model.AccessKey{ID: deref(k.AccessKeyId), Active: k.Status == types.StatusTypeActive, CreateDate: aws.ToTime(k.CreateDate)}
			if r.row != nil {
				for _, rk := range r.row.Keys {
					if rk.Rotated.Equal(key.CreateDate.Truncate(time.Second)) {
						key.LastUsed, key.LastUsedRegion, key.LastUsedService = rk.LastUsed, rk.Region, rk.Service
					}
				}
			}
			u.Credentials.AccessKeys = append(u.Credentials.AccessKeys, key)
		}
	}
	return false, nil
}
