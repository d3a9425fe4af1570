package access

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

func diffDoc(stmts string) *policy.Document {
	return policy.MustParse(`{"Version":"2012-10-17","Statement":[` + stmts + `]}`)
}

// team is an account with a group of three developers and a role.
func team() *model.Account {
	a := model.NewAccount("123456789012")
	a.AddGroup(&model.Group{Name: "dev", Path: "/"})
	for _, n := range []string{"chloe", "lucas", "maria"} {
		a.AddUser(&model.User{Name: n, Path: "/", Groups: []string{"dev"}})
	}
	a.AddUser(&model.User{Name: "ops", Path: "/"})
	a.AddRole(&model.Role{Name: "app", Path: "/", AssumeRolePolicy: diffDoc(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`)})
	return a
}

func grantsText(gs []Grant) string {
	var out []string
	for _, g := range gs {
		s := g.Effect + " " + g.Action + " " + g.Resource
		if g.Condition != "" {
			s += " if " + g.Condition
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name     string
		change   func(a *model.Account)
		broadens bool
		want     []string // per change: "principals|group|gained|lost"
		trusts   []string // per role: "role|gained|lost"
		newP     string
	}{{
		name: "a group's new inline policy: its members gain, shown together under the group",
		change: func(a *model.Account) {
			a.Group("dev").InlinePolicies = []model.InlinePolicy{{Name: "pass", Document: diffDoc(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/*"}`)}}
		},
		broadens: true,
		want:     []string{"user.chloe,user.lucas,user.maria|dev|Allow iam:PassRole arn:aws:iam::123456789012:role/*|"},
	}, {
		name: "a wildcard is expanded through the catalog",
		change: func(a *model.Account) {
			a.User("ops").InlinePolicies = []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Allow","Action":"sts:AssumeRole*","Resource":"*"}`)}}
		},
		broadens: true,
		want:     []string{"user.ops||Allow sts:AssumeRole *; Allow sts:AssumeRoleWithSAML *; Allow sts:AssumeRoleWithWebIdentity *|Allow s3:ListBucket *"},
	}, {
		name: "a narrowing change: an action taken away, a deny added",
		change: func(a *model.Account) {
			a.User("ops").InlinePolicies = []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}`)}}
		},
		broadens: false,
		want:     []string{"user.ops|||Allow s3:ListBucket *; Deny s3:DeleteObject *"},
	}, {
		name: "a deny taken away widens access",
		change: func(a *model.Account) {
			a.User("lucas").InlinePolicies = nil
		},
		broadens: true,
		want:     []string{"user.lucas||Deny s3:DeleteObject *|"},
	}, {
		name: "a changed condition counts: the old grant is lost, the new one gained",
		change: func(a *model.Account) {
			a.User("maria").InlinePolicies = []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`)}}
		},
		broadens: true,
		want:     []string{`user.maria||Allow s3:GetObject * if {"Bool":{"aws:SecureTransport":["true"]}}|Allow s3:GetObject *`},
	}, {
		name: "a boundary limits what the identity policies give",
		change: func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Name: "bound", Path: "/", Document: diffDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}`)})
			a.User("maria").PermissionsBoundary = model.PolicyARN(a.ID, "/", "bound")
		},
		broadens: false,
		want:     []string{"user.maria|||Allow s3:GetObject *"},
	}, {
		name: "a new user with a policy is a new principal, and broadens",
		change: func(a *model.Account) {
			a.AddUser(&model.User{Name: "new", Path: "/", InlinePolicies: []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Allow","Action":"support:DescribeCases","Resource":"*"}`)}}})
		},
		broadens: true,
		want:     []string{"user.new||Allow support:DescribeCases *|"},
		newP:     "user.new",
	}, {
		name: "who may assume a role",
		change: func(a *model.Account) {
			a.Role("app").AssumeRolePolicy = diffDoc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/ops"},"Action":"sts:AssumeRole"}`)
		},
		broadens: true,
		trusts:   []string{"role.app|AWS arn:aws:iam::123456789012:user/ops sts:AssumeRole|Service ec2.amazonaws.com sts:AssumeRole"},
	}, {
		name:   "nothing changes",
		change: func(a *model.Account) {},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			before := team()
			before.User("lucas").InlinePolicies = []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}`)}}
			before.User("maria").InlinePolicies = []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)}}
			before.User("ops").InlinePolicies = []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}`)}}
			after := before.Clone()
			tc.change(after)
			d := Diff(before, after)
			if d.Broadens != tc.broadens {
				t.Errorf("Broadens = %v, want %v", d.Broadens, tc.broadens)
			}
			var got []string
			for _, c := range d.Changes {
				var ps []string
				for _, p := range c.Principals {
					ps = append(ps, p.String())
				}
				got = append(got, strings.Join(ps, ",")+"|"+c.Group+"|"+grantsText(c.Gained)+"|"+grantsText(c.Lost))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") && !(tc.want == nil && got == nil) {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			var trusts []string
			for _, tr := range d.Trusts {
				var g, l []string
				for _, x := range tr.Gained {
					g = append(g, x.Principal+" "+x.Action)
				}
				for _, x := range tr.Lost {
					l = append(l, x.Principal+" "+x.Action)
				}
				trusts = append(trusts, tr.Role.String()+"|"+strings.Join(g, "; ")+"|"+strings.Join(l, "; "))
			}
			if strings.Join(trusts, "\n") != strings.Join(tc.trusts, "\n") {
				t.Errorf("trusts:\n%s\nwant:\n%s", strings.Join(trusts, "\n"), strings.Join(tc.trusts, "\n"))
			}
			var np []string
			for _, p := range d.NewPrincipals {
				np = append(np, p.String())
			}
			if strings.Join(np, ",") != tc.newP {
				t.Errorf("new principals %v, want %s", np, tc.newP)
			}
		})
	}
}
