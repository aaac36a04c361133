package api

// /api/v1/auftraege reads a page at a time, in SQL, as the follow-up list
// of the site does (store.FollowUpPage; issue 18): the public's rule is
// model.Audience.FollowUpSQL, the order the list's (overdue first).

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
	"gremium/internal/model"
	"gremium/internal/store"
)

// FollowUpsPerPage is the page size of /api/v1/auftraege: the next page
// (Link rel="next") holds the follow-ups after the last one in the list's
// order (?nach=its place, an opaque parameter), the previous page
// (rel="prev") those before the first one (?vor=its place).
const FollowUpsPerPage = 100

// FollowUp is a follow-up (Auftrag) in the JSON API.
type FollowUp struct {
	// Number is the follow-up's public number (model.FollowUp.Number: the
	// number of its public page, URL, and of /api/v1/auftraege/nr/{nummer});
	// a follow-up that never was public has none (only internal readers
	// see one). ID is its internal id, for readers of the internal
	// version only (/api/v1/auftraege/{id}, …/stand): the public gets no
	// row id, whose gaps would count the follow-ups it does not see.
	Number      int64  `json:"nummer,omitempty"`
	ID          int64  `json:"id,omitempty"`
	Text        string `json:"auftrag"`
	Responsible string `json:"verantwortlich"`
	DueDate     string `json:"frist,omitempty"`
	DueSession  int    `json:"fristSitzung,omitempty"`
	Status      string `json:"status"`
	// Overdue: pending and past its date or its session's start
	// (model.FollowUp.OverdueAt), as the pages say "offen, überfällig".
	Overdue bool `json:"ueberfaellig,omitempty"`
	// DueSessionCancelled: the session the deadline names (DueSession)
	// was cancelled, as the pages say "49. Sitzung – abgesagt"
	// (model.FollowUp.DeadlineAt); NewDeadline: the follow-up is pending
	// all the same and needs a new deadline, which the secretariat sets
	// (model.FollowUp.NeedsNewDeadline) — only for a reader who sets
	// deadlines, as the pages show "neue Frist nötig" (seesNewDeadline).
	DueSessionCancelled bool   `json:"fristSitzungAbgesagt,omitempty"`
	NewDeadline         bool   `json:"neueFristNoetig,omitempty"`
	Decision            string `json:"beschluss,omitempty"`
	// Version is the version a report of its state names
	// (POST …/stand); only for a reader of the internal version (a token
	// of a member office or the secretariat): it rises with changes the
	// public cannot see, so the public gets none (model.Audience.FollowUp).
	Version int    `json:"version,omitempty"`
	URL     string `json:"url"`
}

// FollowUpDetail is one follow-up in the JSON API, as its page shows it to
// the reader (the public, or the token's account): where it was given,
// the evidence of its completion, for internal readers the comments, and
// for an account that may report its state where the report goes.
type FollowUpDetail struct {
	FollowUp
	// Session is the number of the session the follow-up was given in,
	// Item the number of its agenda item (TOP) and ItemTitle its title.
	Session   int    `json:"sitzung,omitempty"`
	Item      string `json:"top,omitempty"`
	ItemTitle string `json:"topTitel,omitempty"`
	// The evidence of an "erledigt" follow-up: the date, a text, a
	// document of the session (internal readers only), the closing
	// decision and the closing agenda item, each as far as the reader
	// may see it.
	DoneOn           string `json:"erledigtAm,omitempty"`
	Evidence         string `json:"nachweis,omitempty"`
	EvidenceDocument int64  `json:"nachweisDokument,omitempty"`
	EvidenceDecision string `json:"nachweisBeschluss,omitempty"`
	EvidenceSession  int    `json:"nachweisSitzung,omitempty"`
	EvidenceItem     string `json:"nachweisTop,omitempty"`
	// Reason is why an "entfallen" follow-up is no longer owed
	// (Begründung), as far as the reader may see it.
	Reason string `json:"begruendung,omitempty"`
	// Comments are the progress comments, for internal readers.
	Comments []FollowUpComment `json:"kommentare,omitempty"`
	// ReportURL is where the token's account reports the state, if it
	// may (POST …/stand).
	ReportURL string `json:"standUrl,omitempty"`
}

// FollowUpComment is a progress comment on a follow-up in the JSON API:
// its author, the member they act for, the time (German time) and the
// text.
type FollowUpComment struct {
	Author string `json:"autor"`
	Member string `json:"mitglied,omitempty"`
	At     string `json:"am"`
	Text   string `json:"text"`
}

// clock gives the current time.
func (a *Server) clock() time.Time {
	if a.Clock != nil {
		return a.Clock()
	}
	return time.Now()
}

// audience gives what the reader of a request sees (model.Audience): the
// public without a token, else what the token's account sees on the site.
func audience(u *model.User) model.Audience {
	if u == nil {
		return model.Public
	}
	return auth.Audience(u)
}

// followUpQuery gives the store's query of the follow-ups the reader u
// (nil: the public) sees, with the status ("" for all) at the clock, and
// how many there are.
func (a *Server) followUpQuery(ctx context.Context, u *model.User, status model.FollowUpStatus) (store.FollowUpListQuery, int, error) {
	council, err := a.st.BodyByAbbrev(ctx, a.council)
	if err != nil {
		return store.FollowUpListQuery{}, 0, err
	}
	q := store.FollowUpListQuery{FollowUpFilter: store.FollowUpFilter{Status: status}, Audience: audience(u), User: u, CouncilID: council.ID}
	// The store keeps both until the data changes.
	due, err := a.st.FollowUpDueSessions(ctx, council.ID)
	if err != nil {
		return q, 0, err
	}
	total, _, err := a.st.FollowUpCounts(ctx, q)
	if err != nil {
		return q, 0, err
	}
	return q.At(a.clock(), due), total, nil
}

func (a *Server) apiFollowUps(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := r.URL.Query()
	status := model.FollowUpStatus(v.Get("status"))
	if status != "" && !status.Valid() {
		queryError(w, "status", "Der Parameter status ist offen, in_arbeit, erledigt oder entfallen, zum Beispiel ?status=offen.")
		return
	}
	// ?nach=…: the page after a place in the list; ?vor=…: the page before
	// it (rel="prev").
	var cursors [2]*store.FollowUpCursor
	for i, name := range []string{"nach", "vor"} {
		if p := v.Get(name); p != "" {
			c, ok := store.ParseFollowUpCursor(p)
			if !ok {
				queryError(w, name, `Die Parameter nach und vor sind eine Stelle in der Liste, wie sie die Links rel="next" und rel="prev" einer Seite nennen; ohne sie beginnt die Liste vorn.`)
				return
			}
			cursors[i] = &c
		}
	}
	after, before := cursors[0], cursors[1]
	if after != nil && before != nil {
		queryError(w, "vor", "Bitte nur einen der Parameter nach und vor angeben.")
		return
	}
	q, total, err := a.followUpQuery(ctx, a.reader(r), status)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// One more than a page tells whether another page follows (or comes
	// before); one more row the other way whether there is one there.
	var page []store.FollowUpListEntry
	hasPrev, hasNext := false, false
	if before != nil {
		if page, err = a.st.FollowUpPage(ctx, q, before, true, FollowUpsPerPage+1); err != nil {
			a.fail(w, r, err)
			return
		}
		if hasPrev = len(page) > FollowUpsPerPage; hasPrev {
			page = page[1:]
		}
		if len(page) < FollowUpsPerPage {
			page = nil // the start of the list: the first page
		} else if hasNext, err = a.followUpsBeyond(ctx, q, page[len(page)-1].Cursor, false); err != nil {
			a.fail(w, r, err)
			return
		}
	}
	if page == nil {
		if before != nil {
			after = nil
		}
		if page, err = a.st.FollowUpPage(ctx, q, after, false, FollowUpsPerPage+1); err != nil {
			a.fail(w, r, err)
			return
		}
		if hasNext = len(page) > FollowUpsPerPage; hasNext {
			page = page[:FollowUpsPerPage]
		}
		if after != nil && len(page) > 0 {
			if hasPrev, err = a.followUpsBeyond(ctx, q, page[0].Cursor, true); err != nil {
				a.fail(w, r, err)
				return
			}
		}
	}
	base := a.Site.Base(r)
	var links []string
	link := func(name string, c store.FollowUpCursor, rel string) {
		u := url.Values{}
		if status != "" {
			u.Set("status", string(status))
		}
		u.Set(name, c.String())
		links = append(links, fmt.Sprintf(`<%s/api/v1/auftraege?%s>; rel="%s"`, base, u.Encode(), rel))
	}
	if hasPrev {
		link("vor", page[0].Cursor, "prev")
	}
	if hasNext {
		link("nach", page[len(page)-1].Cursor, "next")
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
	out := make([]FollowUp, 0, len(page))
	for _, e := range page {
		out = append(out, followUpOf(base, q.Audience, q.User, e))
	}
	writeJSON(w, http.StatusOK, out)
}

// shown gives a text as the API gives it to the audience: the public's
// redacted, an internal reader's with the confidential passages marked
// [[…]], as in the forms.
func shown(a model.Audience, s string) string {
	if a == model.Internal {
		return model.TypedMarks(s)
	}
	return a.Text(s)
}

// followUpOf gives a follow-up of the list as the audience sees it (the
// publication gate, model.Audience.FollowUp), read by u (nil: the public).
func followUpOf(base string, a model.Audience, u *model.User, e store.FollowUpListEntry) FollowUp {
	f := a.FollowUp(e.FollowUp)
	out := FollowUp{Number: f.Number, Text: shown(a, f.Text), Responsible: shown(a, f.Responsible), DueDate: f.DueDate.String(), DueSession: f.DueSession,
		Status: string(f.Status), Overdue: e.Overdue, Decision: e.DecisionLabel, Version: f.Version, URL: base + f.Path(),
		DueSessionCancelled: f.DueSessionCancelled(e.Planned), NewDeadline: seesNewDeadline(u) && f.NeedsNewDeadline(e.Planned)}
	if a == model.Internal {
		out.ID = f.ID
	}
	return out
}

// seesNewDeadline says whether the reader u (nil: the public) is told that
// a follow-up needs a new deadline (neueFristNoetig): a hint to whoever
// sets it, given by the same rule as the follow-up's page and the list
// give "neue Frist nötig" (auth.RecordMinutes, the secretariat). The
// public and the member offices read that the session was cancelled
// (fristSitzungAbgesagt, "48. Sitzung – abgesagt") as the pages show it.
// Before, the anonymous API gave the hint the public page hides.
func seesNewDeadline(u *model.User) bool { return auth.Can(u, auth.RecordMinutes, "") }

// apiFollowUpByNumber gives the follow-up with the public number
// (/api/v1/auftraege/nr/{nummer}), as apiFollowUp does; a number never
// given is not found, the number of a follow-up the reader may no longer
// see answers 410 Gone (its tombstone: the number is never given again).
func (a *Server) apiFollowUpByNumber(w http.ResponseWriter, r *http.Request) {
	n, ok := pathNumber(w, r, "nummer")
	if !ok {
		return
	}
	id, err := a.st.FollowUpByNumber(r.Context(), n)
	if errors.Is(err, store.ErrNotFound) {
		apiError(w, http.StatusNotFound, fmt.Sprintf("Einen Auftrag Nr. %d gibt es nicht.", n))
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !a.apiFollowUp(w, r, id) {
		apiError(w, http.StatusGone, fmt.Sprintf("Der Auftrag Nr. %d ist nicht mehr öffentlich. Die Nummer bleibt ihm; kein anderer Auftrag erhält sie.", n))
	}
}

// apiFollowUpByID gives the follow-up with the internal id
// (/api/v1/auftraege/{id}) to a reader of the internal version (a token
// of a member office or the secretariat), as apiFollowUp does. The
// public is led on (301) to the numbered address only from an address
// published before the public numbers came (migration 01030); any other
// id is not found for it, whether or not a follow-up has it.
func (a *Server) apiFollowUpByID(w http.ResponseWriter, r *http.Request) {
	id, ok := pathNumber(w, r, "id")
	if !ok {
		return
	}
	if audience(a.reader(r)) != model.Internal {
		n, err := a.st.FollowUpNumberOf(r.Context(), id)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		if n.RowLink {
			http.Redirect(w, r, fmt.Sprintf("%s/api/v1/auftraege/nr/%d", a.Site.Base(r), n.Number), http.StatusMovedPermanently)
			return
		}
		apiError(w, http.StatusNotFound, "Diesen Auftrag gibt es nicht.")
		return
	}
	if !a.apiFollowUp(w, r, id) {
		apiError(w, http.StatusNotFound, "Diesen Auftrag gibt es nicht.")
	}
}

// apiFollowUp answers with the follow-up with the id as its page shows
// it to the reader (the public, or the token's account): to an internal
// reader with the version a report names, which no answer gave before (a
// report could only guess it and got 409). It gives false, having
// answered nothing, if the reader may not see the follow-up.
func (a *Server) apiFollowUp(w http.ResponseWriter, r *http.Request, id int64) bool {
	ctx := r.Context()
	u := a.reader(r)
	q, _, err := a.followUpQuery(ctx, u, "")
	if err != nil {
		a.fail(w, r, err)
		return true
	}
	q.ID = id
	list, err := a.st.FollowUpPage(ctx, q, nil, false, 1)
	if err != nil {
		a.fail(w, r, err)
		return true
	}
	if len(list) == 0 {
		return false
	}
	e, aud, base := list[0], q.Audience, a.Site.Base(r)
	f := aud.FollowUp(e.FollowUp)
	out := FollowUpDetail{FollowUp: followUpOf(base, aud, u, e), Session: e.SessionNumber, Item: e.ItemNumber, ItemTitle: shown(aud, e.ItemTitle)}
	if f.Status == model.FollowUpDone {
		out.DoneOn, out.Evidence = f.DoneOn.String(), shown(aud, f.EvidenceText)
		if f.EvidenceDocumentID != 0 && u != nil {
			// Only a document the reader may see, as on the page (not the
			// upload of another member's registration not on the agenda).
			docs, err := auth.VisibleDocuments(ctx, a.st, u, e.SessionID)
			if err != nil {
				a.fail(w, r, err)
				return true
			}
			if slices.ContainsFunc(docs, func(d store.Document) bool { return d.ID == f.EvidenceDocumentID }) {
				out.EvidenceDocument = f.EvidenceDocumentID
			}
		}
		if out.EvidenceDecision, out.EvidenceSession, out.EvidenceItem, err = a.evidenceOf(ctx, aud, u, f); err != nil {
			a.fail(w, r, err)
			return true
		}
	}
	if f.Status == model.FollowUpDropped {
		out.Reason = shown(aud, f.EvidenceText)
	}
	if aud == model.Internal {
		cs, err := a.st.FollowUpComments(ctx, f.ID)
		if err != nil {
			a.fail(w, r, err)
			return true
		}
		for _, c := range cs {
			out.Comments = append(out.Comments, FollowUpComment{Author: c.Author, Member: c.Member, At: c.At.In(model.Berlin).Format(time.RFC3339), Text: model.TypedMarks(c.Text)})
		}
	}
	if u != nil {
		name := ""
		if m, err := a.st.Member(ctx, u.MemberAbbrev); err == nil {
			name = m.Name
		}
		if auth.MayReportFollowUp(u, e.FollowUp, name) {
			out.ReportURL = fmt.Sprintf("%s/api/v1/auftraege/%d/stand", base, f.ID)
		}
	}
	writeJSON(w, http.StatusOK, out)
	return true
}

// evidenceOf gives the closing decision (its number) and agenda item
// (session and TOP number) of a done follow-up as far as the audience may
// see them, as the follow-up's page shows them.
func (a *Server) evidenceOf(ctx context.Context, aud model.Audience, u *model.User, f model.FollowUp) (decision string, session int, item string, err error) {
	if f.EvidenceDecisionID != 0 {
		d, err := a.st.Decision(ctx, f.EvidenceDecisionID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return "", 0, "", err
		}
		if d, ok := aud.Decision(d); err == nil && ok {
			decision = d.Label
		}
	}
	if f.EvidenceItemID != 0 {
		it, err := a.st.Item(ctx, f.EvidenceItemID)
		if errors.Is(err, store.ErrNotFound) {
			return decision, 0, "", nil
		}
		if err != nil {
			return "", 0, "", err
		}
		se, err := a.st.Session(ctx, it.SessionID)
		if err != nil {
			return "", 0, "", err
		}
		if aud.SeesItem(it, se, u) {
			session, item = se.Number, it.Number
		}
	}
	return decision, session, item, nil
}

// followUpsBeyond reports whether the list has a follow-up after the
// cursor (before it, with back set): one row read.
func (a *Server) followUpsBeyond(ctx context.Context, q store.FollowUpListQuery, c store.FollowUpCursor, back bool) (bool, error) {
	more, err := a.st.FollowUpPage(ctx, q, &c, back, 1)
	return len(more) > 0, err
}

// FollowUpReport is a report on a follow-up's state in the JSON API, as
// the form on the follow-up's page sends it: the version read, the state,
// and for "erledigt" the date and the evidence (a text, a document of the
// session, the closing decision by number, or the closing agenda item by
// session and TOP number), for "entfallen" the reason (Begründung); an
// optional progress comment. Texts may mark
// confidential passages with [[…]].
// The tag `form` names the form's field (fields.go).
type FollowUpReport struct {
	Version     int    `json:"version" form:"version" required:"Die gelesene Version des Auftrags fehlt (version, wie GET /api/v1/auftraege/{id} sie nennt); mit ihr wird eine Änderung erkannt, die inzwischen ein anderer gespeichert hat."`
	Status      string `json:"stand" form:"status"`
	DoneOn      string `json:"erledigtAm,omitempty" form:"erledigt_am"`
	Evidence    string `json:"nachweis,omitempty" form:"nachweis"`
	Document    int64  `json:"nachweisDokument,omitempty" form:"nachweis_dokument"`
	Decision    string `json:"nachweisBeschluss,omitempty" form:"nachweis_beschluss"`
	ItemSession string `json:"nachweisSitzung,omitempty" form:"nachweis_sitzung"`
	Item        string `json:"nachweisTop,omitempty" form:"nachweis_top"`
	Reason      string `json:"begruendung,omitempty" form:"begruendung"`
	Comment     string `json:"kommentar,omitempty" form:"kommentar"`
}

// checkFieldsOfState refuses the members of the report its state does not
// take, each at its member (400), so nothing is stored: the evidence of
// "erledigt" (erledigtAm, nachweis, nachweisDokument, nachweisBeschluss,
// nachweisSitzung, nachweisTop) with another state, the reason of
// "entfallen" (begruendung) with another state. Before, "in_arbeit" with
// a nachweisDokument answered 200 and dropped the document. The form
// (web) sends every field whatever the state chosen — it shows the
// evidence recorded so far, also when the office reopens a follow-up —
// and takes for each state only its fields, as its text says; a client
// of the API names the members it sends.
func (in FollowUpReport) checkFieldsOfState() error {
	st := model.FollowUpStatus(in.Status)
	if !st.Valid() {
		return nil // refused with its reason by the reader (input.FollowUpReport)
	}
	var refused []error
	refuse := func(field, what string, given bool, takes model.FollowUpStatus) {
		if given && st != takes {
			refused = append(refused, model.AtField(field, model.InputError("%s gehört nur zum Stand „%s“, nicht zum Stand „%s“; bitte weglassen.", what, takes.Label(), st.Label())))
		}
	}
	refuse("erledigt_am", "Das Datum der Erledigung (erledigtAm)", in.DoneOn != "", model.FollowUpDone)
	refuse("nachweis", "Der Nachweis (nachweis)", in.Evidence != "", model.FollowUpDone)
	refuse("nachweis_dokument", "Ein Dokument als Nachweis (nachweisDokument)", in.Document != 0, model.FollowUpDone)
	refuse("nachweis_beschluss", "Ein Beschluss als Nachweis (nachweisBeschluss)", in.Decision != "", model.FollowUpDone)
	refuse("nachweis_sitzung", "Die Sitzung des Nachweises (nachweisSitzung)", in.ItemSession != "", model.FollowUpDone)
	refuse("nachweis_top", "Der Tagesordnungspunkt des Nachweises (nachweisTop)", in.Item != "", model.FollowUpDone)
	refuse("begruendung", "Die Begründung (begruendung)", in.Reason != "", model.FollowUpDropped)
	return errors.Join(refused...)
}

// apiReportFollowUp records the state of a follow-up for the token's
// account (POST /api/v1/auftraege/{id}/stand): the secretariat, or the
// office of a member responsible for it — the rule of the form
// (auth.MayReportFollowUp), the same store operation.
func (a *Server) apiReportFollowUp(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUser(w, r)
	if !ok {
		return
	}
	// An account that reports no follow-up and reads only the public
	// version (a FachMK secretariat) is refused before the lookup, the
	// same for every id: a 403 for an internal follow-up, which GET
	// answers it 404, told it that one exists. An internal reader reads
	// every follow-up; whether it may report this one is asked below.
	if !auth.Can(u, auth.RecordMinutes, "") && !auth.Can(u, auth.ViewInternal, "") {
		apiError(w, http.StatusForbidden, "Den Stand eines Auftrags melden die Geschäftsstelle und die verantwortlichen Mitglieder.")
		return
	}
	var in FollowUpReport
	if !decodeBody(w, r, &in) {
		return
	}
	id, ok := pathNumber(w, r, "id")
	if !ok {
		return
	}
	ctx := store.WithActor(r.Context(), u.Username)
	f, err := a.st.FollowUp(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		err = model.NotFoundError("Diesen Auftrag gibt es nicht.")
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	name := ""
	if m, err := a.st.Member(ctx, u.MemberAbbrev); err == nil {
		name = m.Name
	}
	if !auth.MayReportFollowUp(u, f, name) {
		apiError(w, http.StatusForbidden, "Den Stand eines Auftrags melden die Geschäftsstelle und die verantwortlichen Mitglieder.")
		return
	}
	// The form's reader, with the request's members by the form's names.
	council, err := a.st.BodyByAbbrev(ctx, a.council)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	sessionID, err := a.st.FollowUpSession(ctx, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	fields := map[string]string{"status": in.Status, "erledigt_am": in.DoneOn, "nachweis": in.Evidence, "nachweis_beschluss": in.Decision,
		"nachweis_sitzung": in.ItemSession, "nachweis_top": in.Item, "begruendung": in.Reason, "kommentar": in.Comment}
	if in.Document != 0 {
		fields["nachweis_dokument"] = strconv.FormatInt(in.Document, 10)
	}
	if err := in.checkFieldsOfState(); err != nil {
		a.fail(w, r, err)
		return
	}
	rep, err := input.FollowUpReport(ctx, a.st, u, id, sessionID, council.ID, in.Version, func(name string) string { return fields[name] })
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if err := a.st.ReportFollowUp(ctx, rep); err != nil {
		a.fail(w, r, err)
		return
	}
	now, err := a.st.FollowUp(ctx, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := map[string]any{"id": now.ID, "stand": now.Status, "version": now.Version, "url": a.Site.Base(r) + now.Path()}
	if now.Number != 0 {
		out["nummer"] = now.Number
	}
	writeJSON(w, http.StatusOK, out)
}
