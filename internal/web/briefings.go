package web

// Briefings and dossiers (Handakten) per FachMK (concept section 5.2):
// living, versioned documents. A version holds the free text, the shared
// key messages it includes, the guiding questions for kick-off talks and
// the date from which gremium lists the relevant decisions; gremium fills
// the sections on decisions, open follow-ups, next dates and
// spokespersons itself when the briefing is shown or exported.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/report"
	"gremium/internal/store"
)

// briefingDoc is a briefing version with the sections gremium fills.
type briefingDoc struct {
	Briefing   model.Briefing
	Version    model.BriefingVersion
	Conference model.Body // zero for a briefing for all spokespersons
	// Keys are the key messages as the version shows them: an older
	// Fassung the wording kept with it (model.Briefing.KeyMessagesOf).
	Keys          model.VersionKeyMessages
	Decisions     []model.Decision
	FollowUps     []briefingFollowUp
	Dates         []model.ConferenceDate
	Spokespersons []spokesperson
	Made          model.Date
}

// briefingFollowUp is an open follow-up with the decision it comes from.
type briefingFollowUp struct {
	model.FollowUp
	Decision string
	// Due is its deadline as the follow-up list says it, and whether it
	// has passed (überfällig, the one rule of dueOf).
	Due followUpDue
}

// loadBriefingDoc assembles version v (0: the newest) of a briefing.
func (s *Server) loadBriefingDoc(r *http.Request, id int64, v int) (briefingDoc, error) {
	ctx := r.Context()
	var d briefingDoc
	b, err := s.st.Briefing(ctx, id)
	if err != nil {
		return d, err
	}
	d.Briefing, d.Version, d.Made = b, b.Latest(), s.today()
	if v != 0 {
		found := false
		for _, x := range b.Versions {
			if x.Version == v {
				d.Version, found = x, true
			}
		}
		if !found {
			return d, model.NotFoundError("Diese Fassung des Briefings gibt es nicht.")
		}
	}
	all, err := s.st.KeyMessages(ctx)
	if err != nil {
		return d, err
	}
	d.Keys = b.KeyMessagesOf(d.Version, all)
	if b.ConferenceID == 0 {
		return d, nil
	}
	if d.Conference, err = s.st.Body(ctx, b.ConferenceID); err != nil {
		return d, err
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		return d, err
	}
	// Relevant as in the debrief pack and the spokesperson's area
	// (store.RelevantDecisionsSince): an assessment "nicht relevant" in the
	// profile outweighs the registration's statement.
	rel, err := s.st.RelevantDecisionsSince(ctx, []int64{b.ConferenceID}, 0, d.Version.DecisionsSince)
	if err != nil {
		return d, err
	}
	for _, rd := range rel {
		if dec := rd.Decision; dec.BodyID == council.ID {
			d.Decisions = append(d.Decisions, dec)
			fus, err := s.st.FollowUps(ctx, store.FollowUpFilter{DecisionID: dec.ID, Status: model.FollowUpOpen})
			if err != nil {
				return d, err
			}
			for _, f := range fus {
				d.FollowUps = append(d.FollowUps, briefingFollowUp{FollowUp: f, Decision: dec.Label})
			}
		}
	}
	if err := s.briefingDues(ctx, council.ID, d.FollowUps); err != nil {
		return d, err
	}
	if d.Dates, err = s.st.ConferenceDates(ctx, b.ConferenceID, d.Made); err != nil {
		return d, err
	}
	last, err := s.st.LastHeldSession(ctx, council.ID)
	if err != nil {
		return d, err
	}
	sps, err := s.spokespersons(r, b.ConferenceID, last)
	if err != nil {
		return d, err
	}
	for _, sp := range sps {
		if sp.Assignment.Status(last) != model.AssignmentEnded {
			d.Spokespersons = append(d.Spokespersons, sp)
		}
	}
	return d, nil
}

// briefingText gives a version as lines, for the comparison of versions:
// the text, the key messages as the version shows them (titles and
// wording; for an older Fassung whose wording was not kept the titles and
// a note, not today's text), the guiding questions and the date of the
// decisions.
func briefingText(v model.BriefingVersion, keys model.VersionKeyMessages) []string {
	lines := strings.Split(v.Content, "\n")
	lines = append(lines, "", "Kernbotschaften:")
	for _, k := range keys.Messages {
		lines = append(lines, "- "+k.Title)
		if !keys.Lost {
			for _, l := range strings.Split(k.Text, "\n") {
				lines = append(lines, "  "+l)
			}
		}
	}
	if keys.Lost && len(keys.Messages) > 0 {
		lines = append(lines, "(Wortlaut der Kernbotschaften dieser Fassung nicht gespeichert)")
	}
	lines = append(lines, "", "Leitfragen:")
	for _, q := range v.Questions {
		lines = append(lines, "- "+q)
	}
	if !v.DecisionsSince.IsZero() {
		lines = append(lines, "", "Beschlüsse seit "+v.DecisionsSince.German())
	}
	return lines
}

type briefingsData struct {
	Briefings   []briefingRow
	Conferences []model.Body
	KeyMessages []model.KeyMessage
	Manage      bool
	// Refused is the page's form gremium refused ("briefing-neu",
	// "kb-neu", "kb-{id}"): shown again open, as typed, every reason at
	// its field (the fields' ids) and all of them linked above the form.
	Refused refusedForm
}

// Ticked tells whether key message id was ticked in the refused new
// briefing.
func (d briefingsData) Ticked(id int64) bool {
	return d.Refused.ID == "briefing-neu" && slices.Contains(d.Refused.Values["kernbotschaft"], strconv.FormatInt(id, 10))
}

// KeyForm gives the id of the form that changes key message id.
func (d briefingsData) KeyForm(id int64) string { return fmt.Sprintf("kb-%d", id) }

type briefingRow struct {
	model.Briefing
	Conference model.Body
}

func (s *Server) briefingList(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	s.renderBriefings(w, r, u, http.StatusOK, refusedForm{})
}

// renderBriefings shows the list of briefings and key messages, with a
// refused form if there is one.
func (s *Server) renderBriefings(w http.ResponseWriter, r *http.Request, u *model.User, status int, refused refusedForm) {
	ctx := r.Context()
	byID, all, err := s.conferenceByID(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	bs, err := s.st.Briefings(ctx, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := briefingsData{Conferences: all, Manage: auth.Can(u, auth.ManageSessions, ""), Refused: refused}
	for _, b := range bs {
		d.Briefings = append(d.Briefings, briefingRow{b, byID[b.ConferenceID]})
	}
	if d.KeyMessages, err = s.st.KeyMessages(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "briefings.html", view{Title: "Briefings und Handakten", Active: "mein", Data: d})
}

// briefingForm reads a version from the form; a field that cannot be read
// gives its reason at the field (its id: prefix "br" on the list's form
// for a new briefing, "bf" on a briefing's page), every one at once.
func (s *Server) briefingForm(r *http.Request, author, prefix string) (model.BriefingVersion, problems) {
	v := model.BriefingVersion{Author: author, Stand: s.today()}
	var refused problems
	var err error
	if v.Content, err = formText(r.PostFormValue("inhalt")); err != nil {
		refused.add(model.AtField(prefix+"-inhalt", err))
	} else if v.Content == "" {
		refused.add(model.AtField(prefix+"-inhalt", model.InputError("Bitte den Inhalt des Briefings eintragen.")))
	}
	// A guiding question is a point as a decision's are: its [[…]] mark
	// confidential passages, each question on its own.
	for _, l := range strings.Split(r.PostFormValue("leitfragen"), "\n") {
		if l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "-")); l != "" {
			if err := model.MarkFields(model.MarkedField{Field: prefix + "-leitfragen", Text: &l}); err != nil {
				refused.add(err)
				continue
			}
			v.Questions = append(v.Questions, l)
		}
	}
	for _, k := range r.PostForm["kernbotschaft"] {
		if id, err := strconv.ParseInt(k, 10, 64); err == nil {
			v.KeyMessages = append(v.KeyMessages, id)
		}
	}
	// The field is a date picker: the reason does not ask for a format
	// the user never typed.
	if v.DecisionsSince, err = model.ParseDate(r.PostFormValue("seit")); err != nil {
		refused.add(model.AtField(prefix+"-seit", model.InputError("„%s“ ist kein gültiges Datum; bitte ein Datum wählen.", strings.TrimSpace(r.PostFormValue("seit")))))
	}
	return v, refused
}

// refusedBriefingForm gives form id refused by err with what r's form
// typed and the status to answer with: 422 for the reasons of a form (409
// for a conflict); false when err is no refusal, for the error page.
func refusedBriefingForm(r *http.Request, id, what string, err error) (refusedForm, int, bool) {
	form, status, ok := refusedFormOf(r, id, what, err)
	if status == http.StatusBadRequest {
		status = http.StatusUnprocessableEntity
	}
	return form, status, ok
}

func (s *Server) createBriefing(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ManageSessions, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	var refused problems
	// The title marks confidential passages as the text does: the
	// pages show them marked, the PDF blacks them out.
	b := model.Briefing{Title: r.PostFormValue("titel")}
	if err := model.MarkFields(model.MarkedField{Field: "br-titel", Text: &b.Title}); err != nil {
		refused.add(err)
	} else if b.Title == "" {
		refused.add(model.AtField("br-titel", model.InputError("Bitte einen Titel angeben.")))
	}
	if abbrev := r.PostFormValue("fachmk"); abbrev != "" {
		conf, err := s.st.BodyByAbbrev(r.Context(), abbrev)
		if err != nil || conf.Kind != model.BodyFachMK {
			refused.add(model.AtField("br-fachmk", model.InputError("Bitte wählen Sie eine Fachministerkonferenz oder „für alle“.")))
		}
		b.ConferenceID = conf.ID
	}
	v, bad := s.briefingForm(r, u.Name, "br")
	refused = append(refused, bad...)
	err := refused.err()
	if err == nil {
		// Sent again (the back button, a double click), the form makes no
		// second briefing and leads to the first.
		var id int64
		var again bool
		if id, err = s.st.CreateBriefing(r.Context(), b, v, sentOnce(r, u, &again)); err == nil {
			notice := "Das Briefing ist angelegt."
			if again {
				notice = sentAgain("das Briefing ist angelegt, hier steht es.")
			}
			back(w, r, fmt.Sprintf("/briefings/%d", id), notice)
			return
		}
	}
	// Refused: the form again as typed, every reason at its field.
	form, status, ok := refusedBriefingForm(r, "briefing-neu", "Das Briefing ist nicht angelegt", err)
	if !ok {
		s.failKeeping(w, r, err, "", r.PostFormValue("inhalt"))
		return
	}
	s.renderBriefings(w, r, u, status, form)
}

// briefingID reads {id} of the path.
func (s *Server) briefingID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Dieses Briefing gibt es nicht.")
		return 0, false
	}
	return id, true
}

// keyBlock is a key message as the page shows it; Note says, on the
// newest Fassung, that it changed since the Fassung was saved.
type keyBlock struct {
	Title  string
	Blocks []model.TextBlock
	Note   string
}

type briefingPageData struct {
	Content []model.TextBlock
	Keys    []keyBlock
	// KeysNote says above the key messages of an older Fassung that
	// their wording was not kept with it.
	KeysNote    string
	Doc         briefingDoc
	Latest      int
	KeyMessages []model.KeyMessage
	Chosen      map[int64]bool
	Manage      bool
	// Write: the user adds versions — the secretariat, or a spokesperson
	// in office for the briefing's conference (concept 5.2: the briefing
	// is carried on by the spokesperson and their team).
	Write    bool
	Diff     []model.DiffLine
	From, To int
	// Form is what the form for a new version shows: the newest version,
	// or what was typed when gremium refused it (Refused, "fassung",
	// every reason at its field).
	Form    briefingFormView
	Refused refusedForm
}

// briefingFormView is the content of the form for a new version.
type briefingFormView struct {
	Content, Questions, Since string
}

func (s *Server) briefingPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	id, ok := s.briefingID(w, r)
	if !ok {
		return
	}
	s.renderBriefingPage(w, r, u, id, http.StatusOK, refusedForm{})
}

// renderBriefingPage shows briefing id, with its refused form for a new
// version if there is one.
func (s *Server) renderBriefingPage(w http.ResponseWriter, r *http.Request, u *model.User, id int64, status int, refused refusedForm) {
	v, _ := strconv.Atoi(r.URL.Query().Get("fassung"))
	doc, err := s.loadBriefingDoc(r, id, v)
	if err != nil {
		s.fail(w, r, err, "Dieses Briefing gibt es nicht.")
		return
	}
	d := briefingPageData{Doc: doc, Latest: doc.Briefing.Latest().Version, Manage: auth.Can(u, auth.ManageSessions, ""), Chosen: map[int64]bool{},
		Content: model.TextBlocks(doc.Version.Content)}
	d.Write = d.Manage
	if !d.Write && u.Role == model.RoleSpokesperson {
		if d.Write, err = s.st.HoldsFunction(r.Context(), doc.Briefing.ConferenceID, u.MemberAbbrev); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	for _, k := range doc.Keys.Messages {
		kb := keyBlock{Title: k.Title, Blocks: model.TextBlocks(k.Text)}
		if doc.Keys.Changed[k.ID] {
			kb.Note = keyChangedNote
		}
		d.Keys = append(d.Keys, kb)
	}
	if doc.Keys.Lost {
		d.KeysNote = keysLostNote
	}
	if d.KeyMessages, err = s.st.KeyMessages(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	latest := doc.Briefing.Latest()
	d.Refused, d.Form = refused, briefingFormView{editableMarks(latest.Content), editableMarks(strings.Join(latest.Questions, "\n")), latest.DecisionsSince.String()}
	if refused.ID == "" {
		for _, k := range latest.KeyMessages {
			d.Chosen[k] = true
		}
	} else {
		d.Form = briefingFormView{refused.Values.Get("inhalt"), refused.Values.Get("leitfragen"), refused.Values.Get("seit")}
		for _, k := range refused.Values["kernbotschaft"] {
			if id, err := strconv.ParseInt(k, 10, 64); err == nil {
				d.Chosen[id] = true
			}
		}
	}
	// The comparison of two versions (?von=1&bis=2).
	q := r.URL.Query()
	if q.Get("von") != "" {
		d.From, _ = strconv.Atoi(q.Get("von"))
		d.To, _ = strconv.Atoi(q.Get("bis"))
		var from, to *model.BriefingVersion
		for i, x := range doc.Briefing.Versions {
			if x.Version == d.From {
				from = &doc.Briefing.Versions[i]
			}
			if x.Version == d.To {
				to = &doc.Briefing.Versions[i]
			}
		}
		if from == nil || to == nil {
			s.notFound(w, r, "Diese Fassungen des Briefings gibt es nicht.")
			return
		}
		// Each side as its Fassung shows it: an older one with the
		// wording kept with it.
		b := doc.Briefing
		d.Diff = model.DiffLines(briefingText(*from, b.KeyMessagesOf(*from, d.KeyMessages)), briefingText(*to, b.KeyMessagesOf(*to, d.KeyMessages)))
	}
	s.render(w, r, status, "briefing.html", view{Title: model.InternalText(doc.Briefing.Title), Active: "mein", Data: d})
}

func (s *Server) saveBriefingVersion(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	// The secretariat, or a spokesperson in office for the briefing's
	// conference (the store checks the function in the write).
	spokesperson := ""
	if !auth.Can(u, auth.ManageSessions, "") {
		if u.Role != model.RoleSpokesperson || u.MemberAbbrev == "" {
			s.fail(w, r, model.ForbiddenError("Ein Briefing führen die Geschäftsstelle und die Sprecher:innen im Amt der Fachministerkonferenz, für die es geschrieben ist, fort."), "")
			return
		}
		spokesperson = u.MemberAbbrev
	}
	id, ok := s.briefingID(w, r)
	if !ok {
		return
	}
	v, refused := s.briefingForm(r, u.Name, "bf")
	err := refused.err()
	if err == nil {
		if err = s.st.AddBriefingVersion(r.Context(), id, formVersion(r), v, spokesperson); err == nil {
			back(w, r, fmt.Sprintf("/briefings/%d", id), "Die neue Fassung ist gespeichert.")
			return
		}
	}
	form, status, ok := refusedBriefingForm(r, "fassung", "Die neue Fassung ist nicht gespeichert", err)
	if !ok {
		s.failKeeping(w, r, err, "Dieses Briefing gibt es nicht.", r.PostFormValue("inhalt"))
		return
	}
	s.renderBriefingPage(w, r, u, id, status, form)
}

func (s *Server) saveKeyMessage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ManageSessions, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	// The fields' ids: "kb-titel" on the form for a new key message,
	// "kb-titel-{id}" on the one that changes key message id.
	k := model.KeyMessage{Title: r.PostFormValue("titel"), Version: formVersion(r)}
	k.ID, _ = strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	formID, suffix, what := "kb-neu", "", "Die Kernbotschaft ist nicht angelegt"
	if k.ID != 0 {
		formID, suffix, what = fmt.Sprintf("kb-%d", k.ID), fmt.Sprintf("-%d", k.ID), "Die Kernbotschaft ist nicht geändert"
	}
	var refused problems
	if err := model.MarkFields(model.MarkedField{Field: "kb-titel" + suffix, Text: &k.Title}); err != nil {
		refused.add(err)
	} else if k.Title == "" {
		refused.add(model.AtField("kb-titel"+suffix, model.InputError("Bitte einen Titel angeben.")))
	}
	var err error
	if k.Text, err = formText(r.PostFormValue("text")); err != nil {
		refused.add(model.AtField("kb-text"+suffix, err))
	} else if k.Text == "" {
		refused.add(model.AtField("kb-text"+suffix, model.InputError("Bitte den Text der Kernbotschaft eintragen.")))
	}
	if err = refused.err(); err == nil {
		if k.ID != 0 {
			err = s.st.UpdateKeyMessage(r.Context(), k)
		} else {
			_, err = s.st.CreateKeyMessage(r.Context(), k)
		}
		if err == nil {
			back(w, r, "/briefings#kernbotschaften", "Die Kernbotschaft „"+model.TypedMarks(k.Title)+"“ ist gespeichert; die aktuelle Fassung jedes Briefings, das sie enthält, zeigt den neuen Text, frühere Fassungen behalten ihren Wortlaut.")
			return
		}
	}
	form, status, ok := refusedBriefingForm(r, formID, what, err)
	if !ok {
		s.failKeeping(w, r, err, "Diese Kernbotschaft gibt es nicht.", r.PostFormValue("text"))
		return
	}
	s.renderBriefings(w, r, u, status, form)
}

// briefingDues gives each follow-up of a briefing its deadline and whether
// it is überfällig, by the rule of the follow-up list (dueOf).
func (s *Server) briefingDues(ctx context.Context, councilID int64, fus []briefingFollowUp) error {
	var numbers []int
	for _, f := range fus {
		if f.DueSession > 0 {
			numbers = append(numbers, f.DueSession)
		}
	}
	sessions, err := s.st.SessionsByNumber(ctx, councilID, numbers)
	if err != nil {
		return err
	}
	now := s.clock()
	for i, f := range fus {
		var due *model.Session
		if se, ok := sessions[f.DueSession]; ok {
			due = &se
		}
		fus[i].Due = dueOf(f.FollowUp, due, now)
	}
	return nil
}

// keysLostNote stands above the key messages of an older Fassung saved
// before gremium kept their wording, on the page and in the PDF.
const keysLostNote = "Der Wortlaut der Kernbotschaften wurde mit dieser Fassung nicht gespeichert; angezeigt wird ihr heutiger Text, nicht der Stand dieser Fassung."

// keyChangedNote stands at a key message of the newest Fassung changed
// after the Fassung was saved (the newest Fassung shows the shared block
// as it reads now).
const keyChangedNote = "Nach dem Speichern dieser Fassung geändert; angezeigt wird der heutige Text."

// writeBriefingPDF renders a briefing with its sources, through the report
// package (which shows every text as the public may see it);
// abs makes a path of gremium an absolute URL of its public address
// (internal/site), as every URL given out is.
func writeBriefingPDF(d briefingDoc, abs func(path string) string, w io.Writer) error {
	rep := report.New(d.Briefing.Title, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	head := fmt.Sprintf("Stand: %s (Fassung %d, %s)", d.Version.Stand.German(), d.Version.Version, d.Version.Author)
	if d.Conference.ID != 0 {
		head = d.Conference.Name + " – " + head
	}
	rep.Paragraph(head)
	rep.Text(d.Version.Content)
	if len(d.Keys.Messages) > 0 {
		rep.Heading("Zentrale Botschaften")
		if d.Keys.Lost {
			rep.Paragraph(keysLostNote)
		}
		for _, k := range d.Keys.Messages {
			rep.Heading(k.Title)
			if d.Keys.Changed[k.ID] {
				rep.Paragraph(keyChangedNote)
			}
			rep.Text(k.Text)
		}
	}
	if d.Conference.ID != 0 {
		title := "Beschlüsse des IT-Planungsrats mit Bezug " + d.Conference.Zu()
		if !d.Version.DecisionsSince.IsZero() {
			title += " seit " + d.Version.DecisionsSince.German()
		}
		rep.Heading(title)
		if len(d.Decisions) == 0 {
			rep.Paragraph("Keine.")
		}
		var rows [][]string
		for _, dec := range d.Decisions {
			rows = append(rows, []string{dec.Label, dec.AdoptedOn.German(), dec.Title})
		}
		if rows != nil {
			rep.Table([]string{"Beschluss", "vom", "Titel"}, []float64{0.2, 0.15, 0.65}, rows)
		}
		rep.Heading("Offene Aufträge aus diesen Beschlüssen")
		if len(d.FollowUps) == 0 {
			rep.Paragraph("Keine.")
		}
		// The lists of the page are lists in the PDF too.
		var fus []string
		for _, f := range d.FollowUps {
			line := fmt.Sprintf("%s: %s – %s", f.Decision, f.Text, f.Responsible)
			if dl := f.Due.Deadline; dl != "" {
				line += ", Frist: " + dl
			}
			if f.Due.Overdue {
				line += " (überfällig)"
			}
			fus = append(fus, line)
		}
		rep.List(fus)
		rep.Heading("Nächste Sitzungstermine " + d.Conference.Of())
		if len(d.Dates) == 0 {
			rep.Paragraph("Keine Termine erfasst.")
		}
		var dates []string
		for _, dt := range d.Dates {
			line := dt.Days()
			if dt.Title != "" {
				line += ": " + dt.Title
			}
			if dt.Place != "" {
				line += ", " + dt.Place
			}
			dates = append(dates, line)
		}
		rep.List(dates)
		rep.Heading("Fachpolitische Sprecher:innen")
		if len(d.Spokespersons) == 0 {
			rep.Paragraph("unbesetzt")
		}
		var sps []string
		for _, sp := range d.Spokespersons {
			line := sp.MemberName
			if sp.Person.Name != "" {
				line += ": " + sp.Person.Name
			}
			sps = append(sps, line+" ("+sp.DecisionRef+")")
		}
		rep.List(sps)
	}
	if len(d.Version.Questions) > 0 {
		rep.Heading("Leitfragen für Auftaktgespräche")
		rep.List(d.Version.Questions)
	}
	rep.Heading("Quellen")
	sources := []string{"Konzept zur Zusammenarbeit der fachpolitischen Sprecher:innen des IT-Planungsrats mit den Fachministerkonferenzen (Abschnitt 5.2: exemplarisches Briefing)"}
	for _, dec := range d.Decisions {
		sources = append(sources, fmt.Sprintf("%s %s des IT-Planungsrats vom %s: %s", dec.Name(), dec.Label, dec.AdoptedOn.German(), abs(decisionURL(dec.Label))))
	}
	if d.Conference.ID != 0 {
		sources = append(sources, "Sitzungstermine: Terminübersicht der Fachministerkonferenzen in gremium ("+abs("/fachmk/"+url.PathEscape(d.Conference.Abbrev)+"/termine.ics")+"), Stand "+d.Made.German(),
			"Sprecher:innen: Übersicht der fachpolitischen Sprecher:innen ("+abs("/fachmk/sprecher.csv")+"), Stand "+d.Made.German())
	}
	rep.List(sources)
	return rep.Write(w)
}

func (s *Server) briefingPDF(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
		return
	}
	id, ok := s.briefingID(w, r)
	if !ok {
		return
	}
	v, _ := strconv.Atoi(r.URL.Query().Get("fassung"))
	d, err := s.loadBriefingDoc(r, id, v)
	if err != nil {
		s.fail(w, r, err, "Dieses Briefing gibt es nicht.")
		return
	}
	s.servePDF(w, r, "inline", fmt.Sprintf("briefing-%d.pdf", id), func(out io.Writer) error {
		return writeBriefingPDF(d, func(path string) string { return s.site.URL(r, path) }, out)
	})
}
