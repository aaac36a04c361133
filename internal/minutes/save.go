package minutes

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"

	"gremium/internal/model"
	"gremium/internal/store"
)

// Outcome says what Save did.
type Outcome string

// Outcomes of Save.
const (
	Created   Outcome = "created"   // the session was new
	Updated   Outcome = "updated"   // an existing session's minutes were corrected in place
	Unchanged Outcome = "unchanged" // the store held exactly this content already
)

// Save stores a document (as Parse gives it) as the minutes of the body's
// session with the document's number, in one transaction. Saving the same
// content again changes nothing; different content updates in place.
// Sections the body does not know yet are added to it, in the same
// transaction. opts go to the store's SaveMinutes (OParlAfterCommit).
func Save(ctx context.Context, st *store.Store, bodyID int64, doc Document, opts ...store.WriteOption) (int64, Outcome, error) {
	if doc.Session.Number <= 0 {
		return 0, "", model.InputError("Das Protokoll nennt keine Sitzungsnummer (Kopfzeile „47. …sitzung“ fehlt).")
	}
	outcome := Created
	if cur, err := st.SessionByNumber(ctx, bodyID, doc.Session.Number); err == nil {
		old, err := Load(ctx, st, cur.ID, model.Internal)
		if err != nil {
			return 0, "", err
		}
		if reflect.DeepEqual(Comparable(old), Comparable(doc)) {
			return cur.ID, Unchanged, nil
		}
		outcome = Updated
	} else if !errors.Is(err, store.ErrNotFound) {
		return 0, "", err
	}
	var items []store.MinutesItem
	for _, sec := range doc.Sections {
		for _, it := range sec.Items {
			mi := store.MinutesItem{Section: model.Section{Name: sec.Name, Consent: sec.Consent}, Item: it.AgendaItem}
			mi.Item.Position = len(items) + 1
			for pos, r := range it.Rows {
				pos++ // positions start at 1
				switch r.Kind {
				case RowDiscussion:
					mi.Contributions = append(mi.Contributions, model.Contribution{Position: pos, Speaker: r.Speaker, Points: r.Points, Confidential: r.Confidential})
				case RowNote:
					mi.Notes = append(mi.Notes, model.ProtocolNote{Position: pos, Author: r.Speaker, Text: r.Text, Confidential: r.Confidential})
				case RowDecision:
					d := *r.Decision
					d.Position = pos
					mi.Decisions = append(mi.Decisions, d)
				default:
					mi.Remarks = append(mi.Remarks, model.Remark{Position: pos, Kind: r.RemarkKind, Text: r.Text, Confidential: r.Confidential})
				}
			}
			items = append(items, mi)
		}
	}
	approval, err := approvalOf(ctx, st, bodyID, doc)
	if err != nil {
		return 0, "", err
	}
	if afterApprovalRead != nil {
		afterApprovalRead()
	}
	id, err := st.SaveMinutes(ctx, bodyID, doc.Session, items, approval, doc.Source, opts...)
	if err != nil {
		return 0, "", fmt.Errorf("minutes: save %d. Sitzung: %w", doc.Session.Number, err)
	}
	return id, outcome, nil
}

// afterApprovalRead, when set (by a test), runs after Save rendered the
// earlier minutes its document approves and before the store saves: what
// it changes is what another writer changes in between.
var afterApprovalRead func()

// approvalOf finds the approval of earlier minutes that doc records
// ("Bestätigung des Protokolls der 46. Sitzung" in its agenda or minutes)
// and, when that session's minutes are a draft in the store, gives its text
// to keep as the approved version, with the stamp of the minutes read
// before the text was rendered: the store compares it inside the import's
// transaction (SaveMinutes), as it does for the approval in a session.
// Before, the text was read here and approved there unchecked, and a row
// edited in between was frozen with the minutes but missing from the text.
func approvalOf(ctx context.Context, st *store.Store, bodyID int64, doc Document) (*store.MinutesApproval, error) {
	// The first text that names earlier minutes counts: the search ends
	// there (before, every text of the file was asked).
	n := 0
	var texts []string
search:
	for _, sec := range doc.Sections {
		for _, it := range sec.Items {
			texts = append(append(texts[:0], it.Title), it.Points...)
			for _, r := range it.Rows {
				texts = append(append(texts, r.Text), r.Points...)
			}
			for _, t := range texts {
				if m, ok := model.MinutesApprovalRef(t); ok && m < doc.Session.Number {
					n = m
					break search
				}
			}
		}
	}
	if n == 0 {
		return nil, nil
	}
	earlier, err := st.SessionByNumber(ctx, bodyID, n)
	if errors.Is(err, store.ErrNotFound) || (err == nil && earlier.Status != model.StatusMinutesDraft) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	stamp, err := st.MinutesStamp(ctx, earlier.ID)
	if err != nil {
		return nil, err
	}
	old, err := Load(ctx, st, earlier.ID, model.Internal)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := Export(&buf, old); err != nil {
		return nil, err
	}
	return &store.MinutesApproval{Session: n, Text: buf.String(), Stamp: stamp}, nil
}

// Comparable gives the content of a document without what storage adds (ids,
// versions, positions, the body, follow-ups), with empty lists as nil, so two
// documents with the same minutes compare equal with reflect.DeepEqual.
func Comparable(doc Document) Document {
	out := Document{Audience: doc.Audience}
	se := doc.Session
	out.Session = model.Session{Number: se.Number, Date: se.Date, StartTime: se.StartTime, EndTime: se.EndTime, Place: se.Place, MinutesStand: se.MinutesStand}
	for _, sec := range doc.Sections {
		cs := Section{Name: sec.Name, Consent: sec.Consent}
		for _, it := range sec.Items {
			a := it.AgendaItem
			ci := Item{AgendaItem: model.AgendaItem{Number: a.Number, Title: a.Title, Points: nilIfEmpty(a.Points), Goal: a.Goal,
				Sources: nilIfEmpty(a.Sources), Reporters: nilIfEmpty(a.Reporters), Flags: a.Flags, Consent: a.Consent, Deferral: a.Deferral}}
			for _, r := range it.Rows {
				cr := Row{Kind: r.Kind, RemarkKind: r.RemarkKind, Speaker: r.Speaker, Points: nilIfEmpty(r.Points), Text: r.Text, Confidential: r.Confidential}
				if r.Decision != nil {
					d := *r.Decision
					cd := model.Decision{Kind: d.Kind, Number: d.Number, Label: d.Label, Title: d.Title, Status: d.Status,
						Result: d.Result, Scope: d.Scope, AdoptedOn: d.AdoptedOn, Points: nilIfEmpty(d.Points), Votes: nilIfEmpty(d.Votes)}
					cr.Decision = &cd
				}
				ci.Rows = append(ci.Rows, cr)
			}
			cs.Items = append(cs.Items, ci)
		}
		out.Sections = append(out.Sections, cs)
	}
	return out
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// StoredOptions gives the parser a body's stored sections and the members'
// abbreviations as speakers.
func StoredOptions(ctx context.Context, st *store.Store, bodyID int64) (Options, error) {
	sections, err := st.Sections(ctx, bodyID)
	if err != nil {
		return Options{}, err
	}
	members, err := st.Members(ctx)
	if err != nil {
		return Options{}, err
	}
	opts := Options{Sections: sections}
	for _, m := range members {
		opts.Speakers = append(opts.Speakers, m.Abbrev)
	}
	return opts, nil
}
