package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// The live boxes are what the pages of a running session refresh after each
// update: the session page's live box (GET /sitzungen/{nr}/live/stand) and
// the boxes of the pages that have one of their own — the vote page's
// (…/abstimmung/stand), the projector's (…/beamer/stand) and the speakers'
// list of an item on the secretariat's live page (…/redeliste?top=), and
// the submitted notes on that page (…/eingereichte-protokollnotizen?top=),
// which the page only polls: no stream carries them. Each viewer gets its
// page's box in the event of its live stream (events.go; the stream names
// the page: …/live/ereignisse?ansicht=), or fetches it (pages that poll, a
// viewer whose login has ended). A box depends on who looks only through
// the viewer's class (viewerClass): the public is one class, and a
// logged-in viewer's box differs from another's only by the audience, the
// role and the member (their right to vote and their own vote, their place
// on the speakers' list). So a box is rendered once per session address,
// page, class and data version and kept: after a change the first request
// of a class renders while the others of that class wait for it, then all
// get the same bytes. A kept box answers without reading the session (the
// address, the page, the class and the version decide it); what a request
// still costs is its login (one indexed lookup for a logged-in viewer, none
// for the public).
//
// A box that shows how long the current speaker has spoken (an internal
// viewer's live box, the projector, the speakers' list) is kept for the
// second it was rendered in, not only the version.

// liveKind is a page with a live box.
type liveKind uint8

// The pages with a live box.
const (
	sessionBox   liveKind = iota // the session page: …/live/stand
	voteBox                      // the vote page: …/abstimmung/stand
	projectorBox                 // the projector view: …/beamer/stand
	speakersBox                  // the secretariat's live page: …/redeliste?top=
	noteSubsBox                  // the live page's submitted notes: …/eingereichte-protokollnotizen?top= (polled, no stream)
)

// liveView names the box of a page: its kind and, for the speakers' list,
// the item viewed (0: the item called).
type liveView struct {
	kind liveKind
	item int64
}

// boxPage is how a page's box is named, guarded and rendered.
type boxPage struct {
	// param names the page in the stream's address (ansicht=).
	param string
	// polled: the page only fetches the box (data-live-poll); no stream
	// carries it.
	polled bool
	// path is the box's address below the session's.
	path string
	// right is needed to see the box besides the session ("": none).
	right auth.Action
	// clock: an internal viewer's box shows the elapsed speaking time.
	clock bool
	// render renders the box for the request's (stand-in) account.
	render func(s *Server, r *http.Request, se model.Session, item int64) ([]byte, error)
}

// boxPages are the pages with a live box, by kind.
var boxPages = [...]boxPage{
	sessionBox:   {param: "", path: "/live/stand", clock: true, render: (*Server).renderSessionBox},
	voteBox:      {param: "abstimmung", path: "/abstimmung/stand", right: auth.ViewInternal, render: (*Server).renderVoteBox},
	projectorBox: {param: "beamer", path: "/beamer/stand", right: auth.ViewInternal, clock: true, render: (*Server).renderProjectorBox},
	speakersBox:  {param: "redeliste", path: "/redeliste", right: auth.RecordMinutes, clock: true, render: (*Server).renderSpeakersBox},
	noteSubsBox:  {polled: true, path: "/eingereichte-protokollnotizen", right: auth.RecordMinutes, render: (*Server).renderNoteSubsBox},
}

// streamView gives the page a live stream was opened for: ansicht= names
// it (none: the session page), top= the item of the speakers' list. False
// if the address names no such page or one whose box is only polled.
func streamView(r *http.Request) (liveView, bool) {
	q := r.URL.Query()
	for k, p := range boxPages {
		if p.polled || p.param != q.Get("ansicht") {
			continue
		}
		v := liveView{kind: liveKind(k)}
		if v.kind == speakersBox {
			v.item, _ = strconv.ParseInt(q.Get("top"), 10, 64)
		}
		return v, true
	}
	return liveView{}, false
}

// address gives the box's address for the session at path.
func (v liveView) address(path string) string {
	a := path + boxPages[v.kind].path
	if (v.kind == speakersBox || v.kind == noteSubsBox) && v.item != 0 {
		a += "?top=" + strconv.FormatInt(v.item, 10)
	}
	return a
}

// liveBoxKey names a kept box: the session's address (the {gremium} of
// /gremien/{gremium}/sitzungen/{nr}, "" for the council, and the number),
// the page and the viewers' class.
type liveBoxKey struct {
	body   string
	number int
	view   liveView
	class  viewerClass
}

// errAnswered tells that the request was answered while the box was
// looked for (no such session, no right to it).
var errAnswered = errors.New("web: live box: request answered")

// liveState answers GET …/live/stand: the session page's live box.
func (s *Server) liveState(w http.ResponseWriter, r *http.Request) {
	s.serveBox(w, r, liveView{kind: sessionBox})
}

// voteState answers GET …/abstimmung/stand: the vote page's box.
func (s *Server) voteState(w http.ResponseWriter, r *http.Request) {
	s.serveBox(w, r, liveView{kind: voteBox})
}

// projectorState answers GET …/beamer/stand: the changing part of the
// projector view.
func (s *Server) projectorState(w http.ResponseWriter, r *http.Request) {
	s.serveBox(w, r, liveView{kind: projectorBox})
}

// speakersPanel answers GET …/redeliste: the speakers' list of the live
// page (?top= the item viewed, else the item called).
func (s *Server) speakersPanel(w http.ResponseWriter, r *http.Request) {
	item, _ := strconv.ParseInt(r.URL.Query().Get("top"), 10, 64)
	s.serveBox(w, r, liveView{kind: speakersBox, item: max(item, 0)})
}

// serveBox answers a request for a page's box with the kept box of the
// viewer's class.
func (s *Server) serveBox(w http.ResponseWriter, r *http.Request, view liveView) {
	// The version before anything is read: a change while the box is
	// rendered leaves it stale for a later version, never current.
	version := s.st.Version()
	class := s.viewerClassOf(r)
	page := boxPages[view.kind]
	var at int64
	if page.clock && class.audience == model.Internal {
		at = time.Now().Unix()
	}
	nr, _ := strconv.Atoi(r.PathValue("nr"))
	key := liveBoxKey{body: r.PathValue("gremium"), number: nr, view: view, class: class}
	box, err := s.liveBoxKept.GetAt(version, at, key, func() ([]byte, error) {
		// Whether the viewer may see the box depends on the class
		// alone; a refusal is answered here and nothing is kept.
		if page.right != "" {
			if _, ok := s.require(w, r, page.right, ""); !ok {
				return nil, errAnswered
			}
		}
		_, se, ok := s.sessionFromPath(w, r)
		if !ok {
			return nil, errAnswered
		}
		return s.renderBox(r.Context(), se, view, class)
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

// renderBox renders a page's box of a session for the stand-in account
// of a class.
func (s *Server) renderBox(ctx context.Context, se model.Session, view liveView, class viewerClass) ([]byte, error) {
	r, err := http.NewRequestWithContext(context.WithValue(ctx, userKey{}, class.user()), http.MethodGet, view.address(se.Path()), nil)
	if err != nil {
		return nil, err
	}
	return boxPages[view.kind].render(s, r, se, view.item)
}

// fragment executes one named template of a page's set into bytes.
func (s *Server) fragment(page, name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.pages[page].ExecuteTemplate(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderSessionBox renders the session page's live box.
func (s *Server) renderSessionBox(r *http.Request, se model.Session, _ int64) ([]byte, error) {
	d, err := s.loadLiveState(r, se)
	if err != nil {
		return nil, err
	}
	return s.fragment("session.html", "live-state", d)
}

// renderVoteBox renders the vote page's box.
func (s *Server) renderVoteBox(r *http.Request, se model.Session, _ int64) ([]byte, error) {
	v, err := s.loadVoteView(r, se)
	if err != nil {
		return nil, err
	}
	return s.fragment("vote.html", "vote-state", v)
}

// renderProjectorBox renders the changing part of the projector view.
func (s *Server) renderProjectorBox(r *http.Request, se model.Session, _ int64) ([]byte, error) {
	d, err := s.loadProjector(r, se)
	if err != nil {
		return nil, err
	}
	return s.fragment("projector.html", "projector-state", d)
}

// renderSpeakersBox renders the speakers' list of an item (0: the item
// called) for the live page.
func (s *Server) renderSpeakersBox(r *http.Request, se model.Session, item int64) ([]byte, error) {
	if item == 0 {
		item = se.CurrentItemID
	}
	f, err := s.loadFloor(r, se, item)
	if err != nil {
		return nil, err
	}
	return s.fragment("live.html", "speakers-panel", livePanel{Floor: f})
}
