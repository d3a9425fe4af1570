package awsiam

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/model"
)

// TestQuotaSummaryKeys checks that the GetAccountSummary keys of
// model.QuotaFields are keys the SDK knows, and that quotasFrom reads
// each of them.
func TestQuotaSummaryKeys(t *testing.T) {
	known := types.SummaryKeyType("").Values()
	m := map[string]int32{}
	for i, f := range model.QuotaFields {
		if f.Summary == "" {
			continue
		}
		if !slices.Contains(known, types.SummaryKeyType(f.Summary)) {
			t.Errorf("%s: %q is not a GetAccountSummary key", f.Name, f.Summary)
		}
		m[f.Summary] = int32(100 + i)
	}
	q := quotasFrom(m)
	for i, f := range model.QuotaFields {
		want := *f.Field(&model.DefaultQuotas)
		if f.Summary != "" {
			want = 100 + i
		}
		if got := *f.Field(&q); got != want {
			t.Errorf("%s = %d, want %d", f.Name, got, want)
		}
	}
}
