package web

// Task checklists from the role/task matrix (Tabelle 3, concept 5.1): per
// FachMK, each task that the spokesperson or FITKO carries is due once,
// for every IT-PLR session or yearly; its check records the evidence
// (date, note, document). The matrix itself is editable data.

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// checklistRow is one task of a FachMK's checklist in the current period.
type checklistRow struct {
	Task        model.Task
	Period      string
	PeriodLabel string
	Due         model.Date
	Check       model.TaskCheck
	History     []model.TaskCheck // the other periods, done or not
	// CanEdit: the user keeps this list and may check this task off (a
	// spokesperson not a task of FITKO alone).
	CanEdit bool
}

type checklistData struct {
	Conference model.Body
	Rows       []checklistRow
	Done, Open int
	CanEdit    bool
	Session    model.Session // the IT-PLR session the per-session tasks are for
	// Refused is a task's form the store or the date check refused (ID
	// "aufgabe-N"), shown again as typed with the reason.
	Refused refusedForm
}

// formID is the anchor of a task's section and form.
func (row checklistRow) formID() string { return fmt.Sprintf("aufgabe-%d", row.Task.ID) }

// Typed gives what was typed into field of the row's form if it was
// refused, else def.
func (d checklistData) Typed(row checklistRow, field, def string) string {
	return d.Refused.Typed(row.formID(), field, def)
}

// At gives the reasons about field when the row's form was refused (""
// else), for the templates "invalid" and "field-error".
func (d checklistData) At(row checklistRow, field string) string {
	return d.Refused.At(row.formID(), field)
}

// Summary gives the box above the page for the refused task form, each
// reason a link to its field (the form's ids carry the task's id).
func (d checklistData) Summary() errorSummary {
	task := strings.TrimPrefix(d.Refused.ID, "aufgabe-")
	return newErrorSummary("aufgabe-fehler", d.Refused.What, d.Refused.Problems, "datum", "dt-"+task, "frist", "fr-"+task, "notiz", "nt-"+task, "dokument", "dk-"+task)
}

// MarkedDone tells whether the row's form shows "erledigt": as typed if
// it was refused, else as stored.
func (d checklistData) MarkedDone(row checklistRow) bool {
	if d.Refused.ID == row.formID() {
		return d.Refused.Values.Get("erledigt") == "ja"
	}
	return row.Check.Done
}

// currentSession gives the next IT-PLR session (planned, convened or
// running), or else the last one.
func (s *Server) currentSession(r *http.Request) (model.Session, error) {
	council, err := s.councilBody(r.Context())
	if err != nil {
		return model.Session{}, err
	}
	coming, err := s.st.ComingSessions(r.Context(), council.ID)
	if err != nil {
		return model.Session{}, err
	}
	if len(coming) > 0 { // the next one first (model.NextSessionFirst)
		return coming[0], nil
	}
	last, err := s.st.LastHeldSession(r.Context(), council.ID)
	if err != nil || last == 0 {
		return model.Session{}, err
	}
	return s.st.SessionByNumber(r.Context(), council.ID, last)
}

// mayCheck reports whether the user keeps the checklist of the conference:
// the secretariat, or a spokesperson of it in office.
func (s *Server) mayCheck(r *http.Request, u *model.User, conferenceID int64) (bool, error) {
	if auth.Can(u, auth.ManageSessions, "") {
		return true, nil
	}
	if u == nil || u.Role != model.RoleSpokesperson {
		return false, nil
	}
	slots, err := s.respondentSlots(r, u)
	if err != nil {
		return false, err
	}
	for _, sl := range slots {
		if sl.Conference.ID == conferenceID {
			return true, nil
		}
	}
	return false, nil
}

// period gives the period a task is due in now, its label and due date.
func (s *Server) taskPeriod(t model.Task, se model.Session) (string, model.Date) {
	switch t.Recurrence {
	case model.RecurSession:
		if se.Number == 0 {
			return "", model.Date{}
		}
		return strconv.Itoa(se.Number), se.Date
	case model.RecurYear:
		y := s.today().Year
		return strconv.Itoa(y), model.NewDate(y, 12, 31)
	}
	return "", model.Date{}
}

func (s *Server) checklistPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	b, err := s.st.BodyByAbbrev(r.Context(), r.PathValue("abbrev"))
	if err != nil || b.Kind != model.BodyFachMK {
		s.notFound(w, r, "Diese Fachministerkonferenz ist nicht erfasst.")
		return
	}
	s.renderChecklist(w, r, u, b, http.StatusOK, refusedForm{})
}

// refuseCheck shows the checklist again after err refused the form of
// task taskID, as typed with the reason (see refusal); other errors get
// the error page.
func (s *Server) refuseCheck(w http.ResponseWriter, r *http.Request, u *model.User, b model.Body, taskID int64, err error) {
	refused, status, ok := refusedFormOf(r, fmt.Sprintf("aufgabe-%d", taskID), "Die Aufgabe ist nicht gespeichert", err)
	if !ok {
		s.fail(w, r, err, "Diese Aufgabe gibt es nicht.")
		return
	}
	s.renderChecklist(w, r, u, b, status, refused)
}

// renderChecklist shows the checklist of conference b, with a refused
// form if there is one.
func (s *Server) renderChecklist(w http.ResponseWriter, r *http.Request, u *model.User, b model.Body, status int, refused refusedForm) {
	ctx := r.Context()
	var err error
	d := checklistData{Conference: b, Refused: refused}
	if d.CanEdit, err = s.mayCheck(r, u, b.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Session, err = s.currentSession(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	tasks, err := s.st.Tasks(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	checks, err := s.st.TaskChecks(ctx, b.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, t := range tasks {
		if !t.Concerns() || (t.Recurrence == model.RecurSession && d.Session.ID == 0) {
			continue
		}
		row := checklistRow{Task: t, CanEdit: d.CanEdit && t.CheckableBy(auth.Can(u, auth.ManageSessions, "")) == nil}
		row.Period, row.Due = s.taskPeriod(t, d.Session)
		row.PeriodLabel = model.PeriodLabel(t.Recurrence, row.Period)
		for _, c := range checks {
			switch {
			case c.TaskID != t.ID:
			case c.Period == row.Period:
				row.Check = c
			default:
				row.History = append(row.History, c)
			}
		}
		if !row.Check.Due.IsZero() {
			row.Due = row.Check.Due
		}
		if row.Check.Done {
			d.Done++
		} else {
			d.Open++
		}
		d.Rows = append(d.Rows, row)
	}
	s.render(w, r, status, "checklist.html", view{Title: "Aufgaben – " + b.Name, Active: "fachmk", Data: d})
}

func (s *Server) saveCheck(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	b, err := s.st.BodyByAbbrev(ctx, r.PathValue("abbrev"))
	if err != nil || b.Kind != model.BodyFachMK {
		s.notFound(w, r, "Diese Fachministerkonferenz ist nicht erfasst.")
		return
	}
	if may, err := s.mayCheck(r, u, b.ID); err != nil {
		s.serverError(w, r, err)
		return
	} else if !may {
		s.fail(w, r, model.ForbiddenError("Die Aufgabenliste führen die Sprecher:innen dieser Fachministerkonferenz und die Geschäftsstelle."), "")
		return
	}
	taskID, _ := strconv.ParseInt(r.PostFormValue("aufgabe"), 10, 64)
	c := model.TaskCheck{TaskID: taskID, ConferenceID: b.ID, Period: r.PostFormValue("zeitraum"), Done: r.PostFormValue("erledigt") == "ja",
		Note: strings.TrimSpace(r.PostFormValue("notiz")), Document: strings.TrimSpace(r.PostFormValue("dokument")), DoneBy: u.Name, Version: formVersion(r)}
	var refused problems
	if c.DoneOn, err = model.ParseDate(r.PostFormValue("datum")); err != nil {
		refused.add(model.AtField("datum", err))
	}
	if c.Due, err = model.ParseDate(r.PostFormValue("frist")); err != nil {
		refused.add(model.AtField("frist", err))
	}
	if len(refused) > 0 {
		s.refuseCheck(w, r, u, b, taskID, refused.err())
		return
	}
	if !c.Done {
		c.DoneOn = model.Date{}
	}
	if err := s.st.SaveTaskCheck(ctx, c, auth.Can(u, auth.ManageSessions, "")); err != nil {
		s.refuseCheck(w, r, u, b, taskID, err)
		return
	}
	back(w, r, fmt.Sprintf("/fachmk/%s/aufgaben#aufgabe-%d", b.Abbrev, taskID), "Die Aufgabe ist gespeichert.")
}

type matrixData struct {
	Tasks       []model.Task
	Manage      bool
	Forms       []taskFormRow // one per task, and the last for a new task
	Conferences []model.Body
	// Refused is the refused task form, if any (its ID "aufgabe-3").
	Refused refusedForm
}

// taskFormRow is the secretariat's form for one row of the matrix.
type taskFormRow struct {
	Task             model.Task
	Recurrences      []model.Recurrence
	Responsibilities []model.Responsibility
	// ID is the form's id on the page ("aufgabe-3"; "aufgabe-0" for a new
	// task); Refused the refused form of the page, if any.
	ID      string
	Refused refusedForm
}

// taskFieldIDs are the prefixes of the ids of a task form's fields by
// their names (text of task 3 is tx-3).
var taskFieldIDs = map[string]string{"text": "tx", "sprecher": "sp", "fitko": "fi", "wiederholung": "wh", "position": "po"}

// IsRefused reports whether this form was refused.
func (f taskFormRow) IsRefused() bool { return f.Refused.ID == f.ID }

// At gives the reasons about field when this form was refused.
func (f taskFormRow) At(field string) string { return f.Refused.At(f.ID, field) }

// Typed gives what was typed into field when this form was refused, def
// otherwise.
func (f taskFormRow) Typed(field, def string) string { return f.Refused.Typed(f.ID, field, def) }

// Summary gives the box above the page (template "error-summary") for
// the refused task form: every reason linked to its field ("po-3"), a
// reason about the form as a whole to the form, far down the page.
func (d matrixData) Summary() errorSummary {
	task := strings.TrimPrefix(d.Refused.ID, "aufgabe-")
	return summaryAs("aufgabe-fehler", d.Refused.What, d.Refused.Problems, func(field string) string {
		if prefix := taskFieldIDs[field]; prefix != "" {
			return prefix + "-" + task
		}
		return ""
	}).Within(d.Refused.ID)
}

func (s *Server) matrixPage(w http.ResponseWriter, r *http.Request) {
	s.renderMatrix(w, r, http.StatusOK, model.Task{}, refusedForm{})
}

// renderMatrix shows the matrix; refused, when its ID is set, is the
// refused form of task typed (ID 0: a new task), shown as typed with
// every reason at its field.
func (s *Server) renderMatrix(w http.ResponseWriter, r *http.Request, status int, typed model.Task, refused refusedForm) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	tasks, err := s.st.Tasks(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	_, confs, err := s.conferenceByID(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := matrixData{Tasks: tasks, Manage: auth.Can(u, auth.ManageSessions, ""), Conferences: confs, Refused: refused}
	resp := []model.Responsibility{model.ResponsibilityNone, model.ResponsibilityLead, model.ResponsibilitySupporting}
	// A form refused because the task changed meanwhile carries the
	// version now stored, so that it saves when sent again on purpose; any
	// other refused form the version it was read at.
	changedMeanwhile := stale(refused.Problems)
	for _, t := range append(tasks, model.Task{Position: len(tasks) + 1, Recurrence: model.RecurOnce}) {
		if refused.ID != "" && t.ID == typed.ID {
			stored := t.Version
			t = typed
			if changedMeanwhile {
				t.Version = stored
			}
		}
		d.Forms = append(d.Forms, taskFormRow{Task: t, Recurrences: model.Recurrences, Responsibilities: resp, ID: fmt.Sprintf("aufgabe-%d", t.ID), Refused: refused})
	}
	s.render(w, r, status, "matrix.html", view{Title: "Rollen- und Aufgabenverteilung", Active: "mein", Data: d})
}

// taskForm reads a row of the matrix from the form with every reason it
// is refused for (errors.Join, each at its field): the task's own rules
// (model.Task.Validate) and a position that is no whole number (the
// input is type=number, but a client that bypasses the browser could
// send a word, which was stored as 0 without a word).
func taskForm(r *http.Request) (model.Task, error) {
	pos, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("position")))
	t := model.Task{Position: pos, Text: strings.TrimSpace(r.PostFormValue("text")),
		Spokesperson: model.Responsibility(r.PostFormValue("sprecher")), FITKO: model.Responsibility(r.PostFormValue("fitko")),
		Recurrence: model.Recurrence(r.PostFormValue("wiederholung")), Version: formVersion(r)}
	// The reasons in the order of the fields: the order comes last.
	p := problemsOf(t.Validate())
	if err != nil {
		p.add(model.AtField("position", model.InputError("Die Reihenfolge muss eine ganze Zahl sein.")))
	}
	return t, p.err()
}

func (s *Server) saveTask(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	t, err := taskForm(r)
	if r.PathValue("id") != "" {
		var perr error
		if t.ID, perr = strconv.ParseInt(r.PathValue("id"), 10, 64); perr != nil {
			s.notFound(w, r, "Diese Aufgabe gibt es nicht.")
			return
		}
		if err == nil {
			err = s.st.UpdateTask(r.Context(), t)
		}
	} else if err == nil {
		_, err = s.st.CreateTask(r.Context(), t)
	}
	if err != nil {
		what := "Die Aufgabe ist nicht gespeichert"
		if t.ID == 0 {
			what = "Die Aufgabe ist nicht angelegt"
		}
		form, status, ok := refusedFormOf(r, fmt.Sprintf("aufgabe-%d", t.ID), what, err)
		if !ok || model.ClassOf(err) == model.ErrNotFound {
			s.fail(w, r, err, "Diese Aufgabe gibt es nicht.")
			return
		}
		s.renderMatrix(w, r, status, t, form)
		return
	}
	back(w, r, "/aufgaben", "Die Aufgabe „"+t.Text+"“ ist gespeichert.")
}
