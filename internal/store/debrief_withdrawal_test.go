package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestDebriefResentWithoutAConferenceTellsIt: the secretariat sends the
// debrief's invitation to the FMK and the GMK, the FMK's is delivered, and
// then it sends the corrected debrief without the FMK. Before, the FMK's
// secretariat heard nothing more: it held a delivered invitation to a
// debrief that no longer presented anything to it. Now the resending
// tells every address that received (or is receiving) an earlier
// invitation and gets none now that it no longer applies — not an address
// invited again, nor one whose earlier message was withdrawn unsent.
func TestDebriefResentWithoutAConferenceTellsIt(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	bodyID, sessionID := fixture(t, s)
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	gmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	id(s.CreateContact(ctx, model.Contact{BodyID: fmk, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}))
	id(s.CreateContact(ctx, model.Contact{BodyID: gmk, Name: "Geschäftsstelle GMK", Email: "gs@gmk.example"}))
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	check(t, s.SetSessionStatus(ctx, sessionID, se.Version, model.StatusEnded))
	dec := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Title: "Gesundheitsdaten", Number: model.DecisionNumber{Year: 2025, Seq: 30}}))
	db := model.Debrief{SessionID: sessionID, HeldOn: model.NewDate(2025, 7, 10), Place: "Videokonferenz", Invitation: "Einladung",
		Entries: []model.DebriefEntry{{DecisionID: dec, ConferenceID: fmk}, {DecisionID: dec, ConferenceID: gmk}}}
	if n := must[DebriefSending](t)(s.SendDebriefInvitation(ctx, db, "Einladung")); n != (DebriefSending{Invitations: 2}) {
		t.Fatalf("first sending queued %+v, want 2 invitations", n)
	}
	// The FMK's invitation is delivered; the GMK's still waits.
	first, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDebriefInvitation})
	for {
		n, claim, ok, err := s.ClaimNotification(ctx, now, time.Minute, []model.Channel{model.ChannelEmail})
		if err != nil || !ok {
			t.Fatalf("claim: %v %v (of %d)", ok, err, len(first))
		}
		if n.Recipient == "gs@fmk.example" {
			check(t, s.NotificationSent(ctx, n.ID, claim, now))
			break
		}
		check(t, s.NotificationFailed(ctx, n.ID, claim, "später", now))
	}
	now = now.Add(time.Hour)
	db = must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	db.Entries, db.Invitation = []model.DebriefEntry{{DecisionID: dec, ConferenceID: gmk}}, "Einladung, berichtigt"
	if n := must[DebriefSending](t)(s.SendDebriefInvitation(ctx, db, "Einladung (berichtigt)")); n != (DebriefSending{Invitations: 1, Withdrawals: 1}) {
		t.Errorf("the corrected sending counts %+v, want 1 invitation and 1 withdrawal", n)
	}
	list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDebriefInvitation})
	var withdrawn []model.Notification
	for _, m := range list {
		if strings.HasPrefix(m.Ref, "nachbesprechung_abgesagt:") {
			withdrawn = append(withdrawn, m)
		}
	}
	if len(withdrawn) != 1 || withdrawn[0].Recipient != "gs@fmk.example" || withdrawn[0].State != model.DeliveryWaiting {
		t.Fatalf("withdrawals: %+v, want one to gs@fmk.example", withdrawn)
	}
	w := withdrawn[0]
	for _, want := range []string{"47. Sitzung", "10.07.2025", "gilt für Sie nicht mehr"} {
		if !strings.Contains(w.Subject+"\n"+w.Body, want) {
			t.Errorf("the withdrawal lacks %q:\n%s\n%s", want, w.Subject, w.Body)
		}
	}
	// The delivery of the corrected invitation counts its own messages.
	if d := must[model.Delivery](t)(s.DebriefDelivery(ctx, db.ID)); d.Total() != 1 {
		t.Errorf("the corrected invitation's delivery counts %d messages, want 1", d.Total())
	}
}
