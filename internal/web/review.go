package web

// Draft minutes: comments, approval, the kept versions (structured
// corrections of approved minutes are in corrections.go).

import (
	"bytes"
	"context"
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

func (s *Server) commentMinutes(w http.ResponseWriter, r *http.Request) {
	u, _, se, ok := s.sessionAction(w, r, auth.CommentMinutes)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.PostFormValue("kommentar"))
	err := model.InputError("Bitte einen Kommentar eingeben.")
	// Sent again (the back button, a double click), the form stores no
	// second comment.
	var again bool
	if text != "" {
		_, err = s.st.CreateComment(r.Context(), store.Comment{SessionID: se.ID, Author: u.Name, Member: u.MemberAbbrev, Text: text}, sentOnce(r, u, &again))
	}
	if err != nil {
		// The session page again, the comment as typed (the minutes may
		// have been approved meanwhile: then for copying), with the reason.
		refused, status, ok := refusedFormOf(r, "kommentare", "Ihr Kommentar ist nicht gespeichert", err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.minutesPage(w, r, "session.html", status, refused)
		return
	}
	if again {
		back(w, r, fmt.Sprintf("%s#kommentare", se.Path()), sentAgain("der Kommentar ist gespeichert."))
		return
	}
	back(w, r, fmt.Sprintf("%s#kommentare", se.Path()), "Ihr Kommentar zum Protokollentwurf ist gespeichert.")
}

// internalText exports a session's minutes (internal version) as text, the
// form kept for approved versions.
func (s *Server) internalText(r *http.Request, sessionID int64) (string, error) {
	doc, err := minutes.Load(r.Context(), s.st, sessionID, model.Internal)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := minutes.Export(&buf, doc); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// beforeApprovalWrite, when set (by a test), runs after an approval's
// text was rendered and before the store approves it: what it changes is
// what another writer changes in between.
var beforeApprovalWrite func()

// minutesToApprove is draft minutes the running session may approve, as
// the Verwaltung page offers them: with the stamp of the minutes as the
// page shows them, which the approval's form carries (field "stand"),
// and the members' comments on the draft, listed beside the button.
type minutesToApprove struct {
	model.Session
	Stamp    store.MinutesStamp
	Comments []store.Comment
}

// LastComment gives the id of the last comment listed (0 for none): the
// form carries it, so that a refusal can mark the comments made after.
func (m minutesToApprove) LastComment() int64 {
	if len(m.Comments) == 0 {
		return 0
	}
	return m.Comments[len(m.Comments)-1].ID
}

// ResultFields gives the fields of how these minutes were approved (the
// partial "approval-result-fields", approval_fields.html) in their
// approval form, with what the page's refused form typed and its reasons
// at them when that form is this one: the live page's TOP 00 (its Entry)
// and the Verwaltung (its Approval) show the same fields.
func (m minutesToApprove) ResultFields(refused refusedForm) approvalResultFields {
	return approvalResultFields{FormID: approvalEntry(m.Number), Refused: refused}
}

// approvalResultFields are the fields of an approval's result in the
// approval form FormID ("genehmigen-47"), which names their ids, and the
// page's refused form, if any (refusedForm.At, Typed).
type approvalResultFields struct {
	FormID  string
	Refused refusedForm
}

// minutesToApprove gives the draft minutes of the body's sessions before
// session number, each with its stamp and comments. The stamp is read
// before the comments: a comment made in between is listed but not in
// the stamp, so the approval is refused rather than one approved with a
// comment unseen.
func (s *Server) minutesToApprove(ctx context.Context, bodyID int64, number int) ([]minutesToApprove, error) {
	drafts, err := s.st.SessionsWithStatus(ctx, bodyID, model.StatusMinutesDraft)
	if err != nil {
		return nil, err
	}
	var out []minutesToApprove
	for _, o := range drafts {
		if o.Number >= number {
			continue
		}
		m := minutesToApprove{Session: o}
		if m.Stamp, err = s.st.MinutesStamp(ctx, o.ID); err != nil {
			return nil, err
		}
		if m.Comments, err = s.st.Comments(ctx, o.ID); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// shownStamp reads the stamp (store.MinutesStamp) of the minutes of the
// session numbered n that a form was drawn with, from its field "stand",
// for every form that approves or sends minutes as it showed them: the
// approval in the running session, a correction's approval and the start
// of a written procedure. A value is "n:stamp" (the procedure's form,
// which carries one per draft it offers, draftToSend.StampField) or the
// stamp alone (a form about one minutes); values for other sessions are
// passed over. A form without a stamp for n, or with one that is no stamp
// (garbled: not the 32 hexadecimal digits store.MinutesStamp is), is
// refused alike on all three: a conflict that says what did not happen
// (notDone, "die Berichtigung ist nicht genehmigt") and what to do again
// ("genehmigen Sie erneut"), nothing stored. Before, each form read the
// field itself, and a garbled stamp went to the store, which said that
// the minutes had changed meanwhile.
func shownStamp(form url.Values, n int, notDone, again string) (store.MinutesStamp, error) {
	key := strconv.Itoa(n)
	for _, v := range form["stand"] {
		v = strings.TrimSpace(v)
		if k, stamp, keyed := strings.Cut(v, ":"); keyed {
			if k != key {
				continue
			}
			v = stamp
		}
		if wellFormedStamp(v) {
			return store.MinutesStamp(v), nil
		}
		break
	}
	return "", model.ConflictError("Das Formular nennt nicht den Stand des Protokolls der %d. Sitzung, den es zeigte; %s. Die Seite zeigt jetzt den aktuellen Stand; bitte prüfen Sie ihn und %s.", n, notDone, again)
}

// wellFormedStamp reports whether v has the form of a stamp
// (store.MinutesStamp: 16 bytes in lower-case hexadecimal digits).
func wellFormedStamp(v string) bool {
	if len(v) != 32 {
		return false
	}
	for _, c := range v {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// approveMinutes approves the draft minutes of an earlier session in the
// running one. It approves the state the Verwaltung page showed: the
// form's stamp ("stand", minutesToApprove) goes to the store, which
// refuses inside the approval's transaction if the minutes or their
// comments changed since — before, the stamp was read when the button
// was pressed, and a change made after the page was shown was approved
// unseen. Refused, the page is shown again with the current state, the
// comments made since marked, the result's fields as typed. Both forms
// ask how the minutes were approved ("ergebnis": approvalResultOfForm),
// which the store writes as a row under the approving item.
func (s *Server) approveMinutes(w http.ResponseWriter, r *http.Request) {
	_, council, se, ok := s.sessionAction(w, r, auth.ApproveMinutes)
	if !ok {
		return
	}
	ctx := r.Context()
	n, err := strconv.Atoi(r.PostFormValue("protokoll"))
	if err != nil {
		s.badRequest(w, r, "Bitte das zu genehmigende Protokoll wählen.")
		return
	}
	old, err := s.st.SessionByNumber(ctx, council.ID, n)
	if err != nil {
		s.fail(w, r, err, fmt.Sprintf("Die %d. Sitzung ist nicht erfasst.", n))
		return
	}
	seen, _ := strconv.ParseInt(r.PostFormValue("kommentar_bis"), 10, 64)
	// A form from before the stamp was carried, or one garbled: nothing
	// says what it showed.
	shown, err := shownStamp(r.PostForm, n, "das Protokoll ist nicht genehmigt", "genehmigen Sie erneut")
	var opts []store.ApprovalOption
	if err == nil && r.PostForm.Has("ergebnis") {
		// The forms of the live page (TOP 00) and of the Verwaltung
		// record how it was approved, as a row under the approving item.
		var result store.ApprovalResult
		if result, err = s.approvalResultOfForm(r); err == nil {
			opts = append(opts, store.WithApprovalResult(result))
		}
	}
	if err == nil {
		var text string
		if text, err = s.internalText(r, old.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		if beforeApprovalWrite != nil {
			beforeApprovalWrite()
		}
		err = s.st.ApproveMinutes(ctx, old.ID, se.Number, text, shown, opts...)
	}
	if err != nil {
		// Refused (changed since shown, no quorum, the item missing):
		// the management page with the reason at the approval's button.
		status, reasons, ok := refusalProblems(err)
		if !ok || se.Status != model.StatusRunning || old.Status != model.StatusMinutesDraft || old.Number >= se.Number {
			// No approval button on the page to give the reason at.
			s.fail(w, r, err, "")
			return
		}
		if _, live := approvalFromLive(r); live {
			// Sent from TOP 00 on the live page (live.go): refused there.
			s.refuseApprovalLive(w, r, status, se, n, reasons)
			return
		}
		// The result's fields as typed, each reason about one at it.
		s.renderManageWith(w, r, status, council, se, manageData{Approval: refusedForm{ID: fmt.Sprintf("genehmigen-%d", n), Values: r.PostForm, Problems: reasons}, ApprovalSeen: seen, ApprovalStale: status == http.StatusConflict})
		return
	}
	s.changed(r, old.ID)
	back(w, r, approvalBack(r, se), fmt.Sprintf("Das Protokoll der %d. Sitzung ist genehmigt und damit unveränderlich.", n))
}

func (s *Server) minutesVersion(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	v, _ := strconv.Atoi(r.PathValue("v"))
	versions, err := s.st.MinutesVersions(r.Context(), se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, mv := range versions {
		if mv.Version == v {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, mv.Text)
			return
		}
	}
	s.notFound(w, r, "Diese Fassung gibt es nicht.")
}

// approvalResultOfForm reads how the running session approved earlier
// minutes, from the approval's form on the live page (TOP 00) or the
// Verwaltung page (the same fields, approval_fields.html; before, the
// Verwaltung's asked nothing, and minutes approved there said only
// "wurde genehmigt"): the members abstaining ("enthaltung") and against
// ("gegen"), by abbreviation or name as the forms read members
// (memberList), and "mit Änderungen" ("geaendert", with "aenderungen"
// saying which, confidential marks allowed). Who may be named — a voting
// member of the body, present at the approving item — is the store's
// rule (store.ApprovalResult), refused there at the field; before, the
// handler checked the vote and the store the presence.
func (s *Server) approvalResultOfForm(r *http.Request) (store.ApprovalResult, error) {
	ctx := r.Context()
	res := store.ApprovalResult{
		Abstaining: s.memberList(ctx, r.PostFormValue("enthaltung")),
		Against:    s.memberList(ctx, r.PostFormValue("gegen")),
		Changed:    r.PostFormValue("geaendert") == "1",
	}
	changes, err := model.ConfidentialMarks(r.PostFormValue("aenderungen"))
	if err != nil {
		return res, model.AtField("aenderungen", err)
	}
	res.Changes = changes
	return res, nil
}
