package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/model"
)

func newStore(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := testOpen(t, context.Background(), dir)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	guardAudit(t, s)
	return s, dir
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// laender are the 16 Länder in list order.
var laender = []string{"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"}

// voters are the Bund and the Länder.
var voters = append([]string{"Bund"}, laender...)

// testMembers are the IT-PLR's voting members, an advisory member and a
// guest.
func testMembers() []model.Member {
	names := map[string]string{"HE": "Hessen", "HH": "Hamburg", "SL": "Saarland", "BY": "Bayern", "NW": "Nordrhein-Westfalen"}
	ms := []model.Member{{Abbrev: "Bund", Name: "Bund", Kind: model.MemberBund}}
	for _, l := range laender {
		name := names[l]
		if name == "" {
			name = "Land " + l
		}
		ms = append(ms, model.Member{Abbrev: l, Name: name, Kind: model.MemberLand})
	}
	return append(ms, model.Member{Abbrev: "DLT", Name: "Deutscher Landkreistag", Kind: model.MemberAdvisory},
		model.Member{Abbrev: "FITKO", Name: "FITKO", Kind: model.MemberGuest})
}

// attending gives an attendance list: the members named present, all
// others absent.
func attending(present ...string) []model.Attendance {
	var out []model.Attendance
	for _, m := range present {
		out = append(out, model.Attendance{Member: m, Presence: model.Present})
	}
	return out
}

// fixture creates the IT-PLR with a quorum of 2, some members (Bund, HE,
// HH, DLT) and session 47, running, with them present and the quorum
// established: 7 audit entries. No Beschluss can pass here (it needs
// eleven Länder); lawFixture has the full membership.
func fixture(t *testing.T, s *Store) (bodyID, sessionID int64) {
	t.Helper()
	ctx := context.Background()
	id := must[int64](t)
	bodyID = id(s.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern, QuorumMin: 2}))
	for i, m := range []model.Member{{Abbrev: "Bund", Name: "Bund", Kind: model.MemberBund}, {Abbrev: "HE", Name: "Hessen", Kind: model.MemberLand},
		{Abbrev: "HH", Name: "Hamburg", Kind: model.MemberLand}, {Abbrev: "DLT", Name: "Deutscher Landkreistag", Kind: model.MemberAdvisory}} {
		m.Position = i
		id(s.CreateMember(ctx, m))
	}
	sessionID = id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 47, Date: model.NewDate(2025, 6, 26), StartTime: "09:00", EndTime: "12:15", Place: "Schwerin", Chair: "MV", Status: model.StatusRunning}))
	if ok, reason, err := s.SaveAttendance(ctx, sessionID, attending("Bund", "HE", "HH", "DLT")); err != nil || !ok {
		t.Fatalf("quorum: %v %s", err, reason)
	}
	return bodyID, sessionID
}

// lawFixture creates the IT-PLR (its rules: the Staatsvertrag's, quorum 9),
// the Bund, the 16 Länder, an advisory member and a guest, and session 47,
// running, with every voting member and DLT present and the quorum
// established.
func lawFixture(t *testing.T, s *Store) (bodyID, sessionID int64) {
	t.Helper()
	ctx := context.Background()
	id := must[int64](t)
	bodyID = id(s.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern}))
	for i, m := range testMembers() {
		m.Position = i
		id(s.CreateMember(ctx, m))
	}
	sessionID = id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 47, Date: model.NewDate(2025, 6, 26), StartTime: "09:00", EndTime: "12:15", Place: "Schwerin", Chair: "MV", Status: model.StatusRunning}))
	if ok, reason, err := s.SaveAttendance(ctx, sessionID, attending(append(voters, "DLT")...)); err != nil || !ok {
		t.Fatalf("quorum: %v %s", err, reason)
	}
	return bodyID, sessionID
}

func TestMigrationFromEmpty(t *testing.T) {
	s, _ := newStore(t)
	v, err := s.SchemaVersion(context.Background())
	if err != nil || v < 1 {
		t.Fatalf("schema version = %d, %v", v, err)
	}
	// Migrating again is a no-op.
	check(t, s.Migrate(context.Background()))
}

func TestMembersAndPersons(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fixture(t, s)
	m := must[model.Member](t)(s.Member(ctx, "HE"))
	if m.Name != "Hessen" || m.Kind != model.MemberLand {
		t.Fatalf("member = %+v", m)
	}
	m.Name = "Land Hessen"
	check(t, s.UpdateMember(ctx, m))
	if got := must[model.Member](t)(s.Member(ctx, "HE")); got.Name != "Land Hessen" {
		t.Errorf("update lost: %+v", got)
	}
	if _, err := s.CreateMember(ctx, model.Member{Abbrev: "HE", Name: "x", Kind: model.MemberLand}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate member: %v", err)
	}
	if _, err := s.Member(ctx, "XX"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing member: %v", err)
	}
	if n := len(must[[]model.Member](t)(s.Members(ctx))); n != 4 {
		t.Errorf("members = %d", n)
	}
	pid := must[int64](t)(s.CreatePerson(ctx, model.Person{Name: "Stefan Sauer", MemberAbbrev: "HE"}))
	p := must[model.Person](t)(s.Person(ctx, pid))
	p.Function = "StS"
	check(t, s.UpdatePerson(ctx, p))
	if got := must[model.Person](t)(s.PersonByName(ctx, "Stefan Sauer")); got.Function != "StS" || got.ID != pid {
		t.Errorf("person = %+v", got)
	}
	if len(must[[]model.Person](t)(s.Persons(ctx))) != 1 {
		t.Error("persons")
	}
}

func TestBodiesContactsDatesSections(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	jumiko := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "JuMiKo", Name: "Justizministerkonferenz"}))
	ejr := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "E-Justice-Rat", Name: "E-Justice-Rat", ActsForID: jumiko,
		TopicProfile: "Cloud-Computing", Terms: []model.Term{{Term: "Justizcloud", Weight: 2}}}))
	b := must[model.Body](t)(s.BodyByAbbrev(ctx, "E-Justice-Rat"))
	if b.ActsForID != jumiko || !reflect.DeepEqual(b.Terms, []model.Term{{Term: "Justizcloud", Weight: 2}}) {
		t.Fatalf("body = %+v", b)
	}
	b.Chair = "NW"
	check(t, s.UpdateBody(ctx, b))
	b.Chair = "BY" // stale version
	if err := s.UpdateBody(ctx, b); !errors.Is(err, ErrConflict) {
		t.Errorf("stale body update: %v", err)
	}
	if got := must[model.Body](t)(s.Body(ctx, ejr)); got.Chair != "NW" || got.Version != 2 {
		t.Errorf("body after conflict = %+v", got)
	}
	if n := len(must[[]model.Body](t)(s.Bodies(ctx, model.BodyFachMK))); n != 2 {
		t.Errorf("fachmk = %d", n)
	}

	cid := id(s.CreateContact(ctx, model.Contact{BodyID: ejr, Name: "Geschäftsstelle", Email: "gs@example.org"}))
	check(t, s.UpdateContact(ctx, model.Contact{ID: cid, Name: "Geschäftsstelle E-Justice-Rat", Email: "gs@example.org"}))
	if cs := must[[]model.Contact](t)(s.Contacts(ctx, ejr)); len(cs) != 1 || cs[0].Name != "Geschäftsstelle E-Justice-Rat" {
		t.Errorf("contacts = %+v", cs)
	}

	did := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: ejr, Title: "Sitzung", Starts: model.NewDate(2026, 4, 20)}))
	id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: ejr, Title: "Alt", Starts: model.NewDate(2025, 4, 1)}))
	check(t, s.UpdateConferenceDate(ctx, model.ConferenceDate{ID: did, Title: "Frühjahrssitzung", Starts: model.NewDate(2026, 4, 21), Place: "Berlin"}))
	ds := must[[]model.ConferenceDate](t)(s.ConferenceDates(ctx, ejr, model.NewDate(2026, 1, 1)))
	if len(ds) != 1 || ds[0].Title != "Frühjahrssitzung" || ds[0].Starts != model.NewDate(2026, 4, 21) || ds[0].UID == "" {
		t.Errorf("dates = %+v", ds)
	}

	sid := id(s.CreateSection(ctx, model.Section{BodyID: ejr, Name: "Grüne Liste", Consent: true, Position: 9}))
	check(t, s.UpdateSection(ctx, model.Section{ID: sid, Name: "Grüne Liste", Consent: true, Position: 1}))
	if ss := must[[]model.Section](t)(s.Sections(ctx, ejr)); len(ss) != 1 || ss[0].Position != 1 || !ss[0].Consent {
		t.Errorf("sections = %+v", ss)
	}
}

func TestSessionsItemsAndMinutesRows(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	bodyID, sessionID := fixture(t, s)
	se := must[model.Session](t)(s.SessionByNumber(ctx, bodyID, 47))
	if se.Place != "Schwerin" || se.Date != model.NewDate(2025, 6, 26) || se.TimeSpan() != "09:00 – 12:15 Uhr" {
		t.Fatalf("session = %+v", se)
	}
	se.MinutesStand = model.NewDate(2025, 12, 8)
	check(t, s.UpdateSession(ctx, se))
	if err := s.UpdateSession(ctx, se); !errors.Is(err, ErrConflict) {
		t.Errorf("stale session update: %v", err)
	}
	if _, err := s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 47, Status: model.StatusPlanned}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate session number: %v", err)
	}

	itemID := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "08", Title: "Steuerungsgruppe NOOTS", Points: []string{"Zusammensetzung"},
		Goal: model.GoalDecision, Sources: []string{"B-2025/13-IT"}, Reporters: []string{"HH"}, Flags: model.ItemFlags{Decision: true, Note: true}, Consent: true,
		Impact: model.Impact{Stated: true, ConferenceIDs: []int64{bodyID}, Note: "IMK"}}))
	it := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	if it.Title != "Steuerungsgruppe NOOTS" || !it.Flags.Note || !it.Consent || it.Reporters[0] != "HH" || it.Impact.ConferenceIDs[0] != bodyID {
		t.Fatalf("item = %+v", it)
	}
	it.Number = "07"
	check(t, s.UpdateItem(ctx, it))
	if err := s.UpdateItem(ctx, it); !errors.Is(err, ErrConflict) {
		t.Errorf("stale item: %v", err)
	}
	if items := must[[]model.AgendaItem](t)(s.Items(ctx, sessionID)); len(items) != 1 || items[0].Number != "07" {
		t.Errorf("items = %+v", items)
	}

	cID := id(s.CreateContribution(ctx, model.Contribution{ItemID: itemID, Position: 1, Speaker: "HE", Points: []string{"Hinweis", "⟦geheim⟧"}}))
	cs := must[[]model.Contribution](t)(s.Contributions(ctx, itemID))
	if len(cs) != 1 || cs[0].ID != cID || cs[0].Points[1] != "⟦geheim⟧" {
		t.Fatalf("contributions = %+v", cs)
	}
	cs[0].Confidential = true
	check(t, s.UpdateContribution(ctx, cs[0]))

	nID := id(s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: itemID, Position: 3, Author: "Berlin", Text: "Berlin geht davon aus …"}))
	ns := must[[]model.ProtocolNote](t)(s.ProtocolNotes(ctx, itemID))
	if len(ns) != 1 || ns[0].ID != nID {
		t.Fatalf("notes = %+v", ns)
	}
	ns[0].Text = "Berlin geht davon aus, dass …"
	check(t, s.UpdateProtocolNote(ctx, ns[0]))

	id(s.CreateRemark(ctx, model.Remark{ItemID: itemID, Position: 4, Kind: model.RemarkIllegible, Text: "[illegible]"}))
	rs := must[[]model.Remark](t)(s.Remarks(ctx, itemID))
	rs[0].Kind = model.RemarkText
	check(t, s.UpdateRemark(ctx, rs[0]))
	if _, err := s.CreateRemark(ctx, model.Remark{ItemID: itemID, Kind: "foo"}); err == nil {
		t.Error("unknown remark kind accepted")
	}

	// The cycle: laufend → beendet → Entwurf → genehmigt; then the minutes freeze.
	se = must[model.Session](t)(s.Session(ctx, sessionID))
	if err := s.SetSessionStatus(ctx, sessionID, se.Version, model.StatusMinutesApproved); err == nil {
		t.Error("skipping steps must be refused")
	}
	for _, next := range []model.SessionStatus{model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved} {
		se = must[model.Session](t)(s.Session(ctx, sessionID))
		check(t, s.SetSessionStatus(ctx, sessionID, se.Version, next))
	}
	it = must[model.AgendaItem](t)(s.Item(ctx, itemID))
	it.Title = "geändert"
	if err := s.UpdateItem(ctx, it); !errors.Is(err, ErrImmutable) {
		t.Errorf("item of approved minutes changed: %v", err)
	}
	if _, err := s.CreateContribution(ctx, model.Contribution{ItemID: itemID, Speaker: "HH"}); !errors.Is(err, ErrImmutable) {
		t.Errorf("contribution added to approved minutes: %v", err)
	}
	ns = must[[]model.ProtocolNote](t)(s.ProtocolNotes(ctx, itemID))
	if err := s.UpdateProtocolNote(ctx, ns[0]); !errors.Is(err, ErrImmutable) {
		t.Errorf("note of approved minutes changed: %v", err)
	}
	if got := must[model.AgendaItem](t)(s.Item(ctx, itemID)); got.Title != "Steuerungsgruppe NOOTS" {
		t.Errorf("refused change was stored: %q", got.Title)
	}
}

// votesOf gives every member in ms the choice c.
func votesOf(c model.VoteChoice, ms ...string) map[string]model.VoteChoice {
	out := map[string]model.VoteChoice{}
	for _, m := range ms {
		out[m] = c
	}
	return out
}

func TestDecisionsAdoptAndImmutable(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	id := must[int64](t)
	bodyID, sessionID := lawFixture(t, s)
	itemID := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "12", Title: "EfA"}))
	ended := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))

	// A decision from the past with its known number raises the counter.
	id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: ended, Kind: model.KindDecision,
		Number: model.DecisionNumber{Year: 2025, Seq: 26}, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig",
		Points: []model.Point{{Text: "Der IT-Planungsrat richtet … ein."}}}))
	old := must[model.Decision](t)(s.DecisionByNumber(ctx, bodyID, model.DecisionNumber{Year: 2025, Seq: 26}))
	if old.Label != "B-2025/26-IT" {
		t.Fatalf("label = %q", old.Label)
	}
	if _, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft, Applicants: []string{"Bund"}, Scope: model.ScopeAll,
		Number: model.DecisionNumber{Year: 2025, Seq: 3}}); err == nil {
		t.Error("a draft with a number must be refused")
	}
	// In a running session a decision is taken by vote, never recorded as taken.
	if _, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig"}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("adopted decision created in a running session: %v", err)
	}

	draftID := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision,
		Status: model.DecisionDraft, Applicants: []string{"Bund"}, Scope: model.ScopeAll, Title: "Grobkonzept", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt"}}}))
	d := must[model.Decision](t)(s.Decision(ctx, draftID))
	d.Points = append(d.Points, model.Point{Label: "2.", Text: "Er bittet"})
	d.Votes = []model.Vote{{Member: "HE", Choice: model.VoteYes}} // never stored: votes come from a count
	check(t, s.UpdateDecision(ctx, d))
	if err := s.UpdateDecision(ctx, d); !errors.Is(err, ErrConflict) {
		t.Errorf("stale decision update: %v", err)
	}
	d = must[model.Decision](t)(s.Decision(ctx, draftID))
	if len(d.Points) != 2 || len(d.Votes) != 0 {
		t.Fatalf("decision = %+v", d)
	}
	out, err := s.RecordShowOfHands(ctx, sessionID, draftID, votesOf(model.VoteYes, voters...))
	check(t, err)
	adopted := out.Decisions[0]
	if adopted.Label != "B-2025/27-IT" || adopted.Status != model.DecisionAdopted || len(adopted.Votes) != 17 || adopted.Votes[0].Member != "Bund" ||
		adopted.Result != "einstimmig" || adopted.SharesYear != 2016 || adopted.CountReason == "" {
		t.Fatalf("adopted = %+v", adopted)
	}
	adopted.Title = "geändert"
	adopted.Status = model.DecisionDraft
	if err := s.UpdateDecision(ctx, adopted); !errors.Is(err, ErrImmutable) {
		t.Errorf("adopted decision changed: %v", err)
	}
	if _, err := s.RecordShowOfHands(ctx, sessionID, draftID, votesOf(model.VoteYes, voters...)); !errors.Is(err, ErrImmutable) {
		t.Errorf("adopted twice: %v", err)
	}

	// Corrections are new versions; the adopted decision stays as it was.
	if _, err := s.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: draftID, Title: "Grobkonzept NOOTS"}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("correction without reason: %v", err)
	}
	v := must[int](t)(s.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: draftID, Title: "Grobkonzept NOOTS", Reason: "Titel unvollständig"}))
	got := must[model.Decision](t)(s.Decision(ctx, draftID))
	if title, _ := got.Current(); v != 1 || got.Title != "Grobkonzept" || title != "Grobkonzept NOOTS" || len(got.Corrections) != 1 || got.Result != "einstimmig" {
		t.Errorf("after correction: %+v", got)
	}

	rejID := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: itemID, Kind: model.KindRecommendation,
		Status: model.DecisionDraft, Applicants: []string{"Bund"}, Scope: model.ScopeAll}))
	check(t, ignore(s.RecordShowOfHands(ctx, sessionID, rejID, votesOf(model.VoteNo, voters...))))
	if r := must[model.Decision](t)(s.Decision(ctx, rejID)); r.Status != model.DecisionRejected || r.Label != "" || r.Result != "abgelehnt bei Gegenstimmen des Bundes und von BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH und TH" {
		t.Errorf("rejected = %+v", r)
	}

	all := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{BodyID: bodyID, Status: model.DecisionAdopted}))
	if len(all) != 2 || all[0].Label != "B-2025/27-IT" {
		t.Errorf("decisions = %+v", all)
	}
	if n := len(must[[]model.Decision](t)(s.ItemDecisions(ctx, itemID))); n != 2 {
		t.Errorf("item decisions = %d", n)
	}
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "decision", draftID))
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
		if e.Actor != "test" {
			t.Errorf("audit actor = %q", e.Actor)
		}
	}
	// One entry per operation: the adoption's update and its votes are one
	// "adopt" entry with the changed values before and after; the
	// correction is one more.
	if !reflect.DeepEqual(actions, []string{"create", "update", "adopt", "correct"}) {
		t.Errorf("audit actions = %v", actions)
	}
	if a := log[2]; !strings.Contains(a.Before, `"status":"entwurf"`) || !strings.Contains(a.After, `"label":"B-2025/27-IT"`) ||
		!strings.Contains(a.After, `{"choice":"ja","member_abbrev":"Bund"}`) || strings.Contains(a.After, `"title"`) {
		t.Errorf("adopt entry: before %s\nafter %s", a.Before, a.After)
	}
	if u := log[1]; !strings.Contains(u.After, `Er bittet`) || strings.Contains(u.After, `"member_abbrev":"HE"`) {
		t.Errorf("update entry: before %s\nafter %s", u.Before, u.After)
	}
}

// ignore drops a result, keeping the error.
func ignore[T any](_ T, err error) error { return err }

// TestDecisionNumberingConcurrent adopts many decisions at once: every one
// gets a number, numbers are 1..n without gap or double.
func TestDecisionNumberingConcurrent(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Viele Beschlüsse"}))
	const n = 40
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision,
			Status: model.DecisionDraft, Applicants: []string{"Bund"}, Scope: model.ScopeAll, Title: fmt.Sprint(i)}))
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for _, id := range ids {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			_, err := s.RecordShowOfHands(ctx, sessionID, id, votesOf(model.VoteYes, voters...))
			errs <- err
		}(id)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	ds := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{BodyID: bodyID, Year: 2025}))
	var seqs []int
	for _, d := range ds {
		seqs = append(seqs, d.Number.Seq)
	}
	sort.Ints(seqs)
	for i, q := range seqs {
		if q != i+1 {
			t.Fatalf("numbers not gapless 1..%d: %v", n, seqs)
		}
	}
	if len(seqs) != n {
		t.Fatalf("got %d numbers", len(seqs))
	}
	// A new year starts at 1 again: a written procedure closing in 2027.
	s.SetClock(func() time.Time { return time.Date(2026, 12, 30, 12, 0, 0, 0, model.Berlin) })
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Applicants: []string{"Bund"}, Scope: model.ScopeAll}, Deadline: time.Date(2027, 1, 5, 12, 0, 0, 0, model.Berlin)}))
	for _, m := range voters {
		check(t, s.CastVote(ctx, pid, m, model.VoteYes))
	}
	check(t, ignore(s.CloseDueProcedures(ctx, time.Date(2027, 1, 5, 12, 0, 0, 0, model.Berlin))))
	p := must[model.WrittenProcedure](t)(s.Procedure(ctx, pid))
	if d, err := s.Decision(ctx, p.DecisionID); err != nil || d.Label != "B-2027/01-IT" {
		t.Errorf("new year: %v %v", d.Label, err)
	}
}

func TestFollowUps(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "00", Title: "Begrüßung"}))
	fid := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Audit der Kostenstrukturen", Responsible: "FITKO", DueSession: 49, Status: model.FollowUpOpen}))
	f := must[model.FollowUp](t)(s.FollowUp(ctx, fid))
	f.Status, f.DoneOn = model.FollowUpDone, model.NewDate(2025, 11, 1)
	if err := s.UpdateFollowUp(ctx, f); !errors.Is(err, model.ErrInput) {
		t.Errorf("done without evidence: %v", err)
	}
	f.EvidenceText = "Bericht in der 49. Sitzung vorgelegt"
	check(t, s.UpdateFollowUp(ctx, f))
	if err := s.UpdateFollowUp(ctx, f); !errors.Is(err, ErrConflict) {
		t.Errorf("stale follow-up: %v", err)
	}
	if fs := must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{Status: model.FollowUpDone})); len(fs) != 1 || fs[0].DoneOn != model.NewDate(2025, 11, 1) {
		t.Errorf("follow-ups = %+v", fs)
	}
	if fs := must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{Status: model.FollowUpOpen})); len(fs) != 0 {
		t.Errorf("open follow-ups = %+v", fs)
	}
	if _, err := s.CreateFollowUp(ctx, model.FollowUp{Status: model.FollowUpOpen}); err == nil {
		t.Error("follow-up without text accepted")
	}
}

func TestFachMKLayer(t *testing.T) {
	s, _ := newStore(t)
	s.SetClock(func() time.Time { return time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin) }) // the debriefs below lie ahead (model.Debrief.CheckDay)
	ctx := context.Background()
	id := must[int64](t)
	bodyID, sessionID := fixture(t, s)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	hagen := id(s.CreatePerson(ctx, model.Person{Name: "Dr. Martin Hagen", MemberAbbrev: "HB"}))
	pid := id(s.CreatePerson(ctx, model.Person{Name: "Stefan Sauer", MemberAbbrev: "HE"}))

	// Assignments follow the rules of concept section 1.2 and cite a
	// decision the IT-Planungsrat took: here one before gremium.
	if _, err := s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HE", DecisionRef: "B-2022/43-IT"}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("assignment citing an unknown decision: %v", err)
	}
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	if _, err := s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "DLT", DecisionRef: "B-2022/43-IT"}); err == nil {
		t.Error("advisory member as spokesperson accepted")
	}
	if _, err := s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HE"}); err == nil {
		t.Error("assignment without decision accepted")
	}
	if _, err := s.CreateAssignment(ctx, model.Assignment{ConferenceID: bodyID, Member: "HE", DecisionRef: "B-2022/43-IT"}); err == nil {
		t.Error("assignment to a non-FachMK accepted")
	}
	// A person of another member cannot hold HE's function.
	if _, err := s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HE", PersonID: hagen, DecisionRef: "B-2022/43-IT"}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("HE's function held by a person of HB: %v", err)
	}
	aid := id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HE", PersonID: pid, DecisionRef: "B-2022/43-IT", StartSession: 39}))
	as := must[[]model.Assignment](t)(s.Assignments(ctx, fmk))
	if len(as) != 1 || as[0].ID != aid || as[0].PersonID != pid {
		t.Fatalf("assignments = %+v", as)
	}
	check(t, as[0].AnnounceResignation(model.NewDate(2025, 7, 1), 48))
	check(t, s.UpdateAssignment(ctx, as[0]))
	if got := must[[]model.Assignment](t)(s.Assignments(ctx, 0)); got[0].EndsWithSession != 48 || got[0].StatusLabel(47) != "endet mit der 48. Sitzung" {
		t.Errorf("after resignation = %+v", got[0])
	}

	decID := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 27}}))
	_ = sessionID
	dbid := id(s.CreateDebrief(ctx, model.Debrief{SessionID: sessionID, Place: "Videokonferenz", Entries: []model.DebriefEntry{{DecisionID: decID, ConferenceID: fmk, Presenter: "HE"}}}))
	db := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	if db.ID != dbid || len(db.Entries) != 1 || db.Entries[0].Presenter != "HE" {
		t.Fatalf("debrief = %+v", db)
	}
	db.HeldOn, db.Sent, db.Entries = model.NewDate(2025, 7, 10), true, nil
	check(t, s.UpdateDebrief(ctx, db))
	if got := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID)); !got.Sent || len(got.Entries) != 0 {
		t.Errorf("debrief after update = %+v", got)
	}

	bid := id(s.CreateBriefing(ctx, model.Briefing{ConferenceID: fmk, Title: "Briefing FMK"}, model.BriefingVersion{Stand: model.NewDate(2023, 4, 20), Content: "Erste Fassung"}))
	check(t, s.AddBriefingVersion(ctx, bid, 1, model.BriefingVersion{Stand: model.NewDate(2024, 3, 20), Content: "Zweite Fassung"}, ""))
	if err := s.AddBriefingVersion(ctx, bid, 1, model.BriefingVersion{Content: "parallel"}, ""); !errors.Is(err, ErrConflict) {
		t.Errorf("stale briefing edit: %v", err)
	}
	b := must[model.Briefing](t)(s.Briefing(ctx, bid))
	if len(b.Versions) != 2 || b.Latest().Content != "Zweite Fassung" || b.Versions[0].Content != "Erste Fassung" {
		t.Errorf("briefing = %+v", b)
	}
	if len(must[[]model.Briefing](t)(s.Briefings(ctx, fmk))) != 1 {
		t.Error("briefings")
	}

	rid := id(s.CreateRequest(ctx, model.Request{ConferenceID: fmk, Title: "EfA im Agrarbereich", Via: "MV", Status: model.RequestReceived, ReceivedOn: model.NewDate(2025, 6, 26)}))
	r := must[model.Request](t)(s.Request(ctx, rid))
	r.Status = model.RequestInReview
	check(t, s.UpdateRequest(ctx, r))
	if rs := must[[]model.Request](t)(s.Requests(ctx, fmk)); len(rs) != 1 || rs[0].Status != model.RequestInReview {
		t.Errorf("requests = %+v", rs)
	}

	tid := id(s.CreateTask(ctx, model.Task{Position: 1, Text: "Vorstellung wichtiger IT-PLR-Beschlüsse", Spokesperson: model.ResponsibilityLead, FITKO: model.ResponsibilitySupporting}))
	check(t, s.UpdateTask(ctx, model.Task{ID: tid, Position: 2, Text: "Vorstellung wichtiger IT-PLR-Beschlüsse im Rahmen einer FachMK", Spokesperson: model.ResponsibilityLead, FITKO: model.ResponsibilitySupporting, Version: 1}))
	if ts := must[[]model.Task](t)(s.Tasks(ctx)); len(ts) != 1 || ts[0].Position != 2 {
		t.Errorf("tasks = %+v", ts)
	}

	qid := id(s.CreateQuestion(ctx, model.EvaluationQuestion{Position: 1, Group: "Synchronisation", Text: "Sind gemeinsame Anknüpfungspunkte identifiziert?"}))
	check(t, s.UpdateQuestion(ctx, model.EvaluationQuestion{ID: qid, Position: 1, Group: "Synchronisation", Text: "Sind gemeinsame Anknüpfungspunkte identifiziert worden?"}))
	a1 := id(s.SaveAnswer(ctx, model.EvaluationAnswer{QuestionID: qid, Year: 2025, Respondent: "HB", Score: 3}))
	a2 := id(s.SaveAnswer(ctx, model.EvaluationAnswer{QuestionID: qid, Year: 2025, Respondent: "HB", Score: 4, Comment: "besser"}))
	if a1 != a2 {
		t.Errorf("second answer created a new row")
	}
	if as := must[[]model.EvaluationAnswer](t)(s.Answers(ctx, 2025)); len(as) != 1 || as[0].Score != 4 {
		t.Errorf("answers = %+v", as)
	}
	if qs := must[[]model.EvaluationQuestion](t)(s.Questions(ctx)); len(qs) != 1 || qs[0].Text != "Sind gemeinsame Anknüpfungspunkte identifiziert worden?" {
		t.Errorf("questions = %+v", qs)
	}
}

func TestRestartKeepsData(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := testOpen(t, ctx, dir)
	check(t, err)
	fixture(t, s)
	check(t, s.Close())

	s2, err := testOpen(t, ctx, dir)
	check(t, err)
	defer s2.Close()
	b := must[model.Body](t)(s2.BodyByAbbrev(ctx, "IT-PLR"))
	if se, err := s2.SessionByNumber(ctx, b.ID, 47); err != nil || se.Place != "Schwerin" {
		t.Fatalf("after restart: %+v, %v", se, err)
	}
}

func TestFailedTransactionLeavesNothing(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	// Recording the same number twice fails on the unique index after the
	// counter row was touched: the whole create must roll back.
	_, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Number: model.DecisionNumber{Year: 2030, Seq: 5}, Votes: []model.Vote{{Member: "HE", Choice: model.VoteYes}}})
	check(t, err)
	_, err = s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Number: model.DecisionNumber{Year: 2030, Seq: 5}})
	if !errors.Is(err, ErrDuplicate) {
		t.Fatalf("duplicate number: %v", err)
	}
	if ds := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{Year: 2030})); len(ds) != 1 {
		t.Errorf("failed create left %d decisions", len(ds))
	}
}

func TestLastHeldSession(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s) // session 47 is running
	must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesApproved}))
	must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Status: model.StatusPlanned}))
	if n := must[int](t)(s.LastHeldSession(ctx, bodyID)); n != 46 {
		t.Errorf("last held = %d, want 46", n)
	}
}

func TestApprovalCommentsAndCorrections(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47 := fixture(t, s) // session 47 is running
	se := must[model.Session](t)(s.Session(ctx, s47))
	check(t, s.SetSessionStatus(ctx, s47, se.Version, model.StatusEnded))
	if _, err := s.CreateComment(ctx, Comment{SessionID: s47, Author: "HE", Text: "zu früh"}); err == nil {
		t.Error("a comment before the draft was accepted")
	}
	se = must[model.Session](t)(s.Session(ctx, s47))
	check(t, s.SetSessionStatus(ctx, s47, se.Version, model.StatusMinutesDraft))
	// A comment of 30,000 characters is refused at its field (it was
	// stored).
	if _, err := s.CreateComment(ctx, Comment{SessionID: s47, Author: "HE", Text: strings.Repeat("Einwand. ", 3400)}); model.FieldOf(err) != "kommentar" || !strings.Contains(model.ReasonOf(err), "zu lang") {
		t.Errorf("a comment of 30,600 characters: %v", err)
	}
	must[int64](t)(s.CreateComment(ctx, Comment{SessionID: s47, Author: "Büro Hessen", Member: "HE", Text: "Bitte TOP 10 ergänzen."}))
	if cs := must[[]Comment](t)(s.Comments(ctx, s47)); len(cs) != 1 || cs[0].Member != "HE" {
		t.Errorf("comments = %+v", cs)
	}
	if _, err := s.CorrectMinutes(ctx, s47, model.NewDate(2025, 12, 1), "Tippfehler", "Text"); err == nil {
		t.Error("a draft cannot be corrected by a version")
	}
	// Approval needs a later, running session.
	if err := s.ApproveMinutes(ctx, s47, 48, "Fassung", stampOf(t, s, s47)); err == nil {
		t.Error("approval by a session that does not exist")
	}
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), Status: model.StatusConvened, AgendaPublished: true}))
	if err := s.ApproveMinutes(ctx, s47, 48, "Fassung", stampOf(t, s, s47)); err == nil {
		t.Error("approval by a session that does not run")
	}
	se48 := must[model.Session](t)(s.Session(ctx, s48))
	check(t, s.SetSessionStatus(ctx, s48, se48.Version, model.StatusRunning))
	// The approval needs its place on the agenda of the 48th session.
	if err := s.ApproveMinutes(ctx, s47, 48, "Fassung", stampOf(t, s, s47)); model.ClassOf(err) != model.ErrRule {
		t.Errorf("approval without the agenda item: %v", err)
	}
	must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Title: "Begrüßung", Points: []string{"Feststellung der Beschlussfähigkeit", "Bestätigung des Protokolls der 47. Sitzung"}}))
	// … and the quorum (a decision of the council).
	if ok, reason, err := s.SaveAttendance(ctx, s48, attending("Bund", "HE")); err != nil || !ok {
		t.Fatalf("quorum: %v %s", err, reason)
	}
	check(t, s.ApproveMinutes(ctx, s47, 48, "Fassung 1", stampOf(t, s, s47)))
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusMinutesApproved || got.ApprovedIn != 48 || got.ApprovedOn != model.NewDate(2025, 11, 20) {
		t.Errorf("after approval: %+v", got)
	}
	if err := s.ApproveMinutes(ctx, s47, 48, "nochmal", stampOf(t, s, s47)); err == nil {
		t.Error("approved twice")
	}
	v := must[int](t)(s.CorrectMinutes(ctx, s47, model.NewDate(2026, 1, 5), "Tippfehler in TOP 10", "Fassung 2"))
	vs := must[[]MinutesVersion](t)(s.MinutesVersions(ctx, s47))
	if v != 2 || len(vs) != 2 || vs[0].Text != "Fassung 1" || vs[1].Note != "Tippfehler in TOP 10" {
		t.Errorf("versions = %+v", vs)
	}
}

// The version changes with every change: at once for this store, soon for
// another process writing to the same database.
func TestVersion(t *testing.T) {
	s, dir := newStore(t)
	v0 := s.Version()
	fixture(t, s)
	v1 := s.Version()
	if v1 == v0 {
		t.Fatal("a change through the store must change its version")
	}
	other, err := testOpen(t, context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.CreateMember(WithActor(context.Background(), "cli"), model.Member{Abbrev: "XX", Name: "Testland", Kind: model.MemberLand}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * PollInterval)
	for s.Version() == v1 {
		if time.Now().After(deadline) {
			t.Fatal("a change by another process never changed the version")
		}
		time.Sleep(PollInterval / 10)
	}
}

// The version moves once for each change of content through the store,
// and not for the store's own background writes: a stored page once moved
// it through SQLite's data_version a moment later, so that everything kept
// per version was read again up to once a second while pages were stored.
func TestVersionIgnoresOwnBackgroundWrites(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fixture(t, s)
	time.Sleep(2 * PollInterval) // whatever the fixture's writes set off
	v := s.Version()
	gen, err := s.PageGeneration(ctx)
	check(t, err)
	s.StorePage(RenderedPage{Key: "k", Gen: gen, Epoch: "e", Day: "d", ETag: "x", Body: []byte("Seite")})
	check(t, s.FlushPages(ctx))
	time.Sleep(2 * PollInterval)
	if got := s.Version(); got != v {
		t.Errorf("a stored page moved the version from %d to %d", v, got)
	}
	if _, err := s.CreateMember(WithActor(ctx, "test"), model.Member{Abbrev: "XX", Name: "Testland", Kind: model.MemberLand}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * PollInterval)
	if got := s.Version(); got != v+1 {
		t.Errorf("one change moved the version from %d to %d, want %d", v, got, v+1)
	}
}

// TestMissingMigrationIsApplied: migrations come in numbered ranges per
// feature, so a database can have a higher number applied than one merged
// later; opening it applies the missing one.
func TestMissingMigrationIsApplied(t *testing.T) {
	ctx := context.Background()
	s, dir := newStore(t)
	_, err := s.db.Exec(`DROP TABLE relevance_feedback`)
	check(t, err)
	_, err = s.db.Exec(`DELETE FROM goose_db_version WHERE version_id = 40`)
	check(t, err)
	check(t, s.Close())
	s2, err := testOpen(t, ctx, dir)
	if err != nil {
		t.Fatalf("reopen with a missing migration: %v", err)
	}
	defer s2.Close()
	var n int
	check(t, s2.db.QueryRow(`SELECT COUNT(*) FROM relevance_feedback`).Scan(&n))
}

// TestItemNumberOnceInASession: a TOP number is given once in a session's
// agenda. Before, two items could both be "TOP 01" and the minutes, the
// live page and the attendance's "ab TOP" named two items alike.
func TestItemNumberOnceInASession(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	_, sessionID := fixture(t, s)
	id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Cloud-Strategie", Goal: model.GoalDecision, Position: 1}))
	second := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "02", Title: "Datenportal", Goal: model.GoalDecision, Position: 2}))
	id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "09", Title: "Abgelehnt", Goal: model.GoalReport, Position: 3, Status: model.ItemDeclined}))
	it := must[model.AgendaItem](t)(s.Item(ctx, second))
	it.Number = "01"
	err := s.UpdateItem(ctx, it)
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "„Cloud-Strategie“") {
		t.Fatalf("a second TOP 01: %v", err)
	}
	if got := must[model.AgendaItem](t)(s.Item(ctx, second)); got.Number != "02" || got.Version != it.Version {
		t.Errorf("the refused number was kept: %+v", got)
	}
	// A declined registration's number is free; so is an unchanged one.
	it.Number = "09"
	check(t, s.UpdateItem(ctx, it))
	it = must[model.AgendaItem](t)(s.Item(ctx, second))
	it.Title = "Föderales Datenportal"
	check(t, s.UpdateItem(ctx, it))
}

// TestDebriefPresenterIsAMember: only the web form checked that a
// debrief's presenter is a member; CreateDebrief, UpdateDebrief and
// SendDebriefInvitation stored "XY" from any other caller. Each refuses
// it now at the entry's field, every unknown presenter at once, and saves
// and queues nothing.
func TestDebriefPresenterIsAMember(t *testing.T) {
	s, _ := newStore(t)
	s.SetClock(func() time.Time { return time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin) }) // the debriefs below lie ahead (model.Debrief.CheckDay)
	ctx := context.Background()
	id := must[int64](t)
	bodyID, sessionID := fixture(t, s)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	id(s.CreateContact(ctx, model.Contact{BodyID: fmk, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}))
	dec := func(seq int) int64 {
		return id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: seq}}))
	}
	first, second := model.DebriefEntry{DecisionID: dec(27), ConferenceID: fmk, Presenter: "XY"}, model.DebriefEntry{DecisionID: dec(28), ConferenceID: fmk, Presenter: "NRW"}
	refused := func(what string, err error) {
		t.Helper()
		errs := model.ErrorsOf(err)
		if len(errs) != 2 {
			t.Fatalf("%s: %v, want both presenters refused", what, err)
		}
		for i, e := range []model.DebriefEntry{first, second} {
			if model.ClassOf(errs[i]) != model.ErrInput || model.FieldOf(errs[i]) != e.PresenterField() || !strings.Contains(model.ReasonOf(errs[i]), "„"+e.Presenter+"“ ist kein Mitglied") {
				t.Errorf("%s: %v", what, errs[i])
			}
		}
	}
	bad := model.Debrief{SessionID: sessionID, HeldOn: model.NewDate(2025, 7, 10), Invitation: "Einladung", Entries: []model.DebriefEntry{first, second}}
	_, err := s.CreateDebrief(ctx, bad)
	refused("create", err)
	_, err = s.SendDebriefInvitation(ctx, bad, "Einladung")
	refused("send with the first save", err)
	if _, err := s.DebriefOfSession(ctx, sessionID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a refused debrief was saved: %v", err)
	}

	good := bad
	good.Entries = []model.DebriefEntry{{DecisionID: first.DecisionID, ConferenceID: fmk, Presenter: "HE"}, {DecisionID: second.DecisionID, ConferenceID: fmk}}
	id(s.CreateDebrief(ctx, good))
	saved := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	changed := saved
	changed.Place, changed.Entries = "geändert", bad.Entries
	refused("update", s.UpdateDebrief(ctx, changed))
	_, err = s.SendDebriefInvitation(ctx, changed, "Einladung")
	refused("send", err)
	if again := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID)); again.Place != "" || again.Sent || again.Version != saved.Version || len(again.Entries) != 2 || again.Entries[0].Presenter != "HE" {
		t.Errorf("a refused change was saved: %+v", again)
	}
	if list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDebriefInvitation}); len(list) != 0 {
		t.Errorf("a refused invitation was queued: %+v", list)
	}
}

// TestProposalNamesEveryApplicantWhoIsNoMember: the store checked a
// proposal's applicants with a loop of its own before model.CheckApplication
// (which does the same) and named only the first that is no member; the
// form and the API name all of them. The store gives the model's reason.
func TestProposalNamesEveryApplicantWhoIsNoMember(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	_, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Vorschlag", Applicants: []string{"NRW", "Bund", "XY"}})
	if model.ClassOf(err) != model.ErrInput || model.ReasonOf(err) != "„NRW“, „XY“ sind keine Mitglieder des IT-Planungsrats." {
		t.Errorf("applicants NRW and XY: %v", err)
	}
}
