package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gremium/internal/model"
)

// QuorumFinding is one finding of the quorum check (Feststellung der
// Beschlussfähigkeit) a session day made: its result ("ja", "nein";
// model.Session.Quorum), its reason with the count ("beschlussfähig: 14
// von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)"; empty for a
// check made before the count was kept) and the item under discussion
// when it was made (0: at the opening, before the first item was taken
// up). Stored as a JSON list in sessions.quorum_findings, in the order
// made.
type QuorumFinding struct {
	ItemID int64  `json:"item"`
	Result string `json:"result"`
	Reason string `json:"reason"`
}

// SessionRecord is what a session day records beside the minutes rows,
// from which the draft minutes derive their opening sentences
// (minutes.Item.RecordLines): the quorum check's findings and the order
// in which the items were taken up.
type SessionRecord struct {
	// Quorum gives the findings of the quorum check in the order made:
	// the opening finding first, then each later check whose finding
	// differed from the one before (quorumTx). Before, one finding was
	// kept and every save of the attendance moved it to the item called.
	Quorum []QuorumFinding
	// TakenUp gives each item taken up in the running session its place
	// in the order of discussion (1, 2, …); an item never taken up has
	// none.
	TakenUp map[int64]int
}

// SessionRecord reads what the session day recorded for the minutes, in
// one query whatever the number of items.
func (s *Store) SessionRecord(ctx context.Context, sessionID int64) (SessionRecord, error) {
	type line struct {
		findings string
		item     int64
		place    int
	}
	lines, err := queryList(ctx, s.rd, func(r scanner) (line, error) {
		var l line
		return l, r.Scan(&l.findings, &l.item, &l.place)
	}, "session record", `SELECT s.quorum_findings, COALESCE(i.id, 0), COALESCE(i.taken_up, 0)
		FROM sessions s LEFT JOIN agenda_items i ON i.session_id = s.id AND i.taken_up > 0 WHERE s.id = ?`, sessionID)
	if err != nil {
		return SessionRecord{}, err
	}
	if len(lines) == 0 {
		return SessionRecord{}, fmt.Errorf("store: session %d: %w", sessionID, ErrNotFound)
	}
	var rec SessionRecord
	if rec.Quorum, err = fromJSON[QuorumFinding](lines[0].findings); err != nil {
		return SessionRecord{}, fmt.Errorf("store: quorum findings of session %d: %w", sessionID, err)
	}
	rec.TakenUp = make(map[int64]int, len(lines))
	for _, l := range lines {
		if l.item != 0 {
			rec.TakenUp[l.item] = l.place
		}
	}
	return rec, nil
}

// ApprovalResult is how a running session approved earlier minutes under
// TOP 00 ("Bestätigung des Protokolls der 46. Sitzung"), as the
// secretariat records it with the approval (WithApprovalResult): the
// members abstaining and those against (none against: einstimmig, as
// model.Result counts), and whether the draft was changed in the session
// before it was approved (mit Änderungen; Changes says which, optional).
// The members are abbreviations; each must be a voting member of the body
// present at the approving item, which ApproveMinutes checks — the one
// place of that rule, for the live page and the Verwaltung alike.
type ApprovalResult struct {
	Abstaining []string
	Against    []string
	Changed    bool
	Changes    string
}

// Sentence gives the row the minutes of the approving session write under
// the item for the approval of the minutes of session title ("46.
// Sitzung"), in the published minutes' words (seed 000, TOP 00:
// "Einstimmige Bestätigung des Protokolls der 46. Sitzung des
// IT-Planungsrats."): "Einstimmige Bestätigung des Protokolls der 46.
// Sitzung, bei Enthaltung ⟦von HE⟧.", "Bestätigung des Protokolls der 46.
// Sitzung mehrheitlich bei Gegenstimme ⟦von TH⟧ mit Änderungen: …". The
// members a result names are a marked passage, as the public minutes
// black out "bei Enthaltung von [REDACTED]": the one publication gate
// (model.Audience.Text) gives the public "[geschwärzt]" for them, as
// model.PublicResult does for a decision's result.
func (a ApprovalResult) Sentence(title string) string {
	mark := func(s string) string { return model.RedactOpen + s + model.RedactClose }
	s := "Bestätigung des Protokolls der " + title
	if len(a.Against) == 0 {
		s = "Einstimmige " + s
		if len(a.Abstaining) > 0 {
			s += ", bei Enthaltung " + mark(model.OfMembers(a.Abstaining))
		}
	} else {
		s += " mehrheitlich bei " + strings.Replace(model.AgainstPhrase(a.Against), " ", " "+model.RedactOpen, 1) + model.RedactClose
		if len(a.Abstaining) > 0 {
			s += " und Enthaltung " + mark(model.OfMembers(a.Abstaining))
		}
	}
	if a.Changed {
		s += " mit Änderungen"
		if c := strings.TrimSpace(a.Changes); c != "" {
			s += ": " + strings.TrimSuffix(c, ".")
		}
	}
	return s + "."
}

// check refuses a result that names a member both abstaining and against,
// at the field of the second list ("gegen"); each reason in German.
func (a ApprovalResult) check() error {
	for _, m := range a.Against {
		if slices.Contains(a.Abstaining, m) {
			return model.AtField("gegen", model.InputError("%s ist als Enthaltung und als Gegenstimme eingetragen; bitte eines davon.", m))
		}
	}
	if !a.Changed && strings.TrimSpace(a.Changes) != "" {
		return model.AtField("aenderungen", model.InputError("Änderungen sind beschrieben, aber „mit Änderungen“ ist nicht angekreuzt."))
	}
	return model.CheckTextLength(a.Changes, "Die Beschreibung der Änderungen", model.TextMax)
}

// ApprovalOption qualifies ApproveMinutes.
type ApprovalOption func(*approvalOptions)

type approvalOptions struct{ result *ApprovalResult }

// WithApprovalResult records with the approval how it was approved: a
// free row of the approving session's minutes at the item that carries
// the approval (TOP 00), ApprovalResult.Sentence, written in the
// approval's transaction. Without it the approval writes no row (the
// Verwaltung's form, an approval recorded before the result was asked
// for).
func WithApprovalResult(r ApprovalResult) ApprovalOption {
	return func(o *approvalOptions) { o.result = &r }
}

// recordApprovalResult writes, inside the approval's transaction tx, the
// row of opts' result (if any) under the approving item itemID for the
// minutes of approved, once the rules of who may be named in it hold
// (each refusal at its field, so nothing is approved): a voting member of
// the body, in one list only, present at the item. The row is a free one
// (model.RemarkText), as the minutes write a vote's result ("Der
// Beschluss wird einstimmig … beschlossen."), so that every rendering of
// the minutes — page, PDF, text, JSON API, the public version through its
// gate — gives it, and the secretariat may correct it in the approving
// session's draft like any row.
func (s *Store) recordApprovalResult(ctx context.Context, tx *sql.Tx, approvingID, itemID int64, approved model.Session, opts []ApprovalOption) error {
	var o approvalOptions
	for _, f := range opts {
		f(&o)
	}
	if o.result == nil {
		return nil
	}
	fields := []struct {
		field string
		list  []string
	}{{"enthaltung", o.result.Abstaining}, {"gegen", o.result.Against}}
	// Only a member the body lets vote abstains or votes against: a name
	// that is none (an advisory member, a guest, a typing error) is
	// refused at its field, as typed, before any other reason. Before,
	// the web handler checked this and the store only presence, so the
	// rule stood in two layers and a caller of the store alone could
	// write an advisory member into the minutes as voting against.
	body, voters, err := bodyVoters(ctx, tx, approved.BodyID)
	if err != nil {
		return err
	}
	var notVoting []error
	for _, f := range fields {
		for _, m := range f.list {
			if !isVoter(voters, m) {
				notVoting = append(notVoting, model.AtField(f.field, model.InputError("„%s“ ist im Gremium %s nicht stimmberechtigt; bitte stimmberechtigte Mitglieder eintragen, durch Komma getrennt (z. B. HE, BY).", m, body.Abbrev)))
			}
		}
	}
	if len(notVoting) > 0 {
		return errors.Join(notVoting...)
	}
	if err := o.result.check(); err != nil {
		return err
	}
	// Only a member present at the approving item abstains or votes
	// against (before, a member recorded absent was written into the
	// minutes as voting against, found by the review of 2026-12-07).
	present, err := presentAt(ctx, tx, approvingID, itemID)
	if err != nil {
		return err
	}
	var absent []error
	for _, f := range fields {
		for _, m := range f.list {
			if !present[m] {
				absent = append(absent, model.AtField(f.field, model.RuleError("%s ist laut Anwesenheitsliste beim Tagesordnungspunkt der Genehmigung nicht anwesend und kann sich weder enthalten noch dagegen stimmen; bitte die Anwesenheit prüfen.", m)))
			}
		}
	}
	if len(absent) > 0 {
		return errors.Join(absent...)
	}
	_, err = s.addRemarkTx(ctx, tx, model.Remark{ItemID: itemID, Kind: model.RemarkText, Text: o.result.Sentence(approved.Title())})
	return err
}
