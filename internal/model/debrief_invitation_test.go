package model

import "testing"

// TestDebriefInvitation pins the invitation to a debrief word for word:
// the secretariat's debrief page drafts it and the demo sends it, each
// once with a copy of its own (which could drift apart); both now call
// DebriefInvitation. With a day the place stands in brackets before
// "herzlich ein", without one on a line of its own; the decisions are
// named as the public reads them.
func TestDebriefInvitation(t *testing.T) {
	se := Session{Number: 47, Date: NewDate(2025, 6, 26)}
	conferences := []DebriefConference{
		{Name: "Finanzministerkonferenz", Presentations: []DebriefPresentation{
			{Decision: Decision{Label: "B-2025/27-IT", Title: "Gemeinsame EfA-Finanzierung"}, Presenter: "Hessen"},
			{Decision: Decision{Label: "B-2025/28-IT", Title: "Registermodernisierung " + RedactOpen + "intern" + RedactClose}, Presenter: "Bayern"},
		}},
		{Name: "Innenministerkonferenz", Presentations: []DebriefPresentation{
			{Decision: Decision{Label: "B-2025/28-IT", Title: "Registermodernisierung"}, Presenter: "Frau Beispiel"},
		}},
	}
	const decisions = "\n\nVorgestellt werden die für Ihre Konferenz relevanten Beschlüsse, jeweils durch das einreichende Mitglied:\n" +
		"\nFinanzministerkonferenz:\n" +
		"- B-2025/27-IT Gemeinsame EfA-Finanzierung (Vorstellung: Hessen)\n" +
		"- B-2025/28-IT Registermodernisierung " + RedactedPlaceholder + " (Vorstellung: Bayern)\n" +
		"\nInnenministerkonferenz:\n" +
		"- B-2025/28-IT Registermodernisierung (Vorstellung: Frau Beispiel)\n" +
		"\nMit freundlichen Grüßen\nGeschäftsstelle des IT-Planungsrats (FITKO)"
	for _, tt := range []struct {
		name string
		d    Debrief
		want string
	}{
		{"dated", Debrief{HeldOn: NewDate(2026, 12, 16), StartTime: "10:00", EndTime: "11:30", Place: "Videokonferenz", Link: "https://video.example/47"},
			"Sehr geehrte Damen und Herren,\n\nzur Nachbesprechung der 47. Sitzung des IT-Planungsrats vom 26.06.2025 laden wir die Geschäftsstellen der Fachministerkonferenzen am 16.12.2026, 10:00 bis 11:30 Uhr (Videokonferenz) herzlich ein." +
				"\n\nZur Teilnahme: https://video.example/47" + decisions},
		{"undated", Debrief{Place: "Videokonferenz"},
			"Sehr geehrte Damen und Herren,\n\nzur Nachbesprechung der 47. Sitzung des IT-Planungsrats vom 26.06.2025 laden wir die Geschäftsstellen der Fachministerkonferenzen herzlich ein.\nOrt: Videokonferenz" + decisions},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := DebriefInvitation(se, tt.d, conferences); got != tt.want {
				t.Errorf("DebriefInvitation:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
	if got, want := DebriefInvitationSubject(se), "Einladung zur Nachbesprechung der 47. Sitzung des IT-Planungsrats"; got != want {
		t.Errorf("DebriefInvitationSubject = %q, want %q", got, want)
	}
}
