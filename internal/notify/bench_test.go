package notify

import (
	"context"
	"fmt"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// benchDeliver queues b.N notifications for one subscriber and measures
// the worker delivering them one by one: claim, send over loopback,
// record.
func benchDeliver(b *testing.B, ch model.Channel, addr string, sender Sender) {
	st, clock := fixture(b)
	subscribe(b, st, "hessen", model.RoleMember, "HE", ch, addr, model.EventAgendaPublished)
	ctx := context.Background()
	for i := range b.N {
		if _, err := st.QueueNotice(ctx, store.Notice{Event: model.EventAgendaPublished, Key: fmt.Sprintf("bench:%d", i), Subject: "Tagesordnung", Body: "Text"}); err != nil {
			b.Fatal(err)
		}
	}
	w := &Worker{Store: st, Senders: map[model.Channel]Sender{ch: sender}, Now: clock.Now, Log: quietLog()}
	b.ResetTimer()
	sent, err := w.RunOnce(ctx)
	if err != nil || sent != b.N {
		b.Fatalf("sent %d of %d: %v", sent, b.N, err)
	}
}

// BenchmarkDeliverEmail: one mail per SMTP connection with STARTTLS and
// authentication, as the worker sends them.
func BenchmarkDeliverEmail(b *testing.B) {
	srv := startSMTP(b)
	benchDeliver(b, model.ChannelEmail, "hessen@example.org", srv.sender())
}

// BenchmarkDeliverMatrix: one PUT per message to the test homeserver.
func BenchmarkDeliverMatrix(b *testing.B) {
	srv := startMatrix(b, roomHE)
	benchDeliver(b, model.ChannelMatrix, roomHE, srv.sender())
}
