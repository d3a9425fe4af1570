package awsiam

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// TestReadDeclaredKeys: the keys of a user that declares access_keys are
// read with one ListAccessKeys, and their last use from the credential
// report, matched by creation: never a GetAccessKeyLastUsed per key. Users
// that stay without the block cost nothing.
func TestReadDeclaredKeys(t *testing.T) {
	made := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	used := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	seed := model.NewAccount("123456789012")
	seed.AddUser(&model.User{Name: "backup", Path: "/", Credentials: model.Credentials{AccessKeys: []model.AccessKey{
		{ID: "AKIAEXAMPLE000000001", Active: false, CreateDate: made},
		{ID: "AKIAEXAMPLE000000002", Active: true, CreateDate: made.Add(90 * 24 * time.Hour), LastUsed: used, LastUsedService: "s3", LastUsedRegion: "eu-west-1"},
	}}})
	desired := model.NewAccount("123456789012")
	desired.AddUser(&model.User{Name: "backup", Path: "/", Keys: &model.DeclaredKeys{Active: 1, RotateAfter: 90}})
	for i := range 20 {
		name := fmt.Sprintf("u%02d", i)
		seed.AddUser(&model.User{Name: name, Path: "/", Credentials: model.Credentials{AccessKeys: []model.AccessKey{{ID: fmt.Sprintf("AKIAEXAMPLE1000000%02d", i), Active: true, CreateDate: made}}}})
		desired.AddUser(&model.User{Name: name, Path: "/"})
	}
	em := &emulator{}
	srv, _ := emulated(t, seed, em)
	p := newServedProvider(t, srv.URL, Options{})
	p.Hint(provider.ReadHints{Desired: desired, Scope: model.DefaultScope})
	cur, err := p.Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	keys := cur.User("backup").Credentials.AccessKeys
	if len(keys) != 2 || keys[0].Active || !keys[1].Active || !keys[0].LastUsed.IsZero() ||
		!keys[1].LastUsed.Equal(used) || keys[1].LastUsedService != "s3" || keys[1].LastUsedRegion != "eu-west-1" {
		t.Errorf("backup's keys = %+v", keys)
	}
	for _, tc := range []struct {
		action string
		want   int
	}{{"ListAccessKeys", 1}, {"GetAccessKeyLastUsed", 0}, {"GetCredentialReport", 1}} {
		if got := em.requests(tc.action); got != tc.want {
			t.Errorf("%d %s requests, want %d", got, tc.action, tc.want)
		}
	}
}
