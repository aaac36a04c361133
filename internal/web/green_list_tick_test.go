package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestGreenListTickNeedsAProposalOnManage: a report (no proposal) ticked
// "Grüne Liste" on the management page was saved ("Gespeichert."), while
// the recommendation form refused the same; the en-bloc vote then left
// it out. Now the row is refused with the recommendation's reason, at the
// checkbox, the row as typed.
func TestGreenListTickNeedsAProposalOnManage(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	_, it := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"entscheidung": {"annehmen"}, "version": {fmt.Sprint(it.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d", code)
	}
	it, _ = st.Item(ctx, it.ID)
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {"09"},
		"titel": {"Hessischer Bericht (neu)"}, "abschnitt": {"0"}, "gruene_liste": {"1"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("a report ticked for the Grüne Liste: %d", code)
	}
	for _, want := range []string{"Auf die Grüne Liste kommen nur TOPs mit einem Beschlussvorschlag",
		fmt.Sprintf(`id="gl-%d" name="gruene_liste" value="1" checked aria-invalid="true" aria-describedby="top-%d-fehler"`, it.ID, it.ID),
		`value="Hessischer Bericht (neu)"`, `name="nummer" size="4" value="09">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused row lacks %q: %s", want, between(page, fmt.Sprintf(`id="top-%d"`, it.ID), "</form>"))
		}
	}
	if got, _ := st.Item(ctx, it.ID); got.Consent || got.Title != it.Title {
		t.Errorf("the row was saved: %+v", got)
	}
}

// TestPublishAsksWhenGreenListIsSplit: an agenda whose Grüne Liste does
// not stand as one block (an item moved out of it) was published without
// a word, the list split in the members' message and the minutes. Now
// publishing asks for the confirmation, as for numbers out of order.
func TestPublishAsksWhenGreenListIsSplit(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, _ := planSession48(t, ts, st)
	listed, err := st.CreateItem(ctx, model.AgendaItem{SessionID: s48.ID, Title: "Grün vorneweg", Status: model.ItemAccepted, Consent: true, Position: 0})
	if err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if box := between(page, `id="gruene-liste-getrennt"`, "</div>"); !strings.Contains(box, fmt.Sprintf(`<a href="#top-%d">Grün vorneweg</a>`, listed)) {
		t.Errorf("the management page does not name the split list: %q", box)
	}
	form := publishUnnumbered(t, st, 48)
	form.Set("ausser_reihe", "ja")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Die TOPs der Grünen Liste stehen nicht als ein Block an ihrem Platz") ||
		!strings.Contains(page, `id="gruene-liste-getrennt-ok"`) {
		t.Fatalf("publishing a split Grüne Liste: %d %s", code, between(page, "<main", "</form>"))
	}
	if se, _ := st.Session(ctx, s48.ID); se.AgendaPublished {
		t.Fatal("published")
	}
	form.Set("gruene_liste_getrennt", "ja")
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", form); code != http.StatusSeeOther {
		t.Fatalf("publishing confirmed: %d", code)
	}
}

// TestAcceptanceWarningIsInView: the warning of an acceptance whose
// application does not yet suffice stood at the page's top while the
// redirect went to "#tagesordnung", 700 px below: off screen. Now a
// warning lands at the top; a plain notice still at the agenda. The
// decline's notice ends with a full stop, as the acceptance's does.
func TestAcceptanceWarningIsInView(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	decide := func(id int64, form url.Values) (string, string) {
		t.Helper()
		it, err := st.Item(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		form.Set("version", fmt.Sprint(it.Version))
		res, err := gs.PostForm(fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, id), form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("decision: %d", res.StatusCode)
		}
		_, page := do(t, gs, "GET", ts.URL+res.Header.Get("Location"), nil)
		return res.Header.Get("Location"), between(page, `<div class="notice-box"`, "</div>")
	}
	short := registerAs(t, ts, he, url.Values{"titel": {"Cloud-Strategie"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Cloud-Strategie."}, "antrag": {"HE, HH, BB"}})
	if to, box := decide(short, url.Values{"entscheidung": {"annehmen"}}); to != "/sitzungen/48/verwaltung" || !strings.Contains(box, "Achtung, der Antrag reicht noch nicht aus:") {
		t.Errorf("the acceptance with a warning goes to %s: %s", to, box)
	}
	plain := registerAs(t, ts, he, url.Values{"titel": {"Bericht Cloud"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	if to, box := decide(plain, url.Values{"entscheidung": {"annehmen"}}); to != "/sitzungen/48/verwaltung#tagesordnung" || !strings.Contains(box, "„Bericht Cloud“: auf der Tagesordnung.<") {
		t.Errorf("the plain acceptance goes to %s: %s", to, box)
	}
	declined := registerAs(t, ts, he, url.Values{"titel": {"Bericht Steuer"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	if _, box := decide(declined, url.Values{"entscheidung": {"ablehnen"}, "grund": {"Thema der FMK"}}); !strings.Contains(box, "„Bericht Steuer“: abgelehnt.<") {
		t.Errorf("the decline's notice: %s", box)
	}
}

// TestRecommendationsShowTheItemsListState: the recommendations page's
// column "Grüne Liste" read the recommendation's state only: "–" for an
// item the secretariat ticked onto the list on the management page, and
// "auf der Grünen Liste" for one adopted en bloc. Now it reads the item.
func TestRecommendationsShowTheItemsListState(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := context.Background()
	main, al := planPair48(t, st)
	item := recommendationItem(t, st, main)
	// The AL-Runde's day has come (it opens on its day, not before).
	alSession, _ := st.Session(ctx, al)
	st.SetClock(func() time.Time { return alSession.Date.Time().Add(10 * time.Hour) })
	t.Cleanup(func() { st.SetClock(time.Now) })
	publishAgendaForTest(t, st, al)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, al)
		if err := st.SetSessionStatus(ctx, al, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	_, draft, err := st.ProposeRecommendation(ctx, model.Recommendation{SessionID: al, TargetItemID: item, Kind: model.RecommendAdopt})
	if err != nil {
		t.Fatal(err)
	}
	runPrepVote(t, st, al, draft)
	st.SetClock(time.Now)
	gs := client(t, ts, "geschaeftsstelle")
	column := func(nr int, title string) string {
		t.Helper()
		_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/%d/empfehlungen", ts.URL, nr), nil)
		row := between(page, title+"</a></th>", "</tr>")
		if row == "" {
			t.Fatalf("no row %q on the recommendations of the %d.: %s", title, nr, between(page, "<table", "</table>"))
		}
		return between(row, "</td>", "</td>")
	}
	if got := column(48, "Föderales Datenportal"); !strings.Contains(got, "–") {
		t.Errorf("before the tick: %q", got)
	}
	it, _ := st.Item(ctx, item)
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, item), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {it.Number},
		"titel": {it.Title}, "abschnitt": {fmt.Sprint(it.SectionID)}, "gruene_liste": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("tick: %d", code)
	}
	if got := column(48, "Föderales Datenportal"); !strings.Contains(got, "auf der Grünen Liste") {
		t.Errorf("ticked on the management page: %q", got)
	}
	// The 47th session (the demo) adopted its Grüne Liste en bloc.
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	var listed model.AgendaItem
	for _, x := range items {
		if x.Consent {
			listed = x
			break
		}
	}
	if got := column(47, strings.TrimSpace(listed.Label()+" "+listed.Title)); !strings.Contains(got, "ohne Aussprache angenommen (Grüne Liste)") {
		t.Errorf("adopted en bloc: %q", got)
	}
}

// TestPullAfterPublicationSaysWhereTheItemStays: an item taken off the
// Grüne Liste of a published agenda keeps its place at the list (a
// published agenda keeps its order), so its section stood twice, and
// nothing told the secretariat. Now the pull's notice says so, and how
// to move it; before publication (the item back in its section) it
// does not.
func TestPullAfterPublicationSaysWhereTheItemStays(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, _ := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	pull := func(title string) string {
		t.Helper()
		id, err := st.CreateItem(ctx, model.AgendaItem{SessionID: s48.ID, Title: title, Status: model.ItemAccepted, Consent: true})
		if err != nil {
			t.Fatal(err)
		}
		if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/gruene-liste/herausnehmen", ts.URL, id), url.Values{"mitglied": {"HE"}}); code != http.StatusSeeOther {
			t.Fatalf("pull %s: %d", title, code)
		}
		_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48", nil)
		return between(page, `<div class="notice-box"`, "</div>")
	}
	if box := pull("Vor der Veröffentlichung"); !strings.Contains(box, "von der Grünen Liste genommen") || strings.Contains(box, "bleibt an seinem Platz") {
		t.Errorf("the pull before publication: %s", box)
	}
	se, _ := st.Session(ctx, s48.ID)
	se.AgendaPublished = true
	if err := st.UpdateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	if box := pull("Nach der Veröffentlichung"); !strings.Contains(box, "Der TOP bleibt an seinem Platz in der veröffentlichten Tagesordnung (bei der Grünen Liste); verschoben wird er in der Verwaltung der Sitzung mit den Pfeilen ↑ und ↓.") {
		t.Errorf("the pull after publication: %s", box)
	}
}
