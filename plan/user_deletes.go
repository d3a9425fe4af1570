package plan

import (
	"fmt"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// planUserDeletes plans the users inside the scope that are not declared,
// with every cleanup IAM requires before DeleteUser.
func (p *planner) planUserDeletes() {
	for _, x := range p.users {
		if x.st != stDelete {
			continue
		}
		u := x.cur
		name := u.Name
		step := func(o op.Op) {
			n := p.g.add(o, x.addr, phDeleteUser, x.ord)
			p.before(&x.ent, n)
		}
		var what []string
		if u.LoginProfile != nil {
			step(&op.DeleteLoginProfile{UserName: name})
			what = append(what, "the login profile")
		}
		cr := u.Credentials
		for _, k := range cr.AccessKeys {
			step(&op.DeleteAccessKey{UserName: name, AccessKeyId: k.ID})
		}
		what = english.AppendCount(what, len(cr.AccessKeys), "access key")
		for _, k := range cr.SigningCertificates {
			step(&op.DeleteSigningCertificate{UserName: name, CertificateId: k})
		}
		what = english.AppendCount(what, len(cr.SigningCertificates), "signing certificate")
		for _, k := range cr.SSHPublicKeys {
			step(&op.DeleteSSHPublicKey{UserName: name, SSHPublicKeyId: k})
		}
		what = english.AppendCount(what, len(cr.SSHPublicKeys), "SSH public key")
		for _, k := range cr.ServiceSpecificCredentials {
			step(&op.DeleteServiceSpecificCredential{UserName: name, ServiceSpecificCredentialId: k})
		}
		what = english.AppendCount(what, len(cr.ServiceSpecificCredentials), "service-specific credential")
		virtual := 0
		for _, m := range cr.MFADevices {
			n := p.g.add(&op.DeactivateMFADevice{UserName: name, SerialNumber: m.SerialNumber}, x.addr, phDeleteUser, x.ord)
			p.before(&x.ent, n)
			if m.Virtual {
				virtual++
				v := p.g.add(&op.DeleteVirtualMFADevice{SerialNumber: m.SerialNumber, User: name}, x.addr, phDeleteUser, x.ord)
				p.g.dep(v, n)
				p.before(&x.ent, v)
			}
		}
		if len(cr.MFADevices) > 0 {
			s := english.Count(len(cr.MFADevices), "MFA device")
			if virtual > 0 {
				s += fmt.Sprintf(" (%d virtual, deleted)", virtual)
			}
			what = append(what, s)
		}
		for _, ip := range sortedInline(u.InlinePolicies) {
			step(&op.DeleteUserPolicy{UserName: name, PolicyName: ip.Name})
		}
		what = english.AppendCount(what, len(u.InlinePolicies), "inline policy")
		p.cleanupAttachments(&x.ent, u.ManagedPolicies, phDeleteUser)
		what = english.AppendCount(what, len(u.ManagedPolicies), "attached policy")
		for _, gname := range u.Groups {
			g := p.groupByCur[model.Fold(gname)]
			if g == nil {
				continue
			}
			if g.st == stOut {
				p.outsideWrite(&x.ent, &g.ent, "removes it from", "Remove the user from the group yourself", "")
				continue
			}
			p.removeMember(g, x, x.addr, phDeleteUser, x.ord)
			if g.st == stKeep {
				g.left = append(g.left, name)
			}
		}
		what = english.AppendCount(what, len(u.Groups), "group membership")
		ch := p.change(&x.ent, Delete)
		ch.Notes = append(ch.Notes, "not declared: iamc deletes what it manages and the configuration does not declare")
		if len(what) > 0 {
			ch.Notes = append(ch.Notes, "removes first: "+english.Join(what))
		}
	}
}
