package lang

import (
	"slices"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/model"
)

// kind is the kind of an entity block, an index into per-kind tables.
type kind int

const (
	kUser kind = iota
	kGroup
	kRole
	kPolicy
	kInstanceProfile // instance_profile.go
	kOIDCProvider    // providers.go
	kSAMLProvider
	numKinds
)

var kindNames = [numKinds]string{"user", "group", "role", "policy", "instance_profile", "oidc_provider", "saml_provider"}

func (k kind) String() string { return kindNames[k] }

// plural names the kind in the plural.
func (k kind) plural() string {
	if k == kPolicy {
		return "policies"
	}
	switch k {
	case kInstanceProfile:
		return "instance profiles"
	case kOIDCProvider:
		return "OpenID Connect providers"
	case kSAMLProvider:
		return "SAML providers"
	}
	return kindNames[k] + "s"
}

// model returns the model's kind.
func (k kind) model() model.Kind {
	return [numKinds]model.Kind{model.KindUser, model.KindGroup, model.KindRole, model.KindPolicy, model.KindInstanceProfile, model.KindOIDCProvider, model.KindSAMLProvider}[k]
}

// kindByName maps a block type or reference root to its kind.
func kindByName(s string) (kind, bool) {
	switch s {
	case "user":
		return kUser, true
	case "group":
		return kGroup, true
	case "role":
		return kRole, true
	case "policy":
		return kPolicy, true
	case "instance_profile":
		return kInstanceProfile, true
	case "oidc_provider":
		return kOIDCProvider, true
	case "saml_provider":
		return kSAMLProvider, true
	}
	return 0, false
}

// rootSchema is the schema of a configuration file: blocks only.
var rootSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "iamc"},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "account"},
		{Type: "password_policy"},
		{Type: "policy", LabelNames: []string{"name"}},
		{Type: "group", LabelNames: []string{"name"}},
		{Type: "user", LabelNames: []string{"name"}},
		{Type: "role", LabelNames: []string{"name"}},
		{Type: "instance_profile", LabelNames: []string{"name"}},
		{Type: "oidc_provider", LabelNames: []string{"name"}},
		{Type: "saml_provider", LabelNames: []string{"name"}},
		{Type: "expect", LabelNames: []string{"name"}},
		{Type: "module", LabelNames: []string{"name"}},
	},
}

var iamcSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "account_id"},
		{Name: "assume_role"},
		{Name: "manage"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "quotas"}},
}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "type"},
		{Name: "default"},
		{Name: "description"},
	},
}

// accountSchema's alias is required, but checked by lang itself, so
// that its absence gets a message saying what alias = null means.
var accountSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "alias"}},
}

// passwordPolicySchema has the attributes of model.PasswordPolicyFields.
var passwordPolicySchema = func() *hcl.BodySchema {
	s := &hcl.BodySchema{}
	for _, f := range model.PasswordPolicyFields {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: f.Name})
	}
	return s
}()

var userSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "for_each"},
		{Name: "name"},
		{Name: "path"},
		{Name: "renamed_from"},
		{Name: "groups"},
		{Name: "policies"},
		{Name: "permissions_boundary"},
		{Name: "tags"},
		{Name: "ignore_warnings"},
	},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "console_access"},
		{Type: "access_keys"},
		{Type: "inline_policy", LabelNames: []string{"name"}},
	},
}

// groupSchema includes groups and tags, which groups do not take, so that
// their use gets a specific error rather than "Unsupported argument".
var groupSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "for_each"},
		{Name: "name"},
		{Name: "path"},
		{Name: "renamed_from"},
		{Name: "members"},
		{Name: "policies"},
		{Name: "groups"},
		{Name: "tags"},
		{Name: "ignore_warnings"},
	},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "inline_policy", LabelNames: []string{"name"}},
	},
}

// roleSchema includes renamed_from so that its use gets a specific error,
// and the numbers of model.RoleNumbers after the description.
var roleSchema = &hcl.BodySchema{
	Attributes: slices.Concat([]hcl.AttributeSchema{
		{Name: "for_each"},
		{Name: "name"},
		{Name: "path"},
		{Name: "renamed_from"},
		{Name: "description"},
	}, roleNumberSchema(), []hcl.AttributeSchema{
		{Name: "assume_role_policy"},
		{Name: "policies"},
		{Name: "permissions_boundary"},
		{Name: "tags"},
		{Name: "ignore_warnings"},
	}),
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "trust"},
		{Type: "inline_policy", LabelNames: []string{"name"}},
	},
}

func roleNumberSchema() []hcl.AttributeSchema {
	var out []hcl.AttributeSchema
	for _, f := range model.RoleNumbers {
		out = append(out, hcl.AttributeSchema{Name: f.Name})
	}
	return out
}

// policySchema leaves the statement blocks to package policy.
var policySchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "for_each"},
		{Name: "name"},
		{Name: "path"},
		{Name: "renamed_from"},
		{Name: "description"},
		{Name: "tags"},
		{Name: "document"},
		{Name: "ignore_warnings"},
	},
}

var entitySchemas = [numKinds]*hcl.BodySchema{userSchema, groupSchema, roleSchema, policySchema, instanceProfileSchema, oidcProviderSchema, samlProviderSchema}

// inlinePolicySchema leaves the statement blocks to package policy.
var inlinePolicySchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "document"},
		{Name: "ignore_warnings"},
	},
}

// trustSchema has only the statement blocks, which package policy decodes.
var trustSchema = &hcl.BodySchema{}

var consoleAccessSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "enabled"},
		{Name: "password_reset_required"},
	},
}

// statementPeek finds statement blocks without decoding them.
var statementPeek = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{{Type: "statement"}},
}

// withStatement returns the names of a schema plus the statement block,
// for a did-you-mean over everything a body may hold.
func withStatement(s *hcl.BodySchema) *hcl.BodySchema {
	out := &hcl.BodySchema{Attributes: s.Attributes}
	out.Blocks = append(append([]hcl.BlockHeaderSchema{}, s.Blocks...), hcl.BlockHeaderSchema{Type: "statement"})
	return out
}
