package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestScheduleSpeakersCorrectionsAreOneTransaction fails the last step of
// the operations of issue 13 that write several rows: nothing is left
// behind and the session keeps its state.
func TestScheduleSpeakersCorrectionsAreOneTransaction(t *testing.T) {
	ctx := context.Background()
	sessions := func(t *testing.T, s *Store) string {
		var v string
		check(t, s.db.QueryRow(`SELECT `+concatRows(s, "status || date || cancelled_reason || sequence || version")+` FROM sessions`).Scan(&v))
		return v
	}
	cases := []struct {
		name         string
		kind, table  string
		tables       []string
		prepare, run func(t *testing.T, s *Store, sessionID int64) error
	}{
		{"cancellation with its announcement", "INSERT", "outbox", []string{"outbox", "audit_log"}, nil,
			func(t *testing.T, s *Store, sessionID int64) error {
				se := must[model.Session](t)(s.SessionByNumber(ctx, 1, 48))
				return s.CancelSession(ctx, se.ID, se.Version, "Umlaufverfahren statt Sitzung")
			}},
		{"move with its announcement", "INSERT", "outbox", []string{"outbox", "audit_log"}, nil,
			func(t *testing.T, s *Store, sessionID int64) error {
				se := must[model.Session](t)(s.SessionByNumber(ctx, 1, 48))
				return s.EditSession(ctx, SessionChange{ID: se.ID, Version: se.Version, Date: model.NewDate(2026, 3, 19), StartTime: "09:00", EndTime: "13:00", Reason: "Kollision"})
			}},
		{"end of a turn with its ON row", "UPDATE", "speaker_requests", []string{"contributions", "audit_log"},
			func(t *testing.T, s *Store, sessionID int64) error {
				items := must[[]model.AgendaItem](t)(s.Items(ctx, sessionID))
				must[int64](t)(s.RequestFloor(ctx, sessionID, items[0].ID, "HE"))
				_, _, err := s.NextSpeaker(ctx, sessionID, items[0].ID, 0)
				return err
			},
			func(t *testing.T, s *Store, sessionID int64) error {
				l := model.ListOf(must[[]model.SpeakerRequest](t)(s.SpeakerRequests(ctx, must[[]model.AgendaItem](t)(s.Items(ctx, sessionID))[0].ID)))
				_, err := s.EndTurn(ctx, sessionID, l.Current.ID)
				return err
			}},
		{"approval of a correction with its version", "UPDATE", "minutes_corrections", []string{"minutes_versions", "audit_log"},
			func(t *testing.T, s *Store, sessionID int64) error {
				se46 := must[model.Session](t)(s.SessionByNumber(ctx, 1, 46))
				c := must[[]model.Contribution](t)(s.Contributions(ctx, must[[]model.AgendaItem](t)(s.Items(ctx, se46.ID))[0].ID))[0]
				_, err := s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: c.ID, After: "neu", Reason: "Tippfehler"})
				return err
			},
			func(t *testing.T, s *Store, sessionID int64) error {
				se46 := must[model.Session](t)(s.SessionByNumber(ctx, 1, 46))
				list := must[[]model.MinutesCorrection](t)(s.MinutesCorrections(ctx, se46.ID))
				_, err := s.ApproveMinutesCorrection(ctx, list[0].ID, 47, "Fassung", stampOf(t, s, se46.ID))
				return err
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newStore(t)
			bodyID, sessionID := fixture(t, s)
			if bodyID != 1 {
				t.Fatalf("body %d", bodyID)
			}
			account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventSessionChanged)
			must[int64](t)(s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 3, 12), StartTime: "09:00", EndTime: "13:00", Status: model.StatusPlanned}, nil))
			must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "TOP 1", Status: model.ItemAccepted}))
			// Session 46 with approved minutes and one row.
			s46 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
			it46 := must[int64](t)(s.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: s46, Title: "TOP 1", Status: model.ItemAccepted}))
			must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: it46, Speaker: "HE", Points: []string{"alt"}}))
			check(t, s.SetSessionStatus(ctx, s46, 1, model.StatusMinutesApproved))
			if c.prepare != nil {
				check(t, c.prepare(t, s, sessionID))
			}
			before := map[string]int{}
			for _, tb := range c.tables {
				before[tb] = count(t, s, tb)
			}
			stored := sessions(t, s)
			failOn(t, s, c.kind, c.table)
			err := c.run(t, s, sessionID)
			if err == nil {
				t.Fatal("the operation succeeded although its last step failed")
			}
			if model.ClassOf(err) != model.ErrInternal {
				t.Errorf("class %v, want internal: %v", model.ClassOf(err), err)
			}
			for _, tb := range c.tables {
				if n := count(t, s, tb); n != before[tb] {
					t.Errorf("%s: %d rows, %d before: the failed operation left rows behind", tb, n, before[tb])
				}
			}
			if after := sessions(t, s); after != stored {
				t.Errorf("sessions changed: %s → %s", stored, after)
			}
			var points string
			check(t, s.db.QueryRow(`SELECT `+concatRows(s, "points")+` FROM contributions`).Scan(&points))
			if points != `["alt"]` && c.table == "minutes_corrections" {
				t.Errorf("the corrected row changed: %s", points)
			}
		})
	}
}
