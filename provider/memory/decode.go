package memory

import (
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/iamc/iamc/model"
)

// This file decodes the state file by hand: encoding/json takes most of
// the time of loading a large account. It reads exactly the JSON
// encoding/json would read into stateFile, and is stricter in three
// ways: field names must match exactly (not without regard to case), a
// field must not appear twice in an object, and unknown fields are errors.
// FuzzDecodeFile checks it against encoding/json.
//
// Each entity's fields have a case of their own, without reflection; a
// field of a simple type that has none (one added to Role, say) is read
// by its JSON name all the same (simpleField), only more slowly, and so
// are a user's login profile and credentials (simpleObject).

// decodeFile reads a state file's bytes.
func decodeFile(data []byte) (*stateFile, error) {
	f, _, err := decodeFileLists(data)
	return f, err
}

// entityLists are the state file's lists of entities: each must be there,
// and a list, even when empty. A file without one, or with null, is not
// read as an account without any: that is how a damaged or hand-edited
// file would lose what it held.
var entityLists = []string{"users", "groups", "roles", "policies", "instance_profiles", "virtual_mfa_devices"}

// decodeFileLists is decodeFile, also telling which of entityLists were
// given as lists (not null).
func decodeFileLists(data []byte) (*stateFile, map[string]bool, error) {
	r := &reader{data: data, text: string(data)}
	f := &stateFile{}
	lists := map[string]bool{}
	r.object(func(key []byte) {
		for _, l := range entityLists {
			if string(key) == l {
				lists[l] = r.next() != 'n'
			}
		}
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
				case "journal":
					f.Counters.Journal = r.uint64()
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
		case "oidc_providers":
			f.OIDCProviders = objects(r, (*reader).oidcProvider)
		case "saml_providers":
			f.SAMLProviders = objects(r, (*reader).samlProvider)
		case "virtual_mfa_devices":
			f.VirtualMFADevices = objects(r, (*reader).virtualMFADevice)
		case "root":
			f.Root = r.root()
		default:
			r.unknown(key)
		}
	})
	r.ws()
	if r.err == nil && r.pos < len(r.data) {
		r.fail("text after the JSON object")
	}
	if r.err != nil {
		return nil, nil, r.err
	}
	return f, lists, nil
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
			simpleObject(r, lp)
			u.LoginProfile = lp
		case "access_keys":
			u.AccessKeys = values(r, func(r *reader, k *AccessKey) {
				r.object(func(key []byte) {
					if string(key) == "last_used" {
						r.keyUse(&k.LastUsed)
					} else if !r.simpleField(k, key) {
						r.unknown(key)
					}
				})
			})
		case "signing_certificates":
			u.SigningCertificates = values(r, simpleObject[SigningCertificate])
		case "ssh_public_keys":
			u.SSHPublicKeys = values(r, simpleObject[SSHPublicKey])
		case "service_specific_credentials":
			u.ServiceSpecificCredentials = values(r, simpleObject[ServiceSpecificCredential])
		case "mfa_devices":
			u.MFADevices = values(r, simpleObject[MFADevice])
		default:
			if !r.simpleField(u, key) {
				r.unknown(key)
			}
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
			if !r.simpleField(g, key) {
				r.unknown(key)
			}
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
			if !r.simpleField(ro, key) {
				r.unknown(key)
			}
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
			if !r.simpleField(p, key) {
				r.unknown(key)
			}
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
		case "tags":
			ip.Tags = values(r, (*reader).tag)
		default:
			if !r.simpleField(ip, key) {
				r.unknown(key)
			}
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
			if !r.simpleField(d, key) {
				r.unknown(key)
			}
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
		for _, f := range model.PasswordPolicyFields {
			if f.Name != string(key) {
				continue
			}
			if f.Int != nil {
				*f.Int(p) = r.int()
			} else {
				*f.Bool(p) = r.bool()
			}
			return
		}
		r.unknown(key)
	})
}

func (r *reader) quotas(q *model.Quotas) {
	r.object(func(key []byte) {
		f, ok := model.QuotaNamed(string(key))
		if !ok {
			r.unknown(key)
			return
		}
		*f.Field(q) = r.int()
	})
}

// simpleObject reads an object all of whose fields are of a simple type
// (simpleField): a user's login profile and credentials, of which a user
// has few, so that reflection costs little.
func simpleObject[T any](r *reader, v *T) {
	r.object(func(key []byte) {
		if !r.simpleField(v, key) {
			r.unknown(key)
		}
	})
}

// simpleFields maps, per state type, the JSON names of its fields of a
// simple type to their index: reflect.Type → map[string]int.
var simpleFields sync.Map

// simpleField reads the field of v (a pointer to a state type) that key
// names, when it is of a simple type: string, bool, int, uint64,
// time.Time or []string. It reports false for any other key.
func (r *reader) simpleField(v any, key []byte) bool {
	rv := reflect.ValueOf(v).Elem()
	var fields map[string]int
	if m, ok := simpleFields.Load(rv.Type()); ok {
		fields = m.(map[string]int)
	} else {
		fields = map[string]int{}
		t := rv.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "" || name == "-" {
				continue
			}
			switch f.Type {
			case reflect.TypeFor[string](), reflect.TypeFor[bool](), reflect.TypeFor[int](),
				reflect.TypeFor[uint64](), reflect.TypeFor[time.Time](), reflect.TypeFor[[]string]():
				fields[name] = i
			}
		}
		simpleFields.Store(t, fields)
	}
	i, ok := fields[string(key)]
	if !ok {
		return false
	}
	switch p := rv.Field(i).Addr().Interface().(type) {
	case *string:
		*p = r.str()
	case *bool:
		*p = r.bool()
	case *int:
		*p = r.int()
	case *uint64:
		*p = r.uint64()
	case *time.Time:
		r.time(p)
	case *[]string:
		*p = r.strings()
	}
	return true
}
