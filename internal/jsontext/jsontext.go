// Package jsontext writes JSON text without reflection, byte for byte as
// encoding/json does, for the hot paths that build JSON by hand (the OParl
// objects, the audit log's before/after records), and reads the simplest
// JSON the store keeps (lists of strings) without it.
package jsontext

import (
	"slices"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string exactly as encoding/json writes
// it with HTML escaping off: control characters escaped, invalid UTF-8 as
// U+FFFD, U+2028 and U+2029 escaped.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// Strings reads a JSON array of strings in the compact form encoding/json
// writes when no string needs an escape (`["a","b"]`, `[]`), giving what
// json.Unmarshal into a []string gives (an empty, non-nil list for `[]`).
// For any other text — escapes, spaces, null, invalid UTF-8 or control
// characters — ok is false and the caller decodes with encoding/json.
func Strings(s string) (out []string, ok bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	body := s[1 : len(s)-1]
	if body == "" {
		return []string{}, true
	}
	n := 1
	for i := 0; i < len(body); i++ {
		if body[i] == ',' {
			n++
		}
	}
	out = make([]string, 0, n)
	for {
		if len(body) < 2 || body[0] != '"' {
			return nil, false
		}
		end := 1
		for end < len(body) && body[end] != '"' {
			if c := body[end]; c == '\\' || c < 0x20 {
				return nil, false
			}
			end++
		}
		if end == len(body) {
			return nil, false
		}
		str := body[1:end]
		if !utf8.ValidString(str) {
			return nil, false
		}
		out = append(out, str)
		body = body[end+1:]
		if body == "" {
			return out, true
		}
		if body[0] != ',' {
			return nil, false
		}
		body = body[1:]
	}
}

// AppendObject appends m as a JSON object with its keys sorted, as
// encoding/json writes a map; value appends each value (and may fail).
func AppendObject[M ~map[string]V, V any](dst []byte, m M, value func(dst []byte, v V) ([]byte, error)) ([]byte, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = AppendString(dst, k)
		dst = append(dst, ':')
		var err error
		if dst, err = value(dst, m[k]); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}
