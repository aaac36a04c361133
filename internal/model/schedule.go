package model

import "strings"

// SessionSchedule is what happened to a session's date after it was
// planned: a cancellation (Absage) with its reason, a rescheduling
// (Verlegung) with the date it was moved from and its reason, and the
// iCalendar SEQUENCE that every change of date, time or place or a
// cancellation raises, so that calendar clients replace their copy.
type SessionSchedule struct {
	// CancelledReason is the reason of the cancellation; "" while the
	// session is not cancelled. It is public (the session's page, the
	// list, the calendar), so it must not carry confidential marks.
	CancelledReason string
	CancelledOn     Date
	// PreviousDate is the date the session was moved from by the latest
	// rescheduling (zero if it never moved to another day).
	PreviousDate Date
	// Moves are the reschedulings to another day, the oldest first (the
	// last one's From is PreviousDate). A session moved twice names both
	// former dates, so that who planned for the first one learns of it.
	// Sessions moved before the moves were kept have only their latest.
	Moves []SessionMove
	// ChangeNote is the reason of the latest rescheduling (public).
	ChangeNote string
	// Sequence is the iCalendar SEQUENCE of the session's event: raised
	// only by what the event carries (date, times, place, cancellation).
	Sequence int
	// DeadlineMoves counts the moves of the session's deadlines that did
	// not move the session: its registration deadline (Anmeldeschluss)
	// set anew or following its preparatory session, a preparatory
	// session's document deadline (Unterlagenfrist) after its body's
	// setting changed. The deadlines' events take DeadlineSequence.
	DeadlineMoves int
}

// DeadlineSequence is the iCalendar SEQUENCE of the events of the
// session's deadlines (registration, documents): raised with the session's
// own (a move or a cancellation changes them too) and with every move of a
// deadline alone, which does not touch the session's event and so neither
// its SEQUENCE nor the public feed.
func (s SessionSchedule) DeadlineSequence() int { return s.Sequence + s.DeadlineMoves }

// SessionMove is one rescheduling (Verlegung) of a session to another day:
// the day it was moved from and to, and its reason (public, as the
// ChangeNote).
type SessionMove struct {
	From, To Date
	Reason   string
}

// FormerDates gives the days the session was moved from, oldest first, as
// the lists say it ("12.03.2026 und 19.03.2026"); "" if it never moved to
// another day.
func (s SessionSchedule) FormerDates() string {
	var days []string
	for _, m := range s.Moves {
		days = append(days, m.From.German())
	}
	if len(days) == 0 && !s.PreviousDate.IsZero() {
		days = []string{s.PreviousDate.German()}
	}
	return joinMembers(days) // the same German prose: "a, b und c"
}

// TimeChangeNote gives the reason of a change of time made after the
// session's latest move to another day ("" if there was none): the
// ChangeNote is the latest change's, the moves keep their own reasons.
func (s SessionSchedule) TimeChangeNote() string {
	if len(s.Moves) == 0 || s.Moves[len(s.Moves)-1].Reason == s.ChangeNote {
		return ""
	}
	return s.ChangeNote
}

// Cancelled reports whether the session is cancelled (abgesagt).
func (s Session) Cancelled() bool { return s.Schedule.CancelledReason != "" }

// NextSessionFirst orders coming sessions as a reader expects them (a
// comparison for slices.SortFunc): the sessions that take place by date,
// the next one first (a session without a date after those with one;
// then by number), and the cancelled ones after them in the same order —
// still listed, marked "abgesagt", but not ahead of a session that takes
// place.
func NextSessionFirst(a, b Session) int {
	switch {
	case a.Cancelled() != b.Cancelled():
		if a.Cancelled() {
			return 1
		}
		return -1
	case a.Date.IsZero() != b.Date.IsZero():
		if a.Date.IsZero() {
			return 1
		}
		return -1
	case a.Date.Before(b.Date):
		return -1
	case b.Date.Before(a.Date):
		return 1
	}
	return a.Number - b.Number
}

// StatusLabel gives the status as the lists show it: "abgesagt" for a
// cancelled session, otherwise the cycle's label.
func (s Session) StatusLabel() string {
	if s.Cancelled() {
		return "abgesagt"
	}
	return s.Status.Label()
}

// CheckTimeSpan refuses a time span whose end is not after its start
// ("13:00 – 09:00"). Both are "HH:MM" or empty; an empty end is allowed
// (an open end).
func CheckTimeSpan(start, end string) error {
	if start == "" || end == "" || !validClock(start) || !validClock(end) {
		return nil
	}
	if end <= start {
		return AtField("ende", InputError("Die Sitzung kann nicht um %s Uhr enden, wenn sie um %s Uhr beginnt; das Ende muss nach dem Beginn liegen.", end, start))
	}
	return nil
}

// Schedulable reports why the date of the session can no longer be
// changed or the session cancelled: once it has started (laufend or
// later) or after a cancellation. It gives nil while it can.
func (s Session) Schedulable() error {
	// Named by its title ("40. AL-Runde", not "40. Sitzung"), and a
	// session held is not said to have "begun".
	if s.Cancelled() {
		return RuleError("Die %s ist abgesagt; sie kann nicht mehr geändert werden.", s.Title())
	}
	switch s.Status {
	case StatusPlanned, StatusConvened:
		return nil
	case StatusRunning:
		return RuleError("Die %s hat bereits begonnen; Termin, Ort und Vorsitz können nur vorher geändert, die Sitzung nur vorher abgesagt werden.", s.Title())
	}
	return RuleError("Die %s hat bereits stattgefunden („%s“); Termin, Ort und Vorsitz können nur vorher geändert, die Sitzung nur vorher abgesagt werden.", s.Title(), s.Status.Label())
}

// CheckScheduleReason checks the reason of a cancellation or
// rescheduling: required, plain (it is public: no confidential marks) and
// short enough for a list. Its reasons are at the field "grund".
func CheckScheduleReason(reason, what string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", AtField("grund", InputError("Bitte einen Grund für die %s angeben; er wird mit der Sitzung gezeigt und den Mitgliedern mitgeteilt.", what))
	}
	if err := PublicOnly(reason, "Der Grund für die "+what); err != nil {
		return "", AtField("grund", err)
	}
	if len([]rune(reason)) > 500 {
		return "", AtField("grund", InputError("Der Grund für die %s ist zu lang (höchstens 500 Zeichen).", what))
	}
	return reason, nil
}

// MinutesStage gives the stage of the session's minutes in their life
// cycle — draft (being written) → released for comments → approved — as
// the secretariat's pages name it, or "" before the session runs.
func (s Session) MinutesStage() string {
	switch s.Status {
	case StatusRunning, StatusEnded:
		return "Entwurf – wird von der Geschäftsstelle geführt"
	case StatusMinutesDraft:
		return "Entwurf – zur Kommentierung freigegeben"
	case StatusMinutesApproved:
		return "genehmigt – unveränderlich, Berichtigungen als neue Fassung"
	}
	return ""
}
