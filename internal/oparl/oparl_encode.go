package oparl

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Objects are written without reflection: building the OParl objects of
// a corpus writes each object twice (its content for the hash, then with
// its times), and encoding/json's reflection over the map was a sixth of
// the build. The bytes are those encoding/json writes with HTML escaping
// off (TestEncodeAsEncodingJSON, FuzzEncode): keys sorted, strings escaped
// the same way.

// appendObject appends o as JSON.
func appendObject(dst []byte, o Object) ([]byte, error) {
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, k)
		dst = append(dst, ':')
		var err error
		if dst, err = appendValue(dst, o[k]); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

func appendValue(dst []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case string:
		return appendString(dst, v), nil
	case bool:
		return strconv.AppendBool(dst, v), nil
	case int:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(dst, v, 10), nil
	case []string:
		if v == nil {
			return append(dst, "null"...), nil
		}
		dst = append(dst, '[')
		for i, s := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, s)
		}
		return append(dst, ']'), nil
	case json.RawMessage:
		return appendRaw(dst, v)
	case []json.RawMessage:
		if v == nil {
			return append(dst, "null"...), nil
		}
		dst = append(dst, '[')
		for i, r := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendRaw(dst, r); err != nil {
				return nil, err
			}
		}
		return append(dst, ']'), nil
	case Object:
		return appendObject(dst, v)
	}
	b, err := Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}

// appendRaw appends embedded JSON, compacted as encoding/json does (the
// stored JSON is compact already: then it is copied).
func appendRaw(dst []byte, r json.RawMessage) ([]byte, error) {
	if r == nil {
		return append(dst, "null"...), nil
	}
	if compact(r) {
		return append(dst, r...), nil
	}
	b, err := Marshal(r)
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}

// compact says whether b has no whitespace outside strings. Embedded
// JSON is what Marshal wrote before (valid; encoding/json checked it
// again on every embedding).
func compact(b []byte) bool {
	in := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case !in && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			return false
		}
	}
	return !in
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string as encoding/json writes it with
// HTML escaping off.
func appendString(dst []byte, s string) []byte {
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
