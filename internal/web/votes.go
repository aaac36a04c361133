package web

// Votes in session: the secretariat opens a vote on a proposal (or on the
// Grüne Liste en bloc); each member present votes from its own account on
// /sitzungen/{nr}/abstimmung (or through its API token); everyone sees who
// has voted, nobody sees how until the secretariat closes the vote; the
// secretariat may enter a show of hands for members without a device. The
// result and the number follow from the rule of the decision's kind.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// voteView is the state of a session's vote as a page shows it.
type voteView struct {
	Session model.Session
	Open    bool
	Vote    model.SessionVote
	// Subject are the decisions voted on: one proposal, or the proposals on
	// the Grüne Liste.
	Subject []model.Decision
	Voters  []model.Member
	Present map[string]bool
	Voted   map[string]bool
	// VotedList names who has voted, in list order; PresentCount is the
	// number of voters present or represented.
	VotedList    []string
	PresentCount int
	// MyMember is the member the user votes for; MyVote its vote so far
	// (a member sees its own vote), CanVote whether it may vote now.
	MyMember string
	// MyMemberName is that member's name, as the page says it; MyMemberThe
	// and MyMemberFor the same at a sentence's start and after "für"
	// ("Der Bund ist …", "Stimme für den Bund"; model.Member.The).
	MyMemberName, MyMemberThe, MyMemberFor string
	MyVote                                 model.VoteChoice
	CanVote                                bool
	Internal                               bool // who has voted is shown to internal readers
	// Refused is the member's own vote that was not taken, shown again.
	Refused ballotRefusal
	// NoVote says why the user, an internal reader who follows the vote,
	// has no ballot (model.Voting.NoBallotReason, the words the form's
	// and the JSON API's refusals use): an advisory member, a
	// spokesperson, the office of a member the session's body does not
	// let vote; "" for a voting member's office and the secretariat, which
	// runs the vote.
	NoVote string
	// Closed is the session's last closed vote while none is open, Taken
	// the decisions it took (each with its result phrase), as the reader
	// may see them.
	Closed model.SessionVote
	Taken  []model.Decision
	// Notice is the page's notice of the member's own vote ("Ihre Stimme
	// ist gespeichert …"): it stands in the box while that vote is open
	// and leaves with it (also in the live update).
	Notice string
	// Proposals are, in a preparatory body's vote, the proposals of the
	// prepared session the recommendations voted on are about, by the
	// recommendation's decision id: the ballot showed only "Annahme wie
	// vorgeschlagen" and not what was proposed.
	Proposals map[int64]model.Decision
}

// silentMembers names the voters present at the open vote who have not
// voted yet, in list order.
func (v voteView) silentMembers() []string {
	var out []string
	for _, m := range v.Voters {
		if v.Present[m.Abbrev] && !v.Voted[m.Abbrev] {
			out = append(out, m.Name)
		}
	}
	return out
}

// WithNotice gives the view with the page's notice, for the vote page's
// box (the live update renders it without).
func (v voteView) WithNotice(notice string) voteView {
	v.Notice = notice
	return v
}

// loadVoteView gives the state of the open vote of a session for the user.
func (s *Server) loadVoteView(r *http.Request, se model.Session) (voteView, error) {
	ctx := r.Context()
	v := voteView{Session: se, Voted: map[string]bool{}, Present: map[string]bool{}}
	u := s.user(r)
	v.Internal = auth.Can(u, auth.ViewInternal, "")
	// The session's body votes (the AL-Runde its own members, under its
	// rules), as the store counts (before: the council's voters on every
	// session's page, and the council named in the reason). Read for the
	// internal reader's ballot or reason and for an open vote; the public
	// box without a vote needs neither.
	var voting model.Voting
	if v.Internal {
		var err error
		if voting, err = s.votingOf(ctx, se.BodyID, false); err != nil {
			return v, err
		}
		// Named while no vote runs too: the ballot will be for it, or the
		// reason why there is none.
		members, err := s.memberMap(ctx) // kept per data version
		if err != nil {
			return v, err
		}
		if u.Role == model.RoleMember {
			v.MyMember, v.MyMemberName = u.MemberAbbrev, cmp.Or(members[u.MemberAbbrev].Name, u.MemberAbbrev) // "Thüringen ist …", not "TH ist …"
			v.MyMemberThe, v.MyMemberFor = cmp.Or(members[u.MemberAbbrev].The(), u.MemberAbbrev), cmp.Or(members[u.MemberAbbrev].Accusative(), u.MemberAbbrev)
		}
		// Told to every internal reader but the secretariat, which
		// runs the vote and expects no ballot (its posts are refused
		// with the rule's reason all the same).
		if u.Role != model.RoleSecretariat {
			v.NoVote = voting.NoBallotReason(u, members[u.MemberAbbrev])
		}
	}
	vote, open, err := s.st.OpenSessionVote(ctx, se.ID)
	if err != nil {
		return v, err
	}
	if !open {
		return v, s.loadClosedVote(r, se, &v)
	}
	if !v.Internal {
		if voting, err = s.votingOf(ctx, se.BodyID, false); err != nil {
			return v, err
		}
	}
	v.Open, v.Vote, v.Voters = true, vote, voting.Voters
	list, err := s.st.Attendance(ctx, se.ID)
	if err != nil {
		return v, err
	}
	items, err := s.st.Items(ctx, se.ID)
	if err != nil {
		return v, err
	}
	var order []int64
	for _, it := range items {
		if it.OnAgenda() {
			order = append(order, it.ID)
		}
	}
	v.Present = model.PresentAt(list, order, vote.ItemID)
	for _, m := range v.Voters {
		if v.Present[m.Abbrev] {
			v.PresentCount++
		}
	}
	v.VotedList = vote.Voted(v.Voters)
	for _, m := range v.VotedList {
		v.Voted[m] = true
	}
	if v.Subject, err = s.st.VoteDrafts(ctx, vote); err != nil {
		return v, err
	}
	// What is voted on is a proposal: the publication gate keeps it from
	// the public (the session page's live box, the live push), which
	// learns only that a vote runs and how many have voted.
	a := s.audienceOf(r)
	seen := v.Subject[:0]
	for _, d := range v.Subject {
		if !a.SeesDecision(d) {
			continue
		}
		d.Title = a.Text(d.Title)
		for j := range d.Points {
			d.Points[j].Text = a.Text(d.Points[j].Text)
		}
		seen = append(seen, d)
	}
	v.Subject = seen
	if se.BodySlug != "" && len(seen) > 0 {
		if v.Proposals, err = s.recommendedProposals(ctx, se, seen, a); err != nil {
			return v, err
		}
	}
	if v.MyMember != "" {
		v.MyVote = vote.Choices()[u.MemberAbbrev]
		v.CanVote = v.NoVote == "" && auth.Can(u, auth.Vote, u.MemberAbbrev) && v.Present[u.MemberAbbrev]
	}
	return v, nil
}

// bodyOf gives the body bodyID; the council's is kept per data version
// (most votes are the council's).
func (s *Server) bodyOf(ctx context.Context, bodyID int64) (model.Body, error) {
	council, err := s.councilBody(ctx)
	if err != nil || council.ID == bodyID {
		return council, err
	}
	return s.st.Body(ctx, bodyID)
}

// votingOf gives the vote of the body bodyID, in session or written
// (model.VotingIn): who of the members the body's rules let vote, the
// body named as the reasons name it.
func (s *Server) votingOf(ctx context.Context, bodyID int64, written bool) (model.Voting, error) {
	body, err := s.bodyOf(ctx, bodyID)
	if err != nil {
		return model.Voting{}, err
	}
	return s.votingIn(ctx, body, written)
}

// votingIn is votingOf for a body at hand.
func (s *Server) votingIn(ctx context.Context, body model.Body, written bool) (model.Voting, error) {
	members, err := s.st.VotingMembers(ctx)
	if err != nil {
		return model.Voting{}, err
	}
	return model.VotingIn(body, members, written), nil
}

// noBallot gives why the user has no ballot in the vote
// (model.Voting.NoBallotReason), with the user's member as the member
// list names it; "" for a voting member's office.
func (s *Server) noBallot(ctx context.Context, u *model.User, voting model.Voting) (string, error) {
	members, err := s.memberMap(ctx)
	if err != nil {
		return "", err
	}
	return voting.NoBallotReason(u, members[u.MemberAbbrev]), nil
}

// loadClosedVote puts the session's last closed vote and the decisions it
// took into v (none while the session has no closed vote): the vote page
// shows its result once the secretariat has closed it. The decisions
// pass the publication gate like every other surface.
func (s *Server) loadClosedVote(r *http.Request, se model.Session, v *voteView) error {
	ctx := r.Context()
	votes, err := s.st.SessionVotes(ctx, se.ID)
	if err != nil {
		return err
	}
	for i := len(votes) - 1; i >= 0; i-- {
		if votes[i].Status == model.VoteClosed {
			v.Closed = votes[i]
			break
		}
	}
	if v.Closed.ID == 0 {
		return nil
	}
	var taken []model.Decision
	if v.Closed.Consent() {
		items, err := s.st.Items(ctx, se.ID)
		if err != nil {
			return err
		}
		for _, it := range items {
			if !it.Consent || !it.OnAgenda() {
				continue
			}
			ds, err := s.st.ItemDecisions(ctx, it.ID)
			if err != nil {
				return err
			}
			for _, d := range ds {
				if d.Status == model.DecisionAdopted {
					taken = append(taken, d)
				}
			}
		}
	} else {
		d, err := s.st.Decision(ctx, v.Closed.DecisionID)
		if err != nil {
			return err
		}
		taken = append(taken, d)
	}
	a := s.audienceOf(r)
	for _, d := range taken {
		if d, ok := a.Decision(d); ok {
			v.Taken = append(v.Taken, d)
		}
	}
	return nil
}

// myVotePage is where a member votes during a running session; it works
// without JavaScript (a form and a reload) and updates itself with it.
func (s *Server) myVotePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.renderVotePage(w, r, http.StatusOK, se, ballotRefusal{})
}

// renderVotePage shows a member's vote page; refused is its vote that was
// not taken (shown with the choice as given and the reason).
func (s *Server) renderVotePage(w http.ResponseWriter, r *http.Request, status int, se model.Session, refused ballotRefusal) {
	v, err := s.loadVoteView(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Refused = refused
	s.render(w, r, status, "vote.html", view{Title: "Abstimmung – " + se.Title(), Active: "sitzungen", Data: v})
}

// sessionVoteFromPath gives the vote named by {id} and its session.
func (s *Server) sessionVoteFromPath(w http.ResponseWriter, r *http.Request) (model.SessionVote, model.Session, bool) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	v, err := s.st.SessionVote(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Diese Abstimmung gibt es nicht.")
		return v, model.Session{}, false
	}
	se, err := s.st.Session(r.Context(), v.SessionID)
	if err != nil {
		s.serverError(w, r, err)
		return v, se, false
	}
	return v, se, true
}

func voteURL(se model.Session) string { return fmt.Sprintf("%s/abstimmung", se.Path()) }

// castOwnVote records the vote of the user's member.
func (s *Server) castOwnVote(w http.ResponseWriter, r *http.Request) {
	u := s.user(r)
	if u == nil {
		s.require(w, r, auth.Vote, "-")
		return
	}
	if !s.parseForm(w, r) || s.refuseNonVoter(w, r, u, false) {
		return
	}
	v, se, ok := s.sessionVoteFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	voting, err := s.votingOf(ctx, se.BodyID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// An account without a ballot is told why, in the words of the page
	// and of the JSON API (before: "Für diese Seite oder Aktion fehlt
	// Ihnen die Berechtigung.").
	if !s.mayVote(w, r, u, voting) {
		return
	}
	choice := model.VoteChoice(r.PostFormValue("stimme"))
	// The ballot says which vote of the member it showed ("gesehen"): a
	// colleague's vote cast since is not replaced unseen. A post without
	// it (a form from before the field, a hand-made request) is not cast
	// unchecked: while the ballot stands it is refused and shown again,
	// naming the vote now stored; otherwise the store gives its reason
	// (vote closed, member absent), the vote checked against the state
	// just read.
	seen, shown := ballotSeen(r)
	if !shown {
		view, err := s.loadVoteView(r, se)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if view.Open && view.Vote.ID == v.ID && view.CanVote && choice.CastError() == nil {
			s.renderVotePage(w, r, http.StatusUnprocessableEntity, se, ballotRefusal{Choice: choice, Reason: unseenBallot(view.MyMemberFor)})
			return
		}
		seen = v.Choices()[u.MemberAbbrev]
	}
	if err := s.st.CastSessionVoteOver(ctx, v.ID, u.MemberAbbrev, choice, seen); err != nil {
		if !formRefusal(err) {
			s.fail(w, r, err, "")
			return
		}
		// The vote page again, with the choice and the reason (before:
		// an error page).
		s.renderVotePage(w, r, http.StatusUnprocessableEntity, se, ballotRefusal{Choice: choice, Reason: model.ReasonOf(err), Field: model.FieldOf(err)})
		return
	}
	s.publishLive(ctx, se.ID)
	back(w, r, voteURL(se), "Ihre Stimme ist gespeichert. Sie können sie ändern, bis die Geschäftsstelle die Abstimmung schließt.")
}

// mayVote reports whether the user has a ballot in the vote; otherwise
// it has answered 403 with the reason (model.Voting.NoBallotReason), the
// one the ballot's page shows.
func (s *Server) mayVote(w http.ResponseWriter, r *http.Request, u *model.User, voting model.Voting) bool {
	reason, err := s.noBallot(r.Context(), u, voting)
	if err != nil {
		s.serverError(w, r, err)
		return false
	}
	if reason == "" && auth.Can(u, auth.Vote, u.MemberAbbrev) {
		return true
	}
	if reason == "" {
		reason = "Abstimmen kann nur das Konto eines stimmberechtigten Mitglieds."
	}
	s.fail(w, r, model.ForbiddenError("%s", reason), "")
	return false
}

// refuseNonVoter answers 403 before a vote is looked up when the account
// u votes in no vote of the kind, whatever the body
// (model.NoBallotAnywhere): then it gets the reason for no body in
// particular, and the answer is the same whether the vote it names exists
// or not. Before, the vote was looked up
// first, and an account that may not read the votes (a FachMK
// secretariat) learnt from 404 against 403 — the 403 naming the body —
// which procedures and votes exist. It reports whether it has answered.
func (s *Server) refuseNonVoter(w http.ResponseWriter, r *http.Request, u *model.User, written bool) bool {
	members, err := s.memberMap(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return true
	}
	reason := model.NoBallotAnywhere(u, members[u.MemberAbbrev], written)
	if reason != "" {
		s.fail(w, r, model.ForbiddenError("%s", reason), "")
	}
	return reason != ""
}

// ballotSeen gives the vote the posted ballot showed for the member
// (the hidden field "gesehen"; "" for none) and whether the ballot said.
func ballotSeen(r *http.Request) (model.VoteChoice, bool) {
	seen, ok := r.PostForm["gesehen"]
	if !ok || len(seen) == 0 {
		return "", false
	}
	return model.VoteChoice(seen[0]), true
}

// unseenBallot is the reason a ballot posted without the vote it showed
// ("gesehen") is refused, for the member named as after "für" ("den
// Bund", "Hessen"; model.Member.Accusative): the live vote's and the
// written procedure's alike.
func unseenBallot(member string) string {
	return fmt.Sprintf("Der Stimmzettel hat nicht mitgeschickt, welche Stimme für %s er anzeigte (etwa eine ältere Fassung der Seite). "+
		"Damit keine inzwischen abgegebene Stimme unbemerkt ersetzt wird, ist nichts gespeichert: Bitte prüfen Sie den Stimmzettel unten und senden Sie ihn erneut.", member)
}

// openDraftVote opens a vote on a proposal: the members vote themselves.
func (s *Server) openDraftVote(w http.ResponseWriter, r *http.Request) {
	_, d, se, ok := s.draftFromPath(w, r)
	if !ok {
		return
	}
	var opts []store.VoteOption
	if r.PostFormValue("geltung") == "zustimmende" {
		opts = append(opts, store.ConsentingOnly())
	}
	if _, err := s.st.OpenVote(r.Context(), se.ID, d.ID, opts...); errors.Is(err, store.ErrVoteRunning) {
		// Clicked twice, or another proposal: the running vote, the
		// reason as the note (before: a refusal linking to the form for
		// opening, which the page does not show while a vote runs).
		back(w, r, liveAt(se, d.ItemID, "abstimmung"), model.ReasonOf(err))
		return
	} else if err != nil {
		// Refused (no quorum at the item, not feasible, a vote running):
		// the live page at the item, the reason at the form.
		s.refuseEntry(w, r, se, d.ItemID, fmt.Sprintf("eroeffnen-%d", d.ID), "Die Abstimmung ist nicht eröffnet", err)
		return
	}
	s.saved(w, r, se, d.ItemID, "Die Abstimmung ist eröffnet. Die anwesenden Mitglieder stimmen jetzt auf ihrer Seite „Abstimmung“ ab ("+voteURL(se)+").")
}

// openConsentVote opens a vote on the Grüne Liste en bloc.
func (s *Server) openConsentVote(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	if _, err := s.st.OpenVote(r.Context(), se.ID, 0); errors.Is(err, store.ErrVoteRunning) {
		back(w, r, liveAt(se, 0, "abstimmung"), model.ReasonOf(err)) // as in openDraftVote
		return
	} else if err != nil {
		s.refuseEntry(w, r, se, 0, "gl-eroeffnen", "Die Abstimmung über die Grüne Liste ist nicht eröffnet", err)
		return
	}
	s.changed(r, se.ID)
	back(w, r, fmt.Sprintf("%s/live#abstimmung", se.Path()), "Die Abstimmung über die Grüne Liste ist eröffnet.")
}

// voteAction checks the secretariat's rights for a change of an open vote.
func (s *Server) voteAction(w http.ResponseWriter, r *http.Request) (model.SessionVote, model.Session, bool) {
	if _, ok := s.require(w, r, auth.RecordMinutes, ""); !ok || !s.parseForm(w, r) {
		return model.SessionVote{}, model.Session{}, false
	}
	return s.sessionVoteFromPath(w, r)
}

// enterShowOfHands enters the votes the secretariat saw by show of hands,
// for members without a device.
func (s *Server) enterShowOfHands(w http.ResponseWriter, r *http.Request) {
	v, se, ok := s.voteAction(w, r)
	if !ok {
		return
	}
	// The session's body's voters, as the grid lists them (loadVoteView).
	voting, err := s.votingOf(r.Context(), se.BodyID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	voters := voting.Voters
	// A refused grid comes back as typed: one wrong choice must not cost
	// the other members' hands (before: an error page, every choice lost).
	votes, err := s.formVotes(r, voting)
	if err != nil {
		s.refuseVotes(w, r, se, 0, v.ID, "hz", voters, err)
		return
	}
	// A hand for a member that has voted meanwhile (from its own account,
	// in another window) is refused by the store in its transaction
	// (before: here, on the vote as read for this request, so a vote cast
	// between that read and the write was still replaced).
	n, err := s.st.CastShowOfHands(r.Context(), v.ID, votes)
	if err != nil {
		s.refuseVotes(w, r, se, 0, v.ID, "hz", voters, err)
		return
	}
	s.changed(r, se.ID)
	back(w, r, fmt.Sprintf("%s/live#abstimmung", se.Path()), fmt.Sprintf("%s per Handzeichen erfasst (im Protokoll der Änderungen als solche vermerkt).", model.Counted(n, "Stimme", "Stimmen")))
}

// closeVote closes the vote: the count decides under the rule of the
// decision's kind.
func (s *Server) closeVote(w http.ResponseWriter, r *http.Request) {
	v, se, ok := s.voteAction(w, r)
	if !ok {
		return
	}
	// Present members who have not voted count as abstaining: closing
	// without them is a choice the secretariat makes, not a stray click.
	view, err := s.loadVoteView(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if silent := view.silentMembers(); view.Open && view.Vote.ID == v.ID && len(silent) > 0 && !s.confirmed(w, r, confirmData{
		Heading: "Abstimmung schließen",
		Question: fmt.Sprintf("Noch nicht abgestimmt %s: %s. Wollen Sie die Abstimmung trotzdem schließen?",
			map[bool]string{true: "hat", false: "haben"}[len(silent) == 1], model.JoinMembers(silent)),
		Consequence: "Wer anwesend ist und nicht abstimmt, wird wie eine Enthaltung gezählt; das Ergebnis nennt es („ohne Stimmabgabe von …“). " +
			"Wer ohne Gerät ist, kann vorher auf der Live-Seite per Handzeichen eingetragen werden.",
		Action: fmt.Sprintf("/abstimmungen/%d/schliessen", v.ID),
		Button: "Abstimmung trotzdem schließen",
		Back:   se.Path() + "/live#abstimmung",
	}) {
		return
	}
	out, err := s.st.CloseVote(r.Context(), v.ID)
	if err != nil {
		// Refused (a Nein on the Grüne Liste, the session no longer
		// running): the live page at the vote's item with the reason.
		s.refuseEntry(w, r, se, v.ItemID, "abstimmung", "Die Abstimmung ist nicht geschlossen", err)
		return
	}
	s.changed(r, se.ID)
	var notice string
	adopted := false
	for _, d := range out.Decisions {
		if d.Status == model.DecisionAdopted {
			adopted = true
			notice += fmt.Sprintf("%s %s: %s. ", d.Name(), d.Label, d.Result)
		} else {
			// The result names the outcome ("abgelehnt bei …").
			notice += fmt.Sprintf("%s: %s. ", d.ProposalName(), d.Result)
		}
	}
	// The count's reason follows as a sentence of its own: "… und NW.
	// Nur 5 Länder stimmen zu (nötig: 11)."
	reason := out.Tally.Reason
	if !adopted {
		reason = strings.TrimPrefix(reason, "abgelehnt: ")
	}
	dropped, err := s.droppedFollowUps(r, out.Decisions)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	back(w, r, fmt.Sprintf("%s/live", se.Path()), notice+sentence(reason)+dropped)
}

// droppedFollowUps gives the notice's sentence on the follow-ups given
// as ordered by the rejected proposals among ds, which the store set to
// entfallen with the count (" Der Auftrag „…“ (FITKO) aus dem abgelehnten
// Vorschlag ist damit entfallen."), or "".
func (s *Server) droppedFollowUps(r *http.Request, ds []model.Decision) (string, error) {
	var names []string
	for _, d := range ds {
		if d.Status != model.DecisionRejected {
			continue
		}
		fs, err := s.st.FollowUps(r.Context(), store.FollowUpFilter{DecisionID: d.ID, Status: model.FollowUpDropped})
		if err != nil {
			return "", err
		}
		for _, f := range fs {
			names = append(names, fmt.Sprintf("„%s“ (%s)", model.InternalText(f.Text), f.Responsible))
		}
	}
	if len(names) == 0 {
		return "", nil
	}
	if len(names) == 1 {
		return " Der Auftrag " + names[0] + " aus dem abgelehnten Vorschlag ist damit entfallen.", nil
	}
	return " Die Aufträge " + model.JoinMembers(names) + " aus dem abgelehnten Vorschlag sind damit entfallen.", nil
}

// sentence makes a clause a sentence: its first letter upper case and a
// full stop at its end.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	first, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(first)) + strings.TrimSuffix(s[n:], ".") + "."
}

// cancelVote ends the vote without a decision. Votes cast are dropped
// with it: then the secretariat confirms first, told how many (before: a
// stray click threw them away). The confirmation carries the count it
// named; votes cast after it was shown ask again. The confirmation is the
// web's: the store cancels as told, and the JSON API has no cancel.
func (s *Server) cancelVote(w http.ResponseWriter, r *http.Request) {
	v, se, ok := s.voteAction(w, r)
	if !ok {
		return
	}
	if cast := len(v.Votes); cast > 0 && v.Status == model.VoteOpen {
		if seen, _ := strconv.Atoi(r.PostFormValue("stimmen")); seen < cast {
			// Cast after the confirmation was shown: it did not name them.
			r.PostForm.Del("bestaetigt")
		}
		if !s.confirmed(w, r, confirmData{
			Heading:     "Abstimmung abbrechen",
			Question:    fmt.Sprintf("%s %s verworfen; die Abstimmung kann danach neu geöffnet werden. Wollen Sie die Abstimmung abbrechen?", castVotes(cast), map[bool]string{true: "wird", false: "werden"}[cast == 1]),
			Consequence: "Beschlossen wird nichts. Wer abgestimmt hat, stimmt in der neu geöffneten Abstimmung erneut ab.",
			Action:      fmt.Sprintf("/abstimmungen/%d/abbrechen", v.ID),
			Button:      "Abstimmung abbrechen und Stimmen verwerfen",
			Back:        se.Path() + "/live#abstimmung",
			// "Abbrechen" would read as the cancel asked about.
			BackLabel: "Zurück, die Abstimmung läuft weiter",
			Keep:      [][2]string{{"stimmen", strconv.Itoa(cast)}},
		}) {
			return
		}
	}
	if err := s.st.CancelVote(r.Context(), v.ID); err != nil {
		s.refuseEntry(w, r, se, v.ItemID, "abstimmung", "Die Abstimmung ist nicht abgebrochen", err)
		return
	}
	s.changed(r, se.ID)
	back(w, r, fmt.Sprintf("%s/live", se.Path()), "Die Abstimmung ist abgebrochen; es wurde nichts beschlossen.")
}

// castVotes names n votes cast: "1 abgegebene Stimme", "3 abgegebene
// Stimmen".
func castVotes(n int) string {
	if n == 1 {
		return "1 abgegebene Stimme"
	}
	return fmt.Sprintf("%d abgegebene Stimmen", n)
}

// recommendedProposals gives, for the recommendations of the preparatory
// session se among the decisions ds, the proposals they are about (the
// target items' proposals), as the audience a may see them, by the
// recommendation's decision id.
func (s *Server) recommendedProposals(ctx context.Context, se model.Session, ds []model.Decision, a model.Audience) (map[int64]model.Decision, error) {
	recs, err := s.st.Recommendations(ctx, store.RecommendationFilter{SessionID: se.ID})
	if err != nil {
		return nil, err
	}
	voted := map[int64]bool{}
	for _, d := range ds {
		voted[d.ID] = true
	}
	out := map[int64]model.Decision{}
	for _, rec := range recs {
		if !voted[rec.DecisionID] || rec.TargetDecisionID == 0 {
			continue
		}
		p, err := s.st.Decision(ctx, rec.TargetDecisionID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if p, ok := a.Decision(p); ok {
			out[rec.DecisionID] = p
		}
	}
	return out, nil
}
