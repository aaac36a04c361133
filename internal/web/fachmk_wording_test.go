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
)

// TestMineSaysWhenTheInvitationIsDelivered: the debriefs in the
// secretariat's Mein Bereich said "Einladung versandt" as soon as the
// invitation was given to the outbox; they say "zum Versand gegeben am …"
// while it waits there and "versandt am …" once the sender delivered it.
func TestMineSaysWhenTheInvitationIsDelivered(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	wmk, _ := st.BodyByAbbrev(ctx, "WMK")
	assess := func(seq int, conf model.Body) {
		t.Helper()
		form := url.Values{fmt.Sprintf("relevant_%d", conf.ID): {"ja"}, fmt.Sprintf("grund_%d", conf.ID): {"Finanzierung"}}
		if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, decisionID(t, st, seq)), form); code != http.StatusSeeOther {
			t.Fatalf("profile of %d: %d", seq, code)
		}
	}
	assess(27, fmk)
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	send := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HE"}}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung/versenden", send); code != http.StatusSeeOther {
		t.Fatalf("send: %d %s", code, body)
	}
	// A conference assessed since keeps the sent debrief in the list.
	assess(26, wmk)
	line := func() string {
		_, mine := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
		return between(between(mine, `id="h-nachbesprechung"`, "</section>"), "Nachbesprechung der 47. Sitzung", "</li>")
	}
	if l := line(); !strings.Contains(l, "Einladung zum Versand gegeben am ") || strings.Contains(l, "versandt") {
		t.Errorf("while the invitation waits in the outbox, Mein Bereich says:\n%s", l)
	}
	w := &notify.Worker{Store: st, Senders: map[model.Channel]notify.Sender{model.ChannelEmail: &recordingSender{}}}
	if n, err := w.RunOnce(ctx); n == 0 || err != nil {
		t.Fatalf("sender: %d, %v", n, err)
	}
	if l := line(); !strings.Contains(l, "Einladung versandt am ") || strings.Contains(l, "zum Versand gegeben") {
		t.Errorf("once the outbox delivered it, Mein Bereich says:\n%s", l)
	}
}
