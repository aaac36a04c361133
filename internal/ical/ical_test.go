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
