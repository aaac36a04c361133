package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// The screenshot walk: every page of every role, opened in chromium at
// 1366 px and at 320 px width, checked with axe-core and for sideways
// scrolling; with GREMIUM_SCREENSHOTS=DIR it writes one JPEG per page and
// width (viewport 900 px high) to DIR, named ROLE-PAGE-1366.jpg and
// ROLE-PAGE-320.jpg. TestScreenPagesCoverEveryRoute fails for an HTML page
// registered in routes.go that the walk does not visit, so a new page gets
// its place in screenPages (and its screenshots) when it lands.
//
//	GREMIUM_SCREENSHOTS=$PWD/docs/screenshots GREMIUM_AXE=/path/to/axe.min.js \
//	  go test -count=1 -run TestEveryPageInBrowser ./internal/web/

// screenPage is one page of the walk: who opens it, its address and the
// name of its screenshots. {procedure}, {decision} and {conference} are
// filled from the walk's data.
type screenPage struct {
	role, path, name string
}

// screenRoles are the accounts of the walk, in order ("" is the public).
var screenRoles = []string{"", "geschaeftsstelle", "hessen", "dlt", "sprecher-hb", demo.FachMKAccount}

// screenPages lists the pages per role.
var screenPages = []screenPage{
	{"", "/", "startseite"},
	{"", "/sitzungen", "sitzungen"},
	{"", "/sitzungen/47", "sitzung-47"},
	{"", "/sitzungen/47/protokoll", "protokoll-47"},
	{"", "/sitzungen/46", "sitzung-46"},
	{"", "/sitzungen/48", "sitzung-48-laufend"},
	{"", "/sitzungen/48/live", "live-48"},
	{"", "/sitzungen/kalender", "sitzungskalender"},
	{"", "/auftraege", "auftraege"},
	{"", "/auftraege/nr/{followupnr}", "auftrag"},
	{"", "/mitglieder/HE/auftraege", "auftraege-hessen"},
	{"", "/beschluesse", "beschluesse"},
	{"", "/beschluesse/B-2025/26-IT", "beschluss-2025-26"},
	{"", "/impressum", "impressum"},
	{"", "/barrierefreiheit", "barrierefreiheit"},
	{"", "/datenschutz", "datenschutz"},
	{"", "/beschluesse/{umlauf}", "beschluss-umlauf"},
	{"", "/fachmk", "fachmk"},
	{"", "/fachmk/{conference}", "fachmk-konferenz"},
	{"", "/fachmk/termine", "fachmk-termine"},
	{"", "/suche?q=Laender", "suche"},
	{"", "/anmelden", "anmelden"},

	{"geschaeftsstelle", "/mein-bereich", "mein-bereich"},
	{"geschaeftsstelle", "/rechtliche-seiten", "rechtliche-seiten"},
	{"geschaeftsstelle", "/rechtliche-seiten/barrierefreiheit", "rechtliche-seite-bearbeiten"},
	{"geschaeftsstelle", "/sitzungen/neu", "sitzung-planen"},
	{"geschaeftsstelle", "/sitzungen/49/verwaltung", "verwaltung-49-anmeldungen"},
	{"geschaeftsstelle", "/sitzungen/48/verwaltung", "verwaltung-48"},
	{"geschaeftsstelle", "/sitzungen/48/live", "live-protokoll-48"},
	{"geschaeftsstelle", "/sitzungen/48/anwesenheit", "anwesenheit-48"},
	{"geschaeftsstelle", "/sitzungen/48/abstimmung", "abstimmung-48"},
	{"geschaeftsstelle", "/sitzungen/48/bearbeiten", "sitzung-48-bearbeiten"},
	{"geschaeftsstelle", "/gremien/al-runde", "al-runde"},
	{"geschaeftsstelle", "/gremien/al-runde/sitzungen/39", "al-runde-39"},
	{"geschaeftsstelle", "/gremien/al-runde/sitzungen/39/verwaltung", "al-runde-39-verwaltung"},
	{"geschaeftsstelle", "/gremien/al-runde/sitzungen/39/empfehlungen", "al-runde-39-empfehlungen"},
	{"geschaeftsstelle", "/gremien/al-runde/sitzungen/39/auftragsvorschlaege", "al-runde-39-auftragsvorschlaege"},
	{"geschaeftsstelle", "/sitzungen/49/empfehlungen", "empfehlungen-49"},
	{"geschaeftsstelle", "/anliegen", "anliegen"},
	{"geschaeftsstelle", "/anliegen/{request}", "anliegen-einzeln"},
	{"geschaeftsstelle", "/briefings", "briefings"},
	{"geschaeftsstelle", "/briefings/{briefing}", "briefing"},
	{"geschaeftsstelle", "/aufgaben", "aufgaben"},
	{"geschaeftsstelle", "/fachmk/FMK/aufgaben", "aufgaben-fmk"},
	{"geschaeftsstelle", "/evaluation", "evaluation"},
	{"geschaeftsstelle", "/evaluation/ergebnisse", "evaluation-ergebnisse"},
	{"geschaeftsstelle", "/sitzungen/49/reporting-fachmk", "reporting-fachmk-49"},
	{"geschaeftsstelle", "/auftraege", "auftraege"},
	{"geschaeftsstelle", "/auftraege/nr/{followupnr}", "auftrag"},
	{"geschaeftsstelle", "/auftraege/{followup}", "auftrag-intern"},
	{"geschaeftsstelle", "/sitzungen/47/auftragsvorschlaege", "auftragsvorschlaege-47"},
	{"geschaeftsstelle", "/sitzungen/48/beamer", "beamer-48"},
	{"geschaeftsstelle", "/sitzungen/46/berichtigen?art=text&zeile=2", "protokoll-46-berichtigen"},
	{"geschaeftsstelle", "/sitzungen/47", "sitzung-47-intern"},
	{"geschaeftsstelle", "/sitzungen/47/nachbesprechung", "nachbesprechung-47"},
	{"geschaeftsstelle", "/umlaufverfahren", "umlaufverfahren"},
	{"geschaeftsstelle", "/umlaufverfahren/neu", "umlaufverfahren-neu"},
	{"geschaeftsstelle", "/umlaufverfahren/{procedure}", "umlaufverfahren-stand"},
	{"geschaeftsstelle", "/steckbrief/{decision}", "steckbrief"},
	{"geschaeftsstelle", "/fachmk/{conference}", "fachmk-bearbeiten"},
	{"geschaeftsstelle", "/fachmk/fruehere-beschluesse", "fruehere-beschluesse"},
	{"geschaeftsstelle", "/konten", "konten"},
	{"geschaeftsstelle", "/konto", "konto"},
	{"geschaeftsstelle", "/benachrichtigungen", "benachrichtigungen"},
	{"geschaeftsstelle", "/postausgang", "postausgang"},
	{"geschaeftsstelle", "/postausgang/{message}", "postausgang-nachricht"},
	{"geschaeftsstelle", "/aenderungsprotokoll", "aenderungsprotokoll"},
	{"geschaeftsstelle", "/sitzungen/49/teilnahme", "teilnahme-uebersicht"},
	{"geschaeftsstelle", "/sitzungen/49/teilnahme?mitglied=BY", "teilnahme-bayern"},

	{"hessen", "/mein-bereich", "mein-bereich"},
	{"hessen", "/sitzungen/49", "sitzung-49"},
	{"hessen", "/anmeldungen/{registration}", "anmeldung-hessen"},
	{"hessen", "/anmeldungen/{registration}/aendern", "anmeldung-aendern"},
	{"hessen", "/mitglieder/HE/auftraege", "auftraege-hessen"},
	{"hessen", "/mein-kalender", "mein-kalender"},
	{"hessen", "/sitzungen/49/anmeldung", "top-anmelden"},
	{"hessen", "/sitzungen/49/teilnahme", "teilnahme-49"},
	{"hessen", "/sitzungen/48/abstimmung", "abstimmung-48"},
	{"hessen", "/sitzungen/47", "sitzung-47-intern"},
	{"hessen", "/umlaufverfahren/{procedure}", "umlaufverfahren-stimme"},
	{"hessen", "/steckbrief/{decision}", "steckbrief"},
	{"hessen", "/konto/passwort", "passwort"},
	{"hessen", "/benachrichtigungen", "benachrichtigungen"},

	{"dlt", "/mein-bereich", "mein-bereich"},
	{"dlt", "/sitzungen/48", "sitzung-48-laufend"},

	{"sprecher-hb", "/mein-bereich", "mein-bereich"},
	{"sprecher-hb", "/fachmk", "fachmk"},
	{"sprecher-hb", "/sitzungen/49/reporting-fachmk", "reporting-fachmk-49"},
	{"sprecher-hb", "/briefings/{briefing}", "briefing"},
	{"sprecher-hb", "/evaluation", "evaluation"},
	{"sprecher-hb", "/sitzungen/47/nachbesprechung", "nachbesprechung-sprecher"},

	{demo.FachMKAccount, "/", "startseite"},
	{demo.FachMKAccount, "/konto", "konto"},
	{demo.FachMKAccount, "/anliegen", "anliegen"},
	{demo.FachMKAccount, "/evaluation", "evaluation"},
	{demo.FachMKAccount, "/benachrichtigungen", "benachrichtigungen"},
}

// screenSkipped are the GET routes that are no HTML page of their own:
// files, feeds, event streams, the fragments htmx loads into a page, the
// OpenID Connect redirects, the APIs.
var screenSkipped = []string{
	"/static/", "/healthz", "/readyz", "/metrics", "/robots.txt", "/favicon.ico", "/sitzungen.ics", "/sitzungen/{nr}/protokoll.pdf", "/sitzungen/{nr}/protokoll.txt",
	"/sitzungen/{nr}/protokoll/fassungen/{v}", // the text of a version of the minutes, as approved
	"/umlaufverfahren/{id}/protokoll",         // the text of the minutes a written procedure sent for approval
	"/beschluesse.atom", "/dokumente/{id}", "/sitzungen/{nr}/live/ereignisse", "/sitzungen/{nr}/live/stand",
	"/sitzungen/{nr}/abstimmung/stand", "/sitzungen/{nr}/redeliste", "/sitzungen/{nr}/beamer/stand",
	"/sitzungen/{nr}/eingereichte-protokollnotizen", // the live box of the submitted notes, a fragment of the live page
	"/auftraege.csv", "/auftraege.pdf", "/beschluesse.csv", "/beschluesse.pdf", "/kalender/{datei}",
	"/evaluation/ergebnisse.csv", "/evaluation/ergebnisse.pdf", "/briefings/{id}/pdf", "/sitzungen/{nr}/nachbesprechung.pdf", "/fachmk/sprecher.csv", "/fachmk/sprecher.pdf",
	"/fachmk/termine.ics", "/fachmk/{abbrev}/termine.ics", "/aenderungsprotokoll.csv", "/anmelden/oidc", "/anmelden/oidc/rueckruf",
	"/",
	// The AL-Runde's session pages are the IT-PLR's (the same handlers and
	// templates under the body's address), visited there; its overview,
	// session, management and recommendation pages are in the walk.
	"/gremien/{gremium}/sitzungen/{nr}/protokoll", "/gremien/{gremium}/sitzungen/{nr}/protokoll.pdf",
	"/gremien/{gremium}/sitzungen/{nr}/protokoll.txt", "/gremien/{gremium}/sitzungen/{nr}/berichtigen",
	"/gremien/{gremium}/sitzungen/{nr}/bearbeiten", "/gremien/{gremium}/sitzungen/{nr}/redeliste",
	"/gremien/{gremium}/sitzungen/{nr}/beamer", "/gremien/{gremium}/sitzungen/{nr}/beamer/stand",
	"/gremien/{gremium}/sitzungen/{nr}/protokoll/fassungen/{v}", "/gremien/{gremium}/sitzungen/{nr}/live",
	"/gremien/{gremium}/sitzungen/{nr}/live/ereignisse", "/gremien/{gremium}/sitzungen/{nr}/live/stand",
	"/gremien/{gremium}/sitzungen/{nr}/anwesenheit", "/gremien/{gremium}/sitzungen/{nr}/abstimmung",
	"/gremien/{gremium}/sitzungen/{nr}/abstimmung/stand",
}

// TestScreenPagesCoverEveryRoute: every HTML page registered in routes.go
// is visited by the screenshot walk (or listed as no page of its own).
func TestScreenPagesCoverEveryRoute(t *testing.T) {
	_, st := cycleServer(t)
	srv, err := New(st, nil, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	rec := &patternRecorder{ServeMux: http.NewServeMux()}
	srv.routes(rec)
	covered := map[string]bool{}
	for _, p := range screenPages {
		path := strings.NewReplacer("{procedure}", "1", "{decision}", "1", "{conference}", "FMK", "{umlauf}", "B-2026/01-IT", "{followup}", "1", "{followupnr}", "1", "{request}", "1", "{briefing}", "1", "{registration}", "1", "{message}", "1").Replace(p.path)
		r := httptest.NewRequest("GET", path, nil)
		_, pattern := rec.Handler(r)
		covered[strings.TrimPrefix(pattern, "GET ")] = true
	}
	skipped := map[string]bool{}
	for _, s := range screenSkipped {
		skipped[s] = true
	}
	for _, p := range rec.patterns {
		path, ok := strings.CutPrefix(p, "GET ")
		if !ok || skipped[path] || covered[path] || strings.HasPrefix(path, "/oparl") || strings.HasPrefix(path, "/api/") {
			continue
		}
		t.Errorf("page %s is not in the screenshot walk (screenPages) nor listed in screenSkipped", path)
	}
}

// screenState brings the demo into a working day: the 48th session
// running with a vote open, the 49th planned with a pending registration
// and a document, a written procedure open and one adopted, a decision
// assessed for a FachMK; it gives the values of the placeholders.
func screenState(t *testing.T, ts *httptest.Server, st *store.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	council := mustBody(t, st)
	gs := client(t, ts, "geschaeftsstelle")
	he := client(t, ts, "hessen")
	_, report := planSession48(t, ts, st)
	if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Leitlinien für offene Verwaltungsdaten"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Leitlinien für offene Verwaltungsdaten."}, "antrag": {"HE, HH, BY"}}); code != http.StatusSeeOther {
		t.Fatalf("registration with proposal: %d %s", code, between(body, "<main", "</main>"))
	}
	confirmCoApplications(t, st)
	items, _ := st.Items(ctx, report.SessionID)
	item := items[len(items)-1]
	for _, it := range []model.AgendaItem{report, item} {
		it, _ = st.Item(ctx, it.ID)
		if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"entscheidung": {"annehmen"}, "version": {fmt.Sprint(it.Version)}}); code != http.StatusSeeOther {
			t.Fatalf("accept: %d", code)
		}
	}
	item, _ = st.Item(ctx, item.ID)
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, item.ID), url.Values{"version": {fmt.Sprint(item.Version)}, "nummer": {"09"},
		"titel": {item.Title}, "abschnitt": {"0"}, "gruene_liste": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("Grüne Liste: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", publishUnnumbered(t, st, 48)); code != http.StatusSeeOther {
		t.Fatalf("publish: %d", code)
	}
	s48, _ := st.SessionByNumber(ctx, council.ID, 48)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		s48, _ = st.SessionByNumber(ctx, council.ID, 48)
		if err := st.SetSessionStatus(ctx, s48.ID, s48.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"49"}, "datum": {"2027-03-18"}, "beginn": {"10:00"}, "ende": {"14:00"}, "ort": {"Hamburg"}, "vorsitz": {"Bund"}}); code != http.StatusSeeOther {
		t.Fatalf("create session 49: %d %s", code, body)
	}
	if code, body := do(t, he, "POST", ts.URL+"/sitzungen/49/anmeldung", url.Values{"titel": {"Digitale Verwaltungsleistungen in Hessen"}, "ziel": {"Kenntnisnahme"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("registration for 49: %d %s", code, body)
	}
	if code, body := upload(t, he, ts.URL+"/sitzungen/49/dokumente", "Bericht-Hessen.pdf", []byte("%PDF-1.4\n")); code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", code, body)
	}
	umlauf := adoptInWrittenProcedure(t, st, "Empfehlung zur Barrierefreiheit digitaler Angebote")
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zum Einsatz offener Standards", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat empfiehlt offene Standards."}},
		Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CastVote(ctx, pid, "Bund", model.VoteYes); err != nil {
		t.Fatal(err)
	}
	d27 := decisionID(t, st, 27)
	fmk := mustBodyAbbrev(t, st, "FMK")
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d27), url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}, fmt.Sprintf("grund_%d", fmk.ID): {"Finanzierung der EfA-Leistungen"}}); code != http.StatusSeeOther {
		t.Fatalf("profile: %d", code)
	}
	// A follow-up of an adopted decision, which the public sees too (by
	// its public number), and one of the running 48th session's
	// discussion, which only internal readers see (by its id).
	var followUpNr int64
	fs, err := st.FollowUps(ctx, store.FollowUpFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.DecisionID != 0 && followUpNr == 0 {
			followUpNr = f.Number
		}
	}
	items48, err := st.Items(ctx, s48.ID)
	if err != nil || len(items48) == 0 {
		t.Fatalf("the 48th session's items: %v", err)
	}
	followUp, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items48[0].ID, Text: "Entwurf mit den Ländern abstimmen", Responsible: "HE", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	requests, err := st.Requests(ctx, 0)
	if err != nil || len(requests) == 0 {
		t.Fatalf("the demo's requests: %v", err)
	}
	fmkBriefings, err := st.Briefings(ctx, fmk.ID)
	if err != nil || len(fmkBriefings) == 0 {
		t.Fatalf("the demo's FMK briefing: %v", err)
	}
	// Hessen's registration for the 49th session, on its own page.
	var registration int64
	regs, err := st.RegistrationsOf(ctx, council.ID, "HE", 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range regs {
		if it.Title == "Digitale Verwaltungsleistungen in Hessen" {
			registration = it.ID
		}
	}
	// A message in the outbox, read by the secretariat.
	subscribeByEmail(t, st, model.EventAgendaPublished, "hessen")
	if _, err := st.QueueNotice(ctx, store.Notice{Event: model.EventAgendaPublished, Key: "screens", Subject: "Tagesordnung der 49. Sitzung veröffentlicht", Body: "Die Tagesordnung der 49. Sitzung ist veröffentlicht."}); err != nil {
		t.Fatal(err)
	}
	messages, _, err := st.Notifications(ctx, store.OutboxFilter{Limit: 1})
	if err != nil || len(messages) == 0 || registration == 0 {
		t.Fatalf("the walk's registration %d and message %d: %v", registration, len(messages), err)
	}
	return map[string]string{"{procedure}": fmt.Sprint(pid), "{decision}": fmt.Sprint(d27), "{conference}": "FMK", "{umlauf}": umlauf.Label,
		"{followup}": fmt.Sprint(followUp), "{followupnr}": fmt.Sprint(followUpNr), "{request}": fmt.Sprint(requests[0].ID), "{briefing}": fmt.Sprint(fmkBriefings[0].ID),
		"{registration}": fmt.Sprint(registration), "{message}": fmt.Sprint(messages[0].ID)}
}

// TestEveryPageInBrowser walks screenPages: axe clean, no sideways scroll
// at 1366 and 320 px, no heading wider than its box (the home page's
// overflowed its card), no agenda list numbered twice ("1. TOP 00"),
// screenshots with GREMIUM_SCREENSHOTS.
func TestEveryPageInBrowser(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	// The FachMK dates and contacts of the served demo.
	if err := demo.LoadCalendar(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	fill := strings.NewReplacer(flatten(screenState(t, ts, st))...)
	b := newBrowser(t, ts.URL)
	shots := os.Getenv("GREMIUM_SCREENSHOTS")
	// Open the vote of the running session now, so that the vote pages
	// show it (the walk's logins do not change it).
	openConsentVote(t, ts, st)
	for _, role := range screenRoles {
		if role != "" {
			b.login(role)
		}
		for _, p := range screenPages {
			if p.role != role {
				continue
			}
			who := or(role, "oeffentlich")
			name := who + "-" + p.name
			path := fill.Replace(p.path)
			for _, width := range []int64{1366, 320} {
				b.run("viewport", chromedp.EmulateViewport(width, 900))
				b.run("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitVisible("main h1", chromedp.ByQuery))
				if width == 1366 {
					b.visited = map[string]bool{} // every role's view is checked
					b.check(name)
				}
				var fits bool
				b.run("scroll width", chromedp.Evaluate(`document.documentElement.scrollWidth <= window.innerWidth`, &fits))
				if !fits {
					var wide string
					b.run("wide elements", chromedp.Evaluate(`Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !(e.parentElement && e.parentElement.closest("table, pre, .scroll"))).slice(0, 6).map(e => e.tagName + "." + e.className + "#" + e.id + " " + Math.round(e.getBoundingClientRect().right)).join("; ")`, &wide))
					t.Errorf("%s (%s) scrolls sideways at %d px: %s", path, who, width, wide)
				}
				var cut string
				b.run("headings", chromedp.Evaluate(`Array.from(document.querySelectorAll("main h1, main h2, main h3")).filter(h => h.scrollWidth > h.clientWidth + 1).map(h => h.textContent.trim()).join("; ")`, &cut))
				if cut != "" {
					t.Errorf("%s (%s) at %d px: headings wider than their box: %s", path, who, width, cut)
				}
				var twice string
				b.run("numbering", chromedp.Evaluate(`Array.from(document.querySelectorAll("main ol")).filter(o => getComputedStyle(o).listStyleType !== "none" && /^\s*TOP\b/.test((o.querySelector("li") || {}).textContent || "")).map(o => (o.querySelector("li").textContent || "").trim().slice(0, 30)).join("; ")`, &twice))
				if twice != "" {
					t.Errorf("%s (%s): agenda list numbered twice (a list number before the TOP number): %s", path, who, twice)
				}
				if shots != "" {
					var jpg []byte
					b.run("screenshot "+name, chromedp.ActionFunc(func(ctx context.Context) error {
						var err error
						jpg, err = page.CaptureScreenshot().WithFormat(page.CaptureScreenshotFormatJpeg).WithQuality(60).Do(ctx)
						return err
					}))
					if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%d.jpg", name, width)), jpg, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		b.run("reset viewport", emulation.ClearDeviceMetricsOverride(), chromedp.EmulateViewport(1366, 900))
		if role != "" {
			b.page("/")
			b.logout()
		}
	}
}

// openConsentVote opens the vote on the Grüne Liste of the running 48th
// session.
func openConsentVote(t *testing.T, ts *httptest.Server, st *store.Store) {
	t.Helper()
	gs := client(t, ts, "geschaeftsstelle")
	// The version of the list the page draws the form from, not the
	// session's: a save over another list is refused.
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/anwesenheit", nil)
	form := postedForm(page, "/sitzungen/48/anwesenheit")
	for _, m := range []string{"Bund", "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"} {
		form.Set("anwesenheit_"+m, "anwesend")
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form); code != http.StatusSeeOther {
		t.Fatalf("attendance: %d %s", code, between(body, "<main", "</main>"))
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/gruene-liste/eroeffnen", sessionVersion(t, st, 48)); code != http.StatusSeeOther {
		t.Fatalf("open the vote: %d %s", code, between(body, "<main", "</main>"))
	}
}

// flatten gives a map as old, new pairs for strings.NewReplacer, longest
// key first.
func flatten(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return len(keys[i]) > len(keys[j]) })
	var out []string
	for _, k := range keys {
		out = append(out, k, m[k])
	}
	return out
}
