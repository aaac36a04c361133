package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Several gremium instances may serve one PostgreSQL database. They learn
// of each other's changes over PostgreSQL's LISTEN/NOTIFY on one channel:
//
//   - every write transaction of the store sends "v" at commit (inTx), and
//     every instance bumps its data version (Version), which invalidates
//     its response caches;
//   - Broadcast sends a message on a topic (the web layer's "this session
//     changed" signal for live viewers) to the Subscribe handlers of every
//     other instance.
//
// On SQLite there is one instance per file: Broadcast reaches nobody else,
// and changes by other processes show through the page generation they
// move (store.go, watchOtherWriters).

// clusterChannel is the LISTEN/NOTIFY channel of gremium.
const clusterChannel = "gremium"

// clusterHub holds this instance's id and the topic handlers.
type clusterHub struct {
	self string // random id of this instance; its own messages are skipped
	mu   sync.Mutex
	subs map[string][]func(payload string)
}

func newClusterHub() *clusterHub {
	var b [8]byte
	rand.Read(b[:])
	return &clusterHub{self: hex.EncodeToString(b[:]), subs: map[string][]func(string){}}
}

// Subscribe calls fn with the payload of every message that another
// instance broadcasts on topic. fn runs on the listener's goroutine and
// must not block.
func (s *Store) Subscribe(topic string, fn func(payload string)) {
	if s.hub == nil {
		return
	}
	s.hub.mu.Lock()
	s.hub.subs[topic] = append(s.hub.subs[topic], fn)
	s.hub.mu.Unlock()
}

// Broadcast sends payload on topic to the other instances on the same
// database (PostgreSQL); on SQLite it does nothing. Topic must not contain
// a space; topic and payload together stay well under 8000 bytes.
func (s *Store) Broadcast(ctx context.Context, topic, payload string) error {
	if !s.isPG() {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `SELECT pg_notify(?, ?)`, clusterChannel, "m "+s.hub.self+" "+topic+" "+payload); err != nil {
		return fmt.Errorf("store: broadcast: %w", err)
	}
	return nil
}

// notifyChanged queues the "data changed" message in tx: PostgreSQL
// delivers it when (and only if) tx commits.
func (s *Store) notifyChanged(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_notify(?, ?)`, clusterChannel, "v "+s.hub.self); err != nil {
		return fmt.Errorf("store: notify: %w", err)
	}
	return nil
}

// deliver handles one notification.
func (h *clusterHub) deliver(s *Store, payload string) {
	kind, rest, _ := strings.Cut(payload, " ")
	from, rest, _ := strings.Cut(rest, " ")
	switch kind {
	case "v":
		if from != h.self {
			s.version.Add(1)
		}
	case "m":
		if from == h.self {
			return
		}
		topic, msg, _ := strings.Cut(rest, " ")
		h.mu.Lock()
		fns := h.subs[topic]
		h.mu.Unlock()
		for _, fn := range fns {
			fn(msg)
		}
	}
}

// ListenRetry is how long the listener waits before it connects again
// after losing its connection.
const ListenRetry = time.Second

// listenForChanges starts the listener: a connection of its own (outside
// the pool) that LISTENs on clusterChannel. Open returns once it listens,
// so no change committed after Open is missed. After a lost connection it
// connects again and bumps the data version (it may have missed changes).
func (s *Store) listenForChanges() error {
	s.hub = newClusterHub()
	ctx, cancel := context.WithCancel(context.Background())
	connect := func() (*pgx.Conn, error) {
		conn, err := pgx.Connect(ctx, s.pgURL)
		if err != nil {
			return nil, err
		}
		if _, err := conn.Exec(ctx, "LISTEN "+clusterChannel); err != nil {
			conn.Close(context.Background())
			return nil, err
		}
		return conn, nil
	}
	conn, err := connect()
	if err != nil {
		cancel()
		return fmt.Errorf("store: listen: %w", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			for conn == nil {
				select {
				case <-ctx.Done():
					return
				case <-time.After(ListenRetry):
				}
				if c, err := connect(); err == nil {
					conn = c
					s.version.Add(1)
				}
			}
			n, err := conn.WaitForNotification(ctx)
			if err != nil {
				conn.Close(context.Background())
				conn = nil
				if ctx.Err() != nil {
					return
				}
				continue
			}
			s.hub.deliver(s, n.Payload)
		}
	}()
	s.stopPoll = func() { cancel(); <-done }
	return nil
}
