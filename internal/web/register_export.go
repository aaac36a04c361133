package web

import (
	"compress/gzip"
	"context"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strings"
	"time"

	"gremium/internal/csvout"
	"gremium/internal/httpcache"
	"gremium/internal/model"
	"gremium/internal/report"
	"gremium/internal/store"
)

// The register's exports, /beschluesse.csv and /beschluesse.pdf: the
// selection of the register page — its filter read by parseRegisterQuery
// and turned into the store's by registerFilter, as the page and its feed
// do (beginRegisterExport) — with what the page's rows show, through the same publication gate
// (model.Public.Register: confidential passages "[geschwärzt]", the
// text as last corrected). They are read a page at a time by keyset
// (store.RegisterKeyset), newest number first like the page.

// RegisterExportPage is how many decisions an export reads with one query.
const RegisterExportPage = 500

// RegisterCSVWhole is the largest selection, in decisions, whose CSV is
// answered in one piece: with an ETag from its bytes, 304 Not Modified
// for a current copy and compressed by the response layer (package
// httpcache), like the other exports. A larger selection (up to the whole
// register, a million decisions in the benchmark corpus) is streamed a
// page at a time, so that memory does not grow with it; it has no ETag,
// which would need all its bytes first.
const RegisterCSVWhole = 2000

// RegisterInPDF is how many decisions the PDF lists at most, the newest
// of the selection; the PDF says so when the selection is larger, and the
// CSV lists all.
const RegisterInPDF = 1000

// registerExportWrite is how long the streamed CSV may take to send one
// page of decisions: the server's write timeout (one minute for the whole
// answer) would cut off a large selection, a slow reader still gets every
// page it keeps reading.
const registerExportWrite = time.Minute

// registerExportHeader is the CSV's header: the register's columns, the
// kind of decision and its permanent address.
var registerExportHeader = []string{"Nummer", "Art", "Titel", "Sitzung", "Datum", "Ergebnis", "Gilt nur für", "Umsetzung", "Adresse"}

// registerRow is a decision of an export as the register page shows it:
// through the publication gate, with its session (zero for one taken in
// written procedure) and its implementation state.
type registerRow struct {
	model.Decision
	Session        model.Session
	Implementation model.Implementation
}

// SessionCell says where the decision was taken, as the page's column
// "Sitzung" does.
func (row registerRow) SessionCell() string {
	if row.SessionID == 0 {
		if row.AdoptedOn.IsZero() {
			return "im Umlaufverfahren"
		}
		return "im Umlaufverfahren am " + row.AdoptedOn.German()
	}
	if row.Session.ID == 0 {
		return ""
	}
	return row.Session.Title()
}

// DateCell gives the adoption day as the page's column "Datum" does.
func (row registerRow) DateCell() string {
	if row.AdoptedOn.IsZero() {
		return "nicht erfasst"
	}
	return row.AdoptedOn.German()
}

// ImplementationCell gives the state of the decision's follow-ups as the
// page's column "Ergebnis" adds it ("Umsetzung: offen"); "" for a decision
// without follow-ups, for which the page says nothing.
func (row registerRow) ImplementationCell() string {
	if row.Implementation == model.ImplementationNone {
		return ""
	}
	return row.Implementation.Label()
}

// ExportURL gives the address of the register's export in the format
// ("csv", "pdf") with the same filter (without page and position: the
// export has the whole selection). A template.URL for the reason
// FeedURL gives.
func (q registerQuery) ExportURL(format string) template.URL {
	u := "/beschluesse." + format
	if qs := q.Query(); qs != "" {
		u += "?" + qs
	}
	return template.URL(u)
}

// PDFCapped says whether the selection is longer than the PDF lists
// (RegisterInPDF), for the link to it.
func (d decisionListData) PDFCapped() bool { return d.Total > RegisterInPDF }

// PDFMax is RegisterInPDF as the page's link to the PDF writes it
// ("1.000").
func (d decisionListData) PDFMax() string { return model.GermanNumber(RegisterInPDF) }

// registerFilterRequest reads the register's filter from the request,
// for the page's feed and the exports alike (the page itself,
// decisionList, also reads its position), and gives the council, the
// filter with its abbreviations as the register writes them
// (registerFilter) and the store's filter (its page and limit as
// asked). It answers the request itself (ok false) on errors; a filter
// that cannot be read or cannot match (a FachMK, member or topic that
// does not exist: a feed subscribed with a mistyped conference would
// stay empty for ever without telling its reader) is answered as the
// register page answers it, 400 with the reason naming the value and
// the filter form to choose again (registerListPage), as the JSON API
// refuses it, rather than an error page without a way on.
func (s *Server) registerFilterRequest(w http.ResponseWriter, r *http.Request) (council model.Body, q registerQuery, f store.RegisterFilter, ok bool) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return council, q, f, false
	}
	q, unread := parseRegisterQuery(r.URL.Query())
	if unread != nil {
		s.registerListPage(w, r, council, q, store.RegisterCursor{}, unread)
		return council, q, f, false
	}
	q, f, _, err = s.registerFilter(ctx, council.ID, q)
	switch {
	case filterRefused(err):
		s.registerListPage(w, r, council, q, store.RegisterCursor{}, nil)
		return council, q, f, false
	case err != nil:
		s.serverError(w, r, err)
		return council, q, f, false
	}
	return council, q, f, true
}

// registerExport is the beginning both exports share: the filter read as
// the register page reads it (registerFilterRequest), for the whole
// selection (the page number does not count, the export pages by
// keyset), and the number of decisions it selects.
type registerExport struct {
	council model.Body
	q       registerQuery
	f       store.RegisterFilter
	total   int
}

// beginRegisterExport reads the export's filter and counts its
// selection; it answers the request itself when not ok.
func (s *Server) beginRegisterExport(w http.ResponseWriter, r *http.Request) (registerExport, bool) {
	council, q, f, ok := s.registerFilterRequest(w, r)
	if !ok {
		return registerExport{}, false
	}
	f.Offset, f.Limit = 0, 0
	total, err := s.registerTotal(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return registerExport{}, false
	}
	return registerExport{council: council, q: q, f: f, total: total}, true
}

// exportHeaders says the export's type and its file name, made by
// registerExportName from ext; disposition is "attachment" (saved) or
// "inline" (shown).
func (s *Server) exportHeaders(w http.ResponseWriter, contentType, disposition, ext string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", disposition+`; filename="`+s.registerExportName(ext)+`"`)
}

// eachRegisterPage calls fn with the decisions of the selection f, a page
// of size at a time, newest number first, until fn gives false or max
// decisions (0: all) were given.
func (s *Server) eachRegisterPage(ctx context.Context, council model.Body, f store.RegisterFilter, size, max int, fn func([]registerRow) bool) error {
	var c store.RegisterCursor
	given := 0
	for {
		n := size
		if max > 0 {
			n = min(n, max-given)
		}
		ds, err := s.st.RegisterKeyset(ctx, f, c, n)
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			return nil
		}
		rows, err := s.registerRows(ctx, council, ds)
		if err != nil {
			return err
		}
		if !fn(rows) {
			return nil
		}
		given += len(ds)
		if len(ds) < n || max > 0 && given >= max {
			return nil
		}
		// The next page after the last decision read (before the gate,
		// which could leave one out).
		c = store.RegisterCursor{Before: ds[len(ds)-1].Number}
	}
}

// registerRows gives the decisions ds as the register page shows them:
// through the publication gate, with their sessions and implementation
// states, read in one statement each as the page reads them.
func (s *Server) registerRows(ctx context.Context, council model.Body, ds []model.Decision) ([]registerRow, error) {
	// The register is public for every visitor.
	ds = model.Public.Register(ds)
	ids := make([]int64, len(ds))
	var sessionIDs []int64
	for i, d := range ds {
		ids[i] = d.ID
		if d.SessionID != 0 {
			sessionIDs = append(sessionIDs, d.SessionID)
		}
	}
	sessions, err := s.st.SessionsByID(ctx, sessionIDs)
	if err != nil {
		return nil, err
	}
	impl, err := s.st.Implementations(ctx, council.ID, ids)
	if err != nil {
		return nil, err
	}
	rows := make([]registerRow, len(ds))
	for i, d := range ds {
		rows[i] = registerRow{Decision: d, Session: sessions[d.SessionID], Implementation: impl[d.ID]}
	}
	return rows, nil
}

// registerCSVRecord gives a decision's CSV record; base is the site's
// public address for the permanent address.
func registerCSVRecord(row registerRow, base string) []string {
	return []string{row.Label, row.Name(), row.Title, row.SessionCell(), row.DateCell(), row.Result,
		strings.Join(row.Bound(), ", "), row.ImplementationCell(), base + decisionURL(row.Label)}
}

// registerExportName gives the export's file name: the register and the
// day it was made, "beschluesse-2026-03-19.csv".
func (s *Server) registerExportName(ext string) string {
	return "beschluesse-" + s.today().String() + "." + ext
}

func (s *Server) registerCSV(w http.ResponseWriter, r *http.Request) {
	s.writeRegisterCSV(w, r, RegisterCSVWhole)
}

// writeRegisterCSV answers /beschluesse.csv; a selection of more than
// whole decisions is streamed (RegisterCSVWhole).
func (s *Server) writeRegisterCSV(w http.ResponseWriter, r *http.Request, whole int) {
	e, ok := s.beginRegisterExport(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	s.exportHeaders(w, "text/csv; charset=utf-8", "attachment", "csv")
	var out io.Writer = w
	var flush func()
	if e.total > whole {
		out, flush = s.streamExport(w, r)
	}
	cw := csvout.NewWriter(out) // formula cells neutralised
	cw.Write(registerExportHeader)
	base := s.site.Base(r)
	err := s.eachRegisterPage(ctx, e.council, e.f, RegisterExportPage, 0, func(rows []registerRow) bool {
		for _, row := range rows {
			cw.Write(registerCSVRecord(row, base))
		}
		if err := cw.Flush(); err != nil {
			return false // the reader is gone
		}
		if flush != nil {
			flush()
		}
		return true
	})
	if err != nil {
		// The answer has begun: the cut shows as a short file (the whole
		// answer is still buffered by the response layer and goes out
		// as it is, as the follow-ups' export does).
		s.log.Error("register export", "err", err, "request_id", requestID(r))
	}
	cw.Flush()
	if c, ok := out.(io.Closer); ok {
		c.Close()
	}
}

// streamExport prepares a streamed answer: the validators a buffered
// answer gets from the response layer it cannot have (no ETag without all
// the bytes), so it says how caches may keep it, and it compresses itself
// for a client that asks for gzip (the response layer compresses only
// what it buffers). It gives the writer to write to (to be closed when
// an io.Closer) and the function that sends what was written, with a new
// write deadline for the next page.
func (s *Server) streamExport(w http.ResponseWriter, r *http.Request) (io.Writer, func()) {
	h := w.Header()
	if h.Get("Cache-Control") == "" {
		// As the response layer says it for a buffered answer.
		if r.Header.Get("Cookie") != "" || r.Header.Get("Authorization") != "" {
			h.Set("Cache-Control", "private, no-cache")
		} else {
			h.Set("Cache-Control", "public, no-cache")
		}
	}
	h.Add("Vary", "Accept-Encoding")
	rc := http.NewResponseController(w)
	var out io.Writer = w
	var zw *gzip.Writer
	if httpcache.AcceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		zw, _ = gzip.NewWriterLevel(w, gzip.BestSpeed)
		out = zw
	}
	flush := func() {
		if zw != nil {
			zw.Flush()
		}
		rc.Flush()
		rc.SetWriteDeadline(time.Now().Add(registerExportWrite))
	}
	return out, flush
}

func (s *Server) registerPDF(w http.ResponseWriter, r *http.Request) {
	s.writeRegisterPDF(w, r, RegisterInPDF)
}

// writeRegisterPDF answers /beschluesse.pdf with at most max decisions
// (RegisterInPDF).
func (s *Server) writeRegisterPDF(w http.ResponseWriter, r *http.Request, max int) {
	e, ok := s.beginRegisterExport(w, r)
	if !ok {
		return
	}
	// A refused filter is answered above, before the wait: only a PDF
	// that will be made waits for its turn; the rows are read in it.
	s.servePDF(w, r, "inline", s.registerExportName("pdf"), func(out io.Writer) error {
		return s.makeRegisterPDF(r.Context(), e, max, out)
	})
}

// makeRegisterPDF reads the rows of the export e (at most max) and
// writes its PDF to out.
func (s *Server) makeRegisterPDF(ctx context.Context, e registerExport, max int, out io.Writer) error {
	council, q, total := e.council, e.q, e.total
	capped, err := s.st.RegisterCapped(ctx, e.f)
	var opts registerOptions
	if err == nil {
		opts, err = s.registerChoices(ctx, council.ID)
	}
	var rows [][]string
	if err == nil {
		err = s.eachRegisterPage(ctx, council, e.f, RegisterExportPage, max, func(list []registerRow) bool {
			for _, row := range list {
				result := row.Result
				if result == "" {
					result = "–"
				}
				if bound := row.Bound(); len(bound) > 0 {
					result += "\ngilt nur für die zustimmenden Mitglieder: " + strings.Join(bound, ", ")
				}
				if impl := row.ImplementationCell(); impl != "" {
					result += "\nUmsetzung: " + impl
				}
				title := row.Title
				if title == "" {
					title = "–"
				}
				rows = append(rows, []string{row.Label, title, row.SessionCell(), row.DateCell(), result})
			}
			return true
		})
	}
	if err != nil {
		return err
	}
	sg, pl := "Beschluss", "Beschlüsse"
	if q.Kind == model.KindRecommendation {
		sg, pl = "Empfehlung", "Empfehlungen"
	}
	// The day, not the hour, as the creation date: the same selection
	// gives the same bytes, and the same ETag, all day.
	rep := report.New("Beschlüsse – "+council.Name, s.calendarStamp())
	if sel := q.Selection(opts); sel != "" {
		rep.Paragraph("Auswahl: " + sel + ".")
	}
	stand := "Stand: " + s.today().German() + "."
	if total > 0 {
		n := pl
		if total == 1 {
			n = sg
		}
		stand += " " + model.GermanNumber(total) + " " + n + "."
	}
	rep.Paragraph(stand)
	if capped {
		limit := model.GermanNumber(store.RegisterTextCap)
		rep.Paragraph(fmt.Sprintf("Mehr als %s Beschlüsse enthalten „%s“: durchsucht wurden die %s zuletzt erfassten, es können also Beschlüsse fehlen.", limit, q.Text, limit))
	}
	if total > len(rows) && len(rows) > 0 {
		rep.Paragraph(fmt.Sprintf("Der Bericht zeigt die neuesten %s der %s %s dieser Auswahl. Alle enthält der CSV-Export; eine engere Auswahl (Jahr, Schwerpunktthema, FachMK, Berichterstattung, Verfahren oder Suchbegriffe) passt in den Bericht.", model.GermanNumber(len(rows)), model.GermanNumber(total), pl))
	}
	if len(rows) > 0 {
		rep.Table([]string{"Nummer", "Titel", "Sitzung", "Datum", "Ergebnis"}, []float64{0.15, 0.38, 0.14, 0.12, 0.21}, rows)
	} else {
		none := "Keine " + pl
		if q.Active() {
			none += " für diese Auswahl"
		}
		rep.Paragraph(none + " erfasst.")
	}
	return rep.Write(out)
}
