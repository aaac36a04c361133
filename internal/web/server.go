// Package web serves gremium's HTML pages: server-rendered html/template
// pages in German that work without JavaScript. One file per page family;
// templates and static files are embedded.
package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/httpcache"
	"gremium/internal/kept"
	"gremium/internal/model"
	"gremium/internal/site"
	"gremium/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server holds what the handlers need.
type Server struct {
	st    *store.Store
	log   *slog.Logger
	pages map[string]*template.Template
	// council is the abbreviation of the body whose sessions and decisions
	// the pages show (the IT-Planungsrat).
	council string
	// audienceOf says which version of the minutes a request gets.
	audienceOf  func(*http.Request) model.Audience
	sessions    *auth.Sessions
	events      *Broker
	documentDir string
	// cacheBytes is the budget of the public response cache; negative
	// turns it off.
	cacheBytes int
	// noStoredPages turns off the pages rendered once per change
	// (rendered.go).
	noStoredPages bool
	// councilBodyKept and members keep what almost every page needs.
	councilBodyKept kept.Value[model.Body]
	members         kept.Value[map[string]model.Member]
	// registerOpts keeps the register's filter choices (register_pages.go).
	registerOpts kept.Value[registerOptions]
	// sessionYears keeps the years the session list links
	// (sessions_list.go).
	sessionYears kept.Value[[]int]
	// liveBoxKept keeps the live box per session and viewer class (live_box.go).
	liveBoxKept kept.Map[liveBoxKey, []byte]
	// outbox is the delivery worker (see SetOutbox); nil: none runs.
	outbox Outbox
	// pdfRenders bounds the PDFs rendered at once, all kinds together
	// (pdf_gate.go, SetPDFRenders).
	pdfRenders *renderGate
	// keys signs notices and the OpenID Connect login state.
	keys keyRing
	// oidc is the OpenID Connect login, nil when none is configured.
	oidc *auth.OIDC
	// site is the canonical public address for absolute URLs (feeds,
	// calendars, OParl).
	site site.Public
	// license is the URL of the license of the published data (OParl).
	license string
	// now is the clock of deadlines and "today" (time.Now; tests set it).
	now func() time.Time
	// ops holds the metrics and who may read them (ops.go).
	ops *ops
}

// SetClock replaces the clock the pages use for deadlines and "today"
// (for tests). Without it they use the store's (store.SetClock), so that
// a page's "today" is the day the store's rules check.
func (s *Server) SetClock(now func() time.Time) { s.now = now }

// clock gives the current time: the server's clock if one is set, else
// the store's.
func (s *Server) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return s.st.Now()
}

// today is the date in German time, whatever the server's zone, by the
// server's clock.
func (s *Server) today() model.Date { return model.BerlinDate(s.clock()) }

// New builds the server for the store; council names the main body ("IT-PLR").
func New(st *store.Store, log *slog.Logger, council string) (*Server, error) {
	s := &Server{st: st, log: log, pages: map[string]*template.Template{}, council: council, pdfRenders: newRenderGate(DefaultPDFRenders, PDFRenderWait),
		sessions: auth.NewSessions(st), events: NewBroker()}
	s.audienceOf = func(r *http.Request) model.Audience { return auth.Audience(s.user(r)) }
	s.wireCluster()
	s.events.render, s.events.onError = s.renderBoxes, s.liveBoxFailed
	s.ops = s.newOps()
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		base := strings.TrimPrefix(name, "templates/")
		if isSharedTemplate(base) {
			continue
		}
		t, err := parsePage(templateFS, name)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", base, err)
		}
		s.pages[base] = t
	}
	return s, nil
}

// Handler gives the HTTP handler with all routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	// Cross-origin state-changing requests (CSRF) are refused before any
	// handler runs.
	csrf := http.NewCrossOriginProtection()
	// The JSON API answers with its own error body ({"error": …}, as
	// every refusal of internal/api), not with the HTML page (before: a
	// client of /api/ got "Anfrage abgelehnt" as HTML). The protection
	// stays for the API too: a token's holder is no reason to take a
	// request a foreign web page made a browser send.
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusForbidden)
			json.NewEncoder(w).Encode(map[string]string{"error": crossOriginRefusalAPI})
			return
		}
		s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Anfrage abgelehnt",
			Data: "Diese Anfrage kam nicht von dieser Website und wurde aus Sicherheitsgründen abgelehnt."})
	}))
	pages := s.storedPages(mux)
	cached := httpcache.Handler(pages, httpcache.Options{
		Version:   s.st.Version,
		Cacheable: publicRegister,
		MaxBytes:  s.cacheBytes,
	})
	if s.cacheBytes < 0 {
		cached = httpcache.Handler(pages, httpcache.Options{})
	}
	full := s.securityHeaders(withRequestID(s.logRequests(s.withSigner(s.withUser(csrf.Handler(cached))))))
	return s.instrument(mux, s.oparlCanonical(s.fastStored(full)))
}

// crossOriginRefusalAPI is why the JSON API refuses a state-changing
// request a browser sent from another origin (http.CrossOriginProtection).
const crossOriginRefusalAPI = "Die Anfrage kam von einer fremden Herkunft (Origin-Kopf einer anderen Adresse) und wurde aus Sicherheitsgründen abgelehnt. Ein System, das die API nutzt, sendet keinen fremden Origin-Kopf."

// publicRegister says whether a request is for the public register, whose
// answers are the same for every visitor until the data changes: they are
// kept ready to send (package httpcache).
func publicRegister(r *http.Request) bool {
	p := r.URL.Path
	switch {
	case p == "/beschluesse", p == "/beschluesse.atom", strings.HasPrefix(p, "/beschluesse/"),
		strings.HasPrefix(p, "/api/v1/"), p == "/oparl/v1", strings.HasPrefix(p, "/oparl/v1/"),
		p == "/suche", strings.HasPrefix(p, "/static/"):
		return true
	case strings.HasPrefix(p, "/sitzungen/"):
		// The public minutes, not the live pages.
		return strings.HasSuffix(p, "/protokoll") || strings.HasSuffix(p, "/protokoll.pdf") || strings.HasSuffix(p, "/protokoll.txt")
	}
	return false
}

// SetResponseCache sets the memory budget in bytes of the public response
// cache (0: httpcache.DefaultMaxBytes); a negative budget turns it off, so
// that every request is rendered. Call it before Handler.
func (s *Server) SetResponseCache(maxBytes int) { s.cacheBytes = maxBytes }

// SetPublicURL sets the canonical public address from which every absolute
// URL is built (OParl ids, Atom, iCalendar); requests to another host name
// are answered with the same URLs. Call it before Handler.
func (s *Server) SetPublicURL(p site.Public) { s.site = p }

// SetDataLicense sets the URL of the license under which the public data
// is published (OParl license; default oparl.DefaultLicense). Call it
// before Handler.
func (s *Server) SetDataLicense(url string) { s.license = url }

// PublicURL gives the canonical public address (zero if none is set).
func (s *Server) PublicURL() site.Public { return s.site }

// SetSecureCookies forces the Secure flag on the login cookie (behind a TLS
// proxy).
func (s *Server) SetSecureCookies(on bool) { s.sessions.Secure = on }

type userKey struct{}

// withUser looks the logged-in user up once per request. Pages for a
// logged-in user are not stored by the browser; an account whose password
// was reset reaches nothing but the page to choose a new one.
func (s *Server) withUser(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), secureKey{}, s.sessions.Secure)
		if u := s.sessions.User(ctx, r); u != nil {
			// Changes of the request are logged under the user's name.
			ctx = store.WithActor(context.WithValue(ctx, userKey{}, u), u.Username)
			w.Header().Set("Cache-Control", "private, no-store")
			if u.MustChangePassword && !passwordChangeAllowed(r) {
				r = r.WithContext(ctx)
				if r.Method == http.MethodGet || r.Method == http.MethodHead {
					http.Redirect(w, r, "/konto/passwort", http.StatusSeeOther)
					return
				}
				s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Neues Passwort nötig",
					Data: "Ihr Passwort wurde zurückgesetzt. Bitte wählen Sie zuerst unter „Passwort ändern“ ein neues."})
				return
			}
		}
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// user gives the logged-in user of a request, or nil for the public.
func (s *Server) user(r *http.Request) *model.User {
	u, _ := r.Context().Value(userKey{}).(*model.User)
	return u
}

// require answers the request itself unless the user may take the action:
// the public is sent to the login page (GET), a form sent without a login
// (it expired while the form was open) gets the login page with the form
// kept (loginExpired), a logged-in user without the right gets 403. It reports whether to go on.
func (s *Server) require(w http.ResponseWriter, r *http.Request, a auth.Action, forMember string) (*model.User, bool) {
	u := s.user(r)
	if auth.Can(u, a, forMember) {
		return u, true
	}
	if u == nil && r.Method == http.MethodGet {
		http.Redirect(w, r, "/anmelden?weiter="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return nil, false
	}
	if u == nil {
		s.loginExpired(w, r)
		return nil, false
	}
	s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Keine Berechtigung",
		Data: "Für diese Seite oder Aktion fehlt Ihnen die Berechtigung."})
	return nil, false
}

// staticFiles serves the embedded files of fsys, cached for an hour; a
// path that names no file gets the site's German "Nicht gefunden" page,
// not the file server's English plain text.
func (s *Server) staticFiles(fsys fs.FS) http.Handler {
	files := cacheStatic(http.FileServerFS(fsys))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st, err := fs.Stat(fsys, strings.TrimPrefix(r.URL.Path, "/")); err != nil || st.IsDir() {
			s.notFound(w, r, "Diese Datei gibt es nicht.")
			return
		}
		files.ServeHTTP(w, r)
	})
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach Flush of the real writer (for
// Server-Sent Events).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		s.log.Debug("request", "method", r.Method, "path", logPath(r), "status", sw.status, "duration", time.Since(start), "request_id", requestID(r))
	})
}

// view is what every page template gets: the page title, the active
// navigation entry and the page's own data; render adds the user.
type view struct {
	Title  string
	Active string // "start", "sitzungen", "beschluesse", "fachmk", "protokoll" …
	Data   any
	User   *model.User
	// Can lists what the user may do (by action name), for showing only
	// usable links.
	Can map[string]bool
	// Note is the message of the action that led to this page (a signed
	// cookie set by back; never taken from the address), with its kind
	// and parts; every page shows it with the partial "notice".
	Note notice
	// Refused says the page shows a refused form again (render sets it
	// for a 4xx status on any page but the error page): the title begins
	// "Fehler: " and refusal.js moves the focus to the error summary, so
	// that the refusal is announced, not the same page again (WCAG 3.3.1).
	Refused bool
	// memberName names a member by its abbreviation (Server.memberName),
	// for MemberName; render sets it.
	memberName func(abbrev string) string
}

// MemberName gives the name of the member abbreviated abbrev ("Hessen"
// for "HE"), for readers outside the IT-PLR who do not know the
// abbreviations (the FachMK secretariats); an abbreviation of no member
// stays as it is. The members are read only when a page asks.
func (v view) MemberName(abbrev string) string {
	if v.memberName == nil {
		return abbrev
	}
	return v.memberName(abbrev)
}

// render executes a page template into a buffer first, so a template error
// never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, v view) {
	t, ok := s.pages[page]
	if !ok {
		s.serverError(w, r, fmt.Errorf("web: no template %s", page))
		return
	}
	v.User = s.user(r)
	// The AL-Runde's session pages (its session, Verwaltung, live,
	// attendance, recommendations …) are found under the AL-Runde in the
	// menu, not under the IT-PLR's sessions: before, their handlers'
	// "sitzungen" marked the wrong menu item as the current one.
	if v.Active == "sitzungen" && strings.HasPrefix(r.URL.Path, "/gremien/") {
		v.Active = "alrunde"
	}
	// A page's title names its object (an item, a procedure) and has no
	// room for a mark element: the reader's version of the text, without
	// the mark characters.
	v.Title = model.InternalText(s.audienceOf(r).Text(v.Title))
	v.Note = takeNotice(w, r)
	v.memberName = func(abbrev string) string { return s.memberName(r.Context(), abbrev) }
	v.Refused = status >= 400 && status < 500 && page != "error.html"
	v.Can = map[string]bool{}
	for _, a := range []auth.Action{auth.ViewInternal, auth.ManageSessions, auth.RecordMinutes, auth.RegisterItem, auth.CommentMinutes, auth.ApproveMinutes, auth.ManageOutbox, auth.ViewAudit, auth.ManageAccounts, auth.RegisterDelegation, auth.ManageSite, auth.SubmitRequest} {
		v.Can[string(a)] = auth.Can(v.User, a, "")
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.serverError(w, r, fmt.Errorf("web: render %s: %w", page, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// councilBody gives the main body.
func (s *Server) councilBody(ctx context.Context) (model.Body, error) {
	return s.councilBodyKept.Get(s.st.Version(), func() (model.Body, error) { return s.st.BodyByAbbrev(ctx, s.council) })
}

// memberMap gives all members by abbreviation, for speaker names. The map
// is shared: callers only read it.
func (s *Server) memberMap(ctx context.Context) (map[string]model.Member, error) {
	return s.members.Get(s.st.Version(), func() (map[string]model.Member, error) {
		ms, err := s.st.Members(ctx)
		if err != nil {
			return nil, err
		}
		m := make(map[string]model.Member, len(ms))
		for _, x := range ms {
			m[x.Abbrev] = x
		}
		return m, nil
	})
}
