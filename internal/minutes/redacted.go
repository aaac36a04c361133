package minutes

import (
	"reflect"
	"strings"
	"time"

	"gremium/internal/model"
)

// RedactsSomething reports whether what a page or a PDF shows its reader
// (values: the minutes document as the reader sees it, and whatever else
// the page shows, such as the live box) holds something blacked out: a
// confidential row (shown as "[geschwärzt]") or a text with
// model.RedactedPlaceholder in place of a marked passage (a title, a
// point, a result "bei Enthaltung von [geschwärzt]"). It reads every text
// of the values, so that no part (agenda, rows, follow-ups, reports,
// attendance, corrections) is forgotten. The note that explains
// "[geschwärzt]" stands only where this is true: the public page of a
// session without published agenda explained the redactions above
// nothing.
func RedactsSomething(values ...any) bool {
	seen := map[uintptr]bool{}
	for _, v := range values {
		if redactsSomething(reflect.ValueOf(v), seen) {
			return true
		}
	}
	return false
}

// redactsSomething is RedactsSomething of one value; seen keeps it from
// following a pointer twice.
func redactsSomething(v reflect.Value, seen map[uintptr]bool) bool {
	switch v.Kind() {
	case reflect.String:
		return strings.Contains(v.String(), model.RedactedPlaceholder)
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return false
		}
		seen[v.Pointer()] = true
		return redactsSomething(v.Elem(), seen)
	case reflect.Interface:
		return !v.IsNil() && redactsSomething(v.Elem(), seen)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if redactsSomething(v.Index(i), seen) {
				return true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if redactsSomething(it.Value(), seen) {
				return true
			}
		}
	case reflect.Struct:
		switch v.Type() {
		case reflect.TypeFor[time.Time]():
			return false
		case reflect.TypeFor[Row]():
			if v.FieldByName("Confidential").Bool() {
				return true
			}
		}
		for i := range v.NumField() {
			if redactsSomething(v.Field(i), seen) {
				return true
			}
		}
	}
	return false
}
