package oparl

import (
	"slices"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

func TestAppendExpanded(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"id":"` + Root + `/paper/1","license":"` + License + `"}`, `{"id":"https://g.example/oparl/v1/paper/1","license":"https://lic.example/by"}`},
		{`"Prüfung €"`, `"Prüfung €"`}, // other characters starting with 0xE2/0xC3 stay
		{"\ue002", "\ue002"},           // a neighbour of the placeholders stays
		{"x\xee", "x\xee"},             // a cut sequence at the end stays
		{"", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := string(Expand([]byte(c.in), "https://g.example", "https://lic.example/by")); got != c.want {
				t.Errorf("Expand(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestTextDropsPlaceholders(t *testing.T) {
	if got := Text("a" + Base + "b" + License + "c"); got != "abc" {
		t.Errorf("Text = %q", got)
	}
}

func TestTimeIsGermanOffset(t *testing.T) {
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2025, 6, 26, 7, 0, 0, 0, time.UTC), "2025-06-26T09:00:00+02:00"},
		{time.Date(2025, 12, 1, 7, 0, 0, 0, time.UTC), "2025-12-01T08:00:00+01:00"},
	} {
		if got := Time(c.at); got != c.want {
			t.Errorf("Time(%v) = %s, want %s", c.at, got, c.want)
		}
	}
}

func TestMarshalDoesNotEscapeHTML(t *testing.T) {
	b, err := Marshal(Object{"name": "A & B <C>"})
	if err != nil || string(b) != `{"name":"A & B <C>"}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	e, err := Embedded([]byte(`{"id":"x","meeting":"m","name":"<a>"}`), "meeting")
	if err != nil || strings.Contains(string(e), "meeting") || !strings.Contains(string(e), "<a>") {
		t.Errorf("Embedded = %s, %v", e, err)
	}
}

func TestMeetingTimes(t *testing.T) {
	o := Meeting(model.Session{Number: 47, Date: model.NewDate(2025, 6, 26), StartTime: "09:00", EndTime: "12:15", Status: model.StatusEnded}, 3, "IT-Planungsrat", 1, nil, nil, nil)
	if o["start"] != "2025-06-26T09:00:00+02:00" || o["end"] != "2025-06-26T12:15:00+02:00" || o["meetingState"] != "durchgeführt" {
		t.Errorf("meeting = %v", o)
	}
}

// TestCancelledMeetingState: a cancelled session's meetingState says so,
// beside cancelled (before: "geplant" with cancelled true).
func TestCancelledMeetingState(t *testing.T) {
	se := model.Session{Number: 48, Date: model.NewDate(2026, 10, 20), StartTime: "10:00", Status: model.StatusConvened}
	se.Schedule.CancelledReason = "Terminkollision mit der MPK"
	o := Meeting(se, 4, "IT-Planungsrat", 1, nil, nil, nil)
	if o["meetingState"] != "abgesagt" || o["cancelled"] != true {
		t.Errorf("cancelled meeting: meetingState %v, cancelled %v", o["meetingState"], o["cancelled"])
	}
}

// TestMeetingNameInTheGenitive: the Meeting's name put "des" and an "s"
// around any name ("Sitzung des Steuerungsgruppe NOOTSs"); it takes the
// body name's genitive as the pages do.
func TestMeetingNameInTheGenitive(t *testing.T) {
	for name, want := range map[string]string{
		"IT-Planungsrat":         "47. Sitzung des IT-Planungsrats",
		"Steuerungsgruppe NOOTS": "47. Sitzung der Steuerungsgruppe NOOTS",
		"Innenministerkonferenz": "47. Sitzung der Innenministerkonferenz",
	} {
		o := Meeting(model.Session{Number: 47}, 1, name, 1, nil, nil, nil)
		if o["name"] != want {
			t.Errorf("%s: %q, want %q", name, o["name"], want)
		}
	}
}

// TestConferenceMeeting: a FachMK date as a Meeting — its span as its
// iCalendar event gives it (an all-day date to 00:00 after its last day),
// its state by the day, its title with the conference as name (the
// conference's session without one), the conference as organization, nothing of the date that
// is only the calendar's (UID, SEQUENCE).
func TestConferenceMeeting(t *testing.T) {
	imk := model.Body{Kind: model.BodyFachMK, Abbrev: "IMK", Name: "Innenministerkonferenz"}
	day := func(m time.Month, d int) model.Date { return model.NewDate(2026, m, d) }
	for _, c := range []struct {
		what       string
		date       model.ConferenceDate
		start, end string
	}{
		{"all day, one day", model.ConferenceDate{Starts: day(6, 10)}, "2026-06-10T00:00:00+02:00", "2026-06-11T00:00:00+02:00"},
		{"all day, the same last day", model.ConferenceDate{Starts: day(6, 10), Ends: day(6, 10)}, "2026-06-10T00:00:00+02:00", "2026-06-11T00:00:00+02:00"},
		{"all day, three days over the change of time", model.ConferenceDate{Starts: day(10, 23), Ends: day(10, 25)}, "2026-10-23T00:00:00+02:00", "2026-10-26T00:00:00+01:00"},
		{"timed, one day", model.ConferenceDate{Starts: day(11, 19), StartTime: "10:00", EndTime: "15:00"}, "2026-11-19T10:00:00+01:00", "2026-11-19T15:00:00+01:00"},
		{"timed, two days", model.ConferenceDate{Starts: day(6, 10), Ends: day(6, 11), StartTime: "13:00", EndTime: "12:30"}, "2026-06-10T13:00:00+02:00", "2026-06-11T12:30:00+02:00"},
		{"start time only, one day", model.ConferenceDate{Starts: day(6, 10), StartTime: "09:30"}, "2026-06-10T09:30:00+02:00", ""},
		{"start time only, two days", model.ConferenceDate{Starts: day(6, 10), Ends: day(6, 11), StartTime: "09:30"}, "2026-06-10T09:30:00+02:00", "2026-06-12T00:00:00+02:00"},
	} {
		c.date.UID, c.date.Sequence = "fachmk-3-2026@gremium", 4
		o := ConferenceMeeting(c.date, imk, 7, 2, nil, day(1, 5))
		end, _ := o["end"].(string)
		if o["start"] != c.start || end != c.end {
			t.Errorf("%s: start %v end %v, want %s and %q", c.what, o["start"], o["end"], c.start, c.end)
		}
		if o["name"] != "Sitzung der Innenministerkonferenz" || o["meetingState"] != "geplant" || o["cancelled"] != nil ||
			o["web"] != Base+"/fachmk/IMK#termine" || o["id"] != URL(KindMeeting, 7) {
			t.Errorf("%s: %v", c.what, o)
		}
		if orgs, _ := o["organization"].([]string); len(orgs) != 1 || orgs[0] != URL(KindOrganization, 2) {
			t.Errorf("%s: organization %v", c.what, o["organization"])
		}
		for k := range o {
			if !slices.Contains([]string{"id", "type", "license", "name", "meetingState", "organization", "web", "start", "end"}, k) {
				t.Errorf("%s: %s = %v", c.what, k, o[k])
			}
		}
		if b, _ := Marshal(o); strings.Contains(string(b), c.date.UID) {
			t.Errorf("%s: the calendar's UID: %s", c.what, b)
		}
	}
	// The title with the conference: the body's list of Meetings holds
	// every conference's dates side by side, and "Frühjahrskonferenz
	// 2026" alone named one of sixteen; a title that names the
	// conference stays as it is.
	for title, want := range map[string]string{
		"Frühjahrskonferenz 2026":                 "Frühjahrskonferenz 2026 der Innenministerkonferenz",
		"IMK-Frühjahrskonferenz 2026":             "IMK-Frühjahrskonferenz 2026",
		"Frühjahrskonferenz der IMK 2026":         "Frühjahrskonferenz der IMK 2026",
		"219. Sitzung der Innenministerkonferenz": "219. Sitzung der Innenministerkonferenz",
		"  Herbstkonferenz 2026 ":                 "Herbstkonferenz 2026 der Innenministerkonferenz",
	} {
		named := ConferenceMeeting(model.ConferenceDate{Title: title, Starts: day(6, 10)}, imk, 7, 2, nil, day(1, 5))
		if named["name"] != want {
			t.Errorf("name %v, want %q", named["name"], want)
		}
	}
	d := model.ConferenceDate{Starts: day(6, 10), Ends: day(6, 12)}
	for today, want := range map[model.Date]string{
		day(6, 9): "geplant", day(6, 10): "laufend", day(6, 12): "laufend", day(6, 13): "durchgeführt",
	} {
		if got := ConferenceMeetingState(d, today); got != want {
			t.Errorf("state on %s: %s, want %s", today, got, want)
		}
	}
}
