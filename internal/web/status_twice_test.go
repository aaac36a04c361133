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

// TestStatusStepClickedTwice: "Sitzung eröffnen" sent again for a session
// that runs (a double click, a page drawn before) is done, not refused:
// the management page with the notice "Die Sitzung ist bereits eröffnet.".
// Before, every refused status change was 400 with the sentence that
// minutes are approved in the following session; that sentence is kept
// for the approval only, and another change says what the next step is.
func TestStatusStepClickedTwice(t *testing.T) {
	ts, st, _ := lawServer(t)
	sid, _, _ := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	se, _ := st.Session(context.Background(), sid)
	step := func(next model.SessionStatus) *http.Response {
		t.Helper()
		res, err := gs.PostForm(ts.URL+"/sitzungen/48/status", url.Values{"version": {fmt.Sprint(se.Version)}, "naechster": {string(next)}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	for next, notice := range map[model.SessionStatus]string{
		model.StatusRunning:  "Die Sitzung ist bereits eröffnet.",
		model.StatusConvened: "Die Sitzung ist bereits einberufen. Ihr Status ist jetzt: laufend.",
	} {
		res := step(next)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/sitzungen/48/verwaltung" {
			t.Errorf("%s again: %d %q", next, res.StatusCode, res.Header.Get("Location"))
			continue
		}
		if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); !strings.Contains(page, notice) {
			t.Errorf("%s again: the page does not say %q:\n%s", next, notice, between(page, "<main", "</h1>"))
		}
	}
	if now, _ := st.Session(context.Background(), sid); now.Status != model.StatusRunning || now.Version != se.Version {
		t.Errorf("the repeated step changed the session: %s, version %d (was %d)", now.Status, now.Version, se.Version)
	}
	for next, want := range map[model.SessionStatus]string{
		model.StatusMinutesApproved: "Ein Protokoll wird in der folgenden Sitzung genehmigt.",
		model.StatusMinutesDraft:    "Der Status der Sitzung ist „laufend“; der nächste Schritt ist „Sitzung beenden“.",
	} {
		code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", url.Values{"version": {fmt.Sprint(se.Version)}, "naechster": {string(next)}})
		if code != http.StatusBadRequest || !strings.Contains(page, want) {
			t.Errorf("%s from laufend: %d, want 400 with %q", next, code, want)
		}
		if next != model.StatusMinutesApproved && strings.Contains(page, "Protokoll wird in der folgenden Sitzung") {
			t.Errorf("%s from laufend speaks of the approval of minutes", next)
		}
	}
}
