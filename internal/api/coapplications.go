package api

import (
	"net/http"

	"gremium/internal/model"
	"gremium/internal/store"
)

// CoApplication is a co-application (Mitantrag) in the JSON API: a
// proposal another member registered naming the token's member as
// applicant, which counts for the application rule once confirmed.
type CoApplication struct {
	ID       int64  `json:"id"`
	Proposal string `json:"beschlussvorschlag"` // its title, confidential passages marked [[…]]
	NamedBy  string `json:"angemeldetVon"`
	Session  int    `json:"sitzung,omitempty"`
	State    string `json:"stand"` // offen, bestaetigt, abgelehnt
}

func coApplicationOut(c model.CoApplication) CoApplication {
	return CoApplication{ID: c.ID, Proposal: model.TypedMarks(c.Title), NamedBy: c.NamedBy, Session: c.SessionNumber, State: string(c.State)}
}

// memberOffice gives the token's user when it is a member office's
// account, which answers co-applications; otherwise it has answered 403.
func (a *Server) memberOffice(w http.ResponseWriter, r *http.Request) (*model.User, bool) {
	u, ok := a.tokenUser(w, r)
	if !ok {
		return nil, false
	}
	if u.Role != model.RoleMember || u.MemberAbbrev == "" {
		apiError(w, http.StatusForbidden, "Mitanträge beantwortet das Büro des genannten Mitglieds.")
		return nil, false
	}
	return u, true
}

// apiCoApplications lists the co-applications waiting for the token's
// member's answer.
func (a *Server) apiCoApplications(w http.ResponseWriter, r *http.Request) {
	u, ok := a.memberOffice(w, r)
	if !ok {
		return
	}
	list, err := a.st.PendingCoApplications(r.Context(), u.MemberAbbrev)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]CoApplication, 0, len(list))
	for _, c := range list {
		out = append(out, coApplicationOut(c))
	}
	writeJSON(w, http.StatusOK, out)
}

// apiAnswerCoApplication confirms or declines a co-application of the
// token's member: {"antwort": "bestaetigen"} or {"antwort": "ablehnen"}
// (store.DecideCoApplication).
func (a *Server) apiAnswerCoApplication(w http.ResponseWriter, r *http.Request) {
	u, ok := a.memberOffice(w, r)
	if !ok {
		return
	}
	id, ok := pathNumber(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		Answer string `json:"antwort" form:"antwort"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if in.Answer != "bestaetigen" && in.Answer != "ablehnen" {
		a.fail(w, r, model.AtField("antwort", model.InputError("Die Antwort ist „bestaetigen“ oder „ablehnen“.")))
		return
	}
	ctx := store.WithActor(r.Context(), u.Username)
	if err := a.st.DecideCoApplication(ctx, id, u.MemberAbbrev, in.Answer == "bestaetigen"); err != nil {
		a.fail(w, r, err)
		return
	}
	c, err := a.st.CoApplication(ctx, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, coApplicationOut(c))
}
