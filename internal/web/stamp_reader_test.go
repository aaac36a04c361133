package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestShownStampRefusedAlike: the three forms that approve or send
// minutes as they showed them — the approval in the running session, a
// correction's approval, the start of a written procedure — read the
// stamp of the page shown (field "stand") each in its own way: a garbled
// stamp went to the store, which said that the minutes had changed
// meanwhile, and a missing one was said in three ways. Now one reader
// (shownStamp) refuses a missing or garbled stamp alike on all three: a
// conflict that says the form names no stamp of the minutes shown,
// nothing stored.
func TestShownStampRefusedAlike(t *testing.T) {
	said := func(notDone, again string) string {
		return "Das Formular nennt nicht den Stand des Protokolls der 47. Sitzung, den es zeigte; " + notDone + ". Die Seite zeigt jetzt den aktuellen Stand; bitte prüfen Sie ihn und " + again + "."
	}
	garbled := []string{"", "kaputt", strings.Repeat("g", 32), strings.Repeat("A", 32)}

	t.Run("approval", func(t *testing.T) {
		ts, st := cycleServer(t)
		ctx := context.Background()
		se := runSession48(t, ts, st)
		presentExcept(t, st, se.ID)
		gs := client(t, ts, "geschaeftsstelle")
		s47, _ := st.SessionByNumber(ctx, se.BodyID, 47)
		form := approvalForm(t, gs, ts.URL+"/sitzungen/48/verwaltung", 47)
		for _, stand := range garbled {
			form.Set("stand", stand)
			code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", form)
			if code != http.StatusConflict || !strings.Contains(page, said("das Protokoll ist nicht genehmigt", "genehmigen Sie erneut")) {
				t.Errorf("approval with the stamp %q: %d %s", stand, code, between(page, `id="h-genehmigung"`, "</section>"))
			}
		}
		if got, _ := st.Session(ctx, s47.ID); got.Status != model.StatusMinutesDraft {
			t.Errorf("the 47th's minutes are %q", got.Status)
		}
	})

	t.Run("correction", func(t *testing.T) {
		ts, st := cycleServer(t)
		ctx := context.Background()
		s47, c := approved47(t, ts, st)
		gs := client(t, ts, "geschaeftsstelle")
		id, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: c.ID, After: "Berichtigt.", Reason: "Wiedergabe ungenau"})
		if err != nil {
			t.Fatal(err)
		}
		versions, _ := st.MinutesVersions(ctx, s47.ID)
		form := correctionApprovalForm(t, gs, ts.URL+"/sitzungen/48/verwaltung", "", id)
		for _, stand := range garbled {
			form.Set("stand", stand)
			code, page := do(t, gs, "POST", fmt.Sprintf("%s/protokollberichtigungen/%d/genehmigen", ts.URL, id), form)
			box := between(page, fmt.Sprintf(`id="berichtigung-%d-fehler"`, id), "</div>")
			if code != http.StatusConflict || !strings.Contains(box, said("die Berichtigung ist nicht genehmigt", "genehmigen Sie erneut")) {
				t.Errorf("correction's approval with the stamp %q: %d %s", stand, code, between(page, `id="h-berichtigungen-gen"`, "</section>"))
			}
		}
		if got, _ := st.MinutesCorrection(ctx, id); got.Status != model.CorrectionProposed {
			t.Errorf("the correction is %q", got.Status)
		}
		if now, _ := st.MinutesVersions(ctx, s47.ID); len(now) != len(versions) {
			t.Errorf("a refusal kept a version: %d, before %d", len(now), len(versions))
		}
	})

	t.Run("procedure", func(t *testing.T) {
		ts, st := cycleServer(t)
		ctx := context.Background()
		gs := client(t, ts, "geschaeftsstelle")
		form := procedureStartForm(t, gs, ts.URL, "", "47")
		form.Set("antrag", "Bund")
		for _, stand := range garbled {
			form["stand"] = []string{"47:" + stand}
			code, page := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form)
			if box := between(page, `id="umlauf-fehler"`, "</div>"); code != http.StatusConflict || !strings.Contains(box, said("das Umlaufverfahren ist nicht eingeleitet", "leiten Sie das Verfahren erneut ein")) {
				t.Errorf("start with the stamp %q: %d %s", stand, code, box)
			}
		}
		if ps, _ := st.Procedures(ctx); len(ps) != 0 {
			t.Errorf("a refused start stored %d procedures", len(ps))
		}
	})
}

// TestShownStampReadsEachForm: the reader takes the stamp alone (a form
// about one minutes) and "n:stamp" among others (the procedure's form,
// one per draft it offers), and nothing for another session.
func TestShownStampReadsEachForm(t *testing.T) {
	stamp := strings.Repeat("0123456789abcdef", 2)
	other := strings.Repeat("fedcba9876543210", 2)
	for _, c := range []struct {
		stand []string
		want  string
	}{
		{[]string{stamp}, stamp},
		{[]string{" " + stamp + " "}, stamp},
		{[]string{"46:" + other, "47:" + stamp}, stamp},
		{[]string{"46:" + other}, ""},
		{[]string{"47:" + stamp[:31]}, ""},
		{nil, ""},
	} {
		got, err := shownStamp(url.Values{"stand": c.stand}, 47, "das Protokoll ist nicht genehmigt", "genehmigen Sie erneut")
		if string(got) != c.want || (err == nil) != (c.want != "") {
			t.Errorf("%q: %q, %v; want %q", c.stand, got, err, c.want)
		}
		if err != nil && (model.ClassOf(err) != model.ErrConflict || !strings.HasPrefix(model.ReasonOf(err), "Das Formular nennt nicht den Stand des Protokolls der 47. Sitzung, den es zeigte; das Protokoll ist nicht genehmigt.")) {
			t.Errorf("%q: refused with %v", c.stand, err)
		}
	}
}
