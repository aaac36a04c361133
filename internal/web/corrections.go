package web

// Approved minutes: the read-only page instead of the live editor, and
// structured corrections (Berichtigungen) — pick the row, edit its text,
// give the reason — proposed and approved like the minutes, shown with
// their diff and history.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

type frozenMinutesData struct {
	Session     model.Session
	Doc         minutes.Document
	Members     map[string]model.Member
	Corrections []model.MinutesCorrection
	// Pending maps "ON-12" to true for rows with a proposed correction.
	Pending map[string]bool
}

// rowKey names a row for a correction ("ON-12"), or "" for rows that are
// corrected elsewhere (decisions on their page).
func rowKey(row minutes.Row) string {
	switch row.Kind {
	case minutes.RowDiscussion:
		return fmt.Sprintf("ON-%d", row.ID)
	case minutes.RowNote:
		return fmt.Sprintf("PN-%d", row.ID)
	case minutes.RowText:
		return fmt.Sprintf("text-%d", row.ID)
	}
	return ""
}

// renderFrozenMinutes is the live page of a session whose minutes are
// approved: read-only, with a banner, and a "Berichtigen" link per row.
func (s *Server) renderFrozenMinutes(w http.ResponseWriter, r *http.Request, se model.Session, doc minutes.Document) {
	ctx := r.Context()
	d := frozenMinutesData{Session: se, Doc: doc, Pending: map[string]bool{}}
	var err error
	if d.Members, err = s.memberMap(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Corrections, err = s.st.MinutesCorrections(ctx, se.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, c := range d.Corrections {
		if c.Status == model.CorrectionProposed {
			d.Pending[fmt.Sprintf("%s-%d", c.RowKind, c.RowID)] = true
		}
	}
	s.render(w, r, http.StatusOK, "minutes_frozen.html", view{Title: "Genehmigtes Protokoll – " + se.Title(), Active: "sitzungen", Data: d})
}

type correctionFormData struct {
	Session model.Session
	Item    minutes.Item
	Row     minutes.Row
	Kind    string
	Text    string // the row's text for editing ([[…]] marks)
	Reason  string
	// Problems are the reasons the correction was refused, at their
	// fields (text, grund).
	Problems problems
}

// correctionRow finds the row named by art and zeile in the internal
// minutes of the session.
func correctionRow(doc minutes.Document, kind string, id int64) (minutes.Item, minutes.Row, bool) {
	for _, it := range doc.Items() {
		for _, row := range it.Rows {
			if row.ID == id && row.Kind != minutes.RowDecision && correctionKind(row.Kind) == kind {
				return it, row, true
			}
		}
	}
	return minutes.Item{}, minutes.Row{}, false
}

// rowText gives a row's text for editing: the points of a contribution
// one per line, with confidential marks as [[…]].
func rowText(row minutes.Row) string {
	if row.Kind == minutes.RowDiscussion {
		return editableMarks(strings.Join(row.Points, "\n"))
	}
	return editableMarks(row.Text)
}

func (s *Server) correctionPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	kind := r.URL.Query().Get("art")
	id, _ := strconv.ParseInt(r.URL.Query().Get("zeile"), 10, 64)
	// The page corrects one row of approved minutes, chosen at the row
	// ("Berichtigen" in the approved minutes, at the session's live
	// address). Opened otherwise — without a row, with one the minutes
	// do not have, on minutes not approved — it leads there with what to
	// do (the row not there: renderCorrectionForm); before, each ended
	// on an error page with no way on.
	if !se.Status.MinutesFrozen() {
		back(w, r, se.Path()+"/live", fmt.Sprintf("Das Protokoll der %d. Sitzung ist nicht genehmigt; berichtigt wird nur ein genehmigtes Protokoll. Dieses bearbeiten Sie hier direkt.", se.Number))
		return
	}
	if kind == "" && id == 0 {
		back(w, r, se.Path()+"/live", chooseRow(se))
		return
	}
	s.renderCorrectionForm(w, r, http.StatusOK, se, kind, id, "", "", nil)
}

// chooseRow says where the row to correct is chosen, for a correction
// page opened without one.
func chooseRow(se model.Session) string {
	return fmt.Sprintf("Bitte wählen Sie im Protokoll der %d. Sitzung bei der Zeile, die Sie berichtigen möchten, „Berichtigen“.", se.Number)
}

func (s *Server) renderCorrectionForm(w http.ResponseWriter, r *http.Request, status int, se model.Session, kind string, id int64, text, reason string, refused problems) {
	if !se.Status.MinutesFrozen() {
		s.fail(w, r, model.RuleError("Nur ein genehmigtes Protokoll wird berichtigt; das Protokoll der %d. Sitzung wird direkt im Live-Protokoll bearbeitet.", se.Number), "")
		return
	}
	doc, err := minutes.Load(r.Context(), s.st, se.ID, model.Internal)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	it, row, ok := correctionRow(doc, kind, id)
	if !ok {
		if r.Method == http.MethodGet {
			// Opened with a row the minutes do not have (a link of
			// another session's, an address typed): to the minutes, to
			// choose one.
			back(w, r, se.Path()+"/live", "Die gewählte Zeile gibt es in diesem Protokoll nicht. "+chooseRow(se))
			return
		}
		s.notFound(w, r, "Diese Zeile gibt es im Protokoll nicht; bitte die Zeile im genehmigten Protokoll wählen.")
		return
	}
	if text == "" {
		text = rowText(row)
	}
	d := correctionFormData{Session: se, Item: it, Row: row, Kind: kind, Text: text, Reason: reason, Problems: refused}
	s.render(w, r, status, "minutes_correction.html", view{Title: "Berichtigung – " + se.Title(), Active: "sitzungen", Data: d})
}

func (s *Server) proposeCorrection(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	kind := r.PostFormValue("art")
	id, _ := strconv.ParseInt(r.PostFormValue("zeile"), 10, 64)
	typed, reason := r.PostFormValue("text"), r.PostFormValue("grund")
	var after string
	var err error
	if kind == "ON" {
		var points []string
		points, err = formLines(typed)
		after = strings.Join(points, "\n")
	} else {
		after, err = formText(typed)
	}
	err = model.AtField("text", err)
	// The store turns the reason's [[…]] into confidential passages; a
	// form it does not see (the text refused) asks the same rule, to give
	// every reason at once.
	c := model.MinutesCorrection{SessionID: se.ID, RowKind: kind, RowID: id, After: after, Reason: reason}
	if err == nil {
		_, err = s.st.ProposeMinutesCorrection(r.Context(), c)
	} else {
		err = errors.Join(err, c.MarkReason())
	}
	// Refused while a written procedure approves a correction of these
	// minutes (store.StartCorrectionProcedure): the form again with the
	// reason naming the procedure, the text kept.
	if model.ClassOf(err) == model.ErrInput || model.ClassOf(err) == model.ErrConflict || errors.Is(err, store.ErrMinutesInProcedure) {
		s.renderCorrectionForm(w, r, http.StatusUnprocessableEntity, se, kind, id, typed, reason, problemsOf(err))
		return
	}
	if err != nil {
		s.fail(w, r, err, "Diese Zeile gibt es im Protokoll nicht.")
		return
	}
	s.changed(r, se.ID)
	back(w, r, se.Path()+"/live#berichtigungen",
		"Die Berichtigung ist angelegt; sie wird wie das Protokoll "+correctionApprovedWhere(se)+" genehmigt.")
}

// correctedText is the internal minutes of the session as text with the
// correction applied: the version kept at its approval.
func (s *Server) correctedText(r *http.Request, c model.MinutesCorrection) (string, error) {
	doc, err := minutes.Load(r.Context(), s.st, c.SessionID, model.Internal)
	if err != nil {
		return "", err
	}
	for si := range doc.Sections {
		for ii := range doc.Sections[si].Items {
			rows := doc.Sections[si].Items[ii].Rows
			for ri := range rows {
				if rows[ri].ID != c.RowID || rows[ri].Kind == minutes.RowDecision || correctionKind(rows[ri].Kind) != c.RowKind {
					continue
				}
				if c.RowKind == "ON" {
					rows[ri].Points = strings.Split(c.After, "\n")
				} else {
					rows[ri].Text = c.After
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := minutes.Export(&buf, doc); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// correctionsToApprove gives the proposed corrections of the body's
// minutes that a running session may approve, with the numbers of the
// sessions they correct and, by session id, the stamp of those minutes
// (store.MinutesStamp), which each correction's approval form carries
// (field "stand"): the approval approves the state the page showed. The
// stamps are read before the list that is shown: a change made in between
// is in the stamp, and the list read after it shows it, or the approval
// is refused — never one approved unseen. A session that only the second
// read lists gets its stamp and the list is read once more.
func (s *Server) correctionsToApprove(ctx context.Context, bodyID int64) ([]model.MinutesCorrection, map[int64]int, map[int64]store.MinutesStamp, error) {
	stamps := map[int64]store.MinutesStamp{}
	for {
		list, numbers, err := s.st.ProposedCorrections(ctx, bodyID)
		if err != nil {
			return nil, nil, nil, err
		}
		complete := true
		for _, c := range list {
			if _, ok := stamps[c.SessionID]; ok {
				continue
			}
			complete = false
			if stamps[c.SessionID], err = s.st.MinutesStamp(ctx, c.SessionID); err != nil {
				return nil, nil, nil, err
			}
		}
		if complete {
			return list, numbers, stamps, nil
		}
	}
}

// HeldBy gives, of the corrections the Verwaltung page lists for approval
// (CorrectionsToApprove), the other correction of the minutes c corrects
// that a written procedure open is to approve (model.MinutesCorrection.
// Running), and nil if there is none: until it ends those minutes are
// corrected no further (the store refuses), so c waits, and the page says
// so instead of offering a procedure of its own, which the start form
// would not offer (newProcedureForm).
func (d manageData) HeldBy(c model.MinutesCorrection) *model.MinutesCorrection {
	for i, o := range d.CorrectionsToApprove {
		if o.ID != c.ID && o.SessionID == c.SessionID && o.Running() {
			return &d.CorrectionsToApprove[i]
		}
	}
	return nil
}

// approveCorrection approves a proposed correction in the running session
// the form names. It approves the state the Verwaltung page showed: the
// form's stamp of the corrected minutes ("stand", correctionsToApprove)
// goes to the store, which refuses inside the approval's transaction if
// the minutes changed since — another correction approved, a decision of
// theirs corrected, anything else they are built from. Before, the stamp
// was read when the button was pressed, and such a change went into the
// version kept, approved unseen. Refused, the page is shown again with
// the current state and a link to the minutes.
func (s *Server) approveCorrection(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ApproveMinutes, ""); !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	c, err := s.st.MinutesCorrection(ctx, id)
	if err != nil {
		s.fail(w, r, err, "Diese Berichtigung gibt es nicht.")
		return
	}
	n, err := strconv.Atoi(r.PostFormValue("sitzung"))
	if err != nil {
		s.badRequest(w, r, "Bitte die Sitzung angeben, in der die Berichtigung genehmigt wird.")
		return
	}
	corrected, err := s.st.Session(ctx, c.SessionID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	shown, err := shownStamp(r.PostForm, corrected.Number, "die Berichtigung ist nicht genehmigt", "genehmigen Sie erneut")
	if err != nil {
		// A form from before the stamp was carried, or one garbled:
		// nothing says what it showed.
		s.refuseCorrectionApproval(w, r, c, n, err)
		return
	}
	text, err := s.correctedText(r, c)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if beforeApprovalWrite != nil {
		beforeApprovalWrite()
	}
	v, err := s.st.ApproveMinutesCorrection(ctx, id, n, text, shown)
	if err != nil {
		s.refuseCorrectionApproval(w, r, c, n, err)
		return
	}
	s.changed(r, c.SessionID)
	// Back to the approving session, in the body of the corrected one.
	approving := model.Session{Number: n, BodySlug: corrected.BodySlug}
	back(w, r, approving.Path()+"/verwaltung", fmt.Sprintf("Die Berichtigung ist genehmigt; das Protokoll liegt nun in Fassung %d vor.", v))
}

// refuseCorrectionApproval answers a refused approval of correction c in
// the session numbered n (no quorum there, the minutes changed since the
// page was shown): that session's management page with the reason at the
// correction's button — for a conflict with a link to the corrected
// minutes; anything else, or a session that cannot be read, gets the
// error page.
func (s *Server) refuseCorrectionApproval(w http.ResponseWriter, r *http.Request, c model.MinutesCorrection, n int, err error) {
	status, reasons, ok := refusalProblems(err)
	if !ok {
		s.fail(w, r, err, "")
		return
	}
	ctx := r.Context()
	corrected, readErr := s.st.Session(ctx, c.SessionID)
	if readErr != nil {
		s.fail(w, r, err, "")
		return
	}
	approving, readErr := s.st.SessionByNumber(ctx, corrected.BodyID, n)
	if readErr != nil || approving.Status != model.StatusRunning || c.Status != model.CorrectionProposed {
		// No button of the correction on that page to give the reason at.
		s.fail(w, r, err, "")
		return
	}
	body, readErr := s.st.Body(ctx, approving.BodyID)
	if readErr != nil {
		s.serverError(w, r, readErr)
		return
	}
	s.renderManageWith(w, r, status, body, approving, manageData{Approval: refusedForm{ID: fmt.Sprintf("berichtigung-%d", c.ID), Problems: reasons}, ApprovalStale: status == http.StatusConflict})
}

// diffHTML renders a correction's word diff: removed words struck
// through (<del>), added ones underlined (<ins>), each with a text for
// screen readers. Confidential marks show as [[…]] (internal view only;
// public texts have passed the gate and carry none).
func diffHTML(before, after string) template.HTML {
	var b strings.Builder
	for _, p := range model.WordDiff(editableMarks(before), editableMarks(after)) {
		t := strings.ReplaceAll(template.HTMLEscapeString(p.Text), "\n", "<br>")
		switch p.Op {
		case '-':
			b.WriteString(`<del><span class="visually-hidden">entfernt: </span>` + t + `</del>`)
		case '+':
			b.WriteString(`<ins><span class="visually-hidden">eingefügt: </span>` + t + `</ins>`)
		default:
			b.WriteString(t)
		}
	}
	return template.HTML(b.String())
}

func init() {
	// The template functions of this file (kept here, beside their use).
	funcs["diffHTML"] = diffHTML
	funcs["rowKey"] = rowKey
	funcs["correctionApprovedWhere"] = correctionApprovedWhere
	funcs["rowKind"] = func(row minutes.Row) string { return correctionKind(row.Kind) }
	// sameBodySession names session number n of se's body, for a link to
	// the minutes a correction corrects from the approving session's page.
	funcs["sameBodySession"] = func(se model.Session, n int) model.Session {
		return model.Session{Number: n, BodySlug: se.BodySlug}
	}
	funcs["rowKindLabel"] = func(row minutes.Row) string {
		return model.MinutesCorrection{RowKind: correctionKind(row.Kind)}.RowKindLabel()
	}
}

// correctionApprovedWhere says where a correction of se's minutes is
// approved, as "Mein Bereich" and the Verwaltung page offer it: the
// IT-Planungsrat's in a later session or by written procedure, another
// body's (the AL-Runde, which has no written procedure) in a later
// session. Before, every page said "in der nächsten Sitzung".
func correctionApprovedWhere(se model.Session) string {
	if se.BodySlug == "" {
		return "in einer späteren Sitzung oder im Umlaufverfahren"
	}
	return "in einer späteren Sitzung"
}

// correctionKind gives the row kind as a correction names it.
func correctionKind(k minutes.RowKind) string {
	if k == minutes.RowText {
		return "text"
	}
	return string(k)
}
