package demo

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestOpenWork: the served demo gives every role something to do beyond
// the next session — a written procedure of the council open until a
// deadline ahead, in which Bayern and Bremen have voted and Hessen not;
// the evaluation round of the year open; the 47th session's debrief
// assembled and its invitation sent. Before, /umlaufverfahren said "Es
// gibt noch kein Umlaufverfahren", /evaluation "Zurzeit ist keine
// Evaluationsrunde offen" and the 47th session's debrief was not
// assembled. Loading again adds nothing; between Christmas and Epiphany
// neither the deadline nor the debrief falls.
func TestOpenWork(t *testing.T) {
	for _, tt := range []struct {
		name             string
		now              time.Time
		deadline, heldOn time.Time
	}{
		{"december", time.Date(2026, 12, 4, 9, 0, 0, 0, model.Berlin),
			time.Date(2026, 12, 18, 12, 0, 0, 0, model.Berlin), time.Date(2026, 12, 16, 0, 0, 0, 0, model.Berlin)},
		{"holidays", time.Date(2026, 12, 15, 9, 0, 0, 0, model.Berlin),
			time.Date(2027, 1, 8, 12, 0, 0, 0, model.Berlin), time.Date(2027, 1, 13, 0, 0, 0, 0, model.Berlin)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := loaded(t)
			ctx := context.Background()
			s.SetClock(func() time.Time { return tt.now })
			if err := LoadCalendar(ctx, s); err != nil {
				t.Fatal(err)
			}
			// last gives the id of the newest audit entry.
			last := func() int64 {
				p, err := s.AuditEntries(ctx, store.AuditFilter{Limit: 1})
				if err != nil || len(p.Entries) != 1 {
					t.Fatalf("audit log: %+v %v", p, err)
				}
				return p.Entries[0].ID
			}
			if err := LoadNextSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			before := last()
			if err := LoadNextSession(ctx, s); err != nil { // idempotent
				t.Fatal(err)
			}
			if n := last(); n != before {
				t.Errorf("loading again wrote audit entries up to %d, want none after %d", n, before)
			}

			ps, err := s.Procedures(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 1 || ps[0].Status != model.ProcedureOpen || !ps[0].Deadline.Equal(tt.deadline) || !ps[0].Deadline.After(tt.now) {
				t.Fatalf("procedures %+v, want one open until %s", ps, model.BerlinDateTime(tt.deadline))
			}
			votes := map[string]model.VoteChoice{}
			for _, v := range ps[0].Votes {
				votes[v.Member] = v.Choice
			}
			if len(votes) != 2 || votes["BY"] != model.VoteYes || votes["HB"] != model.VoteYes {
				t.Errorf("votes %v, want BY and HB yes, Hessen none", votes)
			}
			d, err := s.Decision(ctx, ps[0].DecisionID)
			if err != nil || d.Title != openProcedureTitle || d.Status != model.DecisionDraft || len(d.Points) == 0 {
				t.Errorf("the procedure's proposal %+v %v", d, err)
			}

			r, err := s.Round(ctx, tt.now.Year())
			if err != nil || r.Status != model.RoundOpen || len(r.QuestionIDs) == 0 {
				t.Errorf("round %d: %+v %v, want it open with its questions", tt.now.Year(), r, err)
			}

			council, _ := s.BodyByAbbrev(ctx, CouncilAbbrev)
			se, err := s.SessionByNumber(ctx, council.ID, 47)
			if err != nil {
				t.Fatal(err)
			}
			db, err := s.DebriefOfSession(ctx, se.ID)
			if err != nil {
				t.Fatalf("the 47th session's debrief: %v", err)
			}
			if !db.Sent || db.HeldOn != model.BerlinDate(tt.heldOn) || len(db.Entries) == 0 || db.Link != debriefLink {
				t.Errorf("debrief %+v, want it sent, on %s, with entries", db, model.BerlinDate(tt.heldOn).German())
			}
			fmk, _ := s.BodyByAbbrev(ctx, "FMK")
			if len(db.ForConferences([]int64{fmk.ID}).Entries) == 0 {
				t.Errorf("the debrief presents nothing to the Finanzministerkonferenz (sprecher-hb's): %+v", db.Entries)
			}
		})
	}
}
