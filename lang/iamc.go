package lang

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
)

// decodeIamc evaluates the iamc block: account_id, assume_role, manage and quotas. It
// may refer to variables only, and is evaluated before anything else, as
// the account id and the scope are needed to check the entities.
func (l *loader) decodeIamc() {
	if l.iamcBlock == nil {
		return
	}
	refs := &refSet{}
	ev := &evaluator{l: l}
	check := func(a *hcl.Attribute) {
		eachTraversal(a.Expr, func(t hcl.Traversal) {
			l.checkTraversal(t, scopeIamc, refs)
		})
	}
	for _, a := range l.iamcContent.Attributes {
		check(a)
	}
	var quotas *hcl.Block
	var quotaAttrs hcl.Attributes
	for _, b := range l.iamcContent.Blocks {
		if quotas != nil {
			l.duplicateSingleton(b, quotas)
			continue
		}
		quotas = b
		var diags hcl.Diagnostics
		quotaAttrs, diags = b.Body.JustAttributes()
		l.diags = append(l.diags, diags...)
		for _, a := range quotaAttrs {
			check(a)
		}
	}
	ctx := l.nodeContext(refs)

	if a := l.iamcContent.Attributes["account_id"]; a != nil {
		if id, ok := ev.str(a.Expr, ctx, "The account id"); ok {
			if model.IsAccountID(id) {
				l.declaredAccountID = id
				if l.placeholderID {
					l.accountID, l.placeholderID = id, false
				}
			} else {
				ev.errorf(a.Expr.Range(), "Invalid account id", "An AWS account id is 12 digits; %q is not.", id)
			}
		}
	}
	if a := l.iamcContent.Attributes["assume_role"]; a != nil {
		l.decodeAssumeRole(ev, a, ctx)
	}
	if a := l.iamcContent.Attributes["manage"]; a != nil {
		l.scopeRange = a.Expr.Range().Ptr()
		l.decodeManage(ev, a, ctx)
	}
	for _, a := range sortedAttributes(quotaAttrs) {
		l.decodeQuota(ev, a, ctx)
	}
	l.diags = append(l.diags, ev.diags...)
}

// decodeManage reads manage: the path prefixes this configuration owns.
func (l *loader) decodeManage(ev *evaluator, a *hcl.Attribute, ctx *hcl.EvalContext) {
	paths, ok := ev.strings(a.Expr, ctx, "The manage argument")
	if !ok {
		return
	}
	if len(paths) == 0 {
		ev.errorf(a.Expr.Range(), "Empty manage", "The manage argument lists the path prefixes this configuration owns; give at least one (\"/\" is the whole account).")
		return
	}
	elems := elementRanges(a.Expr, len(paths))
	scope := make(model.Scope, 0, len(paths))
	for i, p := range paths {
		if err := model.CheckPath(p); err != nil {
			ev.errorf(elems[i], "Invalid path in manage", "%s.", english.Capitalize(err.Error()))
			continue
		}
		if model.IsReservedPath(p) {
			ev.errorf(elems[i], "Reserved path in manage", "The path %q is reserved by AWS (%s): iamc never manages anything under it.", p, english.JoinQuoted(model.ReservedPathPrefixes))
			continue
		}
		scope = append(scope, p)
	}
	if len(scope) == len(paths) {
		l.scope, l.scopeDeclared = scope, true
	}
}

// decodeQuota reads one quotas attribute.
func (l *loader) decodeQuota(ev *evaluator, a *hcl.Attribute, ctx *hcl.EvalContext) {
	var names []string
	for _, q := range model.AdjustableQuotas {
		names = append(names, q.Name)
	}
	limit, known := model.QuotaNamed(a.Name)
	if !known || limit.Max == 0 {
		if known {
			d := model.DefaultQuotas
			ev.errorf(a.NameRange, "Quota cannot be adjusted", "AWS's quota %s (%d) is fixed; only %s can be set.", a.Name, *limit.Field(&d), english.JoinQuoted(names))
			return
		}
		ev.errorf(a.NameRange, "Unknown quota", "There is no adjustable quota called %q.%s The adjustable quotas are %s.", a.Name, didYouMean(a.Name, names), english.JoinQuoted(names))
		return
	}
	n, ok := ev.integer(a.Expr, ctx, "A quota")
	if !ok {
		return
	}
	if n < 1 || n > limit.Max {
		ev.errorf(a.Expr.Range(), "Quota out of range", "AWS raises %s to at most %d; %d is not between 1 and %d.", a.Name, limit.Max, n, limit.Max)
		return
	}
	*limit.Field(&l.quotas) = n
}

// decodeAssumeRole reads assume_role: the ARN of a role of the account,
// which the AWS provider assumes before reading it.
func (l *loader) decodeAssumeRole(ev *evaluator, a *hcl.Attribute, ctx *hcl.EvalContext) {
	arn, ok := ev.str(a.Expr, ctx, "The role to assume")
	if !ok {
		return
	}
	p, err := model.ParseEntityARN(arn)
	if err != nil || p.Resource != "role" || !model.IsAccountID(p.Account) {
		ev.errorf(a.Expr.Range(), "Invalid role ARN", "The assume_role argument is the ARN of the role to assume in the account, arn:aws:iam::ACCOUNT:role/NAME; %q is not one.", arn)
		return
	}
	if l.declaredAccountID != "" && p.Account != l.declaredAccountID {
		ev.errorf(a.Expr.Range(), "Role of another account", "The role %s is in account %s, but account_id is %s: assume_role must be a role of the account this configuration declares.", arn, p.Account, l.declaredAccountID)
		return
	}
	l.assumeRole = arn
}
