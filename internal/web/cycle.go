package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/relevance"
	"gremium/internal/store"
)

// cycleRoutes registers the pages of the session cycle: planning, agenda
// registration and building, live minutes, minutes approval.
func (s *Server) cycleRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /anmelden", s.loginPage)
	mux.HandleFunc("POST /anmelden", s.login)
	mux.HandleFunc("POST /abmelden", s.logout)
	mux.HandleFunc("GET /sitzungen/neu", s.newSessionPage)
	mux.HandleFunc("POST /sitzungen", s.createSession)
	mux.HandleFunc("GET /sitzungen/{nr}/verwaltung", s.managePage)
	mux.HandleFunc("POST /sitzungen/{nr}/status", s.advanceSession)
	mux.HandleFunc("POST /sitzungen/{nr}/veroeffentlichen", s.publishAgenda)
	mux.HandleFunc("GET /sitzungen/{nr}/anmeldung", s.registerPage)
	mux.HandleFunc("POST /sitzungen/{nr}/anmeldung", s.registerItem)
	mux.HandleFunc("POST /tops/{id}", s.updateItem)
	mux.HandleFunc("POST /tops/{id}/entscheidung", s.decideRegistration)
	mux.HandleFunc("POST /tops/{id}/verschieben", s.moveItem)
	mux.HandleFunc("POST /sitzungen/{nr}/dokumente", s.uploadDocument)
	mux.HandleFunc("GET /dokumente/{id}", s.downloadDocument)
	mux.HandleFunc("POST /sitzungen/{nr}/kommentare", s.commentMinutes)
	mux.HandleFunc("POST /sitzungen/{nr}/genehmigen", s.approveMinutes)
	mux.HandleFunc("POST /sitzungen/{nr}/berichtigung", s.correctMinutes)
	mux.HandleFunc("GET /sitzungen/{nr}/protokoll/fassungen/{v}", s.minutesVersion)
	s.liveRoutes(mux)
}

// SetDocumentDir sets where uploaded documents are kept (normally the
// "dokumente" folder of the data directory).
func (s *Server) SetDocumentDir(dir string) { s.documentDir = dir }

// MaxDocumentSize is the largest document accepted for upload.
const MaxDocumentSize = 20 << 20

// ---- helpers ----

// sessionFromPath gives the council's session named by {nr}, answering the
// request itself if there is none.
func (s *Server) sessionFromPath(w http.ResponseWriter, r *http.Request) (model.Body, model.Session, bool) {
	ctx := r.Context()
	nr, err := strconv.Atoi(r.PathValue("nr"))
	if err != nil || nr <= 0 {
		s.notFound(w, r, "Sitzungen werden mit ihrer Nummer aufgerufen, zum Beispiel /sitzungen/47.")
		return model.Body{}, model.Session{}, false
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return model.Body{}, model.Session{}, false
	}
	se, err := s.st.SessionByNumber(ctx, council.ID, nr)
	if err != nil {
		s.fail(w, r, err, fmt.Sprintf("Die %d. Sitzung ist nicht erfasst.", nr))
		return model.Body{}, model.Session{}, false
	}
	return council, se, true
}

// sessionAction checks the right to an action, reads the form and finds the
// session named by {nr}; it answers the request itself and reports false if
// any of that fails.
func (s *Server) sessionAction(w http.ResponseWriter, r *http.Request, a auth.Action) (*model.User, model.Body, model.Session, bool) {
	u, ok := s.require(w, r, a, "")
	if !ok || !s.parseForm(w, r) {
		return nil, model.Body{}, model.Session{}, false
	}
	council, se, ok := s.sessionFromPath(w, r)
	return u, council, se, ok
}

// itemFromPath gives the agenda item named by {id} and its session.
func (s *Server) itemFromPath(w http.ResponseWriter, r *http.Request) (model.AgendaItem, model.Session, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Diesen Tagesordnungspunkt gibt es nicht.")
		return model.AgendaItem{}, model.Session{}, false
	}
	it, err := s.st.Item(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Diesen Tagesordnungspunkt gibt es nicht.")
		return model.AgendaItem{}, model.Session{}, false
	}
	se, err := s.st.Session(r.Context(), it.SessionID)
	if err != nil {
		s.serverError(w, r, err)
		return model.AgendaItem{}, model.Session{}, false
	}
	return it, se, true
}

// parseForm reads a urlencoded form of bounded size.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, "Das Formular konnte nicht gelesen werden (zu groß oder fehlerhaft).")
		return false
	}
	return true
}

// back redirects after a successful POST (303), with a notice.
func back(w http.ResponseWriter, r *http.Request, to, notice string) {
	if notice != "" {
		sep := "?"
		if strings.Contains(to, "?") {
			sep = "&"
		}
		anchor := ""
		if i := strings.Index(to, "#"); i >= 0 {
			to, anchor = to[:i], to[i:]
		}
		to += sep + "hinweis=" + url.QueryEscape(notice) + anchor
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// lines splits a textarea into non-empty trimmed lines, turning [[…]] into
// confidential passages.
func formLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, confidentialMarks(l))
		}
	}
	return out
}

// confidentialMarks turns the typed form [[…]] into redaction marks.
func confidentialMarks(s string) string {
	return strings.NewReplacer("[[", model.RedactOpen, "]]", model.RedactClose).Replace(strings.TrimSpace(s))
}

// editableMarks turns redaction marks back into [[…]] for a form field.
func editableMarks(s string) string {
	return strings.NewReplacer(model.RedactOpen, "[[", model.RedactClose, "]]").Replace(s)
}

func formVersion(r *http.Request) int {
	v, _ := strconv.Atoi(r.PostFormValue("version"))
	return v
}

func today() model.Date { return model.DateOf(time.Now()) }

// ---- planning a session ----

type newSessionData struct {
	Session model.Session
	Members []model.Member
	Error   string
}

func (s *Server) votingMembers(r *http.Request) ([]model.Member, error) {
	all, err := s.st.Members(r.Context())
	if err != nil {
		return nil, err
	}
	var out []model.Member
	for _, m := range all {
		if m.Kind.Votes() {
			out = append(out, m)
		}
	}
	return out, nil
}

func (s *Server) newSessionPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return
	}
	council, err := s.councilBody(r.Context())
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	sessions, err := s.st.Sessions(r.Context(), council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	next := 1
	if len(sessions) > 0 {
		next = sessions[0].Number + 1
	}
	members, err := s.votingMembers(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "session_new.html", view{Title: "Neue Sitzung", Active: "sitzungen",
		Data: newSessionData{Session: model.Session{Number: next, StartTime: "09:00", EndTime: "13:00"}, Members: members}})
}

func (s *Server) createSession(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	members, err := s.votingMembers(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	se := model.Session{BodyID: council.ID, Status: model.StatusPlanned, StartTime: r.PostFormValue("beginn"), EndTime: r.PostFormValue("ende"),
		Place: strings.TrimSpace(r.PostFormValue("ort")), Chair: r.PostFormValue("vorsitz")}
	var problems []string
	if se.Number, err = strconv.Atoi(r.PostFormValue("nummer")); err != nil || se.Number <= 0 {
		problems = append(problems, "Die Nummer der Sitzung muss eine positive Zahl sein.")
	}
	if se.Date, err = model.ParseDate(r.PostFormValue("datum")); err != nil || se.Date.IsZero() {
		problems = append(problems, "Bitte ein gültiges Datum angeben (TT.MM.JJJJ).")
	}
	if se.RegistrationDeadline, err = model.ParseDate(r.PostFormValue("anmeldeschluss")); err != nil {
		problems = append(problems, "Der Anmeldeschluss ist kein gültiges Datum.")
	}
	if err := se.Validate(); err != nil && len(problems) == 0 {
		problems = append(problems, "Beginn und Ende bitte als HH:MM angeben.")
	}
	if len(problems) == 0 {
		if _, err := s.st.SessionByNumber(ctx, council.ID, se.Number); err == nil {
			problems = append(problems, fmt.Sprintf("Die %d. Sitzung gibt es bereits.", se.Number))
		}
	}
	if len(problems) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "session_new.html", view{Title: "Neue Sitzung", Active: "sitzungen",
			Data: newSessionData{Session: se, Members: members, Error: strings.Join(problems, " ")}})
		return
	}
	id, err := s.st.CreateSession(ctx, se)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	if err := s.standardItems(r, council, id, se.Number); err != nil {
		s.serverError(w, r, err)
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/verwaltung", se.Number), fmt.Sprintf("Die %d. Sitzung ist angelegt.", se.Number))
}

// standardItems puts the items every agenda carries on a new session: the
// welcome with the approval of the last minutes, and "Reporting FachMK"
// (concept section 2.1).
func (s *Server) standardItems(r *http.Request, council model.Body, sessionID int64, number int) error {
	ctx := r.Context()
	sections, err := s.st.Sections(ctx, council.ID)
	if err != nil {
		return err
	}
	sec := func(name string) int64 {
		for _, x := range sections {
			if x.Name == name {
				return x.ID
			}
		}
		return 0
	}
	welcome := []string{"Begrüßung durch den Vorsitz des IT-Planungsrats", "Feststellung der Beschlussfähigkeit"}
	if number > 1 {
		welcome = append(welcome, fmt.Sprintf("Bestätigung des Protokolls der %d. Sitzung", number-1))
	}
	welcome = append(welcome, "Feststellung der finalen Tagesordnung", "Beschluss über den Vorschlag der Grünen Liste")
	if _, err := s.st.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, SectionID: sec("Begrüßung"), Number: "00", Title: "Begrüßung",
		Points: welcome, Position: 1, Status: model.ItemAccepted}); err != nil {
		return err
	}
	_, err = s.st.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, SectionID: sec("Übergreifendes"), Title: model.ReportingFachMKTitle,
		Goal: model.GoalReport, Position: 2, Status: model.ItemAccepted})
	return err
}

// ---- the secretariat's page of a session ----

type manageData struct {
	Session       model.Session
	Next          model.SessionStatus
	NextLabel     string
	Registrations []model.AgendaItem
	Declined      []model.AgendaItem
	Items         []model.AgendaItem
	Sections      []model.Section
	Members       map[string]model.Member
	Conferences   map[int64]model.Body
	Documents     []store.Document
	Comments      []store.Comment
	ToApprove     []model.Session
	Versions      []store.MinutesVersion
	Notice        string
	// Proposals are the FachMK gremium proposes for each item, by item id.
	Proposals map[int64][]relevance.Proposal
}

// nextStep gives the next status of a session and the button's label.
func nextStep(st model.SessionStatus) (model.SessionStatus, string) {
	switch st {
	case model.StatusPlanned:
		return model.StatusConvened, "Sitzung einberufen"
	case model.StatusConvened:
		return model.StatusRunning, "Sitzung eröffnen"
	case model.StatusRunning:
		return model.StatusEnded, "Sitzung beenden"
	case model.StatusEnded:
		return model.StatusMinutesDraft, "Protokollentwurf erstellen und an die Mitglieder verteilen"
	}
	return "", ""
}

func (s *Server) managePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return
	}
	council, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	d := manageData{Session: se, Notice: r.URL.Query().Get("hinweis"), Conferences: map[int64]model.Body{}}
	d.Next, d.NextLabel = nextStep(se.Status)
	items, err := s.st.Items(ctx, se.ID)
	if err == nil {
		for _, it := range items {
			switch it.Status {
			case model.ItemRegistered:
				d.Registrations = append(d.Registrations, it)
			case model.ItemDeclined:
				d.Declined = append(d.Declined, it)
			default:
				d.Items = append(d.Items, it)
			}
		}
		d.Sections, err = s.st.Sections(ctx, council.ID)
	}
	if err == nil {
		d.Members, err = s.memberMap(ctx)
	}
	if err == nil {
		var confs []model.Body
		confs, err = s.st.Bodies(ctx, model.BodyFachMK)
		for _, c := range confs {
			d.Conferences[c.ID] = c
		}
	}
	if err == nil {
		var engine *relevance.Engine
		if engine, _, err = s.relevanceEngine(r); err == nil {
			d.Proposals = map[int64][]relevance.Proposal{}
			for _, it := range append(append([]model.AgendaItem{}, d.Registrations...), d.Items...) {
				d.Proposals[it.ID] = engine.Propose(itemText(it))
			}
		}
	}
	if err == nil {
		d.Documents, err = s.st.Documents(ctx, se.ID)
	}
	if err == nil {
		d.Comments, err = s.st.Comments(ctx, se.ID)
	}
	if err == nil {
		d.Versions, err = s.st.MinutesVersions(ctx, se.ID)
	}
	if err == nil && se.Status == model.StatusRunning {
		var all []model.Session
		all, err = s.st.Sessions(ctx, council.ID)
		for _, o := range all {
			if o.Number < se.Number && o.Status == model.StatusMinutesDraft {
				d.ToApprove = append(d.ToApprove, o)
			}
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "manage.html", view{Title: se.Title() + " – Verwaltung", Active: "sitzungen", Data: d})
}

func (s *Server) advanceSession(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	next := model.SessionStatus(r.PostFormValue("naechster"))
	if want, _ := nextStep(se.Status); next != want || want == "" {
		// Approval is no status step: the next session approves minutes.
		s.badRequest(w, r, "Dieser Statuswechsel ist hier nicht möglich. Ein Protokoll wird in der folgenden Sitzung genehmigt.")
		return
	}
	if next == model.StatusMinutesDraft {
		// The draft carries the date it was made as its "Stand".
		se.MinutesStand = today()
		if err := s.st.UpdateSession(ctx, se); err != nil {
			s.fail(w, r, err, "")
			return
		}
		se.Version++
	}
	if err := s.st.SetSessionStatus(ctx, se.ID, formVersion(r), next); err != nil {
		if next == model.StatusMinutesDraft && errors.Is(err, store.ErrConflict) {
			err = s.st.SetSessionStatus(ctx, se.ID, se.Version, next)
		}
		if err != nil {
			s.fail(w, r, err, "")
			return
		}
	}
	s.changed(r, se.ID)
	back(w, r, fmt.Sprintf("/sitzungen/%d/verwaltung", se.Number), "Status: "+next.Label())
}

func (s *Server) publishAgenda(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	se.AgendaPublished = true
	se.Version = formVersion(r)
	if err := s.st.UpdateSession(r.Context(), se); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, se.ID)
	back(w, r, fmt.Sprintf("/sitzungen/%d/verwaltung", se.Number), "Die Tagesordnung ist veröffentlicht.")
}

// ---- agenda registration by members ----

type registerData struct {
	Session     model.Session
	Members     []model.Member
	Member      string // the member registering
	Conferences []model.Body
	Goals       []model.Goal
	Form        url.Values
	Error       string
	Late        bool
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
	s.renderRegister(w, r, http.StatusOK, se, u, url.Values{}, "")
}

func (s *Server) renderRegister(w http.ResponseWriter, r *http.Request, status int, se model.Session, u *model.User, form url.Values, msg string) {
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
	d := registerData{Session: se, Members: members, Member: member, Conferences: conferences, Goals: model.Goals, Form: form, Error: msg,
		Late: !se.RegistrationDeadline.IsZero() && se.RegistrationDeadline.Before(today())}
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
	var problems []string
	if se.Status != model.StatusPlanned && se.Status != model.StatusConvened {
		problems = append(problems, "Für diese Sitzung können keine Tagesordnungspunkte mehr angemeldet werden.")
	}
	title := strings.TrimSpace(f.Get("titel"))
	if title == "" {
		problems = append(problems, "Bitte einen Titel angeben.")
	}
	goal := model.Goal(f.Get("ziel"))
	if !goal.Valid() || goal == model.GoalNone {
		problems = append(problems, "Bitte das Ziel des TOP wählen.")
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
			problems = append(problems, "Bitte die betroffenen Fachministerkonferenzen ankreuzen oder „keine betroffen“ wählen.")
		}
	default:
		problems = append(problems, "Bitte angeben, ob Fachplanungen von Fachministerkonferenzen betroffen sind (GO § 4).")
	}
	proposal := formLines(f.Get("beschlussvorschlag"))
	if goal == model.GoalDecision && len(proposal) == 0 {
		problems = append(problems, "Für einen TOP mit dem Ziel Beschluss bitte den Beschlussvorschlag eintragen.")
	}
	applicants := splitFormList(f.Get("antrag"))
	if len(applicants) == 0 {
		applicants = []string{member}
	}
	if len(proposal) > 0 {
		if err := s.checkApplicants(r, applicants); err != nil {
			if model.ClassOf(err) == model.ErrInternal {
				s.serverError(w, r, err)
				return
			}
			problems = append(problems, model.ReasonOf(err))
		}
	}
	if len(problems) > 0 {
		s.renderRegister(w, r, http.StatusUnprocessableEntity, se, u, f, strings.Join(problems, " "))
		return
	}
	reporters := splitFormList(f.Get("berichterstattung"))
	if len(reporters) == 0 {
		reporters = []string{member}
	}
	now := time.Now()
	it := model.AgendaItem{SessionID: se.ID, Title: confidentialMarks(title), Points: formLines(f.Get("punkte")), Goal: goal,
		Sources: splitFormList(f.Get("quelle")), Reporters: reporters, Impact: impact, Status: model.ItemRegistered,
		RegisteredBy: member, RegisteredAt: now, Late: !se.RegistrationDeadline.IsZero() && se.RegistrationDeadline.Before(model.DateOf(now)),
		Position: 1000, Flags: model.ItemFlags{Decision: goal == model.GoalDecision}}
	itemID, err := s.st.CreateItem(ctx, it)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	if len(proposal) > 0 {
		council, _ := s.councilBody(ctx)
		if _, err := s.st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: se.ID, ItemID: itemID,
			Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Title: it.Title, Points: numberedFormPoints(proposal), Position: 1,
			Applicants: applicants}); err != nil {
			s.fail(w, r, err, "")
			return
		}
	}
	notice := "Der TOP ist angemeldet. Die Geschäftsstelle entscheidet über die Aufnahme."
	if it.Late {
		notice = "Der TOP ist angemeldet – nach Anmeldeschluss; er ist als verspätet gekennzeichnet."
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d", se.Number), notice)
}

func splitFormList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// numberedFormPoints turns textarea lines into decision points; "1. …"
// keeps its number, other lines are numbered in order when there are
// several.
func numberedFormPoints(lines []string) []model.Point {
	var out []model.Point
	for i, l := range lines {
		if n := leadingNumber(l); n > 0 {
			out = append(out, model.Point{Label: fmt.Sprintf("%d.", n), Text: strings.TrimSpace(l[strings.Index(l, ".")+1:])})
			continue
		}
		p := model.Point{Text: l}
		if len(lines) > 1 {
			p.Label = fmt.Sprintf("%d.", i+1)
		}
		out = append(out, p)
	}
	return out
}

func leadingNumber(s string) int {
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != '.' || i+1 >= len(s) || s[i+1] != ' ' {
		return 0
	}
	n, _ := strconv.Atoi(s[:i])
	return n
}

// ---- building the agenda ----

func (s *Server) decideRegistration(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	it, se, ok := s.itemFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	it.Version = formVersion(r)
	switch r.PostFormValue("entscheidung") {
	case "annehmen":
		items, err := s.st.Items(ctx, se.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		last := 0
		for _, o := range items {
			if o.Status == model.ItemAccepted && o.Position > last {
				last = o.Position
			}
		}
		it.Status, it.Position = model.ItemAccepted, last+1
	case "ablehnen":
		it.Status = model.ItemDeclined
	default:
		s.badRequest(w, r, "Bitte „annehmen“ oder „ablehnen“ wählen.")
		return
	}
	if err := s.st.UpdateItem(ctx, it); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/verwaltung#tagesordnung", se.Number), "„"+it.Title+"“: "+it.Status.Label())
}

func (s *Server) updateItem(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	it, se, ok := s.itemFromPath(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	it.Version = formVersion(r)
	it.Number = strings.TrimSpace(f.Get("nummer"))
	if t := strings.TrimSpace(f.Get("titel")); t != "" {
		it.Title = confidentialMarks(t)
	}
	if id, err := strconv.ParseInt(f.Get("abschnitt"), 10, 64); err == nil {
		it.SectionID = id
	}
	it.Consent = f.Get("gruene_liste") == "1"
	if err := s.st.UpdateItem(r.Context(), it); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, se.ID)
	back(w, r, fmt.Sprintf("/sitzungen/%d/verwaltung#top-%d", se.Number, it.ID), "Gespeichert.")
}

func (s *Server) moveItem(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	it, se, ok := s.itemFromPath(w, r)
	if !ok {
		return
	}
	delta := 1
	if r.PostFormValue("richtung") == "hoch" {
		delta = -1
	}
	if err := s.st.MoveItem(r.Context(), it.ID, delta); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, se.ID)
	to := fmt.Sprintf("/sitzungen/%d/verwaltung#top-%d", se.Number, it.ID)
	if r.PostFormValue("zurueck") == "live" {
		to = fmt.Sprintf("/sitzungen/%d/live", se.Number)
	}
	back(w, r, to, fmt.Sprintf("„%s“ wurde verschoben.", it.Title))
}

// ---- documents ----

// documentKind checks an upload by its first bytes and its name: PDF and
// DOCX are accepted.
func documentKind(name string, head []byte) (string, bool) {
	lower := strings.ToLower(name)
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")) && strings.HasSuffix(lower, ".pdf"):
		return "application/pdf", true
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) && strings.HasSuffix(lower, ".docx"):
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true
	}
	return "", false
}

func (s *Server) uploadDocument(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.UploadDocument, "")
	if !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxDocumentSize+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		s.badRequest(w, r, fmt.Sprintf("Die Datei ist zu groß (höchstens %d MB) oder das Formular fehlerhaft.", MaxDocumentSize>>20))
		return
	}
	file, header, err := r.FormFile("datei")
	if err != nil {
		s.badRequest(w, r, "Bitte eine Datei auswählen.")
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, MaxDocumentSize+1))
	if err != nil || len(data) > MaxDocumentSize {
		s.badRequest(w, r, fmt.Sprintf("Die Datei ist zu groß (höchstens %d MB).", MaxDocumentSize>>20))
		return
	}
	ctype, ok := documentKind(header.Filename, data)
	if !ok {
		s.badRequest(w, r, "Es können nur PDF- und DOCX-Dateien hochgeladen werden.")
		return
	}
	if s.documentDir == "" {
		s.serverError(w, r, errors.New("web: no document directory configured"))
		return
	}
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:])
	if err := os.MkdirAll(s.documentDir, 0o750); err != nil {
		s.serverError(w, r, err)
		return
	}
	path := filepath.Join(s.documentDir, name)
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, data, 0o640); err != nil {
			s.serverError(w, r, err)
			return
		}
		if err := os.Rename(tmp, path); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	itemID, _ := strconv.ParseInt(r.FormValue("top"), 10, 64)
	if _, err := s.st.CreateDocument(r.Context(), store.Document{SessionID: se.ID, ItemID: itemID,
		Filename: filepath.Base(header.Filename), ContentType: ctype, Size: int64(len(data)), SHA256: name, UploadedBy: u.Name}); err != nil {
		s.fail(w, r, err, "")
		return
	}
	to := fmt.Sprintf("/sitzungen/%d", se.Number)
	if auth.Can(u, auth.ManageSessions, "") {
		to += "/verwaltung#dokumente"
	}
	back(w, r, to, "„"+filepath.Base(header.Filename)+"“ ist hochgeladen.")
}

func (s *Server) downloadDocument(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Dieses Dokument gibt es nicht.")
		return
	}
	d, err := s.st.Document(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Dieses Dokument gibt es nicht.")
		return
	}
	f, err := os.Open(filepath.Join(s.documentDir, d.SHA256))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", d.Filename))
	http.ServeContent(w, r, "", d.Created, f)
}

// ---- draft minutes: comments, approval, corrections ----

func (s *Server) commentMinutes(w http.ResponseWriter, r *http.Request) {
	u, _, se, ok := s.sessionAction(w, r, auth.CommentMinutes)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.PostFormValue("kommentar"))
	if text == "" {
		s.badRequest(w, r, "Bitte einen Kommentar eingeben.")
		return
	}
	if _, err := s.st.CreateComment(r.Context(), store.Comment{SessionID: se.ID, Author: u.Name, Member: u.MemberAbbrev, Text: text}); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d#kommentare", se.Number), "Ihr Kommentar zum Protokollentwurf ist gespeichert.")
}

// internalText exports a session's minutes (internal version) as text, the
// form kept for approved versions.
func (s *Server) internalText(r *http.Request, sessionID int64) (string, error) {
	doc, err := minutes.Load(r.Context(), s.st, sessionID, model.Internal)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := minutes.Export(&buf, doc); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func (s *Server) approveMinutes(w http.ResponseWriter, r *http.Request) {
	_, council, se, ok := s.sessionAction(w, r, auth.ApproveMinutes)
	if !ok {
		return
	}
	ctx := r.Context()
	n, err := strconv.Atoi(r.PostFormValue("protokoll"))
	if err != nil {
		s.badRequest(w, r, "Bitte das zu genehmigende Protokoll wählen.")
		return
	}
	old, err := s.st.SessionByNumber(ctx, council.ID, n)
	if err != nil {
		s.fail(w, r, err, fmt.Sprintf("Die %d. Sitzung ist nicht erfasst.", n))
		return
	}
	text, err := s.internalText(r, old.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.st.ApproveMinutes(ctx, old.ID, se.Number, text); err != nil {
		s.fail(w, r, err, "")
		return
	}
	s.changed(r, old.ID)
	back(w, r, fmt.Sprintf("/sitzungen/%d/verwaltung", se.Number), fmt.Sprintf("Das Protokoll der %d. Sitzung ist genehmigt und damit unveränderlich.", n))
}

func (s *Server) correctMinutes(w http.ResponseWriter, r *http.Request) {
	_, _, se, ok := s.sessionAction(w, r, auth.ManageSessions)
	if !ok {
		return
	}
	note := strings.TrimSpace(r.PostFormValue("anlass"))
	text := r.PostFormValue("text")
	if note == "" || strings.TrimSpace(text) == "" {
		s.badRequest(w, r, "Eine Berichtigung braucht einen Anlass und den berichtigten Text.")
		return
	}
	if _, _, err := minutes.Parse(strings.NewReader(text), minutes.Options{}); err != nil {
		s.badRequest(w, r, "Der berichtigte Text kann nicht gelesen werden.")
		return
	}
	v, err := s.st.CorrectMinutes(r.Context(), se.ID, today(), note, text)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/verwaltung#fassungen", se.Number), fmt.Sprintf("Fassung %d ist angelegt; die genehmigte Fassung bleibt erhalten.", v))
}

func (s *Server) minutesVersion(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return
	}
	v, _ := strconv.Atoi(r.PathValue("v"))
	versions, err := s.st.MinutesVersions(r.Context(), se.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, mv := range versions {
		if mv.Version == v {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, mv.Text)
			return
		}
	}
	s.notFound(w, r, "Diese Fassung gibt es nicht.")
}

// checkApplicants checks a decision proposal's applicants (the Bund or three
// Länder) and gives the reason in German.
func (s *Server) checkApplicants(r *http.Request, applicants []string) error {
	all, err := s.st.Members(r.Context())
	if err != nil {
		return err
	}
	kinds := map[string]model.MemberKind{}
	for _, m := range all {
		kinds[m.Abbrev] = m.Kind
	}
	return model.CheckApplication(applicants, kinds)
}
