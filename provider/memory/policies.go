package memory

import (
	"strconv"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
)

// managedDocument checks a managed policy's document as CreatePolicy and
// CreatePolicyVersion do.
func (a *Account) managedDocument(text string) (*policy.Document, error) {
	d, err := parseDocument(text, identityPolicy)
	if err != nil {
		return nil, err
	}
	if docSize(text) > a.st.Quotas.ManagedPolicySize {
		return nil, quota("PolicySize", a.st.Quotas.ManagedPolicySize)
	}
	return d, nil
}

// customerPolicy finds the customer managed policy a call names by ARN.
func (a *Account) customerPolicy(arn string) (*Policy, error) {
	pa, err := model.ParseEntityARN(arn)
	if err != nil || pa.Resource != "policy" {
		return nil, invalid("ARN %s is not valid.", arn)
	}
	p := a.st.PolicyByARN(arn)
	if p == nil {
		return nil, fail(provider.NotFound, "Policy %s was not found.", arn)
	}
	return p, nil
}

func (a *Account) createPolicy(o *op.CreatePolicy) error {
	if err := checkName(model.KindPolicy, o.PolicyName); err != nil {
		return err
	}
	path := pathOr(o.Path)
	if err := checkNewPath(path); err != nil {
		return err
	}
	if err := checkDescription(o.Description); err != nil {
		return err
	}
	if a.st.Policy(o.PolicyName) != nil {
		return fail(provider.AlreadyExists, "A policy called %s already exists. Duplicate names are not allowed.", o.PolicyName)
	}
	if len(a.st.Policies) >= a.st.Quotas.Policies {
		return quota("PoliciesPerAccount", a.st.Quotas.Policies)
	}
	doc, err := a.managedDocument(o.PolicyDocument)
	if err != nil {
		return err
	}
	tags, err := mergeTags(nil, o.Tags, false, a.st.Quotas.TagsPerEntity)
	if err != nil {
		return err
	}
	now := a.now()
	p := &Policy{
		Name: o.PolicyName, Path: path, ID: a.st.newID(policyIDPrefix),
		CreateDate: now, UpdateDate: now, Description: o.Description, Tags: tags,
		Versions:    []PolicyVersion{{ID: "v1", Document: o.PolicyDocument, IsDefault: true, CreateDate: now, doc: doc}},
		NextVersion: 2,
	}
	a.st.Policies[model.Fold(p.Name)] = p
	return nil
}

func (a *Account) createPolicyVersion(o *op.CreatePolicyVersion) error {
	p, err := a.customerPolicy(o.PolicyArn)
	if err != nil {
		return err
	}
	if max := a.st.Quotas.VersionsPerPolicy; len(p.Versions) >= max {
		return limit("A managed policy can have up to %d versions. Before you create a new version, you must delete an existing version.", max)
	}
	doc, err := a.managedDocument(o.PolicyDocument)
	if err != nil {
		return err
	}
	now := a.now()
	v := PolicyVersion{ID: "v" + strconv.Itoa(p.NextVersion), Document: o.PolicyDocument, CreateDate: now, doc: doc}
	p.NextVersion++
	if o.SetAsDefault {
		for i := range p.Versions {
			p.Versions[i].IsDefault = false
		}
		v.IsDefault = true
		p.UpdateDate = now
	}
	p.Versions = append(p.Versions, v)
	return nil
}

func (a *Account) deletePolicyVersion(o *op.DeletePolicyVersion) error {
	p, err := a.customerPolicy(o.PolicyArn)
	if err != nil {
		return err
	}
	v := p.Version(o.VersionId)
	if v == nil {
		return fail(provider.NotFound, "Policy %s version %s does not exist or is not deletable.", o.PolicyArn, o.VersionId)
	}
	if v.IsDefault {
		return conflict("Cannot delete the default version of a policy.")
	}
	for i := range p.Versions {
		if p.Versions[i].ID == o.VersionId {
			p.Versions = append(p.Versions[:i:i], p.Versions[i+1:]...)
			break
		}
	}
	return nil
}

func (a *Account) setDefaultPolicyVersion(o *op.SetDefaultPolicyVersion) error {
	p, err := a.customerPolicy(o.PolicyArn)
	if err != nil {
		return err
	}
	if p.Version(o.VersionId) == nil {
		return fail(provider.NotFound, "Policy %s version %s does not exist.", o.PolicyArn, o.VersionId)
	}
	for i := range p.Versions {
		p.Versions[i].IsDefault = p.Versions[i].ID == o.VersionId
	}
	p.UpdateDate = a.now()
	return nil
}

// deletePolicy deletes a policy that is attached nowhere, is nobody's
// permissions boundary and has only its default version.
func (a *Account) deletePolicy(o *op.DeletePolicy) error {
	p, err := a.customerPolicy(o.PolicyArn)
	if err != nil {
		return err
	}
	switch {
	case p.Usage.AttachmentCount > 0 || p.Usage.PermissionsBoundaryUsageCount > 0:
		return conflict("Cannot delete a policy attached to entities.")
	case len(p.Versions) > 1:
		return conflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
	}
	delete(a.st.Policies, model.Fold(p.Name))
	return nil
}

func (a *Account) tagPolicy(o *op.TagPolicy) error {
	p, err := a.customerPolicy(o.PolicyArn)
	if err != nil {
		return err
	}
	return a.tag(&p.Tags, o.Tags, false)
}

func (a *Account) untagPolicy(o *op.UntagPolicy) error {
	p, err := a.customerPolicy(o.PolicyArn)
	if err != nil {
		return err
	}
	return untag(&p.Tags, o.TagKeys, false)
}
