package model

import (
	"strings"
	"testing"
)

// TestCountBasis: the line under a counted result names the table once;
// before, the minutes read "Königsteiner Schlüssel 2016 – angenommen: …
// (Königsteiner Schlüssel 2016)".
func TestCountBasis(t *testing.T) {
	for _, c := range []struct {
		d    Decision
		want string
	}{
		{Decision{}, ""},
		{Decision{CountReason: "angenommen: einstimmig"}, ""},
		{Decision{SharesYear: 2016}, "Königsteiner Schlüssel 2016"},
		{Decision{SharesYear: 2016, CountReason: "angenommen: Bund und 16 Länder mit 100,0 % der Finanzierungsanteile (Königsteiner Schlüssel 2016)"},
			"angenommen: Bund und 16 Länder mit 100,0 % der Finanzierungsanteile (Königsteiner Schlüssel 2016)"},
		{Decision{SharesYear: 2016, CountReason: "abgelehnt: nur 10 Länder stimmen zu (nötig: 11)"},
			"Königsteiner Schlüssel 2016 – abgelehnt: nur 10 Länder stimmen zu (nötig: 11)"},
	} {
		if got := c.d.CountBasis(); got != c.want {
			t.Errorf("CountBasis(%d, %q) = %q, want %q", c.d.SharesYear, c.d.CountReason, got, c.want)
		}
	}
}

// Outcome names a decision by its kind: an Empfehlung is no Beschluss.
func TestDecisionOutcomeNamesTheKind(t *testing.T) {
	for _, c := range []struct {
		d    Decision
		want string
	}{
		{Decision{Kind: KindDecision, Status: DecisionAdopted, Label: "B-2026/3-IT"}, "Der Beschluss B-2026/3-IT ist gefasst."},
		{Decision{Kind: KindRecommendation, Status: DecisionAdopted, Label: "E-2026/1-IT"}, "Die Empfehlung E-2026/1-IT ist ausgesprochen."},
		{Decision{Kind: KindRecommendation, Status: DecisionAdopted}, "Die Empfehlung ist ausgesprochen."},
		{Decision{Kind: KindRecommendation, Status: DecisionRejected}, "Der Empfehlungsvorschlag ist nicht angenommen."},
		{Decision{Kind: KindDecision, Status: DecisionRejected}, "Der Beschlussvorschlag ist nicht angenommen."},
	} {
		if got := c.d.Outcome(); got != c.want {
			t.Errorf("%s %s: Outcome() = %q, want %q", c.d.Kind, c.d.Status, got, c.want)
		}
	}
	if got := KindRecommendation.Label(); got != "Empfehlung" {
		t.Errorf("label of an Empfehlung: %q", got)
	}
}

// TestStatusNamesTheKind: an adopted Empfehlung is "ausgesprochen", not
// "beschlossen" (the decision page said "Status beschlossen" of one), and
// a rejected proposal's day is the day it was rejected, not "Beschlossen
// am".
func TestStatusNamesTheKind(t *testing.T) {
	for _, c := range []struct {
		d                          Decision
		status, heading, decidedOn string
	}{
		{Decision{Kind: KindDecision, Status: DecisionAdopted}, "beschlossen", "Beschlossen", "Beschlossen am"},
		{Decision{Kind: KindRecommendation, Status: DecisionAdopted}, "ausgesprochen", "Ausgesprochen", "Ausgesprochen am"},
		{Decision{Kind: KindRecommendation, Status: DecisionRejected}, "abgelehnt", "Abgelehnt", "Abgelehnt am"},
		{Decision{Kind: KindDecision, Status: DecisionRejected}, "abgelehnt", "Abgelehnt", "Abgelehnt am"},
		{Decision{Kind: KindRecommendation, Status: DecisionDraft}, "Empfehlungsvorschlag", "Empfehlungsvorschlag", ""},
	} {
		if got := c.d.StatusLabel(); got != c.status {
			t.Errorf("%s %s: StatusLabel() = %q, want %q", c.d.Kind, c.d.Status, got, c.status)
		}
		if got := c.d.StatusHeading(); got != c.heading {
			t.Errorf("%s %s: StatusHeading() = %q, want %q", c.d.Kind, c.d.Status, got, c.heading)
		}
		if got := c.d.DecidedOnLabel(); got != c.decidedOn {
			t.Errorf("%s %s: DecidedOnLabel() = %q, want %q", c.d.Kind, c.d.Status, got, c.decidedOn)
		}
	}
	if KindRecommendation.TextName() != "Empfehlungstext" || KindDecision.TextName() != "Beschlusstext" {
		t.Error("the text's name by kind")
	}
}

// TestCorrectionThatChangesNothing: a correction of a decision with the
// current title and points — as the correction form gives them, "1. …",
// also for points stored without labels — changes nothing and is refused
// at its field, compared as a minutes correction is (SameText); a changed
// point, a changed title or a changed label is a correction. Before, the
// same text was kept as "Berichtigt 1-mal".
func TestCorrectionThatChangesNothing(t *testing.T) {
	d := Decision{Title: "Föderales Datenportal", Points: []Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt das Portal."}, {Label: "2.", Text: "Er bittet FITKO um den Betrieb."}}}
	unlabelled := d
	unlabelled.Points = []Point{{Text: "Der IT-Planungsrat beschließt das Portal."}, {Text: "Er bittet FITKO um den Betrieb."}}
	same := NumberedPoints([]string{"1. Der IT-Planungsrat beschließt das Portal.", "2. Er bittet FITKO um den Betrieb. "})
	for _, c := range []struct {
		name  string
		d     Decision
		c     DecisionCorrection
		field string // "" when it is a correction
	}{
		{"the same points", d, DecisionCorrection{Points: same, Reason: "x"}, "punkte"},
		{"the same points, stored without labels", unlabelled, DecisionCorrection{Points: same, Reason: "x"}, "punkte"},
		{"the same title", d, DecisionCorrection{Title: " Föderales Datenportal", Reason: "x"}, "titel"},
		{"the same title and points", d, DecisionCorrection{Title: "Föderales Datenportal", Points: same, Reason: "x"}, "punkte"},
		{"a changed point", d, DecisionCorrection{Points: NumberedPoints([]string{"1. Der IT-Planungsrat beschließt das Portal.", "2. Er bittet FITKO um den Aufbau."}), Reason: "x"}, ""},
		{"a changed title", d, DecisionCorrection{Title: "Föderales Datenportal (FDP)", Points: same, Reason: "x"}, ""},
		{"a changed label", d, DecisionCorrection{Points: []Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt das Portal."}, {Label: "3.", Text: "Er bittet FITKO um den Betrieb."}}, Reason: "x"}, ""},
	} {
		err := c.c.CheckChanges(c.d)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", c.name, err)
			}
			continue
		}
		if ClassOf(err) != ErrInput || FieldOf(err) != c.field || !strings.Contains(ReasonOf(err), "ändert nichts") {
			t.Errorf("%s: %v at %q, want refused at %q", c.name, err, FieldOf(err), c.field)
		}
	}
	// The comparison is the current text's: after a correction, its text.
	corrected := d
	corrected.Corrections = []DecisionCorrection{{Version: 1, Title: "Föderales Datenportal (FDP)", Points: d.Points}}
	if err := (DecisionCorrection{Title: "Föderales Datenportal (FDP)", Reason: "x"}).CheckChanges(corrected); err == nil {
		t.Error("the last corrected title again is accepted")
	}
	if err := (DecisionCorrection{Title: "Föderales Datenportal", Reason: "x"}).CheckChanges(corrected); err != nil {
		t.Errorf("back to the adopted title: %v", err)
	}
}

// TestPreparatoryDecisionIsARecommendation: a decision of a preparatory
// body (the AL-Runde, Recommends) is a Beschlussempfehlung on every
// surface, whatever the kind of the proposal it recommends on; before, a
// recommendation on a proposed Beschluss read "Beschluss BE-2026/01-AL –
// beschlossen". The kind still names the majority that applied.
func TestPreparatoryDecisionIsARecommendation(t *testing.T) {
	for _, kind := range []DecisionKind{KindDecision, KindRecommendation} {
		adopted := Decision{Kind: kind, Status: DecisionAdopted, Label: "BE-2026/01-AL", Recommends: true}
		draft := Decision{Kind: kind, Status: DecisionDraft, Recommends: true}
		for _, c := range []struct{ got, want string }{
			{adopted.Name(), "Beschlussempfehlung"},
			{adopted.ProposalLabel(), "Beschlussempfehlung BE-2026/01-AL"},
			{adopted.StatusLabel(), "ausgesprochen"},
			{adopted.DecidedOnLabel(), "Ausgesprochen am"},
			{adopted.Outcome(), "Die Beschlussempfehlung BE-2026/01-AL ist ausgesprochen."},
			{adopted.WithArticle(), "die Beschlussempfehlung"},
			{adopted.TextName(), "Empfehlungstext"},
			{adopted.OriginalName(), "Ausgesprochene Fassung"},
			{draft.ProposalLabel(), "Empfehlungsvorschlag"},
			{draft.StatusLabel(), "Empfehlungsvorschlag"},
			{Decision{Kind: kind, Status: DecisionAdopted, Recommends: true}.ProposalLabel(), "Beschlussempfehlung (im Protokoll ohne Nummer)"},
		} {
			if c.got != c.want {
				t.Errorf("%s: %q, want %q", kind, c.got, c.want)
			}
		}
	}
	if got := (Decision{Kind: KindDecision, Recommends: true}).KindName(); got != "Beschlussempfehlung zu einem Beschluss" {
		t.Errorf("KindName = %q", got)
	}
	if got := (Decision{Kind: KindRecommendation, Recommends: true}).KindName(); got != "Beschlussempfehlung zu einer Empfehlung" {
		t.Errorf("KindName = %q", got)
	}
	// The council's own decisions keep their kind's name.
	if d := (Decision{Kind: KindDecision, Status: DecisionAdopted, Label: "B-2026/01-IT"}); d.ProposalLabel() != "Beschluss B-2026/01-IT" || d.KindName() != "Beschluss" {
		t.Errorf("council: %q %q", d.ProposalLabel(), d.KindName())
	}
}

// TestAllMustConsentIsABeschlussRule: "Zustimmung aller Mitglieder" is a
// Beschluss's; an Empfehlung ticked so was stored and shown as "einfache
// Mehrheit …; Zustimmung aller Mitglieder erforderlich" (the live page's
// proposal form could switch the kind and keep the tick). Now refused at
// "alle"; a decided one from the records stands as recorded.
func TestAllMustConsentIsABeschlussRule(t *testing.T) {
	d := Decision{BodyID: 1, Kind: KindRecommendation, Status: DecisionDraft, Scope: ScopeAll, AllMustConsent: true}
	if err := d.Validate(); ClassOf(err) != ErrRule || FieldOf(err) != "alle" {
		t.Errorf("Empfehlung with all: %v", err)
	}
	d.Kind = KindDecision
	if err := d.Validate(); err != nil {
		t.Errorf("Beschluss with all: %v", err)
	}
}
