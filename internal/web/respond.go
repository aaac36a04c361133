package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"gremium/internal/model"
)

// This file is the one place where errors become answers: fail translates
// an error by its class (model.ClassOf), so no handler decides by an
// error's text what went wrong.

type requestIDKey struct{}

// newRequestID gives a short random id that ties a log line to an answer.
func newRequestID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "unbekannt"
	}
	return hex.EncodeToString(b[:])
}

// withRequestID gives every request an id, sent back as X-Request-ID and
// written with every log line about the request.
func withRequestID(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := newRequestID()
		w.Header().Set("X-Request-ID", id)
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// requestID gives the id of a request ("" outside withRequestID).
func requestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey{}).(string)
	return id
}

// fail answers an error by its class: not found 404, conflict 409, a
// violated rule 422, invalid input 400, forbidden 403, each with the
// error's German reason; anything else is internal: 500, logged at Error
// with the request id. notFoundMsg, if set, replaces the reason of a
// not-found error ("Diese Sitzung gibt es nicht.").
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error, notFoundMsg string) {
	s.failKeeping(w, r, err, notFoundMsg, "")
}

// errorPage is the content of an error page: the reason, and what the user
// typed when a change was refused, so that nothing typed is lost.
type errorPage struct {
	Reason string
	Typed  string
	// Back is the page of this site a refused change came from (its
	// Referer), so that the user gets back to it; "" when unknown.
	Back string
	// Up is the list a page that was not found belongs to (sectionOf), so
	// that a mistyped number leads on to the list it was meant to be in,
	// not only to the start page; zero for any other error.
	Up wayOn
}

// wayOn is a public list a visitor can go on to: its address and the
// words of the link.
type wayOn struct{ Path, Label string }

// notFoundWaysOn are the public lists whose objects are called by number or
// name; the first prefix that matches the address of a missing page gives
// the link onward.
var notFoundWaysOn = []struct {
	prefix string
	up     wayOn
}{
	{"/sitzungen/", wayOn{"/sitzungen", "Alle Sitzungen"}},
	{"/beschluesse/", wayOn{"/beschluesse", "Zum Beschlussregister"}},
	{"/fachmk/", wayOn{"/fachmk", "Alle Fachministerkonferenzen"}},
	{"/auftraege/", wayOn{"/auftraege", "Alle Aufträge"}},
}

// sectionOf gives the list a missing page of a GET belongs to
// (/sitzungen/9999 → "Alle Sitzungen"); zero for other addresses and
// methods.
func sectionOf(r *http.Request) wayOn {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return wayOn{}
	}
	for _, s := range notFoundWaysOn {
		if strings.HasPrefix(r.URL.Path, s.prefix) {
			return s.up
		}
	}
	return wayOn{}
}

// refererBack gives the path (with its query) of the page of this
// site that sent a change, from its Referer header; "" for a GET, a page of
// another site or none.
func refererBack(r *http.Request) string {
	if r.Method == http.MethodGet {
		return ""
	}
	u, err := url.Parse(r.Header.Get("Referer"))
	if err != nil || u.Host != r.Host || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return u.RequestURI()
}

// failKeeping is fail for a refused change whose typed text the page shows
// again for copying (an htmx form keeps it in its field anyway).
func (s *Server) failKeeping(w http.ResponseWriter, r *http.Request, err error, notFoundMsg, typed string) {
	class := model.ClassOf(err)
	reason := model.ReasonOf(err)
	if class == model.ErrNotFound && notFoundMsg != "" {
		reason = notFoundMsg
	}
	var status int
	var title string
	switch class {
	case model.ErrNotFound:
		status, title = http.StatusNotFound, "Nicht gefunden"
		if reason == "" {
			reason = "Der Eintrag existiert nicht (mehr)."
		}
	case model.ErrConflict:
		status, title = http.StatusConflict, "Bearbeitungskonflikt"
		if reason == "" {
			reason = "Der Eintrag wurde inzwischen geändert; Ihre Änderung wurde nicht gespeichert."
		}
		if r.Method != http.MethodGet {
			// A reload loses what was typed: say where it stands first.
			switch {
			case r.Header.Get("HX-Request") == "true":
				reason += " Ihr Text steht noch im Feld: bitte kopieren Sie ihn, bevor Sie die Seite neu laden, und übertragen Sie die Änderung dann erneut."
			case typed != "":
				reason += " Ihre Eingabe steht unten: bitte kopieren Sie sie, laden Sie die Seite neu und übertragen Sie die Änderung erneut."
			default:
				reason += " Bitte laden Sie die Seite neu und übertragen Sie Ihre Änderung erneut."
			}
		}
	case model.ErrRule:
		status, title = http.StatusUnprocessableEntity, "Nicht möglich"
	case model.ErrInput:
		status, title = http.StatusBadRequest, "Eingabe nicht möglich"
	case model.ErrForbidden:
		status, title = http.StatusForbidden, "Keine Berechtigung"
		if reason == "" {
			reason = "Für diese Seite oder Aktion fehlt Ihnen die Berechtigung."
		}
	default:
		s.serverError(w, r, err)
		return
	}
	if reason == "" {
		reason = "Die Änderung ist so nicht möglich."
	}
	s.log.Info("refused", "path", logPath(r), "status", status, "request_id", requestID(r), "err", err)
	if r.Header.Get("HX-Request") == "true" {
		// An htmx request replaces a small part of the page: answer with a
		// message for that place, never a whole page.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<span class="save-state conflict" role="alert">Nicht gespeichert: %s</span>`, template.HTMLEscapeString(reason))
		return
	}
	page := errorPage{Reason: reason, Typed: typed, Back: refererBack(r)}
	if class == model.ErrNotFound {
		page.Up = sectionOf(r)
	}
	s.render(w, r, status, "error.html", view{Title: title, Data: page})
}

// badRequest answers input the handler itself found wrong, with a German
// message.
func (s *Server) badRequest(w http.ResponseWriter, r *http.Request, msg string) {
	s.fail(w, r, model.InputError("%s", msg), "")
}

// notFound answers a missing page or object.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, msg string) {
	s.fail(w, r, model.NotFoundError("%s", msg), "")
}

// serverError answers an internal error: logged at Error with the request
// id, which the page shows so that a report can be matched to the log.
// attrs name what failed for the log (a document's id and file path),
// never for the page.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error, attrs ...slog.Attr) {
	id := requestID(r)
	s.log.LogAttrs(r.Context(), slog.LevelError, "request failed", append([]slog.Attr{slog.String("method", r.Method),
		slog.String("path", logPath(r)), slog.String("request_id", id), slog.Any("err", err)}, attrs...)...)
	// The error page itself must not depend on a template that may be broken.
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	if r.Header.Get("HX-Request") == "true" {
		fmt.Fprintf(w, `<span class="save-state conflict" role="alert">Nicht gespeichert: ein interner Fehler ist aufgetreten (Fehlernummer %s).</span>`, id)
		return
	}
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Fehler – gremium</title></head>`+
		`<body><main><h1>Ein interner Fehler ist aufgetreten</h1><p>Die Seite konnte nicht angezeigt werden; nichts wurde verändert, was nicht bestätigt wurde. Bitte versuchen Sie es später erneut.</p>`+
		`<p>Fehlernummer: <code>%s</code></p><p><a href="/">Zur Startseite</a></p></main></body></html>`, id)
}

// logPath gives the request's path as the logs name it: the secret part
// of a personal calendar address (/kalender/{token}.ics, a credential of
// its account) left out, so that no log line can be used to read someone's
// calendar.
func logPath(r *http.Request) string {
	if strings.HasPrefix(r.URL.Path, "/kalender/") {
		return "/kalender/…"
	}
	return r.URL.Path
}
