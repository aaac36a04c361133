package minutes_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

// roundTripDocument gives minutes of a session numbered n on date with a
// decision in every state a decision has: adopted with its number (with a
// confidential passage, votes, scope, another day), adopted without
// number, a proposal (Beschluss and Empfehlung), a rejected proposal, on
// a deferred item and beside a confidential row. label is the adopted
// decision's number in the body's pattern.
func roundTripDocument(n int, date model.Date, label string) minutes.Document {
	num, _ := model.ParseDecisionRef(label)
	adopted := &model.Decision{Kind: model.KindDecision, Number: num, Label: label, Title: "Eigener Titel", Status: model.DecisionAdopted,
		Scope: model.ScopeConsenting, Result: "einstimmig", AdoptedOn: date,
		Points: []model.Point{{Label: "1.", Text: "Erstens ⟦vertraulich⟧."}, {Label: "2.", Text: "Zweitens."}},
		Votes:  []model.Vote{{Member: "Bund", Choice: model.VoteYes}, {Member: "HE", Choice: model.VoteYes}}}
	recommendation := &model.Decision{Kind: model.KindRecommendation, Number: model.DecisionNumber{Year: num.Year, Seq: num.Seq + 1},
		Label: strings.Replace(label, "/01", "/02", 1), Title: "Empfehlung", Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Result: "mehrheitlich bei Gegenstimme von BY", AdoptedOn: model.NewDate(date.Year, date.Month, date.Day+1), Points: []model.Point{{Text: "Es wird empfohlen."}}}
	unnumbered := &model.Decision{Kind: model.KindDecision, Title: "Kenntnisnahme", Status: model.DecisionAdopted, Scope: model.ScopeAll,
		AdoptedOn: date, Points: []model.Point{{Text: "Zur Kenntnis genommen."}}}
	proposal := &model.Decision{Kind: model.KindDecision, Title: "Vorschlag", Status: model.DecisionDraft, Scope: model.ScopeAll,
		Points: []model.Point{{Text: "Noch offen."}}}
	proposalRec := &model.Decision{Kind: model.KindRecommendation, Title: "Empfehlungsvorschlag", Status: model.DecisionDraft, Scope: model.ScopeAll,
		Points: []model.Point{{Text: "Auch offen."}}}
	rejected := &model.Decision{Kind: model.KindDecision, Title: "Antrag", Status: model.DecisionRejected, Scope: model.ScopeAll,
		Result: "abgelehnt", AdoptedOn: model.NewDate(date.Year, date.Month, date.Day+2), Points: []model.Point{{Text: "Abgelehnt."}}}
	return minutes.Document{Audience: model.Internal, Session: model.Session{Number: n, Date: date, Place: "Berlin"},
		Sections: []minutes.Section{{Name: "Übergreifendes", Items: []minutes.Item{
			{AgendaItem: model.AgendaItem{Number: "01", Title: "Beschlüsse", Goal: model.GoalDecision, Reporters: []string{"HE"}},
				Rows: []minutes.Row{
					{Kind: minutes.RowDecision, Decision: adopted},
					{Kind: minutes.RowDiscussion, Speaker: "HE", Points: []string{"geheim"}, Confidential: true},
					{Kind: minutes.RowDecision, Decision: recommendation},
					{Kind: minutes.RowDecision, Decision: unnumbered},
				}},
			{AgendaItem: model.AgendaItem{Number: "02", Title: "Offen", Goal: model.GoalDecision, Deferral: model.Deferral{To: n + 1, Reason: "Unterlagen fehlen"}},
				Rows: []minutes.Row{
					{Kind: minutes.RowDecision, Decision: proposal},
					{Kind: minutes.RowDecision, Decision: proposalRec},
					{Kind: minutes.RowDecision, Decision: rejected},
				}},
		}}}}
}

// TestExportImportRoundTrip: minutes exported as text and imported again
// (gremium import minutes, the web import: Parse, then Save) are the same
// minutes — the same decisions with their numbers, states, results,
// votes, dates and confidential passages — and the import changes
// nothing, for the IT-PLR and for the AL-Runde. Before, the AL-Runde's
// adopted Beschlussempfehlung (its decisions are internal, so not
// model.Decision.Public) was written as "Beschlussvorschlag" without its
// number, and the import made it a proposal again.
func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := demotest.Store(t)
	for _, tc := range []struct {
		abbrev, label string
	}{
		{itplr.CouncilAbbrev, "B-2027/01-IT"},
		{itplr.PrepAbbrev, "BE-2027/01-AL"},
	} {
		t.Run(tc.abbrev, func(t *testing.T) {
			body, err := st.BodyByAbbrev(ctx, tc.abbrev)
			if err != nil {
				t.Fatal(err)
			}
			doc := roundTripDocument(90, model.NewDate(2027, 3, 1), tc.label)
			id, _, err := minutes.Save(ctx, st, body.ID, doc)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := minutes.Load(ctx, st, id, model.Internal)
			if err != nil {
				t.Fatal(err)
			}
			text := exportText(t, stored)
			opts, err := minutes.StoredOptions(ctx, st, body.ID)
			if err != nil {
				t.Fatal(err)
			}
			again, warnings, err := minutes.Parse(strings.NewReader(text), opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(warnings) > 0 {
				t.Errorf("re-parsing the export warns: %v", warnings)
			}
			if got, want := minutes.Comparable(again), minutes.Comparable(stored); !reflect.DeepEqual(got, want) {
				t.Errorf("import(export(x)) differs from x:\n got %s\nwant %s\nexport:\n%s", decisions(got), decisions(want), text)
			}
			if _, outcome, err := minutes.Save(ctx, st, body.ID, again); err != nil || outcome != minutes.Unchanged {
				t.Errorf("importing the export again: %s, %v", outcome, err)
			}
			// The public file has no confidential byte: no passage, no
			// confidential row, no proposal; the AL-Runde has none.
			public, err := minutes.Load(ctx, st, id, model.Public)
			if err != nil {
				t.Fatal(err)
			}
			pub := exportText(t, public)
			for _, secret := range []string{"⟦", "vertraulich", "geheim", "Beschlussvorschlag", "BE-2027"} {
				if strings.Contains(pub, secret) {
					t.Errorf("the public export holds %q:\n%s", secret, pub)
				}
			}
		})
	}
}

// TestExportNamesRecommendations: the text export names an AL-Runde
// decision as every surface does, a Beschlussempfehlung with its number,
// and says which kind of proposal it recommends on (that kind's majority
// applies), "(zu einer Empfehlung)".
func TestExportNamesRecommendations(t *testing.T) {
	ctx := context.Background()
	st := demotest.Store(t)
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := minutes.Save(ctx, st, prep.ID, roundTripDocument(90, model.NewDate(2027, 3, 1), "BE-2027/01-AL"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := minutes.Load(ctx, st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	text := exportText(t, doc)
	for _, want := range []string{"<p>Beschlussempfehlung BE-2027/01-AL</p>", "<p>Beschlussempfehlung BE-2027/02-AL (zu einer Empfehlung)</p>",
		"<p>Beschlussempfehlung (ohne Nummer)</p>", "<p>Ausgesprochen am: 02.03.2027</p>", "<p>Abgelehnt am: 03.03.2027</p>"} {
		if !strings.Contains(text, want) {
			t.Errorf("export lacks %q:\n%s", want, text)
		}
	}
}

func exportText(t *testing.T, doc minutes.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := minutes.Export(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// decisions lists a document's decisions for a failure message.
func decisions(doc minutes.Document) string {
	var b strings.Builder
	for _, it := range doc.Items() {
		for _, r := range it.Rows {
			if d := r.Decision; d != nil {
				b.WriteString("\n  " + string(d.Kind) + " " + d.Label + " " + string(d.Status) + " " + d.AdoptedOn.German() + " " + d.Result)
			}
		}
	}
	return b.String()
}

// TestReimportKeepsDecisionCorrections: a correction (Berichtigung) of a
// decision is no part of the minutes text — the minutes give the decision
// as adopted (CorrectionNote) — so the export does not write it, and
// importing the minutes again, unchanged or changed elsewhere, keeps it.
func TestReimportKeepsDecisionCorrections(t *testing.T) {
	ctx := context.Background()
	st := demotest.Store(t)
	body, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := minutes.Save(ctx, st, body.ID, roundTripDocument(90, model.NewDate(2027, 3, 1), "B-2027/01-IT"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.DecisionByNumber(ctx, body.ID, model.DecisionNumber{Year: 2027, Seq: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: d.ID, Title: "Berichtigter Titel", Reason: "Schreibfehler", By: "gs"}); err != nil {
		t.Fatal(err)
	}
	stored, err := minutes.Load(ctx, st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	text := exportText(t, stored)
	if strings.Contains(text, "Berichtigter Titel") || !strings.Contains(text, "Titel: Eigener Titel") {
		t.Errorf("the export does not give the decision as adopted:\n%s", text)
	}
	opts, err := minutes.StoredOptions(ctx, st, body.ID)
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := minutes.Parse(strings.NewReader(text), opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, outcome, err := minutes.Save(ctx, st, body.ID, again); err != nil || outcome != minutes.Unchanged {
		t.Fatalf("importing the export again: %s, %v", outcome, err)
	}
	// Changed elsewhere: the decision keeps its id and its correction.
	again.Sections[0].Items[0].Rows[1].Points = []string{"geheim, ergänzt"}
	if _, outcome, err := minutes.Save(ctx, st, body.ID, again); err != nil || outcome != minutes.Updated {
		t.Fatalf("importing changed minutes: %s, %v", outcome, err)
	}
	after, err := st.DecisionByNumber(ctx, body.ID, model.DecisionNumber{Year: 2027, Seq: 1})
	if err != nil {
		t.Fatal(err)
	}
	if after.ID != d.ID || len(after.Corrections) != 1 || after.Corrections[0].Title != "Berichtigter Titel" {
		t.Errorf("after the import: decision %d (was %d), corrections %+v", after.ID, d.ID, after.Corrections)
	}
}
