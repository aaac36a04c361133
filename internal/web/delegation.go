package web

// The delegations of a session (Teilnahmemeldung): a member office
// registers who attends a coming session for it — names, functions, in
// person or online, deputies — until the secretariat closes the list; the
// secretariat sees every member's, corrects any and closes the list. The
// minutes' attendance list names these persons (minutes.loadAttendance).

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// delegationRows is how many empty rows the form offers beyond the
// registered persons (no JavaScript needed to add one).
const delegationRows = 3

type delegationOverviewRow struct {
	Member     model.Member
	Delegation model.Delegation
	Registered bool
}

type delegationData struct {
	Session model.Session
	Closed  bool
	// Open: the viewer may change the delegation now (model.DelegationOpen).
	Open bool
	// Secretariat: the overview of every member and the list's closing.
	Secretariat bool
	Overview    []delegationOverviewRow
	// Member and Delegation are the form of one member; Rows its rows, the
	// registered persons (or what was typed) and empty ones.
	Member     model.Member
	Delegation model.Delegation
	Rows       []model.Delegate
	// Problems are the reasons the form was refused, each at its row's
	// field (name_2; "" for the form as a whole).
	Problems problems
}

// At gives the reasons for the field with id ("name-2" for the form's
// field name_2; "" when none is about it), for the templates "invalid"
// and "field-error".
func (d delegationData) At(id string) string {
	return d.Problems.At(fieldName(id))
}

// Summary gives the box above the form (template "error-summary"): every
// reason with the id of its field ("name-2"; "" for the form as a whole),
// each linked to its own field.
func (d delegationData) Summary() errorSummary {
	return summaryAs("teilnahme-fehler", "Die Teilnahme ist nicht gespeichert", d.Problems, func(field string) string { return strings.ReplaceAll(field, "_", "-") })
}

// fieldName gives the form's name of the field with id: the form's ids
// are the names with a hyphen (name_2 → name-2).
func fieldName(id string) string { return strings.ReplaceAll(id, "-", "_") }

// delegationMember gives the member whose delegation the request is about:
// a member office's own, for the secretariat ?mitglied= ("" for the
// overview).
func delegationMember(r *http.Request, u *model.User) string {
	if auth.Can(u, auth.ManageSessions, "") {
		return r.FormValue("mitglied")
	}
	return u.MemberAbbrev
}

func (s *Server) delegationPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.RegisterDelegation, "")
	if !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.renderDelegation(w, r, u, se, delegationMember(r, u), nil, http.StatusOK, nil)
}

// errDelegationMeanwhile is the reason a delegation form gets whose
// version is no longer the stored one: the form shows what was typed (the
// box above it does not say so again: model.InputShownConflict), the
// page not the stored rows.
var errDelegationMeanwhile = model.InputShownConflict("Die Teilnahme wurde inzwischen gespeichert – von jemand anderem oder von Ihnen in einem anderen Fenster; Ihre Änderung ist nicht gespeichert. Das Formular zeigt Ihre Eingabe; speichern Sie sie erneut, ersetzt sie den inzwischen gespeicherten Stand.")

// renderDelegation shows the overview (member "") or one member's form;
// typed is the delegation as posted when it was refused (nil: as stored),
// refused the refusal, every reason at its field.
func (s *Server) renderDelegation(w http.ResponseWriter, r *http.Request, u *model.User, se model.Session, member string, typed *model.Delegation, status int, refused error) {
	ctx := r.Context()
	list, closed, err := s.st.Delegations(ctx, se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	members, err := s.st.Members(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	secretariat := auth.Can(u, auth.ManageSessions, "")
	d := delegationData{Session: se, Closed: closed, Secretariat: secretariat}
	if refused != nil {
		d.Problems = problemsOf(refused)
		if errors.Is(refused, store.ErrConflict) {
			d.Problems = problems{errDelegationMeanwhile}
		}
	}
	d.Open = model.DelegationOpen(se, closed, secretariat) == nil
	byMember := map[string]model.Delegation{}
	for _, g := range list {
		byMember[g.Member] = g
	}
	if member == "" {
		for _, m := range members {
			if m.Kind == model.MemberGuest {
				if _, ok := byMember[m.Abbrev]; !ok {
					continue
				}
			}
			g, ok := byMember[m.Abbrev]
			d.Overview = append(d.Overview, delegationOverviewRow{Member: m, Delegation: g, Registered: ok})
		}
		s.render(w, r, status, "delegation.html", view{Title: "Teilnahme – " + se.Title(), Active: "sitzungen", Data: d})
		return
	}
	found := false
	for _, m := range members {
		if m.Abbrev == member {
			d.Member, found = m, true
		}
	}
	if !found {
		s.notFound(w, r, fmt.Sprintf("„%s“ ist kein Mitglied.", member))
		return
	}
	d.Delegation = byMember[member]
	rows := d.Delegation.Delegates
	if typed != nil {
		rows = typed.Delegates
	}
	d.Rows = append(append([]model.Delegate(nil), rows...), make([]model.Delegate, delegationRows)...)
	s.render(w, r, status, "delegation.html", view{Title: "Teilnahme – " + se.Title(), Active: "sitzungen", Data: d})
}

// delegationFromForm reads the rows of the form; a row without name and
// function is left out.
func delegationFromForm(r *http.Request) []model.Delegate {
	var out []model.Delegate
	n, _ := strconv.Atoi(r.PostFormValue("zeilen"))
	n = min(n, model.MaxDelegates+delegationRows)
	for i := range n {
		p := model.Delegate{
			Name:     strings.TrimSpace(r.PostFormValue(fmt.Sprintf("name_%d", i))),
			Function: strings.TrimSpace(r.PostFormValue(fmt.Sprintf("funktion_%d", i))),
			Online:   r.PostFormValue(fmt.Sprintf("teilnahme_%d", i)) == "online",
			Deputy:   r.PostFormValue(fmt.Sprintf("vertretung_%d", i)) == "ja",
		}
		if p.Name == "" && p.Function == "" {
			continue
		}
		out = append(out, p)
	}
	return out
}

func (s *Server) saveDelegation(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.RegisterDelegation, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	member := delegationMember(r, u)
	if member == "" || !auth.Can(u, auth.RegisterDelegation, member) {
		s.fail(w, r, model.ForbiddenError("Die Teilnahme meldet jedes Mitglied für sich; die Geschäftsstelle für alle."), "")
		return
	}
	d := model.Delegation{SessionID: se.ID, Member: member, Delegates: delegationFromForm(r), Version: formVersion(r)}
	if err := s.st.SaveDelegation(r.Context(), d, auth.Can(u, auth.ManageSessions, "")); err != nil {
		switch model.ClassOf(err) {
		case model.ErrInput, model.ErrRule, model.ErrConflict:
			status := http.StatusBadRequest
			switch model.ClassOf(err) {
			case model.ErrRule:
				status = http.StatusUnprocessableEntity
			case model.ErrConflict:
				status = http.StatusConflict
			}
			s.renderDelegation(w, r, u, se, member, &d, status, err)
		default:
			s.fail(w, r, err, "")
		}
		return
	}
	to := se.Path() + "/teilnahme"
	if auth.Can(u, auth.ManageSessions, "") {
		to += "?mitglied=" + url.QueryEscape(member)
	}
	notice := fmt.Sprintf("Die Teilnahme für %s ist gespeichert (%s).", member, model.Counted(len(d.Delegates), "Person", "Personen"))
	if len(d.Delegates) == 1 {
		notice = fmt.Sprintf("Die Teilnahme für %s ist gespeichert (1 Person).", member)
	}
	back(w, r, to, notice)
}

// closeDelegations closes the list of delegations of a session or opens
// it again (schliessen=ja|nein).
func (s *Server) closeDelegations(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	closed := r.PostFormValue("schliessen") == "ja"
	if err := s.st.SetDelegationsClosed(r.Context(), se.ID, closed); err != nil {
		s.fail(w, r, err, "")
		return
	}
	notice := "Die Teilnehmerliste ist wieder offen; die Mitglieder können ihre Teilnahme ändern."
	if closed {
		notice = "Die Teilnehmerliste ist geschlossen; Änderungen nimmt nur noch die Geschäftsstelle vor."
	}
	back(w, r, se.Path()+"/teilnahme", notice)
}
