package store

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestCompactJSONAsEncodingJSON checks the hand-written encoder of audit
// states against encoding/json (no HTML escaping, sorted keys): the audit
// log's before/after texts must not change with it.
func TestCompactJSONAsEncodingJSON(t *testing.T) {
	texts := []string{"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "Zeile\nzwei\r\tTab\b\f",
		"\x00\x01\x1f\x7f", "Umlaute äöüß – „Anführung“", "bad \xff\xfe utf8", "sep \u2028 \u2029 end", "emoji 😀", strings.Repeat("ä", 300)}
	var values []any
	for _, s := range texts {
		values = append(values, s)
	}
	values = append(values, nil, int64(0), int64(-42), int64(1)<<62, 7, true, false, 1.5, 1e21, 0.000001)
	st := state{"id": int64(3), "title": texts[4], "gone": nil}
	for i, s := range texts {
		st[s] = values[i%len(values)]
	}
	st["stimmen"] = []any{map[string]any{"member_abbrev": "BW", "choice": "ja"}, map[string]any{"z": texts[7], "a": int64(1)}}
	st["leer"] = []any{}
	values = append(values, st, map[string]any(st), []any{st, nil, "x"}, []string{"a<b"}, map[string]any{})
	for _, v := range values {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		check(t, enc.Encode(v))
		want := strings.TrimSuffix(b.String(), "\n")
		if got := compactJSON(v); got != want {
			t.Errorf("compactJSON(%#v)\n got %s\nwant %s", v, got, want)
		}
	}
}
