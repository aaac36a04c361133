package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"gremium/internal/model"
)

// Stream limits by default (see SetStreamLimits and docs/configuration.md).
const (
	// DefaultMaxStreams is the default number of live streams one instance
	// keeps open at a time.
	DefaultMaxStreams = 5000
	// DefaultMaxStreamsPerAddr is the default number of live streams of one
	// client address (an office behind one NAT address counts once).
	DefaultMaxStreamsPerAddr = 100
)

// Why a stream was refused (errors.Is).
var (
	errStreamsInstance = errors.New("web: live streams: instance limit reached")
	errStreamsAddress  = errors.New("web: live streams: address limit reached")
)

// Broker fans out "this session changed" to the live viewers of a session
// (Server-Sent Events), with the new live box in the event itself, so that
// 2,000 viewers cost a few renderings, not 2,000 requests. Public viewers
// all see the same box. A logged-in viewer's box depends on who looks
// (internal items, the own vote, the place on the speakers' list): at each
// change the viewer's login is looked up again (a logout, a disabled
// account or an expired login count at once) and it gets the box that its
// request for the box would give now, kept per viewer class (live_box.go);
// a viewer whose login has ended hears only that the session changed and
// fetches its box. A missed event costs nothing: the next one carries the
// whole box again.
type Broker struct {
	mu      sync.Mutex
	subs    map[int64]map[*viewer]struct{}
	total   int
	perAddr map[string]int
	// maxTotal and maxPerAddr bound the open streams (0: no bound).
	maxTotal, maxPerAddr int
	// render gives the boxes of a session: the public's when public is
	// set, and the box of each of the logins that may still have one
	// (those missing fetch theirs); logins with the same box share its
	// bytes. Nil: every viewer fetches.
	render func(ctx context.Context, sessionID int64, public bool, logins []string) ([]byte, map[string][]byte, error)
	// dirty holds the sessions changed since their worker last rendered,
	// with the time of the first such change; running marks sessions whose
	// worker runs (one per session, so renderings of a session never
	// overtake each other).
	dirty   map[int64]time.Time
	running map[int64]bool
	// refusedInstance and refusedAddress count refused streams (metrics).
	refusedInstance, refusedAddress atomic.Uint64
	// onError reports a failed rendering (the viewers then fetch).
	onError func(sessionID int64, err error)
	// observe gets the time from a change to its event handed to every
	// viewer (metrics).
	observe func(time.Duration)
}

// viewer is one open stream. Its channel holds the newest event not yet
// sent; a newer one replaces it (the box is always whole). login is the
// logged-in viewer's login (auth.Sessions.LoginOf), "" for the public.
type viewer struct {
	ch    chan []byte
	login string
}

// NewBroker gives an empty broker with the default stream limits.
func NewBroker() *Broker {
	return &Broker{subs: map[int64]map[*viewer]struct{}{}, perAddr: map[string]int{},
		maxTotal: DefaultMaxStreams, maxPerAddr: DefaultMaxStreamsPerAddr,
		dirty: map[int64]time.Time{}, running: map[int64]bool{}}
}

// SetLimits sets the most streams open at a time on this instance and per
// client address; 0 means no bound.
func (b *Broker) SetLimits(total, perAddr int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.maxTotal, b.maxPerAddr = max(total, 0), max(perAddr, 0)
}

// subscribe registers a viewer of a session from a client address, with
// its login ("" for the public), unless a limit is reached
// (errStreamsInstance, errStreamsAddress); call the returned function to
// leave.
func (b *Broker) subscribe(sessionID int64, addr, login string) (*viewer, func(), error) {
	v := &viewer{ch: make(chan []byte, 1), login: login}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.maxTotal > 0 && b.total >= b.maxTotal {
		b.refusedInstance.Add(1)
		return nil, nil, errStreamsInstance
	}
	if b.maxPerAddr > 0 && b.perAddr[addr] >= b.maxPerAddr {
		b.refusedAddress.Add(1)
		return nil, nil, errStreamsAddress
	}
	if b.subs[sessionID] == nil {
		b.subs[sessionID] = map[*viewer]struct{}{}
	}
	b.subs[sessionID][v] = struct{}{}
	b.total++
	b.perAddr[addr]++
	var once sync.Once
	return v, func() {
		once.Do(func() {
			b.mu.Lock()
			defer b.mu.Unlock()
			delete(b.subs[sessionID], v)
			if len(b.subs[sessionID]) == 0 {
				delete(b.subs, sessionID)
			}
			b.total--
			if b.perAddr[addr]--; b.perAddr[addr] <= 0 {
				delete(b.perAddr, addr)
			}
		})
	}, nil
}

// Publish tells every viewer of a session that it changed. It never
// blocks: the public box is rendered by the session's worker, which
// renders once for any number of changes that arrive while it works.
func (b *Broker) Publish(sessionID int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.subs[sessionID]) == 0 {
		return
	}
	if _, ok := b.dirty[sessionID]; !ok {
		b.dirty[sessionID] = time.Now()
	}
	if !b.running[sessionID] {
		b.running[sessionID] = true
		go b.work(sessionID)
	}
}

// updateSignal is the event of a viewer that fetches its box itself.
var updateSignal = []byte("event: update\ndata: {}\n\n")

// work renders the boxes of a session and hands the events out until no
// change is left.
func (b *Broker) work(sessionID int64) {
	for {
		b.mu.Lock()
		since, dirty := b.dirty[sessionID]
		if !dirty || len(b.subs[sessionID]) == 0 {
			delete(b.dirty, sessionID)
			delete(b.running, sessionID)
			b.mu.Unlock()
			return
		}
		delete(b.dirty, sessionID)
		public := false
		seen := map[string]bool{}
		var logins []string
		for v := range b.subs[sessionID] {
			switch {
			case v.login == "":
				public = true
			case !seen[v.login]:
				seen[v.login] = true
				logins = append(logins, v.login)
			}
		}
		render := b.render
		b.mu.Unlock()
		boxEvent := updateSignal
		loginEvents := map[string][]byte{}
		if render != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			box, boxes, err := render(ctx, sessionID, public, logins)
			cancel()
			if err != nil {
				if b.onError != nil {
					b.onError(sessionID, err)
				}
			} else {
				if public {
					boxEvent = stateEvent(box)
				}
				// Logins of one class share the bytes of their box
				// (renderBoxes), and so its event.
				shared := map[*byte][]byte{}
				for login, box := range boxes {
					if len(box) == 0 {
						continue
					}
					ev, ok := shared[&box[0]]
					if !ok {
						ev = stateEvent(box)
						shared[&box[0]] = ev
					}
					loginEvents[login] = ev
				}
			}
		}
		b.mu.Lock()
		for v := range b.subs[sessionID] {
			switch ev, ok := loginEvents[v.login]; {
			case v.login == "":
				v.offer(boxEvent)
			case ok:
				v.offer(ev)
			default:
				v.offer(updateSignal)
			}
		}
		observe := b.observe
		b.mu.Unlock()
		if observe != nil {
			observe(time.Since(since))
		}
	}
}

// stateEvent is the event that carries the public box: {"stand": HTML}.
func stateEvent(box []byte) []byte {
	data, _ := json.Marshal(struct {
		Stand string `json:"stand"`
	}{string(box)})
	return append(append([]byte("event: update\ndata: "), data...), "\n\n"...)
}

// offer puts an event in the viewer's slot, replacing one not yet sent.
func (v *viewer) offer(ev []byte) {
	for {
		select {
		case v.ch <- ev:
			return
		default:
		}
		select {
		case <-v.ch:
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

// Streams gives the number of open live streams of this instance.
func (b *Broker) Streams() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.total
}

// SetStreamLimits sets how many live streams (Server-Sent Events) this
// instance keeps open at a time, in all and per client address (the
// address as SetClientIPHeader determines it); 0 means no bound. A stream
// over the bound is answered 503 (instance) or 429 (address) and the page
// falls back to fetching its box every 30 seconds. Call it before Handler.
func (s *Server) SetStreamLimits(total, perAddr int) { s.events.SetLimits(total, perAddr) }

// renderBoxes gives the live boxes of a session for its viewers (the
// Broker's render): the public's if public is set, and the box of each
// login whose account may still see one. Each is the answer of
// GET …/live/stand for that viewer at this moment — the same handler, the
// same publication rules, the same kept box (live_box.go) — so a box in
// an event is never other than what the viewer's own request would get.
// A login that has ended, or whose box is not there (a right lost, an
// error), is left out: its viewer fetches and is answered as its request
// is.
func (s *Server) renderBoxes(ctx context.Context, sessionID int64, public bool, logins []string) ([]byte, map[string][]byte, error) {
	se, err := s.st.Session(ctx, sessionID)
	if err != nil {
		return nil, nil, err
	}
	var box []byte
	if public {
		if box, err = s.renderBoxAs(ctx, se, nil); err != nil {
			return nil, nil, err
		}
	}
	// Viewers of one class get the same box (live_box.go): it is looked
	// up once per class, and the logins of a class share its bytes.
	byClass := map[liveClass][]byte{}
	boxes := map[string][]byte{}
	for login, u := range s.sessions.LoginUsers(ctx, logins) {
		if u.MustChangePassword {
			continue
		}
		c := s.liveClassOf((&http.Request{}).WithContext(context.WithValue(ctx, userKey{}, u)))
		b, ok := byClass[c]
		if !ok {
			if b, err = s.renderBoxAs(ctx, se, u); err != nil {
				s.liveBoxFailed(sessionID, err)
			}
			byClass[c] = b
		}
		if len(b) > 0 {
			boxes[login] = b
		}
	}
	return box, boxes, nil
}

// renderBoxAs gives the answer of GET …/live/stand of a session for the
// user u (nil: the public).
func (s *Server) renderBoxAs(ctx context.Context, se model.Session, u *model.User) ([]byte, error) {
	if u != nil {
		ctx = context.WithValue(ctx, userKey{}, u)
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, se.Path()+"/live/stand", nil)
	if err != nil {
		return nil, err
	}
	r.SetPathValue("nr", strconv.Itoa(se.Number))
	if se.BodySlug != "" {
		r.SetPathValue("gremium", se.BodySlug)
	}
	w := newBufferWriter()
	s.liveState(w, r)
	if w.status != http.StatusOK {
		return nil, fmt.Errorf("web: live box of session %d: status %d", se.ID, w.status)
	}
	return w.buf.Bytes(), nil
}

// serveEvents streams "update" events for a session until the client leaves.
// A stream over the limits is refused: 503 when this instance has as many
// as it keeps, 429 when the client's address has.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request, sessionID int64) {
	login := ""
	if s.user(r) != nil {
		login = s.sessions.LoginOf(r)
	}
	v, leave, err := s.events.subscribe(sessionID, s.sessions.ClientAddr(r), login)
	if err != nil {
		status, msg := http.StatusServiceUnavailable, "Die Live-Ansicht hat gerade zu viele Zuschauer. Die Seite aktualisiert sich stattdessen alle 30 Sekunden."
		if errors.Is(err, errStreamsAddress) {
			status, msg = http.StatusTooManyRequests, "Von Ihrer Adresse sind zu viele Live-Ansichten geöffnet. Die Seite aktualisiert sich stattdessen alle 30 Sekunden."
		}
		s.log.Info("live stream refused", "path", r.URL.Path, "status", status, "request_id", requestID(r), "err", err)
		w.Header().Set("Retry-After", "30")
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, msg, status)
		return
	}
	defer leave()
	rc := http.NewResponseController(w)
	// A live stream outlives the server's write timeout.
	rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	fmt.Fprint(w, "retry: 3000\n: verbunden\n\n")
	if err := rc.Flush(); err != nil {
		s.log.Error("live events: streaming unsupported", "err", err)
		return
	}
	keepAlive := time.NewTicker(25 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-v.ch:
			if _, err := w.Write(ev); err != nil {
				return
			}
			if rc.Flush() != nil {
				return
			}
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			if rc.Flush() != nil {
				return
			}
		}
	}
}

// bufferWriter keeps an answer in memory (renderBoxAs).
type bufferWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func newBufferWriter() *bufferWriter {
	return &bufferWriter{header: http.Header{}, status: http.StatusOK}
}

// Header gives the answer's header (kept, never sent).
func (w *bufferWriter) Header() http.Header { return w.header }

// WriteHeader records the status.
func (w *bufferWriter) WriteHeader(code int) { w.status = code }

// Write keeps the body.
func (w *bufferWriter) Write(p []byte) (int, error) { return w.buf.Write(p) }

// liveBoxFailed logs a public box that could not be rendered; its viewers
// fetch the box themselves instead.
func (s *Server) liveBoxFailed(sessionID int64, err error) {
	s.log.Error("live box", "session", sessionID, "err", err)
}
