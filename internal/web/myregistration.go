package web

// A member office's own registration (Anmeldung): what it submitted, the
// secretariat's decision with its reason, and withdrawing it while the
// secretariat has not decided.

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

type myRegistrationData struct {
	Item    model.AgendaItem
	Session model.Session
	// Draft is the decision proposal (Beschlussvorschlag) with its
	// applicants; zero without one.
	Draft model.Decision
	// Applicants names the draft's applicants, each co-applicant with
	// where its confirmation stands, and Short is why the applicants that
	// count do not (yet) make the application (zero: they do): both in
	// one order (proposalApplicants).
	Applicants  string
	Short       model.Shortfall
	Conferences map[int64]model.Body
	// Pending: the secretariat has not decided; the member may withdraw.
	Pending bool
	// NoChange is why the pending registration can no longer be changed
	// (model.AgendaItem.RegistrationChange); "": the page offers the change.
	NoChange string
	// Refused are the reasons a withdrawal (or the change, Undone) was
	// refused, at its field.
	Refused problems
	// Undone says above the reasons what did not happen.
	Undone string
	// MoveTargets are the sessions the pending registration of a
	// cancelled session may be moved to (moveOptions); Chosen is the one
	// a refused move chose.
	MoveTargets []moveOption
	Chosen      int
	// Outcome is what became of the registration in its session, once the
	// session is held (registrationOutcome); empty before.
	Outcome []regOutcome
}

// regOutcome is one line of what became of a registration in its
// session (model.RegistrationOutcome) with the address its link text
// points to: the decision's page, or the page of the session the item was
// deferred to; empty for a session the reader cannot find.
type regOutcome struct {
	model.RegistrationOutcome
	URL string
}

// registrationOutcome gives what became of the registration it in its
// held session se (store.RegistrationOutcome), as the reader may see it,
// each line with the address of its link.
func (s *Server) registrationOutcome(r *http.Request, it model.AgendaItem, se model.Session) ([]regOutcome, error) {
	lines, later, err := s.st.RegistrationOutcome(r.Context(), s.audienceOf(r), it, se)
	if err != nil {
		return nil, err
	}
	out := make([]regOutcome, 0, len(lines))
	for _, o := range lines {
		line := regOutcome{RegistrationOutcome: o, URL: decisionURL(o.DecisionLabel)}
		if o.DeferredTo > 0 && later != nil {
			line.URL = later.Path()
		}
		out = append(out, line)
	}
	return out, nil
}

// Not found: what the registration's pages say when there is no
// registration {id} for the user. A withdrawn registration is deleted with
// its proposal, so its own office, coming back to it (a second
// "Anmeldung zurückziehen", the back button), gets the likely reason.
const (
	noRegistration        = "Diese Anmeldung gibt es nicht."
	noRegistrationAnymore = "Diese Anmeldung ist bereits zurückgezogen oder gibt es nicht."
)

// registrationFromPath finds the registration {id} for the member that
// made it or the secretariat; otherwise it has answered (others do not
// learn that it exists), with notFound where there is none.
func (s *Server) registrationFromPath(w http.ResponseWriter, r *http.Request, notFound string) (*model.User, model.AgendaItem, model.Session, bool) {
	u, it, se, ok := s.registrationLookup(w, r, notFound)
	if !ok {
		return nil, it, se, false
	}
	if !ownRegistration(u, it) {
		s.notFound(w, r, notFound)
		return nil, it, se, false
	}
	return u, it, se, true
}

// ownRegistration reports whether u acts for the registration it: the
// member office that made it, or the secretariat.
func ownRegistration(u *model.User, it model.AgendaItem) bool {
	// The office that registered (model.MemberOffice), not every account
	// naming its member: a spokesperson of the Land shares the
	// abbreviation but does not act for the office.
	office := model.MemberOffice(u)
	return it.RegisteredBy != "" && (u.Role == model.RoleSecretariat || (office != "" && office == it.RegisteredBy))
}

// registrationLookup finds the agenda item {id} for an internal reader;
// otherwise it has answered, with notFound where there is none.
func (s *Server) registrationLookup(w http.ResponseWriter, r *http.Request, notFound string) (*model.User, model.AgendaItem, model.Session, bool) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return nil, model.AgendaItem{}, model.Session{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, notFound)
		return nil, model.AgendaItem{}, model.Session{}, false
	}
	it, err := s.st.Item(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, notFound)
		return nil, it, model.Session{}, false
	}
	se, err := s.st.Session(r.Context(), it.SessionID)
	if err != nil {
		s.fail(w, r, err, notFound)
		return nil, it, se, false
	}
	return u, it, se, true
}

// myRegistrationPage shows the registration {id}: to the member office
// that made it and the secretariat with its actions, to a member named
// as co-applicant read-only with its answer (renderCoApplicant).
func (s *Server) myRegistrationPage(w http.ResponseWriter, r *http.Request) {
	u, it, se, ok := s.registrationLookup(w, r, noRegistration)
	if !ok {
		return
	}
	if ownRegistration(u, it) {
		s.renderMyRegistration(w, r, http.StatusOK, it, se, nil, "")
		return
	}
	draft, err := s.registrationDraft(r, it)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !s.coApplicantOf(r, u, it, se, draft) {
		s.notFound(w, r, noRegistration)
		return
	}
	s.renderCoApplicant(w, r, http.StatusOK, u, it, se, draft, "")
}

// registrationDraft gives the decision proposal of the registration it
// (zero without one).
func (s *Server) registrationDraft(r *http.Request, it model.AgendaItem) (model.Decision, error) {
	drafts, err := s.st.Decisions(r.Context(), store.DecisionFilter{ItemID: it.ID, Limit: 1})
	if err != nil || len(drafts) == 0 {
		return model.Decision{}, err
	}
	return drafts[0], nil
}

// renderMyRegistration shows the registration's page; refused are the
// reasons an action on it was refused, undone says which.
func (s *Server) renderMyRegistration(w http.ResponseWriter, r *http.Request, status int, it model.AgendaItem, se model.Session, refused problems, undone string) {
	s.renderMyRegistrationWith(w, r, status, it, se, refused, undone, 0)
}

// renderMyRegistrationWith is renderMyRegistration with the session a
// refused move chose (0: none).
func (s *Server) renderMyRegistrationWith(w http.ResponseWriter, r *http.Request, status int, it model.AgendaItem, se model.Session, refused problems, undone string, chosen int) {
	ctx := r.Context()
	d := myRegistrationData{Item: it, Session: se, Pending: it.Status == model.ItemRegistered, Refused: refused,
		Undone: cmp.Or(undone, "Die Anmeldung ist nicht zurückgezogen:"), Chosen: chosen}
	if err := it.RegistrationChange(se, s.today()); err != nil {
		d.NoChange = model.ReasonOf(err)
	}
	var err error
	if d.Pending {
		u := s.user(r)
		if d.MoveTargets, err = s.moveOptions(ctx, se, u != nil && u.Role == model.RoleSecretariat); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if d.Draft, err = s.registrationDraft(r, it); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Draft.ID != 0 {
		co, err := s.st.CoApplications(ctx, d.Draft.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var short model.Shortfall
		if d.Applicants, short, err = s.proposalApplicants(ctx, it, d.Draft, co); err != nil {
			s.serverError(w, r, err)
			return
		}
		// A declined registration is decided: no shortfall to mend, no
		// answers to wait for.
		if it.Status != model.ItemDeclined {
			d.Short = short
		}
	}
	if d.Outcome, err = s.registrationOutcome(r, it, se); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Conferences, _, err = s.conferenceByID(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "myregistration.html", view{Title: "Ihre Anmeldung: " + model.InternalText(it.Title), Active: "mein", Data: d})
}

func (s *Server) withdrawRegistration(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	u, it, se, ok := s.registrationFromPath(w, r, noRegistrationAnymore)
	if !ok {
		return
	}
	if r.PostFormValue("bestaetigt") != "ja" {
		var p problems
		p.add(model.AtField("bestaetigt", model.InputError("Bitte bestätigen, dass Sie die Anmeldung zurückziehen wollen.")))
		s.renderMyRegistration(w, r, http.StatusUnprocessableEntity, it, se, p, "")
		return
	}
	member := u.MemberAbbrev
	if u.Role == model.RoleSecretariat {
		member = ""
	}
	if err := s.st.WithdrawRegistration(r.Context(), it.ID, formVersion(r), member); err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, noRegistrationAnymore)
			return
		}
		if it, err = s.st.Item(r.Context(), it.ID); err != nil {
			s.fail(w, r, err, noRegistrationAnymore)
			return
		}
		s.renderMyRegistration(w, r, status, it, se, reasons, "")
		return
	}
	s.changed(r, se.ID)
	back(w, r, "/mein-bereich#h-anmeldungen", fmt.Sprintf("Die Anmeldung „%s“ zur %s ist zurückgezogen.", model.InternalText(it.Title), se.Title()))
}

// changeRefused is what the registration's page says above the reason a
// change was refused.
const changeRefused = "Die Anmeldung kann nicht geändert werden:"

// editRegistrationPage shows the registration form filled in with the
// pending registration, to change it; a registration that can no longer
// be changed shows its page with the reason.
func (s *Server) editRegistrationPage(w http.ResponseWriter, r *http.Request) {
	u, it, se, ok := s.registrationChange(w, r)
	if !ok {
		return
	}
	draft, err := s.registrationDraft(r, it)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderRegister(w, r, http.StatusOK, se, u, registrationForm(it, draft), nil, it)
}

// registrationChange finds the registration {id} for a change by the
// member that made it or the secretariat; otherwise, or where it can no
// longer be changed, it has answered.
func (s *Server) registrationChange(w http.ResponseWriter, r *http.Request) (*model.User, model.AgendaItem, model.Session, bool) {
	u, it, se, ok := s.registrationFromPath(w, r, noRegistrationAnymore)
	if !ok {
		return nil, it, se, false
	}
	if !auth.Can(u, auth.RegisterItem, it.RegisteredBy) {
		s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Keine Berechtigung", Data: "Eine Anmeldung ändert das Mitglied, das sie gemacht hat, oder die Geschäftsstelle."})
		return nil, it, se, false
	}
	if err := it.RegistrationChange(se, s.today()); err != nil {
		var p problems
		p.add(err)
		s.renderMyRegistration(w, r, http.StatusUnprocessableEntity, it, se, p, changeRefused)
		return nil, it, se, false
	}
	return u, it, se, true
}

// registrationForm gives the registration form's fields of the
// registration it with its proposal draft, as the member typed them.
func registrationForm(it model.AgendaItem, draft model.Decision) url.Values {
	f := url.Values{"titel": {editableMarks(it.Title)}, "ziel": {string(it.Goal)}, "quelle": {strings.Join(it.Sources, ", ")},
		"berichterstattung": {strings.Join(it.Reporters, ", ")}, "antrag": {strings.Join(draft.Applicants, ", ")},
		"beschlussvorschlag": {pointLines(draft.Points)}, "fachmk_hinweis": {it.Impact.Note}, "version": {fmt.Sprint(it.Version)}}
	points := make([]string, len(it.Points))
	for i, p := range it.Points {
		points[i] = editableMarks(p)
	}
	f.Set("punkte", strings.Join(points, "\n"))
	switch {
	case len(it.Impact.ConferenceIDs) > 0:
		f.Set("fachmk", "betroffen")
	case it.Impact.Stated:
		f.Set("fachmk", "keine")
	}
	for _, id := range it.Impact.ConferenceIDs {
		f.Add("fachmk_ids", fmt.Sprint(id))
	}
	return f
}

// changeRegistration stores the changed registration form: by the rules
// of a new registration (readRegistration); refused, the form again as
// typed with every reason.
func (s *Server) changeRegistration(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	u, it, se, ok := s.registrationChange(w, r)
	if !ok {
		return
	}
	secretariat := u.Role == model.RoleSecretariat
	g, _, refused, err := s.readRegistration(r, se, it.RegisteredBy, secretariat)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(refused) > 0 {
		s.refuseRegistrationChange(w, r, http.StatusUnprocessableEntity, se, u, it, refused)
		return
	}
	member := u.MemberAbbrev
	var askedAgain []string
	opts := []store.RegistrationOption{store.AskedAgain(&askedAgain)}
	if secretariat {
		member = ""
	} else {
		opts = append(opts, store.ConfirmCoApplicants())
	}
	if _, err := s.st.UpdateRegistration(r.Context(), it.ID, formVersion(r), member, g, opts...); err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		if now, err := s.st.Item(r.Context(), it.ID); err == nil {
			it = now // the registration as stored after the refusal
		}
		s.refuseRegistrationChange(w, r, status, se, u, it, reasons)
		return
	}
	s.changed(r, se.ID)
	notice := "Die Anmeldung ist geändert. Die Geschäftsstelle entscheidet über die Aufnahme."
	switch len(askedAgain) {
	case 0:
	case 1:
		notice += fmt.Sprintf(" Der Beschlussvorschlag hat sich geändert: %s ist erneut um seinen Mitantrag gebeten und zählt bis zur Bestätigung nicht für den Antrag.", askedAgain[0])
	default:
		notice += fmt.Sprintf(" Der Beschlussvorschlag hat sich geändert: %s und %s sind erneut um ihren Mitantrag gebeten und zählen bis zur Bestätigung nicht für den Antrag.",
			strings.Join(askedAgain[:len(askedAgain)-1], ", "), askedAgain[len(askedAgain)-1])
	}
	back(w, r, fmt.Sprintf("/anmeldungen/%d", it.ID), notice)
}

// refuseRegistrationChange shows the change form of registration it (as
// stored now) again as typed, with every reason at its field. When the
// registration was changed in between (its version is no longer the
// form's), that is said too, whatever else refused the form, the stored
// value stands beside each field that differs, and only then does the
// form carry the version stored now, so that sending it again saves it on
// purpose. Before, a conflict kept the old version (every further save
// was refused again) and showed the new state nowhere.
func (s *Server) refuseRegistrationChange(w http.ResponseWriter, r *http.Request, status int, se model.Session, u *model.User, it model.AgendaItem, reasons problems) {
	form := r.PostForm
	var m meanwhile
	if formVersion(r) != it.Version {
		draft, err := s.registrationDraft(r, it)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		conferences, err := s.st.Bodies(r.Context(), model.BodyFachMK)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		m = registrationMeanwhile(form, registrationForm(it, draft), conferences)
		form = cloneValues(form)
		form.Set("version", fmt.Sprint(it.Version))
		reasons, status = withMeanwhile(reasons, m), http.StatusConflict
	}
	s.renderRegisterMeanwhile(w, r, status, se, u, form, reasons, it, m)
}

// registrationMeanwhile gives the stored values of the registration form
// (stored, registrationForm) that differ from the typed ones, as the page
// shows them; the affected conferences by name.
func registrationMeanwhile(typed, stored url.Values, conferences []model.Body) meanwhile {
	m := meanwhile{}
	text := func(v string) string { return strings.ReplaceAll(v, "\r\n", "\n") }
	for _, f := range []string{"titel", "punkte", "ziel", "quelle", "berichterstattung", "antrag", "beschlussvorschlag", "fachmk_hinweis"} {
		m.note(f, text(typed.Get(f)), text(stored.Get(f)), stored.Get(f))
	}
	ids := func(v url.Values) string {
		out := slices.Clone(v["fachmk_ids"])
		slices.Sort(out)
		return v.Get("fachmk") + ":" + strings.Join(out, ",")
	}
	var shown string
	switch stored.Get("fachmk") {
	case "keine":
		shown = model.ImpactNoneLabel
	case "betroffen":
		var names []string
		for _, c := range conferences {
			if slices.Contains(stored["fachmk_ids"], fmt.Sprint(c.ID)) {
				names = append(names, c.Name)
			}
		}
		shown = model.ImpactSomeLabel + ": " + strings.Join(names, ", ")
	}
	m.note("fachmk", ids(typed), ids(stored), shown)
	return m
}
