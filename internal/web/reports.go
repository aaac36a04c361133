package web

// "Reporting FachMK": the spokespersons enter their short reports for a
// session by the deadline; the reports appear under the standard item on
// the agenda and in the minutes (through the gate, model.Audience.Reports).

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// reportSlot is one report a spokesperson owes: a conference of one
// member, with the report if there is one.
type reportSlot struct {
	Conference model.Body
	Member     string
	// MemberName is the member's name ("Bremen" for "HB"), as the
	// secretariat's overview names it.
	MemberName string
	Report     model.FachMKReport // zero if not yet entered
	// Outcomes are the conference's outcomes of its own sessions since the
	// previous IT-PLR session (outcomes.go), offered as the report's
	// draft; Draft is the text the form shows when the spokesperson asked
	// for that draft (?vorlage=FMK): the report so far, then the outcomes.
	Outcomes []model.ConferenceOutcome
	Draft    string
}

type reportsData struct {
	Session     model.Session
	Deadline    model.Date
	Late        bool
	Mine        []reportSlot // the user's own (a spokesperson's)
	All         []reportSlot // every spokesperson in office (the secretariat's overview)
	Secretariat bool
	Closed      bool
	Conferences []model.Body // the conferences with a spokesperson in office, once each
	// Reporters are the members with a spokesperson in office, once each
	// in the order of the members, whom the secretariat's form offers by
	// name (before, it took an abbreviation typed and refused "Bremen").
	Reporters []model.Member
	// Since is the day of the previous IT-PLR session (SinceSession), from
	// which the outcomes of the conferences' sessions are offered; Outcomes
	// are those of every conference with a spokesperson in office, for
	// the secretariat's overview.
	Since        model.Date
	SinceSession int
	Outcomes     []conferenceOutcomes
	// Refused is the report form refused (reportFormID), shown again as
	// typed with its reasons; zero when none was.
	Refused refusedForm
}

// reportFormID is the anchor of the report form of conference abbrev
// (a spokesperson's), or of the secretariat's form (secretariat true).
func reportFormID(abbrev string, secretariat bool) string {
	if secretariat {
		return "bericht-gs"
	}
	return "bericht-" + abbrev
}

// Typed gives what was typed into field of the refused form id, or def
// when form id was not refused.
func (d reportsData) Typed(id, field, def string) string { return d.Refused.Typed(id, field, def) }

// TypedMember gives the member the secretariat's refused form named, as
// the abbreviation its list selects ("Bremen" typed is "HB"), or "".
func (d reportsData) TypedMember() string {
	typed := strings.TrimSpace(d.Typed(reportFormID("", true), "mitglied", ""))
	if typed == "" {
		return ""
	}
	return model.MemberAbbrevs([]string{typed}, d.Reporters)[0]
}

// At gives the reasons about field when form id was refused.
func (d reportsData) At(id, field string) string { return d.Refused.At(id, field) }

// Summary gives the box above the page (template "error-summary") for
// the refused report form: every reason linked to its field ("bericht-FMK-
// bericht"), a reason about the form as a whole, or about the conference
// a spokesperson's form names in a hidden field, to the form.
func (d reportsData) Summary() errorSummary {
	id := d.Refused.ID
	return summaryAs(id+"-fehler", d.Refused.What, d.Refused.Problems, func(field string) string {
		switch {
		case field == "bericht", field == "mitglied" && id == "bericht-gs", field == "fachmk" && id == "bericht-gs":
			return id + "-" + field
		}
		return ""
	}).Within(id)
}

// conferenceOutcomes are the outcomes of one conference.
type conferenceOutcomes struct {
	Conference model.Body
	Outcomes   []model.ConferenceOutcome
}

// reportSlots gives every report owed for the session: each conference
// with each member in office as its spokesperson, with the reports
// entered.
func (s *Server) reportSlots(r *http.Request, se model.Session) ([]reportSlot, error) {
	ctx := r.Context()
	last, err := s.st.LastHeldSession(ctx, se.BodyID)
	if err != nil {
		return nil, err
	}
	as, err := s.st.Assignments(ctx, 0)
	if err != nil {
		return nil, err
	}
	reports, err := s.st.Reports(ctx, se.ID)
	if err != nil {
		return nil, err
	}
	byKey := map[string]model.FachMKReport{}
	for _, rep := range reports {
		byKey[fmt.Sprintf("%d/%s", rep.ConferenceID, rep.Member)] = rep
	}
	bodies, _, err := s.conferenceByID(r)
	if err != nil {
		return nil, err
	}
	members, err := s.memberMap(ctx)
	if err != nil {
		return nil, err
	}
	var out []reportSlot
	seen := map[string]bool{}
	for _, a := range as {
		key := fmt.Sprintf("%d/%s", a.ConferenceID, a.Member)
		if a.Status(last) == model.AssignmentEnded || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, reportSlot{Conference: bodies[a.ConferenceID], Member: a.Member, MemberName: memberNameIn(members, a.Member), Report: byKey[key]})
	}
	return out, nil
}

func (s *Server) reportsPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.renderReports(w, r, u, se, http.StatusOK, refusedForm{})
}

// renderReports shows the report page of session se to u, with a refused
// form (as typed, every reason at its field) if there is one.
func (s *Server) renderReports(w http.ResponseWriter, r *http.Request, u *model.User, se model.Session, status int, refused refusedForm) {
	slots, err := s.reportSlots(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := reportsData{Session: se, Deadline: model.ReportDeadline(se), Secretariat: u.Role == model.RoleSecretariat, All: slots, Refused: refused,
		Closed: se.Status == model.StatusEnded || se.Status == model.StatusMinutesDraft || se.Status == model.StatusMinutesApproved}
	d.Late = !d.Deadline.IsZero() && d.Deadline.Before(s.today())
	seen := map[int64]bool{}
	reporting := map[string]bool{}
	for _, sl := range slots {
		reporting[sl.Member] = true
		if !seen[sl.Conference.ID] {
			seen[sl.Conference.ID] = true
			d.Conferences = append(d.Conferences, sl.Conference)
		}
	}
	if d.Secretariat {
		members, err := s.st.Members(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, m := range members {
			if reporting[m.Abbrev] {
				d.Reporters = append(d.Reporters, m)
			}
		}
	}
	// The outcomes of the conferences' own sessions since the previous
	// IT-PLR session: what the reports are about.
	if prev, err := s.st.SessionByNumber(r.Context(), se.BodyID, se.Number-1); err == nil {
		d.Since, d.SinceSession = prev.Date, prev.Number
	} else if model.ClassOf(err) != model.ErrNotFound {
		s.serverError(w, r, err)
		return
	}
	ids := make([]int64, len(d.Conferences))
	for i, c := range d.Conferences {
		ids[i] = c.ID
	}
	outcomes, err := s.outcomesSince(r, u, ids, d.Since)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, c := range d.Conferences {
		if os := outcomes[c.ID]; len(os) > 0 {
			d.Outcomes = append(d.Outcomes, conferenceOutcomes{Conference: c, Outcomes: os})
		}
	}
	if u.Role == model.RoleSpokesperson {
		draft := r.URL.Query().Get("vorlage")
		for _, sl := range slots {
			if sl.Member != u.MemberAbbrev {
				continue
			}
			sl.Outcomes = outcomes[sl.Conference.ID]
			if draft == sl.Conference.Abbrev && len(sl.Outcomes) > 0 {
				sl.Draft = strings.TrimSpace(sl.Report.Text + "\n\n" + model.ReportDraft(sl.Outcomes))
			}
			d.Mine = append(d.Mine, sl)
		}
	}
	s.render(w, r, status, "reports.html", view{Title: "Reporting FachMK – " + se.Title(), Active: "mein", Data: d})
}

func (s *Server) saveReport(w http.ResponseWriter, r *http.Request) {
	u, _, se, ok := s.sessionAction(w, r, auth.ViewInternal)
	if !ok {
		return
	}
	secretariat := u.Role == model.RoleSecretariat
	member := u.MemberAbbrev
	if !secretariat && u.Role != model.RoleSpokesperson {
		s.fail(w, r, model.ForbiddenError("Berichte unter „Reporting FachMK“ geben die fachpolitischen Sprecher:innen ab."), "")
		return
	}
	// A refused report is shown again as typed, every reason at its field
	// (before, it went to the error page and the text was lost).
	refuse := func(err error) {
		refused, status, ok := refusedFormOf(r, reportFormID(r.PostFormValue("fachmk"), secretariat), "Der Bericht ist nicht gespeichert", err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.renderReports(w, r, u, se, status, refused)
	}
	var p problems
	if secretariat {
		var err error
		if member, err = s.reportingMember(r, r.PostFormValue("mitglied")); err != nil {
			if model.FieldOf(err) == "" {
				s.fail(w, r, err, "")
				return
			}
			p.add(err)
		}
	}
	conf, err := s.st.BodyByAbbrev(r.Context(), r.PostFormValue("fachmk"))
	switch {
	case err != nil && model.ClassOf(err) != model.ErrNotFound:
		s.fail(w, r, err, "")
		return
	case err != nil || conf.Kind != model.BodyFachMK:
		p.add(model.AtField("fachmk", model.InputError("Bitte wählen Sie die Fachministerkonferenz, für die Sie berichten.")))
	}
	if r.PostFormValue("aktion") == "zurueckziehen" && len(p) == 0 {
		// Asked first: the button stands beside "Bericht speichern", and
		// one stray click took the report away.
		if !s.confirmed(w, r, confirmData{Heading: "Bericht zurückziehen",
			Question:    fmt.Sprintf("Wollen Sie den Bericht für %s zur %s zurückziehen?", conf.Accusative(), se.Title()),
			Consequence: "Er steht dann nicht mehr unter „Reporting FachMK“; das Änderungsprotokoll behält seinen Text.",
			Action:      r.URL.Path, Button: "Bericht zurückziehen", Back: "/sitzungen/" + strconv.Itoa(se.Number) + "/reporting-fachmk",
			Keep: [][2]string{{"fachmk", conf.Abbrev}, {"mitglied", r.PostFormValue("mitglied")}, {"version", r.PostFormValue("version")}, {"aktion", "zurueckziehen"}}}) {
			return
		}
		// Withdrawn, not emptied: an empty report is refused as such.
		rep := model.FachMKReport{SessionID: se.ID, ConferenceID: conf.ID, Member: member, Version: formVersion(r)}
		if err := s.st.WithdrawReport(r.Context(), rep, secretariat); err != nil {
			refuse(err)
			return
		}
		s.changed(r, se.ID) // the report leaves the public page's search text
		back(w, r, "/sitzungen/"+strconv.Itoa(se.Number)+"/reporting-fachmk", "Der Bericht für "+conf.Accusative()+" ist zurückgezogen.")
		return
	}
	text, err := formText(r.PostFormValue("bericht"))
	if err != nil {
		p.add(model.AtField("bericht", err))
	}
	rep := model.FachMKReport{SessionID: se.ID, ConferenceID: conf.ID, Member: member, Author: u.Name, Text: strings.TrimSpace(text), Version: formVersion(r)}
	if len(p) > 0 {
		if err == nil {
			// The text read cleanly: say its own rules (empty, too long) too.
			p.addUnrefused(rep.CheckText())
		}
		refuse(p.err())
		return
	}
	if err := s.st.SaveReport(r.Context(), rep, secretariat); err != nil {
		refuse(err)
		return
	}
	s.changed(r, se.ID) // a published agenda shows the report: search finds it
	back(w, r, "/sitzungen/"+strconv.Itoa(se.Number)+"/reporting-fachmk", "Der Bericht für "+conf.Accusative()+" ist gespeichert.")
}

// reportingMember gives the member the secretariat reports for, from the
// form's field "mitglied": the abbreviation the form's list sends, or, as
// a script or an old form may send it, the member's name or abbreviation
// typed in any case ("Bremen", "hb"). A field that names no member is
// refused at the field.
func (s *Server) reportingMember(r *http.Request, typed string) (string, error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return "", model.AtField("mitglied", model.InputError("Bitte wählen Sie das Mitglied, dessen Sprecher:in berichtet."))
	}
	members, err := s.st.Members(r.Context())
	if err != nil {
		return "", err
	}
	abbrev := model.MemberAbbrevs([]string{typed}, members)[0]
	for _, m := range members {
		if m.Abbrev == abbrev {
			return abbrev, nil
		}
	}
	return "", model.AtField("mitglied", model.NoMembersError([]string{typed}))
}
