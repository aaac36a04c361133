package api

// Eingereichte Protokollnotizen in the JSON API (model.NoteSubmission): a
// member's office or an advisory member submits a protocol note to an
// agenda item and withdraws it while it waits; the Geschäftsstelle takes
// it over into the minutes or refuses it with a reason. The same rules as
// the session page and the live page (internal/web/note_submissions.go):
// the author is always the token's own member, and a submission is read
// by its member and the Geschäftsstelle only — anyone else learns nothing
// of it, not even that it exists.

import (
	"net/http"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// NoteSubmission is an eingereichte Protokollnotiz in the JSON API.
type NoteSubmission struct {
	ID      int64 `json:"id"`
	Session int   `json:"sitzung"`
	// Item is the item's number on the agenda ("3"), as the session's
	// "tagesordnung" gives it; ItemID the item's id.
	Item   string `json:"top"`
	ItemID int64  `json:"topId"`
	// Member and Name: the submitting member, the note's author in the
	// minutes.
	Member string `json:"mitglied"`
	Name   string `json:"name"`
	// SentBy is the display name of the account that sent it (empty when
	// it has none).
	SentBy string `json:"gesendetVon,omitempty"`
	// Text with its confidential passages marked [[…]]; Confidential: the
	// whole note stays out of the public version.
	Text         string `json:"text"`
	Confidential bool   `json:"vertraulich"`
	// State is eingereicht, uebernommen, abgelehnt or zurueckgezogen;
	// StateText says it as the session page does ("abgelehnt: <Grund>").
	State     string `json:"stand"`
	StateText string `json:"standText"`
	Reason    string `json:"grund,omitempty"`
	Submitted string `json:"eingereicht"`
	// Version identifies the submission as read; an action names it.
	Version int `json:"fassung"`
}

// noteSubmissionOut gives a submission in the JSON API; labels are the
// numbers of the session's items by id.
func noteSubmissionOut(se model.Session, labels map[int64]string, n model.NoteSubmission) NoteSubmission {
	return NoteSubmission{ID: n.ID, Session: se.Number, Item: labels[n.ItemID], ItemID: n.ItemID, Member: n.Member, Name: n.MemberName,
		SentBy: n.SubmittedByName, Text: model.TypedMarks(n.Text), Confidential: n.Confidential, State: string(n.State),
		StateText: n.StateLabel(se), Reason: n.Reason, Submitted: n.SubmittedAt.In(model.Berlin).Format(time.RFC3339), Version: n.Version}
}

// noteSubmitter gives the token's user when it may submit protocol notes
// for its own member (a member's office, an advisory member); otherwise
// it has answered 401 or 403.
func (a *Server) noteSubmitter(w http.ResponseWriter, r *http.Request) (*model.User, bool) {
	u, ok := a.tokenUser(w, r)
	if !ok {
		return nil, false
	}
	if u.MemberAbbrev == "" || !auth.Can(u, auth.SubmitNote, u.MemberAbbrev) {
		apiError(w, http.StatusForbidden, "Protokollnotizen reichen die Büros der Mitglieder und die beratenden Mitglieder ein, jeweils für ihr eigenes Mitglied.")
		return nil, false
	}
	return u, true
}

// itemNumbers gives the numbers of a session's items by id.
func (a *Server) itemNumbers(r *http.Request, se model.Session) (map[int64]string, []model.AgendaItem, error) {
	items, err := a.st.Items(r.Context(), se.ID)
	if err != nil {
		return nil, nil, err
	}
	out := make(map[int64]string, len(items))
	for _, it := range items {
		out[it.ID] = it.Number
	}
	return out, items, nil
}

// apiNoteSubmissions lists the submitted protocol notes of a session: for
// a member's office or an advisory member its own (withdrawn ones left
// out), for the Geschäftsstelle those that wait for it. Nobody else reads
// any.
func (a *Server) apiNoteSubmissions(w http.ResponseWriter, r *http.Request) {
	u, secretariat, ok := a.noteSubmissionUser(w, r, "Eingereichte Protokollnotizen lesen das einreichende Mitglied und die Geschäftsstelle.")
	if !ok {
		return
	}
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	var list []model.NoteSubmission
	var err error
	if secretariat {
		list, err = a.st.WaitingNoteSubmissions(r.Context(), se.ID)
	} else {
		list, err = a.st.NoteSubmissionsOf(r.Context(), se.ID, u.MemberAbbrev)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	labels, _, err := a.itemNumbers(r, se)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]NoteSubmission, 0, len(list))
	for _, n := range list {
		out = append(out, noteSubmissionOut(se, labels, n))
	}
	writeJSON(w, http.StatusOK, out)
}

// apiSubmitNote submits a protocol note for the token's member:
// {"top": "3", "text": "…", "vertraulich": false}, top the item's number
// on the session's agenda. The author is always the token's own member.
func (a *Server) apiSubmitNote(w http.ResponseWriter, r *http.Request) {
	u, ok := a.noteSubmitter(w, r)
	if !ok {
		return
	}
	var in struct {
		Item         string `json:"top" form:"top" required:"Der Tagesordnungspunkt fehlt (top: seine Nummer, wie die Tagesordnung der Sitzung sie nennt)."`
		Text         string `json:"text" form:"text"`
		Confidential bool   `json:"vertraulich" form:"vertraulich"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	labels, items, err := a.itemNumbers(r, se)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var itemID int64
	for _, it := range items {
		if it.Number != "" && it.Number == strings.TrimSpace(in.Item) {
			itemID = it.ID
			break
		}
	}
	if itemID == 0 {
		a.fail(w, r, model.AtField("top", model.NotFoundError("Einen TOP %s gibt es in der %s nicht.", in.Item, se.Title())))
		return
	}
	ctx := store.WithActor(r.Context(), u.Username)
	id, err := a.st.SubmitNote(ctx, model.NoteSubmission{ItemID: itemID, Member: u.MemberAbbrev, Text: in.Text, Confidential: in.Confidential})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	n, err := a.st.NoteSubmission(ctx, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
	}
	writeJSON(w, http.StatusCreated, noteSubmissionOut(se, labels, n))
}

// apiDecideNoteSubmission acts on a submission: {"aktion":
// "zurueckziehen", "fassung": 1} by its member while it waits;
// {"aktion": "uebernehmen" | "ablehnen", "fassung": 1, "grund": "…"} by
// the Geschäftsstelle (a refusal with the reason the member reads). A
// submission another member sent is not found for a member; fassung is
// the version read, so that nothing changed since is overridden.
func (a *Server) apiDecideNoteSubmission(w http.ResponseWriter, r *http.Request) {
	u, secretariat, ok := a.noteSubmissionUser(w, r, "Über eine eingereichte Protokollnotiz entscheidet die Geschäftsstelle; zurückziehen kann sie das Mitglied, das sie eingereicht hat.")
	if !ok {
		return
	}
	id, ok := pathNumber(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		Action  string `json:"aktion" form:"aktion" required:"Die Aktion fehlt (aktion: zurueckziehen, uebernehmen oder ablehnen)."`
		Version int    `json:"fassung" form:"fassung" required:"Bitte die Fassung angeben, auf die Sie sich beziehen (das Feld „fassung“ der eingereichten Protokollnotiz)."`
		Reason  string `json:"grund" form:"grund"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	ctx := store.WithActor(r.Context(), u.Username)
	n, err := a.st.NoteSubmission(ctx, id)
	if err == nil && !secretariat && n.Member != u.MemberAbbrev {
		// Another member's: it learns nothing of it.
		err = model.NotFoundError("Diese eingereichte Protokollnotiz gibt es nicht.")
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	switch {
	case in.Action == "zurueckziehen" && !secretariat:
		err = a.st.WithdrawNoteSubmission(ctx, n.ID, u.MemberAbbrev, in.Version)
	case in.Action == "uebernehmen" && secretariat:
		_, err = a.st.AcceptNoteSubmission(ctx, n.ID, in.Version)
	case in.Action == "ablehnen" && secretariat:
		err = a.st.RejectNoteSubmission(ctx, n.ID, in.Version, in.Reason)
	case in.Action == "zurueckziehen":
		err = model.ForbiddenError("Eine eingereichte Protokollnotiz zieht nur das Mitglied zurück, das sie eingereicht hat.")
	case in.Action == "uebernehmen" || in.Action == "ablehnen":
		err = model.ForbiddenError("Über eine eingereichte Protokollnotiz entscheidet die Geschäftsstelle.")
	default:
		err = model.AtField("aktion", model.InputError("„%s“ ist keine Aktion; möglich sind „zurueckziehen“, „uebernehmen“ und „ablehnen“.", in.Action))
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if n, err = a.st.NoteSubmission(ctx, id); err != nil {
		a.fail(w, r, err)
		return
	}
	se, err := a.st.Session(ctx, n.SessionID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	labels, _, err := a.itemNumbers(r, se)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
	}
	writeJSON(w, http.StatusOK, noteSubmissionOut(se, labels, n))
}

// noteSubmissionUser gives the token's user for the submissions' routes
// and whether it acts as the Geschäftsstelle: the Geschäftsstelle, or a
// member's office or advisory member that may submit for its own member;
// anyone else is refused (403) with refusal.
func (a *Server) noteSubmissionUser(w http.ResponseWriter, r *http.Request, refusal string) (u *model.User, secretariat, ok bool) {
	if u, ok = a.tokenUser(w, r); !ok {
		return nil, false, false
	}
	secretariat = auth.Can(u, auth.RecordMinutes, "")
	if !secretariat && (u.MemberAbbrev == "" || !auth.Can(u, auth.SubmitNote, u.MemberAbbrev)) {
		apiError(w, http.StatusForbidden, refusal)
		return nil, false, false
	}
	return u, secretariat, true
}
