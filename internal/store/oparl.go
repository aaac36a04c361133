package store

// OParl 1.1 from SQL. Every public OParl object is one row of
// oparl_objects holding its JSON (package oparl builds it). Triggers on the
// source tables (migration 00051) write the changed rows to oparl_dirty;
// before a transaction of the store commits, syncOParl builds the objects
// of those rows again — and of every object that embeds them, children
// before parents — so that a change and the OParl objects it changes are
// one transaction. An object's modified time changes only when its content
// (embedded objects included) changes. Objects that are deleted or no
// longer public stay as tombstones with deleted: true; public ids are never
// given twice within a kind, and never tell which objects the public does
// not see: a new object takes the next id of its kind, not its source
// row's (allocate).
//
// What is public is decided by the publication gate in model (agenda,
// items, decisions, their public texts); OParl adds that a Paper has a
// number and that a session's File (its public minutes PDF) exists once
// the session has ended, as the register shows them.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// oparlTime is how oparl_objects keeps created and modified: UTC, whole
// seconds (the precision OParl shows), so a filter with an object's own
// time finds that object.
const oparlTime = "2006-01-02T15:04:05Z"

// oparlOrder is the order in which kinds are built: embedded objects
// before the objects that embed them.
var oparlOrder = []string{
	oparl.KindLegislativeTerm, oparl.KindMembership, oparl.KindAgendaItem, oparl.KindConsultation,
	oparl.KindFile, oparl.KindLocation, oparl.KindOrganization,
	oparl.KindPerson, oparl.KindMeeting, oparl.KindPaper,
	oparl.KindBody, oparl.KindSystem,
}

// oparlAuditEntity names the audit-log entity an OParl kind is built from
// (for the times of objects built from data that was stored before).
var oparlAuditEntity = map[string]string{
	oparl.KindMeeting: "session", oparl.KindFile: "session", oparl.KindLocation: "session",
	oparl.KindAgendaItem: "agenda_item", oparl.KindPaper: "decision", oparl.KindConsultation: "decision",
	oparl.KindOrganization: "body", oparl.KindBody: "body", oparl.KindPerson: "person", oparl.KindMembership: "assignment",
}

type oparlKey struct {
	kind string
	src  int64
}

// auditSource gives the audit-log entity and id of the source row of an
// object (for the times of objects built from data stored before): a
// negative src is a FachMK date's (dateSrc).
func auditSource(k oparlKey) (string, int64) {
	if k.src < 0 && (k.kind == oparl.KindMeeting || k.kind == oparl.KindLocation) {
		return "conference_date", -k.src
	}
	return oparlAuditEntity[k.kind], k.src
}

// oparlSync builds the OParl objects of one batch of dirty rows.
type oparlSync struct {
	ctx      context.Context
	tx       queryer // the transaction, through statements prepared once (txStmts)
	now      string
	backfill bool
	council  model.Body

	want    map[string]map[int64]bool
	visible map[oparlKey]bool
	pid     map[oparlKey]int64
	// maxID is the highest public id given in a kind (read once per kind
	// and batch, raised by each id allocate gives).
	maxID  map[string]int64
	counts map[string]int

	sessions  map[int64]*model.Session
	items     map[int64]*model.AgendaItem
	decisions map[int64]*model.Decision
	bodies    map[int64]*model.Body
	persons   map[int64]*model.Person
	assigns   map[int64]*model.Assignment
	dates     map[int64]*model.ConferenceDate
	lastHeld  int

	// rows are the stored objects by key (nil: none), itemDecisions the
	// decisions of items, audit the first and last audit times of rows by
	// entity: read in batches (oparl_batch.go).
	rows          map[oparlKey]*stored
	itemDecisions map[int64][]int64
	audit         map[string]map[int64][2]string
	// built are the objects of embeddedOnce kinds written in this build,
	// for their parents.
	built map[oparlKey]builtObject
	// pending are the objects built and not yet written (flush).
	pending [][]any
	// sections are the names of sections by id.
	sections map[int64]string
	// sectionRows are the sections of consent items by id, and
	// consentSections each body's Grüne Liste (itemSectionName), read
	// once per build rather than twice per item of a consent list.
	sectionRows, consentSections map[int64]model.Section
	// agendas are the items' anchors and places of sessions, by session
	// id (agenda): read once per session and build, not per item, so an
	// import of a session of 900 items reads its agenda once.
	agendas map[int64]agendaLinks
	// agendaMarked are the sessions whose agenda's items are marked in
	// this build (expand "agenda").
	agendaMarked map[int64]bool
	// citedLabels are the labels of changed decisions whose citing papers
	// are still to be marked (markCiting).
	citedLabels []string
	// byNumber are the council's decisions by number, for the numbers the
	// items of the marked papers build on (read in batches; a number
	// without a decision is there with none).
	byNumber map[model.DecisionNumber][]int64

	// sessionsChanged: some session changed, so the years and the ends of
	// spokesperson terms are built again (once per batch).
	sessionsChanged bool
	// years are the years with a session of the council (loaded once).
	years map[int64]bool
	// places are the venues by their text, each with the source row whose
	// Location is the venue's (placeSource); placesMarked the venues whose
	// Location was marked in this batch, placeMeetings those whose Meetings
	// were (placeMarks).
	places        map[string]int64
	placesMarked  map[string]bool
	placeMeetings map[string]bool
}

// dirtyMark gives the newest row of oparl_dirty; a transaction builds the
// rows after the mark it took when it began.
func dirtyMark(ctx context.Context, tx *sql.Tx) (int64, error) {
	var mark int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM oparl_dirty`).Scan(&mark); err != nil {
		return 0, fmt.Errorf("store: oparl mark: %w", err)
	}
	return mark, nil
}

// syncOParl builds the objects of the dirty rows after mark (at most limit
// rows, 0: all) inside tx and removes those rows. backfill marks rows
// written outside the store (at start): new objects then take their times
// from the audit log instead of now. It gives the number of rows done.
//
// at is the time of the change as the audit log records it (auditTime; empty:
// now).
func (s *Store) syncOParl(ctx context.Context, tx *sql.Tx, mark int64, limit int, backfill bool, at string) (int, error) {
	q := `SELECT seq, entity, id FROM oparl_dirty WHERE seq > ? ORDER BY seq`
	args := []any{mark}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("store: oparl dirty: %w", err)
	}
	type dirty struct {
		entity string
		id     int64
	}
	var ds []dirty
	last := mark
	for rows.Next() {
		var d dirty
		if err := rows.Scan(&last, &d.entity, &d.id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("store: oparl dirty: %w", err)
		}
		ds = append(ds, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("store: oparl dirty: %w", err)
	}
	if len(ds) == 0 {
		return 0, nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM oparl_dirty WHERE seq > ? AND seq <= ?`, mark, last); err != nil {
		return 0, fmt.Errorf("store: oparl dirty: %w", err)
	}
	now := at
	if len(now) >= 19 {
		now = now[:19] + "Z"
	} else {
		now = s.now().UTC().Format(oparlTime)
	}
	y := &oparlSync{ctx: ctx, tx: newTxStmts(tx), now: now, backfill: backfill,
		want: map[string]map[int64]bool{}, visible: map[oparlKey]bool{}, pid: map[oparlKey]int64{},
		maxID: map[string]int64{}, counts: map[string]int{},
		sessions: map[int64]*model.Session{}, items: map[int64]*model.AgendaItem{}, decisions: map[int64]*model.Decision{},
		bodies: map[int64]*model.Body{}, persons: map[int64]*model.Person{}, assigns: map[int64]*model.Assignment{}, dates: map[int64]*model.ConferenceDate{},
		rows: map[oparlKey]*stored{}, itemDecisions: map[int64][]int64{}, audit: map[string]map[int64][2]string{},
		sections: map[int64]string{}, agendas: map[int64]agendaLinks{}, agendaMarked: map[int64]bool{}, built: map[oparlKey]builtObject{},
		byNumber: map[model.DecisionNumber][]int64{}, places: map[string]int64{}, placesMarked: map[string]bool{}, placeMeetings: map[string]bool{}}
	council, err := queryOne(ctx, tx, scanBody, "oparl council",
		`SELECT `+bodyCols+` FROM bodies WHERE kind = ? ORDER BY id LIMIT 1`, model.BodyPlanningCouncil)
	if errors.Is(err, ErrNotFound) {
		return len(ds), nil // nothing is published without the council
	}
	if err != nil {
		return 0, err
	}
	y.council = council
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM sessions WHERE body_id = ? AND status IN (?, ?, ?)`,
		council.ID, model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved).Scan(&y.lastHeld); err != nil {
		return 0, fmt.Errorf("store: oparl last session: %w", err)
	}
	var known int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM oparl_objects WHERE kind = ?`, oparl.KindBody).Scan(&known); err != nil {
		return 0, fmt.Errorf("store: oparl body: %w", err)
	}
	if known == 0 {
		// The council is new (or OParl was never built): build everything.
		if err := y.everything(); err != nil {
			return 0, err
		}
	}
	byEntity := map[string][]int64{}
	for _, d := range ds {
		byEntity[d.entity] = append(byEntity[d.entity], d.id)
	}
	if err := y.preloadDirty(byEntity); err != nil {
		return 0, err
	}
	for _, d := range ds {
		if err := y.expand(d.entity, d.id); err != nil {
			return 0, err
		}
	}
	if err := y.markCiting(); err != nil {
		return 0, err
	}
	if err := y.preloadMarked(); err != nil {
		return 0, err
	}
	if err := y.run(); err != nil {
		return 0, err
	}
	return len(ds), nil
}

func (y *oparlSync) add(kind string, src int64) {
	if src == 0 && kind != oparl.KindSystem {
		return
	}
	if y.want[kind] == nil {
		y.want[kind] = map[int64]bool{}
	}
	y.want[kind][src] = true
}

func (y *oparlSync) ids(query string, args ...any) ([]int64, error) {
	rows, err := y.tx.QueryContext(y.ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: oparl: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: oparl: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (y *oparlSync) addAll(kind, query string, args ...any) error {
	ids, err := y.ids(query, args...)
	for _, id := range ids {
		y.add(kind, id)
	}
	return err
}

// markCiting marks the papers whose item builds on a decision of
// citedLabels (item_refs "quelle"), inChunk labels per query.
func (y *oparlSync) markCiting() error {
	err := inBatches(y.citedLabels, func(in string, args []any) error {
		return y.addAll(oparl.KindPaper, oparlCitingPapers+in, args...)
	})
	y.citedLabels = nil
	return err
}

// oparlCitingPapers finds the decisions of the items that build on
// decisions (by label), followed by the list of labels.
const oparlCitingPapers = `SELECT d.id FROM item_refs r JOIN decisions d ON d.item_id = r.item_id WHERE r.kind = 'quelle' AND r.value IN `

// everything marks every object for building.
func (y *oparlSync) everything() error {
	for _, q := range []struct{ entity, query string }{
		{"body", `SELECT id FROM bodies`}, {"person", `SELECT id FROM persons`},
		{"assignment", `SELECT id FROM spokesperson_assignments`}, {"session", `SELECT id FROM sessions`},
		{"decision", `SELECT id FROM decisions`}, {"conference_date", `SELECT id FROM conference_dates`},
	} {
		ids, err := y.ids(q.query)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := y.expand(q.entity, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// expand marks the objects that a changed source row touches: its own and
// every object that embeds or names them.
func (y *oparlSync) expand(entity string, id int64) error {
	switch entity {
	case "session":
		y.add(oparl.KindMeeting, id)
		y.add(oparl.KindFile, id)
		y.add(oparl.KindLocation, id)
		if err := y.placeMarks(id); err != nil {
			return err
		}
		if err := y.addAll(oparl.KindAgendaItem, `SELECT id FROM agenda_items WHERE session_id = ?`, id); err != nil {
			return err
		}
		// Years, and the end of spokesperson terms, follow the sessions:
		// marked once per batch (sessionsChanged).
		y.sessionsChanged = true
	case "meeting":
		y.add(oparl.KindMeeting, id)
		y.add(oparl.KindFile, id)
	case "agenda":
		// An item's anchor and place depend on the other items of its
		// agenda (model.ItemAnchors, ItemPlaces): a change of one marks
		// its session's agenda once (migration 01020's triggers), and the
		// build reads the agenda's items once per batch — not one mark
		// per item and change, which made renumbering an agenda quadratic.
		if y.agendaMarked[id] {
			return nil // an import's items mark their agenda once each
		}
		y.agendaMarked[id] = true
		y.add(oparl.KindMeeting, id)
		return y.addAll(oparl.KindAgendaItem, `SELECT id FROM agenda_items WHERE session_id = ? AND status IN (?, '')`, id, model.ItemAccepted)
	case "agenda_item":
		y.add(oparl.KindAgendaItem, id)
		it, err := y.item(id)
		if err != nil || it == nil {
			return err
		}
		y.add(oparl.KindMeeting, it.SessionID)
		y.add(oparl.KindFile, it.SessionID)
		ds, err := y.itemDecisionIDs(id)
		for _, d := range ds {
			y.add(oparl.KindPaper, d)
			y.add(oparl.KindConsultation, d)
		}
		return err
	case "decision":
		y.add(oparl.KindPaper, id)
		y.add(oparl.KindConsultation, id)
		d, err := y.decision(id)
		if err != nil || d == nil {
			return err
		}
		if d.ItemID != 0 {
			if err := y.expand("agenda_item", d.ItemID); err != nil {
				return err
			}
		}
		if d.Label != "" {
			// Papers whose item builds on this decision name it: marked
			// for all changed decisions together (markCiting).
			y.citedLabels = append(y.citedLabels, d.Label)
		}
	case "body":
		y.add(oparl.KindOrganization, id)
		if id == y.council.ID {
			y.add(oparl.KindBody, id)
			y.add(oparl.KindSystem, 0)
			// The council's years follow its chairs as well as its
			// sessions (SetChair marks the body).
			y.sessionsChanged = true
		}
		// The Meetings of a conference's dates follow its name, its
		// abbreviation (their page) and whether it is public.
		dates, err := y.ids(`SELECT id FROM conference_dates WHERE body_id = ? ORDER BY id`, id)
		if err != nil {
			return err
		}
		for _, d := range dates {
			if err := y.expand("conference_date", d); err != nil {
				return err
			}
		}
	case "conference_date":
		// A FachMK date: its Meeting, and the Location of its venue where
		// the council holds no session (dateSrc).
		src := dateSrc(id)
		y.add(oparl.KindMeeting, src)
		y.add(oparl.KindLocation, src)
		return y.placeMarks(src)
	case "person":
		y.add(oparl.KindPerson, id)
	case "assignment":
		y.add(oparl.KindMembership, id)
		a, err := y.assignment(id)
		if err != nil || a == nil {
			return err
		}
		y.add(oparl.KindPerson, a.PersonID)
		y.add(oparl.KindOrganization, a.ConferenceID)
	}
	return nil
}

// One Location per venue: the Location of a venue (a place text of the
// council's sessions or of the FachMK dates, same text, same Location) is
// built from the first session of the council held there, the one with the
// lowest id — or, at a venue of no session, from the first public FachMK
// date there —, so its public id stays while sessions and dates come and
// go; the Meetings there embed it.

// placeSource gives the source row whose Location is the venue's: the
// council's session with the lowest id at that place, else the public
// FachMK date with the lowest id there (dateSrc; 0: none).
func (y *oparlSync) placeSource(place string) (int64, error) {
	if place == "" {
		return 0, nil
	}
	if id, ok := y.places[place]; ok {
		return id, nil
	}
	var id int64
	if err := y.tx.QueryRowContext(y.ctx, `SELECT COALESCE(MIN(id), 0) FROM sessions WHERE body_id = ? AND place = ?`, y.council.ID, place).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: oparl place: %w", err)
	}
	if id == 0 {
		var date int64
		if err := y.tx.QueryRowContext(y.ctx, `SELECT COALESCE(MIN(d.id), 0) FROM conference_dates d JOIN bodies b ON b.id = d.body_id
			WHERE d.place = ? AND b.kind = ? AND b.internal = 0`, place, model.BodyFachMK).Scan(&date); err != nil {
			return 0, fmt.Errorf("store: oparl place: %w", err)
		}
		id = dateSrc(date)
	}
	y.places[place] = id
	return id, nil
}

// sourcePlace gives the venue of a source row of Locations — a session of
// the council, or a public FachMK date (a negative src, dateSrc) — if
// it is public ("": none).
func (y *oparlSync) sourcePlace(src int64) (string, error) {
	if src < 0 {
		d, err := y.publicDate(-src)
		if err != nil || d == nil {
			return "", err
		}
		return d.Place, nil
	}
	se, err := y.councilSession(src)
	if err != nil || se == nil {
		return "", err
	}
	return se.Place, nil
}

// placeMarks marks the Locations a changed session or FachMK date (src,
// as sourcePlace) touches: that of its venue now and, when the row was the
// one a venue's Location is built from and left it (or is gone), that of
// its former venue, now built from the next row there. Where the row a
// venue's Location is built from changed, the venue's former Location
// becomes a tombstone and every Meeting there is built again to embed the
// new one.
func (y *oparlSync) placeMarks(src int64) error {
	type venue struct {
		place string
		left  bool // the row's Location was this venue's, and it left
	}
	var places []venue
	now, err := y.sourcePlace(src)
	if err != nil {
		return err
	}
	if now != "" {
		places = append(places, venue{place: now})
	}
	var raw []byte
	err = y.tx.QueryRowContext(y.ctx, `SELECT json FROM oparl_objects WHERE kind = ? AND src = ? AND deleted = 0`, oparl.KindLocation, src).Scan(&raw)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: oparl place: %w", err)
	}
	if err == nil {
		var loc struct {
			Description string `json:"description"`
		}
		if json.Unmarshal(raw, &loc) == nil && loc.Description != "" && loc.Description != now {
			places = append(places, venue{loc.Description, true})
		}
	}
	for _, v := range places {
		place := v.place
		if !y.placesMarked[place] {
			y.placesMarked[place] = true
			first, err := y.placeSource(place)
			if err != nil {
				return err
			}
			y.add(oparl.KindLocation, first)
			// Live Locations of the venue built from another row: the
			// venue's row changed.
			others, err := y.ids(`SELECT o.src FROM oparl_objects o JOIN sessions s ON s.id = o.src
				WHERE o.kind = ? AND o.deleted = 0 AND s.body_id = ? AND s.place = ? AND o.src <> ?
				UNION SELECT o.src FROM oparl_objects o JOIN conference_dates d ON o.src = -d.id
				WHERE o.kind = ? AND o.deleted = 0 AND o.src < 0 AND d.place = ? AND o.src <> ?`,
				oparl.KindLocation, y.council.ID, place, first, oparl.KindLocation, place, first)
			if err != nil {
				return err
			}
			for _, o := range others {
				y.add(oparl.KindLocation, o)
			}
			v.left = v.left || len(others) > 0
		}
		if v.left && !y.placeMeetings[place] {
			y.placeMeetings[place] = true
			if err := y.addAll(oparl.KindMeeting, `SELECT id FROM sessions WHERE body_id = ? AND place = ?
				UNION SELECT -id FROM conference_dates WHERE place = ?`, y.council.ID, place, place); err != nil {
				return err
			}
		}
	}
	return nil
}

// Loading source rows (nil: the row is gone).

func load[T any](y *oparlSync, cache map[int64]*T, id int64, scan func(scanner) (T, error), what, query string) (*T, error) {
	if v, ok := cache[id]; ok {
		return v, nil
	}
	v, err := queryOne(y.ctx, y.tx, scan, what, query, id)
	if errors.Is(err, ErrNotFound) {
		cache[id] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	cache[id] = &v
	return &v, nil
}

func (y *oparlSync) session(id int64) (*model.Session, error) {
	return load(y, y.sessions, id, scanSession, "oparl session", `SELECT `+sessionCols+` FROM sessions WHERE id = ?`)
}

func (y *oparlSync) item(id int64) (*model.AgendaItem, error) {
	return load(y, y.items, id, scanItem, "oparl item", `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`)
}

func (y *oparlSync) decision(id int64) (*model.Decision, error) {
	return load(y, y.decisions, id, scanCorrectedDecision, "oparl decision", `SELECT `+correctedCols+` FROM decisions d`+newestCorrection+` WHERE d.id = ?`)
}

func (y *oparlSync) body(id int64) (*model.Body, error) {
	return load(y, y.bodies, id, scanBody, "oparl body", `SELECT `+bodyCols+` FROM bodies WHERE id = ?`)
}

func (y *oparlSync) person(id int64) (*model.Person, error) {
	return load(y, y.persons, id, scanPerson, "oparl person", `SELECT `+personCols+` FROM persons WHERE id = ?`)
}

func (y *oparlSync) assignment(id int64) (*model.Assignment, error) {
	return load(y, y.assigns, id, scanAssignment, "oparl assignment", `SELECT `+assignmentCols+assignmentFrom+` WHERE a.id = ?`)
}

// Publication rules.

// councilSession gives the session if it is one of the council's.
func (y *oparlSync) councilSession(id int64) (*model.Session, error) {
	if id <= 0 {
		return nil, nil // a FachMK date's key (dateSrc)
	}
	se, err := y.session(id)
	if err != nil || se == nil || se.BodyID != y.council.ID {
		return nil, err
	}
	return se, nil
}

// minutesHeld: the public minutes exist once the session has ended.
func minutesHeld(se model.Session) bool {
	switch se.Status {
	case model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved:
		return true
	}
	return false
}

// paperPublic: the council's decisions the publication gate shows the
// public (adopted), with a number (the register's papers).
func (y *oparlSync) paperPublic(d *model.Decision) bool {
	return d != nil && d.BodyID == y.council.ID && model.Public.SeesDecision(*d) && d.Number.Seq > 0
}

// publicItem gives the item if the publication gate shows it to the public
// (an accepted item on a public agenda) in a session of the council.
func (y *oparlSync) publicItem(id int64) (*model.AgendaItem, *model.Session, error) {
	it, err := y.item(id)
	if err != nil || it == nil {
		return nil, nil, err
	}
	se, err := y.councilSession(it.SessionID)
	if err != nil || se == nil || !model.Public.SeesItem(*it, *se, nil) {
		return nil, nil, err
	}
	return it, se, nil
}

// isVisible says whether the object of a source row is public now.
func (y *oparlSync) isVisible(k oparlKey) (bool, error) {
	if v, ok := y.visible[k]; ok {
		return v, nil
	}
	v, err := y.computeVisible(k)
	if err != nil {
		return false, err
	}
	y.visible[k] = v
	return v, nil
}

func (y *oparlSync) computeVisible(k oparlKey) (bool, error) {
	switch k.kind {
	case oparl.KindSystem:
		return true, nil
	case oparl.KindBody:
		return k.src == y.council.ID, nil
	case oparl.KindOrganization:
		b, err := y.body(k.src)
		return b != nil && !b.Preparation.Internal, err // an internal body (the AL-Runde) is not published
	case oparl.KindPerson:
		// Only the persons the public pages name: a spokesperson (the
		// person of an assignment, or the member's representative it
		// follows) and a member's representative in the council. A person
		// named elsewhere — the one who stood in for a member at a session
		// (the attendance list), a delegate to the AL-Runde — is internal:
		// the public minutes name the members, not the persons. Before,
		// every person was published.
		p, err := y.person(k.src)
		if err != nil || p == nil {
			return false, err
		}
		var one int
		err = y.tx.QueryRowContext(y.ctx, `SELECT 1 WHERE EXISTS (SELECT 1 FROM members WHERE representative_id = ?)
			OR EXISTS (SELECT 1`+assignmentFrom+` WHERE COALESCE(a.person_id, m.representative_id) = ?)`, p.ID, p.ID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		return err == nil, err
	case oparl.KindMembership:
		a, err := y.assignment(k.src)
		return a != nil && a.PersonID != 0, err
	case oparl.KindMeeting:
		if k.src < 0 {
			d, err := y.publicDate(-k.src)
			return d != nil, err
		}
		se, err := y.councilSession(k.src)
		return se != nil, err
	case oparl.KindLocation:
		place, err := y.sourcePlace(k.src)
		if err != nil || place == "" {
			return false, err
		}
		first, err := y.placeSource(place)
		return first == k.src, err
	case oparl.KindFile:
		se, err := y.councilSession(k.src)
		if err != nil || se == nil || !minutesHeld(*se) {
			return false, err
		}
		var n int
		err = y.tx.QueryRowContext(y.ctx, `SELECT COUNT(*) FROM agenda_items WHERE session_id = ? AND status IN (?, '')`, se.ID, model.ItemAccepted).Scan(&n) // model.AgendaItem.OnAgenda
		return n > 0, err
	case oparl.KindAgendaItem:
		it, _, err := y.publicItem(k.src)
		return it != nil, err
	case oparl.KindPaper, oparl.KindConsultation:
		d, err := y.decision(k.src)
		return y.paperPublic(d), err
	case oparl.KindLegislativeTerm:
		if y.years == nil {
			ids, err := y.ids(oparlTermYears, y.council.ID, y.council.ID)
			if err != nil {
				return false, err
			}
			y.years = map[int64]bool{}
			for _, id := range ids {
				y.years[id] = true
			}
		}
		return y.years[k.src], nil
	}
	return false, fmt.Errorf("store: oparl: unknown kind %q", k.kind)
}

// ref gives the public id of a source row's object if it is public.
func (y *oparlSync) ref(kind string, src int64) (int64, error) {
	if src == 0 && kind != oparl.KindSystem {
		return 0, nil
	}
	k := oparlKey{kind, src}
	if id, ok := y.pid[k]; ok {
		return id, nil
	}
	v, err := y.isVisible(k)
	if err != nil || !v {
		return 0, err
	}
	id, err := y.allocate(k)
	if err != nil {
		return 0, err
	}
	y.pid[k] = id
	return id, nil
}

// allocate gives the public id of a visible object: the one it has (kept
// on a tombstone too), else one more than the highest id ever given in its
// kind — the System object, the first of its kind, 1. Never its source
// row's id: the agenda items, decisions and sessions share their tables
// with rows the public does not see (the AL-Runde's items, pending
// registrations, proposals not adopted), and ids taken from the rows
// would count those hidden rows by the gaps between them
// (model.Audience.SeesBody). Ids given before stay as they are.
//
// A LegislativeTerm is the one exception: its id is its year, as it always
// was — no row's id, so it counts nothing, and the Body lists its terms in
// the order of their ids; the next id after the years would read as a year
// it is not.
func (y *oparlSync) allocate(k oparlKey) (int64, error) {
	old, err := y.stored(k)
	if err != nil {
		return 0, err
	}
	if old != nil {
		return old.id, nil
	}
	if k.kind == oparl.KindLegislativeTerm {
		return k.src, nil
	}
	last, ok := y.maxID[k.kind]
	if !ok {
		if err := y.tx.QueryRowContext(y.ctx, `SELECT COALESCE(MAX(id), 0) FROM oparl_objects WHERE kind = ?`, k.kind).Scan(&last); err != nil {
			return 0, fmt.Errorf("store: oparl id: %w", err)
		}
	}
	y.maxID[k.kind] = last + 1
	return last + 1, nil
}

// oparlTermYears gives the years of the council's legislative terms
// (Vorsitzjahre): every year with a session or a recorded chair
// (body_chairs), the council's id given twice.
const oparlTermYears = `SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM sessions WHERE body_id = ? AND date != ''
	UNION SELECT year FROM body_chairs WHERE body_id = ?`

// sessionsTouch marks what follows from the sessions as a whole: the years
// (legislative terms, and the Body that embeds them) and the memberships
// that end with a session.
func (y *oparlSync) sessionsTouch() error {
	if err := y.addAll(oparl.KindLegislativeTerm, oparlTermYears, y.council.ID, y.council.ID); err != nil {
		return err
	}
	if err := y.addAll(oparl.KindLegislativeTerm, `SELECT src FROM oparl_objects WHERE kind = ? AND src IS NOT NULL`, oparl.KindLegislativeTerm); err != nil {
		return err
	}
	y.add(oparl.KindBody, y.council.ID)
	rows, err := y.tx.QueryContext(y.ctx, `SELECT a.id, COALESCE(a.person_id, m.representative_id, 0)`+assignmentFrom+` WHERE a.ends_with_session > 0`)
	if err != nil {
		return fmt.Errorf("store: oparl: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, p int64
		if err := rows.Scan(&a, &p); err != nil {
			return fmt.Errorf("store: oparl: %w", err)
		}
		y.add(oparl.KindMembership, a)
		y.add(oparl.KindPerson, p)
	}
	return rows.Err()
}

// run builds every marked object, children first.
func (y *oparlSync) run() error {
	if y.sessionsChanged {
		if err := y.sessionsTouch(); err != nil {
			return err
		}
	}
	// The keys of the sessions and other rows first, then those of the
	// FachMK dates (negative, dateSrc) in the order of the dates' ids.
	marked := map[string][]int64{}
	for _, kind := range oparlOrder {
		srcs := make([]int64, 0, len(y.want[kind]))
		for src := range y.want[kind] {
			srcs = append(srcs, src)
		}
		sort.Slice(srcs, func(i, j int) bool {
			a, b := srcs[i], srcs[j]
			if (a < 0) != (b < 0) {
				return b < 0
			}
			if a < 0 {
				return a > b
			}
			return a < b
		})
		marked[kind] = srcs
	}
	// The new public objects take their ids first, kind by kind in the
	// order of their rows — not in the order in which building their
	// parents refers to them — so that a first build numbers each kind
	// in the order its rows were made (allocate).
	for _, kind := range oparlOrder {
		for _, src := range marked[kind] {
			if _, err := y.ref(kind, src); err != nil {
				return fmt.Errorf("store: oparl %s %d: %w", kind, src, err)
			}
		}
	}
	for _, kind := range oparlOrder {
		for _, src := range marked[kind] {
			if err := y.build(oparlKey{kind, src}); err != nil {
				return fmt.Errorf("store: oparl %s %d: %w", kind, src, err)
			}
		}
		// The objects that embed these are built from the stored rows.
		if err := y.flush(); err != nil {
			return err
		}
	}
	for kind, n := range y.counts {
		if n == 0 {
			continue
		}
		if _, err := y.tx.ExecContext(y.ctx, `INSERT INTO oparl_counts (kind, live) VALUES (?, ?)
			ON CONFLICT (kind) DO UPDATE SET live = oparl_counts.live + excluded.live`, kind, n); err != nil {
			return fmt.Errorf("store: oparl counts: %w", err)
		}
	}
	return nil
}

// oparlDecisionsByNumbers finds the decisions of a body and year by
// number, followed by the list of numbers (as oparlDecisionByNumber,
// through the same index).
const oparlDecisionsByNumbers = `SELECT id, seq FROM decisions WHERE body_id = ? AND year = ? AND seq > 0 AND seq IN `

// oparlDecisionByNumber finds the decision a paper's item builds on. The
// number index is partial (seq > 0): with the number a bound parameter,
// SQLite uses it only when the query says seq > 0 itself — without, every
// paper read all decisions of the council, and building a corpus took
// time growing with the square of its size.
const oparlDecisionByNumber = `SELECT id FROM decisions WHERE body_id = ? AND year = ? AND seq = ? AND seq > 0`

// embeddedOnce are the kinds embedded whole in one parent (embeddedOne):
// the parent takes them from memory when they were built in the same
// build.
var embeddedOnce = map[string]bool{oparl.KindConsultation: true, oparl.KindLocation: true, oparl.KindFile: true, oparl.KindOrganization: true}

// builtObject is an object as written by this build.
type builtObject struct {
	json     []byte
	modified string
}

// stored is a row of oparl_objects.
type stored struct {
	id                int64
	src               sql.NullInt64
	created, modified string
	deleted           bool
	hash              string
	org               sql.NullInt64 // the Organization whose meeting list holds it
}

// oparlStoredCols are the columns a stored is read from (scanStored).
const oparlStoredCols = `id, src, created, modified, deleted, hash, org`

func scanStored(r scanner) (stored, error) {
	var s stored
	err := r.Scan(&s.id, &s.src, &s.created, &s.modified, &s.deleted, &s.hash, &s.org)
	return s, err
}

// orgCount is the key of oparl_counts that counts the live objects of a
// kind in the meeting list of Organization org (OParlFilter.Org).
func orgCount(kind string, org int64) string { return kind + "@" + strconv.FormatInt(org, 10) }

func (y *oparlSync) stored(k oparlKey) (*stored, error) {
	if r, ok := y.rows[k]; ok {
		return r, nil
	}
	r, err := scanStored(y.tx.QueryRowContext(y.ctx, `SELECT `+oparlStoredCols+` FROM oparl_objects WHERE kind = ? AND src = ?`, k.kind, k.src))
	if errors.Is(err, sql.ErrNoRows) {
		y.rows[k] = nil
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: oparl row: %w", err)
	}
	y.rows[k] = &r
	return &r, nil
}

// embedded gives the stored JSON of the objects a query selects (json,
// modified), as written inside their parent, and the newest of their
// modified times.
func (y *oparlSync) embedded(backref, query string, args ...any) ([]json.RawMessage, string, error) {
	rows, err := y.tx.QueryContext(y.ctx, query, args...)
	if err != nil {
		return nil, "", fmt.Errorf("store: oparl embedded: %w", err)
	}
	defer rows.Close()
	var out []json.RawMessage
	newest := ""
	for rows.Next() {
		var raw []byte
		var mod string
		if err := rows.Scan(&raw, &mod); err != nil {
			return nil, "", fmt.Errorf("store: oparl embedded: %w", err)
		}
		e, err := oparl.Embedded(raw, backref)
		if err != nil {
			return nil, "", err
		}
		out = append(out, e)
		newest = max(newest, mod)
	}
	return out, newest, rows.Err()
}

func (y *oparlSync) embeddedOne(backref, kind string, src int64) (json.RawMessage, string, error) {
	if b, ok := y.built[oparlKey{kind, src}]; ok {
		e, err := oparl.Embedded(b.json, backref)
		return e, b.modified, err
	}
	l, mod, err := y.embedded(backref, `SELECT json, modified FROM oparl_objects WHERE kind = ? AND src = ? AND deleted = 0`, kind, src)
	if err != nil || len(l) == 0 {
		return nil, "", err
	}
	return l[0], mod, nil
}

// build writes the object of a source row: built anew if public (its
// modified time changes only if its content did), a tombstone if not.
func (y *oparlSync) build(k oparlKey) error {
	visible, err := y.isVisible(k)
	if err != nil {
		return err
	}
	old, err := y.stored(k)
	if err != nil {
		return err
	}
	if !visible {
		return y.tombstone(k, old)
	}
	id, err := y.ref(k.kind, k.src)
	if err != nil {
		return err
	}
	obj, children, err := y.render(k, id)
	if err != nil {
		return err
	}
	org, err := y.listOrg(k)
	if err != nil {
		return err
	}
	content, err := oparl.MarshalTimed(obj)
	if err != nil {
		return err
	}
	hash := oparl.Hash(content.Content())
	if old != nil && !old.deleted && old.hash == hash {
		return nil
	}
	created, modified := y.now, y.now
	switch {
	case old != nil:
		created = old.created
	case y.backfill:
		created, modified, err = y.auditTimes(k)
		if err != nil {
			return err
		}
		modified = max(modified, children)
		if k.kind == oparl.KindMeeting && k.src < 0 {
			// The meetingState changed with the day (stateSince).
			d, err := y.publicDate(-k.src)
			if err != nil {
				return err
			}
			modified = max(modified, y.stateSince(*d))
		}
	}
	// The object with its times, from the content's bytes.
	full := content.WithTimes(showTime(created), showTime(modified))
	var listed sql.NullInt64
	if org != 0 {
		listed = sql.NullInt64{Int64: org, Valid: true}
	}
	if old == nil || old.deleted {
		y.counts[k.kind]++
	}
	if old == nil || old.deleted || old.org != listed {
		if old != nil && !old.deleted && old.org.Valid {
			y.counts[orgCount(k.kind, old.org.Int64)]--
		}
		if listed.Valid {
			y.counts[orgCount(k.kind, org)]++
		}
	}
	var orgArg any
	if listed.Valid {
		orgArg = org
	}
	y.pending = append(y.pending, []any{k.kind, id, k.src, created, modified, hash, full, orgArg})
	if embeddedOnce[k.kind] {
		y.built[k] = builtObject{full, modified}
	}
	y.rows[k] = &stored{id: id, src: sql.NullInt64{Int64: k.src, Valid: true}, created: created, modified: modified, hash: hash, org: listed}
	return nil
}

// tombstone marks the object of a source row deleted (chapter 2.8: id,
// type and created stay, modified is the time of deletion). Once the source
// row is gone, the object no longer names it, so a new row with the same
// rowid gets a new public id.
func (y *oparlSync) tombstone(k oparlKey, old *stored) error {
	if old == nil {
		return nil
	}
	gone, err := y.sourceGone(k)
	if err != nil {
		return err
	}
	var src any = k.src
	if gone {
		src = nil
	}
	if old.deleted {
		if gone {
			y.rows[k] = nil
			_, err := y.tx.ExecContext(y.ctx, `UPDATE oparl_objects SET src = NULL WHERE kind = ? AND id = ?`, k.kind, old.id)
			return err
		}
		return nil
	}
	obj := oparl.Tombstone(k.kind, old.id)
	obj["created"], obj["modified"] = showTime(old.created), showTime(y.now)
	full, err := oparl.Marshal(obj)
	if err != nil {
		return err
	}
	y.counts[k.kind]--
	if old.org.Valid {
		y.counts[orgCount(k.kind, old.org.Int64)]--
	}
	_, err = y.tx.ExecContext(y.ctx, `UPDATE oparl_objects SET src = ?, modified = ?, deleted = 1, hash = 'deleted', json = ? WHERE kind = ? AND id = ?`,
		src, y.now, full, k.kind, old.id)
	if err != nil {
		return fmt.Errorf("store: oparl tombstone: %w", err)
	}
	if gone {
		y.rows[k] = nil
	} else {
		y.rows[k] = &stored{id: old.id, src: old.src, created: old.created, modified: y.now, deleted: true, hash: "deleted", org: old.org}
	}
	return nil
}

// sourceGone says whether the row an object was built from no longer
// exists.
func (y *oparlSync) sourceGone(k oparlKey) (bool, error) {
	var table string
	id := k.src
	switch k.kind {
	case oparl.KindMeeting, oparl.KindLocation:
		table = "sessions"
		if k.src < 0 {
			table, id = "conference_dates", -k.src
		}
	case oparl.KindFile:
		table = "sessions"
	case oparl.KindAgendaItem:
		table = "agenda_items"
	case oparl.KindPaper, oparl.KindConsultation:
		table = "decisions"
	case oparl.KindOrganization, oparl.KindBody:
		table = "bodies"
	case oparl.KindPerson:
		table = "persons"
	case oparl.KindMembership:
		table = "spokesperson_assignments"
	default:
		return false, nil
	}
	var one int
	err := y.tx.QueryRowContext(y.ctx, "SELECT 1 FROM "+table+" WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	return false, err
}

// auditTimes gives created and modified of a source row from the audit
// log (now if it has none), in whole seconds.
func (y *oparlSync) auditTimes(k oparlKey) (string, string, error) {
	var first, last sql.NullString
	var err error
	switch k.kind {
	case oparl.KindSystem: // the installation began with its council
		err = y.tx.QueryRowContext(y.ctx, `SELECT MIN(at), MIN(at) FROM audit_log WHERE entity = 'body' AND entity_id = ?`, y.council.ID).Scan(&first, &last)
	case oparl.KindLegislativeTerm: // a year, from its sessions and its chair (SetChair's entry "2025 MV")
		year := strconv.FormatInt(k.src, 10)
		err = y.tx.QueryRowContext(y.ctx, `SELECT MIN(at), MAX(at) FROM (
			SELECT a.at FROM sessions s JOIN audit_log a ON a.entity = 'session' AND a.entity_id = s.id WHERE s.body_id = ? AND s.date LIKE ?
			UNION ALL SELECT at FROM audit_log WHERE entity = 'body' AND entity_id = ? AND action = 'chair' AND detail LIKE ?) t`,
			y.council.ID, year+"-%", y.council.ID, year+" %").Scan(&first, &last)
	default:
		entity, src := auditSource(k)
		if entity == "" {
			return y.now, y.now, nil
		}
		if t, ok := y.audit[entity][src]; ok {
			first.String, first.Valid, last.String, last.Valid = t[0], t[0] != "", t[1], t[1] != ""
			break
		}
		err = y.tx.QueryRowContext(y.ctx, `SELECT MIN(at), MAX(at) FROM audit_log WHERE entity = ? AND entity_id = ?`, entity, src).Scan(&first, &last)
		if err == nil {
			// Widened by the import that created the row, if one did.
			times := map[int64][2]string{src: {first.String, last.String}}
			err = importTimes(y.ctx, y.tx, entity, []int64{src}, times)
			t := times[src]
			first.String, first.Valid, last.String, last.Valid = t[0], t[0] != "", t[1], t[1] != ""
		}
	}
	if err != nil {
		return "", "", fmt.Errorf("store: oparl audit times: %w", err)
	}
	if !first.Valid || len(first.String) < 19 || len(last.String) < 19 {
		return y.now, y.now, nil
	}
	return first.String[:19] + "Z", last.String[:19] + "Z", nil
}

// showTime writes a stored time as OParl shows it.
func showTime(s string) string {
	t, err := time.Parse(oparlTime, s)
	if err != nil {
		return s
	}
	return oparl.Time(t)
}

// render builds the object of a visible source row with public id id; it
// also gives the newest modified time of its embedded objects.
func (y *oparlSync) render(k oparlKey, id int64) (oparl.Object, string, error) {
	c := y.council
	bodyID, err := y.ref(oparl.KindBody, c.ID)
	if err != nil {
		return nil, "", err
	}
	councilOrg, err := y.ref(oparl.KindOrganization, c.ID)
	if err != nil {
		return nil, "", err
	}
	switch k.kind {
	case oparl.KindSystem:
		return oparl.System(oparl.Root+"/body", oparl.Web("/")), "", nil
	case oparl.KindBody:
		terms, mod, err := y.embedded("body", `SELECT json, modified FROM oparl_objects WHERE kind = ? AND deleted = 0 ORDER BY id`, oparl.KindLegislativeTerm)
		if err != nil {
			return nil, "", err
		}
		return oparl.Body(c, id, councilOrg, terms), mod, nil
	case oparl.KindOrganization:
		b, err := y.body(k.src)
		if err != nil {
			return nil, "", err
		}
		parent, err := y.ref(oparl.KindOrganization, b.ParentID)
		if err != nil {
			return nil, "", err
		}
		as, err := y.ids(`SELECT a.id`+assignmentFrom+` WHERE a.conference_id = ? AND COALESCE(a.person_id, m.representative_id) IS NOT NULL ORDER BY a.id`, b.ID)
		if err != nil {
			return nil, "", err
		}
		var ms []int64
		for _, a := range as {
			m, err := y.ref(oparl.KindMembership, a)
			if err != nil {
				return nil, "", err
			}
			if m != 0 {
				ms = append(ms, m)
			}
		}
		return oparl.Organization(*b, id, bodyID, parent, ms, b.ID == c.ID), "", nil
	case oparl.KindPerson:
		p, err := y.person(k.src)
		if err != nil {
			return nil, "", err
		}
		ms, mod, err := y.embedded("person", `SELECT o.json, o.modified FROM spokesperson_assignments a JOIN oparl_objects o ON o.kind = ? AND o.src = a.id AND o.deleted = 0
			LEFT JOIN members m ON m.abbrev = a.member_abbrev
			WHERE COALESCE(a.person_id, m.representative_id) = ? ORDER BY o.id`, oparl.KindMembership, p.ID)
		if err != nil {
			return nil, "", err
		}
		return oparl.Person(*p, id, bodyID, ms), mod, nil
	case oparl.KindMembership:
		a, err := y.assignment(k.src)
		if err != nil {
			return nil, "", err
		}
		person, err := y.ref(oparl.KindPerson, a.PersonID)
		if err != nil {
			return nil, "", err
		}
		org, err := y.ref(oparl.KindOrganization, a.ConferenceID)
		if err != nil {
			return nil, "", err
		}
		var ended model.Date
		if a.Status(y.lastHeld) == model.AssignmentEnded {
			var date string
			err := y.tx.QueryRowContext(y.ctx, `SELECT date FROM sessions WHERE body_id = ? AND number = ?`, c.ID, a.EndsWithSession).Scan(&date)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return nil, "", fmt.Errorf("store: oparl membership end: %w", err)
			}
			ended = parseDate(date)
		}
		return oparl.Membership(*a, id, person, org, ended), "", nil
	case oparl.KindMeeting:
		if k.src < 0 {
			return y.conferenceMeeting(-k.src, id)
		}
		se, err := y.session(k.src)
		if err != nil {
			return nil, "", err
		}
		place, err := y.placeSource(se.Place)
		if err != nil {
			return nil, "", err
		}
		loc, m1, err := y.embeddedOne("meeting", oparl.KindLocation, place)
		if err != nil {
			return nil, "", err
		}
		file, m2, err := y.embeddedOne("meeting", oparl.KindFile, se.ID)
		if err != nil {
			return nil, "", err
		}
		items, m3, err := y.embedded("meeting", `SELECT o.json, o.modified FROM agenda_items i JOIN oparl_objects o ON o.kind = ? AND o.src = i.id AND o.deleted = 0
			WHERE i.session_id = ? ORDER BY i.position, i.id`, oparl.KindAgendaItem, se.ID)
		if err != nil {
			return nil, "", err
		}
		return oparl.Meeting(*se, id, c.Name, councilOrg, loc, file, items), max(m1, m2, m3), nil
	case oparl.KindAgendaItem:
		it, se, err := y.publicItem(k.src)
		if err != nil {
			return nil, "", err
		}
		meeting, err := y.ref(oparl.KindMeeting, se.ID)
		if err != nil {
			return nil, "", err
		}
		section, err := y.itemSectionName(*it, se.BodyID)
		if err != nil {
			return nil, "", err
		}
		pub := model.Public.Item(*it)
		var dec *model.Decision
		var consultation int64
		var unnumbered []model.Decision
		ds, err := y.itemDecisionIDs(it.ID)
		if err != nil {
			return nil, "", err
		}
		for _, did := range ds {
			d, err := y.decision(did)
			if err != nil {
				return nil, "", err
			}
			switch {
			case y.paperPublic(d) && dec == nil:
				p := publicDecision(*d)
				dec = &p
				if consultation, err = y.ref(oparl.KindConsultation, d.ID); err != nil {
					return nil, "", err
				}
			case d != nil && d.BodyID == y.council.ID && d.Number.Seq == 0 && model.Public.SeesDecision(*d):
				// A decision without number has no Paper: its text is
				// the item's.
				unnumbered = append(unnumbered, publicDecision(*d))
			}
		}
		agenda, err := y.agenda(it.SessionID)
		if err != nil {
			return nil, "", err
		}
		return oparl.AgendaItem(pub, *se, agenda.anchors[it.ID], agenda.places[it.ID], id, meeting, section, dec, consultation, unnumbered), "", nil
	case oparl.KindPaper:
		d, err := y.decision(k.src)
		if err != nil {
			return nil, "", err
		}
		cons, mod, err := y.embeddedOne("paper", oparl.KindConsultation, d.ID)
		if err != nil {
			return nil, "", err
		}
		var related []int64
		var keywords []string
		if d.ItemID != 0 {
			it, err := y.item(d.ItemID)
			if err != nil {
				return nil, "", err
			}
			if it != nil {
				section, err := y.sectionName(it.SectionID)
				if err != nil {
					return nil, "", err
				}
				keywords = append(keywords, section)
				for _, src := range it.Sources {
					n, ok := model.ParseDecisionRef(src)
					if !ok {
						continue
					}
					ids, ok := y.byNumber[n]
					if !ok {
						var err error
						if ids, err = y.ids(oparlDecisionByNumber, c.ID, n.Year, n.Seq); err != nil {
							return nil, "", err
						}
					}
					for _, rid := range ids {
						r, err := y.ref(oparl.KindPaper, rid)
						if err != nil {
							return nil, "", err
						}
						if r != 0 && r != id {
							related = append(related, r)
						}
					}
				}
			}
		}
		return oparl.Paper(publicDecision(*d), id, bodyID, cons, related, keywords), mod, nil
	case oparl.KindConsultation:
		d, err := y.decision(k.src)
		if err != nil {
			return nil, "", err
		}
		paper, err := y.ref(oparl.KindPaper, d.ID)
		if err != nil {
			return nil, "", err
		}
		item, err := y.ref(oparl.KindAgendaItem, d.ItemID)
		if err != nil {
			return nil, "", err
		}
		meeting, err := y.ref(oparl.KindMeeting, d.SessionID)
		if err != nil {
			return nil, "", err
		}
		return oparl.Consultation(*d, id, paper, item, meeting, councilOrg), "", nil
	case oparl.KindFile:
		se, err := y.session(k.src)
		if err != nil {
			return nil, "", err
		}
		meeting, err := y.ref(oparl.KindMeeting, se.ID)
		if err != nil {
			return nil, "", err
		}
		corrected, err := y.newestCorrection(se.ID)
		if err != nil {
			return nil, "", err
		}
		return oparl.File(*se, corrected, id, meeting), "", nil
	case oparl.KindLocation:
		place, err := y.sourcePlace(k.src)
		if err != nil {
			return nil, "", err
		}
		return oparl.Location(place, id), "", nil
	case oparl.KindLegislativeTerm:
		return oparl.LegislativeTerm(int(k.src), id, bodyID), "", nil
	}
	return nil, "", fmt.Errorf("unknown kind %q", k.kind)
}

func (y *oparlSync) sectionName(id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	if name, ok := y.sections[id]; ok {
		return name, nil
	}
	var name string
	err := y.tx.QueryRowContext(y.ctx, `SELECT name FROM sections WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	if err == nil {
		y.sections[id] = name
	}
	return name, err
}

// itemSectionName gives the name of the section an agenda item stands in
// (model.SectionOf: the Grüne Liste for an item put on it), as the session
// page and the minutes group it.
func (y *oparlSync) itemSectionName(it model.AgendaItem, bodyID int64) (string, error) {
	if !it.Consent {
		return y.sectionName(it.SectionID)
	}
	if y.sectionRows == nil {
		y.sectionRows, y.consentSections = map[int64]model.Section{}, map[int64]model.Section{}
	}
	own, ok := y.sectionRows[it.SectionID]
	if !ok && it.SectionID != 0 {
		err := y.tx.QueryRowContext(y.ctx, `SELECT id, name, consent FROM sections WHERE id = ?`, it.SectionID).Scan(&own.ID, &own.Name, &own.Consent)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("store: section %d: %w", it.SectionID, err)
		}
		y.sectionRows[it.SectionID] = own
	}
	consent, ok := y.consentSections[bodyID]
	if !ok {
		err := y.tx.QueryRowContext(y.ctx, `SELECT id, name FROM sections WHERE body_id = ? AND consent = 1 ORDER BY position, id LIMIT 1`, bodyID).Scan(&consent.ID, &consent.Name)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("store: consent section of body %d: %w", bodyID, err)
		}
		consent.Consent = consent.ID != 0
		y.consentSections[bodyID] = consent
	}
	return model.SectionOf(it, own, consent).Name, nil
}

// publicDecision gives a decision as the publication gate shows it to the
// public, its text as last corrected (callers checked paperPublic).
func publicDecision(d model.Decision) model.Decision {
	p, _ := model.Public.Decision(d)
	return p.Corrected()
}

// WriteOption is an option of a write operation of the store that takes
// options (SaveMinutes).
type WriteOption int

const (
	// OParlAfterCommit leaves the OParl objects of the operation's
	// changes marked in oparl_dirty instead of building them in its
	// transaction; the caller works them off after the commit with
	// SyncOParl (the import does it next to its search index). Until then
	// OParl readers see the data as before the operation. A crash in
	// between leaves the marks: the next SyncOParl (`gremium serve` at its
	// start, the next import) builds them. Honoured only where the change
	// can only add public objects — SaveMinutes of a session that is not
	// stored yet; otherwise a stale object could still show what the
	// change withdrew from the public, so the objects are built in the
	// transaction as for every other write.
	OParlAfterCommit WriteOption = iota + 1
	// SearchAfterCommit leaves the search documents of a new session to be
	// written after the commit: SaveMinutes marks the session in
	// search_pending in its transaction, and search.IndexPending (run by
	// `gremium serve` at its start and within a second of a change while
	// it serves) writes them and removes the mark in one transaction.
	// Until then the search finds nothing of the session and its page says
	// that hits of the newest minutes may be missing. Honoured, as
	// OParlAfterCommit, only for a session that is not stored yet: what
	// the index does not have yet cannot show what a change withdrew.
	SearchAfterCommit
)

// SyncOParl builds the OParl objects of rows changed outside the store's
// transactions (a new database migrated, a corpus written directly, an
// operation with OParlAfterCommit), in transactions of batch rows each;
// progress, if set, gets the rows done and left. The server calls it
// before it serves.
func (s *Store) SyncOParl(ctx context.Context, progress func(done, left int)) error {
	const batch = oparlSyncBatch
	// A row written several times (an item inserted, then updated) is
	// built once: the build reads the data as it is now. Only rows written
	// outside the store (or by an operation with OParlAfterCommit) wait
	// here; the store's other transactions build theirs before they commit.
	if _, err := s.db.ExecContext(ctx, oparlDedupeMarks); err != nil {
		return fmt.Errorf("store: oparl backlog: %w", err)
	}
	// The backlog is counted only for progress: without it the loop ends
	// when a transaction finds less than a batch of marks.
	done, left, analyzeAt := 0, 0, batch
	for {
		if progress != nil && left == 0 {
			// Counted once, and again when the count is used up.
			if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM oparl_dirty`).Scan(&left); err != nil {
				return fmt.Errorf("store: oparl backlog: %w", err)
			}
			if left == 0 {
				return nil
			}
		}
		if progress != nil {
			progress(done, left)
		}
		var n int
		err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
			n, err = s.syncOParl(ctx, tx, 0, batch, true, "")
			return err
		})
		if err != nil {
			return err
		}
		done += n
		if done >= analyzeAt && n == batch && s.isPG() {
			// A first build fills oparl_objects from (nearly) nothing, and
			// PostgreSQL plans its reads of it by what it knew when the
			// table was small — each batch read all objects of a kind
			// past an index on kind alone, the build slowed as the table
			// grew (24 min 14 s at 100k, SQLite 47 s), and autovacuum's
			// analyse comes late if at all. So the table is analysed
			// whenever the build has doubled since the last time (which
			// also renews the connections' cached plans of it).
			if _, err := s.db.ExecContext(ctx, `ANALYZE oparl_objects`); err != nil {
				return fmt.Errorf("store: oparl analyze: %w", err)
			}
			analyzeAt = 2 * done
		}
		if progress == nil {
			if n < batch {
				return nil
			}
			continue
		}
		left = max(0, left-n)
		if n == 0 {
			left = 0
		}
	}
}

// oparlSyncBatch is how many marks of oparl_dirty one transaction of
// SyncOParl works off.
const oparlSyncBatch = 5000

// oparlDedupeMarks removes the marks of a row but its first: a row
// written several times is built once. The marks are numbered per row
// (ROW_NUMBER), not matched with "seq NOT IN (SELECT MIN(seq) …)":
// PostgreSQL hashes a NOT IN subquery only while its result fits work_mem
// (4 MB by default) and otherwise compares every mark with every first
// mark — the first sync after `gremium migrate-data` of the 1M corpus
// (4.1 million marks of 2.2 million rows) had not ended after 12 minutes;
// numbered, the clean-up takes 30 s there, and on SQLite 32 s against 26
// (docs/performance.md, "The OParl marks' clean-up at 1M").
const oparlDedupeMarks = `DELETE FROM oparl_dirty WHERE seq IN (
	SELECT seq FROM (SELECT seq, ROW_NUMBER() OVER (PARTITION BY entity, id ORDER BY seq) AS n FROM oparl_dirty) numbered WHERE n > 1)`

// SyncOParlAndSearch is SyncOParl followed by ReplaceSearchDocs of the
// scopes docs gives, in one transaction: what `gremium import minutes`
// writes after its store steps' commits — the OParl objects the steps left
// marked (OParlAfterCommit) and the sessions' search documents. The two
// were writers of their own, and on SQLite, whose one writer serialises
// them anyway, the second waited in the busy handler (polling, 1–100 ms
// sleeps) for the first; now there is one writer and one commit instead
// of three (the marks' clean-up, the objects, the documents) — for all
// files of an import at once. docs is called once the objects are built,
// inside the transaction, so that the caller can build the documents
// meanwhile on another processor; no scopes write no documents. An error
// of docs or of a write rolls back both: the marks stay for the next sync
// (the next import, `gremium serve` at its start), and the sessions'
// documents are not written. A backlog larger than one of SyncOParl's
// transactions (rows written outside the store, say a migrated database
// not yet served) is worked off first by SyncOParl, in its transactions,
// not in the import's one; the backlog is counted once, here (SyncOParl
// counts only for progress).
func (s *Store) SyncOParlAndSearch(ctx context.Context, docs func() ([]SearchScope, error)) error {
	var backlog int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM oparl_dirty`).Scan(&backlog); err != nil {
		return fmt.Errorf("store: oparl backlog: %w", err)
	}
	if backlog > oparlSyncBatch {
		if err := s.SyncOParl(ctx, nil); err != nil {
			return err
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, oparlDedupeMarks); err != nil {
			return fmt.Errorf("store: oparl backlog: %w", err)
		}
		for {
			n, err := s.syncOParl(ctx, tx, 0, oparlSyncBatch, true, "")
			if err != nil {
				return err
			}
			if n < oparlSyncBatch {
				break
			}
		}
		scopes, err := docs()
		if err != nil {
			return err
		}
		return s.replaceSearchScopes(ctx, tx, scopes)
	})
}

// OParl lists and objects for the API.

// OParlCursor is where a list page starts: after the object with this
// time (of the list's order; empty when ordered by id) and id. A key of a
// list ordered by time names its order, so that a key is refused in a list
// ordered otherwise (it would name another position there).
type OParlCursor struct {
	Order string // "modified" or "created"; "" when ordered by id
	Time  string
	ID    int64
}

// cursorOrders are the letters that name a key's order in its URL form.
var cursorOrders = map[string]string{"m": "modified", "c": "created"}

// String writes the cursor for a URL: the id, or the order's letter, the
// time and the id (m2026-12-02T10:21:18Z_5).
func (c OParlCursor) String() string {
	if c.Time == "" {
		return strconv.FormatInt(c.ID, 10)
	}
	return c.Order[:1] + c.Time + "_" + strconv.FormatInt(c.ID, 10)
}

// ErrOParlCursor refuses a page key that is not a position in the list it
// is given to.
var ErrOParlCursor error = model.InputError("Ungültige Listenposition.")

// ParseOParlCursor reads a cursor written by String.
func ParseOParlCursor(s string) (OParlCursor, error) {
	t, id, found := strings.Cut(s, "_")
	if !found {
		t, id = "", s
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n < 0 {
		return OParlCursor{}, ErrOParlCursor
	}
	var order string
	if t != "" {
		if order = cursorOrders[t[:1]]; order == "" {
			return OParlCursor{}, ErrOParlCursor
		}
		t = t[1:]
		// Only as String writes it: time.Parse takes fractional seconds
		// the layout does not name ("…14.5Z"), and the keyset compares the
		// text, so such a key gave another page than the list's own
		// (and each spelling was kept rendered as a page of its own).
		if p, err := time.Parse(oparlTime, t); err != nil || p.Format(oparlTime) != t {
			return OParlCursor{}, ErrOParlCursor
		}
	}
	return OParlCursor{Order: order, Time: t, ID: n}, nil
}

// OParlFilter selects a list page. Zero times are no bound; bounds include
// the objects whose time equals them (compared in whole seconds).
type OParlFilter struct {
	CreatedSince, CreatedUntil, ModifiedSince, ModifiedUntil time.Time
	Limit                                                    int
	After                                                    *OParlCursor
	// Org, if not 0, is the public id of the Organization whose list is
	// read (/oparl/v1/organization/{id}/meeting): the objects it holds,
	// the council's sessions or a FachMK's dates; 0 reads the kind's list
	// of the body.
	Org int64
}

// OParlPage is what a list page says besides its objects: the cursor of
// the next page (nil on the last), of the page before and of the last
// page, and the number of objects of the unfiltered list (-1 when
// filtered).
//
// A page is named by the key it starts after (its after parameter; nil:
// the first page). Prev is the page before as Next had named it: a page
// reached by Next gives back, through Prev, the page Next was followed
// from. Last is the page that ends an unfiltered list, whose number of
// objects is kept (Total): the last page as Next reaches it; a filtered
// list has no Last. Both are found by one query read backwards from a
// key (at most Limit+1 index entries), never by counting the list.
type OParlPage struct {
	Next  *OParlCursor
	Total int
	// HasPrev is false on the first page; else Prev is the key the page
	// before starts after (nil: the first page).
	HasPrev bool
	Prev    *OParlCursor
	// HasLast is true for an unfiltered list (Total >= 0; an empty
	// list's last page is its first); Last is the key the last page
	// starts after (nil: the first page).
	HasLast bool
	Last    *OParlCursor
}

// OParlObject gives the stored JSON of an object (a tombstone for a deleted
// one).
func (s *Store) OParlObject(ctx context.Context, kind string, id int64) ([]byte, error) {
	var raw []byte
	st, err := s.readStmt(ctx, `SELECT json FROM oparl_objects WHERE kind = ? AND id = ?`)
	if err != nil {
		return nil, err
	}
	err = st.QueryRowContext(ctx, kind, id).Scan(&raw)
	if err != nil {
		return nil, notFound(err, "oparl object")
	}
	return raw, nil
}

// OParlBodyID gives the public id of the OParl body (the council).
func (s *Store) OParlBodyID(ctx context.Context) (int64, error) {
	var id int64
	st, err := s.readStmt(ctx, `SELECT id FROM oparl_objects WHERE kind = ? AND deleted = 0 ORDER BY id LIMIT 1`)
	if err != nil {
		return 0, err
	}
	err = st.QueryRowContext(ctx, oparl.KindBody).Scan(&id)
	if err != nil {
		return 0, notFound(err, "oparl body")
	}
	return id, nil
}

// OParlList gives a page of the objects of a kind, ordered by id — or, with
// a modified (created) filter, by modified (created) time and id, so that
// the index serves the filter. Deleted objects are listed only with
// ModifiedSince (chapter 2.5). Paging is by key, not offset: a deep page
// costs what the first costs. each gets the stored JSON of every object of
// the page in order (with the placeholders of package oparl); raw is the
// database's buffer, valid only during the call (a page is 100–180 KB:
// it is not copied on its way to the answer).
func (s *Store) OParlList(ctx context.Context, kind string, f OParlFilter, each func(raw []byte) error) (OParlPage, error) {
	order := "id"
	switch {
	case !f.ModifiedSince.IsZero() || !f.ModifiedUntil.IsZero():
		order = "modified"
	case !f.CreatedSince.IsZero() || !f.CreatedUntil.IsZero():
		order = "created"
	}
	w := where{}
	w.add("kind = ?", kind)
	if f.Org != 0 {
		w.add("org = ?", f.Org)
	}
	if f.ModifiedSince.IsZero() {
		w.add("deleted = 0")
	}
	bound := func(col, op string, t time.Time) {
		if !t.IsZero() {
			w.add(col+" "+op+" ?", t.UTC().Truncate(time.Second).Format(oparlTime))
		}
	}
	bound("created", ">=", f.CreatedSince)
	bound("created", "<=", f.CreatedUntil)
	bound("modified", ">=", f.ModifiedSince)
	bound("modified", "<=", f.ModifiedUntil)
	list := w // the list without a key (prev and last read it backwards)
	if f.After != nil {
		// A key from a list in another order (one without filter given
		// to a filtered list, or one of modified times to a created
		// filter) names no position here.
		if o := f.After.Order; o == "" && order != "id" || o != "" && o != order {
			return OParlPage{}, ErrOParlCursor
		}
		w = keyed(list, order, ">", f.After)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	orderBy := " ORDER BY id"
	sel := "SELECT json, id, '' FROM oparl_objects"
	if order != "id" {
		orderBy = " ORDER BY " + order + ", id"
		sel = "SELECT json, id, " + order + " FROM oparl_objects"
	}
	st, err := s.readStmt(ctx, sel+w.sql()+orderBy+" LIMIT ?")
	if err != nil {
		return OParlPage{}, err
	}
	rows, err := st.QueryContext(ctx, append(w.args, limit+1)...)
	if err != nil {
		return OParlPage{}, fmt.Errorf("store: oparl list: %w", err)
	}
	defer rows.Close()
	page := OParlPage{Total: -1}
	var last OParlCursor
	n := 0
	for rows.Next() {
		var raw sql.RawBytes
		var c OParlCursor
		if order != "id" {
			c.Order = order
		}
		if err := rows.Scan(&raw, &c.ID, &c.Time); err != nil {
			return OParlPage{}, fmt.Errorf("store: oparl list: %w", err)
		}
		if n == limit {
			next := last
			page.Next = &next
			break
		}
		if err := each(raw); err != nil {
			return OParlPage{}, err
		}
		n++
		last = c
	}
	if err := rows.Err(); err != nil {
		return OParlPage{}, fmt.Errorf("store: oparl list: %w", err)
	}
	if f.CreatedSince.IsZero() && f.CreatedUntil.IsZero() && f.ModifiedSince.IsZero() && f.ModifiedUntil.IsZero() {
		st, err := s.readStmt(ctx, `SELECT COALESCE((SELECT live FROM oparl_counts WHERE kind = ?), 0)`)
		if err != nil {
			return OParlPage{}, err
		}
		counted := kind
		if f.Org != 0 {
			counted = orgCount(kind, f.Org)
		}
		if err := st.QueryRowContext(ctx, counted).Scan(&page.Total); err != nil {
			return OParlPage{}, fmt.Errorf("store: oparl count: %w", err)
		}
	}
	if f.After != nil {
		// The page before ends with the key this page starts after: it
		// starts after the object limit places before that key (none:
		// it is the first page).
		page.HasPrev = true
		if page.Prev, err = s.oparlBack(ctx, order, keyed(list, order, "<=", f.After), limit); err != nil {
			return OParlPage{}, err
		}
	}
	// The last page, of a list whose count is kept (unfiltered): the
	// remainder of the list cut into pages of limit from the start. A
	// filtered list has none, since without counting it the last page
	// could only be the last limit objects, which may share objects with
	// the page before it as Next reaches it (OParl's links.last is
	// optional, chapter 2.5).
	switch {
	case page.Total < 0:
	case page.Next == nil:
		page.HasLast, page.Last = true, f.After // this page ends the list
	default:
		page.HasLast = true
		if page.Last, err = s.oparlBack(ctx, order, list, (page.Total-1)%limit+1); err != nil {
			return OParlPage{}, err
		}
	}
	return page, nil
}

// keyed gives the conditions of a list (w) with a key's bound: op ">"
// for the objects after the key in the list's order, "<=" for those up to
// it.
func keyed(w where, order, op string, c *OParlCursor) where {
	k := where{conds: slices.Clone(w.conds), args: slices.Clone(w.args)}
	if order == "id" {
		k.add("id "+op+" ?", c.ID)
	} else {
		k.add("("+order+", id) "+op+" (?, ?)", c.Time, c.ID)
	}
	return k
}

// oparlBackQuery is oparlBack's statement: the key n places from the end
// of the list w selects in its order (the argument of OFFSET last).
func oparlBackQuery(order string, w where) string {
	if order == "id" {
		return "SELECT id, '' FROM oparl_objects" + w.sql() + " ORDER BY id DESC LIMIT 1 OFFSET ?"
	}
	return "SELECT id, " + order + " FROM oparl_objects" + w.sql() + " ORDER BY " + order + " DESC, id DESC LIMIT 1 OFFSET ?"
}

// oparlBack reads the list w selects backwards (from its end, in order)
// and gives the key of the object n places before the end: the key the
// page of the last n objects starts after; nil when the list has no more
// than n objects (that page is the first). It reads n+1 index entries.
func (s *Store) oparlBack(ctx context.Context, order string, w where, n int) (*OParlCursor, error) {
	c := OParlCursor{}
	if order != "id" {
		c.Order = order
	}
	st, err := s.readStmt(ctx, oparlBackQuery(order, w))
	if err != nil {
		return nil, err
	}
	err = st.QueryRowContext(ctx, append(slices.Clone(w.args), n)...).Scan(&c.ID, &c.Time)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: oparl list backwards: %w", err)
	}
	return &c, nil
}

// readStmt gives the prepared statement of a read query, prepared once per
// store (database/sql prepares it on each connection when first used
// there): the OParl reads are few fixed texts, and compiling them took a
// tenth of a request.
func (s *Store) readStmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: prepare: %w", err)
	}
	if old, loaded := s.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return old.(*sql.Stmt), nil
	}
	return st, nil
}

// newestCorrection gives the newest correction of a session's approved
// minutes (a minutes version after the first), or the zero value. The
// minutes_versions triggers of migration 01140 mark the session's Meeting
// and File when a version is kept.
func (y *oparlSync) newestCorrection(sessionID int64) (oparl.Correction, error) {
	var c oparl.Correction
	var stand string
	err := y.tx.QueryRowContext(y.ctx, `SELECT version, stand FROM minutes_versions WHERE session_id = ? AND version > 1 ORDER BY version DESC LIMIT 1`, sessionID).Scan(&c.Version, &stand)
	if errors.Is(err, sql.ErrNoRows) {
		return oparl.Correction{}, nil
	}
	if err != nil {
		return c, fmt.Errorf("store: minutes versions of session %d: %w", sessionID, err)
	}
	if stand != "" {
		if c.On, err = model.ParseDate(stand); err != nil {
			return c, fmt.Errorf("store: minutes version %d of session %d: %w", c.Version, sessionID, err)
		}
	}
	return c, nil
}
