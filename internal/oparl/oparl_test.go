package oparl

import (
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
