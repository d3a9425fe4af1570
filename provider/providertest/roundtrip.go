package providertest

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/op"
)

// roundTrips holds, for every op, a test that Do changes what Read
// returns as AWS would: create → Read shows it; update → changed;
// delete → gone.
func roundTrips() map[string]func(t *testing.T, r *runner) {
	all := map[string]func(t *testing.T, r *runner){}
	for _, m := range []map[string]func(t *testing.T, r *runner){
		userRoundTrips, groupRoundTrips, roleRoundTrips, policyRoundTrips, accountRoundTrips,
		instanceProfileRoundTrips, providerRoundTrips,
	} {
		for action, fn := range m {
			all[action] = fn
		}
	}
	return all
}

// mfaSerial is the serial number of a user's virtual MFA device.
func mfaSerial(account, user string) string { return "arn:aws:iam::" + account + ":mfa/" + user }

// aliasFor is an account alias unique to the test whose names start with
// pre.
func aliasFor(pre string) string { return strings.TrimSuffix(pre, "-") + "-alias" }

func roundTripCases() []testCase {
	rt := roundTrips()
	var out []testCase
	for _, o := range op.All() {
		if fn := rt[o.Action()]; fn != nil {
			out = append(out, testCase{"RoundTrip/" + o.Action(), fn})
		}
	}
	out = append(out, testCase{"RoundTrip/every op has one", func(t *testing.T, r *runner) {
		for _, a := range op.Actions() {
			if rt[a] == nil {
				t.Errorf("no round trip test for %s", a)
			}
		}
	}})
	return out
}
