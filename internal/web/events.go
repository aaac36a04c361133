package web

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Broker fans out "this session changed" signals to the live viewers of a
// session (Server-Sent Events). It holds no data: a viewer that hears of a
// change fetches the current state, so a missed signal costs nothing.
type Broker struct {
	mu   sync.Mutex
	subs map[int64]map[chan struct{}]bool
}

// NewBroker gives an empty broker.
func NewBroker() *Broker { return &Broker{subs: map[int64]map[chan struct{}]bool{}} }

// Subscribe registers a viewer of a session; call the returned function to
// leave.
func (b *Broker) Subscribe(sessionID int64) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	b.mu.Lock()
	if b.subs[sessionID] == nil {
		b.subs[sessionID] = map[chan struct{}]bool{}
	}
	b.subs[sessionID][ch] = true
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		delete(b.subs[sessionID], ch)
		b.mu.Unlock()
	}
}

// Publish tells every viewer of a session that it changed. It never blocks:
// a viewer with a signal pending already knows.
func (b *Broker) Publish(sessionID int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs[sessionID] {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Viewers gives the number of live viewers of a session.
func (b *Broker) Viewers(sessionID int64) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs[sessionID])
}

// serveEvents streams "update" events for a session until the client leaves.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request, sessionID int64) {
	rc := http.NewResponseController(w)
	flusher := flushFunc(rc.Flush)
	// A live stream outlives the server's write timeout.
	rc.SetWriteDeadline(time.Time{})
	ch, leave := s.events.Subscribe(sessionID)
	defer leave()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	fmt.Fprint(w, "retry: 3000\n: verbunden\n\n")
	if err := flusher.Flush(); err != nil {
		s.log.Error("live events: streaming unsupported", "err", err)
		return
	}
	keepAlive := time.NewTicker(25 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-ch:
			fmt.Fprint(w, "event: update\ndata: {}\n\n")
			flusher.Flush()
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		}
	}
}

// flushFunc adapts http.ResponseController.Flush.
type flushFunc func() error

// Flush sends what is buffered to the client.
func (f flushFunc) Flush() error { return f() }
