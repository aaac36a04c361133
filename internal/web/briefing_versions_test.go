package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestEarlierFassungShowsItsOwnKeyMessages: a briefing's Fassung 1
// ("Stand 01.07.2025") showed the text its key message got later — a
// version named its key messages by id and every Fassung read today's
// shared block. Now each version keeps the wording of its key messages
// when it is saved: Fassung 1 shows, on the page, in its PDF and in the
// comparison, the text as it read on 01.07.2025 (its confidential passage
// marked on the page and blacked out in the PDF, as for the current one),
// the newest Fassung the shared block as it reads now.
func TestEarlierFassungShowsItsOwnKeyMessages(t *testing.T) {
	var now atomic.Pointer[time.Time]
	set := func(y int, m time.Month, d int) {
		at := time.Date(y, m, d, 10, 0, 0, 0, model.Berlin)
		now.Store(&at)
	}
	set(2025, 7, 1)
	ts, st, _ := cycleServerOf(t, func(s *Server) { s.SetClock(func() time.Time { return *now.Load() }) })
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	post := func(path string, form url.Values) {
		t.Helper()
		if code, body := do(t, gs, "POST", ts.URL+path, form); code != http.StatusSeeOther {
			t.Fatalf("POST %s: %d %s", path, code, body)
		}
	}
	const oldText, newText = "Alter Wortlaut: die Grundsteuer läuft über ELSTER.", "Neuer Wortlaut: die Grundsteuer läuft über Mein ELSTER."
	post("/kernbotschaften", url.Values{"titel": {"Grundsteuer"}, "text": {"- " + oldText + "\n- [[Haltung des Bundes offen]]"}})
	k, err := st.KeyMessageByTitle(ctx, "Grundsteuer")
	if err != nil {
		t.Fatal(err)
	}
	kb := fmt.Sprint(k.ID)
	post("/briefings", url.Values{"titel": {"Handakte Grundsteuer"}, "fachmk": {"FMK"}, "inhalt": {"Erste Fassung."}, "kernbotschaft": {kb}, "seit": {"2025-01-01"}})
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	bs, _ := st.Briefings(ctx, fmk.ID)
	var id int64
	for _, b := range bs {
		if b.Title == "Handakte Grundsteuer" {
			id = b.ID
		}
	}
	if id == 0 {
		t.Fatalf("no new briefing among %+v", bs)
	}
	path := fmt.Sprintf("/briefings/%d", id)

	// The key message changes, then Fassung 2 is saved.
	set(2026, 3, 2)
	post("/kernbotschaften", url.Values{"id": {kb}, "version": {fmt.Sprint(k.Version)}, "titel": {"Grundsteuer"}, "text": {"- " + newText + "\n- [[Haltung des Bundes offen]]"}})
	post(path, url.Values{"version": {"1"}, "inhalt": {"Zweite Fassung."}, "kernbotschaft": {kb}, "seit": {"2025-01-01"}})

	pdfText := func(p string) string {
		t.Helper()
		res, err := gs.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", p, res.StatusCode)
		}
		return pdftest.Words(t, b)
	}
	_, page := do(t, gs, "GET", ts.URL+path+"?fassung=1", nil)
	if !strings.Contains(page, "Stand: 01.07.2025 – Fassung 1") || !strings.Contains(page, oldText) || strings.Contains(page, newText) {
		t.Errorf("Fassung 1 does not show its own key message (old %v, new %v)", strings.Contains(page, oldText), strings.Contains(page, newText))
	}
	if !strings.Contains(page, markOpen+`Haltung des Bundes offen`+markClose) {
		t.Error("Fassung 1 does not mark its confidential passage")
	}
	txt := pdfText(path + "/pdf?fassung=1")
	if !strings.Contains(txt, "Stand: 01.07.2025 (Fassung 1") || !strings.Contains(txt, oldText) || strings.Contains(txt, newText) {
		t.Errorf("the PDF of Fassung 1 does not show its own key message:\n%s", txt)
	}
	if strings.Contains(txt, "Haltung des Bundes") || !strings.Contains(txt, "[geschwärzt]") {
		t.Errorf("the PDF of Fassung 1 does not black out the confidential passage:\n%s", txt)
	}
	_, page = do(t, gs, "GET", ts.URL+path+"?von=1&bis=2", nil)
	if !strings.Contains(page, `<span class="visually-hidden">entfernt: </span>  - `+oldText+`</p>`) || !strings.Contains(page, `<span class="visually-hidden">hinzugefügt: </span>  - `+newText+`</p>`) {
		t.Error("the comparison of Fassung 1 and 2 does not show the key message's change")
	}
	_, page = do(t, gs, "GET", ts.URL+path, nil)
	if !strings.Contains(page, "Stand: 02.03.2026 – Fassung 2") || !strings.Contains(page, newText) || strings.Contains(page, oldText) || strings.Contains(page, keyChangedNote) {
		t.Error("Fassung 2 does not show the key message as saved with it")
	}

	// A change after Fassung 2: the newest Fassung shows it, marked; the
	// earlier one keeps its wording.
	k, _ = st.KeyMessageByTitle(ctx, "Grundsteuer")
	post("/kernbotschaften", url.Values{"id": {kb}, "version": {fmt.Sprint(k.Version)}, "titel": {"Grundsteuer"}, "text": {"- Dritter Wortlaut."}})
	_, page = do(t, gs, "GET", ts.URL+path, nil)
	if !strings.Contains(page, "Dritter Wortlaut.") || !strings.Contains(page, keyChangedNote) {
		t.Error("the newest Fassung does not show the key message as it reads now, marked as changed since")
	}
	if txt := pdfText(path + "/pdf"); !strings.Contains(txt, "Dritter Wortlaut.") || !strings.Contains(txt, keyChangedNote) {
		t.Errorf("the PDF of the newest Fassung:\n%s", txt)
	}
	if _, page = do(t, gs, "GET", ts.URL+path+"?fassung=1", nil); !strings.Contains(page, oldText) || strings.Contains(page, "Dritter Wortlaut.") {
		t.Error("Fassung 1 changed with the key message")
	}

	// A Fassung saved before versions kept their key messages' wording
	// (migration 00870) says so instead of passing today's text off as
	// its own.
	if _, err := st.DBForTests().ExecContext(ctx, fmt.Sprintf(`UPDATE briefing_versions SET key_message_texts = NULL WHERE briefing_id = %d AND version = 1`, id)); err != nil {
		t.Fatal(err)
	}
	_, page = do(t, gs, "GET", ts.URL+path+"?fassung=1", nil)
	if !strings.Contains(page, keysLostNote) || strings.Contains(page, oldText) {
		t.Error("Fassung 1 without its kept wording does not say so")
	}
	if txt := pdfText(path + "/pdf?fassung=1"); !strings.Contains(txt, keysLostNote) {
		t.Errorf("the PDF of Fassung 1 without its kept wording does not say so:\n%s", txt)
	}
	_, page = do(t, gs, "GET", ts.URL+path+"?von=1&bis=2", nil)
	if !strings.Contains(page, `<span class="visually-hidden">entfernt: </span>(Wortlaut der Kernbotschaften dieser Fassung nicht gespeichert)</p>`) {
		t.Error("the comparison with Fassung 1 without its kept wording")
	}
}
