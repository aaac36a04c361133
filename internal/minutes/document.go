// Package minutes owns the minutes (Protokoll) of a session: it assembles
// them from the store for one audience (internal or public), so that every
// rendering — HTML page, PDF, text export — works on text that is already
// redacted where the audience requires it.
package minutes

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"gremium/internal/model"
	"gremium/internal/store"
)

// RowKind is the kind of a minutes row, as the official layout marks it.
type RowKind string

// Row kinds.
const (
	RowDiscussion RowKind = "ON" // Diskussion: one speaker's contribution
	RowDecision   RowKind = "BV" // Beschluss
	RowNote       RowKind = "PN" // Protokollnotiz
	RowText       RowKind = ""   // free text, "[illegible]" or a raw fragment
)

// Row is one minutes row of an item, with its text prepared for the
// document's audience. A Redacted row is confidential and has no content.
type Row struct {
	Kind         RowKind
	RemarkKind   model.RemarkKind // for RowText
	Speaker      string           // ON: speaker abbreviation; PN: author
	Points       []string         // ON
	Text         string           // PN and free text
	Decision     *model.Decision  // BV
	Confidential bool             // confidential row; in a public document its content is removed
	// ID and Version are the stored row's (0 for a parsed document): edit
	// forms send them back for the optimistic-locking check.
	ID       int64
	Version  int
	position int
}

// Item is an agenda item with its minutes rows and follow-ups.
type Item struct {
	model.AgendaItem
	Rows      []Row
	FollowUps []model.FollowUp
}

// Section is a run of consecutive items of one agenda section.
type Section struct {
	Name    string
	Consent bool
	Items   []Item
}

// Document is the minutes of one session for one audience.
type Document struct {
	Audience model.Audience
	Body     model.Body
	Session  model.Session
	Sections []Section
	// WrittenProcedures are the decisions taken by written procedure
	// (Umlaufverfahren) since the previous session, which the minutes list.
	WrittenProcedures []model.Decision
}

// Items gives all items of the document in order.
func (d Document) Items() []Item {
	var out []Item
	for _, s := range d.Sections {
		out = append(out, s.Items...)
	}
	return out
}

// Load assembles the minutes of a session for the audience.
func Load(ctx context.Context, st *store.Store, sessionID int64, audience model.Audience) (Document, error) {
	se, err := st.Session(ctx, sessionID)
	if err != nil {
		return Document{}, err
	}
	body, err := st.Body(ctx, se.BodyID)
	if err != nil {
		return Document{}, err
	}
	sections, err := st.Sections(ctx, se.BodyID)
	if err != nil {
		return Document{}, err
	}
	sectionByID := map[int64]model.Section{}
	for _, s := range sections {
		sectionByID[s.ID] = s
	}
	items, err := st.Items(ctx, sessionID)
	if err != nil {
		return Document{}, err
	}
	doc := Document{Audience: model.Internal, Body: body, Session: se}
	for _, it := range items {
		if it.Status != model.ItemAccepted {
			continue // registrations are not (yet) on the agenda
		}
		item, err := loadItem(ctx, st, it)
		if err != nil {
			return Document{}, fmt.Errorf("minutes: %s: %w", it.Label(), err)
		}
		sec := sectionByID[it.SectionID]
		if n := len(doc.Sections); n == 0 || doc.Sections[n-1].Name != sec.Name {
			doc.Sections = append(doc.Sections, Section{Name: sec.Name, Consent: sec.Consent})
		}
		last := &doc.Sections[len(doc.Sections)-1]
		last.Items = append(last.Items, item)
	}
	if !se.Date.IsZero() {
		var prev model.Date
		all, err := st.Sessions(ctx, se.BodyID)
		if err != nil {
			return Document{}, err
		}
		// The newest earlier session with a date bounds the period.
		for _, o := range all {
			if o.Number < se.Number && !o.Date.IsZero() && (prev.IsZero() || prev.Before(o.Date)) {
				prev = o.Date
			}
		}
		if doc.WrittenProcedures, err = st.ProcedureDecisions(ctx, se.BodyID, prev, se.Date); err != nil {
			return Document{}, err
		}
	}
	return Redacted(doc, audience), nil
}

func loadItem(ctx context.Context, st *store.Store, it model.AgendaItem) (Item, error) {
	item := Item{AgendaItem: it}
	contributions, err := st.Contributions(ctx, it.ID)
	if err != nil {
		return item, err
	}
	for _, c := range contributions {
		item.Rows = append(item.Rows, Row{Kind: RowDiscussion, Speaker: c.Speaker, Points: c.Points, Confidential: c.Confidential, ID: c.ID, Version: c.Version, position: c.Position})
	}
	decisions, err := st.ItemDecisions(ctx, it.ID)
	if err != nil {
		return item, err
	}
	for _, d := range decisions {
		d := d
		item.Rows = append(item.Rows, Row{Kind: RowDecision, Decision: &d, ID: d.ID, Version: d.Version, position: d.Position})
	}
	notes, err := st.ProtocolNotes(ctx, it.ID)
	if err != nil {
		return item, err
	}
	for _, n := range notes {
		item.Rows = append(item.Rows, Row{Kind: RowNote, Speaker: n.Author, Text: n.Text, Confidential: n.Confidential, ID: n.ID, Version: n.Version, position: n.Position})
	}
	remarks, err := st.Remarks(ctx, it.ID)
	if err != nil {
		return item, err
	}
	for _, m := range remarks {
		item.Rows = append(item.Rows, Row{Kind: RowText, RemarkKind: m.Kind, Text: m.Text, Confidential: m.Confidential, ID: m.ID, Version: m.Version, position: m.Position})
	}
	slices.SortStableFunc(item.Rows, func(x, y Row) int { return cmp.Compare(x.position, y.position) })
	item.FollowUps, err = st.FollowUps(ctx, store.FollowUpFilter{ItemID: it.ID})
	return item, err
}

// Redacted gives a copy of doc as the audience may see it. For the public,
// marked passages become "[geschwärzt]" and confidential rows keep only their
// kind (and speaker); the internal audience gets the document unchanged,
// redaction marks included. Every rendering of minutes goes through here.
func Redacted(doc Document, a model.Audience) Document {
	out := doc
	out.Audience = a
	out.WrittenProcedures = make([]model.Decision, len(doc.WrittenProcedures))
	for i, d := range doc.WrittenProcedures {
		d.Title, d.Result = a.Text(d.Title), a.Text(d.Result)
		d.Points = slices.Clone(d.Points)
		for j := range d.Points {
			d.Points[j].Text = a.Text(d.Points[j].Text)
		}
		out.WrittenProcedures[i] = d
	}
	out.Sections = make([]Section, len(doc.Sections))
	for si, sec := range doc.Sections {
		sec.Items = slices.Clone(sec.Items)
		for ii, it := range sec.Items {
			it.Title = a.Text(it.Title)
			it.Points = textAll(a, it.Points)
			it.Impact.Note = a.Text(it.Impact.Note)
			rows := make([]Row, len(it.Rows))
			for ri, r := range it.Rows {
				if hidden(r, a) {
					r.Points, r.Text = nil, ""
					if r.Decision != nil {
						d := model.Decision{ID: r.Decision.ID, Kind: r.Decision.Kind, Label: r.Decision.Label, Number: r.Decision.Number, Status: r.Decision.Status}
						r.Decision = &d
					}
				} else {
					r.Points = textAll(a, r.Points)
					r.Text = a.Text(r.Text)
					if r.Decision != nil {
						d := *r.Decision
						d.Title, d.Result = a.Text(d.Title), a.Text(d.Result)
						d.Points = slices.Clone(d.Points)
						for i := range d.Points {
							d.Points[i].Text = a.Text(d.Points[i].Text)
						}
						r.Decision = &d
					}
				}
				rows[ri] = r
			}
			it.Rows = rows
			fus := slices.Clone(it.FollowUps)
			for i := range fus {
				fus[i].Text = a.Text(fus[i].Text)
			}
			it.FollowUps = fus
			sec.Items[ii] = it
		}
		out.Sections[si] = sec
	}
	return out
}

// hidden reports whether a row's content must not reach the audience.
func hidden(r Row, a model.Audience) bool { return r.Confidential && a.IsPublic() }

func textAll(a model.Audience, ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = a.Text(s)
	}
	return out
}
