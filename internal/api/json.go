package api

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// OpenAPI is the description of the JSON API (OpenAPI 3.1), served at
// /api/v1/openapi.json; a test checks that it describes every route.
//
//go:embed openapi.json
var OpenAPI []byte

// route is one route of the JSON API.
type route struct {
	Method, Path string // Path in OpenAPI form: /api/v1/sitzungen/{nr}
	Handler      func(*Server) http.HandlerFunc
}

// routes lists the JSON API; reads are public, writes need an API token.
// A token given to a read must be valid too (withToken), and a read of
// follow-ups gives what the token's account sees.
var routes = []route{
	{"GET", "/api/v1/openapi.json", func(a *Server) http.HandlerFunc { return a.openAPI }},
	{"GET", "/api/v1/sitzungen", func(a *Server) http.HandlerFunc { return a.apiSessions }},
	{"GET", "/api/v1/sitzungen/{nr}", func(a *Server) http.HandlerFunc { return a.apiSession }},
	{"GET", "/api/v1/beschluesse", func(a *Server) http.HandlerFunc { return a.apiDecisions }},
	{"GET", "/api/v1/beschluesse/{jahr}/{nr}", func(a *Server) http.HandlerFunc { return a.apiDecision }},
	{"GET", "/api/v1/auftraege", func(a *Server) http.HandlerFunc { return a.apiFollowUps }},
	{"GET", "/api/v1/auftraege/nr/{nummer}", func(a *Server) http.HandlerFunc { return a.apiFollowUpByNumber }},
	{"GET", "/api/v1/auftraege/{id}", func(a *Server) http.HandlerFunc { return a.apiFollowUpByID }},
	{"POST", "/api/v1/auftraege/{id}/stand", func(a *Server) http.HandlerFunc { return a.apiReportFollowUp }},
	{"GET", "/api/v1/fachmk", func(a *Server) http.HandlerFunc { return a.apiConferences }},
	{"GET", "/api/v1/sprecher", func(a *Server) http.HandlerFunc { return a.apiSpokespersons }},
	{"GET", "/api/v1/umlaufverfahren", func(a *Server) http.HandlerFunc { return a.apiProcedures }},
	{"POST", "/api/v1/umlaufverfahren/{id}/stimme", func(a *Server) http.HandlerFunc { return a.apiVote }},
	{"GET", "/api/v1/sitzungen/{nr}/abstimmung", func(a *Server) http.HandlerFunc { return a.apiOpenSessionVote }},
	{"POST", "/api/v1/sitzungen/{nr}/abstimmung/stimme", func(a *Server) http.HandlerFunc { return a.apiSessionVote }},
	{"POST", "/api/v1/sitzungen/{nr}/kommentare", func(a *Server) http.HandlerFunc { return a.apiComment }},
	{"GET", "/api/v1/sitzungen/{nr}/teilnahme", func(a *Server) http.HandlerFunc { return a.apiDelegationRead }},
	{"PUT", "/api/v1/sitzungen/{nr}/teilnahme", func(a *Server) http.HandlerFunc { return a.apiDelegation }},
	{"POST", "/api/v1/sitzungen/{nr}/anmeldungen", func(a *Server) http.HandlerFunc { return a.apiRegister }},
	{"GET", "/api/v1/anmeldungen/{id}", func(a *Server) http.HandlerFunc { return a.apiRegistration }},
	{"PUT", "/api/v1/anmeldungen/{id}", func(a *Server) http.HandlerFunc { return a.apiChangeRegistration }},
	{"DELETE", "/api/v1/anmeldungen/{id}", func(a *Server) http.HandlerFunc { return a.apiWithdrawRegistration }},
	{"POST", "/api/v1/anmeldungen/{id}/verlegen", func(a *Server) http.HandlerFunc { return a.apiMoveRegistration }},
	{"GET", "/api/v1/mitantraege", func(a *Server) http.HandlerFunc { return a.apiCoApplications }},
	{"POST", "/api/v1/mitantraege/{id}", func(a *Server) http.HandlerFunc { return a.apiAnswerCoApplication }},
	{"GET", "/api/v1/sitzungen/{nr}/protokollnotizen", func(a *Server) http.HandlerFunc { return a.apiNoteSubmissions }},
	{"POST", "/api/v1/sitzungen/{nr}/protokollnotizen", func(a *Server) http.HandlerFunc { return a.apiSubmitNote }},
	{"POST", "/api/v1/protokollnotizen/{id}", func(a *Server) http.HandlerFunc { return a.apiDecideNoteSubmission }},
}

func (a *Server) registerJSON(mux Mux) {
	paths := http.NewServeMux()
	var methods []string // the methods of any route
	params, err := queryParams(OpenAPI)
	if err != nil {
		panic(err) // the embedded document; TestOpenAPIDescribesEveryRoute reads it
	}
	for _, r := range routes {
		mux.HandleFunc(r.Method+" "+r.Path, a.withToken(withKnownQuery(params[r.Method+" "+r.Path], withFields(r.Handler(a)))))
		// With its method: without, /api/v1/auftraege/nr/{nummer} and
		// /api/v1/auftraege/{id}/stand would both match …/nr/stand.
		paths.HandleFunc(r.Method+" "+r.Path, func(http.ResponseWriter, *http.Request) {})
		if !slices.Contains(methods, r.Method) {
			methods = append(methods, r.Method)
		}
	}
	// Every other request under /api/ gets a JSON error too: 405 with
	// Allow where the path exists with other methods, else 404.
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range methods {
			probe := &http.Request{Method: m, URL: r.URL, Host: r.Host}
			if _, pattern := paths.Handler(probe); pattern != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			if slices.Contains(allow, http.MethodGet) {
				allow = append(allow, http.MethodHead)
			}
			w.Header().Set("Allow", strings.Join(allow, ", "))
			apiError(w, http.StatusMethodNotAllowed, "Diese Adresse erlaubt die Methode "+r.Method+" nicht (erlaubt: "+strings.Join(allow, ", ")+").")
			return
		}
		apiError(w, http.StatusNotFound, "Diese Adresse gibt es in der API nicht; die Beschreibung steht unter /api/v1/openapi.json.")
	})
}

func (a *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(OpenAPI)
}

// Session is a session in the JSON API.
type Session struct {
	Number       int    `json:"nummer"`
	Date         string `json:"datum,omitempty"`
	Start        string `json:"beginn,omitempty"`
	End          string `json:"ende,omitempty"`
	Place        string `json:"ort,omitempty"`
	Chair        string `json:"vorsitz,omitempty"`
	Status       string `json:"status"`
	MinutesStand string `json:"protokollStand,omitempty"`
	// Cancelled is the public reason of a cancellation, MovedFrom the date
	// of the latest move (issue 13).
	Cancelled string `json:"abgesagt,omitempty"`
	MovedFrom string `json:"verlegtVom,omitempty"`
	// Moves are all the moves to another day, the oldest first.
	Moves []SessionMove `json:"verlegungen,omitempty"`
	URL   string        `json:"url"`
	Items []Item        `json:"tagesordnung,omitempty"`
	// Attendance is the attendance list (Anwesenheit) as the public
	// minutes show it: the members, not the persons, and only once the
	// minutes rows are public (minutes.Redacted).
	Attendance []AttendanceLine `json:"anwesenheit,omitempty"`
}

// AttendanceLine is one member's line of a session's public attendance
// list in the JSON API: the member (abbreviation and name), how it took
// part (anwesend, vertreten, abwesend) and the items it arrived for (From)
// or left after (Until), empty when it was there throughout.
type AttendanceLine struct {
	Member   string `json:"mitglied"`
	Name     string `json:"name"`
	Presence string `json:"anwesenheit"`
	From     string `json:"ab,omitempty"`
	Until    string `json:"bis,omitempty"`
}

// MinutesRow is one row of an item's public minutes in the JSON API, in
// the minutes' order: its kind (ON, BV, PN, or Vermerk for free text),
// the speaker (ON) or author (PN), the points (ON) or text (PN, Vermerk),
// for BV the decision's number (its text is among the item's decisions),
// and for Vermerk what it is (text, unleserlich, nicht_zugeordnet).
// Redacted marks a confidential row: the public sees its kind and, of a
// contribution, its speaker only, as "[geschwärzt]" on the page; a wholly
// confidential Protokollnotiz comes without author ("Protokollnotiz:
// [geschwärzt]", model.Audience.MinutesRow).
type MinutesRow struct {
	Kind     string   `json:"art"`
	Speaker  string   `json:"sprecher,omitempty"`
	Points   []string `json:"punkte,omitempty"`
	Text     string   `json:"text,omitempty"`
	Decision string   `json:"beschluss,omitempty"`
	Remark   string   `json:"vermerk,omitempty"`
	// Note explains a marker: for an illegible part ("[unleserlich]")
	// that the source document is not legible there.
	Note     string `json:"hinweis,omitempty"`
	Redacted bool   `json:"geschwaerzt,omitempty"`
}

// Item is a public agenda item in the JSON API.
type Item struct {
	Number    string     `json:"nummer,omitempty"`
	Title     string     `json:"titel"`
	Section   string     `json:"abschnitt,omitempty"`
	Points    []string   `json:"punkte,omitempty"`
	Goal      string     `json:"ziel,omitempty"`
	Sources   []string   `json:"quelle,omitempty"`
	Reporters []string   `json:"berichterstattung,omitempty"`
	Consent   bool       `json:"grueneListe"`
	Decisions []Decision `json:"beschluesse,omitempty"`
	// DecisionTexts are the item's adopted decisions without a number
	// (older sessions, a Kenntnisnahme), "beschlusstext": they have no
	// page and stay out of the register and its feed, which list
	// numbered decisions.
	DecisionTexts []DecisionText `json:"beschlusstext,omitempty"`
	// Reports are the spokespersons' reports under the item "Reporting
	// FachMK", as the session page shows them ("berichte").
	Reports []FachMKReport `json:"berichte,omitempty"`
	// DeferredTo and DeferredFrom are the numbers of the sessions the
	// item was deferred to (Vertagung) or from; Deferral the minutes'
	// line with its reason.
	DeferredTo   int    `json:"vertagtAuf,omitempty"`
	DeferredFrom int    `json:"vertagtAus,omitempty"`
	Deferral     string `json:"vertagung,omitempty"`
	// Minutes are the item's rows of the public minutes (ON, BV, PN,
	// free text), once they are public.
	Minutes []MinutesRow `json:"protokoll,omitempty"`
}

// FachMKReport is a spokesperson's report in the JSON API, as the
// publication gate gives it to the reader (minutes.Redacted).
type FachMKReport struct {
	Conference string `json:"fachmk"`
	Member     string `json:"mitglied"`
	Text       string `json:"text"`
}

// Decision is an adopted decision in the JSON API.
type Decision struct {
	Number  string        `json:"nummer"`
	Kind    string        `json:"art"`
	Title   string        `json:"titel,omitempty"`
	Points  []model.Point `json:"punkte"`
	Result  string        `json:"ergebnis,omitempty"`
	Scope   string        `json:"geltung"`
	Date    string        `json:"datum,omitempty"`
	Session int           `json:"sitzung,omitempty"`
	URL     string        `json:"url"`
	// SharesYear is the Königsteiner-Schlüssel table the result was
	// counted by, CountReason the count's explanation.
	SharesYear  int    `json:"koenigsteinerSchluessel,omitempty"`
	CountReason string `json:"auszaehlung,omitempty"`
	// Bound are the members a decision that binds only the consenting
	// members binds.
	Bound []string `json:"bindet,omitempty"`
	// BuildsOn are the sources (Quelle) of the decision's agenda item —
	// "baut auf" — and ContinuedBy the published decisions whose item
	// names this one as source — "wird fortgeführt durch"; both only in
	// the answer for one decision, as on its page.
	BuildsOn    []DecisionLink `json:"bautAuf,omitempty"`
	ContinuedBy []DecisionLink `json:"fortgefuehrtDurch,omitempty"`
	// Corrections are the corrections (Berichtigungen) of the decision and
	// Adopted its text as adopted, both only in the answer for one
	// corrected decision, as on its page; Title and Points are the text as
	// last corrected.
	Corrections []Correction `json:"berichtigungen,omitempty"`
	Adopted     *AdoptedText `json:"beschlosseneFassung,omitempty"`
}

// DecisionText is an adopted decision without a number in the JSON API
// (Item.DecisionTexts): its kind, text as last corrected, result and date,
// as the public may read them.
type DecisionText struct {
	Kind   string        `json:"art"`
	Title  string        `json:"titel,omitempty"`
	Points []model.Point `json:"punkte"`
	Result string        `json:"ergebnis,omitempty"`
	Date   string        `json:"datum,omitempty"`
}

// publicDecisionText gives an adopted decision without a number as the
// public may see it (model.Public.Decision, text as last corrected);
// false if it is not public or has a number.
func publicDecisionText(d model.Decision) (DecisionText, bool) {
	d, ok := model.Public.Decision(d)
	if !ok || d.Label != "" {
		return DecisionText{}, false
	}
	c := d.Corrected()
	return DecisionText{Kind: d.Kind.Label(), Title: c.Title, Points: nonNilPoints(c.Points), Result: d.Result, Date: d.AdoptedOn.String()}, true
}

// Correction is a correction (Berichtigung) of a decision in the JSON API:
// its number, time (German time) and reason.
type Correction struct {
	Version int    `json:"fassung"`
	At      string `json:"am"`
	Reason  string `json:"anlass"`
}

// AdoptedText is the text of a corrected decision as adopted.
type AdoptedText struct {
	Title  string        `json:"titel,omitempty"`
	Points []model.Point `json:"punkte"`
}

// DecisionLink is a link between decisions in the JSON API: a source as
// written in the agenda item (Reference) and, when it names a published
// decision, that decision's number, title and address.
type DecisionLink struct {
	Reference string `json:"verweis,omitempty"`
	Number    string `json:"nummer,omitempty"`
	Title     string `json:"titel,omitempty"`
	URL       string `json:"url,omitempty"`
}

// decisionLinks gives what a published decision builds on and which
// published decisions continue it, through the publication gate like the
// decision page.
func (a *Server) decisionLinks(ctx context.Context, site string, bodyID int64, d model.Decision) (buildsOn, continuedBy []DecisionLink, err error) {
	if d.ItemID != 0 {
		it, err := a.st.Item(ctx, d.ItemID)
		if err != nil {
			return nil, nil, err
		}
		for _, src := range model.Public.Item(it).Sources {
			l := DecisionLink{Reference: src}
			if n, ok := model.ParseDecisionRef(src); ok {
				label, public, err := a.st.DecisionLabel(ctx, bodyID, n)
				switch {
				case err == nil && public:
					l.Number, l.URL = label, site+"/beschluesse/"+label
				case err != nil && !errors.Is(err, store.ErrNotFound):
					return nil, nil, err
				}
			}
			buildsOn = append(buildsOn, l)
		}
	}
	cited, err := a.st.CitingDecisions(ctx, bodyID, d.Label)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range model.Public.Register(cited) {
		continuedBy = append(continuedBy, DecisionLink{Number: c.Label, Title: c.Title, URL: site + "/beschluesse/" + c.Label})
	}
	return buildsOn, continuedBy, nil
}

// publicDecision gives the decision as the public may see it (the
// publication gate, model.Public.Decision), its text as last corrected;
// false if it is not public.
func publicDecision(site string, d model.Decision, session int) (Decision, bool) {
	d, ok := model.Public.Decision(d)
	if !ok {
		return Decision{}, false
	}
	c := d.Corrected()
	return Decision{Number: d.Label, Kind: d.Kind.Label(), Title: c.Title, Points: nonNilPoints(c.Points), Result: d.Result,
		Scope: string(d.Scope), Date: d.AdoptedOn.String(), Session: session, URL: site + "/beschluesse/" + d.Label,
		SharesYear: d.SharesYear, CountReason: d.CountReason, Bound: d.Bound()}, true
}

// corrections gives a public decision's corrections and its text as
// adopted, as its page shows them (nil for an uncorrected decision).
func corrections(d model.Decision) ([]Correction, *AdoptedText) {
	d, ok := model.Public.Decision(d)
	if !ok || len(d.Corrections) == 0 {
		return nil, nil
	}
	out := make([]Correction, len(d.Corrections))
	for i, c := range d.Corrections {
		out[i] = Correction{Version: c.Version, At: c.At.In(model.Berlin).Format(time.RFC3339), Reason: c.Reason}
	}
	return out, &AdoptedText{Title: d.Title, Points: nonNilPoints(d.Points)}
}

// nonNilPoints gives points, an empty list for none (the API writes [] and
// never null).
func nonNilPoints(p []model.Point) []model.Point {
	if p == nil {
		return []model.Point{}
	}
	return p
}

// SessionMove is one move of a session to another day (Verlegung), with
// its public reason.
type SessionMove struct {
	From   string `json:"von"`
	To     string `json:"auf"`
	Reason string `json:"grund,omitempty"`
}

func sessionOf(site string, se model.Session) Session {
	out := Session{Number: se.Number, Date: se.Date.String(), Start: se.StartTime, End: se.EndTime, Place: se.Place, Chair: se.Chair,
		Status: string(se.Status), MinutesStand: se.MinutesStand.String(), URL: fmt.Sprintf("%s/sitzungen/%d", site, se.Number),
		Cancelled: model.PublicText(se.Schedule.CancelledReason), MovedFrom: se.Schedule.PreviousDate.String()}
	for _, m := range se.Schedule.Moves {
		out.Moves = append(out.Moves, SessionMove{From: m.From.String(), To: m.To.String(), Reason: model.PublicText(m.Reason)})
	}
	return out
}

func (a *Server) apiSessions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	council, err := a.st.BodyByAbbrev(ctx, a.council)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// ?vor=N: the page below session N; ?nach=N: the page above it (the
	// one before in the list's order, rel="prev").
	var before, after int
	for _, p := range []struct {
		name string
		into *int
	}{{"vor", &before}, {"nach", &after}} {
		if v := r.URL.Query().Get(p.name); v != "" {
			if *p.into, err = strconv.Atoi(v); err != nil || *p.into < 1 {
				queryError(w, p.name, "Die Parameter vor und nach sind die Nummer einer Sitzung, zum Beispiel ?vor=40.")
				return
			}
		}
	}
	if before != 0 && after != 0 {
		queryError(w, "nach", "Bitte nur einen der Parameter vor und nach angeben.")
		return
	}
	var page []model.Session
	hasPrev, hasNext := false, false
	if after != 0 {
		// Up the index from N; a page that reaches the highest number is
		// the first page.
		if page, err = a.st.SessionsAfter(ctx, council.ID, after, SessionsPerPage+1); err != nil {
			a.fail(w, r, err)
			return
		}
		if hasPrev = len(page) > SessionsPerPage; hasPrev {
			page = page[:SessionsPerPage]
		}
		if len(page) < SessionsPerPage {
			page = nil
		} else {
			slices.Reverse(page)
			more, err := a.st.SessionsBefore(ctx, council.ID, page[len(page)-1].Number, 1)
			if err != nil {
				a.fail(w, r, err)
				return
			}
			hasNext = len(more) > 0
		}
	}
	if page == nil {
		if page, err = a.st.SessionsBefore(ctx, council.ID, before, SessionsPerPage+1); err != nil {
			a.fail(w, r, err)
			return
		}
		if hasNext = len(page) > SessionsPerPage; hasNext {
			page = page[:SessionsPerPage]
		}
		if before != 0 && len(page) > 0 {
			more, err := a.st.SessionsAfter(ctx, council.ID, page[0].Number, 1)
			if err != nil {
				a.fail(w, r, err)
				return
			}
			hasPrev = len(more) > 0
		}
	}
	var links []string
	if hasPrev {
		links = append(links, fmt.Sprintf(`<%s/api/v1/sitzungen?nach=%d>; rel="prev"`, a.Site.Base(r), page[0].Number))
	}
	if hasNext {
		links = append(links, fmt.Sprintf(`<%s/api/v1/sitzungen?vor=%d>; rel="next"`, a.Site.Base(r), page[len(page)-1].Number))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := []Session{}
	for _, se := range page {
		out = append(out, sessionOf(a.Site.Base(r), se))
	}
	writeJSON(w, http.StatusOK, out)
}

// SessionsPerPage is the page size of /api/v1/sitzungen: the next page
// (Link rel="next") holds the sessions numbered below the last one
// (?vor=its number), the previous page (rel="prev") those above the first
// one (?nach=its number).
const SessionsPerPage = 100

func (a *Server) apiSession(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	out := sessionOf(a.Site.Base(r), se)
	// The public minutes, as every rendering of them reads them
	// (minutes.Redacted, the publication gate): the agenda only once it is
	// public, the attendance and the rows other than the adopted decisions
	// only once the draft is released; read as printed (no blank rows), as
	// the public minutes page shows them.
	doc, err := minutes.Load(ctx, a.st, se.ID, model.Public)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	doc = doc.Printed()
	// Rows only where the public minutes page exists
	// (model.Audience.HasMinutes): not of a running session, whose
	// decisions the page shows as they are taken.
	rows := doc.HasMinutes()
	for _, l := range doc.Attendance {
		out.Attendance = append(out.Attendance, AttendanceLine{Member: l.Member.Abbrev, Name: l.Member.Name, Presence: string(l.Presence), From: l.From, Until: l.Until})
	}
	for _, sec := range doc.Sections {
		section := sec.Name
		if sec.Unsectioned {
			section = "" // the heading of items without Abschnitt names none
		}
		for _, it := range sec.Items {
			item := Item{Number: it.Number, Title: it.Title, Section: section, Points: it.Points, Goal: string(it.Goal), Sources: it.Sources,
				Reporters: it.Reporters, Consent: it.Consent, DeferredTo: it.Deferral.To, DeferredFrom: it.Deferral.From, Deferral: it.Deferral.Line()}
			for _, rep := range it.Reports {
				item.Reports = append(item.Reports, FachMKReport{Conference: rep.Conference, Member: rep.Member, Text: model.PublicText(rep.Text)})
			}
			for _, row := range it.Rows {
				if d := row.Decision; d != nil && d.Label != "" {
					if pd, ok := publicDecision(a.Site.Base(r), *d, se.Number); ok {
						item.Decisions = append(item.Decisions, pd)
					}
				} else if d != nil {
					if dt, ok := publicDecisionText(*d); ok {
						item.DecisionTexts = append(item.DecisionTexts, dt)
					}
				}
				if rows {
					item.Minutes = append(item.Minutes, minutesRowOf(row))
				}
			}
			if rows && len(it.RecordLines) > 0 {
				// What the session day recorded (quorum check, items taken
				// up out of order), after the rows as on the minutes page.
				item.Minutes = append(item.Minutes, MinutesRow{Kind: "Vermerk", Remark: "text", Text: strings.Join(it.RecordLines, " ")})
			}
			out.Items = append(out.Items, item)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// remarks names the kinds of free minutes rows in the JSON API.
var remarks = map[model.RemarkKind]string{model.RemarkText: "text", model.RemarkIllegible: "unleserlich", model.RemarkRaw: "nicht_zugeordnet"}

// minutesRowOf gives a row of the public minutes (already redacted by
// minutes.Redacted) as the JSON API gives it.
func minutesRowOf(row minutes.Row) MinutesRow {
	out := MinutesRow{Kind: string(row.Kind), Speaker: row.Speaker, Points: row.Points, Text: row.Text, Redacted: row.Confidential}
	switch row.Kind {
	case minutes.RowDecision:
		if row.Decision != nil {
			out.Decision = row.Decision.Label
		}
	case minutes.RowText:
		out.Kind, out.Remark = "Vermerk", remarks[row.RemarkKind]
		if out.Remark == "" {
			out.Remark = "text"
		}
		if row.RemarkKind == model.RemarkIllegible && !row.Confidential {
			// The source's "[illegible]" is stored; every rendering
			// shows the German marker.
			out.Text, out.Note = minutes.IllegibleMarker, minutes.IllegibleNote
		}
	}
	return out
}

// DecisionsPerPage is the page size of /api/v1/beschluesse.
const DecisionsPerPage = 100

// sessionOfPath gives the council's session numbered by the path's {nr},
// or answers the request with 404 itself.
func (a *Server) sessionOfPath(w http.ResponseWriter, r *http.Request) (model.Session, bool) {
	nr, ok := pathNumber(w, r, "nr")
	if !ok {
		return model.Session{}, false
	}
	council, err := a.st.BodyByAbbrev(r.Context(), a.council)
	if err != nil {
		a.fail(w, r, err)
		return model.Session{}, false
	}
	se, err := a.st.SessionByNumber(r.Context(), council.ID, int(nr))
	if err != nil {
		a.fail(w, r, err)
		return model.Session{}, false
	}
	return se, true
}

// registerPageQuery gives the query of page p of the register's
// selection q.
func registerPageQuery(q model.RegisterQuery, p int) string {
	v := q.Values()
	v.Set("seite", strconv.Itoa(p))
	return v.Encode()
}

func (a *Server) apiDecisions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	council, err := a.st.BodyByAbbrev(ctx, a.council)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	q, f, ok := a.decisionsFilter(w, r, council)
	if !ok {
		return
	}
	page := q.Page
	f.Limit, f.Offset = DecisionsPerPage, (page-1)*DecisionsPerPage
	res, err := a.st.Register(ctx, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	numbers := map[int64]int{}
	out := []Decision{}
	for _, d := range res.Decisions {
		if _, ok := numbers[d.SessionID]; d.SessionID != 0 && !ok {
			se, err := a.st.Session(ctx, d.SessionID)
			if err != nil {
				a.fail(w, r, err)
				return
			}
			numbers[d.SessionID] = se.Number
		}
		if pd, ok := publicDecision(a.Site.Base(r), d, numbers[d.SessionID]); ok {
			out = append(out, pd)
		}
	}
	w.Header().Set("X-Total-Count", strconv.Itoa(res.Total))
	if res.Capped {
		// More decisions hold the words of q than the register searches
		// (store.RegisterTextCap): the selection may miss some.
		w.Header().Set("X-Search-Capped", strconv.Itoa(store.RegisterTextCap))
	}
	var links []string
	link := func(p int, rel string) {
		links = append(links, fmt.Sprintf(`<%s/api/v1/beschluesse?%s>; rel="%s"`, a.Site.Base(r), registerPageQuery(q, p), rel))
	}
	// Past the last page, the previous page is the last one there is
	// (not the page before, as empty as this one); with no decision at
	// all there is none.
	if last := (res.Total + DecisionsPerPage - 1) / DecisionsPerPage; page > 1 && last > 0 {
		link(min(page-1, last), "prev")
	}
	if page*DecisionsPerPage < res.Total {
		link(page+1, "next")
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *Server) apiDecision(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	year, ok := pathNumber(w, r, "jahr")
	if !ok {
		return
	}
	seq, ok := pathNumber(w, r, "nr")
	if !ok {
		return
	}
	council, err := a.st.BodyByAbbrev(ctx, a.council)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	d, err := a.st.DecisionByNumber(ctx, council.ID, model.DecisionNumber{Year: int(year), Seq: int(seq)})
	if err == nil && !d.Public() {
		err = store.ErrNotFound
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	number := 0
	if d.SessionID != 0 {
		se, err := a.st.Session(ctx, d.SessionID)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		number = se.Number
	}
	pd, _ := publicDecision(a.Site.Base(r), d, number)
	pd.Corrections, pd.Adopted = corrections(d)
	if pd.BuildsOn, pd.ContinuedBy, err = a.decisionLinks(ctx, a.Site.Base(r), council.ID, d); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pd)
}

// Conference is a FachMK in the JSON API.
type Conference struct {
	Abbrev  string `json:"kuerzel"`
	Name    string `json:"name"`
	ActsFor string `json:"handeltFuer,omitempty"`
	// ActedForBy names the conferences acting for this one towards the
	// IT-Planungsrat (the E-Justice-Rat for the JuMiKo), as its page says.
	ActedForBy    []string       `json:"handeltDurch,omitempty"`
	TopicProfile  string         `json:"digitalthemen,omitempty"`
	Spokespersons []Spokesperson `json:"sprecher"`
	// Vacant: no spokesperson in office and no conference acting for it.
	Vacant bool `json:"vakant"`
	// Chair (Vorsitz) and Contacts (Ansprechpersonen der Geschäftsstelle)
	// are what the conference's public page shows of them.
	Chair    string    `json:"vorsitz,omitempty"`
	Contacts []Contact `json:"ansprechpersonen"`
}

// Contact is a contact person of a FachMK's secretariat
// (Ansprechperson) in the JSON API, as the public sees it on the
// conference's page (model.Audience.Contact): name, role and e-mail
// address, never the telephone number.
type Contact struct {
	Name  string `json:"name"`
	Role  string `json:"rolle,omitempty"`
	Email string `json:"email,omitempty"`
}

// Spokesperson is a spokesperson assignment in the JSON API.
type Spokesperson struct {
	Conference string `json:"fachmk"`
	Member     string `json:"mitglied"`
	Person     string `json:"person,omitempty"`
	Decision   string `json:"beschluss"`
	Status     string `json:"status"`
}

func (a *Server) spokespersons(r *http.Request) (map[int64][]Spokesperson, map[int64]bool, []model.Body, error) {
	ctx := r.Context()
	council, err := a.st.BodyByAbbrev(ctx, a.council)
	if err != nil {
		return nil, nil, nil, err
	}
	last, err := a.st.LastHeldSession(ctx, council.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	bodies, err := a.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return nil, nil, nil, err
	}
	abbrev := map[int64]string{}
	for _, b := range bodies {
		abbrev[b.ID] = b.Abbrev
	}
	as, err := a.st.Assignments(ctx, 0)
	if err != nil {
		return nil, nil, nil, err
	}
	by := map[int64][]Spokesperson{}
	inOffice := map[int64]bool{}
	for _, x := range as {
		sp := Spokesperson{Conference: abbrev[x.ConferenceID], Member: x.Member, Decision: x.DecisionRef, Status: x.StatusLabel(last)}
		if x.PersonID != 0 {
			if p, err := a.st.Person(ctx, x.PersonID); err == nil {
				sp.Person = p.Name
			}
		}
		by[x.ConferenceID] = append(by[x.ConferenceID], sp)
		if x.Status(last) != model.AssignmentEnded {
			inOffice[x.ConferenceID] = true
		}
	}
	return by, inOffice, bodies, nil
}

func (a *Server) apiConferences(w http.ResponseWriter, r *http.Request) {
	by, inOffice, bodies, err := a.spokespersons(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, b := range bodies {
		names[b.ID] = b.Abbrev
	}
	all, err := a.st.Contacts(r.Context(), 0)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	contacts := map[int64][]Contact{}
	for _, c := range all {
		c = model.Public.Contact(c)
		contacts[c.BodyID] = append(contacts[c.BodyID], Contact{Name: c.Name, Role: c.Role, Email: c.Email})
	}
	actedForBy := map[int64][]string{}
	for _, b := range bodies {
		if b.ActsForID != 0 {
			actedForBy[b.ActsForID] = append(actedForBy[b.ActsForID], b.Abbrev)
		}
	}
	out := []Conference{}
	for _, b := range bodies {
		c := Conference{Abbrev: b.Abbrev, Name: b.Name, ActsFor: names[b.ActsForID], ActedForBy: actedForBy[b.ID], TopicProfile: b.TopicProfile, Spokespersons: by[b.ID],
			Vacant: !inOffice[b.ID] && len(actedForBy[b.ID]) == 0, Chair: b.Chair, Contacts: contacts[b.ID]}
		if c.Spokespersons == nil {
			c.Spokespersons = []Spokesperson{}
		}
		if c.Contacts == nil {
			c.Contacts = []Contact{}
		}
		out = append(out, c)
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *Server) apiSpokespersons(w http.ResponseWriter, r *http.Request) {
	by, _, bodies, err := a.spokespersons(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := []Spokesperson{}
	for _, b := range bodies {
		out = append(out, by[b.ID]...)
	}
	writeJSON(w, http.StatusOK, out)
}

// tokenKey keeps the account of the request's API token in its context
// (withToken).
type tokenKey struct{}

// withToken refuses a request whose Authorization header names no valid
// API token, reads included: a client learns its token is revoked or
// expired at its next request, not only at its next write (before, a read
// with a dead token answered as to the public). The account of a valid
// token is kept for the handler (tokenUser, reader).
func (a *Server) withToken(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var u *model.User
		if r.Header.Get("Authorization") != "" {
			if u = auth.TokenUser(r.Context(), a.st, r); u == nil {
				unauthorized(w)
				return
			}
		}
		h(w, r.WithContext(context.WithValue(r.Context(), tokenKey{}, u)))
	}
}

// unauthorized answers 401 with the challenge of the API's tokens.
func unauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="gremium"`)
	apiError(w, http.StatusUnauthorized, "API-Token fehlt oder ist ungültig (Authorization: Bearer …)")
}

// reader gives the account of the request's API token, nil without one
// (the public).
func (a *Server) reader(r *http.Request) *model.User {
	if u, ok := r.Context().Value(tokenKey{}).(*model.User); ok {
		return u
	}
	return nil
}

// tokenUser answers 401 unless the request carries a valid API token.
func (a *Server) tokenUser(w http.ResponseWriter, r *http.Request) (*model.User, bool) {
	u := a.reader(r)
	if u == nil {
		unauthorized(w)
		return nil, false
	}
	return u, true
}

// tokenUserMay gives the account of the request's API token if it may do
// action (for no particular member); otherwise it answers 401 or 403 with
// the German reason why.
func (a *Server) tokenUserMay(w http.ResponseWriter, r *http.Request, action auth.Action, why string) (*model.User, bool) {
	u, ok := a.tokenUser(w, r)
	if !ok {
		return nil, false
	}
	if !auth.Can(u, action, "") {
		apiError(w, http.StatusForbidden, why)
		return nil, false
	}
	return u, true
}

// Procedure is a written procedure (Umlaufverfahren) in the JSON API, as
// its page shows it to a member office: the proposal, the deadline, the
// state and the vote of the token's member.
type Procedure struct {
	ID int64 `json:"id"`
	// Body is the abbreviation of the body that decides (IT-PLR,
	// AL-Runde): a member office votes in both.
	Body string `json:"gremium"`
	// Kind is the kind of the proposal, "Beschluss" or "Empfehlung", as
	// every decision's "art" gives it (it fixes the majority); Name is
	// what the pages call it (model.Decision.Name): also
	// "Beschlussempfehlung" for a procedure of the AL-Runde, whose "art"
	// is the kind of the proposal it recommends on.
	Kind     string        `json:"art"`
	Name     string        `json:"bezeichnung"`
	Title    string        `json:"titel,omitempty"`
	Points   []model.Point `json:"punkte"`
	Deadline string        `json:"frist"`
	Status   string        `json:"status"`
	// DeadlinePassed: the deadline has passed and the procedure awaits its
	// count (model.WrittenProcedure.Due): status is still "offen", but it
	// takes no vote.
	DeadlinePassed bool   `json:"fristAbgelaufen,omitempty"`
	Result         string `json:"ergebnis,omitempty"`
	Decision       string `json:"beschluss,omitempty"`
	OwnVote        string `json:"eigeneStimme,omitempty"`
	URL            string `json:"url"`
	VoteURL        string `json:"stimmeUrl,omitempty"`
	// NoBallot says, where VoteURL would stand but the account has no
	// ballot in the procedure's body, why (model.Voting.NoBallotReason,
	// the words of the procedure's page and of the vote's 403).
	NoBallot string `json:"keineStimme,omitempty"`
}

// apiProcedures lists the written procedures, open ones first, for a token
// of an account that may read them (as /umlaufverfahren): without it a
// member's system could cast a vote (POST …/stimme) but not learn which
// procedures wait for one, nor their text. Internal texts carry their
// confidential passages marked [[…]], as in the forms.
func (a *Server) apiProcedures(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUserMay(w, r, auth.ViewInternal, "Umlaufverfahren sehen nur Mitglieder, beratende Mitglieder, Sprecher:innen und die Geschäftsstelle.")
	if !ok {
		return
	}
	ctx := r.Context()
	ps, err := a.st.Procedures(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	bodies, err := a.st.Bodies(ctx, "")
	if err != nil {
		a.fail(w, r, err)
		return
	}
	members, err := a.st.VotingMembers(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	own, err := a.tokenMember(ctx, u)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	site := a.Site.Base(r)
	out := []Procedure{}
	now := a.clock()
	for _, p := range ps {
		d, err := a.st.Decision(ctx, p.DecisionID)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		var body model.Body
		if i := slices.IndexFunc(bodies, func(b model.Body) bool { return b.ID == d.BodyID }); i >= 0 {
			body = bodies[i]
		}
		o := Procedure{ID: p.ID, Body: body.Abbrev, Kind: d.Kind.Label(), Name: d.Name(), Title: model.TypedMarks(d.Title), Points: typedPoints(d.Points),
			Deadline: p.Deadline.In(model.Berlin).Format(time.RFC3339), Status: string(p.Status), DeadlinePassed: p.Due(now), Result: p.Result,
			URL: fmt.Sprintf("%s/umlaufverfahren/%d", site, p.ID)}
		if d.Status == model.DecisionAdopted {
			// The reader is internal: the number of an adopted decision
			// of the AL-Runde too, which is not public (the procedure's
			// page gives it).
			o.Decision = d.Label
		}
		// The vote of the token's member office only (model.MemberOffice),
		// as on the procedure's page: before, a spokesperson's token read
		// how its Land had voted while the procedure was open.
		for _, v := range p.Votes {
			if office := model.MemberOffice(u); office != "" && v.Member == office {
				o.OwnVote = string(v.Choice)
			}
		}
		// Where to vote, for an account with a ballot in the procedure's
		// body only (before: also for the office of a member the body's
		// rules do not let vote, whose vote was then refused).
		// Otherwise it reads why it has none, as on the procedure's page.
		if p.Status == model.ProcedureOpen && !o.DeadlinePassed {
			if o.NoBallot = noBallot(u, own, model.VotingIn(body, members, true)); o.NoBallot == "" {
				o.VoteURL = fmt.Sprintf("%s/api/v1/umlaufverfahren/%d/stimme", site, p.ID)
			}
		}
		out = append(out, o)
	}
	writeJSON(w, http.StatusOK, out)
}

// apiVote casts the vote of the token's member in a written procedure.
// An account without a ballot in the procedure's body is answered 403
// with the reason its page gives (model.Voting.NoBallotReason). The API
// takes no "gesehen" (the vote a web ballot showed): the member's system
// is the one client of its token and says what it sends; a vote it sends
// replaces the member's vote so far.
func (a *Server) apiVote(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUser(w, r)
	if !ok {
		return
	}
	// Refused before the lookup when the account votes in no procedure,
	// the same for every id (refuseNonVoter).
	if a.refuseNonVoter(w, r, u, true) {
		return
	}
	id, ok := pathNumber(w, r, "id")
	if !ok {
		return
	}
	ctx := r.Context()
	p, err := a.st.Procedure(ctx, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	d, err := a.st.Decision(ctx, p.DecisionID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !a.mayVote(w, r, u, d.BodyID, true) {
		return
	}
	var in procedureVoteIn
	vote, ok := a.voteRequest(w, r, &in)
	if !ok {
		return
	}
	if err := a.st.CastVote(store.WithActor(ctx, u.Username), id, u.MemberAbbrev, vote); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"mitglied": u.MemberAbbrev, "stimme": string(vote)})
}

// OpenSessionVote is the vote open in a session as the JSON API gives it
// to an internal account: what is voted on (confidential passages marked
// [[…]], as in the forms), who has voted (not how: that is seen once the
// vote is closed), the token's member's own vote and, for a voting member,
// where to send it.
type OpenSessionVote struct {
	Open    bool     `json:"offen"`
	Consent bool     `json:"grueneListe,omitempty"` // the Grüne Liste en bloc
	Subject string   `json:"gegenstand,omitempty"`
	Voted   []string `json:"abgestimmt"`
	OwnVote string   `json:"eigeneStimme,omitempty"`
	VoteURL string   `json:"stimmeUrl,omitempty"`
	// NoBallot says, for an account without a ballot in the session's
	// body, why (model.Voting.NoBallotReason, the words of the vote's page
	// and of the vote's 403); it stands where VoteURL would.
	NoBallot string `json:"keineStimme,omitempty"`
	Note     string `json:"hinweis,omitempty"`
	// Ballot is the id of the open vote, which a vote sent to VoteURL
	// names (abstimmung): the vote counts in this vote or not at all.
	Ballot int64 `json:"abstimmung,omitempty"`
	// Proposals is what is voted on, as the member's ballot page shows
	// it: the proposal, or each proposal of the Grüne Liste en bloc.
	// Before, a member's system got the title only and could not show
	// its head of office the text decided.
	Proposals []VotedProposal `json:"vorschlaege,omitempty"`
}

// typedPoints gives a proposal's points for an internal reader of the
// API: confidential passages marked [[…]], as the forms take them.
func typedPoints(ps []model.Point) []model.Point {
	out := make([]model.Point, len(ps))
	for i, pt := range ps {
		out[i] = model.Point{Label: pt.Label, Text: model.TypedMarks(pt.Text)}
	}
	return out
}

// VotedProposal is one proposal of an open vote in session: kind ("art":
// Beschluss or Empfehlung, which fixes the majority), the name the pages
// give it, title and points (confidential passages marked [[…]]), the
// majority it needs, and whether every member must consent.
type VotedProposal struct {
	Kind           string        `json:"art"`
	Name           string        `json:"bezeichnung"`
	Title          string        `json:"titel,omitempty"`
	Points         []model.Point `json:"punkte"`
	Majority       string        `json:"mehrheit"`
	AllMustConsent bool          `json:"zustimmungAllerMitglieder,omitempty"`
}

// apiOpenSessionVote gives the vote open in a session: without it a
// member's system could vote (POST …/abstimmung/stimme) but not learn
// whether a vote is open and on what.
func (a *Server) apiOpenSessionVote(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUserMay(w, r, auth.ViewInternal, "Laufende Abstimmungen sehen nur Mitglieder, beratende Mitglieder, Sprecher:innen und die Geschäftsstelle.")
	if !ok {
		return
	}
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	v, open, err := a.st.OpenSessionVote(ctx, se.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := OpenSessionVote{Voted: []string{}}
	if !open {
		out.Note = fmt.Sprintf("In der %d. Sitzung läuft zurzeit keine Abstimmung.", se.Number)
		writeJSON(w, http.StatusOK, out)
		return
	}
	// The session's body's voters, as the store counts them (before: every
	// member of a voting kind, whatever the body's rules).
	voting, err := a.voting(ctx, se.BodyID, false)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out.Open, out.Consent, out.Voted, out.Ballot = true, v.Consent(), append(out.Voted, v.Voted(voting.Voters)...), v.ID
	drafts, err := a.st.VoteDrafts(ctx, v)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	body, err := a.st.Body(ctx, se.BodyID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	for _, d := range drafts {
		out.Proposals = append(out.Proposals, VotedProposal{Kind: d.Kind.Label(), Name: d.ProposalName(), Title: model.TypedMarks(d.Title), Points: typedPoints(d.Points),
			Majority: body.Rules.For(d.Kind).Label(), AllMustConsent: d.AllMustConsent})
	}
	if v.Consent() {
		out.Subject = "Grüne Liste en bloc"
	} else if len(drafts) == 1 {
		out.Subject = model.TypedMarks(drafts[0].Title)
	}
	// The office's own vote only (model.MemberOffice), as on the vote's
	// page; not a spokesperson's Land's.
	for _, c := range v.Votes {
		if office := model.MemberOffice(u); office != "" && c.Member == office {
			out.OwnVote = string(c.Choice)
		}
	}
	// Where to vote, for an account with a ballot only (before: also for
	// the office of a member the body does not let vote, whose vote was
	// then refused); otherwise why it has none, as on the vote's page.
	m, err := a.tokenMember(ctx, u)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if out.NoBallot = noBallot(u, m, voting); out.NoBallot == "" {
		out.VoteURL = fmt.Sprintf("%s/api/v1/sitzungen/%d/abstimmung/stimme", a.Site.Base(r), se.Number)
	}
	writeJSON(w, http.StatusOK, out)
}

// apiSessionVote casts the vote of the token's member in the vote the
// request names (abstimmung, the id GET …/abstimmung gives): the member's
// system votes as its account would on the web, where the ballot's address
// names the vote too. Before, the vote went to whichever vote was open when
// the request arrived: when the chair closed one vote and opened the next
// between the member's read and its post, the member's vote landed on a
// proposal it had not read. A vote that is not (any more) open in this
// session is refused with 422 and nothing is recorded.
func (a *Server) apiSessionVote(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUser(w, r)
	if !ok || a.refuseNonVoter(w, r, u, false) {
		return
	}
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	if !a.mayVote(w, r, u, se.BodyID, false) {
		return
	}
	var in sessionVoteIn
	vote, ok := a.voteRequest(w, r, &in)
	if !ok {
		return
	}
	ctx := store.WithActor(r.Context(), u.Username)
	v, err := a.st.SessionVote(ctx, in.Ballot)
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		a.fail(w, r, err)
		return
	}
	if err != nil || v.SessionID != se.ID {
		a.fail(w, r, model.AtField("abstimmung", model.RuleError("Die Abstimmung %d ist keine Abstimmung der %d. Sitzung; die Stimme wurde nicht gezählt. Welche Abstimmung offen ist, nennt GET /api/v1/sitzungen/%d/abstimmung.", in.Ballot, se.Number, se.Number)))
		return
	}
	// CastSessionVote checks again, in its transaction, that the vote is
	// open; this check gives the reason that names the request's member.
	if v.Status != model.VoteOpen {
		a.fail(w, r, model.AtField("abstimmung", model.RuleError("Die Abstimmung %d ist nicht mehr offen; die Stimme wurde nicht gezählt. Welche Abstimmung jetzt offen ist, nennt GET /api/v1/sitzungen/%d/abstimmung.", in.Ballot, se.Number)))
		return
	}
	if err := a.st.CastSessionVote(ctx, v.ID, u.MemberAbbrev, vote, false); err != nil {
		a.fail(w, r, err)
		return
	}
	if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
	}
	writeJSON(w, http.StatusOK, map[string]string{"mitglied": u.MemberAbbrev, "stimme": string(vote)})
}

func (a *Server) apiComment(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUserMay(w, r, auth.CommentMinutes, "Kommentare zum Protokoll schreiben nur die Mitglieder, die beratenden Mitglieder und die Geschäftsstelle.")
	if !ok {
		return
	}
	var in struct {
		Text string `json:"kommentar" form:"kommentar"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if strings.TrimSpace(in.Text) == "" {
		a.fail(w, r, model.AtField("kommentar", model.InputError("Der Kommentar fehlt.")))
		return
	}
	ctx := store.WithActor(r.Context(), u.Username)
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	id, err := a.st.CreateComment(ctx, store.Comment{SessionID: se.ID, Author: u.Name, Member: u.MemberAbbrev, Text: strings.TrimSpace(in.Text)})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": id})
}

// voteIn is the body of a vote: its choice (stimme) and what else the
// operation needs.
type voteIn interface{ choice() string }

// procedureVoteIn is the body of a vote in written procedure; the
// procedure is named by the path.
type procedureVoteIn struct {
	Vote string `json:"stimme" form:"stimme"`
}

func (in *procedureVoteIn) choice() string { return in.Vote }

// sessionVoteIn is the body of a vote in session: the choice and the vote
// it answers (abstimmung, the id GET /api/v1/sitzungen/{nr}/abstimmung
// gives), so that it never counts in a vote opened after the member read.
type sessionVoteIn struct {
	Vote   string `json:"stimme" form:"stimme"`
	Ballot int64  `json:"abstimmung" form:"abstimmung" required:"Die Abstimmung fehlt, für die die Stimme gilt (abstimmung, wie GET /api/v1/sitzungen/{nr}/abstimmung sie nennt); ohne sie könnte die Stimme in einer inzwischen eröffneten anderen Abstimmung gezählt werden."`
}

func (in *sessionVoteIn) choice() string { return in.Vote }

// voteRequest reads the vote (in, with {"stimme": …}) of the token's
// member, which mayVote has let vote; otherwise it has answered and gives
// false.
func (a *Server) voteRequest(w http.ResponseWriter, r *http.Request, in voteIn) (model.VoteChoice, bool) {
	if !decodeBody(w, r, in) {
		return "", false
	}
	// A choice that is none is bad input whatever is open, said at its
	// member (/stimme).
	if err := model.VoteChoice(in.choice()).CastError(); err != nil {
		a.fail(w, r, err)
		return "", false
	}
	return model.VoteChoice(in.choice()), true
}

// voting gives the vote of the body bodyID, in session or written, as it
// concerns who has a ballot (model.VotingIn).
func (a *Server) voting(ctx context.Context, bodyID int64, written bool) (model.Voting, error) {
	body, err := a.st.Body(ctx, bodyID)
	if err != nil {
		return model.Voting{}, err
	}
	members, err := a.st.VotingMembers(ctx)
	if err != nil {
		return model.Voting{}, err
	}
	return model.VotingIn(body, members, written), nil
}

// tokenMember gives the member the token's account u acts for, with its
// name and kind; the zero Member for an account of no member.
func (a *Server) tokenMember(ctx context.Context, u *model.User) (model.Member, error) {
	if u.MemberAbbrev == "" {
		return model.Member{}, nil
	}
	m, err := a.st.Member(ctx, u.MemberAbbrev)
	if errors.Is(err, model.ErrNotFound) {
		return model.Member{}, nil
	}
	return m, err
}

// noBallot gives why the token's account u, acting for the member m, has
// no ballot in the vote (model.Voting.NoBallotReason: the reason the
// ballot's page shows), "" when it has one.
func noBallot(u *model.User, m model.Member, v model.Voting) string {
	reason := v.NoBallotReason(u, m)
	if reason == "" && !auth.Can(u, auth.Vote, u.MemberAbbrev) {
		reason = "Abstimmen kann nur das Konto eines stimmberechtigten Mitglieds."
	}
	return reason
}

// mayVote reports whether the token's account u has a ballot in a vote of
// the body bodyID (in session or written); otherwise it has answered 403
// with the reason, in the words of the ballot's page (before: "Nur die
// Mitglieder (Bund und Länder) stimmen ab." for a spokesperson of a Land,
// and 422 "… ist nicht stimmberechtigt." for the office of a member the
// body does not let vote).
func (a *Server) mayVote(w http.ResponseWriter, r *http.Request, u *model.User, bodyID int64, written bool) bool {
	v, err := a.voting(r.Context(), bodyID, written)
	if err != nil {
		a.fail(w, r, err)
		return false
	}
	m, err := a.tokenMember(r.Context(), u)
	if err != nil {
		a.fail(w, r, err)
		return false
	}
	if reason := noBallot(u, m, v); reason != "" {
		apiError(w, http.StatusForbidden, reason)
		return false
	}
	return true
}

// refuseNonVoter answers 403 before a vote is looked up when the token's
// account u votes in no vote of the kind, whatever the body
// (model.NoBallotAnywhere), with the reason for no body in particular:
// the same answer whether the vote the request names exists or not (as
// the web's form, web.Server.refuseNonVoter). Before, a FachMK
// secretariat's token learnt from 404 against 403 — the 403 naming the
// body — which procedures and sessions exist. It reports whether it has
// answered.
func (a *Server) refuseNonVoter(w http.ResponseWriter, r *http.Request, u *model.User, written bool) bool {
	m, err := a.tokenMember(r.Context(), u)
	if err != nil {
		a.fail(w, r, err)
		return true
	}
	reason := model.NoBallotAnywhere(u, m, written)
	if reason != "" {
		apiError(w, http.StatusForbidden, reason)
	}
	return reason != ""
}

// Delegate is a person of a delegation in the JSON API; the tag `form`
// names the field of the form's row (name_0, fields.go).
type Delegate struct {
	Name     string `json:"name" form:"name"`
	Function string `json:"funktion,omitempty" form:"funktion"`
	Online   bool   `json:"online" form:"teilnahme"`
	Deputy   bool   `json:"vertretung" form:"vertretung"`
}

// DelegationState is the registered delegation of a member in the JSON
// API: what the form /sitzungen/{nr}/teilnahme shows, with the version a
// change names.
type DelegationState struct {
	Member     string     `json:"mitglied"`
	Version    int        `json:"version"`
	Registered bool       `json:"gemeldet"`
	Delegates  []Delegate `json:"teilnehmende"`
	// Open: the member may still register (the session has not begun and
	// the secretariat has not closed the list; the secretariat corrects
	// until the minutes are approved).
	Open bool `json:"offen"`
}

// delegationMember gives the member whose delegation a token's account
// reads or registers: the secretariat names it (asked), a member office
// acts for its own member and may name only that one. ok is false if the
// account may not.
func delegationMember(u *model.User, asked string) (member string, secretariat, ok bool) {
	secretariat = auth.Can(u, auth.ManageSessions, "")
	member = u.MemberAbbrev
	if secretariat {
		member = asked
	}
	ok = member != "" && auth.Can(u, auth.RegisterDelegation, member) && (secretariat || asked == "" || asked == member)
	return member, secretariat, ok
}

// apiDelegationRead gives the registered delegation of the token's member
// for a session (a secretariat token names the member: ?mitglied=HE), as
// the form shows it: without it a client could not learn the version a
// change must name, nor what someone else registered after a 409.
func (a *Server) apiDelegationRead(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUser(w, r)
	if !ok {
		return
	}
	member, secretariat, ok := delegationMember(u, r.URL.Query().Get("mitglied"))
	if !ok {
		apiError(w, http.StatusForbidden, "Die Teilnahme liest jedes Mitglied für sich; die Geschäftsstelle für alle (mit ?mitglied=).")
		return
	}
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	if _, err := a.st.Member(ctx, member); err != nil {
		a.fail(w, r, err)
		return
	}
	list, closed, err := a.st.Delegations(ctx, se.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := DelegationState{Member: member, Delegates: []Delegate{}, Open: model.DelegationOpen(se, closed, secretariat) == nil}
	for _, g := range list {
		if g.Member != member {
			continue
		}
		out.Version, out.Registered = g.Version, true
		for _, p := range g.Delegates {
			out.Delegates = append(out.Delegates, Delegate{Name: p.Name, Function: p.Function, Online: p.Online, Deputy: p.Deputy})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// apiDelegation registers who attends a session for the token's member
// (Teilnahmemeldung), as the form /sitzungen/{nr}/teilnahme does: the
// whole delegation replaces the registered one; "version" is the version
// read (0 for the first registration). A secretariat token names the
// member ("mitglied").
func (a *Server) apiDelegation(w http.ResponseWriter, r *http.Request) {
	u, ok := a.tokenUser(w, r)
	if !ok {
		return
	}
	// A role that registers no delegation is refused before its body is
	// read, as the form does (it got the body's reasons, then 403).
	if !auth.Can(u, auth.RegisterDelegation, "") {
		apiError(w, http.StatusForbidden, "Die Teilnahme meldet jedes Mitglied für sich; die Geschäftsstelle für alle (mit \"mitglied\").")
		return
	}
	var in struct {
		Member    string     `json:"mitglied" form:"mitglied"`
		Version   int        `json:"version" form:"version" required:"Die gelesene Fassung der Meldung fehlt (version, wie GET /api/v1/sitzungen/{nr}/teilnahme sie nennt; 0 für die erste Meldung)."`
		Delegates []Delegate `json:"teilnehmende"`
	}
	if !decodeBody(w, r, &in, func() error { return model.CheckDelegates(delegatesOf(in.Delegates)) }) {
		return
	}
	member, secretariat, ok := delegationMember(u, in.Member)
	if !ok {
		apiError(w, http.StatusForbidden, "Die Teilnahme meldet jedes Mitglied für sich; die Geschäftsstelle für alle (mit \"mitglied\").")
		return
	}
	se, ok := a.sessionOfPath(w, r)
	if !ok {
		return
	}
	d := model.Delegation{SessionID: se.ID, Member: member, Version: in.Version, Delegates: delegatesOf(in.Delegates)}
	ctx := store.WithActor(r.Context(), u.Username)
	if err := a.st.SaveDelegation(ctx, d, secretariat); err != nil {
		a.fail(w, r, err)
		return
	}
	if a.OnSessionChange != nil {
		a.OnSessionChange(r, se.ID)
	}
	writeJSON(w, http.StatusOK, map[string]any{"mitglied": member, "version": in.Version + 1})
}

// delegatesOf gives the persons of a delegation sent to the API.
func delegatesOf(in []Delegate) []model.Delegate {
	var out []model.Delegate
	for _, p := range in {
		out = append(out, model.Delegate{Name: p.Name, Function: p.Function, Online: p.Online, Deputy: p.Deputy})
	}
	return out
}
