package model

import "time"

// VoteStatus is the state of a vote in session.
type VoteStatus string

// Vote statuses.
const (
	VoteOpen      VoteStatus = "offen"
	VoteClosed    VoteStatus = "geschlossen"
	VoteCancelled VoteStatus = "abgebrochen"
)

// SessionVote is a vote (Abstimmung) in a running session: the secretariat
// opens it on one proposal (or on the Grüne Liste en bloc), each member
// present casts its vote from its own account or API token — or the
// secretariat enters a show of hands for it — and the secretariat closes
// it; the result and the number follow from the rule of the decision's
// kind. While it is open, who has voted is shown, not how.
type SessionVote struct {
	ID         int64
	SessionID  int64
	DecisionID int64 // 0: the Grüne Liste en bloc
	ItemID     int64 // the item whose attendance counts
	Status     VoteStatus
	OpenedAt   time.Time
	OpenedBy   string
	ClosedAt   time.Time
	Result     string // the result phrase, once closed
	Votes      []CastVote
}

// CastVote is one member's vote in a SessionVote.
type CastVote struct {
	Member string
	Choice VoteChoice
	// CastBy is the account that cast it (the member's own, or the
	// secretariat's for a show of hands).
	CastBy      string
	ShowOfHands bool // entered by the secretariat from a show of hands
	At          time.Time
}

// Consent reports whether the vote is on the Grüne Liste en bloc.
func (v SessionVote) Consent() bool { return v.DecisionID == 0 }

// Voted gives the members who have voted, in the order given by voters —
// what anyone may see while the vote is open.
func (v SessionVote) Voted(voters []Member) []string {
	cast := map[string]bool{}
	for _, c := range v.Votes {
		cast[c.Member] = true
	}
	return inVoterOrder(voters, cast)
}

// Choices gives the votes by member.
func (v SessionVote) Choices() map[string]VoteChoice {
	out := map[string]VoteChoice{}
	for _, c := range v.Votes {
		out[c.Member] = c.Choice
	}
	return out
}
