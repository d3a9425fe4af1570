package iamapi

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/iamc/iamc/provider/memory"
)

// lastUseState is a state file whose root user has MFA and access keys,
// whose user has used the console password and whose role was used: what
// no call sets, so a state file says it.
const lastUseState = `{
  "format_version": 1,
  "account_id": "123456789012",
  "quotas": {"users": 5000, "groups": 300, "roles": 1000, "policies": 1500, "groups_per_user": 10, "policies_per_user": 10, "policies_per_group": 10, "policies_per_role": 10, "user_inline_size": 2048, "group_inline_size": 5120, "role_inline_size": 10240, "managed_policy_size": 6144, "trust_policy_size": 2048, "tags_per_entity": 50, "versions_per_policy": 5},
  "counters": {"ids": 2},
  "users": [
    {"name":"ana","path":"/","id":"AIDAANA0000000000001","create_date":"2026-01-01T00:00:00Z","login_profile":{"create_date":"2026-01-01T00:00:00Z","password_reset_required":false},"password_last_used":"2026-02-03T04:05:06Z"}
  ],
  "groups": [],
  "roles": [
    {"name":"app","path":"/","id":"AROAAPP0000000000001","create_date":"2026-01-01T00:00:00Z","max_session_duration":3600,"assume_role_policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}","last_used_date":"2026-02-04T00:00:00Z","last_used_region":"eu-central-1"}
  ],
  "policies": [],
  "instance_profiles": [],
  "virtual_mfa_devices": [],
  "root": {"mfa_active": true, "access_keys_present": true}
}
`

func TestReadLastUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "account.json")
	if err := os.WriteFile(path, []byte(lastUseState), 0o644); err != nil {
		t.Fatal(err)
	}
	acct, err := memory.Open(path, memory.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { acct.Close() })
	e := newEnv(t, acct, Options{})
	c, ctx, s := e.iam, e.ctx, aws.String

	u := must[*iam.GetUserOutput](t)(c.GetUser(ctx, &iam.GetUserInput{UserName: s("ana")}))
	if u.User.PasswordLastUsed == nil || !u.User.PasswordLastUsed.Equal(time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)) {
		t.Errorf("GetUser PasswordLastUsed = %v", u.User.PasswordLastUsed)
	}
	r := must[*iam.GetRoleOutput](t)(c.GetRole(ctx, &iam.GetRoleInput{RoleName: s("app")}))
	if lu := r.Role.RoleLastUsed; lu == nil || lu.LastUsedDate == nil || aws.ToString(lu.Region) != "eu-central-1" {
		t.Errorf("GetRole RoleLastUsed = %+v", lu)
	}
	d := must[*iam.GetAccountAuthorizationDetailsOutput](t)(c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{}))
	if lu := d.RoleDetailList[0].RoleLastUsed; lu == nil || aws.ToString(lu.Region) != "eu-central-1" {
		t.Errorf("GetAccountAuthorizationDetails RoleLastUsed = %+v", lu)
	}
	sum := must[*iam.GetAccountSummaryOutput](t)(c.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}))
	if sum.SummaryMap["AccountMFAEnabled"] != 1 || sum.SummaryMap["AccountAccessKeysPresent"] != 1 {
		t.Errorf("GetAccountSummary = %v", sum.SummaryMap)
	}
	c.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
	rep := must[*iam.GetCredentialReportOutput](t)(c.GetCredentialReport(ctx, &iam.GetCredentialReportInput{}))
	rows, err := csv.NewReader(bytes.NewReader(rep.Content)).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("credential report: %v\n%s", err, rep.Content)
	}
	col := func(row int, name string) string {
		for i, c := range rows[0] {
			if c == name {
				return rows[row][i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if col(1, "mfa_active") != "true" || col(1, "access_key_1_active") != "true" || col(1, "password_last_used") != "no_information" {
		t.Errorf("the root row: %v", rows[1])
	}
	if col(2, "password_last_used") != "2026-02-03T04:05:06+00:00" || col(2, "password_enabled") != "true" || col(2, "access_key_1_last_used_date") != "N/A" {
		t.Errorf("ana's row: %v", rows[2])
	}
}
