package op

import "github.com/iamc/iamc/model"

// Facts say what an op does besides its call: the entity it brings into
// being or ends, the other entities it needs, and how an error met on a
// retry is to be read. Each op type of All gives its own, beside its
// type; Describe gives them for any op. The planner's checks, the AWS
// provider's retries and iamc serve's consistency delay all read them,
// so that what an op is is said once.
type Facts struct {
	// Creates is the user, group, role or managed policy the op (a
	// Create*) makes, and CreatePath the path it makes it at ("" for
	// "/"). Zero when it makes none.
	Creates    model.Address
	CreatePath string
	// RenamedTo is the new name an UpdateUser or UpdateGroup gives, a
	// change of case only included: the old name is gone afterwards.
	RenamedTo model.Address
	// Deletes is the user, group, role or managed policy the op ends.
	Deletes model.Address
	// Names are the users, groups and roles besides the target that must
	// exist for the op: the group of a membership call.
	Names []model.Address
	// PolicyARNs are the managed policies the op names: attached,
	// detached, set as a boundary, versioned, tagged or deleted.
	PolicyARNs []string
	// Trust is the trust policy the op sets (CreateRole,
	// UpdateAssumeRolePolicy), "" for other ops.
	Trust string
	// Frees is true when the op takes from its target something that
	// counts against a cap of the target: an attachment, a membership,
	// an inline policy, a policy version, tags.
	Frees bool
	// DoneIfExists is true when "already exists", met on a retry, means
	// that an earlier attempt whose answer was lost did the work.
	DoneIfExists bool
	// DoneIfMissing is true when "no such entity", met on a retry, means
	// that an earlier attempt whose answer was lost did the work: the
	// thing the op removes is gone.
	DoneIfMissing bool
	// Secret is true when the op carries a secret filled in at apply time
	// (a login profile's password) or answers with one (an access key's).
	Secret bool
}

// describer is an op that gives its facts: every op of All.
type describer interface{ facts() Facts }

// Describe returns the facts of o; an op outside All (the memory
// account's own calls) has none.
func Describe(o Op) Facts {
	if d, ok := o.(describer); ok {
		return d.facts()
	}
	return Facts{}
}

// NewEntity is the entity o brings into being, as IAM tells entities
// apart: what it creates, or the new name of a rename whose name folds
// differently from the old (a change of case keeps the entity). Zero
// when there is none.
func NewEntity(o Op) model.Address {
	f := Describe(o)
	if f.Creates.Name != "" {
		return f.Creates
	}
	if r := f.RenamedTo; r.Name != "" && model.Fold(r.Name) != model.Fold(o.Target().Name) {
		return r
	}
	return model.Address{}
}

// CreatedARN is the ARN of the user, group, role or managed policy that o
// creates in the given account, "" when o creates none.
func CreatedARN(o Op, account string) string {
	f := Describe(o)
	if f.Creates.Name == "" {
		return ""
	}
	switch f.Creates.Kind {
	case model.KindInstanceProfile:
		return model.InstanceProfileARN(account, f.CreatePath, f.Creates.Name)
	case model.KindOIDCProvider:
		return model.OIDCProviderARN(account, f.Creates.Name)
	case model.KindSAMLProvider:
		return model.SAMLProviderARN(account, f.Creates.Name)
	}
	return model.ARN(account, string(f.Creates.Kind), f.CreatePath, f.Creates.Name)
}

// arns returns the ARNs given, without the empty ones.
func arns(list ...string) []string {
	var out []string
	for _, a := range list {
		if a != "" {
			out = append(out, a)
		}
	}
	return out
}
