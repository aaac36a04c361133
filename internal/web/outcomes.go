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
func (s *Server) outcomeOfForm(r *http.Request, conferenceID int64, u *model.User) (model.ConferenceOutcome, error) {
	o := model.ConferenceOutcome{ConferenceID: conferenceID, RecordedBy: u.Name, RecorderID: u.ID, Version: formVersion(r),
		Meeting: strings.TrimSpace(r.PostFormValue("sitzung")), Reference: strings.TrimSpace(r.PostFormValue("nummer")),
		Title: strings.TrimSpace(r.PostFormValue("titel"))}
	var refused problems
	var err error
	if o.HeldOn, err = model.ParseDate(r.PostFormValue("datum")); err != nil {
		refused.add(model.AtField("datum", err))
	}
	if o.Text, err = formText(r.PostFormValue("text")); err != nil {
		refused.add(model.AtField("text", err))
	}
	if len(refused) > 0 {
		// Every reason at once: the outcome's own rules (no title, a day
		// to come) on the fields that read cleanly.
		refused.addUnrefused(o.Validate(s.today()))
	}
	return o, refused.err()
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
	o, err := s.outcomeOfForm(r, b.ID, u)
	// Sent again (the back button, a double click), the form records the
	// outcome no second time, nor tells its subscribers twice.
	var again bool
	if err == nil {
		_, err = s.st.CreateConferenceOutcome(r.Context(), o, spokesperson, sentOnce(r, u, &again))
	}
	if err != nil {
		s.refuseConferenceForm(w, r, b.Abbrev, "ergebnis-neu", "Das Ergebnis ist nicht erfasst", err)
		return
	}
	if again {
		back(w, r, "/fachmk/"+b.Abbrev+"#ergebnisse", sentAgain("das Ergebnis „"+o.Title+"“ ist erfasst."))
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
	o, err := s.outcomeOfForm(r, b.ID, u)
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

// conferenceForm is a form on the conference page that records a new T
// (Record nil) or corrects one: an outcome (template "outcome-form") or a
// spokesperson's contact ("contact-talk-form").
type conferenceForm[T any] struct {
	Data            conferenceData
	ID              string // the form's anchor, as refusedForm.ID
	Action          string
	Summary, Submit string
	Record          *T
}

// newConferenceForm builds a conferenceForm: with a record the form
// corrects it, without one it records a new one.
func newConferenceForm[T any](d conferenceData, id, action, summary, submit string, rec ...T) conferenceForm[T] {
	f := conferenceForm[T]{Data: d, ID: id, Action: action, Summary: summary, Submit: submit}
	if len(rec) > 0 {
		f.Record = &rec[0]
	}
	return f
}

// typed gives what was typed into field if this form was refused.
func (f conferenceForm[T]) typed(field string) (string, bool) {
	if f.Data.Open(f.ID) {
		return f.Data.Typed(f.ID, field, ""), true
	}
	return "", false
}

// outcomeFormView is the form of an outcome (template function
// outcomeForm).
type outcomeFormView struct {
	conferenceForm[model.ConferenceOutcome]
}

// newOutcomeForm builds an outcomeFormView (template function
// outcomeForm).
func newOutcomeForm(d conferenceData, id, action, summary, submit string, o ...model.ConferenceOutcome) outcomeFormView {
	return outcomeFormView{newConferenceForm(d, id, action, summary, submit, o...)}
}

// Value gives a field's value: what was typed if this form was refused,
// else the outcome's (empty for a new one).
func (f outcomeFormView) Value(field string) string {
	if v, ok := f.typed(field); ok {
		return v
	}
	if f.Record == nil {
		return ""
	}
	switch field {
	case "datum":
		return f.Record.HeldOn.String()
	case "sitzung":
		return f.Record.Meeting
	case "nummer":
		return f.Record.Reference
	case "titel":
		return f.Record.Title
	case "text":
		return editableMarks(f.Record.Text)
	}
	return ""
}
