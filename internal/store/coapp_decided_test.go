package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// messagesOf gives the subject and body of every queued message of event e
// to recipient.
func messagesOf(t *testing.T, s *Store, e model.Event, recipient string) []string {
	t.Helper()
	list, _, err := s.Notifications(context.Background(), OutboxFilter{Event: e, Limit: 1000})
	check(t, err)
	var out []string
	for _, n := range list {
		if n.Recipient == recipient {
			out = append(out, n.Subject+"\n"+n.Body)
		}
	}
	return out
}

// TestDeclinedRegistrationClosesItsCoApplications: the secretariat
// declined Hessen's registration, and Hamburg still found it under
// "Mitanträge zu bestätigen", confirmed it, and read "es zählt für den
// Antrag" under the decline; nobody told the co-applicants of the
// decision, nor Hessen how its co-applicants answered. Now a declined
// registration's co-applications leave the lists and take no answer, the
// co-applicants hear of the decision, and the registering office hears
// each answer with whether the application suffices.
func TestDeclinedRegistrationClosesItsCoApplications(t *testing.T) {
	f := newCoAppFixture(t)
	account(t, f.s, model.User{Username: "he", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventCoApplicationAnswered)
	account(t, f.s, model.User{Username: "bw", Role: model.RoleMember, MemberAbbrev: "BW"}, model.ChannelEmail, "bw@example.org", model.EventCoApplicationAnswered)
	account(t, f.s, model.User{Username: "nw", Role: model.RoleMember, MemberAbbrev: "NW"}, model.ChannelEmail, "nw@example.org", model.EventCoApplicationAnswered)
	id := f.register(t, f.regist)
	bw, nw := f.pendingOf(t, "BW"), f.pendingOf(t, "NW")
	must[model.CoApplication](t)(f.s.DecideCoApplication(f.ctx, bw.ID, "BW", model.CoConfirm, bw.Fingerprint()))
	got := messagesOf(t, f.s, model.EventCoApplicationAnswered, "he@example.org")
	if len(got) != 1 || !strings.Contains(got[0], "BW hat den Mitantrag zu Ihrer Anmeldung „Vorschlag A“ bestätigt.") || !strings.Contains(got[0], "reicht damit noch nicht aus") {
		t.Errorf("Hessen's message of BW's answer: %q", got)
	}
	it := must[model.AgendaItem](t)(f.s.Item(f.ctx, id))
	must[model.AgendaItem](t)(f.s.DecideRegistration(f.ctx, id, it.Version, false, "Nicht ausreichend unterstützt."))
	if co := must[[]model.CoApplication](t)(f.s.PendingCoApplications(f.ctx, "NW")); len(co) != 0 {
		t.Errorf("NW's co-applications to confirm after the decline: %+v", co)
	}
	if co := must[[]model.CoApplication](t)(f.s.CoApplicationsIn(f.ctx, "BW", model.CoApplicationConfirmed)); len(co) != 0 {
		t.Errorf("BW's confirmed co-applications to withdraw after the decline: %+v", co)
	}
	_, err := f.s.DecideCoApplication(f.ctx, nw.ID, "NW", model.CoConfirm, nw.Fingerprint())
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "abgelehnt") {
		t.Errorf("NW confirms after the decline: %v, want refused", err)
	}
	if c := must[model.CoApplication](t)(f.s.CoApplication(f.ctx, nw.ID)); c.State != model.CoApplicationPending {
		t.Errorf("NW's co-application after the refused answer: %s", c.State)
	}
	for _, who := range []string{"bw@example.org", "nw@example.org"} {
		got := messagesOf(t, f.s, model.EventCoApplicationAnswered, who)
		if len(got) != 1 || !strings.Contains(got[0], "hat die Anmeldung „Vorschlag A“ von HE") || !strings.Contains(got[0], "abgelehnt") || !strings.Contains(got[0], "Grund: Nicht ausreichend unterstützt.") {
			t.Errorf("%s's message of the decline: %q", who, got)
		}
	}
	if got := messagesOf(t, f.s, model.EventCoApplicationAnswered, "he@example.org"); len(got) != 1 {
		t.Errorf("Hessen's messages: %q, want only BW's answer", got)
	}
}
