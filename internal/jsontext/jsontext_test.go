package jsontext

import (
	"bytes"
	"encoding/json"
	"testing"
)

// marshal is encoding/json with HTML escaping off, what AppendString
// must match.
func marshal(t testing.TB, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// TestAppendStringAsEncodingJSON: quotes, backslashes, control
// characters, invalid UTF-8, U+2028/U+2029, umlauts and HTML characters
// come out as encoding/json writes them.
func TestAppendStringAsEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "Beschluss", `"zitiert" \ Pfad`, "a\nb\tc\rd\be\ff\x00\x1f\x7f",
		"Größe äöü ß", "<b>&</b>", "\xff\xfe kaputt", "Zeile\u2028Absatz\u2029", "😀"} {
		if got, want := AppendString(nil, s), marshal(t, s); !bytes.Equal(got, want) {
			t.Errorf("AppendString(%q) = %s, encoding/json: %s", s, got, want)
		}
	}
}

// FuzzAppendString compares with encoding/json on any input.
func FuzzAppendString(f *testing.F) {
	f.Add("Beschluss B-2025/26-IT \u2028 \xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := AppendString(nil, s), marshal(t, s); !bytes.Equal(got, want) {
			t.Errorf("AppendString(%q) = %s, encoding/json: %s", s, got, want)
		}
	})
}
