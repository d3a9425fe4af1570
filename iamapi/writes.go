package iamapi

import (
	"fmt"
	"reflect"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/memory"
)

// runOp answers a write action: decode its op, check that it names no
// entity still hidden by the consistency delay, run it on the account and
// answer with what AWS returns for it.
func runOp(c *call) error {
	if _, ok := c.f.vals["Password"]; ok && c.f.action == "UpdateLoginProfile" {
		return validation("UpdateLoginProfile with a Password is not served: the memory account keeps no passwords and its UpdateLoginProfile sets only PasswordResetRequired.")
	}
	o, e := decodeOp(c.f)
	if e != nil {
		return e
	}
	if err := c.h.checkRefs(o); err != nil {
		return err
	}
	if lp, ok := o.(*op.UpdateLoginProfile); ok {
		if _, given := c.f.vals["PasswordResetRequired"]; !given {
			// IAM leaves the flag as it is when it is not sent; the op
			// always sets it.
			c.h.acct.View(func(s *memory.State) {
				if u := s.User(lp.UserName); u != nil && u.LoginProfile != nil {
					lp.PasswordResetRequired = u.LoginProfile.PasswordResetRequired
				}
			})
		}
	}
	if err := c.h.acct.Do(c.ctx, o); err != nil {
		return err
	}
	c.h.track(o)
	return c.opResult(o)
}

// checkRefs refuses an op that names an entity the consistency delay
// still hides: the user, group or role it changes, the managed policy it
// attaches, and the users and roles its trust policy names. The entity an
// op creates is not a reference: a second create of it reaches the
// account and is EntityAlreadyExists, as on AWS.
func (h *Handler) checkRefs(o op.Op) error {
	if h.opts.ConsistencyDelay <= 0 {
		return nil
	}
	v := reflect.ValueOf(o).Elem()
	action := o.Action()
	for _, p := range opParams()[action] {
		if p.kind != pString {
			continue
		}
		val := v.Field(p.field).String()
		if val == "" {
			continue
		}
		switch p.name {
		case "UserName":
			if action != "CreateUser" && h.vis.hidden(model.KindUser, val) {
				return noSuchEntity("The user with name %s cannot be found.", val)
			}
		case "GroupName":
			if action != "CreateGroup" && h.vis.hidden(model.KindGroup, val) {
				return noSuchEntity("The group with name %s cannot be found.", val)
			}
		case "RoleName":
			if action != "CreateRole" && h.vis.hidden(model.KindRole, val) {
				return noSuchEntity("The role with name %s cannot be found.", val)
			}
		case "PolicyArn", "PermissionsBoundary":
			if h.vis.hiddenPolicy(val) {
				return noSuchEntity("Policy %s does not exist or is not attachable.", val)
			}
		}
	}
	var trust string
	switch o := o.(type) {
	case *op.CreateRole:
		trust = o.AssumeRolePolicyDocument
	case *op.UpdateAssumeRolePolicy:
		trust = o.PolicyDocument
	}
	if trust != "" {
		return h.checkPrincipals(trust)
	}
	return nil
}

// checkPrincipals refuses a trust policy naming a user or role of this
// account that is still hidden, as IAM does until the principal has
// propagated.
func (h *Handler) checkPrincipals(text string) error {
	d, err := policy.ParseJSON([]byte(text))
	if err != nil {
		return nil // the account reports the malformed document
	}
	var account string
	h.acct.View(func(s *memory.State) { account = s.AccountID })
	for _, st := range d.Statements {
		if st.Principal == nil {
			continue
		}
		for _, id := range st.Principal.Entries["AWS"] {
			pa, err := model.ParseEntityARN(id)
			if err != nil || pa.Account != account {
				continue
			}
			kind := model.Kind(pa.Resource)
			if (kind == model.KindUser || kind == model.KindRole) && h.vis.hidden(kind, pa.Name) {
				return &provider.Error{Code: provider.Malformed, Message: fmt.Sprintf("Invalid principal in policy: \"AWS\":\"%s\"", id)}
			}
		}
	}
	return nil
}

// track records what an op created for the consistency delay, and
// forgets what it deleted or renamed.
func (h *Handler) track(o op.Op) {
	switch o := o.(type) {
	case *op.CreateUser:
		h.vis.add(model.KindUser, o.UserName)
	case *op.CreateGroup:
		h.vis.add(model.KindGroup, o.GroupName)
	case *op.CreateRole:
		h.vis.add(model.KindRole, o.RoleName)
	case *op.CreatePolicy:
		h.vis.add(model.KindPolicy, o.PolicyName)
	case *op.DeleteUser:
		h.vis.forget(model.KindUser, o.UserName)
	case *op.DeleteGroup:
		h.vis.forget(model.KindGroup, o.GroupName)
	case *op.DeleteRole:
		h.vis.forget(model.KindRole, o.RoleName)
	case *op.DeletePolicy:
		if pa, err := model.ParseEntityARN(o.PolicyArn); err == nil {
			h.vis.forget(model.KindPolicy, pa.Name)
		}
	}
}

// errGone answers a write whose entity another request removed between
// the write and its answer.
func errGone(what, name string) error {
	return newError(string(provider.ConcurrentModification), "The %s %s was changed by another request while this one ran.", what, name)
}

// opResult writes the result of the writes that return what they made.
func (c *call) opResult(o op.Op) error {
	var err error
	w := &c.body
	switch o := o.(type) {
	case *op.CreateUser:
		c.h.acct.View(func(s *memory.State) {
			u := s.User(o.UserName)
			if u == nil {
				err = errGone("user", o.UserName)
				return
			}
			w.open("User")
			writeUser(w, s, u, true)
			w.close("User")
		})
	case *op.CreateGroup:
		c.h.acct.View(func(s *memory.State) {
			g := s.Group(o.GroupName)
			if g == nil {
				err = errGone("group", o.GroupName)
				return
			}
			w.open("Group")
			writeGroup(w, s, g)
			w.close("Group")
		})
	case *op.CreateRole:
		c.h.acct.View(func(s *memory.State) {
			r := s.Role(o.RoleName)
			if r == nil {
				err = errGone("role", o.RoleName)
				return
			}
			w.open("Role")
			writeRole(w, s, r, roleCreated)
			w.close("Role")
		})
	case *op.CreatePolicy:
		c.h.acct.View(func(s *memory.State) {
			p := s.Policy(o.PolicyName)
			if p == nil {
				err = errGone("policy", o.PolicyName)
				return
			}
			w.open("Policy")
			writePolicy(w, s, p, policyFull)
			w.close("Policy")
		})
	case *op.CreatePolicyVersion:
		c.h.acct.View(func(s *memory.State) {
			p := s.PolicyByARN(o.PolicyArn)
			if p == nil || len(p.Versions) == 0 {
				err = errGone("policy", o.PolicyArn)
				return
			}
			v := newestVersion(p)
			w.open("PolicyVersion")
			w.text("VersionId", v.ID)
			w.boolean("IsDefaultVersion", v.IsDefault)
			w.date("CreateDate", v.CreateDate)
			w.close("PolicyVersion")
		})
	case *op.CreateLoginProfile:
		c.h.acct.View(func(s *memory.State) {
			u := s.User(o.UserName)
			if u == nil || u.LoginProfile == nil {
				err = errGone("user", o.UserName)
				return
			}
			writeLoginProfile(w, u)
		})
	}
	return err
}

// newestVersion returns the policy version with the highest number.
func newestVersion(p *memory.Policy) *memory.PolicyVersion {
	best := &p.Versions[0]
	for i := range p.Versions {
		if versionNum(p.Versions[i].ID) > versionNum(best.ID) {
			best = &p.Versions[i]
		}
	}
	return best
}

// versionNum is the number of a version id "vN", 0 when it has none.
func versionNum(id string) int {
	n := 0
	for i := 1; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}
