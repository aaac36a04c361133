package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRequestMessageSaysWhatItsPageSays: the messages about a request
// worded where its agenda item stands themselves, apart
// from the request's page, the list and the conference page
// (model.RequestStanding.Agenda): of an item deferred to the next session
// the page said "…, vertagt auf die 49. Sitzung", the message did not. The
// message takes the page's words, naming the session's body besides.
func TestRequestMessageSaysWhatItsPageSays(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	conf, s48 := requestFixture(t, s)
	se48 := must[model.Session](t)(s.Session(ctx, s48))
	must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: se48.BodyID, Number: 49, Date: model.NewDate(2026, 3, 19), Status: model.StatusPlanned}))
	id := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Digitale Steuerbescheide", SubmittedBy: "fmk"}))
	itemID := must[int64](t)(s.RequestToItem(ctx, id, 1, RequestItem{SessionID: s48}))
	it := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	_, err := s.DecideRegistration(ctx, itemID, it.Version, true, "")
	check(t, err)
	it = must[model.AgendaItem](t)(s.Item(ctx, itemID))
	_, _, err = s.DeferItem(ctx, Deferral{ItemID: itemID, Version: it.Version, Target: 49})
	check(t, err)
	q := must[model.Request](t)(s.Request(ctx, id))
	check(t, s.SetRequestStatus(ctx, id, q.Version, model.RequestDone, ""))

	msgs, _, err := s.Notifications(ctx, OutboxFilter{Limit: 1000})
	check(t, err)
	var body string
	for _, m := range msgs {
		if m.Recipient == "fmk@example.org" && m.Subject == "Anliegen erledigt: Digitale Steuerbescheide" {
			body = m.Body
		}
	}
	if body == "" {
		t.Fatalf("no message of the settled request: %v", msgs)
	}
	it = must[model.AgendaItem](t)(s.Item(ctx, itemID))
	page := model.Request{ItemID: itemID}.StandingWith(it, se48).Agenda()
	want := "Tagesordnung: " + page.Before + "48. Sitzung (IT-Planungsrat)" + page.After
	if !strings.Contains(page.After, "vertagt auf die 49. Sitzung") {
		t.Fatalf("the page's words lack the deferral: %q", page.String())
	}
	var got string
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "Tagesordnung: ") {
			got = line
		}
	}
	if got != want {
		t.Errorf("the message says\n%q\nwant the page's words\n%q", got, want)
	}
}
