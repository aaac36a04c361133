package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestLivePageRecordsHowTheMinutesWereApproved: at TOP 00 of the live
// page the secretariat records with the approval of the 47th session's
// minutes how they were approved — members abstaining and against, "mit
// Änderungen" and which — and the 48th session's minutes say it under
// TOP 00 in the published minutes' words ("Einstimmige Bestätigung des
// Protokolls der 47. Sitzung, bei Enthaltung von HE …"): the page, the
// text export and the JSON API, the public version with the member
// blacked out. A member named who does not vote (the DLT) is refused at
// its field, as typed, and nothing is approved. Before, the form asked
// nothing and the minutes did not say how the minutes were approved.
func TestLivePageRecordsHowTheMinutesWereApproved(t *testing.T) {
	ts, st, se, gs := approvalScene(t)
	ctx := context.Background()
	top := approvingItem(t, st, se.ID, 47)
	at := fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, top.ID)
	_, page := do(t, gs, "GET", at, nil)
	block := between(page, `id="genehmigen-47"`, "</form>")
	for _, field := range []string{`name="ergebnis" value="1"`, `name="enthaltung"`, `name="gegen"`, `name="geaendert" value="1"`, `name="aenderungen"`} {
		if !strings.Contains(block, field) {
			t.Fatalf("the approval at TOP 00 lacks %s: %s", field, block)
		}
	}
	form := approvalFormOf(t, page, 47)
	form.Set("zurueck", "live")
	form.Set("top", fmt.Sprint(top.ID))
	form, _ = refuseAdvisoryAgainst(t, ts, st, se, gs, form, "Protokollnotiz Hamburg zu TOP 08 ergänzt")

	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", form); code != http.StatusSeeOther {
		t.Fatalf("approved from the live page: %d", code)
	}
	if s47, _ := st.SessionByNumber(ctx, se.BodyID, 47); s47.Status != model.StatusMinutesApproved {
		t.Fatalf("the 47th minutes are %q", s47.Status)
	}
	const lead = "Einstimmige Bestätigung des Protokolls der 47. Sitzung, bei Enthaltung "
	const tail = " mit Änderungen: Protokollnotiz Hamburg zu TOP 08 ergänzt."
	for _, path := range []string{"/sitzungen/48/protokoll", "/sitzungen/48/protokoll.txt"} {
		code, body := do(t, gs, "GET", ts.URL+path, nil)
		if code != http.StatusOK || !strings.Contains(body, lead) || !strings.Contains(body, "von HE") || !strings.Contains(body, "Protokollnotiz Hamburg zu TOP 08 ergänzt") {
			t.Errorf("the internal minutes %s do not say how the 47th minutes were approved (%d):\n%.600s", path, code, body)
		}
	}
	if _, body := do(t, gs, "GET", ts.URL+"/sitzungen/48/live?top="+fmt.Sprint(top.ID), nil); !strings.Contains(body, lead) {
		t.Errorf("the live page's rows of TOP 00 lack the result")
	}
	// The public, once the minutes are a draft: the member blacked out.
	running, _ := st.Session(ctx, se.ID)
	sent := endForm(running)
	sent.Set("offene_vorschlaege", "ja")
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", sent); code != http.StatusSeeOther {
		t.Fatalf("ending the session: %d", code)
	}
	cur, _ := st.Session(ctx, se.ID)
	if err := st.SetSessionStatus(ctx, se.ID, cur.Version, model.StatusMinutesDraft); err != nil {
		t.Fatal(err)
	}
	if _, body := do(t, gs, "GET", ts.URL+"/api/v1/sitzungen/48", nil); !strings.Contains(body, lead+model.RedactedPlaceholder+tail) || strings.Contains(body, "von HE") {
		t.Errorf("the JSON API's (public) minutes of the 48th session do not say how the 47th minutes were approved:\n%.2000s", body)
	}
	_, body := do(t, client(t, ts, ""), "GET", ts.URL+"/sitzungen/48/protokoll", nil)
	if strings.Contains(body, "von HE") || !strings.Contains(body, lead+model.RedactedPlaceholder+tail) {
		t.Errorf("the public minutes: %q", between(body, "Bestätigung des Protokolls der 47", "</p>"))
	}
}
