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
	sessions, err := s.st.Sessions(ctx, council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := homeData{Council: council}
	for _, se := range sessions {
		if se.Status == model.StatusPlanned || se.Status == model.StatusConvened || se.Status == model.StatusRunning {
			d.Upcoming = append(d.Upcoming, se)
		} else if len(d.Recent) < 5 {
			d.Recent = append(d.Recent, se)
		}
	}
	if d.Decisions, err = s.st.Decisions(ctx, store.DecisionFilter{BodyID: council.ID, Status: model.DecisionAdopted, Numbered: true, Limit: 5}); err != nil {
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
