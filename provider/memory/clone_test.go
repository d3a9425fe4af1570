package memory

import (
	"reflect"
	"testing"

	"github.com/iamc/iamc/policy"
)

func TestCloneDocIsADeepCopy(t *testing.T) {
	for _, text := range []string{
		`{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":["true"]}}},{"Effect":"Deny","NotAction":"iam:*","NotResource":["arn:aws:s3:::b"]}]}`,
		`{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root"],"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
		`{"Statement":[{"Effect":"Allow","Principal":"*","Action":[],"Resource":[]}]}`,
		`{"Statement":[]}`,
	} {
		d := policy.MustParse(text)
		c := cloneDoc(d)
		if !reflect.DeepEqual(c, d) || !reflect.DeepEqual(c, d.Clone()) {
			t.Fatalf("clone of %s differs:\n%#v\n%#v", text, c, d)
		}
		// Changing the clone leaves the original.
		for i := range c.Statements {
			s := &c.Statements[i]
			for _, v := range []policy.Values{s.Action, s.NotAction, s.Resource, s.NotResource} {
				for j := range v {
					v[j] = "changed"
				}
			}
			if s.Principal != nil {
				for k := range s.Principal.Entries {
					s.Principal.Entries[k][0] = "changed"
				}
			}
			for _, keys := range s.Condition {
				for k := range keys {
					keys[k][0] = "changed"
				}
			}
		}
		if !reflect.DeepEqual(d, policy.MustParse(text)) {
			t.Errorf("changing a clone of %s changed the original", text)
		}
		// Appending to one statement's list does not reach the next one's.
		if len(c.Statements) > 0 && c.Statements[0].Action != nil {
			c.Statements[0].Action = append(c.Statements[0].Action, "appended")
			if len(c.Statements) > 1 && c.Statements[1].NotAction != nil && c.Statements[1].NotAction[0] == "appended" {
				t.Error("lists share capacity")
			}
		}
	}
	if cloneDoc(nil) != nil {
		t.Error("cloneDoc(nil) is not nil")
	}
}
