package plantest

import (
	"fmt"

	"github.com/iamc/iamc/policy"
)

// SizedDoc returns an identity policy document of at least n characters
// as IAM counts them (policy.Size), and not many more: one statement that
// allows s3:GetObject on as many buckets as that takes (at least one).
// The same n gives the same document.
func SizedDoc(n int) *policy.Document {
	d := Allow([]string{"s3:GetObject"}, "arn:aws:s3:::b0/*")
	// Each resource adds its quoted text and a comma; the canonical form
	// sorts them, which changes nothing of the size.
	size := policy.Size(d)
	for i := 1; size < n; i++ {
		r := fmt.Sprintf("arn:aws:s3:::b%d/*", i)
		d.Statements[0].Resource = append(d.Statements[0].Resource, r)
		size += len(r) + 3
	}
	return d
}
