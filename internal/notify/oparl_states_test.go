package notify

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/oparl"
	"gremium/internal/store"
)

// TestRemindersMoveTheFachMKMeetingState: the loop builds the OParl
// Meeting of a FachMK date again when its day comes (geplant → laufend),
// with the time of the run as modified.
func TestRemindersMoveTheFachMKMeetingState(t *testing.T) {
	st, clock := fixture(t)
	_, gmk := gmkAndDecision(t, st)
	ctx := store.WithActor(context.Background(), "test")
	if _, err := st.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: gmk, Title: "GMK 2026", Starts: model.NewDate(2026, 3, 3)}); err != nil {
		t.Fatal(err)
	}
	meeting := func() map[string]any {
		t.Helper()
		var found map[string]any
		_, err := st.OParlList(ctx, oparl.KindMeeting, store.OParlFilter{}, func(raw []byte) error {
			var o map[string]any
			if err := json.Unmarshal(raw, &o); err != nil {
				return err
			}
			if o["name"] == "GMK 2026" {
				found = o
			}
			return nil
		})
		if err != nil || found == nil {
			t.Fatalf("no Meeting of the date (%v)", err)
		}
		return found
	}
	r := &Reminders{Store: st, Now: clock.Now}
	if _, err := r.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if m := meeting(); m["meetingState"] != "geplant" {
		t.Fatalf("the day before: %v", m["meetingState"])
	}
	clock.Add(24 * time.Hour)
	if _, err := r.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if m := meeting(); m["meetingState"] != "laufend" || m["modified"] != oparl.Time(clock.Now()) {
		t.Errorf("on its day: %v, modified %v", m["meetingState"], m["modified"])
	}
}
