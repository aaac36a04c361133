package web

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/ical"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// httpServer is a test server with its Server (for the clock).
type httpServer struct {
	ts  *httptest.Server
	srv *Server
}

// followUpServer is the demo with accounts, the 48th and 49th sessions
// planned (20.11.2025 and 19.03.2026) and the server's clock at now.
func followUpServer(t *testing.T, now time.Time, configure ...func(*Server)) (*httpServer, *store.Store) {
	t.Helper()
	ts, st, srv := cycleServerOf(t, configure...)
	srv.SetClock(func() time.Time { return now })
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	for n, d := range map[int]model.Date{48: model.NewDate(2025, 11, 20), 49: model.NewDate(2026, 3, 19)} {
		if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: n, Date: d, StartTime: "10:00", Status: model.StatusPlanned}); err != nil {
			t.Fatal(err)
		}
	}
	return &httpServer{ts, srv}, st
}

// demoFollowUp finds a demo follow-up by a word of its text.
func demoFollowUp(t *testing.T, st *store.Store, word string) model.FollowUp {
	t.Helper()
	fs, err := st.FollowUps(context.Background(), store.FollowUpFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if strings.Contains(f.Text, word) {
			return f
		}
	}
	t.Fatalf("no demo follow-up with %q", word)
	return model.FollowUp{}
}

// TestDemoFollowUpsOverdue: with the clock past their deadlines, the demo's
// follow-ups with a deadline show as overdue on the follow-up page, first,
// with the due session's date; before, none is.
func TestDemoFollowUpsOverdue(t *testing.T) {
	for _, tt := range []struct {
		name    string
		now     time.Time
		overdue []string
	}{
		{"before every deadline", time.Date(2025, 7, 1, 10, 0, 0, 0, model.Berlin), nil},
		{"after 31.08.2025", time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin), []string{"wissenschaftlichen Instituts"}},
		{"48th session started", time.Date(2025, 11, 20, 10, 0, 0, 0, model.Berlin), []string{"wissenschaftlichen Instituts", "Agrarministerkonferenz"}},
		{"49th session started", time.Date(2026, 3, 19, 10, 30, 0, 0, model.Berlin), []string{"wissenschaftlichen Instituts", "Agrarministerkonferenz", "Unternehmenskontos"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hs, _ := followUpServer(t, tt.now)
			gs := client(t, hs.ts, "geschaeftsstelle")
			code, page := do(t, gs, "GET", hs.ts.URL+"/auftraege", nil)
			if code != http.StatusOK {
				t.Fatalf("list: %d", code)
			}
			if p := wellFormedProblems(page); len(p) > 0 {
				t.Errorf("list page: %v", p)
			}
			items := regexp.MustCompile(`(?s)<li( class="overdue")?>\s*<h2><a href="/auftraege/(?:nr/)?\d+">(.*?)</a>`).FindAllStringSubmatch(page, -1)
			if len(items) != 6 {
				t.Fatalf("%d follow-ups listed, want the demo's 6 (one of them done)", len(items))
			}
			for i, m := range items {
				want := i < len(tt.overdue)
				if got := m[1] != ""; got != want {
					t.Errorf("follow-up %d %q overdue = %v, want %v", i, m[2], got, want)
				}
			}
			for _, w := range tt.overdue {
				found := false
				for _, m := range items[:len(tt.overdue)] {
					found = found || strings.Contains(m[2], w)
				}
				if !found {
					t.Errorf("%q not among the overdue ones listed first", w)
				}
			}
			if tt.overdue == nil && strings.Contains(page, "überfällig</span>") {
				t.Error("overdue shown before any deadline")
			}
			if !strings.Contains(page, "49. Sitzung (19.03.2026)") {
				t.Error("the planned due session is not shown with its date")
			}
			if _, page := do(t, gs, "GET", hs.ts.URL+"/sitzungen/47", nil); !strings.Contains(page, "Frist: 49. Sitzung (19.03.2026)") {
				t.Error("the session page does not show the due session's date")
			}
		})
	}
}

// TestFollowUpReportByMemberOffice: the Bund's office marks its follow-up
// done with evidence; Hessen, not responsible, may not; erledigt without
// evidence is refused; the comment is internal.
func TestFollowUpReportByMemberOffice(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	path := fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, f.ID)
	view := hs.ts.URL + followUpPathOf(t, st, f.ID)
	form := url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {"2025-08-28"}, "kommentar": {"Geprüft."}}

	he := client(t, hs.ts, "hessen")
	if _, page := do(t, he, "GET", view, nil); strings.Contains(page, "Stand speichern") {
		t.Error("Hessen is offered the report form for the Bund's follow-up")
	}
	if code, _ := do(t, he, "POST", path+"/stand", form); code != http.StatusForbidden {
		t.Errorf("Hessen reports the Bund's follow-up: %d", code)
	}
	bund := client(t, hs.ts, "bund")
	if code, page := do(t, bund, "POST", path+"/stand", form); code != http.StatusBadRequest || !strings.Contains(page, "Nachweis") {
		t.Errorf("erledigt without evidence: %d", code)
	}
	// The documents offered as evidence are those of the follow-up's
	// session the office may see: not the upload of Hessen's registration
	// that is not on the agenda (only Hessen and the secretariat see it),
	// neither in the choice nor when its id is sent (before: listed with
	// its name, and taken as evidence).
	ctx := context.Background()
	fItem, err := st.Item(ctx, f.ItemID)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: fItem.SessionID, Title: "Anmeldung Hessen", Status: model.ItemRegistered, RegisteredBy: "HE", RegisteredAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	hidden, err := st.CreateDocument(ctx, store.Document{SessionID: fItem.SessionID, ItemID: pending, Filename: "Entwurf-Hessen-intern.pdf", ContentType: "application/pdf", Size: 4, SHA256: "0000", UploadedBy: "hessen"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDocument(ctx, store.Document{SessionID: fItem.SessionID, Filename: "Sitzungsunterlage.pdf", ContentType: "application/pdf", Size: 4, SHA256: "0001", UploadedBy: "geschaeftsstelle"}); err != nil {
		t.Fatal(err)
	}
	if _, page := do(t, bund, "GET", view, nil); strings.Contains(page, "Entwurf-Hessen-intern.pdf") || !strings.Contains(page, "Sitzungsunterlage.pdf") {
		t.Error("the Bund's evidence choice lists a document of Hessen's pending registration, or not the session's document")
	}
	if _, page := do(t, client(t, hs.ts, "geschaeftsstelle"), "GET", view, nil); !strings.Contains(page, "Entwurf-Hessen-intern.pdf") {
		t.Error("the secretariat's evidence choice lacks the registration's document")
	}
	form.Set("nachweis", "Keine Projekte wurden unterbrochen; Mitteilung an BW vom 28.08.2025.")
	form.Set("nachweis_dokument", strconv.FormatInt(hidden, 10))
	if code, page := do(t, bund, "POST", path+"/stand", form); code != http.StatusBadRequest || !strings.Contains(page, "Das Dokument des Nachweises ist unbekannt.") {
		t.Errorf("evidence by a document the Bund may not see: %d", code)
	}
	form.Del("nachweis_dokument")
	// The form says that the evidence is public; done before the session
	// that gave the follow-up is refused at the date (it was taken).
	if _, page := do(t, bund, "GET", view, nil); !strings.Contains(page, "Dieser Auftrag ist öffentlich") {
		t.Error("the report form does not say that the evidence is public")
	}
	form.Set("erledigt_am", "2020-01-01")
	if code, page := do(t, bund, "POST", path+"/stand", form); code != http.StatusBadRequest ||
		!strings.Contains(page, "Das Datum der Erledigung 01.01.2020 liegt vor der 47. Sitzung vom 26.06.2025, in der der Auftrag erteilt wurde") {
		t.Errorf("done before the session: %d %s", code, between(page, "<main", "</form>"))
	}
	form.Set("erledigt_am", "2025-08-28")
	if code, _ := do(t, bund, "POST", path+"/stand", form); code != http.StatusSeeOther {
		t.Fatalf("Bund reports: %d", code)
	}
	got, _ := st.FollowUp(context.Background(), f.ID)
	if got.Status != model.FollowUpDone || got.DoneOn != model.NewDate(2025, 8, 28) || !strings.Contains(got.EvidenceText, "Mitteilung an BW") {
		t.Errorf("after the report: %+v", got)
	}
	if _, page := do(t, bund, "GET", view, nil); !strings.Contains(page, "Nachweis der Erledigung") || !strings.Contains(page, "Geprüft.") {
		t.Error("evidence or comment missing on the page")
	}
	if _, page := do(t, client(t, hs.ts, ""), "GET", view, nil); strings.Contains(page, "Geprüft.") || strings.Contains(page, "Stand speichern") {
		t.Error("the public sees the comment or the form")
	}
	// The secretariat corrects text, responsible ones and deadline; a member
	// may not.
	g := demoFollowUp(t, st, "Verteidigungsklausel")
	edit := url.Values{"version": {fmt.Sprint(g.Version)}, "text": {"Prüfung der Verteidigungsklausel [[intern]]"}, "verantwortlich": {"Bund, BMDS"}, "frist_sitzung": {"49"}}
	if code, _ := do(t, bund, "POST", fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, g.ID), edit); code != http.StatusForbidden {
		t.Errorf("a member edits: %d", code)
	}
	if code, _ := do(t, client(t, hs.ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, g.ID), edit); code != http.StatusSeeOther {
		t.Fatalf("edit: %d", code)
	}
	if got, _ := st.FollowUp(context.Background(), g.ID); got.DueSession != 49 || got.Responsible != "Bund, BMDS" || got.Text != "Prüfung der Verteidigungsklausel "+model.Redact("intern") {
		t.Errorf("after the edit: %+v", got)
	}
	if code, _ := do(t, client(t, hs.ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, g.ID), edit); code != http.StatusConflict {
		t.Errorf("stale edit: %d", code)
	}

	// The per-member page and the filters.
	if _, page := do(t, bund, "GET", hs.ts.URL+"/mitglieder/Bund/auftraege", nil); strings.Count(page, `<h2><a href="/auftraege/`) != 2 || !strings.Contains(page, "<h1>Aufträge: Bund</h1>") {
		t.Errorf("per member page:\n%s", page)
	}
	if _, page := do(t, bund, "GET", hs.ts.URL+"/auftraege?mitglied=Bund&status=ausstehend", nil); strings.Count(page, `<h2><a href="/auftraege/`) != 1 {
		t.Error("filter member and pending")
	}
	if code, _ := do(t, bund, "GET", hs.ts.URL+"/auftraege?status=kaputt", nil); code != http.StatusBadRequest {
		t.Errorf("unknown status: %d", code)
	}
	// Exports.
	code, csv := do(t, client(t, hs.ts, "geschaeftsstelle"), "GET", hs.ts.URL+"/auftraege.csv?status=ueberfaellig", nil)
	if code != http.StatusOK || strings.Count(csv, "\n") != 2 || !strings.Contains(csv, "31.08.2025") {
		t.Errorf("csv %d:\n%s", code, csv)
	}
	// The internal CSV writes a confidential passage as the JSON API and
	// the forms do, [[…]] (it wrote the stored marks ⟦…⟧ before).
	if _, csv := do(t, client(t, hs.ts, "geschaeftsstelle"), "GET", hs.ts.URL+"/auftraege.csv", nil); !strings.Contains(csv, "Prüfung der Verteidigungsklausel [[intern]]") || strings.ContainsAny(csv, model.RedactOpen+model.RedactClose) {
		t.Errorf("csv marks:\n%s", csv)
	}
	code, pdf := do(t, client(t, hs.ts, "geschaeftsstelle"), "GET", hs.ts.URL+"/auftraege.pdf?status=ausstehend", nil)
	text := pdftest.Words(t, []byte(pdf))
	if code != http.StatusOK || !strings.Contains(text, "Stand der Aufträge") || !strings.Contains(text, "4 Aufträge, davon 1 überfällig") {
		t.Errorf("pdf %d:\n%s", code, text)
	}
}

// TestHomeLinksOpenFollowUps: "Offene Aufträge" links to the list and
// counts only what the viewer may see.
func TestHomeLinksOpenFollowUps(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	// A follow-up of a session whose minutes are not public.
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, _ := st.SessionByNumber(ctx, council.ID, 48)
	itemID, err := st.CreateItem(ctx, model.AgendaItem{SessionID: se.ID, Number: "01", Title: "Intern"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Interner Auftrag", Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	count := func(c *http.Client) string {
		_, page := do(t, c, "GET", hs.ts.URL+"/", nil)
		m := regexp.MustCompile(`<a href="/auftraege\?status=ausstehend">Offene Aufträge aus Sitzungen: (\d+)</a>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("home page without the link to the follow-ups")
		}
		return m[1]
	}
	if got := count(client(t, hs.ts, "geschaeftsstelle")); got != "6" {
		t.Errorf("secretariat counts %s, want 6", got)
	}
	if got := count(client(t, hs.ts, "")); got != "5" {
		t.Errorf("public counts %s, want 5", got)
	}
	if _, page := do(t, client(t, hs.ts, ""), "GET", hs.ts.URL+"/auftraege", nil); strings.Contains(page, "Interner Auftrag") {
		t.Error("the public sees a follow-up of unpublished minutes")
	}
}

// TestFollowUpProposalsFromImport: importing the seed minutes proposes its
// follow-ups on the proposals page (the Unternehmenskonto audit "zur 49.
// Sitzung", the institute "bis zum 31.08.2025", the project plan "zur 48.
// Sitzung"); the secretariat confirms one — a follow-up linked to its
// source row — and dismisses another; neither is proposed again.
func TestFollowUpProposalsFromImport(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seeds", "000_d83e092d3fe92c21.txt"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip("seed minutes not found; run with ../shared beside the repository")
	}
	ctx := store.WithActor(context.Background(), "import")
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	council, err := itplr.Setup(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := minutes.StoredOptions(ctx, st, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := minutes.Parse(strings.NewReader(string(seed)), opts)
	if err != nil {
		t.Fatal(err)
	}
	sessionID, _, err := minutes.Save(ctx, st, council.ID, doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)

	page := ts.URL + "/sitzungen/47/auftragsvorschlaege"
	if code, _ := do(t, client(t, ts, "hessen"), "GET", page, nil); code != http.StatusForbidden {
		t.Errorf("a member sees the proposals: %d", code)
	}
	gs := client(t, ts, "geschaeftsstelle")
	code, body := do(t, gs, "GET", page, nil)
	if code != http.StatusOK {
		t.Fatalf("proposals page: %d", code)
	}
	if p := wellFormedProblems(body); len(p) > 0 {
		t.Errorf("proposals page: %v", p)
	}
	for _, want := range []string{"spätestens zur 49. Sitzung", "bis zum 31.08.2025", "spätestens zur 48. Sitzung"} {
		if !strings.Contains(body, "Gefunden: „"+want) && !strings.Contains(body, want+"“") {
			t.Errorf("no proposal found by %q", want)
		}
	}
	// A decision's proposal names the decision by its number.
	if !strings.Contains(body, "<h2>TOP 12: Beschluss B-2025/27-IT</h2>") {
		t.Errorf("the institute commission's proposal does not name B-2025/27-IT:\n%s", body)
	}
	props, err := minutes.StoredProposals(ctx, st, sessionID)
	if err != nil || len(props) != 7 {
		t.Fatalf("%d proposals, %v", len(props), err)
	}
	var audit, bund minutes.Proposal
	for _, p := range props {
		if strings.Contains(p.Sentence, "Unternehmenskontos") {
			audit = p
		}
		if strings.Contains(p.Sentence, "Verteidigungsklausel") {
			bund = p
		}
	}
	confirm := url.Values{"schluessel": {audit.Key}, "aktion": {"bestaetigen"}, "text": {"Audit der Kostenstrukturen des Unternehmenskontos"},
		"verantwortlich": {"FITKO"}, "frist_sitzung": {"49"}}
	if code, _ := do(t, gs, "POST", page, confirm); code != http.StatusSeeOther {
		t.Fatalf("confirm: %d", code)
	}
	if code, _ := do(t, gs, "POST", page, confirm); code != http.StatusConflict {
		t.Errorf("confirmed twice: %d", code)
	}
	if code, _ := do(t, gs, "POST", page, url.Values{"schluessel": {bund.Key}, "aktion": {"verwerfen"}}); code != http.StatusSeeOther {
		t.Fatalf("dismiss: %d", code)
	}
	fs, _ := st.FollowUps(ctx, store.FollowUpFilter{})
	if len(fs) != 1 || fs[0].DueSession != 49 || fs[0].Responsible != "FITKO" || fs[0].Source != model.SourceRemark || fs[0].SourceID == 0 || fs[0].ProposalKey != audit.Key {
		t.Fatalf("follow-ups after confirming: %+v", fs)
	}
	if props, _ := minutes.StoredProposals(ctx, st, sessionID); len(props) != 5 {
		t.Errorf("%d proposals left, want 5", len(props))
	}
	// The follow-up links to its source, and the list shows it.
	if _, body := do(t, gs, "GET", ts.URL+followUpPathOf(t, st, fs[0].ID), nil); !strings.Contains(body, "Text im Protokoll in <a href=\"/sitzungen/47#top-") {
		t.Errorf("follow-up page without its source:\n%s", body)
	}
}

// TestRegisterImplementationState: a decision's follow-ups roll up into
// its state in the register and its filter (offen → in Umsetzung →
// umgesetzt), and the decision page shows it.
func TestRegisterImplementationState(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	f := demoFollowUp(t, st, "wissenschaftlichen Instituts")
	pub := client(t, hs.ts, "")
	listed := func(state string) bool {
		_, body := do(t, pub, "GET", hs.ts.URL+"/beschluesse?umsetzung="+state, nil)
		return strings.Contains(body, ">B-2025/27-IT<")
	}
	check := func(want string) {
		t.Helper()
		for _, s := range []string{"offen", "in_umsetzung", "umgesetzt"} {
			if got := listed(s); got != (s == want) {
				t.Errorf("state %s: B-2025/27-IT listed under %s = %v", want, s, got)
			}
		}
		_, body := do(t, pub, "GET", hs.ts.URL+"/beschluesse/B-2025/27-IT", nil)
		label := map[string]string{"offen": "offen", "in_umsetzung": "in Umsetzung", "umgesetzt": "umgesetzt"}[want]
		if !strings.Contains(body, "Stand der Umsetzung: <strong>"+label+"</strong>") {
			t.Errorf("decision page without the state %q", label)
		}
	}
	check("offen")
	if err := st.ReportFollowUp(ctx, store.FollowUpReport{ID: f.ID, Version: f.Version, Status: model.FollowUpInProgress}); err != nil {
		t.Fatal(err)
	}
	check("in_umsetzung")
	if err := st.ReportFollowUp(ctx, store.FollowUpReport{ID: f.ID, Version: f.Version + 1, Status: model.FollowUpDone, DoneOn: model.NewDate(2025, 8, 20), EvidenceText: "Institut beauftragt"}); err != nil {
		t.Fatal(err)
	}
	check("umgesetzt")
	if _, body := do(t, pub, "GET", hs.ts.URL+"/beschluesse", nil); !strings.Contains(body, "Umsetzung: umgesetzt") {
		t.Error("register list without the state")
	}
	// The deadline "zur 49. Sitzung" shows the planned session's date.
	g, _ := st.FollowUp(ctx, f.ID)
	g.DueSession = 49
	if err := st.UpdateFollowUp(ctx, g); err != nil {
		t.Fatal(err)
	}
	if _, body := do(t, pub, "GET", hs.ts.URL+"/beschluesse/B-2025/27-IT", nil); !strings.Contains(body, "Frist: 31.08.2025, spätestens 49. Sitzung (19.03.2026)") {
		t.Error("decision page without the due session's date")
	}
	// The secretariat's edit form holds the session's number (before: the
	// planned session printed as a Go struct, "{0 0 49 …}", which the form
	// refused when sent back unchanged).
	gs := client(t, hs.ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", hs.ts.URL+followUpPathOf(t, st, f.ID), nil)
	if in := between(page, `<input id="b-sitzung"`, ">"); !strings.Contains(in, `value="49"`) {
		t.Errorf("the edit form's session field: %s", in)
	}
}

// TestPersonalCalendarFeed: Hessen's office makes a private calendar
// address; the feed holds the sessions and the deadline of Hessen's
// follow-up (not the Bund's), passes the iCalendar check, and stops
// working when a new address is made or it is revoked. The address is a
// secret: no log line names it, whatever the level (before: every request
// at Debug, a refused one at Info, a failed one at Error).
func TestPersonalCalendarFeed(t *testing.T) {
	var logs lockedBuffer
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin), func(s *Server) {
		s.log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	// Given in the 47th session (26.06.2025), before its deadline.
	se, _ := st.SessionByNumber(ctx, council.ID, 47)
	items47, err := st.Items(ctx, se.ID)
	if err != nil || len(items47) == 0 {
		t.Fatal("no items of the 47th session", err)
	}
	item := items47[0].ID
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: "Zahlen " + model.Redact("intern") + " liefern", Responsible: "Hessen", DueDate: model.NewDate(2025, 10, 15), Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	he := client(t, hs.ts, "hessen")
	if code, _ := do(t, client(t, hs.ts, ""), "POST", hs.ts.URL+"/mein-kalender", url.Values{}); code != http.StatusUnauthorized { // the login page, the form kept (loginExpired)
		t.Errorf("the public makes a calendar address: %d", code)
	}
	newAddress := func() string {
		t.Helper()
		code, page := do(t, he, "POST", hs.ts.URL+"/mein-kalender", url.Values{"bestaetigt": {"ja"}})
		m := regexp.MustCompile(`value="(https?://[^"]+/kalender/kal_[^"]+\.ics)"`).FindStringSubmatch(page)
		if code != http.StatusOK || m == nil {
			t.Fatalf("new address: %d\n%s", code, page)
		}
		if p := wellFormedProblems(page); len(p) > 0 {
			t.Errorf("calendar page: %v", p)
		}
		return strings.TrimPrefix(m[1], "http://gremium.example")
	}
	feedPath := func(u string) string { i := strings.Index(u, "/kalender/"); return u[i:] }
	first := feedPath(newAddress())
	pub := client(t, hs.ts, "")
	code, feed := do(t, pub, "GET", hs.ts.URL+first, nil)
	if code != http.StatusOK {
		t.Fatalf("feed: %d", code)
	}
	if bad := ical.Check([]byte(feed)); len(bad) > 0 {
		t.Errorf("feed breaks RFC 5545: %v", bad)
	}
	unfolded := strings.ReplaceAll(feed, "\r\n ", "")
	for _, want := range []string{"SUMMARY:Frist Auftrag: Zahlen [geschwärzt] liefern", "DTSTART;VALUE=DATE:20251015", "48. Sitzung des IT-Planungsrats"} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("feed without %q:\n%s", want, unfolded)
		}
	}
	if strings.Contains(unfolded, "intern") || strings.Contains(unfolded, "Matrix-Protokoll") {
		t.Error("feed holds a confidential passage or another member's follow-up")
	}
	second := feedPath(newAddress())
	if code, _ := do(t, pub, "GET", hs.ts.URL+first, nil); code != http.StatusNotFound {
		t.Errorf("old address after a new one: %d", code)
	}
	if code, _ := do(t, pub, "GET", hs.ts.URL+second, nil); code != http.StatusOK {
		t.Errorf("new address: %d", code)
	}
	// A disabled account's address is refused while it is disabled
	// (SECURITY.md: "Sperren" ends every credential of the account).
	heUser, _, err := st.UserLogin(ctx, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		disabled bool
		want     int
	}{{true, http.StatusNotFound}, {false, http.StatusOK}} {
		if err := st.SetUserDisabled(ctx, heUser.ID, c.disabled); err != nil {
			t.Fatal(err)
		}
		if code, _ := do(t, pub, "GET", hs.ts.URL+second, nil); code != c.want {
			t.Errorf("address of an account disabled %v: %d, want %d", c.disabled, code, c.want)
		}
	}
	he = client(t, hs.ts, "hessen") // disabling ended its login
	if code, _ := do(t, he, "POST", hs.ts.URL+"/mein-kalender/widerrufen", url.Values{"bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Errorf("revoke: %d", code)
	}
	if code, _ := do(t, pub, "GET", hs.ts.URL+second, nil); code != http.StatusNotFound {
		t.Errorf("revoked address: %d", code)
	}
	if code, _ := do(t, pub, "GET", hs.ts.URL+"/kalender/kal_unbekannt.ics", nil); code != http.StatusNotFound {
		t.Errorf("unknown address: %d", code)
	}
	for _, address := range []string{first, second} {
		secret := strings.TrimSuffix(strings.TrimPrefix(address, "/kalender/"), ".ics")
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log names the calendar address %s:\n%s", address, logs.String())
		}
	}
	if !strings.Contains(logs.String(), "/kalender/…") {
		t.Errorf("the log does not name the calendar requests at all:\n%s", logs.String())
	}
}

// TestPersonalCalendarHoldsTheALRunde: the personal calendar of a member
// office held the IT-PLR's sessions only. The AL-Runde, where the office's
// Abteilungsleitung sits, and its document deadline were missing. Now its
// sessions are there, named "39. AL-Runde" and linking the AL-Runde's
// pages, with the Unterlagenfrist of a coming one for those who register;
// the public calendar stays without them.
func TestPersonalCalendarHoldsTheALRunde(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateSession(ctx, model.Session{BodyID: prep.ID, Number: 40, Date: model.NewDate(2025, 10, 30), StartTime: "10:00", Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	feedOf := func(who string) string { return personalFeed(t, hs, who) }
	he := feedOf("hessen")
	for _, want := range []string{"SUMMARY:39. AL-Runde", "/gremien/al-runde/sitzungen/39", "SUMMARY:40. AL-Runde",
		"SUMMARY:Unterlagenfrist: 40. AL-Runde", "DTSTART;VALUE=DATE:20251023", "48. Sitzung des IT-Planungsrats"} {
		if !strings.Contains(he, want) {
			t.Errorf("hessen's feed without %q", want)
		}
	}
	if strings.Contains(he, "Unterlagenfrist: 39. AL-Runde") {
		t.Error("the document deadline of an AL-Runde held is in the feed")
	}
	// A spokesperson registers nothing: the sessions, not the deadline.
	if sp := feedOf("sprecher-hb"); !strings.Contains(sp, "SUMMARY:40. AL-Runde") || strings.Contains(sp, "Unterlagenfrist") {
		t.Error("the spokesperson's feed: the AL-Runde missing or its document deadline there")
	}
	if _, pub := do(t, client(t, hs.ts, ""), "GET", hs.ts.URL+"/sitzungen.ics", nil); strings.Contains(pub, "AL-Runde") {
		t.Error("the public calendar names the AL-Runde")
	}
}

// TestFollowUpListPages: the list shows 100 follow-ups a page, counts all
// of them, keeps the filter in the page links, goes forward and back by the
// place in the list and refuses a place or page that does not exist.
func TestFollowUpListPages(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	for i := 0; i < 120; i++ {
		if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: f.ItemID, Text: fmt.Sprintf("Auftrag %d", i), Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
			t.Fatal(err)
		}
	}
	gs := client(t, hs.ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", hs.ts.URL+"/auftraege?mitglied=HE", nil)
	next := regexp.MustCompile(`href="([^"]*)" rel="next"`).FindStringSubmatch(page)
	if n := strings.Count(page, `<h2><a href="/auftraege/`); n != 100 || !strings.Contains(page, "120 Aufträge für diese Auswahl, Seite 1 von 2") ||
		next == nil || !strings.HasPrefix(next[1], "/auftraege?mitglied=HE&amp;nach=") || strings.Contains(page, `rel="prev"`) {
		t.Fatalf("page 1: %d follow-ups\n%s", n, page)
	}
	_, page = do(t, gs, "GET", hs.ts.URL+html.UnescapeString(next[1]), nil)
	prev := regexp.MustCompile(`href="([^"]*)" rel="prev"`).FindStringSubmatch(page)
	if strings.Count(page, `<h2><a href="/auftraege/`) != 20 || !strings.Contains(page, "Seite 2 von 2") || strings.Contains(page, `rel="next"`) || prev == nil {
		t.Fatalf("page 2:\n%s", page)
	}
	if _, page := do(t, gs, "GET", hs.ts.URL+html.UnescapeString(prev[1]), nil); strings.Count(page, `<h2><a href="/auftraege/`) != 100 ||
		!strings.Contains(page, "Seite 1 von 2") || !strings.Contains(page, `rel="next"`) || strings.Contains(page, `rel="prev"`) {
		t.Errorf("back to page 1:\n%s", page)
	}
	// A place or filter in the address that cannot be used: the list from
	// its start with the filter form and the reason, status 400 (before:
	// an error page without the list).
	for _, bad := range []string{"/auftraege?nach=1.9999-99-99.5&seite=3", "/auftraege?nach=x&seite=2", "/auftraege?vor=7.2025-01-01.5&seite=2", "/auftraege?status=ueberall"} {
		code, page := do(t, gs, "GET", hs.ts.URL+bad, nil)
		if code != http.StatusBadRequest || !strings.Contains(page, "ließ sich nicht anwenden") || !strings.Contains(page, `aria-label="Aufträge filtern"`) || strings.Count(page, `<h2><a href="/auftraege/`) != 100 {
			t.Errorf("%s: %d, not the list from its start with the reason", bad, code)
		}
	}
}

// TestImplementationPerLand: a decision that binds only the consenting
// Länder shows its implementation state per bound Land on its page.
func TestImplementationPerLand(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	dec, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: s47.ID, ItemID: f.ItemID, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeConsenting, Number: model.DecisionNumber{Year: 2025, Seq: 91}, AdoptedOn: s47.Date,
		Title: "Gemeinsames Portal", Points: []model.Point{{Label: "1.", Text: "BY und HB führen das Portal ein."}}, Result: "mehrheitlich",
		Votes: []model.Vote{{Member: "BY", Choice: model.VoteYes}, {Member: "HB", Choice: model.VoteYes}, {Member: "HE", Choice: model.VoteNo}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, fu := range []model.FollowUp{
		{Text: "Einführung in Bayern", Responsible: "BY", Status: model.FollowUpDone, DoneOn: model.NewDate(2025, 8, 1), EvidenceText: "in Betrieb"},
		{Text: "Einführung in Bremen", Responsible: "HB", Status: model.FollowUpOpen},
	} {
		fu.DecisionID, fu.ItemID = dec, f.ItemID
		if _, err := st.CreateFollowUp(ctx, fu); err != nil {
			t.Fatal(err)
		}
	}
	_, page := do(t, client(t, hs.ts, ""), "GET", hs.ts.URL+"/beschluesse/B-2025/91-IT", nil)
	if !strings.Contains(page, "Stand der Umsetzung: <strong>in Umsetzung</strong> – je Land: BY umgesetzt, HB offen") {
		t.Errorf("decision page without the state per Land:\n%s", page)
	}
}

// TestLivePageProposals: the live page shows the follow-ups the current
// item's wording proposes (here Hessen's protocol note "spätestens zur 48.
// Sitzung" on the demo's item after TOP 12, whose TOP row the source lost)
// and confirms one in place, back to the item; the demo's own follow-ups
// are not proposed again.
func TestLivePageProposals(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	f := demoFollowUp(t, st, "Unternehmenskontos")
	gs := client(t, hs.ts, "geschaeftsstelle")
	live := fmt.Sprintf("%s/sitzungen/47/live?top=%d", hs.ts.URL, f.ItemID)
	code, page := do(t, gs, "GET", live, nil)
	if code != http.StatusOK || !strings.Contains(page, "Auftragsvorschläge aus dem Protokoll") || !strings.Contains(page, "gefunden: „spätestens zur 48. Sitzung“") {
		t.Fatalf("live page %d without the proposal:\n%s", code, page)
	}
	if strings.Contains(page, "gefunden: „spätestens zur 49. Sitzung“") {
		t.Error("the demo's follow-up proposed again")
	}
	m := regexp.MustCompile(`name="schluessel" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no proposal form")
	}
	res, err := gs.PostForm(hs.ts.URL+"/sitzungen/47/auftragsvorschlaege", url.Values{"schluessel": {m[1]}, "zurueck": {"live"}, "aktion": {"bestaetigen"},
		"text": {"Projektplanung vorlegen"}, "verantwortlich": {"BY, HB"}, "frist_sitzung": {"48"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != fmt.Sprintf("/sitzungen/47/live?top=%d", f.ItemID) {
		t.Errorf("confirm: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	fs, _ := st.FollowUps(ctx, store.FollowUpFilter{ItemID: f.ItemID})
	last := fs[len(fs)-1]
	if last.Text != "Projektplanung vorlegen" || last.Source != model.SourceNote || last.DueSession != 48 {
		t.Errorf("confirmed: %+v", last)
	}
	if _, page := do(t, gs, "GET", live, nil); strings.Contains(page, "spätestens zur 48. Sitzung“") {
		t.Error("the confirmed proposal is still proposed")
	}
}

// TestFollowUpDoneByItem: the evidence of a follow-up may be the agenda
// item that closed it, named by session and TOP number.
func TestFollowUpDoneByItem(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Verteidigungsklausel")
	bund := client(t, hs.ts, "bund")
	path := fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, f.ID)
	view := hs.ts.URL + followUpPathOf(t, st, f.ID)
	form := url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {"2025-08-30"}, "nachweis_sitzung": {"47"}, "nachweis_top": {"99"}}
	if code, page := do(t, bund, "POST", path+"/stand", form); code != http.StatusBadRequest || !strings.Contains(page, "keinen TOP 99") {
		t.Errorf("unknown TOP: %d", code)
	}
	form.Set("nachweis_top", "10")
	if code, _ := do(t, bund, "POST", path+"/stand", form); code != http.StatusSeeOther {
		t.Fatalf("report: %d", code)
	}
	got, _ := st.FollowUp(context.Background(), f.ID)
	if got.Status != model.FollowUpDone || got.EvidenceItemID == 0 {
		t.Errorf("after the report: %+v", got)
	}
	if _, page := do(t, client(t, hs.ts, ""), "GET", view, nil); !strings.Contains(page, `Erledigt in</dt><dd><a href="/sitzungen/47#top-`) {
		t.Errorf("the public page without the closing item:\n%s", page)
	}
}

// TestFollowUpRefusedReportKeepsInput: a report the server refuses (erledigt
// without evidence, an unknown decision as evidence) shows the follow-up
// again with the reason above the form and everything typed still in it —
// not an error page whose only way on is the home page.
func TestFollowUpRefusedReportKeepsInput(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	bund := client(t, hs.ts, "bund")
	path := fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, f.ID)
	for _, tt := range []struct {
		name, reason string
		set          url.Values
	}{
		{"without evidence", "braucht einen Nachweis", url.Values{}},
		{"unknown decision", "Der Beschluss B-2025/99-IT ist nicht erfasst.", url.Values{"nachweis_beschluss": {"B-2025/99-IT"}}},
		{"unknown item", "keinen TOP 99", url.Values{"nachweis_sitzung": {"47"}, "nachweis_top": {"99"}, "nachweis": {"Bericht an BW & HH"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {"2025-08-28"},
				"kommentar": {"Prüfung abgeschlossen, Rückmeldung an <BW>."}}
			for k, v := range tt.set {
				form[k] = v
			}
			code, page := do(t, bund, "POST", path+"/stand", form)
			if code != http.StatusBadRequest || !strings.Contains(page, html.EscapeString(tt.reason)) {
				t.Fatalf("refused report: %d, reason %q missing", code, tt.reason)
			}
			for _, want := range []string{
				`<form method="post" action="/auftraege/` + fmt.Sprint(f.ID) + `/stand"`,
				`id="st-erledigt" name="status" value="erledigt" checked`,
				`value="2025-08-28"`,
				`>Prüfung abgeschlossen, Rückmeldung an &lt;BW&gt;.</textarea>`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("the page after the refusal lacks %s", want)
				}
			}
			for k, v := range tt.set {
				if k == "nachweis" {
					if !strings.Contains(page, ">"+html.EscapeString(v[0])+"</textarea>") {
						t.Errorf("evidence text %q not kept", v[0])
					}
				} else if !strings.Contains(page, `name="`+k+`"`) || !strings.Contains(page, `value="`+v[0]+`"`) {
					t.Errorf("%s=%q not kept", k, v[0])
				}
			}
			if got, _ := st.FollowUp(context.Background(), f.ID); got.Status == model.FollowUpDone {
				t.Error("the refused report was saved")
			}
		})
	}
}

// TestFollowUpListReadsOnePage: the follow-up lists read the same
// statements and rows however many follow-ups there are — one page, not
// every follow-up with one read of its agenda item each — for the
// secretariat, the public and a member's page; the CSV export reads a
// fixed number of statements per 500 follow-ups.
func TestFollowUpListReadsOnePage(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	var public model.FollowUp // a demo follow-up the public sees, by its adopted decision
	fs, err := st.FollowUps(ctx, store.FollowUpFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if d, err := st.Decision(ctx, f.DecisionID); err == nil && d.Public() {
			public = f
		}
	}
	if public.ID == 0 {
		t.Fatal("no public demo follow-up")
	}
	// Overdue follow-ups are given in a session before their deadline:
	// the 47th (26.06.2025), on its items.
	s47, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	items47, err := st.Items(ctx, s47.ID)
	if err != nil || len(items47) == 0 {
		t.Fatal("no items of the 47th session", err)
	}
	add := func(n int) {
		t.Helper()
		for i := range n {
			itemID := items47[i%len(items47)].ID
			due := model.NewDate(2025, 8, 1+i%28)
			if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: fmt.Sprintf("Auftrag %d", i), Responsible: "HE", DueDate: due, Status: model.FollowUpOpen}); err != nil {
				t.Fatal(err)
			}
			if _, err := st.CreateFollowUp(ctx, model.FollowUp{DecisionID: public.DecisionID, Text: fmt.Sprintf("Öffentlich %d", i), Responsible: "BY", Status: model.FollowUpDone,
				DoneOn: due, EvidenceText: "Bericht"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	gs, pub := client(t, hs.ts, "geschaeftsstelle"), &http.Client{}
	pages := []struct {
		name string
		c    *http.Client
		path string
	}{
		{"list", gs, "/auftraege"},
		{"public list", pub, "/auftraege"},
		{"member page", gs, "/mitglieder/HE/auftraege"},
		{"overdue", gs, "/auftraege?status=ueberfaellig"},
	}
	add(120)
	time.Sleep(2 * store.PollInterval) // as after add(400) below
	type cost struct{ queries, rows uint64 }
	before := map[string]cost{}
	for _, p := range pages {
		q, r := clientCost(t, p.c, hs.ts.URL+p.path)
		before[p.name] = cost{q, r}
	}
	csvQ, _ := clientCost(t, gs, hs.ts.URL+"/auftraege.csv")
	add(400)
	// Let anything the writes set off in the background pass first (the
	// store's watch of other processes' writes, store.PollInterval, once
	// moved the data version again a moment later).
	time.Sleep(2 * store.PollInterval)
	for _, p := range pages {
		q, r := clientCost(t, p.c, hs.ts.URL+p.path)
		if b := before[p.name]; q != b.queries || r != b.rows {
			t.Errorf("%s: %d statements, %d rows with 800 more follow-ups; %d, %d before", p.name, q, r, b.queries, b.rows)
		}
	}
	if q, _ := clientCost(t, gs, hs.ts.URL+"/auftraege.csv"); q > csvQ+2 {
		t.Errorf("CSV: %d statements for 800 more follow-ups, %d before", q, csvQ)
	}
	// The CSV lists all; the PDF the first 1,000, and says so.
	if _, csv := do(t, gs, "GET", hs.ts.URL+"/auftraege.csv", nil); strings.Count(csv, "Öffentlich ") != 520 || strings.Count(csv, "Auftrag ") < 520 {
		t.Errorf("CSV: %d public, %d others", strings.Count(csv, "Öffentlich "), strings.Count(csv, "Auftrag "))
	}
	_, pdf := do(t, gs, "GET", hs.ts.URL+"/auftraege.pdf", nil)
	if text := pdftest.Words(t, []byte(pdf)); !strings.Contains(text, "Der Bericht zeigt die ersten 1000 Aufträge der Liste") {
		t.Errorf("PDF without the note on its bound:\n%.2000s", text)
	}
}

// TestPersonalCalendarFeedWindow: the personal feed gives the deadlines
// still owed from FeedPastDays back to FeedAheadDays ahead (not those
// before or after, nor done ones), by date or by the due session's date,
// and the open written procedures' deadlines with their body and their
// decision's title.
func TestPersonalCalendarFeedWindow(t *testing.T) {
	now := time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin)
	hs, st := followUpServer(t, now)
	ctx := context.Background()
	council := mustBody(t, st)
	for _, f := range []model.FollowUp{
		{Text: "Zu alt", DueDate: model.NewDate(2024, 8, 31)},
		{Text: "Vor einem Jahr", DueDate: model.NewDate(2024, 9, 1)},
		{Text: "Bald", DueDate: model.NewDate(2025, 9, 1)},
		{Text: "Zur 49. Sitzung", DueDate: model.NewDate(2028, 1, 1), DueSession: 49},
		{Text: "In zwei Jahren", DueDate: model.NewDate(2027, 9, 1)},
		{Text: "Zu fern", DueDate: model.NewDate(2027, 9, 2)},
		{Text: "Erledigt", DueDate: model.NewDate(2025, 10, 1), Status: model.FollowUpDone, DoneOn: model.NewDate(2025, 8, 1), EvidenceText: "Bericht geliefert"},
	} {
		// Without an item: deadlines from 2024 on lie before every
		// session of the demo, in which they could not be given.
		f.Responsible = "Hessen"
		if f.Status == "" {
			f.Status = model.FollowUpOpen
		}
		if _, err := st.CreateFollowUp(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zum Cloud-Einsatz", Points: []model.Point{{Label: "1.", Text: "Text."}}, Applicants: []string{"Bund"}},
		Deadline: time.Now().Add(72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	code, page := do(t, client(t, hs.ts, "hessen"), "POST", hs.ts.URL+"/mein-kalender", url.Values{})
	m := regexp.MustCompile(`value="https?://[^"]+(/kalender/kal_[^"]+\.ics)"`).FindStringSubmatch(page)
	if code != http.StatusOK || m == nil {
		t.Fatalf("new address: %d", code)
	}
	// The page says which deadlines the feed holds, and where the older
	// overdue ones are.
	if !strings.Contains(page, "von einem Jahr zurück") || !strings.Contains(page, "bis zwei Jahre voraus") || !strings.Contains(page, `href="/auftraege?status=ueberfaellig"`) {
		t.Error("the calendar page does not name the feed's window of deadlines")
	}
	code, feed := do(t, client(t, hs.ts, ""), "GET", hs.ts.URL+m[1], nil)
	if code != http.StatusOK {
		t.Fatalf("feed: %d", code)
	}
	if bad := ical.Check([]byte(feed)); len(bad) > 0 {
		t.Errorf("feed breaks RFC 5545: %v", bad)
	}
	unfolded := strings.ReplaceAll(feed, "\r\n ", "")
	for text, want := range map[string]bool{"Zu alt": false, "Vor einem Jahr": true, "Bald": true, "Zur 49. Sitzung": true, "In zwei Jahren": true,
		"Zu fern": false, "Erledigt": false, "Frist Umlaufverfahren (" + council.Abbrev + "): Empfehlung zum Cloud-Einsatz": true} {
		if got := strings.Contains(unfolded, text+"\r\n"); got != want {
			t.Errorf("%q in the feed: %v, want %v", text, got, want)
		}
	}
	if !strings.Contains(unfolded, "DTSTART;VALUE=DATE:20260319") {
		t.Error("the follow-up due to the 49th session is not on its date")
	}
}

// TestPersonalFeedRegistrationDeadline: the members' calendar feed had
// the sessions but not their registration deadline (Anmeldeschluss), the
// date a member office plans its registrations by. It is an all-day event
// with a reminder in the feed of whoever registers items (a member office,
// the secretariat), not of an advisory member; a session that takes no
// registrations any more has none.
func TestPersonalFeedRegistrationDeadline(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2026, 2, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s49, _ := st.SessionByNumber(ctx, council.ID, 49)
	s49.RegistrationDeadline = model.NewDate(2026, 2, 19)
	if err := st.UpdateSession(ctx, s49); err != nil {
		t.Fatal(err)
	}
	// A second address for the account replaces the first: confirmed.
	feed := func(account string) string { return personalFeed(t, hs, account) }
	for _, account := range []string{"hessen", "geschaeftsstelle"} {
		f := feed(account)
		ev := between(f, "UID:anmeldeschluss-it-plr-49@", "END:VEVENT")
		for _, want := range []string{"DTSTART;VALUE=DATE:20260219\r\n", "SUMMARY:Anmeldeschluss: 49. Sitzung des IT-Planungsrats\r\n",
			"/sitzungen/49/anmeldung\r\n", "TRANSP:TRANSPARENT\r\n", "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;RELATED=START:-P2DT15H\r\n"} {
			if !strings.Contains(ev, want) {
				t.Errorf("%s: the deadline event lacks %q:\n%s", account, want, ev)
			}
		}
		if strings.Contains(f, "anmeldeschluss-it-plr-48@") {
			t.Errorf("%s: a deadline for the 48th session, which has none", account)
		}
	}
	if f := feed("dlt"); strings.Contains(f, "Anmeldeschluss") {
		t.Errorf("an advisory member, who registers no items, gets the deadline")
	}
	// Once the session is convened and running, it takes no registrations.
	publishAgendaForTest(t, st, s49.ID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, s49.ID)
		if err := st.SetSessionStatus(ctx, se.ID, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	if f := feed("hessen"); strings.Contains(f, "Anmeldeschluss") {
		t.Errorf("the deadline of a running session is in the feed")
	}
}

// TestFollowUpRefusedEditKeepsInput: a correction of a follow-up (its
// page's form "Auftrag bearbeiten") and the confirmation of a proposed
// follow-up that are refused show their page again with the form as typed
// and the reason, and store nothing. Before, both answered with an error
// page: a deadline that is no date lost the corrected text.
func TestFollowUpRefusedEditKeepsInput(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	gs := client(t, hs.ts, "geschaeftsstelle")
	path := fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, f.ID)
	for _, tt := range []struct {
		name, reason string
		form         url.Values
	}{
		{"a deadline that is no date", "Die Frist ist kein gültiges Datum",
			url.Values{"text": {"Geänderter Auftrag an <BW>"}, "verantwortlich": {"BW, HH"}, "frist": {"31.02.2026"}, "frist_sitzung": {"49"}}},
		{"an open mark", "fehlt das schließende",
			url.Values{"text": {"Geänderter Auftrag [[offen"}, "verantwortlich": {"BW, HH"}, "frist": {"2026-03-31"}, "frist_sitzung": {""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.form.Set("version", fmt.Sprint(f.Version))
			code, page := do(t, gs, "POST", path, tt.form)
			if code != http.StatusBadRequest || !strings.Contains(page, tt.reason) || !strings.Contains(page, `id="bearbeiten-fehler"`) {
				t.Fatalf("refused correction: %d %s", code, between(page, "<main", "</h1>"))
			}
			for _, field := range []string{"verantwortlich", "frist", "frist_sitzung"} {
				if !strings.Contains(page, `name="`+field+`"`) || !strings.Contains(page, `value="`+html.EscapeString(tt.form.Get(field))+`"`) {
					t.Errorf("%s=%q not kept", field, tt.form.Get(field))
				}
			}
			if !strings.Contains(between(page, `id="b-text" name="text" rows="3" required`, "</textarea>"), ">"+html.EscapeString(tt.form.Get("text"))) {
				t.Errorf("the text %q not kept", tt.form.Get("text"))
			}
			if got, _ := st.FollowUp(ctx, f.ID); got.Text != f.Text || got.Version != f.Version {
				t.Errorf("the refused correction was saved: %+v", got)
			}
		})
	}

	// A proposal confirmed with a deadline that is no date.
	page47 := hs.ts.URL + "/sitzungen/47/auftragsvorschlaege"
	_, page := do(t, gs, "GET", page47, nil)
	m := regexp.MustCompile(`name="schluessel" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no proposal form")
	}
	before, _ := st.FollowUps(ctx, store.FollowUpFilter{})
	code, page := do(t, gs, "POST", page47, url.Values{"schluessel": {m[1]}, "aktion": {"bestaetigen"},
		"text": {"Projektplanung vorlegen, korrigiert"}, "verantwortlich": {"BY, HB"}, "frist": {"morgen"}})
	if code != http.StatusBadRequest || !strings.Contains(page, "Die Frist ist kein gültiges Datum") || !strings.Contains(page, `id="vorschlag-fehler"`) {
		t.Fatalf("refused confirmation: %d %s", code, between(page, "<main", "</h1>"))
	}
	for _, want := range []string{">Projektplanung vorlegen, korrigiert</textarea>", `value="BY, HB"`, `value="morgen"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused confirmation lost %s", want)
		}
	}
	if after, _ := st.FollowUps(ctx, store.FollowUpFilter{}); len(after) != len(before) {
		t.Errorf("the refused confirmation created a follow-up: %d, before %d", len(after), len(before))
	}
}

// TestFollowUpDeadlineBeforeSession: a follow-up given in the 48th session
// (12.03.2026) with a deadline before that day, or due to the 48th session
// itself, was accepted and overdue at once; the live page and the
// follow-up's edit refuse it with the reason at the field, keep what was
// typed and store nothing.
func TestFollowUpDeadlineBeforeSession(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	_, item, _ := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	for _, c := range []struct{ frist, sitzung, id string }{{"2026-03-01", "", "neu-frist"}, {"", "48", "neu-fristsitzung"}} {
		code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item),
			url.Values{"text": {"Bericht zur Rahmenarchitektur"}, "verantwortlich": {"HE"}, "frist": {c.frist}, "frist_sitzung": {c.sitzung}})
		if code != http.StatusUnprocessableEntity {
			t.Errorf("live %s: %d", c.id, code)
		}
		field := between(page, `id="`+c.id+`"`, "</div>")
		if !strings.Contains(field, `aria-invalid="true" aria-describedby="`+c.id+`-fehler"`) || !strings.Contains(field, "sofort überfällig") {
			t.Errorf("live %s: the reason is not at the field:\n%s", c.id, field)
		}
		if !strings.Contains(page, `value="Bericht zur Rahmenarchitektur"`) {
			t.Errorf("live %s: the text typed is lost", c.id)
		}
	}
	if list, _ := st.FollowUps(ctx, store.FollowUpFilter{}); len(list) != 0 {
		for _, f := range list {
			if f.ItemID == item {
				t.Fatalf("a refused follow-up was stored: %+v", f)
			}
		}
	}
	code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item),
		url.Values{"text": {"Bericht zur Rahmenarchitektur"}, "verantwortlich": {"HE"}, "frist": {"2026-03-12"}, "frist_sitzung": {"49"}})
	if code != http.StatusSeeOther && code != http.StatusOK {
		t.Fatalf("a deadline on the session's day: %d", code)
	}
	var f model.FollowUp
	list, _ := st.FollowUps(ctx, store.FollowUpFilter{})
	for _, g := range list {
		if g.ItemID == item {
			f = g
		}
	}
	if f.ID == 0 {
		t.Fatal("the follow-up was not stored")
	}
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/auftraege/%d", ts.URL, f.ID),
		url.Values{"version": {fmt.Sprint(f.Version)}, "text": {"Bericht, berichtigt"}, "verantwortlich": {"HE"}, "frist": {"2026-02-01"}, "frist_sitzung": {"49"}})
	if field := between(page, `id="b-frist"`, "</div>"); code != http.StatusUnprocessableEntity || !strings.Contains(field, `aria-invalid="true"`) || !strings.Contains(field, "sofort überfällig") {
		t.Errorf("edit: %d, field:\n%s", code, field)
	}
	if !strings.Contains(page, "Bericht, berichtigt") {
		t.Error("edit: the text typed is lost")
	}
	if g, _ := st.FollowUp(ctx, f.ID); g.DueDate != f.DueDate || g.Text != f.Text {
		t.Errorf("a refused edit changed the follow-up: %+v", g)
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
}

// TestPersonalFeedUIDsStayWhenDatesMove: a follow-up's event in the
// personal calendar had its deadline in the UID (auftrag-7-2027-01-31@…),
// so a new deadline made a new event beside the old one, without SEQUENCE.
// Now its UID names the follow-up alone and its SEQUENCE rises with every
// change; a registration deadline moved on its own (the session's date
// kept) raises the SEQUENCE of its event too.
func TestPersonalFeedUIDsStayWhenDatesMove(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, _ := st.SessionByNumber(ctx, council.ID, 47)
	items47, err := st.Items(ctx, se.ID)
	if err != nil || len(items47) == 0 {
		t.Fatal("no items of the 47th session", err)
	}
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items47[0].ID, Text: "Zahlen liefern", Responsible: "Hessen",
		DueDate: model.NewDate(2025, 10, 15), Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	toSession, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items47[0].ID, Text: "Bericht geben", Responsible: "Hessen",
		DueSession: 49, Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	s49, _ := st.SessionByNumber(ctx, council.ID, 49)
	if err := st.EditSession(ctx, store.SessionChange{ID: s49.ID, Version: s49.Version, Date: s49.Date, StartTime: s49.StartTime,
		Place: s49.Place, Chair: s49.Chair, Kind: s49.Kind, RegistrationDeadline: model.NewDate(2026, 2, 19)}); err != nil {
		t.Fatal(err)
	}
	code, page := do(t, client(t, hs.ts, "hessen"), "POST", hs.ts.URL+"/mein-kalender", url.Values{"bestaetigt": {"ja"}})
	m := regexp.MustCompile(`value="https?://[^"]+(/kalender/kal_[^"]+\.ics)"`).FindStringSubmatch(page)
	if code != http.StatusOK || m == nil {
		t.Fatalf("new address: %d", code)
	}
	feed := func() string {
		t.Helper()
		code, body := do(t, client(t, hs.ts, ""), "GET", hs.ts.URL+m[1], nil)
		if code != http.StatusOK {
			t.Fatalf("feed %d", code)
		}
		if bad := ical.Check([]byte(body)); len(bad) > 0 {
			t.Errorf("feed breaks RFC 5545: %v", bad)
		}
		return strings.ReplaceAll(body, "\r\n ", "")
	}
	uid := fmt.Sprintf("UID:auftrag-%d@", id)
	sequence := func(ev string) int {
		n := 0
		if m := regexp.MustCompile(`\r\nSEQUENCE:(\d+)\r\n`).FindStringSubmatch(ev); m != nil {
			n, _ = strconv.Atoi(m[1])
		}
		return n
	}
	before := feed()
	followUp := between(before, uid, "END:VEVENT")
	deadline := between(before, "UID:anmeldeschluss-it-plr-49@", "END:VEVENT")
	if followUp == "" || !strings.Contains(followUp, "DTSTART;VALUE=DATE:20251015\r\n") {
		t.Fatalf("no event %s… due 15.10.2025:\n%s", uid, before)
	}
	if !strings.Contains(deadline, "DTSTART;VALUE=DATE:20260219\r\n") {
		t.Fatalf("no registration deadline on 19.02.2026:\n%s", deadline)
	}
	dueToSession := between(before, fmt.Sprintf("UID:auftrag-%d@", toSession), "END:VEVENT")
	if !strings.Contains(dueToSession, "DTSTART;VALUE=DATE:20260319\r\n") {
		t.Fatalf("no follow-up due to the 49th session on 19.03.2026:\n%s", before)
	}
	fu, err := st.FollowUp(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	fu.DueDate = model.NewDate(2025, 11, 3)
	if err := st.UpdateFollowUp(ctx, fu); err != nil {
		t.Fatal(err)
	}
	s49, _ = st.SessionByNumber(ctx, council.ID, 49)
	if err := st.EditSession(ctx, store.SessionChange{ID: s49.ID, Version: s49.Version, Date: s49.Date, StartTime: s49.StartTime,
		Place: s49.Place, Chair: s49.Chair, Kind: s49.Kind, RegistrationDeadline: model.NewDate(2026, 2, 26)}); err != nil {
		t.Fatal(err)
	}
	after := feed()
	s49, _ = st.SessionByNumber(ctx, council.ID, 49)
	if err := st.EditSession(ctx, store.SessionChange{ID: s49.ID, Version: s49.Version, Date: model.NewDate(2026, 3, 26), StartTime: s49.StartTime,
		Place: s49.Place, Chair: s49.Chair, Kind: s49.Kind, RegistrationDeadline: s49.RegistrationDeadline, Reason: "Raum belegt"}); err != nil {
		t.Fatal(err)
	}
	sessionMoved := between(feed(), fmt.Sprintf("UID:auftrag-%d@", toSession), "END:VEVENT")
	if !strings.Contains(sessionMoved, "DTSTART;VALUE=DATE:20260326\r\n") || sequence(sessionMoved) <= sequence(dueToSession) {
		t.Errorf("a follow-up due to a moved session raises no SEQUENCE (was %d):\n%s", sequence(dueToSession), sessionMoved)
	}
	if n := strings.Count(after, followUpPathOf(t, st, id)+"\r\n"); n != 1 {
		t.Errorf("the follow-up is %d events after its deadline moved:\n%s", n, after)
	}
	moved := between(after, uid, "END:VEVENT")
	if !strings.Contains(moved, "DTSTART;VALUE=DATE:20251103\r\n") || sequence(moved) <= sequence(followUp) {
		t.Errorf("the moved follow-up keeps neither its UID nor raises its SEQUENCE (was %d):\n%s", sequence(followUp), after)
	}
	movedDeadline := between(after, "UID:anmeldeschluss-it-plr-49@", "END:VEVENT")
	if !strings.Contains(movedDeadline, "DTSTART;VALUE=DATE:20260226\r\n") || sequence(movedDeadline) <= sequence(deadline) {
		t.Errorf("the moved registration deadline raises no SEQUENCE (was %d):\n%s", sequence(deadline), movedDeadline)
	}
}

// personalFeed makes a new calendar address for the account (confirmed,
// it replaces one made before) and gives its feed, checked against RFC
// 5545 and unfolded.
func personalFeed(t *testing.T, hs *httpServer, account string) string {
	t.Helper()
	code, page := do(t, client(t, hs.ts, account), "POST", hs.ts.URL+"/mein-kalender", url.Values{"bestaetigt": {"ja"}})
	m := regexp.MustCompile(`value="https?://[^"]+(/kalender/kal_[^"]+\.ics)"`).FindStringSubmatch(page)
	if code != http.StatusOK || m == nil {
		t.Fatalf("%s: new address: %d", account, code)
	}
	code, body := do(t, client(t, hs.ts, ""), "GET", hs.ts.URL+m[1], nil)
	if code != http.StatusOK {
		t.Fatalf("%s: feed %d", account, code)
	}
	if bad := ical.Check([]byte(body)); len(bad) > 0 {
		t.Errorf("%s: feed breaks RFC 5545: %v", account, bad)
	}
	return strings.ReplaceAll(body, "\r\n ", "")
}

// TestSpokespersonFeed: the spokesperson's calendar lacked the deadline of
// the reports under "Reporting FachMK" (a week before the session, the day
// the reports page closes for them) and held the deadlines of the written
// procedures, in which a spokesperson does not vote. Now each session
// still prepared has its report deadline, naming the spokesperson's
// conferences, with a reminder and the reports page; the procedures'
// deadlines are for the member offices that vote and the secretariat, not
// for spokespersons or advisory members; a member office gets no report
// deadline.
func TestSpokespersonFeed(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2026, 2, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if _, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zum Cloud-Einsatz", Points: []model.Point{{Label: "1.", Text: "Text."}}, Applicants: []string{"Bund"}},
		Deadline: time.Now().Add(72 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	as, err := st.MemberAssignments(ctx, "HB")
	if err != nil || len(as) == 0 {
		t.Fatalf("Bremen's spokesperson functions: %v %v", as, err)
	}
	conference, err := st.Body(ctx, as[0].ConferenceID)
	if err != nil {
		t.Fatal(err)
	}
	sp := personalFeed(t, hs, "sprecher-hb")
	ev := between(sp, "UID:bericht-it-plr-49@", "END:VEVENT")
	for _, want := range []string{"DTSTART;VALUE=DATE:20260312\r\n", "SUMMARY:Frist Bericht Reporting FachMK: 49. Sitzung des IT-Planungsrats\r\n",
		"/sitzungen/49/reporting-fachmk\r\n", conference.Name, "TRANSP:TRANSPARENT\r\n", "BEGIN:VALARM\r\n"} {
		if !strings.Contains(ev, want) {
			t.Errorf("the spokesperson's report deadline lacks %q:\n%s", want, ev)
		}
	}
	if strings.Contains(sp, "Umlaufverfahren") {
		t.Error("the spokesperson's feed holds the deadline of a written procedure")
	}
	for account, want := range map[string]bool{"hessen": true, "geschaeftsstelle": true, "dlt": false} {
		f := personalFeed(t, hs, account)
		if got := strings.Contains(f, "Frist Umlaufverfahren ("+council.Abbrev+"): Empfehlung zum Cloud-Einsatz"); got != want {
			t.Errorf("%s: the procedure's deadline in the feed: %v, want %v", account, got, want)
		}
		if strings.Contains(f, "Frist Bericht Reporting FachMK") {
			t.Errorf("%s gets the spokespersons' report deadline", account)
		}
	}
}

// TestFollowUpDroppedNeedsAReason: the responsible office sets a follow-up
// to "entfallen" only with a reason (Begründung), as "erledigt" needs
// evidence (before, "entfallen" was taken with nothing); the reason is
// shown with the state where the evidence is shown, to the public with
// confidential passages redacted.
func TestFollowUpDroppedNeedsAReason(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	path := fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, f.ID)
	view := hs.ts.URL + followUpPathOf(t, st, f.ID)
	bund := client(t, hs.ts, "bund")
	if _, page := do(t, bund, "GET", view, nil); !strings.Contains(page, `name="begruendung"`) {
		t.Error("the report form has no field for the reason")
	}
	form := url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"entfallen"}}
	code, page := do(t, bund, "POST", path+"/stand", form)
	if code != http.StatusBadRequest || !strings.Contains(page, "Begründung") || !strings.Contains(page, `id="begruendung-fehler"`) {
		t.Errorf("entfallen without a reason: %d", code)
	}
	if got, _ := st.FollowUp(context.Background(), f.ID); got.Status == model.FollowUpDropped {
		t.Fatal("entfallen without a reason was stored")
	}
	form.Set("begruendung", "Die Aufgabe ist durch das OZG-Änderungsgesetz [[laut BMI]] entfallen.")
	if code, _ := do(t, bund, "POST", path+"/stand", form); code != http.StatusSeeOther {
		t.Fatalf("entfallen with a reason: %d", code)
	}
	got, _ := st.FollowUp(context.Background(), f.ID)
	if got.Status != model.FollowUpDropped || !strings.Contains(got.EvidenceText, "OZG-Änderungsgesetz") {
		t.Errorf("after the report: %+v", got)
	}
	if _, page := do(t, bund, "GET", view, nil); !strings.Contains(page, "Begründung") || !strings.Contains(page, `OZG-Änderungsgesetz `+markOpen+`laut BMI`+markClose+` entfallen`) {
		t.Errorf("the reason is not shown on the page:\n%s", page)
	}
	if _, page := do(t, client(t, hs.ts, ""), "GET", view, nil); !strings.Contains(page, "OZG-Änderungsgesetz") || strings.Contains(page, "laut BMI") {
		t.Error("the public sees no reason, or its confidential passage")
	}
}

// TestHiddenFollowUpLeavesNoRegisterMark: a published decision whose only
// follow-up the public may not see (given on an agenda item it does not
// see, so its page is not found) shows the public no "Umsetzung" in the
// register, is not found by umsetzung=offen, and its page lists neither
// the follow-up nor a "Stand der Umsetzung"; the secretariat still sees
// both.
func TestHiddenFollowUpLeavesNoRegisterMark(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	f := demoFollowUp(t, st, "wissenschaftlichen Instituts")
	dec, err := st.Decision(ctx, f.DecisionID)
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.Item(ctx, dec.ItemID)
	if err != nil {
		t.Fatal(err)
	}
	declined, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: item.SessionID, Number: "99", Title: "Abgelehnte Anmeldung", Status: model.ItemDeclined, RegisteredBy: "HE"})
	if err != nil {
		t.Fatal(err)
	}
	f.ItemID = declined
	if err := st.UpdateFollowUp(ctx, f); err != nil {
		t.Fatal(err)
	}
	pub := client(t, hs.ts, "")
	if code, _ := do(t, pub, "GET", hs.ts.URL+followUpPathOf(t, st, f.ID), nil); code != http.StatusGone {
		t.Fatalf("the public finds the follow-up's page (%d, want 410: no longer public); the test proves nothing", code)
	}
	if _, body := do(t, pub, "GET", hs.ts.URL+"/beschluesse?umsetzung=offen", nil); strings.Contains(body, ">B-2025/27-IT<") {
		t.Error("umsetzung=offen finds the decision whose only follow-up is hidden")
	}
	_, list := do(t, pub, "GET", hs.ts.URL+"/beschluesse?jahr=2025", nil)
	if row := between(list, ">B-2025/27-IT<", "</tr>"); row == "" {
		t.Error("the register does not list B-2025/27-IT")
	} else if strings.Contains(row, "Umsetzung:") {
		t.Error("the register marks the decision whose only follow-up is hidden")
	}
	_, body := do(t, pub, "GET", hs.ts.URL+"/beschluesse/B-2025/27-IT", nil)
	if strings.Contains(body, "Stand der Umsetzung") || strings.Contains(body, `href="`+followUpPathOf(t, st, f.ID)+`"`) {
		t.Error("the public decision page shows the hidden follow-up or its state")
	}
	gs := client(t, hs.ts, "geschaeftsstelle")
	if _, body := do(t, gs, "GET", hs.ts.URL+"/beschluesse/B-2025/27-IT", nil); !strings.Contains(body, `href="`+followUpPathOf(t, st, f.ID)+`"`) {
		t.Error("the secretariat's decision page lost the follow-up")
	}
}
