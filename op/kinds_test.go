package op

import (
	"testing"

	"github.com/iamc/iamc/model"
)

// TestKinds checks that each shared call is made for its kind, with the
// entity and the rest where IAM takes them.
func TestKinds(t *testing.T) {
	const arn = "arn:aws:iam::123456789012:policy/p"
	tags := []Tag{{Key: "k", Value: "v"}}
	for _, tt := range []struct {
		o    Op
		want string
	}{
		{AttachPolicy(model.KindUser, "u", arn), "aws iam attach-user-policy --user-name u --policy-arn " + arn},
		{AttachPolicy(model.KindGroup, "g", arn), "aws iam attach-group-policy --group-name g --policy-arn " + arn},
		{AttachPolicy(model.KindRole, "r", arn), "aws iam attach-role-policy --role-name r --policy-arn " + arn},
		{DetachPolicy(model.KindUser, "u", arn), "aws iam detach-user-policy --user-name u --policy-arn " + arn},
		{DetachPolicy(model.KindGroup, "g", arn), "aws iam detach-group-policy --group-name g --policy-arn " + arn},
		{DetachPolicy(model.KindRole, "r", arn), "aws iam detach-role-policy --role-name r --policy-arn " + arn},
		{PutInlinePolicy(model.KindUser, "u", "p", "{}"), "aws iam put-user-policy --user-name u --policy-name p --policy-document '{}'"},
		{PutInlinePolicy(model.KindGroup, "g", "p", "{}"), "aws iam put-group-policy --group-name g --policy-name p --policy-document '{}'"},
		{PutInlinePolicy(model.KindRole, "r", "p", "{}"), "aws iam put-role-policy --role-name r --policy-name p --policy-document '{}'"},
		{DeleteInlinePolicy(model.KindUser, "u", "p"), "aws iam delete-user-policy --user-name u --policy-name p"},
		{DeleteInlinePolicy(model.KindGroup, "g", "p"), "aws iam delete-group-policy --group-name g --policy-name p"},
		{DeleteInlinePolicy(model.KindRole, "r", "p"), "aws iam delete-role-policy --role-name r --policy-name p"},
		{PutBoundary(model.KindUser, "u", arn), "aws iam put-user-permissions-boundary --user-name u --permissions-boundary " + arn},
		{PutBoundary(model.KindRole, "r", arn), "aws iam put-role-permissions-boundary --role-name r --permissions-boundary " + arn},
		{DeleteBoundary(model.KindUser, "u"), "aws iam delete-user-permissions-boundary --user-name u"},
		{DeleteBoundary(model.KindRole, "r"), "aws iam delete-role-permissions-boundary --role-name r"},
		{TagEntity(model.KindUser, "u", tags), "aws iam tag-user --user-name u --tags Key=k,Value=v"},
		{TagEntity(model.KindRole, "r", tags), "aws iam tag-role --role-name r --tags Key=k,Value=v"},
		{TagEntity(model.KindPolicy, arn, tags), "aws iam tag-policy --policy-arn " + arn + " --tags Key=k,Value=v"},
		{UntagEntity(model.KindUser, "u", []string{"k"}), "aws iam untag-user --user-name u --tag-keys k"},
		{UntagEntity(model.KindRole, "r", []string{"k"}), "aws iam untag-role --role-name r --tag-keys k"},
		{UntagEntity(model.KindPolicy, arn, []string{"k"}), "aws iam untag-policy --policy-arn " + arn + " --tag-keys k"},
	} {
		if got := Command(tt.o, 0); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
