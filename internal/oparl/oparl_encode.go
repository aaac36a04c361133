package oparl

import (
	"encoding/json"
	"strconv"

	"gremium/internal/jsontext"
)

// Objects are written without reflection: building the OParl objects of
// a corpus writes each object twice (its content for the hash, then with
// its times), and encoding/json's reflection over the map was a sixth of
// the build. The bytes are those encoding/json writes with HTML escaping
// off (TestEncodeAsEncodingJSON, FuzzEncode): keys sorted, strings escaped
// the same way.

// appendObject appends o as JSON.
func appendObject(dst []byte, o Object) ([]byte, error) {
	return jsontext.AppendObject(dst, o, appendValue)
}

func appendValue(dst []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case string:
		return jsontext.AppendString(dst, v), nil
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
			dst = jsontext.AppendString(dst, s)
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
