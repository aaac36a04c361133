package web

// The attendance list (Anwesenheit) of a session, entered by the
// secretariat: who is present, represented by a person of the same member,
// or absent, and who arrives late or leaves early. Only members present or
// represented at an item can vote on it; the minutes show the list.

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

type attendanceRow struct {
	Member model.Member
	Line   model.Attendance
	// Persons are the known persons of the member, offered as names.
	Persons []string
	// Registered: no list is recorded yet, and Line is what the member's
	// office registered (Teilnahmemeldung), not saved until the
	// secretariat saves the list.
	Registered bool
	// Stored, after a save refused because the list was saved meanwhile,
	// says the member's line as it is stored now where it differs from
	// the typed one ("vertreten durch Staatssekretärin Müller"): the
	// other save, to be taken over or overwritten knowingly.
	Stored string
	// Prefilled: the member was recorded absent (or had no line) and the
	// page sets it present as asked ("Alle als anwesend vorbelegen");
	// not saved until the secretariat saves the list.
	Prefilled bool
}

type attendanceData struct {
	Session model.Session
	Rows    []attendanceRow
	Items   []minutes.Item
	Quorum  int
	// Problems are the reasons a list was not saved, each at its row's
	// field (person_HE; "" for the list as a whole); Rows then hold it as
	// typed.
	Problems problems
	// Registered is how many rows come from the members' registrations.
	Registered int
	// Version is the version of the stored list the form is drawn from
	// (model.AttendanceVersion); a save over another one is refused.
	Version string
	// Prefilled is how many rows the page set present on request
	// (attendanceRow.Prefilled); Absentees how many rows the form shows
	// absent, which "Alle als anwesend vorbelegen" would set present.
	Prefilled, Absentees int
}

// prefillParam is the query parameter of the attendance page that sets
// every row recorded absent to present, unsaved ("?vorbelegen=anwesend"):
// the IT-PLR's 23 rows start absent, and most members are there. A GET,
// so that it works without JavaScript and saves nothing.
const prefillParam = "vorbelegen"

func (s *Server) attendancePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.RecordMinutes, ""); !ok {
		return
	}
	council, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.renderAttendance(w, r, http.StatusOK, council, se, nil, nil, r.URL.Query().Get(prefillParam) == "anwesend")
}

// attendanceFieldIDs gives the ids of the attendance form's fields by the
// prefix of their names (anwesenheit_HE is the select anw-HE).
var attendanceFieldIDs = map[string]string{"anwesenheit": "anw", "person": "per", "ab": "ab", "bis": "bis"}

// attendanceFieldID gives the id of the form's field name ("per-HE" for
// person_HE), "" for a name that is no field of the form.
func attendanceFieldID(name string) string {
	if prefix, member, ok := strings.Cut(name, "_"); ok && attendanceFieldIDs[prefix] != "" {
		return attendanceFieldIDs[prefix] + "-" + member
	}
	return ""
}

// Summary gives the box above the form (template "error-summary"): every
// reason with the id of its field ("per-HE"; "" for the list as a whole),
// each linked to its field.
func (d attendanceData) Summary() errorSummary {
	return summaryAs("anwesenheit-fehler", "Die Anwesenheit ist nicht gespeichert", d.Problems, attendanceFieldID)
}

// renderAttendance shows the attendance page: the recorded list, or typed
// (one line per member, absent ones too) with the refusal, every reason
// at its field and all of them above the form. prefill sets the rows
// shown absent to present, unsaved, each marked (prefillParam).
func (s *Server) renderAttendance(w http.ResponseWriter, r *http.Request, status int, council model.Body, se model.Session, typed map[string]model.Attendance, refused error, prefill bool) {
	ctx := r.Context()
	list, err := s.st.Attendance(ctx, se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	members, err := s.st.Members(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	persons, err := s.st.Persons(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	doc, err := minutes.Load(ctx, s.st, se.ID, model.Internal)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Without a recorded list the page starts from what the member offices
	// registered, as the minutes do (model.RegisteredAttendance); nothing is
	// stored until the secretariat saves. A recorded list always wins.
	delegations, err := s.st.SessionDelegations(ctx, se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	stored := list
	list, registered := model.RegisteredAttendance(list, delegations)
	d := attendanceData{Session: se, Items: doc.Items(), Quorum: council.Quorum(), Problems: problemsOf(refused), Version: model.AttendanceVersion(stored)}
	if errors.Is(refused, store.ErrConflict) {
		// Said as every stale form is: saved meanwhile, the page shows the
		// new state (Stored at each row that differs), the form the input.
		_, d.Problems, _ = refusalProblems(refused)
	}
	labels := map[int64]string{}
	for _, it := range d.Items {
		labels[it.ID] = it.Label()
	}
	for _, m := range members {
		if !council.Seats(m) {
			continue // an advisory member in the AL-Runde: no seat, no row
		}
		row := attendanceRow{Member: m, Line: model.AttendanceFor(list, m.Abbrev)}
		row.Registered = registered && row.Line.Presence != model.Absent
		if typed != nil {
			row.Line, row.Registered = typed[m.Abbrev], false
			if errors.Is(refused, store.ErrConflict) || errors.Is(refused, errAttendanceUnversioned) {
				row.Stored = storedLine(model.AttendanceFor(stored, m.Abbrev), row.Line, labels)
			}
		}
		if prefill && typed == nil && !se.Status.MinutesFrozen() && row.Line.Presence != model.Present && row.Line.Presence != model.Represented {
			row.Line = model.Attendance{Member: m.Abbrev, Presence: model.Present, FromItemID: row.Line.FromItemID, UntilItemID: row.Line.UntilItemID}
			row.Prefilled, row.Registered = true, false
			d.Prefilled++
		}
		if row.Line.Presence != model.Present && row.Line.Presence != model.Represented {
			d.Absentees++
		}
		if row.Registered {
			d.Registered++
		}
		for _, p := range persons {
			if p.MemberAbbrev == m.Abbrev {
				row.Persons = append(row.Persons, p.Name)
			}
		}
		d.Rows = append(d.Rows, row)
	}
	s.render(w, r, status, "attendance.html", view{Title: "Anwesenheit – " + se.Title(), Active: "sitzungen", Data: d})
}

// storedLine says a member's stored line (the list saved meanwhile) where
// it differs from the typed one, "" where they agree.
func storedLine(now, typed model.Attendance, labels map[int64]string) string {
	if typed.Presence == "" {
		typed.Presence = model.Absent
	}
	if now.Presence == typed.Presence && now.Person == typed.Person && now.FromItemID == typed.FromItemID && now.UntilItemID == typed.UntilItemID {
		return ""
	}
	out := now.Presence.Label()
	if now.Person != "" {
		if now.Presence == model.Represented {
			out += " durch " + now.Person
		} else {
			out += " (" + now.Person + ")"
		}
	}
	if now.FromItemID != 0 {
		out += ", ab " + labels[now.FromItemID]
	}
	if now.UntilItemID != 0 {
		out += ", bis " + labels[now.UntilItemID]
	}
	return out
}

// formItemID reads the item an arrival or leaving names: 0 (the start or
// the end) when none is chosen, -1 for a value that is no item id, which
// the store refuses at the field as an item not on the agenda (before, a
// client that sent a word got "from the start" silently).
func formItemID(v string) int64 {
	if v == "" {
		return 0
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return -1
	}
	return id
}

// errAttendanceUnversioned refuses an attendance list sent without the
// version of the list its form was drawn from (attendanceData.Version):
// whether another save came in between cannot be told, so nothing is
// saved, and the page shows the stored lines beside the typed ones as
// after a conflict.
var errAttendanceUnversioned = model.InputShownConflict("Das Formular nennt nicht den Stand der Liste, von dem es ausging (Feld „version“), und könnte so eine inzwischen gespeicherte Anwesenheit überschreiben. Die Seite zeigt den gespeicherten Stand, das Formular Ihre Eingabe. Bitte prüfen und erneut speichern.")

// saveAttendance stores the whole list in one transaction; while the
// session runs it also establishes the quorum again.
func (s *Server) saveAttendance(w http.ResponseWriter, r *http.Request) {
	_, council, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	ctx := r.Context()
	members, err := s.st.Members(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var list []model.Attendance
	typed := map[string]model.Attendance{}
	for _, m := range members {
		if !council.Seats(m) {
			continue
		}
		a := model.Attendance{Member: m.Abbrev, Presence: model.Presence(r.PostFormValue("anwesenheit_" + m.Abbrev)), Person: strings.TrimSpace(r.PostFormValue("person_" + m.Abbrev))}
		a.FromItemID = formItemID(r.PostFormValue("ab_" + m.Abbrev))
		a.UntilItemID = formItemID(r.PostFormValue("bis_" + m.Abbrev))
		typed[m.Abbrev] = a
		if a.Presence == "" || a.Presence == model.Absent {
			continue // not listed: absent
		}
		list = append(list, a)
	}
	// The form carries the version of the list it was drawn from: a list
	// saved meanwhile (another window) is not overwritten silently. A list
	// without one (a hand-made request; the form always sends it) is
	// refused: before, it was saved unchecked, over the other save.
	drawn := r.PostFormValue("version")
	if drawn == "" {
		s.renderAttendance(w, r, http.StatusConflict, council, se, typed, errAttendanceUnversioned, false)
		return
	}
	quorum, reason, err := s.st.SaveAttendanceOver(ctx, se.ID, drawn, list)
	if err != nil {
		// A refused list comes back as typed: one missing name must not
		// cost the other members' rows.
		if !formRefusal(err) {
			s.fail(w, r, err, "")
			return
		}
		status := http.StatusUnprocessableEntity
		if model.ClassOf(err) == model.ErrConflict {
			status = http.StatusConflict
		}
		s.renderAttendance(w, r, status, council, se, typed, err, false)
		return
	}
	s.changed(r, se.ID)
	// The voting members apart from the advisory ones and guests: one
	// number for all read like the quorum's "15 von 17" of another 17.
	voters, err := s.st.BodyVoters(ctx, se.BodyID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	votes := map[string]bool{}
	for _, m := range voters {
		votes[m.Abbrev] = true
	}
	voting := 0
	for _, a := range list {
		if votes[a.Member] {
			voting++
		}
	}
	present := model.Counted(voting, "stimmberechtigtes Mitglied", "stimmberechtigte Mitglieder")
	if others := len(list) - voting; others > 0 {
		present += " und " + model.Counted(others, "beratendes Mitglied oder Gast", "beratende Mitglieder oder Gäste")
	}
	notice := "Die Anwesenheit ist gespeichert: " + present + " anwesend oder vertreten."
	if reason != "" {
		notice += " Feststellung der Beschlussfähigkeit – " + reason + "."
		if !quorum {
			notice += " Beschlüsse sind erst wieder möglich, wenn genug Mitglieder anwesend sind."
		}
	}
	back(w, r, fmt.Sprintf("%s/anwesenheit", se.Path()), notice)
}

// establishQuorum checks the quorum again from the recorded attendance
// (Feststellung der Beschlussfähigkeit).
func (s *Server) establishQuorum(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.RecordMinutes)
	if !ok {
		return
	}
	ok, reason, err := s.st.EstablishQuorum(r.Context(), se.ID)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, se.ID)
	notice := "Feststellung der Beschlussfähigkeit – " + reason + "."
	if !ok {
		notice += " Beschlüsse können erst nach erneuter Feststellung gefasst werden; bitte die Anwesenheit prüfen."
	}
	back(w, r, fmt.Sprintf("%s/live", se.Path()), notice)
}
