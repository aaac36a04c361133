package web

// What a viewer may see of lists that mix public and internal objects
// (follow-ups from decisions, from discussion, from registrations).

import (
	"context"

	"gremium/internal/model"
)

// visibleFollowUpList keeps the follow-ups the audience a — the user u (nil
// for the public) — may see: the item they arose in must be visible to u
// (a registration only to the secretariat and the registering member), and
// the publication gate decides the rest (a follow-up of a decision with
// the adopted decision, one from the discussion with the released
// minutes).
func (s *Server) visibleFollowUpList(ctx context.Context, a model.Audience, u *model.User, list []model.FollowUp) ([]model.FollowUp, error) {
	decisions := map[int64]*model.Decision{}
	sessions := map[int64]*model.Session{} // by item; nil: the item is not visible
	var out []model.FollowUp
	for _, f := range list {
		var dec *model.Decision
		if f.DecisionID != 0 {
			d, seen := decisions[f.DecisionID]
			if !seen {
				got, err := s.st.Decision(ctx, f.DecisionID)
				if err != nil {
					return nil, err
				}
				d = &got
				decisions[f.DecisionID] = d
			}
			dec = d
		}
		var se *model.Session
		if f.ItemID != 0 {
			got, seen := sessions[f.ItemID]
			if !seen {
				it, err := s.st.Item(ctx, f.ItemID)
				if err != nil {
					return nil, err
				}
				sess, err := s.st.Session(ctx, it.SessionID)
				if err != nil {
					return nil, err
				}
				if a.SeesItem(it, sess, u) {
					got = &sess
				}
				sessions[f.ItemID] = got
			}
			if got == nil {
				continue
			}
			se = got
		}
		if dec != nil && !a.SeesDecision(*dec) {
			continue
		}
		if !a.SeesFollowUp(f, dec, se) {
			continue
		}
		out = append(out, a.FollowUp(f))
	}
	return out, nil
}
