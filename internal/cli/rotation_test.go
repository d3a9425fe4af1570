package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/internal/cli"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// TestKeyRotationOverApplies runs apply after apply over a sequence of
// --now times on a user whose access_keys rotate every 90 days, with the
// application switching keys as it is told: at every point the user has
// an active key whose secret the application holds (no downtime), never
// three keys, and every secret is only in the credentials file (0600).
func TestKeyRotationOverApplies(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "main.iam.hcl"), `
user "backup" {
  access_keys {
    rotate_after          = 90
    delete_inactive_after = 30
  }
}
`)
	state := filepath.Join(dir, "account.json")
	creds := filepath.Join(dir, "creds.json")
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := cli.Run(context.Background(), append(args, "--state", state, dir), cli.Streams{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader("")})
		return code, out.String(), errb.String()
	}
	var outputs []string
	apply := func(n int) string {
		t.Helper()
		code, out, errb := run("apply", "--auto-approve", "--credentials-out", creds, "--now", day(n).Format(time.RFC3339))
		if code != 0 {
			t.Fatalf("apply on day %d: exit %d\n%s\n%s", n, code, out, errb)
		}
		outputs = append(outputs, out, errb)
		return out
	}
	// The application: the key it uses, switching to the newest active
	// key whose secret it is given, and recording each use.
	using := ""
	use := func(n int) {
		t.Helper()
		secrets := readSecrets(t, creds)
		acct, err := memory.Open(state, memory.Options{})
		if err != nil {
			t.Fatal(err)
		}
		acct.Now = func() time.Time { return day(n) }
		cur, err := acct.Read(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		keys := cur.User("backup").Credentials.AccessKeys
		if len(keys) > model.MaxAccessKeys {
			t.Fatalf("day %d: %d keys", n, len(keys))
		}
		var newest *model.AccessKey
		for i := range keys {
			if keys[i].Active && secrets[keys[i].ID] != "" && (newest == nil || keys[i].CreateDate.After(newest.CreateDate)) {
				newest = &keys[i]
			}
		}
		if newest == nil {
			t.Fatalf("day %d: downtime: no active key whose secret is in the credentials file (keys %+v)", n, keys)
		}
		if using != "" && using != newest.ID {
			// The application switches once it has the new secret; the
			// key it used until now must still be active at that point.
			if !activeKey(keys, using) {
				t.Fatalf("day %d: downtime: key %s was deactivated while in use", n, using)
			}
		}
		using = newest.ID
		if err := acct.Do(context.Background(), &memory.RecordAccessKeyUse{UserName: "backup", AccessKeyId: using, ServiceName: "s3", Region: "us-east-1"}); err != nil {
			t.Fatal(err)
		}
		if err := acct.Close(); err != nil {
			t.Fatal(err)
		}
	}

	if !strings.Contains(apply(0), "create-access-key") {
		t.Fatal("day 0: no key created")
	}
	for _, n := range []int{1, 30, 60, 89} {
		use(n)
		if out := apply(n); !strings.Contains(out, "No changes.") {
			t.Fatalf("day %d: a change before rotate_after:\n%s", n, out)
		}
	}
	first := using
	use(91)
	if out := apply(91); !strings.Contains(out, "successor of "+first) {
		t.Fatalf("day 91: rotation did not start:\n%s", out)
	}
	// The old key stays active while the successor is unused.
	if out := apply(92); !strings.Contains(out, "No changes.") {
		t.Fatalf("day 92: a change before the successor is used:\n%s", out)
	}
	use(93) // the application takes the new secret
	if using == first {
		t.Fatal("the application did not switch keys")
	}
	if out := apply(94); !strings.Contains(out, "update-access-key") || !strings.Contains(out, first) {
		t.Fatalf("day 94: the old key was not deactivated:\n%s", out)
	}
	use(95)
	if out := apply(130); !strings.Contains(out, "delete-access-key") {
		t.Fatalf("day 130: the old inactive key was not deleted:\n%s", out)
	}
	use(131)
	// The second rotation, ending in the same state: one active key.
	second := using
	use(182)
	if out := apply(184); !strings.Contains(out, "successor of "+second) {
		t.Fatalf("day 184: the second rotation did not start:\n%s", out)
	}
	use(185)
	apply(186)
	use(187)

	acct, err := memory.Open(state, memory.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := acct.Read(context.Background())
	acct.Close()
	keys := cur.User("backup").Credentials.AccessKeys
	if len(keys) != 2 || activeCount(keys) != 1 || !activeKey(keys, using) {
		t.Errorf("at the end: keys %+v, want the one in use active and the old one inactive", keys)
	}

	// Every secret is in the credentials file only, which is 0600.
	info, err := os.Stat(creds)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("credentials file mode %v", info.Mode().Perm())
	}
	secrets := readSecrets(t, creds)
	if len(secrets) != 3 {
		t.Errorf("%d secrets in the credentials file, want 3", len(secrets))
	}
	code, planJSON, _ := run("plan", "--format", "json", "--now", day(190).Format(time.RFC3339))
	if code != 0 {
		t.Fatalf("plan: exit %d", code)
	}
	outputs = append(outputs, planJSON)
	for id, secret := range secrets {
		for _, o := range outputs {
			if strings.Contains(o, secret) {
				t.Errorf("the secret of %s was printed", id)
			}
		}
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path == creds {
				return err
			}
			data, _ := os.ReadFile(path)
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("the secret of %s is in %s", id, path)
			}
			return nil
		})
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readSecrets reads the credentials file's access keys: id → secret.
func readSecrets(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		AccessKeys []struct {
			AccessKeyID     string `json:"access_key_id"`
			SecretAccessKey string `json:"secret_access_key"`
		} `json:"access_keys"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, k := range f.AccessKeys {
		out[k.AccessKeyID] = k.SecretAccessKey
	}
	return out
}

func activeKey(keys []model.AccessKey, id string) bool {
	for _, k := range keys {
		if k.ID == id {
			return k.Active
		}
	}
	return false
}

func activeCount(keys []model.AccessKey) int {
	n := 0
	for _, k := range keys {
		if k.Active {
			n++
		}
	}
	return n
}
