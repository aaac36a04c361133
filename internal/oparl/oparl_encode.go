package oparl

import (
	"encoding/json"
	"slices"
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

// Timed is an object as Marshal writes it, with the place of each of its
// keys kept: a build writes an object's content for its hash and then
// the object with its times ("created", "modified"), and WithTimes
// writes the second from the bytes of the first instead of encoding
// every value again.
type Timed struct {
	content []byte
	keys    []string // sorted, as written
	starts  []int    // where each key's member begins in content
}

// MarshalTimed writes o as Marshal does, keeping the places of its keys.
func MarshalTimed(o Object) (Timed, error) {
	t := Timed{keys: make([]string, 0, len(o))}
	for k := range o {
		t.keys = append(t.keys, k)
	}
	slices.Sort(t.keys)
	t.starts = make([]int, len(t.keys))
	dst := append(make([]byte, 0, 512), '{')
	for i, k := range t.keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		t.starts[i] = len(dst)
		dst = jsontext.AppendString(dst, k)
		dst = append(dst, ':')
		var err error
		if dst, err = appendValue(dst, o[k]); err != nil {
			return Timed{}, err
		}
	}
	t.content = append(dst, '}')
	return t, nil
}

// Content gives the object's JSON: Marshal(o).
func (t Timed) Content() []byte { return t.content }

// WithTimes gives the JSON of the object with "created" and "modified"
// set to these strings (replacing keys of those names): the bytes
// Marshal writes for it.
func (t Timed) WithTimes(created, modified string) []byte {
	times := [2][2]string{{"created", created}, {"modified", modified}}
	out := make([]byte, 0, len(t.content)+len(created)+len(modified)+32)
	out = append(out, '{')
	i, j := 0, 0
	for i < len(t.keys) || j < len(times) {
		if len(out) > 1 {
			out = append(out, ',')
		}
		if j < len(times) && (i == len(t.keys) || times[j][0] <= t.keys[i]) {
			if i < len(t.keys) && times[j][0] == t.keys[i] {
				i++ // replaced
			}
			out = jsontext.AppendString(out, times[j][0])
			out = append(out, ':')
			out = jsontext.AppendString(out, times[j][1])
			j++
			continue
		}
		end := len(t.content) - 1 // before '}'
		if i+1 < len(t.keys) {
			end = t.starts[i+1] - 1 // before ','
		}
		out = append(out, t.content[t.starts[i]:end]...)
		i++
	}
	return append(out, '}')
}
