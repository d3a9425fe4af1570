package op

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// Command renders an op as the AWS CLI command it stands for:
//
//	aws iam create-user --user-name tyler --path /staff/
//
// Policy documents longer than docWidth characters are shortened with
// "..." (docWidth <= 0 keeps them whole). A secret is never printed: a login
// profile's password is shown as a placeholder.
func Command(o Op, docWidth int) string {
	var b strings.Builder
	b.WriteString("aws iam ")
	v := reflect.ValueOf(o).Elem()
	info := commandInfo(v.Type(), o.Action())
	b.WriteString(info.name)
	for _, f := range info.fields {
		fv := v.Field(f.index)
		switch {
		case f.secret:
			fmt.Fprintf(&b, " %s '<generated>'", f.flag)
		case fv.Kind() == reflect.Bool:
			if fv.Bool() {
				b.WriteString(" " + f.flag)
			} else {
				b.WriteString(" " + f.noFlag)
			}
		case fv.Kind() == reflect.String:
			s := fv.String()
			if s == "" && f.omitEmpty {
				continue
			}
			if f.doc && docWidth > 0 && len(s) > docWidth {
				cut := docWidth
				for cut > 0 && !utf8.RuneStart(s[cut]) {
					cut--
				}
				s = s[:cut] + "..."
			}
			b.WriteString(" " + f.flag + " " + ShellQuote(s))
		case fv.Kind() == reflect.Int:
			if fv.Int() == 0 && f.omitEmpty {
				continue
			}
			fmt.Fprintf(&b, " %s %d", f.flag, fv.Int())
		case fv.Kind() == reflect.Pointer:
			if fv.IsNil() {
				continue
			}
			b.WriteString(" " + f.flag + " " + ShellQuote(fmt.Sprint(fv.Elem().Interface())))
		case fv.Type() == reflect.TypeOf([]Tag(nil)):
			tags := fv.Interface().([]Tag)
			if len(tags) == 0 {
				continue
			}
			b.WriteString(" " + f.flag)
			for _, tag := range tags {
				b.WriteString(" " + ShellQuote("Key="+tag.Key+",Value="+tag.Value))
			}
		case fv.Type() == reflect.TypeOf([]string(nil)):
			keys := fv.Interface().([]string)
			if len(keys) == 0 {
				continue
			}
			b.WriteString(" " + f.flag)
			for _, k := range keys {
				b.WriteString(" " + ShellQuote(k))
			}
		default:
			panic(fmt.Sprintf("op: %s.%s has a type Command cannot print", v.Type().Name(), v.Type().Field(f.index).Name))
		}
	}
	return b.String()
}

// cmdInfo is what Command needs of an op type, worked out once per type.
type cmdInfo struct {
	name   string // create-user
	fields []cmdField
}

type cmdField struct {
	index        int
	flag, noFlag string // --user-name, --no-user-name
	secret, doc  bool
	omitEmpty    bool
}

var cmdInfos sync.Map // reflect.Type → *cmdInfo

func commandInfo(t reflect.Type, action string) *cmdInfo {
	if ci, ok := cmdInfos.Load(t); ok {
		return ci.(*cmdInfo)
	}
	ci := &cmdInfo{name: Kebab(action)}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		secret := f.Tag.Get("secret") != ""
		name := jsonName(f)
		if name == "" && !secret {
			continue // not an API parameter
		}
		if name == "" {
			name = f.Name
		}
		ci.fields = append(ci.fields, cmdField{
			index:     i,
			flag:      "--" + Kebab(name),
			noFlag:    "--no-" + Kebab(name),
			secret:    secret,
			doc:       f.Tag.Get("doc") != "",
			omitEmpty: omitEmpty(f),
		})
	}
	cmdInfos.Store(t, ci)
	return ci
}

func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		return f.Name
	}
	return name
}

func omitEmpty(f reflect.StructField) bool {
	return strings.Contains(f.Tag.Get("json"), ",omitempty")
}

// Kebab turns an IAM name into the AWS CLI's spelling: CreateUser →
// create-user, SSHPublicKeyId → ssh-public-key-id.
func Kebab(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 {
			prevLower := unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1])
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
			if prevLower || (nextLower && unicode.IsUpper(r[i-1])) {
				b.WriteByte('-')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// ShellQuote quotes s for a POSIX shell when it needs quoting. A string
// with control characters (a newline in a description) is written as
// $'...' with escapes, so that a printed command stays on one line and
// cannot pass for other lines of a plan.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("/_-.:=@,+", c))
	}) < 0 {
		return s
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		var b strings.Builder
		b.WriteString("$'")
		for _, c := range s {
			switch {
			case c == '\\' || c == '\'':
				b.WriteByte('\\')
				b.WriteRune(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\t':
				b.WriteString(`\t`)
			case c == '\r':
				b.WriteString(`\r`)
			case unicode.IsControl(c):
				fmt.Fprintf(&b, `\u%04x`, c)
			default:
				b.WriteRune(c)
			}
		}
		b.WriteByte('\'')
		return b.String()
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
