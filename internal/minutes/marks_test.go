package minutes_test

import (
	"bytes"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// nestedMarksDocument has nested, unclosed and stray redaction marks in
// every text field the minutes render; everything confidential says
// SECRET.
func nestedMarksDocument() minutes.Document {
	nested := "Offen ⟦a ⟦b⟧ SECRET⟧ offen"
	d := &model.Decision{Kind: model.KindDecision, Number: model.DecisionNumber{Year: 2026, Seq: 4}, Label: "B-2026/04-IT",
		Title: "Titel ⟦x ⟦y⟧ SECRET⟧", Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig ⟦a ⟦b⟧ SECRET⟧",
		AdoptedOn: model.NewDate(2026, 3, 1), Points: []model.Point{{Label: "1.", Text: nested}, {Label: "2.", Text: "Zweitens ⟦SECRET ohne Ende"}}}
	return minutes.Document{Audience: model.Internal, Session: model.Session{Number: 50, Date: model.NewDate(2026, 3, 1), Place: "Berlin", Status: model.StatusMinutesDraft},
		WrittenProcedures: []model.Decision{{Kind: model.KindDecision, Label: "B-2026/01-IT", Status: model.DecisionAdopted,
			Title: "Umlauf ⟦⟦SECRET⟧ SECRET⟧", Result: "einstimmig", Points: []model.Point{{Label: "1.", Text: nested}}}},
		Sections: []minutes.Section{{Name: "Übergreifendes", Items: []minutes.Item{
			{AgendaItem: model.AgendaItem{Number: "03", Title: "Thema ⟦a ⟦b⟧ SECRET⟧", Points: []string{nested}, Goal: model.GoalDecision,
				Impact: model.Impact{Note: nested}},
				Rows: []minutes.Row{
					{Kind: minutes.RowDiscussion, Speaker: "HE", Points: []string{nested, "SECRET⟧ danach offen"}},
					{Kind: minutes.RowDecision, Decision: d},
					{Kind: minutes.RowNote, Speaker: "Hessen", Text: "Erste Zeile ⟦a\nb ⟦c⟧ SECRET⟧."},
					{Kind: minutes.RowText, RemarkKind: model.RemarkText, Text: nested},
				},
				FollowUps: []model.FollowUp{{Text: nested, Status: model.FollowUpOpen}}},
		}}}}
}

// TestNestedMarksNeverPublished renders the public minutes as text and PDF:
// no passage inside nested, unclosed or stray marks may appear.
func TestNestedMarksNeverPublished(t *testing.T) {
	pub := minutes.Redacted(nestedMarksDocument(), model.Public)
	if all := dump(pub); strings.Contains(all, "SECRET") || strings.Contains(all, model.RedactClose) {
		t.Errorf("public document holds a confidential passage: %s", all)
	}
	var buf bytes.Buffer
	if err := minutes.Export(&buf, pub); err != nil {
		t.Fatal(err)
	}
	t.Run("text", func(t *testing.T) {
		text := buf.String()
		if strings.Contains(text, "SECRET") || strings.Contains(text, model.RedactClose) {
			t.Errorf("public text export leaks:\n%s", text)
		}
		if !strings.Contains(text, "Offen [geschwärzt] offen") || !strings.Contains(text, "danach offen") {
			t.Errorf("public text export lost the public text:\n%s", text)
		}
	})
	t.Run("pdf", func(t *testing.T) {
		text := pdfText(t, renderPDF(t, pub))
		if strings.Contains(text, "SECRET") || strings.Contains(text, model.RedactClose) {
			t.Errorf("public PDF leaks:\n%s", text)
		}
		if !strings.Contains(text, "Offen [geschwärzt] offen") {
			t.Errorf("public PDF lost the public text:\n%s", text)
		}
	})
	t.Run("internal pdf", func(t *testing.T) {
		text := pdfText(t, renderPDF(t, nestedMarksDocument()))
		if !strings.Contains(text, "[vertraulich: a b SECRET]") {
			t.Errorf("internal PDF must show the nested passage as one:\n%s", text)
		}
	})
}

// TestImportUnbalancedMarks imports minutes whose confidentiality marks are
// nested, unclosed or stray: each line is reported, and the public version
// shows nothing that any reading of the marks makes confidential.
func TestImportUnbalancedMarks(t *testing.T) {
	in := strings.Join([]string{
		"50. Sitzung",
		"Datum: 01.03.2026",
		"TOP\tÜbergreifendes\tZiel\tQuelle\tBE",
		"03\t<p>Thema ⟦a ⟦b⟧ SECRET⟧</p>\tBeschluss\t\tHE",
		"ON\t<p>HE:</p> <ul><li>offen ⟦SECRET</li><li>SECRET auch</li></ul>\t\t\t",
		"ON\t<p>HH:</p> <ul><li>SECRET⟧ offen</li></ul>\t\t\t",
		"PN\t<p>Protokollnotiz (Berlin)</p> <p>offen [REDACTED] und ⟦[REDACTED]⟧</p>\t\t\t",
		"\t<div class=\"vermerk\"><p>Vermerk ⟦SECRET</p> <p>SECRET⟧ offen</p></div>\t\t\t",
		"04\t<p>Punkte</p>\tBeschluss\t⟦SECRET⟧\tHE, ⟦SECRET⟧",
		"PN\t<p>Protokollnotiz (⟦SECRET⟧)</p> <p>Text</p>\t\t\t",
		"BV\t<p>Beschluss (ohne Nummer)</p> <ol><li>1. Erstens ⟦SECRET. 2. SECRET. 3. SECRET⟧ offen.</li></ol>\t\t\t",
	}, "\n") + "\n"
	doc, warnings, err := minutes.Parse(strings.NewReader(in), minutes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := map[int]bool{}
	for _, w := range warnings {
		lines[w.Line] = true
	}
	for _, l := range []int{4, 5, 6, 9, 10} {
		if !lines[l] {
			t.Errorf("no warning for the marks on line %d; warnings: %v", l, warnings)
		}
	}
	if lines[7] || lines[8] {
		t.Errorf("balanced marks reported: %v", warnings)
	}
	for _, it := range doc.Items() {
		texts := append([]string{it.Title}, it.Points...)
		for _, r := range it.Rows {
			texts = append(texts, r.Text)
			texts = append(texts, r.Points...)
		}
		for _, s := range texts {
			if p, _ := model.CheckMarks(s); p != model.MarksOK {
				t.Errorf("imported text %q is stored with unbalanced marks: %v", s, p)
			}
		}
	}
	var buf bytes.Buffer
	if err := minutes.Export(&buf, minutes.Redacted(doc, model.Public)); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for _, secret := range []string{"SECRET", "[REDACTED]", model.RedactOpen, model.RedactClose} {
		if strings.Contains(text, secret) {
			t.Errorf("public export of the import contains %q:\n%s", secret, text)
		}
	}
	for _, want := range []string{"offen [geschwärzt]", "[geschwärzt] offen", "offen [geschwärzt] und [geschwärzt]", "1. Erstens [geschwärzt]",
		"2. [geschwärzt]", "3. [geschwärzt] offen."} {
		if !strings.Contains(text, want) {
			t.Errorf("public export lacks %q:\n%s", want, text)
		}
	}
}
