package api

// Registration of agenda items (Anmeldung) by a member's system, with the
// rules of the form /sitzungen/{nr}/anmelden (model.Registration.Check)
// and the same store call.

import (
	"context"
	"fmt"
	"gremium/internal/lazyre"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// RegistrationRequest is the body of POST /api/v1/sitzungen/{nr}/anmeldungen:
// what the registration form asks. Texts may mark confidential passages
// [[…]], as in the form.
// The tag `form` names the field of the form a member stands for, by
// which a refusal names the member (fields.go).
type RegistrationRequest struct {
	// Member is the registering member; only a secretariat token names it,
	// a member office registers for its own member.
	Member     string   `json:"mitglied" form:"mitglied"`
	Title      string   `json:"titel" form:"titel"`
	Goal       string   `json:"ziel" form:"ziel"`
	Points     []string `json:"punkte" form:"punkte"`
	Sources    []string `json:"quelle" form:"quelle"`
	Reporters  []string `json:"berichterstattung" form:"berichterstattung"`
	Applicants []string `json:"antrag" form:"antrag"`
	// Proposal is the decision proposal, one line per point ("1. …").
	Proposal []string `json:"beschlussvorschlag" form:"beschlussvorschlag"`
	// FachMK is the FachMK-impact statement (GO §4); required.
	FachMK *ImpactStatement `json:"fachmk" form:"fachmk"`
}

// ImpactStatement is the FachMK-impact statement of a registration: none
// affected, or the affected conferences by their abbreviation.
type ImpactStatement struct {
	Affected    bool     `json:"betroffen"`
	Conferences []string `json:"konferenzen" form:"fachmk_ids"`
	Note        string   `json:"hinweis" form:"fachmk_hinweis"`
}

// Registered is the answer to a registration taken; URL is its own page
// /anmeldungen/{id}, the url GET /api/v1/anmeldungen/{id} gives.
type Registered struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	Late   bool   `json:"verspaetet"`
	URL    string `json:"url"`
}

// apiRegister registers an agenda item for a session of the council.
func (a *Server) apiRegister(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUser(w, r)
	if !ok {
		return
	}
	var in RegistrationRequest
	if !decodeBody(w, r, &in) {
		return
	}
	secretariat := u.Role == model.RoleSecretariat
	member := u.MemberAbbrev
	if secretariat {
		member = in.Member
	}
	if why := auth.AdvisoryRegistersNoItem(u); why != "" {
		// Not "each member for itself": an advisory member registers for
		// nobody, itself neither (before, it was told the rule for others).
		apiError(w, http.StatusForbidden, why)
		return
	}
	if member == "" || !auth.Can(u, auth.RegisterItem, member) || (!secretariat && in.Member != "" && in.Member != member) {
		apiError(w, http.StatusForbidden, "Tagesordnungspunkte meldet jedes Mitglied für sich an; die Geschäftsstelle für alle (mit \"mitglied\").")
		return
	}
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	ctx := store.WithActor(r.Context(), u.Username)
	if _, err := a.st.Member(ctx, member); err != nil {
		a.fail(w, r, err)
		return
	}
	g, council, ok := a.readRegistration(w, r, in, se, member, secretariat)
	if !ok {
		return
	}
	it := g.Item(se, a.st.Now())
	var opts []store.RegistrationOption
	if !secretariat {
		opts = append(opts, store.ConfirmCoApplicants())
	}
	// A client's Idempotency-Key: the same request sent again (after a
	// broken connection) gives the registration made, not a second one
	// asking its co-applicants twice (store.WithFormKey; "api:" keeps the
	// keys apart from the form's).
	var again bool
	if key := r.Header.Get("Idempotency-Key"); key != "" {
		if !idempotencyKey.MatchString(key) {
			apiError(w, http.StatusBadRequest, "Der Idempotency-Key hat 1 bis 100 sichtbare ASCII-Zeichen.")
			return
		}
		opts = append(opts, store.WithFormKey("api:"+key, &again))
	}
	id, err := a.st.RegisterItem(ctx, it, g.Draft(council.ID), opts...)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	if again {
		status = http.StatusOK
		if it, err = a.st.Item(ctx, id); err != nil {
			a.fail(w, r, err)
			return
		}
	} else if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
	}
	// The registration's own page, as GET /api/v1/anmeldungen/{id} gives
	// it (before: the session's page).
	writeJSON(w, status, Registered{ID: id, Status: string(it.Status), Late: it.Late, URL: fmt.Sprintf("%s/anmeldungen/%d", a.Site.Base(r), id)})
}

// readRegistration reads the registration in of member for the session
// by the rules of the form (model.Registration.Check, store.CheckSources):
// the registration and the council it is made to; refused, it has
// answered 422 with every reason at its member of the request (or 500).
func (a *Server) readRegistration(w http.ResponseWriter, r *http.Request, in RegistrationRequest, se model.Session, member string, secretariat bool) (model.Registration, model.Body, bool) {
	ctx := r.Context()
	members, err := a.st.Members(ctx)
	if err != nil {
		a.fail(w, r, err)
		return model.Registration{}, model.Body{}, false
	}
	// Applicants and reporting members are read as members, by name or
	// abbreviation, as the form reads them.
	g := model.Registration{Member: member, BySecretariat: secretariat, Goal: model.Goal(in.Goal),
		Sources: trimmed(in.Sources), Reporters: model.MemberAbbrevs(trimmed(in.Reporters), members), Applicants: model.MemberAbbrevs(trimmed(in.Applicants), members)}
	var problems []model.RegistrationProblem
	refuse := func(field string, err error) {
		problems = append(problems, model.RegistrationProblem{Field: field, Reason: model.ReasonOf(err)})
	}
	if g.Title, err = model.ConfidentialMarks(strings.TrimSpace(in.Title)); err != nil {
		refuse("titel", err)
	}
	if g.Points, err = markedLines(in.Points); err != nil {
		refuse("punkte", err)
	}
	proposal, err := markedLines(in.Proposal)
	if err != nil {
		refuse("beschlussvorschlag", err)
	}
	g.Proposal = model.NumberedPoints(proposal)
	if in.FachMK != nil {
		g.Impact = model.Impact{Stated: true, Note: strings.TrimSpace(in.FachMK.Note)}
		g.Affected = in.FachMK.Affected
		// The conferences named are read whether or not affected: "not
		// affected" naming conferences is refused (Check), not stored
		// without them.
		if len(in.FachMK.Conferences) > 0 {
			conferences, err := a.st.Bodies(ctx, model.BodyFachMK)
			if err != nil {
				a.fail(w, r, err)
				return g, model.Body{}, false
			}
		named:
			for _, abbrev := range in.FachMK.Conferences {
				for _, c := range conferences {
					if strings.EqualFold(c.Abbrev, strings.TrimSpace(abbrev)) {
						g.Impact.ConferenceIDs = append(g.Impact.ConferenceIDs, c.ID)
						continue named
					}
				}
				refuse("fachmk_ids", model.InputError("„%s“ ist keine Fachministerkonferenz (die Kürzel nennt /api/v1/fachmk).", abbrev))
			}
		}
	}
	kinds, err := a.st.MemberKinds(ctx)
	if err != nil {
		a.fail(w, r, err)
		return g, model.Body{}, false
	}
	council, err := a.st.BodyByAbbrev(ctx, a.council)
	if err != nil {
		a.fail(w, r, err)
		return g, council, false
	}
	// A made-up number (B-2025/99-IT) is refused as on the form.
	if err := a.st.CheckSources(ctx, council.ID, g.Sources); model.ClassOf(err) == model.ErrInput {
		refuse("quelle", err)
	} else if err != nil {
		a.fail(w, r, err)
		return g, council, false
	}
	for _, p := range problems {
		g.Refused = append(g.Refused, p.Field)
	}
	problems = append(problems, g.Check(se, kinds)...)
	if len(problems) > 0 {
		out := make([]Problem, len(problems))
		for i, p := range problems {
			out[i] = Problem{Field: fieldOf(r, p.Field), Reason: p.Reason}
		}
		writeRefusal(w, http.StatusUnprocessableEntity, out)
		return g, council, false
	}
	return g, council, true
}

// trimmed gives the non-empty entries of a list, trimmed.
func trimmed(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// markedLines gives the non-empty lines with their confidential passages
// marked, as the form reads a text area (model.MarkedLines: each mark
// closes within its line, and a line closed only on a later one is
// refused saying so).
func markedLines(lines []string) ([]string, error) {
	return model.MarkedLines(lines)
}

// Registration is a registration (Anmeldung) in the JSON API as its
// page /anmeldungen/{id} shows it to the member that made it and to the
// secretariat: what was sent, the secretariat's decision with its reason,
// whether it may still be changed, and the version a change or the
// withdrawal names. Confidential passages are marked [[…]], as sent.
type Registration struct {
	ID      int64  `json:"id"`
	Session int    `json:"sitzung"`
	Member  string `json:"mitglied"`
	Status  string `json:"status"`
	Late    bool   `json:"verspaetet"`
	// RegisteredAt is when it was registered (RFC 3339, German time).
	RegisteredAt  string `json:"angemeldetAm,omitempty"`
	DeclineReason string `json:"ablehnungsgrund,omitempty"`
	// ChangeRequest is the change the secretariat asked of the pending
	// registration ("Änderung erbeten", model.AgendaItem.ChangeRequested)
	// with its reason: it waits for the registering member until the
	// member changes it (PUT); empty when none is asked.
	ChangeRequest string   `json:"aenderungErbeten,omitempty"`
	Title         string   `json:"titel"`
	Goal          string   `json:"ziel"`
	Points        []string `json:"punkte"`
	Sources       []string `json:"quelle"`
	Reporters     []string `json:"berichterstattung"`
	// Applicants and Proposal are the decision proposal's; empty without one.
	Applicants []string `json:"antrag"`
	// CoApplications are where the named co-applicants' confirmations
	// stand (a named member counts for the application once it
	// confirmed); Shortfall says, while the proposal is a draft, why the
	// applicants that count do not make the application, and Remedy, to
	// the registering member's office, what can still make it suffice in
	// the registration's state (the hint of its page,
	// model.AgendaItem.ApplicationRemedy).
	CoApplications []CoApplicantState `json:"mitantraege"`
	Shortfall      string             `json:"antragUnvollstaendig,omitempty"`
	Remedy         string             `json:"antragHinweis,omitempty"`
	Proposal       []string           `json:"beschlussvorschlag"`
	FachMK         ImpactStatement    `json:"fachmk"`
	// Changeable: pending, the session open for registrations and its
	// registration deadline not passed; NoChange says why not.
	Changeable bool   `json:"aenderbar"`
	NoChange   string `json:"nichtAenderbar,omitempty"`
	// Outcome is what became of the registration once its session is
	// held, as its page says it; empty before.
	Outcome []RegistrationResult `json:"ergebnis"`
	Version int                  `json:"version"`
	URL     string               `json:"url"`
}

// RegistrationResult is one line of what became of a registration in its
// held session (model.OutcomeOfRegistration), as its page says it: the
// kind (nicht_aufgenommen, vertagt, gefasst, abgelehnt,
// nicht_entschieden, kein_beschluss, behandelt), the sentence, the
// decision taken with its page, or the session the item was deferred to
// with its page (the address only when the session is found), and the
// decision's result or the deferral's reason, confidential passages
// marked [[…]].
type RegistrationResult struct {
	Kind        string `json:"art"`
	Text        string `json:"text"`
	Decision    string `json:"beschluss,omitempty"`
	DecisionURL string `json:"beschlussUrl,omitempty"`
	DeferredTo  int    `json:"vertagtAuf,omitempty"`
	SessionURL  string `json:"sitzungUrl,omitempty"`
	Result      string `json:"ergebnis,omitempty"`
	Reason      string `json:"grund,omitempty"`
}

// registrationResults gives what became of the registration it in its
// session se as the token's reader may see it (store.RegistrationOutcome).
func (a *Server) registrationResults(r *http.Request, it model.AgendaItem, se model.Session) ([]RegistrationResult, error) {
	lines, later, err := a.st.RegistrationOutcome(r.Context(), audience(a.reader(r)), it, se)
	if err != nil {
		return nil, err
	}
	site := a.Site.Base(r)
	out := make([]RegistrationResult, 0, len(lines))
	for _, o := range lines {
		res := RegistrationResult{Kind: string(o.Kind), Text: model.TypedMarks(o.Sentence()), Decision: o.DecisionLabel, DeferredTo: o.DeferredTo}
		if o.DecisionLabel != "" {
			res.DecisionURL = site + "/beschluesse/" + o.DecisionLabel
		}
		if o.DeferredTo > 0 && later != nil {
			res.SessionURL = site + later.Path()
		}
		if o.Kind == model.OutcomeDeferred {
			res.Reason = model.TypedMarks(o.Note)
		} else {
			res.Result = model.TypedMarks(o.Note)
		}
		out = append(out, res)
	}
	return out, nil
}

// CoApplicantState is one named co-applicant of a registration's
// proposal and where its confirmation stands.
type CoApplicantState struct {
	Member string `json:"mitglied"`
	State  string `json:"stand"` // offen, bestaetigt, abgelehnt, zurueckgezogen
	// AskedAgain: the proposal changed in substance after the member was
	// first asked, and its answer is asked for again.
	AskedAgain bool `json:"erneutErbeten"`
	// DecidedAt is when the member answered (RFC 3339, German time).
	DecidedAt string `json:"beantwortetAm,omitempty"`
}

// RegistrationChange is the body of PUT /api/v1/anmeldungen/{id}: the
// registration as POST /api/v1/sitzungen/{nr}/anmeldungen takes it, whole,
// with the version read ("mitglied", if sent, must be its member).
type RegistrationChange struct {
	Version int `json:"version" form:"version" required:"Die gelesene Version der Anmeldung fehlt (version, wie GET /api/v1/anmeldungen/{id} sie nennt); mit ihr wird eine Änderung erkannt, die inzwischen ein anderer gespeichert hat."`
	RegistrationRequest
}

// registrationOfPath finds the registration {id} for the token's account
// that acts for it: the member that made it or the secretariat. A member
// named as co-applicant reads it (registrationLookup) but may not write
// it (403); others get 404, as on the page, and do not learn that it
// exists; write: the account must also be allowed to register for its
// member (403). Otherwise it has answered.
func (a *Server) registrationOfPath(w http.ResponseWriter, r *http.Request, write bool) (*model.User, model.AgendaItem, model.Session, bool) {
	u, it, se, _, own, ok := a.registrationLookup(w, r, write)
	if !ok {
		return nil, it, se, false
	}
	if !own || write && !auth.Can(u, auth.RegisterItem, it.RegisteredBy) {
		apiError(w, http.StatusForbidden, "Eine Anmeldung ändert oder zieht das Mitglied zurück, das sie gemacht hat, oder die Geschäftsstelle.")
		return nil, it, se, false
	}
	return u, it, se, true
}

// registrationLookup finds the registration {id} for the token's account,
// as the page /anmeldungen/{id} does: own, for the member that made it or
// the secretariat; otherwise, for a member named as co-applicant of its
// proposal (draft) by the publication gate's rule
// (model.Audience.ReadsAsCoApplicant), own false. For anyone else it has
// answered 404, as on the page (write: with the likely reason of a
// withdrawn registration), and so for every answer with ok false.
func (a *Server) registrationLookup(w http.ResponseWriter, r *http.Request, write bool) (u *model.User, it model.AgendaItem, se model.Session, draft model.Decision, own, ok bool) {
	u, ok = a.tokenUser(w, r)
	if !ok {
		return nil, it, se, draft, false, false
	}
	notFound := func() {
		msg := "Diese Anmeldung gibt es nicht."
		if write {
			// A withdrawn registration is deleted; its office, sending
			// the change or withdrawal again, gets the likely reason.
			msg = "Diese Anmeldung ist bereits zurückgezogen oder gibt es nicht."
		}
		apiError(w, http.StatusNotFound, msg)
	}
	id, ok := pathNumber(w, r, "id")
	if !ok {
		return nil, it, se, draft, false, false
	}
	ctx := r.Context()
	it, err := a.st.Item(ctx, id)
	if err != nil && model.ClassOf(err) != model.ErrNotFound {
		a.fail(w, r, err)
		return nil, it, se, draft, false, false
	}
	if err != nil || it.RegisteredBy == "" {
		notFound()
		return nil, it, se, draft, false, false
	}
	// The office that registered, not every account of its member (a
	// spokesperson of the Land reads no pending registration of its office).
	own = u.Role == model.RoleSecretariat || model.MemberOffice(u) != "" && model.MemberOffice(u) == it.RegisteredBy
	if !own && (u.Role != model.RoleMember || u.MemberAbbrev == "") {
		notFound() // no co-applicant: neither session nor proposal read
		return nil, it, se, draft, false, false
	}
	if se, err = a.st.Session(ctx, it.SessionID); err != nil {
		a.fail(w, r, err)
		return nil, it, se, draft, false, false
	}
	if own {
		return u, it, se, draft, true, true
	}
	if draft, err = a.registrationDraft(ctx, it); err != nil {
		a.fail(w, r, err)
		return nil, it, se, draft, false, false
	}
	if !audience(u).ReadsAsCoApplicant(draft, it, se, u) {
		notFound()
		return nil, it, se, draft, false, false
	}
	return u, it, se, draft, false, true
}

// registrationDraft gives the decision proposal of the registration it
// (zero without one).
func (a *Server) registrationDraft(ctx context.Context, it model.AgendaItem) (model.Decision, error) {
	drafts, err := a.st.Decisions(ctx, store.DecisionFilter{ItemID: it.ID, Limit: 1})
	if err != nil || len(drafts) == 0 {
		return model.Decision{}, err
	}
	return drafts[0], nil
}

// apiRegistration gives a registration as its page shows it: whole to
// the member that made it and the secretariat, to a member named as
// co-applicant what it is asked to apply for (writeCoApplicantRegistration).
func (a *Server) apiRegistration(w http.ResponseWriter, r *http.Request) {
	u, it, se, draft, own, ok := a.registrationLookup(w, r, false)
	if !ok {
		return
	}
	if !own {
		a.writeCoApplicantRegistration(w, r, u, it, se, draft)
		return
	}
	a.writeRegistration(w, r, http.StatusOK, it, se)
}

// writeRegistration answers with the registration it of the session.
func (a *Server) writeRegistration(w http.ResponseWriter, r *http.Request, status int, it model.AgendaItem, se model.Session) {
	ctx := r.Context()
	draft, err := a.registrationDraft(ctx, it)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	conferences, err := a.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := Registration{ID: it.ID, Session: se.Number, Member: it.RegisteredBy, Status: string(it.Status), Late: it.Late, DeclineReason: it.DeclineReason,
		Title: model.TypedMarks(it.Title), Goal: string(it.Goal), Points: typedLines(it.Points), Sources: nonNilStrings(it.Sources), Reporters: nonNilStrings(it.Reporters),
		Applicants: []string{}, CoApplications: []CoApplicantState{}, Proposal: []string{}, Version: it.Version, URL: fmt.Sprintf("%s/anmeldungen/%d", a.Site.Base(r), it.ID),
		FachMK: impactStatement(it, conferences)}
	if it.ChangeRequested() {
		out.ChangeRequest = it.ChangeRequest
	}
	if !it.RegisteredAt.IsZero() {
		out.RegisteredAt = it.RegisteredAt.In(model.Berlin).Format(time.RFC3339)
	}
	if draft.ID != 0 {
		co, err := a.st.CoApplications(ctx, draft.ID)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		out.Applicants, out.Proposal, out.CoApplications = nonNilStrings(draft.Applicants), proposalLines(draft), coApplicantStates(co)
		kinds, err := a.st.MemberKinds(ctx)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		if out.Shortfall = model.ApplicationShortfall(draft, co, kinds).Reason; out.Shortfall != "" {
			// The way forward in the page's words, the text of its link
			// ("Anmeldung ändern") with them; none for the secretariat,
			// which reads the shortfall alone, as on its page.
			h := it.ApplicationRemedy(se, a.st.Today(), a.reader(r)).Hint()
			out.Remedy = h.Before + h.LinkText + h.After
		}
	}
	if err := it.RegistrationChange(se, a.st.Today()); err != nil {
		out.NoChange = model.ReasonOf(err)
	} else {
		out.Changeable = true
	}
	if out.Outcome, err = a.registrationResults(r, it, se); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, status, out)
}

// CoApplicantRegistration is a registration in the JSON API as its page
// /anmeldungen/{id} shows it to a member named as co-applicant
// (Mitantragsteller) of its proposal: read-only, the registration as its
// office submitted it — the registering member, the session, the status
// with the secretariat's reason of a decline, title, goal, points,
// sources, reporting members, the proposal (confidential passages [[…]])
// and the FachMK-impact statement (GO § 4) with its note, named as
// Registration names them — the applicants with where each
// co-applicant's confirmation stands, and its own co-application as GET
// /api/v1/mitantraege gives it (Own; none when the secretariat named the
// member without asking), with why a confirmed one can no longer be
// withdrawn. Not what only serves the one who changes it: whether and
// why it may be changed, the version a change names, the shortfall of
// the application and the way forward (which the co-applicant reads from
// the states).
type CoApplicantRegistration struct {
	ID      int64  `json:"id"`
	Session int    `json:"sitzung"`
	Member  string `json:"mitglied"`
	Status  string `json:"status"`
	// RegisteredAt is when it was registered (RFC 3339, German time).
	RegisteredAt string `json:"angemeldetAm,omitempty"`
	// DeclineReason is the secretariat's reason of a decline, which the
	// notice of the decline tells the co-applicant too.
	DeclineReason  string             `json:"ablehnungsgrund,omitempty"`
	Title          string             `json:"titel"`
	Goal           string             `json:"ziel"`
	Points         []string           `json:"punkte"`
	Sources        []string           `json:"quelle"`
	Reporters      []string           `json:"berichterstattung"`
	Applicants     []string           `json:"antrag"`
	CoApplications []CoApplicantState `json:"mitantraege"`
	Proposal       []string           `json:"beschlussvorschlag"`
	FachMK         ImpactStatement    `json:"fachmk"`
	Own            *CoApplication     `json:"mitantrag,omitempty"`
	// NoWithdrawal: the member confirmed and can no longer withdraw, why
	// (model.AgendaItem.CoWithdrawal).
	NoWithdrawal string `json:"nichtZurueckziehbar,omitempty"`
	// Outcome is what became of the registration once its session is
	// held, as the co-applicant may read it; empty before.
	Outcome []RegistrationResult `json:"ergebnis"`
	URL     string               `json:"url"`
}

// writeCoApplicantRegistration answers with the registration it of the
// session with its proposal draft as the co-applicant u reads it.
func (a *Server) writeCoApplicantRegistration(w http.ResponseWriter, r *http.Request, u *model.User, it model.AgendaItem, se model.Session, draft model.Decision) {
	co, err := a.st.CoApplications(r.Context(), draft.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	conferences, err := a.st.Bodies(r.Context(), model.BodyFachMK)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// As the reader's audience reads the item (model.Audience.Item), as
	// the page does: the co-applicant, an internal reader, reads it whole.
	it = audience(u).Item(it)
	base := a.Site.Base(r)
	out := CoApplicantRegistration{ID: it.ID, Session: se.Number, Member: it.RegisteredBy, Status: string(it.Status), DeclineReason: it.DeclineReason,
		Title: model.TypedMarks(it.Title), Goal: string(it.Goal), Points: typedLines(it.Points), Sources: nonNilStrings(it.Sources), Reporters: nonNilStrings(it.Reporters),
		Applicants: nonNilStrings(draft.Applicants), CoApplications: coApplicantStates(co), Proposal: proposalLines(draft), FachMK: impactStatement(it, conferences),
		URL: fmt.Sprintf("%s/anmeldungen/%d", base, it.ID)}
	if !it.RegisteredAt.IsZero() {
		out.RegisteredAt = it.RegisteredAt.In(model.Berlin).Format(time.RFC3339)
	}
	for _, c := range co {
		if c.Member == u.MemberAbbrev {
			own := coApplicationOut(base, c)
			out.Own = &own
			if c.State == model.CoApplicationConfirmed {
				if err := it.CoWithdrawal(se, a.st.Today()); err != nil {
					out.NoWithdrawal = model.ReasonOf(err)
				}
			}
		}
	}
	if out.Outcome, err = a.registrationResults(r, it, se); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// impactStatement gives the FachMK-impact statement (GO § 4) of the
// registration it as the API names it: affected, the conferences by
// their abbreviation (of conferences, the FachMKs), and the note.
func impactStatement(it model.AgendaItem, conferences []model.Body) ImpactStatement {
	out := ImpactStatement{Affected: len(it.Impact.ConferenceIDs) > 0, Conferences: []string{}, Note: it.Impact.Note}
	for _, id := range it.Impact.ConferenceIDs {
		for _, c := range conferences {
			if c.ID == id {
				out.Conferences = append(out.Conferences, c.Abbrev)
			}
		}
	}
	return out
}

// proposalLines gives the points of a decision proposal as "1. text",
// confidential passages [[…]] (none without a proposal).
func proposalLines(d model.Decision) []string {
	out := []string{}
	for _, p := range d.Points {
		out = append(out, strings.TrimSpace(p.Label+" "+model.TypedMarks(p.Text)))
	}
	return out
}

// coApplicantStates gives where each co-applicant's confirmation stands.
func coApplicantStates(co []model.CoApplication) []CoApplicantState {
	out := make([]CoApplicantState, 0, len(co))
	for _, c := range co {
		st := CoApplicantState{Member: c.Member, State: string(c.State), AskedAgain: c.State == model.CoApplicationPending && c.Asked > 1}
		if !c.DecidedAt.IsZero() {
			st.DecidedAt = c.DecidedAt.In(model.Berlin).Format(time.RFC3339)
		}
		out = append(out, st)
	}
	return out
}

// apiChangeRegistration changes a pending registration: the whole
// registration again, by the rules of a new one, with the version read.
func (a *Server) apiChangeRegistration(w http.ResponseWriter, r *http.Request) {
	u, it, se, ok := a.registrationOfPath(w, r, true)
	if !ok {
		return
	}
	var in RegistrationChange
	if !decodeBody(w, r, &in) {
		return
	}
	if in.Member != "" && in.Member != it.RegisteredBy {
		writeRefusal(w, http.StatusUnprocessableEntity, []Problem{{Field: "/mitglied", Reason: fmt.Sprintf("Das anmeldende Mitglied (%s) bleibt; eine Anmeldung für ein anderes Mitglied ist eine neue.", it.RegisteredBy)}})
		return
	}
	// A registration that can no longer be changed says so, not the rules
	// of what was sent.
	if err := it.RegistrationChange(se, a.st.Today()); err != nil {
		a.fail(w, r, err)
		return
	}
	secretariat := u.Role == model.RoleSecretariat
	g, _, ok := a.readRegistration(w, r, in.RegistrationRequest, se, it.RegisteredBy, secretariat)
	if !ok {
		return
	}
	member := u.MemberAbbrev
	var opts []store.RegistrationOption
	if secretariat {
		member = ""
	} else {
		opts = append(opts, store.ConfirmCoApplicants())
	}
	ctx := store.WithActor(r.Context(), u.Username)
	now, err := a.st.UpdateRegistration(ctx, it.ID, in.Version, member, g, opts...)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
	}
	a.writeRegistration(w, r, http.StatusOK, now, se)
}

// apiWithdrawRegistration withdraws a pending registration with its
// proposal; the query names the version read.
func (a *Server) apiWithdrawRegistration(w http.ResponseWriter, r *http.Request) {
	u, it, se, ok := a.registrationOfPath(w, r, true)
	if !ok {
		return
	}
	version, err := strconv.Atoi(r.URL.Query().Get("version"))
	if err != nil {
		queryError(w, "version", "Die gelesene Version der Anmeldung fehlt (?version=, wie GET /api/v1/anmeldungen/{id} sie nennt); mit ihr wird eine Änderung erkannt, die inzwischen ein anderer gespeichert hat.")
		return
	}
	member := u.MemberAbbrev
	if u.Role == model.RoleSecretariat {
		member = ""
	}
	if err := a.st.WithdrawRegistration(store.WithActor(r.Context(), u.Username), it.ID, version, member); err != nil {
		a.fail(w, r, err)
		return
	}
	if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
	}
	w.WriteHeader(http.StatusNoContent)
}

// RegistrationMoveRequest is the body of POST
// /api/v1/anmeldungen/{id}/verlegen: the session, of the same body, a
// pending registration of a cancelled session goes to, and the version
// read.
type RegistrationMoveRequest struct {
	Session int `json:"sitzung" form:"sitzung" required:"Die Sitzung fehlt, in die die Anmeldung verlegt wird (sitzung: ihre Nummer)."`
	Version int `json:"version" form:"version" required:"Die gelesene Version der Anmeldung fehlt (version, wie GET /api/v1/anmeldungen/{id} sie nennt); mit ihr wird eine Änderung erkannt, die inzwischen ein anderer gespeichert hat."`
}

// apiMoveRegistration moves a pending registration of a cancelled session
// to another session of the body that takes registrations
// (store.MoveRegistration), as the form on its page does; it answers with
// the registration as it now stands (its "sitzung", "verspaetet" by the
// new session's deadline).
func (a *Server) apiMoveRegistration(w http.ResponseWriter, r *http.Request) {
	u, it, se, ok := a.registrationOfPath(w, r, true)
	if !ok {
		return
	}
	var in RegistrationMoveRequest
	if !decodeBody(w, r, &in) {
		return
	}
	member := u.MemberAbbrev
	if u.Role == model.RoleSecretariat {
		member = ""
	}
	moved, to, err := a.st.MoveRegistration(store.WithActor(r.Context(), u.Username), store.RegistrationMove{ItemID: it.ID, Version: in.Version, Member: member, Target: in.Session})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
		a.OnSessionChange(r, to.ID)
	}
	a.writeRegistration(w, r, http.StatusOK, moved, to)
}

// typedLines gives stored lines with their confidential passages marked
// [[…]], as they were sent.
func typedLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = model.TypedMarks(l)
	}
	return out
}

// nonNilStrings gives list, or an empty list for none (JSON [] not null).
func nonNilStrings(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// idempotencyKey is the form of a client's Idempotency-Key.
var idempotencyKey = lazyre.New(`^[!-~]{1,100}$`)
