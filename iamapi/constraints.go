package iamapi

import "github.com/iamc/iamc/model"

// constraint is what IAM's API model requires of a string parameter:
// a length range and a pattern. AWS checks these before the call runs and
// answers ValidationError; the account checks the rest (InvalidInput,
// MalformedPolicyDocument, ...).
type constraint struct {
	min, max int
	// pattern is the API model's pattern, as AWS quotes it, and match the
	// test that implements it; nil when any text is allowed.
	pattern string
	match   func(string) bool
	// secret values are never quoted back.
	secret bool
}

var (
	nameChars = charset(func(c byte) bool { return model.IsNameChar(rune(c)) })
	pathMatch = func(s string) bool {
		if s == "/" {
			return true
		}
		if len(s) < 3 || s[0] != '/' || s[len(s)-1] != '/' {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < 0x21 || s[i] > 0x7e {
				return false
			}
		}
		return true
	}
	docChars = func(s string) bool {
		for _, r := range s {
			if !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xff) {
				return false
			}
		}
		return true
	}
	words     = charset(isWord)
	serialNum = charset(func(c byte) bool {
		return isWord(c) || c == '+' || c == '=' || c == '/' || c == ':' || c == ',' || c == '.' || c == '@' || c == '-'
	})
	versionID = func(s string) bool {
		if len(s) < 2 || s[0] != 'v' || s[1] < '1' || s[1] > '9' {
			return false
		}
		i := 2
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == len(s) {
			return true
		}
		if s[i] != '.' {
			return false
		}
		return charset(func(c byte) bool { return isWord(c) && c != '_' || c == '-' })(s[i+1:])
	}
)

const (
	namePattern    = `[\w+=,.@-]+`
	pathPattern    = `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`
	docPattern     = `[\u0009\u000A\u000D\u0020-\u00FF]+`
	aliasPattern   = `^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`
	versionPattern = `v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`
)

// constraintOf returns the API model's constraint on a string parameter,
// by parameter name (the same name has the same constraint in every IAM
// action).
func constraintOf(name string) (constraint, bool) {
	switch name {
	case "UserName":
		return constraint{1, model.MaxUserNameLen, namePattern, nameChars, false}, true
	case "NewUserName":
		return constraint{1, model.MaxUserNameLen, namePattern, nameChars, false}, true
	case "GroupName":
		return constraint{1, model.MaxGroupNameLen, namePattern, nameChars, false}, true
	case "NewGroupName":
		return constraint{1, model.MaxGroupNameLen, namePattern, nameChars, false}, true
	case "RoleName":
		return constraint{1, model.MaxRoleNameLen, namePattern, nameChars, false}, true
	case "PolicyName": // managed and inline policies alike
		return constraint{1, model.MaxPolicyNameLen, namePattern, nameChars, false}, true
	case "InstanceProfileName":
		return constraint{1, model.MaxInstanceProfileNameLen, namePattern, nameChars, false}, true
	case "VirtualMFADeviceName":
		return constraint{1, 226, namePattern, nameChars, false}, true
	case "Path":
		return constraint{1, model.MaxPathLen, pathPattern, pathMatch, false}, true
	case "NewPath":
		return constraint{1, model.MaxPathLen, pathPattern, pathMatch, false}, true
	case "PathPrefix":
		return constraint{1, model.MaxPathLen, `\u002F[\u0021-\u007F]*`, func(s string) bool { return s[0] == '/' }, false}, true
	case "PolicyArn":
		return constraint{20, 2048, "", nil, false}, true
	case "PermissionsBoundary":
		return constraint{20, 2048, "", nil, false}, true
	case "PolicyDocument":
		return constraint{1, 131072, docPattern, docChars, false}, true
	case "AssumeRolePolicyDocument":
		return constraint{1, 131072, docPattern, docChars, false}, true
	case "Description":
		return constraint{0, model.MaxDescriptionLen, "", nil, false}, true
	case "AccountAlias":
		return constraint{model.MinAliasLen, model.MaxAliasLen, aliasPattern, aliasMatch, false}, true
	case "VersionId":
		return constraint{0, 128, versionPattern, versionID, false}, true
	case "AccessKeyId":
		return constraint{16, 128, `[\w]+`, words, false}, true
	case "CertificateId":
		return constraint{24, 128, `[\w]+`, words, false}, true
	case "SSHPublicKeyId":
		return constraint{20, 128, `[\w]+`, words, false}, true
	case "ServiceSpecificCredentialId":
		return constraint{20, 128, `[\w]+`, words, false}, true
	case "SerialNumber":
		return constraint{9, 256, `[\w+=/:,.@-]+`, serialNum, false}, true
	case "Password":
		return constraint{1, model.MaxPasswordLen, "", nil, true}, true
	case "AuthenticationCode1", "AuthenticationCode2":
		return constraint{6, 6, `[\d]+`, charset(func(c byte) bool { return c >= '0' && c <= '9' }), true}, true
	case "Marker":
		return constraint{1, 320, "", nil, false}, true
	case "Status":
		return constraint{0, 16, "Active|Inactive|Expired", func(s string) bool { return s == "Active" || s == "Inactive" || s == "Expired" }, false}, true
	case "TagKeys.member":
		return constraint{1, model.MaxTagKeyLen, "", nil, false}, true
	}
	return constraint{}, false
}

// intRange returns the API model's range of an integer parameter: IAM's
// account rules (model.IntRangeOf), and the page size.
func intRange(name string) (min, max int, ok bool) {
	if name == "MaxItems" {
		return 1, 1000, true
	}
	r, ok := model.IntRangeOf(name)
	return r.Min, r.Max, ok
}

// checkParam checks a string parameter against its constraint, if it has
// one, and answers as AWS does.
func checkParam(name, v string) *apiError {
	c, ok := constraintOf(name)
	if !ok {
		return nil
	}
	shown := clip(v)
	if c.secret {
		shown = "*****"
	}
	n := len([]rune(v))
	switch {
	case n < c.min:
		return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", shown, member(name), c.min)
	case n > c.max:
		return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", shown, member(name), c.max)
	case c.match != nil && v != "" && !c.match(v):
		return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s", shown, member(name), c.pattern)
	}
	return nil
}

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// charset is a pattern of one or more bytes each satisfying ok.
func charset(ok func(byte) bool) func(string) bool {
	return func(s string) bool {
		if s == "" {
			return false
		}
		for i := 0; i < len(s); i++ {
			if !ok(s[i]) {
				return false
			}
		}
		return true
	}
}

// aliasMatch implements aliasPattern: lower-case letters, digits and
// single hyphens, neither first nor last.
func aliasMatch(s string) bool {
	p, _ := model.CheckAlias(s)
	return p == model.AliasOK
}
