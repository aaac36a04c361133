package web

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/notify"
	"gremium/internal/search"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// TestTwoInstancesOnOneDatabase runs two gremium instances (store and web
// server each) on one PostgreSQL database and proves what several
// instances need: a change made on one reaches the live viewers on the
// other (LISTEN/NOTIFY), the response cache of the other serves the change
// at once, and background work — closing a due written procedure,
// delivering the outbox — is done exactly once although both instances run
// it at the same time.
func TestTwoInstancesOnOneDatabase(t *testing.T) {
	dbURL := storetest.NewPostgresDB(t)
	ctx := context.Background()
	open := func() *store.Store {
		st, err := store.OpenDatabase(ctx, dbURL, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	a := open()
	if err := demo.Load(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadAccounts(ctx, a); err != nil {
		t.Fatal(err)
	}
	council, err := a.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	if err := search.Rebuild(ctx, a, council.ID); err != nil {
		t.Fatal(err)
	}
	b := open()
	tsA := startServer(t, newTestServer(t, a))
	tsB := startServer(t, newTestServer(t, b))

	t.Run("live update reaches the viewers of the other instance", func(t *testing.T) {
		s47, err := b.SessionByNumber(ctx, council.ID, 47)
		if err != nil {
			t.Fatal(err)
		}
		items, err := b.Items(ctx, s47.ID)
		if err != nil {
			t.Fatal(err)
		}
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(sctx, "GET", tsB.URL+"/sitzungen/47/live/ereignisse", nil)
		viewer := client(t, tsB, "geschaeftsstelle")
		res, err := viewer.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("live events on B: %d", res.StatusCode)
		}
		lines := make(chan string, 16)
		go func() {
			sc := bufio.NewScanner(res.Body)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		waitFor := func(want string) bool {
			for {
				select {
				case l, ok := <-lines:
					if !ok {
						return false
					}
					if strings.HasPrefix(l, want) {
						return true
					}
				case <-sctx.Done():
					return false
				}
			}
		}
		if !waitFor(": verbunden") {
			t.Fatal("the live stream on B did not start")
		}
		gs := client(t, tsA, "geschaeftsstelle")
		if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beitraege", tsA.URL, items[1].ID),
			url.Values{"sprecher": {"HE"}, "punkte": {"Auf Instanz A erfasst."}}); code != http.StatusSeeOther {
			t.Fatalf("contribution on A: %d %s", code, body)
		}
		if !waitFor("event: update") {
			t.Fatal("the change on A never reached the live viewer on B")
		}
	})

	t.Run("the response cache of the other instance serves the change", func(t *testing.T) {
		page := func() string {
			_, body := get(t, tsB, "/beschluesse")
			return body
		}
		if before := page(); strings.Contains(before, "Zwei Instanzen, ein Register") {
			t.Fatal("fixture: the decision exists already")
		}
		page() // now cached on B
		on, _ := model.ParseDate("2030-01-15")
		if _, err := a.CreateDecision(store.WithActor(ctx, "test"), model.Decision{BodyID: council.ID, Kind: model.KindDecision,
			Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2030, Seq: 1}, AdoptedOn: on,
			Title: "Zwei Instanzen, ein Register"}); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(page(), "Zwei Instanzen, ein Register") {
			if time.Now().After(deadline) {
				t.Fatal("B kept serving its cached page after the change on A")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})

	t.Run("due written procedures close once", func(t *testing.T) {
		deadline := time.Now().Add(time.Hour)
		want := map[int64]bool{}
		for i := range 4 {
			pid, err := a.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation,
				Status: model.DecisionDraft, Scope: model.ScopeAll, Title: fmt.Sprintf("Zweimal fällig %d", i), Applicants: []string{"Bund"}}, Deadline: deadline})
			if err != nil {
				t.Fatal(err)
			}
			want[pid] = true
			for _, m := range []string{"Bund", "HE"} {
				if err := b.CastVote(ctx, pid, m, model.VoteYes); err != nil {
					t.Fatal(err)
				}
			}
		}
		after := func() time.Time { return deadline.Add(time.Minute) }
		var mu sync.Mutex
		closed := map[int64]int{}
		var wg sync.WaitGroup
		for i := range 8 {
			st := a
			if i%2 == 1 {
				st = b
			}
			wg.Go(func() {
				done, err := (&notify.Reminders{Store: st, Now: after}).RunOnce(ctx)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				for _, p := range done {
					closed[p.ID]++
				}
				mu.Unlock()
			})
		}
		wg.Wait()
		for pid := range want {
			if closed[pid] != 1 {
				t.Errorf("procedure %d closed %d times", pid, closed[pid])
			}
			log, err := b.AuditLog(ctx, "procedure", pid)
			if err != nil {
				t.Fatal(err)
			}
			closes := 0
			for _, e := range log {
				if e.Action == "close" {
					closes++
				}
			}
			if closes != 1 {
				t.Errorf("the audit log of procedure %d records %d closings", pid, closes)
			}
		}
	})

	t.Run("the outbox is delivered once", func(t *testing.T) {
		users := []string{"hessen", "bund", "dlt", "geschaeftsstelle"}
		for _, user := range users {
			u, _, err := a.UserLogin(ctx, user)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: u.ID, Email: user + "@example.org", DueDays: 14,
				Subscriptions: []model.Subscription{{Event: model.EventAgendaPublished, Channel: model.ChannelEmail}}}); err != nil {
				t.Fatal(err)
			}
		}
		queued := 0
		for i := range 5 {
			n, err := b.QueueNotice(ctx, store.Notice{Event: model.EventAgendaPublished, Key: fmt.Sprintf("zweimal-%d", i), Subject: "Tagesordnung", Body: "Text"})
			if err != nil {
				t.Fatal(err)
			}
			queued += n
		}
		if queued != 5*len(users) {
			t.Fatalf("queued %d", queued)
		}
		recA, recB := &recordingSender{}, &recordingSender{}
		var wg sync.WaitGroup
		for _, w := range []*notify.Worker{
			{Store: a, Senders: map[model.Channel]notify.Sender{model.ChannelEmail: recA}},
			{Store: b, Senders: map[model.Channel]notify.Sender{model.ChannelEmail: recB}},
		} {
			wg.Go(func() { w.RunOnce(ctx) })
		}
		wg.Wait()
		seen := map[string]int{}
		for _, n := range append(recA.sent, recB.sent...) {
			seen[n.Key]++
		}
		if len(seen) != queued {
			t.Errorf("%d of %d notifications sent (A %d, B %d)", len(seen), queued, len(recA.sent), len(recB.sent))
		}
		for k, n := range seen {
			if n != 1 {
				t.Errorf("%s sent %d times", k, n)
			}
		}
	})

	rep, err := b.VerifyAudit(ctx, store.AuditHead{})
	if err != nil || rep.Problem != nil {
		t.Errorf("audit chain after two instances wrote: %+v %v", rep.Problem, err)
	}
	_ = auth.DefaultIdle // the instances share login sessions through the database
}
