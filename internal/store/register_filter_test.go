package store

import (
	"net/url"
	"reflect"
	"testing"

	"gremium/internal/model"
)

// TestRegisterFilterOf: the register's address gives one store filter
// wherever it is read — the web page, its feed, the JSON API — and every
// field of the address reaches it, but the conference and the page, which
// the caller resolves (model.RegisterQuery.Unmatched, its page size).
// Before, the page and the API each copied the fields by hand, so a
// field added to the address could be taken by one and not the other.
func TestRegisterFilterOf(t *testing.T) {
	q, err := model.ParseRegisterQuery(url.Values{"jahr": {"2025"}, "thema": {"3"}, "fachmk": {"FMK"}, "be": {"HE"},
		"art": {"empfehlung"}, "umsetzung": {"in_umsetzung"}, "verfahren": {"gruene-liste"}, "q": {"Register"}, "seite": {"2"}})
	if err != nil {
		t.Fatal(err)
	}
	want := RegisterFilter{BodyID: 7, Year: 2025, SectionID: 3, Reporter: "HE", Kind: model.KindRecommendation,
		FollowUps: model.ImplementationProgress, Way: model.WayConsent}
	if got := RegisterFilterOf(7, q); got != want {
		t.Errorf("RegisterFilterOf = %+v, want %+v", got, want)
	}
	if got := RegisterFilterOf(7, model.RegisterQuery{Page: 1}); got != (RegisterFilter{BodyID: 7}) {
		t.Errorf("the address without a filter gives %+v", got)
	}
	// Every field of the address that the caller does not resolve changes
	// the filter: a field added to model.RegisterQuery fails here until
	// RegisterFilterOf takes it (or it is named as the caller's).
	// The text (q) is put in index form by package search
	// (search.RegisterFilter), which the store does not know.
	byCaller := map[string]bool{"Conference": true, "Page": true, "Text": true}
	v := reflect.ValueOf(q)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if byCaller[name] {
			continue
		}
		if v.Field(i).IsZero() {
			t.Errorf("the test's address leaves RegisterQuery.%s empty", name)
			continue
		}
		without := q
		reflect.ValueOf(&without).Elem().Field(i).SetZero()
		if RegisterFilterOf(7, without) == RegisterFilterOf(7, q) {
			t.Errorf("RegisterFilterOf does not take RegisterQuery.%s", name)
		}
	}
}
