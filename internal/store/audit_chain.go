package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// AuditHead names the newest entry of the audit chain: keeping it outside
// the database (printed, in another system, in a ticket) lets VerifyAudit
// prove later that the chain up to it was not rewritten.
type AuditHead struct {
	ID   int64
	Hash string
}

// String gives the head as "ID:HASH", the form ParseAuditHead reads.
func (h AuditHead) String() string { return fmt.Sprintf("%d:%s", h.ID, h.Hash) }

var hexHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ParseAuditHead reads a head as "ID:HASH" or a bare HASH (64 hex digits).
func ParseAuditHead(s string) (AuditHead, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	var h AuditHead
	if i := strings.IndexByte(s, ':'); i >= 0 {
		id, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil || id <= 0 {
			return h, fmt.Errorf("store: audit head %q: the entry number before the colon is not a positive number", s)
		}
		h.ID, s = id, s[i+1:]
	}
	if !hexHash.MatchString(s) {
		return h, fmt.Errorf("store: audit head: %q is not a SHA-256 hash (64 hex digits)", s)
	}
	h.Hash = s
	return h, nil
}

// AuditHeadNow gives the newest entry of the audit chain.
func (s *Store) AuditHeadNow(ctx context.Context) (AuditHead, error) {
	return auditHead(ctx, s.db)
}

// Kinds of damage VerifyAudit reports.
const (
	AuditAltered  = "verändert"
	AuditInserted = "eingefügt"
	AuditDeleted  = "gelöscht"
	AuditHeadLost = "Kopf"
)

// AuditProblem is the first place where the audit chain is broken.
type AuditProblem struct {
	EntryID int64  // the entry where the damage shows
	Kind    string // AuditAltered, AuditInserted, AuditDeleted or AuditHeadLost
	Reason  string // a German sentence saying what is wrong
}

// AuditReport is the result of VerifyAudit.
type AuditReport struct {
	Entries int64     // entries read
	Head    AuditHead // the newest entry
	// Problem is the first damage found; nil when the chain is intact.
	Problem *AuditProblem
}

// VerifyAudit reads the whole audit chain in one read transaction (a
// consistent snapshot, also while the server writes) and reports the first
// entry that was altered, inserted or deleted. With a non-zero head (from
// AuditHeadNow, kept outside the database) it also checks that this entry
// is still in the chain unchanged, which uncovers a chain recomputed after
// a rewrite and entries deleted from the end.
//
// What is checked for every entry, in id order: its hash over its content
// and the previous hash (see entryHash); that its prev_hash is the hash of
// the entry before; that its id follows the one before without a gap (the
// store numbers entries consecutively). The first entry has id 1 and an
// empty prev_hash.
func (s *Store) VerifyAudit(ctx context.Context, head AuditHead) (AuditReport, error) {
	var rep AuditReport
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rep, fmt.Errorf("store: verify audit: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id, at, actor, action, entity, entity_id, detail, old_values, new_values, prev_hash, hash
		FROM audit_log ORDER BY id`)
	if err != nil {
		return rep, fmt.Errorf("store: verify audit: %w", err)
	}
	defer rows.Close()
	v := verifier{head: head}
	var cur *auditRow
	for rows.Next() {
		var e auditRow
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Detail, &e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
			return rep, fmt.Errorf("store: verify audit: %w", err)
		}
		rep.Entries++
		if cur != nil {
			if p := v.check(cur, &e); p != nil {
				rep.Problem = p
				break
			}
		}
		cur = &e
	}
	if err := rows.Err(); err != nil {
		return rep, fmt.Errorf("store: verify audit: %w", err)
	}
	if rep.Problem == nil && cur != nil {
		rep.Problem = v.check(cur, nil)
	}
	if rep.Problem == nil {
		rep.Problem = v.headMissing()
	}
	rep.Head = v.prev
	return rep, nil
}

// verifier walks the chain; prev is the last entry found intact.
type verifier struct {
	prev      AuditHead
	head      AuditHead
	headFound bool
}

// check judges the entry cur, looking at the entry after it (nil at the
// end) to tell an inserted entry from a deleted one.
func (v *verifier) check(cur, next *auditRow) *AuditProblem {
	sound := entryHash(*cur) == cur.Hash
	was := cur.ID // the number the entry was written with
	if !sound {
		was = originalID(*cur)
	}
	intact := sound || was != cur.ID // the content is as written, maybe renumbered
	linked := cur.PrevHash == v.prev.Hash
	gap := cur.ID != v.prev.ID+1
	skipped := next != nil && next.PrevHash == v.prev.Hash && next.PrevHash != cur.Hash
	renumbered := ""
	if was != cur.ID {
		renumbered = fmt.Sprintf(" Eintrag %d wurde als Eintrag %d geschrieben und umnummeriert.", cur.ID, was)
	}
	p := func(kind, format string, args ...any) *AuditProblem {
		return &AuditProblem{EntryID: cur.ID, Kind: kind, Reason: fmt.Sprintf(format, args...)}
	}
	switch {
	case skipped:
		return p(AuditInserted, "Eintrag %d wurde nachträglich eingefügt: der folgende Eintrag %d schließt an Eintrag %d an.", cur.ID, next.ID, v.prev.ID)
	case linked && sound && !gap:
		// intact
	case gap && sound && cur.ID > v.prev.ID+1:
		return p(AuditDeleted, "Vor Eintrag %d %s (gelöscht).", cur.ID, missing(v.prev.ID+1, cur.ID-1))
	case !linked && intact:
		return p(AuditDeleted, "Vor Eintrag %d fehlt mindestens ein Eintrag (gelöscht): sein Vorgänger-Hash passt nicht zu Eintrag %d.%s", cur.ID, v.prev.ID, renumbered)
	case linked && intact:
		return p(AuditAltered, "Eintrag %d wurde verändert: seine Nummer.%s", cur.ID, renumbered)
	case linked:
		return p(AuditAltered, "Eintrag %d wurde verändert: sein Inhalt passt nicht mehr zu seinem Hash.", cur.ID)
	case next == nil:
		return p(AuditInserted, "Eintrag %d gehört nicht zur Kette (eingefügt oder verändert): weder sein Hash noch sein Vorgänger-Hash stimmen.", cur.ID)
	default:
		return p(AuditAltered, "Eintrag %d wurde verändert: weder sein Hash noch sein Vorgänger-Hash stimmen.", cur.ID)
	}
	v.prev = AuditHead{ID: cur.ID, Hash: cur.Hash}
	if v.head.Hash != "" && !v.headFound {
		switch {
		case v.head.ID == cur.ID && cur.Hash != v.head.Hash:
			return p(AuditHeadLost, "Eintrag %d hat nicht den hinterlegten Hash %s: die Kette wurde bis dorthin neu berechnet (Einträge verändert, eingefügt oder gelöscht).", cur.ID, short(v.head.Hash))
		case cur.Hash == v.head.Hash && (v.head.ID == 0 || v.head.ID == cur.ID):
			v.headFound = true
		}
	}
	return nil
}

// maxRenumber bounds the search for an entry's original number.
const maxRenumber = 10000

// originalID finds the number an entry whose hash does not match was
// written with, if only its number changed (entries renumbered after a
// deletion or to make room for an insertion); otherwise it gives e.ID.
func originalID(e auditRow) int64 {
	id := e.ID
	for k := int64(1); k <= maxRenumber; k++ {
		for _, try := range []int64{id + k, id - k} {
			if try <= 0 {
				continue
			}
			e.ID = try
			if entryHash(e) == e.Hash {
				return try
			}
		}
	}
	return id
}

// headMissing reports a kept head that the chain does not contain.
func (v *verifier) headMissing() *AuditProblem {
	if v.head.Hash == "" || v.headFound {
		return nil
	}
	if v.head.ID > v.prev.ID {
		return &AuditProblem{EntryID: v.head.ID, Kind: AuditDeleted,
			Reason: fmt.Sprintf("Die Kette endet mit Eintrag %d, der hinterlegte Kopf ist Eintrag %d: es %s (gelöscht).", v.prev.ID, v.head.ID, missing(v.prev.ID+1, v.head.ID))}
	}
	return &AuditProblem{EntryID: v.head.ID, Kind: AuditHeadLost,
		Reason: fmt.Sprintf("Der hinterlegte Hash %s kommt in der Kette nicht vor: sie wurde neu berechnet (Einträge verändert, eingefügt oder gelöscht).", short(v.head.Hash))}
}

// missing names the missing entries from … to: "fehlt Eintrag 5", "fehlen
// die Einträge 5 bis 9".
func missing(from, to int64) string {
	if from == to {
		return fmt.Sprintf("fehlt Eintrag %d", from)
	}
	return fmt.Sprintf("fehlen die Einträge %d bis %d", from, to)
}

func short(hash string) string {
	if len(hash) > 16 {
		return hash[:16] + "…"
	}
	return hash
}

// sealAuditLog is migration 31: it chains the entries written before the
// log had hashes, in id order, once. Entries written afterwards are chained
// as they are written.
func sealAuditLog(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, at, actor, action, entity, entity_id, detail, old_values, new_values FROM audit_log ORDER BY id`)
	if err != nil {
		return fmt.Errorf("store: seal audit log: %w", err)
	}
	var list []auditRow
	for rows.Next() {
		var e auditRow
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Detail, &e.Before, &e.After); err != nil {
			rows.Close()
			return fmt.Errorf("store: seal audit log: %w", err)
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: seal audit log: %w", err)
	}
	prev := ""
	for i, e := range list {
		// Renumber consecutively, so that later gaps mean deletions.
		old := e.ID
		e.ID = int64(i + 1)
		e.PrevHash = prev
		e.Hash = entryHash(e)
		if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET id = ?, prev_hash = ?, hash = ? WHERE id = ?`, e.ID, e.PrevHash, e.Hash, old); err != nil {
			return fmt.Errorf("store: seal audit log: %w", err)
		}
		prev = e.Hash
	}
	return nil
}
