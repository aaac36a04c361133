package web

// The contacts and talks of the spokespersons with their FachMK (Kontakte
// und Gespräche, Auftaktgespräch): logged on the conference page by the
// spokesperson in office and the Geschäftsstelle; read there, on "Mein
// Bereich" and — whether the kick-off talk is held — in the overview
// /fachmk by whoever model.SeesSpokespersonContacts admits.

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// contactOfForm reads a contact with conference conferenceID from the form
// (fields art, datum, land, mit, teilnehmende, themen, schritte), logged
// by u; a spokesperson logs for their own member, the Geschäftsstelle for
// the one it picks (land).
func (s *Server) contactOfForm(r *http.Request, conferenceID int64, u *model.User) (model.SpokespersonContact, error) {
	c := model.SpokespersonContact{ConferenceID: conferenceID, RecordedBy: u.Name, Version: formVersion(r),
		Member: strings.TrimSpace(r.PostFormValue("land")), Kind: model.ContactKind(r.PostFormValue("art")),
		With: strings.TrimSpace(r.PostFormValue("mit")), Participants: strings.TrimSpace(r.PostFormValue("teilnehmende"))}
	if u.Role == model.RoleSpokesperson {
		c.Member = u.MemberAbbrev
	}
	var refused problems
	var err error
	if c.HeldOn, err = model.ParseDate(r.PostFormValue("datum")); err != nil {
		refused.add(model.AtField("datum", err))
	}
	if c.Topics, err = formText(r.PostFormValue("themen")); err != nil {
		refused.add(model.AtField("themen", err))
	}
	if c.NextSteps, err = formText(r.PostFormValue("schritte")); err != nil {
		refused.add(model.AtField("schritte", err))
	}
	if len(refused) > 0 {
		// Every reason at once: the contact's own rules (a day in the
		// future, no counterpart) on the fields that read cleanly, not
		// only once the form does.
		refused.addUnrefused(c.Validate(s.today()))
	}
	return c, refused.err()
}

// contactAction admits the user to log or correct a contact with the
// conference the path names; a spokesperson's member goes to the store,
// which checks the function in the write.
func (s *Server) contactAction(w http.ResponseWriter, r *http.Request) (u *model.User, b model.Body, spokesperson string, ok bool) {
	u, ok = s.require(w, r, auth.RecordSpokespersonContact, "")
	if !ok || !s.parseForm(w, r) {
		return nil, b, "", false
	}
	if b, ok = s.conferenceOfPath(w, r); !ok {
		return nil, b, "", false
	}
	if u.Role == model.RoleSpokesperson {
		spokesperson = u.MemberAbbrev
	}
	return u, b, spokesperson, true
}

func (s *Server) recordSpokespersonContact(w http.ResponseWriter, r *http.Request) {
	u, b, spokesperson, ok := s.contactAction(w, r)
	if !ok {
		return
	}
	c, err := s.contactOfForm(r, b.ID, u)
	var id int64
	// Sent again (the back button, a double click), the form logs the
	// contact no second time: it leads to the first.
	var again bool
	if err == nil {
		id, err = s.st.CreateSpokespersonContact(r.Context(), c, spokesperson, sentOnce(r, u, &again))
	}
	if err != nil {
		s.refuseConferenceForm(w, r, b.Abbrev, "gespraech-neu", "Der Kontakt ist nicht erfasst", err)
		return
	}
	if again {
		back(w, r, "/fachmk/"+b.Abbrev+"#gespraech-"+strconv.FormatInt(id, 10), sentAgain("der Kontakt „"+c.Label()+"“ ist erfasst."))
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev+"#gespraech-"+strconv.FormatInt(id, 10), "Der Kontakt „"+c.Label()+"“ ist erfasst.")
}

func (s *Server) correctSpokespersonContact(w http.ResponseWriter, r *http.Request) {
	u, b, spokesperson, ok := s.contactAction(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Diesen Kontakt gibt es nicht.")
		return
	}
	old, err := s.st.SpokespersonContact(r.Context(), id)
	if err != nil || old.ConferenceID != b.ID {
		s.notFound(w, r, "Diesen Kontakt gibt es nicht.")
		return
	}
	c, err := s.contactOfForm(r, b.ID, u)
	c.ID, c.Member = id, old.Member
	if err == nil {
		err = s.st.UpdateSpokespersonContact(r.Context(), c, spokesperson)
	}
	if err != nil {
		s.refuseConferenceForm(w, r, b.Abbrev, "gespraech-berichtigung-"+strconv.FormatInt(id, 10), "Der Kontakt ist nicht berichtigt", err)
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev+"#gespraech-"+strconv.FormatInt(id, 10), "Der Kontakt „"+c.Label()+"“ ist berichtigt.")
}

// kickoff is where the kick-off talk of a spokesperson's current term
// stands (model.KickoffState: held, or due by the second regular IT-PLR
// session after the start) on the day Today, for the templates.
type kickoff struct {
	model.KickoffState
	Today model.Date
}

// Label says when the talk not yet held is due ("fällig bis …",
// "überfällig seit …", "… noch nicht terminiert").
func (k kickoff) Label() string { return k.DueLabel(k.Today) }

// Short says in a few words when the talk not yet held is due, for the
// overview /fachmk ("überfällig seit …").
func (k kickoff) Short() string { return k.ShortLabel(k.Today) }

// Late reports whether the talk is overdue.
func (k kickoff) Late() bool { return k.Overdue(k.Today) }

// kickoffsOf gives the kick-off state of each assignment in office among
// sps (the history of one conference or of all), from the contacts cs and
// the IT-PLR's sessions after each term's start. An assignment whose
// function ended has none: nil, so that the templates skip it ({{with
// index .Kickoffs .ID}}).
func (s *Server) kickoffsOf(ctx context.Context, sps []spokesperson, lastHeld int, cs []model.SpokespersonContact) (map[int64]*kickoff, error) {
	out := map[int64]*kickoff{}
	council, err := s.councilBody(ctx)
	if err != nil {
		return nil, err
	}
	// The sessions of every term's start in one statement.
	var inOffice []model.Assignment
	var starts []model.Date
	for _, sp := range sps {
		if a := sp.Assignment; a.Status(lastHeld) != model.AssignmentEnded {
			inOffice, starts = append(inOffice, a), append(starts, a.StartOn)
		}
	}
	sessions, err := s.st.KickoffSessionsByStart(ctx, council.ID, starts)
	if err != nil {
		return nil, err
	}
	today := model.BerlinDate(s.clock())
	for _, a := range inOffice {
		out[a.ID] = &kickoff{KickoffState: model.KickoffOf(a, cs, sessions[a.StartOn]), Today: today}
	}
	return out, nil
}

// CorrectsTalk tells whether the user gets the form that corrects contact
// c: the Geschäftsstelle for any, a spokesperson for their own while in
// office (the store checks both again in the write).
func (d conferenceData) CorrectsTalk(c model.SpokespersonContact) bool {
	if d.PicksMember {
		return true
	}
	for _, sp := range d.TalksFor {
		if sp.Member == c.Member {
			return true
		}
	}
	return false
}

// contactFormView is the form that logs a contact (Record nil) or
// corrects one, on the conference page (template "contact-talk-form").
type contactFormView struct {
	conferenceForm[model.SpokespersonContact]
}

// newContactForm builds a contactFormView (template function
// contactForm).
func newContactForm(d conferenceData, id, action, summary, submit string, c ...model.SpokespersonContact) contactFormView {
	return contactFormView{newConferenceForm(d, id, action, summary, submit, c...)}
}

// Questions gives the concept's guiding questions for kick-off talks,
// offered beside the topics while the kind is Auftaktgespräch (style.css
// hides them for another kind; not prefilled into the field).
func (f contactFormView) Questions() []string { return model.KickoffGuidingQuestions }

// Kinds gives the kinds of contact the form offers.
func (f contactFormView) Kinds() []model.ContactKind { return model.ContactKinds() }

// Value gives a field's value: what was typed if this form was refused,
// else the contact's (for a new one: a kick-off talk while one of the
// spokespersons the form logs for has not held theirs, else a talk — it
// offered the kick-off after it was logged, inviting a second; else
// empty).
func (f contactFormView) Value(field string) string {
	if v, ok := f.typed(field); ok {
		return v
	}
	c := f.Record
	if c == nil {
		if field == "art" {
			return string(f.newKind())
		}
		return ""
	}
	switch field {
	case "art":
		return string(c.Kind)
	case "datum":
		return c.HeldOn.String()
	case "land":
		return c.Member
	case "mit":
		return c.With
	case "teilnehmende":
		return c.Participants
	case "themen":
		return editableMarks(c.Topics)
	case "schritte":
		return editableMarks(c.NextSteps)
	}
	return ""
}

// newKind is the kind a new contact's form preselects: the kick-off talk
// while one of the spokespersons it logs for (TalksFor) owes it, else a
// talk.
func (f contactFormView) newKind() model.ContactKind {
	for _, sp := range f.Data.TalksFor {
		if k := f.Data.Kickoffs[sp.ID]; k != nil && !k.Held {
			return model.ContactKickoff
		}
	}
	return model.ContactTalk
}
