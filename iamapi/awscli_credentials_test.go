package iamapi

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestAWSCLICredentials drives an account's credentials with the real AWS
// CLI: access keys and their last use, virtual MFA devices, and the
// credential report built from them.
func TestAWSCLICredentials(t *testing.T) {
	c := newCLI(t)
	c.ok("iam", "create-user", "--user-name", "alice")
	k := c.ok("iam", "create-access-key", "--user-name", "alice")
	id, _ := get(k, "AccessKey", "AccessKeyId").(string)
	secret, _ := get(k, "AccessKey", "SecretAccessKey").(string)
	if lu := c.ok("iam", "get-access-key-last-used", "--access-key-id", id); get(lu, "UserName") != "alice" ||
		get(lu, "AccessKeyLastUsed", "ServiceName") != "N/A" || get(lu, "AccessKeyLastUsed", "LastUsedDate") != nil {
		t.Fatalf("get-access-key-last-used before any use: %v", lu)
	}

	// A request signed with alice's key is her key's last use: its
	// service and the region it was signed for.
	as := c.with("AWS_ACCESS_KEY_ID="+id, "AWS_SECRET_ACCESS_KEY="+secret, "AWS_DEFAULT_REGION=eu-west-1")
	as.ok("iam", "list-users")
	lu := c.ok("iam", "get-access-key-last-used", "--access-key-id", id)
	if get(lu, "AccessKeyLastUsed", "ServiceName") != "iam" || get(lu, "AccessKeyLastUsed", "Region") != "eu-west-1" ||
		get(lu, "AccessKeyLastUsed", "LastUsedDate") == nil {
		t.Fatalf("get-access-key-last-used after a request: %v", lu)
	}
	c.fails("NoSuchEntity", "The Access Key with id AKIANOSUCHKEY0000000 cannot be found.",
		"iam", "get-access-key-last-used", "--access-key-id", "AKIANOSUCHKEY0000000")

	// A virtual MFA device: created unassigned, enabled with any two
	// codes of six digits, listed, deactivated and deleted.
	seedFile := filepath.Join(t.TempDir(), "seed")
	d := c.ok("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "alice-phone",
		"--outfile", seedFile, "--bootstrap-method", "Base32StringSeed")
	serial, _ := get(d, "VirtualMFADevice", "SerialNumber").(string)
	if serial != "arn:aws:iam::123456789012:mfa/alice-phone" {
		t.Fatalf("create-virtual-mfa-device: %v", d)
	}
	if seed, err := os.ReadFile(seedFile); err != nil || !regexp.MustCompile(`^[A-Z2-7]{64}$`).Match(seed) {
		t.Fatalf("the seed written by the CLI is %q (%v), want 64 base32 characters", seed, err)
	}
	c.failsAs("CreateVirtualMFADevice", "EntityAlreadyExists", "MFADevice entity at the same path and name already exists.",
		"iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "alice-phone", "--outfile", seedFile, "--bootstrap-method", "Base32StringSeed")
	if l := c.ok("iam", "list-virtual-mfa-devices", "--assignment-status", "Unassigned"); names(get(l, "VirtualMFADevices"), "SerialNumber") != serial {
		t.Fatalf("list-virtual-mfa-devices Unassigned: %v", l)
	}
	c.failsAs("EnableMFADevice", "ValidationError", "1 validation error detected: Value '*****' at 'authenticationCode1' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]+",
		"iam", "enable-mfa-device", "--user-name", "alice", "--serial-number", serial, "--authentication-code1", "12345x", "--authentication-code2", "654321")
	c.ok("iam", "enable-mfa-device", "--user-name", "alice", "--serial-number", serial, "--authentication-code1", "123456", "--authentication-code2", "654321")
	c.failsAs("EnableMFADevice", "EntityAlreadyExists", "MFA Device is already in use.",
		"iam", "enable-mfa-device", "--user-name", "alice", "--serial-number", serial, "--authentication-code1", "123456", "--authentication-code2", "654321")
	if l := c.ok("iam", "list-mfa-devices", "--user-name", "alice"); names(get(l, "MFADevices"), "SerialNumber") != serial {
		t.Fatalf("list-mfa-devices: %v", l)
	}
	if l := c.ok("iam", "list-virtual-mfa-devices", "--assignment-status", "Assigned"); get(l, "VirtualMFADevices", 0, "User", "UserName") != "alice" {
		t.Fatalf("list-virtual-mfa-devices Assigned: %v", l)
	}

	// The credential report shows the MFA device and the key's use.
	c.ok("iam", "generate-credential-report")
	r := c.ok("iam", "get-credential-report")
	content, err := base64.StdEncoding.DecodeString(get(r, "Content").(string))
	if err != nil {
		t.Fatalf("get-credential-report: %v (%v)", err, r)
	}
	rows, err := csv.NewReader(bytes.NewReader(content)).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("credential report: %v\n%s", err, content)
	}
	row := map[string]string{}
	for i, col := range rows[0] {
		row[col] = rows[2][i]
	}
	if row["user"] != "alice" || row["mfa_active"] != "true" || row["access_key_1_active"] != "true" ||
		row["access_key_1_last_used_service"] != "iam" || row["access_key_1_last_used_region"] != "eu-west-1" ||
		row["access_key_1_last_used_date"] == "N/A" || row["password_enabled"] != "false" || row["password_last_used"] != "N/A" {
		t.Fatalf("alice's row of the credential report: %v", row)
	}

	c.failsAs("DeleteVirtualMFADevice", "DeleteConflict", "MFA Device is still in use by user alice; deactivate it first.",
		"iam", "delete-virtual-mfa-device", "--serial-number", serial)
	c.ok("iam", "deactivate-mfa-device", "--user-name", "alice", "--serial-number", serial)
	c.ok("iam", "delete-virtual-mfa-device", "--serial-number", serial)
	if l := c.ok("iam", "list-virtual-mfa-devices"); len(get(l, "VirtualMFADevices").([]any)) != 0 {
		t.Fatalf("list-virtual-mfa-devices after the delete: %v", l)
	}
}

// failsAs is fails for an operation whose name the CLI's command does not
// spell (create-virtual-mfa-device is CreateVirtualMFADevice).
func (c *cli) failsAs(operation, code, message string, args ...string) {
	c.t.Helper()
	_, errOut, exit := c.run(args...)
	want := "An error occurred (" + code + ") when calling the " + operation + " operation: " + message
	if exit != 254 || !strings.Contains(errOut, want) {
		c.t.Fatalf("aws %s: exit %d\n%s\nwant exit 254 and %q", strings.Join(args, " "), exit, errOut, want)
	}
}
