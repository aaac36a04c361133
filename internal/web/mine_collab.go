package web

// The panel of "Mein Bereich" for the FachMK collaboration (issue 16): the
// next session's "Reporting FachMK", and (with later items) the briefings
// and the evaluation.

import (
	"net/http"

	"gremium/internal/model"
)

// myCollab is what the personal page shows of the collaboration.
type myCollab struct {
	// NextSession is the next IT-PLR session that takes reports (zero if
	// none is planned), with the reports' deadline.
	NextSession model.Session
	Deadline    model.Date
	// Briefings are the current briefings of the user's conferences (as
	// spokesperson), with their newest version.
	Briefings []myBriefing
	// Items are the agenda items of the next session the spokesperson may
	// see whose registration states one of their conferences as affected:
	// the items to follow, and to invite the FachMK to (Tabelle 3).
	Items []myItem
	// Anchors are the next session page's anchors of its items, by item
	// id (model.ItemAnchors): each item links its place there.
	Anchors map[int64]string
	// Evaluation is where the spokesperson's questionnaires of the open
	// evaluation round stand (evaluationDue).
	Evaluation myEvaluation
}

// myItem is an agenda item with the spokesperson's conferences it affects.
type myItem struct {
	model.AgendaItem
	Conferences []model.Body
}

// myBriefing is a briefing with the conference and its current version.
type myBriefing struct {
	model.Briefing
	Conference model.Body
	Current    model.BriefingVersion
}

func (s *Server) myCollab(r *http.Request, u *model.User) (myCollab, error) {
	var c myCollab
	council, err := s.councilBody(r.Context())
	if model.ClassOf(err) == model.ErrNotFound {
		return c, nil // no council yet: nothing to report to
	}
	if err != nil {
		return c, err
	}
	// The next session is among the coming ones (an index range, not the
	// whole list of sessions).
	all, err := s.st.ComingSessions(r.Context(), council.ID)
	if err != nil {
		return c, err
	}
	for _, se := range all {
		if se.Status == model.StatusPlanned || se.Status == model.StatusConvened {
			if c.NextSession.ID == 0 || se.Number < c.NextSession.Number {
				c.NextSession = se
			}
		}
	}
	c.Deadline = model.ReportDeadline(c.NextSession)
	if u.Role != model.RoleSpokesperson {
		return c, nil
	}
	last, err := s.st.LastHeldSession(r.Context(), council.ID)
	if err != nil {
		return c, err
	}
	as, err := s.st.Assignments(r.Context(), 0)
	if err != nil {
		return c, err
	}
	byID, _, err := s.conferenceByID(r)
	if err != nil {
		return c, err
	}
	seen := map[int64]bool{}
	for _, a := range as {
		if a.Member != u.MemberAbbrev || a.Status(last) == model.AssignmentEnded || seen[a.ConferenceID] {
			continue
		}
		seen[a.ConferenceID] = true
		bs, err := s.st.Briefings(r.Context(), a.ConferenceID)
		if err != nil {
			return c, err
		}
		for _, b := range bs {
			full, err := s.st.Briefing(r.Context(), b.ID)
			if err != nil {
				return c, err
			}
			c.Briefings = append(c.Briefings, myBriefing{Briefing: b, Conference: byID[a.ConferenceID], Current: full.Latest()})
		}
	}
	if c.Evaluation, err = s.evaluationDue(r, u); err != nil {
		return c, err
	}
	if c.NextSession.ID == 0 || len(seen) == 0 {
		return c, nil
	}
	items, err := s.st.Items(r.Context(), c.NextSession.ID)
	if err != nil {
		return c, err
	}
	c.Anchors = model.ItemAnchors(items)
	for _, it := range items {
		if !model.Internal.SeesItem(it, c.NextSession, u) {
			continue
		}
		mi := myItem{AgendaItem: model.Internal.Item(it)}
		for _, id := range it.Impact.ConferenceIDs {
			if seen[id] {
				mi.Conferences = append(mi.Conferences, byID[id])
			}
		}
		if len(mi.Conferences) > 0 {
			c.Items = append(c.Items, mi)
		}
	}
	return c, nil
}
