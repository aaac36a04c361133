package minutes_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

func roundTrip(t *testing.T, doc minutes.Document) (minutes.Document, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := minutes.Export(&buf, doc); err != nil {
		t.Fatal(err)
	}
	again, warnings, err := minutes.Parse(bytes.NewReader(buf.Bytes()), itplrOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("re-parsing the export warns: %v", warnings)
	}
	return again, buf.String()
}

func TestExportRoundTripSeed(t *testing.T) {
	doc, _ := parseSeed(t)
	again, text := roundTrip(t, doc)
	if !reflect.DeepEqual(minutes.Comparable(again), minutes.Comparable(doc)) {
		t.Fatalf("import(export(x)) differs from x; export:\n%s", text)
	}
	// The layout is the published one.
	for _, want := range []string{"Datum: 26.06.2025", "TOP\tInformationssicherheit\tZiel\tQuelle\tBE", "TOP\tThema\tZiel\tQuelle\tBE",
		"08\t<p>Steuerungsgruppe NOOTS</p>", "\tBeschluss\tB-2025/13-IT\tHH", `<input checked="" type="checkbox"/> Beschluss`,
		"PN\t<p>Protokollnotiz (Berlin)</p>", "BV\t<p>Beschluss B-2025/26-IT</p>", "[unleserlich]"} {
		if !strings.Contains(text, want) {
			t.Errorf("export lacks %q", want)
		}
	}
	// The public text export is German: the importer's English marker is
	// read, never written.
	if strings.Contains(text, "[illegible]") {
		t.Error("the export writes the English marker [illegible]")
	}
}

// TestExportRoundTripEdgeCases covers what the seed does not: confidential
// contributions and notes, votes, scope, recommendations, items without
// number but with a title, texts with markup characters.
func TestExportRoundTripEdgeCases(t *testing.T) {
	d := &model.Decision{Kind: model.KindRecommendation, Number: model.DecisionNumber{Year: 2026, Seq: 3}, Label: "B-2026/03-IT",
		Title: "Eigener Titel", Status: model.DecisionAdopted, Scope: model.ScopeConsenting, Result: "mehrheitlich bei Gegenstimmen von BY",
		AdoptedOn: model.NewDate(2026, 3, 2), Points: []model.Point{{Label: "1.", Text: "Erstens <wichtig> & gut."}, {Label: "2.", Text: "Zweitens."}},
		Votes: []model.Vote{{Member: "Bund", Choice: model.VoteYes}, {Member: "BY", Choice: model.VoteNo}, {Member: "HE", Choice: model.VoteAbstain}}}
	rejected := &model.Decision{Kind: model.KindDecision, Status: model.DecisionRejected, Scope: model.ScopeAll, Result: "abgelehnt",
		AdoptedOn: model.NewDate(2026, 3, 1), Title: "Antrag", Points: []model.Point{{Text: "Ein Antrag ohne Nummer."}}}
	// A proposal is written as "Beschlussvorschlag" (without number) and
	// read back as one.
	proposal := &model.Decision{Kind: model.KindRecommendation, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Vorschlag", Points: []model.Point{{Label: "1.", Text: "Noch offen."}}}
	doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 50, Date: model.NewDate(2026, 3, 1), Place: "Berlin"},
		Sections: []minutes.Section{{Name: "Übergreifendes", Items: []minutes.Item{
			{AgendaItem: model.AgendaItem{Number: "", Title: "Antrag", Goal: model.GoalDecision, Reporters: []string{"HE"}},
				Rows: []minutes.Row{
					{Kind: minutes.RowDecision, Decision: rejected},
					{Kind: minutes.RowDecision, Decision: proposal},
					{Kind: minutes.RowText, RemarkKind: model.RemarkText, Text: "wird vertagt"},
				}},
			// Vertagung: an item deferred here, one deferred away (with a
			// reason and a confidential passage in it), one both.
			{AgendaItem: model.AgendaItem{Number: "04", Title: "Vertagt", Deferral: model.Deferral{To: 51, Reason: "Unterlagen <fehlen> ⟦noch⟧"}}},
			{AgendaItem: model.AgendaItem{Number: "05", Title: "Aus der 49.", Deferral: model.Deferral{From: 49}}},
			{AgendaItem: model.AgendaItem{Number: "06", Title: "Weiter", Deferral: model.Deferral{From: 48, To: 52}}},
			{AgendaItem: model.AgendaItem{Number: "03a", Title: "Tabs\tund \"Zeichen\"", Points: []string{"a", "b ⟦geheim⟧"}, Flags: model.ItemFlags{FollowUp: true}},
				Rows: []minutes.Row{
					{Kind: minutes.RowDiscussion, Speaker: "HE", Points: []string{"offen", "Vertraulich: ⟦HE stimmt zu⟧."}},
					{Kind: minutes.RowDiscussion, Speaker: "BMDS", Points: []string{"geheim"}, Confidential: true},
					{Kind: minutes.RowDecision, Decision: d},
					{Kind: minutes.RowNote, Speaker: "Hessen", Text: "Erste Zeile.\nZweite Zeile.", Confidential: true},
					{Kind: minutes.RowText, RemarkKind: model.RemarkRaw, Text: "unplatzierbar\n1. Punkt."},
					{Kind: minutes.RowText, RemarkKind: model.RemarkIllegible, Text: "[illegible]"},
				}},
		}}}}
	again, text := roundTrip(t, doc)
	for _, head := range []string{"<p>abgelehnter Beschlussvorschlag</p>", "<p>Beschlussvorschlag (Empfehlung)</p>", "Protokoll – Entwurf",
		"Vertagt auf die 51. Sitzung – Grund: Unterlagen &lt;fehlen&gt; ⟦noch⟧", "Vertagt aus der 49. Sitzung", "Vertagt aus der 48. Sitzung; vertagt auf die 52. Sitzung"} {
		if !strings.Contains(text, head) {
			t.Errorf("export lacks %q", head)
		}
	}
	want := minutes.Comparable(doc)
	want.Sections[0].Items[4].Title = "Tabs und \"Zeichen\"" // a tab is a cell separator
	if got := minutes.Comparable(again); !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v\nexport:\n%s", got, want, text)
	}
}

func TestPublicExportHidesRedactions(t *testing.T) {
	doc := demo.Session47Document()
	var buf bytes.Buffer
	pub := doc
	pub.Audience = model.Public
	// Build the public version as Load does: texts redacted, confidential rows emptied.
	pub = minutes.Redacted(doc, model.Public)
	if err := minutes.Export(&buf, pub); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if strings.Contains(text, "[REDACTED]") || strings.Contains(text, "⟦") || strings.Contains(text, "vollständig geschwärzt") {
		t.Errorf("public export leaks a redacted passage")
	}
	if !strings.Contains(text, "[geschwärzt]") || !strings.Contains(text, "background-color: black") {
		t.Errorf("public export must show where text was redacted")
	}
}

// TestExportLeavesOutBlankRows: a contribution or Protokollnotiz without
// text (a speaker put on record on the live page, nothing typed yet) is
// not written — the internal text export printed "HE:" and nothing — and
// the export still reads back as the minutes it prints.
func TestExportLeavesOutBlankRows(t *testing.T) {
	doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 50, Date: model.NewDate(2026, 3, 1), Place: "Berlin"},
		Sections: []minutes.Section{{Name: "Übergreifendes", Items: []minutes.Item{
			{AgendaItem: model.AgendaItem{Number: "03", Title: "Zeitplan", Goal: model.GoalNoting},
				Rows: []minutes.Row{
					{Kind: minutes.RowDiscussion, Speaker: "HE"},
					{Kind: minutes.RowDiscussion, Speaker: "BY", Points: []string{"Bayern berichtet."}},
					{Kind: minutes.RowDiscussion, Speaker: "SN", Points: []string{" "}, Confidential: true},
					{Kind: minutes.RowNote, Speaker: "Berlin", Text: "  "},
					{Kind: minutes.RowNote, Speaker: "Hessen", Text: "Hessen gibt eine Protokollnotiz."},
				}},
		}}}}
	again, text := roundTrip(t, doc)
	for _, blank := range []string{"<p>HE:</p>", "<p>SN:</p>", "Protokollnotiz (Berlin)"} {
		if strings.Contains(text, blank) {
			t.Errorf("the export writes the blank row %q:\n%s", blank, text)
		}
	}
	want := minutes.Comparable(doc.Printed())
	if rows := want.Sections[0].Items[0].Rows; len(rows) != 2 {
		t.Fatalf("Printed keeps %d rows, want the two with text: %+v", len(rows), rows)
	}
	if got := minutes.Comparable(again); !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v\nexport:\n%s", got, want, text)
	}
	if n := len(doc.Sections[0].Items[0].Rows); n != 5 {
		t.Errorf("Printed changed the document it was given: %d rows", n)
	}
}

// TestInternalExportSaysWhatTheSourceBlackedOut: the internal text export
// wrote a passage the source blacked out as "⟦[REDACTED]⟧", the source
// tool's English; it writes "⟦im Quelldokument geschwärzt⟧", and reading
// the export back gives the minutes stored (the source's marker).
func TestInternalExportSaysWhatTheSourceBlackedOut(t *testing.T) {
	doc, _ := parseSeed(t)
	again, text := roundTrip(t, doc)
	if strings.Contains(text, "REDACTED") || !strings.Contains(text, model.Redact(model.SourceRedactionShown)) {
		t.Errorf("the internal export does not say in German what the source blacked out:\n%s", text)
	}
	if !reflect.DeepEqual(minutes.Comparable(again), minutes.Comparable(doc)) {
		t.Error("reading the export back does not give the minutes stored")
	}
}
