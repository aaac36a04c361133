package web

// The personal page (Mein Bereich): one page per role, built from
// sections. A member office sees what it has to do (a running session
// with the way to submit a Protokollnotiz and the notes it submitted, open
// votes in session and in written procedure, its registrations, the follow-ups it owes,
// draft minutes waiting for its comments); a spokesperson the decisions
// relevant for their conferences since the last session and the
// conferences' next dates; the secretariat what waits for it (the running
// session with its live page, submitted Protokollnotizen to take over,
// registrations to accept, drafts to release, corrections of approved
// minutes to approve, procedures closing, debriefs due). Further panels (briefings, tasks of the spokespersons)
// are sections of their own in mine.html.

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

type myConference struct {
	Body model.Body
	// Dates are the next few coming dates the conference's card shows;
	// Coming are all its coming dates, which "Was ansteht" merges with the
	// other conferences' before it keeps the nearest (mine_due.go).
	Dates, Coming []model.ConferenceDate
	// Outcomes are the outcomes of the conference's own sessions since the
	// last IT-PLR session, to report from (outcomes.go).
	Outcomes []model.ConferenceOutcome
	// Kickoff is whether the spokesperson held the kick-off talk of their
	// term; Talks their newest contacts with the conference
	// (spokesperson_contacts.go).
	Kickoff *kickoff
	Talks   []model.SpokespersonContact
	// Ending is the spokesperson's own assignment when its resignation is
	// announced and not yet effective (zero otherwise).
	Ending model.Assignment
}

// myVote is a vote in a running session the member may still cast.
type myVote struct {
	Session model.Session
	Title   string // the proposal's title, or "Grüne Liste"
	Voted   bool
}

// myProcedure is an open written procedure with the member's own vote.
type myProcedure struct {
	Procedure model.WrittenProcedure
	Decision  model.Decision
	Body      model.Body       // the body that decides (IT-PLR, AL-Runde)
	Own       model.VoteChoice // "" while the member has not voted
	Votes     int
	Due       bool // the deadline has come; the count is still to be made
}

// myRegistration is an agenda item with its session.
type myRegistration struct {
	Item    model.AgendaItem
	Session model.Session
	// Request is the request (Anliegen) the item came from (ID 0 if
	// none), Conference the conference that made it: the secretariat
	// registers such an item for the conference.
	Request    model.Request
	Conference model.Body
	// Short is why the applicants of its proposal that count do not
	// (yet) make the application (zero: they do, or it has none).
	Short model.Shortfall
	// Outcome is what became of it once its session is held, as its
	// page says it (registrationOutcome); empty before.
	Outcome []regOutcome
	// NoChange says why it can no longer be changed
	// (model.AgendaItem.RegistrationChange, the rule the store refuses
	// by); empty: "Anmeldung ändern" may show.
	NoChange string
}

// myCoApplication is a confirmed co-application on "Mein Bereich".
type myCoApplication struct {
	model.CoApplication
	// NoWithdrawal is why it can no longer be withdrawn ("": it can;
	// model.AgendaItem.CoWithdrawal).
	NoWithdrawal string
}

// myRunning is a running session on a member office's "Mein Bereich":
// the way to its page and to the place there where the office submits a
// Protokollnotiz, and the notes it submitted (note_submissions.go).
type myRunning struct {
	Session model.Session
	// Current is the item called (ID 0: none yet).
	Current model.AgendaItem
	// SubmitURL is where on the session page the office submits a
	// Protokollnotiz: the called item's form, else the agenda, whose items
	// carry the forms; "" when it may submit none (noteSubsOf).
	SubmitURL string
	Notes     []myNote
	// Waiting is, on the secretariat's page, how many submitted notes to
	// the session's items wait for it (the office's page: 0).
	Waiting    int
	WaitingURL string // where on the live page the first of them waits
}

// myWaitingNotes are the submitted Protokollnotizen of a session that wait
// for the secretariat, running session or not (a note may come in until
// the minutes are approved), by item, each with the place on the live
// page where the secretariat takes it over or refuses it.
type myWaitingNotes struct {
	Session model.Session
	Count   int
	Items   []myWaitingItem
}

// myWaitingItem is an item with submitted notes waiting.
type myWaitingItem struct {
	Item  model.AgendaItem
	Count int
	URL   string
}

// myNote is a Protokollnotiz the office submitted to an item of a running
// session, with the item and the item's place on the session page, where
// it stands with its state.
type myNote struct {
	model.NoteSubmission
	Item model.AgendaItem
	URL  string
}

// myDraft is a session whose draft minutes take comments.
type myDraft struct {
	Session   model.Session
	Commented bool
}

// myRelevant is a decision relevant for one of the spokesperson's
// conferences.
type myRelevant struct {
	Decision   model.Decision
	Conference model.Body
	Reason     string
}

// myDebrief is a held session whose debrief invitation is not sent, or
// whose saved debrief lacks a conference assessed relevant since; not one
// noted "Nachbesprechung entfällt".
type myDebrief struct {
	Session  model.Session
	Relevant int  // decisions assessed as relevant for a FachMK
	Saved    bool // a debrief is stored
	Sent     bool // its invitation is given to the outbox
	// Queued is when the invitation was given to the outbox (the debrief
	// last saved; zero if not recorded); Delivery how far the outbox has
	// delivered it.
	Queued   time.Time
	Delivery model.Delivery
	// Since are the decisions assessed relevant for a conference after the
	// debrief was last saved and not in it ("Beschluss B-2025/27-IT
	// (Finanzministerkonferenz)").
	Since []string
	// NotRelevant are the decisions the saved debrief presents to a
	// conference they are no longer relevant for (notRelevantInDebrief),
	// named like Since.
	NotRelevant []string
}

// MyFollowUps is how many of a member's pending follow-ups "Mein Bereich"
// shows (the most urgent ones; the member's list has them all).
const MyFollowUps = 10

type myData struct {
	User *model.User
	// Office, Spokesperson, Secretariat: which sections the page has.
	Office, Spokesperson, Secretariat bool
	// Members by abbreviation: the names of the members that registered
	// items or named co-applicants (an office's and the secretariat's page).
	Members map[string]model.Member
	Voter   bool // the member votes (Bund, Länder)
	// Registrar: the office registers agenda items (not an advisory
	// member, which speaks and submits notes).
	Registrar bool

	// Member office.
	// Running are the running sessions (the council's, then the
	// AL-Runde's), each with its way to submit a Protokollnotiz and the
	// office's submitted notes.
	Running       []myRunning
	SessionVotes  []myVote
	Procedures    []myProcedure
	Registrations []myRegistration
	// CoApplications are the proposals other members registered naming
	// this member as co-applicant, waiting for its confirmation.
	CoApplications []model.CoApplication
	// Confirmed are the member's confirmed co-applications on proposals
	// still to be decided, each with whether it may still be withdrawn.
	Confirmed []myCoApplication
	// Registrable are the coming sessions the office may still register
	// agenda items for, each with the way to do it.
	Registrable []model.Session
	// ToAssess are the adopted decisions the office reports on (BE) whose
	// decision profile (Beschluss-Steckbrief) is still to be filled in.
	ToAssess []model.Decision
	// FollowUps are the most urgent MyFollowUps of the member's pending
	// follow-ups, in the list's order (overdue first); FollowUpsPending
	// and FollowUpsOverdue count them all, FollowUpsURL lists them all.
	FollowUps                          []followUpView
	FollowUpsPending, FollowUpsOverdue int
	FollowUpsURL                       string
	MemberName                         string
	Drafts                             []myDraft

	// Spokesperson.
	Conferences []myConference
	LastSession int // the number of the last session held
	Relevant    []myRelevant
	Tasks       []model.Task
	Briefings   []model.Briefing

	// Secretariat.
	Pending  []myRegistration
	Release  []model.Session // ended sessions (the council's, then the AL-Runde's) whose draft minutes are not released
	Closing  []myProcedure   // open written procedures, nearest deadline first
	Debriefs []myDebrief
	// Corrections are the proposed corrections of approved minutes (the
	// council's, then the AL-Runde's) waiting for approval, each with
	// where it is approved.
	Corrections []myCorrection
	// WaitingNotes are the sessions with submitted Protokollnotizen
	// waiting for the secretariat (the running ones are in Running, with
	// their count); WaitingTotal counts the notes.
	WaitingNotes []myWaitingNotes
	WaitingTotal int
	Collab       myCollab // issue 16: reports, briefings, evaluation (mine_collab.go)
	// Awaiting are the member's registered items that still await the
	// AL-Runde's recommendation (alrunde.go); Prepared those whose
	// AL-Runde has given one or is over without one
	// (store.PreparedRegistration).
	Awaiting []store.PreparedRegistration
	Prepared []store.PreparedRegistration

	// FachMK secretariat (myConferencePage): its conference, its newest
	// requests with where each stands (as the request's page says it),
	// how many of all still wait for an answer
	// (model.RequestStanding.AwaitsAnswer).
	FachMK        bool
	OwnConference model.Body
	Requests      []model.RequestStanding
	OpenRequests  int
	// Outcomes are the newest outcomes of its sessions (outcomes.go).
	Outcomes []model.ConferenceOutcome
	// EvaluationOpen is the year of the evaluation round taking answers
	// (0: none; the page then offers no questionnaire to fill in).
	EvaluationOpen int
	// EvaluationAnswered: its questionnaire of that round is in, every
	// asked question answered (it may still change it until the round
	// closes); EvaluationMissing how many of the EvaluationAsked questions
	// still lack an answer in a questionnaire begun (0: not begun, or
	// complete).
	EvaluationAnswered                 bool
	EvaluationMissing, EvaluationAsked int
	// Invitations are the debriefs of the last IT-PLR sessions whose
	// invitation went out with decisions for its conference.
	Invitations []myInvitation
	// ConferenceDecisions are the newest adopted decisions relevant for
	// its conference (store.RelevantDecisionsSince: the decision profile's
	// assessment, else the registration's impact statement), as its
	// audience may see them (model.Audience.Decision), at most
	// maxMyDecisions; MoreDecisions says that there are more.
	ConferenceDecisions []model.Decision
	MoreDecisions       bool
	// Presentations are the decisions a member office presents in the
	// debriefs of the last sessions.
	Presentations []myPresentation

	// Due is "Was ansteht" of a FachMK secretariat or a spokesperson:
	// dates and deadlines, nearest first (mine_due.go). DueMore says that
	// more follow than the list keeps; DueMoreURL lists the conference
	// dates.
	Due        []myDue
	DueMore    bool
	DueMoreURL string
}

// myInvitation is a debrief a FachMK secretariat is invited to, with the
// number of decisions presented for its conference.
type myInvitation struct {
	Session   model.Session
	Debrief   model.Debrief
	Decisions int
}

// myDebriefSessions is how many of the last IT-PLR sessions a FachMK
// secretariat's "Mein Bereich" looks at for debrief invitations.
const myDebriefSessions = 3

func (s *Server) myPage(w http.ResponseWriter, r *http.Request) {
	if u := s.user(r); u != nil && !u.Disabled && u.Role == model.RoleFachMK {
		s.myConferencePage(w, r, u)
		return
	}
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	d := myData{User: u,
		Office:       (u.Role == model.RoleMember || u.Role == model.RoleAdvisory) && u.MemberAbbrev != "",
		Spokesperson: u.Role == model.RoleSpokesperson,
		Secretariat:  u.Role == model.RoleSecretariat}
	if d.Office || d.Secretariat {
		if d.Members, err = s.memberMap(ctx); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	steps := []func(*http.Request, model.Body, *myData) error{}
	if d.Office {
		steps = append(steps, s.myOffice)
	}
	if d.Spokesperson {
		steps = append(steps, s.mySpokesperson)
	}
	if d.Secretariat {
		steps = append(steps, s.mySecretariat)
	}
	for _, step := range steps {
		if err := step(r, council, &d); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	// Only spokespersons report and keep briefings.
	if d.Spokesperson {
		if d.Collab, err = s.myCollab(r, u); err == nil {
			err = s.mySpokespersonDue(ctx, council, &d)
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "mine.html", view{Title: "Mein Bereich", Active: "mein", Data: d})
}

// myConferencePage is "Mein Bereich" of a FachMK secretariat: its
// conference (profile, contacts and dates it keeps), its requests to the
// IT-PLR with their state, the yearly evaluation. It sees nothing internal
// of the IT-PLR beyond that.
func (s *Server) myConferencePage(w http.ResponseWriter, r *http.Request, u *model.User) {
	ctx := r.Context()
	d := myData{User: u, FachMK: true}
	var err error
	if d.OwnConference, err = s.st.Body(ctx, u.ConferenceID); err != nil {
		s.fail(w, r, err, "Ihre Fachministerkonferenz ist nicht erfasst.")
		return
	}
	requests, err := s.st.Requests(ctx, u.ConferenceID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Where each stands, as its page says it; one on the agenda is
	// answered, not "offen" (before: "als TOP angemeldet" and "Eines ist
	// noch offen." beside the page's "auf der Tagesordnung … als TOP 02").
	if d.Requests, err = s.requestStandings(ctx, requests); err != nil {
		s.serverError(w, r, err)
		return
	}
	// Answered already, it is not asked to fill the questionnaire in
	// (before: asked as if its answers were not stored).
	ev, err := s.evaluationDue(r, u)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Half filled in, it is still asked to complete it (before: "Ihre
	// Antworten sind gespeichert" after one answer of five).
	d.EvaluationOpen, d.EvaluationAsked = ev.Year, ev.Asked
	d.EvaluationAnswered = len(ev.Answered) > 0 && !ev.Unfinished()
	for _, p := range ev.Partial {
		d.EvaluationMissing += p.Missing
	}
	for _, q := range d.Requests {
		if q.AwaitsAnswer() {
			d.OpenRequests++
		}
	}
	if len(d.Requests) > maxMyRequests {
		d.Requests = d.Requests[:maxMyRequests]
	}
	// The debriefs it is invited to (the invitation sent): those of the
	// last sessions held, a fixed number of reads.
	if d.Invitations, err = s.myInvitations(r, u.ConferenceID); err != nil {
		s.serverError(w, r, err)
		return
	}
	// The decisions relevant for its conference, newest first.
	if d.ConferenceDecisions, d.MoreDecisions, err = s.myConferenceDecisions(r, u, d.OwnConference); err != nil {
		s.serverError(w, r, err)
		return
	}
	// The newest outcomes of its sessions it recorded for the IT-PLR.
	if d.Outcomes, err = s.st.ConferenceOutcomes(ctx, u.ConferenceID, model.Date{}, maxMyRequests); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.myConferenceDue(ctx, &d); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "mine.html", view{Title: "Mein Bereich", Active: "mein", Data: d})
}

// maxMyDecisions is how many of the decisions relevant for its conference
// a FachMK secretariat's "Mein Bereich" lists; the register lists all.
const maxMyDecisions = 10

// myConferenceDecisions gives the newest adopted decisions relevant for
// the FachMK secretariat u's own conference own, as u may see them (the
// publication gate: no decision of an internal body, marked passages
// blacked out), at most maxMyDecisions, and whether there are more. The
// relevance is the one the debrief takes, so the list names what the
// invitations name; the reason of the assessment stays internal
// (relevantDecisions).
func (s *Server) myConferenceDecisions(r *http.Request, u *model.User, own model.Body) ([]model.Decision, bool, error) {
	rel, err := s.relevantDecisions(r.Context(), auth.Audience(u), map[int64]model.Body{u.ConferenceID: own}, 0, model.Date{})
	if err != nil {
		return nil, false, err
	}
	var out []model.Decision
	seen := map[int64]bool{}
	for _, rd := range rel {
		if seen[rd.Decision.ID] {
			continue
		}
		seen[rd.Decision.ID] = true
		if len(out) == maxMyDecisions {
			return out, true, nil
		}
		out = append(out, rd.Decision)
	}
	return out, false, nil
}

// relevantDecisions gives the adopted decisions relevant for the
// conferences (by id; store.RelevantDecisionsSince: the decision
// profile's assessment, else the registration's impact statement), taken
// in the session sessionID or adopted on or after the day since, newest
// first, each with its conference, as the audience aud may see them
// (model.Audience.Decision: none of an internal body, marked passages
// blacked out for the public) — the reason of the assessment only for
// internal readers. "Mein Bereich" of a spokesperson and of a FachMK
// secretariat and the debrief's page for them before its invitation
// (debriefReader) take it, so they name the same decisions.
func (s *Server) relevantDecisions(ctx context.Context, aud model.Audience, conferences map[int64]model.Body, sessionID int64, since model.Date) ([]myRelevant, error) {
	ids := make([]int64, 0, len(conferences))
	for id := range conferences {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	rel, err := s.st.RelevantDecisionsSince(ctx, ids, sessionID, since)
	if err != nil {
		return nil, err
	}
	var out []myRelevant
	for _, rd := range rel {
		dec, ok := aud.Decision(rd.Decision)
		if !ok {
			continue
		}
		mr := myRelevant{Decision: dec, Conference: conferences[rd.ConferenceID]}
		if aud == model.Internal {
			mr.Reason = rd.Reason
		}
		out = append(out, mr)
	}
	return out, nil
}

// myInvitations gives the debriefs of the last myDebriefSessions sessions
// held whose invitation went out with decisions for conference id, newest
// first.
func (s *Server) myInvitations(r *http.Request, id int64) ([]myInvitation, error) {
	sent, err := s.sentDebriefs(r)
	var out []myInvitation
	for _, sd := range sent {
		if own := sd.Debrief.ForConferences([]int64{id}); len(own.Entries) > 0 {
			out = append(out, myInvitation{Session: sd.Session, Debrief: own, Decisions: len(own.Entries)})
		}
	}
	return out, err
}

// sentDebrief is a held session and its debrief: one whose invitation
// went out (sentDebriefs), or sent or not (recentDebriefs).
type sentDebrief struct {
	Session model.Session
	Debrief model.Debrief
}

// sentDebriefs gives the debriefs of the last myDebriefSessions sessions
// held whose invitation went out, newest first.
func (s *Server) sentDebriefs(r *http.Request) ([]sentDebrief, error) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if model.ClassOf(err) == model.ErrNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	last, err := s.st.LastHeldSession(ctx, council.ID)
	if err != nil {
		return nil, err
	}
	recent, err := s.recentDebriefs(r, council, last)
	if err != nil {
		return nil, err
	}
	var out []sentDebrief
	for _, sd := range recent {
		if sd.Debrief.Sent {
			out = append(out, sd)
		}
	}
	return out, nil
}

// recentDebriefs gives the debriefs saved for the last
// myDebriefSessions sessions of the council held up to number last,
// newest first, sent or not; a number without a session or a session
// without a debrief is passed over.
func (s *Server) recentDebriefs(r *http.Request, council model.Body, last int) ([]sentDebrief, error) {
	ctx := r.Context()
	var out []sentDebrief
	for n := last; n > 0 && n > last-myDebriefSessions; n-- {
		se, err := s.st.SessionByNumber(ctx, council.ID, n)
		if model.ClassOf(err) == model.ErrNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		db, err := s.st.DebriefOfSession(ctx, se.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, sentDebrief{se, db})
	}
	return out, nil
}

// myPresentation is a decision a member office presents to a FachMK in
// the debrief (Nachbesprechung) of one of the last sessions held, whose
// invitation went out: the submitting member presents it (PRODUCT.md,
// "Debrief").
type myPresentation struct {
	Session    model.Session
	Debrief    model.Debrief
	Decision   model.Decision
	Conference string // the conference's name after "für" (model.Body.Accusative): "die Innenministerkonferenz"
}

// myPresentations gives the decisions the member presents in the debriefs
// of the last sessions held, newest debrief first.
func (s *Server) myPresentations(r *http.Request, member string) ([]myPresentation, error) {
	ctx := r.Context()
	sent, err := s.sentDebriefs(r)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, sd := range sent {
		for _, e := range sd.Debrief.Entries {
			if e.Presenter == member {
				ids = append(ids, e.DecisionID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	decisions, err := s.st.FollowUpDecisions(ctx, ids)
	if err != nil {
		return nil, err
	}
	conferences, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, c := range conferences {
		names[c.ID] = c.Name
	}
	var out []myPresentation
	for _, sd := range sent {
		for _, e := range sd.Debrief.Entries {
			if dec, ok := decisions[e.DecisionID]; ok && e.Presenter == member {
				dec = dec.Corrected()
				out = append(out, myPresentation{Session: sd.Session, Debrief: sd.Debrief, Decision: dec, Conference: model.Body{Name: names[e.ConferenceID]}.Accusative()})
			}
		}
	}
	return out, nil
}

// maxMyRequests is how many of its newest requests a FachMK secretariat's
// "Mein Bereich" lists; the list of requests has them all.
const maxMyRequests = 10

// myOffice fills the sections of a member office.
func (s *Server) myOffice(r *http.Request, council model.Body, d *myData) error {
	ctx := r.Context()
	member := d.User.MemberAbbrev
	m, err := s.st.Member(ctx, member)
	if err != nil {
		return err
	}
	d.Voter = m.Kind.Votes()
	// The member's items still awaiting the AL-Runde's recommendation,
	// and those whose AL-Runde gave one or was held without one: "wartet
	// auf die Beschlussempfehlung" no longer stands there once it is over.
	prepared, err := s.st.PreparedRegistrations(ctx, member)
	if err != nil {
		return err
	}
	for _, p := range prepared {
		if p.Awaits() {
			d.Awaiting = append(d.Awaiting, p)
		} else {
			d.Prepared = append(d.Prepared, p)
		}
	}
	running, err := s.councilSessionsIn(ctx, council, model.StatusRunning)
	if err != nil {
		return err
	}
	// A running session is found here, with the way to submit a
	// Protokollnotiz and the notes submitted (before: no word of it,
	// and the live page refused the member).
	if d.Running, err = s.myRunningSessions(r, council, m, running); err != nil {
		return err
	}
	if d.Voter {
		for _, se := range running {
			v, open, err := s.st.OpenSessionVote(ctx, se.ID)
			if err != nil {
				return err
			}
			if !open {
				continue
			}
			mv := myVote{Session: se, Title: "Grüne Liste (Beschluss en bloc)"}
			if v.DecisionID != 0 {
				dec, err := s.st.Decision(ctx, v.DecisionID)
				if err != nil {
					return err
				}
				mv.Title = or(dec.Title, "Beschlussvorschlag")
			}
			for _, c := range v.Votes {
				mv.Voted = mv.Voted || c.Member == member
			}
			d.SessionVotes = append(d.SessionVotes, mv)
		}
		if d.Procedures, err = s.openProcedures(ctx, member); err != nil {
			return err
		}
	}
	d.Registrar = auth.Can(d.User, auth.RegisterItem, member)
	if d.Registrar {
		if d.Registrable, err = s.registrableSessions(ctx, council.ID); err != nil {
			return err
		}
	}
	if d.User.Role == model.RoleMember {
		if d.CoApplications, err = s.st.PendingCoApplications(ctx, member); err != nil {
			return err
		}
		if d.Confirmed, err = s.confirmedCoApplications(ctx, member); err != nil {
			return err
		}
		// canAssess: the reporting members of a member's office.
		if d.ToAssess, err = s.st.ProfilesToAssess(ctx, council.ID, member, 20); err != nil {
			return err
		}
	}
	items, err := s.st.RegistrationsOf(ctx, council.ID, member, 20)
	if err != nil {
		return err
	}
	if d.Registrations, err = s.withSessions(ctx, items); err != nil {
		return err
	}
	for i, reg := range d.Registrations {
		// What became of it in a held session, as its page says it
		// (before, the list said "angenommen" after the session as
		// before it).
		if d.Registrations[i].Outcome, err = s.registrationOutcome(r, reg.Item, reg.Session); err != nil {
			return err
		}
		if err := reg.Item.RegistrationChange(reg.Session, s.today()); err != nil {
			d.Registrations[i].NoChange = model.ReasonOf(err)
		}
		if reg.Item.Status != model.ItemRegistered && reg.Item.Status != model.ItemAccepted {
			continue
		}
		drafts, err := s.st.Decisions(ctx, store.DecisionFilter{ItemID: reg.Item.ID, Status: model.DecisionDraft, Limit: 1})
		if err != nil || len(drafts) == 0 {
			if err != nil {
				return err
			}
			continue
		}
		co, err := s.st.CoApplications(ctx, drafts[0].ID)
		if err != nil {
			return err
		}
		if d.Registrations[i].Short, err = s.applicationShortfall(ctx, drafts[0], co); err != nil {
			return err
		}
	}
	// The most urgent follow-ups the member owes, as the follow-up pages
	// show them: one page of the list, however long the member's history
	// (issue 18), with the count and the address of the whole list.
	q, err := s.followUpListQuery(r, store.FollowUpFilter{Pending: true, Members: s.responsibleNames(ctx, member)})
	if err != nil {
		return err
	}
	if _, d.FollowUpsPending, d.FollowUpsOverdue, err = s.followUpCounts(ctx, q); err != nil {
		return err
	}
	page, err := s.st.FollowUpPage(ctx, q, nil, false, MyFollowUps)
	if err != nil {
		return err
	}
	d.FollowUps = followUpViews(q.Audience, page)
	if err := s.anchorFollowUps(ctx, d.FollowUps); err != nil {
		return err
	}
	d.MemberName = or(m.Name, member)
	d.FollowUpsURL = followUpQuery{Status: "ausstehend"}.pageURL("/mitglieder/"+url.PathEscape(member)+"/auftraege", 1, "", store.FollowUpCursor{})
	drafts, err := s.councilSessionsIn(ctx, council, model.StatusMinutesDraft)
	if err != nil {
		return err
	}
	for _, se := range drafts {
		cs, err := s.st.Comments(ctx, se.ID)
		if err != nil {
			return err
		}
		md := myDraft{Session: se}
		for _, c := range cs {
			md.Commented = md.Commented || c.Member == member
		}
		d.Drafts = append(d.Drafts, md)
	}
	d.Presentations, err = s.myPresentations(r, member)
	return err
}

// myRunningSessions gives the running sessions with the way to submit a
// Protokollnotiz on the session page and the notes the viewer's member m
// submitted, as the session page has them (noteSubsOf, with m as the
// page read it: before, it was read again for each session).
func (s *Server) myRunningSessions(r *http.Request, council model.Body, m model.Member, running []model.Session) ([]myRunning, error) {
	ctx := r.Context()
	u := s.user(r)
	var out []myRunning
	for _, se := range running {
		body := council
		if se.BodyID != council.ID {
			var err error
			if body, err = s.st.Body(ctx, se.BodyID); err != nil {
				return nil, err
			}
		}
		subs, err := s.noteSubsOf(r, u, &m, body, se, refusedForm{})
		if err != nil {
			return nil, err
		}
		items, err := s.st.Items(ctx, se.ID)
		if err != nil {
			return nil, err
		}
		byID := map[int64]model.AgendaItem{}
		for _, it := range items {
			byID[it.ID] = it
		}
		mr := myRunning{Session: se}
		if it, ok := byID[se.CurrentItemID]; ok && it.OnAgenda() {
			mr.Current = it
		}
		switch {
		case subs.CanSubmit && mr.Current.ID != 0:
			mr.SubmitURL = se.Path() + "#" + noteFormID(mr.Current.ID)
		case subs.CanSubmit:
			mr.SubmitURL = se.Path() + "#h-tagesordnung"
		}
		for itemID, notes := range subs.Mine {
			for _, n := range notes {
				mr.Notes = append(mr.Notes, myNote{NoteSubmission: n, Item: byID[itemID], URL: se.Path() + "#" + noteFormID(itemID)})
			}
		}
		sort.Slice(mr.Notes, func(i, j int) bool { return mr.Notes[i].ID < mr.Notes[j].ID })
		out = append(out, mr)
	}
	return out, nil
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// openProcedures gives the open written procedures, nearest deadline
// first, with the member's own vote ("" for the secretariat).
func (s *Server) openProcedures(ctx context.Context, member string) ([]myProcedure, error) {
	ps, err := s.st.Procedures(ctx)
	if err != nil {
		return nil, err
	}
	bodies, _, err := s.bodiesByID(ctx, "")
	if err != nil {
		return nil, err
	}
	var out []myProcedure
	for _, p := range ps {
		if p.Status != model.ProcedureOpen {
			continue
		}
		dec, err := s.st.Decision(ctx, p.DecisionID)
		if err != nil {
			return nil, err
		}
		mp := myProcedure{Procedure: p, Decision: dec, Body: bodies[dec.BodyID], Votes: len(p.Votes), Due: p.Due(s.clock())}
		for _, v := range p.Votes {
			if v.Member == member {
				mp.Own = v.Choice
			}
		}
		out = append(out, mp)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Procedure.Deadline.Before(out[j].Procedure.Deadline) })
	return out, nil
}

// withSessions pairs agenda items with their sessions.
// confirmedCoApplications gives member's confirmed co-applications on
// proposals still to be decided, each with whether it may be withdrawn.
func (s *Server) confirmedCoApplications(ctx context.Context, member string) ([]myCoApplication, error) {
	list, err := s.st.CoApplicationsIn(ctx, member, model.CoApplicationConfirmed)
	if err != nil {
		return nil, err
	}
	out := make([]myCoApplication, 0, len(list))
	for _, c := range list {
		mc := myCoApplication{CoApplication: c}
		if c.ItemID != 0 {
			it, err := s.st.Item(ctx, c.ItemID)
			if err != nil {
				return nil, err
			}
			se, err := s.st.Session(ctx, it.SessionID)
			if err != nil {
				return nil, err
			}
			if err := it.CoWithdrawal(se, s.today()); err != nil {
				mc.NoWithdrawal = model.ReasonOf(err)
			}
		}
		out = append(out, mc)
	}
	return out, nil
}

func (s *Server) withSessions(ctx context.Context, items []model.AgendaItem) ([]myRegistration, error) {
	sessions := map[int64]model.Session{}
	var out []myRegistration
	for _, it := range items {
		se, ok := sessions[it.SessionID]
		if !ok {
			var err error
			if se, err = s.st.Session(ctx, it.SessionID); err != nil {
				return nil, err
			}
			sessions[it.SessionID] = se
		}
		out = append(out, myRegistration{Item: it, Session: se})
	}
	return out, nil
}

// mySpokesperson fills the sections of a spokesperson: their conferences
// with the next dates, the decisions assessed as relevant for them since
// the last session, the tasks and briefings.
func (s *Server) mySpokesperson(r *http.Request, council model.Body, d *myData) error {
	ctx := r.Context()
	last, err := s.st.LastHeldSession(ctx, council.ID)
	if err != nil {
		return err
	}
	d.LastSession = last
	var lastSession model.Session
	if last > 0 {
		if lastSession, err = s.st.SessionByNumber(ctx, council.ID, last); err != nil {
			return err
		}
	}
	as, err := s.st.Assignments(ctx, 0)
	if err != nil {
		return err
	}
	bodies := map[int64]model.Body{}
	var ids []int64
	for _, a := range as {
		if a.Member != d.User.MemberAbbrev || a.Status(last) == model.AssignmentEnded || slices.Contains(ids, a.ConferenceID) {
			continue
		}
		ids = append(ids, a.ConferenceID)
		b, err := s.st.Body(ctx, a.ConferenceID)
		if err != nil {
			return err
		}
		bodies[b.ID] = b
		dates, err := s.st.ConferenceDates(ctx, b.ID, s.today())
		if err != nil {
			return err
		}
		outcomes, err := s.st.ConferenceOutcomes(ctx, b.ID, lastSession.Date, 0)
		if err != nil {
			return err
		}
		// The card shows the next three; "Was ansteht" takes all and cuts
		// after merging (before, a conference with three small dates
		// pushed its main conference out while another's later date stood).
		mc := myConference{Body: b, Dates: dates[:min(len(dates), 3)], Coming: dates, Outcomes: outcomes}
		if a.Status(last) == model.AssignmentEnding {
			mc.Ending = a
		}
		if model.SeesSpokespersonContacts(d.User) {
			cs, err := s.st.SpokespersonContacts(ctx, b.ID)
			if err != nil {
				return err
			}
			cs = slices.DeleteFunc(cs, func(c model.SpokespersonContact) bool { return c.Member != a.Member })
			kos, err := s.kickoffsOf(ctx, []spokesperson{{Assignment: a}}, last, cs)
			if err != nil {
				return err
			}
			mc.Kickoff = kos[a.ID]
			mc.Talks = cs[:min(len(cs), 3)]
		}
		d.Conferences = append(d.Conferences, mc)
	}
	if last > 0 && len(ids) > 0 {
		se := lastSession
		if d.Relevant, err = s.relevantDecisions(ctx, auth.Audience(d.User), bodies, se.ID, se.Date); err != nil {
			return err
		}
	}
	tasks, err := s.st.Tasks(ctx)
	if err != nil {
		return err
	}
	// The spokesperson's own tasks: those the matrix gives the
	// spokesperson a part in, not FITKO's alone.
	for _, t := range tasks {
		if t.Spokesperson != model.ResponsibilityNone {
			d.Tasks = append(d.Tasks, t)
		}
	}
	d.Briefings, err = s.st.Briefings(ctx, 0)
	return err
}

// councilSessionsIn gives the sessions in the statuses of the council and
// then of the body that prepares it (the AL-Runde): members vote and
// comment minutes in both, and the secretariat minutes both.
func (s *Server) councilSessionsIn(ctx context.Context, council model.Body, statuses ...model.SessionStatus) ([]model.Session, error) {
	out, err := s.st.SessionsInStatus(ctx, council.ID, statuses...)
	if err != nil {
		return nil, err
	}
	prep, err := s.st.PreparatoryBody(ctx, council.ID)
	if errors.Is(err, store.ErrNotFound) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	more, err := s.st.SessionsInStatus(ctx, prep.ID, statuses...)
	return append(out, more...), err
}

// mySecretariat fills what waits for the secretariat.
func (s *Server) mySecretariat(r *http.Request, council model.Body, d *myData) error {
	ctx := r.Context()
	pending, err := s.st.PendingRegistrations(ctx, council.ID)
	if err != nil {
		return err
	}
	if d.Pending, err = s.withSessions(ctx, pending); err != nil {
		return err
	}
	// An item registered from a request names the conference whose
	// request it is, not only the secretariat that registered it.
	requests := map[int64]map[int64]model.Request{}
	for i, p := range d.Pending {
		of, ok := requests[p.Session.ID]
		if !ok {
			if of, err = s.st.RequestsOfSession(ctx, p.Session.ID); err != nil {
				return err
			}
			requests[p.Session.ID] = of
		}
		if q, ok := of[p.Item.ID]; ok {
			b, err := s.st.Body(ctx, q.ConferenceID)
			if err != nil {
				return err
			}
			d.Pending[i].Request, d.Pending[i].Conference = q, b
		}
	}
	if err := s.mySecretariatNotes(ctx, council, d); err != nil {
		return err
	}
	if d.Release, err = s.councilSessionsIn(ctx, council, model.StatusEnded); err != nil {
		return err
	}
	if d.Corrections, err = s.myCorrections(ctx, council); err != nil {
		return err
	}
	if d.Closing, err = s.openProcedures(ctx, ""); err != nil {
		return err
	}
	held, err := s.st.SessionsInStatus(ctx, council.ID, model.StatusEnded, model.StatusMinutesDraft)
	if err != nil {
		return err
	}
	conferences, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return err
	}
	var ids []int64
	for _, b := range conferences {
		ids = append(ids, b.ID)
	}
	// A debrief is owed until its invitation is sent, also once the
	// session's minutes are approved at the next session (before, its
	// debrief dropped off the list then): the sessions with approved
	// minutes and decisions relevant for a conference join the list
	// while their debrief is not sent — unless the secretariat noted that
	// none is needed ("Nachbesprechung entfällt"; withdrawn, the session
	// is listed again).
	owed, err := s.st.SessionsOwingDebrief(ctx, council.ID, ids)
	if err != nil {
		return err
	}
	held = append(held, owed...)
	slices.SortFunc(held, func(a, b model.Session) int { return a.Number - b.Number })
	names := map[int64]string{}
	for _, b := range conferences {
		names[b.ID] = b.Name
	}
	for _, se := range held {
		db, err := s.st.DebriefOfSession(ctx, se.ID)
		saved := err == nil
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		// Noted "Nachbesprechung entfällt": owed no debrief (as
		// store.SessionsOwingDebrief leaves it out), saved or not.
		waiver := db.Waiver
		if !saved {
			if waiver, _, err = s.st.DebriefWaiverOf(ctx, se.ID); err != nil {
				return err
			}
		}
		if waiver.Set() {
			continue
		}
		rel, err := s.st.RelevantDecisionsSince(ctx, ids, se.ID, model.Date{})
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, rd := range rel {
			seen[rd.Decision.ID] = true
		}
		due := myDebrief{Session: se, Relevant: len(seen), Saved: saved, Sent: saved && db.Sent}
		if saved {
			for _, out := range notInDebrief(rel, db) {
				if out.since {
					due.Since = append(due.Since, out.Decision.ProposalLabel()+" ("+names[out.ConferenceID]+")")
				}
			}
		}
		if saved {
			for _, e := range notRelevantInDebrief(rel, db) {
				dec, err := s.st.Decision(ctx, e.DecisionID)
				if err != nil {
					return err
				}
				due.NotRelevant = append(due.NotRelevant, dec.ProposalLabel()+" ("+names[e.ConferenceID]+")")
			}
		}
		if due.Sent && len(due.Since) == 0 && len(due.NotRelevant) == 0 || len(seen) == 0 && !saved {
			continue
		}
		if due.Sent {
			// The page says "versandt" only once the outbox has
			// delivered it (before: as soon as it was queued).
			due.Queued = db.SavedAt
			if due.Delivery, err = s.st.DebriefDelivery(ctx, db.ID); err != nil {
				return err
			}
		}
		d.Debriefs = append(d.Debriefs, due)
	}
	return nil
}

// myCorrection is a proposed correction (Berichtigung) of approved minutes
// on the secretariat's "Mein Bereich", with where it is approved: on the
// Verwaltung page of the body's running session, or by written procedure
// (the council's). Before, a proposed correction showed only in the
// corrected minutes and, while a session ran, on its Verwaltung page.
type myCorrection struct {
	model.MinutesCorrection
	Corrected model.Session // the session whose minutes it corrects
	// Running is the running session of the body that may approve it
	// (its Verwaltung page); zero while none runs.
	Running model.Session
	// Procedure is the open written procedure on a correction of these
	// minutes (InProcedure); Own: on this correction.
	Procedure        store.MinutesProcedure
	InProcedure, Own bool
	// ByProcedure: a written procedure may approve it (the council's
	// minutes, none open on them).
	ByProcedure bool
}

// myCorrections gives the proposed corrections of the council's and the
// AL-Runde's approved minutes with where each is approved.
func (s *Server) myCorrections(ctx context.Context, council model.Body) ([]myCorrection, error) {
	bodies := []int64{council.ID}
	if prep, err := s.st.PreparatoryBody(ctx, council.ID); err == nil {
		bodies = append(bodies, prep.ID)
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	running, err := s.councilSessionsIn(ctx, council, model.StatusRunning)
	if err != nil {
		return nil, err
	}
	var out []myCorrection
	sessions := map[int64]model.Session{}
	for _, b := range bodies {
		list, _, err := s.st.ProposedCorrections(ctx, b)
		if err != nil {
			return nil, err
		}
		for _, c := range list {
			mc := myCorrection{MinutesCorrection: c}
			se, ok := sessions[c.SessionID]
			if !ok {
				if se, err = s.st.Session(ctx, c.SessionID); err != nil {
					return nil, err
				}
				sessions[c.SessionID] = se
			}
			mc.Corrected = se
			for _, r := range running {
				if r.BodyID == b && mc.Running.ID == 0 {
					mc.Running = r
				}
			}
			if mc.Procedure, mc.InProcedure, err = s.st.OpenCorrectionProcedure(ctx, se.ID); err != nil {
				return nil, err
			}
			if mc.InProcedure {
				cp, _, err := s.st.ProcedureOfCorrection(ctx, mc.Procedure.ID)
				if err != nil {
					return nil, err
				}
				mc.Own = cp.CorrectionID == c.ID
			}
			mc.ByProcedure = b == council.ID && !mc.InProcedure
			out = append(out, mc)
		}
	}
	return out, nil
}

// mySecretariatNotes fills the running sessions (the council's, then the
// AL-Runde's) with the item called and the submitted notes waiting, and
// the sessions with submitted notes waiting for the secretariat, by item:
// one read of all waiting notes, then each session concerned and its
// agenda. Before, the secretariat's page said nothing of a running
// session, and a note submitted after the session (minutes in draft)
// showed only on the session's live page, which nothing pointed to.
func (s *Server) mySecretariatNotes(ctx context.Context, council model.Body, d *myData) error {
	running, err := s.councilSessionsIn(ctx, council, model.StatusRunning)
	if err != nil {
		return err
	}
	waiting, err := s.st.AllWaitingNoteSubmissions(ctx)
	if err != nil {
		return err
	}
	sessions := map[int64]model.Session{}
	for _, se := range running {
		sessions[se.ID] = se
	}
	agendas := map[int64]map[int64]model.AgendaItem{}
	agenda := func(se model.Session) (map[int64]model.AgendaItem, error) {
		if byID, ok := agendas[se.ID]; ok {
			return byID, nil
		}
		items, err := s.st.Items(ctx, se.ID)
		if err != nil {
			return nil, err
		}
		byID := make(map[int64]model.AgendaItem, len(items))
		for _, it := range items {
			byID[it.ID] = it
		}
		agendas[se.ID] = byID
		return byID, nil
	}
	// The store gives them by session, then item.
	for _, n := range waiting {
		se, ok := sessions[n.SessionID]
		if !ok {
			if se, err = s.st.Session(ctx, n.SessionID); err != nil {
				return err
			}
			sessions[se.ID] = se
		}
		if k := len(d.WaitingNotes); k == 0 || d.WaitingNotes[k-1].Session.ID != se.ID {
			d.WaitingNotes = append(d.WaitingNotes, myWaitingNotes{Session: se})
		}
		wn := &d.WaitingNotes[len(d.WaitingNotes)-1]
		wn.Count++
		d.WaitingTotal++
		if k := len(wn.Items); k > 0 && wn.Items[k-1].Item.ID == n.ItemID {
			wn.Items[k-1].Count++
			continue
		}
		byID, err := agenda(se)
		if err != nil {
			return err
		}
		it, ok := byID[n.ItemID]
		if !ok {
			it = model.AgendaItem{ID: n.ItemID}
		}
		wn.Items = append(wn.Items, myWaitingItem{Item: it, Count: 1, URL: liveAt(se, n.ItemID, "pn-eingang")})
	}
	for _, se := range running {
		mr := myRunning{Session: se}
		if se.CurrentItemID != 0 {
			byID, err := agenda(se)
			if err != nil {
				return err
			}
			if it, ok := byID[se.CurrentItemID]; ok && it.OnAgenda() {
				mr.Current = it
			}
		}
		for _, wn := range d.WaitingNotes {
			if wn.Session.ID == se.ID {
				mr.Waiting, mr.WaitingURL = wn.Count, wn.Items[0].URL
			}
		}
		d.Running = append(d.Running, mr)
	}
	return nil
}

// registrableSessions gives the body's coming sessions members may still
// register items for, the next first: one read of the (body, status)
// index per status.
func (s *Server) registrableSessions(ctx context.Context, bodyID int64) ([]model.Session, error) {
	var out []model.Session
	now := model.BerlinDate(s.clock())
	for _, status := range []model.SessionStatus{model.StatusPlanned, model.StatusConvened} {
		coming, err := s.st.SessionsWithStatus(ctx, bodyID, status)
		if err != nil {
			return nil, err
		}
		for _, se := range coming {
			if se.RegistrationOpen() && (se.Date.IsZero() || !se.Date.Before(now)) {
				out = append(out, se)
			}
		}
	}
	slices.SortFunc(out, func(a, b model.Session) int { return a.Number - b.Number })
	return out, nil
}
