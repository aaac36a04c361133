package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

func (s *Server) liveRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /sitzungen/{nr}/live", s.livePage)
	mux.HandleFunc("GET /sitzungen/{nr}/live/ereignisse", s.liveEvents)
	mux.HandleFunc("GET /sitzungen/{nr}/live/stand", s.liveState)
	mux.HandleFunc("POST /sitzungen/{nr}/gruene-liste", s.adoptConsentAgenda)
	mux.HandleFunc("POST /sitzungen/{nr}/beschlussfaehigkeit", s.establishQuorum)
	mux.HandleFunc("POST /tops/{id}/aufrufen", s.callItem)
	mux.HandleFunc("POST /tops/{id}/beitraege", s.addContribution)
	mux.HandleFunc("POST /beitraege/{rid}", s.editContribution)
	mux.HandleFunc("POST /tops/{id}/notizen", s.addNote)
	mux.HandleFunc("POST /notizen/{rid}", s.editNote)
	mux.HandleFunc("POST /tops/{id}/vermerke", s.addRemark)
	mux.HandleFunc("POST /tops/{id}/beschluesse", s.addDecision)
	mux.HandleFunc("POST /entwuerfe/{rid}", s.editDecision)
	mux.HandleFunc("POST /entwuerfe/{rid}/abstimmung", s.voteDecision)
	mux.HandleFunc("POST /tops/{id}/auftraege", s.addFollowUp)
}

// editable reports whether the minutes of a session can be recorded now:
// while it runs, and afterwards until they are approved.
func editable(se model.Session) bool {
	switch se.Status {
	case model.StatusRunning, model.StatusEnded, model.StatusMinutesDraft:
		return true
	}
	return false
}

type liveData struct {
	Session  model.Session
	Doc      minutes.Document
	Current  minutes.Item
	HasItem  bool
	Drafts   map[int64]model.Decision // the item's open proposals by id
	Members  map[string]model.Member
	Voters   []model.Member
	Speakers []model.Member
	Rules    []model.Rule
	Notice   string
	Consent  int // open proposals on the consent agenda
	Present  map[string]bool
}

func (s *Server) livePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.RecordMinutes, ""); !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	doc, err := minutes.Load(ctx, s.st, se.ID, model.Internal)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := liveData{Session: se, Doc: doc, Notice: r.URL.Query().Get("hinweis"), Drafts: map[int64]model.Decision{},
		Rules: []model.Rule{model.RuleUnanimous, model.RuleSimple, model.RuleQualified}}
	want, _ := strconv.ParseInt(r.URL.Query().Get("top"), 10, 64)
	if want == 0 {
		want = se.CurrentItemID
	}
	for _, it := range doc.Items() {
		if !d.HasItem || it.ID == want {
			d.Current, d.HasItem = it, true
		}
		if it.Consent {
			for _, row := range it.Rows {
				if row.Decision != nil && row.Decision.Status == model.DecisionDraft {
					d.Consent++
				}
			}
		}
	}
	for _, row := range d.Current.Rows {
		if row.Decision != nil && row.Decision.Status == model.DecisionDraft {
			d.Drafts[row.Decision.ID] = *row.Decision
		}
	}
	if d.Members, err = s.memberMap(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	all, err := s.st.Members(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Speakers = all
	present, err := s.st.Attendance(ctx, se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Present = map[string]bool{}
	for _, a := range present {
		d.Present[a] = true
	}
	for _, m := range all {
		if m.Kind.Votes() {
			d.Voters = append(d.Voters, m)
		}
	}
	s.render(w, r, http.StatusOK, "live.html", view{Title: "Live-Protokoll – " + se.Title(), Active: "sitzungen", Data: d})
}

// liveItem checks the rights and the state for a change to an item's
// minutes; it answers the request itself when the change is not possible.
func (s *Server) liveItem(w http.ResponseWriter, r *http.Request) (*model.User, model.AgendaItem, model.Session, bool) {
	u, ok := s.require(w, r, auth.RecordMinutes, "")
	if !ok || !s.parseForm(w, r) {
		return nil, model.AgendaItem{}, model.Session{}, false
	}
	it, se, ok := s.itemFromPath(w, r)
	if !ok {
		return nil, it, se, false
	}
	if !editable(se) {
		s.render(w, r, http.StatusConflict, "error.html", view{Title: "Protokoll nicht änderbar",
			Data: "Das Protokoll kann während der Sitzung und bis zu seiner Genehmigung geführt werden."})
		return nil, it, se, false
	}
	return u, it, se, true
}

func liveURL(se model.Session, itemID int64) string {
	return fmt.Sprintf("/sitzungen/%d/live?top=%d#top-%d", se.Number, itemID, itemID)
}

// saved answers a successful change: htmx requests get a short status, other
// requests go back to the live page.
func (s *Server) saved(w http.ResponseWriter, r *http.Request, se model.Session, itemID int64, notice string) {
	s.changed(r, se.ID)
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<span class="save-state ok" role="status">Gespeichert</span>`)
		return
	}
	back(w, r, liveURL(se, itemID), notice)
}

func (s *Server) callItem(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	if err := s.st.SetCurrentItem(r.Context(), se.ID, it.ID); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.saved(w, r, se, it.ID, it.Label()+" ist aufgerufen.")
}

func (s *Server) addContribution(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	speaker := strings.TrimSpace(r.PostFormValue("sprecher"))
	if other := strings.TrimSpace(r.PostFormValue("sprecher_andere")); other != "" {
		speaker = other
	}
	points := formLines(r.PostFormValue("punkte"))
	if speaker == "" || len(points) == 0 {
		s.badRequest(w, r, "Ein Wortbeitrag braucht die sprechende Stelle und mindestens einen Punkt.")
		return
	}
	ctx := r.Context()
	pos, err := s.st.NextPosition(ctx, it.ID)
	if err == nil {
		_, err = s.st.CreateContribution(ctx, model.Contribution{ItemID: it.ID, Position: pos, Speaker: speaker, Points: points, Confidential: r.PostFormValue("vertraulich") == "1"})
	}
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.saved(w, r, se, it.ID, "Wortbeitrag von "+speaker+" gespeichert.")
}

func rowID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	return id
}

// liveRow checks rights and state for an edit of an existing row of item.
func (s *Server) liveRow(w http.ResponseWriter, r *http.Request, itemID int64) (*model.User, model.Session, bool) {
	u, ok := s.require(w, r, auth.RecordMinutes, "")
	if !ok || !s.parseForm(w, r) {
		return nil, model.Session{}, false
	}
	it, err := s.st.Item(r.Context(), itemID)
	if err != nil {
		s.fail(w, r, err, "Diesen Eintrag gibt es nicht.")
		return nil, model.Session{}, false
	}
	se, err := s.st.Session(r.Context(), it.SessionID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, se, false
	}
	return u, se, true
}

func (s *Server) editContribution(w http.ResponseWriter, r *http.Request) {
	c, err := s.st.Contribution(r.Context(), rowID(r))
	if err != nil {
		s.fail(w, r, err, "Diesen Wortbeitrag gibt es nicht.")
		return
	}
	_, se, ok := s.liveRow(w, r, c.ItemID)
	if !ok {
		return
	}
	c.Version = formVersion(r)
	if sp := strings.TrimSpace(r.PostFormValue("sprecher")); sp != "" {
		c.Speaker = sp
	}
	c.Points = formLines(r.PostFormValue("punkte"))
	c.Confidential = r.PostFormValue("vertraulich") == "1"
	if err := s.st.UpdateContribution(r.Context(), c); err != nil {
		s.failKeeping(w, r, err, "", r.PostFormValue("punkte"))
		return
	}
	s.saved(w, r, se, c.ItemID, "Wortbeitrag gespeichert.")
}

func (s *Server) addNote(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	author := strings.TrimSpace(r.PostFormValue("autor"))
	text := strings.Join(formLines(r.PostFormValue("text")), "\n")
	if author == "" || text == "" {
		s.badRequest(w, r, "Eine Protokollnotiz braucht das Mitglied und den Text.")
		return
	}
	ctx := r.Context()
	pos, err := s.st.NextPosition(ctx, it.ID)
	if err == nil {
		_, err = s.st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it.ID, Position: pos, Author: author, Text: text, Confidential: r.PostFormValue("vertraulich") == "1"})
	}
	if err == nil && !it.Flags.Note {
		it.Flags.Note = true
		err = s.st.UpdateItem(ctx, it)
	}
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.saved(w, r, se, it.ID, "Protokollnotiz ("+author+") gespeichert.")
}

func (s *Server) editNote(w http.ResponseWriter, r *http.Request) {
	n, err := s.st.ProtocolNote(r.Context(), rowID(r))
	if err != nil {
		s.fail(w, r, err, "Diese Protokollnotiz gibt es nicht.")
		return
	}
	_, se, ok := s.liveRow(w, r, n.ItemID)
	if !ok {
		return
	}
	n.Version = formVersion(r)
	n.Text = strings.Join(formLines(r.PostFormValue("text")), "\n")
	n.Confidential = r.PostFormValue("vertraulich") == "1"
	if err := s.st.UpdateProtocolNote(r.Context(), n); err != nil {
		s.failKeeping(w, r, err, "", r.PostFormValue("text"))
		return
	}
	s.saved(w, r, se, n.ItemID, "Protokollnotiz gespeichert.")
}

func (s *Server) addRemark(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	text := strings.Join(formLines(r.PostFormValue("text")), "\n")
	if text == "" {
		s.badRequest(w, r, "Bitte einen Text eingeben.")
		return
	}
	ctx := r.Context()
	pos, err := s.st.NextPosition(ctx, it.ID)
	if err == nil {
		_, err = s.st.CreateRemark(ctx, model.Remark{ItemID: it.ID, Position: pos, Kind: model.RemarkText, Text: text, Confidential: r.PostFormValue("vertraulich") == "1"})
	}
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.saved(w, r, se, it.ID, "Vermerk gespeichert.")
}

func (s *Server) addDecision(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	points := formLines(r.PostFormValue("punkte"))
	if len(points) == 0 {
		s.badRequest(w, r, "Ein Beschlussvorschlag braucht mindestens einen Punkt.")
		return
	}
	kind := model.KindDecision
	if r.PostFormValue("art") == string(model.KindRecommendation) {
		kind = model.KindRecommendation
	}
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	applicants := splitFormList(r.PostFormValue("antrag"))
	if err := s.checkApplicants(r, applicants); err != nil {
		s.fail(w, r, err, "")
		return
	}
	pos, err := s.st.NextPosition(ctx, it.ID)
	if err == nil {
		title := confidentialMarks(r.PostFormValue("titel"))
		if title == "" {
			title = minutes.DecisionTitle(it)
		}
		_, err = s.st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: se.ID, ItemID: it.ID, Position: pos, Kind: kind,
			Status: model.DecisionDraft, Scope: model.ScopeAll, Title: title, Points: numberedFormPoints(points), Applicants: applicants})
	}
	if err == nil && !it.Flags.Decision {
		it.Flags.Decision = true
		err = s.st.UpdateItem(ctx, it)
	}
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.saved(w, r, se, it.ID, "Beschlussvorschlag gespeichert.")
}

// draftFromPath gives an open decision proposal and checks the rights.
func (s *Server) draftFromPath(w http.ResponseWriter, r *http.Request) (*model.User, model.Decision, model.Session, bool) {
	d, err := s.st.Decision(r.Context(), rowID(r))
	if err != nil {
		s.fail(w, r, err, "Diesen Beschlussvorschlag gibt es nicht.")
		return nil, d, model.Session{}, false
	}
	u, se, ok := s.liveRow(w, r, d.ItemID)
	return u, d, se, ok
}

func (s *Server) editDecision(w http.ResponseWriter, r *http.Request) {
	_, d, se, ok := s.draftFromPath(w, r)
	if !ok {
		return
	}
	d.Version = formVersion(r)
	if t := strings.TrimSpace(r.PostFormValue("titel")); t != "" {
		d.Title = confidentialMarks(t)
	}
	if points := formLines(r.PostFormValue("punkte")); len(points) > 0 {
		d.Points = numberedFormPoints(points)
	}
	if err := s.st.UpdateDecision(r.Context(), d); err != nil {
		s.failKeeping(w, r, err, "", r.PostFormValue("punkte"))
		return
	}
	s.saved(w, r, se, d.ItemID, "Beschlussvorschlag gespeichert.")
}

// formVotes reads the vote grid: one field "stimme_<Kürzel>" per voter.
func formVotes(r *http.Request, voters []model.Member) (map[string]model.VoteChoice, []model.Vote, error) {
	votes := map[string]model.VoteChoice{}
	var list []model.Vote
	for _, m := range voters {
		c := model.VoteChoice(r.PostFormValue("stimme_" + m.Abbrev))
		if c == "" {
			c = model.VoteNone
		}
		if !c.Valid() {
			return nil, nil, model.InputError("Die Stimme „%s“ für %s ist unbekannt; möglich sind ja, nein, Enthaltung oder keine Stimme.", c, m.Abbrev)
		}
		votes[m.Abbrev] = c
		list = append(list, model.Vote{Member: m.Abbrev, Choice: c})
	}
	return votes, list, nil
}

func (s *Server) voteDecision(w http.ResponseWriter, r *http.Request) {
	_, d, se, ok := s.draftFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	voters, err := s.votingMembers(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	votes, list, err := formVotes(r, voters)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	rule := model.Rule(r.PostFormValue("regel"))
	on := se.Date
	if on.IsZero() {
		on = today()
	}
	var shares model.Shares
	if rule == model.RuleQualified {
		if shares, _, err = s.st.SharesFor(ctx, on.Year); err != nil {
			s.badRequest(w, r, fmt.Sprintf("Für die qualifizierte Mehrheit ist kein Königsteiner Schlüssel für %d geladen (gremium config ks DATEI.csv).", on.Year))
			return
		}
	}
	tally, err := model.Count(rule, voters, votes, shares)
	if err != nil {
		s.badRequest(w, r, "Die Abstimmung kann so nicht ausgewertet werden.")
		return
	}
	if r.PostFormValue("geltung") == "zustimmende" {
		d.Scope = model.ScopeConsenting
	}
	if d.Scope == model.ScopeConsenting {
		d.Version = formVersion(r)
		if err := s.st.UpdateDecision(ctx, d); err != nil {
			s.fail(w, r, err, "")
			return
		}
		d.Version++
	} else {
		d.Version = formVersion(r)
	}
	phrase := tally.Phrase()
	if tally.Adopted {
		adopted, err := s.st.AdoptDecision(ctx, d.ID, d.Version, on, phrase, list)
		if err != nil {
			s.fail(w, r, err, "")
			return
		}
		s.saved(w, r, se, d.ItemID, fmt.Sprintf("%s %s: %s (%s)", adopted.Kind.Label(), adopted.Label, phrase, tally.Reason))
		return
	}
	if err := s.st.RejectDecision(ctx, d.ID, d.Version, on, phrase, list); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.saved(w, r, se, d.ItemID, "Abgelehnt: "+tally.Reason)
}

func (s *Server) adoptConsentAgenda(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	if se.Status != model.StatusRunning {
		s.badRequest(w, r, "Die Grüne Liste wird in der laufenden Sitzung beschlossen.")
		return
	}
	voters, err := s.votingMembers(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	votes, list, err := formVotes(r, voters)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	tally, err := model.Count(model.RuleUnanimous, voters, votes, nil)
	if err != nil || !tally.Adopted {
		s.badRequest(w, r, "Die Grüne Liste wird einstimmig beschlossen; bei Gegenstimmen ist der betroffene TOP einzeln zu behandeln.")
		return
	}
	res := tally.Result()
	res.Note = "Grüne Liste, en bloc"
	adopted, err := s.st.AdoptConsentAgenda(r.Context(), se.ID, se.Date, res.Phrase(), list)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, se.ID)
	var labels []string
	for _, d := range adopted {
		labels = append(labels, d.Label)
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/live", se.Number), "Grüne Liste beschlossen: "+strings.Join(labels, ", "))
}

func (s *Server) addFollowUp(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	f := model.FollowUp{ItemID: it.ID, Text: confidentialMarks(r.PostFormValue("text")), Responsible: strings.TrimSpace(r.PostFormValue("verantwortlich")), Status: model.FollowUpOpen}
	var err error
	if f.DueDate, err = model.ParseDate(r.PostFormValue("frist")); err != nil {
		s.badRequest(w, r, "Die Frist ist kein gültiges Datum (TT.MM.JJJJ).")
		return
	}
	if v := strings.TrimSpace(r.PostFormValue("frist_sitzung")); v != "" {
		if f.DueSession, err = strconv.Atoi(v); err != nil || f.DueSession <= 0 {
			s.badRequest(w, r, "Die Frist „zur N. Sitzung“ braucht eine Sitzungsnummer.")
			return
		}
	}
	if id, err := strconv.ParseInt(r.PostFormValue("beschluss"), 10, 64); err == nil {
		f.DecisionID = id
	}
	if f.Text == "" || f.Responsible == "" {
		s.badRequest(w, r, "Ein Auftrag braucht den Auftrag und die verantwortliche Stelle.")
		return
	}
	ctx := r.Context()
	if _, err := s.st.CreateFollowUp(ctx, f); err != nil {
		s.fail(w, r, err, "")
		return
	}
	if !it.Flags.FollowUp {
		it.Flags.FollowUp = true
		if err := s.st.UpdateItem(ctx, it); err != nil {
			s.fail(w, r, err, "")
			return
		}
	}
	s.saved(w, r, se, it.ID, "Auftrag an "+f.Responsible+" gespeichert.")
}

// ---- the live view for participants ----

type liveStateData struct {
	Session   model.Session
	Current   model.AgendaItem
	HasItem   bool
	Decisions []model.Decision
}

func (s *Server) loadLiveState(r *http.Request, se model.Session) (liveStateData, error) {
	d := liveStateData{Session: se}
	ctx := r.Context()
	if se.CurrentItemID != 0 {
		if it, err := s.st.Item(ctx, se.CurrentItemID); err == nil {
			it.Title = s.audienceOf(r).Text(it.Title)
			d.Current, d.HasItem = it, true
		}
	}
	ds, err := s.st.Decisions(ctx, store.DecisionFilter{SessionID: se.ID, Status: model.DecisionAdopted})
	if err != nil {
		return d, err
	}
	a := s.audienceOf(r)
	for _, dec := range ds {
		dec.Title, dec.Result = a.Text(dec.Title), a.Text(dec.Result)
		d.Decisions = append(d.Decisions, dec)
	}
	return d, nil
}

func (s *Server) liveEvents(w http.ResponseWriter, r *http.Request) {
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.serveEvents(w, r, se.ID)
}

func (s *Server) liveState(w http.ResponseWriter, r *http.Request) {
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	d, err := s.loadLiveState(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := s.pages["session.html"].ExecuteTemplate(&buf, "live-state", d); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}

func (s *Server) establishQuorum(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	ok, reason, err := s.st.EstablishQuorum(r.Context(), se.ID, r.PostForm["anwesend"])
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, se.ID)
	notice := "Feststellung der Beschlussfähigkeit: " + reason
	if !ok {
		notice += ". Beschlüsse können erst nach erneuter Feststellung festgehalten werden."
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/live", se.Number), notice)
}
