package notify

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// testClock is the injectable clock of the tests: the store and the worker
// read it, the test moves it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// fixture gives a store with the IT-PLR (members, sections) and a clock
// shared by store and worker.
func fixture(t testing.TB) (*store.Store, *testClock) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := itplr.Setup(ctx, st); err != nil {
		t.Fatal(err)
	}
	clock := &testClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	st.SetClock(clock.Now)
	return st, clock
}

// gmkAndDecision creates the GMK and the decision B-2022/43-IT that
// assigns the spokespersons (concept 5.3), and gives the IT-PLR and the
// GMK's id.
func gmkAndDecision(t *testing.T, st *store.Store) (model.Body, int64) {
	t.Helper()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	gmk, err := st.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: council.ID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}); err != nil {
		t.Fatal(err)
	}
	return council, gmk
}

// subscribe creates an account that wants the events on one channel at
// the address.
func subscribe(t testing.TB, st *store.Store, username string, role model.Role, member string, ch model.Channel, addr string, events ...model.Event) int64 {
	t.Helper()
	ctx := context.Background()
	uid, err := st.CreateUser(ctx, model.User{Username: username, Name: "Konto " + username, Role: role, MemberAbbrev: member}, "x")
	if err != nil {
		t.Fatal(err)
	}
	set := model.NotificationSettings{UserID: uid, DueDays: 14}
	switch ch {
	case model.ChannelEmail:
		set.Email = addr
	case model.ChannelMatrix:
		set.MatrixRoom = addr
	}
	for _, e := range events {
		set.Subscriptions = append(set.Subscriptions, model.Subscription{Event: e, Channel: ch})
	}
	if err := st.SaveNotificationSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	return uid
}

// publishAgenda plans session n of the IT-PLR and publishes its agenda:
// the change that queues "Tagesordnung veröffentlicht".
func publishAgenda(t testing.TB, st *store.Store, n int) {
	t.Helper()
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: n, Date: model.NewDate(2026, 6, 18), Place: "Berlin", Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	se.AgendaPublished = true
	if err := st.UpdateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
}

// outbox gives every notification, oldest first.
func outbox(t testing.TB, st *store.Store) []model.Notification {
	t.Helper()
	list, _, err := st.Notifications(context.Background(), store.OutboxFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list
}

// queuedByTwoRuns runs the reminder loop twice, as a loop runs again and
// again (the second run must queue nothing the first did), and gives the
// notifications the runs queued.
func queuedByTwoRuns(t testing.TB, r *Reminders, st *store.Store) []model.Notification {
	t.Helper()
	before := len(outbox(t, st))
	for range 2 {
		if _, err := r.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	return outbox(t, st)[before:]
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// selfSigned gives a server certificate for 127.0.0.1 and a pool that
// trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}, pool
}

// listenAgain listens on addr again after a server on it stopped; the port
// may take a moment to be free.
func listenAgain(t testing.TB, addr string) net.Listener {
	t.Helper()
	var err error
	for range 50 {
		var ln net.Listener
		if ln, err = net.Listen("tcp", addr); err == nil {
			return ln
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("listen on %s again: %v", addr, err)
	return nil
}

// waitFor waits until cond holds, at most 10 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func states(list []model.Notification) string {
	s := ""
	for _, n := range list {
		s += fmt.Sprintf("[%d %s %s attempts=%d err=%q] ", n.ID, n.Recipient, n.State, n.Attempts, n.LastError)
	}
	return s
}
