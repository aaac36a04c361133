package model

import "fmt"

// Moving a pending registration of a cancelled session (or, by the
// secretariat, of a session that began before it decided) to another
// session of the same body ("Anmeldung in eine andere Sitzung verlegen"): the same
// registration — its proposal, co-applications, documents, FachMK
// statement and the time it was made — goes to a session that takes
// registrations, instead of being withdrawn and registered anew.

// RegistrationMove gives why the registration it of session from may not
// be moved to another session (nil: it may), by the secretariat when
// secretariat is set, else by the registering office: it is no
// registration, the secretariat has decided on it, or from is neither
// cancelled nor (for the secretariat) begun — a session that takes place
// keeps its registrations; until its deadline the office changes or
// withdraws them. A registration still undecided when its session opened
// (or ended) is the secretariat's to decide or to move to a later
// session; before, it could do neither once the session ran.
func (it AgendaItem) RegistrationMove(from Session, secretariat bool) error {
	switch {
	case it.RegisteredBy == "":
		return RuleError("„%s“ ist kein angemeldeter Tagesordnungspunkt; verlegt wird nur eine Anmeldung.", InternalText(it.Title))
	case it.Status != ItemRegistered:
		return RuleError("Über die Anmeldung „%s“ hat die Geschäftsstelle schon entschieden (%s); sie kann nicht mehr verlegt werden.", InternalText(it.Title), it.Status.Label())
	case from.Cancelled():
		return nil
	case !from.Status.Ahead() && secretariat:
		return nil
	case !from.Status.Ahead():
		return RuleError("Die %s hat bereits begonnen (%s); über die Anmeldung entscheidet die Geschäftsstelle, die sie auch in eine spätere Sitzung verlegen kann.", from.Title(), from.Status.Label())
	}
	return RuleError("Die %s ist nicht abgesagt; in eine andere Sitzung verlegt wird nur die Anmeldung einer abgesagten Sitzung. Solange die Sitzung Anmeldungen annimmt, können Sie die Anmeldung ändern oder zurückziehen.", from.Title())
}

// MovedFrom names the session a registration was moved from, for the
// notices: "abgesagten 48. Sitzung" when it was cancelled, else "48.
// Sitzung, die vor der Entscheidung über sie begonnen hat".
func MovedFrom(from Session) string {
	if from.Cancelled() {
		return "abgesagten " + from.Title()
	}
	return from.Title() + ", die vor der Entscheidung über sie begonnen hat,"
}

// MovableRegistrations reports whether the pending registrations of
// session from may be moved to another session (RegistrationMove): from
// is cancelled, or, by the secretariat, has begun.
func MovableRegistrations(from Session, secretariat bool) bool {
	return from.Cancelled() || (secretariat && !from.Status.Ahead())
}

// CheckMoveTarget gives why a registration of session from may not be
// moved to session to (nil: it may), at the form's field "sitzung": to
// must be another session of the same body that takes registrations —
// planned or convened, not cancelled, its agenda open.
func CheckMoveTarget(from, to Session) error {
	refuse := func(format string, args ...any) error { return AtField("sitzung", RuleError(format, args...)) }
	switch {
	case to.ID == from.ID:
		return refuse("Die Anmeldung steht schon in der %s; bitte eine andere Sitzung wählen.", to.Title())
	case to.BodyID != from.BodyID:
		return refuse("Die %s gehört nicht zum Gremium der %s; verlegt wird nur in eine Sitzung desselben Gremiums.", to.Title(), from.Title())
	case to.Cancelled():
		return refuse("Die %s ist ebenfalls abgesagt; bitte eine Sitzung wählen, die stattfindet.", to.Title())
	case !to.RegistrationOpen():
		return refuse("Die %s nimmt keine Anmeldungen mehr an (%s).", to.Title(), to.StatusLabel())
	}
	if err := to.CheckAgendaOpen(); err != nil {
		return AtField("sitzung", err)
	}
	return nil
}

// MoveTargets gives the sessions, among sessions, that a registration of
// from may be moved to (CheckMoveTarget), in the order given.
func MoveTargets(from Session, sessions []Session) []Session {
	var out []Session
	for _, s := range sessions {
		if CheckMoveTarget(from, s) == nil {
			out = append(out, s)
		}
	}
	return out
}

// MoveTargetLabel names a session a registration may be moved to, in the
// form's list: "50. Sitzung am 12.03.2027 (Anmeldeschluss 12.02.2027)",
// "… – Anmeldeschluss vorbei: verspätet" when a registration moved there
// on day would be marked late.
func MoveTargetLabel(s Session, day Date) string {
	label := s.Title()
	if !s.Date.IsZero() {
		label += " am " + s.Date.German()
	}
	switch {
	case s.RegistrationDeadline.IsZero():
	case s.RegistrationLate(day):
		label += fmt.Sprintf(" (Anmeldeschluss %s vorbei: verspätet)", s.RegistrationDeadline.German())
	default:
		label += fmt.Sprintf(" (Anmeldeschluss %s)", s.RegistrationDeadline.German())
	}
	return label
}

// MovedLateness says of a registration moved to session to whether it is
// late there, for the confirmation: "nach Anmeldeschluss der 50. Sitzung
// (12.02.2027): verspätet", "bis zum Anmeldeschluss der 50. Sitzung
// (12.02.2027): rechtzeitig", or "die 50. Sitzung hat keinen
// Anmeldeschluss: rechtzeitig".
func MovedLateness(to Session, late bool) string {
	switch {
	case late:
		return fmt.Sprintf("nach Anmeldeschluss der %s (%s): verspätet", to.Title(), to.RegistrationDeadline.German())
	case to.RegistrationDeadline.IsZero():
		return fmt.Sprintf("die %s hat keinen Anmeldeschluss: rechtzeitig", to.Title())
	}
	return fmt.Sprintf("bis zum Anmeldeschluss der %s (%s): rechtzeitig", to.Title(), to.RegistrationDeadline.German())
}
