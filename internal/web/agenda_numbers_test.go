package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestPublishAgendaAsksAboutUnnumbered: the secretariat published an agenda
// whose items had no number without a word, and they went out as "TOP (ohne
// Nummer)" in the agenda and the message to the members (found planning
// the 48th session in the demo). Publishing so now needs a confirmation,
// and "TOPs nummerieren" numbers the agenda in its order until it is
// published.
func TestPublishAgendaAsksAboutUnnumbered(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, item := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, item.ID), url.Values{"version": {fmt.Sprint(item.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, between(body, "<main", "</main>"))
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if !strings.Contains(page, `id="ohne-nummer"`) || !strings.Contains(page, ">Hessischer Bericht</a>") || !strings.Contains(page, `name="ohne_nummer" value="ja" required`) {
		t.Errorf("the management page does not name the items without number:\n%s", between(page, `id="h-status"`, "</section>"))
	}
	publish := url.Values{"version": {fmt.Sprint(s48.Version)}}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", publish)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "TOPs haben noch keine Nummer") {
		t.Errorf("publishing unnumbered items without the confirmation: %d", code)
	}
	// The reason stands at the confirmation it lacks (before: above the
	// form only).
	reasonsAtFields(t, page, `id="status-fehler"`, map[string]string{"ohne-nummer-ok": "TOPs haben noch keine Nummer"})
	if se, _ := st.Session(ctx, s48.ID); se.AgendaPublished {
		t.Fatal("published without the confirmation")
	}

	// Numbered in its order: TOP 00 stays, the others follow.
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/nummerieren", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("number the agenda: %d", code)
	}
	items, _ := st.Items(ctx, s48.ID)
	var got []string
	for _, it := range items {
		got = append(got, it.Number+" "+it.Title)
	}
	// The accepted item stands before "Reporting FachMK", which closes
	// the topics (store.makeRoom).
	if want := "00 Begrüßung|01 Hessischer Bericht|02 Reporting FachMK"; strings.Join(got, "|") != want {
		t.Errorf("numbers = %q, want %q", strings.Join(got, "|"), want)
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if strings.Contains(page, `id="ohne-nummer"`) || strings.Contains(page, `name="ohne_nummer"`) {
		t.Error("still warns after numbering")
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", publish); code != http.StatusSeeOther {
		t.Fatalf("publish the numbered agenda: %d", code)
	}
	// Published, its numbers change only one by one; the form is gone.
	code, page = do(t, gs, "POST", ts.URL+"/sitzungen/48/nummerieren", url.Values{})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "ihre TOP-Nummern werden nur noch einzeln geändert") || strings.Contains(page, `action="/sitzungen/48/nummerieren"`) {
		t.Errorf("numbering a published agenda: %d", code)
	}
	// Members only see the numbers; nobody else may number.
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/sitzungen/48/nummerieren", url.Values{}); code != http.StatusForbidden {
		t.Errorf("a member numbering: %d", code)
	}
}

// TestPublishUnnumberedWhenConfirmed: an agenda may still go out with items
// without number when the secretariat confirms it.
func TestPublishUnnumberedWhenConfirmed(t *testing.T) {
	ts, st := cycleServer(t)
	s48, item := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, item.ID), url.Values{"version": {fmt.Sprint(item.Version)}, "entscheidung": {"annehmen"}})
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", url.Values{"version": {fmt.Sprint(s48.Version)}, "ohne_nummer": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("publish with the confirmation: %d", code)
	}
	if se, _ := st.Session(context.Background(), s48.ID); !se.AgendaPublished {
		t.Error("not published")
	}
}

// TestAcceptedRegistrationsGetTheirOwnPlace: accepting a registration put
// it after the last accepted item as the handler had read the agenda
// before the write, so registrations accepted at the same moment (two
// people of the secretariat, two windows) shared one position.
func TestAcceptedRegistrationsGetTheirOwnPlace(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, _ := planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	for i := 1; i < 8; i++ {
		if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {fmt.Sprintf("Bericht %d", i)}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
			t.Fatalf("registration %d: %d", i, code)
		}
	}
	items, _ := st.Items(ctx, s48.ID)
	gs := client(t, ts, "geschaeftsstelle")
	var wg sync.WaitGroup
	for _, it := range items {
		if it.Status != model.ItemRegistered {
			continue
		}
		wg.Add(1)
		go func(it model.AgendaItem) {
			defer wg.Done()
			req, _ := http.NewRequest("POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID),
				strings.NewReader(url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", ts.URL)
			if res, err := gs.Do(req); err == nil {
				res.Body.Close()
			}
		}(it)
	}
	wg.Wait()
	items, _ = st.Items(ctx, s48.ID)
	seen := map[int]string{}
	for _, it := range items {
		if it.Status != model.ItemAccepted {
			t.Errorf("%q is %s", it.Title, it.Status)
			continue
		}
		if other, ok := seen[it.Position]; ok {
			t.Errorf("%q and %q share position %d", it.Title, other, it.Position)
		}
		seen[it.Position] = it.Title
	}
}

// TestPreparatoryManageFormsHaveRoutes: every form of the management page
// of an AL-Runde session posts to an address that has a route
// (the AL-Runde's pages are mounted a second time under /gremien/…; the
// form "TOPs nummerieren" was offered there before its route was).
func TestPreparatoryManageFormsHaveRoutes(t *testing.T) {
	ts, st, srv := cycleServerOf(t)
	planPair48(t, st)
	mux := http.NewServeMux()
	srv.routes(mux)
	gs := client(t, ts, "geschaeftsstelle")
	for _, page := range []string{"/gremien/al-runde/sitzungen/40/verwaltung", "/sitzungen/48/verwaltung"} {
		code, body := do(t, gs, "GET", ts.URL+page, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", page, code)
		}
		seen := 0
		for _, m := range regexp.MustCompile(`<form method="post" action="([^"]+)"`).FindAllStringSubmatch(body, -1) {
			seen++
			req := httptest.NewRequest("POST", html.UnescapeString(m[1]), nil)
			if _, pattern := mux.Handler(req); !strings.HasPrefix(pattern, "POST ") {
				t.Errorf("%s: the form posting to %s has no route", page, m[1])
			}
		}
		if seen < 3 {
			t.Errorf("%s: only %d forms", page, seen)
		}
	}
}

// TestPreparatoryAgendaNoticeStaysInternal: publishing the agenda of an
// AL-Runde session mailed its items to the FachMK secretariats, who may
// not open the AL-Runde's pages (403), and its link led to the IT-PLR's
// session of the same number. Found subscribing the FachMK secretariat in
// the demo. The IT-PLR's agenda still reaches them.
func TestPreparatoryAgendaNoticeStaysInternal(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	for _, who := range []struct{ user, address string }{{"fmk", "gs@fmk.example"}, {"hessen", "buero@hessen.example"}} {
		if code, _ := do(t, client(t, ts, who.user), "POST", ts.URL+"/benachrichtigungen", url.Values{"version": {"0"}, "email": {who.address}, "abo": {"tagesordnung:email"}}); code != http.StatusSeeOther {
			t.Fatalf("%s subscribes: %d", who.user, code)
		}
	}
	main, al := planPair48(t, st)
	gs := client(t, ts, "geschaeftsstelle")
	for _, tc := range []struct {
		path string
		id   int64
	}{{"/gremien/al-runde/sitzungen/40", al}, {"/sitzungen/48", main}} {
		se, _ := st.Session(ctx, tc.id)
		if code, _ := do(t, gs, "POST", ts.URL+tc.path+"/veroeffentlichen", url.Values{"version": {fmt.Sprint(se.Version)}, "ohne_nummer": {"ja"}}); code != http.StatusSeeOther {
			t.Fatalf("publish %s: %d", tc.path, code)
		}
	}
	got := map[string]string{}
	list, _, err := st.Notifications(ctx, store.OutboxFilter{Event: model.EventAgendaPublished})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range list {
		got[n.Recipient+" "+n.Link] = n.Subject
	}
	want := map[string]bool{
		"buero@hessen.example /gremien/al-runde/sitzungen/40": true,
		"buero@hessen.example /sitzungen/48":                  true,
		"gs@fmk.example /sitzungen/48":                        true,
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("no message %s; got %v", k, got)
		}
	}
	for k, subject := range got {
		if !want[k] {
			t.Errorf("message %s: %q", k, subject)
		}
	}
}

// TestPublishAgendaAsksAboutNumbersOutOfOrder: planning the 48th session in
// the demo as the secretariat, an item moved up after "TOPs nummerieren"
// kept its number, and the agenda was published without a word reading
// "TOP 02" before "TOP 01" — in the agenda, the members' message and later
// the minutes. The management page now names the items, and publishing so
// needs a confirmation, as publishing items without a number does.
func TestPublishAgendaAsksAboutNumbersOutOfOrder(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, item := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, item.ID), url.Values{"version": {fmt.Sprint(item.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/nummerieren", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("number the agenda: %d", code)
	}
	// "Hessischer Bericht" (TOP 01) moved after "Reporting FachMK" (TOP 02).
	moved, _ := st.Item(context.Background(), item.ID)
	move := url.Values{"richtung": {"runter"}, "version": {strconv.Itoa(moved.Version)}}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/verschieben", ts.URL, item.ID), move); code != http.StatusSeeOther {
		t.Fatalf("move: %d", code)
	}
	// The same form again (a double click) moves nothing more.
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/verschieben", ts.URL, item.ID), move); code != http.StatusConflict || !strings.Contains(page, "Die Tagesordnung wurde inzwischen geändert; der TOP ist nicht verschoben.") {
		t.Errorf("the move sent twice: %d %s", code, between(page, "<main", "</main>"))
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if box := between(page, `id="ausser-reihe"`, "</div>"); !strings.Contains(box, "TOP 01 – Hessischer Bericht") || !strings.Contains(page, `name="ausser_reihe" value="ja" required`) {
		t.Errorf("the management page does not name the item out of order:\n%s", between(page, `id="h-status"`, "</section>"))
	}
	se, _ := st.Session(ctx, s48.ID)
	publish := url.Values{"version": {fmt.Sprint(se.Version)}}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", publish)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "TOP-Nummern folgen nicht der Reihenfolge der Tagesordnung") {
		t.Errorf("publishing numbers out of order without the confirmation: %d", code)
	}
	reasonsAtFields(t, page, `id="status-fehler"`, map[string]string{"ausser-reihe-ok": "TOP-Nummern folgen nicht der Reihenfolge"})
	if se, _ := st.Session(ctx, s48.ID); se.AgendaPublished {
		t.Fatal("published without the confirmation")
	}
	publish.Set("ausser_reihe", "ja")
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", publish); code != http.StatusSeeOther {
		t.Fatalf("publish with the confirmation: %d", code)
	}
	if se, _ := st.Session(ctx, s48.ID); !se.AgendaPublished {
		t.Error("not published with the confirmation")
	}
}
