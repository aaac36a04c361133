package api

// The body of a write request is one JSON object with the operation's
// members, read strictly: data after the object, a member given twice, a
// member the operation does not know (a misspelt one would drop its data
// silently), a member of the wrong type and a required member left out
// are each refused at the member (its JSON Pointer, rows of a list by
// their index: /teilnehmende/1/online), every one at once.

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gremium/internal/model"
)

// maxBodyBytes bounds the JSON body of a request to the API.
const maxBodyBytes = 64 << 10

// decodeBody reads the JSON body of a request into v, a pointer to the
// operation's request struct; a body over maxBodyBytes is refused with 413
// (as the web's forms are), anything else that is not one JSON object of
// the operation's members with 400, naming each member at fault. The
// struct tag `required:"reason"` makes a member required (null counts as
// left out). When members are at fault, v is still read as far as it
// goes and checks (the operation's own rules that need no store) run on
// it, so that the answer gives their reasons too, each at its member.
func decodeBody(w http.ResponseWriter, r *http.Request, v any, checks ...func() error) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("Die Anfrage ist zu groß (höchstens %d KB) und wurde nicht verarbeitet.", maxBodyBytes>>10))
			return false
		}
		apiError(w, http.StatusBadRequest, "Der Inhalt der Anfrage ließ sich nicht lesen.")
		return false
	}
	doc, msg := parseBody(data)
	if msg != "" {
		apiError(w, http.StatusBadRequest, msg)
		return false
	}
	if _, ok := doc.(object); !ok {
		apiError(w, http.StatusBadRequest, "Der Inhalt der Anfrage ist kein gültiges JSON-Objekt dieser Operation.")
		return false
	}
	var problems []Problem
	checkMember(doc, reflect.TypeOf(v), "", func(p Problem) { problems = append(problems, p) })
	if len(problems) == 0 {
		if err := json.Unmarshal(data, v); err != nil {
			apiError(w, http.StatusBadRequest, "Der Inhalt der Anfrage ist kein gültiges JSON-Objekt dieser Operation.")
			return false
		}
		softHyphensOut(v)
		recordFields(r, v)
		return true
	}
	// Read what can be read (json.Unmarshal skips a member of the wrong
	// type and goes on) for the operation's own checks.
	_ = json.Unmarshal(data, v)
	softHyphensOut(v)
	recordFields(r, v)
	for _, check := range checks {
		for _, e := range model.ErrorsOf(check()) {
			if reason := model.ReasonOf(e); reason != "" {
				problems = append(problems, Problem{Field: fieldOf(r, model.FieldOf(e)), Reason: reason})
			}
		}
	}
	slices.SortStableFunc(problems, func(a, b Problem) int { return strings.Compare(a.Field, b.Field) })
	writeRefusal(w, http.StatusBadRequest, problems)
	return false
}

// softHyphensOut takes the soft hyphens (U+00AD) out of every string the
// request struct v points to holds (its fields, lists, maps and values of
// interface type, however deep), whether the body sent the character or
// the escape \u00ad. The pages put them into long words for narrow
// screens; a title copied from a page and sent to the API was stored with
// them, and given back by the API, OParl, the feeds, the calendar, the
// exports and the search. The web's forms take them out alike
// (web.softHyphensOut). The API takes no password.
func softHyphensOut(v any) {
	stripSoftHyphens(reflect.ValueOf(v))
}

// stripSoftHyphens is softHyphensOut for the value v: its strings are
// replaced where they can be set (unexported fields stay as they are).
func stripSoftHyphens(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			stripSoftHyphens(v.Elem())
		}
	case reflect.Interface:
		if v.IsNil() || !v.CanSet() {
			return
		}
		// The value an interface holds cannot be set in place: a copy is
		// stripped and put back.
		e := reflect.New(v.Elem().Type()).Elem()
		e.Set(v.Elem())
		stripSoftHyphens(e)
		v.Set(e)
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				stripSoftHyphens(f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			stripSoftHyphens(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			stripSoftHyphens(e)
			v.SetMapIndex(k, e)
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(model.WithoutSoftHyphens(v.String()))
		}
	}
}

// object is a JSON object as sent: its members in order, duplicates kept.
type object []objectMember

type objectMember struct {
	name  string
	value any
}

// parseBody reads data as one JSON value (objects as object, numbers as
// json.Number); msg says in German why it is none, or why more follows.
func parseBody(data []byte) (v any, msg string) {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	v, err := parseValue(dec)
	if err != nil {
		return nil, "Der Inhalt der Anfrage ist kein gültiges JSON-Objekt dieser Operation."
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, "Nach dem JSON-Objekt folgen weitere Daten; eine Anfrage ist genau ein JSON-Objekt."
	}
	return v, ""
}

func parseValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		obj := object{}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			name, _ := key.(string)
			val, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			obj = append(obj, objectMember{name, val})
		}
		_, err := dec.Token() // }
		return obj, err
	case json.Delim('['):
		list := []any{}
		for dec.More() {
			val, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, val)
		}
		_, err := dec.Token() // ]
		return list, err
	}
	return tok, nil
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// checkMember checks the JSON value v sent for a member of Go type t at
// the JSON Pointer at, and adds a problem for each fault. null is taken
// for any type (json.Unmarshal leaves the member as it is).
func checkMember(v any, t reflect.Type, at string, add func(Problem)) {
	if v == nil {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return // the type reads itself; json.Unmarshal says if it cannot
	}
	wrongType := func() {
		add(Problem{Field: at, Reason: fmt.Sprintf("„%s“ hat nicht den erwarteten Typ (erwartet: %s).", memberName(at), jsonKind(t))})
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(object)
		if !ok {
			wrongType()
			return
		}
		fields := jsonFields(t)
		seen := map[string]bool{}
		for _, m := range obj {
			here := at + "/" + escapePointer(m.name)
			if seen[m.name] {
				add(Problem{Field: here, Reason: fmt.Sprintf("„%s“ steht mehrmals in der Anfrage; bitte jedes Feld nur einmal angeben.", memberName(here))})
				continue
			}
			seen[m.name] = true
			i := slices.IndexFunc(fields, func(f jsonField) bool { return f.name == m.name })
			if i < 0 {
				names := make([]string, len(fields))
				for j, f := range fields {
					names[j] = f.name
				}
				add(Problem{Field: here, Reason: fmt.Sprintf("„%s“ ist kein Feld dieser Anfrage (erwartet: %s).", memberName(here), strings.Join(names, ", "))})
				continue
			}
			checkMember(m.value, fields[i].typ, here, add)
		}
		for _, f := range fields {
			if f.required != "" && !slices.ContainsFunc(obj, func(m objectMember) bool { return m.name == f.name && m.value != nil }) {
				add(Problem{Field: at + "/" + f.name, Reason: f.required})
			}
		}
	case reflect.Slice, reflect.Array:
		list, ok := v.([]any)
		if !ok {
			wrongType()
			return
		}
		for i, el := range list {
			checkMember(el, t.Elem(), at+"/"+strconv.Itoa(i), add)
		}
	case reflect.Map:
		obj, ok := v.(object)
		if !ok {
			wrongType()
			return
		}
		for _, m := range obj {
			checkMember(m.value, t.Elem(), at+"/"+escapePointer(m.name), add)
		}
	case reflect.String:
		str, ok := v.(string)
		switch {
		case !ok:
			wrongType()
		case model.UnfitCharacters(str):
			// A NUL or an escape sequence was stored and served back
			// (the web forms refuse them alike).
			add(Problem{Field: at, Reason: fmt.Sprintf("„%s“ enthält ein Steuerzeichen (etwa \\u0000); bitte entfernen.", memberName(at))})
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			wrongType()
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if i, err := n.Int64(); !ok || err != nil || reflect.New(t).Elem().OverflowInt(i) {
			wrongType()
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(json.Number)
		if u, err := strconv.ParseUint(string(n), 10, 64); !ok || err != nil || reflect.New(t).Elem().OverflowUint(u) {
			wrongType()
		}
	case reflect.Float32, reflect.Float64:
		if _, ok := v.(json.Number); !ok {
			wrongType()
		}
	default:
		// interface{} and the like take any value
	}
}

// jsonField is a member of a request struct.
type jsonField struct {
	name     string
	typ      reflect.Type
	required string // the German reason when it is left out; "" if optional
}

// jsonFields gives the members of struct type t by their JSON names, those
// of an embedded struct without a name of its own included.
func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			out = append(out, jsonFields(f.Type)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonField{name: name, typ: f.Type, required: f.Tag.Get("required")})
	}
	return out
}

// escapePointer escapes a member name for a JSON Pointer (RFC 6901).
func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// memberName names the member at a JSON Pointer in a reason: its path
// without the leading slash ("teilnehmende/1/online").
func memberName(at string) string { return strings.TrimPrefix(at, "/") }

// jsonKind names the JSON type a Go type is read from, in German.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "Text"
	case reflect.Bool:
		return "true oder false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "ganze Zahl"
	case reflect.Float32, reflect.Float64:
		return "Zahl"
	case reflect.Slice, reflect.Array:
		return "Liste"
	}
	return "Objekt"
}
