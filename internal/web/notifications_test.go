package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"gremium/internal/model"
	"gremium/internal/notify"
	"gremium/internal/store"
)

// recordingSender stands in for the mail server: it keeps what it was
// handed, or refuses while fail is set.
type recordingSender struct {
	mu   sync.Mutex
	sent []model.Notification
	fail bool
}

func (r *recordingSender) Send(_ context.Context, n model.Notification, _ string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail {
		return notify.Permanent(errors.New("550 mailbox unavailable"))
	}
	r.sent = append(r.sent, n)
	return nil
}

func TestPreferencesPage(t *testing.T) {
	ts, st := debriefServer(t)
	if code, _ := do(t, client(t, ts, ""), "GET", ts.URL+"/benachrichtigungen", nil); code != http.StatusSeeOther {
		t.Errorf("anonymous: %d, want a redirect to the login", code)
	}
	he := client(t, ts, "hessen")
	code, page := do(t, he, "GET", ts.URL+"/benachrichtigungen", nil)
	if code != http.StatusOK || !strings.Contains(page, `value="umlauf_frist:matrix"`) || strings.Contains(page, `value="nachbesprechung:email"`) {
		t.Fatalf("member's page: %d", code)
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("preferences page: %s", p)
	}
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"address missing for the channel", url.Values{"version": {"0"}, "abo": {"umlauf_frist:email"}}, http.StatusBadRequest, "fehlt die E-Mail-Adresse"},
		{"bad room id, typed values kept", url.Values{"version": {"0"}, "email": {"buero@hessen.example"}, "matrix": {"#hessen:matrix.org"}, "abo": {"umlauf_frist:email"}},
			http.StatusBadRequest, "keine Matrix-Raum-ID"},
		{"event of another role", url.Values{"version": {"0"}, "email": {"buero@hessen.example"}, "abo": {"nachbesprechung:email"}}, http.StatusUnprocessableEntity, "steht der Rolle Mitglied nicht zur Verfügung"},
		{"saved", url.Values{"version": {"0"}, "email": {"buero@hessen.example"}, "vorlauf": {"3"}, "abo": {"umlauf_frist:email", "tagesordnung:email"}}, http.StatusSeeOther, ""},
		{"stale form", url.Values{"version": {"0"}, "email": {"x@hessen.example"}}, http.StatusConflict, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := do(t, he, "POST", ts.URL+"/benachrichtigungen", tc.form)
			if code != tc.status || !strings.Contains(body, tc.want) {
				t.Errorf("POST: %d, want %d with %q", code, tc.status, tc.want)
			}
			if (code == http.StatusUnprocessableEntity || code == http.StatusBadRequest) && !strings.Contains(body, `value="`+tc.form.Get("email")+`"`) {
				t.Error("the typed address is gone")
			}
		})
	}
	// A refused form of someone who has saved before does not say that
	// nothing is set (it said "Sie haben noch nichts eingestellt").
	code, page = do(t, he, "POST", ts.URL+"/benachrichtigungen", url.Values{"version": {"1"}, "email": {"buero@hessen.example"}, "abo": {"nachbesprechung:email"}})
	if code != http.StatusUnprocessableEntity || strings.Contains(page, "noch nichts eingestellt") {
		t.Errorf("refused change of saved settings: %d, says nothing was saved: %v", code, strings.Contains(page, "noch nichts eingestellt"))
	}
	_, page = do(t, he, "GET", ts.URL+"/benachrichtigungen", nil)
	if !strings.Contains(page, `value="umlauf_frist:email" checked`) || strings.Contains(page, `value="umlauf_gestartet:email" checked`) || !strings.Contains(page, `value="3"`) {
		t.Error("saved choices not shown")
	}
	u, _, _ := st.UserLogin(context.Background(), "hessen")
	set, _ := st.NotificationSettings(context.Background(), u.ID)
	if set.Email != "buero@hessen.example" || set.DueDays != 3 || len(set.Subscriptions) != 2 {
		t.Errorf("stored = %+v", set)
	}
	// The FachMK secretariat (no internal rights) has its own events.
	_, page = do(t, client(t, ts, "fmk"), "GET", ts.URL+"/benachrichtigungen", nil)
	if !strings.Contains(page, `value="nachbesprechung:email"`) || strings.Contains(page, "umlauf_gestartet") {
		t.Error("the FachMK secretariat's events are wrong")
	}
}

// checkDebriefDelivery sends the debrief invitation from the page and
// follows its delivery: refused while nobody can receive it, then "in
// Warteschlange" until the sender has handed every message over, then
// "versandt".
func checkDebriefDelivery(t *testing.T, ts *httptest.Server, st *store.Store, gs *http.Client, db model.Debrief) {
	t.Helper()
	ctx := context.Background()
	send := url.Values{"version": {fmt.Sprint(db.Version)}, "datum": {"2025-07-17"}, "ort": {"Berlin"}, "einladung": {"Einladung zum 17.07.2025"},
		"aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HE"}}
	code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", send)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "keine der Fachministerkonferenzen") {
		t.Fatalf("send without any address: %d", code)
	}
	// The FMK secretariat asks for the invitation by e-mail; the WMK gets
	// a contact with an address.
	if code, _ := do(t, client(t, ts, "fmk"), "POST", ts.URL+"/benachrichtigungen",
		url.Values{"version": {"0"}, "email": {"gs@fmk.example"}, "abo": {"nachbesprechung:email"}}); code != http.StatusSeeOther {
		t.Fatalf("FMK preferences: %d", code)
	}
	wmk, _ := st.BodyByAbbrev(ctx, "WMK")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: wmk.ID, Name: "Geschäftsstelle WMK", Email: "gs@wmk.example"}); err != nil {
		t.Fatal(err)
	}
	if code, _ := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", send); code != http.StatusSeeOther {
		t.Fatalf("send: %d", code)
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if !strings.Contains(page, "Einladung: <strong>in Warteschlange (0 von 2 versandt)</strong>") || !strings.Contains(page, `value="Berlin"`) {
		t.Fatalf("before the sender ran, the page says:\n%s", section(page, "nb-versand"))
	}
	// The FMK secretariat's view said "versandt" as soon as the
	// secretariat pressed send; it says what the secretariat's does,
	// without the numbers of the others invited.
	fmk := client(t, ts, "fmk")
	if _, read := do(t, fmk, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil); !strings.Contains(read, `<dd id="nb-versand">wird versandt</dd>`) {
		t.Errorf("before the sender ran, the FMK secretariat reads:\n%s", section(read, "nb-versand"))
	}
	rec := &recordingSender{}
	w := &notify.Worker{Store: st, Senders: map[model.Channel]notify.Sender{model.ChannelEmail: rec}}
	if n, err := w.RunOnce(ctx); n != 2 || err != nil {
		t.Fatalf("sender: %d, %v", n, err)
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if !strings.Contains(page, "Einladung: <strong>versandt</strong>") {
		t.Errorf("after sending, the page says:\n%s", section(page, "nb-versand"))
	}
	if _, read := do(t, fmk, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil); !strings.Contains(read, `<dd id="nb-versand">versandt (`) {
		t.Errorf("after sending, the FMK secretariat reads:\n%s", section(read, "nb-versand"))
	}
	got := map[string]bool{}
	for _, n := range rec.sent {
		got[n.Recipient] = true
		// The text as typed, with the facts it leaves out below it
		// (withDebriefFacts): the place and the decisions.
		if !strings.HasPrefix(n.Body, "Einladung zum 17.07.2025\n\n---\nAngaben zur Nachbesprechung\nOrt: Berlin\n") || !strings.Contains(n.Body, "B-2025/27-IT") ||
			strings.Contains(n.Body, "Termin:") || !strings.Contains(n.Subject, "47. Sitzung") {
			t.Errorf("message = %+v", n)
		}
	}
	if !got["gs@fmk.example"] || !got["gs@wmk.example"] {
		t.Errorf("recipients = %v", got)
	}
}

// section gives the line of page with the id, for failure messages.
func section(page, id string) string {
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		return "(no element " + id + ")"
	}
	end := strings.Index(page[i:], "\n")
	if end < 0 {
		end = len(page) - i
	}
	return page[i : i+end]
}

// subscribeByEmail subscribes the demo accounts to the event by e-mail, at
// user@example.org.
func subscribeByEmail(t *testing.T, st *store.Store, event model.Event, users ...string) {
	t.Helper()
	ctx := context.Background()
	for _, user := range users {
		u, _, _ := st.UserLogin(ctx, user)
		if err := st.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: u.ID, Email: user + "@example.org", DueDays: 14,
			Subscriptions: []model.Subscription{{Event: event, Channel: model.ChannelEmail}}}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOutboxPage(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	subscribeByEmail(t, st, model.EventAgendaPublished, "hessen", "bund")
	if n, err := st.QueueNotice(ctx, store.Notice{Event: model.EventAgendaPublished, Key: "test", Subject: "Tagesordnung der 48. Sitzung", Body: "Text"}); n != 2 || err != nil {
		t.Fatalf("queued %d, %v", n, err)
	}
	rec := &recordingSender{fail: true}
	w := &notify.Worker{Store: st, Senders: map[model.Channel]notify.Sender{model.ChannelEmail: rec}}
	w.RunOnce(ctx)

	if code, _ := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/postausgang", nil); code != http.StatusForbidden {
		t.Errorf("a member opened the outbox: %d", code)
	}
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "GET", ts.URL+"/postausgang", nil)
	if code != http.StatusOK || !strings.Contains(page, "fehlgeschlagen (2)") || !strings.Contains(page, "550 mailbox unavailable") ||
		!strings.Contains(page, "hessen@example.org") || !strings.Contains(page, "Erneut senden") {
		t.Fatalf("outbox page: %d", code)
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("outbox page: %s", p)
	}
	list, _, _ := st.Notifications(ctx, store.OutboxFilter{})
	retry, cancel := list[0].ID, list[1].ID
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/postausgang/%d/abbrechen", ts.URL, cancel), url.Values{}); code != http.StatusSeeOther {
		t.Errorf("cancel: %d", code)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/postausgang/%d/erneut", ts.URL, retry), url.Values{"zustand": {"fehlgeschlagen"}}); code != http.StatusSeeOther {
		t.Errorf("retry: %d", code)
	}
	rec.mu.Lock()
	rec.fail = false
	rec.mu.Unlock()
	if n, _ := w.RunOnce(ctx); n != 1 || len(rec.sent) != 1 || rec.sent[0].ID != retry {
		t.Fatalf("after retry and cancel: sent %d %+v", n, rec.sent)
	}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/postausgang/%d/abbrechen", ts.URL, retry), url.Values{}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "bereits gesendet") {
		t.Errorf("cancel of a sent message: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/postausgang/999999/erneut", url.Values{}); code != http.StatusNotFound {
		t.Errorf("unknown message: %d", code)
	}
	_, page = do(t, gs, "GET", ts.URL+"/postausgang?zustand=gesendet", nil)
	if !strings.Contains(page, "gesendet (1)") || !strings.Contains(page, `im Zustand „gesendet“`) || strings.Contains(page, "Erneut senden") {
		t.Error("the filtered outbox page is wrong")
	}
}

// TestPreferencesPageExplainsEveryEvent: on the notification settings every
// event says when its message comes; "Sitzung verlegt oder abgesagt" (members,
// spokespersons, the secretariat) and the requests of a FachMK (its
// secretariat, the IT-PLR's) stood there without a word.
func TestPreferencesPageExplainsEveryEvent(t *testing.T) {
	ts, _ := cycleServer(t)
	for _, user := range []string{"hessen", "bund", "sprecher-hb", "geschaeftsstelle", "fmk"} {
		code, page := do(t, client(t, ts, user), "GET", ts.URL+"/benachrichtigungen", nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", user, code)
		}
		if n := strings.Count(page, `<span class="hint"></span>`); n != 0 {
			t.Errorf("%s: %d events without a word on when their message comes", user, n)
		}
	}
}

// TestPreferencesGiveTheMissingAddressAtItsField: events ticked for a
// channel without its address were said only once the rest of the form
// was right (the form checked the addresses and the lead time itself, the
// model's rules only after them), and at no field; the model and the form
// each had the lead time's rule. Now the model's rules (Validate: every
// reason, each at its field) are the form's: a missing e-mail address at
// the e-mail field, a missing room at the Matrix field, beside a lead
// time out of range.
func TestPreferencesGiveTheMissingAddressAtItsField(t *testing.T) {
	ts, _ := cycleServer(t)
	form := url.Values{"version": {"0"}, "vorlauf": {"0"}, "abo": {"umlauf_frist:email", "umlauf_frist:matrix"}}
	code, page := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/benachrichtigungen", form)
	if code != http.StatusBadRequest {
		t.Fatalf("%d", code)
	}
	box := between(page, `id="benachrichtigungen-fehler"`, "</div>")
	for id, reason := range map[string]string{"bn-email": "per E-Mail fehlt die E-Mail-Adresse", "bn-matrix": "per Matrix fehlt die Matrix-Raum-ID",
		"bn-vorlauf": "zwischen 1 und 90 Tagen"} {
		if tag := between(page, `id="`+id+`"`, ">"); !strings.Contains(tag, `aria-invalid="true"`) || !strings.Contains(tag, id+`-fehler"`) {
			t.Errorf("the field %s is not marked invalid: %s", id, tag)
		}
		if at := between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"); !strings.Contains(at, reason) || !strings.Contains(box, reason) {
			t.Errorf("at the field %s: %q, want %q, also in the box %q", id, at, reason, box)
		}
	}
	if n := strings.Count(page, `aria-invalid="true"`); n != 3 {
		t.Errorf("%d fields marked invalid, want 3", n)
	}
}

// TestOutboxMessageShowsItsText: the outbox listed each message's subject
// only; the secretariat opens a message and reads its text as sent (body,
// link with the public address, closing line). Internal: a member may not.
func TestOutboxMessageShowsItsText(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	subscribeByEmail(t, st, model.EventAgendaPublished, "hessen")
	if n, err := st.QueueNotice(ctx, store.Notice{Event: model.EventAgendaPublished, Key: "text", Subject: "Tagesordnung der 48. Sitzung",
		Body: "Die Tagesordnung der 48. Sitzung ist veröffentlicht.", Link: "/sitzungen/48"}); n != 1 || err != nil {
		t.Fatalf("queued %d, %v", n, err)
	}
	list, _, _ := st.Notifications(ctx, store.OutboxFilter{})
	if len(list) != 1 {
		t.Fatalf("outbox: %+v", list)
	}
	path := fmt.Sprintf("/postausgang/%d", list[0].ID)
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/postausgang", nil); !strings.Contains(page, `<a href="`+path+`">Tagesordnung der 48. Sitzung</a>`) {
		t.Error("the outbox does not link the message")
	}
	code, page := do(t, gs, "GET", ts.URL+path, nil)
	if code != http.StatusOK || !strings.Contains(page, "Die Tagesordnung der 48. Sitzung ist veröffentlicht.") ||
		!strings.Contains(page, ts.URL+"/sitzungen/48") || !strings.Contains(page, "Diese Nachricht hat gremium gesendet.") {
		t.Errorf("the message page does not show the text as sent: %d\n%s", code, page)
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("message page: %s", p)
	}
	if code, _ := do(t, client(t, ts, "hessen"), "GET", ts.URL+path, nil); code != http.StatusForbidden {
		t.Errorf("a member opened a message of the outbox: %d", code)
	}
	if code, _ := do(t, gs, "GET", ts.URL+"/postausgang/999999", nil); code != http.StatusNotFound {
		t.Errorf("an unknown message: %d", code)
	}
}
