package iamapi

import (
	"fmt"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/memory"
)

// runOp answers a write action: decode its op, check that it names no
// entity still hidden by the consistency delay, run it on the account and
// answer with what AWS returns for it. The account returns once the call
// is on disk; a new access key's secret is on disk too before it is
// answered.
func runOp(c *call) error {
	if _, ok := c.f.vals["Password"]; ok && c.f.action == "UpdateLoginProfile" {
		return validation("UpdateLoginProfile with a Password is not served: the memory account keeps no passwords and its UpdateLoginProfile sets only PasswordResetRequired.")
	}
	o, e := decodeOp(c.f)
	if e != nil {
		return e
	}
	if e := c.callerUser(o); e != nil {
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
	var resultErr error
	var key *memory.AccessKey
	err := c.h.acct.DoView(c.ctx, o, func(s *memory.State) {
		if ck, ok := o.(*op.CreateAccessKey); ok {
			// The key just made is the user's last.
			if u := s.User(ck.UserName); u != nil && len(u.AccessKeys) > 0 {
				k := u.AccessKeys[len(u.AccessKeys)-1]
				key = &k
			}
			return
		}
		resultErr = c.opResult(o, s)
	})
	if err != nil {
		return err
	}
	c.h.track(o)
	switch o := o.(type) {
	case *op.CreateAccessKey:
		if key == nil {
			return errGone("user", o.UserName)
		}
		return c.newAccessKey(o.UserName, key, o.SecretAccessKey)
	case *op.DeleteAccessKey:
		if err := c.h.secrets.drop(o.AccessKeyId); err != nil {
			// The key is gone from the account, so it signs nothing;
			// its secret stays in the file until the next start.
			c.h.logf("forgetting the secret of %s: %v", o.AccessKeyId, err)
		}
	}
	return resultErr
}

// callerUser fills in the user of an access key call that names none:
// IAM takes the user whose key signed the request.
func (c *call) callerUser(o op.Op) *apiError {
	var name *string
	switch o := o.(type) {
	case *op.CreateAccessKey:
		name = &o.UserName
	case *op.UpdateAccessKey:
		name = &o.UserName
	default:
		return nil
	}
	if *name != "" {
		return nil
	}
	if c.who == nil || c.who.user == "" {
		return validation("%s needs a UserName when signed with iamc serve's own key: that key belongs to no user of the account.", o.Action())
	}
	*name = c.who.user
	return nil
}

// newAccessKey makes a new key's secret, puts it on disk, and answers
// with the key: the only time its secret is shown.
func (c *call) newAccessKey(user string, k *memory.AccessKey, secret string) error {
	if err := c.h.secrets.put(k.ID, secret); err != nil {
		c.h.logf("keeping the secret of %s: %v", k.ID, err)
		return newError(codeServiceFailure, "The access key %s was created but its secret could not be kept; delete it and create another.", k.ID)
	}
	w := &c.body
	w.open("AccessKey")
	w.text("UserName", user)
	w.text("AccessKeyId", k.ID)
	w.text("Status", k.Status)
	w.text("SecretAccessKey", secret)
	w.date("CreateDate", k.CreateDate)
	w.close("AccessKey")
	return nil
}

// checkRefs refuses an op that names an entity the consistency delay
// still hides (op.Facts): the user, group or role it changes, the other
// users and groups it names, the managed policies it attaches or names,
// and the users and roles its trust policy names. The entity an op
// creates is not a reference: a second create of it reaches the account
// and is EntityAlreadyExists, as on AWS.
func (h *Handler) checkRefs(o op.Op) error {
	if h.opts.ConsistencyDelay <= 0 {
		return nil
	}
	f := op.Describe(o)
	names := f.Names
	if t := o.Target(); t != f.Creates {
		names = append([]model.Address{t}, names...)
	}
	for _, a := range names {
		if a.Name == "" || !h.vis.hidden(a.Kind, a.Name) {
			continue
		}
		switch a.Kind {
		case model.KindUser, model.KindGroup, model.KindRole:
			return noSuchEntity("The %s with name %s cannot be found.", a.Kind, a.Name)
		}
	}
	for _, arn := range f.PolicyARNs {
		if h.vis.hiddenPolicy(arn) {
			return noSuchEntity("Policy %s does not exist or is not attachable.", arn)
		}
	}
	if f.Trust != "" {
		return h.checkPrincipals(f.Trust)
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
// forgets what it deleted (op.Facts). A rename is neither: the new name
// is visible at once.
func (h *Handler) track(o op.Op) {
	f := op.Describe(o)
	if c := f.Creates; c.Name != "" {
		h.vis.add(c.Kind, c.Name)
	}
	if d := f.Deletes; d.Name != "" {
		h.vis.forget(d.Kind, d.Name)
	}
}

// errGone answers a write whose entity another request removed between
// the write and its answer.
func errGone(what, name string) error {
	return newError(string(provider.ConcurrentModification), "The %s %s was changed by another request while this one ran.", what, name)
}

// opResult writes the result of the writes that return what they made,
// from the state as the op left it.
func (c *call) opResult(o op.Op, s *memory.State) error {
	w := &c.body
	switch o := o.(type) {
	case *op.CreateUser:
		u := s.User(o.UserName)
		if u == nil {
			return errGone("user", o.UserName)
		}
		w.open("User")
		writeUser(w, s, u, true)
		w.close("User")
	case *op.CreateGroup:
		g := s.Group(o.GroupName)
		if g == nil {
			return errGone("group", o.GroupName)
		}
		w.open("Group")
		writeGroup(w, s, g)
		w.close("Group")
	case *op.CreateRole:
		r := s.Role(o.RoleName)
		if r == nil {
			return errGone("role", o.RoleName)
		}
		w.open("Role")
		writeRole(w, s, r, roleCreated)
		w.close("Role")
	case *op.CreatePolicy:
		p := s.Policy(o.PolicyName)
		if p == nil {
			return errGone("policy", o.PolicyName)
		}
		w.open("Policy")
		writePolicy(w, s, p, policyFull)
		w.close("Policy")
	case *op.CreatePolicyVersion:
		p := s.PolicyByARN(o.PolicyArn)
		if p == nil || len(p.Versions) == 0 {
			return errGone("policy", o.PolicyArn)
		}
		v := newestVersion(p)
		w.open("PolicyVersion")
		w.text("VersionId", v.ID)
		w.boolean("IsDefaultVersion", v.IsDefault)
		w.date("CreateDate", v.CreateDate)
		w.close("PolicyVersion")
	case *op.CreateLoginProfile:
		u := s.User(o.UserName)
		if u == nil || u.LoginProfile == nil {
			return errGone("user", o.UserName)
		}
		writeLoginProfile(w, u)
	case *memory.CreateVirtualMFADevice:
		return c.newVirtualMFADevice(o, s)
	case *op.CreateOpenIDConnectProvider, *op.CreateSAMLProvider, *op.UpdateSAMLProvider:
		return c.providerResult(o, s)
	case *op.CreateInstanceProfile:
		ip := s.InstanceProfile(o.InstanceProfileName)
		if ip == nil {
			return errGone("instance profile", o.InstanceProfileName)
		}
		w.open("InstanceProfile")
		writeInstanceProfile(w, s, ip)
		w.close("InstanceProfile")
	}
	return nil
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

// versionNum is the number of a version id "vN", 0 when it is not one.
func versionNum(id string) int {
	n, _ := model.ParseVersionID(id)
	return n
}
