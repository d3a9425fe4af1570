package awsiam

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// tagPager is a paginator of one of the List*Tags calls.
type tagPager[O any] interface {
	HasMorePages() bool
	NextPage(ctx context.Context, optFns ...func(*iam.Options)) (O, error)
}

// readTagPages reads every page of a List*Tags call (action, about the
// entity addr); an entity gone meanwhile has no tags.
func readTagPages[O any](ctx context.Context, action string, addr model.Address, pg tagPager[O], tagsOf func(O) []types.Tag) (model.Tags, error) {
	var tags model.Tags
	for pg.HasMorePages() {
		page, err := pg.NextPage(ctx)
		if apiCode(err) == string(provider.NotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, readError(action, addr, err)
		}
		for _, t := range tagsOf(page) {
			if tags == nil {
				tags = model.Tags{}
			}
			tags[deref(t.Key)] = deref(t.Value)
		}
	}
	return tags, nil
}
