package input

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

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

// TestFollowUpReportRefusesAFutureDoneDate: a follow-up is reported
// erledigt on a day that has come; a date after today (the store's clock,
// German time) is refused at erledigt_am, today is taken.
func TestFollowUpReportRefusesAFutureDoneDate(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// 23:30 UTC on 1 December is already 2 December in Berlin.
	st.SetClock(func() time.Time { return time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC) })
	u := &model.User{Username: "geschaeftsstelle", Role: model.RoleSecretariat}
	for date, want := range map[string]bool{"03.12.2026": true, "2027-01-01": true, "02.12.2026": false, "01.12.2026": false} {
		form := map[string]string{"status": "erledigt", "erledigt_am": date, "nachweis": "Bericht liegt vor."}
		_, err := FollowUpReport(ctx, st, u, 1, 1, 1, 1, func(name string) string { return form[name] })
		refused := false
		for _, e := range model.ErrorsOf(err) {
			if model.FieldOf(e) == "erledigt_am" && strings.Contains(model.ReasonOf(e), "Zukunft") {
				refused = true
			}
		}
		if refused != want {
			t.Errorf("erledigt am %s: refused %v, want %v (%v)", date, refused, want, err)
		}
	}
}

// TestFollowUpReportDroppedNeedsAReason: "entfallen" needs a reason
// (Begründung) as "erledigt" needs evidence; without one the report is
// refused at begruendung (before, a member could drop a council's
// follow-up with nothing). The reason is read into the follow-up's
// evidence text, with confidential marks.
func TestFollowUpReportDroppedNeedsAReason(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u := &model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}
	for _, reason := range []string{"", "   "} {
		form := map[string]string{"status": "entfallen", "begruendung": reason}
		_, err := FollowUpReport(ctx, st, u, 1, 1, 1, 1, func(name string) string { return form[name] })
		errs := model.ErrorsOf(err)
		if len(errs) != 1 || model.FieldOf(errs[0]) != "begruendung" || !strings.Contains(model.ReasonOf(errs[0]), "Begründung") {
			t.Errorf("entfallen with reason %q: %v", reason, err)
		}
	}
	form := map[string]string{"status": "entfallen", "begruendung": "Durch Beschluss [[der AL-Runde]] überholt."}
	rep, err := FollowUpReport(ctx, st, u, 1, 1, 1, 1, func(name string) string { return form[name] })
	if err != nil || rep.Status != model.FollowUpDropped || rep.EvidenceText != "Durch Beschluss "+model.Redact("der AL-Runde")+" überholt." {
		t.Errorf("entfallen with a reason: %+v, %v", rep, err)
	}
}
