package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestChangeAskedReadAndAnsweredByTheAPI: the secretariat asks Hessen to
// change its registration. The API's representation did not say so (the
// office's program read "angemeldet" and nothing to do); now it carries
// aenderungErbeten with the reason. Hessen's PUT answers the request: the
// field is gone, and the secretariat's subscribed account is told that
// the changed registration waits for it (event anmeldung_geaendert), as
// after the form.
func TestChangeAskedReadAndAnsweredByTheAPI(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	ctx := context.Background()
	gs, _, _ := st.UserLogin(ctx, "geschaeftsstelle")
	if err := st.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: gs.ID, Email: "gs@example.org", DueDays: 14,
		Subscriptions: []model.Subscription{{Event: model.EventRegistrationChanged, Channel: model.ChannelEmail}}}); err != nil {
		t.Fatal(err)
	}
	code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, `{"titel":"E-Akte","ziel":"Bericht","fachmk":{"betroffen":false}}`)
	var created Registered
	if err := json.Unmarshal(b, &created); code != http.StatusCreated || err != nil {
		t.Fatalf("registration: %d %s", code, b)
	}
	path := "/api/v1/anmeldungen/" + strconv.FormatInt(created.ID, 10)
	read := func() Registration {
		t.Helper()
		code, _, b := call(t, ts, "GET", path, token, "")
		var got Registration
		if err := json.Unmarshal(b, &got); code != http.StatusOK || err != nil {
			t.Fatalf("read: %d %s", code, b)
		}
		return got
	}
	it, err := st.Item(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	const reason = "Bitte die Quelle nennen."
	if _, err := st.RequestRegistrationChange(store.WithActor(ctx, "geschaeftsstelle"), it.ID, it.Version, reason); err != nil {
		t.Fatal(err)
	}
	got := read()
	if got.ChangeRequest != reason || !got.Changeable || got.Status != "angemeldet" {
		t.Errorf("read with the change asked: %+v", got)
	}
	code, _, b = call(t, ts, "PUT", path, token, fmt.Sprintf(`{"version":%d,"titel":"E-Akte mit Quelle","ziel":"Bericht","fachmk":{"betroffen":false}}`, got.Version))
	if code != http.StatusOK {
		t.Fatalf("PUT: %d %s", code, b)
	}
	if got := read(); got.ChangeRequest != "" {
		t.Errorf("the request after the change: %q", got.ChangeRequest)
	}
	list, _, err := st.Notifications(ctx, store.OutboxFilter{Event: model.EventRegistrationChanged, Limit: 100})
	if err != nil || len(list) != 1 || list[0].Recipient != "gs@example.org" || !strings.Contains(list[0].Body, "„E-Akte mit Quelle“ zur 49. Sitzung") || !strings.Contains(list[0].Body, "Erbeten war: "+reason) {
		t.Errorf("the secretariat's notification: %+v %v", list, err)
	}
}
