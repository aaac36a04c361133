package web

// Agenda registration by members (with the FachMK-impact statement, GO § 4).

import (
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/model"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

type registerData struct {
	Session     model.Session
	Members     []model.Member
	Member      string // the member registering
	Conferences []model.Body
	Goals       []model.Goal
	Form        url.Values
	// Problems are why the registration was refused, each with the field
	// it concerns; Invalid gives the reason per field, to tie it to the
	// field (aria-invalid, aria-describedby).
	Problems []fieldProblem
	Invalid  map[string]string
	Late     bool
	// Closed: the session takes no more registrations, and nothing was
	// typed yet — the page says so instead of offering a form that can
	// only be refused.
	Closed bool
}

// registrationOpen reports whether members may still register agenda
// items for the session: while it is planned or convened and not
// cancelled.
func registrationOpen(se model.Session) bool {
	return (se.Status == model.StatusPlanned || se.Status == model.StatusConvened) && !se.Cancelled()
}

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.RegisterItem, "")
	if !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	s.renderRegister(w, r, http.StatusOK, se, u, url.Values{}, nil)
}

// fieldProblem is a reason a form was refused and the id of the field it
// concerns ("" for the form as a whole).
type fieldProblem struct {
	Field, Reason string
}

func (s *Server) renderRegister(w http.ResponseWriter, r *http.Request, status int, se model.Session, u *model.User, form url.Values, problems []fieldProblem) {
	ctx := r.Context()
	members, err := s.votingMembers(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	conferences, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	member := u.MemberAbbrev
	if u.Role == model.RoleSecretariat {
		member = "" // the secretariat registers for any member
	}
	d := registerData{Session: se, Members: members, Member: member, Conferences: conferences, Goals: model.Goals, Form: form, Problems: problems,
		Invalid: map[string]string{}, Late: !se.RegistrationDeadline.IsZero() && se.RegistrationDeadline.Before(today()), Closed: !registrationOpen(se) && len(form) == 0}
	for _, p := range problems {
		if p.Field != "" {
			d.Invalid[p.Field] = strings.TrimSpace(d.Invalid[p.Field] + " " + p.Reason)
		}
	}
	s.render(w, r, status, "register.html", view{Title: "TOP anmelden – " + se.Title(), Active: "sitzungen", Data: d})
}

func (s *Server) registerItem(w http.ResponseWriter, r *http.Request) {
	u, _, se, ok := s.sessionAction(w, r, auth.RegisterItem)
	if !ok {
		return
	}
	ctx := r.Context()
	f := r.PostForm
	member := u.MemberAbbrev
	if u.Role == model.RoleSecretariat {
		member = f.Get("mitglied")
	}
	if !auth.Can(u, auth.RegisterItem, member) || member == "" {
		s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Keine Berechtigung", Data: "Sie können Tagesordnungspunkte nur für Ihr eigenes Mitglied anmelden."})
		return
	}
	var problems []fieldProblem
	refuse := func(field, reason string) { problems = append(problems, fieldProblem{field, reason}) }
	if !registrationOpen(se) {
		refuse("", "Für diese Sitzung können keine Tagesordnungspunkte mehr angemeldet werden.")
	}
	title := strings.TrimSpace(f.Get("titel"))
	if title == "" {
		refuse("titel", "Bitte einen Titel angeben.")
	}
	goal := model.Goal(f.Get("ziel"))
	if !goal.Valid() || goal == model.GoalNone {
		refuse("ziel", "Bitte das Ziel des TOP wählen.")
	}
	impact := model.Impact{Note: strings.TrimSpace(f.Get("fachmk_hinweis"))}
	switch f.Get("fachmk") {
	case "keine":
		impact.Stated = true
	case "betroffen":
		impact.Stated = true
		for _, v := range f["fachmk_ids"] {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil {
				impact.ConferenceIDs = append(impact.ConferenceIDs, id)
			}
		}
		if len(impact.ConferenceIDs) == 0 {
			refuse("fachmk", "Bitte die betroffenen Fachministerkonferenzen ankreuzen oder „keine betroffen“ wählen.")
		}
	default:
		refuse("fachmk", "Bitte angeben, ob Fachplanungen von Fachministerkonferenzen betroffen sind (GO § 4).")
	}
	proposal, err := formLines(f.Get("beschlussvorschlag"))
	if err != nil {
		refuse("beschlussvorschlag", "Bitte den Beschlussvorschlag prüfen. "+model.ReasonOf(err))
	}
	markedTitle, err := model.ConfidentialMarks(title)
	if err != nil {
		refuse("titel", "Bitte den Titel prüfen. "+model.ReasonOf(err))
	}
	points, err := formLines(f.Get("punkte"))
	if err != nil {
		refuse("punkte", "Bitte die Unterpunkte prüfen. "+model.ReasonOf(err))
	}
	if goal == model.GoalDecision && len(proposal) == 0 {
		refuse("beschlussvorschlag", "Für einen TOP mit dem Ziel Beschluss bitte den Beschlussvorschlag eintragen.")
	}
	applicants := s.memberList(ctx, f.Get("antrag"))
	if len(applicants) == 0 {
		applicants = []string{member}
	}
	if len(proposal) > 0 {
		if err := s.checkApplicants(r, applicants); err != nil {
			if model.ClassOf(err) == model.ErrInternal {
				s.serverError(w, r, err)
				return
			}
			refuse("antrag", model.ReasonOf(err))
		}
	}
	reporters := s.memberList(ctx, f.Get("berichterstattung"))
	if len(reporters) == 0 {
		reporters = []string{member}
	}
	// A member registers for itself: it cannot put an item on other
	// members alone (the reporting members fill in the decision profile).
	if u.Role != model.RoleSecretariat {
		if !slices.Contains(applicants, member) {
			refuse("antrag", fmt.Sprintf("Ihr eigenes Mitglied (%s) muss unter den Antragstellenden stehen.", member))
		}
		if !slices.Contains(reporters, member) {
			refuse("berichterstattung", fmt.Sprintf("Ihr eigenes Mitglied (%s) muss zur Berichterstattung gehören.", member))
		}
	}
	if len(problems) > 0 {
		s.renderRegister(w, r, http.StatusUnprocessableEntity, se, u, f, problems)
		return
	}
	now := time.Now()
	it := model.AgendaItem{SessionID: se.ID, Title: markedTitle, Points: points, Goal: goal,
		Sources: splitFormList(f.Get("quelle")), Reporters: reporters, Impact: impact, Status: model.ItemRegistered,
		RegisteredBy: member, RegisteredAt: now, Late: !se.RegistrationDeadline.IsZero() && se.RegistrationDeadline.Before(model.BerlinDate(now)),
		Position: 1000, Flags: model.ItemFlags{Decision: goal == model.GoalDecision}}
	var draft *model.Decision
	if len(proposal) > 0 {
		council, err := s.councilBody(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		draft = &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
			Title: it.Title, Points: numberedFormPoints(proposal), Applicants: applicants}
	}
	if _, err := s.st.RegisterItem(ctx, it, draft); err != nil {
		// Refused by the store (the session closed meanwhile): the form
		// again as typed, with the reason.
		status, reason, ok := refusal(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.renderRegister(w, r, status, se, u, f, []fieldProblem{{"", reason}})
		return
	}
	notice := "Der TOP ist angemeldet. Die Geschäftsstelle entscheidet über die Aufnahme."
	if it.Late {
		notice = "Der TOP ist angemeldet – nach Anmeldeschluss; er ist als verspätet gekennzeichnet."
	}
	back(w, r, se.Path(), notice)
}
