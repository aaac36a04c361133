package web

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
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

// The web side of issue 11: no rule to choose, an empty vote grid without
// absent members, members voting themselves, German deadlines, the real
// vote count, corrections as new versions, the Königsteiner-Schlüssel year.

// lawServer is the demo with accounts (and one for Saarland) behind a
// server whose clock the test may set.
func lawServer(t testing.TB) (*httptest.Server, *store.Store, *Server) {
	t.Helper()
	return demoAccountsServer(t, func(s *Server) { s.SetResponseCache(-1) })
}

// runningSession plans the 48th session (12.03.2026), runs it and puts a
// proposal of kind on TOP 5; the members in absent are not there, all
// other voting members are. It gives the session, the item and the draft.
func runningSession(t testing.TB, st *store.Store, kind model.DecisionKind, absent ...string) (int64, int64, int64) {
	t.Helper()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sections, _ := st.Sections(ctx, council.ID)
	sid, err := st.PlanSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusPlanned},
		itplr.StandardItems(48, sections))
	if err != nil {
		t.Fatal(err)
	}
	publishAgendaForTest(t, st, sid)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, sid)
		if err := st.SetSessionStatus(ctx, sid, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	item, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "5", Title: "Föderale Rahmenarchitektur", Position: 3, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sid, ItemID: item, Kind: kind, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Föderale Rahmenarchitektur", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Rahmenarchitektur."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	presentExcept(t, st, sid, absent...)
	return sid, item, d
}

// presentExcept records every voting member present in the session but
// those in absent.
func presentExcept(t testing.TB, st *store.Store, sid int64, absent ...string) {
	t.Helper()
	var list []model.Attendance
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && !contains(absent, m.Abbrev) {
			list = append(list, model.Attendance{Member: m.Abbrev, Presence: model.Present})
		}
	}
	if ok, reason, err := st.SaveAttendance(context.Background(), sid, list); err != nil || !ok {
		t.Fatalf("attendance: %v %s", err, reason)
	}
}

func contains(ms []string, m string) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

// everyoneBut gives the form votes: choice c for every voting member but
// those in but.
// openVoteByPage opens the vote on proposal d of session sid as the
// secretariat does on the live page and gives it.
func openVoteByPage(t *testing.T, ts *httptest.Server, st *store.Store, gs *http.Client, sid, d int64) model.SessionVote {
	t.Helper()
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusSeeOther {
		t.Fatalf("open: %d", code)
	}
	v, open, err := st.OpenSessionVote(context.Background(), sid)
	if err != nil || !open {
		t.Fatalf("no vote open: %v", err)
	}
	return v
}

func everyoneBut(c string, but ...string) url.Values {
	v := url.Values{}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && !contains(but, m.Abbrev) {
			v.Set("stimme_"+m.Abbrev, c)
		}
	}
	return v
}

// TestNoRuleToChoose: the rule follows the kind; before, the live page and
// the written-procedure form offered "Einstimmigkeit", "einfache Mehrheit"
// and the qualified majority as a free choice.
func TestNoRuleToChoose(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	_, item, _ := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	for _, path := range []string{"/umlaufverfahren/neu", fmt.Sprintf("/sitzungen/48/live?top=%d", item)} {
		code, body := do(t, gs, "GET", ts.URL+path, nil)
		if code != http.StatusOK || strings.Contains(body, `name="regel"`) || strings.Contains(body, "Mehrheitsregel") {
			t.Errorf("%s offers a rule to choose (%d)", path, code)
		}
		if !strings.Contains(body, "Zustimmung des Bundes und von mindestens 11 Ländern mit mindestens zwei Dritteln der Finanzierungsanteile") {
			t.Errorf("%s does not state the rule of a Beschluss", path)
		}
	}
	// A "regel" sent anyway changes nothing: the Bund alone does not adopt.
	deadline := time.Now().Add(48 * time.Hour)
	form := url.Values{"titel": {"Nur der Bund"}, "punkte": {"Der IT-Planungsrat beschließt."}, "antrag": {"Bund"}, "regel": {"einstimmig"},
		"frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}}
	if code, _ := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form); code != http.StatusSeeOther {
		t.Fatalf("start: %d", code)
	}
	ps, _ := st.Procedures(ctx)
	if err := st.CastVote(ctx, ps[0].ID, "Bund", model.VoteYes); err != nil {
		t.Fatal(err)
	}
	closed, _ := st.CloseDueProcedures(ctx, deadline.Add(time.Minute))
	if d, _ := st.Decision(ctx, closed[0].DecisionID); d.Status != model.DecisionRejected || d.Label != "" {
		t.Errorf("the Bund alone adopted a Beschluss in written procedure: %s %s %q", d.Status, d.Label, d.Result)
	}
}

// TestVoteGridStartsEmpty: before, every member started at "Ja", absent
// ones included, and "Saarland: ja" was published for an absent Saarland.
func TestVoteGridStartsEmpty(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	_, item, d := runningSession(t, st, model.KindDecision, "SL")
	gs := client(t, ts, "geschaeftsstelle")
	_, body := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
	if regexp.MustCompile(`value="ja"\s+checked`).MatchString(body) || !regexp.MustCompile(`value="keine"\s+checked`).MatchString(body) {
		t.Error("the vote grid does not start at \"keine Stimme\"")
	}
	if strings.Contains(body, `name="stimme_SL"`) || !regexp.MustCompile(`Saarland</th>\s*<td colspan="4">abwesend`).MatchString(body) {
		t.Error("absent Saarland is offered as a choice instead of shown absent")
	}
	// A vote sent for absent Saarland is refused and nothing is recorded.
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, d), seenVersion(t, st, d, everyoneBut("ja")))
	// The reason says why, names the item the vote counts at and what to
	// do (store.absentFromVote).
	if code != http.StatusUnprocessableEntity || !regexp.MustCompile(`Das Saarland ist laut Anwesenheitsliste der \d+\. Sitzung nicht anwesend und nicht vertreten; abgestimmt wird bei TOP [^ ]+\. Für das Saarland kann daher keine Stimme abgegeben werden\. Ist das nicht richtig, bitte zuerst die Anwesenheit auf der Seite „Anwesenheit“ der Sitzung erfassen`).MatchString(page) {
		t.Errorf("vote for absent SL: %d", code)
	}
	if got, _ := st.Decision(ctx, d); got.Status != model.DecisionDraft || len(got.Votes) != 0 {
		t.Errorf("after the refusal: %+v", got)
	}
	// Without SL the show of hands adopts, with its table year.
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, d), seenVersion(t, st, d, everyoneBut("ja", "SL"))); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d", code)
	}
	if got, _ := st.Decision(ctx, d); got.Label != "B-2026/01-IT" || got.Result != "einstimmig" || got.SharesYear != 2016 {
		t.Errorf("decision: %s %q %d", got.Label, got.Result, got.SharesYear)
	}
}

// TestMembersVoteFromTheirAccounts: the secretariat opens a vote; members
// vote from their accounts or API tokens; who has voted is shown, not how;
// an absent or advisory member cannot vote; the secretariat closes.
func TestMembersVoteFromTheirAccounts(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision, "SL")
	gs := client(t, ts, "geschaeftsstelle")
	he := client(t, ts, "hessen")
	if _, body := do(t, he, "GET", ts.URL+"/sitzungen/48/abstimmung", nil); !strings.Contains(body, "Zurzeit läuft keine Abstimmung") {
		t.Error("a vote is shown before one was opened")
	}
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusForbidden {
		t.Errorf("a member opened a vote: %d", code)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusSeeOther {
		t.Fatalf("open: %d", code)
	}
	v, open, _ := st.OpenSessionVote(ctx, sid)
	if !open {
		t.Fatal("no vote open")
	}
	_, body := do(t, he, "GET", ts.URL+"/sitzungen/48/abstimmung", nil)
	if !strings.Contains(body, `name="stimme"`) || !strings.Contains(body, "Föderale Rahmenarchitektur") {
		t.Fatal("Hessen gets no ballot")
	}
	// The quoted proposal belongs to a recommendation's vote only: the
	// council's ballot showed an empty "Der Beschlussvorschlag, um den es
	// geht: Beschlussvorschlag" under every proposal.
	if strings.Contains(body, "um den es geht") {
		t.Errorf("the council's ballot quotes a proposal: %s", between(body, `id="abst-kopf"`, `id="abst-zahl"`))
	}
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, v.ID), url.Values{"stimme": {"enthaltung"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote: %d", code)
	}
	// The Bund votes through its API token.
	bund, _, _ := st.UserLogin(ctx, "bund")
	token, _ := auth.NewAPIToken(ctx, st, bund.ID, "Bundesportal")
	dlt, _, _ := st.UserLogin(ctx, "dlt")
	dltToken, _ := auth.NewAPIToken(ctx, st, dlt.ID, "DLT")
	saar, _, _ := st.UserLogin(ctx, "saarland")
	slToken, _ := auth.NewAPIToken(ctx, st, saar.ID, "Saarland")
	// The vote names the vote it answers (abstimmung).
	named := func(choice string) string { return fmt.Sprintf(`{"stimme":%q,"abstimmung":%d}`, choice, v.ID) }
	api := func(token, body string) int {
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1/sitzungen/48/abstimmung/stimme", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for _, c := range []struct {
		token, body string
		want        int
	}{{token, named("ja"), 200}, {dltToken, named("ja"), 403}, {slToken, named("ja"), 422}, {token, named("vielleicht"), 400}} {
		if got := api(c.token, c.body); got != c.want {
			t.Errorf("API vote %s: %d, want %d", c.body, got, c.want)
		}
	}
	if code, _ := do(t, client(t, ts, "saarland"), "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, v.ID), url.Values{"stimme": {"ja"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("absent Saarland voted on the web: %d", code)
	}
	if code, _ := do(t, client(t, ts, "dlt"), "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, v.ID), url.Values{"stimme": {"ja"}}); code != http.StatusForbidden {
		t.Errorf("an advisory member voted: %d", code)
	}
	// Who has voted is shown, how is not.
	_, live := do(t, gs, "GET", ts.URL+"/sitzungen/48/live", nil)
	if !strings.Contains(live, "Abgestimmt haben 2 von 16") || strings.Contains(live, "enthaltung</td>") {
		t.Error("the live page does not show who has voted, or shows how")
	}
	_, public := do(t, client(t, ts, ""), "GET", ts.URL+"/sitzungen/48", nil)
	if !strings.Contains(public, "Abstimmung läuft") || !strings.Contains(public, "2 von 16 haben abgestimmt") || strings.Contains(public, "Bund, HE") {
		t.Error("the public live box does not show the count only")
	}
	// The secretariat enters the rest by show of hands and closes.
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/handzeichen", ts.URL, v.ID), everyoneBut("ja", "SL", "Bund", "HE")); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d", code)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/schliessen", ts.URL, v.ID), nil); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	got, _ := st.Decision(ctx, d)
	if got.Label != "B-2026/01-IT" || got.Result != "einstimmig, bei Enthaltung von HE" {
		t.Errorf("decision %s %q", got.Label, got.Result)
	}
	// The minutes show the attendance; the public version names no person.
	if err := saveRepresentation(ctx, st, sid); err != nil {
		t.Fatal(err)
	}
	// The public sees the minutes (and so the attendance) once the draft
	// is released.
	for _, next := range []model.SessionStatus{model.StatusEnded, model.StatusMinutesDraft} {
		se, err := st.Session(ctx, sid)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetSessionStatus(ctx, sid, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	_, internal := do(t, gs, "GET", ts.URL+"/sitzungen/48/protokoll", nil)
	_, pub := do(t, client(t, ts, ""), "GET", ts.URL+"/sitzungen/48/protokoll", nil)
	for name, page := range map[string]string{"internal": internal, "public": pub} {
		// The public minutes name no voter, as the source's public
		// minutes black out the abstaining member.
		result := "einstimmig, bei Enthaltung von HE"
		if name == "public" {
			result = "einstimmig, bei Enthaltung von [geschwärzt]"
		}
		for _, want := range []string{"Anwesenheit", "Saarland", "abwesend", result, "Königsteiner Schlüssel 2016"} {
			if !strings.Contains(page, want) {
				t.Errorf("the %s minutes lack %q", name, want)
			}
		}
	}
	if strings.Contains(pub, "von HE") {
		t.Error("the public minutes name the abstaining member")
	}
	// An absent member's "Zeitraum" says "–" (it was an empty cell, which
	// stacked at 320 px read "Zeitraum:" with nothing after it).
	if !regexp.MustCompile(`Saarland</th><td role="cell">[^<]*<span[^>]*>Anwesenheit: </span>abwesend</td><td role="cell"><span[^>]*>Zeitraum: </span>–</td>`).MatchString(pub) {
		t.Errorf("the absent member's period is empty: %s", between(pub, "Saarland</th>", "</tr>"))
	}
	if !strings.Contains(internal, "vertreten durch Frau Vertretung") || strings.Contains(pub, "Frau Vertretung") {
		t.Error("the representative is missing internally or shown publicly")
	}
}

// saveRepresentation records, after the vote, that BW was represented
// (attendance is frozen only while a vote is open).
func saveRepresentation(ctx context.Context, st *store.Store, sid int64) error {
	list, err := st.Attendance(ctx, sid)
	if err != nil {
		return err
	}
	for i := range list {
		if list[i].Member == "BW" {
			list[i].Presence, list[i].Person = model.Represented, "Frau Vertretung"
		}
	}
	_, _, err = st.SaveAttendance(ctx, sid, list)
	return err
}

func TestAttendancePage(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, _ := runningSession(t, st, model.KindDecision)
	if _, err := st.CreatePerson(ctx, model.Person{Name: "Referentin Bayern", MemberAbbrev: "BY"}); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "GET", ts.URL+"/sitzungen/48/anwesenheit", nil); code != http.StatusOK || !strings.Contains(body, `name="anwesenheit_SL"`) {
		t.Fatalf("attendance page: %d", code)
	}
	if code, _ := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/48/anwesenheit", nil); code != http.StatusForbidden {
		t.Errorf("a member sees the attendance form: %d", code)
	}
	form := everyVoterPresent()
	form.Set("version", drawnAttendance(t, gs, ts.URL+"/sitzungen/48/anwesenheit"))
	form.Set("anwesenheit_HE", "vertreten")
	form.Set("person_HE", "Referentin Bayern")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form); code != http.StatusUnprocessableEntity || !strings.Contains(body, "vertreten kann nur eine Person desselben Mitglieds") {
		t.Errorf("HE represented by a person of BY: %d", code)
	}
	// A representation without its person is refused; the list comes back
	// as typed (before: an error page, every row of the list lost).
	form.Set("person_HE", "Staatssekretär Vertretung")
	form.Set("anwesenheit_SN", "vertreten")
	form.Set("anwesenheit_SL", "abwesend")
	form.Set("person_BE", "Senatorin Berlin")
	code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `class="error-box"`) || !strings.Contains(body, "SN") {
		t.Errorf("SN represented by nobody: %d", code)
	}
	for _, want := range []string{`name="person_HE" value="Staatssekretär Vertretung"`, `name="person_BE" value="Senatorin Berlin"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused list lost %s", want)
		}
	}
	for _, m := range []struct{ abbrev, presence string }{{"HE", "vertreten"}, {"SN", "vertreten"}, {"SL", "abwesend"}, {"BE", "anwesend"}} {
		row := between(body, `id="anw-`+m.abbrev+`"`, "</select>")
		if !strings.Contains(row, `value="`+m.presence+`" selected`) {
			t.Errorf("the refused list lost %s %s", m.abbrev, m.presence)
		}
	}
	form.Set("anwesenheit_SN", "anwesend")
	code, _ = do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form)
	if code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	list, _ := st.Attendance(ctx, sid)
	if a := model.AttendanceFor(list, "HE"); a.Presence != model.Represented || a.Person != "Staatssekretär Vertretung" {
		t.Errorf("HE = %+v", a)
	}
	if a := model.AttendanceFor(list, "SL"); a.Presence != model.Absent {
		t.Errorf("SL = %+v", a)
	}
	if se, _ := st.Session(ctx, sid); !se.HasQuorum() {
		t.Error("saving the attendance of a running session did not establish the quorum")
	}
}

// TestWrittenProcedureDeadlineInGermanTime: on a server in UTC, a deadline
// entered as "now + 2 minutes" in German time closes on time. Before, the
// web read it in the server's zone (time.Local): "17:00" closed at 18:00
// MEZ. The clock is injected; nobody waits.
func TestWrittenProcedureDeadlineInGermanTime(t *testing.T) {
	old := time.Local
	time.Local = time.UTC
	defer func() { time.Local = old }()
	ts, st, srv := lawServer(t)
	ctx := context.Background()
	now := time.Now().Truncate(time.Minute)
	srv.SetClock(func() time.Time { return now })
	st.SetClock(func() time.Time { return now })
	due := now.Add(2 * time.Minute)
	gs := client(t, ts, "geschaeftsstelle")
	form := url.Values{"titel": {"Frist"}, "punkte": {"Der IT-Planungsrat beschließt."}, "antrag": {"Bund"},
		"frist_datum": {model.BerlinDate(due).String()}, "frist_zeit": {model.BerlinClock(due)}}
	if code, _ := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form); code != http.StatusSeeOther {
		t.Fatalf("start: %d", code)
	}
	ps, _ := st.Procedures(ctx)
	if len(ps) != 1 || !ps[0].Deadline.Equal(due) {
		t.Fatalf("deadline %v, want %v (German %s)", ps[0].Deadline, due, model.BerlinClock(due))
	}
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, ps[0].ID), nil)
	if !strings.Contains(page, model.BerlinDateTime(due)) {
		t.Errorf("the page does not show the deadline in German time (%s)", model.BerlinDateTime(due))
	}
	if got, _ := st.CloseDueProcedures(ctx, due.Add(-time.Second)); len(got) != 0 {
		t.Fatal("closed before the deadline")
	}
	if got, _ := st.CloseDueProcedures(ctx, due); len(got) != 1 {
		t.Fatal("not closed at the deadline")
	}
}

// TestProcedureListAndEarlyEnd: the list shows the real number of votes
// (before: always 0, the votes were not loaded); the secretariat can end a
// procedure early only when every member has voted.
func TestProcedureListAndEarlyEnd(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Früh", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"Bund", "HE"} {
		if err := st.CastVote(ctx, pid, m, model.VoteYes); err != nil {
			t.Fatal(err)
		}
	}
	gs := client(t, ts, "geschaeftsstelle")
	if _, body := do(t, gs, "GET", ts.URL+"/umlaufverfahren", nil); !strings.Contains(body, "2 Stimmen") {
		t.Error("the list does not show the two votes cast")
	}
	path := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	if _, body := do(t, gs, "GET", path, nil); strings.Contains(body, "/beenden") {
		t.Error("early end offered before every member voted")
	}
	if code, _ := do(t, gs, "POST", path+"/beenden", nil); code != http.StatusUnprocessableEntity {
		t.Errorf("ended early with 2 votes: %d", code)
	}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && m.Abbrev != "Bund" && m.Abbrev != "HE" {
			if err := st.CastVote(ctx, pid, m.Abbrev, model.VoteNo); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, body := do(t, gs, "GET", path, nil); !strings.Contains(body, "/beenden") {
		t.Error("no early end when all have voted")
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", path+"/beenden", nil); code != http.StatusForbidden {
		t.Errorf("a member ended the procedure: %d", code)
	}
	if code, _ := do(t, gs, "POST", path+"/beenden", nil); code != http.StatusSeeOther {
		t.Fatalf("early end: %d", code)
	}
	if p, _ := st.Procedure(ctx, pid); p.Status != model.ProcedureClosed || !strings.HasPrefix(p.Result, "abgelehnt") {
		t.Errorf("procedure %+v", p)
	}
}

// TestEarlyEndIsSearchable: a written procedure the secretariat ended
// early adopted its decision — the register, its page, the feed, the JSON
// API and OParl showed it — but the search did not find it: only the
// procedures closed at their deadline were indexed. The early end indexes
// its decision as the deadline does.
func TestEarlyEndIsSearchable(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	pid, _ := votedProcedure(t, st, "Quelloffene Fachverfahren")
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/umlaufverfahren/%d/beenden", ts.URL, pid), nil); code != http.StatusSeeOther {
		t.Fatalf("early end: %d", code)
	}
	p, _ := st.Procedure(ctx, pid)
	d, err := st.Decision(ctx, p.DecisionID)
	if err != nil || d.Label == "" {
		t.Fatalf("no adopted decision: %+v %v", d, err)
	}
	for _, q := range []string{"Quelloffene", "Quelloffene Fachverfahren"} {
		_, page := do(t, client(t, ts, ""), "GET", ts.URL+"/suche?q="+url.QueryEscape(q), nil)
		if !strings.Contains(page, decisionURL(d.Label)) {
			t.Errorf("the search for %q does not find %s:\n%s", q, d.Label, between(page, `role="status"`, "</main>"))
		}
	}
}

// TestDecisionCorrectionAndSharesYear: an adopted decision is corrected as
// a new version (before: not at all); its page states the table year of
// the count and warns that the newest table is old.
func TestDecisionCorrectionAndSharesYear(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision)
	votes := everyVoter(model.VoteYes)
	if _, err := st.RecordShowOfHands(ctx, sid, d, votes); err != nil {
		t.Fatal(err)
	}
	page := "/beschluesse/B-2026/01-IT"
	_, body := do(t, client(t, ts, "hessen"), "GET", ts.URL+page, nil)
	for _, want := range []string{"Königsteiner Schlüssel 2016", "angenommen: Bund und 16 Länder mit 100,0 % der Finanzierungsanteile"} {
		if !strings.Contains(body, want) {
			t.Errorf("the decision page lacks %q", want)
		}
	}
	// The warning is for the secretariat, which has a newer table loaded;
	// the member's office reads the count's table year.
	if strings.Contains(body, "älter als drei Jahre") {
		t.Error("the member's office is warned of the table's age")
	}
	if _, body := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+page, nil); !strings.Contains(body, "älter als drei Jahre") {
		t.Error("the secretariat is not warned of the table's age")
	}
	// The public reads the table the count used, not the warning to
	// those who count (which read as doubt on an adopted decision).
	_, body = do(t, client(t, ts, ""), "GET", ts.URL+page, nil)
	if !strings.Contains(body, "Königsteiner Schlüssel 2016") || strings.Contains(body, "älter als drei Jahre") {
		t.Error("the public decision page lacks the table's year or warns of its age")
	}
	// The table belongs to the count, not to the result: "einstimmig
	// (Königsteiner Schlüssel 2016)" read as if unanimity depended on the
	// financing shares. The page names it once, in the count's line.
	if n := strings.Count(body, "Königsteiner Schlüssel 2016"); n != 1 || !strings.Contains(between(body, "<dt>Auszählung</dt>", "</dd>"), "Königsteiner Schlüssel 2016") {
		t.Errorf("the decision page names the table %d times, want once in the count's line:\n%s", n, between(body, `<dl class="meta">`, "</dl>"))
	}
	// The public cannot load a table: the page says what the old table
	// means, not which command the operator runs (before: "gremium config ks").
	if strings.Contains(body, "gremium config ks") {
		t.Error("the public decision page tells its visitors to run gremium config ks")
	}
	// The minutes (page and PDF text) name the table once under the
	// result; before: "Königsteiner Schlüssel 2016 – angenommen: … (Königsteiner Schlüssel 2016)".
	_, minutesPage := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/48/protokoll", nil)
	if !strings.Contains(minutesPage, "der Finanzierungsanteile (Königsteiner Schlüssel 2016)") || strings.Contains(minutesPage, "Königsteiner Schlüssel 2016 – angenommen") {
		t.Error("the minutes do not name the table once under the result")
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/berichtigungen/%d", ts.URL, d), url.Values{"anlass": {"x"}, "titel": {"y"}}); code != http.StatusForbidden {
		t.Errorf("a member corrected a decision: %d", code)
	}
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := postCorrection(t, gs, ts, st, d, url.Values{"titel": {"Föderale Rahmenarchitektur 2026"}}); code != http.StatusBadRequest {
		t.Errorf("correction without reason: %d", code)
	}
	form := url.Values{"titel": {"Föderale Rahmenarchitektur 2026"}, "punkte": {"1. Der IT-Planungsrat beschließt die föderale Rahmenarchitektur 2026."}, "anlass": {"Jahreszahl ergänzt"}}
	if code, _ := postCorrection(t, gs, ts, st, d, form); code != http.StatusSeeOther {
		t.Fatalf("correction: %d", code)
	}
	_, body = do(t, client(t, ts, ""), "GET", ts.URL+page, nil)
	for _, want := range []string{"berichtigte Fassung", "Föderale Rahmenarchitektur 2026", "Jahreszahl ergänzt", "Beschlossene Fassung", "Der IT-Planungsrat beschließt die Rahmenarchitektur."} {
		if !strings.Contains(body, want) {
			t.Errorf("the corrected decision page lacks %q", want)
		}
	}
	if got, _ := st.Decision(ctx, d); got.Title != "Föderale Rahmenarchitektur" || got.Result != "einstimmig" {
		t.Errorf("the adopted decision changed: %+v", got)
	}
}

// TestRepresentativeAndBinding: the spokesperson follows the member's new
// representative; a decision that binds only the consenting members says
// whom, in the register and on its page.
func TestRepresentativeAndBinding(t *testing.T) {
	ts, st, _ := lawServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/fachmk/vertretung", url.Values{"mitglied": {"HB"}, "person": {"X"}}); code != http.StatusForbidden {
		t.Errorf("a member changed a representative: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/vertretung", url.Values{"mitglied": {"HB"}, "person": {"Neue Staatsrätin"}, "zurueck": {"/fachmk/FMK"}}); code != http.StatusSeeOther {
		t.Fatalf("new representative: %d", code)
	}
	if _, page := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/FMK", nil); !strings.Contains(page, "Neue Staatsrätin") || strings.Contains(page, "Dr. Martin Hagen") {
		t.Error("the FMK's spokesperson for HB does not follow the new representative")
	}
	// A show of hands on a decision for the consenting members only.
	_, _, d := runningSession(t, st, model.KindDecision)
	form := everyoneBut("ja", "BY")
	form.Set("stimme_BY", "enthaltung")
	form.Set("geltung", "zustimmende")
	form.Set("version", "1")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, d), seenVersion(t, st, d, form)); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d", code)
	}
	for path, bound := range map[string]string{"/beschluesse": "Bund, BW, BE, BB", "/beschluesse/B-2026/01-IT": "Bund, Baden-Württemberg, Berlin, Brandenburg"} {
		if _, page := do(t, client(t, ts, ""), "GET", ts.URL+path, nil); !strings.Contains(page, "nur für die zustimmenden Mitglieder: "+bound) {
			t.Errorf("%s does not say whom the decision binds", path)
		}
	}
}

// TestEndingAsksAboutOpenProposals: an ended session takes no more votes,
// so ending one with a proposal not voted on shows the proposals and asks
// for the confirmation that they stay undecided. Before, "Sitzung beenden"
// ended it at once and the proposal could no longer be decided there.
func TestEndingAsksAboutOpenProposals(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, _ := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if !strings.Contains(page, "Noch nicht abgestimmt") || !strings.Contains(page, fmt.Sprintf(`href="/sitzungen/48/live?top=%d#top-%d">TOP 5 Föderale Rahmenarchitektur</a>: Beschlussvorschlag`, item, item)) ||
		!strings.Contains(page, `name="offene_vorschlaege" value="ja" required><label for="offene-vorschlaege-ok">Der Vorschlag bleibt in dieser Sitzung unentschieden.`) {
		t.Errorf("the management page names no open proposal before the end: %s", between(page, `id="h-status"`, "</section>"))
	}
	se, _ := st.Session(ctx, sid)
	end := endForm(se)
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", end)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Die Sitzung ist nicht beendet") {
		t.Errorf("ending without the confirmation: %d", code)
	}
	reasonsAtFields(t, page, `id="status-fehler"`, map[string]string{"offene-vorschlaege-ok": "Die Sitzung ist nicht beendet"})
	if se, _ := st.Session(ctx, sid); se.Status != model.StatusRunning {
		t.Fatalf("the session is %s", se.Status)
	}
	end.Set("offene_vorschlaege", "ja")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", end); code != http.StatusSeeOther {
		t.Fatalf("ending with the confirmation: %d %s", code, between(body, "<main", "</main>"))
	}
	if se, _ := st.Session(ctx, sid); se.Status != model.StatusEnded {
		t.Errorf("the session is %s after the confirmed end", se.Status)
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); strings.Contains(page, "Noch nicht abgestimmt") {
		t.Error("the ended session still warns of open proposals")
	}
}

// TestApplicantsWhateverTheirCase: "Antrag von" takes a member by its
// abbreviation in any case or by its name (before: "BUND" was refused with
// "„BUND“ ist kein Mitglied des IT-Planungsrats"); what names no member is
// still refused.
func TestApplicantsWhateverTheirCase(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	deadline := time.Now().Add(48 * time.Hour)
	form := url.Values{"titel": {"Antrag in Großbuchstaben"}, "punkte": {"Der IT-Planungsrat beschließt."}, "antrag": {"BUND, hessen"},
		"frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}}
	if code, body := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form); code != http.StatusSeeOther {
		t.Fatalf("start with \"BUND, hessen\": %d %s", code, body)
	}
	ps, _ := st.Procedures(ctx)
	d, err := st.Decision(ctx, ps[0].DecisionID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(d.Applicants, ",") != "Bund,HE" {
		t.Errorf("applicants stored as %q, want Bund and HE", d.Applicants)
	}
	form.Set("antrag", "Bundesamt")
	if code, body := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form); (code != http.StatusBadRequest && code != http.StatusUnprocessableEntity) || !strings.Contains(body, "„Bundesamt“ ist kein Mitglied") {
		t.Errorf("an applicant that is no member: %d %s", code, body)
	}
}

// TestRejectedShowOfHandsNotice: a show of hands the law rejects says so
// once — before, the notice read "Abgelehnt: abgelehnt: …", the tally's
// reason repeating the outcome.
func TestRejectedShowOfHandsNotice(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, item, d := runningSession(t, st, model.KindDecision, "SL")
	gs := client(t, ts, "geschaeftsstelle")
	votes := everyoneBut("nein", "SL")
	for _, m := range []string{"Bund", "BW", "BY", "BE", "BB", "HB"} {
		votes.Set("stimme_"+m, "ja")
	}
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, d), seenVersion(t, st, d, votes)); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d %s", code, page)
	}
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
	if !strings.Contains(page, "Abgelehnt: ") || strings.Contains(strings.ToLower(page), "abgelehnt: abgelehnt") {
		i := strings.Index(page, "Abgelehnt")
		t.Errorf("the notice of a rejected show of hands: %.200q", page[max(i, 0):])
	}
}

// TestRejectedMembersVoteNotice: closing a members' vote that the law
// rejects says so once, as the show of hands does; before: "Beschluss
// abgelehnt: abgelehnt bei Gegenstimmen von … (abgelehnt: nur 5 Länder …)".
func TestRejectedMembersVoteNotice(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, d := runningSession(t, st, model.KindDecision, "SL")
	gs := client(t, ts, "geschaeftsstelle")
	v := openVoteByPage(t, ts, st, gs, sid, d)
	votes := everyoneBut("nein", "SL")
	for _, m := range []string{"Bund", "BW", "BY", "BE", "BB", "HB"} {
		votes.Set("stimme_"+m, "ja")
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/handzeichen", ts.URL, v.ID), votes); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d", code)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/schliessen", ts.URL, v.ID), nil); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
	if got, _ := st.Decision(ctx, d); got.Status != model.DecisionRejected {
		t.Fatalf("decision %s %q", got.Status, got.Result)
	}
	if i := strings.Index(page, "abgelehnt bei Gegenstimmen"); i < 0 || strings.Contains(strings.ToLower(page), "abgelehnt: abgelehnt") || strings.Contains(page, "(abgelehnt: ") {
		t.Errorf("the notice of a rejected members' vote: %.300q", page[max(strings.Index(page, "Beschlussvorschlag"), 0):])
	}
	// The reason follows as a sentence of its own, not in brackets after
	// the full stop ("… und NW. (nur 5 Länder …)").
	if !strings.Contains(page, "Nur 5 Länder stimmen zu (nötig: 11).") || strings.Contains(page, ". (nur") {
		t.Errorf("the notice does not give the count's reason as a sentence: %.400q", page[max(strings.Index(page, "Beschlussvorschlag"), 0):])
	}
	// A member's ballot page gives the reason too: "abgelehnt bei
	// Gegenstimmen von …" alone read as if the Nein votes had blocked a
	// proposal that the law rejects for too few Länder.
	_, ballot := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/48/abstimmung", nil)
	if res := between(ballot, `id="abst-ergebnis"`, "</div>"); !strings.Contains(res, "nur 5 Länder stimmen zu (nötig: 11)") {
		t.Errorf("the member's ballot page does not say why the proposal failed:\n%s", res)
	}
}

// TestAttendanceGivesEveryReasonAtItsField: a refused attendance list said
// its first reason only (the store stopped at the first bad line, and
// Attendance.Validate at the first rule of a line), at one field: the
// secretariat fixed HE's representative, saved, and only then learned
// that BY's was a person of another member, NW's span ran backwards and
// SN's arrival was no item. Every reason now stands at its field, marked
// invalid, and all of them above the form, each linked to its field.
func TestAttendanceGivesEveryReasonAtItsField(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, _ := runningSession(t, st, model.KindDecision)
	if _, err := st.CreatePerson(ctx, model.Person{Name: "Referentin Hessen", MemberAbbrev: "HE"}); err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, sid)
	if err != nil || len(items) < 2 {
		t.Fatalf("items: %d, %v", len(items), err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	form := everyVoterPresent()
	form.Set("version", drawnAttendance(t, gs, ts.URL+"/sitzungen/48/anwesenheit"))
	form.Set("anwesenheit_HE", "vertreten")
	form.Set("anwesenheit_BY", "vertreten")
	form.Set("person_BY", "Referentin Hessen")
	// A client that bypasses the browser sends a word for an item
	// (before: read as 0, "from the start", silently).
	form.Set("ab_SN", "drei")
	form.Set("ab_NW", fmt.Sprint(items[1].ID))
	form.Set("bis_NW", fmt.Sprint(items[0].ID))
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("%d", code)
	}
	box := `<div class="error-box" role="alert" id="anwesenheit-fehler" tabindex="-1">`
	want := map[string]string{
		"per-HE": "Für die Vertretung von Hessen bitte die vertretende Person angeben.",
		"per-BY": "Referentin Hessen handelt für Hessen und kann Bayern nicht vertreten",
		"ab-SN":  "Die Ankunft von Sachsen nennt einen TOP, der nicht auf der Tagesordnung steht.",
		"bis-NW": "der letzte TOP liegt vor dem ersten",
	}
	reasonsAtFields(t, page, box, want)
	reasonsLinked(t, page, box, want)
	if list, _ := st.Attendance(ctx, sid); model.AttendanceFor(list, "BY").Presence == model.Represented {
		t.Error("the refused list was saved")
	}
}

// everyVoterPresent gives the attendance form with every voting member
// present; the caller sets the version it is drawn from (drawnAttendance).
func everyVoterPresent() url.Values {
	form := url.Values{}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			form.Set("anwesenheit_"+m.Abbrev, "anwesend")
		}
	}
	return form
}

// TestSharesWarningOnEverySurfaceOfTheResult: the warning that the newest
// Königsteiner-Schlüssel table is old stood on the decision and procedure
// pages but not on the session page, the minutes page and the minutes PDF
// where the same counted result stands. One rule, every surface; only the
// secretariat, which has a newer table loaded, is warned: a member's
// office, which votes but can do nothing about the table, the public and
// a spokesperson read the table's year in the count's line (before, the
// member's office read the warning too).
func TestSharesWarningOnEverySurfaceOfTheResult(t *testing.T) {
	ts, st, _ := lawServer(t)
	sid, _, d := runningSession(t, st, model.KindDecision)
	if _, body := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/48", nil); strings.Contains(body, "älter als drei Jahre") {
		t.Error("the session page warns before a result was counted")
	}
	adoptUnanimously(t, st, sid, d)
	for _, account := range []string{"geschaeftsstelle"} {
		for _, path := range []string{"/sitzungen/48", "/sitzungen/48/protokoll"} {
			if _, body := do(t, client(t, ts, account), "GET", ts.URL+path, nil); !strings.Contains(body, "Die neueste Tabelle des Königsteiner Schlüssels ist von 2016 und damit älter als drei Jahre") {
				t.Errorf("%s (%s) does not warn of the old table", path, account)
			}
		}
		_, pdf := do(t, client(t, ts, account), "GET", ts.URL+"/sitzungen/48/protokoll.pdf", nil)
		if text := pdftest.Text(t, []byte(pdf)); !strings.Contains(strings.Join(strings.Fields(text), " "), "älter als drei Jahre") {
			t.Errorf("the minutes PDF (%s) does not warn of the old table", account)
		}
	}
	// Who does not count — a member's office, the public, a spokesperson —
	// is not warned: the count line names the table.
	for _, account := range []string{"hessen", "", "sprecher-hb"} {
		for _, path := range []string{"/sitzungen/48", "/sitzungen/48/protokoll", "/beschluesse/B-2026/01-IT"} {
			if _, body := do(t, client(t, ts, account), "GET", ts.URL+path, nil); strings.Contains(body, "älter als drei Jahre") {
				t.Errorf("%s (%q) warns of the old table", path, account)
			}
		}
	}
	_, pdf := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/48/protokoll.pdf", nil)
	if text := pdftest.Text(t, []byte(pdf)); strings.Contains(strings.Join(strings.Fields(text), " "), "älter als drei Jahre") {
		t.Error("the member's minutes PDF warns of the old table")
	}
}

// TestRecommendationPageIsNotCalledBeschluss: a recommendation's page was
// titled "Beschluss B-2026/01-IT – gremium"; its title names its kind.
func TestRecommendationPageIsNotCalledBeschluss(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindRecommendation)
	adoptUnanimously(t, st, sid, d)
	got, _ := st.Decision(ctx, d)
	_, body := do(t, client(t, ts, ""), "GET", ts.URL+"/beschluesse/"+got.Label, nil)
	if !strings.Contains(body, "<title>Empfehlung "+got.Label+" – ") {
		t.Errorf("the recommendation's page is not titled Empfehlung %s", got.Label)
	}
}

// everyVoter gives the vote c for every voting member of the council.
func everyVoter(c model.VoteChoice) map[string]model.VoteChoice {
	votes := map[string]model.VoteChoice{}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			votes[m.Abbrev] = c
		}
	}
	return votes
}

// adoptUnanimously records a show of hands in which every voting member
// says Ja to draft d of session sid.
func adoptUnanimously(t *testing.T, st *store.Store, sid, d int64) {
	t.Helper()
	votes := everyVoter(model.VoteYes)
	if _, err := st.RecordShowOfHands(context.Background(), sid, d, votes); err != nil {
		t.Fatal(err)
	}
}

// TestAttendancePersonsStayOffOParl: the person who stands in for a member
// at a session, typed into the internal attendance list, is not an OParl
// Person (the public minutes name the members, not the persons); the
// spokespersons and the members' representatives still are. Before,
// OParl published every person, "Staatsrat Beispiel" included.
func TestAttendancePersonsStayOffOParl(t *testing.T) {
	ts, st, _ := lawServer(t)
	runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	form := everyVoterPresent()
	form.Set("version", drawnAttendance(t, gs, ts.URL+"/sitzungen/48/anwesenheit"))
	form.Set("anwesenheit_HB", "vertreten")
	form.Set("person_HB", "Staatsrat Beispiel")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form); code != http.StatusSeeOther {
		t.Fatalf("attendance: %d %s", code, excerpt(body, "error"))
	}
	public := client(t, ts, "")
	var names []string
	for next := ts.URL + "/oparl/v1/body/1/person"; next != ""; {
		var page struct {
			Data []struct {
				ID, Name string
				Deleted  bool
			}
			Links struct{ Next string }
		}
		_, body := do(t, public, "GET", next, nil)
		if err := json.Unmarshal([]byte(body), &page); err != nil {
			t.Fatalf("%s: %v", next, err)
		}
		for _, p := range page.Data {
			names = append(names, p.Name)
			if p.Name == "Staatsrat Beispiel" {
				t.Errorf("OParl publishes the attendance's person: %s", p.ID)
				if _, obj := do(t, public, "GET", p.ID, nil); strings.Contains(obj, "Staatsrat Beispiel") {
					t.Errorf("%s: %s", p.ID, obj)
				}
			}
		}
		next = page.Links.Next
	}
	// The spokespersons are there (the demo names them).
	ctx := context.Background()
	sps, err := st.Assignments(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(sps) == 0 {
		t.Fatal("the demo has no spokespersons")
	}
	for _, a := range sps {
		if a.PersonID == 0 {
			continue
		}
		p, err := st.Person(ctx, a.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(names, p.Name) {
			t.Errorf("the spokesperson %s (%s) is not an OParl Person: %v", p.Name, a.Member, names)
		}
	}
}

// TestPublicCountNamesNoMember: Hessen abstains on a decision counted
// with the Königsteiner Schlüssel. The public result blacks out the name
// ("bei Enthaltung von [geschwärzt]"), but the count's line said "Bund und
// 15 Länder mit 92,6 % der Finanzierungsanteile", and only Hessen holds the
// missing 7,4 %. The public decision page, JSON decision and minutes PDF
// give the count without the share; members still read it.
func TestPublicCountNamesNoMember(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision)
	votes := everyVoter(model.VoteYes)
	votes["HE"] = model.VoteAbstain
	if _, err := st.RecordShowOfHands(ctx, sid, d, votes); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Decision(ctx, d)
	if !strings.Contains(got.CountReason, "15 Länder mit 9") {
		t.Fatalf("the count's explanation: %q", got.CountReason)
	}
	_, body := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/beschluesse/B-2026/01-IT", nil)
	if !strings.Contains(body, got.CountReason) {
		t.Errorf("members do not read the count: %s", between(body, `<dl class="meta">`, "</dl>"))
	}
	public := client(t, ts, "")
	_, body = do(t, public, "GET", ts.URL+"/beschluesse/B-2026/01-IT", nil)
	_, json := do(t, public, "GET", ts.URL+"/api/v1/beschluesse/2026/1", nil)
	for name, page := range map[string]string{"decision page": body, "JSON decision": json} {
		if strings.Contains(page, "% der Finanzierungsanteile") || !strings.Contains(page, "Bund und 15 Länder mit der nötigen Mehrheit der Finanzierungsanteile") {
			t.Errorf("the public %s gives the count as %s", name, between(page, "15 Länder", "Schlüssel"))
		}
	}
	se, _ := st.Session(ctx, sid)
	if err := st.SetSessionStatus(ctx, sid, se.Version, model.StatusEnded); err != nil {
		t.Fatal(err)
	}
	_, minutesPage := do(t, public, "GET", ts.URL+"/sitzungen/48/protokoll", nil)
	res, err := public.Get(ts.URL + "/sitzungen/48/protokoll.pdf")
	if err != nil {
		t.Fatal(err)
	}
	pdf := readAll(res)
	if res.StatusCode != http.StatusOK || !strings.Contains(minutesPage, "nötigen Mehrheit der Finanzierungsanteile") {
		t.Fatalf("the public minutes after the session: %d %s", res.StatusCode, between(minutesPage, "<main", "</main>"))
	}
	if text := pdftest.Words(t, []byte(pdf)); strings.Contains(text, "% der Finanzierungsanteile") || strings.Contains(minutesPage, "% der Finanzierungsanteile") {
		t.Error("the public minutes give the share of the Länder in favour")
	}
}

// seenVersion adds to a show of hands' form the version of draft d as the
// live page gives it (store.SeenDrafts).
func seenVersion(t *testing.T, st *store.Store, d int64, form url.Values) url.Values {
	t.Helper()
	got, err := st.Decision(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	out := maps.Clone(form)
	out.Set("version", strconv.Itoa(got.Version))
	return out
}

// TestShowOfHandsOnTheTextSeen: the hands are raised on the text the live
// page shows. A proposal changed in another tab after the page was loaded
// was adopted as changed by the one-step show of hands — with a point
// nobody had seen — and the Grüne Liste adopted proposals changed or
// added after the page was loaded. Now both are refused with the reason,
// the grid kept, and nothing is recorded; after a reload they pass.
func TestShowOfHandsOnTheTextSeen(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	live := func() string {
		_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
		return page
	}
	change := func(id int64, point string) {
		t.Helper()
		got, _ := st.Decision(ctx, id)
		got.Points = append(got.Points, model.Point{Label: fmt.Sprintf("%d.", len(got.Points)+1), Text: point})
		if err := st.UpdateDecision(ctx, got); err != nil {
			t.Fatal(err)
		}
	}
	action := fmt.Sprintf("/entwuerfe/%d/abstimmung", d)
	form := postedForm(live(), action)
	if form.Get("version") == "" {
		t.Fatal("the show of hands' form carries no version")
	}
	change(d, "Er bittet die FITKO um Umsetzung.")
	for k, v := range everyoneBut("ja") {
		form[k] = v
	}
	code, body := do(t, gs, "POST", ts.URL+action, form)
	if code == http.StatusSeeOther || !strings.Contains(body, "Der Beschlussvorschlag wurde geändert, seit die Seite geladen wurde") || !strings.Contains(body, checkedRadio(fmt.Sprintf("v%d-HE-ja", d), "HE", "ja")) {
		t.Errorf("a show of hands on a changed proposal: %d %s", code, between(body, `class="error-box"`, "</div>"))
	}
	if got, _ := st.Decision(ctx, d); got.Status != model.DecisionDraft {
		t.Fatalf("the changed proposal was decided: %+v", got)
	}
	form = postedForm(live(), action)
	for k, v := range everyoneBut("ja") {
		form[k] = v
	}
	if code, _ := do(t, gs, "POST", ts.URL+action, form); code != http.StatusSeeOther {
		t.Fatalf("the show of hands after a reload: %d", code)
	}

	// The Grüne Liste: a proposal changed, then one added after loading.
	consent, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "6", Title: "Standards", Position: 4, Status: model.ItemAccepted, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	proposal := func(title string) int64 {
		id, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sid, ItemID: consent, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
			Title: title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt den Standard."}}, Applicants: []string{"Bund"}})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	first := proposal("Standard XÖV")
	gl := "/sitzungen/48/gruene-liste"
	for _, step := range []struct {
		name string
		then func()
	}{{"a proposal changed", func() { change(first, "Er gilt ab 2027.") }}, {"a proposal added", func() { proposal("Standard XTA") }}} {
		form = postedForm(live(), gl)
		if form.Get("fassungen") == "" {
			t.Fatal("the Grüne Liste's form records no proposals")
		}
		step.then()
		for k, v := range everyoneBut("ja") {
			form[k] = v
		}
		code, body = do(t, gs, "POST", ts.URL+gl, form)
		if code == http.StatusSeeOther || !strings.Contains(body, "Die Grüne Liste hat sich geändert, seit die Seite geladen wurde") {
			t.Errorf("the Grüne Liste with %s: %d %s", step.name, code, between(body, `class="error-box"`, "</div>"))
		}
		if got, _ := st.Decision(ctx, first); got.Status != model.DecisionDraft {
			t.Fatalf("the Grüne Liste was adopted with %s", step.name)
		}
	}
	// A Nein refuses the Grüne Liste: named as the pages name members,
	// and with the step that is left after a show of hands in one step
	// (before: "Gegenstimme von HE … Bitte die Abstimmung abbrechen",
	// with no vote open to cancel) — the items the member wants taken
	// singly leave the list at its request, the rest is voted on again
	// (before: "die betroffenen TOPs", which the ballot cannot tell).
	form = postedForm(live(), gl)
	for k, v := range everyoneBut("ja", "HE") {
		form[k] = v
	}
	form.Set("stimme_HE", "nein")
	if _, body := do(t, gs, "POST", ts.URL+gl, form); !strings.Contains(body, "Gegenstimme von Hessen: die Grüne Liste wird nur ohne Gegenstimme en bloc beschlossen. Die Handzeichen sind nicht gespeichert; bitte die TOPs, die auf Wunsch von Hessen einzeln behandelt werden, von der Grünen Liste nehmen (Sitzungsseite, „Von der Grünen Liste nehmen“) und erneut über die Grüne Liste abstimmen.") {
		t.Errorf("the Grüne Liste with a Nein: %s", between(body, `class="error-box"`, "</div>"))
	}
	form.Set("stimme_HE", "ja")
	if code, body := do(t, gs, "POST", ts.URL+gl, form); code != http.StatusSeeOther {
		t.Fatalf("the Grüne Liste after a reload: %d %s", code, between(body, `class="error-box"`, "</div>"))
	}
}

// TestColleagueVoteNotReplacedUnseen: two colleagues of Hessen's office
// have the ballot open; one votes "Ja", the other, whose page still shows
// no vote, sends "Enthaltung". Before, the Ja was replaced without a word
// and both were told their vote was stored; now the second is told what
// was voted meanwhile and stores nothing until it sends again from the
// page that shows it.
func TestColleagueVoteNotReplacedUnseen(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusSeeOther {
		t.Fatalf("open: %d", code)
	}
	v, _, _ := st.OpenSessionVote(ctx, sid)
	action := fmt.Sprintf("/abstimmungen/%d/stimme", v.ID)
	ballot := func(c *http.Client, choice string) url.Values {
		_, page := do(t, c, "GET", ts.URL+"/sitzungen/48/abstimmung", nil)
		form := postedForm(page, action)
		if _, ok := form["gesehen"]; !ok {
			t.Fatal("the ballot does not say which vote it showed")
		}
		form.Set("stimme", choice)
		return form
	}
	a, b := client(t, ts, "hessen"), client(t, ts, "hessen")
	fromA, fromB := ballot(a, "ja"), ballot(b, "enthaltung")
	if code, _ := do(t, a, "POST", ts.URL+action, fromA); code != http.StatusSeeOther {
		t.Fatalf("A's vote: %d", code)
	}
	code, page := do(t, b, "POST", ts.URL+action, fromB)
	if code == http.StatusSeeOther || !strings.Contains(page, "Für Hessen wurde inzwischen „Ja“ abgestimmt") {
		t.Fatalf("B's vote over A's: %d %s", code, between(page, "<main", "</form>"))
	}
	if got, _ := st.SessionVote(ctx, v.ID); got.Choices()["HE"] != model.VoteYes {
		t.Fatalf("Hessen's vote after B's stale ballot: %q", got.Choices()["HE"])
	}
	again := postedForm(page, action)
	if again.Get("gesehen") != "ja" || !strings.Contains(page, `value="enthaltung" checked`) {
		t.Errorf("the refused ballot shows %q as the vote so far and not B's choice checked", again.Get("gesehen"))
	}
	again.Set("stimme", "enthaltung")
	if code, _ := do(t, b, "POST", ts.URL+action, again); code != http.StatusSeeOther {
		t.Fatalf("B's vote sent again from the page that shows A's: %d", code)
	}
	if got, _ := st.SessionVote(ctx, v.ID); got.Choices()["HE"] != model.VoteAbstain {
		t.Errorf("Hessen's vote after B sent again: %q", got.Choices()["HE"])
	}
}

// TestColleagueProcedureVoteNotReplacedUnseen: the written procedure's
// ballot the same way as the vote in session (before: "ja", then a
// colleague's stale "nein", both accepted without a word).
func TestColleagueProcedureVoteNotReplacedUnseen(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zur Cloud-Strategie", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/umlaufverfahren/%d", pid)
	ballot := func(c *http.Client, choice string) url.Values {
		_, page := do(t, c, "GET", ts.URL+path, nil)
		form := postedForm(page, path+"/stimme")
		if _, ok := form["gesehen"]; !ok {
			t.Fatal("the procedure's ballot does not say which vote it showed")
		}
		form.Set("stimme", choice)
		return form
	}
	a, b := client(t, ts, "hessen"), client(t, ts, "hessen")
	fromA, fromB := ballot(a, "ja"), ballot(b, "nein")
	if code, _ := do(t, a, "POST", ts.URL+path+"/stimme", fromA); code != http.StatusSeeOther {
		t.Fatalf("A's vote: %d", code)
	}
	code, page := do(t, b, "POST", ts.URL+path+"/stimme", fromB)
	if code == http.StatusSeeOther || !strings.Contains(page, "Für Hessen wurde inzwischen „Ja“ abgestimmt") {
		t.Fatalf("B's vote over A's: %d %s", code, between(page, "<main", "</form>"))
	}
	again := postedForm(page, path+"/stimme")
	again.Set("stimme", "nein")
	if code, _ := do(t, b, "POST", ts.URL+path+"/stimme", again); code != http.StatusSeeOther {
		t.Fatalf("B's vote sent again from the page that shows A's: %d", code)
	}
}
