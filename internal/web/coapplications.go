package web

// Co-applications (Mitanträge): a member office answers the proposals
// another member registered naming it as applicant, and reads them first.

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// coApplicantData is a registration as a named co-applicant reads it:
// read-only, the whole registration as its office submitted it — with the
// sources, the reporting members and the FachMK-impact statement (GO § 4)
// with its note, which a Land co-signing a proposal needs — and the
// secretariat's decision with the reason of a decline, with its own
// answer. Not the version a change names: it changes nothing.
type coApplicantData struct {
	Item    model.AgendaItem
	Session model.Session
	Draft   model.Decision
	// Conferences are the FachMKs by id, to name those the impact
	// statement names.
	Conferences map[int64]model.Body
	// Change says who can still change the registration
	// (model.AgendaItem.CoApplicantChange).
	Change string
	// Applicants names the draft's applicants, each co-applicant with
	// where its confirmation stands, in the order the registering office
	// reads them (proposalApplicants).
	Applicants string
	Members    map[string]model.Member
	// Own is the reader's co-application (ID 0: named by the secretariat,
	// not asked).
	Own model.CoApplication
	// NoWithdrawal is why a confirmed co-application can no longer be
	// withdrawn ("": it can; model.AgendaItem.CoWithdrawal).
	NoWithdrawal string
	// Refused is why an answer was refused ("": none).
	Refused string
	// Documents are the papers attached to the registration, which the
	// co-applicant reads before it confirms (auth.SeesDocument).
	Documents []store.Document
	// NewSince are the documents of the proposal (Beschlussvorschlag)
	// uploaded after the member confirmed its co-application, by id: it
	// confirmed what it read before (proposalDocumentsSince).
	NewSince map[int64]bool
	// NewList are those documents in upload order, for the sentence under
	// "Ihr Mitantrag".
	NewList []store.Document
	// Outcome is what became of the registration in its session, once
	// held, as its registering office reads it (store.RegistrationOutcome).
	Outcome []regOutcome
}

// proposalDocumentsSince gives the documents among docs that are of the
// proposal (Beschlussvorschlag) and were uploaded after the confirmed
// co-application c was confirmed — what the store tells the co-applicant
// of (EventCoApplicationDocument); none for a co-application not
// confirmed. The stored times are to the second: a document uploaded in
// the second of the confirmation counts as read.
func proposalDocumentsSince(docs []store.Document, c model.CoApplication) []store.Document {
	if c.State != model.CoApplicationConfirmed || c.DecidedAt.IsZero() {
		return nil
	}
	var out []store.Document
	for _, doc := range docs {
		if doc.Kind == model.DocProposal && doc.Created.After(c.DecidedAt) {
			out = append(out, doc)
		}
	}
	return out
}

// coApplicantOf reports whether u reads the registration it of session se
// with its proposal draft as a named co-applicant: the publication gate's
// rule (model.Audience.ReadsAsCoApplicant), which the JSON API asks too.
// Others learn nothing more of a registration than before.
func (s *Server) coApplicantOf(r *http.Request, u *model.User, it model.AgendaItem, se model.Session, draft model.Decision) bool {
	return s.audienceOf(r).ReadsAsCoApplicant(draft, it, se, u)
}

// renderCoApplicant shows the registration it to the named co-applicant u,
// read-only, with the form to answer or withdraw its co-application;
// refused is why an answer was refused.
func (s *Server) renderCoApplicant(w http.ResponseWriter, r *http.Request, status int, u *model.User, it model.AgendaItem, se model.Session, draft model.Decision, refused string) {
	ctx := r.Context()
	// As the reader's audience reads the item (model.Audience.Item): the
	// co-applicant is an internal reader, who reads it whole, as the
	// registering office does.
	it = s.audienceOf(r).Item(it)
	d := coApplicantData{Item: it, Session: se, Draft: draft, Refused: refused, Change: it.CoApplicantChange(se, s.today())}
	co, err := s.st.CoApplications(ctx, draft.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Applicants, _, err = s.proposalApplicants(ctx, it, draft, co); err != nil {
		s.serverError(w, r, err)
		return
	}
	if i := slices.IndexFunc(co, func(c model.CoApplication) bool { return c.Member == u.MemberAbbrev }); i >= 0 {
		d.Own = co[i]
	}
	if err := it.CoWithdrawal(se, s.today()); err != nil {
		d.NoWithdrawal = model.ReasonOf(err)
	}
	if d.Members, err = s.memberMap(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Conferences, _, err = s.conferenceByID(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	docs, err := auth.VisibleDocuments(ctx, s.st, u, se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, doc := range docs {
		if doc.ItemID == it.ID {
			d.Documents = append(d.Documents, doc)
		}
	}
	if d.Outcome, err = s.registrationOutcome(r, it, se); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.NewList = proposalDocumentsSince(d.Documents, d.Own)
	d.NewSince = map[int64]bool{}
	for _, doc := range d.NewList {
		d.NewSince[doc.ID] = true
	}
	s.render(w, r, status, "coapplicant.html", view{Title: "Mitantrag: " + model.InternalText(it.Title), Active: "mein", Data: d})
}

// answerCoApplication records a member office's answer to a co-application
// (Mitantrag) naming its member — "bestaetigen", "ablehnen" or
// "zurueckziehen" (field antwort) — for the proposal as the office read it
// (field fassung, model.CoApplication.Fingerprint), from "Mein Bereich" or
// the registration's page. Only the named member's office answers
// (store.DecideCoApplication); another's co-application is answered 404 as
// a missing one, with the same page, so that its id tells nothing. A refused answer shows the proposal as it
// stands now with the reason; one to a withdrawn registration says so.
func (s *Server) answerCoApplication(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Diesen Mitantrag gibt es nicht.")
		return
	}
	answer, err := model.ParseCoAnswer(r.PostFormValue("antwort"))
	if err != nil {
		s.badRequest(w, r, "Bitte den Mitantrag bestätigen, ablehnen oder zurückziehen.")
		return
	}
	if u.MemberAbbrev == "" || u.Role != model.RoleMember {
		s.fail(w, r, model.ForbiddenError("Einen Mitantrag bestätigt oder lehnt das Büro des genannten Mitglieds ab."), "")
		return
	}
	ctx := r.Context()
	// Declining takes the member out of the application and cannot be
	// taken back (only a change of the proposal asks again): one click
	// beside "bestätigen" did it. It is asked once more; a co-application
	// of another member goes on to be not found below, as a missing one is
	// (no question that would tell the office it exists).
	if answer == model.CoDecline {
		if c, err := s.st.CoApplication(ctx, id); err == nil && c.Member == u.MemberAbbrev && c.State == model.CoApplicationPending {
			members, err := s.st.Members(ctx)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			names := model.NamesOf(members)
			if !s.confirmed(w, r, confirmData{Heading: "Mitantrag ablehnen",
				Question:    fmt.Sprintf("Wollen Sie den Mitantrag zu „%s“ ablehnen, um den %s Ihr Mitglied gebeten hat?", model.InternalText(c.Title), names.Of(c.NamedBy)),
				Consequence: "Ihr Mitglied zählt dann nicht für den Antrag. Die Ablehnung lässt sich nicht zurücknehmen; erneut gefragt wird Ihr Mitglied erst, wenn der Beschlussvorschlag geändert wird.",
				Action:      r.URL.Path, Button: "Ja, Mitantrag ablehnen", Back: localBack(r.PostFormValue("zurueck"), "/mein-bereich#mitantraege"),
				Keep: [][2]string{{"antwort", string(model.CoDecline)}, {"fassung", r.PostFormValue("fassung")}, {"zurueck", r.PostFormValue("zurueck")}}}) {
				return
			}
		}
	}
	c, err := s.st.DecideCoApplication(ctx, id, u.MemberAbbrev, answer, r.PostFormValue("fassung"))
	if err != nil {
		if class := model.ClassOf(err); (class == model.ErrConflict || class == model.ErrRule) && c.ItemID != 0 && c.Member == u.MemberAbbrev {
			// The proposal as it stands now, with the reason.
			if it, se, draft, ok := s.coApplicantView(r, u, c.ItemID); ok {
				s.renderCoApplicant(w, r, map[model.Class]int{model.ErrConflict: http.StatusConflict, model.ErrRule: http.StatusUnprocessableEntity}[class], u, it, se, draft, model.ReasonOf(err))
				return
			}
		}
		s.fail(w, r, err, "")
		return
	}
	// Back to the page the answer was given on (the registration's page
	// sends itself); from "Mein Bereich" to the list the co-application
	// now stands in: a confirmed one under "Ihre bestätigten Mitanträge"
	// (before, every answer led to "#mitantraege", which is gone once
	// nothing waits).
	to := "/mein-bereich#mitantraege"
	if answer == model.CoConfirm || answer == model.CoWithdraw {
		to = "/mein-bereich#mitantraege-bestaetigt"
	}
	back(w, r, localBack(r.PostFormValue("zurueck"), to), answer.Done())
}

// localBack gives the page of this site a form names to return to (its
// field "zurueck": "Abbrechen" on a confirmation leads back there), or def
// when it names none or anything but a path of this site — an address of
// another site, or one a browser reads as one ("//host", "/\host", a
// tab inside), never becomes a link (safeNext).
func localBack(to, def string) string {
	if to == "" || to == "/" || safeNext(to) != to {
		return def
	}
	return to
}

// coApplicantView loads the registration itemID with its proposal for the
// co-applicant u; false if u does not read it as one (or it is gone).
func (s *Server) coApplicantView(r *http.Request, u *model.User, itemID int64) (model.AgendaItem, model.Session, model.Decision, bool) {
	it, err := s.st.Item(r.Context(), itemID)
	if err != nil {
		return it, model.Session{}, model.Decision{}, false
	}
	se, err := s.st.Session(r.Context(), it.SessionID)
	if err != nil {
		return it, se, model.Decision{}, false
	}
	draft, err := s.registrationDraft(r, it)
	if err != nil {
		return it, se, draft, false
	}
	return it, se, draft, s.coApplicantOf(r, u, it, se, draft)
}

// itemShortfall gives the shortfall of the application of the open
// proposal of item itemID (zero: none, or no open proposal).
func (s *Server) itemShortfall(ctx context.Context, itemID int64) (model.Shortfall, error) {
	drafts, err := s.st.Decisions(ctx, store.DecisionFilter{ItemID: itemID, Status: model.DecisionDraft, Limit: 1})
	if err != nil || len(drafts) == 0 {
		return model.Shortfall{}, err
	}
	co, err := s.st.CoApplications(ctx, drafts[0].ID)
	if err != nil {
		return model.Shortfall{}, err
	}
	return s.applicationShortfall(ctx, drafts[0], co)
}

// applicationShortfall gives the shortfall of proposal draft with its
// co-applications co (model.ApplicationShortfall; zero: none, or no
// proposal), with the way forward for the reader of the request ctx
// carries (model.AgendaItem.ApplicationRemedy): wherever the
// application-short box stands — the registration's page, "Mein
// Bereich", the AL-Runde's — the registering member's office reads what
// it can do in the registration's state; the secretariat reads the
// shortfall in its own words. It names the applicants in the order of
// applicantOrder, as "Antrag von" does (proposalApplicants). Its
// registration and session are read only for a shortfall.
func (s *Server) applicationShortfall(ctx context.Context, draft model.Decision, co []model.CoApplication) (model.Shortfall, error) {
	if draft.ID == 0 || draft.Status != model.DecisionDraft {
		return model.Shortfall{}, nil
	}
	members, err := s.memberMap(ctx)
	if err != nil {
		return model.Shortfall{}, err
	}
	if model.ApplicationShortfall(draft, co, memberKinds(members)).Reason == "" {
		return model.Shortfall{}, nil
	}
	var it model.AgendaItem
	if draft.ItemID != 0 {
		if it, err = s.st.Item(ctx, draft.ItemID); err != nil {
			return model.Shortfall{}, err
		}
	}
	return s.orderedShortfall(ctx, it, draft, co, members)
}

// orderedShortfall is applicationShortfall for the proposal draft of the
// registration it (zero for a proposal without one), its applicants put
// in applicantOrder.
func (s *Server) orderedShortfall(ctx context.Context, it model.AgendaItem, draft model.Decision, co []model.CoApplication, members map[string]model.Member) (model.Shortfall, error) {
	if draft.ID == 0 || draft.Status != model.DecisionDraft {
		return model.Shortfall{}, nil
	}
	draft.Applicants, co = applicantOrder(draft.Applicants, co, it.RegisteredBy, members)
	short := model.ApplicationShortfall(draft, co, memberKinds(members))
	u, _ := ctx.Value(userKey{}).(*model.User)
	if short.Reason == "" || it.ID == 0 || u == nil || u.Role != model.RoleMember {
		return short, nil
	}
	se, err := s.st.Session(ctx, it.SessionID)
	if err != nil {
		return short, err
	}
	short.Remedy = it.ApplicationRemedy(se, s.today(), u)
	return short, nil
}

// proposalApplicants gives the applicants of the proposal draft of the
// registration it, with its co-applications co, as the registration's
// pages name them: label for "Antrag von", each co-applicant with where
// its confirmation stands (model.ApplicantsLabel), and short, the box of
// a shortfall (applicationShortfall). Both from one order,
// applicantOrder. Before, "Antrag von" followed the order typed last and
// the box the order the co-applications were made: the same applicants
// stood in two orders one above the other.
func (s *Server) proposalApplicants(ctx context.Context, it model.AgendaItem, draft model.Decision, co []model.CoApplication) (label string, short model.Shortfall, err error) {
	members, err := s.memberMap(ctx)
	if err != nil {
		return "", short, err
	}
	applicants, ordered := applicantOrder(draft.Applicants, co, it.RegisteredBy, members)
	if short, err = s.orderedShortfall(ctx, it, draft, co, members); err != nil {
		return "", short, err
	}
	return model.ApplicantsLabel(applicants, ordered), short, nil
}

// applicantOrder puts the applicants of a proposal, and its
// co-applications co, in the order every page names them: the
// registering member first (when it applies), then the others in the
// order of the members list (model.Member.Position: the Bund, then the
// Länder as the IT-Planungsrat lists them, then the advisory members),
// a name that is no member last, as given. Not the order typed: the same
// applicants typed in another order, or a co-applicant added by a later
// change, read the same; and not the order the co-applications were
// made, which a change of the form does not change. The stored lists
// stay as they are.
func applicantOrder(applicants []string, co []model.CoApplication, registeredBy string, members map[string]model.Member) ([]string, []model.CoApplication) {
	rank := func(a string) int {
		if a == registeredBy {
			return -1
		}
		if m, ok := members[a]; ok {
			return m.Position
		}
		return math.MaxInt
	}
	byRank := func(a, b string) int { return cmp.Compare(rank(a), rank(b)) }
	applicants = slices.Clone(applicants)
	slices.SortStableFunc(applicants, byRank)
	co = slices.Clone(co)
	slices.SortStableFunc(co, func(a, b model.CoApplication) int { return byRank(a.Member, b.Member) })
	return applicants, co
}

// memberKinds gives each member's kind by its abbreviation, as
// store.MemberKinds does, from the members by abbreviation.
func memberKinds(members map[string]model.Member) map[string]model.MemberKind {
	kinds := make(map[string]model.MemberKind, len(members))
	for a, m := range members {
		kinds[a] = m.Kind
	}
	return kinds
}
