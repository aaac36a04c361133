package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// subscribeOnPage saves the notification settings of user on the page:
// one address, the events by e-mail. It gives the answer's status.
func subscribeOnPage(t *testing.T, c *http.Client, base, address string, events ...string) int {
	t.Helper()
	form := url.Values{"version": {"0"}, "email": {address}}
	for _, e := range events {
		form.Add("abo", e+":email")
	}
	code, _ := do(t, c, "POST", base+"/benachrichtigungen", form)
	return code
}

// messagesTo gives the outbox messages of the event to an address.
func messagesTo(t *testing.T, st *store.Store, event model.Event, address string) []model.Notification {
	t.Helper()
	list, _, err := st.Notifications(context.Background(), store.OutboxFilter{Event: event, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Notification
	for _, n := range list {
		if n.Recipient == address {
			out = append(out, n)
		}
	}
	return out
}

// TestNewSpokespersonReachesTheConference: the reviewer, as the
// Geschäftsstelle, gave Niedersachsen the spokesperson function for the
// FMK (decision B-2025/30-IT) and no message was queued, though the FMK
// secretariat heard of every resignation. The FMK secretariat (demo
// account fmk) subscribes to "Sprecher:in benannt" and hears of it, with
// the member, the decision and the day the term starts; Hessen's office
// too.
func TestNewSpokespersonReachesTheConference(t *testing.T) {
	ts, st := cycleServer(t)
	if code := subscribeOnPage(t, client(t, ts, "fmk"), ts.URL, "gs@fmk.example", "sprecher_benannt"); code != http.StatusSeeOther {
		t.Fatalf("the FMK secretariat subscribes: %d", code)
	}
	if code := subscribeOnPage(t, client(t, ts, "hessen"), ts.URL, "buero@hessen.example", "sprecher_benannt"); code != http.StatusSeeOther {
		t.Fatalf("Hessen subscribes: %d", code)
	}
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/FMK/sprecher", url.Values{"mitglied": {"NI"}, "beschluss": {"B-2025/30-IT"}}); code != http.StatusSeeOther {
		t.Fatalf("assign: %d", code)
	}
	for _, addr := range []string{"gs@fmk.example", "buero@hessen.example"} {
		got := messagesTo(t, st, model.EventSpokespersonNamed, addr)
		if len(got) != 1 {
			t.Fatalf("%s: %d messages", addr, len(got))
		}
		text := got[0].Subject + "\n" + got[0].Body
		for _, want := range []string{"Niedersachsen", "Finanzministerkonferenz", "B-2025/30-IT", "Beginn der Funktion: "} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the message lacks %q:\n%s", addr, want, text)
			}
		}
		if got[0].Link != "/fachmk/FMK" {
			t.Errorf("%s: link %q", addr, got[0].Link)
		}
	}
}

// TestFachMKSecretariatHearsOfMovedSessions: a FachMK secretariat could
// not subscribe to "Sitzung verlegt oder abgesagt" (422 "steht der Rolle
// FachMK-Geschäftsstelle nicht zur Verfügung"), though the IT-PLR's dates
// are public and its own request may stand on the agenda. Now it may;
// the message passes the publication gate: the cancelled IT-PLR session
// reaches it, the AL-Runde cancelled with it (internal) does not, while a
// member's office hears of both.
func TestFachMKSecretariatHearsOfMovedSessions(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	if code := subscribeOnPage(t, client(t, ts, "fmk"), ts.URL, "gs@fmk.example", "sitzung_geaendert"); code != http.StatusSeeOther {
		t.Fatalf("the FMK secretariat subscribes: %d", code)
	}
	if code := subscribeOnPage(t, client(t, ts, "hessen"), ts.URL, "buero@hessen.example", "sitzung_geaendert"); code != http.StatusSeeOther {
		t.Fatalf("Hessen subscribes: %d", code)
	}
	main, _ := planPair48(t, st)
	se, err := st.Session(ctx, main)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CancelSession(store.WithActor(ctx, "test"), main, se.Version, "Terminkollision mit der MPK"); err != nil {
		t.Fatal(err)
	}
	links := func(addr string) map[string]model.Notification {
		out := map[string]model.Notification{}
		for _, n := range messagesTo(t, st, model.EventSessionChanged, addr) {
			out[n.Link] = n
		}
		return out
	}
	he := links("buero@hessen.example")
	if _, ok := he["/gremien/al-runde/sitzungen/40"]; !ok || len(he) != 2 {
		t.Errorf("Hessen's office: %v, want the 48th session and the AL-Runde", he)
	}
	fmk := links("gs@fmk.example")
	n, ok := fmk["/sitzungen/48"]
	if !ok || len(fmk) != 1 {
		t.Fatalf("the FMK secretariat: %v, want the 48th session only", fmk)
	}
	if !strings.Contains(n.Subject, "Sitzung abgesagt") || !strings.Contains(n.Body, "Terminkollision mit der MPK") {
		t.Errorf("the FMK secretariat's message: %s\n%s", n.Subject, n.Body)
	}
}
