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
	"time"

	"gremium/internal/auth"
	"gremium/internal/input"
	"gremium/internal/minutes"
	"gremium/internal/model"
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
	// Planned is the session the follow-up is due to (DueSession), if
	// planned. (Named DueSession, it hid the number: the edit form showed
	// the session as a Go struct.)
	Planned *model.Session
	// NewDeadline: the session the follow-up is due to was cancelled; the
	// secretariat sets a new deadline.
	NewDeadline bool
	// SeesSession: the audience may read the page of the session the
	// follow-up was given in (the AL-Runde's are internal).
	SeesSession bool
	// ItemAnchor is the anchor of the follow-up's item on that page
	// (model.ItemAnchors; "" where not looked up: the link then leads
	// to the page).
	ItemAnchor string
}

// itemPath gives the page of the follow-up's session with its item's
// anchor, where known.
func (v followUpView) itemPath() string {
	if v.ItemAnchor == "" {
		return v.Session().Path()
	}
	return v.Session().Path() + "#" + v.ItemAnchor
}

// StateLabel gives the status with "überfällig" where it applies.
func (v followUpView) StateLabel() string {
	if v.Overdue {
		return v.Status.Label() + ", überfällig"
	}
	return v.Status.Label()
}

// SourceURL gives the address of the row or item the follow-up was given
// in ("" if none is known, or the reader may not read the session: the
// AL-Runde's pages are internal). An AL-Runde's follow-up links to the
// AL-Runde's session page, never to the council's session of that number.
func (v followUpView) SourceURL() string {
	if v.Source == model.SourceDecision && v.DecisionLabel != "" && v.SessionSlug == "" {
		return decisionURL(v.DecisionLabel)
	}
	if v.SessionNumber == 0 || !v.SeesSession {
		return ""
	}
	return v.itemPath()
}

// DecisionURL gives the address the follow-up's decision is read at: the
// register's page of a council decision; for a recommendation of the
// AL-Runde (no register page) its item on the AL-Runde's session page,
// "" (plain text) for a reader who may not read that page.
func (v followUpView) DecisionURL() string {
	if v.DecisionLabel == "" {
		return ""
	}
	if v.SessionSlug == "" {
		return decisionURL(v.DecisionLabel)
	}
	if !v.SeesSession || v.SessionNumber == 0 {
		return ""
	}
	return v.itemPath()
}

// ItemLabel names the agenda item the follow-up was given in
// (model.FollowUpItem): "47. Sitzung, TOP 05 …", "40. AL-Runde, TOP 01
// …", "47. Sitzung, Grüne Liste (TOP ohne Nummer)"; "" if none.
func (v followUpView) ItemLabel() string {
	if v.SessionNumber == 0 {
		return ""
	}
	return model.FollowUpItem(v.Session().Title(), v.ItemNumber, v.ItemTitle)
}

// SourceLine says where the follow-up was given, as the export's column
// "Quelle" reads it (model.FollowUpSourceLine): "Beschluss in 47.
// Sitzung, TOP 05 …", or the item alone; "" if none.
func (v followUpView) SourceLine() string {
	if v.SessionNumber == 0 {
		return ""
	}
	return model.FollowUpSourceLine(v.Session().Title(), v.ItemNumber, v.ItemTitle, v.Source)
}

// followUpQuery is the filter of the follow-up list, read from the address.
type followUpQuery struct {
	Member  string
	Session int
	// Body is the address part of the session's body ("al-runde": the
	// filter "40. AL-Runde", sitzung=al-runde/40); "" for the council.
	Body   string
	Status string // a model.FollowUpStatus, "ausstehend" (offen or in Arbeit) or "ueberfaellig"
	// Decision is the number of the decision whose follow-ups are
	// listed ("B-2025/26-IT", "BE-2026/01-AL"): Public ids last, the
	// address never names its row id.
	Decision string
	// decisionID is the row of Decision, found by decisionFilter;
	// decisionRow the row id an address from before the numbers gave
	// (?beschluss=17), which decisionFilter leads on to the number.
	decisionID, decisionRow int64
	// decisionName and decisionLink are what Decision is and where it is
	// read, found by decisionFilter (DecisionWords, DecisionLink).
	decisionName, decisionLink string
}

// DecisionWords names the decision the list is filtered by as the filter
// line says it, by what it is (model.Decision.Name): "zum Beschluss",
// "zur Empfehlung", "zur Beschlussempfehlung" (an AL-Runde's BE-…).
// Before, every one was "zum Beschluss".
func (q followUpQuery) DecisionWords() string {
	switch q.decisionName {
	case "", model.KindDecision.Label():
		return "zum Beschluss"
	}
	return "zur " + q.decisionName
}

// DecisionLink gives the address the filter's decision is read at: the
// register's page of a council decision, the item on the AL-Runde's
// session page for its recommendation (which has no register page).
func (q followUpQuery) DecisionLink() string { return q.decisionLink }

// Active reports whether any filter is set.
func (q followUpQuery) Active() bool { return q != followUpQuery{} }

// values gives the query as URL parameters.
func (q followUpQuery) values() url.Values {
	v := url.Values{}
	if q.Member != "" {
		v.Set("mitglied", q.Member)
	}
	if q.Session != 0 {
		v.Set("sitzung", q.SessionValue())
	}
	if q.Status != "" {
		v.Set("status", q.Status)
	}
	if q.Decision != "" {
		v.Set("beschluss", q.Decision)
	}
	return v
}

// SessionValue gives the session filter's value: "47" for the council's
// session, "al-runde/40" for one of the AL-Runde.
func (q followUpQuery) SessionValue() string {
	return sessionFilterValue(model.Session{Number: q.Session, BodySlug: q.Body})
}

// sessionFilterValue gives the value of a session in the follow-up list's
// filter "Aus der Sitzung" ("" for none).
func sessionFilterValue(se model.Session) string {
	switch {
	case se.Number == 0:
		return ""
	case se.BodySlug == "":
		return strconv.Itoa(se.Number)
	}
	return se.BodySlug + "/" + strconv.Itoa(se.Number)
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
	if err := responsibleTooLong(q.Member); err != nil {
		return followUpQuery{}, err
	}
	if s := v.Get("sitzung"); s != "" {
		if slug, nr, ok := strings.Cut(s, "/"); ok {
			q.Body, s = slug, nr
		}
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return q, model.InputError("Die Sitzung wird mit ihrer Nummer angegeben, zum Beispiel 47.")
		}
		q.Session = n
	}
	if s := strings.TrimSpace(v.Get("beschluss")); s != "" {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			q.decisionRow = id
		} else if _, ok := model.ParseDecisionRef(s); ok {
			q.Decision = s
		} else {
			return q, model.InputError("Der Beschluss wird mit seiner Nummer angegeben, zum Beispiel B-2025/26-IT.")
		}
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

func (s *Server) followUpList(w http.ResponseWriter, r *http.Request) {
	q, refused, ok := s.followUpFilterOf(w, r)
	if !ok {
		return
	}
	s.renderFollowUps(w, r, q, followUpsData{Heading: "Aufträge", Action: "/auftraege", Refused: refused,
		Intro: "Die Aufträge aus den Sitzungen des IT-Planungsrats: wer was bis wann zu tun hat. Überfällige Aufträge stehen oben."})
}

// followUpFilterOf reads the list's filter from the address. A filter
// that cannot be applied (an unknown status) gives the whole list and the
// reason, for the page to show with its filter form; other errors are
// answered (ok false).
func (s *Server) followUpFilterOf(w http.ResponseWriter, r *http.Request) (q followUpQuery, refused string, ok bool) {
	q, err := parseFollowUpQuery(r)
	if err == nil {
		return q, "", s.decisionFilter(w, r, &q)
	}
	if model.ClassOf(err) != model.ErrInput {
		s.fail(w, r, err, "")
		return q, "", false
	}
	return followUpQuery{}, model.ReasonOf(err), true
}

// errDecisionUnknown answers a follow-up list filtered by a decision
// that is not recorded or not shown to the reader, by its number or by a
// row id alike: the answer tells the public nothing of the decisions it
// does not see.
var errDecisionUnknown = model.AtField("beschluss", model.NotFoundError("Dieser Beschluss ist nicht erfasst."))

// decisionFilter finds the decision the list is filtered by (fq.Decision)
// as the reader sees it and keeps its row in fq. An address by the
// decision's row id (published before the numbers, ?beschluss=17) or by
// its number written otherwise (B-2025/3-IT) is led on (301) to the same
// address by its number, where the reader sees the decision; any other
// is not found. It answers and gives false when it does not go on.
func (s *Server) decisionFilter(w http.ResponseWriter, r *http.Request, fq *followUpQuery) bool {
	if fq.Decision == "" && fq.decisionRow == 0 {
		return true
	}
	d, err := s.filterDecision(r, *fq)
	if err != nil {
		s.fail(w, r, err, "")
		return false
	}
	if d.Label != fq.Decision {
		u := *r.URL
		v := u.Query()
		v.Set("beschluss", d.Label)
		u.RawQuery = v.Encode()
		http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
		return false
	}
	fq.decisionID, fq.decisionName, fq.decisionLink = d.ID, d.Name(), decisionURL(d.Label)
	if d.Recommends && d.SessionID != 0 {
		// The reader sees the recommendation, and so its session.
		link, err := s.recommendationURL(r.Context(), d)
		if err != nil {
			s.serverError(w, r, err)
			return false
		}
		fq.decisionLink = link
	}
	return true
}

// filterDecision gives the decision fq names, by row id or by number (of
// the council, or of its preparatory body: an AL-Runde's recommendation
// BE-2026/01-AL has follow-ups too), if the reader sees it and it has a
// number; errDecisionUnknown otherwise.
func (s *Server) filterDecision(r *http.Request, fq followUpQuery) (model.Decision, error) {
	ctx := r.Context()
	a := s.audienceOf(r)
	if fq.decisionRow != 0 {
		d, err := s.st.Decision(ctx, fq.decisionRow)
		switch {
		case errors.Is(err, store.ErrNotFound) || err == nil && (d.Label == "" || !a.SeesDecision(d)):
			return model.Decision{}, errDecisionUnknown
		case err != nil:
			return model.Decision{}, err
		}
		return d, nil
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		return model.Decision{}, err
	}
	d, _, err := s.decisionByRef(ctx, council, fq.Decision)
	switch {
	case errors.Is(err, store.ErrNotFound) || err == nil && (d.Label == "" || !a.SeesDecision(d)):
		return model.Decision{}, errDecisionUnknown
	case err != nil:
		return model.Decision{}, err
	}
	return d, nil
}

// memberFollowUps is the page "Aufträge: Hessen": the follow-ups a member
// (or body) is responsible for.
func (s *Server) memberFollowUps(w http.ResponseWriter, r *http.Request) {
	q, refused, ok := s.followUpFilterOf(w, r)
	if !ok {
		return
	}
	who := r.PathValue("mitglied")
	if _, err := s.responsibleFilter(r, who); err != nil {
		// Before the heading names who: an unknown name is not shown.
		s.fail(w, r, err, "")
		return
	}
	name := s.memberName(r.Context(), who)
	q.Member = who
	// The name stands alone, never in a sentence that needs its article
	// ("der Bund", "Hessen").
	s.renderFollowUps(w, r, q, followUpsData{Heading: "Aufträge: " + name, Action: "/mitglieder/" + url.PathEscape(who) + "/auftraege", FixedFor: who, Refused: refused,
		Intro: "Die Aufträge, bei denen als verantwortlich eingetragen ist: " + name + " (allein oder mit anderen). Überfällige Aufträge stehen oben."})
}

// FilterSessions is how many of the newest sessions the follow-up list's
// filter offers (and the one chosen, if older).
const FilterSessions = 30

// sessionOption is a session the follow-up list's filter offers: its
// value (sessionFilterValue) and title ("47. Sitzung", "40. AL-Runde").
type sessionOption struct{ Value, Title string }

// filterSessions gives the sessions the follow-up filter offers: the
// FilterSessions newest of the council, those of its preparatory body (the
// AL-Runde) if the audience may see them, and the chosen one, newest
// first per body.
func (s *Server) filterSessions(r *http.Request, councilID int64, fq followUpQuery) ([]sessionOption, error) {
	ctx := r.Context()
	list, err := s.st.SessionsBefore(ctx, councilID, 0, FilterSessions)
	if err != nil {
		return nil, err
	}
	if prep, err := s.st.PreparatoryBody(ctx, councilID); err == nil {
		more, err := s.st.SessionsBefore(ctx, prep.ID, 0, FilterSessions)
		if err != nil {
			return nil, err
		}
		list = append(list, more...)
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	a := s.audienceOf(r)
	var out []sessionOption
	for _, se := range list {
		if a.SeesSession(se) {
			out = append(out, sessionOption{Value: sessionFilterValue(se), Title: se.Title()})
		}
	}
	chosen := fq.SessionValue()
	if chosen == "" || slices.ContainsFunc(out, func(o sessionOption) bool { return o.Value == chosen }) {
		return out, nil
	}
	body, err := s.councilBody(ctx)
	if fq.Body != "" {
		body, err = s.st.BodyBySlug(ctx, fq.Body)
	}
	if err != nil {
		return nil, err
	}
	se, err := s.st.SessionByNumber(ctx, body.ID, fq.Session)
	if err != nil {
		return nil, err
	}
	if !a.SeesSession(se) {
		return out, nil
	}
	return append(out, sessionOption{Value: sessionFilterValue(se), Title: se.Title()}), nil
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
	// Public: the public reads the follow-up too, with its date, evidence
	// or reason — the report form says so before the office writes.
	Public bool
	// MayRemind: the secretariat may send a reminder of the open
	// follow-up by hand; Reminders is how many it sent so far, posted
	// back so that a form sent twice reminds once.
	MayRemind bool
	Reminders int
	// Refused is a refused report (the form "melden") or correction of
	// the follow-up (the form "bearbeiten"), shown again as typed with
	// every reason at its field, so that nothing typed is lost.
	Refused refusedForm
}

// ReminderSummary gives the box of a refused reminder: the reasons, each
// linked to the button's form; the form has no input to keep, so it does
// not say it shows any.
func (d followUpData) ReminderSummary() errorSummary {
	return unlinkedSummary("erinnern-fehler", d.Refused.What, d.Refused.Problems).Within("erinnern")
}

// mayReport reports whether the user may report on the follow-up: the
// secretariat, and the office of a member responsible for it (by its
// abbreviation or name).
func (s *Server) mayReport(ctx context.Context, u *model.User, f model.FollowUp) bool {
	name := ""
	if ms, err := s.memberMap(ctx); err == nil && u != nil {
		name = ms[u.MemberAbbrev].Name
	}
	return auth.MayReportFollowUp(u, f, name)
}

// followUpPage answers the address of a follow-up by its internal id
// (/auftraege/17). An internal reader reads a follow-up without public
// number here, and is led on (301) to the numbered address of one that
// has one (model.FollowUp.Path: one address per public follow-up). The
// public is led on only from an address published before the numbers
// came (store.FollowUpNumbering.RowLink, migration 01030); every other id
// is not found for it, whether or not a follow-up has it, so that the ids
// tell it nothing of the follow-ups it does not see.
func (s *Server) followUpPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r, "Diesen Auftrag gibt es nicht.")
		return
	}
	n, err := s.st.FollowUpNumberOf(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	internal := s.audienceOf(r) == model.Internal
	switch {
	case n.Number != 0 && (internal || n.RowLink):
		http.Redirect(w, r, model.FollowUpNumberPath(n.Number), http.StatusMovedPermanently)
		return
	case !internal:
		s.notFound(w, r, "Diesen Auftrag gibt es nicht.")
		return
	}
	v, ok := s.followUpFromPath(w, r)
	if !ok {
		return
	}
	s.renderFollowUp(w, r, http.StatusOK, v, refusedForm{})
}

// followUpByNumber answers the public address of a follow-up, by its
// public number (/auftraege/nr/12), for every reader. A number never
// given is not found; the number of a follow-up the reader may no longer
// see (no longer public) answers 410 Gone: its tombstone, the number is
// never given again.
func (s *Server) followUpByNumber(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.ParseInt(r.PathValue("nr"), 10, 64)
	if err != nil || n <= 0 {
		s.notFound(w, r, "Aufträge werden mit ihrer Nummer aufgerufen, zum Beispiel /auftraege/nr/12.")
		return
	}
	id, err := s.st.FollowUpByNumber(r.Context(), n)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r, fmt.Sprintf("Einen Auftrag Nr. %d gibt es nicht.", n))
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v, seen, err := s.followUpSeen(r, id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !seen {
		s.render(w, r, http.StatusGone, "error.html", view{Title: "Nicht mehr öffentlich", Active: "auftraege",
			Data: errorPage{Reason: fmt.Sprintf("Der Auftrag Nr. %d ist nicht mehr öffentlich. Die Nummer bleibt ihm; kein anderer Auftrag erhält sie.", n)}})
		return
	}
	s.renderFollowUp(w, r, http.StatusOK, v, refusedForm{})
}

// followUpTitle gives the title of a follow-up's page: "Auftrag Nr. 12",
// for one that never was public (only internal readers see it) "Auftrag
// (nicht öffentlich)".
func followUpTitle(f model.FollowUp) string {
	if f.Number == 0 {
		return "Auftrag (nicht öffentlich)"
	}
	return fmt.Sprintf("Auftrag Nr. %d", f.Number)
}

// renderFollowUp shows a follow-up; refused, when given, is its refused
// report or correction, shown in its form as typed.
func (s *Server) renderFollowUp(w http.ResponseWriter, r *http.Request, status int, v followUpView, refused refusedForm) {
	ctx := r.Context()
	u := s.user(r)
	d := followUpData{F: v, Statuses: model.FollowUpStatuses, Today: model.BerlinDate(s.clock()).String(), Refused: refused}
	internal := s.audienceOf(r) == model.Internal
	d.MayReport = s.mayReport(ctx, u, v.FollowUp)
	d.MayEdit = auth.Can(u, auth.RecordMinutes, "")
	d.MayNote = internal
	d.MayRemind = d.MayEdit && v.Status.Pending()
	var err error
	if v.ItemID != 0 && v.SeesSession {
		if d.F.ItemAnchor, err = s.st.ItemAnchor(ctx, v.ItemID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if d.MayReport {
		q, err := s.followUpListQuery(r, store.FollowUpFilter{})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		q.ID, q.Audience, q.User = v.ID, model.Public, nil
		seen, err := s.st.FollowUpPage(ctx, q, nil, false, 1)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Public = len(seen) == 1
	}
	if d.MayEdit {
		if d.Reminders, err = s.st.FollowUpReminders(ctx, v.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if internal {
		if d.Comments, err = s.st.FollowUpComments(ctx, v.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		// The session's documents the reader may see (not the uploads of
		// another member's registration that is not on the agenda).
		if d.Documents, err = auth.VisibleDocuments(ctx, s.st, u, v.SessionID); err != nil {
			s.serverError(w, r, err)
			return
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
				if d.Evidence.ItemURL, err = s.itemURL(ctx, se, it.ID); err != nil {
					s.serverError(w, r, err)
					return
				}
			}
		}
	}
	s.render(w, r, status, "followup.html", view{Title: followUpTitle(v.FollowUp), Active: "auftraege", Data: d})
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
	rep, err := s.readFollowUpReport(r, u, v)
	if err == nil {
		err = s.st.ReportFollowUp(ctx, rep)
	}
	if err != nil {
		// A report that cannot be saved as typed: the page again with
		// every reason at its field and above the form, the input kept
		// in it — also after someone else reported meanwhile (409: the
		// page shows the new state, the form what was typed, with the
		// new version).
		report, status, ok := refusedFormOf(r, "melden", "Der Stand wurde nicht gespeichert", err)
		if !ok {
			s.fail(w, r, err, "Diesen Auftrag gibt es nicht.")
			return
		}
		s.renderFollowUp(w, r, status, v, report)
		return
	}
	back(w, r, v.Path(), "Stand des Auftrags gespeichert: "+rep.Status.Label()+".")
}

// readFollowUpReport reads the report form of follow-up v by the one
// reader of the form and the JSON API (input.FollowUpReport): every
// reason of bad input at its field (before: the first only, above the
// form); an error that is no refusal ends it.
func (s *Server) readFollowUpReport(r *http.Request, u *model.User, v followUpView) (store.FollowUpReport, error) {
	council, err := s.councilBody(r.Context())
	if err != nil {
		return store.FollowUpReport{}, err
	}
	return input.FollowUpReport(r.Context(), s.st, u, v.ID, v.SessionID, council.ID, formVersion(r), r.PostFormValue)
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
	err = readFollowUpForm(r, &f)
	if err == nil {
		err = s.st.UpdateFollowUp(ctx, f)
	}
	if err != nil {
		// A refused correction shows the page again with the form as
		// typed and the reason; nothing typed is lost.
		edit, status, ok := refusedFormOf(r, "bearbeiten", "Der Auftrag ist nicht gespeichert", err)
		if !ok {
			s.fail(w, r, err, "Diesen Auftrag gibt es nicht.")
			return
		}
		s.renderFollowUp(w, r, status, v, edit)
		return
	}
	back(w, r, f.Path(), "Auftrag gespeichert.")
}

// commentFollowUp adds a comment (internal) to a follow-up. A refused
// comment (empty, a confidential mark left open) shows the follow-up's
// page again with the reason above the form and at the field and the
// comment as typed in it (before: an error page, and the text was gone).
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
	// Sent again (the back button, a double click), the form stores no
	// second comment.
	var again bool
	if err == nil {
		c := model.FollowUpComment{FollowUpID: v.ID, Author: u.Name, Member: u.MemberAbbrev, Text: text}
		if c.Author == "" {
			c.Author = u.Username
		}
		if u.Role == model.RoleSecretariat {
			c.Member = ""
		}
		err = s.st.AddFollowUpComment(r.Context(), c, sentOnce(r, u, &again))
	}
	if err != nil {
		if model.FieldOf(err) == "" && model.ClassOf(err) == model.ErrInput {
			err = model.AtField("kommentar", err)
		}
		form, status, ok := refusedFormOf(r, "kommentieren", "Ihr Kommentar ist nicht gespeichert", err)
		if !ok {
			s.failKeeping(w, r, err, "Diesen Auftrag gibt es nicht.", r.PostFormValue("kommentar"))
			return
		}
		s.renderFollowUp(w, r, status, v, form)
		return
	}
	if again {
		back(w, r, v.Path()+"#kommentare", sentAgain("der Kommentar ist gespeichert."))
		return
	}
	back(w, r, v.Path()+"#kommentare", "Kommentar gespeichert.")
}

// remindFollowUp sends the secretariat's reminder of an open follow-up to
// the offices of the responsible members ("Erinnerung senden"): the page
// then confirms whom it reached and the follow-up's comments record it. A
// finished follow-up, one that names no member or whose offices receive
// no reminders, and a form sent again after a reminder (the count it
// showed is stale) come back on the page with the reason.
func (s *Server) remindFollowUp(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.RecordMinutes, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	v, ok := s.followUpFromPath(w, r)
	if !ok {
		return
	}
	seen, err := strconv.Atoi(r.PostFormValue("erinnerungen"))
	if err != nil || seen < 0 {
		s.fail(w, r, model.InputError("Das Formular der Erinnerung ist unvollständig; bitte die Seite neu laden."), "")
		return
	}
	by := u.Name
	if by == "" {
		by = u.Username
	}
	rem, err := s.st.RemindFollowUp(r.Context(), v.ID, seen, by)
	if err != nil {
		refused, status, ok := refusedFormOf(r, "erinnern", "Die Erinnerung ist nicht gesendet", err)
		if !ok {
			s.fail(w, r, err, "Diesen Auftrag gibt es nicht.")
			return
		}
		if model.ClassOf(err) == model.ErrConflict {
			// Not an edit of someone else: another reminder went out
			// since the page was read, which the store's reason says.
			refused.Problems = problems{err}
		}
		s.renderFollowUp(w, r, status, v, refused)
		return
	}
	s.wakeOutbox()
	back(w, r, v.Path(), fmt.Sprintf("Erinnerung gesendet an %s: %d Nachrichten liegen im Postausgang. Sie steht unter den Kommentaren.",
		strings.Join(rem.Members, ", "), rem.Messages))
}

// followUpDue is a follow-up's deadline as a page beside its session or
// decision names it, with its due session's date once planned ("49.
// Sitzung (19.03.2026)"), and whether it has passed, as the follow-up
// list says ("offen, überfällig").
type followUpDue struct {
	Deadline string
	Overdue  bool
}

// dueOf gives f's deadline and whether it is overdue at now; due is the
// session it is due to (nil if none or not planned).
func dueOf(f model.FollowUp, due *model.Session, now time.Time) followUpDue {
	return followUpDue{Deadline: f.DeadlineAt(due), Overdue: f.OverdueAt(now, due)}
}

// followUpDeadlines gives the deadline of each follow-up of a minutes
// document and whether it is overdue.
func (s *Server) followUpDeadlines(ctx context.Context, bodyID int64, doc minutes.Document) (map[int64]followUpDue, error) {
	out := map[int64]followUpDue{}
	now := s.clock()
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
			out[f.ID] = dueOf(f, due, now)
		}
	}
	return out, nil
}

// readFollowUpForm reads the editable fields of a follow-up — text and
// responsible (with confidential marks), deadline as a date or "zur N.
// Sitzung" — into f; bad input gives input errors with the German
// reasons, each at its field and all of them (errors.Join), and the caller
// shows its form again as typed.
func readFollowUpForm(r *http.Request, f *model.FollowUp) error {
	var refused problems
	var err error
	if f.Text, err = model.ConfidentialMarks(strings.TrimSpace(r.PostFormValue("text"))); err != nil {
		refused.add(model.AtField("text", err))
	}
	// The responsible ones are published with the follow-up (redacted by
	// model.Audience.FollowUp): their [[…]] mark passages as the text's.
	f.Responsible = r.PostFormValue("verantwortlich")
	if err = model.MarkFields(model.MarkedField{Field: "verantwortlich", Text: &f.Responsible}); err != nil {
		refused.add(err)
	}
	if f.DueDate, err = model.ParseDate(r.PostFormValue("frist")); err != nil {
		refused.add(model.AtField("frist", model.InputError("Die Frist ist kein gültiges Datum (TT.MM.JJJJ).")))
	}
	f.DueSession = 0
	if n := strings.TrimSpace(r.PostFormValue("frist_sitzung")); n != "" {
		if f.DueSession, err = strconv.Atoi(n); err != nil || f.DueSession <= 0 {
			refused.add(model.AtField("frist_sitzung", model.InputError("Die Frist „zur N. Sitzung“ braucht eine Sitzungsnummer.")))
		}
	}
	return refused.err()
}
