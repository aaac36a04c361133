package ical

import (
	"bytes"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestCancelledAndMovedSessions: a cancelled session stays in the feed
// with STATUS:CANCELLED and a raised SEQUENCE (clients strike it instead
// of keeping the old date); a moved one carries its SEQUENCE and says
// from when it moved.
func TestCancelledAndMovedSessions(t *testing.T) {
	moved := model.Session{Number: 48, Date: model.NewDate(2026, 3, 19), StartTime: "10:00", EndTime: "14:00", Place: "Berlin",
		Schedule: model.SessionSchedule{PreviousDate: model.NewDate(2026, 3, 12), ChangeNote: "Terminkollision", Sequence: 1}}
	cancelled := model.Session{Number: 49, Date: model.NewDate(2026, 6, 18), StartTime: "10:00", EndTime: "14:00",
		Schedule: model.SessionSchedule{CancelledReason: "Umlaufverfahren statt Sitzung", Sequence: 2}}
	plain := model.Session{Number: 50, Date: model.NewDate(2026, 10, 1)}
	var buf bytes.Buffer
	c := Calendar{Name: "Sitzungen", Events: []Event{
		SessionEvent("example.org", "IT-PLR", "IT-Planungsrat", moved, "https://example.org/sitzungen/48"),
		SessionEvent("example.org", "IT-PLR", "IT-Planungsrat", cancelled, "https://example.org/sitzungen/49"),
		SessionEvent("example.org", "IT-PLR", "IT-Planungsrat", plain, "https://example.org/sitzungen/50"),
	}}
	if err := Write(&buf, c); err != nil {
		t.Fatal(err)
	}
	if bad := Check(buf.Bytes()); bad != nil {
		t.Fatalf("feed breaks the RFC: %v", bad)
	}
	events := strings.Split(buf.String(), "BEGIN:VEVENT")[1:]
	if len(events) != 3 {
		t.Fatalf("%d events", len(events))
	}
	for i, want := range []struct{ has, hasNot []string }{
		{[]string{"SEQUENCE:1\r\n", "Verlegt vom 12.03.2026", "TRANSP:OPAQUE"}, []string{"STATUS:CANCELLED"}},
		{[]string{"SEQUENCE:2\r\n", "STATUS:CANCELLED\r\n", "SUMMARY:Abgesagt: 49. Sitzung", "Umlaufverfahren statt Sitzung"}, []string{"TRANSP:OPAQUE"}},
		{nil, []string{"SEQUENCE", "STATUS:CANCELLED", "DESCRIPTION"}},
	} {
		for _, s := range want.has {
			if !strings.Contains(events[i], s) {
				t.Errorf("event %d lacks %q:\n%s", i, s, events[i])
			}
		}
		for _, s := range want.hasNot {
			if strings.Contains(events[i], s) {
				t.Errorf("event %d has %q:\n%s", i, s, events[i])
			}
		}
	}
}
