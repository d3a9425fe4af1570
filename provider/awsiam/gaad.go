package awsiam

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// decodeDocument reads a policy document as IAM returns it. IAM's Query
// API URL-encodes documents and aws-sdk-go-v2 (v1.64.8's deserializer
// copies the XML text as it is) does not decode them, but emulators and
// other SDK versions may hand over plain JSON. A URL-encoded document never
// starts with "{" (that is "%7B"), so the two are told apart before
// decoding: decoding plain JSON again would turn a "+" into a space.
func decodeDocument(s string) (*policy.Document, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "{") {
		return policy.ParseJSON([]byte(t))
	}
	return policy.ParseURLEncoded(t)
}

// gaadPage adds one GetAccountAuthorizationDetails page to acct. created
// collects each user's creation time, for telling whether the credential
// report covers the user.
func gaadPage(acct *model.Account, out *iam.GetAccountAuthorizationDetailsOutput, created map[string]time.Time) error {
	for i := range out.UserDetailList {
		u, err := userFrom(&out.UserDetailList[i])
		if err != nil {
			return err
		}
		acct.AddUser(u)
		if t := out.UserDetailList[i].CreateDate; t != nil {
			created[model.Fold(u.Name)] = *t
		}
	}
	for i := range out.GroupDetailList {
		g, err := groupFrom(&out.GroupDetailList[i])
		if err != nil {
			return err
		}
		acct.AddGroup(g)
	}
	for i := range out.RoleDetailList {
		r, err := roleFrom(&out.RoleDetailList[i])
		if err != nil {
			return err
		}
		acct.AddRole(r)
	}
	for i := range out.Policies {
		mp, err := policyFrom(&out.Policies[i])
		if err != nil {
			return err
		}
		if mp != nil {
			acct.AddPolicy(mp)
		}
	}
	return nil
}

func userFrom(d *types.UserDetail) (*model.User, error) {
	u := &model.User{
		Name: deref(d.UserName),
		Path: pathOr(d.Path),
		ARN:  deref(d.Arn),
		ID:   deref(d.UserId),
		Tags: tagMap(d.Tags),
	}
	addr := model.UserAddr(u.Name)
	u.Groups = sortedFold(append([]string(nil), d.GroupList...))
	u.ManagedPolicies = attached(d.AttachedManagedPolicies)
	u.PermissionsBoundary = boundary(d.PermissionsBoundary)
	var err error
	if u.InlinePolicies, err = inline(addr, d.UserPolicyList); err != nil {
		return nil, err
	}
	return u, nil
}

func groupFrom(d *types.GroupDetail) (*model.Group, error) {
	g := &model.Group{
		Name: deref(d.GroupName),
		Path: pathOr(d.Path),
		ARN:  deref(d.Arn),
		ID:   deref(d.GroupId),
	}
	g.ManagedPolicies = attached(d.AttachedManagedPolicies)
	var err error
	if g.InlinePolicies, err = inline(model.GroupAddr(g.Name), d.GroupPolicyList); err != nil {
		return nil, err
	}
	return g, nil
}

// roleFrom reads a role as far as GAAD shows it: Description and
// MaxSessionDuration come from ListRoles (rolePage).
func roleFrom(d *types.RoleDetail) (*model.Role, error) {
	r := &model.Role{
		Name:               deref(d.RoleName),
		Path:               pathOr(d.Path),
		ARN:                deref(d.Arn),
		ID:                 deref(d.RoleId),
		MaxSessionDuration: model.DefaultMaxSessionDuration,
		Tags:               tagMap(d.Tags),
	}
	addr := model.RoleAddr(r.Name)
	if d.AssumeRolePolicyDocument != nil {
		doc, err := decodeDocument(*d.AssumeRolePolicyDocument)
		if err != nil {
			return nil, fmt.Errorf("%s: the trust policy IAM returned cannot be read: %w", addr, err)
		}
		r.AssumeRolePolicy = doc
	}
	r.ManagedPolicies = attached(d.AttachedManagedPolicies)
	r.PermissionsBoundary = boundary(d.PermissionsBoundary)
	for _, ip := range d.InstanceProfileList {
		if n := deref(ip.InstanceProfileName); n != "" {
			r.InstanceProfiles = append(r.InstanceProfiles, n)
		}
	}
	r.InstanceProfiles = sortedFold(r.InstanceProfiles)
	var err error
	if r.InlinePolicies, err = inline(addr, d.RolePolicyList); err != nil {
		return nil, err
	}
	return r, nil
}

// policyFrom reads a customer managed policy with its versions, oldest
// first, and its default version's document. AWS managed policies (which
// the GAAD filter leaves out anyway) give nil.
func policyFrom(d *types.ManagedPolicyDetail) (*model.ManagedPolicy, error) {
	arn := deref(d.Arn)
	if model.IsAWSManagedPolicyARN(arn) {
		return nil, nil
	}
	mp := &model.ManagedPolicy{
		Name:        deref(d.PolicyName),
		Path:        pathOr(d.Path),
		ARN:         arn,
		ID:          deref(d.PolicyId),
		Description: deref(d.Description),
	}
	addr := model.PolicyAddr(mp.Name)
	vs := append([]types.PolicyVersion(nil), d.PolicyVersionList...)
	sort.SliceStable(vs, func(i, j int) bool { return versionLess(vs[i], vs[j]) })
	defaultID := deref(d.DefaultVersionId)
	for _, v := range vs {
		id := deref(v.VersionId)
		isDefault := v.IsDefaultVersion || (defaultID != "" && id == defaultID)
		mp.Versions = append(mp.Versions, model.PolicyVersion{ID: id, IsDefault: isDefault})
		if isDefault && mp.Document == nil && v.Document != nil {
			doc, err := decodeDocument(*v.Document)
			if err != nil {
				return nil, fmt.Errorf("%s: version %s of the document IAM returned cannot be read: %w", addr, id, err)
			}
			mp.Document = doc
		}
	}
	if mp.Document == nil {
		return nil, fmt.Errorf("%s: IAM returned no default version document", addr)
	}
	return mp, nil
}

// versionLess orders policy versions oldest first: by creation time, then
// by version number (v2 before v10).
func versionLess(a, b types.PolicyVersion) bool {
	if a.CreateDate != nil && b.CreateDate != nil && !a.CreateDate.Equal(*b.CreateDate) {
		return a.CreateDate.Before(*b.CreateDate)
	}
	return versionNumber(deref(a.VersionId)) < versionNumber(deref(b.VersionId))
}

func versionNumber(id string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(strings.ToLower(id), "v"))
	if err != nil {
		return 0
	}
	return n
}

func inline(owner model.Address, list []types.PolicyDetail) ([]model.InlinePolicy, error) {
	if len(list) == 0 {
		return nil, nil
	}
	out := make([]model.InlinePolicy, 0, len(list))
	for _, pd := range list {
		name := deref(pd.PolicyName)
		doc, err := decodeDocument(deref(pd.PolicyDocument))
		if err != nil {
			return nil, fmt.Errorf("%s: inline policy %q: the document IAM returned cannot be read: %w", owner, name, err)
		}
		out = append(out, model.InlinePolicy{Name: name, Document: doc})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func attached(list []types.AttachedPolicy) []string {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, a := range list {
		if s := deref(a.PolicyArn); s != "" {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func boundary(b *types.AttachedPermissionsBoundary) string {
	if b == nil {
		return ""
	}
	return deref(b.PermissionsBoundaryArn)
}

func tagMap(list []types.Tag) model.Tags {
	if len(list) == 0 {
		return nil
	}
	m := make(model.Tags, len(list))
	for _, t := range list {
		m[deref(t.Key)] = deref(t.Value)
	}
	return m
}

func pathOr(p *string) string {
	if p == nil || *p == "" {
		return "/"
	}
	return *p
}

// sortedFold sorts names as IAM compares them, ties by spelling.
func sortedFold(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	sort.Slice(names, func(i, j int) bool {
		fi, fj := model.Fold(names[i]), model.Fold(names[j])
		if fi != fj {
			return fi < fj
		}
		return names[i] < names[j]
	})
	return names
}

// rolePage adds what ListRoles shows and GAAD does not: a role's
// description and maximum session duration.
func rolePage(acct *model.Account, roles []types.Role) {
	for _, r := range roles {
		mr := acct.Role(deref(r.RoleName))
		if mr == nil {
			continue // created after GAAD's page: not part of this read
		}
		mr.Description = deref(r.Description)
		if r.MaxSessionDuration != nil && *r.MaxSessionDuration > 0 {
			mr.MaxSessionDuration = int(*r.MaxSessionDuration)
		}
	}
}
