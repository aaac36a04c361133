package web

// The personal page (Mein Bereich).

import (
	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
	"net/http"
)

type myConference struct {
	Body  model.Body
	Dates []model.ConferenceDate
}

type myData struct {
	User        *model.User
	Conferences []myConference
	Tasks       []model.Task
	Briefings   []model.Briefing
	// Awaiting are the member's registered items that still await the
	// AL-Runde's recommendation (alrunde.go).
	Awaiting []store.AwaitingItem
}

func (s *Server) myPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	ctx := r.Context()
	d := myData{User: u}
	last := 0
	if council, err := s.councilBody(ctx); err == nil {
		last, _ = s.st.LastHeldSession(ctx, council.ID)
	}
	as, err := s.st.Assignments(ctx, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	seen := map[int64]bool{}
	for _, a := range as {
		if a.Member != u.MemberAbbrev || a.Status(last) == model.AssignmentEnded || seen[a.ConferenceID] {
			continue
		}
		seen[a.ConferenceID] = true
		b, err := s.st.Body(ctx, a.ConferenceID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		dates, err := s.st.ConferenceDates(ctx, b.ID, today())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Conferences = append(d.Conferences, myConference{Body: b, Dates: dates})
	}
	if u.MemberAbbrev != "" {
		if d.Awaiting, err = s.st.AwaitingRecommendation(ctx, u.MemberAbbrev); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if d.Tasks, err = s.st.Tasks(ctx); err == nil {
		d.Briefings, err = s.st.Briefings(ctx, 0)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "mine.html", view{Title: "Mein Bereich", Active: "mein", Data: d})
}
