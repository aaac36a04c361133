package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestFormsTakeOutControlCharacters: a NUL, an escape sequence or bytes
// that are not UTF-8 in a form field were stored as sent and served back
// raw — in pages declared UTF-8, on the public minutes' text (security
// review). Then every control character refused the whole form (400 on
// the bare error page, nothing typed shown), though text pasted from a
// PDF carries invisible ones (U+0002, U+0003, C1 controls). Now the
// invisible control characters are taken out and the form is saved;
// what no browser sends — a NUL, bytes that are not UTF-8 — is still
// refused with the field named, nothing stored. An upload whose file
// name is not fit (3,000 characters, not UTF-8) is refused at the file.
func TestFormsTakeOutControlCharacters(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he := client(t, ts, "hessen")
	for _, title := range []string{"Nul\x00Byte", "Invalid\xff\xfeUTF8", "ctl\x01\x00Nul"} {
		code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {title}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
		if code != http.StatusBadRequest || !strings.Contains(page, "Das Feld „Titel“ enthält ein Nullzeichen") {
			t.Errorf("title %q: %d %s", title, code, between(page, "<main", "</main>"))
		}
	}
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/47/kommentare", url.Values{"kommentar": {"K\x00NUL\xff\x01"}}); code != http.StatusBadRequest {
		t.Errorf("comment: %d %s", code, between(page, "<main", "</main>"))
	}
	council := mustBody(t, st)
	se, _ := st.SessionByNumber(ctx, council.ID, 48)
	items, _ := st.Items(ctx, se.ID)
	for _, it := range items {
		if model.UnfitCharacters(it.Title) {
			t.Errorf("stored: %q", it.Title)
		}
	}
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	comments, _ := st.Comments(ctx, s47.ID)
	for _, c := range comments {
		if model.UnfitCharacters(c.Text) {
			t.Errorf("stored: %q", c.Text)
		}
	}
	// The invisible control characters of pasted text are taken out, in
	// every field: the registration is saved as meant.
	for title, want := range map[string]string{
		"abc\x01def":                          "abcdef",
		"Aus dem PDF\x02 kopiert\x03":         "Aus dem PDF kopiert",
		"ctl\x1b[31mx\x7f":                    "ctl[31mx",
		"C1\u0085 \u0096Gedankenstrich\u009f": "C1 Gedankenstrich",
	} {
		id := registerAs(t, ts, he, url.Values{"titel": {title}, "ziel": {"Bericht"}, "fachmk": {"keine"}, "punkte": {"Punkt\x02 eins"}})
		if it, err := st.Item(ctx, id); err != nil || it.Title != want || strings.Join(it.Points, "|") != "Punkt eins" {
			t.Errorf("%q: stored %q %q, want %q (%v)", title, it.Title, it.Points, want, err)
		}
	}
	// The breaks of text pasted from slides (a vertical tab) or a PDF (a
	// form feed) are taken as line breaks, not refused.
	id := registerAs(t, ts, he, url.Values{"titel": {"Aus Folien"}, "ziel": {"Bericht"}, "fachmk": {"keine"}, "punkte": {"Erster Punkt\vZweiter Punkt\fDritter Punkt"}})
	if it, err := st.Item(ctx, id); err != nil || strings.Join(it.Points, "|") != "Erster Punkt|Zweiter Punkt|Dritter Punkt" {
		t.Errorf("pasted breaks: %q %v", it.Points, err)
	}
	pdf := []byte("%PDF-1.4\n% Unterlage\n")
	for _, name := range []string{strings.Repeat("a", 3000) + ".pdf", "Bericht\xff\xfe.pdf"} {
		if code, page := uploadTo(t, he, ts.URL+"/sitzungen/48/dokumente", map[string]string{"art": "bericht"}, name, pdf); code != http.StatusBadRequest ||
			!strings.Contains(page, "Der Dateiname ist länger als 200 Zeichen oder enthält Steuerzeichen") {
			t.Errorf("file name %.20q: %d %s", name, code, between(page, "<main", "</main>"))
		}
	}
}
