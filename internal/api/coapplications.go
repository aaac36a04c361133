package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

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
	State    string `json:"stand"` // offen, bestaetigt, abgelehnt, zurueckgezogen
	// Goal is the item's Ziel, Points the proposal's points as
	// "1. text" (confidential passages [[…]]), Applicants all its
	// applicants: what the member applies for.
	Goal       string   `json:"ziel,omitempty"`
	Points     []string `json:"punkte"`
	Applicants []string `json:"antrag"`
	// Version identifies the co-application as read
	// (model.CoApplication.Fingerprint); an answer names it.
	Version string `json:"fassung"`
	// Registration is the registration the proposal belongs to (read with
	// GET /api/v1/anmeldungen/{id}), RegistrationURL its page, as "Mein
	// Bereich" links it.
	Registration    int64  `json:"anmeldung,omitempty"`
	RegistrationURL string `json:"anmeldungUrl,omitempty"`
}

// coApplicationOut gives a co-application in the JSON API; base is the
// site's address.
func coApplicationOut(base string, c model.CoApplication) CoApplication {
	points := make([]string, 0, len(c.Substance.Points))
	for _, p := range c.Substance.Points {
		points = append(points, strings.TrimSpace(p.Label+" "+model.TypedMarks(p.Text)))
	}
	out := CoApplication{ID: c.ID, Proposal: model.TypedMarks(c.Title), NamedBy: c.NamedBy, Session: c.SessionNumber, State: string(c.State),
		Goal: string(c.Substance.Goal), Points: points, Applicants: nonNilStrings(c.Applicants), Version: c.Fingerprint()}
	if c.ItemID != 0 {
		out.Registration, out.RegistrationURL = c.ItemID, fmt.Sprintf("%s/anmeldungen/%d", base, c.ItemID)
	}
	return out
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
// member's answer; with ?stand=bestaetigt the confirmed ones on proposals
// still to be decided (which it may withdraw while the registration may be
// changed).
func (a *Server) apiCoApplications(w http.ResponseWriter, r *http.Request) {
	u, ok := a.memberOffice(w, r)
	if !ok {
		return
	}
	state := model.CoApplicationPending
	switch q := r.URL.Query().Get("stand"); q {
	case "", string(model.CoApplicationPending):
	case string(model.CoApplicationConfirmed):
		state = model.CoApplicationConfirmed
	default:
		a.fail(w, r, model.AtField("stand", model.InputError("„%s“ ist kein Stand, nach dem gefiltert wird; möglich sind „offen“ und „bestaetigt“.", q)))
		return
	}
	list, err := a.st.CoApplicationsIn(r.Context(), u.MemberAbbrev, state)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]CoApplication, 0, len(list))
	for _, c := range list {
		out = append(out, coApplicationOut(a.Site.Base(r), c))
	}
	writeJSON(w, http.StatusOK, out)
}

// apiAnswerCoApplication confirms, declines or withdraws a co-application
// of the token's member: {"antwort": "bestaetigen" | "ablehnen" |
// "zurueckziehen", "fassung": "…"}, fassung as the list gave it, so that
// the answer is bound to the proposal as read (store.DecideCoApplication).
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
		Answer  string `json:"antwort" form:"antwort"`
		Version string `json:"fassung" form:"fassung"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	answer, err := model.ParseCoAnswer(in.Answer)
	if in.Version == "" {
		err = errors.Join(err, model.AtField("fassung", model.InputError("Bitte die Fassung angeben, auf die Sie antworten (das Feld „fassung“ des Mitantrags aus GET /api/v1/mitantraege).")))
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ctx := store.WithActor(r.Context(), u.Username)
	c, err := a.st.DecideCoApplication(ctx, id, u.MemberAbbrev, answer, in.Version)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, coApplicationOut(a.Site.Base(r), c))
}
