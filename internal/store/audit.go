package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gremium/internal/jsontext"
	"gremium/internal/model"
)

// The audit log (table audit_log) records every change: who, when, what
// (action, entity, id) and the changed columns before and after. Entries are
// written in the transaction of the change, at its end, one per changed
// object (see changeSet), and each is hash-chained to the one before it
// (see entryHash and VerifyAudit in audit_chain.go).

// AuditKind is a kind of object the audit log records.
type AuditKind struct {
	Name  string // as stored in audit_log.entity: "decision"
	Label string // German, for the audit page: "Beschluss"
}

// auditEntity says where the recorded state of one kind of object is read
// from: its row (by id) and the dependent rows that belong to it.
type auditEntity struct {
	AuditKind
	table string      // the table of its rows, keyed by id ("" if it has no row of its own)
	parts []auditPart // dependent rows recorded as lists
}

// auditPart is a list of dependent rows, read with one query whose only
// parameter is the object's id; the query orders the rows.
type auditPart struct{ name, query string }

// LoginEntity is the entity of login, logout and failed-login entries; its
// id is the account's (0 for an unknown user name). These entries record
// events, not changes of stored objects.
const LoginEntity = "login"

// auditEntities are the audited kinds of objects. Every store write names
// one of them; an object whose state is read before and after the change
// is "tracked" (see touch).
var auditEntities = []auditEntity{
	{AuditKind{"session", "Sitzung"}, "sessions", []auditPart{
		{"anwesenheit", `SELECT member_abbrev, presence, person, from_item_id, until_item_id FROM session_attendance WHERE session_id = ? ORDER BY member_abbrev`},
		{"teilnahme", `SELECT member_abbrev, position, name, function, online, deputy FROM session_delegates WHERE session_id = ? ORDER BY member_abbrev, position`},
		{"teilnahme_stand", `SELECT member_abbrev, version, updated_by FROM session_delegations WHERE session_id = ? ORDER BY member_abbrev`},
		{"teilnehmerliste_geschlossen", `SELECT closed_at, closed_by FROM session_delegation_lists WHERE session_id = ?`}}},
	{AuditKind{"agenda_item", "TOP"}, "agenda_items", nil},
	{AuditKind{"contribution", "Wortbeitrag (ON)"}, "contributions", nil},
	{AuditKind{"protocol_note", "Protokollnotiz (PN)"}, "protocol_notes", nil},
	{AuditKind{"note_submission", "Eingereichte Protokollnotiz"}, "note_submissions", nil},
	{AuditKind{"remark", "Vermerk"}, "remarks", nil},
	{AuditKind{"decision", "Beschluss"}, "decisions", []auditPart{
		{"stimmen", `SELECT member_abbrev, choice FROM votes WHERE decision_id = ? ORDER BY member_abbrev`},
		{"fachmk_relevanz", `SELECT conference_id, relevant, reason, assessed_by FROM decision_relevance WHERE decision_id = ? ORDER BY conference_id`},
		{"gelernte_begriffe", `SELECT conference_id, term, relevant FROM relevance_feedback WHERE decision_id = ? ORDER BY conference_id, term`},
		{"berichtigungen", `SELECT version, title, points, reason, created_by, created_at FROM decision_corrections WHERE decision_id = ? ORDER BY version`},
		{"mitantraege", `SELECT member, state, asked, named_by, decided_by, decided_at FROM co_applications WHERE decision_id = ? ORDER BY member`}}},
	// A vote in session records who has voted, and how only once it is
	// closed: while it runs (and after a cancel, which closes nothing)
	// the choice is blank, as the live page and the ballots promise, so
	// the close's entry is the one that records the choices, in the
	// close's transaction, with the result. A show of hands, which all
	// saw, keeps its choice.
	{AuditKind{"vote", "Abstimmung in der Sitzung"}, "ballots", []auditPart{
		{"stimmen", `SELECT member_abbrev, CASE WHEN show_of_hands <> 0 OR (SELECT b.status FROM ballots b WHERE b.id = ballot_votes.ballot_id) = '` + string(model.VoteClosed) + `'
			THEN choice ELSE '' END AS choice, cast_by, show_of_hands, cast_at FROM ballot_votes WHERE ballot_id = ? ORDER BY member_abbrev`}}},
	{AuditKind{"earlier_decision", "Früherer Beschluss"}, "earlier_decisions", nil},
	{AuditKind{"procedure", "Umlaufverfahren"}, "written_procedures", []auditPart{
		{"stimmen", `SELECT member_abbrev, choice, voted_at FROM procedure_votes WHERE procedure_id = ? ORDER BY member_abbrev`}}},
	{AuditKind{"follow_up", "Auftrag"}, "follow_ups", []auditPart{
		{"kommentare", `SELECT author, member, text, created_at FROM follow_up_comments WHERE follow_up_id = ? ORDER BY id`}}},
	{AuditKind{"follow_up_dismissal", "verworfener Auftragsvorschlag"}, "follow_up_dismissals", nil},
	{AuditKind{"minutes", "Protokollfassung"}, "", []auditPart{
		{"fassungen", `SELECT version, stand, note, text, created_by, created_at FROM minutes_versions WHERE session_id = ? ORDER BY version`}}},
	{AuditKind{"comment", "Kommentar zum Protokoll"}, "minutes_comments", nil},
	{AuditKind{"minutes_correction", "Berichtigung des Protokolls"}, "minutes_corrections", []auditPart{{"umlaufverfahren", "SELECT procedure_id, correction_version, outcome FROM correction_procedures WHERE correction_id = ? ORDER BY procedure_id"}}},
	{AuditKind{"speaker_request", "Wortmeldung (Redeliste)"}, "speaker_requests", nil},
	{AuditKind{"document", "Dokument"}, "documents", nil},
	// A note on a document is private to its author (or its office): the
	// log records that it changed, its length and sharing, never its text.
	{AuditKind{"document_note", "Notiz zu einem Dokument"}, "", []auditPart{
		{"notiz", `SELECT document_id, user_id, member, shared, length(text) AS zeichen, updated_at FROM document_notes WHERE id = ?`}}},
	{AuditKind{"body", "Gremium"}, "bodies", []auditPart{
		{"vorsitz", `SELECT year, member_abbrev FROM body_chairs WHERE body_id = ? ORDER BY year`},
		{"delegierte", `SELECT member_abbrev, person_id, deputy FROM body_delegates WHERE body_id = ? ORDER BY member_abbrev, deputy, person_id`}}},
	{AuditKind{"recommendation", "Beschlussempfehlung"}, "recommendations", nil},
	{AuditKind{"section", "Schwerpunktthema"}, "sections", nil},
	{AuditKind{"contact", "Kontakt"}, "contacts", nil},
	{AuditKind{"conference_date", "FachMK-Termin"}, "conference_dates", nil},
	{AuditKind{"member", "Mitglied"}, "members", nil},
	{AuditKind{"person", "Person"}, "persons", nil},
	{AuditKind{"assignment", "Sprecherfunktion"}, "spokesperson_assignments", nil},
	{AuditKind{"debrief", "Nachbesprechung"}, "debriefs", []auditPart{
		{"eintraege", `SELECT position, decision_id, conference_id, presenter FROM debrief_entries WHERE debrief_id = ? ORDER BY position`}}},
	{AuditKind{"briefing", "Briefing"}, "briefings", []auditPart{
		{"fassungen", `SELECT version, stand, author, content, saved_at, key_messages, key_message_texts FROM briefing_versions WHERE briefing_id = ? ORDER BY version`}}},
	{AuditKind{"request", "Anliegen"}, "requests", nil},
	{AuditKind{"task", "Aufgabe"}, "tasks", nil},
	{AuditKind{"evaluation_question", "Evaluationsfrage"}, "evaluation_questions", nil},
	{AuditKind{"evaluation_answer", "Evaluationsantwort"}, "evaluation_answers", nil},
	{AuditKind{"evaluation_round", "Evaluationsrunde"}, "evaluation_rounds", []auditPart{
		{"fragen", `SELECT position, question_id FROM evaluation_round_questions WHERE round_id = ? ORDER BY position`}}},
	{AuditKind{"fachmk_report", "Bericht (Reporting FachMK)"}, "fachmk_reports", nil},
	{AuditKind{"conference_outcome", "Ergebnis einer FachMK-Sitzung"}, "conference_outcomes", nil},
	{AuditKind{"spokesperson_contact", "Kontakt einer Sprecherin oder eines Sprechers"}, "spokesperson_contacts", nil},
	{AuditKind{"key_message", "Kernbotschaft"}, "key_messages", nil},
	{AuditKind{"task_check", "Aufgabe einer FachMK (Checkliste)"}, "task_checks", nil},
	{AuditKind{"notification", "Nachricht (Postausgang)"}, "outbox", nil},
	{AuditKind{"user", "Konto"}, "users", []auditPart{
		{"api_tokens", `SELECT id, name, created_at, expires_at FROM api_tokens WHERE user_id = ? ORDER BY id`},
		{"benachrichtigungen", `SELECT event, channel FROM notification_subscriptions WHERE user_id = ? ORDER BY event, channel`},
		{"kalender", `SELECT id, created_at FROM calendar_tokens WHERE user_id = ? ORDER BY id`}}},
	{AuditKind{"notification_settings", "Benachrichtigungseinstellungen"}, "notification_settings", nil},
	{AuditKind{"legal_page", "Rechtliche Seite (Impressum, Barrierefreiheit, Datenschutz)"}, "legal_pages", nil},
	{AuditKind{"ks_shares", "Königsteiner Schlüssel"}, "", []auditPart{
		{"anteile", `SELECT abbrev, share FROM ks_shares WHERE year = ? ORDER BY abbrev`}}},
	{AuditKind{LoginEntity, "Anmeldung"}, "", nil},
}

// AuditKinds gives the kinds of objects the audit log records, in the
// order of the audit page's filter.
func AuditKinds() []AuditKind {
	out := make([]AuditKind, len(auditEntities))
	for i, e := range auditEntities {
		out[i] = e.AuditKind
	}
	return out
}

func entityByName(name string) *auditEntity {
	for i := range auditEntities {
		if auditEntities[i].Name == name {
			return &auditEntities[i]
		}
	}
	return nil
}

// tracked reports whether the entity has a state to record before and
// after a change (everything but login events).
func (e *auditEntity) tracked() bool { return e.table != "" || len(e.parts) > 0 }

// secretColumns are never written to the audit log; a fingerprint shows
// that they changed.
var secretColumns = map[string]bool{"password_hash": true, "token_hash": true}

// maxAuditValue is the longest text recorded verbatim; longer texts (the
// minutes of a session as text, long briefings) are recorded by their
// SHA-256 and length, which proves what they were without copying them.
const maxAuditValue = 8 << 10

// auditValue turns a column value into what the log records.
func auditValue(col string, v any) any {
	switch x := v.(type) {
	case []byte:
		if !utf8.Valid(x) {
			return "base64:" + base64.StdEncoding.EncodeToString(x)
		}
		v = string(x)
	case time.Time:
		v = x.UTC().Format(time.RFC3339Nano)
	}
	s, ok := v.(string)
	if !ok {
		return v
	}
	if secretColumns[col] {
		sum := sha256.Sum256([]byte(s))
		return "verborgen:" + hex.EncodeToString(sum[:6])
	}
	if len(s) > maxAuditValue {
		sum := sha256.Sum256([]byte(s))
		return fmt.Sprintf("sha256:%s (%d Bytes)", hex.EncodeToString(sum[:]), len(s))
	}
	return s
}

// state is the recorded state of one object: column or part name → value.
// nil means that the object does not exist.
type state map[string]any

// snapshot reads the recorded state of an object inside tx.
func (s *Store) snapshot(ctx context.Context, tx *sql.Tx, e *auditEntity, id int64) (state, error) {
	st := state{}
	if e.table != "" {
		list, err := s.rowMaps(ctx, tx, "SELECT * FROM "+e.table+" WHERE id = ?", id)
		if err != nil {
			return nil, fmt.Errorf("store: audit snapshot of %s %d: %w", e.Name, id, err)
		}
		if len(list) == 0 {
			return nil, nil
		}
		st = list[0]
	}
	for _, p := range e.parts {
		list, err := s.rowMaps(ctx, tx, p.query, id)
		if err != nil {
			return nil, fmt.Errorf("store: audit snapshot of %s %d (%s): %w", e.Name, id, p.name, err)
		}
		st[p.name] = partList(list)
	}
	return st, nil
}

// rowMaps runs query and gives every row as column → audit value.
func (s *Store) rowMaps(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]state, error) {
	var rows *sql.Rows
	var err error
	if _, shared := s.auditStmts[query]; shared {
		var stmt *sql.Stmt
		if stmt, err = s.prepared(ctx, tx, query); err != nil {
			return nil, err
		}
		rows, err = stmt.QueryContext(ctx, args...)
	} else {
		// Batches of varying length: the connection keeps them compiled
		// (stmtCachingConn; pgx caches statements itself).
		rows, err = tx.QueryContext(ctx, query, args...)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []state
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := state{}
		for i, c := range cols {
			m[c] = auditValue(c, vals[i])
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// compactJSON encodes v as encoding/json does without HTML escaping; map
// keys are sorted, so equal values give equal bytes. States hold strings,
// integers, nil and lists of such maps; those are encoded here directly
// (encoding/json's reflection was a tenth of an import), anything else
// through encoding/json.
func compactJSON(v any) string {
	return string(appendJSON(make([]byte, 0, 256), v))
}

// appendJSON appends the compactJSON encoding of v to b.
func appendJSON(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return jsontext.AppendString(b, x)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case bool:
		return strconv.AppendBool(b, x)
	case state:
		return appendJSONObject(b, x)
	case map[string]any:
		return appendJSONObject(b, x)
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e)
		}
		return append(b, ']')
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// States hold only strings, numbers, nil and lists of such maps.
		panic(err)
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// appendJSONObject appends an object with its keys sorted.
func appendJSONObject(b []byte, m map[string]any) []byte {
	b, _ = jsontext.AppendObject(b, m, appendJSONValue) // appendJSONValue never fails
	return b
}

// appendJSONValue is appendJSON in the form jsontext.AppendObject takes.
func appendJSONValue(b []byte, v any) ([]byte, error) { return appendJSON(b, v), nil }

// diff gives the recorded before and after of a change: for a created
// object everything after, for a removed one everything before, otherwise
// the changed columns only, and of the parts the rows that went away
// (before) and the rows that came (after). Empty parts are left out.
func diff(before, after state) (old, new string, changed bool) {
	switch {
	case before == nil && after == nil:
		return "", "", false
	case before == nil:
		return "", compactJSON(withoutEmpty(after)), true
	case after == nil:
		return compactJSON(withoutEmpty(before)), "", true
	}
	o, n := map[string]any{}, map[string]any{}
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	for k := range keys {
		b, a := before[k], after[k]
		bl, isList := b.([]any)
		al, _ := a.([]any)
		if isList || al != nil {
			gone, came := listDiff(bl, al)
			if len(gone) > 0 {
				o[k] = gone
			}
			if len(came) > 0 {
				n[k] = came
			}
			continue
		}
		if compactJSON(b) != compactJSON(a) {
			o[k], n[k] = b, a
		}
	}
	if len(o) == 0 && len(n) == 0 {
		return "", "", false
	}
	old, new = "{}", "{}"
	if len(o) > 0 {
		old = compactJSON(o)
	}
	if len(n) > 0 {
		new = compactJSON(n)
	}
	return old, new, true
}

// listDiff compares two lists of rows as multisets.
func listDiff(before, after []any) (gone, came []any) {
	count := map[string]int{}
	for _, a := range after {
		count[compactJSON(a)]++
	}
	for _, b := range before {
		k := compactJSON(b)
		if count[k] > 0 {
			count[k]--
			continue
		}
		gone = append(gone, b)
	}
	count = map[string]int{}
	for _, b := range before {
		count[compactJSON(b)]++
	}
	for _, a := range after {
		k := compactJSON(a)
		if count[k] > 0 {
			count[k]--
			continue
		}
		came = append(came, a)
	}
	return gone, came
}

// withoutEmpty gives s without its empty lists (s itself when it has
// none, as most rows: it is only encoded).
func withoutEmpty(s state) state {
	empty := false
	for _, v := range s {
		if l, ok := v.([]any); ok && len(l) == 0 {
			empty = true
			break
		}
	}
	if !empty {
		return s
	}
	out := state{}
	for k, v := range s {
		if l, ok := v.([]any); ok && len(l) == 0 {
			continue
		}
		out[k] = v
	}
	return out
}

// changeKey names one object.
type changeKey struct {
	entity string
	id     int64
}

// pendingChange is the audit entry of one object being built during a
// transaction.
type pendingChange struct {
	key     changeKey
	entity  *auditEntity
	tracked bool  // before holds the state before the transaction touched the object
	before  state // nil: the object did not exist
	actions []string
	details []string
	actor   string
	done    bool
	// after is the object's state at the end of the transaction when
	// flushChanges read it with others of its kind, or its insert gave it
	// back and nothing wrote to it since (afterRead).
	after     state
	afterRead bool
	// imported is the record of an import of minutes: the session's entry
	// carries it (action "import") instead of one entry per created row.
	imported *importRecord
}

// changeSet collects the changes of one transaction. The store writes one
// audit entry per changed object when the transaction's work is done (in
// the order the objects were first touched), so that the entry holds the
// object's whole change, dependent rows included, however the work was
// split into statements.
type changeSet struct {
	list  []*pendingChange
	byKey map[changeKey]*pendingChange
	// the newest entry of the chain, read once per transaction
	headLoaded bool
	head       AuditHead
	// at is the time of the transaction's entries (auditTime), read from
	// the clock once, when its first entry is written: one operation has
	// one time, however long it runs, so an object's created time in
	// OParl is the same whether it is built with the change or later from
	// the audit log. The OParl objects the transaction changes take it as
	// their modified time.
	at string
	// content is set when an entry records more than a login event: only
	// then do cached pages become stale.
	content bool
	// quiet marks a transaction that changes no content even if it writes
	// no entry (a logout with an unknown token).
	quiet bool
	// stmts are the audit's statements, prepared once per transaction
	// (preparing is most of the cost of a statement); the transaction's end
	// closes them.
	stmts map[string]*sql.Stmt
	// entries are the audit entries built (hash-chained) but not yet
	// inserted; flushChanges inserts them several at a time.
	entries []auditRow
	// imported, while set, collects the rows insertRows creates into the
	// record of an import instead of giving each its own entry.
	imported *importRecord
	// importRows are the id ranges of import entries built, to insert
	// into audit_import_rows with the entries.
	importRows []importRange
	// oparlAfterCommit: the operation leaves the OParl objects of its
	// changes to be built after its commit (WriteOption OParlAfterCommit):
	// its rows stay marked in oparl_dirty for the backlog sync.
	oparlAfterCommit bool
}

func newChangeSet() *changeSet {
	return &changeSet{byKey: map[changeKey]*pendingChange{}, stmts: map[string]*sql.Stmt{}}
}

// prepared gives the statement for query in tx, once per transaction. The
// audit's queries are prepared when the store opens (prepareAudit), and
// database/sql keeps them prepared on every connection they ran on, so a
// transaction does not parse them again.
func (s *Store) prepared(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	cs := s.changes(tx)
	if cs == nil {
		return nil, fmt.Errorf("store: audit statement outside a transaction of the store")
	}
	if st, ok := cs.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	if shared, ok := s.auditStmts[query]; ok {
		st = tx.StmtContext(ctx, shared)
	} else {
		var err error
		if st, err = tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
	}
	cs.stmts[query] = st
	return st, nil
}

// auditQueries are the statements every audited write runs.
func auditQueries() []string {
	qs := []string{insertAuditEntry, selectAuditHead, selectItemRows}
	for _, e := range auditEntities {
		if e.table != "" {
			qs = append(qs, "SELECT * FROM "+e.table+" WHERE id = ?")
		}
		for _, p := range e.parts {
			qs = append(qs, p.query)
		}
	}
	return qs
}

// prepareAudit prepares the audit's statements once, when the store opens
// (preparing later, inside a transaction that holds a connection, could
// wait for a free one).
func (s *Store) prepareAudit(ctx context.Context) error {
	s.auditStmts = map[string]*sql.Stmt{}
	for _, q := range auditQueries() {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("store: prepare %q: %w", q, err)
		}
		s.auditStmts[q] = st
	}
	return nil
}

// changes gives the change set of a transaction begun by inTx.
func (s *Store) changes(tx *sql.Tx) *changeSet {
	s.txMu.Lock()
	defer s.txMu.Unlock()
	return s.txChanges[tx]
}

func (s *Store) pending(ctx context.Context, tx *sql.Tx, entity string, id int64) (*changeSet, *pendingChange, error) {
	cs := s.changes(tx)
	if cs == nil {
		return nil, nil, fmt.Errorf("store: audit %s %d outside a transaction of the store", entity, id)
	}
	k := changeKey{entity, id}
	if p := cs.byKey[k]; p != nil {
		return cs, p, nil
	}
	e := entityByName(entity)
	if e == nil {
		return nil, nil, fmt.Errorf("store: audit: unknown entity %q", entity)
	}
	p := &pendingChange{key: k, entity: e, actor: actorFrom(ctx)}
	cs.list = append(cs.list, p)
	cs.byKey[k] = p
	return cs, p, nil
}

// quiet marks tx as a login transaction: it leaves the data version (and
// with it the cached pages) alone.
func (s *Store) quiet(tx *sql.Tx) {
	if cs := s.changes(tx); cs != nil {
		cs.quiet = true
	}
}

// touch records the state of an object before the transaction changes it.
// Every write calls it (insert, updateVersioned and updatePlain do) before
// the statement that changes the object or its dependent rows; touching an
// object twice keeps the first state.
func (s *Store) touch(ctx context.Context, tx *sql.Tx, entity string, id int64) error {
	_, p, err := s.pending(ctx, tx, entity, id)
	if err != nil {
		return err
	}
	// A write follows: a state after known from the object's insert
	// (insertedAs) is no longer the state after.
	p.after, p.afterRead = nil, false
	if p.tracked || !p.entity.tracked() {
		return nil
	}
	p.before, err = s.snapshot(ctx, tx, p.entity, id)
	p.tracked = err == nil
	return err
}

// created records that the object was just inserted: its state before was
// "not there". If the transaction had removed an object with the same id
// before (SQLite reuses the highest id), that removal is logged first.
func (s *Store) created(ctx context.Context, tx *sql.Tx, entity string, id int64) error {
	cs, p, err := s.pending(ctx, tx, entity, id)
	if err != nil {
		return err
	}
	if p.tracked || len(p.actions) > 0 {
		// The row with this id now is the new one: the old one is gone.
		if err := s.writeChange(ctx, tx, cs, p, true); err != nil {
			return err
		}
		delete(cs.byKey, p.key)
		if _, p, err = s.pending(ctx, tx, entity, id); err != nil {
			return err
		}
	}
	p.tracked, p.before = true, nil
	return nil
}

// insertedAs records the state of an object just inserted, as the insert
// gave it back (RETURNING *): flushChanges need not read it again unless a
// later write touches the object. Only for kinds without dependent parts
// (the row is the whole state).
func (s *Store) insertedAs(ctx context.Context, tx *sql.Tx, entity string, id int64, st state) error {
	_, p, err := s.pending(ctx, tx, entity, id)
	if err != nil {
		return err
	}
	if len(p.entity.parts) > 0 || st == nil {
		return fmt.Errorf("store: audit %s %d: no state of the insert to record", entity, id)
	}
	p.after, p.afterRead = st, true
	return nil
}

// audit notes an action on an object in tx, with a short detail (a label,
// a count, a vote) for the log. Its entry is written at the end of the
// transaction; the object must have been touched before it was changed.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, action, entity string, id int64, detail string) error {
	_, p, err := s.pending(ctx, tx, entity, id)
	if err != nil {
		return err
	}
	p.actions = append(p.actions, action)
	if detail != "" && !slices.Contains(p.details, detail) {
		p.details = append(p.details, detail)
	}
	p.actor = actorFrom(ctx)
	return nil
}

// flushChanges writes the audit entries of a transaction's changes: it
// reads the states after the change of all objects of a kind with one
// query per inChunk objects, builds the entries and inserts them
// auditInsertBatch at a time.
func (s *Store) flushChanges(ctx context.Context, tx *sql.Tx) error {
	cs := s.changes(tx)
	if err := s.readAfter(ctx, tx, cs); err != nil {
		return err
	}
	for i := 0; i < len(cs.list); i++ { // writeChange may not add to the list, but be safe
		if p := cs.list[i]; !p.done {
			if err := s.writeChange(ctx, tx, cs, p, false); err != nil {
				return err
			}
		}
	}
	return s.insertEntries(ctx, tx, cs)
}

// readAfter reads the state after the transaction of every tracked object
// whose entry is still to be written, the rows of a table and each of
// their dependent parts with one query per inChunk objects (inBatches).
func (s *Store) readAfter(ctx context.Context, tx *sql.Tx, cs *changeSet) error {
	byEntity := map[*auditEntity][]*pendingChange{}
	var order []*auditEntity
	for _, p := range cs.list {
		if p.done || !p.tracked || p.entity.table == "" || p.afterRead {
			continue
		}
		if _, ok := byEntity[p.entity]; !ok {
			order = append(order, p.entity)
		}
		byEntity[p.entity] = append(byEntity[p.entity], p)
	}
	for _, e := range order {
		list := byEntity[e]
		ids := make([]int64, len(list))
		for i, p := range list {
			ids[i] = p.key.id
		}
		found := make(map[int64]state, len(list))
		err := inBatches(ids, func(in string, args []any) error {
			rows, err := s.rowMapsByID(ctx, tx, "SELECT * FROM "+e.table+" WHERE id IN "+in, args...)
			if err != nil {
				return fmt.Errorf("store: audit snapshot of %s: %w", e.Name, err)
			}
			for _, part := range e.parts {
				byID, err := s.partsByID(ctx, tx, part, in, args)
				if err != nil {
					return fmt.Errorf("store: audit snapshot of %s (%s): %w", e.Name, part.name, err)
				}
				for id, st := range rows {
					st[part.name] = partList(byID[id])
				}
			}
			maps.Copy(found, rows)
			return nil
		})
		if err != nil {
			return err
		}
		for _, p := range list {
			p.after, p.afterRead = found[p.key.id], true
		}
	}
	return nil
}

// partKey is the column under which partsByID reads the id of the object
// a dependent row belongs to; it is removed from the recorded row.
const partKey = "audit_part_key"

// partWhere finds the one parameter of a part's query: "WHERE col = ?".
var partWhere = regexp.MustCompile(`\bWHERE (\w+) = \?`)

// partsByID reads a dependent part of many objects with one query: the
// part's query with "col = ?" as "col IN in" (the objects' ids in args,
// see inBatches), ordered by the object first, then as the query orders.
// A query of another shape is run per object.
func (s *Store) partsByID(ctx context.Context, tx *sql.Tx, part auditPart, in string, args []any) (map[int64][]state, error) {
	out := make(map[int64][]state, len(args))
	m := partWhere.FindStringSubmatchIndex(part.query)
	if m == nil || strings.Count(part.query, "?") != 1 || !strings.HasPrefix(part.query, "SELECT ") {
		for _, id := range args {
			if _, done := out[id.(int64)]; done {
				continue // a repeat that pads the list
			}
			rows, err := s.rowMaps(ctx, tx, part.query, id)
			if err != nil {
				return nil, err
			}
			out[id.(int64)] = rows
		}
		return out, nil
	}
	col := part.query[m[2]:m[3]]
	q := "SELECT " + col + " AS " + partKey + ", " + part.query[len("SELECT "):m[0]] +
		"WHERE " + col + " IN " + in + part.query[m[1]:]
	if i := strings.Index(q, " ORDER BY "); i >= 0 {
		q = q[:i] + " ORDER BY " + partKey + ", " + q[i+len(" ORDER BY "):]
	} else {
		q += " ORDER BY " + partKey
	}
	rows, err := s.rowMaps(ctx, tx, q, args...)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		id, ok := asInt64(r[partKey])
		if !ok {
			return nil, fmt.Errorf("%s: no integer key", part.name)
		}
		delete(r, partKey)
		out[id] = append(out[id], r)
	}
	return out, nil
}

// asInt64 gives an integer column's value (SQLite gives int64, PostgreSQL
// int64 or int32 by the column's type).
func asInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int32:
		return int64(x), true
	case int:
		return int64(x), true
	}
	return 0, false
}

// partList turns the rows of a dependent part into the state's list.
func partList(rows []state) []any {
	parts := make([]any, len(rows))
	for i, m := range rows {
		parts[i] = map[string]any(m)
	}
	return parts
}

// rowMapsByID runs a query of whole rows and gives them by their id.
func (s *Store) rowMapsByID(ctx context.Context, tx *sql.Tx, query string, args ...any) (map[int64]state, error) {
	list, err := s.rowMaps(ctx, tx, query, args...)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]state, len(list))
	for _, m := range list {
		id, ok := asInt64(m["id"])
		if !ok {
			return nil, fmt.Errorf("row without an integer id")
		}
		out[id] = m
	}
	return out, nil
}

// writeChange writes the entry of one object: its state now (or, if gone,
// its absence) against the state recorded by touch or created.
func (s *Store) writeChange(ctx context.Context, tx *sql.Tx, cs *changeSet, p *pendingChange, gone bool) error {
	p.done = true
	var old, new string
	action := ""
	for _, a := range p.actions {
		if a != "update" && a != "create" {
			action = a // the last specific action names the change
		}
	}
	if p.entity.tracked() {
		if !p.tracked {
			return fmt.Errorf("store: audit %s %s %d: the state before the change was not recorded (touch missing)", action, p.key.entity, p.key.id)
		}
		var after state
		switch {
		case gone:
		case p.afterRead:
			after = p.after
		default:
			var err error
			if after, err = s.snapshot(ctx, tx, p.entity, p.key.id); err != nil {
				return err
			}
		}
		var changed bool
		old, new, changed = diff(p.before, after)
		if !changed && len(p.actions) == 0 {
			return nil // touched, but nothing changed
		}
		switch {
		case p.imported != nil:
			// The session's entry records the import (audit_import.go),
			// whether it created the session or not.
		case p.before == nil && after != nil && p.entity.table != "":
			action = "create"
		case p.before != nil && after == nil && p.entity.table != "":
			action = "remove"
		case action == "":
			action = "update"
		}
	}
	if action == "" {
		action = "update"
	}
	if p.key.entity != LoginEntity {
		cs.content = true
	}
	if p.imported != nil {
		action = "import"
		new = withImport(new, p.imported)
	}
	if cs.at == "" {
		cs.at = s.now().UTC().Format(auditTime)
	}
	err := s.appendEntry(ctx, tx, cs, auditRow{
		At: cs.at, Actor: p.actor, Action: action,
		Entity: p.key.entity, EntityID: p.key.id, Detail: strings.Join(p.details, "; "),
		Before: old, After: new,
	})
	if err == nil && p.imported != nil {
		for _, r := range p.imported.ranges() {
			r.entry = cs.head.ID
			cs.importRows = append(cs.importRows, r)
		}
	}
	return err
}

// auditRow is one row of audit_log as stored.
type auditRow struct {
	ID       int64
	At       string // auditTime, UTC
	Actor    string
	Action   string
	Entity   string
	EntityID int64
	Detail   string
	Before   string // JSON object of the recorded columns before, "" if none
	After    string // JSON object of the recorded columns after, "" if none
	PrevHash string
	Hash     string
}

// appendEntry adds an entry to the end of the chain. The transaction holds
// SQLite's write lock from its BEGIN (the store's transactions are
// IMMEDIATE, in every process that opens the database through the store),
// and in WAL mode a writing transaction always reads the newest committed
// state: no other writer can add an entry between reading the head and
// appending to it, so the chain cannot fork.
func (s *Store) appendEntry(ctx context.Context, tx *sql.Tx, cs *changeSet, e auditRow) error {
	if !cs.headLoaded {
		stmt, err := s.prepared(ctx, tx, selectAuditHead)
		if err != nil {
			return fmt.Errorf("store: audit head: %w", err)
		}
		err = stmt.QueryRowContext(ctx).Scan(&cs.head.ID, &cs.head.Hash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: audit head: %w", err)
		}
		cs.headLoaded = true
	}
	e.ID = cs.head.ID + 1
	e.PrevHash = cs.head.Hash
	e.Hash = entryHash(e)
	cs.entries = append(cs.entries, e)
	cs.head = AuditHead{ID: e.ID, Hash: e.Hash}
	return nil
}

// auditInsertBatch is how many entries one INSERT of insertEntries writes
// (11 parameters each, far below the engines' limits).
const auditInsertBatch = 100

// insertEntries inserts the entries appendEntry built, in chain order,
// auditInsertBatch per statement.
func (s *Store) insertEntries(ctx context.Context, tx *sql.Tx, cs *changeSet) error {
	for len(cs.entries) > 0 {
		n := min(len(cs.entries), auditInsertBatch)
		chunk := cs.entries[:n]
		q := insertAuditEntry
		if n > 1 {
			q += strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", n-1)
		}
		args := make([]any, 0, 11*n)
		for _, e := range chunk {
			args = append(args, e.ID, e.At, e.Actor, e.Action, e.Entity, e.EntityID, e.Detail, e.Before, e.After, e.PrevHash, e.Hash)
		}
		// The connection keeps the statement compiled (stmtCachingConn;
		// pgx caches statements itself).
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: audit %s %s %d …: %w", chunk[0].Action, chunk[0].Entity, chunk[0].EntityID, err)
		}
		cs.entries = cs.entries[n:]
	}
	return s.insertImportRows(ctx, tx, cs)
}

const (
	insertAuditEntry = `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail, old_values, new_values, prev_hash, hash)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	selectAuditHead = `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`
)

// auditHead reads the newest entry's id and hash (zero for an empty log).
func auditHead(ctx context.Context, q queryer) (AuditHead, error) {
	var h AuditHead
	err := q.QueryRowContext(ctx, selectAuditHead).Scan(&h.ID, &h.Hash)
	if err != nil && err != sql.ErrNoRows {
		return h, fmt.Errorf("store: audit head: %w", err)
	}
	return h, nil
}

// auditEncodingVersion starts the hashed encoding of every entry.
const auditEncodingVersion = "gremium-audit-v1\n"

// entryHash gives the hash of an entry: hex SHA-256 over
//
//	"gremium-audit-v1\n" + field(id) + field(at) + field(actor) + field(action) +
//	field(entity) + field(entity_id) + field(detail) + field(old_values) +
//	field(new_values) + field(prev_hash)
//
// where field(x) is the decimal length of x in bytes, ":", x and "\n"
// (numbers in decimal). The length prefix makes the encoding unambiguous
// whatever the texts contain; prev_hash links the entry to the one before
// it ("" for the first entry).
func entryHash(e auditRow) string {
	h := sha256.New()
	h.Write([]byte(auditEncodingVersion))
	for _, f := range []string{strconv.FormatInt(e.ID, 10), e.At, e.Actor, e.Action, e.Entity,
		strconv.FormatInt(e.EntityID, 10), e.Detail, e.Before, e.After, e.PrevHash} {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// auditActions are the German names of the logged actions.
var auditActions = map[string]string{
	"create": "angelegt", "update": "geändert", "remove": "entfernt",
	"adopt": "beschlossen", "reject": "abgelehnt", "correct": "berichtigt",
	"status": "Status geändert", "approve": "genehmigt", "version": "neue Fassung",
	"move": "verschoben", "import": "importiert", "quorum": "Beschlussfähigkeit festgestellt", "take_up": "aufgerufen",
	"vote": "abgestimmt", "close": "ausgewertet", "remind": "erinnert",
	"assess": "Relevanz bewertet", "answer": "beantwortet", "load": "geladen",
	"token": "API-Token angelegt", "password": "Passwort geändert",
	"claim": "zum Senden übernommen", "sent": "gesendet", "failed": "endgültig fehlgeschlagen",
	"retry_later": "Zustellung fehlgeschlagen, neuer Versuch geplant", "retry": "erneut zu senden", "cancel": "abgebrochen",
	"invite": "Einladung zum Versand gegeben", "comment": "kommentiert", "calendar": "Kalenderadresse geändert",
	"login": "angemeldet", "logout": "abgemeldet", "login_failed": "Anmeldung fehlgeschlagen",
	"co_apply": "Mitantrag erbeten", "co_confirm": "Mitantrag bestätigt", "co_decline": "Mitantrag abgelehnt", "co_withdraw": "Mitantrag zurückgezogen", "co_ask_again": "Mitantrag erneut erbeten",
	"defer": "vertagt", "relocate": "in eine andere Sitzung verlegt", "pull": "von der Grünen Liste genommen", "delegation": "Teilnahme gemeldet", "delegations_close": "Teilnehmerliste geschlossen", "delegations_open": "Teilnehmerliste wieder geöffnet",
}

// AuditActionLabel gives the German name of a logged action (the action
// itself if it has none).
func AuditActionLabel(action string) string {
	if l, ok := auditActions[action]; ok {
		return l
	}
	return action
}

// AuditKindLabel gives the German name of a kind of object (the name
// itself if it is not known).
func AuditKindLabel(entity string) string {
	if e := entityByName(entity); e != nil {
		return e.Label
	}
	return entity
}
