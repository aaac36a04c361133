package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestSpeakersListWeb: members ask for the floor from their own account,
// the secretariat enters others; the order is kept; the next speaker gets
// the floor; ending a turn leads to the speaker's new ON row; the
// projector view shows item, speaker and queue, and needs a login.
func TestSpeakersListWeb(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := runSession48(t, ts, st)
	items, _ := st.Items(ctx, se.ID)
	item := items[0]
	gs := client(t, ts, "geschaeftsstelle")
	he := client(t, ts, "hessen")
	bund := client(t, ts, "bund")
	// Nothing called yet: a member's request has no item.
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/wortmeldungen", nil); code != http.StatusUnprocessableEntity {
		t.Fatalf("request without a called item: %d", code)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/aufrufen", ts.URL, item.ID), nil); code != http.StatusSeeOther {
		t.Fatalf("call item: %d", code)
	}
	if _, body := do(t, he, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(body, `action="/sitzungen/48/wortmeldungen"`) {
		t.Fatal("the member's session page offers no request for the floor")
	}
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/wortmeldungen", url.Values{"sprecher": {"BY"}}); code != http.StatusSeeOther {
		t.Fatalf("HE asks: %d", code)
	}
	// A member cannot enter another member (the field is ignored: HE is
	// already on the list, which the answer says; the list below holds no
	// BY before the Bund).
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/wortmeldungen", url.Values{"sprecher": {"BY"}}); code != http.StatusSeeOther {
		t.Fatalf("HE asks twice: %d", code)
	}
	if code, _ := do(t, bund, "POST", ts.URL+"/sitzungen/48/wortmeldungen", nil); code != http.StatusSeeOther {
		t.Fatalf("Bund asks: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/wortmeldungen", url.Values{"sprecher": {"BY"}, "top": {strconv.FormatInt(item.ID, 10)}}); code != http.StatusSeeOther {
		t.Fatalf("the secretariat enters BY: %d", code)
	}
	if code, _ := do(t, client(t, ts, "sprecher-hb"), "POST", ts.URL+"/sitzungen/48/wortmeldungen", nil); code != http.StatusForbidden {
		t.Fatalf("a spokesperson asks: %d", code)
	}
	if _, body := do(t, bund, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(body, "Platz 2") {
		t.Error("the Bund does not see its place")
	}
	list, _ := st.SpeakerRequests(ctx, item.ID)
	if len(list) != 3 || list[0].Speaker != "HE" || list[1].Speaker != "Bund" || list[2].Speaker != "BY" {
		t.Fatalf("list: %+v", list)
	}
	// The Bund withdraws; Hessen may not withdraw for the Bund.
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/wortmeldungen/%d/zurueckziehen", ts.URL, list[1].ID), nil); code != http.StatusForbidden {
		t.Fatalf("HE withdraws the Bund: %d", code)
	}
	if code, _ := do(t, bund, "POST", fmt.Sprintf("%s/wortmeldungen/%d/zurueckziehen", ts.URL, list[1].ID), nil); code != http.StatusSeeOther {
		t.Fatalf("Bund withdraws: %d", code)
	}

	// The live page shows the list; "next" gives HE the floor.
	_, live := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item.ID), nil)
	if !strings.Contains(live, `id="redeliste"`) || !strings.Contains(live, "Nächste Wortmeldung aufrufen") || wellFormedProblems(live) != nil {
		t.Fatalf("live page list: %v", wellFormedProblems(live))
	}
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/redeliste/weiter", nil); code != http.StatusForbidden {
		t.Fatalf("a member moves the list: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/redeliste/weiter", url.Values{"top": {strconv.FormatInt(item.ID, 10)}}); code != http.StatusSeeOther {
		t.Fatalf("next: %d", code)
	}
	if _, body := do(t, he, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(body, "Sie haben das Wort.") {
		t.Error("Hessen is not told it has the floor")
	}
	// The projector view: a page of its own, for logged-in users.
	if code, _ := do(t, client(t, ts, ""), "GET", ts.URL+"/sitzungen/48/beamer", nil); code != http.StatusSeeOther {
		t.Fatalf("projector for the public: %d", code)
	}
	code, beamer := do(t, gs, "GET", ts.URL+"/sitzungen/48/beamer", nil)
	if code != http.StatusOK || !strings.Contains(beamer, "Das Wort hat") || !strings.Contains(beamer, "Hessen") || !strings.Contains(beamer, "Bayern") ||
		!strings.Contains(beamer, item.Title) || !strings.Contains(beamer, `data-live-state="/sitzungen/48/beamer/stand"`) || wellFormedProblems(beamer) != nil {
		t.Fatalf("projector: %d %v", code, wellFormedProblems(beamer))
	}
	if _, state := do(t, gs, "GET", ts.URL+"/sitzungen/48/beamer/stand", nil); !strings.HasPrefix(state, `<div id="beamer"`) {
		t.Fatalf("projector state: %.80s", state)
	}
	// A form read before HE had the floor (another window, or "Nächste
	// Wortmeldung aufrufen" clicked twice) ends no turn: the live page
	// again, the list as it is, the note naming who speaks now (before: a
	// 409 error page in the middle of the session).
	for _, stale := range []string{"/sitzungen/48/redeliste/beenden", "/sitzungen/48/redeliste/weiter"} {
		res, err := gs.PostForm(ts.URL+stale, url.Values{"top": {strconv.FormatInt(item.ID, 10)}, "am_wort": {"0"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/sitzungen/48/live?") {
			t.Fatalf("a stale %s: %d %s", stale, res.StatusCode, loc)
		}
		if _, page := do(t, gs, "GET", ts.URL+loc, nil); !strings.Contains(page, "Das Wort hat jetzt Hessen. Nichts ist geändert") {
			t.Errorf("a stale %s: the live page does not say why nothing changed", stale)
		}
	}
	if cs, _ := st.Contributions(ctx, item.ID); len(cs) != 0 {
		t.Fatalf("a stale form ended a turn: %+v", cs)
	}
	// The live page's forms carry the turn they were read with.
	_, live = do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item.ID), nil)
	if want := fmt.Sprintf(`name="am_wort" value="%d"`, list[0].ID); strings.Count(live, want) != 2 {
		t.Errorf("the forms lack %s:\n%s", want, between(live, `id="redeliste"`, "</section>"))
	}
	// Ending HE's turn leads to its new ON row.
	res, err := gs.PostForm(ts.URL+"/sitzungen/48/redeliste/beenden", url.Values{"am_wort": {strconv.FormatInt(list[0].ID, 10)}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cs, _ := st.Contributions(ctx, item.ID)
	if len(cs) == 0 || cs[len(cs)-1].Speaker != "HE" {
		t.Fatalf("no ON row for HE: %+v", cs)
	}
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, fmt.Sprintf("#pk-%d", cs[len(cs)-1].ID)) {
		t.Fatalf("end turn → %d %s", res.StatusCode, loc)
	}
	list, _ = st.SpeakerRequests(ctx, item.ID)
	if l := model.ListOf(list); l.Current != nil || len(l.Waiting) != 1 || l.Waiting[0].Speaker != "BY" {
		t.Fatalf("list after the turn: %+v", l)
	}
}

// TestAbsentMemberRefusedTheFloor: a member recorded absent for the called
// item cannot ask for the floor, from its own account nor entered by the
// secretariat on the live page; the page says why. Before, Bayern, absent,
// stood on the list.
func TestAbsentMemberRefusedTheFloor(t *testing.T) {
	ts, st, gs, se, items := calledFirstItem48(t)
	ctx := context.Background()
	if _, _, err := st.SaveAttendance(ctx, se.ID, []model.Attendance{{Member: "HE", Presence: model.Present}, {Member: "BY", Presence: model.Absent}}); err != nil {
		t.Fatal(err)
	}
	code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/wortmeldungen", url.Values{"sprecher": {"BY"}, "top": {strconv.FormatInt(items[0].ID, 10)}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `<p class="field-error" id="wm-sprecher-fehler">Bayern ist laut Anwesenheitsliste`) ||
		!strings.Contains(body, `<option value="BY" selected>`) || !strings.Contains(body, `id="redeliste"`) {
		t.Fatalf("the secretariat enters absent BY: %d (want the live page, BY chosen, the reason at the field)", code)
	}
	if code, _ := do(t, client(t, ts, "bayern"), "POST", ts.URL+"/sitzungen/48/wortmeldungen", nil); code != http.StatusUnprocessableEntity {
		t.Fatalf("absent BY asks: %d", code)
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/sitzungen/48/wortmeldungen", nil); code != http.StatusSeeOther {
		t.Fatalf("present HE asks: %d", code)
	}
	// Hessen entered once more by the secretariat: the reason is said as
	// it is (before: "Hier wurde inzwischen gespeichert …", as for a form
	// read before someone else saved).
	code, body = do(t, gs, "POST", ts.URL+"/sitzungen/48/wortmeldungen", url.Values{"sprecher": {"HE"}, "top": {strconv.FormatInt(items[0].ID, 10)}})
	if code != http.StatusConflict || !strings.Contains(body, "Hessen steht bereits auf der Redeliste dieses Tagesordnungspunkts.") || strings.Contains(body, "Hier wurde inzwischen gespeichert") {
		t.Errorf("HE entered twice: %d %s", code, between(body, "<main", `id="redeliste"`))
	}
}

// TestFloorSelectOffersOnlyThosePresent: the select of the speakers' list
// offers only the members who may take the floor at the item viewed — on
// the live page (the form without JavaScript) and in the fragment htmx
// refreshes — and a member recorded absent gets no button on the session
// page but the reason; without any attendance recorded everybody is
// offered. Before, the select offered Bayern, recorded absent, and the
// store refused it afterwards.
func TestFloorSelectOffersOnlyThosePresent(t *testing.T) {
	ts, st, gs, se, items := calledFirstItem48(t)
	ctx := context.Background()
	top := strconv.FormatInt(items[0].ID, 10)
	pages := map[string]string{
		"live page": ts.URL + "/sitzungen/48/live?top=" + top,
		"fragment":  ts.URL + "/sitzungen/48/redeliste?top=" + top,
	}
	offers := func(page, member string) bool {
		t.Helper()
		code, body := do(t, gs, "GET", page, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", page, code)
		}
		i := strings.Index(body, `id="wm-sprecher"`)
		if i < 0 {
			t.Fatalf("%s: no select of the speakers' list", page)
		}
		sel := body[i:]
		sel = sel[:strings.Index(sel, "</select>")]
		return strings.Contains(sel, `<option value="`+member+`"`)
	}
	for what, page := range pages {
		if !offers(page, "BY") || !offers(page, "HE") {
			t.Errorf("%s without attendance: everybody should be offered", what)
		}
	}
	if _, _, err := st.SaveAttendance(ctx, se.ID, []model.Attendance{{Member: "HE", Presence: model.Present}, {Member: "BY", Presence: model.Absent}}); err != nil {
		t.Fatal(err)
	}
	for what, page := range pages {
		if offers(page, "BY") || !offers(page, "HE") {
			t.Errorf("%s: BY is recorded absent and must not be offered, HE present must", what)
		}
	}
	by := client(t, ts, "bayern")
	if _, body := do(t, by, "GET", ts.URL+"/sitzungen/48", nil); strings.Contains(body, "Wortmeldung (BY)") || !strings.Contains(body, "Bayern ist laut Anwesenheitsliste bei diesem TOP nicht anwesend") {
		t.Errorf("the session page of absent BY offers the floor or does not say why")
	}
	if _, body := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(body, "Wortmeldung (HE)") {
		t.Errorf("the session page of present HE offers no request for the floor")
	}
}

// calledFirstItem48 runs the 48th session with its first item called by
// the secretariat; it gives the server, the store, the secretariat's
// client, the session and its items.
func calledFirstItem48(t *testing.T) (*httptest.Server, *store.Store, *http.Client, model.Session, []model.AgendaItem) {
	t.Helper()
	ts, st := cycleServer(t)
	se := runSession48(t, ts, st)
	items, _ := st.Items(context.Background(), se.ID)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/aufrufen", ts.URL, items[0].ID), nil); code != http.StatusSeeOther {
		t.Fatalf("call item: %d", code)
	}
	return ts, st, gs, se, items
}

// TestFloorTappedTwice: a member's second tap on "Wortmeldung" and on
// "zurückziehen" (a phone, a slow network) finds done what it asked for:
// back to the session page with a note, one request on the list. Before,
// each second tap gave an error page (409 "steht bereits auf der
// Redeliste", 422 "Nur eine wartende Wortmeldung kann zurückgezogen
// werden").
func TestFloorTappedTwice(t *testing.T) {
	ts, st, _, _, items := calledFirstItem48(t)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	for i := range 2 {
		if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/wortmeldungen", nil); code != http.StatusSeeOther {
			t.Fatalf("tap %d on Wortmeldung: %d %s", i+1, code, between(body, "<main", "</main>"))
		}
	}
	list, _ := st.SpeakerRequests(ctx, items[0].ID)
	if len(list) != 1 || list[0].Speaker != "HE" {
		t.Fatalf("list after two taps: %+v", list)
	}
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, "Ihre Wortmeldung steht bereits auf der Redeliste.") {
		t.Error("the second tap is not noted")
	}
	for i := range 2 {
		if code, body := do(t, he, "POST", fmt.Sprintf("%s/wortmeldungen/%d/zurueckziehen", ts.URL, list[0].ID), nil); code != http.StatusSeeOther {
			t.Fatalf("tap %d on zurückziehen: %d %s", i+1, code, between(body, "<main", "</main>"))
		}
	}
	if list, _ := st.SpeakerRequests(ctx, items[0].ID); len(list) != 1 || list[0].Status != model.SpeakerWithdrawn {
		t.Errorf("list after withdrawing twice: %+v", list)
	}
}
