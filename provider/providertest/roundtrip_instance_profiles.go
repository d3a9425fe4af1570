package providertest

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

func (s *seed) instanceProfile(name string, fns ...func(*model.InstanceProfile)) *model.InstanceProfile {
	ip := &model.InstanceProfile{Name: s.n(name), Path: "/"}
	for _, fn := range fns {
		fn(ip)
	}
	s.AddInstanceProfile(ip)
	return ip
}

// instanceProfile returns an instance profile of the test as Read returns
// it, failing the test when it is missing.
func (e *env) instanceProfile(a *model.Account, name string) *model.InstanceProfile {
	e.t.Helper()
	ip := a.InstanceProfile(e.n(name))
	if ip == nil {
		e.t.Fatalf("Read has no instance profile %s", e.n(name))
	}
	return ip
}

var instanceProfileRoundTrips = map[string]func(t *testing.T, r *runner){
	"CreateInstanceProfile": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app") })
		e.do(&op.CreateInstanceProfile{InstanceProfileName: e.n("ip"), Path: "/apps/", Tags: []op.Tag{{Key: "app", Value: "web"}}},
			&op.AddRoleToInstanceProfile{InstanceProfileName: e.n("ip"), RoleName: e.n("app")})
		a := e.read()
		ip := e.instanceProfile(a, "ip")
		if ip.Path != "/apps/" || ip.Role != e.n("app") || ip.Tags["app"] != "web" || ip.ARN != model.InstanceProfileARN(e.account, "/apps/", e.n("ip")) {
			t.Errorf("instance profile = %+v", ip)
		}
		e.equalStrings("the role's instance profiles", e.role(a, "app").InstanceProfiles, []string{e.n("ip")})
		e.fails(&op.CreateInstanceProfile{InstanceProfileName: e.n("IP")}, provider.AlreadyExists)
	},
	"DeleteInstanceProfile": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.role("app")
			s.instanceProfile("ip", func(ip *model.InstanceProfile) { ip.Role = s.n("app") })
		})
		e.fails(&op.DeleteInstanceProfile{InstanceProfileName: e.n("ip")}, provider.Conflict)
		e.do(&op.RemoveRoleFromInstanceProfile{InstanceProfileName: e.n("ip"), RoleName: e.n("app")},
			&op.DeleteInstanceProfile{InstanceProfileName: e.n("ip")})
		if ip := e.read().InstanceProfile(e.n("ip")); ip != nil {
			t.Errorf("deleted instance profile still read: %+v", ip)
		}
		e.fails(&op.DeleteInstanceProfile{InstanceProfileName: e.n("ip")}, provider.NotFound)
	},
	"TagInstanceProfile": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.instanceProfile("ip", func(ip *model.InstanceProfile) { ip.Tags = model.Tags{"app": "web"} })
		})
		e.do(&op.TagInstanceProfile{InstanceProfileName: e.n("ip"), Tags: []op.Tag{{Key: "app", Value: "api"}, {Key: "team", Value: "core"}}})
		if got := e.instanceProfile(e.read(), "ip").Tags; len(got) != 2 || got["app"] != "api" || got["team"] != "core" {
			t.Errorf("tags = %v", got)
		}
		e.fails(&op.TagInstanceProfile{InstanceProfileName: e.n("none"), Tags: []op.Tag{{Key: "a", Value: "b"}}}, provider.NotFound)
	},
	"UntagInstanceProfile": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.instanceProfile("ip", func(ip *model.InstanceProfile) { ip.Tags = model.Tags{"app": "web", "team": "core"} })
		})
		e.do(&op.UntagInstanceProfile{InstanceProfileName: e.n("ip"), TagKeys: []string{"team"}})
		if got := e.instanceProfile(e.read(), "ip").Tags; len(got) != 1 || got["app"] != "web" {
			t.Errorf("tags = %v", got)
		}
	},
}
