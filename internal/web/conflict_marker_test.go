package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestSummarySaysWhatTheFormShows: the box above a refused form (template
// "error-summary") left out "Das Formular zeigt Ihre Eingabe." for every
// conflict, as if each conflict's reason said it — but a conflict with a
// reason of its own (the minutes changed since the page was shown, a vote
// running) does not, and the box said nothing of the input the form
// shows. Now the box leaves it out only for a reason that says it itself
// (model.InputShownConflict: errChangedMeanwhile); every box says it once.
func TestSummarySaysWhatTheFormShows(t *testing.T) {
	page, err := parsePage(templateFS, "templates/error.html")
	if err != nil {
		t.Fatal(err)
	}
	_, stamp := shownStamp(url.Values{}, 47, "das Umlaufverfahren ist nicht eingeleitet", "leiten Sie das Verfahren erneut ein")
	title := model.AtField("titel", model.InputError("Bitte einen Titel angeben."))
	for _, c := range []struct {
		name   string
		p      problems
		typed  bool // the box says it, not a reason
		reason string
	}{
		{"stamp missing", problems{model.AtField("protokoll", stamp)}, true, "nennt nicht den Stand"},
		{"minutes changed", problems{model.ConflictError("Das Protokoll der 47. Sitzung wurde inzwischen geändert, seit es zur Genehmigung gelesen wurde.")}, true, "inzwischen geändert"},
		{"vote running", problems{store.ErrVoteRunning}, true, "läuft bereits eine Abstimmung"},
		{"stamp and input", problems{model.AtField("protokoll", stamp), title}, true, "Bitte einen Titel angeben."},
		{"input", problems{title}, true, "Bitte einen Titel angeben."},
		{"stale form", problems{errChangedMeanwhile}, false, "Hier wurde inzwischen gespeichert"},
		{"stale form at a field", problems{model.AtField("text", errChangedMeanwhile), title}, false, "Hier wurde inzwischen gespeichert"},
	} {
		s := newErrorSummary("x-fehler", "Nicht gespeichert", c.p)
		var b strings.Builder
		if err := page.ExecuteTemplate(&b, "error-summary", s); err != nil {
			t.Fatal(err)
		}
		box := b.String()
		if s.Typed != c.typed || strings.Count(box, "Ihre Eingabe") != 1 || strings.Contains(box, "Das Formular zeigt Ihre Eingabe.</p>") != c.typed || !strings.Contains(box, c.reason) {
			t.Errorf("%s: Typed %v, the box says „Ihre Eingabe“ %d times: %s", c.name, s.Typed, strings.Count(box, "Ihre Eingabe"), box)
		}
	}
	// The mark stays with the reason wherever it is placed or wrapped.
	for _, err := range []error{model.AtField("text", errChangedMeanwhile), model.AtField("text", model.InputShownConflict("Das Formular zeigt Ihre Eingabe."))} {
		if !model.SaysInputShown(err) || !model.SaysInputShown(fmt.Errorf("store: save: %w", err)) || model.ClassOf(err) != model.ErrConflict {
			t.Errorf("%v lost its mark", err)
		}
	}
	if model.SaysInputShown(store.ErrVoteRunning) || model.SaysInputShown(stamp) || model.SaysInputShown(nil) {
		t.Error("a reason of its own is marked as saying the input")
	}
}

// TestProcedureStampConflictInSharedBox: the form "Umlaufverfahren
// einleiten" kept a box of its own, because the shared one said nothing of
// the input after a conflict of its minutes' stamp. It now uses the shared
// box (id "umlauf-fehler", focused, every reason linked to its field),
// which says once that the form shows the input.
func TestProcedureStampConflictInSharedBox(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	form := procedureStartForm(t, gs, ts.URL, "", "47")
	form.Set("antrag", "Bund")
	form.Set("titel", "Bestätigung – wie getippt")
	form.Del("stand")
	code, page := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form)
	if code != http.StatusConflict {
		t.Fatalf("%d", code)
	}
	sharedSummary(t, code, page, "umlauf-fehler")
	box := between(page, `id="umlauf-fehler"`, "</div>")
	if !strings.Contains(box, `<a href="#protokoll">Das Formular nennt nicht den Stand des Protokolls der 47. Sitzung, den es zeigte; das Umlaufverfahren ist nicht eingeleitet.`) || !strings.Contains(box, "<p>Das Formular zeigt Ihre Eingabe.</p>") ||
		!strings.Contains(page, `value="Bestätigung – wie getippt"`) {
		t.Errorf("the box: %s", box)
	}
	if ps, _ := st.Procedures(context.Background()); len(ps) != 0 {
		t.Errorf("the refused start stored %d procedures", len(ps))
	}
}
