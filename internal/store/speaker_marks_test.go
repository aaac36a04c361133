package store

import (
	"context"
	"errors"
	"testing"

	"gremium/internal/model"
)

// TestSpeakerMarksRefusedOnWrite: every write of a Wortbeitrag's speaker
// or a Protokollnotiz's author refuses marks (model.CheckSpeaker) and
// stores nothing.
func TestSpeakerMarksRefusedOnWrite(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	var in *model.Error
	if _, err := s.CreateContribution(ctx, model.Contribution{ItemID: 1, Speaker: "B" + model.Redact("Y"), Points: []string{"Beitrag"}}); !errors.As(err, &in) {
		t.Errorf("contribution with a marked speaker: %v, want an input error", err)
	}
	if err := s.UpdateContribution(ctx, model.Contribution{ID: 1, ItemID: 1, Speaker: "[[BY]]", Version: 1}); !errors.As(err, &in) {
		t.Errorf("contribution changed to a marked speaker: %v, want an input error", err)
	}
	if _, err := s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: 1, Author: model.Redact("Bayern"), Text: "Notiz"}); !errors.As(err, &in) {
		t.Errorf("note with a marked author: %v, want an input error", err)
	}
	if err := s.UpdateProtocolNote(ctx, model.ProtocolNote{ID: 1, ItemID: 1, Author: "Bayern]]", Text: "Notiz", Version: 1}); !errors.As(err, &in) {
		t.Errorf("note changed to a marked author: %v, want an input error", err)
	}
}
