package jsontext

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
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

// checkStrings compares Strings with json.Unmarshal into a []string: where
// Strings reads the text, it must give what encoding/json gives.
func checkStrings(t *testing.T, s string) bool {
	t.Helper()
	got, ok := Strings(s)
	if !ok {
		return false
	}
	var want []string
	if err := json.Unmarshal([]byte(s), &want); err != nil {
		t.Errorf("Strings(%q) read what encoding/json refuses: %v", s, err)
		return true
	}
	if !reflect.DeepEqual(got, want) || (got == nil) != (want == nil) {
		t.Errorf("Strings(%q) = %#v, encoding/json: %#v", s, got, want)
	}
	return true
}

// TestStringsAsEncodingJSON: the lists the store writes are read as
// encoding/json reads them; what needs more than the simple form is left
// to encoding/json.
func TestStringsAsEncodingJSON(t *testing.T) {
	for _, s := range []string{`[]`, `[""]`, `["a"]`, `["berichtet","ergänzt",""]`, `["<b>&</b>","😀"]`} {
		if !checkStrings(t, s) {
			t.Errorf("Strings(%q) left to encoding/json", s)
		}
	}
	for _, s := range []string{``, `null`, `[`, `]`, `[,]`, `["a",]`, `["a" ,"b"]`, `[ "a"]`, `["a\"b"]`, `["a\u00e4"]`,
		`["a"`, `["a""b"]`, `[1]`, `["a\nb"]`, "[\"a\tb\"]", "[\"\xff\"]", `["a"]]`, `{"a":1}`} {
		if checkStrings(t, s) {
			t.Errorf("Strings(%q) read text it should leave to encoding/json", s)
		}
	}
	// Lists written by encoding/json (as the store writes them) round-trip.
	for _, l := range [][]string{{}, {"x"}, {"a", "b", "c"}, {"Größe", "a/b"}} {
		b, _ := json.Marshal(l)
		if !checkStrings(t, string(b)) {
			t.Errorf("Strings(%s) left to encoding/json", b)
		}
	}
}

// FuzzStrings compares Strings with encoding/json on any input.
func FuzzStrings(f *testing.F) {
	f.Add(`["berichtet","ergänzt"]`)
	f.Add(`["a\"b"]`)
	f.Fuzz(func(t *testing.T, s string) {
		checkStrings(t, s)
	})
}

// TestAppendObjectAsEncodingJSON: keys sorted and escaped as encoding/json
// writes a map; an error of a value ends the object.
func TestAppendObjectAsEncodingJSON(t *testing.T) {
	m := map[string]string{"z": "letzter", "a": "<erster>", "ä": "Umlaut", "": "leer", "m\"x": "\u2028"}
	got, err := AppendObject(nil, m, func(dst []byte, v string) ([]byte, error) { return AppendString(dst, v), nil })
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	if want := bytes.TrimSuffix(buf.Bytes(), []byte("\n")); !bytes.Equal(got, want) {
		t.Errorf("AppendObject = %s, encoding/json: %s", got, want)
	}
	boom := errors.New("boom")
	if _, err := AppendObject(nil, m, func(dst []byte, v string) ([]byte, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("error of a value: %v", err)
	}
}
