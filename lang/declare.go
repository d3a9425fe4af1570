package lang

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// Declare returns the configuration files, by name, that declare the part
// of acct inside scope as it is, for iamc import: planning them against
// the same account is empty. The attribute names are this package's
// schema's.
func Declare(acct *model.Account, scope model.Scope) map[string][]byte {
	labels := newLabeler()
	policyLabel := map[string]string{} // ARN → label
	var policies []*model.ManagedPolicy
	for _, p := range acct.SortedPolicies() {
		if scope.Contains(p.Path) {
			policies = append(policies, p)
			policyLabel[p.ARN] = labels.label("policy", p.Name)
		}
	}
	groupLabel := map[string]string{} // folded name → label
	var groups []*model.Group
	for _, g := range acct.SortedGroups() {
		if scope.Contains(g.Path) {
			groups = append(groups, g)
			groupLabel[model.Fold(g.Name)] = labels.label("group", g.Name)
		}
	}
	policyRef := func(arn string) hclwrite.Tokens {
		if l, ok := policyLabel[arn]; ok {
			return traversal("policy", l)
		}
		if mp, ok := catalog.ManagedPolicyByARN(arn); ok && hclsyntax.ValidIdentifier(mp.Name) {
			return traversal("aws", "policy", mp.Name)
		}
		return hclwrite.TokensForValue(cty.StringVal(arn))
	}
	policyList := func(arns []string) hclwrite.Tokens {
		var elems []hclwrite.Tokens
		for _, a := range sortedCopy(arns) {
			elems = append(elems, policyRef(a))
		}
		return hclwrite.TokensForTuple(elems)
	}
	// setPolicies writes an entity's managed policies and permissions
	// boundary ("" for none).
	setPolicies := func(b *hclwrite.Body, arns []string, boundary string) {
		if len(arns) > 0 {
			b.SetAttributeRaw("policies", policyList(arns))
		}
		if boundary != "" {
			b.SetAttributeRaw("permissions_boundary", policyRef(boundary))
		}
	}
	files := map[string][]byte{}

	top := hclwrite.NewEmptyFile()
	b := top.Body().AppendNewBlock("iamc", nil).Body()
	b.SetAttributeValue("account_id", cty.StringVal(acct.ID))
	var manage []cty.Value
	for _, p := range scope {
		manage = append(manage, cty.StringVal(p))
	}
	b.SetAttributeValue("manage", cty.ListVal(manage))
	if acct.Alias != nil {
		top.Body().AppendNewline()
		top.Body().AppendNewBlock("account", nil).Body().SetAttributeValue("alias", cty.StringVal(*acct.Alias))
	}
	if pp := acct.PasswordPolicy; pp != nil {
		top.Body().AppendNewline()
		b := top.Body().AppendNewBlock("password_policy", nil).Body()
		b.SetAttributeValue("minimum_length", cty.NumberIntVal(int64(pp.MinimumLength)))
		b.SetAttributeValue("require_uppercase", cty.BoolVal(pp.RequireUppercase))
		b.SetAttributeValue("require_lowercase", cty.BoolVal(pp.RequireLowercase))
		b.SetAttributeValue("require_numbers", cty.BoolVal(pp.RequireNumbers))
		b.SetAttributeValue("require_symbols", cty.BoolVal(pp.RequireSymbols))
		b.SetAttributeValue("allow_users_to_change_password", cty.BoolVal(pp.AllowUsersToChangePassword))
		if pp.MaxPasswordAge > 0 {
			b.SetAttributeValue("max_password_age", cty.NumberIntVal(int64(pp.MaxPasswordAge)))
		}
		if pp.PasswordReusePrevention > 0 {
			b.SetAttributeValue("password_reuse_prevention", cty.NumberIntVal(int64(pp.PasswordReusePrevention)))
		}
		b.SetAttributeValue("hard_expiry", cty.BoolVal(pp.HardExpiry))
	}
	files["account.iam.hcl"] = hclwrite.Format(top.Bytes())

	writeBlocks(files, "policies.iam.hcl", "policy", policies, func(p *model.ManagedPolicy) (string, string, string) {
		return policyLabel[p.ARN], p.Name, p.Path
	}, func(b *hclwrite.Body, p *model.ManagedPolicy) {
		if p.Description != "" {
			b.SetAttributeValue("description", cty.StringVal(p.Description))
		}
		setTags(b, p.Tags)
		b.SetAttributeRaw("document", documentTokens(p.Document))
	})

	writeBlocks(files, "groups.iam.hcl", "group", groups, func(g *model.Group) (string, string, string) {
		return groupLabel[model.Fold(g.Name)], g.Name, g.Path
	}, func(b *hclwrite.Body, g *model.Group) {
		setPolicies(b, g.ManagedPolicies, "")
		setInline(b, g.InlinePolicies)
	})

	var users []*model.User
	for _, u := range acct.SortedUsers() {
		if scope.Contains(u.Path) {
			users = append(users, u)
		}
	}
	writeBlocks(files, "users.iam.hcl", "user", users, func(u *model.User) (string, string, string) {
		return labels.label("user", u.Name), u.Name, u.Path
	}, func(b *hclwrite.Body, u *model.User) {
		var gs []hclwrite.Tokens
		var outside []string
		for _, g := range sortedFolded(u.Groups) {
			if gl, ok := groupLabel[model.Fold(g)]; ok {
				gs = append(gs, traversal("group", gl))
			} else {
				outside = append(outside, g)
			}
		}
		if len(gs) > 0 {
			b.SetAttributeRaw("groups", hclwrite.TokensForTuple(gs))
		}
		if len(outside) > 0 {
			b.AppendUnstructuredTokens(comment("also in groups outside the managed paths: " + strings.Join(outside, ", ")))
		}
		setPolicies(b, u.ManagedPolicies, u.PermissionsBoundary)
		setTags(b, u.Tags)
		if u.LoginProfile != nil {
			ca := b.AppendNewBlock("console_access", nil).Body()
			ca.SetAttributeValue("enabled", cty.True)
			ca.SetAttributeValue("password_reset_required", cty.BoolVal(u.LoginProfile.PasswordResetRequired))
		}
		setInline(b, u.InlinePolicies)
	})

	var roles []*model.Role
	for _, r := range acct.SortedRoles() {
		if scope.Contains(r.Path) {
			roles = append(roles, r)
		}
	}
	roleLabel := map[string]string{} // folded name → label
	writeBlocks(files, "roles.iam.hcl", "role", roles, func(r *model.Role) (string, string, string) {
		roleLabel[model.Fold(r.Name)] = labels.label("role", r.Name)
		return roleLabel[model.Fold(r.Name)], r.Name, r.Path
	}, func(b *hclwrite.Body, r *model.Role) {
		if r.Description != "" {
			b.SetAttributeValue("description", cty.StringVal(r.Description))
		}
		for _, f := range model.RoleNumbers {
			if n := *f.Int(r); n != 0 && n != f.Default {
				b.SetAttributeValue(f.Name, cty.NumberIntVal(int64(n)))
			}
		}
		b.SetAttributeRaw("assume_role_policy", documentTokens(r.AssumeRolePolicy))
		setPolicies(b, r.ManagedPolicies, r.PermissionsBoundary)
		setTags(b, r.Tags)
		setInline(b, r.InlinePolicies)
	})
	declareInstanceProfiles(files, acct, scope, labels, roleLabel)
	declareProviders(files, acct, labels)
	return files
}

// writeBlocks writes items as one file of blocks of a kind, a blank line
// between them: each opens with the label, the name and the path head
// gives, and fill writes the rest. No items, no file.
func writeBlocks[T any](files map[string][]byte, file, kind string, items []T, head func(T) (label, name, path string), fill func(*hclwrite.Body, T)) {
	if len(items) == 0 {
		return
	}
	f := hclwrite.NewEmptyFile()
	for i, it := range items {
		if i > 0 {
			f.Body().AppendNewline()
		}
		label, name, path := head(it)
		b := f.Body().AppendNewBlock(kind, []string{label}).Body()
		setName(b, label, name)
		b.SetAttributeValue("path", cty.StringVal(path))
		fill(b, it)
	}
	files[file] = hclwrite.Format(f.Bytes())
}

// labeler makes block labels from IAM names: HCL identifiers, unique per
// kind. A label that is not the IAM name goes with a name attribute.
type labeler struct{ used map[string]bool }

func newLabeler() *labeler { return &labeler{used: map[string]bool{}} }

func (l *labeler) label(kind, name string) string {
	var b strings.Builder
	for i, c := range name {
		ok := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c == '-' || c >= '0' && c <= '9')
		if !ok {
			if i == 0 && c >= '0' && c <= '9' {
				b.WriteString("n")
				b.WriteRune(c)
				continue
			}
			c = '_'
		}
		b.WriteRune(c)
	}
	base := b.String()
	label := base
	for n := 2; l.used[kind+"."+strings.ToLower(label)]; n++ {
		label = fmt.Sprintf("%s_%d", base, n)
	}
	l.used[kind+"."+strings.ToLower(label)] = true
	return label
}

func setName(b *hclwrite.Body, label, name string) {
	if label != name {
		b.SetAttributeValue("name", cty.StringVal(name))
	}
}

func setTags(b *hclwrite.Body, tags model.Tags) {
	if len(tags) == 0 {
		return
	}
	m := map[string]cty.Value{}
	for k, v := range tags {
		m[k] = cty.StringVal(v)
	}
	b.SetAttributeValue("tags", cty.MapVal(m))
}

func setInline(b *hclwrite.Body, inline []model.InlinePolicy) {
	for _, ip := range inline {
		ib := b.AppendNewBlock("inline_policy", []string{ip.Name}).Body()
		ib.SetAttributeRaw("document", documentTokens(ip.Document))
	}
}

// documentTokens writes a document as jsonencode({...}) of its canonical
// form, which reads as HCL and means the same to IAM.
func documentTokens(d *policy.Document) hclwrite.Tokens {
	data := policy.Canonical(d)
	ty, err := ctyjson.ImpliedType(data)
	if err != nil {
		return hclwrite.TokensForValue(cty.StringVal(string(data)))
	}
	v, err := ctyjson.Unmarshal(data, ty)
	if err != nil {
		return hclwrite.TokensForValue(cty.StringVal(string(data)))
	}
	return hclwrite.TokensForFunctionCall("jsonencode", hclwrite.TokensForValue(v))
}

func traversal(parts ...string) hclwrite.Tokens {
	t := hcl.Traversal{hcl.TraverseRoot{Name: parts[0]}}
	for _, p := range parts[1:] {
		t = append(t, hcl.TraverseAttr{Name: p})
	}
	return hclwrite.TokensForTraversal(t)
}

func comment(text string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte("# " + text + "\n")}}
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

func sortedFolded(s []string) []string {
	out := append([]string{}, s...)
	sort.Slice(out, func(i, j int) bool { return model.Fold(out[i]) < model.Fold(out[j]) })
	return out
}

// WriteFiles writes configuration files into dir, creating it, in name
// order, and returns the paths written. It never overwrites: a file that
// exists already stops it, before anything is written when it is there
// from the start, and by its exclusive create when it appears meanwhile.
func WriteFiles(dir string, files map[string][]byte) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return nil, fmt.Errorf("%s exists: import never overwrites a configuration; choose an empty --out directory", filepath.Join(dir, name))
		}
	}
	var written []string
	for _, name := range names {
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return written, fmt.Errorf("%s exists: import never overwrites a configuration; choose an empty --out directory", path)
		}
		if err != nil {
			return written, err
		}
		_, werr := f.Write(files[name])
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return written, werr
		}
		written = append(written, path)
	}
	return written, nil
}
