package web

// Editing, moving, cancelling and deleting a session before it takes
// place, and the session calendar (a month list).

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

type sessionEditData struct {
	Session model.Session
	Members []model.Member
	// Change is what the form shows: the stored session, or what was
	// typed when a change was refused.
	Change store.SessionChange
	// Problems are the reasons a change was refused, at their fields.
	Problems problems
	// Deletable: nothing refers to the session yet (the store checks it
	// again when deleting).
	Deletable bool
	// CancelReason is the reason of a refused cancellation as typed;
	// CancelProblems why it was refused, at the field "grund" of the
	// cancellation's form (not the move's, which has a "grund" too).
	CancelReason   string
	CancelProblems problems
	// Meanwhile: after a save refused because the session was saved in
	// between, the stored value beside each field that differs from what
	// was typed.
	Meanwhile meanwhile
	// ChairWarning says that the chair the form shows, chosen by hand, is
	// another than the rotation's for the year of its date (chairWarning):
	// a warning beside the field, not a refusal — the chair may deviate
	// by agreement.
	ChairWarning string
	// Rotation names the rotation's chairs for the year of the form's
	// date, the year before and the year after (rotationHintOf), beside
	// the field "Vorsitz": who "aus der Rotation" gives, also after a move
	// into another year.
	Rotation string
}

// Summary gives the box above the page (template "error-summary") for a
// refused change: every reason linked to its field (the ids are the
// fields' names).
func (d sessionEditData) Summary() errorSummary {
	return newErrorSummary("angaben-fehler", "Die Angaben sind nicht gespeichert", d.Problems)
}

// CancelSummary gives the box above the page for a refused cancellation:
// its reason at the cancellation's field "absage-grund"; an empty reason
// was no input the form could show again.
func (d sessionEditData) CancelSummary() errorSummary {
	s := newErrorSummary("absage-fehler", "Die Sitzung ist nicht abgesagt", d.CancelProblems, "grund", "absage-grund")
	s.Typed = s.Typed && strings.TrimSpace(d.CancelReason) != ""
	return s
}

func (s *Server) editSessionPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	c, err := s.storedSessionChange(r.Context(), se)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderSessionEdit(w, r, http.StatusOK, se, c, nil)
}

// storedSessionChange gives what the edit form shows for session se as
// stored.
func (s *Server) storedSessionChange(ctx context.Context, se model.Session) (store.SessionChange, error) {
	chair := se.Chair
	if !se.Date.IsZero() {
		// A chair the rotation gives for the session's year is shown as
		// "aus der Rotation": moved into another year, the session takes
		// that year's chair (before, the form sent the old year's chair
		// as chosen by hand, and it stayed).
		rotated, rotation, err := s.st.ChairOf(ctx, se.BodyID, se.Date.Year)
		if err != nil {
			return store.SessionChange{}, err
		}
		if rotation && rotated == se.Chair {
			chair = ""
		}
	}
	return store.SessionChange{ID: se.ID, Version: se.Version, Date: se.Date,
		StartTime: se.StartTime, EndTime: se.EndTime, Place: se.Place, Chair: chair, Kind: se.Kind, Applicants: se.Applicants,
		RegistrationDeadline: se.RegistrationDeadline}, nil
}

// renderSessionEdit shows the form editing session se; its chair is
// chosen from the voters of the session's body (the AL-Runde's own for a
// session of the AL-Runde, not the council's).
func (s *Server) renderSessionEdit(w http.ResponseWriter, r *http.Request, status int, se model.Session, c store.SessionChange, refused problems) {
	s.renderSessionEditData(w, r, status, sessionEditData{Session: se, Change: c, Problems: refused})
}

// renderSessionEditData shows the edit page of d.Session with the forms
// as d has them.
func (s *Server) renderSessionEditData(w http.ResponseWriter, r *http.Request, status int, d sessionEditData) {
	se := d.Session
	members, err := s.st.BodyVoters(r.Context(), se.BodyID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Members, d.Deletable = members, se.Status == model.StatusPlanned && !se.AgendaPublished
	if d.ChairWarning, err = s.chairWarning(r.Context(), se.BodyID, d.Change.Date, d.Change.Chair); err != nil {
		s.serverError(w, r, err)
		return
	}
	year := d.Change.Date.Year
	if d.Change.Date.IsZero() {
		year = se.Date.Year
	}
	if year != 0 {
		if d.Rotation, err = s.rotationHintOf(r.Context(), se.BodyID, year-1, year+1); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "session_edit.html", view{Title: se.Title() + " bearbeiten", Active: "sitzungen", Data: d})
}

func (s *Server) editSession(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	c := store.SessionChange{ID: se.ID, Version: formVersion(r), StartTime: strings.TrimSpace(r.PostFormValue("beginn")),
		EndTime: strings.TrimSpace(r.PostFormValue("ende")), Place: r.PostFormValue("ort"), Chair: r.PostFormValue("vorsitz"),
		Kind: model.SessionRegular, Reason: r.PostFormValue("grund")}
	var refused problems
	var prepared model.Session
	kind, err := model.ParseSessionKind(r.PostFormValue("art"))
	if err != nil {
		// An unknown kind is refused at its field, not changed into a
		// regular session.
		refused.add(err)
	} else if kind == model.SessionSpecial {
		c.Kind, c.Applicants = model.SessionSpecial, s.memberList(r.Context(), r.PostFormValue("antrag"))
	}
	if c.Date, err = model.ParseDate(r.PostFormValue("datum")); err != nil || c.Date.IsZero() {
		refused.add(model.AtField("datum", model.InputError("Bitte ein gültiges Datum angeben (TT.MM.JJJJ).")))
	}
	if c.RegistrationDeadline, err = model.ParseDate(r.PostFormValue("anmeldeschluss")); err != nil {
		refused.add(model.AtField("anmeldeschluss", model.InputError("Der Anmeldeschluss ist kein gültiges Datum.")))
	}
	if len(refused) > 0 {
		// The session's own rules too, each at its field (a time that is
		// no time, an end before the start), which the store checks once
		// the dates are valid.
		refused.addUnrefused(model.Session{Number: se.Number, Status: se.Status, Date: c.Date, StartTime: c.StartTime, EndTime: c.EndTime,
			RegistrationDeadline: c.RegistrationDeadline}.Validate())
		// A reason for the move when a valid date or time is another
		// (one that is no date or time may be a typing error).
		if moved := (!c.Date.IsZero() && c.Date != se.Date) || (refused.At("beginn") == "" && c.StartTime != se.StartTime) ||
			(refused.At("ende") == "" && c.EndTime != se.EndTime); moved {
			_, unreasoned := model.CheckScheduleReason(c.Reason, "Verlegung")
			refused.addUnrefused(unreasoned)
		}
		special := s.checkSpecialSession(r.Context(), model.Session{Kind: c.Kind, Applicants: c.Applicants})
		if special != nil && model.ClassOf(special) == model.ErrInternal {
			s.serverError(w, r, special)
			return
		}
		refused.addUnrefused(special)
	} else {
		// The session it prepares, as before the change: its registration
		// deadline may follow a move (store.EditSession), which the
		// notice then says.
		if prepared, err = s.st.PreparedSession(r.Context(), se.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		if err = s.st.EditSession(r.Context(), c); err != nil {
			// Refused, or changed meanwhile by someone else: the form
			// again as typed, every reason at its field; a conflict with
			// the version stored now, so that sending it again saves it
			// (before: the error page, and what was typed was gone).
			status, reasons, ok := refusalProblems(err)
			if !ok {
				s.fail(w, r, err, "")
				return
			}
			if status == http.StatusBadRequest {
				status = http.StatusUnprocessableEntity // as the form's own checks above
			}
			s.refuseSessionEdit(w, r, status, se, c, reasons)
			return
		}
	}
	if len(refused) > 0 {
		s.refuseSessionEdit(w, r, http.StatusUnprocessableEntity, se, c, refused)
		return
	}
	s.changed(r, se.ID)
	notice := fmt.Sprintf("Die Angaben zur %s sind gespeichert.", se.Title())
	if c.Date != se.Date || c.StartTime != se.StartTime || c.EndTime != se.EndTime {
		notice = fmt.Sprintf("Die %s ist verlegt. %s", se.Title(), sessionChangeNotified)
	}
	now, err := s.st.Session(r.Context(), se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	consequences, err := s.movedConsequences(r.Context(), se, now, c.Chair == "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	notice += consequences
	var chairWarning, noChair string
	if now.Chair != se.Chair || now.Date.Year != se.Date.Year {
		// A chair chosen or kept by hand that the rotation does not give
		// for the (new) year: saved, and said.
		if chairWarning, err = s.chairWarning(r.Context(), now.BodyID, now.Date, c.Chair); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if now.Date.Year != se.Date.Year {
		// Left to a rotation that names nobody for the new year: the
		// session has no chair now.
		if noChair, err = s.noChairWarning(r.Context(), now); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if c.RegistrationDeadline != se.RegistrationDeadline {
		notice += deadlineNotice(model.Session{Number: se.Number, BodySlug: se.BodySlug, BodyAbbrev: se.BodyAbbrev, RegistrationDeadline: c.RegistrationDeadline}, se.RegistrationDeadline, s.today(), false)
	}
	if prepared.ID != 0 {
		after, err := s.st.Session(r.Context(), prepared.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		notice += deadlineNotice(after, prepared.RegistrationDeadline, s.today(), true)
	}
	if chairWarning != "" {
		backWarning(w, r, se.Path()+"/verwaltung", notice, chairWarningLead, chairWarning+" "+chairWarningFixLater)
		return
	}
	if noChair != "" {
		backWarning(w, r, se.Path()+"/verwaltung", notice, noChairWarningLead, noChair)
		return
	}
	back(w, r, se.Path()+"/verwaltung", notice)
}

// refuseSessionEdit shows the edit form of session se again as typed (c)
// with every reason at its field. When the session was saved in between
// (its version is no longer the form's), that is said too, whatever else
// refused the form, and the stored value stands beside each field that
// differs; only then does the form carry the version stored now, so that
// sending it again saves it on purpose. Before, every refusal raised the
// version silently, and the next save overwrote a change never shown.
func (s *Server) refuseSessionEdit(w http.ResponseWriter, r *http.Request, status int, se model.Session, c store.SessionChange, reasons problems) {
	now, err := s.st.Session(r.Context(), se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := sessionEditData{Session: now, Change: c, Problems: reasons}
	if now.Version != c.Version {
		stored, err := s.storedSessionChange(r.Context(), now)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Meanwhile = s.sessionMeanwhile(r.Context(), c, stored)
		d.Problems, d.Change.Version, status = withMeanwhile(reasons, d.Meanwhile), now.Version, http.StatusConflict
	}
	s.renderSessionEditData(w, r, status, d)
}

// sessionMeanwhile gives the stored values of the edit form's fields
// (stored) that differ from the typed ones (c), as the page shows them.
func (s *Server) sessionMeanwhile(ctx context.Context, c, stored store.SessionChange) meanwhile {
	m := meanwhile{}
	m.note("datum", c.Date.String(), stored.Date.String(), stored.Date.German())
	m.note("beginn", c.StartTime, stored.StartTime, stored.StartTime)
	m.note("ende", c.EndTime, stored.EndTime, stored.EndTime)
	m.note("ort", c.Place, stored.Place, stored.Place)
	chair := "aus der Rotation des Vorsitzes"
	if stored.Chair != "" {
		chair = s.memberName(ctx, stored.Chair)
	}
	m.note("vorsitz", c.Chair, stored.Chair, chair)
	m.note("art", string(c.Kind), string(stored.Kind), stored.Kind.Label())
	m.note("antrag", strings.Join(c.Applicants, ", "), strings.Join(stored.Applicants, ", "), strings.Join(stored.Applicants, ", "))
	m.note("anmeldeschluss", c.RegistrationDeadline.String(), stored.RegistrationDeadline.String(), stored.RegistrationDeadline.German())
	return m
}

// movedConsequences says what a change of the session before into now
// changed beside what the form showed: the chair, when the session took
// another year's chair from the rotation (fromRotation: the form left the
// chair to it) or the chair was set by hand; after a move into another
// year whose rotation gives the chair the session keeps, that it does
// ("Vorsitz weiterhin: Bund (Rotation für 2028)."); and a new date that
// has passed while the session is not yet held. Before, a session moved
// from 2027 into 2026 took the other year's chair with only "ist
// verlegt" said, a move into another year that kept the chair said
// nothing of the new year's rotation, and a move into the past was taken
// without a word. A chair the new year's rotation does not give is
// warned of apart (chairWarning, noChairWarning).
func (s *Server) movedConsequences(ctx context.Context, before, now model.Session, fromRotation bool) (string, error) {
	var n string
	switch {
	case now.Chair != before.Chair && now.Chair != "":
		name := s.memberName(ctx, now.Chair)
		if fromRotation {
			n += fmt.Sprintf(" Vorsitz jetzt: %s (Rotation für %d).", name, now.Date.Year)
		} else {
			n += fmt.Sprintf(" Vorsitz jetzt: %s.", name)
		}
	case now.Date.Year != before.Date.Year && now.Chair != "" && !now.Date.IsZero():
		rotated, rotation, err := s.st.ChairOf(ctx, now.BodyID, now.Date.Year)
		if err != nil {
			return "", err
		}
		if rotation && rotated == now.Chair {
			n += fmt.Sprintf(" Vorsitz weiterhin: %s (Rotation für %d).", s.memberName(ctx, now.Chair), now.Date.Year)
		}
	}
	if now.Date != before.Date && now.Date.Before(s.today()) && !now.Held() {
		n += fmt.Sprintf(" Das neue Datum %s liegt in der Vergangenheit; bitte prüfen, ob es so gemeint ist.", now.Date.German())
	}
	return n, nil
}

// sessionChangeNotified says who learns of a moved or cancelled session:
// the accounts that asked for the notice (model.EventSessionChanged), not
// every member — "die Mitglieder werden benachrichtigt" promised mail to
// offices that had ordered none.
const sessionChangeNotified = "Eine Nachricht erhält, wer Benachrichtigungen zu verlegten oder abgesagten Sitzungen bestellt hat."

// deadlineNotice tells that the registration deadline of the session
// after changed from before — moved with its AL-Runde (mitverlegt), or
// set by hand — and, when the new deadline has already passed on today,
// what that means: before, the deadline of the 48th went silently from
// 07.01.2027 to 20.11.2026 when its AL-Runde moved to 04.12.2026, and a
// deadline mistyped a year early was taken without a word; every
// registration from then on was late.
func deadlineNotice(after model.Session, before, today model.Date, moved bool) string {
	if after.RegistrationDeadline == before || after.RegistrationDeadline.IsZero() {
		return ""
	}
	n := fmt.Sprintf(" Der Anmeldeschluss der %s ist jetzt der %s.", after.Title(), after.RegistrationDeadline.German())
	if moved {
		n = fmt.Sprintf(" Der Anmeldeschluss der %s ist mitverlegt: jetzt %s.", after.Title(), after.RegistrationDeadline.German())
	}
	if after.RegistrationLate(today) {
		n += fmt.Sprintf(" Er ist damit schon verstrichen – Anmeldungen gelten ab jetzt als verspätet; ein anderer Anmeldeschluss lässt sich unter „Sitzung bearbeiten“ der %s setzen.", after.Title())
	}
	return n
}

func (s *Server) cancelSession(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	reason := r.PostFormValue("grund")
	if err := s.st.CancelSession(r.Context(), se.ID, formVersion(r), reason); err != nil {
		// Refused (no reason, too long; begun or changed meanwhile): the
		// edit page again, the reason at the cancellation's field and the
		// input as typed (before: the error page); a conflict with the
		// version stored now, so that sending it again cancels.
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.failKeeping(w, r, err, "", reason)
			return
		}
		if now, err := s.st.Session(r.Context(), se.ID); err == nil {
			se = now
		}
		c, err := s.storedSessionChange(r.Context(), se)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.renderSessionEditData(w, r, status, sessionEditData{Session: se, Change: c, CancelReason: reason, CancelProblems: reasons})
		return
	}
	s.changed(r, se.ID)
	back(w, r, se.Path(), fmt.Sprintf("Die %s ist abgesagt. %s", se.Title(), sessionChangeNotified))
}

func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	if err := s.st.DeleteSession(r.Context(), se.ID, formVersion(r)); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, se.ID)
	list := "/sitzungen"
	if se.BodySlug != "" {
		list = "/gremien/" + se.BodySlug // the preparatory body's page lists its sessions
	}
	back(w, r, list, fmt.Sprintf("Die %s ist gelöscht.", se.Title()))
}

// calendarMonth is one month of the session calendar.
type calendarMonth struct {
	Label    string // "März 2026"
	Sessions []model.Session
}

type sessionCalendarData struct {
	Council    model.Body
	Year       int
	Prev, Next int // neighbouring years with sessions (0: none)
	Months     []calendarMonth
	Members    map[string]model.Member
	CanManage  bool
	// Refused is why the year in the address was not used
	// (yearOfAddress).
	Refused string
}

// germanMonths are the month names of the calendar.
var germanMonths = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

// sessionCalendarPage is the session calendar: the sessions of a year by
// month, cancelled and moved ones marked (/sitzungen/kalender?jahr=2026).
func (s *Server) sessionCalendarPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	// Without ?jahr= the year the session list opens on too
	// (defaultSessionYear): it was the current year here, another there.
	years, err := s.councilSessionYears(ctx, council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	year, err := s.sessionYearOf(ctx, council.ID, years)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if year == 0 {
		year = s.today().Year
	}
	// One reading of ?jahr= for the list and the calendar
	// (yearOfAddress): this page said "Bitte ein Jahr angeben" for
	// ?jahr=99999, and then answered a year it could not read with a
	// bare error page, where the list shows its year with the reason.
	status := http.StatusOK
	year, refused := yearOfAddress(r, year)
	if refused != "" {
		status = http.StatusBadRequest
	}
	// The year's sessions (one range of the date index) and the
	// neighbouring years from the years kept per data version.
	sessions, err := s.st.SessionsOfYear(ctx, council.ID, year, 0, math.MaxInt32)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	members, err := s.memberMap(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := sessionCalendarData{Council: council, Year: year, Members: members, CanManage: auth.Can(s.user(r), auth.ManageSessions, ""), Refused: refused}
	for _, y := range years { // newest first
		switch {
		case y > year:
			d.Next = y
		case y < year && d.Prev == 0:
			d.Prev = y
		}
	}
	slices.SortFunc(sessions, func(a, b model.Session) int { return a.Number - b.Number }) // oldest first
	byMonth := map[time.Month][]model.Session{}
	for _, se := range sessions {
		byMonth[se.Date.Month] = append(byMonth[se.Date.Month], se)
	}
	for m := time.January; m <= time.December; m++ {
		if list := byMonth[m]; len(list) > 0 {
			d.Months = append(d.Months, calendarMonth{Label: fmt.Sprintf("%s %d", germanMonths[m-1], year), Sessions: list})
		}
	}
	s.render(w, r, status, "session_calendar.html", view{Title: fmt.Sprintf("Sitzungskalender %d", year), Active: "sitzungen", Data: d})
}

// councilSessionYears gives the years with sessions of the council, newest
// first, kept per data version.
func (s *Server) councilSessionYears(ctx context.Context, councilID int64) ([]int, error) {
	return s.sessionYears.Get(s.st.Version(), func() ([]int, error) { return s.st.SessionYears(ctx, councilID) })
}
