package web

// The two-stage cycle (issue 17): the pages of a preparatory body (the
// AL-Runde) and of its recommendations. The session pages themselves are
// the session cycle's (agenda.go, attendance.go, live.go, votes.go,
// review.go), mounted a second time under /gremien/{gremium}/sitzungen/{nr}
// and parameterised by the body (sessionFromPath → pathBody).

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// preparationRoutes registers the pages of preparatory bodies: the session
// cycle's pages under the body's address, the body's overview and
// planning, and the recommendations with the Grüne Liste.
func (s *Server) preparationRoutes(mux router) {
	const se = "/gremien/{gremium}/sitzungen/{nr}"
	mux.HandleFunc("GET /gremien/{gremium}", s.prepBodyPage)
	mux.HandleFunc("POST /gremien/{gremium}/planung", s.planSessionPair)
	mux.HandleFunc("POST /gremien/{gremium}/benennungen", s.nameDelegate)
	mux.HandleFunc("GET "+se, s.sessionPage)
	mux.HandleFunc("GET "+se+"/protokoll", s.protocolPage)
	mux.HandleFunc("GET "+se+"/protokoll.pdf", s.protocolPDF)
	mux.HandleFunc("GET "+se+"/protokoll.txt", s.protocolText)
	mux.HandleFunc("GET "+se+"/verwaltung", s.managePage)
	mux.HandleFunc("POST "+se+"/status", s.advanceSession)
	mux.HandleFunc("POST "+se+"/veroeffentlichen", s.publishAgenda)
	mux.HandleFunc("POST "+se+"/nummerieren", s.numberAgenda)
	mux.HandleFunc("POST "+se+"/dokumente", s.uploadDocument)
	mux.HandleFunc("POST "+se+"/kommentare", s.commentMinutes)
	mux.HandleFunc("POST "+se+"/genehmigen", s.approveMinutes)
	mux.HandleFunc("GET "+se+"/berichtigen", s.correctionPage)
	mux.HandleFunc("POST "+se+"/berichtigungen", s.proposeCorrection)
	mux.HandleFunc("GET "+se+"/bearbeiten", s.editSessionPage)
	mux.HandleFunc("POST "+se+"/bearbeiten", s.editSession)
	mux.HandleFunc("POST "+se+"/absagen", s.cancelSession)
	mux.HandleFunc("POST "+se+"/loeschen", s.deleteSession)
	mux.HandleFunc("POST "+se+"/wortmeldungen", s.requestFloor)
	mux.HandleFunc("POST "+se+"/redeliste/weiter", s.nextSpeaker)
	mux.HandleFunc("POST "+se+"/redeliste/beenden", s.endTurn)
	mux.HandleFunc("GET "+se+"/redeliste", s.speakersPanel)
	mux.HandleFunc("GET "+se+"/beamer", s.projector)
	mux.HandleFunc("GET "+se+"/beamer/stand", s.projectorState)
	mux.HandleFunc("GET "+se+"/protokoll/fassungen/{v}", s.minutesVersion)
	mux.HandleFunc("GET "+se+"/live", s.livePage)
	mux.HandleFunc("GET "+se+"/live/ereignisse", s.liveEvents)
	mux.HandleFunc("GET "+se+"/live/stand", s.liveState)
	mux.HandleFunc("POST "+se+"/beschlussfaehigkeit", s.establishQuorum)
	// The preparatory body's own Grüne Liste, adopted en bloc by its own
	// voters (the live page's box posts here).
	mux.HandleFunc("POST "+se+"/gruene-liste", s.adoptConsentAgenda)
	mux.HandleFunc("POST "+se+"/gruene-liste/eroeffnen", s.openConsentVote)
	mux.HandleFunc("GET "+se+"/anwesenheit", s.attendancePage)
	mux.HandleFunc("POST "+se+"/anwesenheit", s.saveAttendance)
	mux.HandleFunc("GET "+se+"/abstimmung", s.myVotePage)
	mux.HandleFunc("GET "+se+"/abstimmung/stand", s.voteState)
	mux.HandleFunc("GET "+se+"/auftragsvorschlaege", s.followUpProposals)
	mux.HandleFunc("POST "+se+"/auftragsvorschlaege", s.handleFollowUpProposal)
	mux.HandleFunc("GET "+se+"/empfehlungen", s.recommendationsPage)
	mux.HandleFunc("POST "+se+"/empfehlungen", s.proposeRecommendation)
	mux.HandleFunc("GET /sitzungen/{nr}/empfehlungen", s.recommendationsPage)
	mux.HandleFunc("POST /sitzungen/{nr}/empfehlungen/umlaufverfahren", s.recommendationByProcedure)
	mux.HandleFunc("POST /empfehlungen/{id}/bestaetigen", s.confirmGreenList)
	mux.HandleFunc("POST /empfehlungen/{id}/herausnehmen", s.pullFromGreenList)
	mux.HandleFunc("POST /tops/{id}/gruene-liste/herausnehmen", s.pullItemFromGreenList)
}

// pathBody gives the body a session address names: the one of
// /gremien/{gremium}/…, otherwise the council.
func (s *Server) pathBody(r *http.Request) (model.Body, error) {
	if slug := r.PathValue("gremium"); slug != "" {
		return s.st.BodyBySlug(r.Context(), slug)
	}
	return s.councilBody(r.Context())
}

// prepRow is a session of the preparatory body with the session it
// prepares and the deadlines derived for it.
type prepRow struct {
	Session  model.Session
	Prepared *model.Session
	Schedule model.PrepSchedule
}

// plannedRow is a session of the prepared body not yet held, with the
// schedule derived for its preparatory session.
type plannedRow struct {
	Session  model.Session
	Prep     *model.Session
	Schedule model.PrepSchedule
}

type prepBodyData struct {
	Body      model.Body
	Prepared  model.Body
	Delegates []store.Delegate
	Voters    []model.Member
	Sessions  []prepRow
	// Older: the body has older sessions than the PrepSessionsShown
	// shown.
	Older    bool
	Upcoming []plannedRow
	// Form: the proposal of the next pair for the planning form.
	NextMain, NextPrep int
	// Plan and PlanProblems: what was typed into the planning form and why
	// it was refused, each reason at its field; DelegateForm and
	// DelegateProblems the same for the form naming a person.
	Plan, DelegateForm             url.Values
	PlanProblems, DelegateProblems problems
}

// PrepSessionsShown bounds the sessions of a preparatory body its page
// lists, the newest first.
const PrepSessionsShown = 30

func (s *Server) prepBody(w http.ResponseWriter, r *http.Request) (model.Body, model.Body, bool) {
	ctx := r.Context()
	b, err := s.st.BodyBySlug(ctx, r.PathValue("gremium"))
	if err != nil {
		s.fail(w, r, err, "Dieses Gremium gibt es nicht.")
		return b, model.Body{}, false
	}
	if b.Preparation.PreparesID == 0 {
		s.notFound(w, r, "Dieses Gremium bereitet kein anderes vor.")
		return b, model.Body{}, false
	}
	prepared, err := s.st.Body(ctx, b.Preparation.PreparesID)
	if err != nil {
		s.serverError(w, r, err)
		return b, prepared, false
	}
	return b, prepared, true
}

// prepBodyPage shows a preparatory body: its named persons and deputies,
// its sessions with the sessions they prepare and the derived deadlines,
// and the planning of both series.
func (s *Server) prepBodyPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	b, prepared, ok := s.prepBody(w, r)
	if !ok {
		return
	}
	s.renderPrepBody(w, r, http.StatusOK, prepBodyData{Body: b, Prepared: prepared})
}

// renderPrepBody shows a preparatory body's page; d carries the bodies and
// what a refused form had typed, the rest is read here.
func (s *Server) renderPrepBody(w http.ResponseWriter, r *http.Request, status int, d prepBodyData) {
	ctx := r.Context()
	b, prepared := d.Body, d.Prepared
	var err error
	if d.Delegates, err = s.st.Delegates(ctx, b.ID); err == nil {
		d.Voters, err = s.st.BodyVoters(ctx, b.ID)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Its newest sessions with the sessions they prepare, the prepared
	// body's coming sessions with the sessions preparing them, and the
	// highest numbers of both: a fixed number of statements.
	own, err := s.st.SessionsBefore(ctx, b.ID, 0, PrepSessionsShown+1)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(own) > PrepSessionsShown {
		own, d.Older = own[:PrepSessionsShown], true
	}
	ownIDs := make([]int64, len(own))
	for i, se := range own {
		ownIDs[i] = se.ID
	}
	preparedBy, err := s.st.PreparedSessions(ctx, ownIDs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, se := range own {
		row := prepRow{Session: se}
		if p, ok := preparedBy[se.ID]; ok {
			row.Prepared, row.Schedule = &p, ownDeadline(b.Preparation.ScheduleWith(p.Date, se.Date), p)
		}
		d.Sessions = append(d.Sessions, row)
	}
	if len(own) > 0 {
		d.NextPrep = own[0].Number + 1
	}
	coming, err := s.st.ComingSessions(ctx, prepared.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	comingIDs := make([]int64, len(coming))
	for i, se := range coming {
		comingIDs[i] = se.ID
	}
	preparing, err := s.st.PreparingSessions(ctx, b.ID, comingIDs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, se := range coming {
		row := plannedRow{Session: se, Schedule: ownDeadline(b.Preparation.Schedule(se.Date), se)}
		if p, ok := preparing[se.ID]; ok {
			row.Prep, row.Schedule = &p, ownDeadline(b.Preparation.ScheduleWith(se.Date, p.Date), se)
		}
		d.Upcoming = append(d.Upcoming, row)
	}
	if d.NextMain, err = s.st.LastSessionNumber(ctx, prepared.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.NextMain, d.NextPrep = d.NextMain+1, max(d.NextPrep, 1)
	s.render(w, r, status, "alrunde_body.html", view{Title: b.Name, Active: "alrunde", Data: d})
}

// planSessionPair plans a session of the prepared body and the
// preparatory session before it together: the preparatory session's date
// follows from the lead time unless given, the prepared session's
// registration deadline from the preparatory session.
func (s *Server) planSessionPair(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	b, prepared, ok := s.prepBody(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	main := model.Session{BodyID: prepared.ID, Status: model.StatusPlanned, Kind: model.SessionRegular, StartTime: r.PostFormValue("beginn"), EndTime: r.PostFormValue("ende"),
		Place: strings.TrimSpace(r.PostFormValue("ort"))}
	prep := model.Session{BodyID: b.ID, Status: model.StatusPlanned, Kind: model.SessionRegular, Place: strings.TrimSpace(r.PostFormValue("ort_vorbereitung"))}
	// Every reason stands at its field: the prepared session's fields
	// carry the session form's names, the preparatory session's end in
	// "_vorbereitung".
	var refused problems
	var err error
	if main.Number, err = strconv.Atoi(r.PostFormValue("nummer")); err != nil || main.Number <= 0 {
		refused.add(model.AtField("nummer", model.InputError("Die Nummer der Sitzung muss eine positive Zahl sein.")))
	}
	if prep.Number, err = strconv.Atoi(r.PostFormValue("nummer_vorbereitung")); err != nil || prep.Number <= 0 {
		refused.add(model.AtField("nummer_vorbereitung", model.InputError("Die Nummer der %s muss eine positive Zahl sein.", b.Abbrev)))
	} else if _, err := s.st.SessionByNumber(ctx, b.ID, prep.Number); err == nil {
		refused.add(model.AtField("nummer_vorbereitung", model.RuleError("Die %d. %s gibt es bereits; bitte die nächste freie Nummer angeben.", prep.Number, b.Abbrev)))
	} else if !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	// A session of the prepared body planned on its own (/sitzungen/neu)
	// gets its preparatory session here: the same form, its number.
	existing, err := s.st.SessionByNumber(ctx, prepared.ID, main.Number)
	planned := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	// The form sent again (the back button, a double click): both
	// sessions stand as the first send planned them — said so, not "Die
	// 41. AL-Runde gibt es bereits" at its number.
	if planned && prep.Number > 0 {
		if ps, err := s.st.PreparingSession(ctx, existing.ID); err == nil && ps.Number == prep.Number && ps.BodyID == b.ID {
			back(w, r, "/gremien/"+b.Preparation.Slug, fmt.Sprintf("Beide Sitzungen sind bereits geplant: die %s am %s für die %s am %s. Ein zweites Mal wurde nichts geplant.",
				ps.Title(), ps.Date.German(), existing.Title(), existing.Date.German()))
			return
		}
	}
	// A session held (or running, or cancelled) gets no preparatory
	// session: said at its number, not as "geplant", and not only after
	// the other fields are right.
	if planned {
		if err := existing.Schedulable(); err != nil {
			if existing.Held() {
				err = model.RuleError("Die %s hat am %s stattgefunden; eine Sitzung %s wird nur für eine künftige Sitzung geplant.", existing.Title(), existing.Date.German(), b.Short().Of())
			}
			refused.add(model.AtField("nummer", err))
		}
	}
	if main.Date, err = model.ParseDate(r.PostFormValue("datum")); err != nil || main.Date.IsZero() && !planned {
		refused.add(model.AtField("datum", model.InputError("Bitte ein gültiges Datum der Sitzung angeben (TT.MM.JJJJ).")))
	} else if planned && !main.Date.IsZero() && main.Date != existing.Date && refused.At("nummer") == "" {
		refused.add(model.AtField("datum", model.RuleError("Die %s ist schon für den %s geplant. Um die Sitzung %s zu ihr zu planen, bitte hier den %s angeben oder das Feld leer lassen; verlegt wird die %s unter „Sitzung bearbeiten“.",
			existing.Title(), existing.Date.German(), b.Short().Of(), existing.Date.German(), existing.Title())))
	}
	if planned {
		main.Date = existing.Date
	}
	// A time that is no time, an end before the start: said with every
	// other reason, whether the session is new or planned already.
	refused.addUnrefused(main.Validate())
	sched := b.Preparation.Schedule(main.Date)
	if prep.Date, err = model.ParseDate(r.PostFormValue("datum_vorbereitung")); err != nil {
		refused.add(model.AtField("datum_vorbereitung", model.InputError("Das Datum der Sitzung %s ist kein gültiges Datum.", b.Short().Of())))
	} else if prep.Date.IsZero() {
		prep.Date = sched.PrepSession
	}
	if refused.At("datum") == "" && refused.At("datum_vorbereitung") == "" && !prep.Date.Before(main.Date) {
		refused.add(model.AtField("datum_vorbereitung", model.RuleError("Die Sitzung %s bereitet die Sitzung vor: ihr Datum muss vor dem %s liegen.", b.Short().Of(), main.Date.German())))
	}
	// A refused plan shows the page again with the form as typed.
	refuse := func(refused problems) {
		s.renderPrepBody(w, r, http.StatusUnprocessableEntity, prepBodyData{Body: b, Prepared: prepared, Plan: r.PostForm, PlanProblems: refused})
	}
	if len(refused) > 0 {
		refuse(refused)
		return
	}
	sched = b.Preparation.ScheduleWith(main.Date, prep.Date)
	main.RegistrationDeadline = sched.RegistrationClosing
	if planned {
		prepSections, err := s.st.Sections(ctx, b.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if _, err := s.st.PlanPreparatorySession(ctx, existing.ID, prep, itplr.PrepStandardItems(prep.Number, prepSections)); err != nil {
			if !formRefusal(err) {
				s.fail(w, r, err, "")
				return
			}
			// The store's reasons concern the session of that number
			// (prepared already, no longer schedulable).
			if model.FieldOf(err) == "" {
				err = model.AtField("nummer", err)
			}
			refuse(problems{err})
			return
		}
		deadline := "hat keinen Anmeldeschluss"
		if !existing.RegistrationDeadline.IsZero() {
			deadline = "behält ihren Anmeldeschluss " + existing.RegistrationDeadline.German()
		}
		back(w, r, "/gremien/"+b.Preparation.Slug, fmt.Sprintf("Geplant: %d. %s am %s für die %s am %s; Unterlagen bis %s. Die %s %s (nach dem Vorlauf: %s; zu ändern unter „Sitzung bearbeiten“).",
			prep.Number, b.Abbrev, prep.Date.German(), existing.Title(), existing.Date.German(), sched.DocumentsDue.German(), existing.Title(), deadline, sched.RegistrationClosing.German()))
		return
	}
	mainSections, err := s.st.Sections(ctx, prepared.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	prepSections, err := s.st.Sections(ctx, b.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if _, _, err := s.st.PlanSessionPair(ctx, main, itplr.StandardItems(main.Number, mainSections), prep, itplr.PrepStandardItems(prep.Number, prepSections)); err != nil {
		if !formRefusal(err) {
			s.fail(w, r, err, "")
			return
		}
		refuse(problems{err})
		return
	}
	back(w, r, "/gremien/"+b.Preparation.Slug, fmt.Sprintf("Geplant: %d. Sitzung am %s und %d. %s am %s; Anmeldeschluss %s, Unterlagen bis %s.",
		main.Number, main.Date.German(), prep.Number, b.Abbrev, prep.Date.German(), sched.RegistrationClosing.German(), sched.DocumentsDue.German()))
}

// recItem is a registered item of the prepared session with its
// recommendations in the preparatory session.
type recItem struct {
	Item            model.AgendaItem
	Recommendations []model.Recommendation
	Open            bool // a proposal awaits its vote
	Given           *model.Recommendation
	// Short says why the item's proposal is not (yet) applied for as the
	// rules require, which refuses a recommendation: said above the form
	// before it is sent.
	Short model.Shortfall
}

type recommendationsData struct {
	Session  model.Session // the session of the page
	Body     model.Body
	Prep     bool          // the page of a preparatory session
	Other    model.Session // the prepared session (Prep) or the preparatory one
	HasOther bool
	// Coming: the prepared session (Prep) has not begun and is not
	// cancelled, and the preparatory session's own agenda is open (it is
	// not held nor cancelled: store.ErrAgendaClosed), so recommendations
	// on it can still be proposed.
	Coming bool
	// Closed: the preparatory session (Prep) is held or cancelled.
	Closed   bool
	Schedule model.PrepSchedule
	Items    []recItem
	Kinds    []model.RecommendationKind
	Voters   []model.Member
	// Members by abbreviation: the names of the registering members.
	Members map[string]model.Member
	// Given are the recommendations given for the items of a prepared
	// session, in agenda order (the council's view).
	Given       []model.Recommendation
	Items2Title map[int64]string
	// Anchors are the session page's anchors of its items, by item id
	// (model.ItemAnchors): the given recommendations link their item.
	Anchors map[int64]string
	// Adopted marks, by recommendation id (of Given), a recommendation
	// whose item has an adopted decision: it is no longer offered to be
	// taken off the list (AgendaItem.CheckPullable, as the store refuses).
	Adopted map[int64]bool
	// ListStates gives, by recommendation id (of Given), where its item
	// stands on the Grüne Liste (listState): the column reads the item,
	// not the recommendation alone.
	ListStates map[int64]string
	// CanPull: the viewer, not the secretariat, may have an item taken
	// off the Grüne Liste: the office of a member that votes in the
	// session's body (store.checkPull). Before, every member's account
	// was offered the button, an advisory member's too, which ended on
	// "Keine Berechtigung".
	CanPull bool
	Target  model.Session
	// Awaiting are the council session's registered items without a
	// recommendation given or under way, for which the secretariat can
	// have the preparatory body decide in written procedure (PrepBody).
	Awaiting []model.AgendaItem
	// AwaitingShort gives, per awaiting item, why its proposal is not
	// (yet) applied for as the rules require (recItem.Short).
	AwaitingShort map[int64]model.Shortfall
	PrepBody      model.Body
	HasPrep       bool
	// DeadlineDate and DeadlineClock are the deadline such a procedure's
	// form proposes (model.Session.ProposedRecommendationDeadline), both
	// "" when no deadline can be taken any more.
	DeadlineDate, DeadlineClock string
	// Typed is what a refused form (a proposal, a procedure) had typed,
	// for the item TypedItem, and TypedProblems why it was refused, at
	// its fields.
	Typed         url.Values
	TypedItem     int64
	TypedProblems problems
	// Pull is a refused pull from the Grüne Liste (form "m-<id>" of the
	// recommendation id), its reason at the member's select.
	Pull refusedForm
	// Proposals are the items (of Items, of Awaiting) that have a
	// decision proposal: only to those the form offers the choices that
	// adopt a proposal (Choices).
	Proposals map[int64]bool
	// GreenListGaps are the prepared session's items on the Grüne Liste
	// without the preparatory body's recommendation for it
	// (greenListGaps): a warning, each item named with what was
	// recommended instead.
	GreenListGaps []greenListGap
}

// Said gives title as the visually hidden part of a form's name reads it
// (saidTitle: a confidential passage with "vertraulich").
func (recommendationsData) Said(title string) string { return saidTitle(title) }

// listState gives where the item it of the given recommendation rec stands
// on the Grüne Liste, for the recommendations page's column: adopted en
// bloc (on the list, its proposal adopted in the session: the register's
// way model.WayConsent), on the list — however it came there, by the
// recommendation confirmed or ticked by the secretariat on the management
// page —, else the recommendation's state (proposed for the list, pulled
// at a member's request); "" when it is none of these. Before, the column
// read the recommendation only and showed "–" for an item ticked onto the
// list and adopted en bloc.
func listState(rec model.Recommendation, it model.AgendaItem, adopted bool) string {
	switch {
	case it.Consent && adopted:
		return "ohne Aussprache angenommen (Grüne Liste)"
	case it.Consent:
		return model.ConsentConfirmed.Label()
	case rec.Consent == model.ConsentConfirmed:
		return "" // taken off the list on the management page
	}
	return rec.Consent.Label()
}

// kindChoice is a kind of recommendation the form for an item offers, and
// whether it is chosen.
type kindChoice struct {
	Kind    model.RecommendationKind
	Checked bool
}

// Choices gives the kinds of recommendation the form for item offers, the
// chosen one checked: every kind, "Annahme wie vorgeschlagen" first, when
// the item has a proposal; without one (a report) only the kinds the
// store lets stand (recommendationBasis), "Beratung im IT-Planungsrat"
// first. A refused form offers again the kind it had typed, chosen, even
// one that does not fit, so that its reason stands at what was sent.
func (d recommendationsData) Choices(item int64) []kindChoice {
	kinds := d.Kinds
	if !d.Proposals[item] {
		kinds = []model.RecommendationKind{model.RecommendDiscuss, model.RecommendReject}
	}
	typed := model.RecommendationKind("")
	if d.Typed != nil && item == d.TypedItem {
		typed = model.RecommendationKind(d.Typed.Get("empfehlung"))
	}
	if typed.Valid() && !slices.Contains(kinds, typed) {
		kinds = append(slices.Clip(kinds), typed)
	}
	out := make([]kindChoice, len(kinds))
	for i, k := range kinds {
		out[i] = kindChoice{Kind: k, Checked: k == typed || !slices.Contains(kinds, typed) && i == 0}
	}
	return out
}

// ProposalFields reports whether the form for item shows the Grüne Liste
// and the changed text, which only a proposal can have (recommendationBasis):
// when the item has one, or when a refused form had sent them, so that
// their reasons stand at them.
func (d recommendationsData) ProposalFields(item int64) bool {
	if d.Proposals[item] {
		return true
	}
	return d.Typed != nil && item == d.TypedItem &&
		(d.Typed.Get("gruene_liste") != "" || strings.TrimSpace(d.Typed.Get("text")) != "" || d.TypedProblems.At("gruene_liste") != "" || d.TypedProblems.At("text") != "")
}

// NoProposal says, in the form for an item without a decision proposal,
// why the choices that adopt one are not offered, and what fits the
// item's goal — named as it is: before, every such item was called a
// report ("Zu einem Bericht empfehlen Sie …"), one for Kenntnisnahme too.
func (d recommendationsData) NoProposal(goal model.Goal) string {
	discuss := model.RecommendDiscuss.Label()
	var fits string
	switch goal {
	case model.GoalReport:
		fits = fmt.Sprintf("Ziel des TOP ist ein Bericht: Empfehlen Sie „%s“ (zur Kenntnisnahme).", discuss)
	case model.GoalNoting:
		fits = fmt.Sprintf("Ziel des TOP ist die Kenntnisnahme: Empfehlen Sie „%s“ (zur Kenntnisnahme).", discuss)
	case model.GoalDiscussion:
		fits = fmt.Sprintf("Ziel des TOP ist die Diskussion: Empfehlen Sie „%s“.", discuss)
	case model.GoalDecision:
		fits = fmt.Sprintf("Ziel des TOP ist ein Beschluss: Empfehlen Sie „%s“, oder das anmeldende Mitglied ergänzt einen Beschlussvorschlag.", discuss)
	default:
		fits = fmt.Sprintf("Empfehlen Sie „%s“ oder „%s“.", discuss, model.RecommendReject.Label())
	}
	return fmt.Sprintf("Zu diesem TOP liegt kein Beschlussvorschlag vor: „%s“, „%s“ und die Grüne Liste setzen einen voraus und werden nicht angeboten. %s",
		model.RecommendAdopt.Label(), model.RecommendAdoptChanged.Label(), fits)
}

// KindDescribedBy gives the ids that describe the kind choices of item's
// form (aria-describedby, WCAG 1.3.1/3.3.2): the hint, id hint+item, that
// says why choices are missing (an item without a proposal: NoProposal),
// and the reason of a refused form at the kind, id field+item+"-fehler"
// (templates "invalid", "field-error"); "" when there is neither. Before,
// the hint stood beside the choices unlinked.
func (d recommendationsData) KindDescribedBy(item int64, hint, field string) string {
	var ids []string
	if !d.Proposals[item] {
		ids = append(ids, hint+strconv.FormatInt(item, 10))
	}
	if d.Typed != nil && item == d.TypedItem && d.TypedProblems.At("empfehlung") != "" {
		ids = append(ids, field+strconv.FormatInt(item, 10)+"-fehler")
	}
	return strings.Join(ids, " ")
}

// ApplicationWait says, in the box of an item whose proposal's application
// does not suffice yet (recItem.Short, AwaitingShort), that no
// recommendation can be proposed on it until it does, and why not even
// "Beratung" or "keine Annahme": the store refuses every kind
// (recommendationBasis checks the proposal's application, whatever is
// recommended — docs/decision-rules.md, "Co-applicants confirm"), so the
// form is disabled. Before, the form offered every kind, "Annahme wie
// vorgeschlagen" chosen, each refused at save.
func (d recommendationsData) ApplicationWait() string {
	return fmt.Sprintf("Eine Empfehlung zu diesem TOP kann erst vorgeschlagen werden, wenn der Antrag ausreicht; bis dahin keine, auch nicht „%s“ oder „%s“: "+
		"Über jede Empfehlung zu einem Beschlussvorschlag wird nach dessen Antrag abgestimmt, und ein Mitantrag zählt erst, wenn er bestätigt ist. Das Formular ist bis dahin gesperrt.",
		model.RecommendDiscuss.Label(), model.RecommendReject.Label())
}

// proposalItems gives the items of session that have a decision proposal
// (a draft decision: the proposal recommendationBasis recommends on).
func (s *Server) proposalItems(ctx context.Context, session int64) (map[int64]bool, error) {
	drafts, err := s.st.Decisions(ctx, store.DecisionFilter{SessionID: session, Status: model.DecisionDraft})
	if err != nil {
		return nil, err
	}
	out := map[int64]bool{}
	for _, d := range drafts {
		if d.ItemID != 0 {
			out[d.ItemID] = true
		}
	}
	return out, nil
}

// Summary gives the box above the page for the refused form (a proposal
// on a preparatory session's page, a written procedure on the prepared
// session's): each reason a link to its field when the page shows the
// item's form again, plain text when it does not (the item has a proposal
// by now, or is no longer awaiting one, or the form is disabled while the
// application does not suffice) — a link to a form not on the page, or to
// a disabled field, leads nowhere.
func (d recommendationsData) Summary() errorSummary {
	id := strconv.FormatInt(d.TypedItem, 10)
	if d.Prep {
		if !d.proposalForm(d.TypedItem) {
			return unlinkedSummary("empfehlung-fehler", "Die Empfehlung ist nicht vorgeschlagen", d.TypedProblems)
		}
		return newErrorSummary("empfehlung-fehler", "Die Empfehlung ist nicht vorgeschlagen", d.TypedProblems,
			"empfehlung", "k-"+id+"-0", "gruene_liste", "g-"+id, "text", "t-"+id)
	}
	shown := false
	for _, it := range d.Awaiting {
		shown = shown || it.ID == d.TypedItem && d.HasPrep && d.AwaitingShort[it.ID].Reason == ""
	}
	if !shown {
		return unlinkedSummary("umlauf-fehler", "Das Umlaufverfahren ist nicht eingeleitet", d.TypedProblems)
	}
	return newErrorSummary("umlauf-fehler", "Das Umlaufverfahren ist nicht eingeleitet", d.TypedProblems,
		"empfehlung", "u-"+id+"-0", "gruene_liste", "ug-"+id, "text", "ut-"+id, "frist_datum", "ud-"+id, "frist_zeit", "uz-"+id)
}

// proposalForm reports whether the preparatory session's page shows the
// form that proposes a recommendation on item, enabled (as the template
// decides: an accepted, not deferred item without a proposal under way or
// a recommendation given, of a prepared session still to come, whose
// proposal's application suffices — a disabled field takes no focus).
func (d recommendationsData) proposalForm(item int64) bool {
	for _, it := range d.Items {
		if it.Item.ID == item {
			return d.Coming && it.Item.Status != model.ItemRegistered && !it.Item.Deferred() && !it.Open && it.Given == nil && it.Short.Reason == ""
		}
	}
	return false
}

// recommendationsPage shows, for a preparatory session, the registered
// items of the session it prepares with the proposals and votes on their
// recommendations; for a session of the prepared body, the recommendations
// given for its items with the Grüne Liste to confirm or pull from.
func (s *Server) recommendationsPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	body, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.renderRecommendations(w, r, http.StatusOK, body, se, nil, nil, refusedForm{})
}

// renderRecommendations shows the recommendations page of a session;
// typed and reason are a refused form (its item in "top") — a proposal in
// the preparatory session, a written procedure on the prepared session's
// page — shown again in that item's form.
func (s *Server) renderRecommendations(w http.ResponseWriter, r *http.Request, status int, body model.Body, se model.Session, typed url.Values, refused problems, pull refusedForm) {
	ctx := r.Context()
	a, u := s.audienceOf(r), s.user(r)
	d := recommendationsData{Session: se, Body: body, Prep: body.Preparation.PreparesID != 0, Kinds: model.RecommendationKinds, Items2Title: map[int64]string{}, ListStates: map[int64]string{}, Adopted: map[int64]bool{},
		AwaitingShort: map[int64]model.Shortfall{}, Typed: typed, TypedProblems: refused, Pull: pull}
	if typed != nil {
		d.TypedItem, _ = strconv.ParseInt(typed.Get("top"), 10, 64)
	}
	var err error
	if d.Voters, err = s.st.BodyVoters(ctx, body.ID); err == nil {
		d.Members, err = s.memberMap(ctx)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Prep {
		d.Other, err = s.st.PreparedSession(ctx, se.ID)
		d.HasOther = err == nil
		if d.HasOther {
			d.Closed = se.CheckAgendaOpen() != nil
			d.Coming = d.Other.Schedulable() == nil && !d.Closed
			d.Schedule = ownDeadline(body.Preparation.ScheduleWith(d.Other.Date, se.Date), d.Other)
			items, err := s.st.Items(ctx, d.Other.ID)
			if err == nil {
				d.Proposals, err = s.proposalItems(ctx, d.Other.ID)
			}
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			recs, err := s.st.Recommendations(ctx, store.RecommendationFilter{SessionID: se.ID})
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			for _, it := range items {
				if it.RegisteredBy == "" && it.Goal != model.GoalDecision || it.Status == model.ItemDeclined {
					continue // the standard items
				}
				if !a.SeesItem(it, d.Other, u) {
					continue // a registration not yet accepted: its member's and the secretariat's
				}
				ri := recItem{Item: it}
				if ri.Short, err = s.itemShortfall(ctx, it.ID); err != nil {
					s.serverError(w, r, err)
					return
				}
				for _, rc := range recs {
					if rc.TargetItemID != it.ID {
						continue
					}
					ri.Recommendations = append(ri.Recommendations, rc)
					switch {
					case rc.Given():
						ri.Given = &rc
					case rc.Status == model.DecisionDraft:
						ri.Open = true
					}
				}
				d.Items = append(d.Items, ri)
			}
		} else if !errors.Is(err, store.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
	} else {
		d.Target = se
		d.CanPull = u != nil && u.MemberAbbrev != "" && auth.Can(u, auth.Vote, u.MemberAbbrev) &&
			slices.ContainsFunc(d.Voters, func(m model.Member) bool { return m.Abbrev == u.MemberAbbrev })
		if d.Other, err = s.st.PreparingSession(ctx, se.ID); err == nil {
			d.HasOther = true
		} else if !errors.Is(err, store.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		given, err := s.st.GivenRecommendations(ctx, se.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		all, err := s.st.Recommendations(ctx, store.RecommendationFilter{TargetSessionID: se.ID})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		underWay := map[int64]bool{}
		for _, rc := range all {
			if rc.Status != model.DecisionRejected {
				underWay[rc.TargetItemID] = true
			}
		}
		if d.PrepBody, err = s.st.PreparatoryBody(ctx, body.ID); err == nil {
			d.HasPrep = true
			// A deadline that can be taken: in the future and before the
			// session's start (the recommendation is for the session).
			if t, ok := se.ProposedRecommendationDeadline(s.clock()); ok {
				d.DeadlineDate, d.DeadlineClock = model.BerlinDate(t).German(), model.BerlinClock(t)
			}
		} else if !errors.Is(err, store.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		items, err := s.st.Items(ctx, se.ID)
		if err == nil && d.HasPrep {
			d.Proposals, err = s.proposalItems(ctx, se.ID)
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Anchors = model.ItemAnchors(items)
		if d.GreenListGaps, err = s.greenListGaps(ctx, se, items); err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, it := range items {
			if !a.SeesItem(it, se, u) {
				continue
			}
			d.Items2Title[it.ID] = strings.TrimSpace(it.Label() + " " + it.Title)
			if rc, ok := given[it.ID]; ok {
				d.Given = append(d.Given, rc)
				// adopted: in session (the list's state reads it); decided:
				// any adopted decision of the item, which the store's pull
				// refuses (checkNotAdopted), so the button is not offered.
				adopted, decided := false, false
				ds, err := s.st.ItemDecisions(ctx, it.ID)
				if err != nil {
					s.serverError(w, r, err)
					return
				}
				for _, dc := range ds {
					adopted = adopted || it.Consent && dc.Status == model.DecisionAdopted && dc.SessionID != 0
					decided = decided || dc.Status == model.DecisionAdopted
				}
				d.ListStates[rc.ID] = listState(rc, it, adopted)
				d.Adopted[rc.ID] = decided
			}
			// Only an accepted registration, not deferred, goes to the
			// preparatory body (store.recommendable).
			if d.HasPrep && !underWay[it.ID] && it.RegisteredBy != "" && it.OnAgenda() && !it.Deferred() {
				d.Awaiting = append(d.Awaiting, it)
				short, err := s.itemShortfall(ctx, it.ID)
				if err != nil {
					s.serverError(w, r, err)
					return
				}
				d.AwaitingShort[it.ID] = short
			}
		}
	}
	s.render(w, r, status, "alrunde_recommendations.html", view{Title: se.Title() + " – Beschlussempfehlungen", Active: "sitzungen", Data: d})
}

// proposeRecommendation records a proposal of a recommendation in a
// preparatory session; the members decide it by vote on the live page.
func (s *Server) proposeRecommendation(w http.ResponseWriter, r *http.Request) {
	_, body, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	if body.Preparation.PreparesID == 0 {
		s.notFound(w, r, "Dieses Gremium gibt keine Beschlussempfehlungen.")
		return
	}
	rec, ok, err := s.recommendationOfForm(w, r, model.Recommendation{SessionID: se.ID})
	if !ok {
		return
	}
	var draft int64
	if err == nil {
		_, draft, err = s.st.ProposeRecommendation(r.Context(), rec)
	}
	if err != nil {
		// A refused proposal shows the page again with the item's form as
		// typed and the reasons (before: an error page, the changed text
		// lost).
		s.refuseRecommendation(w, r, body, se, err)
		return
	}
	d, err := s.st.Decision(r.Context(), draft)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if se.MinutesEditable() {
		back(w, r, liveItemURL(se, d.ItemID), "Der Empfehlungsvorschlag ist angelegt; die Mitglieder stimmen darüber ab.")
		return
	}
	// Before the session runs its live page takes no entry (every save
	// was refused): back to the recommendations, where the proposal
	// waits for the session.
	back(w, r, se.Path()+"/empfehlungen", fmt.Sprintf("Der Empfehlungsvorschlag ist angelegt; die Mitglieder stimmen darüber ab, sobald die %s läuft (Live-Protokoll).", se.Title()))
}

// recommendationOfForm reads an item's recommendation form — the item
// (top), the recommendation (empfehlung), the green list (gruene_liste)
// and the changed points, one a line (text) — into rec. False when the
// form names no item: it is answered (400), as there is no item's form to
// show again. The error gives every reason at its field
// (model.Recommendation.Validate), and at "text" that the text's
// confidential marks are unbalanced; a changed text typed for another
// kind than "Annahme mit Änderungen" is refused, not dropped unsaid.
func (s *Server) recommendationOfForm(w http.ResponseWriter, r *http.Request, rec model.Recommendation) (model.Recommendation, bool, error) {
	target, err := strconv.ParseInt(r.PostFormValue("top"), 10, 64)
	if err != nil {
		s.badRequest(w, r, "Bitte den TOP wählen, zu dem die Empfehlung gegeben wird.")
		return rec, false, nil
	}
	rec.TargetItemID, rec.Kind, rec.GreenList = target, model.RecommendationKind(r.PostFormValue("empfehlung")), r.PostFormValue("gruene_liste") == "1"
	var refused problems
	if lines, err := formLines(r.PostFormValue("text")); err != nil {
		refused.add(model.AtField("text", err))
	} else {
		rec.Points = model.NumberedPoints(lines)
	}
	refused.addUnrefused(rec.Validate())
	return rec, true, refused.err()
}

// refuseRecommendation shows the recommendations of se again after err
// refused an item's recommendation form: the form as typed, every reason
// at its field (422; a conflict with the store's own reason, such as a
// proposal already made); an error that is no refusal gets the error page.
func (s *Server) refuseRecommendation(w http.ResponseWriter, r *http.Request, body model.Body, se model.Session, err error) {
	if !formRefusal(err) {
		s.fail(w, r, err, "")
		return
	}
	s.renderRecommendations(w, r, http.StatusUnprocessableEntity, body, se, r.PostForm, problemsOf(err), refusedForm{})
}

// liveItemURL gives the live page of a session at an item.
func liveItemURL(se model.Session, itemID int64) string {
	return fmt.Sprintf("%s/live?top=%d#top-%d", se.Path(), itemID, itemID)
}

// recommendationFromPath gives the recommendation named by {id} and the
// session of its target item.
func (s *Server) recommendationFromPath(w http.ResponseWriter, r *http.Request) (model.Recommendation, model.Session, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Diese Beschlussempfehlung gibt es nicht.")
		return model.Recommendation{}, model.Session{}, false
	}
	rec, err := s.st.Recommendation(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Diese Beschlussempfehlung gibt es nicht.")
		return rec, model.Session{}, false
	}
	it, err := s.st.Item(r.Context(), rec.TargetItemID)
	if err != nil {
		s.serverError(w, r, err)
		return rec, model.Session{}, false
	}
	se, err := s.st.Session(r.Context(), it.SessionID)
	if err != nil {
		s.serverError(w, r, err)
		return rec, se, false
	}
	return rec, se, true
}

// confirmGreenList is the secretariat's confirmation of an item recommended
// for the Grüne Liste.
func (s *Server) confirmGreenList(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	rec, se, ok := s.recommendationFromPath(w, r)
	if !ok {
		return
	}
	if err := s.st.ConfirmGreenList(r.Context(), rec.ID, formVersion(r)); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, se.Path()+"/empfehlungen", "Der TOP steht auf der Grünen Liste.")
}

// pullFromGreenList takes an item off the Grüne Liste at the request of a
// member: a member's account for its own member, the secretariat for the
// member named in the form (a request made in the session).
func (s *Server) pullFromGreenList(w http.ResponseWriter, r *http.Request) {
	member, ok := s.pullingMember(w, r)
	if !ok {
		return
	}
	rec, se, ok := s.recommendationFromPath(w, r)
	if !ok {
		return
	}
	err := errNoPullingMember
	if member != "" {
		err = s.st.PullFromGreenList(r.Context(), rec.ID, member)
	}
	if err != nil {
		// A refusal comes back on the page of recommendations, its
		// reason at the select of the item's form.
		form, status, refusal := refusedFormOf(r, fmt.Sprintf("m-%d", rec.ID), "Der TOP ist nicht von der Grünen Liste genommen", err)
		if !refusal {
			s.fail(w, r, err, "")
			return
		}
		body, err := s.st.Body(r.Context(), se.BodyID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.renderRecommendations(w, r, status, body, se, nil, nil, form)
		return
	}
	place := ""
	if rec.Consent == model.ConsentConfirmed { // it stood on the list, not only proposed for it
		place = pulledPlace(se)
	}
	back(w, r, se.Path()+"/empfehlungen", fmt.Sprintf("Der TOP ist %s von der Grünen Liste genommen und wird einzeln behandelt.", model.PullWish(member))+place)
}

// pulledPlace says, after an item was taken off the Grüne Liste of session
// se, that it stays where it stood when the agenda is no longer numbered
// (published, or the session begun: model.Session.CheckNumberable): a
// published agenda keeps its order, so the item is not put back into its
// section (store.PullFromGreenList) and its section may stand twice, and
// the secretariat learns how to move it. "" while it goes back into its
// section.
func pulledPlace(se model.Session) string {
	if se.CheckNumberable() == nil {
		return ""
	}
	agenda := "der Tagesordnung"
	if se.AgendaPublished {
		agenda = "der veröffentlichten Tagesordnung"
	}
	return " Der TOP bleibt an seinem Platz in " + agenda + " (bei der Grünen Liste); verschoben wird er in der Verwaltung der Sitzung mit den Pfeilen ↑ und ↓."
}

// errNoPullingMember refuses the secretariat's pull from the Grüne Liste
// that names no member: the form's "auf Wunsch von" has no member chosen
// in advance (it had the Bund, which put a wish on record nobody chose).
var errNoPullingMember = model.AtField("mitglied", model.InputError("Bitte das Mitglied wählen, auf dessen Wunsch der TOP von der Grünen Liste genommen wird."))

// pullingMember gives the member at whose request an item leaves the
// Grüne Liste: a member's account its own member (if it votes), the
// secretariat the member named in the form ("" when it chose none, which
// the caller refuses with errNoPullingMember at the form's select); false
// when the request is refused (answered).
func (s *Server) pullingMember(w http.ResponseWriter, r *http.Request) (string, bool) {
	u := s.user(r)
	if !s.parseForm(w, r) {
		return "", false
	}
	switch {
	case auth.Can(u, auth.ManageSessions, ""):
		return strings.TrimSpace(r.PostFormValue("mitglied")), true
	case u != nil:
		_, ok := s.require(w, r, auth.Vote, u.MemberAbbrev)
		return u.MemberAbbrev, ok
	}
	s.require(w, r, auth.Vote, "")
	return "", false
}

// pullItemFromGreenList takes an agenda item off the Grüne Liste at the
// request of a voting member, however it came there (ticked by the
// secretariat or recommended by the preparatory body): from the
// member's own account on the session page, or recorded by the
// secretariat.
func (s *Server) pullItemFromGreenList(w http.ResponseWriter, r *http.Request) {
	member, ok := s.pullingMember(w, r)
	if !ok {
		return
	}
	it, se, ok := s.itemFromPath(w, r)
	if !ok {
		return
	}
	if !model.Internal.SeesItem(it, se, s.user(r)) {
		s.notFound(w, r, "Diesen Tagesordnungspunkt gibt es nicht.")
		return
	}
	err := errNoPullingMember
	if member != "" {
		err = s.st.PullItemFromGreenList(r.Context(), it.ID, member)
	}
	if err != nil {
		// A refusal comes back on the session page, its reason at the
		// select of the item's form.
		form, status, refusal := refusedFormOf(r, fmt.Sprintf("gl-%d", it.ID), "Der TOP ist nicht von der Grünen Liste genommen", err)
		if !refusal {
			s.fail(w, r, err, "")
			return
		}
		r.SetPathValue("nr", strconv.Itoa(se.Number))
		if b, err := s.st.Body(r.Context(), se.BodyID); err == nil && b.Preparation.Slug != "" {
			r.SetPathValue("gremium", b.Preparation.Slug)
		}
		s.minutesPage(w, r, "session.html", status, form)
		return
	}
	s.changed(r, se.ID)
	// Back at the item on the session page (its anchor, not its row id).
	to, err := s.itemURL(r.Context(), se, it.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	back(w, r, to, fmt.Sprintf("„%s“ ist %s von der Grünen Liste genommen und wird einzeln behandelt.", model.InternalText(it.Title), model.PullWish(member))+pulledPlace(se))
}

// nameDelegate records a member's named person in the body, or a deputy.
func (s *Server) nameDelegate(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	b, prepared, ok := s.prepBody(w, r)
	if !ok {
		return
	}
	member, name, deputy := r.PostFormValue("mitglied"), r.PostFormValue("name"), r.PostFormValue("vertretung") == "1"
	if err := s.st.SetDelegate(r.Context(), b.ID, member, name, deputy); err != nil {
		if !formRefusal(err) {
			s.fail(w, r, err, "")
			return
		}
		if model.FieldOf(err) == "" {
			// The rest is about the member: an advisory member names
			// nobody.
			err = model.AtField("mitglied", err)
		}
		s.renderPrepBody(w, r, http.StatusUnprocessableEntity, prepBodyData{Body: b, Prepared: prepared, DelegateForm: r.PostForm, DelegateProblems: problems{err}})
		return
	}
	role := "benannt"
	if deputy {
		role = "als Vertretung benannt"
	}
	back(w, r, "/gremien/"+b.Preparation.Slug+"#benennungen", fmt.Sprintf("%s ist für %s in der %s %s.", strings.TrimSpace(name), member, b.Abbrev, role))
}

// formRefusal reports whether err refuses what a form asked for (input
// invalid, a rule, a conflict), so that the form is shown again with what
// was typed and the reason, rather than an error page.
func formRefusal(err error) bool {
	switch model.ClassOf(err) {
	case model.ErrInput, model.ErrRule, model.ErrConflict:
		return true
	}
	return false
}

// recommendationByProcedure has the preparatory body decide a
// recommendation on a registered item in written procedure (GO § 8a with
// § 8); the members vote on the procedure's page.
func (s *Server) recommendationByProcedure(w http.ResponseWriter, r *http.Request) {
	_, body, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	ctx := r.Context()
	prep, err := s.st.PreparatoryBody(ctx, body.ID)
	if err != nil {
		s.fail(w, r, err, "Dieses Gremium hat kein vorbereitendes Gremium.")
		return
	}
	rec, ok, formErr := s.recommendationOfForm(w, r, model.Recommendation{BodyID: prep.ID})
	if !ok {
		return
	}
	// Every reason at once, each at its field: the form's (a date or time
	// that is none, a past deadline, a text with an open mark) and the
	// store's (a deadline after the session's start, the item's proposal
	// whose co-applicants have not confirmed), which it says without
	// writing when the form refused already.
	deadline, refused := deadlineOfForm(r.PostFormValue("frist_datum"), r.PostFormValue("frist_zeit"), s.clock())
	refused.add(formErr)
	var proc int64
	if len(refused) > 0 {
		err = s.st.CheckRecommendationByProcedure(ctx, rec, deadline)
		if err != nil && !allRefusals(err) {
			s.fail(w, r, err, "")
			return
		}
		refused.addUnrefused(err)
		err = refused.err()
	} else {
		_, proc, err = s.st.ProposeRecommendationByProcedure(ctx, rec, deadline)
	}
	if err != nil {
		// A refused procedure shows the page again with the item's form
		// as typed: the changed text is not lost to a mistyped deadline.
		s.refuseRecommendation(w, r, body, se, err)
		return
	}
	back(w, r, fmt.Sprintf("/umlaufverfahren/%d", proc), fmt.Sprintf("Das Umlaufverfahren der %s über die Empfehlung zur %s ist eingeleitet.", prep.Abbrev, se.Title()))
}

// ownDeadline gives the schedule with the prepared session's own
// registration deadline where it has one: planning both sessions sets it
// from the schedule, but the session's edit page may move it later, and
// the registration marks items late by the session's own.
func ownDeadline(sched model.PrepSchedule, main model.Session) model.PrepSchedule {
	if !main.RegistrationDeadline.IsZero() {
		sched.RegistrationClosing = main.RegistrationDeadline
	}
	return sched
}
