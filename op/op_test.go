package op

import (
	"strings"
	"testing"
)

func TestCommand(t *testing.T) {
	desc := ""
	for _, tc := range []struct {
		op   Op
		want string
	}{
		{&CreateUser{UserName: "tyler", Path: "/staff/", Tags: []Tag{{"team", "platform core"}}},
			"aws iam create-user --user-name tyler --path /staff/ --tags 'Key=team,Value=platform core'"},
		{&DeleteSSHPublicKey{UserName: "a", SSHPublicKeyId: "APKA1"},
			"aws iam delete-ssh-public-key --user-name a --ssh-public-key-id APKA1"},
		{&DeleteVirtualMFADevice{SerialNumber: "arn:aws:iam::123456789012:mfa/a", User: "a"},
			"aws iam delete-virtual-mfa-device --serial-number arn:aws:iam::123456789012:mfa/a"},
		{&CreateLoginProfile{UserName: "a", Password: "hunter2", PasswordResetRequired: true},
			"aws iam create-login-profile --user-name a --password '<generated>' --password-reset-required"},
		{&UpdateRole{RoleName: "r", Description: &desc},
			"aws iam update-role --role-name r --description ''"},
		{&CreatePolicyVersion{PolicyArn: "arn:aws:iam::123456789012:policy/p", PolicyDocument: `{"Version":"2012-10-17","Statement":[]}`, SetAsDefault: true},
			`aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/p --policy-document '{"Version":"2012...' --set-as-default`},
		{&UpdateAccountPasswordPolicy{MinimumPasswordLength: 14, RequireSymbols: true},
			"aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --no-require-numbers --no-require-uppercase-characters --no-require-lowercase-characters --no-allow-users-to-change-password --no-hard-expiry"},
		{&UntagRole{RoleName: "r", TagKeys: []string{"a", "b c"}}, "aws iam untag-role --role-name r --tag-keys a 'b c'"},
		{&DeleteAccountPasswordPolicy{}, "aws iam delete-account-password-policy"},
	} {
		if got := Command(tc.op, 16); got != tc.want {
			t.Errorf("Command(%s):\n got %s\nwant %s", tc.op.Action(), got, tc.want)
		}
	}
}

func TestCodecRoundTrip(t *testing.T) {
	for _, o := range All() {
		data, err := Marshal(o)
		if err != nil {
			t.Fatalf("%s: %v", o.Action(), err)
		}
		back, err := Unmarshal(data)
		if err != nil {
			t.Fatalf("%s: %v", o.Action(), err)
		}
		if back.Action() != o.Action() {
			t.Errorf("%s came back as %s", o.Action(), back.Action())
		}
		// Every op prints without panicking.
		if !strings.HasPrefix(Command(o, 0), "aws iam ") {
			t.Errorf("%s: bad command", o.Action())
		}
	}
	var l List
	if err := l.UnmarshalJSON([]byte(`[{"action":"CreateUser","params":{"UserName":"a","Secret":1}}]`)); err == nil {
		t.Error("unknown parameter accepted")
	}
	data, _ := Marshal(&CreateLoginProfile{UserName: "a", Password: "hunter2"})
	if strings.Contains(string(data), "hunter2") {
		t.Errorf("password encoded: %s", data)
	}
}

func TestShellQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"tyler", "tyler"},
		{"/staff/", "/staff/"},
		{"", "''"},
		{"platform core", "'platform core'"},
		{"it's", `'it'\''s'`},
		{"ok\n\nSteps:\n  1. aws iam nothing", `$'ok\n\nSteps:\n  1. aws iam nothing'`},
		{"tab\there 'q' \\ x\x1b", `$'tab\there \'q\' \\ x\u001b'`},
	} {
		if got := ShellQuote(tc.in); got != tc.want {
			t.Errorf("ShellQuote(%q) = %s, want %s", tc.in, got, tc.want)
		}
		if strings.ContainsAny(ShellQuote(tc.in), "\n\r") {
			t.Errorf("ShellQuote(%q) spans lines", tc.in)
		}
	}
}
