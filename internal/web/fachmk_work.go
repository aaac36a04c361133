package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/ical"
	"gremium/internal/model"
	"gremium/internal/relevance"
	"gremium/internal/report"
	"gremium/internal/store"
)

func (s *Server) fachmkRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /steckbrief/{id}", s.profilePage)
	mux.HandleFunc("POST /steckbrief/{id}", s.saveProfile)
	mux.HandleFunc("GET /sitzungen/{nr}/nachbesprechung", s.debriefPage)
	mux.HandleFunc("POST /sitzungen/{nr}/nachbesprechung", s.saveDebrief)
	mux.HandleFunc("POST /sitzungen/{nr}/nachbesprechung/versenden", s.sendDebrief)
	mux.HandleFunc("GET /sitzungen/{nr}/nachbesprechung.pdf", s.debriefPDF)
	mux.HandleFunc("POST /fachmk/{abbrev}/sprecher", s.assignSpokesperson)
	mux.HandleFunc("POST /sprecher/{id}/ruecktritt", s.resignSpokesperson)
	mux.HandleFunc("GET /fachmk/sprecher.csv", s.spokespersonsCSV)
	mux.HandleFunc("GET /fachmk/sprecher.pdf", s.spokespersonsPDF)
	mux.HandleFunc("POST /fachmk/{abbrev}/termine", s.addConferenceDate)
	mux.HandleFunc("POST /fachmk/termine/import", s.importConferenceDates)
	mux.HandleFunc("GET /fachmk/termine.ics", s.calendarFeed)
	mux.HandleFunc("GET /fachmk/{abbrev}/termine.ics", s.calendarFeed)
	mux.HandleFunc("POST /fachmk/{abbrev}", s.editConference)
	mux.HandleFunc("POST /fachmk/{abbrev}/kontakte", s.addContact)
	mux.HandleFunc("GET /mein-bereich", s.myPage)
}

// relevanceEngine compiles the FachMK topic profiles.
func (s *Server) relevanceEngine(r *http.Request) (*relevance.Engine, []model.Body, error) {
	bodies, err := s.st.Bodies(r.Context(), model.BodyFachMK)
	if err != nil {
		return nil, nil, err
	}
	var profiles []relevance.Profile
	for _, b := range bodies {
		profiles = append(profiles, relevance.Profile{ConferenceID: b.ID, Abbrev: b.Abbrev, Name: b.Name, Terms: b.Terms})
	}
	return relevance.New(profiles), bodies, nil
}

// itemText is the text of an item that relevance looks at.
func itemText(it model.AgendaItem) string {
	return model.InternalText(it.Title + ". " + strings.Join(it.Points, ". "))
}

func decisionText(d model.Decision) string {
	var b strings.Builder
	b.WriteString(d.Title + ". ")
	for _, p := range d.Points {
		b.WriteString(p.Text + " ")
	}
	return model.InternalText(b.String())
}

// ---- decision profile (Beschluss-Steckbrief) ----

type profileData struct {
	Decision    model.Decision
	Item        model.AgendaItem
	HasItem     bool
	Session     model.Session
	Proposals   []relevance.Proposal
	Proposed    map[int64]relevance.Proposal
	Conferences []model.Body
	Assessed    map[int64]model.Assessment
	Stated      map[int64]bool // the registering member's impact statement
	CanEdit     bool
	Notice      string
}

// canAssess reports whether the user may fill in the decision profile: the
// secretariat, or a member among the item's reporting members.
func canAssess(u *model.User, it model.AgendaItem) bool {
	if auth.Can(u, auth.ManageSessions, "") {
		return true
	}
	if u == nil || u.Role != model.RoleMember {
		return false
	}
	for _, r := range it.Reporters {
		if r == u.MemberAbbrev {
			return true
		}
	}
	return false
}

func (s *Server) loadProfile(w http.ResponseWriter, r *http.Request) (profileData, bool) {
	ctx := r.Context()
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	d, err := s.st.Decision(ctx, id)
	if err != nil {
		s.fail(w, r, err, "Diesen Beschluss gibt es nicht.")
		return profileData{}, false
	}
	p := profileData{Decision: d, Assessed: map[int64]model.Assessment{}, Stated: map[int64]bool{}, Proposed: map[int64]relevance.Proposal{}, Notice: r.URL.Query().Get("hinweis")}
	text := decisionText(d)
	if d.ItemID != 0 {
		if p.Item, err = s.st.Item(ctx, d.ItemID); err == nil {
			p.HasItem = true
			text = itemText(p.Item) + " " + text
			for _, c := range p.Item.Impact.ConferenceIDs {
				p.Stated[c] = true
			}
		}
	}
	if d.SessionID != 0 {
		p.Session, _ = s.st.Session(ctx, d.SessionID)
	}
	engine, bodies, err := s.relevanceEngine(r)
	if err != nil {
		s.serverError(w, r, err)
		return p, false
	}
	p.Conferences = bodies
	p.Proposals = engine.Propose(text)
	for _, pr := range p.Proposals {
		p.Proposed[pr.ConferenceID] = pr
	}
	as, err := s.st.Assessments(ctx, d.ID)
	if err != nil {
		s.serverError(w, r, err)
		return p, false
	}
	for _, a := range as {
		p.Assessed[a.ConferenceID] = a
	}
	p.CanEdit = canAssess(s.user(r), p.Item)
	return p, true
}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	p, ok := s.loadProfile(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "profile.html", view{Title: "Beschluss-Steckbrief: " + p.Decision.DisplayTitle(), Active: "beschluesse", Data: p})
}

func (s *Server) saveProfile(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	p, ok := s.loadProfile(w, r)
	if !ok {
		return
	}
	if !p.CanEdit {
		s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Keine Berechtigung", Data: "Den Beschluss-Steckbrief füllt die berichterstattende Stelle oder die Geschäftsstelle aus."})
		return
	}
	var lines []model.Assessment
	for _, c := range p.Conferences {
		switch r.PostFormValue(fmt.Sprintf("relevant_%d", c.ID)) {
		case "ja", "nein":
			lines = append(lines, model.Assessment{ConferenceID: c.ID, Relevant: r.PostFormValue(fmt.Sprintf("relevant_%d", c.ID)) == "ja",
				Reason: strings.TrimSpace(r.PostFormValue(fmt.Sprintf("grund_%d", c.ID))), AssessedBy: u.Name})
		}
	}
	for _, l := range lines {
		if l.Relevant && l.Reason == "" {
			s.badRequest(w, r, "Bitte für jede als relevant markierte Fachministerkonferenz kurz begründen.")
			return
		}
	}
	if err := s.st.SaveAssessments(r.Context(), p.Decision.ID, lines); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, fmt.Sprintf("/steckbrief/%d", p.Decision.ID), "Der Beschluss-Steckbrief ist gespeichert.")
}

// ---- debrief (Nachbesprechung) ----

type debriefEntry struct {
	model.DebriefEntry
	Decision   model.Decision
	Conference model.Body
	Include    bool
}

type debriefGroup struct {
	Conference model.Body
	Entries    []debriefEntry
	Contacts   []model.Contact
}

type debriefData struct {
	Session  model.Session
	Debrief  model.Debrief
	Saved    bool
	Entries  []debriefEntry
	Groups   []debriefGroup
	Invitees []string
	Notice   string
}

// assembleDebrief builds the debrief pack of a session: the stored one, or
// a proposal from the decision profiles (relevant = yes) and, for decisions
// without profile, the registering member's impact statement.
func (s *Server) assembleDebrief(r *http.Request, se model.Session) (debriefData, error) {
	ctx := r.Context()
	d := debriefData{Session: se, Notice: r.URL.Query().Get("hinweis")}
	bodies, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return d, err
	}
	byID := map[int64]model.Body{}
	for _, b := range bodies {
		byID[b.ID] = b
	}
	decisions, err := s.st.Decisions(ctx, store.DecisionFilter{SessionID: se.ID, Status: model.DecisionAdopted})
	if err != nil {
		return d, err
	}
	decByID := map[int64]model.Decision{}
	for _, dec := range decisions {
		decByID[dec.ID] = dec
	}
	if saved, err := s.st.DebriefOfSession(ctx, se.ID); err == nil {
		d.Debrief, d.Saved = saved, true
		for _, e := range saved.Entries {
			d.Entries = append(d.Entries, debriefEntry{DebriefEntry: e, Decision: decByID[e.DecisionID], Conference: byID[e.ConferenceID], Include: true})
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return d, err
	} else {
		for _, dec := range decisions {
			presenter := ""
			var stated []int64
			if dec.ItemID != 0 {
				if it, err := s.st.Item(ctx, dec.ItemID); err == nil {
					presenter = it.RegisteredBy
					if presenter == "" && len(it.Reporters) > 0 {
						presenter = it.Reporters[0]
					}
					stated = it.Impact.ConferenceIDs
				}
			}
			as, err := s.st.Assessments(ctx, dec.ID)
			if err != nil {
				return d, err
			}
			var confs []int64
			if len(as) > 0 {
				for _, a := range as {
					if a.Relevant {
						confs = append(confs, a.ConferenceID)
					}
				}
			} else {
				confs = stated
			}
			for _, c := range confs {
				d.Entries = append(d.Entries, debriefEntry{DebriefEntry: model.DebriefEntry{DecisionID: dec.ID, ConferenceID: c, Presenter: presenter},
					Decision: dec, Conference: byID[c], Include: true})
			}
		}
		d.Debrief = model.Debrief{SessionID: se.ID, Place: "Videokonferenz"}
		if !se.Date.IsZero() {
			d.Debrief.HeldOn = model.DateOf(se.Date.Time().AddDate(0, 0, 14))
		}
	}
	groups := map[int64]*debriefGroup{}
	var order []int64
	for _, e := range d.Entries {
		g, ok := groups[e.ConferenceID]
		if !ok {
			g = &debriefGroup{Conference: e.Conference}
			if g.Contacts, err = s.st.Contacts(ctx, e.ConferenceID); err != nil {
				return d, err
			}
			groups[e.ConferenceID] = g
			order = append(order, e.ConferenceID)
		}
		g.Entries = append(g.Entries, e)
	}
	sort.Slice(order, func(i, j int) bool { return groups[order[i]].Conference.Name < groups[order[j]].Conference.Name })
	for _, id := range order {
		d.Groups = append(d.Groups, *groups[id])
		d.Invitees = append(d.Invitees, "Geschäftsstelle der "+groups[id].Conference.Name)
	}
	if d.Debrief.Invitation == "" {
		d.Debrief.Invitation = debriefInvitation(d)
	}
	return d, nil
}

// debriefInvitation drafts the invitation text.
func debriefInvitation(d debriefData) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Sehr geehrte Damen und Herren,\n\nzur Nachbesprechung der %d. Sitzung des IT-Planungsrats", d.Session.Number)
	if !d.Session.Date.IsZero() {
		fmt.Fprintf(&b, " vom %s", d.Session.Date.German())
	}
	b.WriteString(" laden wir die Geschäftsstellen der Fachministerkonferenzen herzlich ein")
	if !d.Debrief.HeldOn.IsZero() {
		fmt.Fprintf(&b, " am %s", d.Debrief.HeldOn.German())
	}
	if d.Debrief.Place != "" {
		fmt.Fprintf(&b, " (%s)", d.Debrief.Place)
	}
	b.WriteString(".\n\nVorgestellt werden die für Ihre Konferenz relevanten Beschlüsse, jeweils durch das einreichende Mitglied:\n")
	for _, g := range d.Groups {
		fmt.Fprintf(&b, "\n%s:\n", g.Conference.Name)
		for _, e := range g.Entries {
			fmt.Fprintf(&b, "- %s %s (Vorstellung: %s)\n", e.Decision.Label, report.Clean(e.Decision.Title), e.Presenter)
		}
	}
	b.WriteString("\nMit freundlichen Grüßen\nGeschäftsstelle des IT-Planungsrats (FITKO)")
	return b.String()
}

func (s *Server) debriefSession(w http.ResponseWriter, r *http.Request) (model.Session, bool) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return model.Session{}, false
	}
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return se, false
	}
	switch se.Status {
	case model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved:
		return se, true
	}
	s.badRequest(w, r, "Die Nachbesprechung wird nach dem Ende der Sitzung zusammengestellt.")
	return se, false
}

func (s *Server) debriefPage(w http.ResponseWriter, r *http.Request) {
	se, ok := s.debriefSession(w, r)
	if !ok {
		return
	}
	d, err := s.assembleDebrief(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "debrief.html", view{Title: "Nachbesprechung der " + se.Title(), Active: "sitzungen", Data: d})
}

// debriefForm gives the session and the assembled debrief for a posted
// debrief form, or answers the request itself (ok false).
func (s *Server) debriefForm(w http.ResponseWriter, r *http.Request) (model.Session, debriefData, bool) {
	se, ok := s.debriefSession(w, r)
	if !ok || !s.parseForm(w, r) {
		return se, debriefData{}, false
	}
	d, err := s.assembleDebrief(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return se, d, false
	}
	return se, d, true
}

func (s *Server) saveDebrief(w http.ResponseWriter, r *http.Request) {
	se, d, ok := s.debriefForm(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	var err error
	db := d.Debrief
	if db.HeldOn, err = model.ParseDate(r.PostFormValue("datum")); err != nil {
		s.badRequest(w, r, "Das Datum ist ungültig.")
		return
	}
	db.Place = strings.TrimSpace(r.PostFormValue("ort"))
	db.Invitation = r.PostFormValue("einladung")
	db.Entries = nil
	for i, e := range d.Entries {
		if r.PostFormValue(fmt.Sprintf("aufnehmen_%d", i)) != "1" {
			continue
		}
		e.Presenter = strings.TrimSpace(r.PostFormValue(fmt.Sprintf("vorstellung_%d", i)))
		db.Entries = append(db.Entries, e.DebriefEntry)
	}
	if d.Saved {
		db.Version = formVersion(r)
		err = s.st.UpdateDebrief(ctx, db)
	} else {
		_, err = s.st.CreateDebrief(ctx, db)
	}
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/nachbesprechung", se.Number), "Die Nachbesprechung ist gespeichert.")
}

func (s *Server) sendDebrief(w http.ResponseWriter, r *http.Request) {
	se, d, ok := s.debriefForm(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	if !d.Saved {
		s.badRequest(w, r, "Bitte die Nachbesprechung zuerst speichern.")
		return
	}
	var recipients []string
	for _, g := range d.Groups {
		for _, c := range g.Contacts {
			if c.Email != "" {
				recipients = append(recipients, c.Email)
			}
		}
		if len(g.Contacts) == 0 {
			recipients = append(recipients, "Geschäftsstelle "+g.Conference.Abbrev)
		}
	}
	if _, err := s.st.QueueMessage(ctx, store.Message{Kind: "einladung", Recipients: recipients,
		Subject: fmt.Sprintf("Einladung zur Nachbesprechung der %d. Sitzung des IT-Planungsrats", se.Number), Body: d.Debrief.Invitation}); err != nil {
		s.serverError(w, r, err)
		return
	}
	db := d.Debrief
	db.Sent = true
	db.Version = formVersion(r)
	if err := s.st.UpdateDebrief(ctx, db); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/nachbesprechung", se.Number), fmt.Sprintf("Die Einladung an %d Empfänger liegt im Postausgang.", len(recipients)))
}

func (s *Server) debriefPDF(w http.ResponseWriter, r *http.Request) {
	se, ok := s.debriefSession(w, r)
	if !ok {
		return
	}
	d, err := s.assembleDebrief(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	stamp := se.Date.Time()
	rep := report.New(fmt.Sprintf("Nachbesprechung der %d. Sitzung des IT-Planungsrats", se.Number), stamp)
	when := d.Debrief.HeldOn.German()
	if when == "" {
		when = "Termin offen"
	}
	rep.Paragraph("Termin: " + when + "\nOrt: " + d.Debrief.Place + "\nEingeladen: " + strings.Join(d.Invitees, ", "))
	for _, g := range d.Groups {
		rep.Heading(g.Conference.Name)
		var rows [][]string
		for _, e := range g.Entries {
			rows = append(rows, []string{e.Decision.Label, report.Clean(model.PublicText(e.Decision.Title)), e.Presenter})
		}
		rep.Table([]string{"Beschluss", "Titel", "Vorstellung durch"}, []float64{0.2, 0.6, 0.2}, rows)
	}
	rep.Heading("Einladung")
	rep.Paragraph(report.Clean(d.Debrief.Invitation))
	var buf bytes.Buffer
	if err := rep.Write(&buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="nachbesprechung-%d.pdf"`, se.Number))
	buf.WriteTo(w)
}

// conferenceAction checks the secretariat's right, reads the form and finds
// the FachMK named by {abbrev}.
func (s *Server) conferenceAction(w http.ResponseWriter, r *http.Request) (model.Body, bool) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return model.Body{}, false
	}
	b, err := s.st.BodyByAbbrev(r.Context(), r.PathValue("abbrev"))
	if err != nil || b.Kind != model.BodyFachMK {
		if err == nil {
			err = store.ErrNotFound
		}
		s.fail(w, r, err, "Diese Fachministerkonferenz ist nicht erfasst.")
		return b, false
	}
	return b, true
}

// ---- spokespersons ----

// nextRegularSession gives the number of the next IT-PLR session not yet
// held: a resignation takes effect with it.
func (s *Server) nextRegularSession(r *http.Request) (int, error) {
	council, err := s.councilBody(r.Context())
	if err != nil {
		return 0, err
	}
	last, err := s.st.LastHeldSession(r.Context(), council.ID)
	if err != nil {
		return 0, err
	}
	return last + 1, nil
}

func (s *Server) assignSpokesperson(w http.ResponseWriter, r *http.Request) {
	b, ok := s.conferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	a := model.Assignment{ConferenceID: b.ID, Member: r.PostFormValue("mitglied"), DecisionRef: strings.TrimSpace(r.PostFormValue("beschluss")), StartOn: today()}
	if n, err := strconv.Atoi(r.PostFormValue("sitzung")); err == nil {
		a.StartSession = n
	}
	if name := strings.TrimSpace(r.PostFormValue("person")); name != "" {
		p, err := s.st.PersonByName(ctx, name)
		if errors.Is(err, store.ErrNotFound) {
			var id int64
			id, err = s.st.CreatePerson(ctx, model.Person{Name: name, Function: strings.TrimSpace(r.PostFormValue("funktion")), MemberAbbrev: a.Member})
			p.ID = id
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		a.PersonID = p.ID
	}
	if _, err := s.st.CreateAssignment(ctx, a); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Die Sprecherfunktion ist vergeben.")
}

func (s *Server) resignSpokesperson(w http.ResponseWriter, r *http.Request) {
	_, ok := s.require(w, r, auth.ManageSessions, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	all, err := s.st.Assignments(ctx, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var a model.Assignment
	for _, x := range all {
		if x.ID == id {
			a = x
		}
	}
	if a.ID == 0 {
		s.notFound(w, r, "Diese Sprecherfunktion gibt es nicht.")
		return
	}
	next, err := s.nextRegularSession(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := a.AnnounceResignation(today(), next); err != nil {
		s.fail(w, r, err, "")
		return
	}
	a.Version = formVersion(r)
	if err := s.st.UpdateAssignment(ctx, a); err != nil {
		s.fail(w, r, err, "")
		return
	}
	b, _ := s.st.Body(ctx, a.ConferenceID)
	back(w, r, "/fachmk/"+b.Abbrev, fmt.Sprintf("Der Rücktritt ist angekündigt; die Funktion endet mit der %d. Sitzung.", next))
}

// overviewRows gives Tabelle 4 as rows: FachMK, Land, person, function,
// decision, status.
func (s *Server) overviewRows(r *http.Request) ([][]string, error) {
	rows, err := s.conferenceRows(r)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, c := range rows {
		if c.Vacant {
			out = append(out, []string{c.Body.Name, "", "", "", "", "vakant"})
			continue
		}
		for _, sp := range c.Spokespersons {
			out = append(out, []string{c.Body.Name, sp.MemberName, sp.Person.Name, sp.Person.Function, sp.DecisionRef, sp.Status})
		}
	}
	return out, nil
}

func (s *Server) spokespersonsCSV(w http.ResponseWriter, r *http.Request) {
	rows, err := s.overviewRows(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="fachpolitische-sprecherinnen.csv"`)
	w.Write([]byte("\ufeff")) // byte order mark: spreadsheet programs read UTF-8
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.Write([]string{"FachMK", "Land", "Sprecher:in", "Funktion", "Beschluss", "Status"})
	cw.WriteAll(rows)
}

func (s *Server) spokespersonsPDF(w http.ResponseWriter, r *http.Request) {
	rows, err := s.overviewRows(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rep := report.New("Übersicht der fachpolitischen Sprecher:innen des IT-Planungsrats", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	rep.Paragraph("Stand: " + today().German())
	var table [][]string
	for _, row := range rows {
		person := row[2]
		if row[3] != "" {
			person += "\n" + row[3]
		}
		table = append(table, []string{row[0], row[1], person, row[5]})
	}
	rep.Table([]string{"Fachministerkonferenz", "Land", "Sprecher:in", "Status"}, []float64{0.3, 0.15, 0.4, 0.15}, table)
	var buf bytes.Buffer
	if err := rep.Write(&buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	buf.WriteTo(w)
}

// ---- conference calendar ----

func (s *Server) addConferenceDate(w http.ResponseWriter, r *http.Request) {
	b, ok := s.conferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	var err error
	d := model.ConferenceDate{BodyID: b.ID, Title: strings.TrimSpace(r.PostFormValue("titel")), Place: strings.TrimSpace(r.PostFormValue("ort"))}
	if d.Starts, err = model.ParseDate(r.PostFormValue("beginn")); err != nil || d.Starts.IsZero() {
		s.badRequest(w, r, "Bitte das Datum der Sitzung angeben.")
		return
	}
	if d.Ends, err = model.ParseDate(r.PostFormValue("ende")); err != nil || (!d.Ends.IsZero() && d.Ends.Before(d.Starts)) {
		s.badRequest(w, r, "Das Ende liegt vor dem Beginn.")
		return
	}
	if _, err := s.st.CreateConferenceDate(ctx, d); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Der Termin ist eingetragen.")
}

func (s *Server) importConferenceDates(w http.ResponseWriter, r *http.Request) {
	_, ok := s.require(w, r, auth.ManageSessions, "")
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 2<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		s.badRequest(w, r, "Die Datei ist zu groß (höchstens 2 MB).")
		return
	}
	ctx := r.Context()
	b, err := s.st.BodyByAbbrev(ctx, r.FormValue("fachmk"))
	if err != nil || b.Kind != model.BodyFachMK {
		s.badRequest(w, r, "Bitte die Fachministerkonferenz wählen.")
		return
	}
	f, _, err := r.FormFile("datei")
	if err != nil {
		s.badRequest(w, r, "Bitte eine iCalendar-Datei (.ics) auswählen.")
		return
	}
	defer f.Close()
	dates, err := ical.Read(f)
	if err != nil {
		s.badRequest(w, r, "Die Datei ist kein lesbarer iCalendar-Kalender (RFC 5545).")
		return
	}
	added, known := 0, 0
	for _, d := range dates {
		d.BodyID = b.ID
		if _, err := s.st.CreateConferenceDate(ctx, d); errors.Is(err, store.ErrDuplicate) {
			known++
		} else if err != nil {
			s.fail(w, r, err, "")
			return
		} else {
			added++
		}
	}
	back(w, r, "/fachmk/"+b.Abbrev, fmt.Sprintf("%d Termine übernommen, %d waren schon erfasst.", added, known))
}

func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	bodies, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	names := map[int64]string{}
	var bodyID int64
	title := "Sitzungstermine der Fachministerkonferenzen"
	for _, b := range bodies {
		names[b.ID] = b.Name
		if b.Abbrev == r.PathValue("abbrev") {
			bodyID, title = b.ID, "Sitzungstermine: "+b.Name
		}
	}
	if r.PathValue("abbrev") != "" && bodyID == 0 {
		s.notFound(w, r, "Diese Fachministerkonferenz ist nicht erfasst.")
		return
	}
	dates, err := s.st.ConferenceDates(ctx, bodyID, model.Date{})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	if err := ical.Write(w, title, dates, names, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		s.log.Error("calendar feed", "err", err)
	}
}

// ---- editing a conference ----

// parseTerms reads "Begriff:Gewicht" lines (weight 1 if none).
func parseTerms(s string) ([]model.Term, error) {
	var out []model.Term
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		t := model.Term{Term: l, Weight: 1}
		if i := strings.LastIndex(l, ":"); i > 0 {
			w, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(l[i+1:]), ",", ".", 1), 64)
			if err != nil || w <= 0 {
				return nil, model.InputError("Stichwort „%s“: das Gewicht muss eine positive Zahl sein.", l)
			}
			t = model.Term{Term: strings.TrimSpace(l[:i]), Weight: w}
		}
		out = append(out, t)
	}
	return out, nil
}

func (s *Server) editConference(w http.ResponseWriter, r *http.Request) {
	b, ok := s.conferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	terms, err := parseTerms(r.PostFormValue("begriffe"))
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	b.Terms, b.Chair, b.TopicProfile, b.Notes = terms, strings.TrimSpace(r.PostFormValue("vorsitz")), strings.TrimSpace(r.PostFormValue("profil")), strings.TrimSpace(r.PostFormValue("hinweise"))
	b.Version = formVersion(r)
	if err := s.st.UpdateBody(ctx, b); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Das Profil ist gespeichert.")
}

func (s *Server) addContact(w http.ResponseWriter, r *http.Request) {
	b, ok := s.conferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	c := model.Contact{BodyID: b.ID, Name: strings.TrimSpace(r.PostFormValue("name")), Role: strings.TrimSpace(r.PostFormValue("rolle")),
		Email: strings.TrimSpace(r.PostFormValue("email")), Phone: strings.TrimSpace(r.PostFormValue("telefon"))}
	if c.Name == "" {
		s.badRequest(w, r, "Bitte den Namen der Ansprechperson angeben.")
		return
	}
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		s.badRequest(w, r, "Die E-Mail-Adresse ist ungültig.")
		return
	}
	if _, err := s.st.CreateContact(ctx, c); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Die Ansprechperson ist eingetragen.")
}

// ---- the spokesperson's own page ----

type myConference struct {
	Body  model.Body
	Dates []model.ConferenceDate
}

type myData struct {
	User        *model.User
	Conferences []myConference
	Tasks       []model.Task
	Briefings   []model.Briefing
}

func (s *Server) myPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	ctx := r.Context()
	d := myData{User: u}
	last := 0
	if council, err := s.councilBody(ctx); err == nil {
		last, _ = s.st.LastHeldSession(ctx, council.ID)
	}
	as, err := s.st.Assignments(ctx, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	seen := map[int64]bool{}
	for _, a := range as {
		if a.Member != u.MemberAbbrev || a.Status(last) == model.AssignmentEnded || seen[a.ConferenceID] {
			continue
		}
		seen[a.ConferenceID] = true
		b, err := s.st.Body(ctx, a.ConferenceID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		dates, err := s.st.ConferenceDates(ctx, b.ID, today())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Conferences = append(d.Conferences, myConference{Body: b, Dates: dates})
	}
	if d.Tasks, err = s.st.Tasks(ctx); err == nil {
		d.Briefings, err = s.st.Briefings(ctx, 0)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "mine.html", view{Title: "Mein Bereich", Active: "mein", Data: d})
}
