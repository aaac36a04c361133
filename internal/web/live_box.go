package web

import (
	"bytes"
	"net/http"
	"sync"

	"gremium/internal/model"
)

// The live box (GET /sitzungen/{nr}/live/stand) is what every viewer of a
// running session fetches after each update: thousands of requests for the
// same bytes right after one change. For the public it is rendered once
// per data version and session and kept (the first request after a change
// renders while the others wait for it, then all get the same bytes);
// logged-in viewers, whose box may show their own vote and items, get it
// rendered for them (through prepared statements).

// liveBoxes keeps the public live box per session number.
type liveBoxes struct {
	mu    sync.Mutex
	boxes map[int]*untilChange[[]byte]
}

// of gives the kept box of a session.
func (l *liveBoxes) of(number int) *untilChange[[]byte] {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.boxes == nil {
		l.boxes = map[int]*untilChange[[]byte]{}
	}
	b, ok := l.boxes[number]
	if !ok {
		if len(l.boxes) >= 64 {
			// A few sessions run at once; start again rather than grow.
			clear(l.boxes)
		}
		b = &untilChange[[]byte]{}
		l.boxes[number] = b
	}
	return b
}

// liveBox gives the rendered live box of the session for the request;
// version is the store's version read before the session was.
func (s *Server) liveBox(r *http.Request, se model.Session, version uint64) ([]byte, error) {
	render := func() ([]byte, error) {
		d, err := s.loadLiveState(r, se)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := s.pages["session.html"].ExecuteTemplate(&buf, "live-state", d); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	if s.user(r) != nil {
		return render()
	}
	return s.liveBoxKept.of(se.Number).get(version, render)
}
