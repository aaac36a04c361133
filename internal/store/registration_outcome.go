package store

import (
	"context"
	"errors"

	"gremium/internal/model"
)

// RegistrationOutcome gives what became of the registration it in its
// session se once held (model.OutcomeOfRegistration), the decisions taken
// on it as the audience a may see them, and the session the item was
// deferred to (nil when it was not deferred or that session is not
// found, so that its number stays text): the registration's page, its
// co-applicants' page and the JSON API read it here.
func (s *Store) RegistrationOutcome(ctx context.Context, a model.Audience, it model.AgendaItem, se model.Session) ([]model.RegistrationOutcome, *model.Session, error) {
	if !se.Held() {
		return nil, nil, nil
	}
	ds, err := s.ItemDecisions(ctx, it.ID)
	if err != nil {
		return nil, nil, err
	}
	out := model.OutcomeOfRegistration(it, se, a.Decisions(ds))
	for _, o := range out {
		if o.DeferredTo == 0 {
			continue
		}
		later, err := s.SessionByNumber(ctx, se.BodyID, o.DeferredTo)
		if errors.Is(err, ErrNotFound) {
			return out, nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		return out, &later, nil
	}
	return out, nil, nil
}
