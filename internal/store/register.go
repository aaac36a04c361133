package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"gremium/internal/model"
)

// RegisterFilter selects decisions of the public register: only adopted,
// numbered decisions of a body are ever in it. Zero fields do not filter.
type RegisterFilter struct {
	BodyID    int64
	Year      int
	SectionID int64 // Schwerpunktthema of the decision's agenda item
	// ConferenceID keeps decisions relevant for a FachMK: assessed as
	// relevant in the decision profile or, where the profile does not
	// assess the conference, named in the item's impact statement (the
	// rule of RelevantDecisionsSince).
	ConferenceID int64
	Reporter     string // member abbreviation among the item's reporters (BE)
	Kind         model.DecisionKind
	// FollowUps is the implementation state rolled up from the decision's
	// follow-ups (model.ImplementationOf): offen, in Umsetzung, umgesetzt.
	FollowUps model.Implementation
	// Way keeps decisions taken one way: after discussion in a session, on
	// the Grüne Liste (the item's consent flag), in written procedure (no
	// session).
	Way model.DecisionWay
	// Terms is the full-text filter (q), in index form: the decision's
	// document in the search index (its public text, package search)
	// must hold them. Only the first RegisterTextCap decisions whose
	// documents hold them, the most recently indexed first, are
	// candidates (RegisterCapped tells when there are more).
	Terms  SearchTerms
	Offset int
	Limit  int // 0: all
}

// RegisterTextCap bounds the register's full-text filter: of the
// decisions whose public text holds the words, the RegisterTextCap most
// recently indexed are the candidates the other filters then select from,
// so that a filter by a word in half of a million decisions reads a
// thousand, not half a million, and every page of it reads the same.
const RegisterTextCap = SearchCap

// SearchTerms are the words of a full-text filter in index form (package
// search): its parts, each one word or the words of a phrase in order, as
// Search takes them, written as one string so that a filter holding them
// stays comparable (the register's numbers are kept per filter). Parts
// are separated by "|", a phrase's words by spaces; "" is no filter.
type SearchTerms string

// SearchTermsOf writes parts as SearchTerms, keeping only the letters and
// digits of each term (searchWords).
func SearchTermsOf(parts [][]string) SearchTerms {
	ps := searchWords(parts)
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = strings.Join(p, " ")
	}
	return SearchTerms(strings.Join(out, "|"))
}

// parts gives the parts of t.
func (t SearchTerms) parts() [][]string {
	if t == "" {
		return nil
	}
	var out [][]string
	for _, p := range strings.Split(string(t), "|") {
		out = append(out, strings.Fields(p))
	}
	return out
}

// RegisterFilterOf gives the filter of body bodyID that the register's
// address q asks for, the one reading of it for the web page, its feed
// and the JSON API. It leaves to the caller what q alone does not give:
// ConferenceID, the id of the FachMK q names by abbreviation (looked up
// with model.RegisterQuery.Unmatched among the conferences there are),
// Terms, the words of q.Text in index form (package search, which the
// store does not know), and Offset and Limit, which follow q.Page by the
// caller's page size. search.RegisterFilter gives the whole filter.
func RegisterFilterOf(bodyID int64, q model.RegisterQuery) RegisterFilter {
	return RegisterFilter{
		BodyID:    bodyID,
		Year:      q.Year,
		SectionID: q.Section,
		Reporter:  q.Reporter,
		Kind:      q.Kind,
		FollowUps: q.FollowUps,
		Way:       q.Way,
	}
}

// RegisterPage is one page of the register and the number of all matches.
// Each decision carries only its newest correction (Berichtigung), if it
// has any: what model.Decision.Current needs to give the text as last
// corrected, which every surface of the register shows.
type RegisterPage struct {
	Decisions []model.Decision
	Total     int
	// Capped says that more decisions than RegisterTextCap hold the
	// words of the full-text filter: the matches are among the
	// RegisterTextCap most recently indexed of them.
	Capped bool
}

// Register gives the page of published decisions matching f, newest number
// first.
func (s *Store) Register(ctx context.Context, f RegisterFilter) (RegisterPage, error) {
	w, err := s.registerWhereNow(ctx, f)
	if err != nil {
		return RegisterPage{}, err
	}
	var p RegisterPage
	if p.Total, err = s.RegisterCount(ctx, f); err != nil {
		return p, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = noLimit
	}
	from, args, err := s.registerFrom(ctx, f)
	if err != nil {
		return p, err
	}
	p.Decisions, err = queryList(ctx, s.rd, scanCorrectedDecision, "register",
		registerSelect(f, from, w, ` ORDER BY d.year DESC, d.seq DESC`, ` LIMIT ? OFFSET ?`),
		append(append(args, w.args...), limit, f.Offset)...)
	if err != nil {
		return p, err
	}
	if p.Capped, err = s.RegisterCapped(ctx, f); err != nil {
		return p, err
	}
	// A decision that binds only the consenting members shows which: its
	// votes are loaded (such decisions are rare, so the page stays cheap).
	for i := range p.Decisions {
		if p.Decisions[i].Scope == model.ScopeConsenting {
			if err := s.loadVotes(ctx, s.rd, &p.Decisions[i]); err != nil {
				return p, err
			}
		}
	}
	return p, nil
}

// correctedCols are the columns of a decision as the public surfaces read
// it (the register, its feed, the APIs, OParl): the decision's and those of
// its newest correction (NULL without one), joined by newestCorrection.
// They show a decision as last corrected, as its page does; reading the
// correction in the same statement keeps a page at the statements it took
// before.
const correctedCols = decisionCols + `, dc.version, dc.title, dc.points, dc.created_at`

// newestCorrection joins a decision's newest correction (one probe of the
// table's primary key).
const newestCorrection = ` LEFT JOIN decision_corrections dc ON dc.decision_id = d.id
	AND dc.version = (SELECT MAX(version) FROM decision_corrections WHERE decision_id = d.id)`

// scanCorrectedDecision scans correctedCols: the decision with its newest
// correction as its only one.
func scanCorrectedDecision(r scanner) (model.Decision, error) {
	var version sql.NullInt64
	var title, points, at sql.NullString
	d, err := scanDecision(multiScanner{r, []any{&version, &title, &points, &at}})
	if err != nil || !version.Valid {
		return d, err
	}
	c := model.DecisionCorrection{DecisionID: d.ID, Version: int(version.Int64), Title: title.String}
	c.At, _ = time.Parse(time.RFC3339, at.String)
	if c.Points, err = fromJSON[model.Point](points.String); err != nil {
		return d, err
	}
	d.Corrections = []model.DecisionCorrection{c}
	return d, nil
}

// registerFrom gives the FROM clause of the register's statements for f,
// naming the decisions d, and the arguments it takes before those of
// registerWhere. With a full-text filter the decisions are its candidates
// (registerCandidates), a JSON list of at most RegisterTextCap ids read
// by primary key, then filtered and ordered by number like the whole
// register. On SQLite the CROSS JOIN keeps that order of the join (the
// planner might else walk the whole register and probe the list).
func (s *Store) registerFrom(ctx context.Context, f RegisterFilter) (string, []any, error) {
	if f.Terms == "" {
		return `decisions d`, nil, nil
	}
	c, err := s.registerCandidates(ctx, f.BodyID, f.Terms)
	if err != nil {
		return "", nil, err
	}
	if s.isPG() {
		return `json_array_elements_text(CAST(? AS json)) AS s(value) JOIN decisions d ON d.id = CAST(s.value AS BIGINT)`, []any{c.ids}, nil
	}
	return `json_each(?) s CROSS JOIN decisions d ON d.id = s.value`, []any{c.ids}, nil
}

// registerSelect gives the statement of a page of the register: the
// decisions of from (registerFrom) matching w in order, tail (LIMIT,
// OFFSET) applied. With a full-text filter the page's ids are chosen
// first and only its decisions read whole: ordering up to
// RegisterTextCap candidates with all their columns and the probe for
// their newest correction cost a page three quarters of its time.
func registerSelect(f RegisterFilter, from string, w where, order, tail string) string {
	if f.Terms == "" {
		return `SELECT ` + correctedCols + ` FROM ` + from + newestCorrection + w.sql() + order + tail
	}
	return `SELECT ` + correctedCols + ` FROM decisions d` + newestCorrection + ` WHERE d.id IN (SELECT d.id FROM ` + from + w.sql() + order + tail + `)` + order
}

// registerCandidates are the decisions a full-text filter of the
// register selects from: the ids of the body's decisions named by the
// first RegisterTextCap documents of decisions (kind "beschluss", address
// /beschluesse/{label}) that match the terms, the most recently indexed
// first, each once, as a JSON array; capped says that more documents
// match. The index holds only what the public may read (package search):
// a word of a confidential passage finds nothing. Whether a candidate is
// in the register at all (adopted, numbered) its statements decide.
type registerCandidates struct {
	ids    string
	capped bool
}

// registerTextKey is the key of the kept candidates of a full-text
// filter.
type registerTextKey struct {
	bodyID int64
	terms  SearchTerms
}

// registerCandidates gives the candidates of the full-text filter terms
// in the register of body bodyID, kept per data version and filter (up
// to kept.MaxKeys filters of at most RegisterTextCap ids): they are read
// once, not for every page, count and feed of the same filter. Reading
// them reads up to RegisterTextCap+1 documents of the index and looks up
// their labels (index decisions_label).
func (s *Store) registerCandidates(ctx context.Context, bodyID int64, terms SearchTerms) (registerCandidates, error) {
	return s.registerTexts.Get(s.Version(), registerTextKey{bodyID, terms}, func() (registerCandidates, error) {
		c := registerCandidates{ids: "[]"}
		match, ok := s.matchExpr(terms.parts())
		if !ok {
			return c, nil // no word left (SearchTermsOf keeps words only): nothing matches
		}
		q := `SELECT substr(url, 14) FROM search_index WHERE search_index MATCH ? AND kind = 'beschluss' ORDER BY rowid DESC LIMIT ?`
		if s.isPG() {
			q = `SELECT substr(url, 14) FROM search_index WHERE tsv @@ ?::tsquery AND kind = 'beschluss' ORDER BY id DESC LIMIT ?`
		}
		labels, err := queryList(ctx, s.rd, func(r scanner) (string, error) {
			var l string
			return l, r.Scan(&l)
		}, "register candidates", q, match, RegisterTextCap+1)
		if err != nil {
			return c, err
		}
		if len(labels) > RegisterTextCap {
			c.capped, labels = true, labels[:RegisterTextCap]
		}
		if len(labels) == 0 {
			return c, nil
		}
		// The labels' decisions, looked up by label (index
		// decisions_label; the CROSS JOIN keeps SQLite from walking the
		// body's decisions instead).
		list, err := json.Marshal(labels)
		if err != nil {
			return c, err
		}
		q = `SELECT d.id FROM json_each(?) s CROSS JOIN decisions d ON d.label = s.value WHERE d.body_id = ?`
		if s.isPG() {
			q = `SELECT d.id FROM json_array_elements_text(CAST(? AS json)) AS s(value) JOIN decisions d ON d.label = s.value WHERE d.body_id = ?`
		}
		ids, err := queryList(ctx, s.rd, func(r scanner) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		}, "register candidates", q, string(list), bodyID)
		if err != nil {
			return c, err
		}
		slices.Sort(ids)
		b, err := json.Marshal(slices.Compact(ids))
		if err != nil || len(ids) == 0 {
			return c, err
		}
		c.ids = string(b)
		return c, nil
	})
}

// RegisterCapped tells whether more than RegisterTextCap decisions hold
// the words of f's full-text filter (false without one): the register
// then selects from the RegisterTextCap most recently indexed of them and
// says so. It is known with the filter's candidates (registerCandidates).
func (s *Store) RegisterCapped(ctx context.Context, f RegisterFilter) (bool, error) {
	if f.Terms == "" {
		return false, nil
	}
	c, err := s.registerCandidates(ctx, f.BodyID, f.Terms)
	return c.capped, err
}

// stateRead says how registerWhere reads the filter "umsetzung".
type stateRead int

const (
	// stateByRule rolls the follow-ups up by the publication rule joined
	// in SQL: while rows changed outside the store wait to be worked off.
	stateByRule stateRead = iota
	// stateFew reads the kept state from its index (an "IN" list): few
	// decisions are in the state, the page sorts them.
	stateFew
	// stateMany probes the kept state of each decision in the register's
	// order: many are, a page stops at its last row.
	stateMany
)

// fewStates is the most decisions in one state that stateFew reads.
const fewStates = 2000

// registerWhereNow is registerWhere with the way the filter "umsetzung"
// is read now: by the rule while marks wait, else from the kept state,
// by the number of decisions in that state (kept per data version).
func (s *Store) registerWhereNow(ctx context.Context, f RegisterFilter) (where, error) {
	read := stateByRule
	switch f.FollowUps {
	case model.ImplementationOpen, model.ImplementationProgress, model.ImplementationDone:
		var waiting int
		if err := s.rd.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM follow_up_public_dirty LIMIT 1) x`).Scan(&waiting); err != nil {
			return where{}, fmt.Errorf("store: register: %w", err)
		}
		if waiting != 0 {
			break
		}
		n, err := s.decisionStates.Get(s.Version(), f.FollowUps, func() (int, error) {
			var n int
			err := s.rd.QueryRowContext(ctx, `SELECT count(*) FROM follow_up_decision_state WHERE state = ?`, f.FollowUps).Scan(&n)
			return n, err
		})
		if err != nil {
			return where{}, fmt.Errorf("store: register: %w", err)
		}
		read = stateMany
		if n <= fewStates {
			read = stateFew
		}
	}
	return s.registerWhere(f, read)
}

// registerWhere gives the conditions of the register's filter f, the
// filter "umsetzung" read as read says (registerWhereNow).
func (s *Store) registerWhere(f RegisterFilter, read stateRead) (where, error) {
	var w where
	w.add("d.body_id = ? AND d.status = ? AND d.seq > 0", f.BodyID, model.DecisionAdopted)
	if f.Year != 0 {
		w.add("d.year = ?", f.Year)
	}
	if f.Kind != "" {
		w.add("d.kind = ?", f.Kind)
	}
	if f.SectionID != 0 {
		w.add("d.item_id IN (SELECT id FROM agenda_items WHERE section_id = ?)", f.SectionID)
	}
	if f.Reporter != "" {
		w.add("d.item_id IN (SELECT item_id FROM item_refs WHERE kind = 'be' AND value = ?)", f.Reporter)
	}
	if f.ConferenceID != 0 {
		// The rule of RelevantDecisionsSince (the debrief, the dossier,
		// "Mein Bereich"): the profile's assessment, the registration's
		// impact statement only where the profile does not assess the
		// conference.
		w.add(`(d.id IN (SELECT decision_id FROM decision_relevance WHERE conference_id = ? AND relevant = 1)
			OR d.item_id IN (SELECT i.id FROM agenda_items i, `+s.jsonInts("i.impact_conferences")+` j
				WHERE i.impact_conferences != '[]' AND j.value = ?)
			   AND NOT EXISTS (SELECT 1 FROM decision_relevance x WHERE x.decision_id = d.id AND x.conference_id = ?))`, f.ConferenceID, f.ConferenceID, f.ConferenceID)
	}
	// The consent agenda's items are few: "d.item_id IN (…)" starts from
	// them (index agenda_items_consent), a decision in written procedure
	// from the partial index decisions_written.
	switch f.Way {
	case "":
	case model.WayWritten:
		w.add("d.session_id IS NULL")
	case model.WayConsent:
		w.add("d.session_id IS NOT NULL AND d.item_id IN (SELECT id FROM agenda_items WHERE consent = 1)")
	case model.WayDiscussed:
		w.add("d.session_id IS NOT NULL AND (d.item_id IS NULL OR d.item_id NOT IN (SELECT id FROM agenda_items WHERE consent = 1))")
	default:
		return w, model.InputError("Das Verfahren „%s“ ist unbekannt.", f.Way)
	}
	// Only the follow-ups the public sees count (publicFollowUpsOf): the
	// register is the public one, for every reader, its feed and the
	// JSON API alike, and a hidden follow-up must not be found by it.
	// The state kept in the transaction of every change
	// (follow_up_decision_state).
	switch read {
	case stateFew:
		w.add("d.id IN (SELECT decision_id FROM follow_up_decision_state WHERE state = ?)", f.FollowUps)
		return w, nil
	case stateMany:
		w.add("EXISTS (SELECT 1 FROM follow_up_decision_state ks WHERE ks.decision_id = d.id AND ks.state = ?)", f.FollowUps)
		return w, nil
	}
	// The states of model.ImplementationOf, in SQL, while rows changed
	// outside the store wait to be worked off (kept is false). "d.id IN
	// (…)" lets SQLite start from the follow-ups (few) instead of testing
	// every decision of the register.
	public, publicArgs := publicFollowUpsOf(f.BodyID)
	has := func(statuses ...model.FollowUpStatus) string {
		in := strings.TrimSuffix(strings.Repeat("?, ", len(statuses)), ", ")
		return "d.id IN (SELECT f.decision_id" + followUpRuleFrom + " WHERE f.decision_id IS NOT NULL AND f.status IN (" + in + ") AND " + public + ")"
	}
	args := func(statuses ...model.FollowUpStatus) []any {
		out := make([]any, 0, len(statuses)+len(publicArgs))
		for _, x := range statuses {
			out = append(out, x)
		}
		return append(out, publicArgs...)
	}
	open, work, done := model.FollowUpOpen, model.FollowUpInProgress, model.FollowUpDone
	switch f.FollowUps {
	case "":
	case model.ImplementationOpen:
		w.add(has(open)+" AND NOT "+has(work, done), append(args(open), args(work, done)...)...)
	case model.ImplementationProgress:
		w.add(has(open, work)+" AND "+has(work, done), append(args(open, work), args(work, done)...)...)
	case model.ImplementationDone:
		w.add(has(done)+" AND NOT "+has(open, work), append(args(done), args(open, work)...)...)
	default:
		return w, model.InputError("Der Umsetzungsstand „%s“ ist unbekannt.", f.FollowUps)
	}
	return w, nil
}

// publicFollowUpsOf gives the condition (on the rows followUpRuleFrom
// names) under which the public sees a follow-up given in a session of the
// body councilID or by a decision — model.Public.FollowUpSQL, the rule of
// the public follow-up list — and its arguments.
func publicFollowUpsOf(councilID int64) (string, []any) {
	return model.Public.FollowUpSQL(nil, councilID)
}

// RegisterYears gives the years that have published decisions, newest
// first.
func (s *Store) RegisterYears(ctx context.Context, bodyID int64) ([]int, error) {
	return queryList(ctx, s.rd, func(r scanner) (int, error) {
		var y int
		return y, r.Scan(&y)
	}, "register years", `SELECT DISTINCT year FROM decisions WHERE body_id = ? AND status = ? AND seq > 0 ORDER BY year DESC`,
		bodyID, model.DecisionAdopted)
}

// CitingDecisions gives the published decisions whose agenda item names the
// decision label as a source (Quelle): the decisions that continue it,
// each with its newest correction (correctedCols).
func (s *Store) CitingDecisions(ctx context.Context, bodyID int64, label string) ([]model.Decision, error) {
	return queryList(ctx, s.rd, scanCorrectedDecision, "citing decisions", citingDecisions, label, bodyID, model.DecisionAdopted)
}

// citingDecisions reads the decisions whose items cite a label: found
// through the items that cite it (decisions_item), never through the
// body's register index. Without statistics (the store runs no ANALYZE)
// SQLite chose decisions_register for "body_id = ? AND status = ?" and
// read every adopted decision of the council: 1.5–2.4 s a decision page
// at 450,000 decisions (docs/performance.md). The unary plus on body_id
// keeps that index out of the plan; it is valid SQL on both engines.
const citingDecisions = `SELECT ` + correctedCols + ` FROM decisions d` + newestCorrection + `
		 WHERE d.item_id IN (SELECT item_id FROM item_refs WHERE kind = 'quelle' AND value = ?)
		   AND +d.body_id = ? AND d.status = ? AND d.seq > 0
		 ORDER BY d.year, d.seq`

// Implementations gives the implementation state of each of the decisions
// (by id) of the register of body councilID that has follow-ups the public
// sees, rolled up by model.ImplementationOf from those only
// (publicFollowUpsOf): the register's marker "Umsetzung" must not tell
// that a hidden follow-up exists.
func (s *Store) Implementations(ctx context.Context, councilID int64, decisionIDs []int64) (map[int64]model.Implementation, error) {
	out := map[int64]model.Implementation{}
	if len(decisionIDs) == 0 {
		return out, nil
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(decisionIDs)), ", ")
	args := make([]any, len(decisionIDs))
	for i, id := range decisionIDs {
		args[i] = id
	}
	public, publicArgs := publicFollowUpsOf(councilID)
	args = append(args, publicArgs...)
	fs, err := queryList(ctx, s.db, scanFollowUp, "implementations", `SELECT `+followUpCols+followUpRuleFrom+` WHERE f.decision_id IN (`+in+`) AND `+public+` ORDER BY f.id`, args...)
	if err != nil {
		return nil, err
	}
	by := map[int64][]model.FollowUp{}
	for _, f := range fs {
		by[f.DecisionID] = append(by[f.DecisionID], f)
	}
	for id, list := range by {
		if st := model.ImplementationOf(list); st != model.ImplementationNone {
			out[id] = st
		}
	}
	return out, nil
}
