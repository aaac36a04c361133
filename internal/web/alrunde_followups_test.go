package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// alRundeWorld is the demo with a held 41st AL-Runde whose TOP 01 gave
// the recommendation BE-2026/01-AL, and a held 60th IT-PLR session whose
// TOP 01 gave the decision B-2026/01-IT: the same year and number in the
// two bodies.
type alRundeWorld struct {
	st             *store.Store
	ts             *httptest.Server
	prep, council  model.Body
	al41, s60      int64
	alItem, itItem int64
	alDec, itDec   int64
}

func newALRundeWorld(t *testing.T) alRundeWorld {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	w := alRundeWorld{st: st, ts: ts}
	w.prep, _ = st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	w.council, _ = st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	held := func(body model.Body, number int, day model.Date, kind model.DecisionKind) (se, item, dec int64) {
		se, err := st.CreateSession(ctx, model.Session{BodyID: body.ID, Number: number, Status: model.StatusEnded, Date: day, AgendaPublished: true})
		if err != nil {
			t.Fatal(err)
		}
		item, err = st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: se, Number: "01", Title: "Registermodernisierung", Status: model.ItemAccepted, Position: 1})
		if err != nil {
			t.Fatal(err)
		}
		dec, err = st.CreateDecision(ctx, model.Decision{BodyID: body.ID, SessionID: se, ItemID: item, Kind: kind, Status: model.DecisionAdopted,
			Number: model.DecisionNumber{Year: 2026, Seq: 1}, AdoptedOn: day, Scope: model.ScopeAll, Title: "Registermodernisierung " + body.Abbrev,
			Points: []model.Point{{Label: "1.", Text: "Text " + body.Abbrev}}})
		if err != nil {
			t.Fatal(err)
		}
		return se, item, dec
	}
	w.al41, w.alItem, w.alDec = held(w.prep, 41, model.NewDate(2026, 2, 12), model.KindRecommendation)
	w.s60, w.itItem, w.itDec = held(w.council, 60, model.NewDate(2026, 3, 5), model.KindDecision)
	return w
}

// TestALRundeRecommendationIsNoCouncilDecision: a number of the AL-Runde
// (BE-2026/01-AL) never leads to, nor closes a follow-up with, the
// IT-PLR's decision of the same year and number (B-2026/01-IT); a
// follow-up of the recommendation links to the AL-Runde's session page for
// those who may read it.
func TestALRundeRecommendationIsNoCouncilDecision(t *testing.T) {
	w := newALRundeWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	public, gs := client(t, w.ts, ""), client(t, w.ts, "geschaeftsstelle")
	if code, page := do(t, public, "GET", w.ts.URL+"/beschluesse/B-2026/01-IT", nil); code != http.StatusOK || !strings.Contains(strings.ReplaceAll(page, "\u00ad", ""), "Registermodernisierung IT-PLR") {
		t.Fatalf("B-2026/01-IT: %d", code)
	}
	for _, c := range []*http.Client{public, gs} {
		code, _ := do(t, c, "GET", w.ts.URL+"/beschluesse/BE-2026/01-AL", nil)
		res, err := c.Get(w.ts.URL + "/beschluesse/BE-2026/01-AL")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if loc := res.Header.Get("Location"); strings.Contains(loc, "B-2026/01-IT") || code == http.StatusMovedPermanently {
			t.Errorf("BE-2026/01-AL leads to %d %s", code, loc)
		}
		if c == public && code != http.StatusNotFound {
			t.Errorf("BE-2026/01-AL for the public: %d", code)
		}
		if c == gs && (code != http.StatusSeeOther || res.Header.Get("Location") != "/gremien/al-runde/sitzungen/41#top-01") {
			t.Errorf("BE-2026/01-AL for the secretariat: %d %s", code, res.Header.Get("Location"))
		}
	}
	if code, _ := do(t, public, "GET", w.ts.URL+"/beschluesse/BE-2026/07-AL", nil); code != http.StatusNotFound {
		t.Errorf("unknown BE-2026/07-AL: %d", code)
	}
	// A follow-up of the recommendation.
	id, err := w.st.CreateFollowUp(ctx, model.FollowUp{DecisionID: w.alDec, ItemID: w.alItem, Text: "Konzept vorlegen", Responsible: "FITKO",
		Status: model.FollowUpOpen, Source: model.SourceDecision})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/auftraege/%d", w.ts.URL, id)
	code, page := do(t, gs, "GET", path, nil)
	if code != http.StatusOK {
		t.Fatalf("follow-up: %d", code)
	}
	if strings.Contains(page, `href="/beschluesse/BE-2026/01-AL"`) || strings.Contains(page, `href="/sitzungen/41`) {
		t.Errorf("the follow-up links the recommendation as an IT-PLR decision or session:\n%s", page)
	}
	if !strings.Contains(page, `href="/gremien/al-runde/sitzungen/41#top-01"`) || !strings.Contains(page, "41. AL-Runde, TOP 01") {
		t.Errorf("the follow-up does not link the AL-Runde's session:\n%s", page)
	}
	if _, list := do(t, gs, "GET", w.ts.URL+"/auftraege", nil); strings.Contains(list, `href="/beschluesse/BE-2026/01-AL"`) || strings.Contains(list, `href="/sitzungen/41#`) {
		t.Error("the list links the recommendation as an IT-PLR decision or session")
	}
	// Reported erledigt with the recommendation's number: refused at its
	// field, never closed by B-2026/01-IT.
	f, _ := w.st.FollowUp(ctx, id)
	code, page = do(t, gs, "POST", path+"/stand", url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {"2026-03-05"},
		"nachweis_beschluss": {"BE-2026/01-AL"}})
	if code == http.StatusSeeOther || !strings.Contains(page, "BE-2026/01-AL ist keine Nummer eines Beschlusses des IT-PLR; gemeint ist vielleicht B-2026/01-IT.") {
		t.Errorf("report with BE-2026/01-AL: %d", code)
	}
	// A number written otherwise offers the body's form only where such a
	// decision exists (before: "… wie B-2099/01-IT", which does not); the
	// body's number without its zeros is named as missing, not as wrong
	// (before: "B-2099/1-IT ist keine Nummer eines Beschlusses des
	// IT-PLR, und …", which read as a wrong form).
	_, page = do(t, gs, "POST", path+"/stand", url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {"2026-03-05"},
		"nachweis_beschluss": {"B-2099/1-IT"}})
	if !strings.Contains(page, "Einen Beschluss B-2099/01-IT gibt es nicht.") || strings.Contains(page, "B-2099/1-IT ist keine Nummer") {
		t.Errorf("report with B-2099/1-IT: %s", between(page, "<main", "</form>"))
	}
	if got, _ := w.st.FollowUp(ctx, id); got.Status == model.FollowUpDone || got.EvidenceDecisionID == w.itDec {
		t.Errorf("closed by the IT-PLR's decision: %+v", got)
	}
	if code, _ := do(t, gs, "POST", path+"/stand", url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {"2026-03-05"},
		"nachweis_beschluss": {"B-2026/01-IT"}}); code != http.StatusSeeOther {
		t.Errorf("report with B-2026/01-IT: %d", code)
	}
	if got, _ := w.st.FollowUp(ctx, id); got.EvidenceDecisionID != w.itDec {
		t.Errorf("not closed by B-2026/01-IT: %+v", got)
	}
}

// TestALRundeFollowUpProposals: the AL-Runde's proposed follow-ups are
// confirmed and dismissed on its own pages, never on the IT-PLR session of
// the same number.
func TestALRundeFollowUpProposals(t *testing.T) {
	w := newALRundeWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	for _, text := range []string{"Bitte an den Bund, bis zum 31.12.2026 einen Bericht vorzulegen.", "Bitte an Hessen, bis zum 30.11.2026 das Konzept zu prüfen."} {
		if _, err := w.st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: w.alItem, Author: "Hessen", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	const page = "/gremien/al-runde/sitzungen/41/auftragsvorschlaege"
	code, body := do(t, gs, "GET", w.ts.URL+page, nil)
	if code != http.StatusOK || !strings.Contains(body, `action="`+page+`"`) || !strings.Contains(body, "Auftragsvorschläge der 41. AL-Runde") {
		t.Fatalf("the AL-Runde's proposals page: %d\n%s", code, body)
	}
	if _, live := do(t, gs, "GET", fmt.Sprintf("%s/gremien/al-runde/sitzungen/41/live?top=%d", w.ts.URL, w.alItem), nil); strings.Contains(live, `"/sitzungen/41/auftragsvorschlaege"`) ||
		!strings.Contains(live, `action="`+page+`"`) {
		t.Error("the AL-Runde's live page posts its proposals elsewhere")
	}
	props, err := minutesProposals(ctx, w.st, w.al41)
	if err != nil || len(props) != 2 {
		t.Fatalf("proposals: %d, %v", len(props), err)
	}
	code, _ = do(t, gs, "POST", w.ts.URL+page, url.Values{"schluessel": {props[0].Key}, "aktion": {"bestaetigen"}, "text": {"Bericht vorlegen"},
		"verantwortlich": {"Bund"}, "frist": {"2026-12-31"}, "zurueck": {"live"}})
	if code != http.StatusSeeOther {
		t.Fatalf("confirm: %d", code)
	}
	list, _ := w.st.FollowUps(ctx, store.FollowUpFilter{ItemID: w.alItem})
	if len(list) != 1 || list[0].Text != "Bericht vorlegen" {
		t.Errorf("after the confirmation: %+v", list)
	}
	res, err := gs.PostForm(w.ts.URL+page, url.Values{"schluessel": {props[1].Key}, "aktion": {"verwerfen"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), page) {
		t.Errorf("dismiss: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if left, _ := minutesProposals(ctx, w.st, w.al41); len(left) != 0 {
		t.Errorf("%d proposals left", len(left))
	}
}

// minutesProposals gives the open proposed follow-ups of a session.
func minutesProposals(ctx context.Context, st *store.Store, sessionID int64) ([]minutes.Proposal, error) {
	return minutes.StoredProposals(ctx, st, sessionID)
}

// TestALRundeFollowUpDeadline: "zur N. Sitzung" given in the AL-Runde
// means the IT-PLR's N-th session; one held before the AL-Runde is
// refused (it would be overdue at once), at creation and edit, on the
// live page too; a date before the AL-Runde names it as "41. AL-Runde".
func TestALRundeFollowUpDeadline(t *testing.T) {
	w := newALRundeWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	f := model.FollowUp{ItemID: w.alItem, Text: "Konzept vorlegen", Responsible: "FITKO", Status: model.FollowUpOpen, DueSession: 47}
	if _, err := w.st.CreateFollowUp(ctx, f); model.FieldOf(err) != "frist_sitzung" || !strings.Contains(model.ReasonOf(err), "41. AL-Runde") {
		t.Errorf("due to the 47th IT-PLR session, held before the 41st AL-Runde: %v", err)
	}
	f.DueSession = 0
	f.DueDate = model.NewDate(2026, 1, 31)
	if _, err := w.st.CreateFollowUp(ctx, f); model.FieldOf(err) != "frist" || !strings.Contains(model.ReasonOf(err), "vor der 41. AL-Runde am 12.02.2026") {
		t.Errorf("a date before the 41st AL-Runde: %v", err)
	}
	f.DueDate = model.Date{}
	f.DueSession = 61
	id, err := w.st.CreateFollowUp(ctx, f)
	if err != nil {
		t.Fatalf("due to the 61st IT-PLR session: %v", err)
	}
	got, _ := w.st.FollowUp(ctx, id)
	got.DueSession = 45
	if err := w.st.UpdateFollowUp(ctx, got); model.FieldOf(err) != "frist_sitzung" {
		t.Errorf("edited to the 45th IT-PLR session: %v", err)
	}
	// The live page's form in the running 42nd AL-Runde.
	al42, err := w.st.CreateSession(ctx, model.Session{BodyID: w.prep.ID, Number: 42, Status: model.StatusRunning, Date: model.NewDate(2026, 12, 2), AgendaPublished: true})
	if err != nil {
		t.Fatal(err)
	}
	item, err := w.st.CreateItem(ctx, model.AgendaItem{SessionID: al42, Number: "01", Title: "Bericht", Status: model.ItemAccepted, Position: 1})
	if err != nil {
		t.Fatal(err)
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", w.ts.URL, item), url.Values{"text": {"Bericht"}, "verantwortlich": {"Bund"}, "frist_sitzung": {"60"}})
	if code == http.StatusSeeOther {
		t.Error("the live page of the 42nd AL-Runde (02.12.2026) took a follow-up due to the 60th IT-PLR session (05.03.2026)")
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", w.ts.URL, item), url.Values{"text": {"Bericht"}, "verantwortlich": {"Bund"}, "frist_sitzung": {"61"}}); code != http.StatusSeeOther {
		t.Errorf("due to the 61st IT-PLR session: %d", code)
	}
}

// TestALRundeFollowUpsNamedAsSuch: a follow-up given in the AL-Runde is
// "aus der 41. AL-Runde" on the list, its page and the CSV, linked to the
// AL-Runde's session page for those who may read it; the filter "Aus der
// Sitzung" offers the AL-Runde's sessions to them.
func TestALRundeFollowUpsNamedAsSuch(t *testing.T) {
	w := newALRundeWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	id, err := w.st.CreateFollowUp(ctx, model.FollowUp{ItemID: w.alItem, Text: "Konzept vorlegen", Responsible: "FITKO", Status: model.FollowUpOpen, DueSession: 61})
	if err != nil {
		t.Fatal(err)
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	// The follow-up's page and the lists link the item at its anchor
	// (TOP 01: top-01, model.ItemAnchors).
	link := `href="/gremien/al-runde/sitzungen/41#top-01"`
	for _, path := range []string{fmt.Sprintf("/auftraege/%d", id), "/auftraege", "/auftraege?sitzung=al-runde/41"} {
		code, page := do(t, gs, "GET", w.ts.URL+path, nil)
		if code != http.StatusOK || !strings.Contains(page, "41. AL-Runde, TOP 01") || !strings.Contains(page, link) || strings.Contains(page, `href="/sitzungen/41#`) {
			t.Errorf("%s: %d, not named or linked as the 41st AL-Runde", path, code)
		}
	}
	if _, page := do(t, gs, "GET", w.ts.URL+"/auftraege", nil); !strings.Contains(page, `<option value="al-runde/41">41. AL-Runde</option>`) {
		t.Error("the filter does not offer the 41st AL-Runde")
	}
	if _, page := do(t, gs, "GET", w.ts.URL+"/auftraege?sitzung=al-runde/41", nil); !strings.Contains(page, `<option value="al-runde/41" selected>`) || !strings.Contains(page, "1 Auftrag für diese Auswahl") {
		t.Error("the filter by the 41st AL-Runde")
	}
	if _, csv := do(t, gs, "GET", w.ts.URL+"/auftraege.csv?sitzung=al-runde/41", nil); !strings.Contains(csv, "41. AL-Runde, TOP 01") {
		t.Errorf("CSV:\n%s", csv)
	}
	if _, page := do(t, client(t, w.ts, ""), "GET", w.ts.URL+"/auftraege", nil); strings.Contains(page, "AL-Runde") {
		t.Error("the public's filter offers the AL-Runde")
	}
}

// TestFollowUpDueToCancelledSession: a follow-up due to a session that is
// cancelled says "62. Sitzung – abgesagt" on its page, the list and the
// CSV (not the cancelled date), is not overdue by it, and shows the
// secretariat that it needs a new deadline.
func TestFollowUpDueToCancelledSession(t *testing.T) {
	w := newALRundeWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	s62, err := w.st.CreateSession(ctx, model.Session{BodyID: w.council.ID, Number: 62, Status: model.StatusPlanned, Date: model.NewDate(2027, 3, 25)})
	if err != nil {
		t.Fatal(err)
	}
	id, err := w.st.CreateFollowUp(ctx, model.FollowUp{Text: "Bericht zur Registermodernisierung", Responsible: "FITKO", Status: model.FollowUpOpen, DueSession: 62})
	if err != nil {
		t.Fatal(err)
	}
	se, _ := w.st.Session(ctx, s62)
	if err := w.st.CancelSession(ctx, s62, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	path := fmt.Sprintf("/auftraege/%d", id)
	for _, p := range []string{path, "/auftraege?mitglied=FITKO", "/auftraege.csv?mitglied=FITKO"} {
		code, page := do(t, gs, "GET", w.ts.URL+p, nil)
		if code != http.StatusOK || !strings.Contains(page, "62. Sitzung – abgesagt") || strings.Contains(page, "62. Sitzung (") {
			t.Errorf("%s: %d, the cancelled session not said", p, code)
		}
		if !strings.Contains(p, ".csv") && !strings.Contains(page, "neue Frist nötig") {
			t.Errorf("%s: the secretariat is not told that a new deadline is needed", p)
		}
	}
	if _, page := do(t, gs, "GET", w.ts.URL+"/auftraege?mitglied=FITKO&status=ueberfaellig", nil); strings.Contains(page, "Bericht zur Registermodernisierung") {
		t.Error("overdue by a cancelled session")
	}
	if _, page := do(t, client(t, w.ts, "hessen"), "GET", w.ts.URL+path, nil); strings.Contains(page, "neue Frist nötig") {
		t.Error("a member's office is asked for a new deadline")
	}
}

// TestNoALRundePlannedForACancelledSession: the AL-Runde's page offers no
// "… dafür planen" for an IT-PLR session that is cancelled; it says so.
func TestNoALRundePlannedForACancelledSession(t *testing.T) {
	w := newALRundeWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	s63, err := w.st.CreateSession(ctx, model.Session{BodyID: w.council.ID, Number: 63, Status: model.StatusPlanned, Date: model.NewDate(2027, 6, 3)})
	if err != nil {
		t.Fatal(err)
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", w.ts.URL+"/gremien/al-runde", nil); !strings.Contains(page, `<input type="hidden" name="nummer" value="63">`) {
		t.Fatal("the planned 63rd session is not offered")
	}
	se, _ := w.st.Session(ctx, s63)
	if err := w.st.CancelSession(ctx, s63, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	if _, page := do(t, gs, "GET", w.ts.URL+"/gremien/al-runde", nil); strings.Contains(page, `<input type="hidden" name="nummer" value="63">`) {
		t.Error("an AL-Runde is offered for the cancelled 63rd session")
	}
}
