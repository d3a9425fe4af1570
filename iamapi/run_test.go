package iamapi

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/iamc/iamc/provider/memory"
)

// serve starts Run in the background and returns the bound address and
// a function that stops it and returns Run's error.
func serve(t *testing.T, c Config) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	c.Ready = func(addr string) { ready <- addr }
	done := make(chan error, 1)
	go func() { done <- Run(ctx, c) }()
	select {
	case addr := <-ready:
		return addr, func() error {
			cancel()
			select {
			case err := <-done:
				return err
			case <-time.After(10 * time.Second):
				t.Fatal("Run did not stop")
				return nil
			}
		}
	case err := <-done:
		cancel()
		t.Fatalf("Run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not become ready")
	}
	return "", nil
}

func clientFor(addr string) *iam.Client {
	return iam.New(iam.Options{
		Region: "us-east-1", BaseEndpoint: aws.String("http://" + addr),
		Credentials: credentials.NewStaticCredentialsProvider(DefaultAccessKeyID, DefaultSecretAccessKey, ""),
		HTTPClient:  awshttp.NewBuildableClient(), RetryMaxAttempts: 1,
	})
}

// TestRunPersists checks what is on disk when: a write is in the journal
// when it is answered, and on shutdown the journal is compacted into the
// state file and removed.
func TestRunPersists(t *testing.T) {
	state := filepath.Join(t.TempDir(), "sub", "account.json")
	addr, stop := serve(t, Config{State: state, AccountID: "210987654321"})
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("bound to %s, want loopback", addr)
	}
	c, ctx := clientFor(addr), context.Background()
	must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}))
	// Answered, so on disk: in the journal (the state file holds the new
	// account only).
	journal, err := os.ReadFile(memory.JournalPath(state))
	check(t, err)
	if !strings.Contains(string(journal), `"UserName":"alice"`) {
		t.Fatalf("the journal lacks the user just created:\n%s", journal)
	}
	data, err := os.ReadFile(state)
	check(t, err)
	if !strings.Contains(string(data), `"210987654321"`) || strings.Contains(string(data), `"alice"`) {
		t.Fatalf("the state file before any compaction:\n%s", data)
	}
	must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bob")}))
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(memory.JournalPath(state)); !os.IsNotExist(err) {
		t.Fatalf("the journal is still there after shutdown: %v", err)
	}
	a, err := memory.Open(state, memory.Options{})
	if err != nil {
		t.Fatalf("reopening (is the lock released?): %v", err)
	}
	defer a.Close()
	a.View(func(s *memory.State) {
		if s.User("alice") == nil || s.User("bob") == nil || s.AccountID != "210987654321" {
			t.Fatalf("state after shutdown: %d users, account %s", len(s.Users), s.AccountID)
		}
	})
}

func TestRunErrors(t *testing.T) {
	state := filepath.Join(t.TempDir(), "account.json")
	held, err := memory.Open(state, memory.Options{})
	check(t, err)
	err = Run(context.Background(), Config{State: state})
	if err == nil || !strings.Contains(err.Error(), "lock") {
		t.Fatalf("Run on a locked state file: %v", err)
	}
	check(t, held.Close())

	err = Run(context.Background(), Config{State: state, Addr: "256.0.0.1:bad"})
	if err == nil || !strings.Contains(err.Error(), "listening") {
		t.Fatalf("Run on a bad address: %v", err)
	}
	// The failed Run released the lock.
	a, err := memory.Open(state, memory.Options{})
	check(t, err)
	check(t, a.Close())

	if err := os.WriteFile(state, []byte("not a state file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Run(context.Background(), Config{State: state}); err == nil {
		t.Fatal("Run on a corrupt state file did not fail")
	}
}

func TestRunInMemory(t *testing.T) {
	addr, stop := serve(t, Config{})
	c := clientFor(addr)
	must[*iam.CreateGroupOutput](t)(c.CreateGroup(context.Background(), &iam.CreateGroupInput{GroupName: aws.String("g")}))
	lg := must[*iam.ListGroupsOutput](t)(c.ListGroups(context.Background(), &iam.ListGroupsInput{}))
	if len(lg.Groups) != 1 {
		t.Fatalf("groups: %+v", lg.Groups)
	}
	check(t, stop())
}

// TestRunKeepsKeySecretsBesideTheState checks where the secret of an
// access key the server creates lives: in STATE.secrets, mode 0600, on
// disk before it is answered and never in the state file or the journal;
// the key signs after a restart, and a deleted key's secret goes.
func TestRunKeepsKeySecretsBesideTheState(t *testing.T) {
	state := filepath.Join(t.TempDir(), "account.json")
	addr, stop := serve(t, Config{State: state})
	c, ctx := clientFor(addr), context.Background()
	if _, err := os.Stat(SecretsPath(state)); !os.IsNotExist(err) {
		t.Fatalf("a secrets file before any key: %v", err)
	}
	must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}))
	k1 := must[*iam.CreateAccessKeyOutput](t)(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")})).AccessKey
	k2 := must[*iam.CreateAccessKeyOutput](t)(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")})).AccessKey
	secret1, secret2 := aws.ToString(k1.SecretAccessKey), aws.ToString(k2.SecretAccessKey)
	info, err := os.Stat(SecretsPath(state))
	check(t, err)
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("secrets file mode %o", info.Mode().Perm())
	}
	data, err := os.ReadFile(SecretsPath(state))
	check(t, err)
	if !strings.Contains(string(data), secret1) || !strings.Contains(string(data), secret2) {
		t.Fatalf("the secrets file lacks the secrets answered:\n%s", data)
	}
	journal, err := os.ReadFile(memory.JournalPath(state))
	check(t, err)
	if strings.Contains(string(journal), secret1) || !strings.Contains(string(journal), "CreateAccessKey") {
		t.Fatalf("the journal:\n%s", journal)
	}
	must[*iam.DeleteAccessKeyOutput](t)(c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("alice"), AccessKeyId: k2.AccessKeyId}))
	check(t, stop())
	stateData, err := os.ReadFile(state)
	check(t, err)
	if strings.Contains(string(stateData), secret1) || !strings.Contains(string(stateData), aws.ToString(k1.AccessKeyId)) {
		t.Fatalf("the state file:\n%s", stateData)
	}

	// Restarted, the server knows the live key and forgets the other.
	addr, stop = serve(t, Config{State: state})
	alice := iam.New(iam.Options{
		Region: "us-east-1", BaseEndpoint: aws.String("http://" + addr),
		Credentials: credentials.NewStaticCredentialsProvider(aws.ToString(k1.AccessKeyId), secret1, ""),
		HTTPClient:  awshttp.NewBuildableClient(), RetryMaxAttempts: 1,
	})
	must[*iam.ListUsersOutput](t)(alice.ListUsers(ctx, &iam.ListUsersInput{}))
	check(t, stop())
	data, err = os.ReadFile(SecretsPath(state))
	check(t, err)
	if strings.Contains(string(data), secret2) || !strings.Contains(string(data), secret1) {
		t.Fatalf("the secrets file after a restart:\n%s", data)
	}

	// A secrets file others may read is refused.
	check(t, os.Chmod(SecretsPath(state), 0o644))
	if err := Run(context.Background(), Config{State: state}); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("Run with a readable secrets file: %v", err)
	}
}

func TestRunRefusesRemoteAddresses(t *testing.T) {
	for _, tc := range []struct {
		c    Config
		want string
	}{
		{Config{Addr: "0.0.0.0:0"}, "allow it with --allow-remote"},
		{Config{Addr: "[::]:0", AllowRemote: true}, "needs a --secret-access-key of your own"},
		{Config{Addr: "0.0.0.0:0", AllowRemote: true, Options: Options{SecretAccessKey: DefaultSecretAccessKey}}, "the default key is public"},
	} {
		if err := Run(context.Background(), tc.c); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Run(%+v): %v, want %q", tc.c, err, tc.want)
		}
	}
	addr, stop := serve(t, Config{Addr: "0.0.0.0:0", AllowRemote: true, Options: Options{SecretAccessKey: "own"}})
	if !strings.HasPrefix(addr, "[::]:") && !strings.HasPrefix(addr, "0.0.0.0:") {
		t.Fatalf("bound to %s", addr)
	}
	check(t, stop())
}
