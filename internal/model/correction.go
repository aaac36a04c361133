package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// MinutesCorrection is a Berichtigung of one row of approved minutes: the
// secretariat picks the row (a discussion row, a protocol note or a free
// text), edits its text and gives the reason. It is proposed first and
// approved like the minutes (in a later session while it runs); the
// approval changes the row and keeps the minutes as a new version, the
// approved versions stay.
type MinutesCorrection struct {
	ID        int64
	SessionID int64
	ItemID    int64
	// RowKind is "ON" (contribution: one point per line), "PN" (protocol
	// note) or "text" (free remark); RowID the row's id.
	RowKind string
	RowID   int64
	// RowVersion is the row's version when the correction was proposed:
	// the approval is refused if the row changed since.
	RowVersion int
	Speaker    string // the row's speaker or author, for the display
	// Confidential: the row is confidential; its correction stays
	// internal like the row.
	Confidential bool
	Before       string
	After        string
	Reason       string
	Status       CorrectionStatus
	CreatedBy    string
	CreatedAt    time.Time
	ApprovedIn   int  // the session that approved it; 0 when approved by written procedure
	ApprovedOn   Date // zero while proposed
	// MinutesVersion is the version of the minutes the approval made.
	MinutesVersion int
	Version        int
	// Procedure is the written procedure (Umlaufverfahren) on the
	// correction: the one that approved it, or, while it is proposed, the
	// one open to approve it; zero (ID 0) for none. A procedure that
	// ended without approving it (not adopted, or the minutes changed
	// since it started) is not named: the correction waits as before.
	Procedure CorrectionProcedureRef
}

// CorrectionProcedureRef names the written procedure (Umlaufverfahren)
// on a correction (MinutesCorrection.Procedure): its id (its page,
// /umlaufverfahren/<id>), its proposal's title, its deadline (an
// instant, shown in German time) and whether it is still open.
type CorrectionProcedureRef struct {
	ID       int64
	Title    string
	Deadline time.Time
	Open     bool
}

// Running reports whether the correction is proposed and a written
// procedure open on it is to approve it.
func (c MinutesCorrection) Running() bool {
	return c.Status == CorrectionProposed && c.Procedure.ID != 0 && c.Procedure.Open
}

// CorrectionStatus is the stage of a correction.
type CorrectionStatus string

// Correction stages.
const (
	CorrectionProposed CorrectionStatus = "vorgeschlagen"
	CorrectionApproved CorrectionStatus = "genehmigt"
)

// Label gives the German name of the stage.
func (s CorrectionStatus) Label() string {
	if s == CorrectionApproved {
		return "genehmigt"
	}
	return "zur Genehmigung vorgeschlagen"
}

// Stage says where the correction stands, as the minutes list it:
// "genehmigt in der 49. Sitzung am 02.12.2026 (Fassung 2)", "genehmigt
// im Umlaufverfahren am 04.12.2026 (Fassung 3)", "im Umlaufverfahren zur
// Genehmigung vorgelegt (Frist 09.12.2026, 12:00 Uhr)" or "zur
// Genehmigung vorgeschlagen". Before, a correction approved by written
// procedure read as if approved in no session at all ("genehmigt am …").
func (c MinutesCorrection) Stage() string {
	if c.Running() {
		out := "im Umlaufverfahren zur Genehmigung vorgelegt"
		if !c.Procedure.Deadline.IsZero() {
			out += " (Frist " + BerlinDateTime(c.Procedure.Deadline) + ")"
		}
		return out
	}
	if c.Status != CorrectionApproved {
		return c.Status.Label()
	}
	out := "genehmigt"
	switch {
	case c.ApprovedIn > 0:
		out += fmt.Sprintf(" in der %d. Sitzung", c.ApprovedIn)
	case c.Procedure.ID != 0:
		out += " im Umlaufverfahren"
	}
	if !c.ApprovedOn.IsZero() {
		out += " am " + c.ApprovedOn.German()
	}
	if c.MinutesVersion > 0 {
		out += fmt.Sprintf(" (Fassung %d)", c.MinutesVersion)
	}
	return out
}

// RowKindLabel gives the German name of the corrected row's kind.
func (c MinutesCorrection) RowKindLabel() string {
	switch c.RowKind {
	case "ON":
		return "Wortbeitrag"
	case "PN":
		return "Protokollnotiz"
	}
	return "Vermerk"
}

// MarkReason turns the typed confidential marks ([[…]]) of the
// correction's reason into redaction marks (ConfidentialMarks): the reason
// is public with the approved correction. Marks that are not balanced are
// an input error at the reason's field (grund), and the reason stays as
// typed.
func (c *MinutesCorrection) MarkReason() error {
	reason, err := ConfidentialMarks(c.Reason)
	if err != nil {
		return AtField("grund", err)
	}
	c.Reason = reason
	return nil
}

// Validate checks a proposed correction: a known kind of row, a reason,
// a text that differs from the row's, and balanced confidential marks.
func (c MinutesCorrection) Validate() error {
	switch c.RowKind {
	case "ON", "PN", "text":
	default:
		return InputError("Berichtigt werden Wortbeiträge, Protokollnotizen und Vermerke; Beschlüsse werden auf ihrer Seite berichtigt.")
	}
	// Every reason at once, at its field of the form (grund, text).
	var errs []error
	if strings.TrimSpace(c.Reason) == "" {
		errs = append(errs, AtField("grund", InputError("Eine Berichtigung braucht einen Grund.")))
	}
	if strings.TrimSpace(c.After) == "" {
		errs = append(errs, AtField("text", InputError("Der berichtigte Text ist leer; eine Zeile wird nicht durch eine Berichtigung entfernt.")))
	} else if SameText(c.Before, c.After) {
		errs = append(errs, AtField("text", InputError("Der berichtigte Text ist derselbe wie bisher; es gibt nichts zu berichtigen.")))
	}
	return errors.Join(errs...)
}

// SameText reports whether a corrected text is the text before it, but
// for spaces at its ends: a correction (Berichtigung) of a minutes row or
// of a decision that changes nothing is refused with it.
func SameText(before, after string) bool {
	return strings.TrimSpace(before) == strings.TrimSpace(after)
}

// MinutesCorrection gives the correction as the audience may see it, and
// false if it may not see it at all: the public sees an approved
// correction of a row that is not confidential, with its texts and reason
// through the same marks as every minutes text (a passage marked
// confidential in the corrected text stays "[geschwärzt]"), and only if
// it changed the public version of the row (PublicCorrection): a
// correction inside marked passages alone reads the same before and after
// there, and listing it — with its reason and the session that approved
// it — would tell the public that, and when, a confidential passage
// changed (as the public Stand does not, PublicRowChanged). Every surface
// of the public minutes (page, PDF, text, search, OParl) takes the
// corrections through here.
func (a Audience) MinutesCorrection(c MinutesCorrection) (MinutesCorrection, bool) {
	if a != Internal && !PublicCorrection(c) {
		return MinutesCorrection{}, false
	}
	return a.minutesCorrection(c)
}

func (a Audience) minutesCorrection(c MinutesCorrection) (MinutesCorrection, bool) {
	if a != Internal && (c.Status != CorrectionApproved || c.Confidential) {
		return MinutesCorrection{}, false
	}
	c.Before, c.After, c.Reason, c.Speaker = a.Text(c.Before), a.Text(c.After), a.Text(c.Reason), a.Speaker(c.Speaker)
	if a != Internal {
		// That it was approved by written procedure is public (Stage);
		// the procedure's page and its proposal's title are not.
		c.Procedure = CorrectionProcedureRef{ID: c.Procedure.ID}
	}
	return c, true
}

// PublicCorrection reports whether the correction c, with its texts as
// stored, changes what the public version of the row reads: its text
// before and after, through the marks each had then, differ in a line the
// minutes show (spaces at a line's ends and empty lines are not shown). A
// correction that blacks out a passage changes it; one that rewrites a
// marked passage alone does not.
func PublicCorrection(c MinutesCorrection) bool {
	return !slices.Equal(textLines(Public.Text(c.Before)), textLines(Public.Text(c.After)))
}

// textLines gives the lines of a row's text as the minutes show them:
// trimmed, without empty lines (a contribution's points, one a line).
func textLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// MinutesCorrections gives the corrections the audience may see
// (MinutesCorrection). For the public, each text of a row's approved
// corrections — before and after — first takes the confidential marks of
// the texts that replaced it (MarkAsLater): a correction that blacks out
// a passage blacks it out in the row's earlier texts, which the minutes
// show beside it, too; whether the public sees a correction is decided on
// its texts as they were (PublicCorrection). cs are in the order they were
// proposed (a row's approved corrections in the order they were approved).
func (a Audience) MinutesCorrections(cs []MinutesCorrection) []MinutesCorrection {
	shown := cs
	if a != Internal {
		shown = markedAsLaterCorrections(cs)
	}
	out := make([]MinutesCorrection, 0, len(cs))
	for i, c := range shown {
		if a != Internal && !PublicCorrection(cs[i]) {
			continue
		}
		if v, ok := a.minutesCorrection(c); ok {
			out = append(out, v)
		}
	}
	return out
}

// markedAsLaterCorrections gives a copy of cs in which each approved
// correction's texts carry the marks of the row's later approved texts,
// newest first back to the row as first approved.
func markedAsLaterCorrections(cs []MinutesCorrection) []MinutesCorrection {
	cs = slices.Clone(cs)
	type row struct {
		kind string
		id   int64
	}
	later := map[row]string{}
	for i := len(cs) - 1; i >= 0; i-- {
		c := &cs[i]
		if c.Status != CorrectionApproved {
			continue
		}
		r := row{c.RowKind, c.RowID}
		if l, ok := later[r]; ok {
			c.After = MarkAsLater(c.After, l)
		}
		c.Before = MarkAsLater(c.Before, c.After)
		later[r] = c.Before
	}
	return cs
}

// DiffPart is a run of words of a diff: kept, removed or added.
type DiffPart struct {
	Op   byte // '=', '-', '+'
	Text string
}

// WordDiff compares two texts word by word (line breaks count as words)
// and gives the runs kept, removed and added, in order: the visible diff
// of a correction. It is a longest-common-subsequence diff, quadratic in
// the number of words, which is small for one row.
func WordDiff(before, after string) []DiffPart {
	a, b := diffWords(before), diffWords(after)
	var out []DiffPart
	add := func(op byte, w string) {
		if k := len(out) - 1; k >= 0 && out[k].Op == op {
			out[k].Text += w
			return
		}
		out = append(out, DiffPart{op, w})
	}
	i, j := 0, 0
	for _, p := range lcsPairs(len(a), len(b), func(i, j int) bool { return a[i] == b[j] }) {
		for ; i < p[0]; i++ {
			add('-', a[i])
		}
		for ; j < p[1]; j++ {
			add('+', b[j])
		}
		add('=', a[i])
		i, j = i+1, j+1
	}
	for ; i < len(a); i++ {
		add('-', a[i])
	}
	for ; j < len(b); j++ {
		add('+', b[j])
	}
	return out
}

// diffWords splits a text into words, each with the spaces after it, and
// line breaks of their own.
func diffWords(s string) []string {
	var out []string
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			out = append(out, "\n")
		}
		start := 0
		for k := 0; k < len(line); k++ {
			if line[k] == ' ' && (k+1 == len(line) || line[k+1] != ' ') {
				out = append(out, line[start:k+1])
				start = k + 1
			}
		}
		if start < len(line) {
			out = append(out, line[start:])
		}
	}
	return out
}
