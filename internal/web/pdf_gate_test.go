package web

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestEveryPDFRenderBounded: only the register's PDF waited for a slot of
// the instance's PDF renders (TestRegisterPDFRendersBounded); the
// minutes, the follow-up list, the debrief, the evaluation's results, the
// spokespersons' overview and a briefing were made at once however many
// were under way. Now each is made through the same gate: with its one
// slot held, each is answered 503 with Retry-After and the German page;
// with the slot free, each is the PDF. What needs no render does not
// wait: a refusal (404) and the public minutes the response cache keeps.
func TestEveryPDFRenderBounded(t *testing.T) {
	ts, st, srv := cycleServerOf(t, func(s *Server) { s.SetPDFRenders(1) })
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, "IT-PLR")
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if _, err := st.CreateDebrief(ctx, model.Debrief{SessionID: s47.ID,
		Entries: []model.DebriefEntry{{DecisionID: decisionID(t, st, 27), ConferenceID: fmk.ID, Presenter: "HE"}}}); err != nil {
		t.Fatal(err)
	}
	g := srv.pdfGate()
	if cap(g.slots) != 1 {
		t.Fatalf("the gate has %d slots, want 1", cap(g.slots))
	}
	g.wait = time.Millisecond
	// hold takes the one slot, as a render under way does.
	hold := func() (leave func()) {
		t.Helper()
		leave, ok := g.enter(ctx)
		if !ok {
			t.Fatal("the test found the slot taken")
		}
		return leave
	}
	gs, public := client(t, ts, "geschaeftsstelle"), client(t, ts, "")
	fetch := func(c *http.Client, path string) (*http.Response, string) {
		t.Helper()
		res, err := c.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	for _, tc := range []struct {
		name, path string
		c          *http.Client
	}{
		{"register", "/beschluesse.pdf", public},
		{"minutes", "/sitzungen/47/protokoll.pdf", gs},
		{"minutes of the AL-Runde", "/gremien/al-runde/sitzungen/39/protokoll.pdf", gs},
		{"follow-up list", "/auftraege.pdf", public},
		{"debrief", "/sitzungen/47/nachbesprechung.pdf", gs},
		{"evaluation", "/evaluation/ergebnisse.pdf", gs},
		{"spokespersons", "/fachmk/sprecher.pdf", public},
		{"briefing", "/briefings/2/pdf", gs},
	} {
		leave := hold()
		res, body := fetch(tc.c, tc.path)
		leave()
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != pdfRetryAfter ||
			!strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "Es werden gerade zu viele PDF-Dateien erstellt.") {
			t.Errorf("%s (%s) while the one render is under way: %d, Retry-After %q, %s, want 503 with the German page:\n%.300s",
				tc.name, tc.path, res.StatusCode, res.Header.Get("Retry-After"), res.Header.Get("Content-Type"), between(body, "<main", "</main>"))
		}
		res, body = fetch(tc.c, tc.path)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") ||
			!strings.Contains(res.Header.Get("Content-Disposition"), `.pdf"`) {
			t.Errorf("%s (%s) with the slot free: %d %s %q, want the PDF", tc.name, tc.path, res.StatusCode,
				res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
	}

	// Answered without a render, nothing waits: minutes that do not
	// exist, and the public minutes once the response cache keeps them.
	if res, _ := fetch(public, "/sitzungen/46/protokoll.pdf"); res.StatusCode != http.StatusOK {
		t.Fatalf("the public minutes: %d", res.StatusCode)
	}
	leave := hold()
	defer leave()
	if res, _ := fetch(gs, "/sitzungen/999/protokoll.pdf"); res.StatusCode != http.StatusNotFound {
		t.Errorf("minutes of no session while the render is under way: %d, want 404 at once", res.StatusCode)
	}
	if res, body := fetch(public, "/sitzungen/46/protokoll.pdf"); res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
		t.Errorf("the kept public minutes while the render is under way: %d, want the PDF from the cache", res.StatusCode)
	}
}
