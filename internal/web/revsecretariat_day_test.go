package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestRefusedPublicationSaysItOnce: a publication of the agenda refused for
// items without number read "Die Tagesordnung ist nicht veröffentlicht:
// Die Tagesordnung ist nicht veröffentlicht: TOPs haben noch keine
// Nummer." — the box's head and the reason both said it. The reason now
// says only what is missing.
func TestRefusedPublicationSaysItOnce(t *testing.T) {
	ts, st := cycleServer(t)
	s48, item := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, item.ID), url.Values{"version": {fmt.Sprint(item.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, between(body, "<main", "</main>"))
	}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", url.Values{"version": {fmt.Sprint(s48.Version)}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("publishing unnumbered items without the confirmation: %d", code)
	}
	text := html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(between(page, "<main", "</main>"), " "))
	text = strings.Join(strings.Fields(text), " ")
	if n := strings.Count(text, "Die Tagesordnung ist nicht veröffentlicht"); n != 1 || strings.Contains(text, "veröffentlicht: Die Tagesordnung") {
		t.Errorf("the refusal says %d times that the agenda is not published:\n%s", n, text)
	}
	if !strings.Contains(text, "TOPs haben noch keine Nummer") {
		t.Errorf("the refusal does not say why:\n%s", text)
	}
}

// TestSpeakerNoticesNameTheBundInTheGenitive: the live page's notices
// about the speakers' list said "Wortmeldung von Bund ist auf der
// Redeliste." and "Die Wortmeldung von Bund ist zurückgezogen." — no
// German, and a member's own request was named in the third person. They
// name the member as the minutes do ("des Bundes", "von HE").
func TestSpeakerNoticesNameTheBundInTheGenitive(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := runSession48(t, ts, st)
	items, _ := st.Items(ctx, se.ID)
	item := items[0]
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/aufrufen", ts.URL, item.ID), nil); code != http.StatusSeeOther {
		t.Fatalf("call item: %d", code)
	}
	enter := func(speaker string) {
		t.Helper()
		if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/wortmeldungen", url.Values{"sprecher": {speaker}, "top": {strconv.FormatInt(item.ID, 10)}}); code != http.StatusSeeOther {
			t.Fatalf("the secretariat enters %s: %d", speaker, code)
		}
	}
	enter("Bund")
	if _, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item.ID), nil); !strings.Contains(page, "Die Wortmeldung des Bundes steht auf der Redeliste.") {
		t.Errorf("the notice does not name the Bund in the genitive:\n%s", between(page, "<main", `id="h-redeliste"`))
	}
	enter("HE")
	if _, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item.ID), nil); !strings.Contains(page, "Die Wortmeldung von HE steht auf der Redeliste.") {
		t.Errorf("the notice does not name Hessen:\n%s", between(page, "<main", `id="h-redeliste"`))
	}
	// A member's own request is its own: "Ihre Wortmeldung".
	be := client(t, ts, "berlin")
	if code, _ := do(t, be, "POST", ts.URL+"/sitzungen/48/wortmeldungen", nil); code != http.StatusSeeOther {
		t.Fatalf("Berlin asks: %d", code)
	}
	if _, page := do(t, be, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, "Ihre Wortmeldung steht auf der Redeliste.") {
		t.Errorf("Berlin's own request is not named as its own:\n%s", between(page, "<main", "</h1>"))
	}
}
