package memory

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/iamc/iamc/model"
)

// This file decodes the state file without reflection: encoding/json
// takes most of the time of loading a large account. It reads exactly the
// JSON encoding/json would read into stateFile, and is stricter in three
// ways: field names must match exactly (not without regard to case), a
// field must not appear twice in an object, and unknown fields are errors.
// FuzzDecodeFile checks it against encoding/json.

// reader reads JSON from data.
type reader struct {
	data []byte
	// text is data as a string: strings without escapes are slices of it,
	// which saves an allocation per string (the state keeps the file's
	// text alive, about its own size).
	text string
	pos  int
	err  error
}

// decodeFile reads a state file's bytes.
func decodeFile(data []byte) (*stateFile, error) {
	r := &reader{data: data, text: string(data)}
	f := &stateFile{}
	r.object(func(key []byte) {
		switch string(key) {
		case "format_version":
			f.FormatVersion = r.int()
		case "account_id":
			f.AccountID = r.str()
		case "alias":
			f.Alias = r.str()
		case "password_policy":
			if r.null() {
				f.PasswordPolicy = nil
				return
			}
			f.PasswordPolicy = &model.PasswordPolicy{}
			r.passwordPolicy(f.PasswordPolicy)
		case "quotas":
			r.quotas(&f.Quotas)
		case "counters":
			r.object(func(key []byte) {
				switch string(key) {
				case "ids":
					f.Counters.IDs = r.uint64()
				default:
					r.unknown(key)
				}
			})
		case "users":
			f.Users = objects(r, (*reader).user)
		case "groups":
			f.Groups = objects(r, (*reader).group)
		case "roles":
			f.Roles = objects(r, (*reader).role)
		case "policies":
			f.Policies = objects(r, (*reader).policy)
		case "instance_profiles":
			f.InstanceProfiles = objects(r, (*reader).instanceProfile)
		case "virtual_mfa_devices":
			f.VirtualMFADevices = objects(r, (*reader).virtualMFADevice)
		default:
			r.unknown(key)
		}
	})
	r.ws()
	if r.err == nil && r.pos < len(r.data) {
		r.fail("text after the JSON object")
	}
	if r.err != nil {
		return nil, r.err
	}
	return f, nil
}

// objects reads an array of objects (or null) into pointers to new values.
func objects[T any](r *reader, elem func(*reader, *T)) []*T {
	if r.null() {
		return nil
	}
	out := []*T{}
	r.array(func() {
		if r.null() {
			out = append(out, nil)
			return
		}
		v := new(T)
		elem(r, v)
		out = append(out, v)
	})
	return out
}

// values reads an array of values (or null).
func values[T any](r *reader, elem func(*reader, *T)) []T {
	if r.null() {
		return nil
	}
	out := []T{}
	r.array(func() {
		var v T
		if !r.null() {
			elem(r, &v)
		}
		out = append(out, v)
	})
	return out
}

func (r *reader) strings() []string {
	return values(r, func(r *reader, s *string) { *s = r.str() })
}

func (r *reader) user(u *User) {
	r.object(func(key []byte) {
		switch string(key) {
		case "name":
			u.Name = r.str()
		case "path":
			u.Path = r.str()
		case "id":
			u.ID = r.str()
		case "create_date":
			r.time(&u.CreateDate)
		case "groups":
			u.Groups = r.strings()
		case "attached_policies":
			u.AttachedPolicies = r.strings()
		case "inline_policies":
			u.InlinePolicies = values(r, (*reader).inlinePolicy)
		case "permissions_boundary":
			u.PermissionsBoundary = r.str()
		case "tags":
			u.Tags = values(r, (*reader).tag)
		case "login_profile":
			if r.null() {
				u.LoginProfile = nil
				return
			}
			lp := &LoginProfile{}
			r.object(func(key []byte) {
				switch string(key) {
				case "create_date":
					r.time(&lp.CreateDate)
				case "password_reset_required":
					lp.PasswordResetRequired = r.bool()
				default:
					r.unknown(key)
				}
			})
			u.LoginProfile = lp
		case "access_keys":
			u.AccessKeys = values(r, func(r *reader, k *AccessKey) {
				r.object(func(key []byte) {
					switch string(key) {
					case "id":
						k.ID = r.str()
					case "status":
						k.Status = r.str()
					case "create_date":
						r.time(&k.CreateDate)
					default:
						r.unknown(key)
					}
				})
			})
		case "signing_certificates":
			u.SigningCertificates = values(r, func(r *reader, c *SigningCertificate) {
				r.object(func(key []byte) {
					switch string(key) {
					case "id":
						c.ID = r.str()
					case "status":
						c.Status = r.str()
					case "upload_date":
						r.time(&c.UploadDate)
					default:
						r.unknown(key)
					}
				})
			})
		case "ssh_public_keys":
			u.SSHPublicKeys = values(r, func(r *reader, k *SSHPublicKey) {
				r.object(func(key []byte) {
					switch string(key) {
					case "id":
						k.ID = r.str()
					case "status":
						k.Status = r.str()
					case "upload_date":
						r.time(&k.UploadDate)
					default:
						r.unknown(key)
					}
				})
			})
		case "service_specific_credentials":
			u.ServiceSpecificCredentials = values(r, func(r *reader, c *ServiceSpecificCredential) {
				r.object(func(key []byte) {
					switch string(key) {
					case "id":
						c.ID = r.str()
					case "service_name":
						c.ServiceName = r.str()
					case "service_user_name":
						c.ServiceUserName = r.str()
					case "status":
						c.Status = r.str()
					case "create_date":
						r.time(&c.CreateDate)
					default:
						r.unknown(key)
					}
				})
			})
		case "mfa_devices":
			u.MFADevices = values(r, func(r *reader, d *MFADevice) {
				r.object(func(key []byte) {
					switch string(key) {
					case "serial_number":
						d.SerialNumber = r.str()
					case "virtual":
						d.Virtual = r.bool()
					case "enable_date":
						r.time(&d.EnableDate)
					default:
						r.unknown(key)
					}
				})
			})
		default:
			r.unknown(key)
		}
	})
}

func (r *reader) group(g *Group) {
	r.object(func(key []byte) {
		switch string(key) {
		case "name":
			g.Name = r.str()
		case "path":
			g.Path = r.str()
		case "id":
			g.ID = r.str()
		case "create_date":
			r.time(&g.CreateDate)
		case "attached_policies":
			g.AttachedPolicies = r.strings()
		case "inline_policies":
			g.InlinePolicies = values(r, (*reader).inlinePolicy)
		default:
			r.unknown(key)
		}
	})
}

func (r *reader) role(ro *Role) {
	r.object(func(key []byte) {
		switch string(key) {
		case "name":
			ro.Name = r.str()
		case "path":
			ro.Path = r.str()
		case "id":
			ro.ID = r.str()
		case "create_date":
			r.time(&ro.CreateDate)
		case "description":
			ro.Description = r.str()
		case "max_session_duration":
			ro.MaxSessionDuration = r.int()
		case "assume_role_policy":
			ro.AssumeRolePolicy = r.str()
		case "attached_policies":
			ro.AttachedPolicies = r.strings()
		case "inline_policies":
			ro.InlinePolicies = values(r, (*reader).inlinePolicy)
		case "permissions_boundary":
			ro.PermissionsBoundary = r.str()
		case "tags":
			ro.Tags = values(r, (*reader).tag)
		default:
			r.unknown(key)
		}
	})
}

func (r *reader) policy(p *Policy) {
	r.object(func(key []byte) {
		switch string(key) {
		case "name":
			p.Name = r.str()
		case "path":
			p.Path = r.str()
		case "id":
			p.ID = r.str()
		case "create_date":
			r.time(&p.CreateDate)
		case "update_date":
			r.time(&p.UpdateDate)
		case "description":
			p.Description = r.str()
		case "tags":
			p.Tags = values(r, (*reader).tag)
		case "versions":
			p.Versions = values(r, func(r *reader, v *PolicyVersion) {
				r.object(func(key []byte) {
					switch string(key) {
					case "id":
						v.ID = r.str()
					case "document":
						v.Document = r.str()
					case "is_default":
						v.IsDefault = r.bool()
					case "create_date":
						r.time(&v.CreateDate)
					default:
						r.unknown(key)
					}
				})
			})
		case "next_version":
			p.NextVersion = r.int()
		default:
			r.unknown(key)
		}
	})
}

func (r *reader) instanceProfile(ip *InstanceProfile) {
	r.object(func(key []byte) {
		switch string(key) {
		case "name":
			ip.Name = r.str()
		case "path":
			ip.Path = r.str()
		case "id":
			ip.ID = r.str()
		case "create_date":
			r.time(&ip.CreateDate)
		case "roles":
			ip.Roles = r.strings()
		default:
			r.unknown(key)
		}
	})
}

func (r *reader) virtualMFADevice(d *VirtualMFADevice) {
	r.object(func(key []byte) {
		switch string(key) {
		case "serial_number":
			d.SerialNumber = r.str()
		case "create_date":
			r.time(&d.CreateDate)
		case "user":
			d.User = r.str()
		case "enable_date":
			r.time(&d.EnableDate)
		default:
			r.unknown(key)
		}
	})
}

func (r *reader) inlinePolicy(p *InlinePolicy) {
	r.object(func(key []byte) {
		switch string(key) {
		case "name":
			p.Name = r.str()
		case "document":
			p.Document = r.str()
		default:
			r.unknown(key)
		}
	})
}

func (r *reader) tag(t *Tag) {
	r.object(func(key []byte) {
		switch string(key) {
		case "key":
			t.Key = r.str()
		case "value":
			t.Value = r.str()
		default:
			r.unknown(key)
		}
	})
}

func (r *reader) passwordPolicy(p *model.PasswordPolicy) {
	r.object(func(key []byte) {
		switch string(key) {
		case "minimum_length":
			p.MinimumLength = r.int()
		case "require_uppercase":
			p.RequireUppercase = r.bool()
		case "require_lowercase":
			p.RequireLowercase = r.bool()
		case "require_numbers":
			p.RequireNumbers = r.bool()
		case "require_symbols":
			p.RequireSymbols = r.bool()
		case "allow_users_to_change_password":
			p.AllowUsersToChangePassword = r.bool()
		case "max_password_age":
			p.MaxPasswordAge = r.int()
		case "password_reuse_prevention":
			p.PasswordReusePrevention = r.int()
		case "hard_expiry":
			p.HardExpiry = r.bool()
		default:
			r.unknown(key)
		}
	})
}

func (r *reader) quotas(q *model.Quotas) {
	fields := map[string]*int{
		"users": &q.Users, "groups": &q.Groups, "roles": &q.Roles, "policies": &q.Policies,
		"groups_per_user": &q.GroupsPerUser, "policies_per_user": &q.PoliciesPerUser,
		"policies_per_group": &q.PoliciesPerGroup, "policies_per_role": &q.PoliciesPerRole,
		"versions_per_policy": &q.VersionsPerPolicy, "tags_per_entity": &q.TagsPerEntity,
		"user_inline_size": &q.UserInlineSize, "group_inline_size": &q.GroupInlineSize,
		"role_inline_size": &q.RoleInlineSize, "managed_policy_size": &q.ManagedPolicySize,
		"trust_policy_size": &q.TrustPolicySize,
	}
	r.object(func(key []byte) {
		p, ok := fields[string(key)]
		if !ok {
			r.unknown(key)
			return
		}
		*p = r.int()
	})
}

// ---- the JSON grammar

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("at byte %d: %s", r.pos, fmt.Sprintf(format, args...))
	}
	r.pos = len(r.data) // stop
}

func (r *reader) unknown(key []byte) { r.fail("unknown field %q", key) }

func (r *reader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// next skips white space and returns the next byte, 0 at the end.
func (r *reader) next() byte {
	r.ws()
	if r.pos >= len(r.data) {
		return 0
	}
	return r.data[r.pos]
}

func (r *reader) expect(c byte) bool {
	if r.next() != c {
		if r.pos >= len(r.data) {
			r.fail("unexpected end of the file, want %q", c)
		} else {
			r.fail("found %q, want %q", r.data[r.pos], c)
		}
		return false
	}
	r.pos++
	return true
}

// literal consumes word (true, false, null) if it is next.
func (r *reader) literal(word string) bool {
	r.ws()
	if len(r.data)-r.pos >= len(word) && string(r.data[r.pos:r.pos+len(word)]) == word {
		r.pos += len(word)
		return true
	}
	return false
}

// null consumes a null if one is next.
func (r *reader) null() bool { return r.err == nil && r.literal("null") }

// object reads an object, calling fn for each member with the key read
// and the reader at the member's value, which fn must read. A key given
// twice is an error.
func (r *reader) object(fn func(key []byte)) {
	if !r.expect('{') {
		return
	}
	var seenBuf [24][]byte
	seen := seenBuf[:0]
	if r.next() == '}' {
		r.pos++
		return
	}
	for r.err == nil {
		if r.next() != '"' {
			r.fail("want a field name")
			return
		}
		key := r.rawKey()
		for _, k := range seen {
			if string(k) == string(key) {
				r.fail("field %q appears twice", key)
				return
			}
		}
		seen = append(seen, key)
		if !r.expect(':') {
			return
		}
		fn(key)
		if r.err != nil {
			return
		}
		switch r.next() {
		case ',':
			r.pos++
		case '}':
			r.pos++
			return
		default:
			r.fail("want , or } after a field")
			return
		}
	}
}

// rawKey reads a field name, as bytes when it has no escapes.
func (r *reader) rawKey() []byte {
	start := r.pos + 1
	for i := start; i < len(r.data); i++ {
		c := r.data[i]
		if c == '"' {
			r.pos = i + 1
			return r.data[start:i]
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
	}
	return []byte(r.str())
}

// array reads an array, calling fn at each element, which fn must read.
func (r *reader) array(fn func()) {
	if !r.expect('[') {
		return
	}
	if r.next() == ']' {
		r.pos++
		return
	}
	for r.err == nil {
		fn()
		if r.err != nil {
			return
		}
		switch r.next() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			return
		default:
			r.fail("want , or ] after an element")
			return
		}
	}
}

func (r *reader) bool() bool {
	switch {
	case r.literal("true"):
		return true
	case r.literal("false"), r.literal("null"):
		return false
	}
	r.fail("want true or false")
	return false
}

// time reads a time as encoding/json does (time.Time's UnmarshalJSON on
// the quoted text); null leaves t as it is.
func (r *reader) time(t *time.Time) {
	if r.null() {
		return
	}
	if r.next() != '"' {
		r.fail("want a time as a string")
		return
	}
	start := r.pos
	r.str()
	if r.err != nil {
		return
	}
	if err := t.UnmarshalJSON(r.data[start:r.pos]); err != nil {
		r.pos = start
		r.fail("%v", err)
	}
}

// number reads the text of a JSON number.
func (r *reader) number() string {
	r.ws()
	start := r.pos
	i := r.pos
	if i < len(r.data) && r.data[i] == '-' {
		i++
	}
	switch {
	case i < len(r.data) && r.data[i] == '0':
		i++
	case i < len(r.data) && r.data[i] >= '1' && r.data[i] <= '9':
		for i < len(r.data) && r.data[i] >= '0' && r.data[i] <= '9' {
			i++
		}
	default:
		r.fail("want a number")
		return ""
	}
	if i < len(r.data) && (r.data[i] == '.' || r.data[i] == 'e' || r.data[i] == 'E') {
		r.fail("want a whole number")
		return ""
	}
	r.pos = i
	return string(r.data[start:i])
}

// int reads a whole number that fits an int (encoding/json's rules: no
// fraction or exponent); null reads as 0.
func (r *reader) int() int {
	if r.null() {
		return 0
	}
	s := r.number()
	if r.err != nil {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, strconv.IntSize)
	if err != nil || n < math.MinInt || n > math.MaxInt {
		r.fail("number %s out of range", s)
		return 0
	}
	return int(n)
}

func (r *reader) uint64() uint64 {
	if r.null() {
		return 0
	}
	s := r.number()
	if r.err != nil {
		return 0
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		r.fail("number %s out of range", s)
		return 0
	}
	return n
}

// str reads a string as encoding/json does: escapes decoded, invalid
// UTF-8 and lone surrogates replaced by U+FFFD; null reads as "".
func (r *reader) str() string {
	if r.null() {
		return ""
	}
	if r.next() != '"' {
		r.fail("want a string")
		return ""
	}
	start := r.pos + 1
	// Fast path: plain ASCII without escapes.
	for i := start; i < len(r.data); i++ {
		c := r.data[i]
		if c == '"' {
			r.pos = i + 1
			return r.text[start:i]
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
	}
	return r.slowString(start)
}

func (r *reader) slowString(start int) string {
	// The decoded string is at most as long as its JSON text: grow the
	// builder once.
	end := start
	for end < len(r.data) && r.data[end] != '"' {
		if r.data[end] == '\\' {
			end++
		}
		end++
	}
	var buf strings.Builder
	buf.Grow(end - start)
	i := start
	for i < len(r.data) {
		c := r.data[i]
		switch {
		case c == '"':
			r.pos = i + 1
			return buf.String()
		case c < 0x20:
			r.pos = i
			r.fail("control character %q in a string", c)
			return ""
		case c == '\\':
			if i+1 >= len(r.data) {
				r.pos = i
				r.fail("unterminated string")
				return ""
			}
			e := r.data[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				buf.WriteByte(e)
			case 'b':
				buf.WriteByte('\b')
			case 'f':
				buf.WriteByte('\f')
			case 'n':
				buf.WriteByte('\n')
			case 'r':
				buf.WriteByte('\r')
			case 't':
				buf.WriteByte('\t')
			case 'u':
				rr, ok := hex4(r.data, i)
				if !ok {
					r.pos = i
					r.fail("bad \\u escape")
					return ""
				}
				i += 4
				if utf16.IsSurrogate(rr) {
					if i+1 < len(r.data) && r.data[i] == '\\' && r.data[i+1] == 'u' {
						if rr1, ok := hex4(r.data, i+2); ok {
							if dec := utf16.DecodeRune(rr, rr1); dec != utf8.RuneError {
								buf.WriteRune(dec)
								i += 6
								continue
							}
						}
					}
					rr = utf8.RuneError
				}
				buf.WriteRune(rr)
			default:
				r.pos = i - 1
				r.fail("bad escape \\%c", e)
				return ""
			}
		case c < utf8.RuneSelf:
			buf.WriteByte(c)
			i++
		default:
			rr, size := utf8.DecodeRune(r.data[i:])
			i += size
			buf.WriteRune(rr)
		}
	}
	r.pos = len(r.data)
	r.fail("unterminated string")
	return ""
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var v rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		v = v*16 + rune(c)
	}
	return v, true
}
