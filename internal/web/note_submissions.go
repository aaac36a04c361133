package web

// Eingereichte Protokollnotizen (model.NoteSubmission): a member's office
// or an advisory member hands in a protocol note from the session page,
// beside the item; the Geschäftsstelle takes it over or refuses it on the
// live page. A waiting submission is shown to nobody else.

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

// noteSubs is the session page's part of submitted protocol notes: the
// viewer's member's own submissions by item, and whether it may submit
// one now.
type noteSubs struct {
	Session   model.Session
	CanSubmit bool
	Mine      map[int64][]model.NoteSubmission
	Refused   refusedForm
}

// noteSubsItem is the part beside one item (template "note-submit").
type noteSubsItem struct {
	Session   model.Session
	Item      minutes.Item
	CanSubmit bool
	Mine      []model.NoteSubmission
	Refused   refusedForm
	FormID    string // the form's id, also the refused form's
}

// At gives the part beside item it.
func (n noteSubs) At(it minutes.Item) noteSubsItem {
	return noteSubsItem{Session: n.Session, Item: it, CanSubmit: n.CanSubmit && it.OnAgenda(), Mine: n.Mine[it.ID], Refused: n.Refused, FormID: noteFormID(it.ID)}
}

// Shown reports whether the part has anything to show.
func (n noteSubsItem) Shown() bool { return n.CanSubmit || len(n.Mine) > 0 }

func noteFormID(itemID int64) string { return fmt.Sprintf("pn-einreichen-%d", itemID) }

// loadNoteSubs gives the session page's part for the viewer u: nothing
// for anyone but a member's office or an advisory member; its own
// submissions and, while submissions are open and its member has a seat
// in the body, the forms.
func (s *Server) loadNoteSubs(r *http.Request, u *model.User, body model.Body, se model.Session, refused refusedForm) (noteSubs, error) {
	return s.noteSubsOf(r, u, nil, body, se, refused)
}

// noteSubsOf is loadNoteSubs for a caller that read the viewer's member m
// already ("Mein Bereich"), so that it is not read again for each session;
// nil reads it here, only while submissions are open.
func (s *Server) noteSubsOf(r *http.Request, u *model.User, m *model.Member, body model.Body, se model.Session, refused refusedForm) (noteSubs, error) {
	out := noteSubs{Session: se, Refused: refused}
	if u == nil || u.MemberAbbrev == "" || !auth.Can(u, auth.SubmitNote, u.MemberAbbrev) {
		return out, nil
	}
	mine, err := s.st.NoteSubmissionsOf(r.Context(), se.ID, u.MemberAbbrev)
	if err != nil {
		return out, err
	}
	out.Mine = map[int64][]model.NoteSubmission{}
	for _, n := range mine {
		out.Mine[n.ItemID] = append(out.Mine[n.ItemID], n)
	}
	if model.NoteSubmissionsOpen(se) != nil {
		return out, nil
	}
	if m == nil {
		read, err := s.st.Member(r.Context(), u.MemberAbbrev)
		if err != nil {
			return out, err
		}
		m = &read
	}
	out.CanSubmit = body.Seats(*m)
	return out, nil
}

func (s *Server) submitNote(w http.ResponseWriter, r *http.Request) {
	u, _, se, ok := s.sessionAction(w, r, auth.SubmitNote)
	if !ok {
		return
	}
	if u.MemberAbbrev == "" {
		s.fail(w, r, model.ForbiddenError("Eine Protokollnotiz reicht ein Konto eines Mitglieds ein; dieses Konto gehört zu keinem."), "")
		return
	}
	itemID, _ := strconv.ParseInt(r.PostFormValue("top"), 10, 64)
	it, err := s.st.Item(r.Context(), itemID)
	if err == nil && it.SessionID != se.ID {
		err = model.NotFoundError("Diesen Tagesordnungspunkt gibt es in der %s nicht.", se.Title())
	}
	if err != nil {
		s.fail(w, r, err, "Diesen Tagesordnungspunkt gibt es nicht.")
		return
	}
	text, err := formText(r.PostFormValue("text"))
	if err == nil && text == "" {
		err = model.InputError("Eine Protokollnotiz braucht den Text.")
	}
	var again bool
	if err = model.AtField("text", err); err == nil {
		_, err = s.st.SubmitNote(r.Context(), model.NoteSubmission{ItemID: it.ID, Member: u.MemberAbbrev, Text: text, Confidential: r.PostFormValue("vertraulich") == "1"},
			sentOnce(r, u, &again))
	}
	if err != nil {
		refused, status, ok := refusedFormOf(r, noteFormID(it.ID), "Die Protokollnotiz ist nicht eingereicht", err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.minutesPage(w, r, "session.html", status, refused)
		return
	}
	// The Geschäftsstelle's live page shows it at its next poll of its
	// box of submitted notes (noteSubsBox); no stream carries that box.
	s.publishLive(r.Context(), se.ID)
	to := se.Path() + "#" + noteFormID(it.ID)
	if again {
		back(w, r, to, sentAgain("die Protokollnotiz ist eingereicht."))
		return
	}
	back(w, r, to, "Ihre Protokollnotiz ist bei der Geschäftsstelle eingereicht. Sie steht im Protokoll, sobald die Geschäftsstelle sie übernimmt.")
}

// noteSubmissionFromPath reads the submission named by {id}, for a
// request that a member (its own) or the Geschäftsstelle may make; anyone
// else learns nothing of it, not even that it exists.
func (s *Server) noteSubmissionFromPath(w http.ResponseWriter, r *http.Request, a auth.Action) (*model.User, model.NoteSubmission, model.Session, bool) {
	u, ok := s.require(w, r, a, "")
	if !ok || !s.parseForm(w, r) {
		return nil, model.NoteSubmission{}, model.Session{}, false
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	n, err := s.st.NoteSubmission(r.Context(), id)
	if err == nil && a == auth.SubmitNote && !auth.Can(u, a, n.Member) {
		err = model.NotFoundError("Diese eingereichte Protokollnotiz gibt es nicht.")
	}
	if err != nil {
		s.fail(w, r, err, "Diese eingereichte Protokollnotiz gibt es nicht.")
		return nil, n, model.Session{}, false
	}
	se, err := s.st.Session(r.Context(), n.SessionID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, n, se, false
	}
	return u, n, se, true
}

func (s *Server) withdrawNoteSubmission(w http.ResponseWriter, r *http.Request) {
	u, n, se, ok := s.noteSubmissionFromPath(w, r, auth.SubmitNote)
	if !ok {
		return
	}
	if err := s.st.WithdrawNoteSubmission(r.Context(), n.ID, u.MemberAbbrev, formVersion(r)); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.publishLive(r.Context(), se.ID)
	back(w, r, se.Path()+"#"+noteFormID(n.ItemID), "Ihre eingereichte Protokollnotiz ist zurückgezogen.")
}

// noteEntryID is the id of a submission's box on the live page, and of
// its refused form.
func noteEntryID(id int64) string { return fmt.Sprintf("pn-eingang-%d", id) }

func (s *Server) acceptNoteSubmission(w http.ResponseWriter, r *http.Request) {
	_, n, se, ok := s.noteSubmissionFromPath(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	if _, err := s.st.AcceptNoteSubmission(r.Context(), n.ID, formVersion(r)); err != nil {
		s.refuseEntry(w, r, se, n.ItemID, noteEntryID(n.ID), "Die Protokollnotiz von "+n.MemberName+" ist nicht übernommen", err)
		return
	}
	s.saved(w, r, se, n.ItemID, "Protokollnotiz ("+n.MemberName+") übernommen.")
}

func (s *Server) rejectNoteSubmission(w http.ResponseWriter, r *http.Request) {
	_, n, se, ok := s.noteSubmissionFromPath(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("grund"))
	if err := s.st.RejectNoteSubmission(r.Context(), n.ID, formVersion(r), reason); err != nil {
		s.refuseEntry(w, r, se, n.ItemID, noteEntryID(n.ID), "Die Protokollnotiz von "+n.MemberName+" ist nicht abgelehnt", err)
		return
	}
	s.publishLive(r.Context(), se.ID)
	back(w, r, liveURL(se, n.ItemID), "Die Protokollnotiz von "+n.MemberName+" ist abgelehnt; "+n.MemberName+" sieht den Grund.")
}

// noteSubsLive is the live page's part of submitted notes (template
// "note-submissions-live"): those waiting at the item shown (ItemID), and
// the other items with waiting ones. It is a live box of its own
// (noteSubsBox, GET …/eingereichte-protokollnotizen?top=), which the page
// polls: a note a member submits or withdraws appears or goes without a
// reload.
type noteSubsLive struct {
	Session model.Session
	ItemID  int64
	Here    []model.NoteSubmission
	Other   []noteSubsAt
	Entry   refusedForm
}

// noteSubsAt counts the waiting submissions of an item elsewhere.
type noteSubsAt struct {
	ItemID int64
	Label  string
	Count  int
}

// labelledItem is an item as the part names it: its id and label.
type labelledItem struct {
	ID    int64
	Label string
}

// noteSubsLiveOf sorts the waiting submissions subs of session se by the
// item shown (itemID) and the others, in the order of items.
func noteSubsLiveOf(se model.Session, itemID int64, subs []model.NoteSubmission, items []labelledItem, entry refusedForm) noteSubsLive {
	out := noteSubsLive{Session: se, ItemID: itemID, Entry: entry}
	at := map[int64]int{}
	for _, n := range subs {
		if n.ItemID == itemID {
			out.Here = append(out.Here, n)
		} else {
			at[n.ItemID]++
		}
	}
	for _, it := range items {
		if c := at[it.ID]; c > 0 {
			out.Other = append(out.Other, noteSubsAt{ItemID: it.ID, Label: it.Label, Count: c})
		}
	}
	return out
}

// NoteSubsLive gives the live page's part of submitted notes.
func (d liveData) NoteSubsLive() noteSubsLive {
	var items []labelledItem
	for _, it := range d.Doc.Items() {
		items = append(items, labelledItem{ID: it.ID, Label: it.Label()})
	}
	return noteSubsLiveOf(d.Session, d.Current.ID, d.NoteSubs, items, d.Entry)
}

// noteSubsPanel answers GET …/eingereichte-protokollnotizen: the live
// page's part of submitted notes (?top= the item viewed, else the item
// called), for the Geschäftsstelle.
func (s *Server) noteSubsPanel(w http.ResponseWriter, r *http.Request) {
	item, _ := strconv.ParseInt(r.URL.Query().Get("top"), 10, 64)
	s.serveBox(w, r, liveView{kind: noteSubsBox, item: max(item, 0)})
}

// renderNoteSubsBox renders the live page's part of submitted notes at an
// item (0: the item called, else the first), as the live page shows it.
func (s *Server) renderNoteSubsBox(r *http.Request, se model.Session, item int64) ([]byte, error) {
	subs, err := s.st.WaitingNoteSubmissions(r.Context(), se.ID)
	if err != nil {
		return nil, err
	}
	agenda, err := s.st.Items(r.Context(), se.ID)
	if err != nil {
		return nil, err
	}
	if item == 0 {
		item = se.CurrentItemID
	}
	items := make([]labelledItem, 0, len(agenda))
	for _, it := range agenda {
		if item == 0 {
			item = it.ID
		}
		items = append(items, labelledItem{ID: it.ID, Label: it.Label()})
	}
	return s.fragment("live.html", "note-submissions-box", noteSubsLiveOf(se, item, subs, items, refusedForm{}))
}
