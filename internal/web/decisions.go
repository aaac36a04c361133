package web

import (
	"errors"
	"net/http"
	"strconv"

	"gremium/internal/model"
	"gremium/internal/store"
)

type decisionListData struct {
	Decisions []model.Decision
	Sessions  map[int64]model.Session
	Years     []int
	Year      int
}

func (s *Server) decisionList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	year := 0
	if y := r.URL.Query().Get("jahr"); y != "" {
		if year, err = strconv.Atoi(y); err != nil {
			s.render(w, r, http.StatusBadRequest, "error.html", view{Title: "Ungültige Angabe", Data: "Das Jahr muss eine Zahl sein, zum Beispiel ?jahr=2025."})
			return
		}
	}
	all, err := s.st.Decisions(ctx, store.DecisionFilter{BodyID: council.ID, Status: model.DecisionAdopted, Numbered: true})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := decisionListData{Year: year, Sessions: map[int64]model.Session{}}
	seenYear := map[int]bool{}
	for _, dec := range all {
		if !seenYear[dec.Number.Year] {
			seenYear[dec.Number.Year] = true
			d.Years = append(d.Years, dec.Number.Year)
		}
		if year != 0 && dec.Number.Year != year {
			continue
		}
		d.Decisions = append(d.Decisions, dec)
	}
	publicDecisions(d.Decisions)
	sessions, err := s.st.Sessions(ctx, council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, se := range sessions {
		d.Sessions[se.ID] = se
	}
	s.render(w, r, http.StatusOK, "decisions.html", view{Title: "Beschlüsse", Active: "beschluesse", Data: d})
}

type decisionData struct {
	Decision  model.Decision
	Session   model.Session
	Item      model.AgendaItem
	HasItem   bool
	FollowUps []model.FollowUp
	Members   map[string]model.Member
	Known     map[string]string
}

func (s *Server) decisionPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ref := r.PathValue("ref")
	n, ok := model.ParseDecisionRef(ref)
	if !ok {
		s.notFound(w, r, "Beschlüsse werden mit ihrer Nummer aufgerufen, zum Beispiel /beschluesse/B-2025/26-IT.")
		return
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	dec, err := s.st.DecisionByNumber(ctx, council.ID, n)
	if err != nil || dec.Status != model.DecisionAdopted {
		if err == nil || errors.Is(err, store.ErrNotFound) {
			s.notFound(w, r, "Der Beschluss "+model.FormatDecisionNumber(council.DecisionPattern, n)+" ist in gremium nicht erfasst.")
			return
		}
		s.serverError(w, r, err)
		return
	}
	if ref != dec.Label {
		// One permanent address per decision: 2025/26 → B-2025/26-IT.
		http.Redirect(w, r, decisionURL(dec.Label), http.StatusMovedPermanently)
		return
	}
	publicDecision(&dec)
	d := decisionData{Decision: dec}
	if dec.SessionID != 0 {
		if d.Session, err = s.st.Session(ctx, dec.SessionID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if dec.ItemID != 0 {
		if d.Item, err = s.st.Item(ctx, dec.ItemID); err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Item.Title = model.PublicText(d.Item.Title)
		d.HasItem = true
	}
	if d.FollowUps, err = s.st.FollowUps(ctx, store.FollowUpFilter{DecisionID: dec.ID}); err != nil {
		s.serverError(w, r, err)
		return
	}
	for i := range d.FollowUps {
		d.FollowUps[i].Text = model.PublicText(d.FollowUps[i].Text)
	}
	if d.Members, err = s.memberMap(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Known, err = s.knownDecisions(ctx, council.ID, d.Item.Sources); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "decision.html", view{Title: "Beschluss " + dec.Label, Active: "beschluesse", Data: d})
}
