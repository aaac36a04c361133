package web

// The boxes above the refused forms of the secretariat's page of a
// session (manage.html): each the shared "error-summary", every reason a
// link to the field the page shows it at, and never a link to a field the
// page does not show (the form gone meanwhile: the proposals voted on,
// the registration decided, the session held).

import (
	"fmt"
	"net/http"

	"gremium/internal/model"
)

// endConfirmField is the form field of the confirmation that ends a
// session ("Sitzung beenden"); its checkbox's id is endConfirmID.
const (
	endConfirmField = "sitzung_beendet"
	endConfirmID    = "sitzung-beendet-ok"
)

// errEndNotConfirmed refuses "Sitzung beenden" sent without its
// confirmation: one click ended the session, after which it takes no
// vote, no request to speak and no call of an item.
var errEndNotConfirmed = model.AtField(endConfirmField, model.RuleError(
	"Bitte bestätigen Sie, dass die Sitzung zu Ende ist: danach ist keine Abstimmung, keine Wortmeldung und kein Aufruf eines TOPs mehr möglich."))

// statusBack gives the page a status step returns to: for "Sitzung
// beenden" sent from the live page (field zurueck=live), the live page,
// where the secretariat goes on with the minutes; else the Verwaltung.
func statusBack(r *http.Request, se model.Session, next model.SessionStatus) string {
	if next == model.StatusEnded && r.PostFormValue("zurueck") == "live" {
		return se.Path() + "/live"
	}
	return fmt.Sprintf("%s/verwaltung", se.Path())
}

// stepNotDone says what did not happen when a status step to the key was
// refused, the head of the box above the status form.
var stepNotDone = map[model.SessionStatus]string{
	model.StatusConvened:     "Die Sitzung ist nicht einberufen",
	model.StatusRunning:      "Die Sitzung ist nicht eröffnet",
	model.StatusEnded:        "Die Sitzung ist nicht beendet",
	model.StatusMinutesDraft: "Der Protokollentwurf ist nicht freigegeben",
}

// agendaNotPublished heads the box of a refused publication of the agenda.
const agendaNotPublished = "Die Tagesordnung ist nicht veröffentlicht"

// refuseStatus shows the management page again after the status step to
// next was refused for reasons, in the box above the status form.
func (s *Server) refuseStatus(w http.ResponseWriter, r *http.Request, status int, council model.Body, se model.Session, next model.SessionStatus, reasons problems) {
	if next == model.StatusEnded && r.PostFormValue("zurueck") == "live" && se.Status == model.StatusRunning {
		// "Sitzung beenden" sent from the live page (entryEnd): refused
		// there, every reason at its confirmation, nothing stored.
		s.renderLive(w, r, status, se, 0, voteRefusal{}, refusedForm{ID: entryEnd, What: stepNotDone[next], Values: r.PostForm, Problems: reasons})
		return
	}
	s.renderManageWith(w, r, status, council, se, manageData{Status: reasons, StatusWhat: stepNotDone[next]})
}

// StatusSummary gives the box "status-fehler" above the status forms
// (Status: a status step, the publication or the numbering of the agenda
// refused), each reason linked to the confirmation it lacks where the page
// shows that. The forms carry nothing typed, so the box does not say that
// they show the input.
func (d manageData) StatusSummary() errorSummary {
	ids := map[string]string{}
	if d.Next == model.StatusEnded && !d.Session.Cancelled() {
		ids[endConfirmField] = endConfirmID
		if len(d.Open) > 0 {
			ids["offene_vorschlaege"] = "offene-vorschlaege-ok"
		}
		if d.VoteOpen {
			ids["abstimmung"] = "abstimmung-offen"
		}
	}
	if !d.Session.AgendaPublished && d.Session.AgendaOpen() {
		if len(d.Unnumbered) > 0 {
			ids["ohne_nummer"] = "ohne-nummer-ok"
		}
		if len(d.OutOfOrder) > 0 {
			ids["ausser_reihe"] = "ausser-reihe-ok"
		}
		if len(d.GreenListApart) > 0 {
			ids["gruene_liste_getrennt"] = "gruene-liste-getrennt-ok"
		}
	}
	what := d.StatusWhat
	if what == "" {
		what = "Nicht ausgeführt"
	}
	s := summaryAs("status-fehler", what, d.Status, func(field string) string { return ids[field] })
	s.Typed = false
	return s
}

// RowSummary gives the box "top-<id>-fehler" in the refused agenda row,
// shown as typed (or, refused a move, as stored), its reason linked to the
// field at fault.
func (d manageData) RowSummary() errorSummary {
	return errorSummary{ID: fmt.Sprintf("top-%d-fehler", d.Row.ItemID), What: d.Row.what(),
		List: []fieldProblem{{Field: d.Row.FieldID(), Reason: d.Row.Reason}}, Typed: d.Row.Typed}
}

// AgendaSummary gives the box "tagesordnung-fehler" above the agenda for
// a refused row the page shows no form of (a registration's; every row of
// a held session): the reason, linked nowhere.
func (d manageData) AgendaSummary() errorSummary {
	return errorSummary{ID: "tagesordnung-fehler", What: d.Row.what(), List: []fieldProblem{{Reason: d.Row.Reason}}}
}

// DeclineSummary gives the box "anmeldungen-fehler" above the
// registrations for a refused decline, its reasons linked to the reason's
// field while the page shows it.
func (d manageData) DeclineSummary() errorSummary {
	const id = "anmeldungen-fehler"
	if !d.Session.Held() {
		for _, it := range d.Registrations {
			if field := fmt.Sprintf("grund-%d", it.ID); field == d.Decline.ID {
				return newErrorSummary(id, d.Decline.What, d.Decline.Problems, "grund", field).Within(field)
			}
		}
	}
	return unlinkedSummary(id, d.Decline.What, d.Decline.Problems)
}

// UploadSummary gives the box "hochladen-fehler" at the top of the page
// for a refused upload, whose form stands at its end: every reason linked
// to its field (uploadFieldIDs). A browser does not send the file again,
// so the box does not say that the form shows the input; the form's own
// box says what it keeps.
func (d manageData) UploadSummary() errorSummary {
	const id = "hochladen-fehler"
	if d.Session.Status.MinutesFrozen() {
		return unlinkedSummary(id, d.Upload.What, d.Upload.Problems)
	}
	s := summaryAs(id, d.Upload.What, d.Upload.Problems, func(field string) string { return uploadFieldIDs[field] }).Within("dokument")
	s.Typed = false
	return s
}

// what gives what did not happen to the refused row.
func (f rowRefusal) what() string {
	if f.What != "" {
		return f.What
	}
	return "Der TOP ist nicht gespeichert"
}

// FieldID gives the id of the row's field the refusal is about: the tick
// "Grüne Liste", the title, else the number (as the row marks them).
func (f rowRefusal) FieldID() string {
	switch {
	case f.ConsentAtFault():
		return fmt.Sprintf("gl-%d", f.ItemID)
	case f.TitleAtFault():
		return fmt.Sprintf("titel-%d", f.ItemID)
	}
	return fmt.Sprintf("nr-%d", f.ItemID)
}
