package oparl

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The members dropped without decoding are exactly those dropped by
// decoding the JSON that Marshal writes.
func TestDropMembersAsDecoded(t *testing.T) {
	objs := []Object{
		{"id": "x", "meeting": "m", "name": "<a>"},
		{"meeting": "m"},
		{"a": `q"}],{[\`, "meeting": []any{map[string]any{"b": "}", "meeting": "inner"}, 1.5, nil, true}, "z": false},
		{"agendaItem": []json.RawMessage{json.RawMessage(`{"id":"i","x":[1,2,{"y":"]"}]}`)}, "auxiliaryFile": map[string]any{}, "name": "Prüfung € \u2028"},
		{"n": -12, "o": map[string]any{"meeting": "keep: not top-level"}, "meeting": map[string]any{"deep": []any{"{"}}},
		{},
	}
	for _, o := range objs {
		raw, err := Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		for _, keys := range [][]string{{"meeting"}, {"agendaItem", "auxiliaryFile"}, {"nothing"}, {"a", "z", "n"}} {
			fast, ok := dropMembers(raw, keys)
			if !ok {
				t.Errorf("dropMembers(%s) refused", raw)
				continue
			}
			slow, err := dropMembersDecoded(raw, keys)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fast, slow) {
				t.Errorf("dropMembers(%s, %v) = %s, decoded %s", raw, keys, fast, slow)
			}
		}
	}
}

// JSON that is not a compact object is left to the decoder.
func TestDropMembersRefusesOther(t *testing.T) {
	for _, in := range []string{``, `[]`, `{"a":1 }`, `{"a":"x}`, `{"a":}`, `{"a":1,}`, `{ "a":1}`, `{"a"1}`} {
		if out, ok := dropMembers([]byte(in), []string{"a"}); ok && json.Valid([]byte(in)) == false {
			t.Errorf("dropMembers(%q) = %q, accepted invalid JSON", in, out)
		}
	}
}

// Whatever dropMembers accepts, it drops as decoding does; Embedded and
// Without give the decoded answer either way.
func FuzzDropMembers(f *testing.F) {
	f.Add("meeting", `x"}`, "name", "[1,{")
	f.Add("a", "", "meeting", `\`)
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		raw, err := Marshal(Object{k1: v1, k2: []any{v2, map[string]any{k1: v2}}, "meeting": v1})
		if err != nil {
			return
		}
		for _, keys := range [][]string{{"meeting"}, {k1}, {k2, k1}} {
			fast, ok := dropMembers(raw, keys)
			slow, err := dropMembersDecoded(raw, keys)
			if err != nil {
				t.Fatal(err)
			}
			if e, _ := Without(raw, keys...); !bytes.Equal(e, slow) {
				t.Fatalf("Without(%s, %q) = %s, decoded %s", raw, keys, e, slow)
			}
			if ok && !bytes.Equal(fast, slow) { // a refusal is decoded by the caller
				t.Fatalf("dropMembers(%s, %q) = %s (%v), decoded %s", raw, keys, fast, ok, slow)
			}
		}
	})
}
