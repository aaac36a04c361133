package web

import (
	"context"
	"strings"
	"testing"
)

// TestPersonalCalendarHoldsTheDebriefPresentation: a member office that
// presents a decision in a debrief (Nachbesprechung) finds the debrief in
// its personal calendar, with what it presents and to whom, at its time
// once the secretariat has set one. Before, the feed had the sessions and
// deadlines only, and the presentation was in "Mein Bereich" and the mail
// alone. A member presenting nothing does not get it.
func TestPersonalCalendarHoldsTheDebriefPresentation(t *testing.T) {
	ts, st := debriefServer(t)
	s47, _ := sentDebriefOf47(t, st)
	hs := &httpServer{ts: ts}
	unfold := func(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }
	he := unfold(personalFeed(t, hs, "hessen"))
	for _, want := range []string{"SUMMARY:Vorstellung in der Nachbesprechung der 47. Sitzung des IT-Planungsrats",
		"DTSTART;VALUE=DATE:20250710", "LOCATION:Videokonferenz", "B-2025/27-IT", "Finanzministerkonferenz", "/mein-bereich#h-vorstellungen"} {
		if !strings.Contains(he, want) {
			t.Errorf("hessen's feed lacks %q\n%s", want, he)
		}
	}
	if by := personalFeed(t, hs, "bayern"); strings.Contains(by, "Nachbesprechung") {
		t.Error("bayern, presenting nothing, has the debrief in its feed")
	}
	// A spokesperson is invited to the debrief ("Was ansteht" lists it):
	// its feed has it too, once, without a presentation (before: not at
	// all).
	sp := unfold(personalFeed(t, hs, "sprecher-hb"))
	if !strings.Contains(sp, "SUMMARY:Nachbesprechung der 47. Sitzung des IT-Planungsrats") || strings.Count(sp, "UID:nachbesprechung-") != 1 || !strings.Contains(sp, "/sitzungen/47/nachbesprechung") {
		t.Errorf("the spokesperson's feed lacks the debrief:\n%s", sp)
	}
	// Times set later: the event is timed, and its SEQUENCE rises.
	ctx := context.Background()
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	db.StartTime, db.EndTime = "14:00", "15:30"
	if err := st.UpdateDebrief(ctx, db); err != nil {
		t.Fatal(err)
	}
	he = unfold(personalFeed(t, hs, "hessen"))
	for _, want := range []string{"DTSTART;TZID=Europe/Berlin:20250710T140000", "DTEND;TZID=Europe/Berlin:20250710T153000"} {
		if !strings.Contains(he, want) {
			t.Errorf("hessen's feed after the times were set lacks %q\n%s", want, he)
		}
	}
}
