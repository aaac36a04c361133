package demo

// The council's next session in the served demo: planned six weeks or
// more ahead of the day the demo is loaded, prepared by the AL-Runde three
// weeks before it, open for registrations, with two registrations of
// member offices — one with a decision proposal that
// two other Länder are asked to co-apply for (Brandenburg has confirmed,
// Hamburg not yet), one report. Without it the demo had only sessions of
// 2024 and 2025: nothing to register for, no application to confirm, no
// registration for the secretariat to decide, no session day to run. Like
// the FachMK dates (LoadCalendar) it is counted from today, so it is never
// stale; the tests' fixture (demotest) does not load it. The texts are
// examples of the demo.

import (
	"context"
	"fmt"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// capitals gives the seat of each member that chairs the council: where
// the demo's next session takes place.
var capitals = map[string]string{
	"Bund": "Berlin", "BW": "Stuttgart", "BY": "München", "BE": "Berlin", "BB": "Potsdam", "HB": "Bremen",
	"HH": "Hamburg", "HE": "Wiesbaden", "MV": "Schwerin", "NI": "Hannover", "NW": "Düsseldorf", "RP": "Mainz",
	"SL": "Saarbrücken", "SN": "Dresden", "ST": "Magdeburg", "SH": "Kiel", "TH": "Erfurt",
}

// nextSessionRegistrations are the registrations of the demo's next
// session, in the order member offices make them; their FachMK-impact
// statement is added when they are made (the conferences' ids are the
// store's).
var nextSessionRegistrations = []model.Registration{
	{Member: "HE", Title: "Deutschland-Stack – gemeinsame Architekturvorgaben für Bund und Länder", Goal: model.GoalDecision,
		Points:     []string{"Gemeinsame Architekturvorgaben für die Verwaltungsdigitalisierung", "Beteiligung der Fachministerkonferenzen"},
		Applicants: []string{"HE", "HH", "BB"}, Reporters: []string{"HE"},
		Proposal: []model.Point{
			{Label: "1.", Text: "Der IT-Planungsrat nimmt den Entwurf gemeinsamer Architekturvorgaben zur Kenntnis (Beispieltext der Demo)."},
			{Label: "2.", Text: "Er bittet die FITKO, die Vorgaben mit der Innenministerkonferenz abzustimmen und zur nächsten Sitzung vorzulegen."},
		}},
	{Member: "BY", Title: "Registermodernisierung – Bericht zum Stand der Umsetzung", Goal: model.GoalReport,
		Points: []string{"Stand der Anbindung der Register an das National-Once-Only-Technical-System (Beispieltext der Demo)"}},
}

// nextSessionConfirmed are the co-applicants of the first registration
// that have confirmed in the demo; the others are still asked.
var nextSessionConfirmed = []string{"BB"}

// LoadNextSession plans, in a store with the demo data, the council's
// next session on the first Thursday at least six weeks after the store's
// today, with the AL-Runde's session that prepares it on the schedule of
// the AL-Runde (three weeks before; registrations close two weeks before
// that, model.Preparation.Schedule), both with their standard items, and
// the demo's registrations (nextSessionRegistrations); then the open work
// of the day (loadOpenWork: a written procedure to vote in, the year's
// evaluation round, the 47th session's debrief). It plans no session
// where the council has one planned, convened or running already, and
// adds no open work that is there, so that it can run again on the same
// data.
func LoadNextSession(ctx context.Context, s *store.Store) error {
	ctx = store.WithActor(ctx, Actor)
	if err := planNextSession(ctx, s); err != nil {
		return err
	}
	return loadOpenWork(ctx, s)
}

// planNextSession plans the council's next session with its AL-Runde and
// registrations (LoadNextSession), unless one is coming.
func planNextSession(ctx context.Context, s *store.Store) error {
	council, err := s.BodyByAbbrev(ctx, CouncilAbbrev)
	if err != nil {
		return fmt.Errorf("demo: next session: %w", err)
	}
	coming, err := s.ComingSessions(ctx, council.ID)
	if err != nil || len(coming) > 0 {
		return err
	}
	last, err := s.LastSessionNumber(ctx, council.ID)
	if err != nil {
		return err
	}
	prepBody, err := s.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		return fmt.Errorf("demo: next session: %w", err)
	}
	day := model.BerlinDate(s.Now()).Time().AddDate(0, 0, 42)
	for day.Weekday() != time.Thursday {
		day = day.AddDate(0, 0, 1)
	}
	date := model.BerlinDate(day)
	sched := prepBody.Preparation.Schedule(date)
	// Neither the AL-Runde nor the registration deadline between
	// Christmas and Epiphany: a week later, until they are not.
	for holidays(sched.PrepSession) || holidays(sched.RegistrationClosing) {
		day = day.AddDate(0, 0, 7)
		date = model.BerlinDate(day)
		sched = prepBody.Preparation.Schedule(date)
	}
	chair, _, err := s.ChairOf(ctx, council.ID, date.Year)
	if err != nil {
		return err
	}
	place := capitals[chair]
	if place == "" {
		place = "Berlin" // a chair the table does not know: the Bund's seat
	}
	se := model.Session{BodyID: council.ID, Number: last + 1, Status: model.StatusPlanned, Kind: model.SessionRegular,
		Date: date, StartTime: "09:30", EndTime: "15:00", Place: place, Chair: chair,
		RegistrationDeadline: sched.RegistrationClosing}
	lastPrep, err := s.LastSessionNumber(ctx, prepBody.ID)
	if err != nil {
		return err
	}
	prep := model.Session{BodyID: prepBody.ID, Number: lastPrep + 1, Status: model.StatusPlanned, Kind: model.SessionRegular,
		Date: sched.PrepSession, StartTime: "10:00", EndTime: "13:00", Place: "Videokonferenz"}
	sections, err := s.Sections(ctx, council.ID)
	if err != nil {
		return err
	}
	prepSections, err := s.Sections(ctx, prepBody.ID)
	if err != nil {
		return err
	}
	if se.ID, _, err = s.PlanSessionPair(ctx, se, itplr.StandardItems(se.Number, sections), prep, itplr.PrepStandardItems(prep.Number, prepSections)); err != nil {
		return fmt.Errorf("demo: next session: %w", err)
	}
	kinds, err := s.MemberKinds(ctx)
	if err != nil {
		return err
	}
	imk, err := s.BodyByAbbrev(ctx, "IMK")
	if err != nil {
		return fmt.Errorf("demo: next session: %w", err)
	}
	for i, g := range nextSessionRegistrations {
		g.Impact = model.Impact{Stated: true}
		if g.Goal == model.GoalDecision {
			// The proposal asks the Innenministerkonferenz to be involved.
			g.Affected, g.Impact.ConferenceIDs = true, []int64{imk.ID}
		}
		if problems := g.Check(se, kinds); len(problems) > 0 {
			return fmt.Errorf("demo: registration %d of the next session refused: %s", i+1, problems[0].Reason)
		}
		if _, err := s.RegisterItem(ctx, g.Item(se, s.Now()), g.Draft(council.ID), store.ConfirmCoApplicants()); err != nil {
			return fmt.Errorf("demo: registration %d of the next session: %w", i+1, err)
		}
	}
	for _, member := range nextSessionConfirmed {
		pending, err := s.PendingCoApplications(ctx, member)
		if err != nil {
			return err
		}
		for _, c := range pending {
			if _, err := s.DecideCoApplication(ctx, c.ID, member, model.CoConfirm, c.Fingerprint()); err != nil {
				return fmt.Errorf("demo: co-application of %s: %w", member, err)
			}
		}
	}
	return nil
}

// holidays reports whether d falls between 20 December and 6 January,
// when neither an AL-Runde meets nor a deadline is set.
func holidays(d model.Date) bool {
	return d.Month == time.December && d.Day >= 20 || d.Month == time.January && d.Day <= 6
}
