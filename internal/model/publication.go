package model

import (
	"fmt"
	"slices"
	"strings"
)

// The publication gate. Whether an audience may see an object, or which
// version of it, is decided here and nowhere else; every surface — HTML
// pages, minutes PDF and text, feeds, calendars, CSV, OParl, the JSON API,
// the search index, outgoing messages and report PDFs — asks these
// functions instead of looking at statuses itself:
//
//   - a session's agenda is public once published, and from the start of
//     the session on (Session.AgendaPublic);
//   - its minutes rows (discussion, notes, free text, follow-ups from the
//     discussion) are public once the draft is released for comments
//     ("Protokoll im Entwurf") and after approval (Session.MinutesPublic),
//     and so are the items' outcome checkboxes (Beschluss, Protokollnotiz,
//     Follow-Up), which tell that such rows exist;
//     until approval the public version is marked "Entwurf"
//     (Session.MinutesApproved);
//   - a decision is public once adopted; a proposal (Beschlussvorschlag)
//     and a rejected proposal never are (Decision.Public);
//   - nothing of a session or decision of an internal body (the
//     AL-Runde, a preparatory body) is public: not the session, its agenda,
//     its minutes, its decisions nor its recommendations (Session.Internal,
//     Decision.Internal, Audience.SeesSession, Audience.SeesRecommendation);
//   - how each member voted in a vote counted in gremium is internal:
//     the public sees the result without the members it names
//     ("einstimmig, bei Enthaltung von [geschwärzt]", PublicResult) and no
//     member's vote (Audience.Decision);
//   - a confidential row shows only its kind (Audience.SeesRow), a marked
//     passage inside a text becomes "[geschwärzt]" (Audience.Text, with the
//     marks parsed by PublicText);
//   - the results of the yearly evaluation are internal, and within them
//     which mean a reader other than the Geschäftsstelle sees is decided by
//     EvaluationResultsFor (fachmk_collab.go).
//
// The Audience methods below apply these rules for one audience and give
// the copy of an object that audience may see. The internal audience sees
// everything, confidential marks included.

// AgendaPublic reports whether the session's agenda may be shown to the
// public: once the secretariat published it, and in any case from the
// start of the session on. A session in an unknown status keeps it
// internal.
func (s Session) AgendaPublic() bool {
	return !s.Internal && (s.AgendaPublished || s.Status.index() >= StatusRunning.index())
}

// MinutesPublic reports whether the minutes rows of the session may be
// shown to the public: once the draft is released (Protokoll im Entwurf)
// and after approval. While the session runs and until the draft is
// released, the public sees the agenda and the adopted decisions only.
func (s Session) MinutesPublic() bool {
	return !s.Internal && (s.Status == StatusMinutesDraft || s.Status == StatusMinutesApproved)
}

// MinutesApproved reports whether the session's minutes are approved; the
// public minutes of a session whose minutes are not approved are marked
// "Entwurf".
func (s Session) MinutesApproved() bool { return s.Status == StatusMinutesApproved }

// MinutesFileName is the file name of the session's public minutes in the
// given format ("pdf", "txt"): "protokoll-47.pdf" once approved,
// "protokoll-47-entwurf.pdf" before, so a saved copy still says it is a
// draft (download, OParl File).
func MinutesFileName(s Session, ext string) string {
	if s.MinutesApproved() {
		return fmt.Sprintf("protokoll-%d.%s", s.Number, ext)
	}
	return fmt.Sprintf("protokoll-%d-entwurf.%s", s.Number, ext)
}

// MinutesFileNameFor is MinutesFileName for the version of audience a:
// the internal version's name says "intern" ("protokoll-47-entwurf-
// intern.pdf"), so that a saved internal copy — with its confidential
// passages — is not taken for the public one and passed on; before, both
// versions had the same name.
func MinutesFileNameFor(s Session, a Audience, ext string) string {
	name := MinutesFileName(s, ext)
	if a.IsPublic() {
		return name
	}
	return strings.TrimSuffix(name, "."+ext) + "-intern." + ext
}

// MinutesTitle gives the title of a rendering of the session's minutes
// for the audience — title names them ("Protokoll der 47. Sitzung des
// IT-Planungsrats") — with what the version is: " – Entwurf" until they
// are approved, and " (öffentliche Fassung)" or " (interne Fassung)".
// The page's <title>, the PDF's metadata Title and the OParl File's name
// say it alike, as the file name does (MinutesFileName). Before, the
// page's title and the PDF's metadata said neither, and a bookmark or a
// PDF reader's title bar gave a public draft as "Protokoll der 47.
// Sitzung".
func MinutesTitle(title string, s Session, a Audience) string {
	if !s.MinutesApproved() {
		title += " – Entwurf"
	}
	if a.IsPublic() {
		return title + " (öffentliche Fassung)"
	}
	return title + " (interne Fassung)"
}

// MinutesEditable reports whether the minutes of the session can be
// recorded now: while it runs, and afterwards until they are approved.
func (s Session) MinutesEditable() bool {
	switch s.Status {
	case StatusRunning, StatusEnded, StatusMinutesDraft:
		return true
	}
	return false
}

// Public reports whether the decision may be shown to the public: only an
// adopted decision. A proposal (Beschlussvorschlag, the draft) and a
// rejected proposal are internal wherever they appear.
func (d Decision) Public() bool { return !d.Internal && d.Status == DecisionAdopted }

// ProposalLabel gives how a decision is named where its number would
// stand: its name (Name) and number once adopted ("Beschluss
// B-2025/26-IT", "Beschlussempfehlung BE-2026/01-AL"), "Beschlussvorschlag"
// (or "Empfehlungsvorschlag", ProposalName) for a proposal (it has no number before it is
// adopted), "abgelehnter Beschlussvorschlag" for a rejected one, and for
// an adopted decision whose number the minutes do not give "(im Protokoll
// ohne Nummer)" — true of a number the source lost and of a Kenntnisnahme
// the minutes never numbered alike (it said "Nummer im Protokoll nicht
// lesbar" of both).
func (d Decision) ProposalLabel() string {
	switch d.Status {
	case DecisionDraft:
		return d.ProposalName()
	case DecisionRejected:
		return "abgelehnter " + d.ProposalName()
	}
	if d.Label == "" {
		return d.Name() + " (im Protokoll ohne Nummer)"
	}
	return d.Name() + " " + d.Label
}

// FollowUpPublic reports whether a follow-up may be shown to the public.
// One given by a decision (decision not nil) is public with the adopted
// decision; one from the discussion is public with the minutes of its
// session (session not nil). Without either it stays internal.
func FollowUpPublic(f FollowUp, decision *Decision, session *Session) bool {
	if f.DecisionID != 0 {
		return decision != nil && decision.ID == f.DecisionID && decision.Public()
	}
	return session != nil && session.MinutesPublic()
}

// SeesSession reports whether the audience may know of the session at all
// (its number, date and place): the public not of a session of an
// internal body (the AL-Runde). A session is internal exactly when its
// body is (Session.Internal is read from the body), so SeesBody answers
// the same before the session is looked up.
func (a Audience) SeesSession(s Session) bool { return a == Internal || !s.Internal }

// SeesBody reports whether the audience may know of the body's sessions
// at all: the public not of an internal body's (the AL-Runde). Asked
// before a session is looked up, it answers every number of such a body
// alike, so that the answer does not tell which sessions exist.
func (a Audience) SeesBody(b Body) bool { return a == Internal || !b.Preparation.Internal }

// SeesRecommendation reports whether the audience may see a
// Beschlussempfehlung: the public only one that its body does not keep
// internal and that was given (adopted). The AL-Runde keeps its
// recommendations internal.
func (a Audience) SeesRecommendation(r Recommendation) bool {
	return a == Internal || (!r.Internal && r.Given())
}

// SeesAgenda reports whether the audience may see the session's agenda.
func (a Audience) SeesAgenda(s Session) bool { return a == Internal || s.AgendaPublic() }

// SeesMinutes reports whether the audience may see the session's minutes
// rows.
func (a Audience) SeesMinutes(s Session) bool { return a == Internal || s.MinutesPublic() }

// HasMinutes reports whether minutes of the session exist for the
// audience, so that pages offer them (HTML, PDF, text) and call them a
// draft: for the public once the session has ended (first the agenda and
// the adopted decisions, then the released draft), internally from its
// start on (they are recorded live). A planned or convened session has
// none, and the public sees none of a running one.
func (a Audience) HasMinutes(s Session) bool {
	if a == Internal {
		return s.Status == StatusRunning || s.Held()
	}
	return !s.Internal && s.Held()
}

// SeesDecision reports whether the audience may see the decision at all.
func (a Audience) SeesDecision(d Decision) bool { return a == Internal || d.Public() }

// SeesRow reports whether the audience may see the content of a minutes
// row; a confidential row shows the public only its kind (and speaker).
func (a Audience) SeesRow(confidential bool) bool { return a == Internal || !confidential }

// SeesFollowUp reports whether the audience may see a follow-up (see
// FollowUpPublic).
func (a Audience) SeesFollowUp(f FollowUp, decision *Decision, session *Session) bool {
	return a == Internal || FollowUpPublic(f, decision, session)
}

// FollowUpSQL is SeesFollowUp and SeesItem in SQL, for lists of
// follow-ups read a page at a time: the condition under which the user u
// (nil for the public), reading with audience a, sees a follow-up given in
// a session of the council (councilID) or by a decision, and its
// arguments. It must agree with the Go rules as the follow-up list applies
// them (FollowUpPublic for the follow-up, SeesItem for the agenda item it
// was given in, both only for the council's sessions); a store test checks
// both over a varied fixture. The condition names these rows:
//
//	f  follow_ups
//	d  decisions      LEFT JOIN ON d.id = f.decision_id
//	db bodies         LEFT JOIN ON db.id = d.body_id
//	i  agenda_items   LEFT JOIN ON i.id = COALESCE(f.item_id, d.item_id)
//	se sessions       LEFT JOIN ON se.id = i.session_id
//	sb bodies         LEFT JOIN ON sb.id = se.body_id
func (a Audience) FollowUpSQL(u *User, councilID int64) (string, []any) {
	// council: the follow-up was given in a session of the council (the
	// sessions the list asks SeesFollowUp and SeesItem about).
	return a.FollowUpSQLWhere(u, "(se.id IS NOT NULL AND se.body_id = ?)", councilID)
}

// FollowUpSQLWhere is FollowUpSQL with the council given as an SQL
// condition on the rows FollowUpSQL names (and its one argument, if any):
// that the follow-up was given in a session of the council. The store's
// kept public counts ask it for both cases of a follow-up, the council
// being the body of its session ("se.id IS NOT NULL") or another body
// ("1 = 0"), so that they hold for any council.
func (a Audience) FollowUpSQLWhere(u *User, council string, councilArgs ...any) (string, []any) {
	// seesItem: SeesItem of the item the follow-up was given in, where it
	// has an item of its own in a council session.
	var itemSQL string
	var itemArgs []any
	switch {
	case a == Internal && u != nil && !u.Disabled && u.Role == RoleSecretariat:
		return "1 = 1", nil
	case a == Internal && u != nil && !u.Disabled && u.Role == RoleMember && u.MemberAbbrev != "":
		itemSQL, itemArgs = "(i.status IN (?, '') OR i.registered_by = ?)", []any{ItemAccepted, u.MemberAbbrev}
	case a == Internal:
		itemSQL, itemArgs = "i.status IN (?, '')", []any{ItemAccepted}
	default:
		// SeesAgenda for the public: AgendaPublic.
		itemSQL = "(i.status IN (?, '') AND COALESCE(sb.internal, 0) = 0 AND (se.agenda_published <> 0 OR se.status IN (?, ?, ?, ?)))"
		itemArgs = []any{ItemAccepted, StatusRunning, StatusEnded, StatusMinutesDraft, StatusMinutesApproved}
	}
	cond := "(COALESCE(f.item_id, 0) = 0 OR NOT " + council + " OR " + itemSQL + ")"
	args := append(slices.Clone(councilArgs), itemArgs...)
	if a == Internal {
		return cond, args
	}
	// FollowUpPublic: with the adopted decision, or with the minutes of
	// its council session (MinutesPublic).
	public := `((COALESCE(f.decision_id, 0) <> 0 AND d.id IS NOT NULL AND COALESCE(db.internal, 0) = 0 AND d.status = ?)
		OR (COALESCE(f.decision_id, 0) = 0 AND ` + council + ` AND COALESCE(sb.internal, 0) = 0 AND se.status IN (?, ?)))`
	pubArgs := append(append([]any{DecisionAdopted}, councilArgs...), StatusMinutesDraft, StatusMinutesApproved)
	return public + " AND " + cond, append(pubArgs, args...)
}

// Decision gives the decision as the audience may see it — title, points
// and result with marked passages replaced for the public — and false if
// the audience may not see it at all. The points are copied, so the
// caller's decision is left unchanged.
func (a Audience) Decision(d Decision) (Decision, bool) {
	if !a.SeesDecision(d) {
		return Decision{}, false
	}
	if a != Internal {
		d = d.markedAsCorrected()
	}
	d.Title, d.Result = a.Text(d.Title), a.Text(d.Result)
	if a != Internal && d.Counted() {
		// A vote counted in gremium: how each member voted is internal,
		// and so are the members its result names, as the public minutes
		// of the source black out "bei Enthaltung von [REDACTED]".
		// Whom a decision binds is its effect, and stays public.
		if d.Scope == ScopeConsenting {
			d.BoundTo = append([]string{}, d.Bound()...)
		}
		d.Result, d.Votes = PublicResult(d.Result), nil
		d.CountReason = PublicCountReason(d.CountReason)
	}
	d.Points = slices.Clone(d.Points)
	for i := range d.Points {
		d.Points[i].Text = a.Text(d.Points[i].Text)
	}
	// A correction is a version of the decision's text: the same marks
	// apply to it.
	d.Corrections = slices.Clone(d.Corrections)
	for i := range d.Corrections {
		c := &d.Corrections[i]
		c.Title, c.Reason = a.Text(c.Title), a.Text(c.Reason)
		c.Points = slices.Clone(c.Points)
		for j := range c.Points {
			c.Points[j].Text = a.Text(c.Points[j].Text)
		}
	}
	return d, true
}

// markedAsCorrected gives the decision with each version of its text —
// as adopted and as corrected before the last correction — carrying the
// confidential marks of the versions after it (MarkPartsAsLater): a
// correction that blacks out a passage blacks it out in the text as
// adopted, which the decision's page, the API and the minutes show, too.
// Titles are aligned with titles and points with points; the points and
// corrections are copied, so the caller's decision is left unchanged.
func (d Decision) markedAsCorrected() Decision {
	n := len(d.Corrections)
	if n == 0 {
		return d
	}
	d.Corrections = slices.Clone(d.Corrections)
	later := d.Corrections[n-1]
	mark := func(title string, points []Point) (string, []Point) {
		title = MarkAsLater(title, later.Title)
		texts := MarkPartsAsLater(pointTexts(points), pointTexts(later.Points))
		points = slices.Clone(points)
		for i := range points {
			points[i].Text = texts[i]
		}
		return title, points
	}
	for i := n - 2; i >= 0; i-- {
		c := &d.Corrections[i]
		c.Title, c.Points = mark(c.Title, c.Points)
		later = *c
	}
	d.Title, d.Points = mark(d.Title, d.Points)
	return d
}

// pointTexts gives the texts of points.
func pointTexts(points []Point) []string {
	out := make([]string, len(points))
	for i, p := range points {
		out[i] = p.Text
	}
	return out
}

// Register gives the decisions the audience may see, as it may see them
// and with their text as last corrected (Decision.Corrected), in the given
// order: the decisions of a register list, its feed and the APIs.
func (a Audience) Register(ds []Decision) []Decision {
	out := a.Decisions(ds)
	for i := range out {
		out[i] = out[i].Corrected()
	}
	return out
}

// Decisions gives the decisions the audience may see, as it may see them,
// in the given order.
func (a Audience) Decisions(ds []Decision) []Decision {
	out := make([]Decision, 0, len(ds))
	for _, d := range ds {
		if v, ok := a.Decision(d); ok {
			out = append(out, v)
		}
	}
	return out
}

// Item gives an agenda item's texts as the audience may see them. The
// registering member's FachMK impact note is part of the registration and
// stays internal. Whether the item may be shown at all follows from its
// session (SeesAgenda) and its status (only accepted items are on the
// agenda).
func (a Audience) Item(it AgendaItem) AgendaItem {
	it.Title = a.Text(it.Title)
	it.Points = a.Texts(it.Points)
	it.Deferral.Reason = a.Text(it.Deferral.Reason)
	if a == Internal {
		return it
	}
	it.Impact.Note = ""
	return it
}

// FollowUp gives a follow-up's texts as the audience may see them: the
// task, the responsible ones and the evidence with marked passages
// replaced; the evidence document (a session document, internal) only for
// the internal audience. Its comments are internal and not part of it.
// So is its version (0 for the public): the optimistic-lock counter rises
// with every write, also with those the public cannot see (a comment, a
// change inside a confidential passage, the evidence document), and would
// tell that and when something confidential changed; only those who may
// write the follow-up need it, and they read it internally.
func (a Audience) FollowUp(f FollowUp) FollowUp {
	f.Text = a.Text(f.Text)
	f.Responsible = a.Text(f.Responsible)
	f.EvidenceText = a.Text(f.EvidenceText)
	if a != Internal {
		f.EvidenceDocumentID = 0
		f.Version = 0
	}
	return f
}

// Texts gives a copy of ss with every text as the audience may see it.
func (a Audience) Texts(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = a.Text(s)
	}
	return out
}

// MinutesStand gives the Stand of the session's minutes in the audience's
// version: the public version's (Session.MinutesStand), which moves only
// with a change the public version shows (PublicRowChanged); internally
// the day of the latest change of any kind if it is later
// (Session.MinutesChanged), so that internal readers see when the draft
// last changed.
func (a Audience) MinutesStand(s Session) Date {
	if a == Internal && (s.MinutesStand.IsZero() || s.MinutesStand.Before(s.MinutesChanged)) {
		return s.MinutesChanged
	}
	return s.MinutesStand
}

// Session gives the session as the audience's version of its minutes
// presents it: MinutesStand is the Stand of that version
// (Audience.MinutesStand), and the public copy carries no internal date.
// Before, every version printed the day of the draft's latest change, and
// a proposal added or a confidential passage edited moved the public
// Stand: the public learned that, and on which day, something
// confidential changed.
func (a Audience) Session(s Session) Session {
	s.MinutesStand = a.MinutesStand(s)
	if a.IsPublic() {
		s.MinutesChanged = Date{}
	}
	return s
}

// MinutesRow is a minutes row that is not a decision — a Wortbeitrag (ON),
// a Protokollnotiz (PN) or a free row — as the publication gate reads it:
// what the minutes show of it, in the item's order.
type MinutesRow struct {
	Kind         string     // "ON", "PN", "" for a free row
	RemarkKind   RemarkKind // of a free row
	Position     int
	Speaker      string   // ON: the speaker; PN: the author
	Points       []string // ON
	Text         string   // PN, free row
	Confidential bool
}

// Row gives the contribution as a minutes row.
func (c Contribution) Row() MinutesRow {
	return MinutesRow{Kind: "ON", Position: c.Position, Speaker: c.Speaker, Points: c.Points, Confidential: c.Confidential}
}

// Row gives the protocol note as a minutes row.
func (n ProtocolNote) Row() MinutesRow {
	return MinutesRow{Kind: "PN", Position: n.Position, Speaker: n.Author, Text: n.Text, Confidential: n.Confidential}
}

// Row gives the free row as a minutes row.
func (m Remark) Row() MinutesRow {
	return MinutesRow{RemarkKind: m.Kind, Position: m.Position, Text: m.Text, Confidential: m.Confidential}
}

// Blank reports whether the row is a contribution (ON) or a
// Protokollnotiz (PN) without any text: a speaker put on record on the
// live page with nothing typed. The public version leaves it out.
func (r MinutesRow) Blank() bool {
	switch r.Kind {
	case "ON":
		for _, p := range r.Points {
			if strings.TrimSpace(p) != "" {
				return false
			}
		}
		return true
	case "PN":
		return strings.TrimSpace(r.Text) == ""
	}
	return false
}

// NoteLabel gives the label of a Protokollnotiz by its author, the same
// on every surface (minutes page, PDF, text export, search): "Protokollnotiz
// (NW)"; without author "Protokollnotiz" — a wholly confidential note in
// the public version, which names no author (Audience.MinutesRow).
func NoteLabel(author string) string {
	if author == "" {
		return "Protokollnotiz"
	}
	return "Protokollnotiz (" + author + ")"
}

// MinutesRow gives the row as the audience reads it in minutes whose rows
// it sees (SeesMinutes), and false where its version leaves the row out:
// the public's leaves out a blank row (Blank), shows a confidential
// contribution (ON) with its kind and speaker only and a confidential
// Protokollnotiz (PN) with its kind only — that something was withheld,
// not who wrote it ("Protokollnotiz: [geschwärzt]"); a note with marked
// passages only keeps its author — and blacks out marked passages and a
// speaker's name that carries marks (Speaker).
func (a Audience) MinutesRow(r MinutesRow) (MinutesRow, bool) {
	if a.IsPublic() && r.Blank() {
		return MinutesRow{}, false
	}
	r.Speaker = a.Speaker(r.Speaker)
	if !a.SeesRow(r.Confidential) {
		r.Points, r.Text = nil, ""
		if r.Kind == "PN" {
			r.Speaker = ""
		}
		return r, true
	}
	r.Points, r.Text = a.Texts(r.Points), a.Text(r.Text)
	return r, true
}

// PublicRowChanged reports whether a change of a minutes row from before
// to after (nil: the row is not there, before its creation) changes the
// public version of released minutes: whether the public sees the row,
// and what it sees of it and where. A change the public does not see —
// inside a confidential row or a marked passage, a blank row on record —
// leaves the public version, and so its Stand, as it is.
func PublicRowChanged(before, after *MinutesRow) bool {
	shown := func(r *MinutesRow) (MinutesRow, bool) {
		if r == nil {
			return MinutesRow{}, false
		}
		return Public.MinutesRow(*r)
	}
	b, bok := shown(before)
	a, aok := shown(after)
	if bok != aok {
		return true
	}
	return bok && (b.Kind != a.Kind || b.RemarkKind != a.RemarkKind || b.Position != a.Position || b.Speaker != a.Speaker ||
		b.Text != a.Text || b.Confidential != a.Confidential || !slices.Equal(b.Points, a.Points))
}

// SeesItem reports whether the audience — the user u (nil for the public)
// reading with audience a — may see an agenda item of session s at all.
// An accepted item is on the agenda and follows it (SeesAgenda). A
// registration that is not accepted, pending or declined, is seen only by
// the secretariat and by the member that registered it, not by the other
// members.
func (a Audience) SeesItem(it AgendaItem, s Session, u *User) bool {
	if it.OnAgenda() {
		return a.SeesAgenda(s)
	}
	if a != Internal || u == nil || u.Disabled {
		return false
	}
	return u.Role == RoleSecretariat || u.Role == RoleMember && u.MemberAbbrev != "" && u.MemberAbbrev == it.RegisteredBy
}

// SeesProposal reports whether the audience may see the decision proposal
// d of agenda item it (its decision profile): whoever sees the item, and,
// while the item is a registration not yet on the agenda, also the
// members the registration names — the applicants of the proposal and the
// reporting members, who prepare it with the registering member. Other
// members do not see it.
func (a Audience) SeesProposal(d Decision, it AgendaItem, s Session, u *User) bool {
	if a.SeesItem(it, s, u) {
		return true
	}
	if a != Internal || u == nil || u.Disabled || u.Role != RoleMember || u.MemberAbbrev == "" {
		return false
	}
	return slices.Contains(d.Applicants, u.MemberAbbrev) || slices.Contains(it.Reporters, u.MemberAbbrev)
}

// ReadsAsCoApplicant reports whether the user u, reading with audience a,
// reads the registration it of session s with its decision proposal d
// as a named co-applicant (Mitantragsteller): the office of a member
// named among the proposal's applicants that did not register it, which
// SeesProposal lets see the proposal. Such a reader sees the registration
// as what it is asked to apply for — whole and read-only, without what
// only serves the one who changes it (the version a change names) — on
// the registration's page and in the JSON API alike. Others learn
// nothing more of a registration than SeesItem lets them.
func (a Audience) ReadsAsCoApplicant(d Decision, it AgendaItem, s Session, u *User) bool {
	return u != nil && u.Role == RoleMember && u.MemberAbbrev != "" && it.RegisteredBy != "" && u.MemberAbbrev != it.RegisteredBy &&
		d.ID != 0 && slices.Contains(d.Applicants, u.MemberAbbrev) && a.SeesProposal(d, it, s, u)
}

// Contact gives a contact person of a secretariat (Ansprechperson) as the
// audience may see it: the public sees name, role and e-mail address —
// published on the conference's page, as the form that takes them says —
// but not the telephone number, which is for internal readers (and the
// secretariat that keeps the contacts) only.
func (a Audience) Contact(c Contact) Contact {
	if a.IsPublic() {
		c.Phone = ""
	}
	return c
}

// Reports gives the spokespersons' reports under "Reporting FachMK" of the
// session as the audience may see them: internal until the session's
// agenda is public (and so in the minutes, which are never public before
// the agenda), with marked passages replaced for the public; nil if the
// audience may not see them.
func (a Audience) Reports(s Session, rs []FachMKReport) []FachMKReport {
	if !a.SeesAgenda(s) || len(rs) == 0 {
		return nil
	}
	out := make([]FachMKReport, len(rs))
	for i, r := range rs {
		r.Text = a.Text(r.Text)
		out[i] = r
	}
	return out
}

// SeesConferenceOutcomes reports whether the user u (nil for the public)
// may read the outcomes a FachMK recorded of its own sessions
// (ConferenceOutcome): the IT-PLR's internal readers — the secretariat,
// the members' offices, advisory members and the spokespersons, who
// report from them — and the conference's own secretariat; not another
// conference's secretariat, and never the public. The outcomes are what a
// conference shares with the IT-PLR, not its publication: gremium cannot
// know which of them the conference has published itself. What becomes
// public is what a spokesperson takes into the report under "Reporting
// FachMK", with the report (Audience.Reports), marked passages blacked out.
func SeesConferenceOutcomes(u *User, conferenceID int64) bool {
	if u == nil || u.Disabled {
		return false
	}
	if u.Role.Audience() == Internal {
		return true
	}
	return u.Role == RoleFachMK && conferenceID != 0 && u.ConferenceID == conferenceID
}

// SeesSpokespersonContacts reports whether the user u (nil for the public)
// may read the contacts and talks the spokespersons logged with their
// FachMK (SpokespersonContact): the Geschäftsstelle, the members' offices
// (Bund and Länder) and the spokespersons — those who run the spokesperson
// system. Not an advisory member or guest (the municipal associations,
// BfDI, BSI: they speak in the sessions and have no part in the members'
// spokesperson functions; they read the register and minutes as the
// internal readers do, but not this working record), not a FachMK
// secretariat, not even of the conference talked to, and never the
// public: the log is the members' working record of how their
// spokespersons approach a conference (who was met, what they said, what
// the spokesperson means to do next), not minutes agreed with the
// counterpart; what becomes public is what a spokesperson reports under
// "Reporting FachMK".
func SeesSpokespersonContacts(u *User) bool {
	return u != nil && !u.Disabled && u.Role.Audience() == Internal && u.Role != RoleAdvisory
}
