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
	"strings"

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

// Blank reports whether the row is a contribution (ON) or a Protokollnotiz
// (PN) without any text: a speaker put on record on the live page with
// nothing typed. The public version leaves it out (it showed "HE:" and
// nothing), and so does every rendering for reading (Printed); the live
// page keeps it, to be filled in or deleted.
func (r Row) Blank() bool { return r.Kind != RowDecision && r.gateRow().Blank() }

// NoteLabel gives the label of a Protokollnotiz row (model.NoteLabel):
// "Protokollnotiz (NW)", or "Protokollnotiz" for a wholly confidential
// note in the public version, which names no author.
func (r Row) NoteLabel() string { return model.NoteLabel(r.Speaker) }

// gateRow gives the row (not a decision) as the publication gate reads it
// (model.MinutesRow).
func (r Row) gateRow() model.MinutesRow {
	return model.MinutesRow{Kind: string(r.Kind), RemarkKind: r.RemarkKind, Position: r.position, Speaker: r.Speaker,
		Points: r.Points, Text: r.Text, Confidential: r.Confidential}
}

// Printed gives a copy of doc as it is read: the minutes page, the PDF and
// the text export (also the version kept at approval) leave out the rows
// without text (Row.Blank), which showed as "HE:" and nothing — but not a
// confidential row whose content the audience may not read: Redacted
// emptied it, and it shows as redacted. The live
// page, where such a row is filled in or deleted, and the correction of
// approved minutes use the document as loaded. The text export stays
// readable by Parse: what it leaves out holds nothing to read back.
func (d Document) Printed() Document {
	out := d
	out.Sections = slices.Clone(d.Sections)
	for si, sec := range out.Sections {
		sec.Items = slices.Clone(sec.Items)
		for ii, it := range sec.Items {
			it.Rows = slices.DeleteFunc(slices.Clone(it.Rows), func(r Row) bool {
				// A confidential row the audience may not read was
				// emptied by Redacted, which left out the blank ones
				// before: it stands for its redacted content.
				return d.Audience.SeesRow(r.Confidential) && r.Blank()
			})
			sec.Items[ii] = it
		}
		out.Sections[si] = sec
	}
	return out
}

// Item is an agenda item with its minutes rows and follow-ups.
type Item struct {
	model.AgendaItem
	Rows      []Row
	FollowUps []model.FollowUp
	// Reports are the spokespersons' reports, under the standard item
	// "Reporting FachMK" only.
	Reports []model.FachMKReport
	// Recommendation is the Beschlussempfehlung the preparatory body (the
	// AL-Runde) gave for the item, as far as the audience may see it
	// (model.Audience.SeesRecommendation: internal by default); nil if none.
	Recommendation *model.Recommendation
	// ApprovedMinutes are the earlier sessions whose minutes the session
	// approved under this item: the item names them ("Bestätigung des
	// Protokolls der 46. Sitzung", model.MinutesApprovalRef) and they were
	// approved in this session (model.Session.ApprovedIn). Shown with the
	// minutes rows (model.Audience.SeesMinutes).
	ApprovedMinutes []model.Session
	// RecordLines are the sentences the session day recorded for the item
	// beside its rows (attachRecord): the quorum check's finding
	// ("Feststellung der Beschlussfähigkeit – beschlussfähig: 14 von 17
	// …") and, under the first item, the items taken up out of the
	// agenda's order ("TOP 10 „…“ wird vorgezogen."). Every rendering
	// (page, PDF, text export) gives them after the item's rows, as the
	// published minutes do; shown with the minutes rows
	// (model.Audience.SeesMinutes), marked passages of a title redacted.
	RecordLines []string
}

// ApprovalLines gives the sentence every rendering of the minutes (page,
// PDF) shows under the item for each session whose minutes it approved:
// "Das Protokoll der 46. Sitzung vom 27.03.2025 wurde genehmigt." — not
// where a row of the item already says how they were approved
// ("Einstimmige Bestätigung des Protokolls der 46. Sitzung …", written
// with the approval on the live page or by the minutes' author): the
// minutes say it once.
func (it Item) ApprovalLines() []string {
	var out []string
	for _, se := range it.ApprovedMinutes {
		if it.saysApproval(se) {
			continue
		}
		line := fmt.Sprintf("Das Protokoll der %d. Sitzung", se.Number)
		if !se.Date.IsZero() {
			line += " vom " + se.Date.German()
		}
		out = append(out, line+" wurde genehmigt.")
	}
	return out
}

// saysApproval reports whether a free row of the item records the
// approval of se's minutes in words ("… Bestätigung des Protokolls der 46.
// Sitzung …").
func (it Item) saysApproval(se model.Session) bool {
	phrase := "Bestätigung des Protokolls der " + se.Title()
	for _, r := range it.Rows {
		if r.Kind == RowText && strings.Contains(r.Text, phrase) {
			return true
		}
	}
	return false
}

// IllegibleMarker is how every rendering shows a part the source document
// marks "[illegible]", and IllegibleNote explains it where there is room
// (the pages and the PDF after the marker, the JSON API in "hinweis");
// UnplacedLabel introduces a fragment of the source that could not be
// placed. The pages, the PDF, the JSON API and the text export are German;
// the importer reads both markers and stores the source's "[illegible]",
// which no rendering shows.
const (
	IllegibleMarker = "[unleserlich]"
	IllegibleNote   = "An dieser Stelle ist das Quelldokument nicht lesbar."
	UnplacedLabel   = "nicht zugeordneter Text"
)

// IllegibleLine is the marker with its explanation, as the pages and the
// PDF show an illegible part: "[unleserlich] – an dieser Stelle ist das
// Quelldokument nicht lesbar."
func IllegibleLine() string {
	return IllegibleMarker + " – " + strings.ToLower(IllegibleNote[:1]) + IllegibleNote[1:]
}

// Section is a run of consecutive items of one agenda section.
type Section struct {
	Name    string
	Consent bool
	// Unsectioned marks a run of items without an Abschnitt. In a session
	// whose agenda has Abschnitte it is headed OtherItemsHeading (Name):
	// without a heading of its own it read as part of the section above
	// it ("Registermodernisierung" under "Übergreifendes"). It names no
	// section of the body (the JSON API gives no "abschnitt" for it).
	Unsectioned bool
	Items       []Item
}

// OtherItemsHeading heads the items without an Abschnitt in a session
// whose other items have one, as the published minutes head every run of
// items (seed 000: each table under the heading of its section).
const OtherItemsHeading = "Weitere Tagesordnungspunkte"

// Header gives the header of the title column of the section's table:
// the section's name, as the published minutes head it; "Thema" for the
// Grüne Liste, whose items come from several topics, and for items
// without a section, which must not get an empty header.
func (s Section) Header() string {
	if s.Consent || s.Unsectioned || s.Name == "" {
		return "Thema"
	}
	return s.Name
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
	// Attendance is the attendance list (Anwesenheit) once the secretariat
	// has recorded one: every voting and advisory member with a seat in the
	// body (model.Body.Seats) with how it took part. The public version names the members only, not the persons.
	Attendance []AttendanceLine
	// Corrections are the corrections of the approved minutes (proposed
	// and approved), as the audience may see them
	// (model.Audience.MinutesCorrections: the public sees the approved
	// ones); none before approval. The page and the PDF list them.
	Corrections []model.MinutesCorrection
	// Source is the file the document was parsed from, as the audit entry
	// of its import records it (zero for minutes not read from a file).
	Source store.ImportSource
	// SharesWarning is the warning that the newest Königsteiner-Schlüssel
	// table is outdated, set by the caller where the document holds a
	// counted result (CountedResults): every rendering shows it, as every
	// page with such results does (docs/decision-rules.md).
	SharesWarning string
}

// CountedResults reports whether a result in the document was counted
// with the Königsteiner Schlüssel (a decision of its items or of a written
// procedure that carries the table's year).
func (d Document) CountedResults() bool {
	for _, dec := range d.WrittenProcedures {
		if dec.SharesYear != 0 {
			return true
		}
	}
	for _, it := range d.Items() {
		for _, row := range it.Rows {
			if row.Decision != nil && row.Decision.SharesYear != 0 {
				return true
			}
		}
	}
	return false
}

// AttendanceLine is one member's line of the attendance list in the
// minutes.
type AttendanceLine struct {
	Member   model.Member
	Presence model.Presence
	// Person is who attended for the member (the representative for one
	// represented); empty in the public version.
	Person string
	// From and Until are the labels of the items a member arrived for and
	// left after ("TOP 5"); empty when it was there throughout.
	From, Until string
	// Delegates are the persons the member's office registered for the
	// session (Teilnahmemeldung); none in the public version.
	Delegates []model.Delegate
}

// Draft reports whether the minutes are not yet approved: every rendering
// (page, PDF, text) marks them "Entwurf" (model.Session.MinutesApproved).
func (d Document) Draft() bool { return !d.Session.MinutesApproved() }

// FlagsShown reports whether the items' outcome checkboxes (Beschluss,
// Beschlussempfehlung, Protokollnotiz, Follow-Up) are shown: they are part
// of the minutes rows (model.Audience.SeesMinutes), so the public sees them
// once the draft is released. Before, every rendering leaves them out
// rather than show them all unticked.
func (d Document) FlagsShown() bool { return d.Audience.SeesMinutes(d.Session) }

// HasMinutes reports whether the minutes exist for the document's
// audience (model.Audience.HasMinutes): pages offer them only then.
func (d Document) HasMinutes() bool { return d.Audience.HasMinutes(d.Session) }

// ApprovalNote gives how approved minutes say so on every rendering:
// "genehmigt in der 48. Sitzung am 12.03.2026", "genehmigt im
// Umlaufverfahren am …", or "" while they are a draft.
func (d Document) ApprovalNote() string {
	se := d.Session
	if !se.MinutesApproved() {
		return ""
	}
	note := "genehmigt"
	if se.ApprovedIn > 0 {
		note += fmt.Sprintf(" in der %d. Sitzung", se.ApprovedIn)
	} else if !se.ApprovedOn.IsZero() {
		note += " im Umlaufverfahren"
	}
	if !se.ApprovedOn.IsZero() {
		note += " am " + se.ApprovedOn.German()
	}
	return note
}

// Title is the title of the document: "Protokoll der 47. Sitzung des
// IT-Planungsrats – Entwurf (öffentliche Fassung)" (model.MinutesTitle),
// the PDF's metadata Title and the minutes page's <title>.
func (d Document) Title() string {
	title := fmt.Sprintf("Protokoll der %d. Sitzung", d.Session.Number)
	if d.Body.Name != "" {
		title += " " + d.Body.Of()
	}
	return model.MinutesTitle(title, d.Session, d.Audience)
}

// DraftTitle is the heading of minutes that are not yet approved, where
// approved minutes say "Protokoll".
const DraftTitle = "Protokoll – Entwurf"

// DraftNote says on every rendering of draft minutes what the mark means.
const DraftNote = "Entwurf: Dieses Protokoll ist noch nicht genehmigt und kann sich bis zu seiner Genehmigung ändern."

// Items gives all items of the document in order.
func (d Document) Items() []Item {
	n := 0
	for _, s := range d.Sections {
		n += len(s.Items)
	}
	if n == 0 {
		return nil
	}
	out := make([]Item, 0, n)
	for _, s := range d.Sections {
		out = append(out, s.Items...)
	}
	return out
}

// Load assembles the minutes of a session for the audience. It runs the
// same number of queries whatever the number of agenda items (about a
// dozen: the session, its body and sections, its items, one query per kind
// of row for all items, the written procedures since the previous session,
// the earlier sessions whose minutes TOP 00 approved, what the session day
// recorded (store.SessionRecord)) and reads no other
// session of the body than those its agenda names.
func Load(ctx context.Context, st *store.Store, sessionID int64, audience model.Audience) (Document, error) {
	se, err := st.Session(ctx, sessionID)
	if err != nil {
		return Document{}, err
	}
	body, err := st.Body(ctx, se.BodyID)
	if err != nil {
		return Document{}, err
	}
	doc := Document{Audience: model.Internal, Body: body, Session: se}
	if audience.SeesAgenda(se) {
		if doc.Sections, err = loadSections(ctx, st, se); err != nil {
			return Document{}, err
		}
		if err := attachReports(ctx, st, &doc); err != nil {
			return Document{}, err
		}
		if err := attachRecommendations(ctx, st, se.ID, doc.Sections); err != nil {
			return Document{}, err
		}
		if err := attachApprovedMinutes(ctx, st, se, doc.Sections); err != nil {
			return Document{}, err
		}
		if err := attachRecord(ctx, st, se.ID, doc.Sections); err != nil {
			return Document{}, err
		}
	}
	if !se.Date.IsZero() {
		// From the end of the previous session to the end of this one,
		// by time (store.ProcedurePeriod).
		after, until, err := st.ProcedurePeriod(ctx, se)
		if err != nil {
			return Document{}, err
		}
		if doc.WrittenProcedures, err = st.ProcedureDecisions(ctx, se.BodyID, after, until); err != nil {
			return Document{}, err
		}
	}
	if doc.Attendance, err = loadAttendance(ctx, st, body, sessionID, se.Status.Ahead(), doc.Items()); err != nil {
		return Document{}, err
	}
	if se.Status.MinutesFrozen() {
		if doc.Corrections, err = st.MinutesCorrections(ctx, sessionID); err != nil {
			return Document{}, err
		}
	}
	return Redacted(doc, audience), nil
}

// attachApprovedMinutes gives each item that names the approval of
// earlier minutes ("Bestätigung des Protokolls der 46. Sitzung" as its
// title or a point, TOP 00) the sessions named there whose minutes were
// approved in se (Item.ApprovedMinutes): one query for all of them, none
// for a session whose agenda names no minutes.
func attachApprovedMinutes(ctx context.Context, st *store.Store, se model.Session, sections []Section) error {
	named := map[int][]*Item{} // session number → the items that name it
	var numbers []int
	for si := range sections {
		for ii := range sections[si].Items {
			it := &sections[si].Items[ii]
			for _, text := range append([]string{it.Title}, it.Points...) {
				if n, ok := model.MinutesApprovalRef(text); ok && !slices.Contains(named[n], it) {
					if len(named[n]) == 0 {
						numbers = append(numbers, n)
					}
					named[n] = append(named[n], it)
				}
			}
		}
	}
	if len(numbers) == 0 {
		return nil
	}
	approved, err := st.MinutesApprovedIn(ctx, se.BodyID, se.Number, numbers)
	if err != nil {
		return err
	}
	for _, a := range approved {
		if its := named[a.Number]; len(its) > 0 {
			its[0].ApprovedMinutes = append(its[0].ApprovedMinutes, a) // the first item that names it
		}
	}
	return nil
}

// attachReports puts the spokespersons' reports of the session under its
// standard item "Reporting FachMK" (the first item with that title); a
// session without that item (one imported from old minutes) costs no
// query.
func attachReports(ctx context.Context, st *store.Store, doc *Document) error {
	for si := range doc.Sections {
		for ii := range doc.Sections[si].Items {
			if it := &doc.Sections[si].Items[ii]; it.Title == model.ReportingFachMKTitle {
				var err error
				it.Reports, err = st.Reports(ctx, doc.Session.ID)
				return err
			}
		}
	}
	return nil
}

// loadAttendance gives the attendance lines of a session, or none if
// neither a list was recorded nor delegations registered: the voting and
// advisory members in list order, those without a line absent; guests only
// when they are listed. Each line names the persons the member registered
// (Teilnahmemeldung); without a list recorded by the secretariat the
// registered delegations give the lines (model.Delegation.Attendance).
// Of a session ahead (not begun) only the members that registered have a
// line: the others are not absent yet, only not registered. A member
// without a seat in the body (an advisory member in the AL-Runde,
// model.Body.Seats) is not listed as absent either.
func loadAttendance(ctx context.Context, st *store.Store, body model.Body, sessionID int64, ahead bool, items []Item) ([]AttendanceLine, error) {
	list, err := st.Attendance(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	delegations, err := st.SessionDelegations(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	delegates := map[string][]model.Delegate{}
	for _, d := range delegations {
		delegates[d.Member] = d.Delegates
	}
	list, _ = model.RegisteredAttendance(list, delegations)
	if len(list) == 0 && len(delegations) == 0 {
		return nil, nil
	}
	members, err := st.Members(ctx)
	if err != nil {
		return nil, err
	}
	label := map[int64]string{}
	for _, it := range items {
		label[it.ID] = it.Label()
	}
	listed := map[string]model.Attendance{}
	for _, a := range list {
		listed[a.Member] = a
	}
	var out []AttendanceLine
	for _, m := range members {
		a, ok := listed[m.Abbrev]
		if !ok && (m.Kind == model.MemberGuest || ahead || !body.Seats(m)) {
			continue
		}
		if !ok {
			a = model.Attendance{Member: m.Abbrev, Presence: model.Absent}
		}
		out = append(out, AttendanceLine{Member: m, Presence: a.Presence, Person: a.Person, From: label[a.FromItemID], Until: label[a.UntilItemID], Delegates: delegates[m.Abbrev]})
	}
	return out, nil
}

// loadSections gives the accepted agenda items of a session with their
// minutes rows, grouped in runs of one section. A run of items without
// section is a section of its own (Section.Unsectioned), headed
// OtherItemsHeading where the session's agenda has sections: never under
// the heading of the section before it.
func loadSections(ctx context.Context, st *store.Store, se model.Session) ([]Section, error) {
	sections, err := st.Sections(ctx, se.BodyID)
	if err != nil {
		return nil, err
	}
	sectionByID := map[int64]model.Section{}
	var consent model.Section
	for _, s := range sections {
		sectionByID[s.ID] = s
		if s.Consent && consent.ID == 0 {
			consent = s
		}
	}
	items, err := st.Items(ctx, se.ID)
	if err != nil {
		return nil, err
	}
	rows, err := st.SessionRows(ctx, se.ID)
	if err != nil {
		return nil, fmt.Errorf("minutes: %d. Sitzung: %w", se.Number, err)
	}
	sectioned := false // whether any item on the agenda has a section
	for _, it := range items {
		if it.OnAgenda() && model.SectionOf(it, sectionByID[it.SectionID], consent).Name != "" {
			sectioned = true
			break
		}
	}
	var out []Section
	for _, it := range items {
		if !it.OnAgenda() {
			continue // registrations not (yet) accepted, or declined
		}
		item := assembleItem(it, rows, !se.Status.MinutesFrozen())
		sec := model.SectionOf(it, sectionByID[it.SectionID], consent)
		group := Section{Name: sec.Name, Consent: sec.Consent}
		if sec.Name == "" {
			group.Unsectioned = true
			if sectioned {
				group.Name = OtherItemsHeading
			}
		}
		if n := len(out); n == 0 || out[n-1].Name != group.Name || out[n-1].Unsectioned != group.Unsectioned {
			out = append(out, group)
		}
		last := &out[len(out)-1]
		last.Items = append(last.Items, item)
	}
	return out, nil
}

// assembleItem puts an item's rows of all kinds into minutes order: as
// stored, and in draft minutes (draft) with a decision stored ahead of
// the discussion behind it (discussionFirst). Approved minutes are read
// as stored: their approval stored the order shown then, and they keep
// it whatever the rule says later.
func assembleItem(it model.AgendaItem, rows store.SessionRows, draft bool) Item {
	item := Item{AgendaItem: it, FollowUps: rows.FollowUps[it.ID]}
	for _, c := range rows.Contributions[it.ID] {
		item.Rows = append(item.Rows, Row{Kind: RowDiscussion, Speaker: c.Speaker, Points: c.Points, Confidential: c.Confidential, ID: c.ID, Version: c.Version, position: c.Position})
	}
	for _, d := range rows.Decisions[it.ID] {
		d := d
		item.Rows = append(item.Rows, Row{Kind: RowDecision, Decision: &d, ID: d.ID, Version: d.Version, position: d.Position})
	}
	for _, n := range rows.Notes[it.ID] {
		item.Rows = append(item.Rows, Row{Kind: RowNote, Speaker: n.Author, Text: n.Text, Confidential: n.Confidential, ID: n.ID, Version: n.Version, position: n.Position})
	}
	for _, m := range rows.Remarks[it.ID] {
		item.Rows = append(item.Rows, Row{Kind: RowText, RemarkKind: m.Kind, Text: m.Text, Confidential: m.Confidential, ID: m.ID, Version: m.Version, position: m.Position})
	}
	slices.SortStableFunc(item.Rows, func(x, y Row) int { return cmp.Compare(x.position, y.position) })
	if draft {
		discussionFirst(item.Rows)
	}
	return item
}

// Redacted gives a copy of doc as the audience may see it; every rendering
// of minutes goes through here, and it decides only by the publication
// gate in package model. For the public: no agenda before it is public
// (model.Session.AgendaPublic); before the draft minutes are released
// (model.Session.MinutesPublic) only the adopted decisions of each item;
// never a proposal or a rejected proposal (model.Decision.Public); marked
// passages become "[geschwärzt]", confidential rows keep only their kind
// (and the speaker of a contribution; a Protokollnotiz loses its author:
// model.Audience.MinutesRow), rows without text (Row.Blank) are left out, follow-ups
// only with their adopted decision or the released minutes, and the
// items' outcome checkboxes (Beschluss, Protokollnotiz, Follow-Up) only
// with the released minutes (FlagsShown): they tell that a note or a
// follow-up exists. What the boxes say is one rule for every audience
// (outcome, model.ItemFlags.Outcome): "Beschluss" and
// "Beschlussempfehlung" only where a decision was taken (adopted), and
// "Follow-Up" not where the item's follow-ups were all given by a proposal
// not adopted. The internal audience gets the document otherwise
// unchanged, redaction marks included.
func Redacted(doc Document, a model.Audience) Document {
	out := doc
	out.Audience = a
	// The Stand of the audience's version: the public one moves only with
	// a change the public sees.
	out.Session = a.Session(doc.Session)
	out.Attendance = nil
	if a.SeesMinutes(doc.Session) {
		out.Attendance = slices.Clone(doc.Attendance)
		if a.IsPublic() {
			// The public attendance list names the members, not the persons.
			for i := range out.Attendance {
				out.Attendance[i].Person = ""
				out.Attendance[i].Delegates = nil
			}
		}
	}
	out.WrittenProcedures = a.Decisions(doc.WrittenProcedures)
	out.Corrections = a.MinutesCorrections(doc.Corrections)
	out.Sections = nil
	if !a.SeesAgenda(doc.Session) {
		return out
	}
	minutesShown := a.SeesMinutes(doc.Session)
	// A follow-up follows its decision, wherever in the minutes that is.
	decisions := map[int64]*model.Decision{}
	for _, it := range doc.Items() {
		for _, r := range it.Rows {
			if r.Decision != nil {
				decisions[r.Decision.ID] = r.Decision
			}
		}
	}
	for _, sec := range doc.Sections {
		sec.Items = slices.Clone(sec.Items)
		for ii, it := range sec.Items {
			it.Flags = outcome(it, decisions)
			it.AgendaItem = a.Item(it.AgendaItem)
			if !minutesShown {
				it.Flags = model.ItemFlags{}
				it.ApprovedMinutes = nil
				it.RecordLines = nil
			} else {
				it.RecordLines = a.Texts(it.RecordLines)
			}
			it.Reports = a.Reports(doc.Session, it.Reports)
			if it.Recommendation != nil && !a.SeesRecommendation(*it.Recommendation) {
				it.Recommendation = nil // the AL-Runde's recommendations are internal
			}
			var rows []Row
			for _, r := range it.Rows {
				if r.Decision == nil {
					// Discussion, notes and free rows: the gate's
					// (model.Audience.MinutesRow), which the store asks
					// too whether a change moves the public Stand.
					g, ok := a.MinutesRow(r.gateRow())
					if !minutesShown || !ok {
						continue
					}
					r.Speaker, r.Points, r.Text = g.Speaker, g.Points, g.Text
					rows = append(rows, r)
					continue
				}
				if !a.SeesDecision(*r.Decision) {
					continue // a proposal, or a rejected one
				}
				// A name that carries marks anyway (old data, an import)
				// is blacked out whole, whether the row is shown or not.
				r.Speaker = a.Speaker(r.Speaker)
				if !a.SeesRow(r.Confidential) {
					r.Points, r.Text = nil, ""
					if r.Decision != nil {
						d := model.Decision{ID: r.Decision.ID, Kind: r.Decision.Kind, Label: r.Decision.Label, Number: r.Decision.Number, Status: r.Decision.Status,
							Internal: r.Decision.Internal, Recommends: r.Decision.Recommends}
						r.Decision = &d
					}
				} else {
					r.Points = a.Texts(r.Points)
					r.Text = a.Text(r.Text)
					if r.Decision != nil {
						d, _ := a.Decision(*r.Decision)
						r.Decision = &d
					}
				}
				rows = append(rows, r)
			}
			it.Rows = rows
			var fus []model.FollowUp
			for _, f := range it.FollowUps {
				if a.SeesFollowUp(f, decisions[f.DecisionID], &doc.Session) {
					fus = append(fus, a.FollowUp(f))
				}
			}
			it.FollowUps = fus
			sec.Items[ii] = it
		}
		out.Sections = append(out.Sections, sec)
	}
	return out
}

// outcome gives the item's outcome checkboxes by model.ItemFlags.Outcome,
// the same for every audience: the public's version differs only in
// whether they are shown at all (FlagsShown). Before, the internal
// minutes ticked "Beschluss" for an item whose proposal was rejected or
// never voted on (the box is recorded with the proposal), while the
// public version, which dropped the tick where it saw no decision, said
// "nein".
func outcome(it Item, decisions map[int64]*model.Decision) model.ItemFlags {
	adopted := slices.ContainsFunc(it.Rows, func(r Row) bool {
		return r.Decision != nil && r.Decision.Status == model.DecisionAdopted
	})
	recommended := it.Recommendation != nil && it.Recommendation.ItemID == it.ID &&
		(it.Recommendation.Given() || it.Recommendation.DecisionID == 0)
	standing := 0
	for _, f := range it.FollowUps {
		if d := decisions[f.DecisionID]; f.DecisionID == 0 || d != nil && d.Status == model.DecisionAdopted {
			standing++
		}
	}
	return it.Flags.Outcome(adopted, recommended, len(it.FollowUps), standing)
}

// attachRecommendations gives each item the Beschlussempfehlung given for
// it (an item of the IT-PLR) or carried by it (an item of the AL-Runde), if
// any; Redacted removes it for an audience that may not see it.
func attachRecommendations(ctx context.Context, st *store.Store, sessionID int64, sections []Section) error {
	byTarget, byItem, err := st.SessionRecommendations(ctx, sessionID)
	if err != nil {
		return err
	}
	for si := range sections {
		for ii := range sections[si].Items {
			id := sections[si].Items[ii].ID
			if r, ok := byTarget[id]; ok {
				sections[si].Items[ii].Recommendation = &r
			} else if r, ok := byItem[id]; ok {
				sections[si].Items[ii].Recommendation = &r
			}
		}
	}
	return nil
}

// CorrectionNote gives the note the minutes put under a decision corrected
// after it was taken ("Berichtigt am 02.12.2026, 11:30 Uhr: das Protokoll
// gibt den Beschluss wieder, wie er gefasst wurde; die geltende Fassung
// steht beim Beschluss"), to be followed by the decision's number where it
// has a page; "" for a decision without a correction. The minutes keep the
// text as adopted; the decision's page and the register show it as last
// corrected.
func CorrectionNote(d model.Decision) string {
	if len(d.Corrections) == 0 {
		return ""
	}
	c := d.Corrections[len(d.Corrections)-1]
	return "Berichtigt am " + model.BerlinDateTime(c.At) + ": das Protokoll gibt den Beschluss wieder, wie er gefasst wurde; die geltende Fassung steht beim Beschluss"
}
