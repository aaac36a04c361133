package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestAbsentVoteRefusalSaysWhy: a vote in session for a member the
// attendance list does not record at the vote's item is refused, and the
// reason says why — absent, arriving only for a later item, gone after an
// earlier one — at which item the vote counts, and what to do (the
// attendance, on the session's page "Anwesenheit"). Before, every such
// refusal said "ist zu Beginn der Sitzung laut Anwesenheitsliste nicht
// anwesend" unless the vote had an item, also for a member that had only
// left early or arrived late, and said nothing of what to do. The vote
// opened and the show of hands in one step give the same reason; the
// written procedure knows no attendance and takes the vote of a member
// absent from the session, and refuses a non-voter as the session does.
func TestAbsentVoteRefusalSaysWhy(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	item := func(n string, pos int, consent bool) int64 {
		return must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: n, Title: "TOP " + n, Position: pos, Status: model.ItemAccepted, Consent: consent}))
	}
	first, second, third := item("01", 1, false), item("02", 2, false), item("03", 3, false)
	green := item("04", 4, true)
	draft := func(itemID int64) int64 {
		return must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision,
			Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Vorschlag", Applicants: []string{"Bund"}}))
	}
	atSecond := draft(second)
	draft(green)
	list := append(attending(without(voters, "SL", "HH", "BE")...),
		model.Attendance{Member: "SL", Presence: model.Absent},
		model.Attendance{Member: "HH", Presence: model.Present, UntilItemID: first},
		model.Attendance{Member: "BE", Presence: model.Present, FromItemID: third})
	check(t, ignore2(s.SaveAttendance(ctx, sessionID, list)))

	const todo = " Ist das nicht richtig, bitte zuerst die Anwesenheit auf der Seite „Anwesenheit“ der Sitzung erfassen (Geschäftsstelle; eine offene Abstimmung dafür abbrechen) und dann erneut abstimmen."
	atItem := map[string]string{
		"SL": "Das Saarland ist laut Anwesenheitsliste der 47. Sitzung nicht anwesend und nicht vertreten; abgestimmt wird bei TOP 02. Für das Saarland kann daher keine Stimme abgegeben werden." + todo,
		"HH": "Hamburg ist laut Anwesenheitsliste nur bis TOP 01 anwesend; abgestimmt wird bei TOP 02. Für Hamburg kann daher keine Stimme abgegeben werden." + todo,
		"BE": "Land BE ist laut Anwesenheitsliste erst ab TOP 03 anwesend; abgestimmt wird bei TOP 02. Für Land BE kann daher keine Stimme abgegeben werden." + todo,
	}
	refused := func(what string, err error, want string) {
		t.Helper()
		if model.ClassOf(err) != model.ErrRule || model.ReasonOf(err) != want {
			t.Errorf("%s: %v\n got %q\nwant %q", what, err, model.ReasonOf(err), want)
		}
	}
	// The vote on the proposal of TOP 02: cast by the member, and as a
	// show of hands in the open vote.
	vid := must[int64](t)(s.OpenVote(ctx, sessionID, atSecond))
	for m, want := range atItem {
		refused("vote of "+m, s.CastSessionVote(ctx, vid, m, model.VoteYes, false), want)
		_, err := s.CastShowOfHands(ctx, vid, map[string]model.VoteChoice{m: model.VoteNo, "HE": model.VoteYes})
		refused("hand of "+m, err, want)
	}
	check(t, s.CancelVote(ctx, vid))
	// The show of hands in one step: the same reason, nothing recorded.
	for m, want := range atItem {
		_, err := s.RecordShowOfHands(ctx, sessionID, atSecond, with(votesOf(model.VoteYes, without(voters, "SL", "HH", "BE")...), model.VoteYes, m))
		refused("one step with "+m, err, want)
	}
	if d := must[model.Decision](t)(s.Decision(ctx, atSecond)); d.Status != model.DecisionDraft || len(d.Votes) != 0 {
		t.Errorf("after the refusals: %+v", d)
	}

	// The Grüne Liste before any item is called: the vote belongs to no
	// item and counts who is there at the start.
	gid := must[int64](t)(s.OpenVote(ctx, sessionID, 0))
	if v := must[model.SessionVote](t)(sessionVoteTx(ctx, s.rd, gid)); v.ItemID != 0 {
		t.Fatalf("the Grüne Liste's vote counts at item %d", v.ItemID)
	}
	const start = "; die Abstimmung gehört zu keinem aufgerufenen TOP und zählt die Anwesenheit zu Beginn der Sitzung."
	refused("Grüne Liste, BE", s.CastSessionVote(ctx, gid, "BE", model.VoteYes, false),
		"Land BE ist laut Anwesenheitsliste erst ab TOP 03 anwesend"+start+" Für Land BE kann daher keine Stimme abgegeben werden."+todo)
	refused("Grüne Liste, SL", s.CastSessionVote(ctx, gid, "SL", model.VoteYes, false),
		"Das Saarland ist laut Anwesenheitsliste der 47. Sitzung nicht anwesend und nicht vertreten"+start+" Für das Saarland kann daher keine Stimme abgegeben werden."+todo)
	check(t, s.CastSessionVote(ctx, gid, "HH", model.VoteYes, false)) // HH is there at the start
	check(t, s.CancelVote(ctx, gid))

	// The written procedure: no attendance; the absent Saarland votes, and
	// a non-voter is refused with the words of the session.
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Umlauf", Applicants: []string{"Bund"}}, Deadline: s.now().AddDate(0, 0, 7)}))
	check(t, s.CastVote(ctx, pid, "SL", model.VoteYes))
	written := s.CastVote(ctx, pid, "DLT", model.VoteYes)
	vid = must[int64](t)(s.OpenVote(ctx, sessionID, atSecond))
	inSession := s.CastSessionVote(ctx, vid, "DLT", model.VoteYes, false)
	if model.ClassOf(written) != model.ErrRule || model.ReasonOf(written) != model.ReasonOf(inSession) || !strings.Contains(model.ReasonOf(written), "nicht stimmberechtigt") {
		t.Errorf("a non-voter: written procedure %q, in session %q", model.ReasonOf(written), model.ReasonOf(inSession))
	}
}
