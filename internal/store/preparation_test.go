package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// prepFixture is the council with a consent section, its preparatory body,
// the 48th session (planned) and the 40th AL-Runde before it (running, all
// voting members present), with three registrations for the 48th: two
// accepted with proposals of the Bund, one without a proposal.
type prepFixture struct {
	council, prep        int64
	main, al             int64
	consent, section     int64
	itemA, itemB, itemC  int64
	proposalA, proposalB int64
}

func newPrepFixture(t *testing.T, s *Store) prepFixture {
	t.Helper()
	ctx := context.Background()
	id := must[int64](t)
	var f prepFixture
	f.council, _ = lawFixture(t, s)
	f.section = id(s.CreateSection(ctx, model.Section{BodyID: f.council, Name: "Digitale Anwendungen", Position: 1}))
	f.consent = id(s.CreateSection(ctx, model.Section{BodyID: f.council, Name: "Grüne Liste", Position: 2, Consent: true}))
	f.prep = id(s.CreateBody(ctx, model.Body{Kind: model.BodyPreparatory, Abbrev: "AL-Runde", Name: "Abteilungsleiterrunde", DecisionPattern: "BE-{JJJJ}/{NN}-AL",
		Preparation: model.Preparation{PreparesID: f.council, Slug: "al-runde", Internal: true, LeadWeeks: 3, RegistrationDays: 14, DocumentDays: 7}}))
	var err error
	f.main, f.al, err = s.PlanSessionPair(ctx, model.Session{BodyID: f.council, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusPlanned}, nil,
		model.Session{BodyID: f.prep, Number: 40, Date: model.NewDate(2026, 2, 19), Status: model.StatusRunning}, nil)
	check(t, err)
	register := func(title, member string, proposal bool) (int64, int64) {
		var p *model.Decision
		if proposal {
			p = &model.Decision{BodyID: f.council, Kind: model.KindDecision, Scope: model.ScopeAll, Title: title,
				Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt " + title + "."}}, Applicants: []string{"Bund"}}
		}
		item := id(s.RegisterItem(ctx, model.AgendaItem{SessionID: f.main, SectionID: f.section, Title: title, Goal: model.GoalDecision, Status: model.ItemRegistered,
			RegisteredBy: member, Impact: model.Impact{Stated: true}}, p))
		it := must[model.AgendaItem](t)(s.Item(ctx, item))
		it.Status = model.ItemAccepted
		check(t, s.UpdateItem(ctx, it))
		ds := must[[]model.Decision](t)(s.ItemDecisions(ctx, item))
		if len(ds) == 0 {
			return item, 0
		}
		return item, ds[0].ID
	}
	f.itemA, f.proposalA = register("Föderales Datenportal", "HE", true)
	f.itemB, f.proposalB = register("Registermodernisierung", "Bund", true)
	f.itemC, _ = register("Bericht Cloud", "HE", false)
	if ok, reason, err := s.SaveAttendance(ctx, f.al, attending(voters...)); err != nil || !ok {
		t.Fatalf("quorum: %v %s", err, reason)
	}
	return f
}

func TestRecommendationFollowsTheVoteRules(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)

	// Only items of the prepared session; the Grüne Liste only for an
	// adoption; a changed text only with "adopt with changes".
	s47, _ := s.SessionByNumber(ctx, f.council, 47)
	foreign := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47.ID, Title: "in der 47. Sitzung", Status: model.ItemAccepted}))
	if _, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: foreign, Kind: model.RecommendAdopt}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a recommendation on an item of another session: %v", err)
	}
	if _, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendReject, GreenList: true}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("Grüne Liste with 'keine Annahme': %v", err)
	}

	// The Bund abstains, the 16 Länder vote Ja: a Beschluss of the IT-PLR
	// would be rejected, and so is the AL-Runde's recommendation on it (GO
	// § 8a: § 7 Abs. 1–4 apply).
	_, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
	if _, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendDiscuss}); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("a second proposal while the first awaits its vote: %v", err)
	}
	d := must[model.Decision](t)(s.Decision(ctx, draft))
	if d.Kind != model.KindDecision || !d.Internal {
		t.Errorf("the recommendation's proposal: kind %s, internal %v", d.Kind, d.Internal)
	}
	out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, with(votesOf(model.VoteYes, laender...), model.VoteAbstain, "Bund")))
	if out.Tally.Adopted {
		t.Fatal("adopted without the Bund")
	}
	if given := must[map[int64]model.Recommendation](t)(s.GivenRecommendations(ctx, f.main)); len(given) != 0 {
		t.Errorf("a rejected recommendation counts as given: %+v", given)
	}
	// Proposed again and adopted: given, proposed for the Grüne Liste,
	// the box "Beschlussempfehlung (IT-PLR)" of the AL-Runde's item set.
	recA, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
	if out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...))); !out.Tally.Adopted {
		t.Fatalf("not adopted: %s", out.Tally.Reason)
	}
	r := must[model.Recommendation](t)(s.Recommendation(ctx, recA))
	if !r.Given() || r.Consent != model.ConsentProposed || r.Caption() != "Beschlussempfehlung der 40. AL-Runde vom 19.02.2026" {
		t.Errorf("recommendation: %+v (%s)", r, r.Caption())
	}
	alItem := must[model.AgendaItem](t)(s.Item(ctx, r.ItemID))
	if !alItem.Flags.Recommendation || alItem.SessionID != f.al || alItem.Title != "Föderales Datenportal" {
		t.Errorf("the AL-Runde's item: %+v", alItem)
	}
	target := must[model.AgendaItem](t)(s.Item(ctx, f.itemA))
	if target.Consent {
		t.Error("on the Grüne Liste before the secretariat confirmed")
	}

	// Adopt with changes: the IT-PLR proposal gets the changed text, the
	// text before is kept with the recommendation.
	// The text is the one the AL-Runde adopts: worded again in its draft
	// after the proposal (on the live page), the new wording goes to the
	// council's proposal. Before, the text typed with the proposal did.
	typed := []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Registermodernisierung (Fassung A)."}}
	recB, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemB, Kind: model.RecommendAdoptChanged, Points: typed}))
	changed := []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Registermodernisierung in geänderter Fassung."}}
	dd := must[model.Decision](t)(s.Decision(ctx, draft))
	dd.Points[1].Text = changed[0].Text
	check(t, s.UpdateDecision(ctx, dd))
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...)))
	pb := must[model.Decision](t)(s.Decision(ctx, f.proposalB))
	rb := must[model.Recommendation](t)(s.Recommendation(ctx, recB))
	if len(pb.Points) != 1 || pb.Points[0].Text != changed[0].Text || len(rb.OriginalPoints) != 1 || rb.OriginalPoints[0].Text != "Der IT-Planungsrat beschließt Registermodernisierung." {
		t.Errorf("changed text: proposal %+v, kept %+v", pb.Points, rb.OriginalPoints)
	}
	if len(rb.Points) != 1 || rb.Points[0].Text != changed[0].Text {
		t.Errorf("the recommendation keeps the text typed with the proposal: %+v", rb.Points)
	}
	if rb.Consent != model.ConsentNone {
		t.Errorf("not recommended for the Grüne Liste, yet %s", rb.Consent)
	}

	// Members see which of their items still await the AL-Runde (on a
	// day before the 48th session: after it, none waits).
	s.SetClock(func() time.Time { return time.Date(2026, 2, 20, 10, 0, 0, 0, model.Berlin) })
	waiting := awaitingRecommendation(t, s, "HE")
	s.SetClock(time.Now)
	if len(waiting) != 1 || waiting[0].Item.ID != f.itemC || waiting[0].PrepSession != 40 || waiting[0].PrepBody != "AL-Runde" {
		t.Errorf("awaiting for HE: %+v", waiting)
	}

	// The secretariat confirms: on the Grüne Liste, in its section.
	check(t, s.ConfirmGreenList(ctx, recA, r.Version))
	target = must[model.AgendaItem](t)(s.Item(ctx, f.itemA))
	if !target.Consent || target.SectionID != f.consent {
		t.Errorf("after the confirmation: consent %v, section %d", target.Consent, target.SectionID)
	}
	r = must[model.Recommendation](t)(s.Recommendation(ctx, recA))
	if err := s.ConfirmGreenList(ctx, recA, r.Version); model.ClassOf(err) != model.ErrRule {
		t.Errorf("confirmed twice: %v", err)
	}
	if err := s.ConfirmGreenList(ctx, recB, rb.Version); model.ClassOf(err) != model.ErrRule {
		t.Errorf("confirmed without the recommendation for the Grüne Liste: %v", err)
	}
	// An advisory member cannot pull it; Hessen can: treated singly, back
	// in its section.
	if err := s.PullFromGreenList(ctx, recA, "DLT"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("an advisory member pulled: %v", err)
	}
	check(t, s.PullFromGreenList(ctx, recA, "HE"))
	target = must[model.AgendaItem](t)(s.Item(ctx, f.itemA))
	r = must[model.Recommendation](t)(s.Recommendation(ctx, recA))
	if target.Consent || target.SectionID != f.section || r.Consent != model.ConsentPulled || r.PulledBy != "HE" {
		t.Errorf("after pulling: consent %v, section %d, %s by %s", target.Consent, target.SectionID, r.Consent, r.PulledBy)
	}
	if err := s.PullFromGreenList(ctx, recA, "BY"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("pulled twice: %v", err)
	}
}

func TestPreparatoryContentIsInternal(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	al := must[model.Session](t)(s.Session(ctx, f.al))
	main := must[model.Session](t)(s.Session(ctx, f.main))
	if !al.Internal || al.Title() != "40. AL-Runde" || al.Path() != "/gremien/al-runde/sitzungen/40" {
		t.Errorf("AL session: internal %v, %q, %q", al.Internal, al.Title(), al.Path())
	}
	if main.Internal || main.Title() != "48. Sitzung" || main.Path() != "/sitzungen/48" {
		t.Errorf("IT-PLR session: internal %v, %q, %q", main.Internal, main.Title(), main.Path())
	}
	al.Status, al.AgendaPublished = model.StatusMinutesApproved, true
	if al.AgendaPublic() || al.MinutesPublic() || model.Public.SeesSession(al) {
		t.Error("the gate shows an AL-Runde session to the public")
	}
	if p := must[model.Session](t)(s.PreparedSession(ctx, f.al)); p.ID != f.main {
		t.Errorf("prepared session %d, want %d", p.ID, f.main)
	}
	if p := must[model.Session](t)(s.PreparingSession(ctx, f.main)); p.ID != f.al {
		t.Errorf("preparing session %d, want %d", p.ID, f.al)
	}
	// The pair is planned in one transaction: a clash of numbers leaves
	// neither session behind.
	before := must[[]model.Session](t)(s.Sessions(ctx, f.council))
	_, _, err := s.PlanSessionPair(ctx, model.Session{BodyID: f.council, Number: 49, Status: model.StatusPlanned}, nil,
		model.Session{BodyID: f.prep, Number: 40, Status: model.StatusPlanned}, nil)
	if !errors.Is(err, ErrDuplicate) {
		t.Errorf("planning a second 40th AL-Runde: %v", err)
	}
	if after := must[[]model.Session](t)(s.Sessions(ctx, f.council)); len(after) != len(before) {
		t.Errorf("the 49th session was left behind: %d sessions, had %d", len(after), len(before))
	}
}

// TestPreparationOperationsAreOneTransaction fails the last step of each
// operation of the two-stage cycle and finds nothing of it left behind.
func TestPreparationOperationsAreOneTransaction(t *testing.T) {
	ctx := context.Background()
	changed := []model.Point{{Label: "1.", Text: "Geänderter Text."}}
	cases := []struct {
		name, kind, table string
		setup             func(t *testing.T, s *Store, f prepFixture) int64
		op                func(s *Store, f prepFixture, arg int64) error
	}{
		{"proposing a recommendation", "INSERT", "recommendations", nil,
			func(s *Store, f prepFixture, _ int64) error {
				_, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true})
				return err
			}},
		{"the count that gives a recommendation", "UPDATE", "recommendations",
			func(t *testing.T, s *Store, f prepFixture) int64 {
				_, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemB,
					Kind: model.RecommendAdoptChanged, GreenList: true, Points: changed}))
				return draft
			},
			func(s *Store, f prepFixture, draft int64) error {
				_, err := s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...))
				return err
			}},
		{"confirming the Grüne Liste", "UPDATE", "recommendations",
			func(t *testing.T, s *Store, f prepFixture) int64 {
				rec, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
				must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...)))
				return rec
			},
			func(s *Store, f prepFixture, rec int64) error {
				r, err := s.Recommendation(ctx, rec)
				if err != nil {
					return err
				}
				return s.ConfirmGreenList(ctx, rec, r.Version)
			}},
		{"planning both sessions", "UPDATE", "sessions", nil,
			func(s *Store, f prepFixture, _ int64) error {
				_, _, err := s.PlanSessionPair(ctx, model.Session{BodyID: f.council, Number: 49, Status: model.StatusPlanned}, nil,
					model.Session{BodyID: f.prep, Number: 41, Status: model.StatusPlanned}, nil)
				return err
			}},
	}
	dump := func(t *testing.T, s *Store) string {
		t.Helper()
		var out string
		check(t, s.db.QueryRow(`SELECT (SELECT COUNT(*) FROM sessions) || '/' || (SELECT COUNT(*) FROM agenda_items) || '/' || (SELECT COUNT(*) FROM decisions)
			|| '/' || (SELECT COUNT(*) FROM recommendations) || '/' || (SELECT COUNT(*) FROM audit_log) || '/' ||
			(SELECT `+concatRows(s, "status || points")+` FROM decisions) || '/' || (SELECT `+concatRows(s, "consent || ',' || flag_recommendation || ',' || COALESCE(section_id, 0)")+` FROM agenda_items)
			|| '/' || COALESCE((SELECT `+concatRows(s, "consent_state || original_points")+` FROM recommendations), '')`).Scan(&out))
		return out
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newStore(t)
			f := newPrepFixture(t, s)
			var arg int64
			if c.setup != nil {
				arg = c.setup(t, s, f)
			}
			before := dump(t, s)
			failOn(t, s, c.kind, c.table)
			err := c.op(s, f, arg)
			if err == nil {
				t.Fatal("the operation succeeded although its last step failed")
			}
			if model.ClassOf(err) != model.ErrInternal {
				t.Errorf("class %v, want internal: %v", model.ClassOf(err), err)
			}
			if after := dump(t, s); after != before {
				t.Errorf("the failed operation left changes behind:\n%s\n%s", before, after)
			}
		})
	}
}

// TestRecommendationInWrittenProcedure: the AL-Runde decides a
// recommendation between its sessions in written procedure (GO § 8a with
// § 8), under the same rules; given when the procedure adopts it.
func TestRecommendationInWrittenProcedure(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	// Before the 48th session (12.03.2026): its procedure ends before it.
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	deadline := now.Add(48 * time.Hour)
	if _, _, err := s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.council, TargetItemID: f.itemA, Kind: model.RecommendAdopt}, deadline); model.ClassOf(err) != model.ErrRule {
		t.Errorf("the council recommends to itself: %v", err)
	}
	// A deadline at the session's start (or after) is refused: the
	// recommendation would come while the session deliberates. Before, it
	// was taken, and an "Annahme mit Änderungen" changed the proposal's
	// text during the session.
	for _, late := range []time.Time{time.Date(2026, 3, 12, 0, 0, 0, 0, model.Berlin), time.Date(2026, 3, 13, 12, 0, 0, 0, model.Berlin)} {
		if _, _, err := s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: f.itemA, Kind: model.RecommendAdopt}, late); model.ClassOf(err) != model.ErrRule {
			t.Errorf("a deadline %s, the session on 12.03.2026: %v", late, err)
		}
	}
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventProcedureResult)
	rec, proc := must2[int64, int64](t)(s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}, deadline))
	if _, _, err := s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: f.itemA, Kind: model.RecommendDiscuss}, deadline); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("a second procedure on the same item: %v", err)
	}
	for _, m := range voters {
		check(t, s.CastVote(ctx, proc, m, model.VoteYes))
	}
	if _, err := s.EndProcedureEarly(ctx, proc); err != nil {
		t.Fatal(err)
	}
	r := must[model.Recommendation](t)(s.Recommendation(ctx, rec))
	if !r.Given() || r.Consent != model.ConsentProposed || r.Caption() != "Beschlussempfehlung der AL-Runde im Umlaufverfahren vom 02.03.2026" {
		t.Errorf("recommendation by written procedure: %+v (%s)", r, r.Caption())
	}
	if given := must[map[int64]model.Recommendation](t)(s.GivenRecommendations(ctx, f.main)); given[f.itemA].ID != rec {
		t.Errorf("not among the given recommendations: %+v", given)
	}
	// The member offices hear the result; the AL-Runde's recommendation
	// has no page in the register, so the link is the procedure's (it
	// was the register's address, a 404). It is named as the
	// recommendation it is (it said "Der Beschluss BE-2026/01-AL ist
	// gefasst.").
	list, _, err := s.Notifications(ctx, OutboxFilter{Event: model.EventProcedureResult})
	check(t, err)
	if len(list) != 1 || list[0].Link != fmt.Sprintf("/umlaufverfahren/%d", proc) || !strings.Contains(list[0].Subject, "Umlaufverfahren (AL-Runde) abgeschlossen") ||
		!strings.Contains(list[0].Subject, "– Beschlussempfehlung BE-2026/01-AL ausgesprochen") || !strings.Contains(list[0].Body, "Die Beschlussempfehlung BE-2026/01-AL ist ausgesprochen.") {
		t.Errorf("the result of the AL-Runde's procedure: %+v", list)
	}
}

// TestRecommendationOnlyOnAcceptedItems: a registration not yet accepted
// (or declined) gets no recommendation, in a session or in written
// procedure, and nothing is left behind: a recommendation copies its title
// onto the AL-Runde's agenda or into a procedure every member reads, while
// the registration is the registering member's and the secretariat's
// (model.Audience.SeesItem). Before, both took the pending registration.
func TestRecommendationOnlyOnAcceptedItems(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	pending := must[int64](t)(s.RegisterItem(ctx, model.AgendaItem{SessionID: f.main, SectionID: f.section, Title: "Noch nicht angenommen", Goal: model.GoalDecision,
		Status: model.ItemRegistered, RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil))
	items := len(must[[]model.AgendaItem](t)(s.Items(ctx, f.al)))
	procs := len(must[[]model.WrittenProcedure](t)(s.Procedures(ctx)))
	if _, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: pending, Kind: model.RecommendDiscuss}); model.ClassOf(err) != model.ErrRule ||
		!strings.Contains(model.ReasonOf(err), "noch nicht angenommen") {
		t.Errorf("a recommendation in the session on a pending registration: %v", err)
	}
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, model.Berlin) // before the 48th session
	s.SetClock(func() time.Time { return now })
	if _, _, err := s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: pending, Kind: model.RecommendDiscuss},
		now.Add(48*time.Hour)); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "noch nicht angenommen") {
		t.Errorf("a recommendation in written procedure on a pending registration: %v", err)
	}
	if n := len(must[[]model.AgendaItem](t)(s.Items(ctx, f.al))); n != items {
		t.Errorf("the AL-Runde has %d items, had %d", n, items)
	}
	if n := len(must[[]model.WrittenProcedure](t)(s.Procedures(ctx))); n != procs {
		t.Errorf("%d procedures, were %d", n, procs)
	}
	if recs := must[[]model.Recommendation](t)(s.Recommendations(ctx, RecommendationFilter{TargetSessionID: f.main})); len(recs) != 0 {
		t.Errorf("recommendations left behind: %+v", recs)
	}
}

// TestPairStaysInOrder: an AL-Runde and the session it prepares keep their
// order when either is moved (EditSession), as when they were planned:
// the AL-Runde before. Before, moving the AL-Runde after its IT-PLR session
// (or the session before its AL-Runde) was taken, and the AL-Runde then
// recommended on a session already held; and a recommendation in the
// AL-Runde's session was taken for a session running or held.
func TestPairStaysInOrder(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	main := must[model.Session](t)(s.Session(ctx, f.main))
	planned := must[int64](t)(s.PlanPreparatorySession(ctx, must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: f.council, Number: 49,
		Date: model.NewDate(2026, 6, 18), Status: model.StatusPlanned})), model.Session{BodyID: f.prep, Number: 41, Date: model.NewDate(2026, 5, 28), Status: model.StatusPlanned}, nil))
	al := must[model.Session](t)(s.Session(ctx, planned))
	s49 := must[model.Session](t)(s.PreparedSession(ctx, planned))
	// A second AL-Runde for the same session names the first as the
	// AL-Runde it is (before: "der 41. Sitzung des vorbereitenden Gremiums").
	_, err := s.PlanPreparatorySession(ctx, s49.ID, model.Session{BodyID: f.prep, Number: 42, Date: model.NewDate(2026, 6, 4), Status: model.StatusPlanned}, nil)
	if want := "Die 49. Sitzung wird schon von der 41. Sitzung der AL-Runde vorbereitet."; model.ReasonOf(err) != want {
		t.Errorf("a second AL-Runde for the 49th session: %v, want %q", err, want)
	}
	for _, c := range []struct {
		name string
		se   model.Session
		date model.Date
	}{
		{"the AL-Runde after its session", al, model.NewDate(2026, 6, 18)},
		{"the AL-Runde later still", al, model.NewDate(2026, 7, 2)},
		{"the session on its AL-Runde's day", s49, model.NewDate(2026, 5, 28)},
		{"the session before its AL-Runde", s49, model.NewDate(2026, 5, 21)},
	} {
		err := s.EditSession(ctx, SessionChange{ID: c.se.ID, Version: c.se.Version, Date: c.date, Place: c.se.Place, Kind: c.se.Kind, Reason: "Terminkollision"})
		if model.ClassOf(err) != model.ErrRule {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// Within the order both move; the 48th session (its AL-Runde running)
	// too.
	check(t, s.EditSession(ctx, SessionChange{ID: al.ID, Version: al.Version, Date: model.NewDate(2026, 6, 4), Place: al.Place, Kind: al.Kind, Reason: "Terminkollision"}))
	check(t, s.EditSession(ctx, SessionChange{ID: s49.ID, Version: s49.Version, Date: model.NewDate(2026, 6, 5), Place: s49.Place, Kind: s49.Kind, Reason: "Terminkollision"}))
	check(t, s.EditSession(ctx, SessionChange{ID: main.ID, Version: main.Version, Date: model.NewDate(2026, 3, 19), Place: main.Place, Kind: main.Kind, Reason: "Terminkollision"}))
	// Once the prepared session runs, its AL-Runde recommends no more, in
	// the session as in written procedure (which refused it already).
	publishAgendaForTest(t, s, f.main)
	main = must[model.Session](t)(s.Session(ctx, f.main))
	check(t, s.SetSessionStatus(ctx, main.ID, main.Version, model.StatusConvened))
	main = must[model.Session](t)(s.Session(ctx, f.main))
	check(t, s.SetSessionStatus(ctx, main.ID, main.Version, model.StatusRunning))
	if _, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemC, Kind: model.RecommendDiscuss}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a recommendation on a running session: %v", err)
	}
}

// TestNoRecommendationOnDeferredItem: an item deferred to a later session
// is no longer treated in the prepared one, so the AL-Runde recommends on
// it no more, in its session or in written procedure: the recommendation
// would stand on the original, which the session does not deliberate
// (found when the branches of the Vertagung and the AL-Runde met).
func TestNoRecommendationOnDeferredItem(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: f.council, Number: 49, Date: model.NewDate(2026, 6, 18), Status: model.StatusPlanned}))
	it := must[model.AgendaItem](t)(s.Item(ctx, f.itemC))
	if _, _, err := s.DeferItem(ctx, Deferral{ItemID: it.ID, Version: it.Version, Target: 49}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemC, Kind: model.RecommendDiscuss}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a recommendation in the session on a deferred item: %v", err)
	}
	if _, _, err := s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: f.itemC, Kind: model.RecommendDiscuss},
		time.Now().Add(48*time.Hour)); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a recommendation in written procedure on a deferred item: %v", err)
	}
}

// TestRecommendationFollowsTheProposal: in a session and in written
// procedure alike (recommendationBasis), the draft of a recommendation
// takes the kind and applicants of the prepared item's proposal and
// targets it; without a proposal it is an Empfehlung (in written procedure
// applied for by the Bund, as a procedure's proposal must be), and an
// "Annahme mit Änderungen" is refused at the text: there is no text to
// change.
func TestRecommendationFollowsTheProposal(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	deadline := now.Add(48 * time.Hour)
	changed := []model.Point{{Label: "1.", Text: "Geänderter Text."}}
	// A second accepted item without a proposal, for the written procedure
	// (an item takes one recommendation).
	itemD := must[int64](t)(s.RegisterItem(ctx, model.AgendaItem{SessionID: f.main, SectionID: f.section, Title: "Bericht Netze", Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil))
	it := must[model.AgendaItem](t)(s.Item(ctx, itemD))
	it.Status = model.ItemAccepted
	check(t, s.UpdateItem(ctx, it))
	draftOf := func(t *testing.T, recID, draftID int64) (model.Recommendation, model.Decision) {
		t.Helper()
		return must[model.Recommendation](t)(s.Recommendation(ctx, recID)), must[model.Decision](t)(s.Decision(ctx, draftID))
	}
	t.Run("session", func(t *testing.T) {
		if _, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemC, Kind: model.RecommendAdoptChanged, Points: changed}); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "text" {
			t.Errorf("a changed text without a proposal: %v (at %q)", err, model.FieldOf(err))
		}
		recID, draftID := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdoptChanged, Points: changed}))
		rec, draft := draftOf(t, recID, draftID)
		if rec.TargetDecisionID != f.proposalA || draft.Kind != model.KindDecision || !slices.Equal(draft.Applicants, []string{"Bund"}) {
			t.Errorf("on the proposal: target %d (want %d), draft %s by %v", rec.TargetDecisionID, f.proposalA, draft.Kind, draft.Applicants)
		}
		if len(draft.Points) != 2 || draft.Points[1].Label != "1." || draft.Points[1].Text != "Geänderter Text." || !strings.HasSuffix(draft.Points[0].Text, "Der geänderte Beschlusstext lautet:") {
			t.Errorf("the changed text is not a point of the draft: %+v", draft.Points)
		}
		recID, draftID = must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemC, Kind: model.RecommendDiscuss}))
		rec, draft = draftOf(t, recID, draftID)
		if rec.TargetDecisionID != 0 || draft.Kind != model.KindRecommendation || len(draft.Applicants) != 0 {
			t.Errorf("without a proposal: target %d, draft %s by %v", rec.TargetDecisionID, draft.Kind, draft.Applicants)
		}
	})
	t.Run("written procedure", func(t *testing.T) {
		if _, _, err := s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: itemD, Kind: model.RecommendAdoptChanged, Points: changed}, deadline); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "text" {
			t.Errorf("a changed text without a proposal: %v (at %q)", err, model.FieldOf(err))
		}
		recID, procID := must2[int64, int64](t)(s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: itemD, Kind: model.RecommendDiscuss}, deadline))
		rec, draft := draftOf(t, recID, must[model.WrittenProcedure](t)(s.Procedure(ctx, procID)).DecisionID)
		if rec.TargetDecisionID != 0 || draft.Kind != model.KindRecommendation || !slices.Equal(draft.Applicants, []string{"Bund"}) {
			t.Errorf("without a proposal: target %d, draft %s by %v", rec.TargetDecisionID, draft.Kind, draft.Applicants)
		}
		recID, procID = must2[int64, int64](t)(s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: f.itemB, Kind: model.RecommendAdopt}, deadline))
		rec, draft = draftOf(t, recID, must[model.WrittenProcedure](t)(s.Procedure(ctx, procID)).DecisionID)
		if rec.TargetDecisionID != f.proposalB || draft.Kind != model.KindDecision || !slices.Equal(draft.Applicants, []string{"Bund"}) {
			t.Errorf("on the proposal: target %d (want %d), draft %s by %v", rec.TargetDecisionID, f.proposalB, draft.Kind, draft.Applicants)
		}
	})
}

// TestDocumentDaysRaiseSequence: the AL-Runde's document deadline
// (Unterlagenfrist) follows its DocumentDays, and its calendar event
// carries the deadlines' SEQUENCE (ical.DocumentDeadlineEvent,
// model.SessionSchedule.DeadlineSequence): a changed setting raises it for
// the sessions not yet held, so subscribed calendars move the deadline; a
// change of anything else raises nothing, nor does it touch a session
// held. Before, the deadline moved in the feed with the same SEQUENCE, and
// calendars kept the old day. The session's own SEQUENCE stays: its event
// did not change (before, the setting raised it).
func TestDocumentDaysRaiseSequence(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	council, _ := lawFixture(t, s)
	prep := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyPreparatory, Abbrev: "AL-Runde", Name: "Abteilungsleiterrunde", DecisionPattern: "BE-{JJJJ}/{NN}-AL",
		Preparation: model.Preparation{PreparesID: council, Slug: "al-runde", Internal: true, LeadWeeks: 3, RegistrationDays: 14, DocumentDays: 7}}))
	planned := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: prep, Number: 41, Date: model.NewDate(2026, 5, 28), Status: model.StatusPlanned}))
	held := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: prep, Number: 40, Date: model.NewDate(2026, 2, 19), Status: model.StatusEnded}))
	sequences := func() (int, int) {
		return must[model.Session](t)(s.Session(ctx, planned)).Schedule.DeadlineSequence(), must[model.Session](t)(s.Session(ctx, held)).Schedule.DeadlineSequence()
	}
	p0, h0 := sequences()
	b := must[model.Body](t)(s.Body(ctx, prep))
	b.Notes = "nur eine Notiz"
	check(t, s.UpdateBody(ctx, b))
	if p, h := sequences(); p != p0 || h != h0 {
		t.Errorf("a note raised the SEQUENCE: planned %d→%d, held %d→%d", p0, p, h0, h)
	}
	b = must[model.Body](t)(s.Body(ctx, prep))
	b.Preparation.DocumentDays = 10
	check(t, s.UpdateBody(ctx, b))
	if p, h := sequences(); p != p0+1 || h != h0 {
		t.Errorf("after DocumentDays 7→10: planned SEQUENCE %d→%d (want %d), held %d→%d (want unchanged)", p0, p, p0+1, h0, h)
	}
	if se := must[model.Session](t)(s.Session(ctx, planned)); se.Schedule.Sequence != 0 {
		t.Errorf("after DocumentDays 7→10: the session's own SEQUENCE is %d, want 0", se.Schedule.Sequence)
	}
}

// TestAwaitingRecommendationEndsWithTheAgenda: "Anmeldungen vor der
// AL-Runde" listed an accepted registration as waiting for the AL-Runde's
// recommendation ("noch nicht geplant") after the agenda was published,
// while the member's registrations said "auf der Tagesordnung"; a
// registration no longer waits once its session's agenda is published or
// its session's day has passed.
func TestAwaitingRecommendationEndsWithTheAgenda(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2026, 2, 1, 10, 0, 0, 0, model.Berlin) })
	ids := func() []int64 {
		var out []int64
		for _, a := range awaitingRecommendation(t, s, "HE") {
			out = append(out, a.Item.ID)
		}
		return out
	}
	if got := ids(); !slices.Equal(got, []int64{f.itemA, f.itemC}) {
		t.Fatalf("before publication: %v, want %v", got, []int64{f.itemA, f.itemC})
	}
	se := must[model.Session](t)(s.Session(ctx, f.main))
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	if got := ids(); len(got) != 0 {
		t.Errorf("after publication: %v still await the AL-Runde", got)
	}
	se = must[model.Session](t)(s.Session(ctx, f.main))
	se.AgendaPublished = false
	check(t, s.UpdateSession(ctx, se))
	s.SetClock(func() time.Time { return time.Date(2026, 3, 13, 10, 0, 0, 0, model.Berlin) })
	if got := ids(); len(got) != 0 {
		t.Errorf("after the session's day: %v still await the AL-Runde", got)
	}
}

// TestRecommendationNamesTheBodiesInTheirCase: the proposal's text names
// the preparatory body with the article of its name and the prepared body
// in the dative, in a session and in written procedure. Before, it wrote
// "Die " before the abbreviation and "dem IT-Planungsrat" whatever the
// bodies were: a preparatory body named "Koordinierungsausschuss" read
// "Die KoA empfiehlt".
func TestRecommendationNamesTheBodiesInTheirCase(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	first := func(decisionID int64) string {
		t.Helper()
		d := must[model.Decision](t)(s.Decision(ctx, decisionID))
		if len(d.Points) == 0 {
			t.Fatalf("proposal %d without points", decisionID)
		}
		return d.Points[0].Text
	}
	_, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt}))
	if got, want := first(draft), "Die AL-Runde empfiehlt dem IT-Planungsrat zu „Föderales Datenportal“: "; !strings.HasPrefix(got, want) {
		t.Errorf("AL-Runde: %q, want it to begin %q", got, want)
	}
	prep := must[model.Body](t)(s.Body(ctx, f.prep))
	prep.Abbrev, prep.Name = "KoA", "Koordinierungsausschuss"
	check(t, s.UpdateBody(ctx, prep))
	council := must[model.Body](t)(s.Body(ctx, f.council))
	council.Name = "Kooperationsgremium"
	check(t, s.UpdateBody(ctx, council))
	_, draft = must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemB, Kind: model.RecommendAdopt}))
	if got, want := first(draft), "Der KoA empfiehlt dem Kooperationsgremium zu „Registermodernisierung“: "; !strings.HasPrefix(got, want) {
		t.Errorf("a masculine preparatory body: %q, want it to begin %q", got, want)
	}
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	_, proc := must2[int64, int64](t)(s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: f.itemC, Kind: model.RecommendDiscuss}, now.Add(48*time.Hour)))
	p := must[model.WrittenProcedure](t)(s.Procedure(ctx, proc))
	if got, want := first(p.DecisionID), "Der KoA empfiehlt dem Kooperationsgremium zu „Bericht Cloud“ (48. Sitzung): "; !strings.HasPrefix(got, want) {
		t.Errorf("in written procedure: %q, want it to begin %q", got, want)
	}
	// The reasons name it so too.
	if _, _, err := s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.council, TargetItemID: f.itemA, Kind: model.RecommendAdopt}, now.Add(48*time.Hour)); err == nil || !strings.Contains(err.Error(), "Das IT-PLR gibt keine Empfehlungen") {
		t.Errorf("the council recommends to itself: %v", err)
	}
}

// TestAttendanceKeepsTheCountedVotes: once a count records a member's
// vote at an item, the attendance list cannot make that member absent
// there — not absent, not arriving later, not leaving before; represented
// is fine. Each reason is at the member's line, names the member as the
// pages do ("Hessen", not "HE" — the refusal read "HE ist bei der
// Abstimmung zu …"), and the list stored before stays. Before, the list
// was saved, and the minutes said "Hessen: abwesend" beside Hessen's "Ja"
// in the decision.
func TestAttendanceKeepsTheCountedVotes(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	_, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt}))
	if out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...))); !out.Tally.Adopted {
		t.Fatalf("not adopted: %s", out.Tally.Reason)
	}
	d := must[model.Decision](t)(s.Decision(ctx, draft))
	later := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: f.al, Title: "Verschiedenes", Status: model.ItemAccepted, Position: 99}))
	with := func(change func(*model.Attendance)) []model.Attendance {
		list := attending(voters...)
		for i := range list {
			if list[i].Member == "HE" {
				change(&list[i])
			}
		}
		return list
	}
	for name, list := range map[string][]model.Attendance{
		"absent":        with(func(a *model.Attendance) { a.Presence = model.Absent }),
		"arriving late": with(func(a *model.Attendance) { a.FromItemID = later }),
	} {
		_, _, err := s.SaveAttendance(ctx, f.al, list)
		reason := model.ReasonOf(err)
		if model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "anwesenheit_HE" || !strings.HasPrefix(reason, "Hessen ist bei der Abstimmung zu") ||
			!strings.Contains(reason, "die Anwesenheitsliste muss Hessen dort als anwesend oder vertreten führen") || slices.Contains(strings.Fields(reason), "HE") {
			t.Errorf("%s: %v (at %q)", name, err, model.FieldOf(err))
		}
	}
	if got := must[[]model.Attendance](t)(s.Attendance(ctx, f.al)); len(got) != len(voters) {
		t.Errorf("the list stored before is gone: %d lines", len(got))
	}
	rep := with(func(a *model.Attendance) { a.Presence, a.Person = model.Represented, "Staatssekretärin Hessen" })
	if _, _, err := s.SaveAttendance(ctx, f.al, rep); err != nil {
		t.Errorf("represented at the count: %v", err)
	}
	leaving := with(func(a *model.Attendance) { a.UntilItemID = d.ItemID })
	if _, _, err := s.SaveAttendance(ctx, f.al, leaving); err != nil {
		t.Errorf("leaving after the count: %v", err)
	}
}

// TestRegistrationDeadlineFollowsTheAlRunde: when the AL-Runde moves, the
// registration deadline of the session it prepares moves with it (its
// RegistrationDays before the AL-Runde) as long as it stood where the
// schedule put it, with its event's calendar SEQUENCE (the deadlines',
// model.SessionSchedule.DeadlineSequence; the session's own stays, its
// public event did not change); a deadline the secretariat set on another
// day stays. Before, the deadline stayed after the moved AL-Runde.
func TestRegistrationDeadlineFollowsTheAlRunde(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	mainID, alID, err := s.PlanSessionPair(ctx, model.Session{BodyID: f.council, Number: 49, Date: model.NewDate(2026, 6, 18), Status: model.StatusPlanned, RegistrationDeadline: model.NewDate(2026, 5, 14)}, nil,
		model.Session{BodyID: f.prep, Number: 41, Date: model.NewDate(2026, 5, 28), Status: model.StatusPlanned}, nil)
	check(t, err)
	main := must[model.Session](t)(s.Session(ctx, mainID))
	if main.RegistrationDeadline != model.NewDate(2026, 5, 14) {
		t.Fatalf("planned deadline %s, want 14.05.2026", main.RegistrationDeadline.German())
	}
	al := must[model.Session](t)(s.Session(ctx, alID))
	check(t, s.EditSession(ctx, SessionChange{ID: al.ID, Version: al.Version, Date: model.NewDate(2026, 5, 21), Place: al.Place, Kind: al.Kind, Reason: "Terminkollision"}))
	moved := must[model.Session](t)(s.Session(ctx, mainID))
	if moved.RegistrationDeadline != model.NewDate(2026, 5, 7) || moved.Schedule.DeadlineSequence() <= main.Schedule.DeadlineSequence() ||
		moved.Schedule.Sequence != main.Schedule.Sequence {
		t.Errorf("after the AL-Runde moved a week earlier: deadline %s (want 07.05.2026), deadline sequence %d (was %d), session sequence %d (was %d)",
			moved.RegistrationDeadline.German(), moved.Schedule.DeadlineSequence(), main.Schedule.DeadlineSequence(), moved.Schedule.Sequence, main.Schedule.Sequence)
	}
	// Set by the secretariat on another day: it stays.
	check(t, s.EditSession(ctx, SessionChange{ID: moved.ID, Version: moved.Version, Date: moved.Date, Place: moved.Place, Kind: moved.Kind, RegistrationDeadline: model.NewDate(2026, 5, 1)}))
	al = must[model.Session](t)(s.Session(ctx, alID))
	check(t, s.EditSession(ctx, SessionChange{ID: al.ID, Version: al.Version, Date: model.NewDate(2026, 5, 28), Place: al.Place, Kind: al.Kind, Reason: "zurück"}))
	if got := must[model.Session](t)(s.Session(ctx, mainID)).RegistrationDeadline; got != model.NewDate(2026, 5, 1) {
		t.Errorf("a deadline set on another day moved to %s", got.German())
	}
}

// TestRecommendationInWrittenProcedureGivesTheChangedText: an "Annahme
// mit Änderungen" the AL-Runde adopts in written procedure gives the
// council's proposal the changed text the members voted on — its points
// with their numbers, the text before kept with the recommendation — as
// the count in a session does (TestRecommendationFollowsTheVoteRules).
// The text voted on cannot change while the procedure runs: an edit of
// its proposal is refused, as during a vote in session. Before, the
// store took the edit, the votes cast stayed, and the council's proposal
// got a text no member had voted on.
func TestRecommendationInWrittenProcedureGivesTheChangedText(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	changed := []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Registermodernisierung in geänderter Fassung."},
		{Label: "2.", Text: "Die FITKO berichtet zur 49. Sitzung."}}
	rec, proc := must2[int64, int64](t)(s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: f.itemB,
		Kind: model.RecommendAdoptChanged, Points: changed}, now.Add(48*time.Hour)))
	p := must[model.WrittenProcedure](t)(s.Procedure(ctx, proc))
	check(t, s.CastVote(ctx, proc, "HE", model.VoteYes))
	draft := must[model.Decision](t)(s.Decision(ctx, p.DecisionID))
	if len(draft.Points) != 3 || !strings.HasSuffix(draft.Points[0].Text, "Der geänderte Beschlusstext lautet:") || draft.Points[2].Text != changed[1].Text {
		t.Fatalf("the procedure's proposal: %+v", draft.Points)
	}
	edited := draft
	edited.Points = append(slices.Clone(draft.Points[:1]), model.Point{Label: "1.", Text: "Der IT-Planungsrat beschließt eine andere Fassung."})
	if err := s.UpdateDecision(ctx, edited); model.ClassOf(err) != model.ErrRule {
		t.Errorf("the proposal of a running written procedure was changed: %v", err)
	}
	for _, m := range voters {
		check(t, s.CastVote(ctx, proc, m, model.VoteYes))
	}
	if _, err := s.EndProcedureEarly(ctx, proc); err != nil {
		t.Fatal(err)
	}
	if d := must[model.Decision](t)(s.Decision(ctx, p.DecisionID)); d.Status != model.DecisionAdopted {
		t.Fatalf("the recommendation's proposal: %s", d.Status)
	}
	pb := must[model.Decision](t)(s.Decision(ctx, f.proposalB))
	if !slices.Equal(pb.Points, changed) {
		t.Errorf("the council's proposal: %+v, want the changed text %+v", pb.Points, changed)
	}
	r := must[model.Recommendation](t)(s.Recommendation(ctx, rec))
	if !r.Given() || !slices.Equal(r.Points, changed) || len(r.OriginalPoints) != 1 || r.OriginalPoints[0].Text != "Der IT-Planungsrat beschließt Registermodernisierung." {
		t.Errorf("the recommendation: given %v, points %+v, kept %+v", r.Given(), r.Points, r.OriginalPoints)
	}
	if !strings.HasPrefix(r.Caption(), "Beschlussempfehlung der AL-Runde im Umlaufverfahren vom 02.03.2026") {
		t.Errorf("caption %q", r.Caption())
	}
}

// awaitingRecommendation gives the member's registrations that still
// await the preparatory body's recommendation, as "Mein Bereich" reads
// them (PreparedRegistrations, Awaits).
func awaitingRecommendation(t *testing.T, s *Store, member string) []PreparedRegistration {
	t.Helper()
	var out []PreparedRegistration
	for _, p := range must[[]PreparedRegistration](t)(s.PreparedRegistrations(context.Background(), member)) {
		if p.Awaits() {
			out = append(out, p)
		}
	}
	return out
}
