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
// (Server-Sent Events), with the new box of the viewer's page in the event
// itself (the session page's live box, or the box of the vote page, the
// projector or the live page's speakers' list: the page the stream was
// opened for, live_box.go), so that 2,000 viewers cost a few renderings,
// not 2,000 requests. Public viewers of a page all see the same box. A
// logged-in viewer's box depends on who looks (internal items, the own
// vote, the place on the speakers' list): at each change the viewer's
// login is looked up again (a logout, a disabled account or an expired
// login count at once) and it gets the box that its request for the box
// would give now, kept per page and viewer class (live_box.go); a viewer
// whose login has ended hears only that the session changed and fetches
// its box. A missed event costs nothing: the next one carries the whole
// box again.
type Broker struct {
	mu      sync.Mutex
	subs    map[int64]map[*viewer]struct{}
	total   int
	perAddr map[string]int
	// maxTotal and maxPerAddr bound the open streams (0: no bound).
	maxTotal, maxPerAddr int
	// render fills in the boxes of a session's pages that its viewers
	// watch (boxWant); logins with the same box share its bytes. Nil:
	// every viewer fetches.
	render func(ctx context.Context, sessionID int64, wants map[liveView]*boxWant) error
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
// logged-in viewer's login (auth.Sessions.LoginOf), "" for the public;
// view the page it watches.
type viewer struct {
	ch    chan []byte
	login string
	view  liveView
}

// boxWant is what a session's worker asks of render for one page: the
// public's box if public is set, and the box of each of logins. render
// sets box and boxes; a box left out (a login that has ended, a right
// lost, an error) makes its viewers fetch.
type boxWant struct {
	public bool
	logins []string
	seen   map[string]bool
	box    []byte
	boxes  map[string][]byte
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

// subscribe registers a viewer of a session's page from a client address,
// with its login ("" for the public), unless a limit is reached
// (errStreamsInstance, errStreamsAddress); call the returned function to
// leave.
func (b *Broker) subscribe(sessionID int64, addr, login string, view liveView) (*viewer, func(), error) {
	v := &viewer{ch: make(chan []byte, 1), login: login, view: view}
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
		wants := map[liveView]*boxWant{}
		for v := range b.subs[sessionID] {
			w := wants[v.view]
			if w == nil {
				w = &boxWant{seen: map[string]bool{}}
				wants[v.view] = w
			}
			switch {
			case v.login == "":
				w.public = true
			case !w.seen[v.login]:
				w.seen[v.login] = true
				w.logins = append(w.logins, v.login)
			}
		}
		render := b.render
		b.mu.Unlock()
		if render != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			err := render(ctx, sessionID, wants)
			cancel()
			if err != nil && b.onError != nil {
				b.onError(sessionID, err)
			}
		}
		// Logins of one class share the bytes of their box
		// (renderBoxes), and so its event.
		events := map[*byte][]byte{}
		eventOf := func(box []byte) []byte {
			if len(box) == 0 {
				return updateSignal
			}
			ev, ok := events[&box[0]]
			if !ok {
				ev = stateEvent(box)
				events[&box[0]] = ev
			}
			return ev
		}
		b.mu.Lock()
		for v := range b.subs[sessionID] {
			// A viewer that came while the worker rendered is in no
			// want: it fetches.
			w := wants[v.view]
			switch {
			case w == nil:
				v.offer(updateSignal)
			case v.login == "":
				v.offer(eventOf(w.box))
			default:
				v.offer(eventOf(w.boxes[v.login]))
			}
		}
		observe := b.observe
		b.mu.Unlock()
		if observe != nil {
			observe(time.Since(since))
		}
	}
}

// stateEvent is the event that carries a box: {"stand": HTML}.
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

// renderBoxes fills in the boxes of a session's pages for their viewers
// (the Broker's render): for each page the public's box if wanted, and
// the box of each login whose account may still see one. Each is the
// answer of GET on the page's box for that viewer at this moment — the
// same handler, the same publication rules, the same kept box
// (live_box.go) — so a box in an event is never other than what the
// viewer's own request would get. A login that has ended, or whose box is
// not there (a right lost, an error), is left out: its viewer fetches and
// is answered as its request is. The logins of all pages are looked up at
// once.
func (s *Server) renderBoxes(ctx context.Context, sessionID int64, wants map[liveView]*boxWant) error {
	se, err := s.st.Session(ctx, sessionID)
	if err != nil {
		return err
	}
	var logins []string
	seen := map[string]bool{}
	for _, w := range wants {
		for _, l := range w.logins {
			if !seen[l] {
				seen[l] = true
				logins = append(logins, l)
			}
		}
	}
	users := s.sessions.LoginUsers(ctx, logins)
	for view, w := range wants {
		if w.public {
			if w.box, err = s.renderBoxAs(ctx, se, nil, view); err != nil {
				s.liveBoxFailed(sessionID, err)
			}
		}
		// Viewers of one class get the same box (live_box.go): it is
		// looked up once per class, and the logins of a class share its
		// bytes.
		byClass := map[viewerClass][]byte{}
		w.boxes = map[string][]byte{}
		for _, login := range w.logins {
			u, ok := users[login]
			if !ok || u.MustChangePassword {
				continue
			}
			c := classOf(s.audienceOf((&http.Request{}).WithContext(context.WithValue(ctx, userKey{}, u))), u)
			b, ok := byClass[c]
			if !ok {
				if b, err = s.renderBoxAs(ctx, se, u, view); err != nil {
					s.liveBoxFailed(sessionID, err)
				}
				byClass[c] = b
			}
			if len(b) > 0 {
				w.boxes[login] = b
			}
		}
	}
	return nil
}

// renderBoxAs gives the answer of GET on a page's box of a session for
// the user u (nil: the public).
func (s *Server) renderBoxAs(ctx context.Context, se model.Session, u *model.User, view liveView) ([]byte, error) {
	if u != nil {
		ctx = context.WithValue(ctx, userKey{}, u)
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, view.address(se.Path()), nil)
	if err != nil {
		return nil, err
	}
	r.SetPathValue("nr", strconv.Itoa(se.Number))
	if se.BodySlug != "" {
		r.SetPathValue("gremium", se.BodySlug)
	}
	w := newBufferWriter()
	s.serveBox(w, r, view)
	switch w.status {
	case http.StatusOK:
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		// The rules refuse this class the box (a right lost while its
		// stream was open, an item no longer shown): its viewers fetch and
		// are answered as their requests are. Not a failure.
		return nil, errBoxRefused
	default:
		return nil, fmt.Errorf("web: box %s of session %d: status %d", view.address(se.Path()), se.ID, w.status)
	}
	return w.buf.Bytes(), nil
}

// serveEvents streams "update" events for a session's page until the
// client leaves. A stream over the limits is refused: 503 when this
// instance has as many as it keeps, 429 when the client's address has.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request, sessionID int64, view liveView) {
	login := ""
	if s.user(r) != nil {
		login = s.sessions.LoginOf(r)
	}
	v, leave, err := s.events.subscribe(sessionID, s.sessions.ClientAddr(r), login, view)
	if err != nil {
		status, msg := http.StatusServiceUnavailable, "Die Live-Ansicht hat gerade zu viele Zuschauer. Die Seite aktualisiert sich stattdessen alle 30 Sekunden."
		if errors.Is(err, errStreamsAddress) {
			status, msg = http.StatusTooManyRequests, "Von Ihrer Adresse sind zu viele Live-Ansichten geöffnet. Die Seite aktualisiert sich stattdessen alle 30 Sekunden."
		}
		s.log.Info("live stream refused", "path", logPath(r), "status", status, "request_id", requestID(r), "err", err)
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

// liveBoxFailed logs a box that could not be rendered; its viewers fetch
// the box themselves instead.
func (s *Server) liveBoxFailed(sessionID int64, err error) {
	if errors.Is(err, errBoxRefused) {
		return
	}
	s.log.Error("live box", "session", sessionID, "err", err)
}

// errBoxRefused is renderBoxAs's answer for a box the publication or
// permission rules refuse its viewer's class: the viewer fetches, and
// nothing failed.
var errBoxRefused = errors.New("web: live box refused to the viewer's class")
