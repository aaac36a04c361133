package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

func TestDelay(t *testing.T) {
	w := &Worker{}
	for _, tc := range []struct {
		attempt int
		want    time.Duration
	}{
		{1, 30 * time.Second}, {2, time.Minute}, {3, 2 * time.Minute}, {6, 16 * time.Minute}, {7, 20 * time.Minute}, {50, 20 * time.Minute}, {1000, 20 * time.Minute},
	} {
		t.Run(time.Duration(tc.attempt).String(), func(t *testing.T) {
			if got := w.Delay(tc.attempt); got != tc.want {
				t.Errorf("Delay(%d) = %v, want %v", tc.attempt, got, tc.want)
			}
		})
	}
	capped := &Worker{BaseDelay: time.Second, MaxDelay: 5 * time.Second}
	if got := capped.Delay(4); got != 5*time.Second {
		t.Errorf("capped Delay(4) = %v", got)
	}
}

func TestText(t *testing.T) {
	n := model.Notification{Body: "Die Tagesordnung ist veröffentlicht.\n", Link: "/sitzungen/48", UserID: 3}
	got := Text(n, "https://gremium.example/")
	for _, want := range []string{"Die Tagesordnung ist veröffentlicht.\n\nhttps://gremium.example/sitzungen/48\n", "https://gremium.example/benachrichtigungen"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
	// An outside address (a FachMK contact) has no settings to point to.
	n.UserID = 0
	if strings.Contains(Text(n, "https://gremium.example"), "/benachrichtigungen") {
		t.Error("settings link for an outside address")
	}
	if MessageID("k", "gremium <gremium@itplr.example>") != MessageID("k", "gremium@itplr.example") || !strings.HasSuffix(MessageID("k", "x"), "@gremium.invalid") {
		t.Error("Message-ID domain")
	}
	if a1, a2 := TxnID("a"), TxnID("a"); TxnID("a") == TxnID("b") || a1 != a2 {
		t.Error("transaction ids")
	}
}

// TestRunSeesNewNotifications: a running worker sends what a change queued
// without being woken and long before its next poll.
func TestRunSeesNewNotifications(t *testing.T) {
	st, clock := fixture(t)
	srv := startSMTP(t)
	subscribe(t, st, "hessen", model.RoleMember, "HE", model.ChannelEmail, "hessen@example.org", model.EventAgendaPublished)
	w := &Worker{Store: st, Senders: map[model.Channel]Sender{model.ChannelEmail: srv.sender()}, Now: clock.Now, Log: quietLog(), PollInterval: time.Hour}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	publishAgenda(t, st, 48)
	waitFor(t, "the mail", func() bool { return len(srv.Mails()) == 1 })
}
