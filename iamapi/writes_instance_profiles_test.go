package iamapi

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// testInstanceProfileWrites makes, tags, untags and deletes an instance
// profile over the SDK; the ec2-app profile is empty by then.
func testInstanceProfileWrites(ctx context.Context, t *testing.T, c *iam.Client) {
	t.Helper()
	s := func(v string) *string { return &v }
	out := must[*iam.CreateInstanceProfileOutput](t)(c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{
		InstanceProfileName: s("batch"), Path: s("/jobs/"), Tags: []types.Tag{{Key: s("app"), Value: s("batch")}},
	}))
	if out.InstanceProfile == nil || *out.InstanceProfile.Arn != "arn:aws:iam::123456789012:instance-profile/jobs/batch" {
		t.Fatalf("CreateInstanceProfile = %+v", out.InstanceProfile)
	}
	must[*iam.TagInstanceProfileOutput](t)(c.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: s("batch"), Tags: []types.Tag{{Key: s("team"), Value: s("data")}}}))
	must[*iam.UntagInstanceProfileOutput](t)(c.UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: s("batch"), TagKeys: []string{"app"}}))
	tags := must[*iam.ListInstanceProfileTagsOutput](t)(c.ListInstanceProfileTags(ctx, &iam.ListInstanceProfileTagsInput{InstanceProfileName: s("batch")}))
	if len(tags.Tags) != 1 || *tags.Tags[0].Key != "team" || *tags.Tags[0].Value != "data" {
		t.Fatalf("ListInstanceProfileTags = %s", tagString(tags.Tags))
	}
	must[*iam.DeleteInstanceProfileOutput](t)(c.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: s("batch")}))
	must[*iam.DeleteInstanceProfileOutput](t)(c.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: s("ec2-app")}))
}
