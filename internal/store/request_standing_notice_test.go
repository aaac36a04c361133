package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRequestMessageWordsTheStanding: the message that a request's topic
// is on the agenda said "Stand: als TOP angemeldet" — the stored status,
// which stays so until the decision on the item — while the request's
// page, the list and "Mein Bereich" say "auf der Tagesordnung"
// (model.RequestStanding.Label). The messages word the state as the page
// does: registered, on the agenda, declined.
func TestRequestMessageWordsTheStanding(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	conf, s48 := requestFixture(t, s)
	body := func(subject string) string {
		t.Helper()
		msgs, _, err := s.Notifications(ctx, OutboxFilter{Limit: 1000})
		check(t, err)
		for _, m := range msgs {
			if m.Recipient == "fmk@example.org" && m.Subject == subject {
				return m.Body
			}
		}
		t.Fatalf("no message %q to the FachMK secretariat", subject)
		return ""
	}
	id := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Digitale Steuerbescheide", SubmittedBy: "fmk"}))
	itemID := must[int64](t)(s.RequestToItem(ctx, id, 1, RequestItem{SessionID: s48}))
	if b := body("Anliegen als TOP angemeldet: Digitale Steuerbescheide"); !strings.Contains(b, "\nStand: als TOP angemeldet\n") {
		t.Errorf("the registration's message:\n%s", b)
	}
	it := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	_, err := s.DecideRegistration(ctx, itemID, it.Version, true, "")
	check(t, err)
	q := must[model.Request](t)(s.Request(ctx, id))
	page := q.StandingWith(must[model.AgendaItem](t)(s.Item(ctx, itemID)), must[model.Session](t)(s.Session(ctx, s48))).Label()
	if page != "auf der Tagesordnung" {
		t.Fatalf("the request's page says %q", page)
	}
	if b := body("Anliegen auf der Tagesordnung: Digitale Steuerbescheide"); !strings.Contains(b, "\nStand: "+page+"\n") || strings.Contains(b, "als TOP angemeldet") {
		t.Errorf("the message of the item on the agenda words the state otherwise than the request's page (%q):\n%s", page, b)
	}
	id2 := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Registermodernisierung", SubmittedBy: "fmk"}))
	item2 := must[int64](t)(s.RequestToItem(ctx, id2, 1, RequestItem{SessionID: s48}))
	it2 := must[model.AgendaItem](t)(s.Item(ctx, item2))
	_, err = s.DecideRegistration(ctx, item2, it2.Version, false, "Zuerst in der AL-Runde")
	check(t, err)
	if b := body("Anliegen abgelehnt: Registermodernisierung"); !strings.Contains(b, "\nStand: abgelehnt\n") {
		t.Errorf("the decline's message:\n%s", b)
	}
}
