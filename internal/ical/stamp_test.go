package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"gremium/internal/model"
)

// TestEventStampIsItsLastChange: an event with a Stamp of its own (its
// last change in the store) has it as DTSTAMP and LAST-MODIFIED, in UTC
// (RFC 5545 3.8.7.2, 3.8.7.3); one without takes the calendar's Stamp and
// has no LAST-MODIFIED. Before, every event had the calendar's one stamp.
func TestEventStampIsItsLastChange(t *testing.T) {
	moved := time.Date(2026, 11, 3, 16, 42, 7, 0, model.Berlin)
	cal := Calendar{Stamp: stamp(), Events: []Event{
		{UID: "moved@x", Summary: "verlegt", Start: time.Date(2027, 3, 4, 10, 0, 0, 0, model.Berlin), Sequence: 1, Stamp: moved},
		{UID: "unknown@x", Summary: "ohne Änderungszeit", FirstDay: model.NewDate(2027, 3, 5)},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, cal); err != nil {
		t.Fatal(err)
	}
	if bad := Check(buf.Bytes()); bad != nil {
		t.Errorf("RFC 5545 broken: %v\n%s", bad, buf.Bytes())
	}
	text := buf.String()
	first, second := between(text, "UID:moved@x", "END:VEVENT"), between(text, "UID:unknown@x", "END:VEVENT")
	for _, want := range []string{"DTSTAMP:20261103T154207Z\r\n", "LAST-MODIFIED:20261103T154207Z\r\n"} {
		if !strings.Contains(first, want) {
			t.Errorf("the stamped event lacks %q:\n%s", want, first)
		}
	}
	if !strings.Contains(second, "DTSTAMP:20260302T140509Z\r\n") || strings.Contains(second, "LAST-MODIFIED") {
		t.Errorf("the event without a stamp of its own:\n%s", second)
	}
	parsed, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if ds, err := parsed.Events()[0].GetDtStampTime(); err != nil || !ds.Equal(moved) {
		t.Errorf("DTSTAMP read back: %v, %v", ds, err)
	}
	if lm, err := parsed.Events()[0].GetLastModifiedAt(); err != nil || !lm.Equal(moved) {
		t.Errorf("LAST-MODIFIED read back: %v, %v", lm, err)
	}
}

// TestDebriefNotedNotNeededIsCancelled: a debrief (Nachbesprechung) noted
// "Nachbesprechung entfällt" stays in a feed cancelled, under its UID,
// with neither the reason (the secretariat's own) nor the link; the
// presenters' event of it too.
func TestDebriefNotedNotNeededIsCancelled(t *testing.T) {
	d := model.Debrief{HeldOn: model.NewDate(2025, 7, 10), StartTime: "14:00", Place: "Videokonferenz", Link: "https://video.example/raum", Version: 3,
		Waiver: model.DebriefWaiver{Reason: "Bereits in der FMK besprochen", By: "gs", At: time.Date(2025, 7, 2, 9, 0, 0, 0, model.Berlin)}}
	for name, e := range map[string]Event{
		"invitation":   DebriefInvitationEvent("gremium.example.org", "IT-PLR", 47, "47. Sitzung des IT-Planungsrats", d, "https://gremium.example.org/sitzungen/47/nachbesprechung"),
		"presentation": DebriefEvent("gremium.example.org", "IT-PLR", 47, "47. Sitzung des IT-Planungsrats", d, []string{"- B-2025/27-IT"}, ""),
	} {
		if !e.Cancelled || e.UID != "nachbesprechung-it-plr-47@gremium.example.org" || e.Sequence != 3 || !strings.HasPrefix(e.Summary, "Entfällt: ") {
			t.Errorf("%s: %+v", name, e)
		}
		if strings.Contains(e.Description, "Bereits") || strings.Contains(e.Description, "video.example") {
			t.Errorf("%s: the description %q", name, e.Description)
		}
	}
	d.Waiver = model.DebriefWaiver{}
	if e := DebriefInvitationEvent("h", "IT-PLR", 47, "47. Sitzung", d, ""); e.Cancelled || !strings.Contains(e.Description, "video.example") {
		t.Errorf("without the note: %+v", e)
	}
}

// between gives the part of s from start to the next end ("" if start is
// not in s).
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return s
}
