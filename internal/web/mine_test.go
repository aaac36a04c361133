package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestMyPagePerRole: "Mein Bereich" was the same thin page for member
// offices and spokespersons. A spokesperson now sees the decision marked
// relevant for their conference; a member office its pending votes, its
// registrations, the follow-ups it owes and the draft minutes to comment;
// the secretariat what waits for it.
func TestMyPagePerRole(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council := mustBody(t, st)
	// Hessen registers for the 48th session; a written procedure runs.
	_, reg := planSession48(t, ts, st)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zum Cloud-Einsatz", Points: []model.Point{{Label: "1.", Text: "Text."}}, Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CastVote(ctx, pid, "Bund", model.VoteYes); err != nil {
		t.Fatal(err)
	}
	// A follow-up of the 47th session for Hessen.
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	items47, _ := st.Items(ctx, s47.ID)
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items47[1].ID, Text: "Hessen berichtet zur Informationssicherheit", Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	// Decision 26 is marked relevant for a conference of Bremen's spokesperson.
	var hbConf model.Body
	as, _ := st.Assignments(ctx, 0)
	for _, a := range as {
		if a.Member == "HB" {
			hbConf, _ = st.Body(ctx, a.ConferenceID)
			break
		}
	}
	if hbConf.ID == 0 {
		t.Fatal("no conference of HB in the demo")
	}
	gs := client(t, ts, "geschaeftsstelle")
	form := url.Values{fmt.Sprintf("relevant_%d", hbConf.ID): {"ja"}, fmt.Sprintf("grund_%d", hbConf.ID): {"betrifft die Registermodernisierung"}}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, decisionID(t, st, 26)), form); code != http.StatusSeeOther {
		t.Fatalf("profile of 26: %d", code)
	}

	page := func(who string) string {
		code, body := do(t, client(t, ts, who), "GET", ts.URL+"/mein-bereich", nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", who, code)
		}
		for _, p := range wellFormedProblems(body) {
			t.Errorf("%s: %s", who, p)
		}
		return between(body, "<main", "</main>")
	}
	check := func(who, body string, want, not []string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: missing %q", who, w)
			}
		}
		for _, n := range not {
			if strings.Contains(body, n) {
				t.Errorf("%s: shows %q", who, n)
			}
		}
	}
	he := page("hessen")
	check("hessen", he, []string{"Offene Abstimmungen", "Empfehlung zum Cloud-Einsatz", "Ihre Stimme fehlt",
		reg.Title, "48. Sitzung: angemeldet", "Hessen berichtet zur Informationssicherheit", "Protokoll der 47. Sitzung", "noch kein Kommentar von Ihnen"},
		[]string{"Anmeldungen zur Entscheidung", "Relevante Beschlüsse"})
	if code, _ := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/umlaufverfahren/%d/stimme", ts.URL, pid), url.Values{"stimme": {"enthaltung"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("vote: %d", code)
	}
	check("hessen after voting", page("hessen"), []string{"Ihre Stimme: Enthaltung"}, nil)
	by := page("bund")
	check("bund", by, []string{"Ihre Stimme: Ja"}, []string{reg.Title, "Hessen berichtet"})
	hb := page("sprecher-hb")
	// B-2025/27-IT has no profile, but its registration states the FMK
	// as affected: relevant as in the debrief pack and the FMK's dossier
	// (before, only profiles counted and the spokesperson missed it).
	check("sprecher-hb", hb, []string{"Relevante Beschlüsse ab der 47. Sitzung", "B-2025/26-IT", "relevant für die " + hbConf.Name, "betrifft die Registermodernisierung", hbConf.Name,
		"B-2025/27-IT", "relevant für die Finanzministerkonferenz (" + store.ImpactReason + ")"},
		[]string{"Offene Abstimmungen", "Anmeldungen zur Entscheidung"})
	sec := page("geschaeftsstelle")
	check("geschaeftsstelle", sec, []string{"Anmeldungen zur Entscheidung", reg.Title, `angemeldet von <abbr title="Hessen">HE</abbr>`, "Laufende Umlaufverfahren", "Empfehlung zum Cloud-Einsatz",
		"2 Stimmen abgegeben", "Nachbesprechung der 47. Sitzung", "2 relevante Beschlüsse"}, []string{"Ihre Stimme fehlt"})
	if code, _ := do(t, client(t, ts, ""), "GET", ts.URL+"/mein-bereich", nil); code != http.StatusSeeOther {
		t.Errorf("the public reaches Mein Bereich: %d", code)
	}
}

// TestMyPageShowsMostUrgentFollowUps: "Mein Bereich" listed every pending
// follow-up of the member, however long its history (issue 18). It shows
// the MyFollowUps most urgent ones, overdue first, with the count and a
// link to the member's whole list of pending follow-ups.
func TestMyPageShowsMostUrgentFollowUps(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council := mustBody(t, st)
	hessen := client(t, ts, "hessen")
	count := regexp.MustCompile(`href="/mitglieder/HE/auftraege\?status=ausstehend">Alle offenen Aufträge Ihres Mitglieds Hessen \((\d+)\)</a>`)
	section := func() (string, int) {
		t.Helper()
		code, body := do(t, hessen, "GET", ts.URL+"/mein-bereich", nil)
		if code != http.StatusOK {
			t.Fatalf("mein-bereich: %d", code)
		}
		body = between(body, `id="h-auftraege"`, "</section>")
		m := count.FindStringSubmatch(body)
		if m == nil {
			return body, 0
		}
		n, _ := strconv.Atoi(m[1])
		return body, n
	}
	_, before := section()
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	items47, _ := st.Items(ctx, s47.ID)
	for i := range MyFollowUps + 1 {
		if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items47[1].ID, Text: fmt.Sprintf("Hessen berichtet zum Thema %d", i), Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
			t.Fatal(err)
		}
	}
	// The last one entered is overdue: it comes first.
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items47[1].ID, Text: "Hessen berichtet überfällig", Responsible: "HE", Status: model.FollowUpOpen, DueDate: model.NewDate(2025, 7, 1)}); err != nil {
		t.Fatal(err)
	}
	body, n := section()
	if want := before + MyFollowUps + 2; n != want {
		t.Errorf("the link counts %d pending follow-ups, want %d:\n%s", n, want, body)
	}
	if got := strings.Count(body, "<li>"); got != MyFollowUps {
		t.Errorf("%d follow-ups shown, want %d", got, MyFollowUps)
	}
	if first := between(body, "<li>", "</li>"); !strings.Contains(first, "Hessen berichtet überfällig") || !strings.Contains(first, "überfällig)") {
		t.Errorf("the overdue follow-up is not first: %s", first)
	}
	if !strings.Contains(body, "dringendsten") || !strings.Contains(body, "davon") {
		t.Errorf("no count of the pending and overdue ones:\n%s", body)
	}
	// The link leads to the member's pending follow-ups, all of them.
	code, list := do(t, hessen, "GET", ts.URL+"/mitglieder/HE/auftraege?status=ausstehend", nil)
	if code != http.StatusOK || !strings.Contains(list, "Hessen berichtet zum Thema 10") || strings.Count(list, `<a href="/auftraege/`) != n {
		t.Errorf("the member's pending follow-ups: %d, %d shown, want %d", code, strings.Count(list, `<a href="/auftraege/`), n)
	}
}

// TestMyPageShowsSessionVote: a member office sees the vote open in a
// running session until it has cast its own.
func TestMyPageShowsSessionVote(t *testing.T) {
	ts, st := cycleServer(t)
	screenState(t, ts, st)
	openConsentVote(t, ts, st)
	he := client(t, ts, "hessen")
	_, page := do(t, he, "GET", ts.URL+"/mein-bereich", nil)
	votes := between(page, `id="h-abstimmungen"`, "</section>")
	if !strings.Contains(votes, "Grüne Liste (Beschluss en bloc)</a> – in der 48. Sitzung, <strong>Ihre Stimme fehlt</strong>") {
		t.Fatalf("open session vote not shown:\n%s", votes)
	}
	council := mustBody(t, st)
	s48, _ := st.SessionByNumber(context.Background(), council.ID, 48)
	v, open, err := st.OpenSessionVote(context.Background(), s48.ID)
	if err != nil || !open {
		t.Fatalf("vote: %v %v", open, err)
	}
	if code, body := do(t, he, "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, v.ID), url.Values{"stimme": {"ja"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("cast: %d %s", code, between(body, "<main", "</main>"))
	}
	_, page = do(t, he, "GET", ts.URL+"/mein-bereich", nil)
	if votes := between(page, `id="h-abstimmungen"`, "</section>"); !strings.Contains(votes, "Ihre Stimme ist abgegeben") {
		t.Errorf("after voting:\n%s", votes)
	}
}

// TestFollowUpWordingForTheBund: the Bund's office read "Was Bund schuldet",
// "Aufträge, für die Bund verantwortlich ist" and "Alle offenen Aufträge von
// Bund" — the name set into sentences that need its article. The pages
// name the member without such a sentence.
func TestFollowUpWordingForTheBund(t *testing.T) {
	ts, _ := cycleServer(t)
	bund := client(t, ts, "bund")
	for _, path := range []string{"/mein-bereich", "/mitglieder/Bund/auftraege"} {
		_, page := do(t, bund, "GET", ts.URL+path, nil)
		for _, bad := range []string{"Bund schuldet", "für die Bund", "von Bund"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s reads %q", path, bad)
			}
		}
	}
	if _, page := do(t, bund, "GET", ts.URL+"/mitglieder/Bund/auftraege", nil); !strings.Contains(page, "<h1>Aufträge: Bund</h1>") {
		t.Error("the member's follow-up page does not name the Bund in its heading")
	}
}

// TestMyPageLeadsToTheRegistration: "Ihre Anmeldungen zur Tagesordnung"
// said only that the office had registered nothing, with no way to the
// registration of the coming session. It now links each session still
// taking items, with its registration deadline; not the past ones, and not
// for an advisory member, who registers no items.
func TestMyPageLeadsToTheRegistration(t *testing.T) {
	ts, st, srv := cycleServerOf(t)
	srv.SetClock(func() time.Time { return time.Date(2026, 11, 2, 9, 0, 0, 0, model.Berlin) })
	planSession48Until(t, ts, st, model.NewDate(2026, 11, 6))
	_, page := do(t, client(t, ts, "bund"), "GET", ts.URL+"/mein-bereich", nil)
	if !strings.Contains(page, `<a href="/sitzungen/48/anmeldung">Tagesordnungspunkt für die 48. Sitzung am 20.11.2026 anmelden</a> (Anmeldeschluss: 06.11.2026)`) {
		t.Error("Mein Bereich does not lead to the registration for the 48th session")
	}
	if strings.Contains(page, "/sitzungen/47/anmeldung") {
		t.Error("Mein Bereich offers the registration for the past 47th session")
	}
	if _, page := do(t, client(t, ts, "dlt"), "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, "/anmeldung\"") {
		t.Error("an advisory member is offered a registration it may not make")
	}
}

// TestSpokespersonPageListsOwnTasks: "Aufgaben der Sprecher:innen" in a
// spokesperson's Mein Bereich listed every task of the matrix, FITKO's
// alone among them ("Sprecher:in: –"), and led nowhere. It lists the
// tasks the spokesperson has a part in and links the task list of each
// of their FachMK, where the state is kept.
func TestSpokespersonPageListsOwnTasks(t *testing.T) {
	ts, _ := cycleServer(t)
	_, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
	start := strings.Index(page, `id="h-aufgaben"`)
	if start < 0 {
		t.Fatal("no task section")
	}
	section := page[start:]
	section = section[:strings.Index(section, "</section>")]
	if !strings.Contains(section, "Initiierung individueller Dialogformate") {
		t.Error("a task the spokesperson is responsible for is missing")
	}
	if strings.Contains(section, "Sprecher:in: –") || strings.Contains(section, "Erstellung von Handakten") {
		t.Error("FITKO's own tasks are listed as the spokesperson's")
	}
	if !strings.Contains(section, `<a href="/fachmk/FMK/aufgaben">Finanzministerkonferenz</a>`) {
		t.Error("no way to the task list of the spokesperson's FachMK")
	}
}

// TestSpokespersonSeesComingItems: Mein Bereich lists the items of the
// next session whose registration states one of the spokesperson's
// conferences as affected — the items to follow and to invite the FachMK
// to (Tabelle 3: "Proaktive Einladung von FachMK-Vertretern zu
// ausgewähltem TOP"). Before, the spokesperson had to read every agenda
// item's registration to find them. A registration not yet on the agenda
// stays hidden (the publication gate's SeesItem).
func TestSpokespersonSeesComingItems(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	gmk, _ := st.BodyByAbbrev(ctx, "GMK")
	for _, it := range []model.AgendaItem{
		{SessionID: se.ID, Number: "5", Title: "E-Rechnung in den Landeshaushalten", Status: model.ItemAccepted, Impact: model.Impact{Stated: true, ConferenceIDs: []int64{gmk.ID, fmk.ID}}},
		{SessionID: se.ID, Number: "6", Title: "Krankenhausregister", Status: model.ItemAccepted, Impact: model.Impact{Stated: true, ConferenceIDs: []int64{gmk.ID}}},
		{SessionID: se.ID, Title: "Noch nicht aufgenommene Steuerdaten", Status: model.ItemRegistered, RegisteredBy: "HE", Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk.ID}}},
	} {
		if _, err := st.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	// An item for the FMK deferred to the 49th session stands on the
	// 48th's agenda marked so; the list said nothing of it.
	planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 90)))
	deferred, err := st.CreateItem(ctx, model.AgendaItem{SessionID: se.ID, Number: "7", Title: "Grundsteuer digital", Status: model.ItemAccepted, Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.DeferItem(ctx, store.Deferral{ItemID: deferred, Version: 1, Target: 49}); err != nil {
		t.Fatal(err)
	}
	_, full := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
	for _, p := range wellFormedProblems(full) {
		t.Error(p)
	}
	page := between(full, "<main", "</main>")
	if !strings.Contains(page, "Tagesordnungspunkte für Ihre Fachministerkonferenzen") || !strings.Contains(page, "E-Rechnung in den Landeshaushalten</a>: betrifft laut Anmeldung die Finanzministerkonferenz") {
		t.Error("the spokesperson does not see the coming item for the FMK")
	}
	if !strings.Contains(page, "Grundsteuer digital</a> (vertagt auf die 49. Sitzung): betrifft laut Anmeldung die Finanzministerkonferenz") {
		t.Errorf("the deferred item is not marked: %s", between(page, "Tagesordnungspunkte für Ihre", "</ul>"))
	}
	for _, not := range []string{"Krankenhausregister", "Noch nicht aufgenommene Steuerdaten"} {
		if strings.Contains(page, not) {
			t.Errorf("the spokesperson of FMK and JFMK sees %q", not)
		}
	}
}

// TestMyPageOfAFachMKSecretariat: a FachMK's secretariat has a "Mein
// Bereich" of its own — its conference, its requests with their state,
// the evaluation — linked from the navigation (before: "Keine
// Berechtigung", and no link, although the page had a section for it).
func TestMyPageOfAFachMKSecretariat(t *testing.T) {
	ts, st := cycleServer(t)
	fmk := client(t, ts, "fmk")
	if code, _ := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {"Digitale Steuerbescheide"}}); code != http.StatusSeeOther {
		t.Fatalf("request: %d", code)
	}
	code, page := do(t, fmk, "GET", ts.URL+"/mein-bereich", nil)
	if code != http.StatusOK {
		t.Fatalf("/mein-bereich of the FMK's secretariat: %d", code)
	}
	for _, want := range []string{`<a href="/mein-bereich" aria-current="page">Mein Bereich</a>`, `href="/fachmk/FMK"`, "Digitale Steuerbescheide", "Eines ist noch offen.", `href="/evaluation"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the FachMK secretariat's page lacks %q", want)
		}
	}
	// Nothing of the IT-PLR's internal work: no other section, no other
	// conference's requests.
	amk, err := st.BodyByAbbrev(context.Background(), "AMK")
	if err != nil {
		t.Fatal(err)
	}
	qs, _ := st.Requests(context.Background(), amk.ID)
	for _, q := range qs {
		if strings.Contains(page, q.Title) {
			t.Errorf("the FMK's page shows the AMK's request %q", q.Title)
		}
	}
	// Its personal calendar holds what it may see
	// (TestFachMKSecretariatHasAPersonalCalendar), so the page links it.
	for _, never := range []string{`id="h-abstimmungen"`, "Freigabe", `href="/auftraege"`} {
		if strings.Contains(page, never) {
			t.Errorf("the FachMK secretariat's page shows %q", never)
		}
	}
}

// TestSpokespersonSeesOwnResignation: once the resignation of their
// function is announced, the spokesperson's "Mein Bereich" says with which
// session it ends (concept 1.2); before, the conference card looked as
// before the announcement until the function had ended.
func TestSpokespersonSeesOwnResignation(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	as, err := st.Assignments(ctx, mustBodyAbbrev(t, st, "FMK").ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Member == "HB" {
			if _, err := st.AnnounceResignation(ctx, a.ID, a.Version, model.BerlinDate(time.Now())); err != nil {
				t.Fatal(err)
			}
		}
	}
	_, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
	card := between(page, `<h3 id="mk-`, "Termine abonnieren")
	if !strings.Contains(card, "Finanz") || !strings.Contains(card, "Ihre Sprecherfunktion endet mit der 48. Sitzung") {
		t.Errorf("the FMK card does not say the function ends:\n%s", card)
	}
	if n := strings.Count(page, "Ihre Sprecherfunktion endet"); n != 1 {
		t.Errorf("the function's end is shown %d times, want once (the FMK's, not the JFMK's)", n)
	}
}

// TestMyPageCoversTheALRunde: "Mein Bereich" read only the council's
// sessions. The secretariat minutes the AL-Runde too, and the members vote
// and comment its draft minutes there, but the 39th AL-Runde's draft
// waited for release unlisted, and a vote running in the AL-Runde or its
// minutes open for comment never showed; the links went to the council's
// session of the same number.
func TestMyPageCoversTheALRunde(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	mine := func(who string) string {
		t.Helper()
		code, body := do(t, client(t, ts, who), "GET", ts.URL+"/mein-bereich", nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", who, code)
		}
		return between(body, "<main", "</main>")
	}
	// The demo's 39th AL-Runde has ended; its draft is not released.
	if page := mine("geschaeftsstelle"); !strings.Contains(page, `<a href="/gremien/al-runde/sitzungen/39/verwaltung">39. AL-Runde</a>`) {
		t.Errorf("the secretariat does not see the 39th AL-Runde's draft to release:\n%s", between(page, `id="h-freigeben"`, "</section>"))
	}
	// Its draft is released for comment; the 40th AL-Runde runs a vote.
	al39, _ := st.SessionByNumber(ctx, prep.ID, 39)
	if err := st.SetSessionStatus(ctx, al39.ID, al39.Version, model.StatusMinutesDraft); err != nil {
		t.Fatal(err)
	}
	sections, _ := st.Sections(ctx, prep.ID)
	sid, err := st.PlanSession(ctx, model.Session{BodyID: prep.ID, Number: 40, Date: model.NewDate(2025, 9, 4), Status: model.StatusRunning}, itplr.PrepStandardItems(40, sections))
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "3", Title: "Cloud-Strategie", Position: 3, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.CreateDecision(ctx, model.Decision{BodyID: prep.ID, SessionID: sid, ItemID: item, Kind: model.KindRecommendation, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Empfehlung zur Cloud-Strategie", Points: []model.Point{{Label: "1.", Text: "Die AL-Runde empfiehlt die Cloud-Strategie."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	presentExcept(t, st, sid)
	if _, err := st.OpenVote(ctx, sid, d); err != nil {
		t.Fatal(err)
	}
	page := mine("hessen")
	for _, want := range []string{`<a href="/gremien/al-runde/sitzungen/40/abstimmung">Empfehlung zur Cloud-Strategie</a>`, `<a href="/gremien/al-runde/sitzungen/39#kommentare">Protokoll der 39. AL-Runde</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("hessen's page lacks %s", want)
		}
	}
	// The links lead to the AL-Runde's pages.
	for _, path := range []string{"/gremien/al-runde/sitzungen/40/abstimmung", "/gremien/al-runde/sitzungen/39"} {
		if code, _ := do(t, client(t, ts, "hessen"), "GET", ts.URL+path, nil); code != http.StatusOK {
			t.Errorf("hessen: %s: %d", path, code)
		}
	}
}

// TestFachMKMyPageListsWhatIsDue: "Mein Bereich" of a FachMK secretariat
// linked its conference's page and calendar file, and a spokesperson's
// linked the personal calendar and the debrief, instead of saying what is
// due. Both list it now under "Was ansteht", each with its date, nearest
// first: the council's next session, the day registrations for it close
// (the secretariat's requests) or the reports for "Reporting FachMK" are
// due (the spokesperson's), and the coming dates of the conference.
func TestFachMKMyPageListsWhatIsDue(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council := mustBody(t, st)
	sections, _ := st.Sections(ctx, council.ID)
	on := model.BerlinDate(time.Now().AddDate(0, 0, 30))
	closes := model.BerlinDate(time.Now().AddDate(0, 0, 10))
	if _, err := st.PlanSession(ctx, model.Session{BodyID: council.ID, Number: 48, Status: model.StatusPlanned, Date: on, Place: "Berlin", RegistrationDeadline: closes},
		itplr.StandardItems(48, sections)); err != nil {
		t.Fatal(err)
	}
	if code, body := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/fachmk/FMK/termine",
		url.Values{"titel": {"Frühjahrskonferenz 2099"}, "beginn": {"2099-05-20"}, "ende": {"2099-05-21"}, "ort": {"Bremen"}}); code != http.StatusSeeOther {
		t.Fatalf("add date: %d %s", code, body)
	}
	se48 := "48. Sitzung des IT-Planungsrats"
	for user, want := range map[string][]string{
		"fmk":         {closes.German() + "</strong>: <a href=\"/anliegen\">Anmeldeschluss für Tagesordnungspunkte der 48. Sitzung", on.German() + "</strong>: <a href=\"/sitzungen/48\">" + se48, "20.05.2099</strong>: <a href=\"/fachmk/FMK\">Sitzung der Finanzministerkonferenz: Frühjahrskonferenz 2099 (bis 21.05.2099), Bremen"},
		"sprecher-hb": {model.ReportDeadline(model.Session{Date: on}).German() + "</strong>: <a href=\"/sitzungen/48/reporting-fachmk\">Berichte für „Reporting FachMK“", on.German() + "</strong>: <a href=\"/sitzungen/48\">" + se48, "20.05.2099</strong>: <a href=\"/fachmk/FMK\">Sitzung der Finanzministerkonferenz: Frühjahrskonferenz 2099"},
	} {
		_, page := do(t, client(t, ts, user), "GET", ts.URL+"/mein-bereich", nil)
		due := between(page, `<h2 id="h-due">Was ansteht</h2>`, "</section>")
		at := -1
		for _, w := range want {
			i := strings.Index(due, w)
			if i < 0 {
				t.Errorf("%s: \"Was ansteht\" lacks %q:\n%s", user, w, due)
				continue
			}
			if i < at {
				t.Errorf("%s: %q is not in date order:\n%s", user, w, due)
			}
			at = i
		}
		for _, p := range wellFormedProblems(page) {
			t.Errorf("%s: %s", user, p)
		}
	}
}

// TestKickoffStandsInWhatIsDue: the spokesperson's kick-off talk not yet
// held stood in the conference's card only; "Was ansteht", the list of
// what is due, left it out (the two came from branches built side by
// side). It stands there with the day of the session it is due by (an
// overdue one first, as of today); once the talk is recorded it is gone.
func TestKickoffStandsInWhatIsDue(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	due := func() string {
		t.Helper()
		_, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
		return between(page, `<h2 id="h-due">Was ansteht</h2>`, "</section>")
	}
	// The demo names HB on 10.11.2022, before the recorded sessions
	// begin: the due session cannot be counted, so the talk has no day to
	// stand in the list by (TestKickoffDueNotKnownBeforeTheRecords).
	if list := due(); strings.Contains(list, "Auftaktgespräch") {
		t.Errorf("the kick-off talk whose due session is not known stands in \"Was ansteht\":\n%s", list)
	}
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	as, _ := st.Assignments(ctx, fmk.ID)
	for _, a := range as {
		if a.Member == "HB" {
			a.StartOn = model.BerlinDate(time.Now().AddDate(0, 0, -10))
			if err := st.UpdateAssignment(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	s49 := planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 120)))
	list := due()
	want := s49.Date.German() + `</strong>: <a href="/fachmk/FMK#gespraeche">Auftaktgespräch mit der Finanzministerkonferenz führen (fällig bis zur 49. Sitzung)`
	if !strings.Contains(list, want) {
		t.Fatalf("\"Was ansteht\" lacks the kick-off talk due by the 49th session:\n%s", list)
	}
	if _, err := st.CreateSpokespersonContact(ctx, model.SpokespersonContact{ConferenceID: fmk.ID, Member: "HB", Kind: model.ContactKickoff, HeldOn: model.BerlinDate(time.Now().AddDate(0, 0, -1)),
		With: "Vorsitz der FMK", Topics: "Digitale Steuerverwaltung", RecordedBy: "Dr. Martin Hagen"}, "HB"); err != nil {
		t.Fatal(err)
	}
	if list := due(); strings.Contains(list, "Auftaktgespräch mit der Finanzministerkonferenz") {
		t.Errorf("the kick-off talk held still stands in \"Was ansteht\":\n%s", list)
	}
}

// TestSecretariatFindsItsWorkAreas: the secretariat reaches the requests,
// briefings, the evaluation, the task matrix and the outbox from "Mein
// Bereich" (before, no page but a conference's led there), and every link
// works; a member office sees none of them there.
func TestSecretariatFindsItsWorkAreas(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
	areas := between(page, `id="h-arbeitsbereiche"`, "</section>")
	for _, path := range []string{"/anliegen", "/briefings", "/evaluation", "/evaluation/ergebnisse", "/aufgaben", "/postausgang"} {
		if !strings.Contains(areas, `href="`+path+`"`) {
			t.Errorf("Mein Bereich of the secretariat does not link %s", path)
			continue
		}
		if code, _ := do(t, gs, "GET", ts.URL+path, nil); code != http.StatusOK {
			t.Errorf("%s: %d", path, code)
		}
	}
	if _, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, `id="h-arbeitsbereiche"`) {
		t.Error("a member office's Mein Bereich shows the secretariat's work areas")
	}
}
