package web

import (
	"net/http"

	"gremium/internal/model"
	"gremium/internal/store"
)

type homeData struct {
	Council   model.Body
	Upcoming  []model.Session
	Recent    []model.Session
	Decisions []model.Decision
	FachMK    int
	OpenTasks int
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
	if d.Upcoming, err = s.st.ComingSessions(ctx, council.ID); err == nil {
		if d.Recent, err = s.st.RecentSessions(ctx, council.ID, 5); err == nil {
			d.Decisions, err = s.st.RegisterKeyset(ctx, store.RegisterFilter{BodyID: council.ID}, store.RegisterCursor{}, 5)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Decisions = model.Public.Decisions(d.Decisions)
	conferences, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.FachMK = len(conferences)
	// Only what the viewer may see is counted (followups.go).
	if d.OpenTasks, err = s.openFollowUps(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home.html", view{Title: council.Name, Active: "start", Data: d})
}
