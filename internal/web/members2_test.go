package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// TestMinutesCommentsShowTime: a comment on the draft minutes shows when it
// was written, in German time, on the session page and on the secretariat's
// management page.
func TestMinutesCommentsShowTime(t *testing.T) {
	ts, st := cycleServer(t)
	st.SetClock(func() time.Time { return time.Date(2026, 1, 15, 16, 5, 0, 0, time.UTC) })
	he := client(t, ts, "hessen")
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/47/kommentare", url.Values{"kommentar": {"Bitte TOP 3 prüfen."}}); code != http.StatusSeeOther {
		t.Fatalf("comment: %d", code)
	}
	const want = "15.01.2026, 17:05 Uhr"
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/47", nil); !strings.Contains(page, want) {
		t.Errorf("the session page does not show when the comment was written (%s)", want)
	}
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/verwaltung", nil); !strings.Contains(page, want) {
		t.Errorf("the management page does not show when the comment was written (%s)", want)
	}
}

// TestRevokingNeedsConfirmation: revoking the calendar address or an API
// token, replacing the calendar address and "Überall abmelden" each show a
// confirmation page first (a form without JavaScript); only its second
// submit acts, so one stray click revokes nothing.
func TestRevokingNeedsConfirmation(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	confirmPage := func(what, path, action string) {
		t.Helper()
		code, page := do(t, he, "POST", ts.URL+path, url.Values{})
		if code != http.StatusOK || !strings.Contains(page, `name="bestaetigt" value="ja"`) || !strings.Contains(page, `action="`+action+`"`) {
			t.Errorf("%s: no confirmation page (%d)", what, code)
		}
		if p := wellFormedProblems(page); len(p) > 0 {
			t.Errorf("%s: confirmation page: %v", what, p)
		}
	}
	// The calendar address.
	if code, _ := do(t, he, "POST", ts.URL+"/mein-kalender", url.Values{}); code != http.StatusOK {
		t.Fatalf("first calendar address: %d", code)
	}
	acc, _, _ := st.UserLogin(ctx, "hessen")
	since, _ := st.CalendarTokenSince(ctx, acc.ID)
	confirmPage("new calendar address", "/mein-kalender", "/mein-kalender")
	confirmPage("revoke calendar address", "/mein-kalender/widerrufen", "/mein-kalender/widerrufen")
	if now, _ := st.CalendarTokenSince(ctx, acc.ID); now.IsZero() || !now.Equal(since) {
		t.Error("the calendar address was replaced or revoked without confirmation")
	}
	if code, _ := do(t, he, "POST", ts.URL+"/mein-kalender/widerrufen", url.Values{"bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Errorf("confirmed revocation: %d", code)
	}
	if now, _ := st.CalendarTokenSince(ctx, acc.ID); !now.IsZero() {
		t.Error("the confirmed revocation did not revoke")
	}
	// An API token.
	if code, _ := do(t, he, "POST", ts.URL+"/konto/tokens", url.Values{"bezeichnung": {"Landesportal"}, "tage": {"90"}}); code != http.StatusCreated {
		t.Fatalf("new token: %d", code)
	}
	tokens, _ := st.APITokens(ctx, acc.ID)
	if len(tokens) != 1 {
		t.Fatalf("tokens: %+v", tokens)
	}
	revoke := fmt.Sprintf("/konto/tokens/%d/widerrufen", tokens[0].ID)
	confirmPage("revoke token", revoke, revoke)
	if code, _ := do(t, client(t, ts, "bund"), "POST", ts.URL+revoke, url.Values{}); code != http.StatusNotFound {
		t.Errorf("another account is asked to confirm the revocation of a token not its own: %d", code)
	}
	if tokens, _ := st.APITokens(ctx, acc.ID); len(tokens) != 1 {
		t.Error("the token was revoked without confirmation")
	}
	// Überall abmelden.
	other := client(t, ts, "hessen")
	confirmPage("logout everywhere", "/konto/abmelden-ueberall", "/konto/abmelden-ueberall")
	if !loggedInAs(t, he, ts.URL) || !loggedInAs(t, other, ts.URL) {
		t.Error("logged out everywhere without confirmation")
	}
}

// TestOpenProcedureHidesOthersChoices: while a written procedure is open a
// member sees its own choice and whether the others voted, not how (as in a
// session, where online votes stay hidden until the vote closes); the
// secretariat sees every choice; once closed everyone does.
func TestOpenProcedureHidesOthersChoices(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	deadline := time.Now().Add(48 * time.Hour)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Verlängerung Kooperation", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat verlängert."}}, Applicants: []string{"Bund"}}, Deadline: deadline})
	if err != nil {
		t.Fatal(err)
	}
	for m, c := range map[string]model.VoteChoice{"HE": model.VoteNo, "Bund": model.VoteYes, "BY": model.VoteAbstain} {
		if err := st.CastVote(ctx, pid, m, c); err != nil {
			t.Fatal(err)
		}
	}
	path := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	cells := func(page string) (yes, no, abstain, voted int) {
		return strings.Count(page, "<td>Ja</td>"), strings.Count(page, "<td>Nein</td>"), strings.Count(page, "<td>Enthaltung</td>"), strings.Count(page, "<td>hat abgestimmt</td>")
	}
	for _, c := range []struct {
		user                        string
		yes, no, abstain, votedOnly int
	}{
		{"hessen", 0, 1, 0, 2},
		{"bund", 1, 0, 0, 2},
		{"sprecher-hb", 0, 0, 0, 3},
		{"geschaeftsstelle", 1, 1, 1, 0},
	} {
		_, page := do(t, client(t, ts, c.user), "GET", path, nil)
		if y, n, a, v := cells(page); y != c.yes || n != c.no || a != c.abstain || v != c.votedOnly {
			t.Errorf("%s sees ja %d, nein %d, enthaltung %d, hat abgestimmt %d; want %d %d %d %d", c.user, y, n, a, v, c.yes, c.no, c.abstain, c.votedOnly)
		}
	}
	if _, err := st.CloseDueProcedures(ctx, deadline.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	_, page := do(t, client(t, ts, "hessen"), "GET", path, nil)
	if y, n, a, v := cells(page); y != 1 || n != 1 || a != 1 || v != 0 {
		t.Errorf("after the close Hessen sees ja %d, nein %d, enthaltung %d, hat abgestimmt %d", y, n, a, v)
	}
}

// TestSpokespersonReadsDebrief: a spokesperson reads the saved debrief of
// a session — page and PDF — with the decisions for their own FachMK only,
// not another conference's entries nor the invitation text; they cannot
// change or send it; before the secretariat saves it they see no proposal;
// a member office still cannot open it.
func TestSpokespersonReadsDebrief(t *testing.T) {
	ts, st := debriefServer(t)
	gs, hb := client(t, ts, "geschaeftsstelle"), client(t, ts, "sprecher-hb")
	// The demo's 47th session: B-2025/27-IT is relevant for the FMK (HB's
	// conference), B-2025/26-IT for the WMK.
	ctx := context.Background()
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	if _, err := st.DebriefOfSession(ctx, s47.ID); err == nil {
		t.Fatal("the demo has a saved debrief of the 47th session")
	}
	code, page := do(t, hb, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	// Not the proposal (its rows, presenters, invitation); only the
	// decisions known to concern HB's conferences, as "Mein Bereich"
	// names them (TestDebriefNotAssembledLeadsOn).
	if code != http.StatusOK || !strings.Contains(page, "noch nicht zusammengestellt") || strings.Contains(page, "Vorstellung durch") || strings.Contains(between(page, "<main", `id="nb-bekannt"`), "B-2025/27-IT") {
		t.Errorf("before it is saved the spokesperson sees %d or the proposal", code)
	}
	if code, _ := do(t, hb, "GET", ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil); code != http.StatusNotFound {
		t.Errorf("PDF before it is saved: %d", code)
	}
	assessFMKAndWMK(t, ts, st, gs)
	_, pack := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if !strings.Contains(pack, "B-2025/27-IT") || !strings.Contains(pack, "B-2025/26-IT") {
		t.Fatal("the demo debrief proposal lacks 26 and 27")
	}
	save := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung mit Interna der WMK"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HE"}}
	if code, _ := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", save); code != http.StatusSeeOther {
		t.Fatalf("save debrief: %d", code)
	}
	code, page = do(t, hb, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if code != http.StatusOK {
		t.Fatalf("the spokesperson opens the debrief: %d", code)
	}
	for _, want := range []string{"Finanzministerkonferenz", "B-2025/27-IT", "10.07.2025", "Videokonferenz"} {
		if !strings.Contains(page, want) {
			t.Errorf("the spokesperson's debrief lacks %q", want)
		}
	}
	for _, lack := range []string{"Wirtschaftsministerkonferenz", "B-2025/26-IT", "Interna der WMK", `action="/sitzungen/47/nachbesprechung`, "Postausgang"} {
		if strings.Contains(page, lack) {
			t.Errorf("the spokesperson's debrief shows %q", lack)
		}
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("debrief page: %s", p)
	}
	code, pdf := do(t, hb, "GET", ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil)
	if code != http.StatusOK {
		t.Fatalf("the spokesperson's PDF: %d", code)
	}
	if text := pdftest.Text(t, []byte(pdf)); !strings.Contains(text, "B-2025/27-IT") || strings.Contains(text, "B-2025/26-IT") || strings.Contains(text, "Interna der WMK") {
		t.Errorf("the spokesperson's PDF:\n%s", text)
	}
	for _, path := range []string{"/sitzungen/47/nachbesprechung", "/sitzungen/47/nachbesprechung/versenden"} {
		if code, _ := do(t, hb, "POST", ts.URL+path, save); code != http.StatusForbidden {
			t.Errorf("the spokesperson posts %s: %d", path, code)
		}
	}
	if code, _ := do(t, client(t, ts, "bayern"), "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil); code != http.StatusForbidden {
		t.Errorf("a member office opens the debrief: %d", code)
	}
	if _, mine := do(t, hb, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(mine, `href="/sitzungen/47/nachbesprechung"`) {
		t.Error("the spokesperson's area does not lead to the debrief")
	}
}

// TestFachMKSecretariatReadsDebrief: the debrief invites the FachMK
// secretariats, so the FMK's secretariat reads it — its own conference's
// decisions with their presenters, date and place — once the invitation
// is sent, and finds it on its "Mein Bereich"; not the other conferences'
// entries nor the invitation text. Before, the page and its PDF answered
// 403 and "Mein Bereich" did not mention the debrief.
func TestFachMKSecretariatReadsDebrief(t *testing.T) {
	ts, st := debriefServer(t)
	gs, fmkGS := client(t, ts, "geschaeftsstelle"), client(t, ts, "fmk-geschaeftsstelle")
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	wmk, _ := st.BodyByAbbrev(ctx, "WMK")
	assessFMKAndWMK(t, ts, st, gs)
	save := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung mit Interna der WMK"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HE"}}
	if code, _ := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", save); code != http.StatusSeeOther {
		t.Fatalf("save debrief: %d", code)
	}
	// Saved, not sent: the date and the decisions may still change.
	code, page := do(t, fmkGS, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	// Not the entries (date, presenters, the invitation, the WMK's
	// decision); only the decisions known to concern the FMK, as its
	// "Mein Bereich" names them (TestDebriefNotAssembledLeadsOn).
	main := between(page, "<main", "</main>")
	if code != http.StatusOK || !strings.Contains(main, "noch nicht versandt") || strings.Contains(between(main, "", `id="nb-bekannt"`), "B-2025/27-IT") ||
		strings.Contains(main, "B-2025/26-IT") || strings.Contains(main, "10.07.2025") || strings.Contains(main, "Vorstellung durch") || strings.Contains(main, "Interna") {
		t.Errorf("before the invitation is sent the FMK's secretariat gets %d or the entries:\n%s", code, main)
	}
	if _, mine := do(t, fmkGS, "GET", ts.URL+"/mein-bereich", nil); strings.Contains(mine, `href="/sitzungen/47/nachbesprechung"`) {
		t.Error("Mein Bereich invites before the invitation is sent")
	}
	if _, mine := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/mein-bereich", nil); strings.Contains(mine, `id="h-vorstellungen"`) {
		t.Error("Hessen's Mein Bereich names its presentation before the invitation is sent")
	}
	for _, c := range []model.Body{fmk, wmk} {
		if _, err := st.CreateContact(ctx, model.Contact{BodyID: c.ID, Name: "Geschäftsstelle " + c.Abbrev, Email: "gs@" + strings.ToLower(c.Abbrev) + ".example"}); err != nil {
			t.Fatal(err)
		}
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	save.Set("version", fmt.Sprint(db.Version))
	if code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", save); code != http.StatusSeeOther {
		t.Fatalf("send the invitation: %d %s", code, body)
	}
	code, page = do(t, fmkGS, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if code != http.StatusOK {
		t.Fatalf("the FMK's secretariat opens the debrief: %d", code)
	}
	main = between(page, "<main", "</main>")
	for _, want := range []string{"Finanzministerkonferenz", "B-2025/27-IT", "10.07.2025", "Videokonferenz"} {
		if !strings.Contains(main, want) {
			t.Errorf("the FMK's debrief lacks %q", want)
		}
	}
	for _, lack := range []string{"Wirtschaftsministerkonferenz", "B-2025/26-IT", "Interna der WMK", `action="/sitzungen/47/nachbesprechung`} {
		if strings.Contains(main, lack) {
			t.Errorf("the FMK's debrief shows %q", lack)
		}
	}
	code, pdf := do(t, fmkGS, "GET", ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil)
	if text := pdftest.Text(t, []byte(pdf)); code != http.StatusOK || !strings.Contains(text, "B-2025/27-IT") || strings.Contains(text, "B-2025/26-IT") || strings.Contains(text, "Interna der WMK") {
		t.Errorf("the FMK's PDF (%d):\n%s", code, text)
	}
	if code, _ := do(t, fmkGS, "POST", ts.URL+"/sitzungen/47/nachbesprechung", save); code != http.StatusForbidden {
		t.Errorf("the FMK's secretariat saves the debrief: %d", code)
	}
	if _, mine := do(t, fmkGS, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(mine, `href="/sitzungen/47/nachbesprechung"`) || !strings.Contains(mine, "1 Beschluss für Ihre Konferenz") {
		t.Error("the FMK's Mein Bereich does not invite to the debrief")
	}
	// The presenting members read on Mein Bereich what they present, to
	// whom and when, with a link to the debrief (which they read from the
	// session's end: debrief_presenter_test.go); another member reads
	// nothing.
	presents := map[string]string{}
	for _, user := range []string{"hessen", "hamburg", "bayern"} {
		_, mine := do(t, client(t, ts, user), "GET", ts.URL+"/mein-bereich", nil)
		presents[user] = between(mine, `id="h-vorstellungen"`, "</section>")
	}
	for _, user := range []string{"hessen", "hamburg"} {
		p := presents[user]
		if !strings.Contains(p, `<a href="/sitzungen/47/nachbesprechung">Nachbesprechung der 47. Sitzung</a> am 10.07.2025 (Videokonferenz)`) || strings.Count(p, "<li>") != 1 ||
			!(strings.Contains(p, "B-2025/26-IT") && strings.Contains(p, "Wirtschaftsministerkonferenz") || strings.Contains(p, "B-2025/27-IT") && strings.Contains(p, "Finanzministerkonferenz")) {
			t.Errorf("%s's presentation on Mein Bereich: %q", user, p)
		}
	}
	if presents["hessen"] == presents["hamburg"] || presents["bayern"] != "" {
		t.Errorf("the presentations: %q", presents)
	}
	// A decision corrected after the invitation is presented as last
	// corrected, as the register shows it: on the debrief, its PDF and
	// the presenter's Mein Bereich (before, the title as adopted).
	dec, err := st.DecisionByNumber(ctx, mustBody(t, st).ID, model.DecisionNumber{Year: 2025, Seq: 27})
	if err != nil {
		t.Fatal(err)
	}
	const corrected = "Berichtigter Titel für die Nachbesprechung"
	if _, err := st.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec.ID, Title: corrected, Reason: "Schreibfehler"}); err != nil {
		t.Fatal(err)
	}
	_, page = do(t, fmkGS, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if main := between(page, "<main", "</main>"); !strings.Contains(main, corrected) || strings.Contains(main, dec.Title) {
		t.Errorf("the FMK's debrief after the correction:\n%s", main)
	}
	if _, pdf = do(t, fmkGS, "GET", ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil); !strings.Contains(pdftest.Words(t, []byte(pdf)), corrected) {
		t.Errorf("the FMK's PDF after the correction:\n%s", pdftest.Text(t, []byte(pdf)))
	}
	shown := 0
	for _, user := range []string{"hessen", "hamburg"} {
		_, mine := do(t, client(t, ts, user), "GET", ts.URL+"/mein-bereich", nil)
		if p := between(mine, `id="h-vorstellungen"`, "</section>"); strings.Contains(p, "B-2025/27-IT") {
			if shown++; !strings.Contains(p, corrected) {
				t.Errorf("%s presents B-2025/27-IT as adopted: %q", user, p)
			}
		}
	}
	if shown != 1 {
		t.Errorf("B-2025/27-IT presented on %d pages", shown)
	}
}

// assessFMKAndWMK has the secretariat assess, in the decision profiles of
// the demo's 47th session, B-2025/27-IT as relevant for the FMK and
// B-2025/26-IT for the WMK.
func assessFMKAndWMK(t *testing.T, ts *httptest.Server, st *store.Store, gs *http.Client) {
	t.Helper()
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	wmk, _ := st.BodyByAbbrev(ctx, "WMK")
	for _, a := range []struct {
		seq  int
		conf model.Body
	}{{27, fmk}, {26, wmk}} {
		form := url.Values{fmt.Sprintf("relevant_%d", a.conf.ID): {"ja"}, fmt.Sprintf("grund_%d", a.conf.ID): {"Finanzierung"}}
		if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, decisionID(t, st, a.seq)), form); code != http.StatusSeeOther {
			t.Fatalf("profile of %d: %d", a.seq, code)
		}
	}
}

// TestAdvisoryMemberReadsWhyItHasNoBallot: the DLT's office opens a
// written procedure and reads that advisory members do not vote in it, as
// on the live vote's page. Before, the page showed the text and the votes
// with no ballot and no word why; the vote, if sent, is refused (403).
func TestAdvisoryMemberReadsWhyItHasNoBallot(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Cloud-Strategie", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Cloud-Strategie."}}, Applicants: []string{"Bund"}},
		Deadline: time.Now().Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	dlt := client(t, ts, "dlt")
	_, page := do(t, dlt, "GET", path, nil)
	if !strings.Contains(page, "DLT ist beratendes Mitglied: beratende Mitglieder stimmen im Umlaufverfahren nicht ab.") || strings.Contains(page, `name="stimme"`) {
		t.Errorf("the advisory member's page of the procedure:\n%s", between(page, "<main", "</main>"))
	}
	if code, _ := do(t, dlt, "POST", path+"/stimme", url.Values{"stimme": {"ja"}}); code != http.StatusForbidden {
		t.Errorf("the advisory member's vote: %d", code)
	}
	if _, page := do(t, client(t, ts, "hessen"), "GET", path, nil); strings.Contains(page, "beratendes Mitglied") || !strings.Contains(page, `name="stimme"`) {
		t.Errorf("Hessen's page of the procedure:\n%s", between(page, "<main", "</main>"))
	}
}
