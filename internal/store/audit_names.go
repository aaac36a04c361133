package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gremium/internal/model"
)

// The names of the audit page: each entry's object named as the
// secretariat knows it ("47. Sitzung des IT-Planungsrats (26.06.2025)",
// "TOP 5 der 47. Sitzung des IT-Planungsrats: …", "Auftrag „…“") with the
// address of its page, not as kind and internal id. The names of a page of
// entries are read with a fixed number of statements: one per kind of
// object on the page (id IN …), then one each for the documents, agenda
// items, decisions, sessions, bodies and accounts they refer to, one for
// the agendas of the items' sessions (an item's link ends in its anchor,
// model.ItemAnchors), and one per kind with removed objects for their
// last full recorded state.

// AuditObject is the object of an audit entry as the audit page names it.
type AuditObject struct {
	Name string // "Beschluss B-2025/14-IT „Föderale IT-Architektur“"; never empty
	Path string // the address of the object's page, "" if it has none (or is gone)
	// Gone says that the object no longer exists: it is named from the
	// entry's own recorded state (and its last full one).
	Gone bool
}

// auditNamed is a kind of object the audit page names from some columns
// of its row (or of its recorded state, once the row is gone).
type auditNamed struct {
	table string // the table of its rows, keyed by id
	cols  string // the columns its name (and address) is made of
}

// auditJoins are the tables a kind's row is read with, in the same
// statement, for columns of its name or address held elsewhere: a
// follow-up's public number (its address /auftraege/nr/{n}).
var auditJoins = map[string]string{
	"follow_up": " LEFT JOIN follow_up_numbers ON follow_up_numbers.follow_up_id = follow_ups.id",
}

// auditNamedKinds are the kinds named from a row of their own; the others
// (minutes, login, ks_shares) are named from the id alone or through a
// referenced object.
var auditNamedKinds = map[string]auditNamed{
	"session":               {"sessions", "body_id, number, date"},
	"agenda_item":           {"agenda_items", "session_id, number, title"},
	"contribution":          {"contributions", "item_id, speaker"},
	"protocol_note":         {"protocol_notes", "item_id, author"},
	"note_submission":       {"note_submissions", "item_id, member_name"},
	"remark":                {"remarks", "item_id, kind"},
	"decision":              {"decisions", "body_id, session_id, kind, label, title, status"},
	"vote":                  {"ballots", "session_id, decision_id, item_id"},
	"earlier_decision":      {"earlier_decisions", "label, title"},
	"procedure":             {"written_procedures", "decision_id"},
	"follow_up":             {"follow_ups", "text, number"},
	"follow_up_dismissal":   {"follow_up_dismissals", "session_id, text"},
	"comment":               {"minutes_comments", "session_id, author, member"},
	"minutes_correction":    {"minutes_corrections", "session_id, item_id"},
	"speaker_request":       {"speaker_requests", "item_id, speaker"},
	"document":              {"documents", "session_id, filename"},
	"document_note":         {"document_notes", "document_id, user_id"},
	"body":                  {"bodies", "kind, abbrev, name, slug"},
	"recommendation":        {"recommendations", "body_id, target_item_id"},
	"section":               {"sections", "name"},
	"contact":               {"contacts", "body_id, name"},
	"conference_date":       {"conference_dates", "body_id, title, starts_on"},
	"member":                {"members", "abbrev, name"},
	"person":                {"persons", "name, member_abbrev"},
	"assignment":            {"spokesperson_assignments", "conference_id, member_abbrev"},
	"debrief":               {"debriefs", "session_id"},
	"briefing":              {"briefings", "title"},
	"request":               {"requests", "title"},
	"task":                  {"tasks", "text"},
	"evaluation_question":   {"evaluation_questions", "text"},
	"evaluation_answer":     {"evaluation_answers", "year, respondent"},
	"evaluation_round":      {"evaluation_rounds", "year"},
	"fachmk_report":         {"fachmk_reports", "session_id, conference_id, member_abbrev"},
	"conference_outcome":    {"conference_outcomes", "conference_id, title"},
	"spokesperson_contact":  {"spokesperson_contacts", "conference_id, member_abbrev, kind"},
	"key_message":           {"key_messages", "title"},
	"task_check":            {"task_checks", "conference_id, period"},
	"notification":          {"outbox", "recipient_name, recipient, subject"},
	"user":                  {"users", "username, name"},
	"notification_settings": {"notification_settings", "user_id"},
	"legal_page":            {"legal_pages", "kind"},
}

// namedRow is the columns of an object as the names use them, read from
// its row or decoded from a recorded state.
type namedRow map[string]any

// str gives a column as text.
func (r namedRow) str(col string) string {
	switch v := r[col].(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// num gives a column as integer (0 if it is none).
func (r namedRow) num(col string) int64 {
	switch v := r[col].(type) {
	case int64:
		return v
	case int32:
		return int64(v)
	case int:
		return int64(v)
	case float64:
		return int64(v)
	case json.Number:
		n, _ := v.Int64()
		return n
	case string:
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	}
	return 0
}

// hasAny reports whether any of the columns cols (as in auditNamed) has a
// value: a state that records none of them (an update of other columns of
// an object removed since, without the state of its removal) names nothing.
func (r namedRow) hasAny(cols string) bool {
	for _, c := range strings.Split(cols, ", ") {
		if r.str(c) != "" && r.str(c) != "0" {
			return true
		}
	}
	return false
}

// stateRow decodes a recorded state (a JSON object) onto r; a state that
// is no object adds nothing. The document note's state is its one-row part
// "notiz".
func (r namedRow) stateRow(state string) {
	if state == "" {
		return
	}
	d := json.NewDecoder(strings.NewReader(state))
	d.UseNumber()
	var m map[string]any
	if d.Decode(&m) != nil {
		return
	}
	for k, v := range m {
		r[k] = v
	}
	if rows, ok := m["notiz"].([]any); ok && len(rows) == 1 {
		if note, ok := rows[0].(map[string]any); ok {
			for k, v := range note {
				r[k] = v
			}
		}
	}
}

// readAuditRows reads the columns cols of the rows of table (with the
// tables it joins) with the ids, by id, inChunk ids a statement.
func (s *Store) readAuditRows(ctx context.Context, table, cols string, ids []int64) (map[int64]namedRow, error) {
	out := map[int64]namedRow{}
	names := strings.Split(cols, ", ")
	err := inBatches(ids, func(in string, args []any) error {
		list, err := queryList(ctx, s.rd, func(r scanner) (namedRow, error) {
			vals := make([]any, len(names)+1)
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := r.Scan(ptrs...); err != nil {
				return nil, err
			}
			row := namedRow{"id": vals[0]}
			for i, c := range names {
				row[c] = auditValue(c, vals[i+1])
			}
			return row, nil
		}, "audit names ("+table+")", `SELECT id, `+cols+` FROM `+table+` WHERE id IN `+in, args...)
		for _, row := range list {
			out[row.num("id")] = row
		}
		return err
	})
	return out, err
}

// lastFullStates gives, for removed objects of one kind, the state their
// removal recorded (the whole object), by id: one statement.
func (s *Store) lastFullStates(ctx context.Context, entity string, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	err := inBatches(ids, func(in string, args []any) error {
		list, err := queryList(ctx, s.rd, func(r scanner) (struct {
			id    int64
			state string
		}, error) {
			var v struct {
				id    int64
				state string
			}
			return v, r.Scan(&v.id, &v.state)
		}, "audit names (removals)", `SELECT entity_id, old_values FROM audit_log WHERE entity = ? AND entity_id IN `+in+
			` AND new_values = '' AND old_values <> '' ORDER BY id`, append([]any{entity}, args...)...)
		for _, v := range list {
			out[v.id] = v.state
		}
		return err
	})
	return out, err
}

// auditNamer holds the rows a page of names is made of.
type auditNamer struct {
	kinds     map[string]map[int64]namedRow // the entries' objects that exist, by kind and id
	documents map[int64]namedRow
	items     map[int64]namedRow
	decisions map[int64]namedRow
	sessions  map[int64]namedRow
	bodies    map[int64]namedRow
	users     map[int64]namedRow
	// anchors are the items' anchors on their sessions' pages
	// (model.ItemAnchors), by item id: a link lands where the page puts
	// the item, the same anchor the public pages give it.
	anchors map[int64]string
}

// AuditObjects names the objects of the entries (one name per entry, in
// their order) for the audit page, with a fixed number of statements
// however many entries: see the top of this file. An object that is gone
// is named from the entry's own recorded state, completed by the state
// its removal recorded.
func (s *Store) AuditObjects(ctx context.Context, entries []model.AuditEntry) ([]AuditObject, error) {
	n := auditNamer{kinds: map[string]map[int64]namedRow{}}
	ids := map[string][]int64{}
	for _, e := range entries {
		if _, ok := auditNamedKinds[e.Entity]; ok {
			ids[e.Entity] = append(ids[e.Entity], e.EntityID)
		}
	}
	for kind, list := range ids {
		k := auditNamedKinds[kind]
		rows, err := s.readAuditRows(ctx, k.table+auditJoins[kind], k.cols, list)
		if err != nil {
			return nil, err
		}
		n.kinds[kind] = rows
	}
	// The objects gone: their own state, on the state their removal
	// recorded (an update records only the columns it changed).
	own := make([]namedRow, len(entries))
	gone := map[string][]int64{}
	for i, e := range entries {
		if _, named := auditNamedKinds[e.Entity]; !named {
			continue
		}
		if row, ok := n.kinds[e.Entity][e.EntityID]; ok {
			own[i] = row
			continue
		}
		gone[e.Entity] = append(gone[e.Entity], e.EntityID)
	}
	for kind, list := range gone {
		full, err := s.lastFullStates(ctx, kind, list)
		if err != nil {
			return nil, err
		}
		for i, e := range entries {
			if e.Entity != kind || own[i] != nil {
				continue
			}
			row := namedRow{}
			row.stateRow(full[e.EntityID])
			row.stateRow(e.Before)
			row.stateRow(e.After)
			own[i] = row
		}
	}
	// What the objects refer to, one kind of reference after the other:
	// documents name their session, items theirs, decisions their body.
	// The sessions, items, decisions and documents of the page are among
	// them, a removed one as its recorded state names it.
	var err error
	ownRefs := func(kind string, into map[int64]namedRow) {
		for i, e := range entries {
			if e.Entity == kind && own[i] != nil && into[e.EntityID] == nil {
				into[e.EntityID] = own[i]
			}
		}
	}
	refs := func(col string, kinds ...string) []int64 {
		var out []int64
		for i, e := range entries {
			if own[i] != nil && (len(kinds) == 0 || slices.Contains(kinds, e.Entity)) {
				if id := own[i].num(col); id > 0 {
					out = append(out, id)
				}
			}
		}
		return out
	}
	if n.documents, err = s.readAuditRows(ctx, "documents", "session_id, filename", refs("document_id", "document_note")); err != nil {
		return nil, err
	}
	ownRefs("document", n.documents)
	itemIDs := append(refs("item_id", "contribution", "protocol_note", "note_submission", "remark", "vote", "minutes_correction", "speaker_request"),
		refs("target_item_id", "recommendation")...)
	if n.items, err = s.readAuditRows(ctx, "agenda_items", "session_id, number, title", itemIDs); err != nil {
		return nil, err
	}
	ownRefs("agenda_item", n.items)
	if n.decisions, err = s.readAuditRows(ctx, "decisions", "body_id, session_id, kind, label, title, status", refs("decision_id", "vote", "procedure")); err != nil {
		return nil, err
	}
	ownRefs("decision", n.decisions)
	sessionIDs := refs("session_id")
	for _, m := range []map[int64]namedRow{n.documents, n.items, n.decisions} {
		for _, row := range m {
			sessionIDs = append(sessionIDs, row.num("session_id"))
		}
	}
	for _, e := range entries {
		if e.Entity == "minutes" {
			sessionIDs = append(sessionIDs, e.EntityID)
		}
	}
	if n.sessions, err = s.readAuditRows(ctx, "sessions", "body_id, number, date", sessionIDs); err != nil {
		return nil, err
	}
	ownRefs("session", n.sessions)
	var agendas []int64
	for _, row := range n.items {
		agendas = append(agendas, row.num("session_id"))
	}
	if n.anchors, err = s.SessionItemAnchors(ctx, agendas); err != nil {
		return nil, err
	}
	bodyIDs := append(refs("body_id"), refs("conference_id")...)
	for _, m := range []map[int64]namedRow{n.sessions, n.decisions} {
		for _, row := range m {
			bodyIDs = append(bodyIDs, row.num("body_id"))
		}
	}
	if n.bodies, err = s.readAuditRows(ctx, "bodies", "kind, abbrev, name, slug, prepares_id", bodyIDs); err != nil {
		return nil, err
	}
	userIDs := refs("user_id")
	for _, e := range entries {
		if e.Entity == LoginEntity {
			userIDs = append(userIDs, e.EntityID)
		}
	}
	if n.users, err = s.readAuditRows(ctx, "users", "username, name", userIDs); err != nil {
		return nil, err
	}
	out := make([]AuditObject, len(entries))
	for i, e := range entries {
		var o AuditObject
		if k, named := auditNamedKinds[e.Entity]; !named || own[i].hasAny(k.cols) {
			o = n.name(e, own[i])
		}
		if o.Name == "" { // nothing known of it but kind and number
			o.Name = AuditKindLabel(e.Entity) + " Nr. " + strconv.FormatInt(e.EntityID, 10)
		}
		if _, named := auditNamedKinds[e.Entity]; named && n.kinds[e.Entity][e.EntityID] == nil {
			o.Gone, o.Path = true, ""
		}
		out[i] = o
	}
	return out, nil
}

// quoted gives a text shortened to 70 characters in German quotes.
func quoted(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	return "„" + shorten(s, 70) + "“"
}

// joinName joins the non-empty parts with a space.
func joinName(parts ...string) string {
	var b bytes.Buffer
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// session gives a session's model (number, body, date), ok false when
// it is not known.
func (n *auditNamer) session(id int64) (model.Session, namedRow, bool) {
	row, ok := n.sessions[id]
	if !ok || row.num("number") == 0 {
		return model.Session{}, nil, false
	}
	body := n.bodies[row.num("body_id")]
	se := model.Session{ID: id, BodyID: row.num("body_id"), Number: int(row.num("number")), Date: parseDate(row.str("date"))}
	if body != nil {
		se.BodySlug, se.BodyAbbrev = body.str("slug"), body.str("abbrev")
	}
	return se, body, true
}

// sessionName gives "47. Sitzung des IT-Planungsrats", "39. AL-Runde" or
// "12. Sitzung (Steuerungsgruppe …)", without the date.
func (n *auditNamer) sessionName(id int64) string {
	se, body, ok := n.session(id)
	if !ok {
		return ""
	}
	name := se.Title()
	switch {
	case body == nil || se.BodySlug != "":
	case model.BodyKind(body.str("kind")) == model.BodyPlanningCouncil && strings.HasSuffix(body.str("name"), "rat"):
		name += " des " + body.str("name") + "s"
	default:
		name += " (" + body.str("name") + ")"
	}
	return name
}

// sessionPath gives the session's page and the suffix, "" if the session
// is not known.
func (n *auditNamer) sessionPath(id int64, suffix string) string {
	se, _, ok := n.session(id)
	if !ok {
		return ""
	}
	return se.Path() + suffix
}

// itemName gives "TOP 5 der 47. Sitzung des IT-Planungsrats".
func (n *auditNamer) itemName(id int64) string {
	row, ok := n.items[id]
	if !ok {
		return ""
	}
	return itemNameOf(row, n.sessionName(row.num("session_id")))
}

func itemNameOf(row namedRow, session string) string {
	top := "TOP"
	if nr := row.str("number"); nr != "" {
		top += " " + nr
	} else if t := row.str("title"); t != "" {
		top += " " + quoted(t)
	}
	if session != "" {
		top += " der " + session
	}
	return top
}

// itemPath gives the item's place on its session's page.
func (n *auditNamer) itemPath(id int64) string {
	row, ok := n.items[id]
	if !ok {
		return ""
	}
	return n.sessionPath(row.num("session_id"), n.anchorOf(id))
}

// anchorOf gives "#" and the item's anchor on its session's page, "" for
// an item not on the agenda (a registration, a removed item): the link
// leads to the page.
func (n *auditNamer) anchorOf(id int64) string {
	if a := n.anchors[id]; a != "" {
		return "#" + a
	}
	return ""
}

// decisionName gives "Beschluss B-2025/14-IT „…“", "Beschlussvorschlag
// „…“", "Beschlussempfehlung BE-2026/01-AL „…“" (a decision of a
// preparatory body, model.Decision.Recommends).
func (n *auditNamer) decisionName(row namedRow) string {
	d := model.Decision{Kind: model.DecisionKind(row.str("kind")), Label: row.str("label"), Status: model.DecisionStatus(row.str("status")),
		Recommends: n.bodies[row.num("body_id")].num("prepares_id") != 0}
	label := d.ProposalLabel()
	if d.Status == "" { // a state without its status: the number, if it has one
		label = joinName(d.Name(), d.Label)
	}
	return joinName(label, quoted(row.str("title")))
}

// decisionPath gives the public page of an adopted decision of the
// council, else its session's page.
func (n *auditNamer) decisionPath(row namedRow) string {
	body := n.bodies[row.num("body_id")]
	if body != nil && model.BodyKind(body.str("kind")) == model.BodyPlanningCouncil && row.str("label") != "" &&
		model.DecisionStatus(row.str("status")) == model.DecisionAdopted {
		return "/beschluesse/" + row.str("label")
	}
	return n.sessionPath(row.num("session_id"), "")
}

// bodyName gives a body's name, "" if it is not known.
func (n *auditNamer) bodyName(id int64) string {
	return n.bodies[id].str("name")
}

// conferencePath gives a FachMK's page.
func (n *auditNamer) conferencePath(id int64, suffix string) string {
	body := n.bodies[id]
	if body == nil || model.BodyKind(body.str("kind")) != model.BodyFachMK {
		return ""
	}
	return "/fachmk/" + body.str("abbrev") + suffix
}

// userName gives "Name (username)".
func userName(row namedRow) string {
	if row == nil {
		return ""
	}
	name, user := row.str("name"), row.str("username")
	if name == "" || name == user {
		return user
	}
	return name + " (" + user + ")"
}

// inParens gives "(s)", "" for an empty s.
func inParens(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// of joins a text with what it belongs to: "Wortbeitrag von HE" + "zu" + "TOP 5 …".
func of(what, rel, whose string) string {
	if whose == "" {
		return what
	}
	return what + " " + rel + " " + whose
}

// name names one entry's object from its row (nil for the kinds named
// from the id alone).
func (n *auditNamer) name(e model.AuditEntry, r namedRow) AuditObject {
	id := e.EntityID
	idText := strconv.FormatInt(id, 10)
	if r == nil {
		r = namedRow{}
	}
	switch e.Entity {
	case "session":
		name := n.sessionName(id)
		if d := parseDate(r.str("date")); !d.IsZero() {
			name += " (" + d.German() + ")"
		}
		return AuditObject{Name: name, Path: n.sessionPath(id, "")}
	case "minutes":
		if se := n.sessionName(id); se != "" {
			return AuditObject{Name: "Protokoll der " + se, Path: n.sessionPath(id, "/protokoll")}
		}
	case "agenda_item":
		name := itemNameOf(r, n.sessionName(r.num("session_id")))
		if r.str("number") != "" && r.str("title") != "" { // without a number the title is the name
			name += ": " + quoted(r.str("title"))
		}
		return AuditObject{Name: name, Path: n.sessionPath(r.num("session_id"), n.anchorOf(id))}
	case "contribution":
		return AuditObject{Name: of(of("Wortbeitrag", "von", r.str("speaker")), "zu", n.itemName(r.num("item_id"))), Path: n.itemPath(r.num("item_id"))}
	case "protocol_note":
		return AuditObject{Name: of(of("Protokollnotiz", "von", r.str("author")), "zu", n.itemName(r.num("item_id"))), Path: n.itemPath(r.num("item_id"))}
	case "note_submission":
		return AuditObject{Name: of(of("Eingereichte Protokollnotiz", "von", r.str("member_name")), "zu", n.itemName(r.num("item_id"))), Path: n.itemPath(r.num("item_id"))}
	case "remark":
		return AuditObject{Name: of(joinName("Vermerk", r.str("kind")), "zu", n.itemName(r.num("item_id"))), Path: n.itemPath(r.num("item_id"))}
	case "speaker_request":
		return AuditObject{Name: of(of("Wortmeldung", "von", r.str("speaker")), "zu", n.itemName(r.num("item_id"))), Path: n.itemPath(r.num("item_id"))}
	case "minutes_correction":
		what := n.itemName(r.num("item_id"))
		if what == "" {
			what = of("Protokoll", "der", n.sessionName(r.num("session_id")))
		}
		return AuditObject{Name: of("Berichtigung", "zu", what), Path: n.sessionPath(r.num("session_id"), "/protokoll")}
	case "decision":
		return AuditObject{Name: n.decisionName(r), Path: n.decisionPath(r)}
	case "vote":
		what := ""
		if d, ok := n.decisions[r.num("decision_id")]; ok {
			what = n.decisionName(d)
		} else {
			what = n.itemName(r.num("item_id"))
		}
		return AuditObject{Name: of(of("Abstimmung", "über", what), "in der", n.sessionName(r.num("session_id"))), Path: n.sessionPath(r.num("session_id"), "")}
	case "earlier_decision":
		return AuditObject{Name: joinName("Früherer Beschluss", r.str("label"), quoted(r.str("title")))}
	case "procedure":
		what := ""
		if d, ok := n.decisions[r.num("decision_id")]; ok {
			what = n.decisionName(d)
		}
		return AuditObject{Name: of("Umlaufverfahren", "über", what), Path: "/umlaufverfahren/" + idText}
	case "follow_up":
		// Its public address once it has a public number (Public ids
		// last), the internal page by row id before.
		return AuditObject{Name: joinName("Auftrag", quoted(r.str("text"))), Path: model.FollowUp{ID: id, Number: r.num("number")}.Path()}
	case "follow_up_dismissal":
		return AuditObject{Name: of(joinName("verworfener Auftragsvorschlag", quoted(r.str("text"))), "der", n.sessionName(r.num("session_id"))),
			Path: n.sessionPath(r.num("session_id"), "/auftragsvorschlaege")}
	case "comment":
		who := r.str("member")
		if who == "" {
			who = r.str("author")
		}
		return AuditObject{Name: of(of("Kommentar", "von", who), "zum Protokoll der", n.sessionName(r.num("session_id"))),
			Path: n.sessionPath(r.num("session_id"), "/protokoll")}
	case "document":
		return AuditObject{Name: of(joinName("Dokument", quoted(r.str("filename"))), "der", n.sessionName(r.num("session_id"))), Path: "/dokumente/" + idText}
	case "document_note":
		doc := n.documents[r.num("document_id")]
		name := "Notiz"
		if u := userName(n.users[r.num("user_id")]); u != "" {
			name += " von " + u
		}
		if doc != nil {
			name = of(name, "zum Dokument", quoted(doc.str("filename")))
		}
		return AuditObject{Name: name}
	case "body":
		name := joinName(r.str("name"), "("+r.str("abbrev")+")")
		if r.str("abbrev") == "" {
			name = r.str("name")
		}
		path := ""
		if model.BodyKind(r.str("kind")) == model.BodyFachMK {
			path = "/fachmk/" + r.str("abbrev")
		}
		return AuditObject{Name: name, Path: path}
	case "recommendation":
		return AuditObject{Name: of(of("Beschlussempfehlung", "der", n.bodies[r.num("body_id")].str("abbrev")), "zu", n.itemName(r.num("target_item_id"))),
			Path: n.itemPath(r.num("target_item_id"))}
	case "section":
		return AuditObject{Name: joinName("Schwerpunktthema", quoted(r.str("name")))}
	case "contact":
		return AuditObject{Name: joinName("Kontakt", r.str("name"), inParens(n.bodyName(r.num("body_id")))), Path: n.conferencePath(r.num("body_id"), "")}
	case "conference_date":
		name := "Termin"
		if d := parseDate(r.str("starts_on")); !d.IsZero() {
			name += " am " + d.German()
		}
		return AuditObject{Name: joinName(name, quoted(r.str("title")), inParens(n.bodyName(r.num("body_id")))), Path: n.conferencePath(r.num("body_id"), "")}
	case "member":
		name := r.str("name")
		if a := r.str("abbrev"); a != "" && a != name {
			name = joinName(name, "("+a+")")
		}
		path := ""
		if a := r.str("abbrev"); a != "" {
			path = "/mitglieder/" + a + "/auftraege"
		}
		return AuditObject{Name: name, Path: path}
	case "person":
		name := r.str("name")
		if m := r.str("member_abbrev"); m != "" {
			name += " (" + m + ")"
		}
		return AuditObject{Name: name}
	case "assignment":
		return AuditObject{Name: joinName(of("Sprecherfunktion", "von", r.str("member_abbrev")), inParens(n.bodyName(r.num("conference_id")))),
			Path: n.conferencePath(r.num("conference_id"), "")}
	case "debrief":
		return AuditObject{Name: of("Nachbesprechung", "der", n.sessionName(r.num("session_id"))), Path: n.sessionPath(r.num("session_id"), "/nachbesprechung")}
	case "briefing":
		return AuditObject{Name: joinName("Briefing", quoted(r.str("title"))), Path: "/briefings/" + idText}
	case "request":
		return AuditObject{Name: joinName("Anliegen", quoted(r.str("title"))), Path: "/anliegen/" + idText}
	case "task":
		return AuditObject{Name: joinName("Aufgabe", quoted(r.str("text"))), Path: "/aufgaben"}
	case "evaluation_question":
		return AuditObject{Name: joinName("Evaluationsfrage", quoted(r.str("text"))), Path: "/evaluation"}
	case "evaluation_answer":
		name := of("Evaluationsantwort", "von", r.str("respondent"))
		if y := r.num("year"); y > 0 {
			name += fmt.Sprintf(" (%d)", y)
		}
		return AuditObject{Name: name, Path: "/evaluation/ergebnisse"}
	case "evaluation_round":
		if y := r.num("year"); y > 0 {
			return AuditObject{Name: fmt.Sprintf("Evaluationsrunde %d", y), Path: "/evaluation"}
		}
	case "fachmk_report":
		name := joinName(of("Bericht", "von", r.str("member_abbrev")), inParens(n.bodyName(r.num("conference_id"))))
		return AuditObject{Name: of(name, "zur", n.sessionName(r.num("session_id"))), Path: n.sessionPath(r.num("session_id"), "/reporting-fachmk")}
	case "conference_outcome":
		return AuditObject{Name: joinName("Ergebnis", quoted(r.str("title")), inParens(n.bodyName(r.num("conference_id")))),
			Path: n.conferencePath(r.num("conference_id"), "#ergebnisse")}
	case "spokesperson_contact":
		return AuditObject{Name: joinName(of(model.ContactKind(r.str("kind")).Label(), "von", r.str("member_abbrev")), inParens(n.bodyName(r.num("conference_id")))),
			Path: n.conferencePath(r.num("conference_id"), "#gespraeche")}
	case "key_message":
		return AuditObject{Name: joinName("Kernbotschaft", quoted(r.str("title")))}
	case "task_check":
		name := joinName("Checkliste", inParens(n.bodyName(r.num("conference_id"))), r.str("period"))
		return AuditObject{Name: name, Path: n.conferencePath(r.num("conference_id"), "/aufgaben")}
	case "notification":
		to := r.str("recipient_name")
		if to == "" {
			to = r.str("recipient")
		}
		return AuditObject{Name: joinName(of("Nachricht", "an", to)+":", quoted(r.str("subject"))), Path: "/postausgang"}
	case "user":
		return AuditObject{Name: strings.TrimSpace("Konto " + userName(r)), Path: "/konten"}
	case "legal_page":
		if k := model.LegalPageKind(r.str("kind")); k.Valid() {
			return AuditObject{Name: k.Title(), Path: "/rechtliche-seiten/" + string(k)}
		}
	case "notification_settings":
		return AuditObject{Name: of("Benachrichtigungseinstellungen", "von", userName(n.users[r.num("user_id")]))}
	case LoginEntity:
		if u := userName(n.users[id]); u != "" {
			return AuditObject{Name: "Konto " + u, Path: "/konten"}
		}
		if id == 0 {
			return AuditObject{Name: "unbekannter Benutzername"}
		}
	case "ks_shares":
		return AuditObject{Name: "Königsteiner Schlüssel " + idText}
	}
	return AuditObject{}
}
