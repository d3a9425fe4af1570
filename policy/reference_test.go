package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// referenceParse reads a document the slow, obvious way: encoding/json
// into interface values, then element by element. The fuzz test holds
// ParseJSON's scanner to it.
func referenceParse(data []byte) (*Document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("text after the document")
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not an object")
	}
	if _, ok := obj["Statement"]; !ok {
		return nil, fmt.Errorf("no Statement")
	}
	d := &Document{}
	for k, v := range obj {
		var err error
		switch k {
		case "Version":
			d.Version, err = refString(v)
		case "Id":
			d.ID, err = refString(v)
		case "Statement":
			switch st := v.(type) {
			case map[string]any:
				var s Statement
				s, err = refStatement(st)
				d.Statements = []Statement{s}
			case []any:
				d.Statements = make([]Statement, 0, len(st))
				for _, e := range st {
					m, ok := e.(map[string]any)
					if !ok {
						return nil, fmt.Errorf("statement is not an object")
					}
					s, err := refStatement(m)
					if err != nil {
						return nil, err
					}
					d.Statements = append(d.Statements, s)
				}
			default:
				err = fmt.Errorf("bad Statement")
			}
		default:
			err = fmt.Errorf("unknown element")
		}
		if err != nil {
			return nil, err
		}
	}
	return d, nil
}

func refString(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("not a string")
	}
	return s, nil
}

func refStatement(m map[string]any) (Statement, error) {
	var s Statement
	for k, v := range m {
		var err error
		switch k {
		case "Sid":
			s.Sid, err = refString(v)
		case "Effect":
			s.Effect, err = refString(v)
		case "Action":
			s.Action, err = refValues(v)
		case "NotAction":
			s.NotAction, err = refValues(v)
		case "Resource":
			s.Resource, err = refValues(v)
		case "NotResource":
			s.NotResource, err = refValues(v)
		case "Principal":
			s.Principal, err = refPrincipal(v)
		case "NotPrincipal":
			s.NotPrincipal, err = refPrincipal(v)
		case "Condition":
			s.Condition, err = refConditions(v)
		default:
			err = fmt.Errorf("unknown element")
		}
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

func refValues(v any) (Values, error) {
	switch x := v.(type) {
	case string:
		return Values{x}, nil
	case []any:
		out := Values{}
		for _, e := range x {
			s, err := refString(e)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("bad values")
}

func refPrincipal(v any) (*Principal, error) {
	switch x := v.(type) {
	case string:
		if x != "*" {
			return nil, fmt.Errorf("bad principal")
		}
		return &Principal{Wildcard: true}, nil
	case map[string]any:
		p := &Principal{Entries: map[string][]string{}}
		for k, e := range x {
			vals, err := refValues(e)
			if err != nil {
				return nil, err
			}
			p.Entries[k] = vals
		}
		return p, nil
	}
	return nil, fmt.Errorf("bad principal")
}

func refConditions(v any) (Conditions, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("bad condition")
	}
	c := Conditions{}
	for op, e := range m {
		keys, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("bad condition keys")
		}
		km := map[string][]string{}
		for k, val := range keys {
			list, isList := val.([]any)
			if !isList {
				list = []any{val}
			}
			vals := []string{}
			for _, x := range list {
				switch y := x.(type) {
				case string:
					vals = append(vals, y)
				case bool:
					vals = append(vals, fmt.Sprint(y))
				case json.Number:
					vals = append(vals, y.String())
				default:
					return nil, fmt.Errorf("bad condition value")
				}
			}
			km[k] = vals
		}
		c[op] = km
	}
	return c, nil
}
