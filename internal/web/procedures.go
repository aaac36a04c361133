package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// Written procedures (Umlaufverfahren): the secretariat starts one on a
// proposal with a deadline, the members vote online until then, the closing
// loop (package notify) decides at the deadline.

type procedureRow struct {
	Procedure model.WrittenProcedure
	Decision  model.Decision
	Body      model.Body // the body that decides (IT-PLR, AL-Runde)
	Due       bool       // the deadline has come; the count is still to be made
	// Voter: the reader is the office of a member that votes in it;
	// Own is its vote ("": none yet). The list says where the office's
	// vote is missing, as "Mein Bereich" does (before, only there).
	Voter bool
	Own   model.VoteChoice
}

func (s *Server) procedureList(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	ctx := r.Context()
	ps, err := s.st.Procedures(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	bodies, _, err := s.bodiesByID(ctx, "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var rows []procedureRow
	votings := map[int64]model.Voting{}
	for _, p := range ps {
		d, err := s.st.Decision(ctx, p.DecisionID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		row := procedureRow{Procedure: p, Decision: d, Body: bodies[d.BodyID], Due: p.Due(s.clock())}
		if row.Voter, err = s.votesIn(ctx, u, row.Body, votings); err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, v := range p.Votes {
			if row.Voter && v.Member == u.MemberAbbrev {
				row.Own = v.Choice
			}
		}
		rows = append(rows, row)
	}
	s.render(w, r, http.StatusOK, "procedures.html", view{Title: "Umlaufverfahren", Active: "umlauf", Data: rows})
}

// votesIn reports whether u is the office of a member that votes in
// written procedures of body (the ballot of procedurePage); votings keeps
// each body's voters, by body id, for the next row.
func (s *Server) votesIn(ctx context.Context, u *model.User, body model.Body, votings map[int64]model.Voting) (bool, error) {
	if u.Role != model.RoleMember || !auth.Can(u, auth.Vote, u.MemberAbbrev) {
		return false, nil
	}
	voting, ok := votings[body.ID]
	if !ok {
		var err error
		if voting, err = s.votingIn(ctx, body, true); err != nil {
			return false, err
		}
		votings[body.ID] = voting
	}
	return voting.Votes(u.MemberAbbrev), nil
}

type newProcedureData struct {
	Rules model.DecisionRules // the body's rules, stated beside the kinds
	Form  map[string]string
	// Problems are the reasons the form was refused, each at its field.
	Problems problems
	// DraftMinutes are the sessions whose draft minutes a procedure can
	// approve, each with the stamp the form carries.
	DraftMinutes []draftToSend
	// Corrections are the proposed corrections of the council's approved
	// minutes a procedure can approve instead, each with the stamp of the
	// minutes it corrects (correctionToSend).
	Corrections []correctionToSend
	// NotOffered says why the correction the form was opened for
	// ("?berichtigung=", "im Umlaufverfahren genehmigen" on the Verwaltung
	// page or Mein Bereich) is not among Corrections: a procedure runs on
	// it, or on another correction of its minutes, or it is approved
	// meanwhile. Before, the form opened without it and said nothing.
	NotOffered    notOffered
	SharesWarning string
	// Reach: which voting members "Umlaufverfahren gestartet" reaches
	// (store.Reach), so that the secretariat knows whom to phone.
	Reach model.Reach
}

// draftToSend is draft minutes the start form offers to approve in
// written procedure, with the stamp of the minutes as the form was drawn
// (store.MinutesStamp): the form carries it (field "stand", StampField),
// and the procedure sends the minutes only if they are still in that
// state when it starts.
type draftToSend struct {
	model.Session
	Stamp store.MinutesStamp
}

// StampField gives the value of the form's field "stand" for the draft:
// the session's number and the stamp, "47:…" (shownStamp reads it).
func (d draftToSend) StampField() string {
	return fmt.Sprintf("%d:%s", d.Number, d.Stamp)
}

// correctionToSend is a proposed correction of approved minutes the start
// form offers to approve in written procedure, as draftToSend offers draft
// minutes: the form carries the stamp of the corrected minutes (field
// "stand", keyed by their number), and the procedure sends the minutes as
// corrected only if they are still in that state when it starts
// (store.StartCorrectionProcedure).
type correctionToSend struct {
	model.MinutesCorrection
	Corrected model.Session // the session whose minutes it corrects
	Stamp     store.MinutesStamp
}

// StampField gives the value of the form's field "stand" for the
// corrected minutes: "47:…" (shownStamp reads it).
func (c correctionToSend) StampField() string {
	return fmt.Sprintf("%d:%s", c.Corrected.Number, c.Stamp)
}

// notOffered is why a correction asked for is not offered by the start
// form (newProcedureData.NotOffered): Text, and the written procedure
// that holds it, if one does (ID 0: none).
type notOffered struct {
	Text      string
	Procedure model.CorrectionProcedureRef
}

// notOfferedCorrection says why the correction with the id (as the query
// gave it), which the start form does not offer, cannot be chosen.
func (s *Server) notOfferedCorrection(ctx context.Context, id string) (notOffered, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return notOffered{Text: "Die gewählte Berichtigung gibt es nicht; bitte wählen Sie sie unten aus."}, nil
	}
	c, err := s.st.MinutesCorrection(ctx, n)
	if errors.Is(err, store.ErrNotFound) {
		return notOffered{Text: "Die gewählte Berichtigung gibt es nicht; bitte wählen Sie sie unten aus."}, nil
	} else if err != nil {
		return notOffered{}, err
	}
	se, err := s.st.Session(ctx, c.SessionID)
	if err != nil {
		return notOffered{}, err
	}
	switch {
	case c.Status == model.CorrectionApproved:
		return notOffered{Text: fmt.Sprintf("Die Berichtigung des Protokolls der %d. Sitzung (%s) ist bereits %s.", se.Number, c.RowKindLabel(), c.Stage())}, nil
	case c.Running():
		return notOffered{Text: fmt.Sprintf("Die Berichtigung des Protokolls der %d. Sitzung (%s) wird bereits im Umlaufverfahren genehmigt:", se.Number, c.RowKindLabel()), Procedure: c.Procedure}, nil
	}
	if p, open, err := s.st.OpenCorrectionProcedure(ctx, se.ID); err != nil {
		return notOffered{}, err
	} else if open {
		return notOffered{Text: fmt.Sprintf("Eine andere Berichtigung des Protokolls der %d. Sitzung wird im Umlaufverfahren genehmigt; bis es endet, wird das Protokoll nicht weiter berichtigt, auch nicht durch diese Berichtigung (%s):", se.Number, c.RowKindLabel()),
			Procedure: model.CorrectionProcedureRef{ID: p.ID, Title: p.Title, Deadline: p.Deadline, Open: true}}, nil
	}
	return notOffered{Text: fmt.Sprintf("Die Berichtigung des Protokolls der %d. Sitzung (%s) genehmigt nicht der IT-Planungsrat im Umlaufverfahren, sondern das Gremium dieser Sitzung.", se.Number, c.RowKindLabel())}, nil
}

// correctionProposal fills the empty title and points of the start form
// for the procedure approving correction c of the minutes of session
// number: the proposal a session would decide.
func correctionProposal(f map[string]string, c model.MinutesCorrection, number int) {
	if strings.TrimSpace(f["titel"]) == "" {
		f["titel"] = fmt.Sprintf("Genehmigung einer Berichtigung des Protokolls der %d. Sitzung", number)
	}
	if strings.TrimSpace(f["punkte"]) == "" {
		f["punkte"] = fmt.Sprintf("Der IT-Planungsrat genehmigt die Berichtigung des Protokolls seiner %d. Sitzung (%s): %s",
			number, c.RowKindLabel(), model.PublicText(c.Reason))
	}
}

// newProcedureData gives the form's data: the rules, the draft minutes
// with their stamps and the warning about the Königsteiner Schlüssel.
func (s *Server) newProcedureForm(r *http.Request, council model.Body, f map[string]string, refused problems) (newProcedureData, error) {
	d := newProcedureData{Rules: council.Rules, Form: f, Problems: refused}
	drafts, err := s.st.SessionsWithStatus(r.Context(), council.ID, model.StatusMinutesDraft)
	if err != nil {
		return d, err
	}
	for _, se := range drafts {
		m := draftToSend{Session: se}
		if m.Stamp, err = s.st.MinutesStamp(r.Context(), se.ID); err != nil {
			return d, err
		}
		d.DraftMinutes = append(d.DraftMinutes, m)
	}
	// The stamps before the list, as correctionsToApprove reads them: a
	// correction proposed in between is in the stamp.
	list, _, stamps, err := s.correctionsToApprove(r.Context(), council.ID)
	if err != nil {
		return d, err
	}
	sessions := map[int64]model.Session{}
	for _, c := range list {
		se, ok := sessions[c.SessionID]
		if !ok {
			if se, err = s.st.Session(r.Context(), c.SessionID); err != nil {
				return d, err
			}
			// Minutes with a correction in a procedure are corrected
			// no further until it ends (the store refuses).
			if _, open, err := s.st.OpenCorrectionProcedure(r.Context(), se.ID); err != nil {
				return d, err
			} else if open {
				se.ID = 0
			}
			sessions[c.SessionID] = se
		}
		if se.ID != 0 {
			d.Corrections = append(d.Corrections, correctionToSend{MinutesCorrection: c, Corrected: se, Stamp: stamps[c.SessionID]})
		}
	}
	if d.SharesWarning, err = s.sharesWarning(r.Context()); err != nil {
		return d, err
	}
	d.Reach, err = s.procedureReach(r, council)
	return d, err
}

// procedureReach gives which of the body's voting members the notice
// "Umlaufverfahren gestartet" reaches (store.Reach: the accounts'
// subscriptions, saved or the defaults, with an address).
func (s *Server) procedureReach(r *http.Request, body model.Body) (model.Reach, error) {
	voting, err := s.votingIn(r.Context(), body, true)
	if err != nil {
		return model.Reach{}, err
	}
	return s.st.Reach(r.Context(), model.EventProcedureStarted, voting.Voters)
}

func (s *Server) newProcedurePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return
	}
	council, err := s.councilBody(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	deadline := s.clock().Add(7 * 24 * time.Hour)
	f := map[string]string{"frist_datum": model.BerlinDate(deadline).String(), "frist_zeit": "12:00"}
	d, err := s.newProcedureForm(r, council, f, nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Opened for a correction ("im Umlaufverfahren genehmigen" on Mein
	// Bereich): the correction chosen, its proposal filled in.
	if id := r.URL.Query().Get("berichtigung"); id != "" {
		for _, c := range d.Corrections {
			if fmt.Sprint(c.ID) == id {
				f["berichtigung"] = id
				correctionProposal(f, c.MinutesCorrection, c.Corrected.Number)
			}
		}
		if f["berichtigung"] == "" {
			// Not offered (the link's page was drawn before a procedure
			// started, or the correction was approved since): why.
			if d.NotOffered, err = s.notOfferedCorrection(r.Context(), id); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
	}
	s.render(w, r, http.StatusOK, "procedure_new.html", view{Title: "Umlaufverfahren einleiten", Active: "umlauf", Data: d})
}

func (s *Server) startProcedure(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ManageSessions, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	f := map[string]string{}
	// "formular": the form's one-time key, kept when the form is refused.
	for _, k := range []string{"titel", "punkte", "antrag", "frist_datum", "frist_zeit", "art", "alle", "protokoll", "berichtigung", "formular"} {
		f[k] = r.PostFormValue(k)
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	refuse := func(status int, refused problems) {
		d, err := s.newProcedureForm(r, council, f, refused)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.render(w, r, status, "procedure_new.html", view{Title: "Umlaufverfahren einleiten", Active: "umlauf", Data: d})
	}
	// A procedure may approve draft minutes (Bestätigung des Protokolls im
	// Umlaufverfahren): the text sent to the members becomes the approved
	// version. It sends the state the form showed: the form's stamp of
	// those minutes ("stand", draftToSend) goes to the store, which
	// refuses the start inside its transaction if they changed since.
	// Before, the stamp was read when the button was pressed, and a row
	// changed after the form was shown was sent for approval unseen.
	var ps store.ProcedureStart
	var minutesOf model.Session // the session whose minutes are sent
	// Every reason at once, each at its field; the store checks again
	// when it writes.
	var refused problems
	if n, err := strconv.Atoi(f["protokoll"]); err == nil && n > 0 {
		if minutesOf, err = s.st.SessionByNumber(ctx, council.ID, n); err != nil {
			s.fail(w, r, err, fmt.Sprintf("Die %d. Sitzung ist nicht erfasst.", n))
			return
		}
		ps.ApprovesSession = n
		// A form from before the stamp was carried, one drawn while these
		// minutes were no draft, or one garbled: nothing says what it
		// showed.
		if ps.MinutesStamp, err = shownStamp(r.PostForm, n, "das Umlaufverfahren ist nicht eingeleitet", "leiten Sie das Verfahren erneut ein"); err != nil {
			refused.add(model.AtField("protokoll", err))
		}
		if strings.TrimSpace(f["titel"]) == "" {
			f["titel"] = fmt.Sprintf("Bestätigung des Protokolls der %d. Sitzung", n)
		}
		if strings.TrimSpace(f["punkte"]) == "" {
			f["punkte"] = fmt.Sprintf("Der IT-Planungsrat bestätigt das Protokoll seiner %d. Sitzung.", n)
		}
	}
	// Or it approves a correction of approved minutes, as a session
	// would (store.StartCorrectionProcedure): the minutes as corrected
	// are sent, in the state the form showed ("stand").
	var correction model.MinutesCorrection
	if f["berichtigung"] != "" {
		id, _ := strconv.ParseInt(f["berichtigung"], 10, 64)
		if correction, err = s.st.MinutesCorrection(ctx, id); err != nil {
			s.fail(w, r, err, "Diese Berichtigung gibt es nicht.")
			return
		}
		corrected, err := s.st.Session(ctx, correction.SessionID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		switch {
		case ps.ApprovesSession != 0:
			refused.add(model.AtField("berichtigung", model.InputError("Ein Umlaufverfahren bestätigt entweder ein Protokoll oder eine Berichtigung; bitte wählen Sie eines.")))
		case corrected.BodyID != council.ID:
			refused.add(model.AtField("berichtigung", model.RuleError("Die Berichtigung des Protokolls der %d. Sitzung genehmigt das Gremium dieser Sitzung.", corrected.Number)))
		default:
			if ps.MinutesStamp, err = shownStamp(r.PostForm, corrected.Number, "das Umlaufverfahren ist nicht eingeleitet", "leiten Sie das Verfahren erneut ein"); err != nil {
				refused.add(model.AtField("berichtigung", err))
			}
			correctionProposal(f, correction, corrected.Number)
		}
	}
	title, err := model.ConfidentialMarks(f["titel"])
	if err != nil {
		refused.add(model.AtField("titel", err))
	} else if title == "" {
		refused.add(model.AtField("titel", model.InputError("Bitte einen Titel angeben.")))
	}
	points, err := formLines(f["punkte"])
	if err != nil {
		refused.add(model.AtField("punkte", err))
	} else if len(points) == 0 {
		refused.add(model.AtField("punkte", model.InputError("Bitte die Beschlusspunkte angeben, einen je Zeile.")))
	}
	// German time, whatever the server's zone (model.Berlin).
	deadline, bad := deadlineOfForm(f["frist_datum"], f["frist_zeit"], s.clock())
	refused = append(refused, bad...)
	applicants := s.memberList(ctx, f["antrag"])
	if err := s.checkApplication(ctx, applicants); err != nil {
		if model.ClassOf(err) == model.ErrInternal {
			s.serverError(w, r, err)
			return
		}
		refused.add(model.AtField("antrag", err))
	}
	kind, kindErr := decisionKindOfForm(f["art"])
	if kindErr != nil {
		refused.add(model.AtField("art", kindErr))
	}
	d := model.Decision{BodyID: council.ID, Kind: kind, Status: model.DecisionDraft, Scope: model.ScopeAll, Title: title,
		Points: model.NumberedPoints(points), Applicants: applicants, AllMustConsent: f["alle"] == "1"}
	// The proposal's own rules (model.Decision.Validate: "Zustimmung
	// aller" only for a Beschluss, the text's length) beside the fields'
	// reasons, not only once those are mended: before, an Empfehlung
	// ticked "Zustimmung aller" with a deadline gone by heard of the
	// deadline first and of the tick only on the next submit. The store
	// checks them again when it writes (StartProcedure). Without a known
	// kind the rules cannot be told.
	if kindErr == nil {
		refused.addUnrefused(d.Validate())
	}
	if len(refused) > 0 {
		status := http.StatusUnprocessableEntity
		if refused.Conflict() {
			status = http.StatusConflict // the form's stamp, as a stale form
		}
		refuse(status, refused.inOrder("art", "alle", "protokoll", "berichtigung", "titel", "punkte", "antrag", "frist_datum", "frist_zeit"))
		return
	}
	if ps.ApprovesSession != 0 {
		// The text rendered now; the store compares the stamp shown
		// with the minutes inside its transaction, so that a change
		// after the form was shown (or during the rendering) sends
		// nothing.
		if ps.MinutesText, err = s.internalText(r, minutesOf.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		if beforeApprovalWrite != nil {
			beforeApprovalWrite()
		}
	}
	if correction.ID != 0 {
		// The minutes as corrected, rendered now; the store compares
		// the stamp shown inside its transaction.
		if ps.MinutesText, err = s.correctedText(r, correction); err != nil {
			s.serverError(w, r, err)
			return
		}
		if beforeApprovalWrite != nil {
			beforeApprovalWrite()
		}
	}
	ps.Decision, ps.Deadline = d, deadline
	// Sent again (the back button, a double click), the form starts no
	// second procedure on the same proposal: it leads to the first.
	var again bool
	var id int64
	if correction.ID != 0 {
		id, err = s.st.StartCorrectionProcedure(ctx, correction.ID, ps, sentOnce(r, u, &again))
	} else {
		id, err = s.st.StartProcedure(ctx, ps, sentOnce(r, u, &again))
	}
	if err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		refuse(status, reasons)
		return
	}
	if again {
		back(w, r, fmt.Sprintf("/umlaufverfahren/%d", id), sentAgain("das Umlaufverfahren ist eingeleitet, hier steht es."))
		return
	}
	done := "Das Umlaufverfahren ist eingeleitet; die Mitglieder können bis zur Frist abstimmen."
	if reach, err := s.procedureReach(r, council); err == nil {
		done += " " + sentence(reach.Phrase())
	}
	back(w, r, fmt.Sprintf("/umlaufverfahren/%d", id), done)
}

type procedureData struct {
	Procedure model.WrittenProcedure
	Decision  model.Decision
	Body      model.Body // the body that decides (IT-PLR, AL-Runde)
	Voters    []model.Member
	// Votes are the choices the viewer may see
	// (model.WrittenProcedure.VotesSeenBy); a member whose choice is
	// hidden is only in Voted.
	Votes map[string]model.VoteChoice
	// Voted are the members that voted; ChoicesHidden: the viewer sees
	// of the others only that.
	Voted         []string
	ChoicesHidden bool
	MyMember      string
	MyMemberName  string // the member's name, as the page says it
	MyMemberFor   string // the name after "für": "den Bund", "Hessen" (model.Member.Accusative)
	MyVote        model.VoteChoice
	CanVote       bool
	// NoVote says why the user follows the procedure without a ballot
	// (model.Voting.NoBallotReason, as on the live vote's page and in the
	// refusals of the form and the JSON API): an advisory member, a
	// spokesperson, a member office whose member the body's rules do not
	// let vote; "" for a voting member's office and the secretariat.
	NoVote    string
	Tally     model.Tally // the count so far, for the secretariat (Interim)
	ShowTally bool
	Rule      model.Rule // the rule of the decision's kind
	// CanEnd: the secretariat may end it now, as every member has voted
	// and the deadline has not come; Due: the deadline has come and the
	// count is still to be made (model.WrittenProcedure.Due).
	CanEnd, Due   bool
	SharesWarning string
	// Reach: which voting members "Umlaufverfahren gestartet" reaches,
	// for the secretariat while the procedure is open (ShowReach).
	Reach     model.Reach
	ShowReach bool
	// Refused is a vote the procedure did not take: the choice as it was
	// given and why (the form shows it again).
	Refused ballotRefusal
	// EndRefused is why the secretariat's early end was not made (a page
	// drawn before a vote was withdrawn, a double click), shown on the
	// page instead of an error page.
	EndRefused string
	// MinutesSession is the session whose minutes the procedure approves
	// (Procedure.ApprovesSession); MinutesVersion the number of their
	// approved version that is the text sent (0 while none is).
	MinutesSession model.Session
	MinutesVersion int
	// Correction is the correction of approved minutes the procedure
	// approves (store.StartCorrectionProcedure), with the session it
	// corrects and what the close did with it; zero for any other.
	Correction          model.MinutesCorrection
	CorrectedSession    model.Session
	CorrectionProcedure store.CorrectionProcedure
}

// CorrectionApproved reports whether the procedure approved its
// correction.
func (d procedureData) CorrectionApproved() bool {
	return d.CorrectionProcedure.Outcome == store.CorrectionProcedureApproved
}

// interimCount is how the procedure's page says the count so far
// (procedureData.Interim): the outcome as the minutes phrase it, then why
// under the rule as a sentence of its own.
type interimCount struct {
	Phrase, Reason string
}

// Interim words the count so far as the live session's notice words a
// count (the phrase, then the rule's reason as a sentence; votes.go):
// "abgelehnt bei Gegenstimmen von BW, BY, HE, NI und NW" and "Die
// zustimmenden Länder haben nur 33,6 % der Finanzierungsanteile (nötig:
// mindestens zwei Drittel) (Königsteiner Schlüssel 2016)." Before, the
// page read "Zwischenstand nach der Regel: abgelehnt: die zustimmenden
// Länder … (Königsteiner Schlüssel 2016) (bei Gegenstimmen von … (Umlaufverfahren))":
// two colons, brackets in brackets, and "Umlaufverfahren" on the
// procedure's own page. A rejection's reason drops its leading
// "abgelehnt", which the phrase says.
func (d procedureData) Interim() interimCount {
	r := d.Tally.Result()
	r.Note = "" // the page is the procedure's own
	reason := d.Tally.Reason
	if !d.Tally.Adopted {
		reason = strings.TrimPrefix(reason, "abgelehnt: ")
	}
	return interimCount{Phrase: r.Phrase(), Reason: sentence(reason)}
}

// ballotRefusal is a member's own vote that was refused, shown again with
// the choice as given and the reason.
type ballotRefusal struct {
	Choice model.VoteChoice
	Reason string
	// Field is the form field the reason is about ("stimme": no choice
	// made), "" for a reason about the vote as a whole.
	Field string
}

// Checked gives the choice the ballot shows checked: the refused one, else
// the vote so far.
func (b ballotRefusal) Checked(sofar model.VoteChoice) model.VoteChoice {
	if b.Reason != "" {
		return b.Choice
	}
	return sofar
}

func (s *Server) procedurePage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	s.renderProcedure(w, r, u, id, http.StatusOK, ballotRefusal{}, "")
}

// renderProcedure shows a written procedure's page; refused is the user's
// vote that was not taken, endRefused why an early end was not made.
func (s *Server) renderProcedure(w http.ResponseWriter, r *http.Request, u *model.User, id int64, status int, refused ballotRefusal, endRefused string) {
	ctx := r.Context()
	p, err := s.st.Procedure(ctx, id)
	if err != nil {
		s.fail(w, r, err, "Dieses Umlaufverfahren gibt es nicht.")
		return
	}
	d, err := s.st.Decision(ctx, p.DecisionID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	body, err := s.bodyOf(ctx, d.BodyID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	voting, err := s.votingIn(ctx, body, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	voters := voting.Voters
	data := procedureData{Procedure: p, Decision: d, Body: body, Voters: voters, Votes: map[string]model.VoteChoice{}, Rule: body.Rules.For(d.Kind), Refused: refused, EndRefused: endRefused,
		Due: p.Due(s.clock())}
	for _, v := range p.VotesSeenBy(auth.Can(u, auth.ManageSessions, ""), model.MemberOffice(u)) {
		data.Voted = append(data.Voted, v.Member)
		if v.Choice == "" {
			data.ChoicesHidden = true
			continue
		}
		data.Votes[v.Member] = v.Choice
	}
	if p.ApprovesSession != 0 {
		if data.MinutesSession, err = s.st.SessionByNumber(ctx, d.BodyID, p.ApprovesSession); err != nil {
			s.serverError(w, r, err)
			return
		}
		versions, err := s.st.MinutesVersions(ctx, data.MinutesSession.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, v := range versions {
			if v.Text == p.MinutesText && data.MinutesVersion == 0 {
				data.MinutesVersion = v.Version
			}
		}
	}
	if cp, ok, err := s.st.ProcedureOfCorrection(ctx, p.ID); err != nil {
		s.serverError(w, r, err)
		return
	} else if ok {
		data.CorrectionProcedure = cp
		if data.Correction, err = s.st.MinutesCorrection(ctx, cp.CorrectionID); err != nil {
			s.serverError(w, r, err)
			return
		}
		if data.CorrectedSession, err = s.st.Session(ctx, data.Correction.SessionID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	members, err := s.memberMap(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// An internal reader without a ballot reads why
	// (model.Voting.NoBallotReason, as on the live vote's page and in the
	// refusals of the form and the JSON API); the secretariat, which runs
	// the procedure, expects none.
	if u.Role != model.RoleSecretariat {
		data.NoVote = voting.NoBallotReason(u, members[u.MemberAbbrev])
	}
	if u.Role == model.RoleMember {
		data.MyMember, data.MyVote = u.MemberAbbrev, data.Votes[u.MemberAbbrev]
		data.MyMemberName = cmp.Or(members[u.MemberAbbrev].Name, u.MemberAbbrev)
		data.MyMemberFor = cmp.Or(members[u.MemberAbbrev].Accusative(), u.MemberAbbrev)
		data.CanVote = data.NoVote == "" && auth.Can(u, auth.Vote, u.MemberAbbrev) && p.Status == model.ProcedureOpen && !p.Due(s.clock())
	}
	if auth.Can(u, auth.ManageSessions, "") && p.Status == model.ProcedureOpen {
		b := model.Ballot{Kind: d.Kind, Rule: data.Rule, AllMustConsent: d.AllMustConsent, Voters: voters, Written: true,
			Votes: model.ProcedureVotes(voters, p.Votes)}
		if b.Rule.NeedsShares() {
			b.Shares, b.SharesYear, _ = s.st.SharesFor(ctx, model.BerlinDate(p.Deadline).Year)
		}
		if t, err := model.Count(b); err == nil {
			data.Tally, data.ShowTally = t, true
		}
		data.CanEnd = p.CanEndEarly(voters, s.clock()) == nil
		if data.Reach, err = s.st.Reach(ctx, model.EventProcedureStarted, voters); err != nil {
			s.serverError(w, r, err)
			return
		}
		data.ShowReach = true
	}
	if data.Rule.NeedsShares() {
		if data.SharesWarning, err = s.sharesWarningFor(ctx, u); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "procedure.html", view{Title: "Umlaufverfahren (" + body.Abbrev + "): " + d.Title, Active: "umlauf", Data: data})
}

// castVote records the vote of the user's member in a written procedure.
func (s *Server) castVote(w http.ResponseWriter, r *http.Request) {
	u := s.user(r)
	if u == nil || !s.parseForm(w, r) {
		s.require(w, r, auth.Vote, "")
		return
	}
	// Refused before the lookup when the account votes in no procedure,
	// the same for every id (refuseNonVoter).
	if s.refuseNonVoter(w, r, u, true) {
		return
	}
	ctx := r.Context()
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	p, err := s.st.Procedure(ctx, id)
	if err != nil {
		s.fail(w, r, err, "Dieses Umlaufverfahren gibt es nicht.")
		return
	}
	d, err := s.st.Decision(ctx, p.DecisionID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	voting, err := s.votingOf(ctx, d.BodyID, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Refused with the reason the page shows (castOwnVote).
	if !s.mayVote(w, r, u, voting) {
		return
	}
	choice := model.VoteChoice(r.PostFormValue("stimme"))
	// The ballot names the vote it showed ("gesehen"): a colleague's vote
	// cast since is not replaced unseen (as in session, castOwnVote). A
	// post without it is refused while the ballot stands; otherwise the
	// store gives its reason (closed, deadline passed).
	seen, shown := ballotSeen(r)
	if !shown {
		if p.Status == model.ProcedureOpen && !p.Due(s.clock()) && choice.CastError() == nil {
			members, err := s.memberMap(ctx)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			s.renderProcedure(w, r, u, id, http.StatusUnprocessableEntity, ballotRefusal{Choice: choice,
				Reason: unseenBallot(cmp.Or(members[u.MemberAbbrev].Accusative(), u.MemberAbbrev))}, "")
			return
		}
		for _, v := range p.Votes {
			if v.Member == u.MemberAbbrev {
				seen = v.Choice
			}
		}
	}
	if err := s.st.CastVoteOver(ctx, id, u.MemberAbbrev, choice, seen); err != nil {
		if !formRefusal(err) {
			s.fail(w, r, err, "")
			return
		}
		// The procedure's page again, with the choice and the reason
		// (before: an error page).
		s.renderProcedure(w, r, u, id, http.StatusUnprocessableEntity, ballotRefusal{Choice: choice, Reason: model.ReasonOf(err), Field: model.FieldOf(err)}, "")
		return
	}
	back(w, r, fmt.Sprintf("/umlaufverfahren/%d", id), "Ihre Stimme ist gespeichert. Sie können sie bis zur Frist ändern.")
}

// endProcedureEarly closes a written procedure before its deadline, which
// the secretariat may do only when every voting member has voted.
func (s *Server) endProcedureEarly(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ManageSessions, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	p, err := s.st.EndProcedureEarly(r.Context(), id)
	if err != nil {
		// Refused (model.WrittenProcedure.CanEndEarly: not all have
		// voted, already ended): the procedure's page again with the
		// reason, as a refused vote is (before: a bare error page).
		if status, reasons, ok := refusalProblems(err); ok {
			s.renderProcedure(w, r, u, id, status, ballotRefusal{}, reasons.Summary())
			return
		}
		s.fail(w, r, err, "Dieses Umlaufverfahren gibt es nicht.")
		return
	}
	// As a close at the deadline (gremium serve's closing loop): the
	// decision, adopted or not, is indexed as the public may see it.
	if err := search.IndexDecision(r.Context(), s.st, p.DecisionID); err != nil {
		s.log.Error("search index", "decision", p.DecisionID, "err", err)
	}
	s.wakeOutbox() // its result goes to the subscribers
	// The result names the decision by its kind: an Empfehlung is no
	// Beschluss.
	d, err := s.st.Decision(r.Context(), p.DecisionID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	back(w, r, fmt.Sprintf("/umlaufverfahren/%d", id), fmt.Sprintf("Das Umlaufverfahren ist vorzeitig beendet. %s Ergebnis: %s.", d.Outcome(), p.Result))
}

// procedureMinutes gives the text of the minutes a written procedure
// approves as it was sent to the members (the internal text export): what
// they vote on, and what becomes the approved version — for a procedure
// approving a correction, the minutes as corrected.
func (s *Server) procedureMinutes(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	p, err := s.st.Procedure(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Dieses Umlaufverfahren gibt es nicht.")
		return
	}
	if p.MinutesText == "" {
		s.notFound(w, r, "Dieses Umlaufverfahren bestätigt kein Protokoll und keine Berichtigung.")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, p.MinutesText)
}
