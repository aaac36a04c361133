package web

// The secretariat's page of a session: status steps, registrations,
// building the agenda (sections, numbers, order), publishing.

import (
	"errors"
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/relevance"
	"gremium/internal/store"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

type manageData struct {
	Session   model.Session
	Next      model.SessionStatus
	NextLabel string
	// OpensOn: the next step is opening the session, which its date does
	// not allow yet (model.Session.TooEarlyToOpen); the page says from
	// when instead of offering a button the store refuses.
	OpensOn bool
	// RegistrationOpen: members may still register items (the link "TOP
	// anmelden" is shown only then; registrationOpen).
	RegistrationOpen bool
	Registrations    []model.AgendaItem
	Declined         []model.AgendaItem
	Items            []model.AgendaItem
	Sections         []model.Section
	// Topics are the sections a registration can be accepted into
	// (model.Topics: not the opening, not the Grüne Liste).
	Topics      []model.Section
	Members     map[string]model.Member
	Conferences map[int64]model.Body
	Documents   []store.Document
	Comments    []store.Comment
	ToApprove   []minutesToApprove
	Versions    []store.MinutesVersion
	// CorrectionsToApprove are proposed corrections of earlier minutes
	// that this running session may approve (corrections.go), with the
	// numbers of the sessions they correct.
	CorrectionsToApprove []model.MinutesCorrection
	CorrectionSessions   map[int64]int
	// CorrectionStamps are the stamps of the corrected minutes, by
	// session id, which each correction's approval form carries
	// (correctionsToApprove).
	CorrectionStamps map[int64]store.MinutesStamp
	// Proposals are the FachMK gremium proposes for each item, by item id.
	Proposals map[int64][]relevance.Proposal
	// Requests are the requests (Anliegen) items came from, by item id.
	Requests map[int64]model.Request
	// Drafts are the decision proposals (Beschlussvorschlag, with the
	// applicants) of the registrations, by item id: the secretariat judges
	// a registration by them.
	Drafts map[int64]model.Decision
	// Applicants names each draft's applicants with where each
	// co-applicant's confirmation stands (model.ApplicantsLabel), by item
	// id.
	Applicants map[int64]string
	// Short says, by item id, why a draft's applicants that count do not
	// (yet) make the application (applicationShortfall).
	Short map[int64]model.Shortfall
	// Open are the proposals of a running session not yet voted on (the
	// Grüne Liste's among them), named with their item: ending the
	// session leaves them undecided, so ending asks for a confirmation
	// (store.OpenProposals, the list the end checks).
	Open []model.OpenProposal
	// Approval is the approval of minutes ("genehmigen-<Nr.>") or of a
	// correction ("berichtigung-<id>") that was refused (no quorum),
	// with its reason shown at its button.
	Approval refusedForm
	// ApprovalSeen is the last comment on the draft the refused approval's
	// form listed (its field "kommentar_bis"): comments after it are
	// marked as new at the form shown again.
	ApprovalSeen int64
	// ApprovalStale: the approval was refused because the minutes or
	// their comments changed after the page was shown (a conflict).
	ApprovalStale bool
	// VoteOpen: a vote of the running session is open; the session ends
	// only after it was closed or cancelled on the live page.
	VoteOpen bool
	// Status are the reasons a status step, the publication or the
	// numbering of the agenda was refused: above the status forms, each
	// at its field (the confirmation it lacks) where it has one.
	Status problems
	// StatusWhat says what did not happen ("Die Sitzung ist nicht
	// beendet"), the head of Status's box (StatusSummary).
	StatusWhat string
	// Unnumbered are the items of the agenda without a TOP number
	// (model.Unnumbered): publishing them so asks for a confirmation.
	Unnumbered []model.AgendaItem
	// OutOfOrder are the items whose TOP number is lower than one before
	// them (model.OutOfOrder): publishing them so asks for a confirmation.
	OutOfOrder []model.AgendaItem
	// GreenListApart are the items of the Grüne Liste when they do not
	// stand as one block at its place (store.GreenListApart, an item
	// moved out of it): publishing them so asks for a confirmation.
	GreenListApart []model.AgendaItem
	// Numberable: the agenda may be numbered in its order (not published,
	// session planned or convened: model.Session.CheckNumberable).
	Numberable bool
	// Row is an agenda item's row that was not saved, shown as typed.
	Row rowRefusal
	// Decline is a refused decline of a registration ("grund-<id>"): its
	// reason as typed, the refusal at the field.
	Decline refusedForm
	// Accept is a refused acceptance of a registration ("annehmen-<id>":
	// a section that is no topic of the agenda, a stale or tampered
	// form), the refusal at the field "abschnitt".
	Accept refusedForm
	// Change is a refused request of a change of a registration
	// ("aenderung-<id>": no reason, a reason with confidential marks):
	// its reason as typed, the refusal at the field.
	Change refusedForm
	// Upload is the refused upload form ("dokument"), shown again with
	// the other fields as typed and every reason at its field.
	Upload refusedForm
	// Later are the sessions an item may be deferred to (none: items
	// cannot be deferred from this session).
	Later []model.Session
	// MoveTargets are the sessions a pending registration of this
	// cancelled session may be moved to (moveOptions; none otherwise).
	MoveTargets []moveOption
	// Preparation warns, when the next step is the opening, that the
	// session of the AL-Runde that prepares this one has not ended, was
	// cancelled, or was never planned (openingWarning): a warning, not a
	// refusal — the IT-Planungsrat may meet without it.
	Preparation prepWarning
	// GreenListGaps are the items on the Grüne Liste without the
	// AL-Runde's recommendation for it (greenListGaps), each with what it
	// recommended instead and the way to put it right.
	GreenListGaps []greenListGap
	// GreenListMisses are the items the AL-Runde recommended for the
	// Grüne Liste that do not stand on it (greenListMisses): the
	// reverse, warned of before the agenda is published.
	GreenListMisses []greenListMiss
	// Recommended says, by item id, what the AL-Runde recommends for the
	// item (recommendationNotes), shown in its row beside the tick
	// "Grüne Liste".
	Recommended map[int64]itemRecommendation
	// PrepBody is the body that prepares the session's (the AL-Runde);
	// the zero Body for a body nobody prepares.
	PrepBody model.Body
}

// Said gives title as the visually hidden part of a button's or field's
// name reads it (saidTitle).
func (manageData) Said(title string) string { return saidTitle(title) }

// saidTitle gives title as a visually hidden name reads it: each
// confidential passage in the words the page shows it with (marked:
// "vertraulich: … (Ende vertraulich)"), the marks removed. Before, the
// hidden names of the Verwaltung's buttons read a confidential title
// without "vertraulich" (plain).
func saidTitle(title string) string {
	return model.SpokenMarks(title, "vertraulich: ", " (Ende vertraulich)")
}

// Places gives the places of the agenda, 1…n, that the form "an
// Position …" offers an item (store.MoveItemTo counts them so).
func (d manageData) Places() []int {
	out := make([]int, len(d.Items))
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// DeferForm gives the deferral form of an item of the page.
func (d manageData) DeferForm(it model.AgendaItem) deferFormView {
	return deferFormView{Item: it, Later: d.Later, Entry: d.Row.Deferral}
}

// rowRefusal is an agenda item's row the secretariat saved and the store
// refused (a TOP number already used, an emptied title): the row is shown
// again as typed, with the reason beside it.
type rowRefusal struct {
	ItemID  int64
	Number  string
	Title   string
	Section int64
	Consent bool
	Reason  string
	// Field is the field the refusal is about (model.FieldOf):
	// "gruene_liste" for a tick on an item without a proposal; else the
	// number or the title is at fault (TitleAtFault).
	Field string
	// Shown: the item has a row on the page (a registration has none; its
	// reason is shown above the agenda).
	Shown bool
	// Deferral is a deferral of an item that was refused, shown in its
	// form as typed (deferral.go).
	Deferral refusedForm
	// What says what did not happen ("Der TOP ist nicht verschoben";
	// "Der TOP ist nicht gespeichert" when empty), the head of the box.
	What string
	// Typed: the row shows what was typed (a refused save), not what is
	// stored (a refused move).
	Typed bool
}

// TitleAtFault says whether the typed title is empty or too long
// (model.CheckTitleLength): its field takes the focus; else the number's
// does.
func (f rowRefusal) TitleAtFault() bool {
	return strings.TrimSpace(f.Title) == "" || model.CheckTitleLength(f.Title) != nil
}

// ConsentAtFault says whether the tick "Grüne Liste" was refused (an item
// without a proposal: model.CheckGreenListProposal): the checkbox carries
// the reason, not the number.
func (f rowRefusal) ConsentAtFault() bool { return f.Field == "gruene_liste" }

// nextStep gives the next status of a session and the button's label.
func nextStep(st model.SessionStatus) (model.SessionStatus, string) {
	switch st {
	case model.StatusPlanned:
		return model.StatusConvened, "Sitzung einberufen"
	case model.StatusConvened:
		return model.StatusRunning, "Sitzung eröffnen"
	case model.StatusRunning:
		return model.StatusEnded, "Sitzung beenden"
	case model.StatusEnded:
		return model.StatusMinutesDraft, "Protokollentwurf zur Kommentierung freigeben und an die Mitglieder verteilen"
	}
	return "", ""
}

func (s *Server) managePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return
	}
	council, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.renderManage(w, r, http.StatusOK, council, se, nil, rowRefusal{})
}

// renderManage shows a session's management page; refused says why a
// status step was refused, row is an agenda row refused and shown as typed.
func (s *Server) renderManage(w http.ResponseWriter, r *http.Request, status int, council model.Body, se model.Session, refused problems, row rowRefusal) {
	s.renderManageWith(w, r, status, council, se, manageData{Status: refused, Row: row})
}

// renderManageWith shows a session's management page with the refusals
// of with (Status, Row, Upload, Approval, Decline).
func (s *Server) renderManageWith(w http.ResponseWriter, r *http.Request, status int, council model.Body, se model.Session, with manageData) {
	ctx := r.Context()
	d := manageData{Session: se, Conferences: map[int64]model.Body{}, Status: with.Status, StatusWhat: with.StatusWhat, Row: with.Row, Upload: with.Upload, Approval: with.Approval, ApprovalSeen: with.ApprovalSeen, ApprovalStale: with.ApprovalStale, Decline: with.Decline, Accept: with.Accept, Change: with.Change}
	d.Next, d.NextLabel = nextStep(se.Status)
	d.OpensOn = d.Next == model.StatusRunning && se.TooEarlyToOpen(model.BerlinDate(s.clock()))
	d.RegistrationOpen = se.RegistrationOpen()
	items, err := s.st.Items(ctx, se.ID)
	if err == nil {
		for _, it := range items {
			switch it.Status {
			case model.ItemRegistered:
				d.Registrations = append(d.Registrations, it)
			case model.ItemDeclined:
				d.Declined = append(d.Declined, it)
			default:
				d.Items = append(d.Items, it)
			}
		}
		d.Sections, err = s.st.Sections(ctx, council.ID)
		d.Topics = model.Topics(d.Sections)
	}
	if err == nil {
		d.Members, err = s.memberMap(ctx)
	}
	if err == nil {
		var confs []model.Body
		confs, err = s.st.Bodies(ctx, model.BodyFachMK)
		for _, c := range confs {
			d.Conferences[c.ID] = c
		}
	}
	if err == nil {
		var engine *relevance.Engine
		if engine, _, err = s.relevanceEngine(r); err == nil {
			d.Proposals = map[int64][]relevance.Proposal{}
			for _, it := range append(append([]model.AgendaItem{}, d.Registrations...), d.Items...) {
				d.Proposals[it.ID] = engine.Propose(relevance.ItemText(it))
			}
		}
	}
	if err == nil {
		d.Requests, err = s.st.RequestsOfSession(ctx, se.ID)
	}
	if err == nil {
		d.Drafts, d.Applicants, d.Short = map[int64]model.Decision{}, map[int64]string{}, map[int64]model.Shortfall{}
		for _, it := range d.Registrations {
			var drafts []model.Decision
			if drafts, err = s.st.Decisions(ctx, store.DecisionFilter{ItemID: it.ID, Status: model.DecisionDraft, Limit: 1}); err != nil {
				break
			}
			if len(drafts) > 0 {
				d.Drafts[it.ID] = drafts[0]
				var co []model.CoApplication
				if co, err = s.st.CoApplications(ctx, drafts[0].ID); err != nil {
					break
				}
				// "Antrag von" and the box in one order, as every page names
				// the applicants (proposalApplicants).
				if d.Applicants[it.ID], d.Short[it.ID], err = s.proposalApplicants(ctx, it, drafts[0], co); err != nil {
					break
				}
			}
		}
	}
	if err == nil {
		d.Documents, err = s.st.Documents(ctx, se.ID)
	}
	if err == nil {
		d.Comments, err = s.st.Comments(ctx, se.ID)
	}
	if err == nil {
		d.Versions, err = s.st.MinutesVersions(ctx, se.ID)
	}
	if err == nil && se.Status == model.StatusRunning {
		d.CorrectionsToApprove, d.CorrectionSessions, d.CorrectionStamps, err = s.correctionsToApprove(ctx, council.ID)
	}
	if err == nil && se.Status == model.StatusRunning {
		d.ToApprove, err = s.minutesToApprove(ctx, council.ID, se.Number)
	}
	if err == nil && se.Status == model.StatusRunning {
		_, d.VoteOpen, err = s.st.OpenSessionVote(ctx, se.ID)
	}
	if err == nil {
		if se.Status == model.StatusRunning {
			d.Open, err = s.st.OpenProposals(ctx, se.ID)
		}
		d.Unnumbered = model.Unnumbered(d.Items)
		d.OutOfOrder = model.OutOfOrder(d.Items)
		d.Numberable = se.CheckNumberable() == nil
		if !se.AgendaPublished {
			d.GreenListApart, err = s.st.GreenListApart(ctx, se.ID)
		}
	}
	if err == nil {
		d.Later, err = s.laterSessions(ctx, se)
	}
	if err == nil && len(d.Registrations) > 0 {
		d.MoveTargets, err = s.moveOptions(ctx, se, true)
	}
	if err == nil {
		d.Preparation, err = s.openingWarning(ctx, se)
	}
	if err == nil {
		var prepBody model.Body
		var given map[int64]model.Recommendation
		var voting map[int64]bool
		var prepared bool
		if prepBody, given, voting, prepared, err = s.prepRecommendations(ctx, se); err == nil && prepared {
			d.PrepBody = prepBody
			d.Recommended = recommendationNotes(prepBody, d.Items, given, voting)
			d.GreenListMisses = greenListMisses(se, d.Items, given)
			d.GreenListGaps = gapsOf(se, prepBody, d.Items, given, voting)
		}
	}
	for _, it := range d.Items {
		d.Row.Shown = d.Row.Shown || it.ID == d.Row.ItemID
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "manage.html", view{Title: se.Title() + " – Verwaltung", Active: "sitzungen", Data: d})
}

func (s *Server) advanceSession(w http.ResponseWriter, r *http.Request) {
	_, council, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	ctx := r.Context()
	next := model.SessionStatus(r.PostFormValue("naechster"))
	if want, _ := nextStep(se.Status); next != want || want == "" {
		done, refusal := statusStepAnswer(se, next)
		if done != "" {
			// Clicked twice, or a button of a page drawn before: the
			// session is where the button would take it, or beyond.
			back(w, r, fmt.Sprintf("%s/verwaltung", se.Path()), done)
			return
		}
		s.badRequest(w, r, refusal)
		return
	}
	if next == model.StatusEnded && r.PostFormValue(endConfirmField) != "ja" {
		// One click ended the session, after which it takes no vote: the
		// end needs its confirmation, and nothing is stored without it.
		s.refuseStatus(w, r, http.StatusUnprocessableEntity, council, se, next, problems{errEndNotConfirmed})
		return
	}
	var err error
	var dropped []model.FollowUp
	var unprepared prepWarning
	if next == model.StatusRunning {
		// Opened before its AL-Runde has ended: a warning, not a
		// refusal (docs/session-cycle.md), repeated in the notice.
		if unprepared, err = s.openingWarning(ctx, se); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if next == model.StatusEnded {
		// An ended session takes no more votes: ending it with proposals
		// not voted on needs the confirmation that they stay undecided
		// (the store's check, by the list the page shows). The
		// follow-ups they would order are dropped with the end.
		dropped, err = s.st.EndSession(ctx, se.ID, formVersion(r), r.PostFormValue("offene_vorschlaege") == "ja")
	} else {
		err = s.st.SetSessionStatus(ctx, se.ID, formVersion(r), next)
	}
	if err != nil {
		// A refused step (a session opened before its date, a change in
		// between) shows the management page with the reason.
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		if se, err = s.st.Session(ctx, se.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.refuseStatus(w, r, status, council, se, next, reasons)
		return
	}
	s.changed(r, se.ID)
	// The notice names the session: it may be shown on another page
	// (an AL-Runde's status read under the IT-PLR session's heading).
	notice := fmt.Sprintf("Status der %s: %s", se.Title(), next.Label())
	if d := undecidedFollowUps(dropped); d != "" {
		notice += "." + d
	}
	if unprepared.Unfinished {
		backWarning(w, r, fmt.Sprintf("%s/verwaltung", se.Path()), notice+".", unprepared.Lead, unprepared.Text)
		return
	}
	back(w, r, statusBack(r, se, next), notice)
}

// statusDone says that a session has reached status st, by the step that
// takes it there ("Die Sitzung ist bereits eröffnet.").
var statusDone = map[model.SessionStatus]string{
	model.StatusConvened:        "Die Sitzung ist bereits einberufen.",
	model.StatusRunning:         "Die Sitzung ist bereits eröffnet.",
	model.StatusEnded:           "Die Sitzung ist bereits beendet.",
	model.StatusMinutesDraft:    "Der Protokollentwurf ist bereits freigegeben.",
	model.StatusMinutesApproved: "Das Protokoll ist bereits genehmigt.",
}

// statusStepAnswer answers a status change to next that is not the
// session's next step: done, the notice, when the session already has
// that status or is beyond it (a button clicked twice or drawn before —
// what was asked for has happened); else refusal, the reason that fits
// the case. Only the approval of minutes gets the sentence on minutes:
// before, every refused change said that the minutes are approved in the
// following session.
func statusStepAnswer(se model.Session, next model.SessionStatus) (done, refusal string) {
	at, asked := slices.Index(model.SessionStatuses, se.Status), slices.Index(model.SessionStatuses, next)
	if asked > 0 && at >= asked {
		done = statusDone[next]
		if at > asked {
			done += fmt.Sprintf(" Ihr Status ist jetzt: %s.", se.Status.Label())
		}
		return done, ""
	}
	switch {
	case asked < 0:
		return "", fmt.Sprintf("„%s“ ist kein Status einer Sitzung.", next)
	case next == model.StatusMinutesApproved:
		return "", "Dieser Statuswechsel ist hier nicht möglich. Ein Protokoll wird in der folgenden Sitzung genehmigt."
	}
	refusal = fmt.Sprintf("Dieser Statuswechsel ist hier nicht möglich: Der Status der Sitzung ist „%s“", se.Status.Label())
	if _, label := nextStep(se.Status); label != "" {
		refusal += fmt.Sprintf("; der nächste Schritt ist „%s“", label)
	}
	return "", refusal + "."
}

// undecidedFollowUps gives the notice's sentence on the follow-ups the
// end of a session dropped with the proposals it left undecided (" Der
// Auftrag „…“ (FITKO) aus dem unentschiedenen Vorschlag ist damit
// entfallen."), or "", as droppedFollowUps does for a rejected one.
func undecidedFollowUps(fs []model.FollowUp) string {
	var names []string
	proposals := map[int64]bool{}
	for _, f := range fs {
		names = append(names, fmt.Sprintf("„%s“ (%s)", model.InternalText(f.Text), f.Responsible))
		proposals[f.DecisionID] = true
	}
	from := " aus dem unentschiedenen Vorschlag"
	if len(proposals) > 1 {
		from = " aus den unentschiedenen Vorschlägen"
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return " Der Auftrag " + names[0] + from + " ist damit entfallen."
	}
	return " Die Aufträge " + model.JoinMembers(names) + from + " sind damit entfallen."
}

func (s *Server) publishAgenda(w http.ResponseWriter, r *http.Request) {
	_, council, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	// Published without numbers, its items read "TOP (ohne Nummer)" in the
	// agenda, the message to the members and later the minutes: that
	// needs the confirmation that it is meant.
	// So, with numbers out of the agenda's order (an item moved after
	// numbering), it would read "TOP 03" before "TOP 02"; and with the
	// Grüne Liste not in one block (an item moved out of it), the list
	// would stand split in the members' message and the minutes.
	if r.PostFormValue("ohne_nummer") != "ja" || r.PostFormValue("ausser_reihe") != "ja" || r.PostFormValue("gruene_liste_getrennt") != "ja" {
		items, err := s.st.Items(r.Context(), se.ID)
		var apart []model.AgendaItem
		if err == nil && r.PostFormValue("gruene_liste_getrennt") != "ja" {
			apart, err = s.st.GreenListApart(r.Context(), se.ID)
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		// Each reason says only what is missing: the box above them
		// says "Die Tagesordnung ist nicht veröffentlicht" (before, every
		// reason repeated it after the head).
		var refused problems
		if r.PostFormValue("ohne_nummer") != "ja" && len(model.Unnumbered(items)) > 0 {
			refused.add(model.AtField("ohne_nummer", model.RuleError(
				"TOPs haben noch keine Nummer. Bitte nummerieren oder bestätigen, dass die Tagesordnung ohne Nummern veröffentlicht wird.")))
		}
		if r.PostFormValue("ausser_reihe") != "ja" && len(model.OutOfOrder(items)) > 0 {
			refused.add(model.AtField("ausser_reihe", model.RuleError(
				"TOP-Nummern folgen nicht der Reihenfolge der Tagesordnung. Bitte neu nummerieren oder bestätigen, dass die Tagesordnung so veröffentlicht wird.")))
		}
		if len(apart) > 0 {
			refused.add(model.AtField("gruene_liste_getrennt", model.RuleError(
				"Die TOPs der Grünen Liste stehen nicht als ein Block an ihrem Platz. Bitte neu nummerieren (das stellt sie zusammen) oder bestätigen, dass die Grüne Liste getrennt veröffentlicht wird.")))
		}
		if len(refused) > 0 {
			s.renderManageWith(w, r, http.StatusUnprocessableEntity, council, se, manageData{Status: refused, StatusWhat: agendaNotPublished})
			return
		}
	}
	se.AgendaPublished = true
	se.Version = formVersion(r)
	if err := s.st.UpdateSession(r.Context(), se); err != nil {
		// A refused publication (the session held or cancelled meanwhile,
		// a change in between) shows the management page with the reason.
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		if se, err = s.st.Session(r.Context(), se.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.renderManageWith(w, r, status, council, se, manageData{Status: reasons, StatusWhat: agendaNotPublished})
		return
	}
	s.changed(r, se.ID)
	// Published with a Grüne Liste other than the AL-Runde recommended:
	// a warning, not a refusal (prep_warnings.go), repeated in the notice
	// as the page said it above the button.
	differs, err := s.greenListDifference(r.Context(), se)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if differs != "" {
		backWarning(w, r, fmt.Sprintf("%s/verwaltung", se.Path()), "Die Tagesordnung ist veröffentlicht.", greenListDiffersLead, differs)
		return
	}
	back(w, r, fmt.Sprintf("%s/verwaltung", se.Path()), "Die Tagesordnung ist veröffentlicht.")
}

// numberAgenda numbers the agenda in its order (store.NumberAgenda).
func (s *Server) numberAgenda(w http.ResponseWriter, r *http.Request) {
	_, council, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	n, err := s.st.NumberAgenda(r.Context(), se.ID)
	if err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.renderManageWith(w, r, status, council, se, manageData{Status: reasons, StatusWhat: "Die TOPs sind nicht nummeriert"})
		return
	}
	s.changed(r, se.ID)
	msg := "Die TOPs sind in der Reihenfolge der Tagesordnung nummeriert."
	if n == 0 {
		msg = "Die TOPs trugen schon die Nummern ihrer Reihenfolge; nichts geändert."
	}
	back(w, r, fmt.Sprintf("%s/verwaltung#tagesordnung", se.Path()), msg)
}

func (s *Server) decideRegistration(w http.ResponseWriter, r *http.Request) {
	it, se, ok := s.itemAction(w, r)
	if !ok {
		return
	}
	var accept bool
	switch r.PostFormValue("entscheidung") {
	case "annehmen":
		accept = true
	case "ablehnen":
	case "aendern":
		s.requestChange(w, r, it, se)
		return
	default:
		s.badRequest(w, r, "Bitte „annehmen“, „ablehnen“ oder „Änderung erbitten“ wählen.")
		return
	}
	// Accepted into a section (the form's choice beside "Annehmen"), it
	// goes to the end of that section; without one, to the end.
	var opts []store.AcceptOption
	if v := r.PostFormValue("abschnitt"); accept && v != "" && v != "0" {
		section, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || section <= 0 {
			// A tampered or garbled form: the page again with the
			// reason at the field (before: the error page), as a
			// section the store does not know (makeRoom).
			s.refuseDecision(w, r, se, fmt.Sprintf("annehmen-%d", it.ID), errUnknownSection)
			return
		}
		opts = append(opts, store.IntoSection(section))
	}
	// "Annehmen" clicked twice (or sent from a page drawn before the
	// decision): the item has the decision asked for, so it is done — not
	// a conflict with "someone else", and not accepted again (which would
	// move it to the end of the agenda).
	if done := alreadyDecided(it, accept, r.PostFormValue("grund"), r.PostFormValue("abschnitt")); done != "" {
		s.decided(w, r, se, it.ID, accept, done)
		return
	}
	decided, err := s.st.DecideRegistration(r.Context(), it.ID, formVersion(r), accept, r.PostFormValue("grund"), opts...)
	if errors.Is(err, store.ErrConflict) {
		// Decided in between (the first of two clicks still in its
		// write): the same decision is done as well.
		if now, readErr := s.st.Item(r.Context(), it.ID); readErr == nil {
			if done := alreadyDecided(now, accept, r.PostFormValue("grund"), r.PostFormValue("abschnitt")); done != "" {
				s.decided(w, r, se, it.ID, accept, done)
				return
			}
		}
	}
	if err != nil {
		// A refused decline (a reason with confidential marks) comes
		// back on the page, the reason as typed, the refusal at it; a
		// refused acceptance (a section that is no topic of the agenda:
		// a stale or tampered form) so too — before, it ended on the
		// error page.
		id := fmt.Sprintf("grund-%d", it.ID)
		if accept {
			id = fmt.Sprintf("annehmen-%d", it.ID)
		}
		s.refuseDecision(w, r, se, id, err)
		return
	}
	it = decided
	// On a published agenda the accepted item is public at once: the
	// search and the live viewers learn of it as of any change.
	s.changed(r, se.ID)
	s.decided(w, r, se, it.ID, accept, "„"+model.InternalText(it.Title)+"“: "+it.Status.Label()+".")
}

// decided answers a registration decision done (or found done: a second
// click) with the management page and the notice done. An accepted item
// whose application does not yet suffice (a co-applicant not yet
// confirmed) gets the warning after it: said now, not first by the vote
// refused on the session day — and on every click, also the second
// (before: "bereits angenommen" alone). A warning is shown at the page's
// top, where the browser lands: with no fragment to the agenda.
func (s *Server) decided(w http.ResponseWriter, r *http.Request, se model.Session, itemID int64, accept bool, done string) {
	if accept {
		short, err := s.itemShortfall(r.Context(), itemID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if short.Reason != "" {
			// The page at its top, where the notice box stands: at
			// "#tagesordnung" the warning was off screen (700 px above).
			backWarning(w, r, fmt.Sprintf("%s/verwaltung", se.Path()), strings.TrimSuffix(done, ".")+".", acceptWarning,
				short.Reason+" "+model.NoVoteUntilApplication)
			return
		}
	}
	back(w, r, fmt.Sprintf("%s/verwaltung#tagesordnung", se.Path()), done)
}

// acceptWarning opens the warning of an acceptance whose application does
// not yet suffice (decided), a notice of kind warning.
const acceptWarning = "Achtung, der Antrag reicht noch nicht aus:"

// alreadyDecided gives the notice for a registration decision asked for
// that the item already has ("Die Anmeldung ist bereits angenommen."),
// "" when it has not: accepted (into the section asked for, if any), or
// declined with the same reason.
func alreadyDecided(it model.AgendaItem, accept bool, reason, section string) string {
	switch {
	case accept && it.Status == model.ItemAccepted:
		if section != "" && section != "0" && section != strconv.FormatInt(it.SectionID, 10) {
			return ""
		}
		return "Die Anmeldung ist bereits angenommen."
	case !accept && it.Status == model.ItemDeclined && strings.TrimSpace(reason) == it.DeclineReason:
		return "Die Anmeldung ist bereits abgelehnt."
	}
	return ""
}

// itemAction checks the secretariat's right, reads the form and finds the
// agenda item named by {id}, with its session; otherwise it has answered.
func (s *Server) itemAction(w http.ResponseWriter, r *http.Request) (model.AgendaItem, model.Session, bool) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return model.AgendaItem{}, model.Session{}, false
	}
	return s.itemFromPath(w, r)
}

// refuseOnManage answers a change of the management page that was refused:
// the page again with row (the refused row or form as typed), with the
// status 422; an error that is no refusal gets the error page.
func (s *Server) refuseOnManage(w http.ResponseWriter, r *http.Request, se model.Session, err error, row rowRefusal) {
	if !formRefusal(err) {
		s.fail(w, r, err, "")
		return
	}
	body, bodyErr := s.st.Body(r.Context(), se.BodyID)
	if bodyErr != nil {
		s.serverError(w, r, bodyErr)
		return
	}
	status := http.StatusUnprocessableEntity
	if model.ClassOf(err) == model.ErrConflict {
		// A row saved from a page older than the row: a conflict, as on
		// every other form (docs/architecture.md), not a rule.
		status = http.StatusConflict
	}
	s.renderManage(w, r, status, body, se, nil, row)
}

func (s *Server) updateItem(w http.ResponseWriter, r *http.Request) {
	it, se, ok := s.itemAction(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	it.Version = formVersion(r)
	it.Number = strings.TrimSpace(f.Get("nummer"))
	typed := rowRefusal{ItemID: it.ID, Number: f.Get("nummer"), Title: f.Get("titel"), Consent: f.Get("gruene_liste") == "1", Typed: true}
	typed.Section, _ = strconv.ParseInt(f.Get("abschnitt"), 10, 64)
	// A refused row comes back as typed beside the reason (before: an
	// error page, the row's number and title lost), the reason at its
	// field.
	refuse := func(err error) {
		typed.Reason, typed.Field = model.ReasonOf(err), model.FieldOf(err)
		s.refuseOnManage(w, r, se, err, typed)
	}
	if f.Has("titel") {
		// An emptied title is refused by the item's rules (Validate); a
		// changed title too long by the registration's rule (it was
		// stored whatever its length). A title as imported stays, also
		// one stored with soft hyphens, which the form's input no longer
		// carries (softHyphensOut): saved, it is stored without them.
		title, err := model.ConfidentialMarks(strings.TrimSpace(f.Get("titel")))
		if err == nil && title != model.WithoutSoftHyphens(it.Title) {
			err = model.CheckTitleLength(model.StripMarks(title))
		}
		if err != nil {
			refuse(err)
			return
		}
		it.Title = title
	}
	if id, err := strconv.ParseInt(f.Get("abschnitt"), 10, 64); err == nil {
		it.SectionID = id
	}
	ticked := !it.Consent && f.Get("gruene_liste") == "1"
	if ticked {
		// An item a member had taken off the Grüne Liste is treated
		// singly: the tick does not put it back for the en-bloc vote
		// (before, it did, without a word).
		if err := s.st.CheckGreenListReturn(r.Context(), it.ID); err != nil {
			refuse(err)
			return
		}
	}
	it.Consent = f.Get("gruene_liste") == "1"
	if err := s.st.UpdateItem(r.Context(), it); err != nil {
		refuse(err)
		return
	}
	s.changed(r, se.ID)
	if ticked {
		// Ticked onto the Grüne Liste without the AL-Runde's
		// recommendation for it: saved, with the warning at the page's
		// top, where the notice stands (as decided does).
		gaps, err := s.greenListGaps(r.Context(), se, []model.AgendaItem{it})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if len(gaps) > 0 {
			backWarning(w, r, fmt.Sprintf("%s/verwaltung", se.Path()), "Gespeichert.", greenListGapLead,
				fmt.Sprintf("„%s“: %s. Die Grüne Liste wird ohne Aussprache en bloc angenommen.", model.InternalText(it.Title), gaps[0].Reason))
			return
		}
	}
	back(w, r, fmt.Sprintf("%s/verwaltung#top-%d", se.Path(), it.ID), "Gespeichert.")
}

func (s *Server) moveItem(w http.ResponseWriter, r *http.Request) {
	it, se, ok := s.itemAction(w, r)
	if !ok {
		return
	}
	// "an Position …" moves the item there in one step (store.MoveItemTo);
	// the arrows ("richtung") one place.
	var err error
	if v := r.PostFormValue("position"); v != "" {
		place, convErr := strconv.Atoi(strings.TrimSpace(v))
		if convErr != nil {
			s.badRequest(w, r, "Bitte eine Position der Tagesordnung wählen.")
			return
		}
		err = s.st.MoveItemTo(r.Context(), it.ID, place, formVersion(r))
	} else {
		delta := 1
		if r.PostFormValue("richtung") == "hoch" {
			delta = -1
		}
		err = s.st.MoveItem(r.Context(), it.ID, delta, formVersion(r))
	}
	if err != nil {
		// Refused (the session was held, its minutes approved): the page
		// the move came from, with the reason — the live page at the
		// item while its minutes are kept there, else the agenda.
		if r.PostFormValue("zurueck") == "live" && !se.Status.MinutesFrozen() {
			s.refuseEntry(w, r, se, it.ID, fmt.Sprintf("top-%d", it.ID), "Der TOP ist nicht verschoben", err)
			return
		}
		s.refuseOnManage(w, r, se, err, rowRefusal{ItemID: it.ID, Number: it.Number, Title: editableMarks(it.Title), Section: it.SectionID,
			Consent: it.Consent, Reason: model.ReasonOf(err), What: "Der TOP ist nicht verschoben"})
		return
	}
	s.changed(r, se.ID)
	to := fmt.Sprintf("%s/verwaltung#top-%d", se.Path(), it.ID)
	if r.PostFormValue("zurueck") == "live" {
		to = fmt.Sprintf("%s/live", se.Path())
	}
	back(w, r, to, fmt.Sprintf("„%s“ wurde verschoben.", model.InternalText(it.Title)))
}

// errUnknownSection refuses an acceptance into a section the form does
// not offer (a value that is no section's id: a tampered or garbled
// form), at the field "abschnitt", as the store refuses a section that is
// no topic of the agenda.
var errUnknownSection = model.AtField("abschnitt", model.InputError("Der gewählte Abschnitt ist unbekannt; bitte einen Abschnitt der Liste wählen."))

// decisionWhat says what did not happen when the form id of a
// registration's decision was refused: "annehmen-<id>", "grund-<id>"
// (the decline), "aenderung-<id>" (the change asked).
func decisionWhat(id string) string {
	switch {
	case strings.HasPrefix(id, "annehmen-"):
		return "Die Anmeldung ist nicht angenommen"
	case strings.HasPrefix(id, "aenderung-"):
		return "Die Änderung ist nicht erbeten"
	}
	return "Die Anmeldung ist nicht abgelehnt"
}

// refuseDecision answers a refused decision on a registration (accept,
// decline, change asked): the Verwaltung page again with the error
// summary naming the field, the registration unchanged and what was
// typed kept; an error that is no refusal gets the error page.
func (s *Server) refuseDecision(w http.ResponseWriter, r *http.Request, se model.Session, id string, err error) {
	form, status, ok := refusedFormOf(r, id, decisionWhat(id), err)
	if !ok {
		s.fail(w, r, err, "")
		return
	}
	council, err := s.st.Body(r.Context(), se.BodyID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if se, err = s.st.Session(r.Context(), se.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	var with manageData
	switch {
	case strings.HasPrefix(id, "annehmen-"):
		with.Accept = form
	case strings.HasPrefix(id, "aenderung-"):
		with.Change = form
	default:
		with.Decline = form
	}
	s.renderManageWith(w, r, status, council, se, with)
}

// requestChange asks the member office to change its registration
// ("Änderung erbitten", store.RequestRegistrationChange), with the
// reason the form's field "aenderung" gives: the registration waits for
// the office, which is notified as of a decline.
func (s *Server) requestChange(w http.ResponseWriter, r *http.Request, it model.AgendaItem, se model.Session) {
	reason := strings.TrimSpace(r.PostFormValue("aenderung"))
	done := "„" + model.InternalText(it.Title) + "“: " + model.ChangeRequestedLabel + "; die Anmeldung wartet auf das Mitglied."
	// Sent twice (or from a page drawn before): the same request stands.
	if it.ChangeRequested() && reason == it.ChangeRequest {
		back(w, r, fmt.Sprintf("%s/verwaltung#anmeldung-%d", se.Path(), it.ID), "Die Änderung ist bereits erbeten.")
		return
	}
	if _, err := s.st.RequestRegistrationChange(r.Context(), it.ID, formVersion(r), reason); err != nil {
		s.refuseDecision(w, r, se, fmt.Sprintf("aenderung-%d", it.ID), err)
		return
	}
	back(w, r, fmt.Sprintf("%s/verwaltung#anmeldung-%d", se.Path(), it.ID), done)
}

// AcceptSummary gives the box "anmeldungen-fehler" for a refused
// acceptance of a registration: the reason linked to the section's
// choice of its form (or to the form, where it offers none).
func (d manageData) AcceptSummary() errorSummary {
	// The choice shows the registration's section, not the unknown one
	// sent: the box does not say the form shows the input.
	s := d.decisionSummary(d.Accept, func(id int64) (string, string) {
		form := fmt.Sprintf("annehmen-%d", id)
		if len(d.Topics) == 0 {
			return form, form
		}
		return form, fmt.Sprintf("an-abschnitt-%d", id)
	}, "abschnitt")
	s.Typed = false
	return s
}

// ChangeSummary gives the box "anmeldungen-fehler" for a refused request
// of a change: the reason linked to its field.
func (d manageData) ChangeSummary() errorSummary {
	return d.decisionSummary(d.Change, func(id int64) (string, string) {
		return fmt.Sprintf("aendern-%d", id), fmt.Sprintf("aenderung-%d", id)
	}, "aenderung")
}

// decisionSummary gives the box of the refused form f of a registration's
// decision: linked to its field (ids gives the form's and the field's
// element ids of registration id) while the registration's form stands
// on the page, as text else.
func (d manageData) decisionSummary(f refusedForm, ids func(int64) (string, string), field string) errorSummary {
	const box = "anmeldungen-fehler"
	for _, it := range d.Registrations {
		if strings.HasSuffix(f.ID, fmt.Sprintf("-%d", it.ID)) {
			form, el := ids(it.ID)
			// The form stands while its answer may be given (manage.html).
			if (field == "abschnitt" && d.Session.AgendaOpen()) || (field == "aenderung" && d.Session.RegistrationOpen()) {
				return newErrorSummary(box, f.What, f.Problems, field, el).Within(form)
			}
		}
	}
	return unlinkedSummary(box, f.What, f.Problems)
}
