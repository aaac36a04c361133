package oparl

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Removing members from stored JSON without decoding it: embedding an
// object in its parent (a meeting embeds all its items) and omit_internal
// drop one or two top-level members. Decoding the object into a map and
// encoding it again was most of the cost of building a meeting.

// dropMembers gives raw without its top-level members named in keys, or
// ok false if raw is not a compact JSON object as Marshal writes it (the
// caller then decodes it).
func dropMembers(raw []byte, keys []string) (out []byte, ok bool) {
	if len(raw) < 2 || raw[0] != '{' || raw[len(raw)-1] != '}' {
		return nil, false
	}
	out = make([]byte, 0, len(raw))
	out = append(out, '{')
	first := true
	i := 1
	for i < len(raw)-1 {
		if raw[i] != '"' {
			return nil, false
		}
		kEnd, ok := skipString(raw, i)
		if !ok || kEnd >= len(raw) || raw[kEnd] != ':' {
			return nil, false
		}
		vEnd, ok := skipValue(raw, kEnd+1)
		if !ok {
			return nil, false
		}
		key := raw[i+1 : kEnd-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			return nil, false // an escaped name: compared decoded
		}
		if !named(key, keys) {
			if !first {
				out = append(out, ',')
			}
			out = append(out, raw[i:vEnd]...)
			first = false
		}
		i = vEnd
		switch {
		case i < len(raw)-2 && raw[i] == ',':
			i++
		case i == len(raw)-1:
		default:
			return nil, false
		}
	}
	return append(out, '}'), true
}

func named(key []byte, keys []string) bool {
	for _, k := range keys {
		if string(key) == k {
			return true
		}
	}
	return false
}

// skipString gives the index after the string that starts at b[i] ('"').
func skipString(b []byte, i int) (int, bool) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, true
		}
	}
	return 0, false
}

// skipValue gives the index after the value that starts at b[i].
func skipValue(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, ok := skipString(b, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return 0, false
	}
	for j := i; j < len(b); j++ {
		switch b[j] {
		case ',', '}', ']':
			return j, j > i
		}
	}
	return 0, false
}

// dropMembersDecoded is dropMembers by decoding: for JSON not written by
// Marshal.
func dropMembersDecoded(raw []byte, keys []string) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("oparl: members: %w", err)
	}
	for _, k := range keys {
		delete(m, k)
	}
	return Marshal(m)
}
