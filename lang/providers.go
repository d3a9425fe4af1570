package lang

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
)

// oidcProviderSchema is an oidc_provider block's. Its url is its identity
// (the IAM name is the URL without https://): there is no name attribute.
var oidcProviderSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "for_each"},
		{Name: "url", Required: true},
		{Name: "client_ids"},
		{Name: "thumbprints"},
		{Name: "tags"},
	},
}

// samlProviderSchema is a saml_provider block's.
var samlProviderSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "for_each"},
		{Name: "name"},
		{Name: "metadata", Required: true},
		{Name: "tags"},
	},
}

// isProvider reports whether the kind is an identity provider's: no
// path, in scope as a whole.
func (k kind) isProvider() bool { return k == kOIDCProvider || k == kSAMLProvider }

// oidcName evaluates an oidc_provider's url into its IAM name; ok is
// false when it is not valid (reported).
func (l *loader) oidcName(e *entity, in *instance, ctx *hcl.EvalContext) bool {
	a := e.content.Attributes["url"]
	if a == nil {
		return false // hcl reported the missing argument
	}
	in.nameRng = a.Expr.Range()
	url, ok := l.evalString(a.Expr, ctx, "The url")
	if !ok {
		return false
	}
	name, err := model.OIDCProviderName(url)
	if err != nil {
		l.diags = append(l.diags, errorAt(a.Expr.Range(), "Invalid OpenID Connect provider URL", "%s.", english.Capitalize(err.Error())))
		return false
	}
	in.name = name
	return true
}

func (ev *evaluator) compileOIDCProvider(in *instance, ctx *hcl.EvalContext) {
	c := in.e.content
	p := &model.OIDCProvider{Name: in.name, ARN: in.arn}
	if a := c.Attributes["client_ids"]; a != nil {
		if ids, ok := ev.strings(a.Expr, ctx, "The client_ids argument"); ok {
			elems := elementRanges(a.Expr, len(ids))
			for i, id := range ids {
				if err := model.CheckClientID(id); err != nil {
					ev.errorf(elems[i], "Invalid client id", "%s.", english.Capitalize(err.Error()))
					continue
				}
				if !slices.Contains(p.ClientIDs, id) {
					p.ClientIDs = append(p.ClientIDs, id)
				}
			}
			if len(p.ClientIDs) > model.ClientIDsPerOIDCProvider {
				ev.errorf(a.Expr.Range(), "Too many client ids", "The provider has %d client ids; IAM allows at most %d per OpenID Connect provider.", len(p.ClientIDs), model.ClientIDsPerOIDCProvider)
			}
			slices.Sort(p.ClientIDs)
		}
	}
	if a := c.Attributes["thumbprints"]; a != nil {
		if prints, ok := ev.strings(a.Expr, ctx, "The thumbprints argument"); ok {
			elems := elementRanges(a.Expr, len(prints))
			for i, t := range prints {
				if err := model.CheckThumbprint(t); err != nil {
					ev.errorf(elems[i], "Invalid thumbprint", "%s.", english.Capitalize(err.Error()))
					continue
				}
				if t = strings.ToLower(t); !slices.Contains(p.Thumbprints, t) {
					p.Thumbprints = append(p.Thumbprints, t)
				}
			}
			if len(p.Thumbprints) > model.ThumbprintsPerOIDCProvider {
				ev.errorf(a.Expr.Range(), "Too many thumbprints", "The provider has %d thumbprints; IAM allows at most %d per OpenID Connect provider.", len(p.Thumbprints), model.ThumbprintsPerOIDCProvider)
			}
			slices.Sort(p.Thumbprints)
		}
	}
	p.Tags = ev.tags(in, ctx)
	in.oidc = p
}

func (ev *evaluator) compileSAMLProvider(in *instance, ctx *hcl.EvalContext) {
	p := &model.SAMLProvider{Name: in.name, ARN: in.arn}
	if a := in.e.content.Attributes["metadata"]; a != nil {
		if doc, ok := ev.str(a.Expr, ctx, "The metadata"); ok {
			if err := model.CheckSAMLMetadata(doc); err != nil {
				ev.errorf(a.Expr.Range(), "Invalid SAML metadata", "%s. Give the metadata document your identity provider publishes, for example metadata = file(\"idp-metadata.xml\").", english.Capitalize(err.Error()))
			}
			p.Metadata = doc
		}
	}
	p.Tags = ev.tags(in, ctx)
	in.saml = p
}

// declareProviders writes the account's identity providers for iamc
// import; a SAML provider's metadata goes to a file of its own beside
// the configuration, read with file().
func declareProviders(files map[string][]byte, acct *model.Account, labels *labeler) {
	if len(acct.OIDCProviders) > 0 {
		f := hclwrite.NewEmptyFile()
		for i, p := range acct.SortedOIDCProviders() {
			if i > 0 {
				f.Body().AppendNewline()
			}
			b := f.Body().AppendNewBlock("oidc_provider", []string{labels.label("oidc_provider", p.Name)}).Body()
			b.SetAttributeValue("url", cty.StringVal(p.URL()))
			if len(p.ClientIDs) > 0 {
				b.SetAttributeValue("client_ids", stringList(p.ClientIDs))
			}
			if len(p.Thumbprints) > 0 {
				b.SetAttributeValue("thumbprints", stringList(p.Thumbprints))
			}
			setTags(b, p.Tags)
		}
		files["oidc_providers.iam.hcl"] = hclwrite.Format(f.Bytes())
	}
	if len(acct.SAMLProviders) > 0 {
		f := hclwrite.NewEmptyFile()
		for i, p := range acct.SortedSAMLProviders() {
			if i > 0 {
				f.Body().AppendNewline()
			}
			label := labels.label("saml_provider", p.Name)
			b := f.Body().AppendNewBlock("saml_provider", []string{label}).Body()
			setName(b, label, p.Name)
			meta := "saml-" + label + ".xml"
			b.SetAttributeRaw("metadata", hclwrite.TokensForFunctionCall("file", hclwrite.TokensForValue(cty.StringVal(meta))))
			files[meta] = []byte(p.Metadata)
			setTags(b, p.Tags)
		}
		files["saml_providers.iam.hcl"] = hclwrite.Format(f.Bytes())
	}
}

func stringList(list []string) cty.Value {
	vals := make([]cty.Value, len(list))
	for i, s := range list {
		vals[i] = cty.StringVal(s)
	}
	return cty.ListVal(vals)
}
