package api

import (
	"net/http"

	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// decisionsFilter reads the register's filter of /api/v1/beschluesse as
// the register's page, its feed and exports read it (web's
// registerFilter): model.ParseRegisterQuery, the FachMK and member
// abbreviations whatever their case and given back as the register
// writes them ("?be=he" is HE, model.RegisterQuery.Canonical; before,
// the API refused it as an unknown member), and the store's filter
// (search.RegisterFilter) without page and limit. It answers the request
// itself when not ok: a value that cannot be read, or a topic, FachMK or
// member that does not exist, 400 with the German reason at its
// parameter (queryError; an unknown one named, not an empty list that
// looks like "no decision concerns it"), a failed read by fail.
func (a *Server) decisionsFilter(w http.ResponseWriter, r *http.Request, council model.Body) (model.RegisterQuery, store.RegisterFilter, bool) {
	ctx := r.Context()
	var f store.RegisterFilter
	q, err := model.ParseRegisterQuery(r.URL.Query())
	if err != nil {
		queryError(w, model.FieldOf(err), model.ReasonOf(err))
		return q, f, false
	}
	var conferences []model.Body
	var members []model.Member
	if q.Conference != "" {
		conferences, err = a.st.Bodies(ctx, model.BodyFachMK)
	}
	if err == nil && q.Reporter != "" {
		members, err = a.st.Members(ctx)
	}
	if err == nil {
		q, err = q.Canonical(conferences, members)
	}
	if err == nil {
		f, _, err = search.RegisterFilter(ctx, a.st, council.ID, q)
	}
	if c := model.ClassOf(err); c == model.ErrNotFound || c == model.ErrInput {
		queryError(w, model.FieldOf(err), model.ReasonOf(err))
		return q, f, false
	} else if err != nil {
		a.fail(w, r, err)
		return q, f, false
	}
	return q, f, true
}
