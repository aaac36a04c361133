package web

// The outcomes of the FachMK's own sessions (Ergebnisse): recorded on the
// conference page by its own secretariat, its spokespersons and the
// Geschäftsstelle; read there, on "Mein Bereich" and in the preparation of
// "Reporting FachMK" by whoever model.SeesConferenceOutcomes admits.

import (
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// outcomeOfForm reads an outcome of conference conferenceID from the form
// (fields datum, sitzung, nummer, titel, text), recorded by u.
func outcomeOfForm(r *http.Request, conferenceID int64, u *model.User) (model.ConferenceOutcome, error) {
	o := model.ConferenceOutcome{ConferenceID: conferenceID, RecordedBy: u.Name, Version: formVersion(r),
		Meeting: strings.TrimSpace(r.PostFormValue("sitzung")), Reference: strings.TrimSpace(r.PostFormValue("nummer")),
		Title: strings.TrimSpace(r.PostFormValue("titel"))}
	var err error
	if o.HeldOn, err = model.ParseDate(r.PostFormValue("datum")); err != nil {
		return o, model.AtField("datum", err)
	}
	if o.Text, err = formText(r.PostFormValue("text")); err != nil {
		return o, model.AtField("text", err)
	}
	return o, nil
}

// outcomeAction admits the user to record or correct an outcome of the
// conference the path names; a spokesperson's member goes to the store,
// which checks the function in the write.
func (s *Server) outcomeAction(w http.ResponseWriter, r *http.Request) (u *model.User, b model.Body, spokesperson string, ok bool) {
	u, ok = s.require(w, r, auth.RecordOutcome, "")
	if !ok || !s.parseForm(w, r) {
		return nil, b, "", false
	}
	if b, ok = s.conferenceOfPath(w, r); !ok {
		return nil, b, "", false
	}
	if !auth.RecordsOutcomes(u, b.ID) {
		s.fail(w, r, model.ForbiddenError("Ergebnisse einer Fachministerkonferenz erfassen ihre eigene Geschäftsstelle, ihre Sprecher:innen und die Geschäftsstelle des IT-Planungsrats."), "")
		return nil, b, "", false
	}
	if u.Role == model.RoleSpokesperson {
		spokesperson = u.MemberAbbrev
	}
	return u, b, spokesperson, true
}

func (s *Server) recordOutcome(w http.ResponseWriter, r *http.Request) {
	u, b, spokesperson, ok := s.outcomeAction(w, r)
	if !ok {
		return
	}
	o, err := outcomeOfForm(r, b.ID, u)
	if err == nil {
		_, err = s.st.CreateConferenceOutcome(r.Context(), o, spokesperson)
	}
	if err != nil {
		s.refuseConferenceForm(w, r, b.Abbrev, "ergebnis-neu", "Das Ergebnis ist nicht erfasst", err)
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev+"#ergebnisse", "Das Ergebnis „"+o.Title+"“ ist erfasst.")
}

func (s *Server) correctOutcome(w http.ResponseWriter, r *http.Request) {
	u, b, spokesperson, ok := s.outcomeAction(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Dieses Ergebnis gibt es nicht.")
		return
	}
	old, err := s.st.ConferenceOutcome(r.Context(), id)
	if err != nil || old.ConferenceID != b.ID {
		s.notFound(w, r, "Dieses Ergebnis gibt es nicht.")
		return
	}
	o, err := outcomeOfForm(r, b.ID, u)
	o.ID = id
	if err == nil {
		err = s.st.UpdateConferenceOutcome(r.Context(), o, spokesperson)
	}
	if err != nil {
		s.refuseConferenceForm(w, r, b.Abbrev, "berichtigung-"+strconv.FormatInt(id, 10), "Das Ergebnis ist nicht berichtigt", err)
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev+"#ergebnis-"+strconv.FormatInt(id, 10), "Das Ergebnis „"+o.Title+"“ ist berichtigt.")
}

// outcomesSince gives the outcomes of the conferences (by id) of sessions
// held on or after since, each conference's newest first, for the
// conferences the user may read them of (model.SeesConferenceOutcomes).
func (s *Server) outcomesSince(r *http.Request, u *model.User, ids []int64, since model.Date) (map[int64][]model.ConferenceOutcome, error) {
	out := map[int64][]model.ConferenceOutcome{}
	for _, id := range ids {
		if !model.SeesConferenceOutcomes(u, id) {
			continue
		}
		os, err := s.st.ConferenceOutcomes(r.Context(), id, since, 0)
		if err != nil {
			return nil, err
		}
		if len(os) > 0 {
			out[id] = os
		}
	}
	return out, nil
}

// outcomeFormView is the form that records an outcome (Outcome nil) or
// corrects one, on the conference page (template "outcome-form").
type outcomeFormView struct {
	Data            conferenceData
	ID              string // the form's anchor, as refusedForm.ID
	Action          string
	Summary, Submit string
	Outcome         *model.ConferenceOutcome
}

// newOutcomeForm builds an outcomeFormView (template function
// outcomeForm): with an outcome the form corrects it, without one it
// records a new one.
func newOutcomeForm(d conferenceData, id, action, summary, submit string, o ...model.ConferenceOutcome) outcomeFormView {
	f := outcomeFormView{Data: d, ID: id, Action: action, Summary: summary, Submit: submit}
	if len(o) > 0 {
		f.Outcome = &o[0]
	}
	return f
}

// Value gives a field's value: what was typed if this form was refused,
// else the outcome's (empty for a new one).
func (f outcomeFormView) Value(field string) string {
	if f.Data.Open(f.ID) {
		return f.Data.Typed(f.ID, field, "")
	}
	if f.Outcome == nil {
		return ""
	}
	switch field {
	case "datum":
		return f.Outcome.HeldOn.String()
	case "sitzung":
		return f.Outcome.Meeting
	case "nummer":
		return f.Outcome.Reference
	case "titel":
		return f.Outcome.Title
	case "text":
		return editableMarks(f.Outcome.Text)
	}
	return ""
}
