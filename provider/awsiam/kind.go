package awsiam

import (
	"context"
	"fmt"

	"github.com/iamc/iamc/provider"
)

// Kind is an AWS account as iamc's commands offer it (--provider aws):
// the standard AWS configuration chain, or an emulator's endpoint.
var Kind = provider.Kind{
	Name:  "aws",
	Usage: "an AWS account, through the AWS configuration chain",
	Flags: []provider.Flag{
		{Name: "profile", Usage: "AWS shared-config `PROFILE` (aws provider)"},
		{Name: "endpoint-url", Usage: "IAM and STS endpoint `URL`, for emulators (aws provider; default $AWS_ENDPOINT_URL_IAM, $AWS_ENDPOINT_URL)"},
		{Name: "debug", Usage: "log every AWS request to stderr, secrets redacted (aws provider)", Type: provider.BoolFlag, Default: "false"},
	},
	Resolve:    func(provider.Settings, string) error { return nil },
	Exists:     func(provider.Settings) bool { return true },
	Location:   func(provider.Settings) string { return "" },
	AssumeRole: true,
	Open: func(ctx context.Context, s provider.Settings, o provider.OpenOptions) (*provider.Account, error) {
		opts := Options{Profile: s["profile"], EndpointURL: s["endpoint-url"], AssumeRole: o.AssumeRole, Logf: o.Logf}
		if s["debug"] == "true" {
			opts.Debug = o.Debug
		}
		p, err := New(ctx, opts)
		if err != nil {
			return nil, err
		}
		ident, err := p.Identity(ctx)
		if err != nil {
			return nil, fmt.Errorf("identifying the account: %w", err)
		}
		return &provider.Account{Provider: p, Identity: ident}, nil
	},
}
