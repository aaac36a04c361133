package input

import (
	"context"
	"slices"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestFollowUpReportGivesEveryReasonAtItsField: the reader shared by the
// report form and the JSON API gives every bad field's reason at the
// form's name of the field, not the first only; a report that is not
// "erledigt" reads the comment alone.
func TestFollowUpReportGivesEveryReasonAtItsField(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u := &model.User{Username: "geschaeftsstelle", Role: model.RoleSecretariat}
	form := map[string]string{"status": "erledigt", "erledigt_am": "31.02.2026", "nachweis": "Bericht [[offen",
		"nachweis_dokument": "zwölf", "nachweis_beschluss": "Beschluss dreißig", "kommentar": "Kommentar [[offen"}
	_, err = FollowUpReport(ctx, st, u, 1, 1, 1, 1, func(name string) string { return form[name] })
	got := map[string]bool{}
	for _, e := range model.ErrorsOf(err) {
		if model.ReasonOf(e) == "" {
			t.Errorf("a reason without text: %v", e)
		}
		got[model.FieldOf(e)] = true
	}
	for _, field := range []string{"kommentar", "erledigt_am", "nachweis", "nachweis_dokument", "nachweis_beschluss"} {
		if !got[field] {
			t.Errorf("no reason at %s: %v", field, err)
		}
	}
	// A refused field does not hide what an erledigt report needs: a bad
	// comment beside no date and no evidence gives all three (before, the
	// comment's alone, the others only once it was mended); a date that
	// is no date beside no evidence gives both.
	for _, tc := range []struct {
		form map[string]string
		want []string
	}{
		{map[string]string{"status": "erledigt", "kommentar": "Mein Kommentar [[offen"}, []string{"kommentar", "erledigt_am", "nachweis"}},
		{map[string]string{"status": "erledigt", "erledigt_am": "2026-02-30"}, []string{"erledigt_am", "nachweis"}},
	} {
		_, err := FollowUpReport(ctx, st, u, 1, 1, 1, 1, func(name string) string { return tc.form[name] })
		var fields []string
		for _, e := range model.ErrorsOf(err) {
			fields = append(fields, model.FieldOf(e))
		}
		if !slices.Equal(fields, tc.want) {
			t.Errorf("%v: reasons at %v, want %v (%v)", tc.form, fields, tc.want, err)
		}
	}
	form["status"] = "in_arbeit"
	form["kommentar"] = "Läuft."
	rep, err := FollowUpReport(ctx, st, u, 1, 1, 1, 1, func(name string) string { return form[name] })
	if err != nil || rep.Comment != "Läuft." || rep.Status != model.FollowUpInProgress {
		t.Errorf("in progress: %+v, %v", rep, err)
	}
}
