package op

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode"
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
	b.WriteString(Kebab(o.Action()))
	v := reflect.ValueOf(o).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := jsonName(f)
		if name == "" && f.Tag.Get("secret") == "" {
			continue // not an API parameter
		}
		if name == "" {
			name = f.Name
		}
		flag := "--" + Kebab(name)
		fv := v.Field(i)
		switch {
		case f.Tag.Get("secret") != "":
			fmt.Fprintf(&b, " %s '<generated>'", flag)
		case fv.Kind() == reflect.Bool:
			if fv.Bool() {
				fmt.Fprintf(&b, " %s", flag)
			} else {
				fmt.Fprintf(&b, " --no-%s", Kebab(name))
			}
		case fv.Kind() == reflect.String:
			s := fv.String()
			if s == "" && omitEmpty(f) {
				continue
			}
			if f.Tag.Get("doc") != "" && docWidth > 0 && len(s) > docWidth {
				s = s[:docWidth] + "..."
			}
			fmt.Fprintf(&b, " %s %s", flag, ShellQuote(s))
		case fv.Kind() == reflect.Int:
			if fv.Int() == 0 && omitEmpty(f) {
				continue
			}
			fmt.Fprintf(&b, " %s %d", flag, fv.Int())
		case fv.Kind() == reflect.Pointer:
			if fv.IsNil() {
				continue
			}
			fmt.Fprintf(&b, " %s %s", flag, ShellQuote(fmt.Sprint(fv.Elem().Interface())))
		case fv.Type() == reflect.TypeOf([]Tag(nil)):
			tags := fv.Interface().([]Tag)
			if len(tags) == 0 {
				continue
			}
			b.WriteString(" " + flag)
			for _, tag := range tags {
				b.WriteString(" " + ShellQuote("Key="+tag.Key+",Value="+tag.Value))
			}
		case fv.Type() == reflect.TypeOf([]string(nil)):
			keys := fv.Interface().([]string)
			if len(keys) == 0 {
				continue
			}
			b.WriteString(" " + flag)
			for _, k := range keys {
				b.WriteString(" " + ShellQuote(k))
			}
		default:
			panic(fmt.Sprintf("op: %s.%s has a type Command cannot print", t.Name(), f.Name))
		}
	}
	return b.String()
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

// ShellQuote quotes s for a POSIX shell when it needs quoting.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("/_-.:=@,+", c))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
