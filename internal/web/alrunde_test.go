package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// runPrepVote has all voting members present in a running preparatory
// session and adopts the draft by a show of hands of all in favour.
func runPrepVote(t *testing.T, st *store.Store, sessionID, draftID int64) store.VoteOutcome {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	var list []model.Attendance
	votes := map[string]model.VoteChoice{}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			list = append(list, model.Attendance{Member: m.Abbrev, Presence: model.Present})
			votes[m.Abbrev] = model.VoteYes
		}
	}
	if _, _, err := st.SaveAttendance(ctx, sessionID, list); err != nil {
		t.Fatal(err)
	}
	out, err := st.RecordShowOfHands(ctx, sessionID, draftID, votes)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// plantPreparatory puts AL-Runde content with markers into the store for
// the no-leak test: the 40th AL-Runde prepares the 50th session (the demo has the 39th) (whose
// agenda is public), its minutes are released as a draft (public for a
// council session), it gives an adopted recommendation with a changed text
// for an item of the 50th session, proposed for the Grüne Liste; its items,
// rows and decisions carry markers. The search index is built for it.
func plantPreparatory(t *testing.T, st *store.Store, p *planted, target int64) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "leak-test")
	secret := p.secret
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	s50, err := st.SessionByNumber(ctx, council.ID, 50)
	if err != nil {
		t.Fatal(err)
	}
	al, err := st.CreateSession(ctx, model.Session{BodyID: prep.ID, Number: 40, Status: model.StatusRunning, AgendaPublished: true,
		Date: model.NewDate(2026, 2, 12), Place: carrier + " " + secret("PrepPlace")})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.LinkPreparedSession(ctx, al, s50.ID); err != nil {
		t.Fatal(err)
	}
	_, draft, err := st.ProposeRecommendation(ctx, model.Recommendation{SessionID: al, TargetItemID: target, Kind: model.RecommendAdoptChanged, GreenList: true,
		Points: []model.Point{{Label: "1.", Text: carrier + " " + secret("RecommendationChangedText")}}})
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.CreateItem(ctx, model.AgendaItem{SessionID: al, Number: "02", Title: carrier + " " + secret("PrepItemTitle"), Points: []string{secret("PrepItemPoint")},
		Status: model.ItemAccepted, Position: 9})
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		func() error {
			_, err := st.CreateContribution(ctx, model.Contribution{ItemID: item, Speaker: "HE", Points: []string{carrier + " " + secret("PrepContribution")}})
			return err
		}(),
		func() error {
			_, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: item, Author: "Hessen", Text: carrier + " " + secret("PrepNote")})
			return err
		}(),
		func() error {
			_, err := st.CreateDecision(ctx, model.Decision{BodyID: prep.ID, SessionID: al, ItemID: item, Kind: model.KindRecommendation, Status: model.DecisionDraft,
				Scope: model.ScopeAll, Title: carrier + " " + secret("PrepProposal"), Points: []model.Point{{Label: "1.", Text: secret("PrepProposalPoint")}}, Applicants: []string{"Bund"}})
			return err
		}(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// The recommendation's own decision is adopted (its text names the
	// item); its adopted decision must not become public either.
	d, err := st.Decision(ctx, draft)
	if err != nil {
		t.Fatal(err)
	}
	d.Title = carrier + " " + secret("PrepDecisionTitle")
	if err := st.UpdateDecision(ctx, d); err != nil {
		t.Fatal(err)
	}
	if out := runPrepVote(t, st, al, draft); !out.Tally.Adopted {
		t.Fatalf("the recommendation was not adopted: %+v", out.Tally)
	}
	for _, next := range []model.SessionStatus{model.StatusEnded, model.StatusMinutesDraft} {
		se, _ := st.Session(ctx, al)
		if err := st.SetSessionStatus(ctx, al, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	// A recommendation decided in written procedure, adopted: on the
	// accepted item of the 48th session, whose agenda is not published (a
	// pending registration gets none: store.recommendable).
	s48, _ := st.SessionByNumber(ctx, council.ID, 48)
	items48, _ := st.Items(ctx, s48.ID)
	var reg int64
	for _, it := range items48 {
		if it.Status == model.ItemAccepted && it.Number == "01" {
			reg = it.ID
		}
	}
	// Before the 48th session: a procedure on its item ends before it.
	before := s48.Date.Time().AddDate(0, 0, -5)
	st.SetClock(func() time.Time { return before })
	defer st.SetClock(time.Now)
	_, proc, err := st.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: prep.ID, TargetItemID: reg, Kind: model.RecommendAdoptChanged,
		Points: []model.Point{{Label: "1.", Text: carrier + " " + secret("ProcedureRecommendationText")}}}, before.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			if err := st.CastVote(ctx, proc, m.Abbrev, model.VoteYes); err != nil {
				t.Fatal(err)
			}
		}
	}
	if p, err := st.EndProcedureEarly(ctx, proc); err != nil {
		t.Fatal(err)
	} else if d, _ := st.Decision(ctx, p.DecisionID); d.Status != model.DecisionAdopted {
		t.Fatalf("the procedure's recommendation: %s", d.Status)
	}
	// A change of the session reindexes it (web/search.go): the gate keeps
	// it out of the index.
	if err := search.IndexSession(ctx, st, al); err != nil {
		t.Fatal(err)
	}
}

// TestPreparatoryBodyPages: the AL-Runde's pages are internal; the
// secretariat names persons and deputies; the next AL-Runde approves the
// minutes of the one before through the session cycle's own page; only
// voting members pull from the Grüne Liste.
func TestPreparatoryBodyPages(t *testing.T) {
	ctx := context.Background()
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	public := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/gremien/al-runde", "/gremien/al-runde/sitzungen/39", "/gremien/al-runde/sitzungen/39/protokoll", "/gremien/al-runde/sitzungen/39/protokoll.txt", "/sitzungen/47/empfehlungen"} {
		resp, err := public.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/anmelden") {
			t.Errorf("public %s: %d %s", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "GET", ts.URL+"/gremien/keine-runde/sitzungen/1", nil); code != http.StatusNotFound {
		t.Errorf("unknown body: %d", code)
	}
	// The held AL-Runde is named once in its heading ("39. AL-Runde der
	// Abteilungsleiterrunde des IT-Planungsrats" before), the council's
	// session with the body; the AL-Runde's items carry their numbers
	// ("TOP (ohne Nummer)" before).
	if _, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/39", nil); !strings.Contains(page, "<h1>39. AL-Runde</h1>") ||
		!strings.Contains(page, "TOP 01") || strings.Contains(page, "ohne Nummer") {
		t.Errorf("the 39th AL-Runde's page: %s", between(page, "<h1", "</ul>"))
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/47", nil); !strings.Contains(page, "<h1>47. Sitzung des IT-Planungsrats</h1>") {
		t.Errorf("the 47th session's heading: %s", between(page, "<h1", "</h1>"))
	}
	// The 47th session's agenda shows the recommendations internally.
	if code, page := do(t, gs, "GET", ts.URL+"/sitzungen/47", nil); code != http.StatusOK || !strings.Contains(page, "Beschlussempfehlung der 39. AL-Runde vom 05.06.2025") {
		t.Errorf("47th session internally: %d", code)
	}
	if code, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/39/protokoll", nil); code != http.StatusOK || !strings.Contains(page, "39. AL-Runde") ||
		!strings.Contains(page, "nachvollziehbare Projektplanung") {
		t.Errorf("minutes of the 39th AL-Runde: %d", code)
	}
	// Persons and deputies.
	for _, f := range []url.Values{{"mitglied": {"HE"}, "name": {"Dr. Abteilungsleitung Hessen"}}, {"mitglied": {"HE"}, "name": {"Vertretung Hessen"}, "vertretung": {"1"}}} {
		if code, body := do(t, gs, "POST", ts.URL+"/gremien/al-runde/benennungen", f); code != http.StatusSeeOther {
			t.Fatalf("naming: %d %s", code, body)
		}
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/gremien/al-runde/benennungen", url.Values{"mitglied": {"DLT"}, "name": {"X"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("an advisory member names a person: %d", code)
	}
	if _, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde", nil); !strings.Contains(page, "Dr. Abteilungsleitung Hessen") || !strings.Contains(page, "Vertretung") {
		t.Error("the named persons are not listed")
	}
	// The 40th AL-Runde approves the minutes of the 39th.
	prep, _ := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	al39, _ := st.SessionByNumber(ctx, prep.ID, 39)
	if err := st.SetSessionStatus(ctx, al39.ID, al39.Version, model.StatusMinutesDraft); err != nil {
		t.Fatal(err)
	}
	sections, _ := st.Sections(ctx, prep.ID)
	al40, err := st.PlanSession(ctx, model.Session{BodyID: prep.ID, Number: 40, Date: model.NewDate(2025, 9, 4), Status: model.StatusRunning},
		itplr.PrepStandardItems(40, sections))
	if err != nil {
		t.Fatal(err)
	}
	presentExcept(t, st, al40) // the approval needs the quorum
	if code, body := do(t, gs, "POST", ts.URL+"/gremien/al-runde/sitzungen/40/genehmigen", approvalForm(t, gs, ts.URL+"/gremien/al-runde/sitzungen/40/verwaltung", 39)); code != http.StatusSeeOther {
		t.Fatalf("approval: %d %s", code, body)
	}
	if se, _ := st.Session(ctx, al39.ID); se.Status != model.StatusMinutesApproved || se.ApprovedIn != 40 {
		t.Errorf("39th AL-Runde after the approval: %s, approved in %d", se.Status, se.ApprovedIn)
	}
	// The IT-PLR's 47th session is over: its Grüne Liste can no longer be
	// changed; an advisory member may not pull at all.
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	recs := mustRecs(t, st, s47.ID)
	if len(recs) != 4 {
		t.Fatalf("%d recommendations for the 47th", len(recs))
	}
	if code, _ := do(t, client(t, ts, "dlt"), "POST", fmt.Sprintf("%s/empfehlungen/%d/herausnehmen", ts.URL, recs[1].ID), nil); code != http.StatusForbidden {
		t.Errorf("an advisory member pulled: %d", code)
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/empfehlungen/%d/herausnehmen", ts.URL, recs[1].ID), nil); code != http.StatusUnprocessableEntity {
		t.Errorf("pulled after the session: %d", code)
	}
}

// TestRecommendationByProcedurePage: the secretariat has the AL-Runde
// decide a recommendation in written procedure from the IT-PLR session's
// page of recommendations; once the procedure adopts it, the page shows it.
func TestRecommendationByProcedurePage(t *testing.T) {
	ctx := context.Background()
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s48Day := model.DaysAfter(model.BerlinDate(time.Now()), 5)
	s48, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: s48Day, Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	// Accepted onto the agenda: the AL-Runde recommends on accepted items.
	item := recommendationItem(t, st, s48)
	gs := client(t, ts, "geschaeftsstelle")
	if code, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/empfehlungen", nil); code != http.StatusOK || !strings.Contains(page, "Umlaufverfahren der AL-Runde einleiten") {
		t.Fatalf("recommendations page: %d", code)
	}
	// A deadline in the past is refused; the page comes again with the
	// item's form as typed (before: an error page, the changed text lost).
	past := model.DaysAfter(model.BerlinDate(time.Now()), -1).German()
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/empfehlungen/umlaufverfahren", url.Values{"top": {strconv.FormatInt(item, 10)},
		"empfehlung": {"annehmen_geaendert"}, "gruene_liste": {"1"}, "text": {"Der IT-Planungsrat beschließt das Portal bis 2028."}, "frist_datum": {past}, "frist_zeit": {"09:30"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Die Frist muss in der Zukunft liegen") {
		t.Errorf("a past deadline: %d", code)
	}
	// The reason stands at the deadline's field too.
	atField := func(page, id, reason string) {
		t.Helper()
		if input := between(page, `<input id="`+id+`"`, ">"); !strings.Contains(input, `aria-invalid="true" aria-describedby="`+id+`-fehler"`) {
			t.Errorf("the field %s is not marked: %s", id, input)
		}
		if at := between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"); !strings.Contains(at, reason) {
			t.Errorf("at the field %s: %q, want %q", id, at, reason)
		}
	}
	atField(page, fmt.Sprintf("ud-%d", item), "Die Frist muss in der Zukunft liegen")
	// A past deadline and an open confidential mark in the text: both
	// reasons, each at its field (before: the deadline's only, the text
	// looked valid).
	_, both := do(t, gs, "POST", ts.URL+"/sitzungen/48/empfehlungen/umlaufverfahren", url.Values{"top": {strconv.FormatInt(item, 10)},
		"empfehlung": {"annehmen_geaendert"}, "text": {"Das Portal [[bis 2028"}, "frist_datum": {past}, "frist_zeit": {"09:30"}})
	atField(both, fmt.Sprintf("ud-%d", item), "Die Frist muss in der Zukunft liegen")
	if text := between(both, fmt.Sprintf(`<textarea id="ut-%d"`, item), ">"); !strings.Contains(text, fmt.Sprintf(`aria-invalid="true" aria-describedby="ut-%d-fehler"`, item)) {
		t.Errorf("the text is not marked: %s", text)
	}
	if at := between(both, fmt.Sprintf(`<p class="field-error" id="ut-%d-fehler">`, item), "</p>"); !strings.Contains(at, "fehlt das schließende") {
		t.Errorf("at the text: %q", at)
	}
	for _, want := range []string{">Der IT-Planungsrat beschließt das Portal bis 2028.</textarea>", `value="` + past + `"`, `value="09:30"`,
		fmt.Sprintf(`id="ug-%d" name="gruene_liste" value="1" checked`, item), `value="annehmen_geaendert" checked`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused form lost %s", want)
		}
	}
	// A deadline on the session's day is refused: the recommendation is
	// for the session (before: taken, given while the session ran). The
	// form proposes the day before it, not a week ahead.
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/empfehlungen", nil); !strings.Contains(page, `value="`+model.DaysAfter(s48Day, -1).German()+`"`) {
		t.Errorf("the form does not propose the day before the session (%s)", model.DaysAfter(s48Day, -1).German())
	}
	code, page = do(t, gs, "POST", ts.URL+"/sitzungen/48/empfehlungen/umlaufverfahren", url.Values{"top": {strconv.FormatInt(item, 10)},
		"empfehlung": {"annehmen"}, "frist_datum": {s48Day.German()}, "frist_zeit": {"12:00"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Die Frist muss vor Beginn der 48. Sitzung") {
		t.Errorf("a deadline on the session's day: %d", code)
	}
	atField(page, fmt.Sprintf("ud-%d", item), "Die Frist muss vor Beginn der 48. Sitzung")
	deadline := model.DaysAfter(model.BerlinDate(time.Now()), 3)
	code, _ = do(t, gs, "POST", ts.URL+"/sitzungen/48/empfehlungen/umlaufverfahren", url.Values{"top": {strconv.FormatInt(item, 10)},
		"empfehlung": {"annehmen"}, "gruene_liste": {"1"}, "frist_datum": {deadline.German()}, "frist_zeit": {"12:00"}})
	if code != http.StatusSeeOther {
		t.Fatalf("start: %d", code)
	}
	ps, _ := st.Procedures(ctx)
	proc := ps[len(ps)-1]
	// The members vote on the procedure's page; Hessen from its account.
	if code, _ := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/umlaufverfahren/%d/stimme", ts.URL, proc.ID), url.Values{"stimme": {"ja"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote: %d", code)
	}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && m.Abbrev != "HE" {
			if err := st.CastVote(ctx, proc.ID, m.Abbrev, model.VoteYes); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := st.EndProcedureEarly(ctx, proc.ID); err != nil {
		t.Fatal(err)
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/empfehlungen", nil); !strings.Contains(page, "Beschlussempfehlung der AL-Runde im Umlaufverfahren vom "+model.BerlinDate(time.Now()).German()) ||
		!strings.Contains(page, "für die Grüne Liste vorgeschlagen") {
		t.Error("the recommendation by written procedure is not shown")
	}
	// The item deferred to the 49th session carries the recommendation,
	// with its date, on every page that shows recommendations — without
	// the Grüne Liste state of the 48th. Before, the 49th showed none.
	if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 49, Date: model.DaysAfter(s48Day, 60), Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	it, _ := st.Item(ctx, item)
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/vertagen", ts.URL, item), url.Values{"version": {strconv.Itoa(it.Version)}, "sitzung": {"49"}}); code != http.StatusSeeOther {
		t.Fatalf("defer: %d", code)
	}
	caption := "Beschlussempfehlung der AL-Runde im Umlaufverfahren vom " + model.BerlinDate(time.Now()).German()
	for _, path := range []string{"/sitzungen/49", "/sitzungen/49/protokoll", "/sitzungen/49/protokoll.txt", "/sitzungen/49/empfehlungen"} {
		code, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+path, nil)
		if code != http.StatusOK || !strings.Contains(page, caption) {
			t.Errorf("%s: %d, the deferred item does not carry the recommendation", path, code)
		}
		if !strings.HasSuffix(path, ".txt") && (!strings.Contains(page, "gegeben vor der Vertagung") || strings.Contains(page, "Von der Grünen Liste nehmen")) {
			t.Errorf("%s: the carried recommendation is not marked, or offers the 48th's Grüne Liste", path)
		}
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/empfehlungen", nil); !strings.Contains(page, caption) || strings.Contains(page, "gegeben vor der Vertagung") {
		t.Error("the 48th session lost the recommendation given for its item")
	}
}

// TestPreparatoryBodyNotInOParl: OParl publishes the council and the
// FachMK as organizations, not the AL-Runde, an internal body.
func TestPreparatoryBodyNotInOParl(t *testing.T) {
	ctx := context.Background()
	st := demotest.Store(t)
	if err := st.SyncOParl(ctx, nil); err != nil {
		t.Fatal(err)
	}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	bodyID, err := st.OParlBodyID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	next := fmt.Sprintf("%s/oparl/v1/body/%d/organization", ts.URL, bodyID)
	for pages := 0; next != "" && pages < 50; pages++ {
		resp, err := http.Get(next)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Data  []map[string]any `json:"data"`
			Links struct {
				Next string `json:"next"`
			} `json:"links"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Data {
			fmt.Fprintln(&all, o["name"], o["shortName"])
		}
		next = ""
		if page.Links.Next != "" {
			next = strings.Replace(page.Links.Next, "https://", "http://", 1)
			if u, err := url.Parse(page.Links.Next); err == nil {
				next = ts.URL + u.RequestURI()
			}
		}
	}
	if !strings.Contains(all.String(), "IT-Planungsrat") || strings.Contains(all.String(), "Abteilungsleiterrunde") || strings.Contains(all.String(), "AL-Runde") {
		t.Errorf("OParl organizations:\n%s", all.String())
	}
}

// TestPreparatoryBodyPageShowsTheSessionsOwnDeadline: the AL-Runde's page
// computed the registration deadline of a coming session from its date
// alone, though the session has its own (moved on the session's edit
// page), by which the registration marks items late: the member offices
// read two different Anmeldeschluss dates for the same session.
func TestPreparatoryBodyPageShowsTheSessionsOwnDeadline(t *testing.T) {
	ts, st := cycleServer(t)
	planSession48Until(t, ts, st, model.NewDate(2026, 11, 6))
	_, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/gremien/al-runde", nil)
	if !strings.Contains(page, "Anmeldeschluss 06.11.2026") {
		t.Error("the AL-Runde's page does not show the 48th session's own registration deadline")
	}
	if strings.Contains(page, "Anmeldeschluss 16.10.2026") {
		t.Error("the AL-Runde's page shows a computed deadline the session does not have")
	}
}

// TestPreparatoryFormsKeepWhatWasTyped: a plan of both sessions or a named
// person the store or the form refuses shows the AL-Runde's page again with
// the reason and what was typed. Before, an error page ("Zur Startseite")
// replaced the page and the eight fields of the plan were lost.
func TestPreparatoryFormsKeepWhatWasTyped(t *testing.T) {
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	gs := client(t, ts, "geschaeftsstelle")
	plan := url.Values{"nummer": {"48"}, "datum": {"31.06.2027"}, "beginn": {"10:30"}, "ende": {"14:00"}, "ort": {"Hamburg, Rathaus"},
		"nummer_vorbereitung": {"40"}, "datum_vorbereitung": {""}, "ort_vorbereitung": {"Berlin, FITKO"}}
	for _, c := range []struct {
		name, date, reason string
	}{
		{"a date that is none", "31.06.2027", "Bitte ein gültiges Datum der Sitzung angeben"},
		// The 47th session exists: the store refuses the number.
		{"a number in use", "17.06.2027", ""},
	} {
		plan.Set("datum", c.date)
		if c.reason == "" {
			plan.Set("nummer", "47")
		}
		code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", plan)
		if code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.name, code)
		}
		// The form stands at the page's end: the top says so and links
		// each reason to its field (one about the form as a whole to the
		// form).
		top := between(page, "<h1", `id="benennungen"`)
		if c.reason != "" && !strings.Contains(top, `<a href="#p-datum">`+c.reason) || c.reason == "" && !strings.Contains(top, `<a href="#p-`) && !strings.Contains(top, `<a href="#planung">`) {
			t.Errorf("%s: the top of the page does not lead to the refused field: %s", c.name, top)
		}
		if !strings.Contains(page, `class="error-box"`) || !strings.Contains(page, c.reason) {
			t.Errorf("%s: no reason %q on the page", c.name, c.reason)
		}
		for _, want := range []string{`value="` + plan.Get("nummer") + `"`, `value="` + c.date + `"`, `value="10:30"`, `value="14:00"`, `value="Hamburg, Rathaus"`, `value="Berlin, FITKO"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the form lost %s", c.name, want)
			}
		}
	}
	// Blanks pass the browser's "required"; the store refuses them.
	code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/benennungen", url.Values{"mitglied": {"SN"}, "name": {"   "}, "vertretung": {"1"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `class="error-box"`) || !strings.Contains(page, "Bitte die Person nennen") {
		t.Errorf("a person without name: %d", code)
	}
	for _, want := range []string{`<option value="SN" selected>`, `name="vertretung" value="1" checked`,
		// The reason stands at its field, which is marked invalid.
		`<input id="b-name" name="name" required value="   " aria-invalid="true" aria-describedby="b-name-fehler"><p class="field-error" id="b-name-fehler">Bitte die Person nennen`} {
		if !strings.Contains(page, want) {
			t.Errorf("the naming form lost %s", want)
		}
	}
	// An advisory member names nobody: the reason at the member's field.
	code, page = do(t, gs, "POST", ts.URL+"/gremien/al-runde/benennungen", url.Values{"mitglied": {"DLT"}, "name": {"Dr. X"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `<select id="b-mitglied" name="mitglied" aria-invalid="true" aria-describedby="b-mitglied-fehler">`) ||
		!strings.Contains(between(page, `<p class="field-error" id="b-mitglied-fehler">`, "</p>"), "Personen benennen der Bund und die Länder") {
		t.Errorf("an advisory member: %d %s", code, between(page, `id="benennungen"`, "</form>"))
	}
}

// TestPreparatorySessionForAPlannedSession: a session of the IT-PLR planned
// on its own (/sitzungen/neu) gets its AL-Runde on the AL-Runde's page —
// the button beside "AL-Runde noch nicht geplant", or the planning form
// with its number — tied to it, before it, once. Before, the page said
// "noch nicht geplant" and offered no way: the form refused the number
// with "Ein Eintrag mit dieser Nummer oder diesem Namen existiert bereits."
func TestPreparatorySessionForAPlannedSession(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	day := model.BerlinDate(time.Now().AddDate(0, 2, 0))
	plus := func(n int) model.Date { return model.BerlinDate(day.Time().AddDate(0, 0, n)) }
	if code, page := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"48"}, "datum": {day.String()}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"}}); code != http.StatusSeeOther {
		t.Fatalf("plan the 48th: %d %s", code, between(page, "<main", "</form>"))
	}
	_, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde", nil)
	if !strings.Contains(page, "AL-Runde noch nicht geplant") || !strings.Contains(page, `<input type="hidden" name="nummer" value="48">`) || !strings.Contains(page, "40. AL-Runde dafür planen") {
		t.Fatalf("no way to plan the AL-Runde of the 48th: %s", between(page, "Anstehende Sitzungen", "</ul>"))
	}
	// Another date than the session's is refused with the form as typed.
	form := url.Values{"nummer": {"48"}, "datum": {plus(7).German()}, "nummer_vorbereitung": {"40"}, "ort_vorbereitung": {"Videokonferenz"}}
	if code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", form); code != http.StatusUnprocessableEntity || !strings.Contains(page, "ist schon für den "+day.German()+" geplant") ||
		!strings.Contains(page, `value="`+plus(7).German()+`"`) {
		t.Fatalf("another date: %d %s", code, between(page, `id="planung"`, "</form>"))
	}
	// The button's form: number, no date.
	form = url.Values{"nummer": {"48"}, "nummer_vorbereitung": {"40"}, "ort_vorbereitung": {"Videokonferenz"}}
	code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", form)
	if code != http.StatusSeeOther {
		t.Fatalf("plan the AL-Runde of the 48th: %d %s", code, between(page, `id="planung"`, "</form>"))
	}
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s48, _ := st.SessionByNumber(ctx, council.ID, 48)
	prep, err := st.PreparingSession(ctx, s48.ID)
	if err != nil || prep.Number != 40 || !prep.Date.Before(s48.Date) || prep.Date != plus(-21) {
		t.Fatalf("the AL-Runde of the 48th: %+v %v", prep, err)
	}
	if _, page = do(t, gs, "GET", ts.URL+"/gremien/al-runde", nil); !strings.Contains(page, "vorbereitet in der") || !strings.Contains(page, "Die 48. Sitzung") {
		t.Errorf("the page does not show the AL-Runde planned: %s", between(page, "<main", "</h1>"))
	}
	// Once only.
	form.Set("nummer_vorbereitung", "41")
	if code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", form); code != http.StatusUnprocessableEntity || !strings.Contains(page, "wird schon von der 40. Sitzung") {
		t.Errorf("a second AL-Runde: %d %s", code, between(page, `id="planung"`, "</form>"))
	}
}

// TestPlanBothSentTwice: "Beide Sitzungen planen" sent a second time (the
// back button, a double click) answered "Die 40. AL-Runde gibt es
// bereits; bitte die nächste freie Nummer angeben." at the form — as if
// something were wrong — before saying anything of what was planned. Now
// it says both are planned and plans nothing more.
func TestPlanBothSentTwice(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	day := model.BerlinDate(time.Now().AddDate(0, 2, 0))
	plan := url.Values{"nummer": {"48"}, "datum": {day.German()}, "ort": {"Berlin"}, "nummer_vorbereitung": {"40"}}
	for i := range 2 {
		if code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", plan); code != http.StatusSeeOther {
			t.Fatalf("send %d: %d %s", i+1, code, between(page, "<main", "</main>"))
		}
	}
	_, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde", nil)
	if notice := between(page, `class="notice-box"`, "</div>"); !strings.Contains(notice, "Beide Sitzungen sind bereits geplant: die 40. AL-Runde am") || !strings.Contains(notice, "Ein zweites Mal wurde nichts geplant.") {
		t.Errorf("the second send's notice: %s", notice)
	}
	prep, _ := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if _, err := st.SessionByNumber(ctx, prep.ID, 41); err == nil {
		t.Error("a second AL-Runde was planned")
	}
}
