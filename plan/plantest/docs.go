package plantest

import (
	"github.com/iamc/iamc/policy"
)

// Allow returns an identity policy document with one statement allowing
// the actions on the resources ("*" when none are given).
func Allow(actions []string, resources ...string) *policy.Document {
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	return &policy.Document{Version: policy.Version2012, Statements: []policy.Statement{{
		Effect:   "Allow",
		Action:   policy.Values(append([]string(nil), actions...)),
		Resource: policy.Values(append([]string(nil), resources...)),
	}}}
}

// TrustService returns a trust policy that lets the AWS services assume
// the role.
func TrustService(services ...string) *policy.Document {
	return trust("Service", services)
}

// TrustAWS returns a trust policy that lets the AWS principals (ARNs or
// account ids) assume the role.
func TrustAWS(principals ...string) *policy.Document {
	return trust("AWS", principals)
}

func trust(kind string, ids []string) *policy.Document {
	return &policy.Document{Version: policy.Version2012, Statements: []policy.Statement{{
		Effect:    "Allow",
		Action:    policy.Values{"sts:AssumeRole"},
		Principal: &policy.Principal{Entries: map[string][]string{kind: append([]string(nil), ids...)}},
	}}}
}
