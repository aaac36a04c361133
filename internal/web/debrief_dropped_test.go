package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDebriefPointsOutAConferenceNoLongerRelevant: a debrief saved with a
// decision for a conference kept it silently after the decision profile
// assessed the conference "nicht relevant": the page showed the row ticked
// like any other, and a resent invitation would again have asked the
// FMK's secretariat to hear a decision its reporting member had judged
// not to concern it. The page now says above the form which decision and
// conference the pack still presents though no longer relevant, and marks
// the row, and the secretariat's "Mein Bereich" names it beside the
// session's debrief; the pack itself is the secretariat's and stays as
// saved.
func TestDebriefPointsOutAConferenceNoLongerRelevant(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	fmk := mustBodyAbbrev(t, st, "FMK")
	page47 := ts.URL + "/sitzungen/47/nachbesprechung"
	save := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HE"}}
	if code, body := postDebrief(t, gs, page47, save); code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", code, body)
	}
	if _, page := do(t, gs, "GET", page47, nil); strings.Contains(page, `id="nb-nicht-relevant"`) {
		t.Error("a hint before anything was assessed not relevant")
	}
	dec := decisionID(t, st, 27)
	assess(t, ts, st, gs, 27, "FMK", "nein")
	_, page := do(t, gs, "GET", page47, nil)
	hint := between(page, `id="nb-nicht-relevant"`, "</div>")
	for _, want := range []string{fmk.Name + `: <a href="/beschluesse/B-2025/27-IT">B-2025/27-IT</a>`, fmt.Sprintf(`href="/steckbrief/%d"`, dec), "„Aufnehmen“ abwählen"} {
		if !strings.Contains(hint, want) {
			t.Errorf("the debrief page's hint lacks %q:\n%s", want, hint)
		}
	}
	row := between(page, "nicht mehr relevant)", "</tr>")
	if !strings.Contains(row, fmt.Sprintf(`name="aufnehmen-%d-%d" value="1" checked`, dec, fmk.ID)) {
		t.Errorf("the row no longer relevant is not marked, or not kept as saved:\n%s", row)
	}
	_, mine := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
	due := between(mine, `id="h-nachbesprechung"`, "</section>")
	if !strings.Contains(due, "in der Nachbesprechung, aber nicht mehr relevant: Beschluss B-2025/27-IT ("+fmk.Name+")") {
		t.Errorf("Mein Bereich does not point out the conference no longer relevant:\n%s", due)
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	if db, _ := st.DebriefOfSession(ctx, s47.ID); len(db.Entries) != 2 {
		t.Errorf("the pack changed silently: %+v", db.Entries)
	}
	// The FachMK secretariat reads its pack as saved, without the hint.
	if _, read := do(t, client(t, ts, "fmk"), "GET", page47, nil); strings.Contains(read, "nb-nicht-relevant") {
		t.Error("the FMK secretariat reads the secretariat's hint")
	}
}
