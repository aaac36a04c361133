package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/notify"
	"gremium/internal/store"
)

// TestOutboxShowsWithdrawnMessages: a message to an account disabled
// since it was queued, and one to a user who then saved the preferences
// page with no address and no event ticked, are not sent; /postausgang and
// the message's page show them "abgebrochen" with the reason, and "Erneut
// senden" is refused with it (422). Before, both went out with the next
// run of the sender.
func TestOutboxShowsWithdrawnMessages(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	subscribeByEmail(t, st, model.EventAgendaPublished, "hessen", "bund", "bayern")
	if n, err := st.QueueNotice(ctx, store.Notice{Event: model.EventAgendaPublished, Key: "test", Subject: "Tagesordnung der 48. Sitzung", Body: "Text"}); n != 3 || err != nil {
		t.Fatalf("queued %d, %v", n, err)
	}
	bayern, _, _ := st.UserLogin(ctx, "bayern")
	if err := st.SetUserDisabled(ctx, bayern.ID, true); err != nil {
		t.Fatal(err)
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/benachrichtigungen", url.Values{"version": {"1"}, "vorlauf": {"14"}}); code != http.StatusSeeOther {
		t.Fatalf("hessen unsubscribes: %d", code)
	}
	rec := &recordingSender{}
	w := &notify.Worker{Store: st, Senders: map[model.Channel]notify.Sender{model.ChannelEmail: rec}}
	if n, err := w.RunOnce(ctx); n != 1 || err != nil || rec.sent[0].Recipient != "bund@example.org" {
		t.Fatalf("sent %d (%v): %+v, want only bund's", n, err, rec.sent)
	}
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "GET", ts.URL+"/postausgang?zustand=abgebrochen", nil)
	for _, want := range []string{"abgebrochen (2)", "Grund: Zurückgezogen: das Konto ist deaktiviert.",
		"Grund: Zurückgezogen: „Neue Tagesordnung veröffentlicht“ (E-Mail) ist abbestellt.", "nicht gesendet, sondern zurückgezogen"} {
		if code != http.StatusOK || !strings.Contains(page, want) {
			t.Errorf("outbox page: %d, without %q", code, want)
		}
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("outbox page: %s", p)
	}
	list, _, _ := st.Notifications(ctx, store.OutboxFilter{State: model.DeliveryCancelled})
	var withdrawn int64
	for _, n := range list {
		if n.UserID == bayern.ID {
			withdrawn = n.ID
		}
	}
	if code, page := do(t, gs, "GET", fmt.Sprintf("%s/postausgang/%d", ts.URL, withdrawn), nil); code != http.StatusOK ||
		!strings.Contains(page, "<dt>Grund</dt><dd>Zurückgezogen: das Konto ist deaktiviert.</dd>") {
		t.Errorf("the withdrawn message's page: %d", code)
	}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/postausgang/%d/erneut", ts.URL, withdrawn), url.Values{}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Diese Nachricht wird nicht gesendet: das Konto ist deaktiviert.") {
		t.Errorf("sending the withdrawn message again: %d", code)
	}
}
