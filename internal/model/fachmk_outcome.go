package model

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// ConferenceOutcome is an Ergebnis einer Fachministerkonferenz: what a
// FachMK decided at one of its own sessions on a digital topic (a
// Beschluss, a Bitte an den IT-Planungsrat, a Bericht it took note of).
// The conference's secretariat and its spokespersons record it, so that
// the spokespersons can report from it under "Reporting FachMK" (concept
// 2.1: "vom Austausch mit den FachMK zu berichten"). Who may read it is
// decided by SeesConferenceOutcomes.
type ConferenceOutcome struct {
	ID           int64
	ConferenceID int64
	// HeldOn is the day of the FachMK session that decided it; Meeting
	// names that session ("Frühjahrskonferenz 2026", may be empty).
	HeldOn  Date
	Meeting string
	// Reference is the conference's own number of the item or decision
	// ("TOP 7", "Beschluss Nr. 12"; may be empty).
	Reference string
	Title     string
	// Text is the substance; passages in [[…]] are confidential.
	Text       string
	RecordedBy string // the account's name
	// RecorderID is the account that recorded it (or last corrected it);
	// 0 if unknown. The notice of a new outcome goes to the others.
	RecorderID int64
	Recorded   time.Time
	// FirstRecordedBy and FirstRecorded say who recorded the outcome first
	// and when, kept through corrections ("" and zero where unknown: an
	// outcome corrected before they were kept and not in the audit log).
	FirstRecordedBy string
	FirstRecorded   time.Time
	Version         int
}

// TitleMax is the longest title a user gives a record (an Anliegen, the
// registration of an agenda item, a conference date, an outcome), in
// characters: what the forms' maxlength says, held on the server too.
const TitleMax = 300

// CheckTitleLength refuses a title longer than TitleMax characters (nil:
// it is not), with the reason every form gives.
func CheckTitleLength(title string) error {
	if utf8.RuneCountInString(title) > TitleMax {
		return InputError("Der Titel ist länger als %d Zeichen.", TitleMax)
	}
	return nil
}

// TextMax is the most characters a long text typed into gremium may have
// where no bound of its own is set: a minutes row (Vermerk), a comment
// on the draft minutes, the points of a proposal, a registration or a
// recommendation's changed text, taken together. Before, 70,000 and
// 100,000 characters were stored, and the public minutes of one session
// grew to 22 PDF pages.
const TextMax = 20000

// CheckTextLength refuses a text longer than max characters with a reason
// naming it (what: "Der Vermerk", "Der Beschlusstext"); nil when it is
// not. Texts bounded together (the points of an item or a proposal) are
// given joined, strings.Join(texts, ""), so they are counted once.
func CheckTextLength(text, what string, max int) error {
	if n := utf8.RuneCountInString(text); n > max {
		return InputError("%s ist mit %s Zeichen zu lang; höchstens %s sind möglich.", what, GermanNumber(n), GermanNumber(max))
	}
	return nil
}

// checkTitle refuses a title that is missing (with the reason the
// record's form gives, missing) or too long (CheckTitleLength); nil when
// it is neither.
func checkTitle(title, missing string) error {
	if strings.TrimSpace(title) == "" {
		return InputError("%s", missing)
	}
	return CheckTitleLength(title)
}

// Limits of an outcome's fields, in characters.
const (
	OutcomeTitleMax = TitleMax
	OutcomeTextMax  = 20000
	OutcomeShortMax = 200 // Meeting, Reference
)

// Validate checks an outcome on the day it is recorded (today, German
// time): a conference, a title and the day of the session are required;
// the session has taken place (an outcome is not recorded in advance).
// The reasons name the form's fields (datum, titel, sitzung, nummer,
// text); an outcome that breaks several rules gives every reason
// (errors.Join), at most one per field.
func (o ConferenceOutcome) Validate(today Date) error {
	if o.ConferenceID == 0 {
		return InputError("Ein Ergebnis gehört zu einer Fachministerkonferenz.")
	}
	var errs []error
	refuse := func(field string, err error) { errs = append(errs, AtField(field, err)) }
	switch {
	case o.HeldOn.IsZero():
		refuse("datum", InputError("Bitte das Datum der Sitzung der Fachministerkonferenz angeben."))
	case today.Before(o.HeldOn):
		refuse("datum", RuleError("Die Sitzung am %s hat noch nicht stattgefunden; Ergebnisse werden nach der Sitzung erfasst.", o.HeldOn.German()))
	}
	if err := checkTitle(o.Title, "Bitte das Ergebnis in einem Titel benennen."); err != nil {
		refuse("titel", err)
	}
	// Title, session and number stand as typed on the conference page and
	// in the notice; confidential passages belong in the text.
	for _, f := range []struct{ field, text, what string }{{"titel", o.Title, "Der Titel"}, {"sitzung", o.Meeting, "Die Bezeichnung der Sitzung"}, {"nummer", o.Reference, "Die Nummer"}} {
		if err := Unmarked(f.text, f.what+" steht wie eingegeben auf der Seite der Konferenz und in der Benachrichtigung (vertrauliche Passagen gehören in den Text)"); err != nil {
			refuse(f.field, err)
		}
	}
	if utf8.RuneCountInString(o.Meeting) > OutcomeShortMax {
		refuse("sitzung", InputError("Die Bezeichnung der Sitzung ist länger als %d Zeichen.", OutcomeShortMax))
	}
	if utf8.RuneCountInString(o.Reference) > OutcomeShortMax {
		refuse("nummer", InputError("Die Nummer ist länger als %d Zeichen.", OutcomeShortMax))
	}
	if utf8.RuneCountInString(o.Text) > OutcomeTextMax {
		refuse("text", InputError("Der Text ist länger als %s Zeichen.", GermanNumber(OutcomeTextMax)))
	}
	return errors.Join(errs...)
}

// Recording says what RecordedBy and Recorded are of, for the line
// "… von {RecordedBy}, {Recorded}" under the outcome: "Erfasst" as first
// saved, "Zuletzt berichtigt" once corrected — a correction stores its
// author and time as the record's, so the corrector is not shown as the
// one who recorded it; FirstRecordedBy names that one.
func (o ConferenceOutcome) Recording() string { return recording(o.Version) }

// recording gives "Erfasst" for a record at its first version and
// "Zuletzt berichtigt" for one corrected since (the Recording of outcomes
// and of the spokespersons' contacts).
func recording(version int) string {
	if version > 1 {
		return "Zuletzt berichtigt"
	}
	return "Erfasst"
}

// Label gives the outcome as a line: date, session, number and title
// ("14.11.2025, Herbstkonferenz 2025, TOP 7: E-Rechnung …").
func (o ConferenceOutcome) Label() string {
	parts := []string{o.HeldOn.German()}
	for _, p := range []string{o.Meeting, o.Reference} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ") + ": " + strings.TrimSpace(o.Title)
}

// ReportDraft gives the outcomes as a draft of a report under "Reporting
// FachMK": one paragraph per outcome, its label and then its text, the
// confidential marks kept, so that they stay blacked out once the report
// is public with the agenda (Audience.Reports).
func ReportDraft(os []ConferenceOutcome) string {
	var b strings.Builder
	for i, o := range os {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(o.Label())
		if t := strings.TrimSpace(o.Text); t != "" {
			b.WriteString("\n")
			b.WriteString(t)
		}
	}
	return b.String()
}
