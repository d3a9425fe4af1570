package awsiam

import (
	"fmt"
	"sort"
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
//
// What the page holds is checked as the model checks what a provider
// reads (model.CheckUser and its siblings): an entity that is not a valid
// one, or two of a kind whose names fold to one, fail the read with an
// error naming the call and the entities, never dropped or merged. An
// entity whose name or path the answer leaves out takes them from its ARN
// (moto leaves managed policies' PolicyName out).
func gaadPage(acct *model.Account, out *iam.GetAccountAuthorizationDetailsOutput, created map[string]time.Time) error {
	for i := range out.UserDetailList {
		u, err := userFrom(&out.UserDetailList[i])
		if err != nil {
			return err
		}
		if err := gaadAdd(model.KindUser, u.Name, u.ARN, model.CheckUser(u), func() error { return acct.InsertUser(u) }); err != nil {
			return err
		}
		if t := out.UserDetailList[i].CreateDate; t != nil {
			created[model.Fold(u.Name)] = *t
		}
	}
	for i := range out.GroupDetailList {
		g, err := groupFrom(&out.GroupDetailList[i])
		if err != nil {
			return err
		}
		if err := gaadAdd(model.KindGroup, g.Name, g.ARN, model.CheckGroup(g), func() error { return acct.InsertGroup(g) }); err != nil {
			return err
		}
	}
	for i := range out.RoleDetailList {
		r, err := roleFrom(&out.RoleDetailList[i])
		if err != nil {
			return err
		}
		if err := gaadAdd(model.KindRole, r.Name, r.ARN, model.CheckRole(r), func() error { return acct.InsertRole(r) }); err != nil {
			return err
		}
	}
	for i := range out.Policies {
		mp, err := policyFrom(&out.Policies[i])
		if err != nil {
			return err
		}
		if mp == nil {
			continue
		}
		if err := gaadAdd(model.KindPolicy, mp.Name, mp.ARN, model.CheckPolicy(mp), func() error { return acct.InsertPolicy(mp) }); err != nil {
			return err
		}
	}
	return nil
}

// gaadAdd adds an entity of a GAAD page with insert once its check has
// passed; either error is the read's, naming the call and the entity.
func gaadAdd(kind model.Kind, name, arn string, check error, insert func() error) error {
	if check != nil {
		return invalidAnswer("GetAccountAuthorizationDetails", kind, name, arn, check)
	}
	if err := insert(); err != nil {
		return invalidAnswer("GetAccountAuthorizationDetails", kind, name, arn, err)
	}
	return nil
}

// identity is an entity's name and path as the answer gives them, each
// taken from its ARN where the answer leaves it out; a path neither gives
// is "/".
func identity(name, path *string, arn string) (string, string) {
	n, p := deref(name), deref(path)
	if n == "" || p == "" {
		if a, err := model.ParseEntityARN(arn); err == nil {
			if n == "" {
				n = a.Name
			}
			if p == "" {
				p = a.Path
			}
		}
	}
	if p == "" {
		p = "/"
	}
	return n, p
}

func userFrom(d *types.UserDetail) (*model.User, error) {
	u := &model.User{
		ARN:  deref(d.Arn),
		ID:   deref(d.UserId),
		Tags: tagMap(d.Tags),
	}
	u.Name, u.Path = identity(d.UserName, d.Path, u.ARN)
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
		ARN: deref(d.Arn),
		ID:  deref(d.GroupId),
	}
	g.Name, g.Path = identity(d.GroupName, d.Path, g.ARN)
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
		ARN:                deref(d.Arn),
		ID:                 deref(d.RoleId),
		MaxSessionDuration: model.DefaultMaxSessionDuration,
		Tags:               tagMap(d.Tags),
	}
	r.Name, r.Path = identity(d.RoleName, d.Path, r.ARN)
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
		ARN:         arn,
		ID:          deref(d.PolicyId),
		Description: deref(d.Description),
	}
	mp.Name, mp.Path = identity(d.PolicyName, d.Path, arn)
	addr := model.PolicyAddr(mp.Name)
	vs := append([]types.PolicyVersion(nil), d.PolicyVersionList...)
	sort.SliceStable(vs, func(i, j int) bool { return versionLess(vs[i], vs[j]) })
	defaultID := deref(d.DefaultVersionId)
	for _, v := range vs {
		id := deref(v.VersionId)
		isDefault := v.IsDefaultVersion || (defaultID != "" && id == defaultID)
		pv := model.PolicyVersion{ID: id, IsDefault: isDefault}
		switch {
		case v.Document == nil:
		case isDefault && mp.Document == nil:
			doc, err := decodeDocument(*v.Document)
			if err != nil {
				return nil, fmt.Errorf("%s: version %s of the document IAM returned cannot be read: %w", addr, id, err)
			}
			mp.Document = doc
		case !isDefault:
			// Only the audit reads the other versions: one that cannot
			// be read is kept without its document rather than fail
			// every read of the account (anyone allowed
			// CreatePolicyVersion could otherwise stop plans).
			if doc, err := decodeDocument(*v.Document); err == nil {
				pv.Document = doc
			}
		}
		mp.Versions = append(mp.Versions, pv)
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
	m, _ := model.ParseVersionID(deref(a.VersionId))
	n, _ := model.ParseVersionID(deref(b.VersionId))
	return m < n
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
