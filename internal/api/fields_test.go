package api

import (
	"reflect"
	"testing"
)

// TestFormFields: the form's field names of a request map to the JSON
// Pointers of its members, an object not sent included, the rows of a
// list by their index.
func TestFormFields(t *testing.T) {
	reg := formFields(reflect.ValueOf(&RegistrationRequest{}))
	for form, want := range map[string]string{"titel": "/titel", "punkte": "/punkte", "antrag": "/antrag", "fachmk": "/fachmk",
		"fachmk_ids": "/fachmk/konferenzen", "fachmk_hinweis": "/fachmk/hinweis"} {
		if got := reg[form]; got != want {
			t.Errorf("registration %s: %q, want %q", form, got, want)
		}
	}
	in := struct {
		Version   int        `json:"version" form:"version"`
		Delegates []Delegate `json:"teilnehmende"`
		Skipped   string     `json:"-" form:"weg"`
	}{Delegates: make([]Delegate, 2)}
	del := formFields(reflect.ValueOf(&in))
	for form, want := range map[string]string{"version": "/version", "name_0": "/teilnehmende/0/name", "funktion_1": "/teilnehmende/1/funktion", "name_2": "", "weg": ""} {
		if got := del[form]; got != want {
			t.Errorf("delegation %s: %q, want %q", form, got, want)
		}
	}
	if got := formFields(reflect.ValueOf(&FollowUpReport{}))["erledigt_am"]; got != "/erledigtAm" {
		t.Errorf("follow-up report erledigt_am: %q", got)
	}
}
