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
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "x", ""),
		HTTPClient:  awshttp.NewBuildableClient(), RetryMaxAttempts: 1,
	})
}

func TestRunPersists(t *testing.T) {
	state := filepath.Join(t.TempDir(), "sub", "account.json")
	addr, stop := serve(t, Config{State: state, AccountID: "210987654321"})
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("bound to %s, want loopback", addr)
	}
	c, ctx := clientFor(addr), context.Background()
	must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}))
	if _, err := os.Stat(state); err == nil {
		t.Fatal("the state file was written at once; it is written at most once a second")
	}
	// Within a couple of ticks the file holds the user.
	deadline := time.Now().Add(5 * time.Second)
	for {
		data, err := os.ReadFile(state)
		if err == nil && strings.Contains(string(data), `"alice"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the state file was not written while serving: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// A change just before shutdown is saved on shutdown.
	must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bob")}))
	if err := stop(); err != nil {
		t.Fatal(err)
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
