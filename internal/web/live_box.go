package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"

	"gremium/internal/model"
)

// The live box (GET /sitzungen/{nr}/live/stand) is what every viewer of a
// running session gets after each update: in the event of its live stream
// (events.go), or by fetching it (pages that poll, a viewer whose login
// has ended, the pages with a box of their own). A box depends on who
// looks only through the viewer's class (liveClass): the public is one
// class, and a logged-in viewer's box differs from another's only by the
// audience, the role and the member (their right to vote, their place on
// the speakers' list). So the box is rendered once per session address,
// class and data version and kept: after a change the first request of a
// class renders while the others of that class wait for it, then all get
// the same bytes. A kept box answers without reading the session (the
// address, the class and the version decide it); what a request still
// costs is its login (one indexed lookup for a logged-in viewer, none for
// the public).
//
// A logged-in class's box shows how long the current speaker has spoken,
// so it is kept for the second it was rendered in, not only the version.

// liveClass is what of a viewer its live box depends on. The box of a
// class is rendered for a stand-in account that has only these fields
// (liveClass.user), never for the viewer's own account, so nothing else of
// an account can reach the box other viewers of its class get.
type liveClass struct {
	audience model.Audience
	loggedIn bool
	role     model.Role
	member   string
	disabled bool
}

// liveClassOf gives the class of the viewer of r.
func (s *Server) liveClassOf(r *http.Request) liveClass {
	c := liveClass{audience: s.audienceOf(r)}
	if u := s.user(r); u != nil {
		c.loggedIn, c.role, c.member, c.disabled = true, u.Role, u.MemberAbbrev, u.Disabled
	}
	return c
}

// user gives the stand-in account of the class, nil for the public.
func (c liveClass) user() *model.User {
	if !c.loggedIn {
		return nil
	}
	return &model.User{Role: c.role, MemberAbbrev: c.member, Disabled: c.disabled}
}

// liveBoxKey names a kept box: the session's address (the {gremium} of
// /gremien/{gremium}/sitzungen/{nr}, "" for the council, and the number)
// and the viewers' class.
type liveBoxKey struct {
	body   string
	number int
	class  liveClass
}

// keptBox is one kept box with the data version and the second (0 where
// the box does not depend on the clock) it was rendered for.
type keptBox struct {
	mu      sync.Mutex
	loaded  bool
	version uint64
	at      int64
	box     []byte
}

// get gives the kept box, rendering it first if it is not the one of
// version and second at. Requests for the same box wait for one rendering.
func (k *keptBox) get(version uint64, at int64, render func() ([]byte, error)) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.loaded && k.version == version && k.at == at {
		return k.box, nil
	}
	box, err := render()
	if err != nil {
		return nil, err
	}
	k.loaded, k.version, k.at, k.box = true, version, at, box
	return box, nil
}

// liveBoxes keeps the live boxes by address and class.
type liveBoxes struct {
	mu    sync.Mutex
	boxes map[liveBoxKey]*keptBox
}

// of gives the kept box of a key.
func (l *liveBoxes) of(key liveBoxKey) *keptBox {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.boxes == nil {
		l.boxes = map[liveBoxKey]*keptBox{}
	}
	b, ok := l.boxes[key]
	if !ok {
		if len(l.boxes) >= 1024 {
			// A few sessions run at once, each with a few dozen
			// classes; start again rather than grow.
			clear(l.boxes)
		}
		b = &keptBox{}
		l.boxes[key] = b
	}
	return b
}

// errAnswered tells that the request was answered while the box was
// looked for (no such session, no right to it).
var errAnswered = errors.New("web: live box: request answered")

// liveState answers GET …/live/stand: the kept box of the viewer's class.
func (s *Server) liveState(w http.ResponseWriter, r *http.Request) {
	// The version before anything is read: a change while the box is
	// rendered leaves it stale for a later version, never current.
	version := s.st.Version()
	class := s.liveClassOf(r)
	var at int64
	if class.audience == model.Internal {
		at = time.Now().Unix()
	}
	nr, _ := strconv.Atoi(r.PathValue("nr"))
	key := liveBoxKey{body: r.PathValue("gremium"), number: nr, class: class}
	box, err := s.liveBoxKept.of(key).get(version, at, func() ([]byte, error) {
		// Whether the viewer may see the session depends on the class
		// alone; a refusal is answered here and nothing is kept.
		_, se, ok := s.sessionFromPath(w, r)
		if !ok {
			return nil, errAnswered
		}
		return s.renderLiveBox(r.Context(), se, class)
	})
	if errors.Is(err, errAnswered) {
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(box)
}

// renderLiveBox renders the live box of a session for the stand-in
// account of a class.
func (s *Server) renderLiveBox(ctx context.Context, se model.Session, class liveClass) ([]byte, error) {
	r, err := http.NewRequestWithContext(context.WithValue(ctx, userKey{}, class.user()), http.MethodGet, se.Path()+"/live/stand", nil)
	if err != nil {
		return nil, err
	}
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
