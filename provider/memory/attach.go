package memory

import (
	"sort"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// managedPolicy resolves the ARN of a managed policy a call attaches or
// sets as a boundary: a customer managed policy of this account, or an AWS
// managed policy IAM knows. It returns the ARN as IAM spells it. An AWS
// service role policy (under /aws-service-role/) is PolicyNotAttachable:
// AWS attaches those to service-linked roles only, and no call of this
// account can change a service-linked role.
func (a *Account) managedPolicy(arn string) (string, error) {
	if model.IsAWSManagedPolicyARN(arn) {
		if !a.knownAWSPolicy(arn) {
			return "", noSuchPolicy(arn)
		}
		if model.IsServiceRolePolicy(arn) {
			return "", fail(provider.PolicyNotAttachable, "Cannot attach a Service Role Policy to a Customer Role, User or Group: %s.", arn)
		}
		return arn, nil
	}
	pa, err := model.ParseEntityARN(arn)
	if err != nil || pa.Resource != "policy" {
		return "", invalid("ARN %s is not valid.", arn)
	}
	p := a.st.PolicyByARN(arn)
	if p == nil {
		return "", noSuchPolicy(arn)
	}
	return a.st.PolicyARN(p), nil
}

// attachedARN finds arn in a list of attached policy ARNs, as IAM matches
// them; -1 when it is not there. A malformed ARN is InvalidInput.
func (a *Account) attachedARN(list []string, arn string) (int, error) {
	if !model.IsAWSManagedPolicyARN(arn) {
		pa, err := model.ParseEntityARN(arn)
		if err != nil || pa.Resource != "policy" {
			return -1, invalid("ARN %s is not valid.", arn)
		}
		if p := a.st.PolicyByARN(arn); p != nil {
			arn = a.st.PolicyARN(p)
		}
	}
	for i, x := range list {
		if x == arn {
			return i, nil
		}
	}
	return -1, nil
}

// attach adds a managed policy to an entity's list, as Attach*Policy does:
// attaching twice is no error and no change.
func (a *Account) attach(list *[]string, arn, quotaName string, max int) error {
	canon, err := a.managedPolicy(arn)
	if err != nil {
		return err
	}
	for _, x := range *list {
		if x == canon {
			return nil
		}
	}
	if len(*list) >= max {
		return quota(quotaName, max)
	}
	*list = append(*list, canon)
	a.st.use(canon, 1, 0)
	return nil
}

// detach removes a managed policy from an entity's list.
func (a *Account) detach(list *[]string, arn string) error {
	i, err := a.attachedARN(*list, arn)
	if err != nil {
		return err
	}
	if i < 0 {
		return fail(provider.NotFound, "Policy %s was not found.", arn)
	}
	a.st.use((*list)[i], -1, 0)
	removeAt(list, i)
	return nil
}

// setBoundary sets or replaces a permissions boundary.
func (a *Account) setBoundary(field *string, arn string) error {
	canon, err := a.managedPolicy(arn)
	if err != nil {
		return err
	}
	if *field == canon {
		return nil
	}
	if *field != "" {
		a.st.use(*field, 0, -1)
	}
	*field = canon
	a.st.use(canon, 0, 1)
	return nil
}

// clearBoundary removes a permissions boundary; none is no error.
func (a *Account) clearBoundary(field *string) {
	if *field != "" {
		a.st.use(*field, 0, -1)
		*field = ""
	}
}

// use changes the usage counts of the managed policy with the given ARN,
// as stored on an entity.
func (s *State) use(arn string, attach, boundary int) {
	if model.IsAWSManagedPolicyARN(arn) {
		u := s.AWSPolicyUsage[arn]
		if u == nil {
			u = &PolicyUsage{}
			s.AWSPolicyUsage[arn] = u
		}
		u.AttachmentCount += attach
		u.PermissionsBoundaryUsageCount += boundary
		if u.AttachmentCount == 0 && u.PermissionsBoundaryUsageCount == 0 {
			delete(s.AWSPolicyUsage, arn)
		}
		return
	}
	if p := s.PolicyByARN(arn); p != nil {
		p.Usage.AttachmentCount += attach
		p.Usage.PermissionsBoundaryUsageCount += boundary
	}
}

// findInline returns the index of the named inline policy, or -1. Inline
// policy names are matched exactly.
func findInline(list []InlinePolicy, name string) int {
	for i := range list {
		if list[i].Name == name {
			return i
		}
	}
	return -1
}

// putInline adds or replaces an inline policy after checking the
// document and the entity's total inline size. what and entity name the
// entity in IAM's message ("user", "tyler").
func putInline(list *[]InlinePolicy, name, text string, max int, what, entity string) error {
	if err := model.CheckInlinePolicyName(name); err != nil {
		return invalid("%s", english.Capitalize(err.Error())+".")
	}
	doc, err := parseDocument(text, identityPolicy)
	if err != nil {
		return err
	}
	total := docSize(text)
	for _, p := range *list {
		if p.Name != name {
			total += docSize(p.Document)
		}
	}
	if total > max {
		return limit("Maximum policy size of %d bytes exceeded for %s %s.", max, what, entity)
	}
	p := InlinePolicy{Name: name, Document: text, doc: doc}
	if i := findInline(*list, name); i >= 0 {
		(*list)[i] = p
		return nil
	}
	*list = append(*list, p)
	sortInline(*list)
	return nil
}

func sortInline(list []InlinePolicy) {
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
}

// deleteInline removes the named inline policy.
func deleteInline(list *[]InlinePolicy, name, what string) error {
	i := findInline(*list, name)
	if i < 0 {
		return fail(provider.NotFound, "The %s policy with name %s cannot be found.", what, name)
	}
	removeAt(list, i)
	return nil
}
