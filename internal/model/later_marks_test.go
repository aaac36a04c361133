package model

import (
	"strings"
	"testing"
)

func TestMarkAsLater(t *testing.T) {
	for _, c := range []struct{ name, earlier, later, want string }{
		{"nothing marked later", "Kosten von 5 Mio Euro", "Kosten von 4 Mio Euro", "Kosten von 5 Mio Euro"},
		{"a passage marked", "Vertrag mit Firma Muster GmbH geschlossen", "Vertrag mit Firma ⟦Muster GmbH⟧ geschlossen", "Vertrag mit Firma ⟦Muster GmbH⟧ geschlossen"},
		{"a word replaced by a marked one", "Kosten von 5 Mio Euro", "Kosten von ⟦4,8 Mio⟧ Euro", "Kosten von ⟦5 Mio⟧ Euro"},
		{"a run dropped beside a marked word", "an Herrn Maier und Frau Roth gesandt", "an ⟦Frau Roth⟧ gesandt", "an ⟦Herrn Maier und Frau Roth⟧ gesandt"},
		{"a word marked in part", "gezeichnet Muster, Referat 3", "gezeichnet ⟦Muster⟧, Referat 3", "gezeichnet ⟦Muster⟧, Referat 3"},
		{"a replaced word marked in part", "bis zu 40.000 Euro. Danach", "bis zu ⟦40.700,00 Euro⟧. Danach", "bis zu ⟦40.000 Euro⟧. Danach"},
		{"earlier marks kept", "⟦Geheim⟧ und Muster", "Geheim und ⟦Muster⟧", "⟦Geheim⟧ und ⟦Muster⟧"},
		{"line breaks kept", "erste Zeile Name\nzweite Zeile", "erste Zeile ⟦Name⟧\nzweite Zeile", "erste Zeile ⟦Name⟧\nzweite Zeile"},
		{"everything marked", "alles", "⟦alles neu⟧", "⟦alles⟧"},
		{"empty earlier", "", "⟦neu⟧", ""},
	} {
		if got := MarkAsLater(c.earlier, c.later); got != c.want {
			t.Errorf("%s: MarkAsLater(%q, %q) = %q, want %q", c.name, c.earlier, c.later, got, c.want)
		}
	}
}

func TestMarkPartsAsLater(t *testing.T) {
	// A point moved and a point split: the words are still found.
	earlier := []string{"Der IT-Planungsrat beschließt.", "Er beauftragt Firma Muster mit der Umsetzung bis 2027."}
	later := []string{"Er beauftragt Firma ⟦Muster⟧", "mit der Umsetzung bis 2027.", "Der IT-Planungsrat beschließt."}
	got := MarkPartsAsLater(earlier, later)
	if got[0] != earlier[0] || got[1] != "Er beauftragt Firma ⟦Muster⟧ mit der Umsetzung bis 2027." {
		t.Errorf("MarkPartsAsLater = %q", got)
	}
	// Too long to align: every word the later text marks is marked.
	long := strings.Repeat("Wort ", 1200)
	got = MarkPartsAsLater([]string{long + "Name " + long}, []string{"andere " + long + "⟦Name⟧ " + strings.Repeat("Text ", 1200)})
	if PublicText(got[0]) == got[0] || strings.Contains(PublicText(got[0]), "Name") {
		t.Errorf("long text: the marked word is published")
	}
}

// TestCorrectionBlacksOutEarlierVersions: a correction that marks a
// passage confidential marks it in the versions before it, for the
// decision (as adopted and as first corrected) and for a minutes row.
func TestCorrectionBlacksOutEarlierVersions(t *testing.T) {
	d := Decision{Status: DecisionAdopted, Title: "Vertrag mit Muster GmbH", Points: []Point{{Label: "1.", Text: "Kosten 5 Mio Euro"}},
		Corrections: []DecisionCorrection{
			{Version: 1, Title: "Vertrag mit Muster GmbH (berichtigt)", Points: []Point{{Label: "1.", Text: "Kosten 5,2 Mio Euro"}}},
			{Version: 2, Title: "Vertrag mit ⟦Muster GmbH⟧ (berichtigt)", Points: []Point{{Label: "1.", Text: "Kosten ⟦5,2 Mio⟧ Euro"}}},
		}}
	pub, ok := Public.Decision(d)
	if !ok {
		t.Fatal("adopted decision not public")
	}
	texts := []string{pub.Title, pub.Points[0].Text}
	for _, c := range pub.Corrections {
		texts = append(texts, c.Title, c.Points[0].Text)
	}
	for _, s := range texts {
		if strings.Contains(s, "Muster") || strings.Contains(s, "Mio") {
			t.Errorf("published: %q", s)
		}
	}
	if d.Title != "Vertrag mit Muster GmbH" || d.Corrections[0].Points[0].Text != "Kosten 5,2 Mio Euro" {
		t.Error("the caller's decision was changed")
	}
	if in, _ := Internal.Decision(d); in.Title != d.Title {
		t.Errorf("internal title changed: %q", in.Title)
	}

	cs := []MinutesCorrection{
		{RowKind: "ON", RowID: 1, Status: CorrectionApproved, Before: "Herr Maier berichtet", After: "Herr Maier berichtet ausführlich", Reason: "Ergänzung"},
		{RowKind: "ON", RowID: 2, Status: CorrectionApproved, Before: "Frau Roth", After: "Frau Roth fragt"},
		{RowKind: "ON", RowID: 1, Status: CorrectionApproved, Before: "Herr Maier berichtet ausführlich", After: "Herr ⟦Maier⟧ berichtet ausführlich", Reason: "Schwärzung"},
		{RowKind: "ON", RowID: 1, Status: CorrectionProposed, Before: "Herr ⟦Maier⟧ berichtet ausführlich", After: "Herr Maier"},
	}
	got := Public.MinutesCorrections(cs)
	if len(got) != 3 {
		t.Fatalf("public corrections: %d, want 3", len(got))
	}
	for _, c := range got {
		if strings.Contains(c.Before+c.After, "Maier") {
			t.Errorf("published: %q → %q", c.Before, c.After)
		}
	}
	if got[1].Before != "Frau Roth" {
		t.Errorf("another row was marked: %q", got[1].Before)
	}
	if cs[0].Before != "Herr Maier berichtet" {
		t.Error("the caller's corrections were changed")
	}
}

// FuzzMarkAsLater: the earlier text keeps its words, its own confidential
// passages and, when the later text only added marks, reads to the public
// exactly as the later text does.
func FuzzMarkAsLater(f *testing.F) {
	f.Add("Vertrag mit Firma Muster GmbH", 3, 2)
	f.Add("a b\nc  d, e.", 0, 5)
	f.Add("⟦x⟧ y z", 1, 1)
	f.Fuzz(func(t *testing.T, text string, from, n int) {
		earlier, _ := BalanceMarks(text)
		words := strings.Fields(InternalText(earlier))
		if len(words) == 0 || from < 0 || n < 1 || from >= len(words) {
			return
		}
		end := min(from+n, len(words))
		later := strings.Join(words[:from], " ")
		if from > 0 {
			later += " "
		}
		later += Redact(strings.Join(words[from:end], " "))
		if end < len(words) {
			later += " " + strings.Join(words[end:], " ")
		}
		got := MarkAsLater(earlier, later)
		if InternalText(got) != InternalText(earlier) {
			t.Fatalf("words changed: %q → %q", earlier, got)
		}
		if strings.Join(strings.Fields(InternalText(earlier)), " ") != InternalText(earlier) {
			return // other spaces than the later text's: only the marks are compared below
		}
		for _, secret := range words[from:end] {
			if strings.Contains(" "+PublicText(got)+" ", " "+secret+" ") && !strings.Contains(" "+PublicText(later)+" ", " "+secret+" ") {
				t.Fatalf("%q published in %q (later %q)", secret, PublicText(got), later)
			}
		}
		for _, p := range Passages(earlier) {
			if p.Confidential && p.Text != "" && strings.Contains(PublicText(got), p.Text) && !strings.Contains(PublicText(earlier), p.Text) {
				t.Fatalf("a passage of the earlier text lost its mark: %q → %q", earlier, got)
			}
		}
	})
}
