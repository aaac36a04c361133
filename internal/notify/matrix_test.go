package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// matrixServer is a small homeserver on 127.0.0.1 that follows the
// client–server API for sending a room event (spec v1.x, "PUT
// /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}"): the access
// token as Bearer header or access_token parameter (401 M_MISSING_TOKEN /
// M_UNKNOWN_TOKEN), only rooms the account joined (403 M_FORBIDDEN), a
// JSON object as content (400 M_NOT_JSON), and transaction ids that make
// the request idempotent per access token: a repeated txnId gets the
// event_id of the first request and creates no event.
type matrixServer struct {
	t     testing.TB
	addr  string
	token string

	mu       sync.Mutex
	srv      *http.Server
	ln       net.Listener
	rooms    map[string]bool
	events   []matrixEvent
	txns     map[string]string // access token + txnId → event_id
	requests int
	hold     chan struct{} // if set, the answer waits on it after the event is stored
	accepted chan struct{}
}

type matrixEvent struct {
	Room    string
	Type    string
	ID      string
	Content matrixMessage
}

func startMatrix(t testing.TB, rooms ...string) *matrixServer {
	t.Helper()
	m := &matrixServer{t: t, token: "syt_gremium_token", rooms: map[string]bool{}, txns: map[string]string{}}
	for _, r := range rooms {
		m.rooms[r] = true
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m.addr = ln.Addr().String()
	m.serve(ln)
	t.Cleanup(m.stop)
	return m
}

func (m *matrixServer) serve(ln net.Listener) {
	mux := http.NewServeMux()
	mux.HandleFunc("PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}", m.send)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	m.mu.Lock()
	m.srv, m.ln = srv, ln
	m.mu.Unlock()
	go srv.Serve(ln)
}

func (m *matrixServer) stop() {
	m.mu.Lock()
	srv, ln := m.srv, m.ln
	m.srv, m.ln = nil, nil
	m.mu.Unlock()
	if srv != nil {
		// The listener is closed here too: Serve may not have registered
		// it with the server yet.
		ln.Close()
		srv.Close()
	}
}

func (m *matrixServer) restart() { m.serve(listenAgain(m.t, m.addr)) }

func (m *matrixServer) sender() *Matrix {
	return &Matrix{Homeserver: "http://" + m.addr, AccessToken: m.token}
}

func (m *matrixServer) Events() []matrixEvent {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]matrixEvent(nil), m.events...)
}

func matrixFail(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"errcode": code, "error": msg})
}

func (m *matrixServer) send(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		token = r.URL.Query().Get("access_token")
	}
	switch {
	case token == "":
		matrixFail(w, http.StatusUnauthorized, "M_MISSING_TOKEN", "Missing access token")
		return
	case token != m.token:
		matrixFail(w, http.StatusUnauthorized, "M_UNKNOWN_TOKEN", "Unrecognised access token")
		return
	}
	room, evType, txn := r.PathValue("roomId"), r.PathValue("eventType"), r.PathValue("txnId")
	var content map[string]any
	if err := json.NewDecoder(r.Body).Decode(&content); err != nil {
		matrixFail(w, http.StatusBadRequest, "M_NOT_JSON", "Content not JSON.")
		return
	}
	m.mu.Lock()
	m.requests++
	if id, ok := m.txns[token+"\x00"+txn]; ok {
		m.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]string{"event_id": id})
		return
	}
	if !m.rooms[room] {
		m.mu.Unlock()
		matrixFail(w, http.StatusForbidden, "M_FORBIDDEN", "User @gremium:test is not in room "+room)
		return
	}
	var msg matrixMessage
	raw, _ := json.Marshal(content)
	json.Unmarshal(raw, &msg)
	if evType == "m.room.message" && (msg.MsgType == "" || msg.Body == "") {
		m.mu.Unlock()
		matrixFail(w, http.StatusBadRequest, "M_BAD_JSON", "m.room.message needs msgtype and body")
		return
	}
	id := fmt.Sprintf("$event%d", len(m.events)+1)
	m.events = append(m.events, matrixEvent{Room: room, Type: evType, ID: id, Content: msg})
	m.txns[token+"\x00"+txn] = id
	hold, accepted := m.hold, m.accepted
	m.mu.Unlock()
	if hold != nil {
		accepted <- struct{}{}
		<-hold
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"event_id": id})
}

const roomHE, roomBY, roomBund = "!hessen:matrix.test", "!bayern:matrix.test", "!bund:matrix.test"

func TestMatrixSends(t *testing.T) {
	srv := startMatrix(t, roomHE)
	mx := srv.sender()
	if err := mx.Check(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	n := model.Notification{Key: "umlauf_gestartet:3/u7/matrix", Recipient: roomHE, Subject: "Umlaufverfahren gestartet: „Test“", Body: "Frist: …"}
	for range 2 { // the same transaction twice: one event
		if err := mx.Send(ctx, n, Text(n, "")); err != nil {
			t.Fatal(err)
		}
	}
	ev := srv.Events()
	if len(ev) != 1 || ev[0].Room != roomHE || ev[0].Type != "m.room.message" || ev[0].Content.MsgType != "m.text" ||
		!strings.HasPrefix(ev[0].Content.Body, n.Subject) || !strings.Contains(ev[0].Content.FormattedBody, "<strong>Umlaufverfahren") {
		t.Fatalf("events = %+v", ev)
	}
	for _, tc := range []struct {
		name      string
		mx        Matrix
		room      string
		permanent bool
	}{
		{"room not joined: retried (the operator can invite the account)", *mx, roomBY, false},
		{"wrong token: retried (the operator can fix it)", Matrix{Homeserver: mx.Homeserver, AccessToken: "falsch"}, roomHE, false},
		{"no room id: permanent", *mx, "#alias:matrix.test", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := n
			n.Key, n.Recipient = tc.name, tc.room
			err := tc.mx.Send(ctx, n, "x")
			if err == nil || IsPermanent(err) != tc.permanent {
				t.Errorf("Send = %v, permanent %v", err, IsPermanent(err))
			}
		})
	}
	if len(srv.Events()) != 1 {
		t.Errorf("%d events", len(srv.Events()))
	}
}

func matrixFixture(t *testing.T, srv *matrixServer, timeout time.Duration) (*Worker, *testClock) {
	st, clock := fixture(t)
	subscribe(t, st, "hessen", model.RoleMember, "HE", model.ChannelMatrix, roomHE, model.EventAgendaPublished)
	subscribe(t, st, "bayern", model.RoleMember, "BY", model.ChannelMatrix, roomBY, model.EventAgendaPublished)
	subscribe(t, st, "bund", model.RoleMember, "Bund", model.ChannelMatrix, roomBund, model.EventAgendaPublished)
	return &Worker{Store: st, Senders: map[model.Channel]Sender{model.ChannelMatrix: srv.sender()}, BaseURL: "https://gremium.example",
		Now: clock.Now, Log: quietLog(), SendTimeout: timeout}, clock
}

// TestMatrixOutageLosesNothing: the homeserver is down while three
// notifications are created; once it is back they arrive exactly once.
func TestMatrixOutageLosesNothing(t *testing.T) {
	ctx := context.Background()
	srv := startMatrix(t, roomHE, roomBY, roomBund)
	w, clock := matrixFixture(t, srv, 5*time.Second)
	srv.stop()
	publishAgenda(t, w.Store, 48)
	if sent, err := w.RunOnce(ctx); sent != 0 || err != nil {
		t.Fatalf("with the server down: sent %d, %v", sent, err)
	}
	for _, n := range outbox(t, w.Store) {
		if n.State != model.DeliveryWaiting || n.Attempts != 1 || n.LastError == "" {
			t.Fatalf("after a failed attempt: %s", states(outbox(t, w.Store)))
		}
	}
	srv.restart()
	clock.Add(DefaultBaseDelay)
	if sent, err := w.RunOnce(ctx); sent != 3 || err != nil {
		t.Fatalf("after the restart: sent %d, %v; %s", sent, err, states(outbox(t, w.Store)))
	}
	clock.Add(24 * time.Hour)
	w.RunOnce(ctx)
	ev := srv.Events()
	rooms := map[string]bool{}
	for _, e := range ev {
		rooms[e.Room] = true
		if !strings.Contains(e.Content.Body, "https://gremium.example/sitzungen/48") {
			t.Errorf("event without the link: %q", e.Content.Body)
		}
	}
	if len(ev) != 3 || len(rooms) != 3 {
		t.Fatalf("events = %+v, want one in each of 3 rooms", ev)
	}
}

// TestMatrixCancelMidSendNoDuplicate: the worker is cancelled after the
// homeserver stored the event, before it answered; the worker finishes and
// records the send, and nothing is sent twice.
func TestMatrixCancelMidSendNoDuplicate(t *testing.T) {
	srv := startMatrix(t, roomHE, roomBY, roomBund)
	w, clock := matrixFixture(t, srv, 5*time.Second)
	publishAgenda(t, w.Store, 48)
	hold, accepted := make(chan struct{}), make(chan struct{}, 1)
	srv.mu.Lock()
	srv.hold, srv.accepted = hold, accepted
	srv.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	<-accepted
	cancel()
	time.Sleep(50 * time.Millisecond)
	srv.mu.Lock()
	srv.hold = nil
	srv.mu.Unlock()
	close(hold)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the worker did not stop")
	}
	var sent, waiting int
	for _, n := range outbox(t, w.Store) {
		switch {
		case n.State == model.DeliverySent:
			sent++
		case n.State == model.DeliveryWaiting && n.Attempts == 0:
			waiting++
		default:
			t.Errorf("after the cancel: %s", states([]model.Notification{n}))
		}
	}
	if sent != 1 || waiting != 2 {
		t.Fatalf("after the cancel: %d sent, %d untouched; %s", sent, waiting, states(outbox(t, w.Store)))
	}
	clock.Add(48 * time.Hour)
	if n, err := w.RunOnce(context.Background()); n != 2 || err != nil {
		t.Fatalf("the rest: sent %d, %v", n, err)
	}
	if ev := srv.Events(); len(ev) != 3 {
		t.Errorf("%d events, want 3", len(ev))
	}
}

// TestMatrixLostAnswerNoDuplicate: the homeserver stores the event but its
// answer does not arrive in time (the case a crash after the send also
// leaves behind). The worker sends again with the same transaction id; the
// homeserver recognises it and the room shows the message once.
func TestMatrixLostAnswerNoDuplicate(t *testing.T) {
	ctx := context.Background()
	srv := startMatrix(t, roomHE)
	w, clock := matrixFixture(t, srv, 200*time.Millisecond)
	w.Store.QueueNotice(ctx, storeNotice())
	hold, accepted := make(chan struct{}), make(chan struct{}, 1)
	srv.mu.Lock()
	srv.hold, srv.accepted = hold, accepted
	srv.mu.Unlock()
	if sent, _ := w.RunOnce(ctx); sent != 0 {
		t.Fatalf("sent %d although the answer never came", sent)
	}
	<-accepted
	srv.mu.Lock()
	srv.hold = nil
	srv.mu.Unlock()
	close(hold)
	list := outbox(t, w.Store)
	if len(list) != 1 || list[0].State != model.DeliveryWaiting || list[0].Attempts != 1 {
		t.Fatalf("after the lost answer: %s", states(list))
	}
	clock.Add(DefaultBaseDelay)
	if sent, err := w.RunOnce(ctx); sent != 1 || err != nil {
		t.Fatalf("second attempt: sent %d, %v", sent, err)
	}
	srv.mu.Lock()
	requests := srv.requests
	srv.mu.Unlock()
	if ev := srv.Events(); len(ev) != 1 || requests != 2 {
		t.Errorf("%d events from %d requests, want 1 from 2", len(ev), requests)
	}
}

// storeNotice is one notification for the Hessen account.
func storeNotice() store.Notice {
	return store.Notice{Event: model.EventAgendaPublished, Key: "test:1", Subject: "Test", Body: "Text",
		To: func(s store.Subscriber) bool { return s.User.Username == "hessen" }}
}
