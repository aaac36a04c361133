package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

type liveData struct {
	Session  model.Session
	Doc      minutes.Document
	Current  minutes.Item
	HasItem  bool
	Drafts   map[int64]model.Decision // the item's open proposals by id
	Members  map[string]model.Member
	Voters   []model.Member // the session's body's voters (model.VotingIn), as the store counts
	Speakers []model.Member
	Consent  int // open proposals on the consent agenda
	// ConsentItems are the items of the Grüne Liste with an open
	// proposal, in agenda order: the en-bloc box names what it adopts.
	ConsentItems []minutes.Item
	// ConsentSeen records those proposals with their versions for the
	// Grüne Liste's show of hands (consentSeen).
	ConsentSeen string
	// Present are the voters present or represented at the current item,
	// ConsentPresent at the item called (where the Grüne Liste is voted).
	Present        map[string]bool
	ConsentPresent map[string]bool
	PresentCount   int
	// CalledLabel names the item called ("" when none is); CalledQuorum
	// says why the session, its quorum established, has none there
	// (model.QuorumAt, the rule that refuses a vote; "" when it has).
	CalledLabel  string
	CalledQuorum string
	Vote         voteView            // the open vote, if any
	Rules        model.DecisionRules // the body's rules, stated beside the proposals
	// Recommends: the session's body prepares another (the AL-Runde), and
	// a proposal it takes is a Beschlussempfehlung (model.Decision.Recommends).
	Recommends bool
	// RulesOf names the body whose rules apply, in the genitive ("des
	// IT-Planungsrats"): the council's also in the AL-Runde, as long as
	// its majorities are the council's (sameMajorities).
	RulesOf       string
	SharesWarning string
	// Panel is the speakers' list of the item viewed (speakers.go).
	Panel livePanel
	// Proposals are follow-ups the current item's wording proposes
	// (followup_proposals.go).
	Proposals []minutes.Proposal
	// Refused is a show of hands that was not taken, shown again as typed.
	Refused voteRefusal
	// Entry is a new entry of the item (Wortbeitrag, Beschlussvorschlag,
	// Protokollnotiz, Auftrag, Vermerk) that was not taken, shown again in
	// its form as typed (refuseEntry).
	Entry refusedForm
	// Later are the sessions the current item may be deferred to.
	Later []model.Session
	// Procedure is the open written procedure that approves the minutes,
	// if any: they do not change until it ends (the banner says so).
	Procedure *store.MinutesProcedure
	// ConsentAt is the first item of the Grüne Liste with an open
	// proposal (0: none): on the session page it carries the form "Von
	// der Grünen Liste nehmen" (PullLink).
	ConsentAt int64
	// NoteSubs are the session's submitted protocol notes that wait for
	// the Geschäftsstelle (note_submissions.go).
	NoteSubs []model.NoteSubmission
	// Open are the running session's proposals not yet voted on: the form
	// "Sitzung beenden" at the end of the page lists them and asks, as the
	// Verwaltung does, to confirm that they stay undecided.
	Open []model.OpenProposal
	// ToApprove are the earlier draft minutes the running session may
	// approve (minutesToApprove, as the Verwaltung offers them): the item
	// that names them (TOP 00) offers the approval (ApprovalsAt).
	ToApprove []minutesToApprove
}

// entryEnd is the form "Sitzung beenden" at the end of the live page; it
// posts to the status step of the Verwaltung (agenda.go, advanceSession)
// with zurueck=live, and a refusal shows the live page again
// (refuseStatus).
const entryEnd = "sitzung-beenden"

// EndSummary gives the box of the refused "Sitzung beenden" on the live
// page, every reason linked to the confirmation it lacks (as
// manageData.StatusSummary does on the Verwaltung).
func (d liveData) EndSummary() errorSummary {
	ids := map[string]string{endConfirmField: endConfirmID}
	if len(d.Open) > 0 {
		ids["offene_vorschlaege"] = "offene-vorschlaege-ok"
	}
	if d.Vote.Open {
		ids["abstimmung"] = "abstimmung-offen"
	}
	sum := summaryAs(entryEnd+"-fehler", d.Entry.What, d.Entry.Problems, func(field string) string { return ids[field] }).Within(entryEnd)
	sum.Typed = false
	return sum
}

// ApprovalsAt gives the draft minutes the item it approves: those whose
// session its title or one of its points names ("Bestätigung des
// Protokolls der 47. Sitzung", model.MinutesApprovalRef, as the store
// finds the item the approval belongs to). Before, the approval was only
// on the Verwaltung page, not where TOP 00 is run.
func (d liveData) ApprovalsAt(it minutes.Item) []minutesToApprove {
	var out []minutesToApprove
	for _, m := range d.ToApprove {
		for _, t := range append([]string{it.Title}, it.Points...) {
			if n, ok := model.MinutesApprovalRef(t); ok && n == m.Number {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// approvalEntry is the id of the approval form of the minutes of session
// n on the live page (and of its refusal, refusedForm.ID).
func approvalEntry(n int) string { return fmt.Sprintf("genehmigen-%d", n) }

// approvalFromLive reports whether an approval of minutes was sent from
// the live page (field zurueck=live), and the item it was shown at.
func approvalFromLive(r *http.Request) (int64, bool) {
	top, _ := strconv.ParseInt(r.PostFormValue("top"), 10, 64)
	return top, r.PostFormValue("zurueck") == "live"
}

// approvalBack gives the page an approval of minutes returns to: the
// live page at the item it was shown at when sent from there, else the
// Verwaltung (review.go, approveMinutes).
func approvalBack(r *http.Request, se model.Session) string {
	if top, live := approvalFromLive(r); live {
		if top == 0 {
			return se.Path() + "/live"
		}
		return liveURL(se, top)
	}
	return se.Path() + "/verwaltung"
}

// refuseApprovalLive shows the live page again at the item the refused
// approval of the minutes of session n was sent from, the reasons at its
// button; nothing is stored.
func (s *Server) refuseApprovalLive(w http.ResponseWriter, r *http.Request, status int, se model.Session, n int, reasons problems) {
	top, _ := approvalFromLive(r)
	s.renderLive(w, r, status, se, top, voteRefusal{}, refusedForm{ID: approvalEntry(n), Values: r.PostForm, Problems: reasons})
}

// ConsentNote says of the item viewed, on the Grüne Liste, how it is
// decided: while a proposal is open, that it will be with the list en
// bloc; once decided, how it was — en bloc with its label, or (voted on
// singly while still on the list) adopted or rejected. Before, the note
// stayed in the future tense after the vote.
func (d liveData) ConsentNote() string {
	const future = "Auf der Grünen Liste: wird mit ihr en bloc beschlossen."
	var enBloc, single, rejected []string
	for _, row := range d.Current.Rows {
		dec := row.Decision
		if dec == nil {
			continue
		}
		switch dec.Status {
		case model.DecisionDraft:
			return future
		case model.DecisionAdopted:
			if strings.Contains(dec.Result, "en bloc") {
				enBloc = append(enBloc, dec.Label)
			} else {
				single = append(single, dec.Label)
			}
		case model.DecisionRejected:
			rejected = append(rejected, dec.Label)
		}
	}
	labelled := func(labels []string) string {
		var named []string
		for _, l := range labels {
			if l != "" {
				named = append(named, l)
			}
		}
		if len(named) == 0 {
			return ""
		}
		return " (" + strings.Join(named, ", ") + ")"
	}
	var parts []string
	if len(enBloc) > 0 {
		parts = append(parts, "mit ihr en bloc beschlossen"+labelled(enBloc))
	}
	if len(single) > 0 {
		parts = append(parts, "einzeln abgestimmt und beschlossen"+labelled(single))
	}
	if len(rejected) > 0 {
		parts = append(parts, "einzeln abgestimmt und abgelehnt"+labelled(rejected))
	}
	if len(parts) == 0 {
		return future
	}
	return "Auf der Grünen Liste: " + strings.Join(parts, "; ") + "."
}

// PullLink gives the session page at the Grüne Liste, where its items are
// taken off the list, when the page shows the Grüne Liste refused after a
// Nein — a show of hands in one step with a Nein typed, or the members'
// vote on it, cast with a Nein, closed — and "" otherwise. The refusal's
// reason names the session page (and the Nein: the link tells no more);
// before, it gave no way there.
func (d liveData) PullLink() string {
	if d.ConsentAt == 0 {
		return ""
	}
	grid := d.Refused.Grid == "gl" && len(d.Refused.Listed(model.VoteNo)) > 0
	closed := d.Entry.ID == "abstimmung" && d.Vote.Open && d.Vote.Vote.Consent() && slices.ContainsFunc(d.Vote.Vote.Votes, func(c model.CastVote) bool { return c.Choice == model.VoteNo })
	if !grid && !closed {
		return ""
	}
	return d.Session.Path() + "#" + d.Doc.Anchors()[d.ConsentAt] // the item's anchor there (model.ItemAnchors)
}

// DeferForm gives the deferral form of the current item (deferral.go).
func (d liveData) DeferForm() deferFormView {
	return deferFormView{Item: d.Current.AgendaItem, Later: d.Later, Entry: d.Entry, Back: "live"}
}

// voteRefusal is a show of hands the live page did not take: the grid it
// came from, every choice as typed, and why; the page shows that grid
// again with the choices set, so that the secretariat loses none of them.
type voteRefusal struct {
	// Grid names the form: "hz" the open vote's, "v<id>" a proposal's
	// one-step show of hands, "gl" the Grüne Liste's.
	Grid    string
	Choices map[string]model.VoteChoice
	// Consenting is the typed "gilt nur für die zustimmenden Mitglieder".
	Consenting bool
	Reason     string
	// Voters name the members in the list of choices (in list order).
	Voters []model.Member
	// VoteID is the open vote the "hz" grid was for.
	VoteID int64
	// Shown: the page shows the grid again (not when the vote has ended or
	// the proposal was decided meanwhile).
	Shown bool
}

// For gives the typed choices when grid is the refused one, else nil.
func (v voteRefusal) For(grid string) map[string]model.VoteChoice {
	if v.Grid != grid {
		return nil
	}
	return v.Choices
}

// Listed gives the members typed with choice, in list order, for the
// summary beside the reason (the refused grid may no longer be shown: a
// vote closed meanwhile).
func (v voteRefusal) Listed(choice model.VoteChoice) []string {
	var out []string
	for _, m := range v.Voters {
		if v.Choices[m.Abbrev] == choice {
			out = append(out, m.Abbrev)
		}
	}
	return out
}

// typedVotes reads a show-of-hands grid as typed, valid or not.
func typedVotes(r *http.Request, voters []model.Member) map[string]model.VoteChoice {
	out := map[string]model.VoteChoice{}
	for _, m := range voters {
		if c := r.PostFormValue("stimme_" + m.Abbrev); c != "" {
			out[m.Abbrev] = model.VoteChoice(c)
		}
	}
	return out
}

// refuseVotes answers a show of hands that was refused: a refusal with a
// reason for the user (bad input, a rule, a conflict) shows the live page
// again at item with the grid as typed; any other error answers as usual.
func (s *Server) refuseVotes(w http.ResponseWriter, r *http.Request, se model.Session, item, voteID int64, grid string, voters []model.Member, err error) {
	if !formRefusal(err) {
		s.fail(w, r, err, "")
		return
	}
	s.renderLive(w, r, http.StatusUnprocessableEntity, se, item, voteRefusal{Grid: grid, Choices: typedVotes(r, voters),
		Consenting: r.PostFormValue("geltung") == "zustimmende", Reason: model.ReasonOf(err), Voters: voters, VoteID: voteID}, refusedForm{})
}

// Forms for new entries of an item on the live page, as refuseEntry names
// them (the ids of their forms on the page).
const (
	entryContribution = "form-on"
	entryDecision     = "form-bv"
	entryNote         = "form-pn"
	entryFollowUp     = "form-auftrag"
	entryRemark       = "form-vermerk"
)

// entryFieldIDs are the ids of the fields of the forms for new entries by
// form and field name (the contribution's punkte is neu-punkte, the
// proposal's neu-bpunkte).
var entryFieldIDs = map[string]map[string]string{
	entryContribution: {"sprecher": "neu-sprecher", "sprecher_andere": "neu-andere", "punkte": "neu-punkte", "vertraulich": "neu-vertraulich"},
	entryDecision:     {"art": "neu-art", "titel": "neu-btitel", "antrag": "neu-antrag", "punkte": "neu-bpunkte", "alle": "neu-alle"},
	entryNote:         {"autor": "neu-autor", "text": "neu-pn", "vertraulich": "neu-pnv"},
	entryFollowUp:     {"text": "neu-auftrag", "verantwortlich": "neu-verantw", "frist": "neu-frist", "frist_sitzung": "neu-fristsitzung", "beschluss": "neu-abeschluss"},
	entryRemark:       {"text": "neu-vermerk", "vertraulich": "neu-vv"},
}

// EntrySummary gives the box in the refused form for a new entry
// (template "error-summary"): every reason linked to its field, a reason
// about the entry as a whole to the form.
func (d liveData) EntrySummary() errorSummary {
	ids := entryFieldIDs[d.Entry.ID]
	return summaryAs(d.Entry.ID+"-fehler", d.Entry.What, d.Entry.Problems, func(field string) string { return ids[field] }).Within(d.Entry.ID)
}

// refuseEntry answers a new entry of the live page that was refused: a
// refusal with a reason for the user (bad input, a rule, a conflict) shows
// the live page again at the item with the form open, as typed, and the
// reason — in a session nothing typed may be lost to an error page; any
// other error answers as usual.
func (s *Server) refuseEntry(w http.ResponseWriter, r *http.Request, se model.Session, itemID int64, form, what string, err error) {
	entry, status, ok := refusedFormOf(r, form, what, err)
	if !ok {
		s.fail(w, r, err, "")
		return
	}
	s.renderLive(w, r, status, se, itemID, voteRefusal{}, entry)
}

// shown says whether the live page d shows the refused grid again: the
// open vote's while that vote is open, a proposal's or the Grüne Liste's
// while the session runs without an open vote and the proposals are open.
func (v voteRefusal) shown(d liveData) bool {
	running := d.Session.Status == model.StatusRunning
	switch {
	case v.Grid == "":
		return false
	case v.Grid == "hz":
		return d.Vote.Open && d.Vote.Vote.ID == v.VoteID
	case v.Grid == "gl":
		return running && !d.Vote.Open && d.Consent > 0
	}
	for id := range d.Drafts {
		if v.Grid == fmt.Sprintf("v%d", id) {
			return running && !d.Vote.Open
		}
	}
	return false
}

func (s *Server) livePage(w http.ResponseWriter, r *http.Request) {
	if u := s.user(r); u != nil && !u.Disabled && !auth.Can(u, auth.RecordMinutes, "") {
		// Signed in but not keeping the minutes (a member's office, a
		// FachMK secretariat): sent on to the session page, which has the
		// live state and the forms for a Protokollnotiz (before: "Keine
		// Berechtigung" with only the way to the start page). Whoever
		// may not read that page either is refused there as before
		// (sessionFromPath).
		if _, se, ok := s.sessionFromPath(w, r); ok {
			// …?top= names an item: to that item on the page.
			top, _ := strconv.ParseInt(r.URL.Query().Get("top"), 10, 64)
			to, err := s.itemURL(r.Context(), se, top)
			if err != nil {
				to = se.Path()
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
		}
		return
	}
	if _, ok := s.require(w, r, auth.RecordMinutes, ""); !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	want, _ := strconv.ParseInt(r.URL.Query().Get("top"), 10, 64)
	s.renderLive(w, r, http.StatusOK, se, want, voteRefusal{}, refusedForm{})
}

// renderLive shows the live page at the item want (0: the item called);
// refused is a show of hands, entry a new entry of the item, shown again as
// typed, with its reason.
func (s *Server) renderLive(w http.ResponseWriter, r *http.Request, status int, se model.Session, want int64, refused voteRefusal, entry refusedForm) {
	ctx := r.Context()
	doc, err := minutes.Load(ctx, s.st, se.ID, model.Internal)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if se.Status.MinutesFrozen() {
		// Approved minutes are immutable: no edit form at all, a banner,
		// and the way to a structured correction (corrections.go).
		s.renderFrozenMinutes(w, r, se, doc)
		return
	}
	d := liveData{Session: se, Doc: doc, Drafts: map[int64]model.Decision{}, Refused: refused, Entry: entry}
	if p, open, err := s.st.OpenMinutesProcedure(ctx, se); err != nil {
		s.serverError(w, r, err)
		return
	} else if open {
		d.Procedure = &p
	}
	if want == 0 {
		want = se.CurrentItemID
	}
	var consent []model.Decision
	for _, it := range doc.Items() {
		if !d.HasItem || it.ID == want {
			d.Current, d.HasItem = it, true
		}
		if it.Consent {
			open := false
			for _, row := range it.Rows {
				if row.Decision != nil && row.Decision.Status == model.DecisionDraft {
					consent = append(consent, *row.Decision)
					open = true
					if d.ConsentAt == 0 {
						d.ConsentAt = it.ID
					}
				}
			}
			if open {
				d.ConsentItems = append(d.ConsentItems, it)
			}
		}
	}
	d.Consent, d.ConsentSeen = len(consent), consentSeen(consent)
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
	if d.Later, err = s.laterSessions(ctx, se); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Proposals, err = s.itemProposals(ctx, doc, d.Current.ID, all); err != nil {
		s.serverError(w, r, err)
		return
	}
	present, err := s.st.Attendance(ctx, se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var order []int64
	for _, it := range doc.Items() {
		order = append(order, it.ID)
	}
	d.Present = model.PresentAt(present, order, d.Current.ID)
	d.ConsentPresent = model.PresentAt(present, order, se.CurrentItemID)
	// The session's body votes, under its rules and with its quorum, as
	// the store counts (before: the council's voters, rules and quorum
	// also in a session of the AL-Runde, whose grids then offered hands
	// to members it does not let vote).
	body, err := s.bodyOf(ctx, se.BodyID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	voting, err := s.votingIn(ctx, body, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Voters = voting.Voters
	for _, m := range d.Voters {
		if d.Present[m.Abbrev] {
			d.PresentCount++
		}
	}
	if d.Vote, err = s.loadVoteView(r, se); err != nil {
		s.serverError(w, r, err)
		return
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Rules, d.RulesOf = body.Rules, body.Of()
	if sameMajorities(body.Rules, council.Rules) {
		// The AL-Runde votes by the IT-Planungsrat's rules (GO § 8a).
		d.RulesOf = council.Of()
	}
	d.Recommends = body.Preparation.PreparesID != 0
	for _, it := range doc.Items() {
		if it.ID == se.CurrentItemID {
			d.CalledLabel = it.Label()
		}
	}
	if se.HasQuorum() {
		// Established at an earlier state of the attendance: the box
		// tells the quorum at the item called, where a vote is taken.
		if err := model.QuorumAt(d.Voters, d.ConsentPresent, body.Quorum()); err != nil {
			d.CalledQuorum = model.ReasonOf(err)
		}
	}
	d.Panel.Entry = entry
	if d.Panel.Floor, err = s.loadFloor(r, se, d.Current.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.SharesWarning, err = s.sharesWarning(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	// Submitted protocol notes waiting (note_submissions.go).
	if d.NoteSubs, err = s.st.WaitingNoteSubmissions(ctx, se.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if se.Status == model.StatusRunning {
		// "Sitzung beenden" lists what stays undecided; TOP 00 offers
		// the approval of earlier minutes, as the Verwaltung does.
		if d.Open, err = s.st.OpenProposals(ctx, se.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		if d.ToApprove, err = s.minutesToApprove(ctx, body.ID, se.Number); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	d.Refused.Shown = d.Refused.shown(d)
	s.render(w, r, status, "live.html", view{Title: "Live-Protokoll – " + se.Title(), Active: "sitzungen", Data: d})
}

// sameMajorities reports whether the rules a and b take decisions and
// recommendations by the same majorities (who votes aside).
func sameMajorities(a, b model.DecisionRules) bool {
	return a.For(model.KindDecision) == b.For(model.KindDecision) && a.For(model.KindRecommendation) == b.For(model.KindRecommendation)
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
	if err := minutesEditable(se); err != nil {
		s.fail(w, r, err, "")
		return nil, it, se, false
	}
	return u, it, se, true
}

func liveURL(se model.Session, itemID int64) string {
	return fmt.Sprintf("%s/live?top=%d#top-%d", se.Path(), itemID, itemID)
}

// liveAt gives the live page at item itemID (0: the page as it opens) and
// the element with id anchor ("redeliste", "abstimmung").
func liveAt(se model.Session, itemID int64, anchor string) string {
	if itemID == 0 {
		return se.Path() + "/live#" + anchor
	}
	return fmt.Sprintf("%s/live?top=%d#%s", se.Path(), itemID, anchor)
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

// savedRow answers the save of a versioned row of the live page (a
// Wortbeitrag, a Protokollnotiz, a Beschlussvorschlag). For the autosave it
// also swaps the version this save made into the form's hidden field (out
// of band, id versionField), so the next autosave of the same form is not
// refused as a change by someone else: before, the second pause while
// typing in a row answered "Nicht gespeichert". The store raises a row's
// version by one on each update (store.updateVersioned).
func (s *Server) savedRow(w http.ResponseWriter, r *http.Request, se model.Session, itemID int64, notice, versionField string, saved int, oob ...template.HTML) {
	if r.Header.Get("HX-Request") != "true" {
		s.saved(w, r, se, itemID, notice)
		return
	}
	s.changed(r, se.ID)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<span class="save-state ok" role="status">Gespeichert</span><input type="hidden" name="version" id="%s" value="%d" hx-swap-oob="true">`,
		versionField, saved+1)
	// What else on the page the saved row changes (a proposal's rule
	// line), replaced out of band.
	for _, h := range oob {
		fmt.Fprint(w, h)
	}
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
	const what = "Der Wortbeitrag ist nicht gespeichert"
	// Every reason at once, each at its field (before: the first only,
	// above the form).
	var refused problems
	if speaker == "" {
		refused.add(model.AtField("sprecher", model.InputError("Ein Wortbeitrag braucht die sprechende Stelle.")))
	}
	points, err := formLines(r.PostFormValue("punkte"))
	switch {
	case err != nil:
		refused.add(model.AtField("punkte", err))
	case len(points) == 0:
		refused.add(model.AtField("punkte", model.InputError("Ein Wortbeitrag braucht mindestens einen Punkt.")))
	}
	var again bool
	if err = refused.err(); err == nil {
		_, err = s.st.CreateContribution(r.Context(), model.Contribution{ItemID: it.ID, Speaker: speaker, Points: points, Confidential: r.PostFormValue("vertraulich") == "1"},
			sentOnce(r, s.user(r), &again))
	}
	if err != nil {
		s.refuseEntry(w, r, se, it.ID, entryContribution, what, err)
		return
	}
	if again {
		s.saved(w, r, se, it.ID, sentAgain("der Wortbeitrag von "+speaker+" ist gespeichert."))
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
	if err := minutesEditable(se); err != nil {
		// Answered through fail: an autosave (htmx) gets a short message
		// for its save slot, never a whole page in the form.
		s.fail(w, r, err, "")
		return nil, se, false
	}
	return u, se, true
}

// minutesEditable gives the rule error for a change to the minutes of a
// session that cannot take one now: before it runs, and after approval
// (then only a correction as a new version is possible).
func minutesEditable(se model.Session) error {
	if se.MinutesEditable() {
		return nil
	}
	if se.Status.MinutesFrozen() {
		return model.RuleError("Das Protokoll der %s ist genehmigt und kann nicht mehr geändert werden; eine Berichtigung wird als neue Fassung angelegt.", se.Title())
	}
	return model.RuleError("Das Protokoll kann während der Sitzung und bis zu seiner Genehmigung geführt werden; die %s ist „%s“.", se.Title(), se.StatusLabel())
}

// contributionForm and noteForm are the ids on the live page of the
// forms of the existing Wortbeitrag and Protokollnotiz id, as refuseRow
// names them when a change of the row is refused.
func contributionForm(id int64) string { return fmt.Sprintf("beitrag-%d", id) }
func noteForm(id int64) string         { return fmt.Sprintf("notiz-%d", id) }

// refuseRow answers a refused change of an existing row of the live page
// (form: contributionForm, noteForm; field: its text field, what the
// error page keeps). A form sent without JavaScript and refused for its
// input or a rule gets the live page again at the row's item with the
// row's form as typed and every reason at its field, as a new entry does
// (refuseEntry) — before: a bare error page with the text to copy by
// hand, the live page and the row left behind. The autosave (htmx) keeps
// its short answer for the save slot. A stale version (someone saved the
// row meanwhile) keeps the error page with the typed text and the way
// back: the row's form is the only place the stored text shows, and
// filled with the typed text it would hide the other change.
func (s *Server) refuseRow(w http.ResponseWriter, r *http.Request, se model.Session, itemID int64, form, what, field string, err error) {
	if r.Header.Get("HX-Request") == "true" || errors.Is(err, store.ErrConflict) {
		s.failKeeping(w, r, err, "", r.PostFormValue(field))
		return
	}
	s.refuseEntry(w, r, se, itemID, form, what, err)
}

func (s *Server) editContribution(w http.ResponseWriter, r *http.Request) {
	// Refused before the lookup, the same for every id (draftFromPath).
	if _, ok := s.require(w, r, auth.RecordMinutes, ""); !ok {
		return
	}
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
	refuse := func(err error) {
		s.refuseRow(w, r, se, c.ItemID, contributionForm(c.ID), "Die Änderung des Wortbeitrags ist nicht gespeichert", "punkte", err)
	}
	if c.Points, err = formLines(r.PostFormValue("punkte")); err != nil {
		refuse(model.AtField("punkte", err))
		return
	}
	c.Confidential = r.PostFormValue("vertraulich") == "1"
	if err := s.st.UpdateContribution(r.Context(), c); err != nil {
		refuse(err)
		return
	}
	s.savedRow(w, r, se, c.ItemID, "Wortbeitrag gespeichert.", fmt.Sprintf("version-beitrag-%d", c.ID), c.Version)
}

func (s *Server) addNote(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	author := strings.TrimSpace(r.PostFormValue("autor"))
	var refused problems
	if author == "" {
		refused.add(model.AtField("autor", model.InputError("Eine Protokollnotiz braucht das Mitglied.")))
	}
	text, err := formText(r.PostFormValue("text"))
	switch {
	case err != nil:
		refused.add(model.AtField("text", err))
	case text == "":
		refused.add(model.AtField("text", model.InputError("Eine Protokollnotiz braucht den Text.")))
	}
	var again bool
	if err = refused.err(); err == nil {
		_, err = s.st.CreateProtocolNote(r.Context(), model.ProtocolNote{ItemID: it.ID, Author: author, Text: text, Confidential: r.PostFormValue("vertraulich") == "1"},
			sentOnce(r, s.user(r), &again))
	}
	if err != nil {
		s.refuseEntry(w, r, se, it.ID, entryNote, "Die Protokollnotiz ist nicht gespeichert", err)
		return
	}
	if again {
		s.saved(w, r, se, it.ID, sentAgain("die Protokollnotiz ("+author+") ist gespeichert."))
		return
	}
	s.saved(w, r, se, it.ID, "Protokollnotiz ("+author+") gespeichert.")
}

func (s *Server) editNote(w http.ResponseWriter, r *http.Request) {
	// Refused before the lookup, the same for every id (draftFromPath).
	if _, ok := s.require(w, r, auth.RecordMinutes, ""); !ok {
		return
	}
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
	refuse := func(err error) {
		s.refuseRow(w, r, se, n.ItemID, noteForm(n.ID), "Die Änderung der Protokollnotiz ist nicht gespeichert", "text", err)
	}
	if n.Text, err = formText(r.PostFormValue("text")); err != nil {
		refuse(model.AtField("text", err))
		return
	}
	n.Confidential = r.PostFormValue("vertraulich") == "1"
	if err := s.st.UpdateProtocolNote(r.Context(), n); err != nil {
		refuse(err)
		return
	}
	s.savedRow(w, r, se, n.ItemID, "Protokollnotiz gespeichert.", fmt.Sprintf("version-notiz-%d", n.ID), n.Version)
}

func (s *Server) addRemark(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	text, err := formText(r.PostFormValue("text"))
	if err == nil && text == "" {
		err = model.InputError("Bitte einen Text eingeben.")
	}
	var again bool
	if err = model.AtField("text", err); err == nil {
		_, err = s.st.CreateRemark(r.Context(), model.Remark{ItemID: it.ID, Kind: model.RemarkText, Text: text, Confidential: r.PostFormValue("vertraulich") == "1"},
			sentOnce(r, s.user(r), &again))
	}
	if err != nil {
		s.refuseEntry(w, r, se, it.ID, entryRemark, "Der Vermerk ist nicht gespeichert", err)
		return
	}
	if again {
		s.saved(w, r, se, it.ID, sentAgain("der Vermerk ist gespeichert."))
		return
	}
	s.saved(w, r, se, it.ID, "Vermerk gespeichert.")
}

// ---- the live view for participants ----

type liveStateData struct {
	// Running: the session is running. The box of a session that is not
	// (yet, or any more) says so instead of the live state — the session
	// page shows the box only while the session runs, and a page left
	// open when the session ends gets this box by push.
	Running bool
	// Floor is the speakers' list of the called item for the user (nil
	// for the public): its own request for the floor (speakers.go).
	Floor     *floorView
	Vote      voteView // the open vote, if any
	Session   model.Session
	Current   model.AgendaItem
	HasItem   bool
	Decisions []model.Decision
}

func (s *Server) loadLiveState(r *http.Request, se model.Session) (liveStateData, error) {
	d := liveStateData{Session: se, Running: se.Status == model.StatusRunning}
	ctx := r.Context()
	a := s.audienceOf(r)
	if se.CurrentItemID != 0 && a.SeesAgenda(se) {
		if it, err := s.st.Item(ctx, se.CurrentItemID); err == nil && a.SeesItem(it, se, s.user(r)) {
			d.Current, d.HasItem = a.Item(it), true
		}
	}
	ds, err := s.st.Decisions(ctx, store.DecisionFilter{SessionID: se.ID, Status: model.DecisionAdopted})
	if err != nil {
		return d, err
	}
	if d.Vote, err = s.loadVoteView(r, se); err != nil {
		return d, err
	}
	d.Decisions = a.Decisions(ds)
	if a == model.Internal && d.HasItem {
		if d.Floor, err = s.loadFloor(r, se, d.Current.ID); err != nil {
			return d, err
		}
	}
	return d, nil
}

func (s *Server) liveEvents(w http.ResponseWriter, r *http.Request) {
	view, ok := streamView(r)
	if !ok {
		s.badRequest(w, r, "Diese Ansicht hat keinen Live-Stand.")
		return
	}
	if right := boxPages[view.kind].right; right != "" {
		if _, ok := s.require(w, r, right, ""); !ok {
			return
		}
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.serveEvents(w, r, se.ID, view)
}
