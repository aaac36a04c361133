package web

// The speakers' list (Redeliste) of a running session — members ask for
// the floor from their own device, or the secretariat enters them — and
// the projector view (Beamer-Ansicht) for the room. Both update through
// the session's live event stream (events.go).

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

func init() {
	funcs["berlinClock"] = func(t time.Time) string { return t.In(model.Berlin).Format("15:04") }
	funcs["unixMilli"] = func(t time.Time) int64 { return t.UnixMilli() }
}

// livePanel is the speakers' list panel of the live page: the list, with
// the members the secretariat may enter (floorView.Eligible).
type livePanel struct {
	Floor *floorView
	// Entry is a request for the floor the secretariat entered and the
	// store refused (form "wm-form"), shown at its field as chosen.
	Entry refusedForm
}

// floorOption is a member offered in the select of the speakers' list
// form.
type floorOption struct {
	model.Member
	Selected bool
	// Absent marks the member a refused entry chose although it may not
	// ask for the floor at the item.
	Absent bool
}

// Options gives the members the form offers: those who may ask for the
// floor at the item (Floor.Eligible) and — when an entry was refused
// because the member chosen may not — that member too, chosen and marked,
// so that the form shows what was chosen beside the reason.
func (p livePanel) Options() []floorOption {
	chosen := p.Entry.Typed("wm-form", "sprecher", "")
	var out []floorOption
	found := chosen == ""
	for _, m := range p.Floor.Eligible {
		out = append(out, floorOption{Member: m, Selected: m.Abbrev == chosen})
		found = found || m.Abbrev == chosen
	}
	if !found {
		m, ok := p.Floor.Members[chosen]
		if !ok {
			m = model.Member{Abbrev: chosen, Name: chosen}
		}
		out = append(out, floorOption{Member: m, Selected: true, Absent: true})
	}
	return out
}

// floorView is the speakers' list of the called item as one user sees it.
type floorView struct {
	Session model.Session
	ItemID  int64
	List    model.SpeakersList
	Now     time.Time
	// Member is the user's member (""): it may ask for the floor for it;
	// Place is its place among those waiting (0: not waiting), OwnID the
	// id of its waiting request.
	Member     string
	Place      int
	OwnID      int64
	Speaking   bool // the user's member has the floor
	CanRequest bool
	// Absent: the session runs and the user's member is recorded absent
	// at the item, so it may not ask for the floor (model.FloorOpen).
	Absent  bool
	Members map[string]model.Member
	// Eligible are the members who may ask for the floor at the item:
	// present or represented there, everybody if no attendance is
	// recorded (store.FloorMembers, the rule the request is refused by).
	Eligible []model.Member
	// NotPresent are, for the secretariat, the members of the session's
	// body that are not in Eligible because the attendance list records
	// them absent at the item (often advisory members nobody marked
	// present): the form names them and links the attendance page
	// (NotPresentNames, AttendancePath). Before, they dropped out of
	// "Wortmeldung eintragen für" without a word.
	NotPresent []model.Member
}

// NotPresentNames names the members of NotPresent as German prose with
// their abbreviations: "Deutscher Städtetag (DST) und Deutscher
// Landkreistag (DLT)".
func (f *floorView) NotPresentNames() string {
	var names []string
	for _, m := range f.NotPresent {
		if m.Name != "" && m.Name != m.Abbrev {
			names = append(names, m.Name+" ("+m.Abbrev+")")
		} else {
			names = append(names, m.Abbrev)
		}
	}
	return model.JoinMembers(names)
}

// AttendancePath is the attendance page of the session, where a member
// recorded absent is set present.
func (f *floorView) AttendancePath() string { return f.Session.Path() + "/anwesenheit" }

// AbsentHint is the sentence the speakers' form gives when members are
// missing from it because they are recorded absent at the item ("" when
// none is): the live page shows it beside the form, linked to
// AttendancePath.
func (f *floorView) AbsentHint() string {
	if len(f.NotPresent) == 0 {
		return ""
	}
	if len(f.NotPresent) == 1 {
		return "Nicht in der Auswahl, weil laut Anwesenheitsliste bei diesem TOP nicht anwesend: " + f.NotPresentNames() + "."
	}
	return fmt.Sprintf("Nicht in der Auswahl, weil laut Anwesenheitsliste bei diesem TOP nicht anwesend (%d): %s.", len(f.NotPresent), f.NotPresentNames())
}

// loadFloor gives the speakers' list of an item for the user of r.
func (s *Server) loadFloor(r *http.Request, se model.Session, itemID int64) (*floorView, error) {
	f := &floorView{Session: se, ItemID: itemID, Now: time.Now()}
	if itemID == 0 {
		return f, nil
	}
	reqs, err := s.st.SpeakerRequests(r.Context(), itemID)
	if err != nil {
		return nil, err
	}
	if f.Members, err = s.memberMap(r.Context()); err != nil {
		return nil, err
	}
	f.List = model.ListOf(reqs)
	if f.Eligible, err = s.st.FloorMembers(r.Context(), se.ID, itemID); err != nil {
		return nil, err
	}
	u := s.user(r)
	if se.Status == model.StatusRunning && auth.Can(u, auth.RecordMinutes, "") {
		if f.NotPresent, err = s.floorNotPresent(r.Context(), se, f.Eligible); err != nil {
			return nil, err
		}
	}
	if u != nil && u.MemberAbbrev != "" && auth.Can(u, auth.RequestFloor, u.MemberAbbrev) {
		f.Member = u.MemberAbbrev
		f.Place = f.List.PlaceOf(u.MemberAbbrev)
		for _, q := range f.List.Waiting {
			if q.Speaker == u.MemberAbbrev {
				f.OwnID = q.ID
			}
		}
		f.Speaking = f.List.Current != nil && f.List.Current.Speaker == u.MemberAbbrev
		running := se.Status == model.StatusRunning
		f.Absent = running && !slices.ContainsFunc(f.Eligible, func(m model.Member) bool { return m.Abbrev == u.MemberAbbrev })
		f.CanRequest = running && f.Place == 0 && !f.Speaking && !f.Absent
	}
	return f, nil
}

// floorNotPresent gives the members of the session's body (those it
// seats: in the AL-Runde no advisory member) that are not among eligible,
// in the members' order: with an attendance list recorded, the members it
// records absent at the item; without one, nobody (everybody is
// eligible).
func (s *Server) floorNotPresent(ctx context.Context, se model.Session, eligible []model.Member) ([]model.Member, error) {
	body, err := s.bodyOf(ctx, se.BodyID)
	if err != nil {
		return nil, err
	}
	all, err := s.st.Members(ctx)
	if err != nil {
		return nil, err
	}
	var out []model.Member
	for _, m := range all {
		if body.Seats(m) && !slices.ContainsFunc(eligible, func(e model.Member) bool { return e.Abbrev == m.Abbrev }) {
			out = append(out, m)
		}
	}
	return out, nil
}

// floorItem gives the item of a floor action: the one named in the form
// ("top"), else the item called in the session.
func floorItem(r *http.Request, se model.Session) (int64, error) {
	if id, err := strconv.ParseInt(r.PostFormValue("top"), 10, 64); err == nil && id > 0 {
		return id, nil
	}
	if se.CurrentItemID == 0 {
		return 0, model.RuleError("Es ist noch kein Tagesordnungspunkt aufgerufen; Wortmeldungen gelten dem aufgerufenen TOP.")
	}
	return se.CurrentItemID, nil
}

// floorBack answers a floor action: the live page for the secretariat,
// the session page for members.
func (s *Server) floorBack(w http.ResponseWriter, r *http.Request, se model.Session, itemID int64, notice string) {
	s.changed(r, se.ID)
	to := se.Path() + "#live-stand"
	if auth.Can(s.user(r), auth.RecordMinutes, "") {
		to = liveURL(se, itemID)
	}
	back(w, r, to, notice)
}

func (s *Server) requestFloor(w http.ResponseWriter, r *http.Request) {
	u, _, se, ok := s.sessionAction(w, r, auth.RequestFloor)
	if !ok {
		return
	}
	speaker := u.MemberAbbrev
	if other := r.PostFormValue("sprecher"); other != "" && u.Role == model.RoleSecretariat {
		speaker = other
	}
	if !auth.Can(u, auth.RequestFloor, speaker) || speaker == "" {
		s.fail(w, r, model.ForbiddenError("Eine Wortmeldung gibt ein Mitglied für sich selbst ab; die Geschäftsstelle trägt andere ein."), "")
		return
	}
	itemID, err := floorItem(r, se)
	if err == nil {
		_, err = s.st.RequestFloor(r.Context(), se.ID, itemID, speaker)
	}
	if errors.Is(err, store.ErrOnTheList) && speaker == u.MemberAbbrev {
		// The member's own second tap: it waits already, as it asked.
		s.floorBack(w, r, se, itemID, "Ihre Wortmeldung steht bereits auf der Redeliste.")
		return
	}
	if err != nil && u.Role == model.RoleSecretariat && itemID != 0 {
		// The live page again, the member chosen and the reason at the
		// field (an absent member, one already on the list).
		s.refuseEntry(w, r, se, itemID, "wm-form", "Die Wortmeldung ist nicht eingetragen", err)
		return
	}
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	// The member named as the minutes name it ("des Bundes", "von HE");
	// before, "Wortmeldung von Bund ist auf der Redeliste.", and the
	// member's own request was named in the third person.
	notice := fmt.Sprintf("Die Wortmeldung %s steht auf der Redeliste.", model.OfMembers([]string{speaker}))
	if speaker == u.MemberAbbrev && u.Role != model.RoleSecretariat {
		notice = "Ihre Wortmeldung steht auf der Redeliste."
	}
	s.floorBack(w, r, se, itemID, notice)
}

func (s *Server) withdrawFloor(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.RequestFloor, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	q, err := s.st.SpeakerRequest(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Diese Wortmeldung gibt es nicht.")
		return
	}
	if !auth.Can(u, auth.RequestFloor, q.Speaker) {
		s.fail(w, r, model.ForbiddenError("Eine Wortmeldung zieht das Mitglied selbst oder die Geschäftsstelle zurück."), "")
		return
	}
	se, err := s.st.Session(r.Context(), q.SessionID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.st.WithdrawFloor(r.Context(), id); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.floorBack(w, r, se, q.ItemID, fmt.Sprintf("Die Wortmeldung %s ist zurückgezogen.", model.OfMembers([]string{q.Speaker})))
}

func (s *Server) nextSpeaker(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	itemID, err := floorItem(r, se)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	rowID, started, err := s.st.NextSpeaker(r.Context(), se.ID, itemID, floorSeen(r))
	if errors.Is(err, store.ErrFloorMoved) {
		// The button clicked twice, or a second window: nothing changed;
		// the list as it is now, the reason as the note (before: an
		// error page in the middle of the session day).
		back(w, r, liveAt(se, itemID, "redeliste"), model.ReasonOf(err))
		return
	}
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, se.ID)
	notice := "Niemand wartet auf der Redeliste."
	if started {
		notice = s.floorGivenNotice(r.Context(), itemID)
	}
	to := liveURL(se, itemID)
	if rowID != 0 {
		// The ended turn's row, ready to type the points.
		to = fmt.Sprintf("%s/live?top=%d#pk-%d", se.Path(), itemID, rowID)
		notice = "Der Wortbeitrag ist als Zeile angelegt; bitte die Punkte eintragen. " + notice
	}
	back(w, r, to, notice)
}

// floorGivenNotice is the note after the chair gave the floor at the
// item: it names who has it now, as the speakers' list names the member
// ("Das Wort hat Hessen.", "Das Wort hat der Bund."). Before, it said
// "Das Wort hat die nächste Person auf der Redeliste." whoever it was;
// that stays the text where no speaker can be read.
func (s *Server) floorGivenNotice(ctx context.Context, itemID int64) string {
	const unnamed = "Das Wort hat die nächste Person auf der Redeliste."
	reqs, err := s.st.SpeakerRequests(ctx, itemID)
	if err != nil {
		return unnamed
	}
	cur := model.ListOf(reqs).Current
	if cur == nil || cur.Speaker == "" {
		return unnamed
	}
	members, err := s.memberMap(ctx)
	if err != nil {
		return unnamed
	}
	return model.FloorSentence(members, cur.Speaker, "")
}

// floorSeen reads the speaker request that had the floor when the live
// page's form was rendered (am_wort; 0 or absent: nobody), so that a form
// of an older state ends or passes on no other speaker's turn
// (store.checkFloorSeen).
func floorSeen(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PostFormValue("am_wort"), 10, 64)
	return id
}

func (s *Server) endTurn(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	rowID, err := s.st.EndTurn(r.Context(), se.ID, floorSeen(r))
	if errors.Is(err, store.ErrFloorMoved) {
		back(w, r, liveAt(se, se.CurrentItemID, "redeliste"), model.ReasonOf(err)) // as in nextSpeaker
		return
	}
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, se.ID)
	if rowID == 0 {
		back(w, r, liveURL(se, se.CurrentItemID), "Es hat gerade niemand das Wort.")
		return
	}
	c, err := s.st.Contribution(r.Context(), rowID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	back(w, r, fmt.Sprintf("%s/live?top=%d#pk-%d", se.Path(), c.ItemID, rowID),
		fmt.Sprintf("Der Wortbeitrag %s ist als Zeile angelegt; bitte die Punkte eintragen.", model.OfMembers([]string{c.Speaker})))
}

// projectorData is the content of the projector view.
type projectorData struct {
	Session model.Session
	Body    model.Body
	Item    model.AgendaItem
	HasItem bool
	Floor   *floorView
	Vote    voteView
	// Result is the latest decided proposal of the called item (adopted
	// or rejected), shown once its vote is closed.
	Result    *model.Decision
	HasResult bool
}

// loadProjector gathers the projector view of a session for the user.
func (s *Server) loadProjector(r *http.Request, se model.Session) (projectorData, error) {
	ctx := r.Context()
	d := projectorData{Session: se}
	var err error
	// The heading names the council after the session's title: "48.
	// Sitzung des IT-Planungsrats", and for a session of the AL-Runde
	// (whose title names its body) "40. AL-Runde des IT-Planungsrats" —
	// the AL-Runde's own name would read "40. AL-Runde der
	// Abteilungsleiterrunde des IT-Planungsrats". What is counted (the
	// vote, its voters) is the session's body's: loadVoteView.
	if d.Body, err = s.councilBody(ctx); err != nil {
		return d, err
	}
	a := s.audienceOf(r)
	if se.CurrentItemID != 0 && a.SeesAgenda(se) {
		if it, err := s.st.Item(ctx, se.CurrentItemID); err == nil && a.SeesItem(it, se, s.user(r)) {
			d.Item, d.HasItem = a.Item(it), true
		}
	}
	if d.Floor, err = s.loadFloor(r, se, d.Item.ID); err != nil {
		return d, err
	}
	if d.Vote, err = s.loadVoteView(r, se); err != nil {
		return d, err
	}
	if d.HasItem {
		ds, err := s.st.Decisions(ctx, store.DecisionFilter{SessionID: se.ID})
		if err != nil {
			return d, err
		}
		for _, dec := range ds {
			if dec.ItemID != d.Item.ID || (dec.Status != model.DecisionAdopted && dec.Status != model.DecisionRejected) {
				continue
			}
			if d.Result == nil || d.Result.AdoptedOn.Before(dec.AdoptedOn) || dec.AdoptedOn == d.Result.AdoptedOn && dec.ID > d.Result.ID {
				v := dec
				d.Result = &v
			}
		}
		if d.Result != nil {
			// The rejected proposal is internal: the projector shows the
			// room what this viewer may see (the gate).
			if v, ok := a.Decision(*d.Result); ok {
				d.Result, d.HasResult = &v, true
			} else if a == model.Internal {
				d.HasResult = true
			} else {
				d.Result = nil
			}
		}
	}
	return d, nil
}

// projector is the full-screen page for the room (Beamer-Ansicht): the
// called item, the speaker with the elapsed time, the queue, and the vote
// result once closed. It needs a login (the room is the council's).
func (s *Server) projector(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	d, err := s.loadProjector(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.writeFragment(w, r, "projector.html", "projector", d)
}

// writeFragment executes one named template of a page's set (a page of
// its own, or the part an event refreshes) without the site layout.
func (s *Server) writeFragment(w http.ResponseWriter, r *http.Request, page, name string, data any) {
	b, err := s.fragment(page, name, data)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}
