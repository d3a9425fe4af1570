package awsiam

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
)

// requestTimeout bounds one HTTP attempt, so that a connection that hangs
// is retried rather than waited on for ever. A GetAccountAuthorizationDetails
// page of a large account takes a few seconds.
const requestTimeout = 60 * time.Second

// configure loads the SDK configuration and builds the IAM and STS clients.
func (p *Provider) configure(ctx context.Context) error {
	// AWS_CA_BUNDLE makes LoadDefaultConfig refuse a plain *http.Client:
	// the client must be the SDK's buildable one.
	httpClient := awshttp.NewBuildableClient().WithTimeout(requestTimeout)
	// The SDK's own log lines (a fallback to IMDSv1, ...) are not iamc's
	// to print: iamc says what went wrong in its own words.
	loads := []func(*config.LoadOptions) error{config.WithHTTPClient(httpClient), config.WithLogger(logging.Nop{})}
	if p.opts.Profile != "" {
		loads = append(loads, config.WithSharedConfigProfile(p.opts.Profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loads...)
	if err != nil {
		return fmt.Errorf("loading the AWS configuration: %w", err)
	}
	// Credentials are resolved now, so that a machine without any says
	// so plainly, before anything else is tried.
	if cfg.Credentials == nil {
		return errNoCredentials(errors.New("no credential provider"))
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return errNoCredentials(err)
	}

	p.maxAttempts = p.opts.MaxAttempts
	if p.maxAttempts <= 0 {
		p.maxAttempts = cfg.RetryMaxAttempts
	}
	if p.maxAttempts <= 0 {
		p.maxAttempts = DefaultMaxAttempts
	}
	retryer := p.newRetryer()
	apiOptions := append([]func(*middlewareStack) error{}, cfg.APIOptions...)
	apiOptions = append(apiOptions, p.instrument(retryer))

	iamOptions := func(o *iam.Options) {
		o.Region = iamRegion(cfg.Region)
		o.Retryer = retryer
		o.RetryMaxAttempts = 0 // the retryer above holds the attempts
		o.RetryMode = ""
		o.ClientLogMode = 0 // the SDK's own logging could print request bodies
		o.APIOptions = apiOptions
		if p.opts.EndpointURL != "" {
			o.BaseEndpoint = aws.String(p.opts.EndpointURL)
		}
	}
	p.iam = iam.NewFromConfig(cfg, iamOptions)
	iamEndpoint := p.iam.Options().BaseEndpoint
	stsOptions := func(o *sts.Options) {
		if o.Region == "" {
			o.Region = iamRegion("")
		}
		o.Retryer = retryer
		o.RetryMaxAttempts = 0
		o.RetryMode = ""
		o.ClientLogMode = 0
		o.APIOptions = apiOptions
		switch {
		case p.opts.EndpointURL != "":
			o.BaseEndpoint = aws.String(p.opts.EndpointURL)
		case o.BaseEndpoint == nil && iamEndpoint != nil:
			// An emulator configured for IAM alone answers STS too.
			o.BaseEndpoint = iamEndpoint
		}
	}
	if p.opts.AssumeRole != "" {
		// The run's credentials assume the role; the clients sign with
		// the role's session, renewed before it expires.
		assume := stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg, stsOptions), p.opts.AssumeRole, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = "iamc"
		})
		cfg.Credentials = aws.NewCredentialsCache(assume)
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			return fmt.Errorf("assuming the role %s (iamc { assume_role }) with the run's credentials: %w", p.opts.AssumeRole, err)
		}
		p.iam = iam.NewFromConfig(cfg, iamOptions)
	}
	p.sts = sts.NewFromConfig(cfg, stsOptions)
	return nil
}

// iamRegion is the region IAM is signed for: IAM is global, with one
// endpoint per partition.
func iamRegion(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "cn-north-1"
	case strings.HasPrefix(region, "us-gov-"):
		return "us-gov-west-1"
	case strings.HasPrefix(region, "us-iso-"):
		return "us-iso-east-1"
	case strings.HasPrefix(region, "us-isob-"):
		return "us-isob-east-1"
	}
	return "us-east-1"
}

// errNoCredentials says that the SDK's chain found no credentials, and
// where it looked.
func errNoCredentials(err error) error {
	return fmt.Errorf("no AWS credentials were found: the AWS SDK looked in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE), the shared config and credentials files (~/.aws/config, ~/.aws/credentials), SSO, web identity, and the EC2 instance metadata service, and found none. Set one of them, give --profile, or use --provider memory for a local account (%v)", err)
}
