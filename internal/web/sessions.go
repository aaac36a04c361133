package web

import (
	"context"
	"net/http"
	"strconv"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

type sessionListData struct {
	Council  model.Body
	Sessions []model.Session
	Members  map[string]model.Member
}

func (s *Server) sessionList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	sessions, err := s.st.Sessions(ctx, council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	members, err := s.memberMap(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "sessions.html", view{Title: "Sitzungen", Active: "sitzungen",
		Data: sessionListData{Council: council, Sessions: sessions, Members: members}})
}

type sessionData struct {
	Doc     minutes.Document
	Members map[string]model.Member
	// Known maps the decision references of the agenda (Quelle) that gremium
	// holds to their page.
	Known map[string]string
}

func (s *Server) sessionPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	nr, err := strconv.Atoi(r.PathValue("nr"))
	if err != nil || nr <= 0 {
		s.notFound(w, r, "Sitzungen werden mit ihrer Nummer aufgerufen, zum Beispiel /sitzungen/47.")
		return
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	se, err := s.st.SessionByNumber(ctx, council.ID, nr)
	if err != nil {
		s.fail(w, r, err, "Die "+strconv.Itoa(nr)+". Sitzung ist nicht erfasst.")
		return
	}
	// Until accounts exist every visitor is the public: the page shows the
	// public (redacted) version of the minutes.
	doc, err := minutes.Load(ctx, s.st, se.ID, model.Public)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	members, err := s.memberMap(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var refs []string
	for _, it := range doc.Items() {
		refs = append(refs, it.Sources...)
	}
	known, err := s.knownDecisions(ctx, council.ID, refs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "session.html", view{Title: se.Title() + " – " + council.Name, Active: "sitzungen",
		Data: sessionData{Doc: doc, Members: members, Known: known}})
}

// knownDecisions maps those references that name a decision gremium holds
// to the decision's page.
func (s *Server) knownDecisions(ctx context.Context, bodyID int64, refs []string) (map[string]string, error) {
	known := map[string]string{}
	for _, ref := range refs {
		n, ok := model.ParseDecisionRef(ref)
		if !ok {
			continue
		}
		d, err := s.st.DecisionByNumber(ctx, bodyID, n)
		if err == nil {
			known[ref] = decisionURL(d.Label)
		}
	}
	return known, nil
}
