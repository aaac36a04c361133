package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestSentAgainDatesNoMinutes: the live page's forms of a contribution, a
// protocol note and a remark dated released draft minutes (their Stand,
// internal and public) before the one-time key was checked, so the same
// form sent again a day later stored nothing but moved the Stand to that
// day. Now a form sent again changes nothing.
func TestSentAgainDatesNoMinutes(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 10, 10, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	bodyID, _ := fixture(t, s)
	sid := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusRunning}))
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "1", Title: "Bericht", Status: model.ItemAccepted}))
	bypassStore(t, s, `UPDATE sessions SET status = ?, minutes_stand = '', minutes_changed = '' WHERE id = ?`, model.StatusMinutesDraft, sid)
	for i, send := range []func(key string, again *bool) error{
		func(key string, again *bool) error {
			_, err := s.CreateContribution(ctx, model.Contribution{ItemID: item, Speaker: "HE", Points: []string{"Punkt"}}, SentOnce(key, "gs", again))
			return err
		},
		func(key string, again *bool) error {
			_, err := s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: item, Author: "Hessen", Text: "Notiz"}, SentOnce(key, "gs", again))
			return err
		},
		func(key string, again *bool) error {
			_, err := s.CreateRemark(ctx, model.Remark{ItemID: item, Kind: model.RemarkText, Text: "Vermerk"}, SentOnce(key, "gs", again))
			return err
		},
	} {
		now = time.Date(2026, 1, 10+2*i, 10, 0, 0, 0, model.Berlin)
		first := model.BerlinDate(now)
		key := strings.Repeat(string(rune('a'+i)), 32)
		var again bool
		check(t, send(key, &again))
		now = now.AddDate(0, 0, 1)
		check(t, send(key, &again))
		if !again {
			t.Fatalf("form %d: not sent again", i)
		}
		se := must[model.Session](t)(s.Session(ctx, sid))
		if se.MinutesChanged != first || se.MinutesStand != first {
			t.Errorf("form %d sent again on %s: Stand %s, changed %s; want both %s", i, model.BerlinDate(now), se.MinutesStand, se.MinutesChanged, first)
		}
	}
}
