package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRequestOnAgendaIsTold: when the Geschäftsstelle accepted the agenda
// item made from a request, the FachMK secretariat heard nothing (a
// decline it was told), and the messages it got said "Stand: als TOP
// angemeldet" without the session or its date. Accepting the item now
// tells the request's subscribers that the topic is on the agenda, with
// the session and its date, once per request and session; the messages
// of the registration and of a decline name the session and date too.
func TestRequestOnAgendaIsTold(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	conf, s48 := requestFixture(t, s)
	to := func(recipient string) []model.Notification {
		t.Helper()
		msgs, _, err := s.Notifications(ctx, OutboxFilter{Limit: 1000})
		check(t, err)
		var out []model.Notification
		for _, m := range msgs {
			if m.Recipient == recipient {
				out = append(out, m)
			}
		}
		return out
	}
	find := func(recipient, subject string) (model.Notification, bool) {
		for _, m := range to(recipient) {
			if m.Subject == subject {
				return m, true
			}
		}
		return model.Notification{}, false
	}
	const session = "48. Sitzung (IT-Planungsrat) am 06.11.2025"
	id := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Digitale Steuerbescheide", SubmittedBy: "fmk"}))
	itemID := must[int64](t)(s.RequestToItem(ctx, id, 1, RequestItem{SessionID: s48}))
	m, ok := find("fmk@example.org", "Anliegen als TOP angemeldet: Digitale Steuerbescheide")
	if !ok || !strings.Contains(m.Body, "Tagesordnung: als TOP zur "+session+" angemeldet") {
		t.Errorf("the registration's message does not name the session and its date:\n%s", m.Body)
	}
	it := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	it, err := s.DecideRegistration(ctx, itemID, it.Version, true, "")
	check(t, err)
	for _, who := range []string{"fmk@example.org", "gs@example.org"} {
		m, ok := find(who, "Anliegen auf der Tagesordnung: Digitale Steuerbescheide")
		if !ok {
			t.Errorf("%s is not told that the request's item is on the agenda: %v", who, to(who))
			continue
		}
		if !strings.Contains(m.Body, "Tagesordnung: auf der Tagesordnung der "+session) || m.Link == "" {
			t.Errorf("%s: the message does not name the session and its date:\n%s", who, m.Body)
		}
	}
	if got := to("gmk@example.org"); len(got) != 0 {
		t.Errorf("another FachMK hears of the request: %v", got)
	}
	// A later change of the item tells nothing again.
	n := len(to("fmk@example.org"))
	it = must[model.AgendaItem](t)(s.Item(ctx, itemID))
	it.Title = "Digitale Steuerbescheide (Zeitplan)"
	check(t, s.UpdateItem(ctx, it))
	if got := to("fmk@example.org"); len(got) != n {
		t.Errorf("a change of the accepted item told again: %d messages, were %d", len(got), n)
	}
	// A decline names the session as well.
	id2 := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Registermodernisierung", SubmittedBy: "fmk"}))
	item2 := must[int64](t)(s.RequestToItem(ctx, id2, 1, RequestItem{SessionID: s48}))
	it2 := must[model.AgendaItem](t)(s.Item(ctx, item2))
	_, err = s.DecideRegistration(ctx, item2, it2.Version, false, "Zuerst in der AL-Runde")
	check(t, err)
	m, ok = find("fmk@example.org", "Anliegen abgelehnt: Registermodernisierung")
	if !ok || !strings.Contains(m.Body, "Tagesordnung: die Anmeldung zur "+session+" hat die Geschäftsstelle nicht aufgenommen") {
		t.Errorf("the decline's message does not name the session:\n%s", m.Body)
	}
}
