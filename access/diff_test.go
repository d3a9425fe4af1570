package access

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
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

func grantsText(ls []Line) string {
	var out []string
	for _, l := range ls {
		for _, a := range l.Actions {
			s := l.Effect + " " + a + " " + l.Resource
			if l.Condition != "" {
				s += " if " + l.Condition
			}
			out = append(out, s)
		}
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
		name: "a user renamed (renamed_from) keeps its access: no change, no new principal",
		change: func(a *model.Account) {
			u := *a.User("maria")
			delete(a.Users, model.Fold("maria"))
			u.Name, u.RenamedFrom = "maria.lopez", "maria"
			a.AddUser(&u)
		},
	}, {
		name: "a renamed user that also gains is compared with its old self",
		change: func(a *model.Account) {
			u := *a.User("ops")
			delete(a.Users, model.Fold("ops"))
			u.Name, u.RenamedFrom = "operator", "ops"
			u.InlinePolicies = []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Allow","Action":["s3:ListBucket","support:DescribeCases"],"Resource":"*"}`)}}
			a.AddUser(&u)
		},
		broadens: true,
		want:     []string{"user.operator||Allow support:DescribeCases *|"},
	}, {
		name: "a boundary limits what a change grants: an action it does not allow is no gain",
		change: func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Name: "b", Path: "/", Document: diffDoc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)})
			u := a.User("ops")
			u.PermissionsBoundary = "arn:aws:iam::123456789012:policy/b"
			u.InlinePolicies = []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Allow","Action":["s3:ListBucket","iam:CreateUser"],"Resource":"*"}`)}}
		},
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

// TestDiffLines: a change reads as lines per service and access level; a
// whole level, a whole service and every action each read as one line.
func TestDiffLines(t *testing.T) {
	for _, tc := range []struct {
		name, action string
		want         string // the gained lines: "service level every count"
	}{
		{"one action", `"s3:GetObject"`, "s3 Read false 1"},
		{"a whole level of a service", `["iam:List*", "iam:GetAccountSummary", "iam:GetLoginProfile"]`, "iam List true 40"},
		{"a whole service", `"iam:*"`, "iam * true 190"},
		{"every action", `"*"`, "* * true " + fmt.Sprint(len(catalogIndex().names))},
		{"an action the catalog does not know", `"madeup:DoThing"`, "madeup Unknown false 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := team()
			after := before.Clone()
			after.User("ops").InlinePolicies = []model.InlinePolicy{{Name: "x", Document: diffDoc(`{"Effect":"Allow","Action":` + tc.action + `,"Resource":"*"}`)}}
			d := Diff(before, after)
			if len(d.Changes) != 1 {
				t.Fatalf("%d changes, want 1", len(d.Changes))
			}
			var got []string
			for _, l := range d.Changes[0].Gained {
				got = append(got, fmt.Sprint(l.Service, " ", l.Level, " ", l.Every, " ", l.Count))
			}
			if strings.Join(got, "; ") != tc.want {
				t.Errorf("gained %q, want %q", strings.Join(got, "; "), tc.want)
			}
		})
	}
}

// TestDiffFastPathAgrees: the delta that compares only the documents that
// come and go gives what comparing the whole grants gives, over random
// accounts whose users move between groups and whose policies change.
func TestDiffFastPathAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 13))
	g := newDiffGen(r)
	docs := make([]*policy.Document, 12)
	for i := range docs {
		docs[i] = policy.MustParse(g.document(false))
	}
	pick := func() *policy.Document { return docs[r.IntN(len(docs))] }
	account := func() *model.Account {
		a := model.NewAccount("123456789012")
		for i := range 4 {
			a.AddGroup(&model.Group{Name: fmt.Sprint("g", i), Path: "/", InlinePolicies: []model.InlinePolicy{{Name: "p", Document: pick()}}})
		}
		for i := range 3 {
			a.AddPolicy(&model.ManagedPolicy{Name: fmt.Sprint("m", i), Path: "/", Document: pick()})
		}
		for i := range 8 {
			u := &model.User{Name: fmt.Sprint("u", i), Path: "/"}
			for j := range 4 {
				if r.IntN(2) == 0 {
					u.Groups = append(u.Groups, fmt.Sprint("g", j))
				}
			}
			if r.IntN(2) == 0 {
				u.InlinePolicies = []model.InlinePolicy{{Name: "own", Document: pick()}}
			}
			if r.IntN(3) == 0 {
				u.ManagedPolicies = []string{fmt.Sprint("arn:aws:iam::123456789012:policy/m", r.IntN(3))}
			}
			if r.IntN(5) == 0 {
				u.PermissionsBoundary = fmt.Sprint("arn:aws:iam::123456789012:policy/m", r.IntN(3))
			}
			a.AddUser(u)
		}
		return a
	}
	for i := range 5 {
		before, after := account(), account()
		fast := Diff(before, after)
		slowDelta = true
		slow := Diff(before, after)
		slowDelta = false
		fj, _ := json.Marshal(fast)
		sj, _ := json.Marshal(slow)
		if string(fj) != string(sj) {
			t.Fatalf("case %d: the fast path differs:\nfast %s\nslow %s", i, fj, sj)
		}
	}
}

// TestDiffBounded: a diff whose every principal's change differs reads
// out at most MaxReadOut action names, and names the principals past it;
// it still says whether access broadens.
func TestDiffBounded(t *testing.T) {
	before := model.NewAccount("123456789012")
	after := model.NewAccount("123456789012")
	// Each user gains every action but the first of each service's level
	// and one of its own: changes that differ, each of thousands of names
	// (no level whole, so none reads as "every").
	x := catalogIndex()
	var firsts []string
	for _, r := range x.ranges {
		firsts = append(firsts, `"`+x.names[r.start]+`"`)
	}
	all := x.names
	n := MaxReadOut/len(all) + 20
	for i := range n {
		name := fmt.Sprint("u", i)
		before.AddUser(&model.User{Name: name, Path: "/"})
		doc := diffDoc(`{"Effect":"Allow","NotAction":[` + strings.Join(firsts, ",") + `,"` + all[i*7%len(all)] + `"],"Resource":"*"}`)
		after.AddUser(&model.User{Name: name, Path: "/", InlinePolicies: []model.InlinePolicy{{Name: "x", Document: doc}}})
	}
	d := Diff(before, after)
	read, listed := 0, 0
	for _, c := range d.Changes {
		read += names(c.Gained) + names(c.Lost)
		listed += len(c.Principals)
	}
	if read > MaxReadOut+len(all) {
		t.Errorf("%d action names read out, bound %d", read, MaxReadOut)
	}
	if len(d.Unlisted) == 0 || listed+len(d.Unlisted) != n {
		t.Errorf("%d principals in changes and %d unlisted, want %d in all, some unlisted", listed, len(d.Unlisted), n)
	}
	if !d.Broadens {
		t.Error("the diff does not broaden access")
	}
}
