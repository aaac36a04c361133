package web

// Agenda registration by members (with the FachMK-impact statement, GO § 4).

import (
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

// registerFields are the registration form's fields in the order the form
// shows them: the box above it lists the reasons in this order.
var registerFields = []string{"mitglied", "titel", "punkte", "ziel", "quelle", "berichterstattung", "antrag", "beschlussvorschlag", "fachmk"}

type registerData struct {
	Session model.Session
	Members []model.Member
	Member  string // the member registering
	// Secretariat: the secretariat registers (or changes a registration)
	// for Member; it need not be among applicants and reporters.
	Secretariat bool
	// Edit is the pending registration the form changes (ID 0: the form
	// makes a new one).
	Edit        model.AgendaItem
	Conferences []model.Body
	Goals       []model.Goal
	Form        url.Values
	// Problems are why the registration was refused, each at the field
	// it concerns (aria-invalid, aria-describedby) and all of them above
	// the form.
	Problems problems
	// Meanwhile: the stored value beside each field that differs, after a
	// change refused because the registration was changed in between.
	Meanwhile meanwhile
	Late      bool
	// Closed: the session takes no more registrations, and nothing was
	// typed yet — the page says so instead of offering a form that can
	// only be refused.
	Closed bool
	// Next is the body's next session open for registration when this one
	// is closed (zero: none).
	Next model.Session
}

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request) {
	if s.advisoryRefused(w, r) {
		return
	}
	u, ok := s.require(w, r, auth.RegisterItem, "")
	if !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.renderRegister(w, r, http.StatusOK, se, u, url.Values{}, nil, model.AgendaItem{})
}

// renderRegister shows the registration form of the session: a new
// registration, or with edit the change of that pending registration.
func (s *Server) renderRegister(w http.ResponseWriter, r *http.Request, status int, se model.Session, u *model.User, form url.Values, refused problems, edit model.AgendaItem) {
	s.renderRegisterMeanwhile(w, r, status, se, u, form, refused, edit, nil)
}

// renderRegisterMeanwhile is renderRegister with the stored values m
// beside the fields that differ (a change refused because the
// registration was changed in between: refuseRegistrationChange).
func (s *Server) renderRegisterMeanwhile(w http.ResponseWriter, r *http.Request, status int, se model.Session, u *model.User, form url.Values, refused problems, edit model.AgendaItem, m meanwhile) {
	ctx := r.Context()
	members, err := s.votingMembers(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	conferences, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	member := u.MemberAbbrev
	if u.Role == model.RoleSecretariat {
		member = "" // the secretariat registers for any member
	}
	typed := len(form) > 0
	if edit.ID != 0 {
		member = edit.RegisteredBy
	}
	d := registerData{Session: se, Members: members, Member: member, Secretariat: u.Role == model.RoleSecretariat, Edit: edit, Conferences: conferences, Goals: model.Goals, Form: form, Problems: refused, Meanwhile: m,
		Late: se.RegistrationLate(s.today()), Closed: !se.RegistrationOpen() && !typed && edit.ID == 0}
	if edit.ID == 0 && !formKeyPattern.MatchString(form.Get("formular")) {
		// A new form gets its one-time key; a form shown again (refused)
		// keeps the one it was sent with.
		d.Form = cloneValues(form)
		d.Form.Set("formular", newFormKey())
	}
	if d.Closed {
		open, err := s.registrableSessions(ctx, se.BodyID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if i := slices.IndexFunc(open, func(o model.Session) bool { return o.ID != se.ID }); i >= 0 {
			d.Next = open[i]
		}
	}
	v := view{Title: "TOP anmelden – " + se.Title(), Active: "sitzungen", Data: d}
	if edit.ID != 0 {
		v.Title, v.Active = "Anmeldung ändern: "+model.InternalText(edit.Title), "mein"
	}
	s.render(w, r, status, "register.html", v)
}

// advisoryRefused answers an advisory member on the registration form
// with the rule (not the generic "Keine Berechtigung") and reports
// whether it did.
func (s *Server) advisoryRefused(w http.ResponseWriter, r *http.Request) bool {
	why := auth.AdvisoryRegistersNoItem(s.user(r))
	if why == "" {
		return false
	}
	s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Keine Anmeldung von Tagesordnungspunkten", Data: why})
	return true
}

func (s *Server) registerItem(w http.ResponseWriter, r *http.Request) {
	if s.advisoryRefused(w, r) {
		return
	}
	u, _, se, ok := s.sessionAction(w, r, auth.RegisterItem)
	if !ok {
		return
	}
	ctx := r.Context()
	f := r.PostForm
	member := u.MemberAbbrev
	if u.Role == model.RoleSecretariat {
		member = f.Get("mitglied")
	}
	if !auth.Can(u, auth.RegisterItem, member) || member == "" {
		s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Keine Berechtigung", Data: "Sie können Tagesordnungspunkte nur für Ihr eigenes Mitglied anmelden."})
		return
	}
	g, council, refused, err := s.readRegistration(r, se, member, u.Role == model.RoleSecretariat)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(refused) > 0 {
		s.renderRegister(w, r, http.StatusUnprocessableEntity, se, u, f, refused, model.AgendaItem{})
		return
	}
	it, draft := g.Item(se, s.clock()), g.Draft(council.ID)
	// A member office's registration asks the members it names as
	// applicants to confirm; the secretariat's stands as entered.
	var opts []store.RegistrationOption
	if !g.BySecretariat {
		opts = append(opts, store.ConfirmCoApplicants())
	}
	// The form's one-time key: the same form sent again (the back button,
	// a double click) leads to the registration it made.
	var again bool
	if key := f.Get("formular"); formKeyPattern.MatchString(key) {
		opts = append(opts, store.WithFormKey(key, &again))
	}
	id, err := s.st.RegisterItem(ctx, it, draft, opts...)
	if err != nil {
		// Refused by the store (the session closed meanwhile): the form
		// again as typed, with the reason.
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.renderRegister(w, r, status, se, u, f, reasons, model.AgendaItem{})
		return
	}
	if again {
		back(w, r, fmt.Sprintf("/anmeldungen/%d", id), "Dieses Anmeldeformular war bereits gesendet; die Anmeldung ist schon gespeichert, eine zweite ist nicht entstanden. Hier steht sie, wie sie gespeichert ist.")
		return
	}
	notice := "Der TOP ist angemeldet. Die Geschäftsstelle entscheidet über die Aufnahme."
	if it.Late {
		notice = "Der TOP ist angemeldet – nach Anmeldeschluss; er ist als verspätet gekennzeichnet."
	}
	// The registration's page: what was submitted, where the documents
	// are uploaded (the session page), and the way to withdraw it.
	back(w, r, fmt.Sprintf("/anmeldungen/%d", id), notice+" Unterlagen laden Sie auf der Seite der Sitzung hoch.")
}

// readRegistration reads the registration form of r (a new registration
// or the change of one) for member of the session, by the rules of
// model.Registration.Check and store.CheckSources: the registration, the
// council it is made to, and every reason it is refused, in the form's
// order (none: it may be stored). An error is the server's.
func (s *Server) readRegistration(r *http.Request, se model.Session, member string, bySecretariat bool) (model.Registration, model.Body, problems, error) {
	ctx := r.Context()
	f := r.PostForm
	var refused problems
	refuse := func(field, reason string) { refused.add(model.AtField(field, model.RuleError("%s", reason))) }
	g := model.Registration{Member: member, BySecretariat: bySecretariat, Goal: model.Goal(f.Get("ziel")),
		Sources: splitFormList(f.Get("quelle")), Reporters: s.memberList(ctx, f.Get("berichterstattung")), Applicants: s.memberList(ctx, f.Get("antrag")),
		Impact: model.Impact{Note: strings.TrimSpace(f.Get("fachmk_hinweis"))}}
	switch f.Get("fachmk") {
	case "keine":
		g.Impact.Stated = true
	case "betroffen":
		g.Impact.Stated, g.Affected = true, true
	}
	// Read the ticked conferences whatever was chosen: "keine" with
	// conferences ticked is refused (Check), not stored without them.
	conferences, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return g, model.Body{}, nil, err
	}
	for _, v := range f["fachmk_ids"] {
		id, _ := strconv.ParseInt(v, 10, 64)
		if !slices.ContainsFunc(conferences, func(c model.Body) bool { return c.ID == id }) {
			// Not one the form offers: refused, not dropped unsaid.
			refuse("fachmk", fmt.Sprintf("„%s“ ist keine Fachministerkonferenz; bitte unter den angebotenen ankreuzen.", v))
			continue
		}
		g.Impact.ConferenceIDs = append(g.Impact.ConferenceIDs, id)
	}
	proposal, err := formLines(f.Get("beschlussvorschlag"))
	if err != nil {
		refuse("beschlussvorschlag", "Bitte den Beschlussvorschlag prüfen. "+model.ReasonOf(err))
	}
	g.Proposal = model.NumberedPoints(proposal)
	if g.Title, err = model.ConfidentialMarks(strings.TrimSpace(f.Get("titel"))); err != nil {
		refuse("titel", "Bitte den Titel prüfen. "+model.ReasonOf(err))
	}
	if g.Points, err = formLines(f.Get("punkte")); err != nil {
		refuse("punkte", "Bitte die Unterpunkte prüfen. "+model.ReasonOf(err))
	}
	kinds, err := s.st.MemberKinds(ctx)
	if err != nil {
		return g, model.Body{}, nil, err
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		return g, council, nil, err
	}
	// A made-up number (B-2025/99-IT) was published as the item's source.
	if err := s.st.CheckSources(ctx, council.ID, g.Sources); err != nil {
		if !formRefusal(err) {
			return g, council, nil, err
		}
		refused.add(err)
	}
	for _, p := range refused {
		g.Refused = append(g.Refused, model.FieldOf(p))
	}
	for _, p := range g.Check(se, kinds) {
		refuse(p.Field, p.Reason)
	}
	return g, council, refused.inOrder(registerFields...), nil
}

// cloneValues gives a copy of v that may be changed without changing v.
func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v)+1)
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}
