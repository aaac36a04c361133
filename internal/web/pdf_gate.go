package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"time"
)

// The PDF renders of an instance: every PDF gremium makes on a request —
// the register's (/beschluesse.pdf), the minutes (…/protokoll.pdf), the
// follow-up list (/auftraege.pdf), the debrief, the evaluation's results,
// the spokespersons' overview and a briefing — is made through servePDF,
// at most SetPDFRenders' number at a time. What is sent without a render
// (a stored page, the response cache, an uploaded document) does not
// wait: those answers never reach the handlers.

// DefaultPDFRenders is how many PDFs an instance renders at a time, all
// kinds together, unless SetPDFRenders says otherwise: a register PDF
// takes about 30 MB while it is made (275–307 ms), and eight at once
// peaked at 288 MB, over the memory budget of 200 MB; eight of the demo's
// largest minutes at once raised the server by up to 71 MB, 39 MB with
// this limit (docs/performance.md, "PDFs behind the render limit").
const DefaultPDFRenders = 2

// PDFRenderWait is how long a request for a PDF waits for a render to end
// when DefaultPDFRenders (or SetPDFRenders' number) are under way; then
// it is answered 503 with Retry-After.
const PDFRenderWait = 10 * time.Second

// pdfRetryAfter is the Retry-After (seconds) of a PDF refused for load.
const pdfRetryAfter = "5"

// renderGate bounds the heavy renders of an instance: at most cap(slots)
// at a time, a request waiting at most wait for its turn.
type renderGate struct {
	slots chan struct{}
	wait  time.Duration
	// held, if set, runs while a render holds its slot (tests block
	// renders with it).
	held func()
}

// SetPDFRenders sets how many PDFs the instance renders at a time
// (DefaultPDFRenders without it); n < 1 means no limit. Call it before
// Handler.
func (s *Server) SetPDFRenders(n int) {
	s.pdfRenders = newRenderGate(n, PDFRenderWait)
}

func newRenderGate(n int, wait time.Duration) *renderGate {
	if n < 1 {
		return &renderGate{}
	}
	return &renderGate{slots: make(chan struct{}, n), wait: wait}
}

// pdfGate gives the instance's gate of the PDF renders.
func (s *Server) pdfGate() *renderGate {
	return s.pdfRenders
}

// enter waits for a slot: it gives the function that frees it, or false
// when none was free within the wait or the request ended meanwhile.
func (g *renderGate) enter(ctx context.Context) (leave func(), ok bool) {
	if g.slots == nil {
		return func() {}, true
	}
	select {
	case g.slots <- struct{}{}:
	default:
		t := time.NewTimer(g.wait)
		defer t.Stop()
		select {
		case g.slots <- struct{}{}:
		case <-t.C:
			return nil, false
		case <-ctx.Done():
			return nil, false
		}
	}
	if g.held != nil {
		g.held()
	}
	return func() { <-g.slots }, true
}

// enterPDF takes a slot of the instance's PDF renders for the request, or
// answers it 503 with Retry-After and a German page when none is free in
// time (as the live streams over their limit, serveEvents).
func (s *Server) enterPDF(w http.ResponseWriter, r *http.Request) (leave func(), ok bool) {
	leave, ok = s.pdfGate().enter(r.Context())
	if ok {
		return leave, true
	}
	s.log.Info("pdf refused", "path", logPath(r), "status", http.StatusServiceUnavailable, "request_id", requestID(r))
	w.Header().Set("Retry-After", pdfRetryAfter)
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusServiceUnavailable, "error.html", view{Title: "PDF gerade nicht verfügbar",
		Data: "Es werden gerade zu viele PDF-Dateien erstellt. Bitte versuchen Sie es in einigen Sekunden erneut; die Seiten und die CSV-Exporte sind weiter abrufbar."})
	return nil, false
}

// servePDF makes a PDF with write in a slot of the instance's PDF renders
// (enterPDF: 503 when none frees in time) and sends it as application/pdf
// with the file name, disposition "inline" (shown) or "attachment"
// (saved). The PDF is made whole before anything is sent, so that a
// failed render is answered 500 rather than cut off. A handler answers
// what it refuses (400, 403, 404) before it calls servePDF: only a PDF
// that will be made waits for its turn. write may read what only the PDF
// needs (the rows of a long list): that too is bounded by the slots.
func (s *Server) servePDF(w http.ResponseWriter, r *http.Request, disposition, filename string, write func(io.Writer) error) {
	leave, ok := s.enterPDF(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	err := write(&buf)
	// The slot bounds the making, not the sending to a slow reader.
	leave()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", disposition+`; filename="`+filename+`"`)
	buf.WriteTo(w)
}
