package web

import (
	"net/http"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

type homeData struct {
	Council   model.Body
	ChairYear int    // the current year (Europe/Berlin), when the rotation names its chair
	ChairName string // that year's chair from the body's rotation, by name
	Upcoming  []model.Session
	Recent    []model.Session
	Decisions []model.Decision
	FachMK    int
	OpenTasks int
	// Own is the conference of a logged-in FachMK secretariat, whose start
	// page leads to its conference, requests and evaluation; zero else.
	Own      model.Body
	Evaluate bool // the viewer answers the yearly evaluation
	// MissingLegal are the legal pages not set yet, for the secretariat
	// (nil for everyone else).
	MissingLegal []model.LegalPageKind
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt. Starten Sie gremium mit --demo, um die Demodaten zu laden.")
		return
	}
	// A bounded read: the coming sessions by status, the five newest
	// others, the five newest decisions (not all sessions of the corpus).
	d := homeData{Council: council}
	if err := s.currentChair(r, council, &d); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Upcoming, err = s.st.ComingSessions(ctx, council.ID); err == nil {
		if d.Recent, err = s.st.RecentSessions(ctx, council.ID, 5); err == nil {
			d.Decisions, err = s.st.RegisterKeyset(ctx, store.RegisterFilter{BodyID: council.ID}, store.RegisterCursor{}, 5)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Decisions = model.Public.Register(d.Decisions)
	conferences, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.FachMK = len(conferences)
	if u := s.user(r); u != nil && u.Role == model.RoleFachMK && !u.Disabled {
		for _, c := range conferences {
			if c.ID == u.ConferenceID {
				d.Own = c
			}
		}
		d.Evaluate = auth.Can(u, auth.Evaluate, "")
	}
	if d.MissingLegal, err = s.missingLegalPages(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	// Only what the viewer may see is counted (followups.go).
	if d.OpenTasks, err = s.openFollowUps(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home.html", view{Title: council.Name, Active: "start", Data: d})
}

// currentChair names the chair of the current year from the body's
// rotation (body_chairs), which moves each year; the body's free-text
// chair, set once, is shown only for a body without a rotation.
func (s *Server) currentChair(r *http.Request, council model.Body, d *homeData) error {
	year := s.clock().In(model.Berlin).Year()
	abbrev, rotation, err := s.st.ChairOf(r.Context(), council.ID, year)
	if err != nil {
		return err
	}
	if abbrev == "" {
		if rotation {
			d.Council.Chair = "" // a rotation that names no chair of this year; the set-up text is older still
		}
		return nil
	}
	members, err := s.memberMap(r.Context())
	if err != nil {
		return err
	}
	d.ChairYear, d.ChairName = year, abbrev
	if m, ok := members[abbrev]; ok && m.Name != "" {
		d.ChairName = m.Name
	}
	return nil
}
