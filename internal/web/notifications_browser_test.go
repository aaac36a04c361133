package web

import (
	"context"
	"errors"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
	"gremium/internal/notify"
	"gremium/internal/store"
)

// TestNotificationPagesInBrowser: a member chooses notifications without
// JavaScript-only controls, the secretariat sees a failed message in the
// outbox and sends it again; both pages pass axe and do not scroll
// sideways at 320 px.
func TestNotificationPagesInBrowser(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	b := newBrowser(t, ts.URL)
	ctx := context.Background()

	b.login("hessen")
	b.page("/benachrichtigungen")
	// The defaults of a member's office stand ticked (docs/notifications.md):
	// the address typed, one of them unticked.
	b.run("fill preferences",
		chromedp.SendKeys("#bn-email", "buero@hessen.example", chromedp.ByID),
		chromedp.Click("#abo-anmeldung_entschieden-email", chromedp.ByID))
	b.submit("save preferences", `form[action="/benachrichtigungen"]`)
	if got := b.text(".notice-box"); got != "Ihre Benachrichtigungen sind gespeichert." {
		t.Errorf("notice = %q", got)
	}
	b.shot("benachrichtigungen")
	noSidewaysScroll(t, b, "benachrichtigungen")
	// The table of events and channels fits a phone: it scrolled by a few
	// pixels inside its box (three columns of 290 px in 288).
	var wide string
	b.run("preferences at 320 px", chromedp.EmulateViewport(320, 800), tablesTooWide(&wide))
	if wide != "" {
		t.Errorf("/benachrichtigungen at 320 px: tables too wide: %s", wide)
	}
	b.run("back to 1280 px", chromedp.EmulateViewport(1280, 1000))
	b.logout()

	u, _, _ := st.UserLogin(ctx, "hessen")
	if set, _ := st.NotificationSettings(ctx, u.ID); !set.Wants(model.EventProcedureClosing, model.ChannelEmail) || set.Wants(model.EventRegistrationDecided, model.ChannelEmail) || !set.Wants(model.EventAgendaPublished, model.ChannelEmail) || set.Email != "buero@hessen.example" {
		t.Fatalf("saved = %+v", set)
	}
	if _, err := st.QueueNotice(ctx, store.Notice{Event: model.EventAgendaPublished, Key: "browser", Subject: "Tagesordnung der 48. Sitzung (IT-Planungsrat) veröffentlicht", Body: "Text"}); err != nil {
		t.Fatal(err)
	}
	w := &notify.Worker{Store: st, Senders: map[model.Channel]notify.Sender{model.ChannelEmail: failingSender{}}}
	w.RunOnce(ctx)

	b.login("geschaeftsstelle")
	b.page("/postausgang")
	b.shot("postausgang")
	noSidewaysScroll(t, b, "postausgang")
	b.submit("retry", `form[action$="/erneut"]`)
	if list, _, _ := st.Notifications(ctx, store.OutboxFilter{}); len(list) != 1 || list[0].State != model.DeliveryWaiting {
		t.Errorf("after retry: %+v", list)
	}
}

type failingSender struct{}

func (failingSender) Send(context.Context, model.Notification, string) error {
	return notify.Permanent(errors.New("smtp: 550 5.1.1 mailbox unavailable"))
}

// noSidewaysScroll checks the current page at 320 px width, takes its
// screenshot there (name-320) and sets the window back.
func noSidewaysScroll(t *testing.T, b *browserRun, name string) {
	t.Helper()
	var fits bool
	b.run("320 px", chromedp.EmulateViewport(320, 800),
		chromedp.Evaluate(`document.documentElement.scrollWidth <= window.innerWidth`, &fits))
	if !fits {
		var wide string
		b.run("wide elements", chromedp.Evaluate(`Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + "." + e.className + "#" + e.id + " " + Math.round(e.getBoundingClientRect().right)).join("; ")`, &wide))
		t.Errorf("%s scrolls sideways at 320 px: %s", name, wide)
	}
	b.shot(name + "-320")
	b.run("back to 1280 px", chromedp.EmulateViewport(1280, 1000))
}
