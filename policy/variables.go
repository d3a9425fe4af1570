package policy

import (
	"strconv"
	"strings"
)

// variables checks the policy variables (${aws:username},
// ${aws:PrincipalTag/team, 'default'}, and the escapes ${*}, ${?}, ${$})
// in s, a resource or a condition value at path. It reports variables in
// a document whose version leaves them literal, and malformed ones, and
// says whether s passed.
func (v *validator) variables(path string, s string) bool {
	if !strings.Contains(s, "${") {
		return true
	}
	if v.old {
		v.add(path, Error, "variable-in-old-version", "Policy variable in a 2008-10-17 document",
			"In a document without Version \""+Version2012+"\" IAM reads "+strconv.Quote(s)+" literally, not as a policy variable; add \"Version\": \""+Version2012+"\".")
		return false
	}
	if msg := variableProblem(s); msg != "" {
		v.add(path, Error, "invalid-variable", "Invalid policy variable", "In "+strconv.Quote(s)+", "+msg)
		return false
	}
	return true
}

// variableProblem says what is wrong with the policy variables of s (as a
// sentence that starts after a comma), or "" when nothing is.
func variableProblem(s string) string {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return ""
		}
		s = s[i+2:]
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return "a policy variable has no closing brace: add } after its name."
		}
		body := s[:end]
		s = s[end+1:]
		switch body {
		case "*", "?", "$":
			continue
		}
		name, def, hasDefault := strings.Cut(body, ",")
		switch {
		case strings.TrimSpace(name) == "":
			return "the variable ${" + body + "} is empty: name a request value (${aws:username}) or remove it."
		case strings.ContainsAny(name, " \t\r\n"):
			return "the variable ${" + body + "} has white space in its name; remove it."
		case !strings.Contains(name, ":"):
			return "the variable ${" + body + "} is not of the form ${service:key} (${aws:username}, ${aws:PrincipalTag/team})."
		}
		if hasDefault {
			def = strings.TrimSpace(def)
			if len(def) < 2 || def[0] != '\'' || def[len(def)-1] != '\'' {
				return "the default value of ${" + body + "} must be in single quotes: ${" + name + ", 'value'}."
			}
		}
	}
}
