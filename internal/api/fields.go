package api

// The fields of a refusal. Model and store name the input a reason is
// about as the web form calls it (model.AtField: "titel", "name_0",
// "fachmk_ids"); a client of the API sends JSON and must find the member
// of its request. The request structs say which form field each JSON
// member is (the struct tag `form`); decodeBody records the map for the
// request it decodes, and the one responder (fail, and the registration's
// list of problems) names the member by its JSON Pointer (RFC 6901):
// "/titel", "/teilnehmende/0/name", "/fachmk/konferenzen".

import (
	"context"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// Problem is one reason a request is refused, with the member of the
// request it concerns as a JSON Pointer ("" for the request as a whole),
// or, for the query of a list, the parameter it concerns ("seite").
type Problem struct {
	Field  string `json:"feld,omitempty"`
	Param  string `json:"parameter,omitempty"`
	Reason string `json:"grund"`
}

// requestFields maps the form field names of a request's members to their
// JSON Pointers.
type requestFields map[string]string

type fieldsKey struct{}

// withFields gives an API handler a place for the field map of the
// request it decodes (decodeBody), which its answer reads (fieldOf).
func withFields(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h(w, r.WithContext(context.WithValue(r.Context(), fieldsKey{}, &requestFields{})))
	}
}

// recordFields keeps the field map of the request body v for the answer.
func recordFields(r *http.Request, v any) {
	if kept, ok := r.Context().Value(fieldsKey{}).(*requestFields); ok {
		*kept = formFields(reflect.ValueOf(v))
	}
}

// fieldOf gives the JSON Pointer of the member a form field name stands
// for in the request of r; "" if the request has none (the reason then
// concerns the request as a whole).
func fieldOf(r *http.Request, form string) string {
	if kept, ok := r.Context().Value(fieldsKey{}).(*requestFields); ok && form != "" {
		return (*kept)[form]
	}
	return ""
}

// formFields gives the field map of a decoded request body: each member
// tagged `form:"name"` is that form field; the members of the i-th element
// of a list of objects are the form's fields with "_i" appended (the
// rows of a form: name_0, funktion_0).
func formFields(v reflect.Value) requestFields {
	out := requestFields{}
	addFormFields(out, v, "", "")
	return out
}

func addFormFields(out requestFields, v reflect.Value, pointer, suffix string) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			// An object not sent still has its members' names.
			v = reflect.New(v.Type().Elem())
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			// An embedded request's members are the request's own
			// (RegistrationChange), as encoding/json reads them.
			addFormFields(out, v.Field(i), pointer, suffix)
			continue
		}
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		at := pointer + "/" + name
		if form := f.Tag.Get("form"); form != "" {
			out[form+suffix] = at
		}
		fv := v.Field(i)
		if fv.Kind() == reflect.Slice {
			for j := range fv.Len() {
				addFormFields(out, fv.Index(j), at+"/"+strconv.Itoa(j), suffix+"_"+strconv.Itoa(j))
			}
			continue
		}
		addFormFields(out, fv, at, suffix)
	}
}
