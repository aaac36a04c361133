package web

// Follow-ups (Aufträge): the list with filters, per member and per
// decision, the page of one follow-up with its source, evidence and
// comments, the report of its progress by the responsible member's office
// or the secretariat, and the CSV and PDF export for the secretariat's
// report to the next session (docs/followups.md).

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/csvout"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/report"
	"gremium/internal/store"
)

// followUpView is one follow-up as a list or page shows it.
type followUpView struct {
	store.FollowUpEntry
	Deadline string
	Due      model.Date
	Overdue  bool
	// DecisionLabel is the number of the follow-up's decision if the
	// audience may see the decision ("" if none or not visible).
	DecisionLabel string
	// DueSession is the session the follow-up is due to, if planned.
	DueSession *model.Session
}

// StateLabel gives the status with "überfällig" where it applies.
func (v followUpView) StateLabel() string {
	if v.Overdue {
		return v.Status.Label() + ", überfällig"
	}
	return v.Status.Label()
}

// SourceURL gives the address of the row or item the follow-up was given
// in ("" if none is known).
func (v followUpView) SourceURL() string {
	if v.Source == model.SourceDecision && v.DecisionLabel != "" {
		return decisionURL(v.DecisionLabel)
	}
	if v.SessionNumber == 0 {
		return ""
	}
	if v.ItemID != 0 {
		return fmt.Sprintf("/sitzungen/%d#top-%d", v.SessionNumber, v.ItemID)
	}
	return fmt.Sprintf("/sitzungen/%d", v.SessionNumber)
}

// ItemLabel names the agenda item the follow-up was given in.
func (v followUpView) ItemLabel() string {
	if v.SessionNumber == 0 {
		return ""
	}
	it := model.AgendaItem{Number: v.ItemNumber}
	s := fmt.Sprintf("%d. Sitzung, %s", v.SessionNumber, it.Label())
	if v.ItemTitle != "" {
		s += " " + v.ItemTitle
	}
	return s
}

// followUpQuery is the filter of the follow-up list, read from the address.
type followUpQuery struct {
	Member   string
	Session  int
	Status   string // a model.FollowUpStatus, "ausstehend" (offen or in Arbeit) or "ueberfaellig"
	Decision int64
}

// Active reports whether any filter is set.
func (q followUpQuery) Active() bool { return q != followUpQuery{} }

// values gives the query as URL parameters.
func (q followUpQuery) values() url.Values {
	v := url.Values{}
	if q.Member != "" {
		v.Set("mitglied", q.Member)
	}
	if q.Session != 0 {
		v.Set("sitzung", strconv.Itoa(q.Session))
	}
	if q.Status != "" {
		v.Set("status", q.Status)
	}
	if q.Decision != 0 {
		v.Set("beschluss", strconv.FormatInt(q.Decision, 10))
	}
	return v
}

// PageURL gives the address of page n of the list at base with the same
// filter.
func (q followUpQuery) PageURL(base string, n int) string {
	v := q.values()
	if n > 1 {
		v.Set("seite", strconv.Itoa(n))
	}
	if e := v.Encode(); e != "" {
		return base + "?" + e
	}
	return base
}

// ExportURL gives the address of the export in the format ("csv", "pdf")
// with the same filter.
func (q followUpQuery) ExportURL(format string) string {
	u := "/auftraege." + format
	if v := q.values().Encode(); v != "" {
		u += "?" + v
	}
	return u
}

func parseFollowUpQuery(r *http.Request) (followUpQuery, error) {
	v := r.URL.Query()
	q := followUpQuery{Member: strings.TrimSpace(v.Get("mitglied")), Status: v.Get("status")}
	if s := v.Get("sitzung"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return q, model.InputError("Die Sitzung wird mit ihrer Nummer angegeben, zum Beispiel 47.")
		}
		q.Session = n
	}
	if s := v.Get("beschluss"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return q, model.InputError("Der Beschluss ist unbekannt.")
		}
		q.Decision = n
	}
	switch q.Status {
	case "", "ausstehend", "ueberfaellig":
	default:
		if !model.FollowUpStatus(q.Status).Valid() {
			return q, model.InputError("Der Status „%s“ ist unbekannt.", q.Status)
		}
	}
	return q, nil
}

// statusOption is a choice of the status filter.
type statusOption struct{ Value, Label string }

var followUpStatusOptions = []statusOption{
	{"ausstehend", "offen oder in Arbeit"}, {"ueberfaellig", "überfällig"},
	{string(model.FollowUpOpen), "offen"}, {string(model.FollowUpInProgress), "in Arbeit"},
	{string(model.FollowUpDone), "erledigt"}, {string(model.FollowUpDropped), "entfallen"},
}

// visibleFollowUps reads the follow-ups matching f and gives those the
// request's audience may see, as it may see them, with deadline and
// overdue state at the server's clock: overdue ones first (earliest due
// first), then the pending ones by due date, then the rest.
func (s *Server) visibleFollowUps(r *http.Request, f store.FollowUpFilter) ([]followUpView, error) {
	ctx := r.Context()
	a := s.audienceOf(r)
	entries, err := s.st.FollowUpEntries(ctx, f)
	if err != nil {
		return nil, err
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		return nil, err
	}
	byID, byNumber, err := s.followUpSessions(ctx, council.ID, entries)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, e := range entries {
		if e.DecisionID != 0 {
			ids = append(ids, e.DecisionID)
		}
	}
	decisions, err := s.st.FollowUpDecisions(ctx, ids)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	u := s.user(r)
	// seesItem: the item a follow-up arose in must be visible to the
	// viewer (a registration not yet on the agenda only to the secretariat
	// and the registering member); read once per item.
	itemSeen := map[int64]bool{}
	seesItem := func(e store.FollowUpEntry) (bool, error) {
		if e.ItemID == 0 || byID[e.SessionID] == nil {
			return true, nil
		}
		seen, ok := itemSeen[e.ItemID]
		if !ok {
			it, err := s.st.Item(ctx, e.ItemID)
			if err != nil {
				return false, err
			}
			seen = a.SeesItem(it, *byID[e.SessionID], u)
			itemSeen[e.ItemID] = seen
		}
		return seen, nil
	}
	out := make([]followUpView, 0, len(entries))
	for _, e := range entries {
		var dec *model.Decision
		if d, ok := decisions[e.DecisionID]; ok {
			dec = &d
		}
		if !a.SeesFollowUp(e.FollowUp, dec, byID[e.SessionID]) {
			continue
		}
		if ok, err := seesItem(e); err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		e.FollowUp = a.FollowUp(e.FollowUp)
		e.ItemTitle = a.Text(e.ItemTitle)
		v := followUpView{FollowUpEntry: e, DueSession: byNumber[e.DueSession]}
		if dec != nil && a.SeesDecision(*dec) {
			v.DecisionLabel = dec.Label
		}
		v.Deadline = e.DeadlineAt(v.DueSession)
		v.Due = e.DueAt(v.DueSession)
		v.Overdue = e.OverdueAt(now, v.DueSession)
		out = append(out, v)
	}
	// Sorted through an index: the views are large to move.
	rank := make([]int, len(out))
	for i, v := range out {
		switch {
		case v.Overdue:
			rank[i] = 0
		case v.Status.Pending():
			rank[i] = 1
		default:
			rank[i] = 2
		}
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		if rank[i] != rank[j] {
			return rank[i] - rank[j]
		}
		x, y := out[i].Due, out[j].Due
		switch {
		case x == y:
			return 0
		case x.IsZero():
			return 1
		case y.IsZero():
			return -1
		case x.Before(y):
			return -1
		}
		return 1
	})
	sorted := make([]followUpView, len(out))
	for k, i := range order {
		sorted[k] = out[i]
	}
	out = sorted
	return out, nil
}

// FollowUpsPerPage is how many follow-ups a page of the list shows.
const FollowUpsPerPage = 100

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
	Members            []model.Member
	Sessions           []model.Session
	Statuses           []statusOption
}

// followUpsFor reads the filtered list for the request.
func (s *Server) followUpsFor(r *http.Request, q followUpQuery) ([]followUpView, error) {
	f := store.FollowUpFilter{Member: q.Member, DecisionID: q.Decision}
	switch q.Status {
	case "ausstehend", "ueberfaellig":
		f.Pending = true
	case "":
	default:
		f.Status = model.FollowUpStatus(q.Status)
	}
	if q.Session != 0 {
		council, err := s.councilBody(r.Context())
		if err != nil {
			return nil, err
		}
		se, err := s.st.SessionByNumber(r.Context(), council.ID, q.Session)
		if err != nil {
			return nil, err
		}
		f.SessionID = se.ID
	}
	list, err := s.visibleFollowUps(r, f)
	if err != nil || q.Status != "ueberfaellig" {
		return list, err
	}
	out := list[:0]
	for _, v := range list {
		if v.Overdue {
			out = append(out, v)
		}
	}
	return out, nil
}

func (s *Server) followUpList(w http.ResponseWriter, r *http.Request) {
	q, err := parseFollowUpQuery(r)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.renderFollowUps(w, r, q, followUpsData{Heading: "Aufträge", Action: "/auftraege",
		Intro: "Die Aufträge aus den Sitzungen des IT-Planungsrats: wer was bis wann zu tun hat. Überfällige Aufträge stehen oben."})
}

// memberFollowUps is the page "was schuldet HE": the follow-ups a member
// (or body) is responsible for.
func (s *Server) memberFollowUps(w http.ResponseWriter, r *http.Request) {
	q, err := parseFollowUpQuery(r)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	who := r.PathValue("mitglied")
	name := who
	if ms, err := s.memberMap(r.Context()); err == nil {
		if m, ok := ms[who]; ok && m.Name != "" {
			name = m.Name
		}
	}
	q.Member = who
	s.renderFollowUps(w, r, q, followUpsData{Heading: "Was " + who + " schuldet", Action: "/mitglieder/" + url.PathEscape(who) + "/auftraege", FixedFor: who,
		Intro: "Die Aufträge, für die " + name + " verantwortlich ist (allein oder mit anderen). Überfällige Aufträge stehen oben."})
}

func (s *Server) renderFollowUps(w http.ResponseWriter, r *http.Request, q followUpQuery, d followUpsData) {
	ctx := r.Context()
	list, err := s.followUpsFor(r, q)
	if err != nil {
		s.fail(w, r, err, "Diese Sitzung ist nicht erfasst.")
		return
	}
	d.Filter, d.Statuses, d.Total = q, followUpStatusOptions, len(list)
	for _, v := range list {
		if v.Overdue {
			d.Overdue++
		}
		if v.Status.Pending() {
			d.Pending++
		}
	}
	d.Pages = max(1, (len(list)+FollowUpsPerPage-1)/FollowUpsPerPage)
	d.Page = 1
	if p := r.URL.Query().Get("seite"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > d.Pages {
			s.badRequest(w, r, fmt.Sprintf("Die Seite muss eine Zahl von 1 bis %d sein.", d.Pages))
			return
		}
		d.Page = n
	}
	d.List = list[(d.Page-1)*FollowUpsPerPage : min(len(list), d.Page*FollowUpsPerPage)]
	if d.Members, err = s.st.Members(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Sessions, err = s.filterSessions(ctx, council.ID, q.Session); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "followups.html", view{Title: d.Heading, Active: "auftraege", Data: d})
}

// FilterSessions is how many of the newest sessions the follow-up list's
// filter offers (and the one chosen, if older).
const FilterSessions = 30

// filterSessions gives the sessions the follow-up filter offers: the
// FilterSessions newest and the chosen one (number, 0 for none), newest
// first.
func (s *Server) filterSessions(ctx context.Context, councilID int64, chosen int) ([]model.Session, error) {
	list, err := s.st.SessionsBefore(ctx, councilID, 0, FilterSessions)
	if err != nil || chosen == 0 || slices.ContainsFunc(list, func(se model.Session) bool { return se.Number == chosen }) {
		return list, err
	}
	se, err := s.st.SessionByNumber(ctx, councilID, chosen)
	if err != nil {
		return nil, err
	}
	return append(list, se), nil
}

// exportRows gives the export's header and rows: public text only (the
// PDF report writes public text anyway; the CSV follows the audience).
func exportRows(list []followUpView) ([]string, [][]string) {
	header := []string{"Nr.", "Auftrag", "Verantwortlich", "Frist", "Stand", "Quelle", "Beschluss", "Erledigt am", "Nachweis"}
	rows := make([][]string, 0, len(list))
	for _, v := range list {
		rows = append(rows, []string{strconv.FormatInt(v.ID, 10), v.Text, v.Responsible, v.Deadline, v.StateLabel(),
			v.ItemLabel(), v.DecisionLabel, v.DoneOn.German(), v.EvidenceText})
	}
	return header, rows
}

func (s *Server) followUpCSV(w http.ResponseWriter, r *http.Request) {
	q, err := parseFollowUpQuery(r)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	list, err := s.followUpsFor(r, q)
	if err != nil {
		s.fail(w, r, err, "Diese Sitzung ist nicht erfasst.")
		return
	}
	header, rows := exportRows(list)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="auftraege.csv"`)
	cw := csvout.NewWriter(w) // formula cells neutralised
	cw.Write(header)
	cw.WriteAll(rows)
	cw.Flush()
}

func (s *Server) followUpPDF(w http.ResponseWriter, r *http.Request) {
	q, err := parseFollowUpQuery(r)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	list, err := s.followUpsFor(r, q)
	if err != nil {
		s.fail(w, r, err, "Diese Sitzung ist nicht erfasst.")
		return
	}
	now := s.clock()
	rep := report.New("Stand der Aufträge des IT-Planungsrats", now)
	overdue := 0
	for _, v := range list {
		if v.Overdue {
			overdue++
		}
	}
	rep.Paragraph(fmt.Sprintf("Stand: %s. %d Aufträge, davon %d überfällig.", model.BerlinDate(now).German(), len(list), overdue))
	header, rows := exportRows(list)
	// The PDF leaves out the number and the evidence text (in the CSV).
	short := make([][]string, len(rows))
	for i, row := range rows {
		short[i] = []string{row[1], row[2], row[3], row[4], row[5], row[7]}
	}
	rep.Table([]string{header[1], header[2], header[3], header[4], header[5], header[7]}, []float64{60, 28, 28, 22, 30, 19}, short)
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="auftraege.pdf"`)
	if err := rep.Write(w); err != nil {
		s.log.Error("follow-up report", "err", err, "request_id", requestID(r))
	}
}

// followUpData is the page of one follow-up.
type followUpData struct {
	F         followUpView
	Comments  []model.FollowUpComment
	MayReport bool
	MayNote   bool
	MayEdit   bool
	Documents []store.Document
	Evidence  struct {
		DocName  string
		Decision model.Decision
		Item     string
		ItemURL  string
	}
	Statuses []model.FollowUpStatus
	Today    string
}

// followUpFromPath gives the follow-up named by {id} as the request's
// audience may see it (404 if it may not).
func (s *Server) followUpFromPath(w http.ResponseWriter, r *http.Request) (followUpView, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r, "Diesen Auftrag gibt es nicht.")
		return followUpView{}, false
	}
	f, err := s.st.FollowUp(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Diesen Auftrag gibt es nicht.")
		return followUpView{}, false
	}
	list, err := s.visibleFollowUps(r, store.FollowUpFilter{DecisionID: f.DecisionID, ItemID: f.ItemID})
	if err != nil {
		s.serverError(w, r, err)
		return followUpView{}, false
	}
	for _, v := range list {
		if v.ID == id {
			return v, true
		}
	}
	s.notFound(w, r, "Diesen Auftrag gibt es nicht.")
	return followUpView{}, false
}

// mayReport reports whether the user may report on the follow-up: the
// secretariat, and the office of a member responsible for it (by its
// abbreviation or name).
func (s *Server) mayReport(ctx context.Context, u *model.User, f model.FollowUp) bool {
	if auth.Can(u, auth.RecordMinutes, "") {
		return true
	}
	if !auth.Can(u, auth.ViewInternal, "") || u.MemberAbbrev == "" {
		return false
	}
	if f.ResponsibleIs(u.MemberAbbrev) {
		return true
	}
	ms, err := s.memberMap(ctx)
	return err == nil && f.ResponsibleIs(ms[u.MemberAbbrev].Name)
}

func (s *Server) followUpPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.followUpFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	u := s.user(r)
	d := followUpData{F: v, Statuses: model.FollowUpStatuses, Today: model.BerlinDate(s.clock()).String()}
	internal := s.audienceOf(r) == model.Internal
	d.MayReport = s.mayReport(ctx, u, v.FollowUp)
	d.MayEdit = auth.Can(u, auth.RecordMinutes, "")
	d.MayNote = internal
	var err error
	if internal {
		if d.Comments, err = s.st.FollowUpComments(ctx, v.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		if v.SessionID != 0 {
			if d.Documents, err = s.st.Documents(ctx, v.SessionID); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		for _, doc := range d.Documents {
			if doc.ID == v.EvidenceDocumentID {
				d.Evidence.DocName = doc.Filename
			}
		}
	}
	if v.EvidenceDecisionID != 0 {
		if dec, err := s.st.Decision(ctx, v.EvidenceDecisionID); err == nil {
			if dec, ok := s.audienceOf(r).Decision(dec); ok {
				d.Evidence.Decision = dec
			}
		}
	}
	if v.EvidenceItemID != 0 {
		if it, err := s.st.Item(ctx, v.EvidenceItemID); err == nil {
			if se, err := s.st.Session(ctx, it.SessionID); err == nil && s.audienceOf(r).SeesItem(it, se, u) {
				it = s.audienceOf(r).Item(it)
				d.Evidence.Item = fmt.Sprintf("%d. Sitzung, %s %s", se.Number, it.Label(), it.Title)
				d.Evidence.ItemURL = fmt.Sprintf("/sitzungen/%d#top-%d", se.Number, it.ID)
			}
		}
	}
	s.render(w, r, http.StatusOK, "followup.html", view{Title: "Auftrag " + strconv.FormatInt(v.ID, 10), Active: "auftraege", Data: d})
}

// reportFollowUp records the progress a responsible member's office or the
// secretariat reports: status, evidence when erledigt, a comment.
func (s *Server) reportFollowUp(w http.ResponseWriter, r *http.Request) {
	u := s.user(r)
	if !auth.Can(u, auth.ViewInternal, "") {
		s.require(w, r, auth.ViewInternal, "")
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	v, ok := s.followUpFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	if !s.mayReport(ctx, u, v.FollowUp) {
		s.fail(w, r, model.ForbiddenError("Den Stand eines Auftrags melden die Geschäftsstelle und die verantwortlichen Mitglieder."), "")
		return
	}
	rep := store.FollowUpReport{ID: v.ID, Version: formVersion(r), Status: model.FollowUpStatus(r.PostFormValue("status")),
		Author: u.Name, Member: u.MemberAbbrev}
	if u.Role == model.RoleSecretariat {
		rep.Member = ""
	}
	if rep.Author == "" {
		rep.Author = u.Username
	}
	var err error
	if rep.Comment, err = model.ConfidentialMarks(r.PostFormValue("kommentar")); err != nil {
		s.failKeeping(w, r, err, "", r.PostFormValue("kommentar"))
		return
	}
	if rep.Status == model.FollowUpDone {
		if rep.DoneOn, err = model.ParseDate(r.PostFormValue("erledigt_am")); err != nil {
			s.badRequest(w, r, "Das Datum der Erledigung ist kein gültiges Datum (TT.MM.JJJJ).")
			return
		}
		if rep.EvidenceText, err = model.ConfidentialMarks(r.PostFormValue("nachweis")); err != nil {
			s.failKeeping(w, r, err, "", r.PostFormValue("nachweis"))
			return
		}
		if doc := r.PostFormValue("nachweis_dokument"); doc != "" && doc != "0" {
			if rep.EvidenceDocumentID, err = strconv.ParseInt(doc, 10, 64); err != nil {
				s.badRequest(w, r, "Das Dokument des Nachweises ist unbekannt.")
				return
			}
		}
		if ref := strings.TrimSpace(r.PostFormValue("nachweis_beschluss")); ref != "" {
			n, ok := model.ParseDecisionRef(ref)
			if !ok {
				s.badRequest(w, r, "Der Beschluss des Nachweises wird mit seiner Nummer angegeben, zum Beispiel B-2025/30-IT.")
				return
			}
			council, err := s.councilBody(ctx)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			dec, err := s.st.DecisionByNumber(ctx, council.ID, n)
			if err != nil {
				s.fail(w, r, err, "Der Beschluss "+ref+" ist nicht erfasst.")
				return
			}
			rep.EvidenceDecisionID = dec.ID
		}
	}
	if rep.Status == model.FollowUpDone {
		if n := strings.TrimSpace(r.PostFormValue("nachweis_sitzung")); n != "" {
			id, err := s.evidenceItem(ctx, n, strings.TrimSpace(r.PostFormValue("nachweis_top")))
			if err != nil {
				s.fail(w, r, err, "")
				return
			}
			rep.EvidenceItemID = id
		}
	}
	if err := s.st.ReportFollowUp(ctx, rep); err != nil {
		s.fail(w, r, err, "Diesen Auftrag gibt es nicht.")
		return
	}
	back(w, r, fmt.Sprintf("/auftraege/%d", v.ID), "Stand des Auftrags gespeichert: "+rep.Status.Label()+".")
}

// editFollowUp lets the secretariat correct a follow-up's text,
// responsible ones and deadline (its state is reported, see
// reportFollowUp).
func (s *Server) editFollowUp(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.RecordMinutes, ""); !ok || !s.parseForm(w, r) {
		return
	}
	v, ok := s.followUpFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	f, err := s.st.FollowUp(ctx, v.ID)
	if err != nil {
		s.fail(w, r, err, "Diesen Auftrag gibt es nicht.")
		return
	}
	f.Version = formVersion(r)
	if !s.readFollowUpForm(w, r, &f) {
		return
	}
	if err := s.st.UpdateFollowUp(ctx, f); err != nil {
		s.fail(w, r, err, "Diesen Auftrag gibt es nicht.")
		return
	}
	back(w, r, fmt.Sprintf("/auftraege/%d", f.ID), "Auftrag gespeichert.")
}

// evidenceItem finds the agenda item that closed a follow-up by the
// session's number and the item's number ("48", "05").
func (s *Server) evidenceItem(ctx context.Context, session, item string) (int64, error) {
	nr, err := strconv.Atoi(session)
	if err != nil || nr <= 0 || item == "" {
		return 0, model.InputError("Der Tagesordnungspunkt des Nachweises wird mit Sitzung und TOP-Nummer angegeben, zum Beispiel 48 und 05.")
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		return 0, err
	}
	se, err := s.st.SessionByNumber(ctx, council.ID, nr)
	if errors.Is(err, store.ErrNotFound) {
		return 0, model.InputError("Die %d. Sitzung ist nicht erfasst.", nr)
	}
	if err != nil {
		return 0, err
	}
	items, err := s.st.Items(ctx, se.ID)
	if err != nil {
		return 0, err
	}
	for _, it := range items {
		if it.Number == item || strings.TrimLeft(it.Number, "0") == strings.TrimLeft(item, "0") && it.Number != "" {
			return it.ID, nil
		}
	}
	return 0, model.InputError("Die %d. Sitzung hat keinen TOP %s.", nr, item)
}

// commentFollowUp adds a comment (internal) to a follow-up.
func (s *Server) commentFollowUp(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	v, ok := s.followUpFromPath(w, r)
	if !ok {
		return
	}
	text, err := model.ConfidentialMarks(r.PostFormValue("kommentar"))
	if err != nil {
		s.failKeeping(w, r, err, "", r.PostFormValue("kommentar"))
		return
	}
	c := model.FollowUpComment{FollowUpID: v.ID, Author: u.Name, Member: u.MemberAbbrev, Text: text}
	if c.Author == "" {
		c.Author = u.Username
	}
	if u.Role == model.RoleSecretariat {
		c.Member = ""
	}
	if err := s.st.AddFollowUpComment(r.Context(), c); err != nil {
		s.fail(w, r, err, "Diesen Auftrag gibt es nicht.")
		return
	}
	back(w, r, fmt.Sprintf("/auftraege/%d#kommentare", v.ID), "Kommentar gespeichert.")
}

// followUpDeadlines gives the deadline of each follow-up of a minutes
// document with its due session's date once planned ("49. Sitzung
// (19.03.2026)").
func (s *Server) followUpDeadlines(ctx context.Context, bodyID int64, doc minutes.Document) (map[int64]string, error) {
	out := map[int64]string{}
	var numbers []int
	for _, it := range doc.Items() {
		for _, f := range it.FollowUps {
			if f.DueSession > 0 {
				numbers = append(numbers, f.DueSession)
			}
		}
	}
	sessions, err := s.st.SessionsByNumber(ctx, bodyID, numbers)
	if err != nil {
		return nil, err
	}
	for _, it := range doc.Items() {
		for _, f := range it.FollowUps {
			var due *model.Session
			if se, ok := sessions[f.DueSession]; ok {
				due = &se
			}
			out[f.ID] = f.DeadlineAt(due)
		}
	}
	return out, nil
}

// followUpSessions gives the council's sessions the follow-ups were given
// in, by id, and those they are due to, by number: the sessions of the
// listed follow-ups, not all sessions.
func (s *Server) followUpSessions(ctx context.Context, councilID int64, entries []store.FollowUpEntry) (map[int64]*model.Session, map[int]*model.Session, error) {
	ids, numbers := make([]int64, 0, len(entries)), make([]int, 0, len(entries))
	for _, e := range entries {
		if e.SessionID != 0 {
			ids = append(ids, e.SessionID)
		}
		if e.DueSession > 0 {
			numbers = append(numbers, e.DueSession)
		}
	}
	given, err := s.st.SessionsOfBody(ctx, councilID, ids)
	if err != nil {
		return nil, nil, err
	}
	due, err := s.st.SessionsByNumber(ctx, councilID, numbers)
	if err != nil {
		return nil, nil, err
	}
	byID, byNumber := make(map[int64]*model.Session, len(given)), make(map[int]*model.Session, len(due))
	for id, se := range given {
		byID[id] = &se
	}
	for n, se := range due {
		byNumber[n] = &se
	}
	return byID, byNumber, nil
}

// openFollowUps counts the pending follow-ups the request's audience may
// see (the home page's "Offene Aufträge"). Both counts are kept until the
// data changes: whether a follow-up is pending or public does not depend
// on the clock.
func (s *Server) openFollowUps(r *http.Request) (int, error) {
	ctx := r.Context()
	counts, err := s.openFollowUpCounts.get(s.st.Version(), func() ([2]int, error) {
		entries, err := s.st.FollowUpEntries(ctx, store.FollowUpFilter{Pending: true})
		if err != nil {
			return [2]int{}, err
		}
		council, err := s.councilBody(ctx)
		if err != nil {
			return [2]int{}, err
		}
		byID, _, err := s.followUpSessions(ctx, council.ID, entries)
		if err != nil {
			return [2]int{}, err
		}
		var ids []int64
		for _, e := range entries {
			if e.DecisionID != 0 {
				ids = append(ids, e.DecisionID)
			}
		}
		decisions, err := s.st.FollowUpDecisions(ctx, ids)
		if err != nil {
			return [2]int{}, err
		}
		public := 0
		for _, e := range entries {
			var dec *model.Decision
			if d, ok := decisions[e.DecisionID]; ok {
				dec = &d
			}
			if model.Public.SeesFollowUp(e.FollowUp, dec, byID[e.SessionID]) {
				public++
			}
		}
		return [2]int{public, len(entries)}, nil
	})
	if err != nil {
		return 0, err
	}
	if s.audienceOf(r) != model.Internal {
		return counts[0], nil
	}
	if u := s.user(r); u != nil && u.Role == model.RoleSecretariat {
		return counts[1], nil
	}
	// Other internal users do not see the follow-ups of registrations
	// they did not make: counted per request, as the list shows them.
	list, err := s.visibleFollowUps(r, store.FollowUpFilter{Pending: true})
	return len(list), err
}

// readFollowUpForm reads the editable fields of a follow-up — text (with
// confidential marks), responsible, deadline as a date or "zur N.
// Sitzung" — into f; on bad input it answers with a German message and
// gives false.
func (s *Server) readFollowUpForm(w http.ResponseWriter, r *http.Request, f *model.FollowUp) bool {
	var err error
	if f.Text, err = model.ConfidentialMarks(strings.TrimSpace(r.PostFormValue("text"))); err != nil {
		s.failKeeping(w, r, err, "", r.PostFormValue("text"))
		return false
	}
	f.Responsible = strings.TrimSpace(r.PostFormValue("verantwortlich"))
	if f.DueDate, err = model.ParseDate(r.PostFormValue("frist")); err != nil {
		s.badRequest(w, r, "Die Frist ist kein gültiges Datum (TT.MM.JJJJ).")
		return false
	}
	f.DueSession = 0
	if n := strings.TrimSpace(r.PostFormValue("frist_sitzung")); n != "" {
		if f.DueSession, err = strconv.Atoi(n); err != nil || f.DueSession <= 0 {
			s.badRequest(w, r, "Die Frist „zur N. Sitzung“ braucht eine Sitzungsnummer.")
			return false
		}
	}
	return true
}
