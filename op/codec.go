package op

import (
	"encoding/json"
	"fmt"
)

// envelope is an op's JSON form: its action and its parameters as the IAM
// API names them.
type envelope struct {
	Action string          `json:"action"`
	Params json.RawMessage `json:"params"`
}

// Marshal encodes an op as {"action": "CreateUser", "params": {...}}.
// Secrets (a login profile's password) are never encoded.
func Marshal(o Op) ([]byte, error) {
	params, err := MarshalParams(o)
	if err != nil {
		return nil, err
	}
	return json.Marshal(envelope{Action: o.Action(), Params: params})
}

// MarshalParams encodes an op's parameters as the IAM API names them,
// secrets left out: {"UserName": "tyler", "Path": "/"}.
func MarshalParams(o Op) (json.RawMessage, error) {
	params, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w", o.Action(), err)
	}
	return params, nil
}

// Unmarshal decodes what Marshal encodes. Unknown actions and unknown
// parameters are errors.
func Unmarshal(data []byte) (Op, error) {
	var e envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("decoding an op: %w", err)
	}
	o := New(e.Action)
	if o == nil {
		return nil, fmt.Errorf("decoding an op: unknown action %q", e.Action)
	}
	if len(e.Params) > 0 {
		dec := json.NewDecoder(bytesReader(e.Params))
		dec.DisallowUnknownFields()
		if err := dec.Decode(o); err != nil {
			return nil, fmt.Errorf("decoding %s: %w", e.Action, err)
		}
	}
	return o, nil
}

// List is a list of ops that encodes as a JSON array of envelopes.
type List []Op

// MarshalJSON encodes each op with Marshal.
func (l List) MarshalJSON() ([]byte, error) {
	raws := make([]json.RawMessage, len(l))
	for i, o := range l {
		b, err := Marshal(o)
		if err != nil {
			return nil, err
		}
		raws[i] = b
	}
	return json.Marshal(raws)
}

// UnmarshalJSON decodes each op with Unmarshal.
func (l *List) UnmarshalJSON(data []byte) error {
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return err
	}
	out := make(List, len(raws))
	for i, r := range raws {
		o, err := Unmarshal(r)
		if err != nil {
			return fmt.Errorf("op %d: %w", i, err)
		}
		out[i] = o
	}
	*l = out
	return nil
}
