// Package api serves gremium's machine interfaces: OParl 1.1, the standard
// interface of German council information systems, at /oparl/v1, and
// gremium's own JSON API at /api/v1. Both serve only public data: public
// (redacted) texts, adopted decisions, published agendas.
package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"gremium/internal/model"
	"gremium/internal/oparl"
	"gremium/internal/site"
	"gremium/internal/store"
)

// Server holds what the API handlers need.
type Server struct {
	st      *store.Store
	log     *slog.Logger
	council string
	// PerPage is the largest page of OParl lists (a client's limit may ask
	// for fewer).
	PerPage int
	// OnSessionChange, if set, is called after the API changed something of
	// a session (a comment), so that open pages update and the search index
	// follows.
	OnSessionChange func(r *http.Request, sessionID int64)
	// Site is the canonical public address of every absolute URL.
	Site site.Public
	// License is the URL of the license of the published data (OParl
	// license); empty means oparl.DefaultLicense.
	License string
	// Clock gives the time deadlines are measured at (nil: time.Now; the
	// web server passes its own clock).
	Clock func() time.Time
}

// MaxPerPage is the longest page of an OParl list (Server.PerPage unless
// set otherwise): a larger limit gives a page of this length.
const MaxPerPage = 100

// New gives the API server for the council body (abbreviation).
func New(st *store.Store, log *slog.Logger, council string) *Server {
	return &Server{st: st, log: log, council: council, PerPage: MaxPerPage}
}

// Mux is where the API registers its routes: an *http.ServeMux, or a
// recorder in tests.
type Mux interface {
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

// Register adds the API routes to mux.
func (a *Server) Register(mux Mux) {
	mux.HandleFunc("GET /oparl/v1", a.system)
	mux.HandleFunc("GET /oparl/v1/body", a.bodies)
	for kind := range oparl.Types {
		if kind != oparl.KindSystem {
			mux.HandleFunc("GET /oparl/v1/"+kind+"/{id}", a.object(kind))
		}
	}
	for name, kind := range oparl.Lists {
		mux.HandleFunc("GET /oparl/v1/body/{id}/"+name, a.list(name, kind))
	}
	mux.HandleFunc("GET /oparl/v1/organization/{id}/meeting", a.organizationMeetings)
	mux.HandleFunc("/oparl/", a.oparlUnknown)
	a.registerJSON(mux)
}

func (a *Server) license() string {
	if a.License != "" {
		return a.License
	}
	return oparl.DefaultLicense
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// oparlError answers with the error object of the spec (chapter 2.9).
func oparlError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"type": oparl.NS + "Error", "message": msg})
}

// writeOParl sends stored OParl JSON with the placeholders filled in.
func (a *Server) writeOParl(w http.ResponseWriter, r *http.Request, raw []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(oparl.Expand(raw, a.Site.Base(r), a.license()))
}

// oparlFail answers a store error.
func (a *Server) oparlFail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, model.ErrNotFound):
		oparlError(w, http.StatusNotFound, "Objekt nicht gefunden")
	case errors.Is(err, model.ErrInput):
		oparlError(w, http.StatusBadRequest, model.ReasonOf(err))
	default:
		a.log.Error("oparl", "path", r.URL.Path, "request_id", w.Header().Get("X-Request-ID"), "err", err)
		oparlError(w, http.StatusInternalServerError, "Interner Fehler")
	}
}

func (a *Server) system(w http.ResponseWriter, r *http.Request) {
	raw, err := a.st.OParlObject(r.Context(), oparl.KindSystem, 1)
	if err != nil {
		a.oparlFail(w, r, err)
		return
	}
	a.writeOParl(w, r, raw)
}

// pathID reads the {id} of the path. A number written other than
// canonically (leading zeros) is redirected to its canonical URL (chapter
// 2.3); anything else is not found.
func (a *Server) pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		oparlError(w, http.StatusNotFound, "Objekt nicht gefunden")
		return 0, false
	}
	if canon := strconv.FormatInt(id, 10); canon != raw {
		u := *r.URL
		u.Path = strings.Replace(u.Path, "/"+raw, "/"+canon, 1)
		http.Redirect(w, r, a.Site.Base(r)+u.RequestURI(), http.StatusMovedPermanently)
		return 0, false
	}
	return id, true
}

func (a *Server) object(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := a.pathID(w, r)
		if !ok {
			return
		}
		raw, err := a.st.OParlObject(r.Context(), kind, id)
		if err != nil {
			a.oparlFail(w, r, err)
			return
		}
		a.writeOParl(w, r, raw)
	}
}

func (a *Server) bodies(w http.ResponseWriter, r *http.Request) {
	a.page(w, r, oparl.KindBody, "/oparl/v1/body", 0)
}

func (a *Server) list(name, kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := a.pathID(w, r)
		if !ok {
			return
		}
		body, err := a.st.OParlBodyID(r.Context())
		if err != nil && !errors.Is(err, model.ErrNotFound) {
			a.oparlFail(w, r, err)
			return
		}
		if id != body {
			oparlError(w, http.StatusNotFound, "Körperschaft nicht gefunden")
			return
		}
		a.page(w, r, kind, "/oparl/v1/body/"+strconv.FormatInt(id, 10)+"/"+name, 0)
	}
}

func (a *Server) organizationMeetings(w http.ResponseWriter, r *http.Request) {
	id, ok := a.pathID(w, r)
	if !ok {
		return
	}
	if _, err := a.st.OParlObject(r.Context(), oparl.KindOrganization, id); err != nil {
		a.oparlFail(w, r, err)
		return
	}
	// The Meetings the Organization holds: the council's sessions, a
	// FachMK's dates; a steering group's list is empty.
	a.page(w, r, oparl.KindMeeting, "/oparl/v1/organization/"+strconv.FormatInt(id, 10)+"/meeting", id)
}

// oparlUnknown answers every other request under /oparl/ with an OParl
// error object: 405 for a method other than GET, else 404.
func (a *Server) oparlUnknown(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		oparlError(w, http.StatusMethodNotAllowed, "Die OParl-Schnittstelle ist nur lesbar (GET).")
		return
	}
	if r.URL.Path == "/oparl/" || r.URL.Path == "/oparl/v1/" {
		// The entry point as people and clients type it.
		http.Redirect(w, r, "/oparl/v1", http.StatusMovedPermanently)
		return
	}
	oparlError(w, http.StatusNotFound, "Diese Adresse gibt es in der OParl-Schnittstelle nicht; ihr Einstieg (das System-Objekt) ist /oparl/v1.")
}

var filterParams = []string{"created_since", "created_until", "modified_since", "modified_until"}

// parseTime reads a filter value: a full date-time (chapter 2.5). A "+"
// that was not percent-encoded arrives as a space and is read as "+".
func parseTime(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil && strings.Contains(v, " ") {
		t, err = time.Parse(time.RFC3339, strings.ReplaceAll(v, " ", "+"))
	}
	return t, err
}

// page writes one page of a list of a kind — the body's, or with org the
// list of that Organization (store.OParlFilter.Org) — with the filters
// created_since/until, modified_since/until, limit and omit_internal;
// links keep the filters (chapter 2.5): first, prev (not on the first
// page), self, next (not on the last) and, for an unfiltered list, last,
// each a key the page starts after (store.OParlPage); pagination gives
// totalElements and totalPages of an unfiltered list (its kept count),
// never a count of a filtered one.
func (a *Server) page(w http.ResponseWriter, r *http.Request, kind, self string, org int64) {
	q := r.URL.Query()
	f := store.OParlFilter{Org: org}
	for i, p := range filterParams {
		v := q.Get(p)
		if v == "" {
			continue
		}
		t, err := parseTime(v)
		if err != nil {
			oparlError(w, http.StatusBadRequest, "Ungültiger Zeitpunkt in "+p+" (erwartet: yyyy-mm-ddThh:mm:ss±hh:mm, z. B. 2025-06-26T09:00:00+02:00)")
			return
		}
		*[]*time.Time{&f.CreatedSince, &f.CreatedUntil, &f.ModifiedSince, &f.ModifiedUntil}[i] = t
	}
	f.Limit = a.PerPage
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			oparlError(w, http.StatusBadRequest, "limit muss eine Zahl ab 1 sein")
			return
		}
		f.Limit = min(n, a.PerPage)
	}
	if v := q.Get("after"); v != "" {
		c, err := store.ParseOParlCursor(v)
		if err != nil {
			a.oparlFail(w, r, err)
			return
		}
		f.After = &c
	}
	omit := q.Get("omit_internal") == "true"
	base := a.Site.Base(r)
	lic := a.license()
	bp := pageBuffers.Get().(*[]byte)
	defer func() { pageBuffers.Put(bp) }()
	buf := append((*bp)[:0], `{"data":[`...)
	first := true
	// Each object goes from the database's buffer into the answer, its
	// placeholders replaced on the way: one copy.
	add := func(raw []byte) error {
		if !first {
			buf = append(buf, ',')
		}
		first = false
		if keys := oparl.Internal[kind]; omit && len(keys) > 0 {
			lean, err := oparl.Without(raw, keys...)
			if err != nil {
				return err
			}
			raw = lean
		}
		buf = oparl.AppendExpanded(buf, raw, base, lic)
		return nil
	}
	p, err := a.st.OParlList(r.Context(), kind, f, add)
	if err != nil {
		a.oparlFail(w, r, err)
		return
	}
	link := func(after *store.OParlCursor) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "after" {
				v[k] = vs
			}
		}
		if after != nil {
			v.Set("after", after.String())
		}
		if len(v) == 0 {
			return base + self
		}
		return base + self + "?" + v.Encode() // sorted by key: one canonical form
	}
	buf = append(buf, `],"pagination":`...)
	pag := map[string]any{"elementsPerPage": f.Limit}
	if p.Total >= 0 {
		pag["totalElements"] = p.Total
		pag["totalPages"] = max(1, (p.Total+f.Limit-1)/f.Limit)
	}
	links := map[string]string{"first": link(nil), "self": link(f.After)}
	if p.Next != nil {
		links["next"] = link(p.Next)
	}
	if p.HasPrev {
		links["prev"] = link(p.Prev)
	}
	if p.HasLast {
		links["last"] = link(p.Last)
	}
	tail, _ := oparl.Marshal(pag)
	buf = append(buf, tail...)
	buf = append(buf, `,"links":`...)
	tail, _ = oparl.Marshal(links)
	buf = append(buf, tail...)
	buf = append(buf, '}')
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(buf)
	if cap(buf) <= maxPooledPage {
		*bp = buf
	}
}

// pageBuffers keeps the buffers list pages are built in: a page is about
// 100 KB, and allocating one per request made the garbage collector a third
// of a list request. Write copies the bytes, so the buffer is free after it.
var pageBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 128<<10); return &b }}

// maxPooledPage bounds the buffers kept (a page of meetings with many
// embedded items can be large).
const maxPooledPage = 1 << 20
