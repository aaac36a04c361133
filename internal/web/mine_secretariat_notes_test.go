package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
)

// TestSecretariatMyPageShowsTheRunningSession: while the 48th session
// ran, a member office's "Mein Bereich" had a section for it, the
// secretariat's nothing — no way to the live page, no word of the
// Protokollnotizen waiting for it. Now it has the running session with
// the live page and the Verwaltung, and how many submitted notes wait,
// leading to the item on the live page where they are taken over.
func TestSecretariatMyPageShowsTheRunningSession(t *testing.T) {
	ts, st := cycleServer(t)
	se := runSession48(t, ts, st)
	it := onAgendaItem(t, st, se)
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	section := func() string {
		_, mine := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
		return between(mine, `id="h-laufend-48"`, "</section>")
	}
	sec := section()
	for _, want := range []string{"Laufende Sitzung: 48. Sitzung", `href="/sitzungen/48/live"`, `href="/sitzungen/48/verwaltung"`, "Keine eingereichte Protokollnotiz wartet."} {
		if !strings.Contains(sec, want) {
			t.Errorf("the secretariat's section of the running session lacks %s: %q", want, sec)
		}
	}
	if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/protokollnotizen", url.Values{"top": {fmt.Sprint(it.ID)}, "text": {"Hessen bittet um eine Übersicht."}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", code, between(body, "<main", "</main>"))
	}
	at := fmt.Sprintf("/sitzungen/48/live?top=%d#pn-eingang", it.ID)
	if sec := section(); !strings.Contains(sec, `<a href="`+at+`"><strong>1 eingereichte Protokollnotiz wartet</strong></a>`) {
		t.Errorf("the running session's section does not lead to the waiting note: %q", sec)
	}
	if _, live := do(t, gs, "GET", ts.URL+at, nil); !strings.Contains(live, `id="pn-eingang"`) || !strings.Contains(live, "Hessen bittet um eine Übersicht.") {
		t.Errorf("the live page has no place %s leads to", at)
	}
}

// TestSecretariatMyPageListsNotesAfterTheSession: Hessen submitted a
// Protokollnotiz to the 47th session, whose minutes are a draft, and was
// told it stands in the minutes once the secretariat takes it over — but
// the note showed only on the 47th's live page, which nothing pointed to
// after the session. The secretariat's "Mein Bereich" lists the waiting
// notes by session and item, with the way to the item on the live page.
func TestSecretariatMyPageListsNotesAfterTheSession(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	it := onAgendaItem(t, st, s47)
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	section := func() string {
		_, mine := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
		return strings.ReplaceAll(between(mine, `id="h-pn-eingereicht"`, "</section>"), "\u00ad", "")
	}
	if sec := section(); !strings.Contains(sec, "Keine eingereichte Protokollnotiz wartet auf Sie.") {
		t.Errorf("before any note, the section says: %q", sec)
	}
	for _, text := range []string{"Hessen ergänzt den Stand der Umsetzung.", "Hessen bittet um die Anlage."} {
		if code, body := do(t, he, "POST", ts.URL+"/sitzungen/47/protokollnotizen", url.Values{"top": {fmt.Sprint(it.ID)}, "text": {text}}); code != http.StatusSeeOther {
			t.Fatalf("submit to the 47th (%s): %d %s", s47.Status, code, between(body, "<main", "</main>"))
		}
	}
	sec := section()
	at := fmt.Sprintf("/sitzungen/47/live?top=%d#pn-eingang", it.ID)
	for _, want := range []string{"2 Protokollnotizen warten", "47. Sitzung (" + s47.Status.Label() + "): 2", `<a href="` + at + `">` + it.Label()} {
		if !strings.Contains(sec, want) {
			t.Errorf("the secretariat's Mein Bereich lacks %s: %q", want, sec)
		}
	}
}
