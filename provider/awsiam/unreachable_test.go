package awsiam

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"
)

// A refused connection is said as such, not as "HTTP 0", and fails after
// a few attempts: a wrong endpoint or a server that is down does not come
// back within the retryer's two minutes.
func TestRefusedConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	var logged []string
	p := newTestProvider(t, "http://"+addr, Options{Logf: func(f string, a ...any) {
		logged = append(logged, f)
	}})
	start := time.Now()
	_, err = p.Identity(context.Background())
	if err == nil {
		t.Fatal("no error from a refused connection")
	}
	msg := err.Error()
	for _, want := range []string{"cannot connect to http://" + addr, "connection refused", "at each of 3 attempts", "nothing was sent"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, "HTTP 0") || strings.Contains(msg, "StatusCode: 0") {
		t.Errorf("error speaks of an HTTP status: %s", msg)
	}
	if len(logged) != 2 {
		t.Errorf("%d retries logged, want 2", len(logged))
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// Without any credentials, New says so plainly, and where it looked.
func TestNoCredentials(t *testing.T) {
	isolateEnv(t)
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"} {
		t.Setenv(k, "")
	}
	_, err := New(context.Background(), fast(Options{EndpointURL: "http://127.0.0.1:1"}))
	if err == nil || !strings.Contains(err.Error(), "no AWS credentials were found") || !strings.Contains(err.Error(), "instance metadata service") {
		t.Fatalf("err = %v", err)
	}
}
