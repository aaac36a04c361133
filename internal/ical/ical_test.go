package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

func TestRoundTrip(t *testing.T) {
	dates := []model.ConferenceDate{
		{BodyID: 1, Title: "Frühjahrskonferenz", Starts: model.NewDate(2026, 5, 20), Ends: model.NewDate(2026, 5, 21), Place: "Lübeck", UID: "imk-2026-1@gremium"},
		{BodyID: 2, Starts: model.NewDate(2026, 6, 4), UID: "kmk-2026-1@gremium"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, "FachMK-Termine", dates, map[int64]string{1: "Innenministerkonferenz", 2: "Kultusministerkonferenz"}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for _, want := range []string{"BEGIN:VCALENDAR", "SUMMARY:Innenministerkonferenz: Frühjahrskonferenz", "DTSTART;VALUE=DATE:20260520", "DTEND;VALUE=DATE:20260522", "LOCATION:Lübeck", "UID:kmk-2026-1@gremium"} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q:\n%s", want, text)
		}
	}
	back, err := Read(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || back[0].Starts != dates[0].Starts || back[0].Ends != dates[0].Ends || back[0].Place != "Lübeck" || back[1].Ends != (model.Date{}) || back[1].UID != "kmk-2026-1@gremium" {
		t.Errorf("read back = %+v", back)
	}
	if _, err := Read(strings.NewReader("kein Kalender")); err == nil {
		t.Error("garbage accepted")
	}
}

// FuzzRead feeds arbitrary text to the iCalendar import: it must never
// panic, and the dates it accepts must come back unchanged from the feed
// Write makes of them (text with line breaks, commas, semicolons and
// backslashes included).
//
//	go test ./internal/ical -run '^$' -fuzz FuzzRead -fuzztime 20s
func FuzzRead(f *testing.F) {
	f.Add("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:imk-2026-1@gremium\r\nSUMMARY:Frühjahrskonferenz\r\nDTSTART;VALUE=DATE:20260520\r\nDTEND;VALUE=DATE:20260522\r\nLOCATION:Lübeck\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	f.Add("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20260604T090000Z\nDTEND:20260605T120000Z\nSUMMARY:Text\\, mit\\; Zeichen\\n und \\\\\nEND:VEVENT\nEND:VCALENDAR\n")
	f.Add("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:ohne Beginn\nEND:VEVENT\nEND:VCALENDAR\n")
	f.Add("kein Kalender")
	f.Fuzz(func(t *testing.T, in string) {
		dates, err := Read(strings.NewReader(in))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, "Termine", dates, nil, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatalf("write: %v", err)
		}
		back, err := Read(&buf)
		if err != nil {
			t.Fatalf("the feed written from %+v does not read: %v\n%s", dates, err, buf.String())
		}
		if len(back) != len(dates) {
			t.Fatalf("%d dates written, %d read back:\n%s", len(dates), len(back), buf.String())
		}
		for i := range dates {
			if back[i] != dates[i] {
				t.Fatalf("date %d: wrote %+v, read back %+v:\n%s", i, dates[i], back[i], buf.String())
			}
		}
	})
}
