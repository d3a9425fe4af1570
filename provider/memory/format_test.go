package memory

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

var update = os.Getenv("IAMC_UPDATE") != ""

// sampleAccount builds a small account touching every part of the state,
// with a fixed clock, so that its file is reproducible.
func sampleAccount(t testing.TB) *Account {
	seed := model.NewAccount("111122223333")
	seed.AddUser(&model.User{Name: "carol", Path: "/", Credentials: model.Credentials{
		AccessKeys:                 []model.AccessKey{{ID: "AKIAEXAMPLE000000001", Active: true, LastUsed: fixedClock(), LastUsedService: "s3", LastUsedRegion: "eu-west-1"}},
		SigningCertificates:        []string{"CERTEXAMPLE0000000000001"},
		SSHPublicKeys:              []string{"APKAEXAMPLE000000001"},
		ServiceSpecificCredentials: []string{"ACCAEXAMPLE000000001"},
		MFADevices:                 []model.MFADevice{{SerialNumber: "arn:aws:iam::111122223333:mfa/carol", Virtual: true}},
	}})
	a, err := FromModel(seed)
	if err != nil {
		t.Fatal(err)
	}
	a.Now = fixedClock
	a.View(func(s *State) { // dates of what was seeded, for reproducibility
		u := s.User("carol")
		u.CreateDate = fixedClock()
		u.PasswordLastUsed = fixedClock()
		s.Root = RootUser{MFAActive: true}
		for i := range u.AccessKeys {
			u.AccessKeys[i].CreateDate = fixedClock()
		}
		u.SigningCertificates[0].UploadDate = fixedClock()
		u.SSHPublicKeys[0].UploadDate = fixedClock()
		u.ServiceSpecificCredentials[0].CreateDate = fixedClock()
		u.MFADevices[0].EnableDate = fixedClock()
		d := s.VirtualMFADevices["arn:aws:iam::111122223333:mfa/carol"]
		d.CreateDate, d.EnableDate = fixedClock(), fixedClock()
	})
	desc := "web tier"
	ops := []op.Op{
		&op.UpdateAccountPasswordPolicy{MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 90},
		&op.CreateAccountAlias{AccountAlias: "acme-prod"},
		&op.CreatePolicy{PolicyName: "read", Path: "/team/", Description: "Read <things> & more",
			PolicyDocument: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]\n}",
			Tags:           []op.Tag{{Key: "owner", Value: "finance"}}},
		&op.CreatePolicyVersion{PolicyArn: "arn:aws:iam::111122223333:policy/team/read", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`, SetAsDefault: true},
		&op.CreateGroup{GroupName: "Devs", Path: "/"},
		&op.AttachGroupPolicy{GroupName: "devs", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess"},
		&op.PutGroupPolicy{GroupName: "devs", PolicyName: "deny-iam", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`},
		&op.CreateUser{UserName: "alice", Path: "/staff/", Tags: []op.Tag{{Key: "team", Value: "core"}},
			PermissionsBoundary: "arn:aws:iam::111122223333:policy/team/read"},
		&op.AddUserToGroup{GroupName: "devs", UserName: "alice"},
		&op.CreateLoginProfile{UserName: "alice", Password: "Correct-Horse-9-Battery!", PasswordResetRequired: true},
		&op.AttachUserPolicy{UserName: "alice", PolicyArn: "arn:aws:iam::111122223333:policy/team/read"},
		&op.CreateRole{RoleName: "web", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
			Description: desc, MaxSessionDuration: 7200, Tags: []op.Tag{{Key: "tier", Value: "web"}}},
		&op.PutRolePolicy{RoleName: "web", PolicyName: "logs", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}]}`},
	}
	for _, o := range ops {
		if err := a.Do(ctx, o); err != nil {
			t.Fatalf("%s: %v", o.Action(), err)
		}
	}
	// An instance profile, as seeding makes them.
	a.View(func(s *State) {
		s.InstanceProfiles["web"] = &InstanceProfile{Name: "web", Path: "/", ID: s.newID(instanceProfileIDPrefix), CreateDate: fixedClock(), Roles: []string{"web"}}
	})
	return a
}

func encodeOf(t testing.TB, a *Account) []byte {
	t.Helper()
	var data []byte
	var err error
	a.View(func(s *State) { data, err = encodeState(s) })
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The state file's format, pinned: regenerate with IAMC_UPDATE=1 and
// review the diff.
func TestStateFileGolden(t *testing.T) {
	data := encodeOf(t, sampleAccount(t))
	golden := filepath.Join("testdata", "account.golden.json")
	if update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("state file differs from %s (IAMC_UPDATE=1 regenerates it):\n%s", golden, data)
	}
	// The same ops give the same bytes, and a file reads back to the
	// same bytes.
	if again := encodeOf(t, sampleAccount(t)); !bytes.Equal(again, data) {
		t.Error("two identical accounts encode differently")
	}
	s, err := decodeState(data)
	if err != nil {
		t.Fatal(err)
	}
	back, err := encodeState(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back, data) {
		t.Errorf("decode and encode changed the file:\n%s", back)
	}
}

// A document is kept as the text that was sent: AWS returns what it got.
func TestDocumentsKeepTheirText(t *testing.T) {
	a := sampleAccount(t)
	a.View(func(s *State) {
		v := s.Policy("read").Versions[0]
		if !strings.HasPrefix(v.Document, "{\n  \"Version\"") || v.IsDefault {
			t.Errorf("v1 = %+v", v)
		}
		if got := s.Policy("read").DefaultVersion().ID; got != "v2" {
			t.Errorf("default version = %s", got)
		}
	})
}

func TestCorruptOrForeignFilesAreClearErrors(t *testing.T) {
	good := encodeOf(t, sampleAccount(t))
	edit := func(from, to string) string {
		if !bytes.Contains(good, []byte(from)) {
			t.Fatalf("the sample file has no %q", from)
		}
		return strings.Replace(string(good), from, to, 1)
	}
	for _, c := range []struct {
		name, data, want string
	}{
		{"empty", "", "not an iamc state file"},
		{"not JSON", "hello", "not an iamc state file"},
		{"truncated", string(good[:len(good)/2]), "not an iamc state file"},
		{"another JSON file", `{"name": "package.json"}`, "not an iamc state file: it has no format_version"},
		{"a newer format", `{"format_version": 2, "whatever": 1}`, "written by a newer iamc"},
		{"an unknown field", edit(`"quotas"`, `"colour":"blue","quotas"`), `unknown field "colour"`},
		{"a bad account id", edit(`"account_id": "111122223333"`, `"account_id": "1234"`), "not a 12-digit account id"},
		{"a membership of a missing group", edit(`"groups":["Devs"]`, `"groups":["Ops"]`), `in group "Ops", which does not exist`},
		{"two users of one name", edit(`{"name":"carol"`, `{"name":"Alice"`), `user "alice" and user "Alice" are two entities whose names differ only in case`},
		{"two default versions", edit(`"id":"v1","document"`, `"id":"v1","is_default":true,"document"`), "2 default versions"},
		{"an attachment of a missing policy", edit(`"attached_policies":["arn:aws:iam::111122223333:policy/team/read"]`, `"attached_policies":["arn:aws:iam::111122223333:policy/team/gone"]`), "does not exist"},
		{"a document that does not parse", edit(`"document":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\"`, `"document":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\"]`), "inline policy \"deny-iam\""},
		{"a bad name", edit(`{"name":"carol"`, `{"name":"car ol"`), "car ol"},
		{"a zero quota", edit(`"users":5000`, `"users":0`), "quota users"},
		{"a reused version number", edit(`"next_version":3`, `"next_version":2`), "next_version"},
		{"an instance profile of a missing role", edit(`"roles":["web"]`, `"roles":["app"]`), `holds role "app"`},
		{"a virtual MFA device of another user", edit(`"user":"carol"`, `"user":"dave"`), "which is not assigned to it"},
		{"a role's session duration out of range", edit(`"max_session_duration":7200`, `"max_session_duration":60`), `role "web": InvalidInput: The maximum session duration 60 is out of range`},
		{"a role description IAM refuses", edit(`"description":"web tier"`, `"description":"web\u2028tier"`), `role "web": InvalidInput: 1 validation error detected: Value at 'description'`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "account.json")
			if err := os.WriteFile(path, []byte(c.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, Options{})
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Open = %v; want an error naming the file and saying %q", err, c.want)
			}
			if now, _ := os.ReadFile(path); string(now) != c.data {
				t.Error("the file was changed")
			}
			// The failed Open let go of the lock.
			if _, err := Open(path, Options{}); errors.Is(err, ErrLocked) {
				t.Errorf("a failed Open kept the lock: %v", err)
			}
		})
	}
}

// A killed apply leaves the previous file whole. The child process saves
// through a writeFile that writes half the new file to a temporary file
// beside it, as a real write would, and is killed there.
func TestKilledMidWriteLeavesTheOldFile(t *testing.T) {
	if os.Getenv("IAMC_MEMORY_CRASH") != "" {
		crashingChild(t)
		return
	}
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	mustDo(t, a, &op.CreateUser{UserName: "before"})
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(path)

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledMidWriteLeavesTheOldFile$")
	cmd.Env = append(os.Environ(), "IAMC_MEMORY_CRASH="+path)
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed: %v\n%s", err, out)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, old) {
		t.Fatalf("the state file changed:\n%s", now)
	}
	temps, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".account.json.tmp-*"))
	if len(temps) != 1 {
		t.Fatalf("temporary files = %q; want the child's half-written one", temps)
	}
	// The next apply reads the old file, takes the lock the dead child
	// held, and clears what it left.
	b := mustOpen(t, path, Options{})
	defer b.Close()
	m := mustRead(t, b)
	if m.User("before") == nil || m.User("after") != nil {
		t.Errorf("users = %v", m.Users)
	}
	if temps, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".account.json.tmp-*")); len(temps) != 0 {
		t.Errorf("leftovers not removed: %q", temps)
	}
}

func crashingChild(t *testing.T) {
	path := os.Getenv("IAMC_MEMORY_CRASH")
	writeFile = func(target string, data []byte, mode os.FileMode) error {
		f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
		if err != nil {
			return err
		}
		f.Write(data[:len(data)/2])
		f.Sync()
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}
	a, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustDo(t, a, &op.CreateUser{UserName: "after"})
	a.Close()
	t.Fatal("the child survived its own kill")
}
