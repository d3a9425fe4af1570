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
	b.WriteString(commandName(o.Action()))
	v := reflect.ValueOf(o).Elem()
	for _, p := range Params(o) {
		fv := v.Field(p.Field)
		switch {
		case p.Secret:
			fmt.Fprintf(&b, " --%s '<generated>'", p.Flag)
		case p.Kind == ParamBool:
			if fv.Bool() {
				b.WriteString(" --" + p.Flag)
			} else {
				b.WriteString(" --no-" + p.Flag)
			}
		case p.Kind == ParamString:
			s := fv.String()
			if s == "" && p.OmitEmpty {
				continue
			}
			if p.Doc && docWidth > 0 && len(s) > docWidth {
				cut := docWidth
				for cut > 0 && !utf8.RuneStart(s[cut]) {
					cut--
				}
				s = s[:cut] + "..."
			}
			b.WriteString(" --" + p.Flag + " " + ShellQuote(s))
		case p.Kind == ParamInt:
			if fv.Int() == 0 && p.OmitEmpty {
				continue
			}
			fmt.Fprintf(&b, " --%s %d", p.Flag, fv.Int())
		case p.Kind == ParamStringPtr:
			if fv.IsNil() {
				continue
			}
			b.WriteString(" --" + p.Flag + " " + ShellQuote(fv.Elem().String()))
		case p.Kind == ParamTags:
			tags := fv.Interface().([]Tag)
			if len(tags) == 0 {
				continue
			}
			b.WriteString(" --" + p.Flag)
			for _, tag := range tags {
				b.WriteString(" " + ShellQuote("Key="+tag.Key+",Value="+tag.Value))
			}
		case p.Kind == ParamList:
			keys := fv.Interface().([]string)
			if len(keys) == 0 {
				continue
			}
			b.WriteString(" --" + p.Flag)
			for _, k := range keys {
				b.WriteString(" " + ShellQuote(k))
			}
		}
	}
	return b.String()
}

var commandNames sync.Map // action → its command: CreateUser → create-user

func commandName(action string) string {
	if n, ok := commandNames.Load(action); ok {
		return n.(string)
	}
	n := Kebab(action)
	commandNames.Store(action, n)
	return n
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
