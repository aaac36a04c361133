package oparl

import (
	"net/url"
	"strconv"
	"strings"
)

// The canonical URLs of chapter 2.3: one spelling of every path and every
// query string. A path written otherwise (other case, more or fewer
// slashes, leading zeros) is redirected to its canonical spelling; a query
// is read in its canonical form.

// TimeParams are the filters of lists that take a date-time (chapter 2.5).
var TimeParams = []string{"created_since", "created_until", "modified_since", "modified_until"}

// Params are the query parameters the lists read: the filters, limit,
// omit_internal and the page key after. Every other parameter is ignored.
var Params = append([]string{"after", "limit", "omit_internal"}, TimeParams...)

// CanonicalQuery gives the canonical form of an OParl query string: the
// parameters of Params that have a value, each once (its first value),
// sorted by name and percent-encoded. A "+" in a date-time that was not
// percent-encoded (which a query string reads as a space) is read as "+",
// so `…T09:00:00+02:00` and `…T09:00:00%2B02:00` are the same query.
// Unknown parameters are left out.
func CanonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	q, _ := url.ParseQuery(raw) // what could be read; a bad pair is left out
	v := url.Values{}
	for _, p := range Params {
		val := q.Get(p)
		if val == "" {
			continue
		}
		for _, tp := range TimeParams {
			if p == tp {
				val = strings.ReplaceAll(val, " ", "+")
			}
		}
		v.Set(p, val)
	}
	return v.Encode() // sorted by key
}

// CanonicalPath gives the canonical spelling of a path under /oparl/v1 that
// names something the interface serves, written in another case, with
// more or fewer slashes or with leading zeros in the id
// (/oparl/v1//Paper/005/ → /oparl/v1/paper/5); ok is false for a path that
// names nothing (it is not found, in whatever spelling).
func CanonicalPath(p string) (canonical string, ok bool) {
	var segs []string
	for s := range strings.SplitSeq(p, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) < 2 || !strings.EqualFold(segs[0], "oparl") || !strings.EqualFold(segs[1], "v1") {
		return "", false
	}
	root := "/oparl/v1"
	segs = segs[2:]
	if len(segs) == 0 {
		return root, true
	}
	kind := strings.ToLower(segs[0])
	if _, known := Types[kind]; !known || kind == KindSystem {
		return "", false
	}
	if len(segs) == 1 {
		if kind != KindBody {
			return "", false
		}
		return root + "/" + kind, true
	}
	id, err := strconv.ParseInt(segs[1], 10, 64)
	if err != nil || id <= 0 || strings.TrimLeft(segs[1], "0123456789") != "" {
		return "", false
	}
	object := root + "/" + kind + "/" + strconv.FormatInt(id, 10)
	switch {
	case len(segs) == 2:
		return object, true
	case len(segs) == 3 && kind == KindBody:
		for name := range Lists {
			if strings.EqualFold(name, segs[2]) {
				return object + "/" + name, true
			}
		}
	case len(segs) == 3 && kind == KindOrganization && strings.EqualFold(segs[2], "meeting"):
		return object + "/meeting", true
	}
	return "", false
}
