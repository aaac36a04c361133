package minutes_test

import (
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestProposalReadsOnItsOwn: a follow-up proposed from a decision's later
// point ("Er bittet BY, …") offers its task with the body named ("Der
// IT-Planungsrat bittet BY, …"): on the follow-up list, outside the
// minutes, "Er" named nobody (a review of a session day found "Er bittet
// BY, zur 49. Sitzung erneut zu berichten." on the public list). The
// sentence, and with it the proposal's key, stays the minutes' own; a
// follow-up recorded by hand with the task's words covers the proposal;
// a written procedure's point reads the same. A body of another gender
// takes its pronoun ("Sie" for a conference).
func TestProposalReadsOnItsOwn(t *testing.T) {
	council := itplr.Council()
	dec := model.Decision{ID: 9, Status: model.DecisionAdopted, Kind: model.KindDecision, Title: "Unternehmenskonto",
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Bericht zur Kenntnis."},
			{Label: "2.", Text: "Er bittet BY, zur 49. Sitzung erneut zu berichten."}}}
	doc := minutes.Document{Body: council, Session: model.Session{Number: 48}, Sections: []minutes.Section{{Name: "Themen", Items: []minutes.Item{
		{AgendaItem: model.AgendaItem{ID: 1, Number: "01", Title: "Unternehmenskonto"}, Rows: []minutes.Row{{Kind: minutes.RowDecision, Decision: &dec, ID: dec.ID}}}}}}}
	props := minutes.NewDeriver(itplr.Members()).Propose(doc)
	if len(props) != 1 {
		t.Fatalf("proposals: %+v", props)
	}
	p := props[0]
	want := "Der IT-Planungsrat bittet BY, zur 49. Sitzung erneut zu berichten."
	if p.Text != want || p.FollowUp().Text != want {
		t.Errorf("task: %q, follow-up %q; want %q", p.Text, p.FollowUp().Text, want)
	}
	if p.Sentence != "Er bittet BY, zur 49. Sitzung erneut zu berichten." {
		t.Errorf("the minutes' sentence changed: %q", p.Sentence)
	}
	doc.Sections[0].Items[0].FollowUps = []model.FollowUp{{ID: 4, Text: want, Responsible: "BY"}}
	if props := minutes.NewDeriver(itplr.Members()).Propose(doc); len(props) != 0 {
		t.Errorf("recorded with the task's words, proposed again: %+v", props)
	}
	doc.Sections = nil
	doc.WrittenProcedures = []model.Decision{dec}
	if props := minutes.NewDeriver(itplr.Members()).Propose(doc); len(props) != 1 || props[0].Text != want {
		t.Errorf("written procedure: %+v", props)
	}
	conf := model.Body{Abbrev: "IMK", Name: "Innenministerkonferenz"}
	for _, tt := range []struct {
		body     model.Body
		in, want string
	}{
		{conf, "Sie bittet die FITKO, zu berichten.", "Die Innenministerkonferenz bittet die FITKO, zu berichten."},
		{conf, "Er bittet die FITKO, zu berichten.", "Er bittet die FITKO, zu berichten."},
		{council, "Die FITKO berichtet.", "Die FITKO berichtet."},
		{model.Body{}, "Er bittet BY.", "Er bittet BY."},
	} {
		if got := minutes.Standalone(tt.in, tt.body); got != tt.want {
			t.Errorf("Standalone(%q, %s) = %q, want %q", tt.in, tt.body.Abbrev, got, tt.want)
		}
	}
}
