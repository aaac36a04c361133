package web

// The follow-up lists read a page at a time (issue 18): the list, the
// member pages, the exports, "Mein Bereich", a follow-up's page and the
// home page's count ask the store for what the audience sees, in the
// list's order, with the clock passed as the server's "now".

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gremium/internal/csvout"
	"gremium/internal/model"
	"gremium/internal/report"
	"gremium/internal/store"
)

// FollowUpsPerPage is how many follow-ups a page of the list shows.
const FollowUpsPerPage = 100

// FollowUpsInPDF is how many follow-ups the PDF report lists at most (the
// CSV lists all); the report says so when the list is longer.
const FollowUpsInPDF = 1000

// followUpsData is the list page's data.
type followUpsData struct {
	// Page and Pages: the list is cut into pages of FollowUpsPerPage;
	// Total, Overdue and Pending count the whole list.
	Page, Pages, Total int
	Heading            string
	Intro              string
	Action             string // the address the filter form sends to
	Filter             followUpQuery
	FixedFor           string // the member of a per-member page
	List               []followUpView
	Overdue            int
	Pending            int
	// PrevURL and NextURL are the addresses of the neighbouring pages
	// ("" if none).
	PrevURL, NextURL string
	Members          []model.Member
	// OtherResponsible is the filter's responsible one when it is no
	// member (a project group, the secretariat), offered as a choice of
	// its own; "" otherwise. It is known to the reader
	// (responsibleFilter), never a made-up text.
	OtherResponsible string
	Sessions         []sessionOption
	Statuses         []statusOption
	// Refused is why the filter or place in the address was not applied;
	// the page then shows the list from its start with the filter form.
	Refused string
}

// followUpListQuery gives the store's query for the follow-ups matching f
// as the request's audience sees them, at the server's clock: the store
// keeps the due sessions that make follow-ups overdue until the data
// changes, whether they have started is decided at now
// (model.Session.StartedAt).
func (s *Server) followUpListQuery(r *http.Request, f store.FollowUpFilter) (store.FollowUpListQuery, error) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		return store.FollowUpListQuery{}, err
	}
	due, err := s.st.FollowUpDueSessions(ctx, council.ID)
	if err != nil {
		return store.FollowUpListQuery{}, err
	}
	q := store.FollowUpListQuery{FollowUpFilter: f, Audience: s.audienceOf(r), User: s.user(r), CouncilID: council.ID}
	return q.At(s.clock(), due), nil
}

// responsibleNames gives the ways a follow-up names the member or body
// who as responsible: as written, and for a member also by its name ("HE",
// "Hessen") — as the reminders, the personal calendar and the right to
// report the state match them.
func (s *Server) responsibleNames(ctx context.Context, who string) []string {
	names := []string{who}
	if name := s.memberName(ctx, who); name != who {
		names = append(names, name)
	}
	return names
}

// memberName gives the name of the member abbreviated who ("Hessen" for
// "HE"), who itself for a body that is no member or a member without one.
func (s *Server) memberName(ctx context.Context, who string) string {
	ms, _ := s.memberMap(ctx)
	return memberNameIn(ms, who)
}

// memberNameIn gives the name of the member who names by abbreviation in
// ms ("Hessen" for "HE"); any other text as it is.
func memberNameIn(ms map[string]model.Member, who string) string {
	if m, ok := ms[who]; ok && m.Name != "" {
		return m.Name
	}
	return who
}

// followUpCounts gives the list's counts: all and pending (the store keeps
// them until the data changes), the overdue ones counted at the clock in
// one query.
func (s *Server) followUpCounts(ctx context.Context, q store.FollowUpListQuery) (total, pending, overdue int, err error) {
	overdue, err = s.st.FollowUpOverdueCount(ctx, q)
	if err != nil || q.OnlyOverdue {
		// Overdue ones are pending.
		return overdue, overdue, overdue, err
	}
	total, pending, err = s.st.FollowUpCounts(ctx, q)
	return total, pending, overdue, err
}

// followUpViews gives the entries of a page as the audience sees them.
func followUpViews(a model.Audience, entries []store.FollowUpListEntry) []followUpView {
	out := make([]followUpView, len(entries))
	for i, e := range entries {
		e.FollowUp = a.FollowUp(e.FollowUp)
		e.ItemTitle = a.Text(e.ItemTitle)
		out[i] = followUpView{FollowUpEntry: e.FollowUpEntry, Planned: e.Planned, DecisionLabel: e.DecisionLabel,
			Deadline: e.DeadlineAt(e.Planned), Due: e.Due, Overdue: e.Overdue, SeesSession: a.SeesSession(e.Session()), NewDeadline: e.NeedsNewDeadline(e.Planned)}
	}
	return out
}

// anchorFollowUps fills the anchors of the items the follow-ups of a list
// page were given in (followUpView.ItemAnchor), so that each links its
// item on its session's page: one query per page (store.SessionItemAnchors),
// whatever the length of the list.
func (s *Server) anchorFollowUps(ctx context.Context, views []followUpView) error {
	var sessions []int64
	seen := map[int64]bool{}
	for _, v := range views {
		if v.ItemID != 0 && v.SessionID != 0 && v.SeesSession && !seen[v.SessionID] {
			seen[v.SessionID] = true
			sessions = append(sessions, v.SessionID)
		}
	}
	if len(sessions) == 0 {
		return nil
	}
	anchors, err := s.st.SessionItemAnchors(ctx, sessions)
	if err != nil {
		return err
	}
	for i := range views {
		if views[i].SeesSession {
			views[i].ItemAnchor = anchors[views[i].ItemID]
		}
	}
	return nil
}

// eachFollowUp calls fn with the follow-ups of the list q, page by page in
// the list's order (pages of size), until fn gives false or max
// follow-ups (0: all) were given.
func (s *Server) eachFollowUp(r *http.Request, q store.FollowUpListQuery, size, max int, fn func([]followUpView) bool) error {
	var after *store.FollowUpCursor
	given := 0
	for {
		n := size
		if max > 0 {
			n = min(size, max-given)
		}
		page, err := s.st.FollowUpPage(r.Context(), q, after, false, n)
		if err != nil {
			return err
		}
		if len(page) > 0 && !fn(followUpViews(q.Audience, page)) {
			return nil
		}
		given += len(page)
		if len(page) < n || max > 0 && given >= max {
			return nil
		}
		after = &page[len(page)-1].Cursor
	}
}

// MaxResponsibleName bounds, in characters, the member or body a
// follow-up list is filtered by (?mitglied=, /mitglieder/{x}/auftraege):
// the names of members and of the bodies responsible for follow-ups
// ("FITKO", "PG EfA-Finanzierung", "Geschäftsstelle") are far shorter.
const MaxResponsibleName = 100

// responsibleTooLong refuses a responsible one longer than
// MaxResponsibleName (400), without repeating it.
func responsibleTooLong(who string) error {
	if utf8.RuneCountInString(who) > MaxResponsibleName {
		return model.AtField("mitglied", model.InputError("Die Angabe, wer verantwortlich ist, ist in der Adresse zu lang: höchstens %d Zeichen.", MaxResponsibleName))
	}
	return nil
}

// errUnknownResponsible answers a follow-up list filtered by a name that
// is neither a member nor responsible for a follow-up the reader sees.
// It does not repeat the name: an address can carry any text ("Bitte
// melden Sie sich unter …"), which a heading or a report must not show as
// if gremium said it.
var errUnknownResponsible = model.AtField("mitglied", model.NotFoundError("Kein Mitglied und keine andere Stelle dieses Namens ist für einen Auftrag verantwortlich. Mitglieder werden mit ihrem Kürzel oder Namen angegeben (zum Beispiel HE oder Hessen), andere Stellen so, wie sie bei einem Auftrag als verantwortlich stehen (zum Beispiel FITKO)."))

// responsibleFilter gives the names the follow-ups of the responsible one
// who are matched by (responsibleNames). who is known when it is a member, by abbreviation or name, or responsible
// for a follow-up the request's audience sees (a body that is no member:
// a project group, the secretariat; for the public only as the public
// text names it, so that nothing behind the publication gate is
// confirmed); else the list is not found (errUnknownResponsible), on the
// page, its CSV and its PDF alike, and nothing shows the name.
func (s *Server) responsibleFilter(r *http.Request, who string) ([]string, error) {
	if err := responsibleTooLong(who); err != nil {
		return nil, err
	}
	ms, err := s.memberMap(r.Context())
	if err != nil {
		return nil, err
	}
	member := ms[who].Abbrev != ""
	for _, m := range ms {
		member = member || m.Name != "" && m.Name == who
	}
	names := s.responsibleNames(r.Context(), who)
	if member {
		return names, nil
	}
	if model.ResponsibleKey(who) == "" {
		return nil, errUnknownResponsible
	}
	q, err := s.followUpListQuery(r, store.FollowUpFilter{Members: names})
	if err != nil {
		return nil, err
	}
	n, _, err := s.st.FollowUpCounts(r.Context(), q)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, errUnknownResponsible
	}
	return names, nil
}

// errSessionUnknown answers a follow-up list filtered by a session that
// is not recorded or not shown to the reader.
var errSessionUnknown = model.AtField("sitzung", model.NotFoundError("Diese Sitzung ist nicht erfasst."))

// followUpQueryFor gives the store's query of the filtered list: not
// found (with the reason for the reader) for a responsible one or a
// session that is not known to the reader.
func (s *Server) followUpQueryFor(r *http.Request, fq followUpQuery) (store.FollowUpListQuery, error) {
	f := store.FollowUpFilter{DecisionID: fq.decisionID}
	if fq.Member != "" {
		names, err := s.responsibleFilter(r, fq.Member)
		if err != nil {
			return store.FollowUpListQuery{}, err
		}
		f.Members = names
	}
	switch fq.Status {
	case "ausstehend", "ueberfaellig":
		f.Pending = true
	case "":
	default:
		f.Status = model.FollowUpStatus(fq.Status)
	}
	if fq.Session != 0 {
		body, err := s.councilBody(r.Context())
		if fq.Body != "" {
			body, err = s.st.BodyBySlug(r.Context(), fq.Body)
		}
		if err == nil {
			var se model.Session
			if se, err = s.st.SessionByNumber(r.Context(), body.ID, fq.Session); err == nil {
				if !s.audienceOf(r).SeesSession(se) {
					return store.FollowUpListQuery{}, errSessionUnknown
				}
				f.SessionID = se.ID
			}
		}
		if model.ClassOf(err) == model.ErrNotFound {
			return store.FollowUpListQuery{}, errSessionUnknown
		}
		if err != nil {
			return store.FollowUpListQuery{}, err
		}
	}
	q, err := s.followUpListQuery(r, f)
	q.OnlyOverdue = fq.Status == "ueberfaellig"
	return q, err
}

// pageURL gives the address of the list at base with the filter, the page
// number and the cursor parameter (name "nach" or "vor"; none for the
// first page).
func (q followUpQuery) pageURL(base string, page int, name string, c store.FollowUpCursor) string {
	v := q.values()
	if page > 1 {
		v.Set("seite", strconv.Itoa(page))
		v.Set(name, c.String())
	}
	if e := v.Encode(); e != "" {
		return base + "?" + e
	}
	return base
}

func (s *Server) renderFollowUps(w http.ResponseWriter, r *http.Request, fq followUpQuery, d followUpsData) {
	ctx := r.Context()
	q, err := s.followUpQueryFor(r, fq)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	if d.Total, d.Pending, d.Overdue, err = s.followUpCounts(ctx, q); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Filter, d.Statuses = fq, followUpStatusOptions
	d.Pages = max(1, (d.Total+FollowUpsPerPage-1)/FollowUpsPerPage)
	d.Page = 1
	// A page after ("nach") or before ("vor") a place in the list: the
	// order depends on the clock, no index gives it, but the database then
	// keeps one page of it, not all the pages before.
	var cursor *store.FollowUpCursor
	before := false
	v := r.URL.Query()
	for _, name := range []string{"nach", "vor"} {
		if p := v.Get(name); p != "" {
			c, ok := store.ParseFollowUpCursor(p)
			if !ok {
				d.Refused = "Die Stelle in der Liste der Aufträge ist unbekannt."
				break
			}
			cursor, before = &c, name == "vor"
		}
	}
	if cursor != nil && d.Refused == "" {
		n, err := strconv.Atoi(v.Get("seite"))
		if err != nil || n < 2 || n > d.Pages {
			d.Refused = fmt.Sprintf("Die Seite muss eine Zahl von 2 bis %d sein.", d.Pages)
		}
		d.Page = n
	}
	if d.Refused != "" {
		// The list from its start.
		cursor, before, d.Page = nil, false, 1
	}
	// One more than a page tells whether another page follows.
	page, err := s.st.FollowUpPage(ctx, q, cursor, before, FollowUpsPerPage+1)
	if model.ClassOf(err) == model.ErrInput && cursor != nil {
		// A place of the public list by a number never given: the list
		// from its start, with the reason.
		d.Refused = model.ReasonOf(err)
		cursor, before, d.Page = nil, false, 1
		page, err = s.st.FollowUpPage(ctx, q, nil, false, FollowUpsPerPage+1)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	more := len(page) > FollowUpsPerPage
	if more && before {
		page = page[1:]
	} else if more {
		page = page[:FollowUpsPerPage]
	}
	if before && !more {
		d.Page = 1 // the first page, whatever the address said
	}
	d.List = followUpViews(q.Audience, page)
	if err := s.anchorFollowUps(r.Context(), d.List); err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(page) > 0 {
		if d.Page > 1 {
			d.PrevURL = fq.pageURL(d.Action, d.Page-1, "vor", page[0].Cursor)
		}
		if more || before {
			d.NextURL = fq.pageURL(d.Action, d.Page+1, "nach", page[len(page)-1].Cursor)
		}
	}
	if d.Members, err = s.st.Members(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	if fq.Member != "" && !slices.ContainsFunc(d.Members, func(m model.Member) bool { return m.Abbrev == fq.Member || m.Name == fq.Member }) {
		d.OtherResponsible = fq.Member
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Sessions, err = s.filterSessions(r, council.ID, fq); err != nil {
		s.serverError(w, r, err)
		return
	}
	status := http.StatusOK
	if d.Refused != "" {
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "followups.html", view{Title: d.Heading, Active: "auftraege", Data: d})
}

// exportHeader is the export's header. The last column is the evidence
// of an erledigt follow-up, the reason of an entfallen one.
var exportHeader = []string{"Nr.", "Auftrag", "Verantwortlich", "Frist", "Stand", "Quelle", "Beschluss", "Erledigt am", "Nachweis bzw. Begründung"}

// exportRows gives the export's rows: public text only (the PDF report
// writes public text anyway; the CSV follows the audience).
func exportRows(list []followUpView) [][]string {
	rows := make([][]string, 0, len(list))
	for _, v := range list {
		rows = append(rows, []string{publicNumber(v.FollowUp), v.Text, v.Responsible, v.Deadline, v.StateLabel(),
			v.SourceLine(), v.DecisionLabel, v.DoneOn.German(), v.EvidenceText})
	}
	return rows
}

// publicNumber gives a follow-up's public number as the export's column
// "Nr." shows it: "" for one that never was public (in an internal
// export); never its internal id, which the public does not get.
func publicNumber(f model.FollowUp) string {
	if f.Number == 0 {
		return ""
	}
	return strconv.FormatInt(f.Number, 10)
}

// exportPage is how many follow-ups an export reads with one query.
const exportPage = 500

// exportQuery reads the export's filter from the address; on bad input it
// answers and gives false.
func (s *Server) exportQuery(w http.ResponseWriter, r *http.Request) (store.FollowUpListQuery, followUpQuery, bool) {
	fq, err := parseFollowUpQuery(r)
	if err != nil {
		s.fail(w, r, err, "")
		return store.FollowUpListQuery{}, fq, false
	}
	if !s.decisionFilter(w, r, &fq) {
		return store.FollowUpListQuery{}, fq, false
	}
	q, err := s.followUpQueryFor(r, fq)
	if err != nil {
		s.fail(w, r, err, "")
		return store.FollowUpListQuery{}, fq, false
	}
	return q, fq, true
}

// selection names the filter in words for the PDF report ("verantwortlich
// Hessen, aus der 47. Sitzung, Stand überfällig"; "" without a filter), so
// that a report of a member's few follow-ups does not read as the report
// of all. A decision is named only if the audience may see it.
func (s *Server) selection(r *http.Request, fq followUpQuery) string {
	var parts []string
	if fq.Member != "" {
		parts = append(parts, "verantwortlich "+s.memberName(r.Context(), fq.Member))
	}
	if fq.Session != 0 {
		title := fmt.Sprintf("%d. Sitzung", fq.Session)
		if fq.Body != "" {
			if b, err := s.st.BodyBySlug(r.Context(), fq.Body); err == nil {
				title = model.Session{Number: fq.Session, BodySlug: b.Preparation.Slug, BodyAbbrev: b.Abbrev}.Title()
			}
		}
		parts = append(parts, "aus der "+title)
	}
	if fq.Decision != "" {
		// Found and seen by the reader (decisionFilter).
		parts = append(parts, fq.DecisionWords()+" "+fq.Decision)
	}
	for _, o := range followUpStatusOptions {
		if fq.Status != "" && o.Value == fq.Status {
			parts = append(parts, "Stand "+o.Label)
		}
	}
	return strings.Join(parts, ", ")
}

func (s *Server) followUpCSV(w http.ResponseWriter, r *http.Request) {
	q, _, ok := s.exportQuery(w, r)
	if !ok {
		return
	}
	// Streamed a page at a time; the header goes out with the first page,
	// so that an error before it still gives an error page.
	var cw *csvout.Writer
	start := func() {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="auftraege.csv"`)
		cw = csvout.NewWriter(w) // formula cells neutralised
		cw.Write(exportHeader)
	}
	err := s.eachFollowUp(r, q, exportPage, 0, func(list []followUpView) bool {
		if cw == nil {
			start()
		}
		cw.WriteAll(exportRows(list))
		return true
	})
	switch {
	case err != nil && cw == nil:
		s.serverError(w, r, err)
		return
	case err != nil:
		// The header is out: the cut shows as a short file.
		s.log.Error("follow-up export", "err", err, "request_id", requestID(r))
	case cw == nil: // an empty list
		start()
	}
	cw.Flush()
}

func (s *Server) followUpPDF(w http.ResponseWriter, r *http.Request) {
	q, fq, ok := s.exportQuery(w, r)
	if !ok {
		return
	}
	// A refused filter is answered above, before the wait; the rows
	// (up to FollowUpsInPDF) are read in the render's slot.
	s.servePDF(w, r, "inline", "auftraege.pdf", func(out io.Writer) error {
		return s.makeFollowUpPDF(r, q, fq, out)
	})
}

// makeFollowUpPDF reads the follow-ups of the selection q (fq as the
// address names it) and writes their PDF report to out.
func (s *Server) makeFollowUpPDF(r *http.Request, q store.FollowUpListQuery, fq followUpQuery, out io.Writer) error {
	total, _, overdue, err := s.followUpCounts(r.Context(), q)
	if err != nil {
		return err
	}
	var rows [][]string
	if err := s.eachFollowUp(r, q, exportPage, FollowUpsInPDF, func(list []followUpView) bool {
		rows = append(rows, exportRows(list)...)
		return true
	}); err != nil {
		return err
	}
	now := s.clock()
	rep := report.New("Stand der Aufträge des IT-Planungsrats", now)
	if sel := s.selection(r, fq); sel != "" {
		rep.Paragraph("Auswahl: " + sel + ".")
	}
	if total > 0 {
		rep.Paragraph(fmt.Sprintf("Stand: %s. %s, davon %d überfällig.", model.BerlinDate(now).German(), model.Counted(total, "Auftrag", "Aufträge"), overdue))
	} else {
		rep.Paragraph(fmt.Sprintf("Stand: %s.", model.BerlinDate(now).German()))
	}
	if total > len(rows) {
		rep.Paragraph(fmt.Sprintf("Der Bericht zeigt die ersten %d Aufträge der Liste (die überfälligen zuerst). Alle Aufträge enthält der CSV-Export; eine engere Auswahl (Mitglied, Sitzung, Stand) passt in den Bericht.", len(rows)))
	}
	// The PDF leaves out the number and the evidence text (in the CSV).
	short := make([][]string, len(rows))
	for i, row := range rows {
		short[i] = []string{row[1], row[2], row[3], row[4], row[5], row[7]}
	}
	if h := exportHeader; len(short) > 0 {
		rep.Table([]string{h[1], h[2], h[3], h[4], h[5], h[7]}, []float64{0.32, 0.15, 0.15, 0.12, 0.16, 0.10}, short)
	} else {
		rep.Paragraph("Für diese Auswahl gibt es keine Aufträge.")
	}
	return rep.Write(out)
}

// followUpFromPath gives the follow-up named by its internal id ({id})
// as the request's audience may see it (404 if it may not): the forms of
// a follow-up's page send to the address by its id, which only internal
// readers use.
func (s *Server) followUpFromPath(w http.ResponseWriter, r *http.Request) (followUpView, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r, "Diesen Auftrag gibt es nicht.")
		return followUpView{}, false
	}
	v, seen, err := s.followUpSeen(r, id)
	if err != nil {
		s.serverError(w, r, err)
		return followUpView{}, false
	}
	if !seen {
		s.notFound(w, r, "Diesen Auftrag gibt es nicht.")
		return followUpView{}, false
	}
	return v, true
}

// followUpSeen gives the follow-up with the id as the request's audience
// may see it, false if it may not (the list's rule,
// model.Audience.FollowUpSQL).
func (s *Server) followUpSeen(r *http.Request, id int64) (followUpView, bool, error) {
	q, err := s.followUpListQuery(r, store.FollowUpFilter{})
	if err != nil {
		return followUpView{}, false, err
	}
	q.ID = id
	list, err := s.st.FollowUpPage(r.Context(), q, nil, false, 1)
	if err != nil || len(list) == 0 {
		return followUpView{}, false, err
	}
	return followUpViews(q.Audience, list)[0], true, nil
}

// openFollowUps counts the pending follow-ups the request's audience may
// see (the home page's "Offene Aufträge"), kept by the store until the
// data changes: whether a follow-up is pending or visible does not depend
// on the clock.
func (s *Server) openFollowUps(r *http.Request) (int, error) {
	q, err := s.followUpListQuery(r, store.FollowUpFilter{Pending: true})
	if err != nil {
		return 0, err
	}
	n, _, err := s.st.FollowUpCounts(r.Context(), q)
	return n, err
}
