package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestDebriefNotAssembledLeadsOn: sprecher-hb's "Mein Bereich" links the
// debrief of the 47th session and names B-2025/27-IT as relevant for the
// Finanzministerkonferenz; the debrief's page, not yet assembled, said
// only "Die Geschäftsstelle hat die Nachbesprechung dieser Sitzung noch
// nicht zusammengestellt." — no link on, and not the decision. Now it
// links the session and names the decisions of the session known so far
// to concern the reader's conferences, as "Mein Bereich" names them, for
// the spokesperson and for the FachMK secretariat (before the invitation
// is sent, too) — as each may see them: a marked passage of the title
// blacked out for the FachMK, the reason of the assessment and the
// secretariat's invitation text not shown.
func TestDebriefNotAssembledLeadsOn(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	page47 := ts.URL + "/sitzungen/47/nachbesprechung"
	sp, fmk := client(t, ts, "sprecher-hb"), client(t, ts, "fmk")
	read := func(c *http.Client) string {
		t.Helper()
		code, page := do(t, c, "GET", page47, nil)
		if code != http.StatusOK {
			t.Fatalf("debrief page: %d", code)
		}
		return between(page, "<main", "</main>")
	}
	// The title with a passage kept back, the profile's reason.
	d27, err := st.Decision(ctx, decisionID(t, st, 27))
	if err != nil {
		t.Fatal(err)
	}
	title, err := model.ConfidentialMarks(d27.Title + " [[Haushaltsvorbehalt Bremen]]")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: d27.ID, Title: title, Reason: "Titel ergänzt", By: "geschaeftsstelle"}); err != nil {
		t.Fatal(err)
	}
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	form := url.Values{fmt.Sprintf("relevant_%d", fmkBody.ID): {"ja"}, fmt.Sprintf("grund_%d", fmkBody.ID): {"Steuerdatenschnittstelle betroffen"}}
	if code, _ := do(t, client(t, ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d27.ID), form); code != http.StatusSeeOther {
		t.Fatalf("profile: %d", code)
	}
	_, mine := do(t, sp, "GET", ts.URL+"/mein-bereich", nil)
	if !strings.Contains(between(mine, `id="h-relevant"`, "</section>"), "B-2025/27-IT") {
		t.Fatalf("HB's Mein Bereich does not name B-2025/27-IT:\n%s", between(mine, `id="h-relevant"`, "</section>"))
	}
	for _, c := range []struct {
		who    string
		client *http.Client
	}{{"the spokesperson", sp}, {"the FachMK secretariat", fmk}} {
		main := read(c.client)
		if !strings.Contains(main, "noch nicht zusammengestellt") {
			t.Fatalf("%s: not the page of a debrief not assembled:\n%s", c.who, main)
		}
		if !strings.Contains(main, `href="/sitzungen/47"`) {
			t.Errorf("%s: the page leads nowhere (no link to the session):\n%s", c.who, main)
		}
		known := between(main, `id="nb-bekannt"`, "</section>")
		if !strings.Contains(known, `href="/beschluesse/B-2025/27-IT"`) || !strings.Contains(known, "Nach bisherigem Stand betreffen diese Beschlüsse der 47. Sitzung") {
			t.Errorf("%s: the decision known to concern it is not named:\n%s", c.who, main)
		}
		if strings.Contains(main, "Steuerdatenschnittstelle") {
			t.Errorf("%s reads the reason of the assessment on the debrief's page:\n%s", c.who, main)
		}
	}
	if main := read(fmk); strings.Contains(main, "Haushaltsvorbehalt") {
		t.Errorf("the FachMK secretariat reads the passage kept back:\n%s", main)
	}
	if main := read(sp); !strings.Contains(main, "Haushaltsvorbehalt") {
		t.Errorf("the spokesperson does not read the decision as Mein Bereich shows it to them:\n%s", main)
	}

	// Saved, its invitation not sent: the FachMK secretariat reads nothing
	// of the debrief (the invitation text is the secretariat's), yet the
	// decisions known so far and the way back.
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	if _, err := st.CreateDebrief(ctx, model.Debrief{SessionID: s47.ID, HeldOn: model.NewDate(2025, 7, 10), Place: "Videokonferenz", Invitation: "Entwurf der Geschäftsstelle, nicht versandt",
		Entries: []model.DebriefEntry{{DecisionID: d27.ID, ConferenceID: fmkBody.ID, Presenter: "HE"}}}); err != nil {
		t.Fatal(err)
	}
	main := read(fmk)
	if !strings.Contains(main, "noch nicht versandt") || strings.Contains(main, "Entwurf der Geschäftsstelle") || strings.Contains(main, "10.07.2025") {
		t.Errorf("the FachMK secretariat reads the unsent debrief:\n%s", main)
	}
	if !strings.Contains(main, `href="/sitzungen/47"`) || !strings.Contains(between(main, `id="nb-bekannt"`, "</section>"), "B-2025/27-IT") {
		t.Errorf("the unsent debrief's page lacks the way back or the known decision:\n%s", main)
	}
	// The spokesperson reads the saved debrief itself, and the way back.
	if main := read(sp); !strings.Contains(main, "10.07.2025") || !strings.Contains(main, `href="/sitzungen/47"`) {
		t.Errorf("the spokesperson's saved debrief:\n%s", main)
	}
}

// TestRequestOnTheAgendaStandsSoEverywhere: after the secretariat accepted
// the item registered from a FachMK's request, only the request's page
// said "auf der Tagesordnung der 48. Sitzung … als TOP …"; the list
// /anliegen and the FachMK secretariat's "Mein Bereich" still said "als
// TOP angemeldet" and "Eines ist noch offen.". All three say it alike
// (model.RequestStanding), and a request on the agenda is answered, not
// open; while the registration waits for the secretariat it is still
// open, and said so alike.
func TestRequestOnTheAgendaStandsSoEverywhere(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk, gs := client(t, ts, "fmk"), client(t, ts, "geschaeftsstelle")
	if code, body := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {"Grundsteuerdaten"}, "text": {"Bitte um Befassung"}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d %.300s", code, body)
	}
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	qs, _ := st.Requests(ctx, fmkBody.ID)
	if len(qs) != 1 {
		t.Fatalf("requests: %+v", qs)
	}
	q := qs[0]
	s48, _ := planSession48(t, ts, st)
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/anliegen/%d/top", ts.URL, q.ID), url.Values{"sitzung": {"48"}, "abschnitt": {"0"}, "version": {fmt.Sprint(q.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("register: %d %.300s", code, body)
	}
	text := func(html string) string {
		return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(html, "")), " ")
	}
	surfaces := func() (detail, list, mine string) {
		t.Helper()
		_, page := do(t, fmk, "GET", fmt.Sprintf("%s/anliegen/%d", ts.URL, q.ID), nil)
		detail = text(between(page, `id="anliegen-top">`, "</dd>"))
		_, page = do(t, fmk, "GET", ts.URL+"/anliegen", nil)
		list = text(between(between(page, "<tbody>", "</tbody>"), `<span class="status`, "</span>"))
		_, page = do(t, fmk, "GET", ts.URL+"/mein-bereich", nil)
		mine = text(between(page, `id="h-fachmk-anliegen"`, "</section>"))
		return detail, list, mine
	}
	when := "am " + s48.Date.German()
	detail, list, mine := surfaces()
	registered := "als TOP zur 48. Sitzung " + when + " angemeldet; über die Aufnahme entscheidet die Geschäftsstelle"
	if detail != registered || !strings.HasSuffix(list, registered) || !strings.Contains(mine, registered) || !strings.Contains(mine, "Eines ist noch offen.") {
		t.Errorf("registered: page %q, list %q, Mein Bereich %q; want %q everywhere, and open", detail, list, mine, registered)
	}

	q, _ = st.Request(ctx, q.ID)
	it, _ := st.Item(ctx, q.ItemID)
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, between(body, "<main", "</main>"))
	}
	// Numbered and published, as the secretariat does (TOP 02 …).
	if _, err := st.NumberAgenda(ctx, s48.ID); err != nil {
		t.Fatal(err)
	}
	s48, _ = st.Session(ctx, s48.ID)
	s48.AgendaPublished = true
	if err := st.UpdateSession(ctx, s48); err != nil {
		t.Fatal(err)
	}
	it, _ = st.Item(ctx, it.ID)
	if it.Number == "" {
		t.Fatalf("the accepted item has no number: %+v", it)
	}
	detail, list, mine = surfaces()
	onAgenda := "auf der Tagesordnung der 48. Sitzung " + when + " als TOP " + it.Number
	if detail != onAgenda {
		t.Errorf("the request's page: %q, want %q", detail, onAgenda)
	}
	if !strings.HasSuffix(list, onAgenda) || strings.Contains(list, "als TOP angemeldet") {
		t.Errorf("the list: %q, want %q", list, onAgenda)
	}
	if !strings.Contains(mine, onAgenda) || strings.Contains(mine, "als TOP angemeldet") || !strings.Contains(mine, "Keines ist offen.") {
		t.Errorf("Mein Bereich: %q, want %q and none open", mine, onAgenda)
	}
	_, page := do(t, fmk, "GET", fmt.Sprintf("%s/anliegen/%d", ts.URL, q.ID), nil)
	if stand := text(between(page, `id="anliegen-stand">`, "</dd>")); stand != "auf der Tagesordnung" {
		t.Errorf("the request's page: Stand %q, want „auf der Tagesordnung“", stand)
	}
}

// TestMyRegistrationTitleLeadsToIt: a member office's "Mein Bereich"
// linked the title of each of its registrations to the session page's
// plain entry ("/sitzungen/48#top-N"), from which no link led on; only a
// second link, "Ihre Anmeldung ansehen oder zurückziehen", led to the
// registration. The title leads to the registration, the one link of the
// entry.
func TestMyRegistrationTitleLeadsToIt(t *testing.T) {
	ts, st := cycleServer(t)
	_, mine := planSession48(t, ts, st)
	_, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/mein-bereich", nil)
	section := between(page, `id="h-anmeldungen"`, "</section>")
	var entry string
	for _, li := range strings.Split(section, "<li>")[1:] {
		if strings.Contains(li, "Hessischer Bericht") {
			entry = li
		}
	}
	if entry == "" {
		t.Fatalf("the registration is not listed:\n%s", section)
	}
	if want := fmt.Sprintf(`<a href="/anmeldungen/%d">Hessischer Bericht</a>`, mine.ID); !strings.Contains(entry, want) {
		t.Errorf("the title does not lead to the registration (%s):\n%s", want, entry)
	}
	if n := strings.Count(entry, "<a "); n != 1 {
		t.Errorf("%d links in the entry, want the title's only:\n%s", n, entry)
	}
	if strings.Contains(page, `href="/sitzungen/48#top-`) {
		t.Errorf("Mein Bereich still links a registration to the session page's entry:\n%s", between(page, "<main", "</main>"))
	}
}

// TestRequestDeadlineSaysWhoseAgenda: the FachMK secretariat's "Was
// ansteht" read "Anmeldeschluss für Tagesordnungspunkte der 48. Sitzung:
// ein Anliegen, das auf ihre Tagesordnung soll, bis dahin einreichen" — the
// lower-case "ihre" read as a slip for "Ihre" (the reader's agenda).
func TestRequestDeadlineSaysWhoseAgenda(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48 := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	s48.RegistrationDeadline = model.BerlinDate(time.Now().AddDate(0, 0, 20))
	if err := st.UpdateSession(ctx, s48); err != nil {
		t.Fatal(err)
	}
	_, page := do(t, client(t, ts, "fmk"), "GET", ts.URL+"/mein-bereich", nil)
	due := between(page, `<h2 id="h-due">Was ansteht</h2>`, "</section>")
	if !strings.Contains(due, "Anmeldeschluss für Tagesordnungspunkte der 48. Sitzung: ein Anliegen, das auf deren Tagesordnung soll, bis dahin einreichen") || strings.Contains(due, "auf ihre Tagesordnung") {
		t.Errorf("Was ansteht:\n%s", due)
	}
}

// TestMemberSidePagesInBrowser: the pages changed above — the debrief not
// yet assembled with the decisions known so far, the requests' list and
// "Mein Bereich" with a request on the agenda, a member office's
// registrations — pass axe and do not scroll sideways at 320 px.
func TestMemberSidePagesInBrowser(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	planSession48(t, ts, st)
	if code, body := do(t, client(t, ts, "fmk"), "POST", ts.URL+"/anliegen", url.Values{"titel": {"Grundsteuerdaten"}, "text": {"Bitte um Befassung"}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d %.300s", code, body)
	}
	b := newBrowser(t, ts.URL)
	for _, c := range []struct {
		user  string
		paths []string
	}{
		{"sprecher-hb", []string{"/sitzungen/47/nachbesprechung", "/mein-bereich"}},
		{"fmk", []string{"/sitzungen/47/nachbesprechung", "/anliegen", "/mein-bereich"}},
		{"hessen", []string{"/mein-bereich"}},
	} {
		b.login(c.user)
		for _, p := range c.paths {
			b.visited = map[string]bool{} // each reader's version of the page
			b.page(p)
			noSidewaysScroll(t, b, c.user+" "+p)
		}
		b.logout()
	}
}
