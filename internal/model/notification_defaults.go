package model

import "strings"

// defaultEvents are, per role, the events that ask something of an
// account of the role: a member office votes in a written procedure,
// answers a co-application, keeps its follow-ups and learns whether its
// registration is taken and when the session meets; a spokesperson briefs
// and reports for its conference; a FachMK secretariat hears of its own
// conference's decisions, debriefs and requests. An account receives
// these until its user saves a choice of their own (DefaultSubscriptions).
var defaultEvents = map[Role][]Event{
	RoleMember: {EventAgendaPublished, EventSessionChanged, EventProcedureStarted, EventProcedureClosing, EventRegistrationDecided,
		EventCoApplication, EventFollowUpDue, EventFollowUpOverdue, EventFollowUpReminder},
	RoleSpokesperson: {EventAgendaPublished, EventSessionChanged, EventDecisionRelevant, EventConferenceSoon, EventKickoffDue, EventReportDue},
	RoleFachMK:       {EventDecisionRelevant, EventDebriefInvitation, EventRequest},
}

// DefaultSubscriptions gives the subscriptions of an account of the role
// whose user has not saved a choice (Voreinstellung): the events that ask
// something of it, by e-mail, in the order of Events. The secretariat
// and advisory members have none. A saved choice replaces them, also a
// choice of nothing.
func DefaultSubscriptions(r Role) []Subscription {
	var out []Subscription
	for _, e := range Events {
		for _, d := range defaultEvents[r] {
			if d == e && e.For(r) {
				out = append(out, Subscription{Event: e, Channel: ChannelEmail})
			}
		}
	}
	return out
}

// Subscribed reports whether an account of the role with these settings
// receives the event on the channel: as saved (saved tells whether the
// saved subscriptions hold it) or, while the user has not saved
// (Saved false), by DefaultSubscriptions. The one rule of "no saved
// choice means the defaults", for the subscriber lists, the outbox's
// last check and the preferences page. It does not ask for an address.
func (s NotificationSettings) Subscribed(r Role, e Event, c Channel, saved bool) bool {
	if !e.For(r) {
		return false
	}
	if s.Saved {
		return saved
	}
	for _, v := range DefaultSubscriptions(r) {
		if v.Event == e && v.Channel == c {
			return true
		}
	}
	return false
}

// Reach says which members a notice reaches (benachrichtigt werden): a
// member is reached when at least one enabled account of its office
// receives the event on a channel it has an address for. The secretariat
// reads it before and while a written procedure runs, to phone those it
// does not reach.
type Reach struct {
	Members   []Member    // the members asked (the voting members)
	Reached   []Member    // of them, those reached
	Unreached []Unreached // the others, with the reason
}

// Unreached is a member a notice does not reach, and why.
type Unreached struct {
	Member Member
	// Reason: "kein Konto", "ohne Adresse" (no account with an e-mail
	// address or Matrix room), "abbestellt" (an address, but not
	// subscribed).
	Reason string
}

// Phrase words the reach: "benachrichtigt werden: 15 von 17 Mitgliedern;
// ohne Adresse: Bremen, Saarland".
func (r Reach) Phrase() string {
	s := "benachrichtigt werden: " + itoa(len(r.Reached)) + " von " + itoa(len(r.Members)) + " Mitgliedern"
	for _, reason := range []string{"ohne Adresse", "abbestellt", "kein Konto"} {
		var names []string
		for _, u := range r.Unreached {
			if u.Reason == reason {
				names = append(names, u.Member.Name)
			}
		}
		if len(names) > 0 {
			s += "; " + reason + ": " + strings.Join(names, ", ")
		}
	}
	return s
}
