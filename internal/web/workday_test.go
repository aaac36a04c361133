package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// votedProcedure starts a written procedure on a recommendation, due in
// an hour, in which every voting member has said yes; it gives the
// procedure and its deadline.
func votedProcedure(t *testing.T, st *store.Store, title string) (int64, time.Time) {
	t.Helper()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	deadline := time.Now().Add(time.Hour)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat empfiehlt es."}}, Applicants: []string{"Bund"}}, Deadline: deadline})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			if err := st.CastVote(ctx, pid, m.Abbrev, model.VoteYes); err != nil {
				t.Fatal(err)
			}
		}
	}
	return pid, deadline
}

// adoptInWrittenProcedure adopts a recommendation in written procedure
// (every voting member says yes) and gives the decision.
func adoptInWrittenProcedure(t *testing.T, st *store.Store, title string) model.Decision {
	t.Helper()
	ctx := context.Background()
	pid, deadline := votedProcedure(t, st, title)
	if _, err := st.CloseDueProcedures(ctx, deadline.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	p, _ := st.Procedure(ctx, pid)
	d, err := st.Decision(ctx, p.DecisionID)
	if err != nil || d.Status != model.DecisionAdopted {
		t.Fatalf("decision: %v %+v", err, d)
	}
	return d
}

// TestWrittenProcedureDecisionIsNoSession: a decision taken in written
// procedure stood in the register under "0. Sitzung", linking to
// /sitzungen/0 (404). It is "im Umlaufverfahren am …" with its own page;
// its votes show as German words, not "ja".
func TestWrittenProcedureDecisionIsNoSession(t *testing.T) {
	ts, st := cycleServer(t)
	d := adoptInWrittenProcedure(t, st, "Empfehlung im Umlauf")
	pub := client(t, ts, "")
	_, list := do(t, pub, "GET", ts.URL+"/beschluesse", nil)
	row := between(list, `href="`+decisionURL(d.Label)+`"`, "</tr>")
	if row == "" {
		t.Fatalf("the register does not list %s", d.Label)
	}
	want := "im Umlaufverfahren am " + d.AdoptedOn.German()
	if strings.Contains(row, "/sitzungen/0") || strings.Contains(row, "0. Sitzung") || !strings.Contains(row, want) {
		t.Errorf("register row of %s: %s", d.Label, row)
	}
	code, page := do(t, pub, "GET", ts.URL+decisionURL(d.Label), nil)
	if code != http.StatusOK || !strings.Contains(page, want) || strings.Contains(page, "/sitzungen/0") {
		t.Errorf("decision page %d: %s", code, between(page, "<main", "</main>"))
	}
	// The members' votes are internal (TestPublicNamesNoVoterOfACountedVote).
	if strings.Contains(page, "Stimmen der Mitglieder") {
		t.Errorf("the public decision page shows the members' votes")
	}
	_, page = do(t, client(t, ts, "hessen"), "GET", ts.URL+decisionURL(d.Label), nil)
	votes := between(page, "Stimmen der Mitglieder", "</table>")
	if !strings.Contains(votes, "<td>Ja</td>") || strings.Contains(votes, "<td>ja</td>") {
		t.Errorf("votes not in German words: %s", votes)
	}
}

// TestPublicSessionPageMarkersAndNumbering: the public session page of
// the 47th session shows German markers only, numbers the agenda once
// ("TOP 00", not "1. TOP 00") and says "Öffentliche Fassung" only to the
// public.
func TestPublicSessionPageMarkersAndNumbering(t *testing.T) {
	ts, _ := cycleServer(t)
	for _, path := range []string{"/sitzungen/47", "/sitzungen/47/protokoll", "/sitzungen/47/protokoll.txt"} {
		_, page := do(t, client(t, ts, ""), "GET", ts.URL+path, nil)
		for _, bad := range []string{"[illegible]", "Textteil aus dem Quelldokument", `lang="en"`} {
			if strings.Contains(page, bad) {
				t.Errorf("%s shows %q", path, bad)
			}
		}
		if !strings.Contains(page, "[unleserlich]") {
			t.Errorf("%s: no [unleserlich]", path)
		}
		if strings.HasSuffix(path, ".txt") {
			continue // the text export is the published layout, without a banner
		}
		if !strings.Contains(page, "Öffentliche Fassung") {
			t.Errorf("%s: the public version does not say so", path)
		}
	}
	_, page := do(t, client(t, ts, ""), "GET", ts.URL+"/sitzungen/47", nil)
	if toc := between(page, `<nav class="toc"`, "</nav>"); strings.Contains(toc, "<ol") {
		t.Errorf("the agenda list is numbered twice: %s", toc)
	}
	_, internal := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/47", nil)
	if strings.Contains(internal, "Öffentliche Fassung") {
		t.Error("the internal version says „Öffentliche Fassung“ (banner or footer)")
	}
	if !strings.Contains(between(internal, "<footer", "</footer>"), "Interne Ansicht") {
		t.Error("the internal footer does not say it is internal")
	}
}

// TestConsentOnlyItemHasNoEmptySection: ticking only "Grüne Liste" on an
// item without a section gave "TOP 09 … ()" and an empty section heading;
// the item now stands in the Grüne Liste.
func TestConsentOnlyItemHasNoEmptySection(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, it := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"entscheidung": {"annehmen"}, "version": {fmt.Sprint(it.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, between(body, "<main", "</main>"))
	}
	// Only an item with a proposal goes on the Grüne Liste
	// (model.CheckGreenListProposal).
	if _, err := st.CreateDecision(ctx, model.Decision{BodyID: s48.BodyID, SessionID: s48.ID, ItemID: it.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: it.Title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Bericht an."}}, Applicants: []string{"Bund"}}); err != nil {
		t.Fatal(err)
	}
	it, _ = st.Item(ctx, it.ID)
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {"09"},
		"titel": {it.Title}, "abschnitt": {"0"}, "gruene_liste": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("tick Grüne Liste: %d %s", code, between(body, "<main", "</main>"))
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", publishUnnumbered(t, st, 48)); code != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", code, between(body, "<main", "</main>"))
	}
	_ = s48
	for _, c := range []*http.Client{client(t, ts, ""), gs} {
		_, page := do(t, c, "GET", ts.URL+"/sitzungen/48", nil)
		if strings.Contains(page, "()") || strings.Contains(page, `"></h2>`) || strings.Contains(page, "<h2 id=\"sec-") && strings.Contains(page, "<h2 id=\"sec-0\"></h2>") {
			t.Errorf("empty section: %s", between(page, `<nav class="toc"`, "</nav>"))
		}
		if toc := between(page, `<nav class="toc"`, "</nav>"); !strings.Contains(toc, "TOP 09 – Hessischer Bericht</a> <span class=\"section-name\">(Grüne Liste)</span>") {
			t.Errorf("TOP 09 not in the Grüne Liste: %s", toc)
		}
	}
}

// TestProposalBeforeTheSession: before the session a proposal is a
// "Beschlussvorschlag" without number for the members and nothing at all
// for the public — never "Beschluss (im Protokoll ohne Nummer)".
func TestProposalBeforeTheSession(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"48"}, "datum": {"2026-11-20"}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"}, "vorsitz": {"MV"}}); code != http.StatusSeeOther {
		t.Fatalf("create session 48: %d %s", code, body)
	}
	if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Hessischer Antrag"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat nimmt den Antrag an."}, "antrag": {"HE, HH, BY"}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(body, "<main", "</main>"))
	}
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s48, _ := st.SessionByNumber(ctx, council.ID, 48)
	items, _ := st.Items(ctx, s48.ID)
	it := items[len(items)-1]
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"entscheidung": {"annehmen"}, "version": {fmt.Sprint(it.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", publishUnnumbered(t, st, 48)); code != http.StatusSeeOther {
		t.Fatalf("publish: %d", code)
	}
	if ds, _ := st.Decisions(ctx, store.DecisionFilter{SessionID: s48.ID}); len(ds) == 0 {
		t.Fatal("the registration carries no proposal")
	}
	for _, path := range []string{"/sitzungen/48", "/sitzungen/48/protokoll", "/sitzungen/48/protokoll.txt"} {
		for _, who := range []string{"", "hessen", "geschaeftsstelle"} {
			_, page := do(t, client(t, ts, who), "GET", ts.URL+path, nil)
			if strings.Contains(page, "nicht lesbar") {
				t.Errorf("%s as %q: „nicht lesbar“", path, who)
			}
			if who == "" && strings.Contains(page, "nimmt den Antrag an") {
				t.Errorf("%s: the public sees the proposal", path)
			}
		}
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48", nil)
	if !strings.Contains(page, "Beschlussvorschlag") {
		t.Error("the secretariat does not see the proposal as „Beschlussvorschlag“")
	}
	// Its decision profile names it a proposal too (it said "Beschluss
	// (ohne Nummer)").
	ds, _ := st.Decisions(ctx, store.DecisionFilter{SessionID: s48.ID})
	_, profile := do(t, he, "GET", fmt.Sprintf("%s/steckbrief/%d", ts.URL, ds[0].ID), nil)
	if h1 := between(profile, "<h1>", "</h1>"); !strings.Contains(h1, "Beschlussvorschlag") || strings.Contains(h1, "ohne Nummer") {
		t.Errorf("profile heading: %s", h1)
	}
}

// TestHomeCountsOnlyVisibleFollowUps: the home page counted every open
// follow-up, also those of proposals and of minutes not yet released, for
// the public.
func TestHomeCountsOnlyVisibleFollowUps(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	count := func(who string) string {
		_, page := do(t, client(t, ts, who), "GET", ts.URL+"/", nil)
		return between(page, "Offene Aufträge aus Sitzungen: ", "</a>")
	}
	before := count("")
	_, it := planSession48(t, ts, st)
	// A follow-up noted on a pending registration is internal to the
	// secretariat and Hessen.
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: it.ID, Text: "Bitte prüfen", Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	if got := count(""); got != before {
		t.Errorf("public count %s, want %s", got, before)
	}
	if got := count("bund"); got != before {
		t.Errorf("Bund's count %s, want %s (it may not see Hessen's registration)", got, before)
	}
	if got, want := count("hessen"), fmt.Sprint(atoi(before)+1); got != want {
		t.Errorf("Hessen's count %s, want %s", got, want)
	}
}

func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// TestPendingDocumentsOnlyForRegistrantAndSecretariat: the session page
// listed the file names of documents attached to pending registrations to
// every internal user; only the registering member and the secretariat
// see (and download) them.
func TestPendingDocumentsOnlyForRegistrantAndSecretariat(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, mine := planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	pdf := []byte("%PDF-1.4\n% Unterlage\n")
	if code, body := uploadTo(t, he, ts.URL+"/sitzungen/48/dokumente", map[string]string{"top": fmt.Sprint(mine.ID)}, "Geheimer-Entwurf-HE.pdf", pdf); code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", code, body)
	}
	docs, _ := st.Documents(ctx, s48.ID)
	if len(docs) != 1 {
		t.Fatalf("documents = %+v", docs)
	}
	dl := fmt.Sprintf("%s/dokumente/%d", ts.URL, docs[0].ID)
	for _, tt := range []struct {
		who  string
		sees bool
	}{{"hessen", true}, {"geschaeftsstelle", true}, {"bund", false}, {"dlt", false}, {"sprecher-hb", false}} {
		_, page := do(t, client(t, ts, tt.who), "GET", ts.URL+"/sitzungen/48", nil)
		if strings.Contains(page, "Geheimer-Entwurf-HE.pdf") != tt.sees {
			t.Errorf("%s sees the file name: %v, want %v", tt.who, !tt.sees, tt.sees)
		}
		code, _ := do(t, client(t, ts, tt.who), "GET", dl, nil)
		if (code == http.StatusOK) != tt.sees {
			t.Errorf("%s downloads: %d", tt.who, code)
		}
	}
}

// publishUnnumbered is the form publishing the agenda of session nr as it
// is, items without number confirmed.
func publishUnnumbered(t *testing.T, st *store.Store, nr int) url.Values {
	t.Helper()
	form := sessionVersion(t, st, nr)
	form.Set("ohne_nummer", "ja")
	return form
}

// sessionVersion gives the form value "version" of the IT-PLR's session nr.
func sessionVersion(t *testing.T, st *store.Store, nr int) url.Values {
	t.Helper()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, err := st.SessionByNumber(ctx, council.ID, nr)
	if err != nil {
		t.Fatal(err)
	}
	return url.Values{"version": {fmt.Sprint(se.Version)}}
}

// TestDebriefInvitationFollowsTheDate: the debrief kept the default date
// (two weeks after the session) in the invitation text, the outbox and
// the PDF after the date was changed. The drafted text is drafted again
// from the date and list being saved and sent; a text the secretariat
// wrote itself is kept.
func TestDebriefInvitationFollowsTheDate(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	wmk, _ := st.BodyByAbbrev(ctx, "WMK")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: wmk.ID, Name: "Geschäftsstelle WMK", Email: "gs@wmk.example"}); err != nil {
		t.Fatal(err)
	}
	fmk := mustBodyAbbrev(t, st, "FMK")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		who string
		nr  int
		fmk model.Body
	}{{"hessen", 27, fmk}, {"geschaeftsstelle", 26, wmk}} {
		form := url.Values{fmt.Sprintf("relevant_%d", a.fmk.ID): {"ja"}, fmt.Sprintf("grund_%d", a.fmk.ID): {"betrifft die Konferenz"}}
		if code, _ := do(t, client(t, ts, a.who), "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, decisionID(t, st, a.nr)), form); code != http.StatusSeeOther {
			t.Fatalf("profile of %d: %d", a.nr, code)
		}
	}
	shown := func() string {
		_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
		return html.UnescapeString(between(page, `name="einladung" rows="12">`, "</textarea>"))
	}
	draft := shown()
	if !strings.Contains(draft, "am 10.07.2025") {
		t.Fatalf("default draft: %q", draft)
	}
	form := url.Values{"datum": {"2025-07-24"}, "ort": {"Videokonferenz"}, "einladung": {draft}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HE"}}
	if code, _ := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", form); code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	now := shown()
	if strings.Contains(now, "10.07.2025") || !strings.Contains(now, "am 24.07.2025") {
		t.Errorf("after the date change the page drafts: %q", now)
	}
	_, pdf := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil)
	if text := pdftest.Text(t, []byte(pdf)); strings.Contains(text, "10.07.2025") || !strings.Contains(text, "24.07.2025") {
		t.Errorf("PDF keeps the old date:\n%s", text)
	}
	// Sent with yet another date, the text as the page showed it.
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	db, _ := st.DebriefOfSession(ctx, s47.ID)
	form.Set("version", fmt.Sprint(db.Version))
	form.Set("einladung", now)
	form.Set("datum", "2025-07-31")
	form.Del("aufnehmen_1") // only the first decision
	if code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", form); code != http.StatusSeeOther {
		t.Fatalf("send: %d %s", code, between(body, "<main", "</main>"))
	}
	list, _, err := st.Notifications(ctx, store.OutboxFilter{})
	if err != nil || len(list) == 0 {
		t.Fatalf("outbox: %v %d", err, len(list))
	}
	for _, n := range list {
		if n.Event != model.EventDebriefInvitation {
			continue
		}
		if strings.Contains(n.Body, "24.07.2025") || strings.Contains(n.Body, "10.07.2025") || !strings.Contains(n.Body, "am 31.07.2025") {
			t.Errorf("mail to %s: %q", n.Recipient, n.Body)
		}
		if strings.Contains(n.Body, "B-2025/27-IT") == strings.Contains(n.Body, "B-2025/26-IT") {
			t.Errorf("mail does not list just the ticked decision: %q", n.Body)
		}
	}
	// A text the secretariat wrote itself is kept as written.
	db, _ = st.DebriefOfSession(ctx, s47.ID)
	own := url.Values{"version": {fmt.Sprint(db.Version)}, "datum": {"2025-08-07"}, "ort": {"Berlin"}, "einladung": {"Eigene Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}}
	if code, _ := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", own); code != http.StatusSeeOther {
		t.Fatal("save own text")
	}
	if got := shown(); got != "Eigene Einladung" {
		t.Errorf("own text = %q", got)
	}
}

func mustBodyAbbrev(t *testing.T, st *store.Store, abbrev string) model.Body {
	t.Helper()
	b, err := st.BodyByAbbrev(context.Background(), abbrev)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDocumentsPerItemWithNotes: documents are listed per agenda item with
// kind, version and upload date; a member's note is private until shared
// with its office, and never reaches another member.
func TestDocumentsPerItemWithNotes(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, mine := planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	pdf := []byte("%PDF-1.4\n")
	for _, name := range []string{"Vorschlag.pdf", "Vorschlag-neu.pdf"} {
		if code, body := uploadTo(t, he, ts.URL+"/sitzungen/48/dokumente", map[string]string{"top": fmt.Sprint(mine.ID), "art": "beschlussvorschlag"}, name, pdf); code != http.StatusSeeOther {
			t.Fatalf("upload %s: %d %s", name, code, body)
		}
	}
	if code, _ := uploadTo(t, he, ts.URL+"/sitzungen/48/dokumente", map[string]string{"art": "brief"}, "x.pdf", pdf); code != http.StatusBadRequest {
		t.Errorf("unknown kind: %d", code)
	}
	docs, _ := st.Documents(ctx, s48.ID)
	if len(docs) != 2 || docs[1].Version != 2 || docs[1].Kind != model.DocProposal {
		t.Fatalf("documents = %+v", docs)
	}
	_, page := do(t, he, "GET", ts.URL+"/sitzungen/48", nil)
	dok := between(page, `id="h-dok"`, "</section>")
	for _, want := range []string{"Hessischer Bericht (Anmeldung: angemeldet)", "Vorschlag-neu.pdf</a> – Beschlussvorschlag, Fassung 2, hochgeladen am "} {
		if !strings.Contains(dok, want) {
			t.Errorf("document list lacks %q:\n%s", want, dok)
		}
	}
	// The note field stops at the store's limit (a longer note was sent
	// and answered with an error page).
	if !strings.Contains(dok, fmt.Sprintf(`name="notiz" rows="3" maxlength="%d"`, store.MaxNoteLength)) {
		t.Errorf("the note field has no maxlength:\n%s", dok)
	}
	// A second account of Hessen's office, and Bund.
	hash, _ := auth.HashPassword(demo.AccountPassword)
	if _, err := st.CreateUser(ctx, model.User{Username: "hessen2", Name: "Referentin Hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, hash); err != nil {
		t.Fatal(err)
	}
	he2 := client(t, ts, "hessen2")
	note := "Hessen stimmt nur mit Finanzierungsvorbehalt zu"
	path := fmt.Sprintf("%s/dokumente/%d/notiz", ts.URL, docs[1].ID)
	if code, _ := do(t, he, "POST", path, url.Values{"notiz": {note}}); code != http.StatusSeeOther {
		t.Fatalf("note: %d", code)
	}
	sees := func(c *http.Client) bool {
		_, page := do(t, c, "GET", ts.URL+"/sitzungen/48", nil)
		return strings.Contains(page, "Finanzierungsvorbehalt")
	}
	gs := client(t, ts, "geschaeftsstelle")
	if !sees(he) || sees(he2) || sees(gs) {
		t.Errorf("private note: author %v, office %v, secretariat %v", sees(he), sees(he2), sees(gs))
	}
	if code, _ := do(t, he, "POST", path, url.Values{"notiz": {note}, "teilen": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("share: %d", code)
	}
	if !sees(he2) || sees(gs) {
		t.Errorf("shared note: office %v, secretariat %v", sees(he2), sees(gs))
	}
	// Bund may not even see Hessen's registration's document, nor note on it.
	if code, _ := do(t, client(t, ts, "bund"), "POST", path, url.Values{"notiz": {"x"}}); code != http.StatusNotFound {
		t.Errorf("Bund notes on Hessen's pending document: %d", code)
	}
	if code, _ := do(t, client(t, ts, ""), "POST", path, url.Values{"notiz": {"x"}}); code != http.StatusUnauthorized {
		t.Errorf("the public notes: %d", code)
	}
}

// TestItemTitleNotEmptied: an agenda item's title emptied in the
// management form was ignored and the page said "Gespeichert."; it is
// refused with the reason, and the title stays.
func TestItemTitleNotEmptied(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	_, it := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {"09"},
		"titel": {"  "}, "abschnitt": {"0"}})
	// The item's rules refuse it (model.AgendaItem.Validate); the page
	// comes back with the reason (TestRefusedAgendaRowAsTyped).
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "braucht einen Titel") {
		t.Errorf("an emptied title: %d %s", code, between(body, "<main", "</main>"))
	}
	if got, _ := st.Item(ctx, it.ID); got.Title != it.Title {
		t.Errorf("title %q, want %q kept", got.Title, it.Title)
	}
}
