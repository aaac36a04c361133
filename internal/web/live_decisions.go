package web

// Decisions in a running session: proposals, votes, the Grüne Liste en
// bloc, follow-ups.

import (
	"cmp"
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

func (s *Server) addDecision(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	// The box names the proposal by the kind typed: "Der
	// Empfehlungsvorschlag ist nicht gespeichert" for an Empfehlung
	// (before: always "Beschlussvorschlag"); a kind that does not exist
	// leaves the Beschluss, the form's default.
	refuse := func(err error) {
		kind, _ := decisionKindOfForm(r.PostFormValue("art"))
		s.refuseEntry(w, r, se, it.ID, entryDecision, "Der "+cmp.Or(kind, model.KindDecision).ProposalName()+" ist nicht gespeichert", err)
	}
	// Every reason at its field: the points, the applicants, the title.
	var refused problems
	points, err := formLines(r.PostFormValue("punkte"))
	if err == nil && len(points) == 0 {
		err = model.InputError("Ein Beschlussvorschlag braucht mindestens einen Punkt.")
	}
	if err != nil {
		refused.add(model.AtField("punkte", err))
	}
	kind, err := decisionKindOfForm(r.PostFormValue("art"))
	if err != nil {
		refused.add(model.AtField("art", err))
	}
	ctx := r.Context()
	applicants := s.memberList(ctx, r.PostFormValue("antrag"))
	if err := s.checkApplicants(r, applicants); err != nil {
		refused.add(model.AtField("antrag", err))
	}
	title, err := model.ConfidentialMarks(r.PostFormValue("titel"))
	if err != nil {
		refused.add(model.AtField("titel", err))
	}
	if title == "" {
		title = minutes.DecisionTitle(it)
	}
	d := model.Decision{BodyID: se.BodyID, SessionID: se.ID, ItemID: it.ID, Kind: kind,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: title, Points: model.NumberedPoints(points), Applicants: applicants,
		AllMustConsent: r.PostFormValue("alle") == "1"}
	// The proposal's own rules (model.Decision.Validate: „Zustimmung
	// aller“ only for a Beschluss, the text's length) beside the fields'
	// reasons, as the written procedure's start form gives them: before,
	// an Empfehlung ticked so and applied for by one Land heard of the
	// application first and of the tick on the next submit. The store
	// checks them again when it writes. Without a known kind the rules
	// cannot be told.
	if d.Kind != "" {
		refused.addUnrefused(d.Validate())
	}
	if len(refused) > 0 {
		refuse(refused.inOrder("art", "titel", "antrag", "punkte", "alle").err())
		return
	}
	var again bool
	_, err = s.st.CreateDecision(ctx, d, sentOnce(r, s.user(r), &again))
	if err != nil {
		refuse(err)
		return
	}
	if again {
		s.saved(w, r, se, it.ID, sentAgain("der "+kind.ProposalName()+" ist gespeichert."))
		return
	}
	s.saved(w, r, se, it.ID, kind.ProposalName()+" gespeichert.")
}

// decisionKindOfForm reads a form's "art" of a proposal: Beschluss (also
// when the form sends none) or Empfehlung, in any case ("Beschluss" as
// the label reads: it was refused as a kind that does not exist); any
// other value is refused — it was taken as a Beschluss, whose rule
// differs.
func decisionKindOfForm(v string) (model.DecisionKind, error) {
	switch k := model.DecisionKind(strings.ToLower(strings.TrimSpace(v))); k {
	case "":
		return model.KindDecision, nil
	case model.KindDecision, model.KindRecommendation:
		return k, nil
	}
	return "", model.InputError("Die Art „%s“ gibt es nicht; bitte Beschluss oder Empfehlung wählen.", v)
}

// draftFromPath gives an open decision proposal and checks the rights.
func (s *Server) draftFromPath(w http.ResponseWriter, r *http.Request) (*model.User, model.Decision, model.Session, bool) {
	// Refused before the lookup, the same for every id: a 403 (401 for
	// the public) for a proposal that exists against 404 for one that does
	// not told anyone which drafts exist.
	if _, ok := s.require(w, r, auth.RecordMinutes, ""); !ok {
		return nil, model.Decision{}, model.Session{}, false
	}
	d, err := s.st.Decision(r.Context(), rowID(r))
	if err != nil {
		s.fail(w, r, err, "Diesen Beschlussvorschlag gibt es nicht.")
		return nil, d, model.Session{}, false
	}
	u, se, ok := s.liveRow(w, r, d.ItemID)
	return u, d, se, ok
}

// draftForm is the id on the live page of the form of the open proposal
// id, as refuseEntry names it when a change of it is refused.
func draftForm(id int64) string { return fmt.Sprintf("entwurf-%d", id) }

func (s *Server) editDecision(w http.ResponseWriter, r *http.Request) {
	_, d, se, ok := s.draftFromPath(w, r)
	if !ok {
		return
	}
	// A refusal: the autosave (htmx) gets its short answer for the save
	// slot; a form sent without JavaScript gets the live page again with
	// the proposal's form as typed and every reason at its field (before:
	// an error page with one field's text, and the title, points and kind
	// typed with it were lost).
	what := "Die Änderung des " + d.ProposalName() + "s ist nicht gespeichert"
	refuse := func(err error) {
		if r.Header.Get("HX-Request") == "true" {
			s.fail(w, r, err, "")
			return
		}
		s.refuseEntry(w, r, se, d.ItemID, draftForm(d.ID), what, err)
	}
	d.Version = formVersion(r)
	var refused problems
	if t := strings.TrimSpace(r.PostFormValue("titel")); t != "" {
		title, err := model.ConfidentialMarks(t)
		if err != nil {
			refused.add(model.AtField("titel", err))
		}
		d.Title = title
	}
	points, err := formLines(r.PostFormValue("punkte"))
	if err != nil {
		refused.add(model.AtField("punkte", err))
	}
	if len(points) > 0 {
		d.Points = model.NumberedPoints(points)
	}
	// Kind, applicants and "Zustimmung aller" may change while the
	// proposal is open (a registration arrives as a Beschluss; a
	// co-applicant is added): before, only a second proposal could mend
	// them, and the first stood undecided in the minutes. A client that
	// sends none of these fields leaves them as they are.
	if r.PostForm.Has("art") {
		kind, err := decisionKindOfForm(r.PostFormValue("art"))
		if err != nil {
			refused.add(model.AtField("art", err))
		}
		d.Kind = kind
	}
	if r.PostForm.Has("antrag") {
		applicants := s.memberList(r.Context(), r.PostFormValue("antrag"))
		if err := s.checkApplicants(r, applicants); err != nil {
			refused.add(model.AtField("antrag", err))
		}
		d.Applicants = applicants
	}
	if r.PostForm.Has("alle_feld") {
		d.AllMustConsent = r.PostFormValue("alle") == "1"
	}
	// The proposal's own rules at once, as in addDecision.
	if d.Kind != "" {
		refused.addUnrefused(d.Validate())
	}
	if len(refused) > 0 {
		refuse(refused.inOrder("titel", "punkte", "art", "antrag", "alle").err())
		return
	}
	if err := s.st.UpdateDecision(r.Context(), d); err != nil {
		refuse(err)
		return
	}
	// The rule line beside the vote buttons follows a changed kind or
	// "Zustimmung aller" (before: the former rule until a reload).
	body, err := s.st.Body(r.Context(), se.BodyID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.savedRow(w, r, se, d.ItemID, d.ProposalName()+" gespeichert.", fmt.Sprintf("version-entwurf-%d", d.ID), d.Version,
		template.HTML(fmt.Sprintf(`<span id="regel-entwurf-%d" hx-swap-oob="true">%s</span>`, d.ID, template.HTMLEscapeString(d.RuleLine(body.Rules)))))
}

// formVotes reads a show-of-hands grid of a vote of voting's body: one
// field "stimme_<Kürzel>" per voter. A hand for a member that is no voter
// of the body — a grid of an older state of its rules, a hand-made post —
// is refused naming the member, rather than dropped unseen (the grids list
// the body's voters only; before, a session of the AL-Runde got the
// council's grid and the store refused such a hand as „Hessen ist nicht
// stimmberechtigt.“).
func (s *Server) formVotes(r *http.Request, voting model.Voting) (map[string]model.VoteChoice, error) {
	votes := map[string]model.VoteChoice{}
	for _, m := range voting.Voters {
		c := model.VoteChoice(r.PostFormValue("stimme_" + m.Abbrev))
		if c == "" {
			c = model.VoteNone
		}
		if !c.Valid() {
			return nil, model.InputError("Die Stimme „%s“ für %s ist unbekannt; möglich sind ja, nein, Enthaltung oder keine Stimme.", c, m.Name)
		}
		votes[m.Abbrev] = c
	}
	var stray []string
	for field, values := range r.PostForm {
		abbrev, ok := strings.CutPrefix(field, "stimme_")
		if ok && !voting.Votes(abbrev) && slices.ContainsFunc(values, func(v string) bool { return model.VoteChoice(v).CastError() == nil }) {
			stray = append(stray, abbrev)
		}
	}
	if len(stray) == 0 {
		return votes, nil
	}
	members, err := s.memberMap(r.Context())
	if err != nil {
		return nil, err
	}
	// In list order, by name.
	slices.SortFunc(stray, func(a, b string) int {
		return cmp.Or(cmp.Compare(members[a].Position, members[b].Position), cmp.Compare(a, b))
	})
	names := make([]string, len(stray))
	for i, a := range stray {
		names[i] = cmp.Or(members[a].Name, a)
	}
	is := "ist"
	if len(names) > 1 {
		is = "sind"
	}
	return nil, model.RuleError("Für %s ist ein Handzeichen eingetragen, doch %s %s im Gremium %s nicht stimmberechtigt; nichts ist gespeichert. "+
		"Bitte tragen Sie die Handzeichen der stimmberechtigten Mitglieder erneut ein.", model.JoinMembers(names), model.JoinMembers(names), is, voting.Body)
}

// voteDecision records a vote taken by show of hands on a proposal: the
// secretariat's grid lists the members present; the count follows the rule
// of the decision's kind (store.RecordShowOfHands).
func (s *Server) voteDecision(w http.ResponseWriter, r *http.Request) {
	_, d, se, ok := s.draftFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	// The session's body votes, as the store counts (before: the
	// council's voters also in a session of the AL-Runde).
	voting, err := s.votingOf(ctx, se.BodyID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	voters := voting.Voters
	grid := fmt.Sprintf("v%d", d.ID)
	votes, err := s.formVotes(r, voting)
	if err != nil {
		s.refuseVotes(w, r, se, d.ItemID, 0, grid, voters, err)
		return
	}
	// The hands were raised on the text the form showed: a proposal
	// changed since (another tab) is refused, not adopted as changed.
	seen, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		seen = -1
	}
	opts := []store.VoteOption{store.SeenDrafts(map[int64]int{d.ID: seen})}
	if r.PostFormValue("geltung") == "zustimmende" {
		opts = append(opts, store.ConsentingOnly())
	}
	out, err := s.st.RecordShowOfHands(ctx, se.ID, d.ID, votes, opts...)
	if err != nil {
		s.refuseVotes(w, r, se, d.ItemID, 0, grid, voters, err)
		return
	}
	decided := out.Decisions[0]
	if decided.Status == model.DecisionAdopted {
		s.saved(w, r, se, d.ItemID, fmt.Sprintf("%s %s: %s (%s)", decided.Name(), decided.Label, out.Phrase, out.Tally.Reason))
		return
	}
	// The tally's reason begins with its outcome ("abgelehnt: nur 10
	// Länder …"), which the notice names first.
	dropped, err := s.droppedFollowUps(r, out.Decisions)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.saved(w, r, se, d.ItemID, "Abgelehnt: "+strings.TrimPrefix(out.Tally.Reason, "abgelehnt: ")+dropped)
}

func (s *Server) adoptConsentAgenda(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	// The session's body votes, as in voteDecision.
	voting, err := s.votingOf(r.Context(), se.BodyID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	voters := voting.Voters
	votes, err := s.formVotes(r, voting)
	if err != nil {
		s.refuseVotes(w, r, se, 0, 0, "gl", voters, err)
		return
	}
	out, err := s.st.RecordShowOfHands(r.Context(), se.ID, 0, votes, store.SeenDrafts(consentSeenOf(r.PostFormValue("fassungen"))))
	if err != nil {
		s.refuseVotes(w, r, se, 0, 0, "gl", voters, err)
		return
	}
	s.changed(r, se.ID)
	var labels []string
	for _, d := range out.Decisions {
		labels = append(labels, d.Label)
	}
	back(w, r, fmt.Sprintf("%s/live", se.Path()), "Grüne Liste beschlossen: "+strings.Join(labels, ", "))
}

// consentSeen gives the form's record of the Grüne Liste's open proposals
// as the live page showed them ("id:version" each, comma-separated), read
// back by consentSeenOf for store.SeenDrafts.
func consentSeen(drafts []model.Decision) string {
	parts := make([]string, len(drafts))
	for i, d := range drafts {
		parts[i] = fmt.Sprintf("%d:%d", d.ID, d.Version)
	}
	return strings.Join(parts, ",")
}

// consentSeenOf reads consentSeen's record; a part it cannot read is left
// out, so that the list counts as changed.
func consentSeenOf(s string) map[int64]int {
	out := map[int64]int{}
	for _, part := range strings.Split(s, ",") {
		id, version, ok := strings.Cut(part, ":")
		i, err1 := strconv.ParseInt(id, 10, 64)
		v, err2 := strconv.Atoi(version)
		if ok && err1 == nil && err2 == nil {
			out[i] = v
		}
	}
	return out
}

func (s *Server) addFollowUp(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.liveItem(w, r)
	if !ok {
		return
	}
	refuse := func(err error) {
		s.refuseEntry(w, r, se, it.ID, entryFollowUp, "Der Auftrag ist nicht gespeichert", err)
	}
	// The fields as the follow-up's own form reads them.
	f := model.FollowUp{ItemID: it.ID, Status: model.FollowUpOpen}
	// Every reason: the form's fields, and what the live form requires.
	var refused problems
	if err := readFollowUpForm(r, &f); err != nil {
		refused = problemsOf(err)
	}
	if id, err := strconv.ParseInt(r.PostFormValue("beschluss"), 10, 64); err == nil {
		f.DecisionID = id
	}
	// Each at its field (before: one reason above the form, the field
	// "Verantwortlich" not marked).
	var missing problems
	if strings.TrimSpace(r.PostFormValue("text")) == "" {
		missing.add(model.AtField("text", model.InputError("Bitte den Auftrag eintragen.")))
	}
	if f.Responsible == "" {
		missing.add(model.AtField("verantwortlich", model.InputError("Bitte die verantwortliche Stelle eintragen.")))
	}
	refused.addUnrefused(missing.err())
	if len(refused) > 0 {
		refuse(refused.err())
		return
	}
	var again bool
	if _, err := s.st.CreateFollowUp(r.Context(), f, sentOnce(r, s.user(r), &again)); err != nil {
		refuse(err)
		return
	}
	if again {
		s.saved(w, r, se, it.ID, sentAgain("der Auftrag an "+model.TypedMarks(f.Responsible)+" ist gespeichert."))
		return
	}
	s.saved(w, r, se, it.ID, "Auftrag an "+model.TypedMarks(f.Responsible)+" gespeichert.")
}
