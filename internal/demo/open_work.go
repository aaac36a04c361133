package demo

// The open work of the served demo: what waits for its users on the day
// it is loaded, beside the next session (LoadNextSession). Without it the
// member offices had no written procedure to vote in, the spokespersons
// and FachMK secretariats no evaluation round to answer, and the debrief
// of the 47th session — long past — was never assembled, so the
// spokesperson's link to it led to nothing. Like the next session it is
// counted from the store's today; the tests' fixture (demotest) does not
// load it. Everything goes through the store's operations as the
// secretariat's and the member offices' forms call them, so every rule of
// the product holds. The texts are examples of the demo.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// openProcedureTitle is the title of the demo's open written procedure:
// the project planning of the Unternehmenskonto that Hessen's protocol
// note on the 47th session asks for "spätestens zur 48. Sitzung".
const openProcedureTitle = "Unternehmenskonto – Projektplanung mit Meilensteinen und Budget"

// openProcedure is the proposal of the demo's open written procedure,
// applied for by the Länder that lead the Unternehmenskonto (Bayern,
// Bremen) and Thüringen, a member of its steering committee.
var openProcedure = model.Decision{Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Title: openProcedureTitle,
	Applicants: []string{"BY", "HB", "TH"},
	Points: []model.Point{
		{Label: "1.", Text: "Der IT-Planungsrat nimmt die von der Projektleitung (Bayern, Bremen) vorgelegte Projektplanung für das Unternehmenskonto mit Meilensteinen und Budget für die Jahre 2026 und 2027 zur Kenntnis (Beispieltext der Demo)."},
		{Label: "2.", Text: "Er bittet die FITKO, in jeder ordentlichen Sitzung über den Stand der Meilensteine und die Verwendung des Produktbudgets zu berichten."},
	}}

// openProcedureVotes are the votes already cast in the open written
// procedure: the applicants Bayern and Bremen; Hessen, the other members
// and the Bund have not voted yet.
var openProcedureVotes = []model.Vote{{Member: "BY", Choice: model.VoteYes}, {Member: "HB", Choice: model.VoteYes}}

// debriefSession is the number of the session whose debrief the demo
// assembles and sends the invitation to.
const debriefSession = 47

// debriefLink is where the FachMK secretariats join the demo's debrief.
const debriefLink = "https://video.fitko.example/nachbesprechung-47"

// loadOpenWork adds, to a store with the demo data, the open work of the
// day it runs: a written procedure of the council (openProcedure) started
// by the secretariat, closing at noon on the first Friday at least ten
// days ahead (a week later while that falls between 20 December and 6
// January), in which Bayern and Bremen have voted and Hessen not; the
// evaluation round of the current year, open and not yet answered; and
// the debrief of the 47th session, assembled from its decisions relevant
// for a FachMK, on the first Wednesday at least a week ahead, with its
// invitation sent where a FachMK of it has an address (LoadCalendar adds
// them; without any it is saved only). Each part is added only where it
// is missing — a written procedure of the council open, a round of the
// year, a debrief of the 47th session or the note that it needs none —
// so that it can run again on the same data.
func loadOpenWork(ctx context.Context, s *store.Store) error {
	council, err := s.BodyByAbbrev(ctx, CouncilAbbrev)
	if err != nil {
		return fmt.Errorf("demo: open work: %w", err)
	}
	if err := openWrittenProcedure(ctx, s, council); err != nil {
		return fmt.Errorf("demo: written procedure: %w", err)
	}
	if err := openEvaluationRound(ctx, s); err != nil {
		return fmt.Errorf("demo: evaluation round: %w", err)
	}
	if err := assembleDebrief(ctx, s, council); err != nil {
		return fmt.Errorf("demo: debrief of the %d. session: %w", debriefSession, err)
	}
	return nil
}

// openWrittenProcedure starts the demo's written procedure and casts its
// votes (openProcedureVotes), unless the council has an open one.
func openWrittenProcedure(ctx context.Context, s *store.Store, council model.Body) error {
	open, err := s.OpenProcedureDeadlines(ctx)
	if err != nil {
		return err
	}
	for _, p := range open {
		if p.Body == council.Abbrev {
			return nil
		}
	}
	day := model.BerlinDate(s.Now()).Time().AddDate(0, 0, 10)
	for day.Weekday() != time.Friday {
		day = day.AddDate(0, 0, 1)
	}
	for holidays(model.BerlinDate(day)) {
		day = day.AddDate(0, 0, 7)
	}
	d := openProcedure
	d.BodyID = council.ID
	d.Applicants = append([]string(nil), openProcedure.Applicants...)
	d.Points = append([]model.Point(nil), openProcedure.Points...)
	id, err := s.StartProcedure(ctx, store.ProcedureStart{Decision: d, Deadline: time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, model.Berlin)})
	if err != nil {
		return err
	}
	for _, v := range openProcedureVotes {
		if err := s.CastVote(ctx, id, v.Member, v.Choice); err != nil {
			return fmt.Errorf("vote of %s: %w", v.Member, err)
		}
	}
	return nil
}

// openEvaluationRound opens the evaluation round of the store's current
// year with every question of the catalogue, unless the year has one.
func openEvaluationRound(ctx context.Context, s *store.Store) error {
	year := s.Today().Year
	if _, err := s.Round(ctx, year); err == nil || !errors.Is(err, store.ErrNotFound) {
		return err
	}
	qs, err := s.Questions(ctx)
	if err != nil {
		return err
	}
	ids := make([]int64, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	_, err = s.OpenRound(ctx, year, ids)
	return err
}

// assembleDebrief assembles and sends the debrief of the 47th session as
// the secretariat's debrief page proposes it: each adopted decision
// (as the public sees it) for each FachMK it is relevant for
// (store.RelevantDecisionsSince), presented by the member that registered
// its item, else its first reporter.
func assembleDebrief(ctx context.Context, s *store.Store, council model.Body) error {
	se, err := s.SessionByNumber(ctx, council.ID, debriefSession)
	if err != nil {
		return err
	}
	if _, err := s.DebriefOfSession(ctx, se.ID); err == nil || !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if w, _, err := s.DebriefWaiverOf(ctx, se.ID); err != nil || w.Set() {
		return err
	}
	bodies, err := s.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return err
	}
	byID := map[int64]model.Body{}
	ids := make([]int64, len(bodies))
	for i, b := range bodies {
		byID[b.ID], ids[i] = b, b.ID
	}
	decisions, err := s.Decisions(ctx, store.DecisionFilter{SessionID: se.ID, Status: model.DecisionAdopted})
	if err != nil {
		return err
	}
	decisions = model.Public.Register(decisions)
	rel, err := s.RelevantDecisionsSince(ctx, ids, se.ID, model.Date{})
	if err != nil {
		return err
	}
	confsOf := map[int64][]int64{}
	for _, rd := range rel {
		confsOf[rd.Decision.ID] = append(confsOf[rd.Decision.ID], rd.ConferenceID)
	}
	members, err := s.Members(ctx)
	if err != nil {
		return err
	}
	names := model.NamesOf(members)
	var entries []model.DebriefEntry
	parts := map[int64]*model.DebriefConference{} // the invitation's part per conference
	var order []int64
	for _, dec := range decisions {
		if len(confsOf[dec.ID]) == 0 {
			continue
		}
		presenter, err := debriefPresenter(ctx, s, dec)
		if err != nil {
			return err
		}
		for _, c := range confsOf[dec.ID] {
			entries = append(entries, model.DebriefEntry{DecisionID: dec.ID, ConferenceID: c, Presenter: presenter})
			if _, ok := parts[c]; !ok {
				parts[c] = &model.DebriefConference{Name: byID[c].Name}
				order = append(order, c)
			}
			parts[c].Presentations = append(parts[c].Presentations, model.DebriefPresentation{Decision: dec, Presenter: names.Of(presenter)})
		}
	}
	if len(entries) == 0 {
		return nil // nothing to present
	}
	day := model.BerlinDate(s.Now()).Time().AddDate(0, 0, 7)
	for day.Weekday() != time.Wednesday {
		day = day.AddDate(0, 0, 1)
	}
	for holidays(model.BerlinDate(day)) {
		day = day.AddDate(0, 0, 7)
	}
	db := model.Debrief{SessionID: se.ID, HeldOn: model.BerlinDate(day), StartTime: "10:00", EndTime: "11:30", Place: "Videokonferenz",
		Link: debriefLink, Entries: entries}
	// The invitation as the debrief page drafts it (model.DebriefInvitation),
	// conferences in the order of their names.
	slices.SortStableFunc(order, func(a, b int64) int { return strings.Compare(byID[a].Name, byID[b].Name) })
	conferences := make([]model.DebriefConference, len(order))
	reachable := false
	for i, c := range order {
		conferences[i] = *parts[c]
		contacts, err := s.Contacts(ctx, c)
		if err != nil {
			return err
		}
		for _, ct := range contacts {
			if model.ChannelEmail.CheckAddress(strings.TrimSpace(ct.Email)) == nil {
				reachable = true
			}
		}
	}
	db.Invitation = model.DebriefInvitation(se, db, conferences)
	if !reachable {
		_, err := s.CreateDebrief(ctx, db)
		return err
	}
	_, err = s.SendDebriefInvitation(ctx, db, model.DebriefInvitationSubject(se))
	return err
}

// debriefPresenter gives who presents a decision in the debrief, as the
// debrief page proposes it: the member that registered its item, else the
// item's first reporter; none for a decision without an item.
func debriefPresenter(ctx context.Context, s *store.Store, dec model.Decision) (string, error) {
	if dec.ItemID == 0 {
		return "", nil
	}
	it, err := s.Item(ctx, dec.ItemID)
	if err != nil {
		return "", err
	}
	if it.RegisteredBy == "" && len(it.Reporters) > 0 {
		return it.Reporters[0], nil
	}
	return it.RegisteredBy, nil
}
