package memory

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// TestServedCalls checks the calls the memory account makes for iamc
// serve beyond the plan's ops: what they make, and the errors IAM gives.
func TestServedCalls(t *testing.T) {
	a := New("")
	mustDo(t, a, &op.CreateUser{UserName: "alice"}, &op.CreateRole{RoleName: "app",
		AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`})
	var keys []AccessKey
	for i := 0; i < 2; i++ {
		if err := a.DoView(ctx, &op.CreateAccessKey{UserName: "ALICE"}, func(s *State) {
			u := s.User("alice")
			keys = append(keys, u.AccessKeys[len(u.AccessKeys)-1])
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range keys {
		if len(k.ID) != 20 || !strings.HasPrefix(k.ID, "AKIA") || strings.Trim(k.ID, idAlphabet) != "" || k.Status != "Active" {
			t.Errorf("new key %+v", k)
		}
	}
	if keys[0].ID == keys[1].ID {
		t.Fatalf("two keys with one id %s", keys[0].ID)
	}
	mustDo(t, a, &op.UpdateAccessKey{UserName: "alice", AccessKeyId: keys[0].ID, Status: "Inactive"},
		&op.CreateInstanceProfile{InstanceProfileName: "app", Path: "/apps/"},
		&op.AddRoleToInstanceProfile{InstanceProfileName: "app", RoleName: "app"})
	a.View(func(s *State) {
		if u, k := s.AccessKey(keys[0].ID); u == nil || u.Name != "alice" || k.Status != "Inactive" {
			t.Errorf("key after UpdateAccessKey: %v %+v", u, k)
		}
		if u, _ := s.AccessKey("AKIANOSUCHKEY0000000"); u != nil {
			t.Error("AccessKey found a key no user has")
		}
		ip := s.InstanceProfile("APP")
		if ip == nil || ip.Path != "/apps/" || !strings.HasPrefix(ip.ID, instanceProfileIDPrefix) || len(ip.Roles) != 1 {
			t.Errorf("instance profile %+v", ip)
		}
	})

	for _, tc := range []struct {
		o    op.Op
		code provider.Code
		msg  string
	}{
		{&op.CreateAccessKey{UserName: "alice"}, provider.LimitExceeded, "Cannot exceed quota for AccessKeysPerUser: 2"},
		{&op.CreateAccessKey{UserName: "bob"}, provider.NotFound, "The user with name bob cannot be found."},
		{&op.UpdateAccessKey{UserName: "alice", AccessKeyId: "AKIANOSUCHKEY0000000", Status: "Active"}, provider.NotFound, "The Access Key with id AKIANOSUCHKEY0000000 cannot be found."},
		{&op.UpdateAccessKey{UserName: "alice", AccessKeyId: keys[0].ID, Status: "Expired"}, provider.InvalidInput, "not Active or Inactive"},
		{&op.CreateInstanceProfile{InstanceProfileName: "App"}, provider.AlreadyExists, "Instance Profile app already exists."},
		{&op.CreateInstanceProfile{InstanceProfileName: "x", Path: "/aws-service-role/"}, provider.InvalidInput, "reserved for AWS"},
		{&op.CreateInstanceProfile{InstanceProfileName: "a b"}, provider.InvalidInput, "instance profile name"},
		{&op.DeleteInstanceProfile{InstanceProfileName: "app"}, provider.Conflict, "must remove roles from instance profile first"},
		{&op.DeleteInstanceProfile{InstanceProfileName: "nope"}, provider.NotFound, "Instance Profile nope cannot be found."},
		{&op.DeleteUser{UserName: "alice"}, provider.Conflict, "must delete access keys first"},
	} {
		err := a.Do(ctx, tc.o)
		if !provider.IsCode(err, tc.code) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: %v, want %s %q", tc.o.Action(), err, tc.code, tc.msg)
		}
	}

	// The clean-ups a plan makes before deleting the user and the role.
	mustDo(t, a, &op.DeleteAccessKey{UserName: "alice", AccessKeyId: keys[0].ID},
		&op.DeleteAccessKey{UserName: "alice", AccessKeyId: keys[1].ID}, &op.DeleteUser{UserName: "alice"},
		&op.RemoveRoleFromInstanceProfile{InstanceProfileName: "app", RoleName: "app"}, &op.DeleteRole{RoleName: "app"},
		&op.DeleteInstanceProfile{InstanceProfileName: "app"})
	a.View(func(s *State) {
		if len(s.Users)+len(s.Roles)+len(s.InstanceProfiles) != 0 {
			t.Errorf("left: %d users, %d roles, %d instance profiles", len(s.Users), len(s.Roles), len(s.InstanceProfiles))
		}
	})
}
