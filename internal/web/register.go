package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// RegisterPerPage is the number of decisions on a page of the register.
const RegisterPerPage = 50

type decisionListData struct {
	Decisions   []model.Decision
	Sessions    map[int64]model.Session
	Years       []int
	Sections    []model.Section
	Conferences []model.Body
	Members     []model.Member
	Ways        []model.DecisionWay // the filter "Verfahren"
	Filter      registerQuery
	// Implementation is the state of each listed decision with follow-ups.
	Implementation map[int64]model.Implementation
	Total          int
	Page, Pages    int
	// PrevURL and NextURL are the neighbouring pages, by keyset ("" at
	// either end).
	PrevURL, NextURL template.URL
	// StartURL is the first page of the selection on any other page
	// ("Zum Anfang"; "" on the first and where PrevURL is it).
	StartURL template.URL
	// Refused says why the filter in the address was not applied, each
	// reason at its parameter: one that cannot be read (an impossible
	// year, page or position; the page then shows the whole register) or
	// a FachMK, member or topic that does not exist (the page shows the
	// rest of the selection, Filter). The page shows the reasons above
	// the filter form, each linked to its field, to choose again.
	Refused problems
	// Snippets are the words of each listed decision around the first
	// that matches the full-text filter (by decision id; none without a
	// filter or when only the number or title matched).
	Snippets map[int64]template.HTML
	// Capped says that more decisions than TextCap hold the words of the
	// full-text filter: the list selects from the TextCap most recently
	// indexed of them (store.RegisterTextCap).
	Capped  bool
	TextCap int
	// MaxText is the longest full-text filter (model.RegisterMaxText).
	MaxText int
}

// registerQuery is the register's filter as given in the address
// (model.RegisterQuery, read by model.ParseRegisterQuery as the JSON API
// reads it), with the links and words the page and its feed make of it.
type registerQuery struct {
	model.RegisterQuery
}

// Query gives the filter as URL query (without the page), for links to
// other pages of the same selection and to its feed.
func (q registerQuery) Query() string { return q.RegisterQuery.String() }

// FeedURL gives the address of the Atom feed of this selection. It is a
// template.URL so that html/template does not percent-encode its "=" and
// "&" as if the whole query were one value (that served the unfiltered
// feed).
func (q registerQuery) FeedURL() template.URL {
	if qs := q.Query(); qs != "" {
		return template.URL("/beschluesse.atom?" + qs)
	}
	return "/beschluesse.atom"
}

// FirstURL gives the address of the first page of this selection.
func (q registerQuery) FirstURL() template.URL {
	if qs := q.Query(); qs != "" {
		return template.URL("/beschluesse?" + qs)
	}
	return "/beschluesse"
}

// Selection names the filter in words for the title of its feed ("2025,
// Schwerpunktthema Datennutzung, relevant für FMK"; "" without a filter),
// so that feeds of different selections can be told apart in a feed
// reader. o gives the names of sections and members.
func (q registerQuery) Selection(o registerOptions) string {
	var parts []string
	if q.Year != 0 {
		parts = append(parts, strconv.Itoa(q.Year))
	}
	if q.Section != 0 {
		name := "Nr. " + strconv.FormatInt(q.Section, 10)
		for _, sec := range o.Sections {
			if sec.ID == q.Section {
				name = sec.Name
			}
		}
		parts = append(parts, "Schwerpunktthema "+name)
	}
	if q.Conference != "" {
		parts = append(parts, "relevant für "+q.Conference)
	}
	if q.Reporter != "" {
		name := q.Reporter
		for _, m := range o.Members {
			if m.Abbrev == q.Reporter {
				name = m.Name
			}
		}
		parts = append(parts, "Berichterstattung "+name)
	}
	switch q.Kind {
	case model.KindDecision:
		parts = append(parts, "nur Beschlüsse")
	case model.KindRecommendation:
		parts = append(parts, "nur Empfehlungen")
	}
	if q.FollowUps != "" {
		parts = append(parts, "Umsetzung "+q.FollowUps.Label())
	}
	if q.Way != "" {
		parts = append(parts, q.Way.Label())
	}
	if q.Text != "" {
		parts = append(parts, "mit „"+q.Text+"“")
	}
	return strings.Join(parts, ", ")
}

// Active says whether any filter is set.
func (q registerQuery) Active() bool { return q.Query() != "" }

// Narrowed says whether a filter other than the full-text filter is set.
func (q registerQuery) Narrowed() bool {
	r := q.RegisterQuery
	r.Text = ""
	return r.String() != ""
}

// parseRegisterQuery reads the filter; the error is an input error at
// its parameter with a German reason, the filter then the whole
// register's (page 1).
func parseRegisterQuery(v url.Values) (registerQuery, error) {
	q, err := model.ParseRegisterQuery(v)
	if err != nil {
		return registerQuery{model.RegisterQuery{Page: 1}}, err
	}
	return registerQuery{q}, nil
}

// registerFilter turns the address filter into the store's
// (search.RegisterFilter, as the JSON API does) and gives the parsed text
// for the snippets. It gives q with its abbreviations as the register
// writes them, whatever their case ("?be=he" is HE,
// model.RegisterQuery.Canonical), for the form and the links. A FachMK or
// reporting member (?be=) that does not exist, or a section that is no
// topic of the council (model.Section.Topic), is an error that refuses
// the filter at its parameter (filterRefused).
func (s *Server) registerFilter(ctx context.Context, bodyID int64, q registerQuery) (registerQuery, store.RegisterFilter, search.Query, error) {
	if q.Conference != "" || q.Reporter != "" {
		// The FachMK and members from the filter's choices, kept per data
		// version.
		opts, err := s.registerChoices(ctx, bodyID)
		if err != nil {
			return q, store.RegisterFilter{}, search.Query{}, err
		}
		if q.RegisterQuery, err = q.Canonical(opts.Conferences, opts.Members); err != nil {
			return q, store.RegisterFilter{}, search.Query{}, err
		}
	}
	f, text, err := search.RegisterFilter(ctx, s.st, bodyID, q.RegisterQuery)
	return q, f, text, err
}

// filterRefused says whether err refuses the register's filter (a value
// that cannot be read or cannot match, at its parameter) rather than
// being a failed read.
func filterRefused(err error) bool {
	c := model.ClassOf(err)
	return c == model.ErrInput || c == model.ErrNotFound
}

// without gives q without the filter at param, as a refusal names it
// (model.FieldOf), from its first page; without a parameter it can drop,
// the whole register.
func (q registerQuery) without(param string) registerQuery {
	q.Page = 1
	switch param {
	case "fachmk":
		q.Conference = ""
	case "be":
		q.Reporter = ""
	case "thema":
		q.Section = 0
	case "q":
		q.Text = ""
	default:
		return registerQuery{model.RegisterQuery{Page: 1}}
	}
	return q
}

// registerFieldID gives the id of the filter form's field for the
// parameter param ("" for one the form has not: seite, vor, nach).
func registerFieldID(param string) string {
	switch param {
	case "q", "jahr", "thema", "fachmk", "be", "art", "umsetzung", "verfahren":
		return "f-" + param
	}
	return ""
}

// RefusedSummary is the box above the filter form that says why the
// filter in the address was not applied (Refused), each reason linked to
// its field (the error summary of every refused form).
func (d decisionListData) RefusedSummary() errorSummary {
	return summaryAs("filter-fehler", "Die Auswahl in der Adresse ließ sich nicht anwenden", d.Refused, registerFieldID)
}

// registerRequest reads the register's filter from the request and gives
// the council, the filter and the page of pageSize decisions the filter's
// page asks for. It answers the request itself (ok false) on errors and,
// with the register page (400), for a filter that cannot be applied
// (registerFilterRequest).
func (s *Server) registerRequest(w http.ResponseWriter, r *http.Request, pageSize int) (council model.Body, q registerQuery, page store.RegisterPage, ok bool) {
	council, q, f, ok := s.registerFilterRequest(w, r)
	if !ok {
		return council, q, page, false
	}
	f.Offset, f.Limit = (q.Page-1)*pageSize, pageSize
	page, err := s.st.Register(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return council, q, page, false
	}
	// The register is public for every visitor.
	page.Decisions = model.Public.Register(page.Decisions)
	return council, q, page, true
}

func (s *Server) decisionList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	q, refused := parseRegisterQuery(r.URL.Query())
	var c registerCursorOf
	if refused == nil {
		var msg string
		if c, msg = parseRegisterCursor(r.URL.Query()); msg != "" {
			refused = model.InputError("%s", msg)
		}
	}
	if refused != nil {
		// A filter that cannot be read: the first page of the whole
		// register with the form and the reason, not an error page
		// without a way on.
		q, c = registerQuery{model.RegisterQuery{Page: 1}}, registerCursorOf{}
	}
	s.registerListPage(w, r, council, q, c.cursor, refused)
}

// registerListPage renders a page of the register: one statement for the
// page, one for its sessions; the number of matches and the choices of the
// filter are kept per data version (register_pages.go). refused is why
// the filter in the address could not be read (q is then the whole
// register's); a filter that names a FachMK, member or topic that does
// not exist is shown without it, with the reason. Either is answered
// 400, with the form to choose again.
func (s *Server) registerListPage(w http.ResponseWriter, r *http.Request, council model.Body, q registerQuery, c store.RegisterCursor, refused error) {
	ctx := r.Context()
	d := decisionListData{Page: q.Page, Sessions: map[int64]model.Session{}, Ways: model.DecisionWays,
		TextCap: store.RegisterTextCap, MaxText: model.RegisterMaxText}
	if refused != nil {
		d.Refused.add(refused)
	}
	var f store.RegisterFilter
	var text search.Query
	var err error
	// Each value that cannot match is dropped and said; a few at most
	// (FachMK, member, topic), then the whole register, which always can.
	for range 5 {
		var fq registerQuery
		fq, f, text, err = s.registerFilter(ctx, council.ID, q)
		if !filterRefused(err) {
			q = fq
			break
		}
		d.Refused.add(err)
		q, c = q.without(model.FieldOf(err)), store.RegisterCursor{}
	}
	d.Filter, d.Page = q, q.Page
	if err == nil {
		if d.Total, err = s.registerTotal(ctx, f); err == nil {
			f.Offset = (q.Page - 1) * RegisterPerPage
			d.Decisions, err = s.st.RegisterKeyset(ctx, f, c, RegisterPerPage)
		}
		if err == nil {
			d.Capped, err = s.st.RegisterCapped(ctx, f)
		}
	}
	var opts registerOptions
	if err == nil {
		opts, err = s.registerChoices(ctx, council.ID)
	}
	if err == nil {
		// The register is public for every visitor.
		d.Decisions = model.Public.Register(d.Decisions)
		if q.Text != "" {
			// From the public text only, as the index holds it.
			d.Snippets = map[int64]template.HTML{}
			for _, dec := range d.Decisions {
				if sn := search.DecisionSnippet(dec, text); sn != "" {
					d.Snippets[dec.ID] = sn
				}
			}
		}
		ids := make([]int64, 0, len(d.Decisions))
		for _, dec := range d.Decisions {
			if dec.SessionID != 0 {
				ids = append(ids, dec.SessionID)
			}
		}
		d.Sessions, err = s.st.SessionsByID(ctx, ids)
	}
	if err == nil {
		ids := make([]int64, len(d.Decisions))
		for i, dec := range d.Decisions {
			ids[i] = dec.ID
		}
		d.Implementation, err = s.st.Implementations(ctx, council.ID, ids)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Years, d.Sections, d.Conferences, d.Members = opts.Years, opts.Sections, opts.Conferences, opts.Members
	d.Pages = (d.Total + RegisterPerPage - 1) / RegisterPerPage
	if n := len(d.Decisions); n > 0 {
		if q.Page > 1 {
			d.PrevURL = q.cursorURL("nach", d.Decisions[0].Number, q.Page-1)
		}
		if q.Page < d.Pages && n == RegisterPerPage {
			d.NextURL = q.cursorURL("vor", d.Decisions[n-1].Number, q.Page+1)
		}
		if q.Page <= 1 && !(c.Before.IsZero() && c.After.IsZero()) {
			// A keyset address opened directly (?vor=2025-13, without
			// its page): newer decisions lie before it, though its
			// number is not known; it had no link back.
			d.PrevURL = q.newerURL(d.Decisions[0].Number)
		}
	}
	if q.Page > 1 || !(c.Before.IsZero() && c.After.IsZero()) {
		d.StartURL = q.FirstURL()
		if d.StartURL == d.PrevURL {
			d.StartURL = ""
		}
	}
	title := "Beschlüsse"
	if q.Year != 0 {
		title += " " + strconv.Itoa(q.Year)
	}
	status := http.StatusOK
	switch {
	case len(d.Refused) > 0:
		// A filter that cannot be read or names a FachMK, member or
		// topic that does not exist: a bad request, as the JSON API
		// answers it, and so never kept as a rendered page (rendered.go)
		// however many made-up values are asked for.
		status = http.StatusBadRequest
	case d.Total > 0 && len(d.Decisions) == 0:
		status = http.StatusNotFound // a page after the last one
	}
	s.render(w, r, status, "decisions.html", view{Title: title, Active: "beschluesse", Data: d})
}

type decisionData struct {
	Decision model.Decision
	Session  model.Session
	Item     model.AgendaItem
	HasItem  bool
	// ItemAnchor is the item's anchor on the session page
	// (model.ItemAnchors), the link's fragment.
	ItemAnchor string
	FollowUps  []model.FollowUp
	// Implementation is the decision's state rolled up from its follow-ups;
	// PerLand the state in each Land a decision binding only the consenting
	// Länder binds.
	Implementation model.Implementation
	PerLand        []model.LandImplementation
	// Deadlines gives each follow-up's deadline with its due session's
	// date once planned ("49. Sitzung (19.03.2026)"), and whether it is
	// overdue.
	Deadlines map[int64]followUpDue
	Members   map[string]model.Member
	Known     map[string]string
	// CitedBy are the published decisions that name this one as source:
	// "wird fortgeführt durch".
	CitedBy []model.Decision
	// Original is the decision as adopted when it has been corrected; the
	// page shows the corrected text (Decision) first.
	Original      model.Decision
	Corrected     bool
	SharesWarning string
	// Correction is the secretariat's correction form: the current text
	// with its confidential passages in the typed form, or the refused
	// form as it was sent.
	Correction correctionForm
	// ListedIn is, for a decision taken in written procedure (no
	// session), the session whose minutes list it under "Umlaufverfahren
	// seit der letzten Sitzung" (procedureSession); zero while no such
	// session is planned.
	ListedIn model.Session
}

// correctionForm is the form of a decision's correction: its fields as
// typed and the reasons it was refused for (none: not refused).
type correctionForm struct {
	Title, Points, Reason string
	// Basis is the version of the decision's text the form shows
	// (model.Decision.Fassung), sent back as "fassung": always the
	// current one, also when a refused form keeps what was typed.
	Basis    int
	Problems problems
}

func (s *Server) decisionPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ref := r.PathValue("ref")
	n, ok := model.ParseDecisionRef(ref)
	if !ok {
		s.notFound(w, r, "Beschlüsse werden mit ihrer Nummer aufgerufen, zum Beispiel /beschluesse/B-2025/26-IT.")
		return
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	a := s.audienceOf(r)
	dec, body, err := s.decisionByRef(ctx, council, ref)
	if err == nil && body.ID != council.ID {
		s.otherBodysDecision(w, r, council, a, ref, dec)
		return
	}
	if err == nil {
		var seen bool
		if dec, seen = a.Decision(dec); !seen {
			err = store.ErrNotFound
		}
	}
	if err != nil {
		switch {
		case !errors.Is(err, store.ErrNotFound):
			s.serverError(w, r, err)
		case decisionRefFits(council.DecisionPattern, ref):
			// The public is not told the product's name ("in gremium"),
			// nor whether an unpublished decision of the number exists.
			s.notFound(w, r, "Ein Beschluss mit der Nummer "+model.FormatDecisionNumber(council.DecisionPattern, n)+" ist im Beschlussregister nicht verzeichnet.")
		default:
			s.otherBodysDecision(w, r, council, a, ref, model.Decision{})
		}
		return
	}
	if ref != dec.Label {
		// One permanent address per decision: 2025/26 → B-2025/26-IT.
		http.Redirect(w, r, decisionURL(dec.Label), http.StatusMovedPermanently)
		return
	}
	s.renderDecision(w, r, http.StatusOK, council, a, dec, nil)
}

// decisionByRef finds the decision a number names (ref, as an address or
// a filter gives it), with the body that took it: the council's where the
// council's pattern fits ref (B-2025/26-IT, or the number alone,
// 2025/26), else — or if the council has no decision of a number written
// alone — its preparatory body's where that pattern fits (the AL-Runde's
// recommendation BE-2026/01-AL). So BE-2026/01-AL never names the
// council's B-2026/01-IT, and a number in the council's form costs one
// lookup, found or not (the decision page is the hottest public path).
// store.ErrNotFound for a number of neither; the caller applies the
// reader's audience. The decision page and the follow-up list's filter
// both resolve numbers by it.
func (s *Server) decisionByRef(ctx context.Context, council model.Body, ref string) (model.Decision, model.Body, error) {
	n, ok := model.ParseDecisionRef(ref)
	if !ok {
		return model.Decision{}, model.Body{}, store.ErrNotFound
	}
	if decisionRefFits(council.DecisionPattern, ref) {
		d, err := s.st.DecisionByNumber(ctx, council.ID, n)
		if !errors.Is(err, store.ErrNotFound) || !decisionRefFits(bareNumber, ref) {
			// Found, or written in the council's own form
			// (B-2099/01-IT): no other body's number.
			return d, council, err
		}
	}
	prep, err := s.st.PreparatoryBody(ctx, council.ID)
	if err != nil {
		return model.Decision{}, model.Body{}, err
	}
	if !decisionRefFits(prep.DecisionPattern, ref) {
		return model.Decision{}, model.Body{}, store.ErrNotFound
	}
	d, err := s.st.DecisionByNumber(ctx, prep.ID, n)
	return d, prep, err
}

// bareNumber is the pattern of a number written alone (2025/26), which
// fits every body's pattern (model.DecisionRefFits): a reference that
// fits it names no body.
const bareNumber = "{JJJJ}/{NN}"

// otherBodysDecision answers /beschluesse/{ref} for a number that is none
// of the council's: dec, a recommendation of its preparatory body (the
// AL-Runde) found by decisionByRef, leads to its item on the AL-Runde's
// session page for those who may read it; anything else (dec zero) is
// not found.
func (s *Server) otherBodysDecision(w http.ResponseWriter, r *http.Request, council model.Body, a model.Audience, ref string, dec model.Decision) {
	if _, seen := a.Decision(dec); dec.ID != 0 && dec.SessionID != 0 && seen {
		target, err := s.recommendationURL(r.Context(), dec)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	s.notFound(w, r, "„"+ref+"“ ist keine Nummer eines Beschlusses des "+council.Abbrev+"; Beschlüsse werden mit ihrer Nummer aufgerufen, zum Beispiel "+decisionURL(model.FormatDecisionNumber(council.DecisionPattern, model.DecisionNumber{Year: 2025, Seq: 26}))+".")
}

// recommendationURL gives the address a recommendation of the preparatory
// body (the AL-Runde's, no register page) is read at: its item on its
// session's page.
func (s *Server) recommendationURL(ctx context.Context, dec model.Decision) (string, error) {
	se, err := s.st.Session(ctx, dec.SessionID)
	if err != nil {
		return "", err
	}
	return s.itemURL(ctx, se, dec.ItemID)
}

// renderDecision shows the page of the decision dec, as the audience a may
// see it (the gate applied to dec already): the public the public text,
// the internal users the internal one with its confidential passages
// marked, and the secretariat the correction form with that text in the
// typed form (refused: the form as it was sent, with every reason at its
// field).
func (s *Server) renderDecision(w http.ResponseWriter, r *http.Request, status int, council model.Body, a model.Audience, dec model.Decision, refused *correctionForm) {
	ctx := r.Context()
	d := decisionData{Decision: dec}
	var err error
	if dec.SessionID != 0 {
		if d.Session, err = s.st.Session(ctx, dec.SessionID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if dec.SessionID == 0 && dec.BodyID == council.ID {
		if d.ListedIn, err = s.procedureSession(ctx, dec); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if dec.ItemID != 0 {
		if d.Item, err = s.st.Item(ctx, dec.ItemID); err != nil {
			s.serverError(w, r, err)
			return
		}
		if d.ItemAnchor, err = s.st.ItemAnchorOf(ctx, d.Item); err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Item = a.Item(d.Item)
		d.HasItem = true
	}
	if d.FollowUps, err = s.st.FollowUps(ctx, store.FollowUpFilter{DecisionID: dec.ID}); err != nil {
		s.serverError(w, r, err)
		return
	}
	// The public sees here only the follow-ups its list and their own
	// pages show (SeesItem too, model.Audience.FollowUpSQL): neither a
	// follow-up whose page it does not find nor its state in "Stand der
	// Umsetzung", as the register's marker (store.Implementations).
	var listed map[int64]bool
	if a.IsPublic() {
		q, err := s.followUpListQuery(r, store.FollowUpFilter{DecisionID: dec.ID})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		q.Audience, q.User = a, nil
		entries, err := s.st.FollowUpPage(ctx, q, nil, false, 1000)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		listed = map[int64]bool{}
		for _, e := range entries {
			listed[e.ID] = true
		}
	}
	var shown []model.FollowUp
	for _, f := range d.FollowUps {
		if a.SeesFollowUp(f, &dec, &d.Session) && (listed == nil || listed[f.ID]) {
			shown = append(shown, a.FollowUp(f))
		}
	}
	d.FollowUps = shown
	d.Implementation = model.ImplementationOf(shown)
	d.Deadlines = map[int64]followUpDue{}
	now := s.clock()
	for _, f := range shown {
		var due *model.Session
		if f.DueSession > 0 {
			if se, err := s.st.SessionByNumber(ctx, council.ID, f.DueSession); err == nil {
				due = &se
			} else if !errors.Is(err, store.ErrNotFound) {
				s.serverError(w, r, err)
				return
			}
		}
		d.Deadlines[f.ID] = dueOf(f, due, now)
	}
	if bound := dec.Bound(); len(bound) > 0 && len(shown) > 0 {
		d.PerLand = model.ImplementationPerLand(bound, shown)
	}
	if d.Members, err = s.memberMap(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Known, err = s.knownDecisions(ctx, council.ID, d.Item.Sources); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.CitedBy, err = s.st.CitingDecisions(ctx, council.ID, dec.Label); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.CitedBy = a.Register(d.CitedBy)
	if len(dec.Corrections) > 0 {
		d.Original, d.Corrected = dec, true
		d.Decision.Title, d.Decision.Points = dec.Current()
	}
	if refused != nil {
		d.Correction = *refused
	} else {
		d.Correction = correctionForm{Title: editableMarks(d.Decision.Title), Points: pointLines(d.Decision.Points)}
	}
	d.Correction.Basis = dec.Fassung()
	if dec.SharesYear != 0 {
		if d.SharesWarning, err = s.sharesWarningFor(ctx, s.user(r)); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "decision.html", view{Title: dec.Name() + " " + dec.Label, Active: "beschluesse", Data: d})
}

// procedureSession gives the session whose minutes list dec, a decision
// taken in written procedure, under "Umlaufverfahren seit der letzten
// Sitzung": the one whose period (store.ProcedurePeriod, from the end of
// the session before to its own end) holds the procedure's close, read
// as the minutes read it (store.ProcedureDecisions), so that the page
// links the session whose minutes do list it. The close is on the day of
// adoption, so the candidates are the body's few sessions numbered from
// the first dated on the day before on; a planned session counts (its
// minutes will list it). Zero when there is none yet.
func (s *Server) procedureSession(ctx context.Context, dec model.Decision) (model.Session, error) {
	if dec.AdoptedOn.IsZero() {
		return model.Session{}, nil
	}
	dayBefore := model.BerlinDate(dec.AdoptedOn.Time().AddDate(0, 0, -1))
	first, err := s.st.FirstSessionAfter(ctx, dec.BodyID, model.BerlinDate(dec.AdoptedOn.Time().AddDate(0, 0, -2)))
	if errors.Is(err, store.ErrNotFound) {
		return model.Session{}, nil
	}
	if err != nil {
		return model.Session{}, err
	}
	// Sessions on one day: FirstSessionAfter gives the one numbered
	// highest, so those numbered just below it are candidates too.
	candidates, err := s.st.SessionsAfter(ctx, dec.BodyID, max(0, first.Number-procedureSessionSlack-1), 2*procedureSessionSlack+1)
	if err != nil {
		return model.Session{}, err
	}
	for _, se := range candidates {
		if se.Date.IsZero() || se.Cancelled() || se.Date.Before(dayBefore) {
			continue
		}
		after, until, err := s.st.ProcedurePeriod(ctx, se)
		if err != nil {
			return model.Session{}, err
		}
		ds, err := s.st.ProcedureDecisions(ctx, dec.BodyID, after, until)
		if err != nil {
			return model.Session{}, err
		}
		for _, listed := range ds {
			if listed.ID == dec.ID {
				return se, nil
			}
		}
	}
	return model.Session{}, nil
}

// procedureSessionSlack is how many sessions around the first dated near
// a written procedure's close procedureSession looks at: sessions held on
// the same or the next day, and cancelled ones between.
const procedureSessionSlack = 3

// refuseCorrection answers a correction that err refused: the decision's
// page with the form as it was sent and every reason at its field, or the
// error page when err is no refusal of the form.
func (s *Server) refuseCorrection(w http.ResponseWriter, r *http.Request, id int64, err error, typed correctionForm) {
	status, reasons, ok := refusalProblems(err)
	if !ok {
		s.failKeeping(w, r, err, "Diesen Beschluss gibt es nicht.", typed.Points)
		return
	}
	ctx := r.Context()
	council, cerr := s.councilBody(ctx)
	if cerr != nil {
		s.serverError(w, r, cerr)
		return
	}
	dec, derr := s.st.Decision(ctx, id)
	a := s.audienceOf(r)
	if derr == nil {
		var seen bool
		if dec, seen = a.Decision(dec); !seen {
			derr = store.ErrNotFound
		}
	}
	if derr != nil {
		s.fail(w, r, derr, "Diesen Beschluss gibt es nicht.")
		return
	}
	typed.Problems = reasons
	s.renderDecision(w, r, status, council, a, dec, &typed)
}

// correctDecision keeps a correction (Berichtigung) of an adopted decision
// as a new version with its reason; the decision as adopted stays.
func (s *Server) correctDecision(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	typed := correctionForm{Title: r.PostFormValue("titel"), Points: r.PostFormValue("punkte"), Reason: r.PostFormValue("anlass")}
	// The occasion is shown with the correction, to the public too: its
	// [[…]] are confidential like the title's.
	c := model.DecisionCorrection{DecisionID: id, Reason: typed.Reason}
	var err error
	if c.Title, err = model.ConfidentialMarks(typed.Title); err != nil {
		typed.Problems.add(model.AtField("titel", err))
	}
	points, err := formLines(typed.Points)
	if err != nil {
		typed.Problems.add(model.AtField("punkte", err))
	} else if len(points) > 0 {
		c.Points = model.NumberedPoints(points)
	}
	// The version the form showed: a correction of an older text is
	// refused rather than taking back a correction made meanwhile. A post
	// without it (a form loaded before the field existed, a client that
	// does not send it) or with one that is no version says no text it
	// was based on: it is refused too (-1, model.DecisionCorrection.CheckBasis),
	// the page showing the current text and the form the input as typed,
	// based on the current version. Before, it was saved unchecked and
	// could take back another window's correction without a word.
	basis := -1
	if n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("fassung"))); err == nil && n >= 0 {
		basis = n
	}
	var v int
	if len(typed.Problems) == 0 {
		// The store turns the occasion's [[…]] into confidential passages.
		v, err = s.st.CorrectDecisionOver(r.Context(), c, basis)
	} else {
		// A correction the store does not see gets its rules here, to give
		// every reason at once.
		typed.Problems.add(c.MarkReason())
		typed.Problems.addUnrefused(c.Validate())
		// Whether it is based on the current text and changes anything,
		// once title and points were read.
		if d, err := s.st.Decision(r.Context(), id); err == nil {
			if stale := c.CheckBasis(d, basis); stale != nil {
				typed.Problems = append(problems{stale}, typed.Problems...)
			} else if typed.Problems.At("titel") == "" && typed.Problems.At("punkte") == "" {
				typed.Problems.add(c.CheckChanges(d))
			}
		}
		err = typed.Problems.err()
	}
	if err != nil {
		s.refuseCorrection(w, r, id, err, typed)
		return
	}
	d, err := s.st.Decision(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.SessionID != 0 {
		s.changed(r, d.SessionID)
	} else if err := search.IndexDecision(r.Context(), s.st, d.ID); err != nil {
		s.log.Error("search index", "decision", d.ID, "err", err)
	}
	back(w, r, decisionURL(d.Label), fmt.Sprintf("Berichtigung %d ist gespeichert; die beschlossene Fassung bleibt erhalten.", v))
}
