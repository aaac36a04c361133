package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestCorrectionOnAnOlderTextIsRefused: a correction read from a form
// that showed an older text (two windows, the other corrected the title
// meanwhile) took back that correction without a word; now it is refused
// as a conflict inside the write, nothing kept, and one based on the
// current version is kept.
func TestCorrectionOnAnOlderTextIsRefused(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	id := adoptIn(t, s, bodyID, sessionID, "Gebühren").ID
	if v := must[int](t)(s.CorrectDecisionOver(ctx, model.DecisionCorrection{DecisionID: id, Title: "Gebühren und Entgelte", Reason: "Titel unvollständig"}, 0)); v != 1 {
		t.Fatalf("first correction: version %d", v)
	}
	points := []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Gebühren."}}
	_, err := s.CorrectDecisionOver(ctx, model.DecisionCorrection{DecisionID: id, Title: "Gebühren", Points: points, Reason: "Satz ergänzt"}, 0)
	if model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), "Fassung 1 vom") {
		t.Errorf("a correction of the text as decided, after correction 1: %v", err)
	}
	// Every reason at once, the conflict first.
	_, err = s.CorrectDecisionOver(ctx, model.DecisionCorrection{DecisionID: id, Points: points}, 0)
	if model.ClassOf(err) != model.ErrConflict || model.FieldOf(model.ErrorsOf(err)[1]) != "anlass" {
		t.Errorf("stale and without occasion: %v", err)
	}
	d := must[model.Decision](t)(s.Decision(ctx, id))
	if title, _ := d.Current(); len(d.Corrections) != 1 || title != "Gebühren und Entgelte" {
		t.Errorf("after the refusals: %d corrections, title %q", len(d.Corrections), title)
	}
	// Based on the current version, and the title kept.
	if v := must[int](t)(s.CorrectDecisionOver(ctx, model.DecisionCorrection{DecisionID: id, Points: points, Reason: "Satz ergänzt"}, 1)); v != 2 {
		t.Errorf("second correction: version %d", v)
	}
	d = must[model.Decision](t)(s.Decision(ctx, id))
	if title, ps := d.Current(); title != "Gebühren und Entgelte" || len(ps) != 1 || ps[0].Text != points[0].Text {
		t.Errorf("after correction 2: %q %+v", title, ps)
	}
	if _, err := s.CorrectDecisionOver(ctx, model.DecisionCorrection{DecisionID: id, Title: "X", Reason: "y"}, 7); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("a version that does not exist: %v", err)
	}
	// A form that names no version (-1) claims no text it was based on.
	if _, err := s.CorrectDecisionOver(ctx, model.DecisionCorrection{DecisionID: id, Title: "X", Reason: "y"}, -1); model.ClassOf(err) != model.ErrConflict ||
		!strings.Contains(model.ReasonOf(err), "auf welcher Fassung") || strings.Contains(model.ReasonOf(err), "inzwischen berichtigt") {
		t.Errorf("a correction without its basis: %v", err)
	}
}
