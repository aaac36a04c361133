package model

import (
	"testing"
	"time"
)

func TestCheckAddress(t *testing.T) {
	for _, tc := range []struct {
		ch   Channel
		addr string
		ok   bool
	}{
		{ChannelEmail, "buero@hessen.de", true},
		{ChannelEmail, "Büro <buero@hessen.de>", false}, // the address alone, no display name
		{ChannelEmail, "hessen.de", false},
		{ChannelEmail, "", false},
		{ChannelMatrix, "!abc:matrix.hessen.de", true},
		{ChannelMatrix, "#hessen:matrix.org", false}, // an alias is no room id
		{ChannelMatrix, "!abc", false},
		{ChannelMatrix, "!a b:x", false},
		{Channel("fax"), "0611", false},
	} {
		t.Run(string(tc.ch)+" "+tc.addr, func(t *testing.T) {
			err := tc.ch.CheckAddress(tc.addr)
			if (err == nil) != tc.ok {
				t.Fatalf("CheckAddress = %v", err)
			}
			if err != nil && (ClassOf(err) != ErrInput || ReasonOf(err) == "") {
				t.Errorf("error %v is not an input error with a reason", err)
			}
		})
	}
}

func TestEventsForRoles(t *testing.T) {
	for _, tc := range []struct {
		role Role
		want []Event
	}{
		{RoleFachMK, []Event{EventAgendaPublished, EventDecisionRelevant, EventDebriefInvitation, EventSessionChanged, EventRequest, EventResignation, EventSpokespersonNamed}},
		{RoleMember, []Event{EventAgendaPublished, EventFollowUpDue, EventFollowUpOverdue, EventFollowUpReminder, EventProcedureStarted, EventProcedureClosing, EventProcedureResult,
			EventMinutesForComment, EventDebriefPresentation, EventSessionChanged, EventRegistrationDecided, EventCoApplication, EventCoApplicationAnswered, EventCoApplicationDocument, EventItemDeferred, EventResignation, EventSpokespersonNamed, EventDeadlineSoon}},
		{RolePublic, nil},
	} {
		t.Run(string(tc.role), func(t *testing.T) {
			got := EventsFor(tc.role)
			if len(got) != len(tc.want) {
				t.Fatalf("EventsFor(%s) = %v, want %v", tc.role, got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("EventsFor(%s) = %v, want %v", tc.role, got, tc.want)
				}
			}
		})
	}
	for _, e := range Events {
		if e.Label() == string(e) {
			t.Errorf("event %s has no German label", e)
		}
	}
}

func TestDeliveryLabel(t *testing.T) {
	for _, tc := range []struct {
		d            Delivery
		want, reader string
		done         bool
	}{
		{Delivery{}, "nicht versandt", "nicht versandt", false},
		{Delivery{Waiting: 2, Sent: 1}, "in Warteschlange (1 von 3 versandt)", "wird versandt", false},
		{Delivery{Sent: 3}, "versandt", "versandt", true},
		{Delivery{Sent: 2, Cancelled: 1}, "versandt", "versandt", true},
		{Delivery{Sent: 2, Failed: 1}, "fehlgeschlagen (1 von 3)", "Versand gestört", false},
		{Delivery{Cancelled: 2}, "abgebrochen", "nicht versandt", false},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.d.Label(); got != tc.want || tc.d.Done() != tc.done {
				t.Errorf("Label = %q, Done = %v", got, tc.d.Done())
			}
			if got := tc.d.ReaderLabel(); got != tc.reader {
				t.Errorf("ReaderLabel = %q, want %q", got, tc.reader)
			}
		})
	}
	// The secretariat's list said "Einladung versandt" as soon as the
	// invitation was queued; it says so once the outbox delivered it.
	queued := time.Date(2025, 7, 3, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		d    Delivery
		want string
	}{
		{Delivery{Waiting: 2}, "Einladung zum Versand gegeben am 03.07.2025, 14:00 Uhr"},
		{Delivery{Waiting: 1, Sent: 1}, "Einladung zum Versand gegeben am 03.07.2025, 14:00 Uhr"},
		{Delivery{Sent: 2, LastSent: queued.Add(time.Hour)}, "Einladung versandt am 03.07.2025, 15:00 Uhr"},
		{Delivery{Sent: 1, Failed: 1}, "Versand der Einladung gestört (Postausgang)"},
		{Delivery{Cancelled: 1}, "Einladung nicht versandt"},
	} {
		if got := tc.d.InvitationLabel(queued); got != tc.want {
			t.Errorf("InvitationLabel(%+v) = %q, want %q", tc.d, got, tc.want)
		}
	}
	if got := (Delivery{Waiting: 1}).InvitationLabel(time.Time{}); got != "Einladung zum Versand gegeben" {
		t.Errorf("queued at a time not recorded: %q", got)
	}
	n := Notification{State: DeliveryWaiting, ClaimedUntil: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	if !n.InFlight(n.ClaimedUntil.Add(-time.Second)) || n.InFlight(n.ClaimedUntil) {
		t.Error("InFlight")
	}
}
