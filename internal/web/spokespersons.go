package web

// Spokespersons: assignment, resignation, the overview as CSV and PDF.

import (
	"context"
	"errors"
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/csvout"
	"gremium/internal/model"
	"gremium/internal/report"
	"gremium/internal/store"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// spokesperson is an assignment with the names a page shows.
type spokesperson struct {
	model.Assignment
	MemberName string
	Person     model.Person
	Status     string
}

type conferenceRow struct {
	Body          model.Body
	ActsFor       model.Body
	Spokespersons []spokesperson // in office (active or ending)
	Vacant        bool
	// ActedForBy is the body that works with the IT-PLR for this
	// conference (the E-Justice-Rat for the Justizministerkonferenz,
	// concept 2.2), if any: a conference without spokespersons of its own
	// is not vacant then.
	ActedForBy model.Body
}

// VacantStatus says the status of a row without spokespersons: "vakant",
// or "über den E-Justice-Rat" for a conference another body acts for.
func (c conferenceRow) VacantStatus() string {
	if c.ActedForBy.Name != "" {
		return "über " + c.ActedForBy.Accusative()
	}
	return "vakant"
}

func (s *Server) conferenceRows(r *http.Request) ([]conferenceRow, error) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		return nil, err
	}
	last, err := s.st.LastHeldSession(ctx, council.ID)
	if err != nil {
		return nil, err
	}
	bodies, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return nil, err
	}
	byID := map[int64]model.Body{}
	for _, b := range bodies {
		byID[b.ID] = b
	}
	all, err := s.spokespersons(r, 0, last)
	if err != nil {
		return nil, err
	}
	rows := make([]conferenceRow, 0, len(bodies))
	for _, b := range bodies {
		row := conferenceRow{Body: b, ActsFor: byID[b.ActsForID]}
		for _, o := range bodies {
			if o.ActsForID == b.ID {
				row.ActedForBy = o
			}
		}
		var mine []model.Assignment
		for _, sp := range all {
			if sp.ConferenceID != b.ID {
				continue
			}
			mine = append(mine, sp.Assignment)
			if sp.Assignment.Status(last) != model.AssignmentEnded {
				row.Spokespersons = append(row.Spokespersons, sp)
			}
		}
		row.Vacant = model.Vacant(mine, last)
		rows = append(rows, row)
	}
	return rows, nil
}

// spokespersons gives the assignments of a FachMK (0: all) with names.
func (s *Server) spokespersons(r *http.Request, conferenceID int64, lastHeld int) ([]spokesperson, error) {
	ctx := r.Context()
	as, err := s.st.Assignments(ctx, conferenceID)
	if err != nil {
		return nil, err
	}
	members, err := s.memberMap(ctx)
	if err != nil {
		return nil, err
	}
	// The persons of all assignments at once.
	var ids []int64
	for _, a := range as {
		if a.PersonID != 0 {
			ids = append(ids, a.PersonID)
		}
	}
	persons, err := s.st.PersonsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]spokesperson, 0, len(as))
	for _, a := range as {
		sp := spokesperson{Assignment: a, MemberName: members[a.Member].Name, Status: a.StatusLabel(lastHeld)}
		if a.PersonID != 0 {
			p, ok := persons[a.PersonID]
			if !ok {
				return nil, fmt.Errorf("web: spokesperson %d: person %d: %w", a.ID, a.PersonID, store.ErrNotFound)
			}
			sp.Person = p
		}
		out = append(out, sp)
	}
	return out, nil
}

func (s *Server) assignSpokesperson(w http.ResponseWriter, r *http.Request) {
	b, ok := s.conferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	a := model.Assignment{ConferenceID: b.ID, Member: r.PostFormValue("mitglied"), DecisionRef: strings.TrimSpace(r.PostFormValue("beschluss"))}
	refuse := func(err error) {
		s.refuseConferenceForm(w, r, b.Abbrev, "sprecher", "Die Sprecherfunktion ist nicht vergeben", err)
	}
	// Every reason at its field. The session is optional; a number that
	// is no number is refused, not dropped (it was stored as "unknown").
	var refused problems
	if v := strings.TrimSpace(r.PostFormValue("sitzung")); v != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(v, "."))
		if err != nil || n <= 0 {
			refused.add(model.AtField("sitzung", model.InputError("„%s“ ist keine Sitzungsnummer; bitte die Nummer der Sitzung angeben, die den Beschluss fasste (z. B. 48), oder das Feld leer lassen.", v)))
		}
		a.StartSession = n
	}
	member, err := s.st.Member(ctx, a.Member)
	if errors.Is(err, store.ErrNotFound) {
		refused.add(model.AtField("mitglied", model.InputError("„%s“ ist kein erfasstes Mitglied des IT-Planungsrats.", a.Member)))
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(refused) > 0 {
		refuse(refused.err())
		return
	}
	// The function follows the member's representative unless the decision
	// names someone else: a name equal to the representative's is no
	// person of the assignment's own.
	var representative string
	if member.RepresentativeID != 0 {
		if p, err := s.st.Person(ctx, member.RepresentativeID); err == nil {
			representative = p.Name
		}
	}
	var named model.Person
	if name := strings.TrimSpace(r.PostFormValue("person")); name != "" && name != representative {
		named = model.Person{Name: name, Function: strings.TrimSpace(r.PostFormValue("funktion")), MemberAbbrev: a.Member}
	}
	if _, err := s.st.CreateAssignmentNaming(ctx, a, named); err != nil {
		refuse(err)
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Die Sprecherfunktion ist vergeben. Die Mitteilung geht an die Mitglieder und die Geschäftsstelle der Konferenz, die sie abonniert haben.")
}

func (s *Server) resignSpokesperson(w http.ResponseWriter, r *http.Request) {
	_, ok := s.require(w, r, auth.ManageSessions, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Diese Sprecherfunktion gibt es nicht.")
		return
	}
	// It cannot be taken back: a page says what it does, and only its
	// second submit acts (before, one click announced it).
	cur, err := s.st.Assignment(ctx, id)
	if err != nil {
		s.fail(w, r, err, "Diese Sprecherfunktion gibt es nicht.")
		return
	}
	conf, err := s.st.Body(ctx, cur.ConferenceID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	who := cur.Member
	if cur.PersonID != 0 {
		if p, err := s.st.Person(ctx, cur.PersonID); err == nil && p.Name != "" {
			who = p.Name + " (" + cur.Member + ")"
		}
	}
	if !s.confirmed(w, r, confirmData{Heading: "Rücktritt ankündigen",
		Question:    fmt.Sprintf("Wollen Sie den Rücktritt von %s als fachpolitische:r Sprecher:in für %s ankündigen?", who, conf.Accusative()),
		Consequence: "Die Funktion endet mit der nächsten regulären Sitzung des IT-Planungsrats; die Ankündigung geht an die Mitglieder und die Geschäftsstelle der Konferenz, die sie abonniert haben. Sie kann nicht zurückgenommen werden – eine neue Zuordnung geht nur über einen Beschluss.",
		Action:      r.URL.Path, Button: "Rücktritt ankündigen", Back: "/fachmk/" + conf.Abbrev,
		Keep: [][2]string{{"version", r.PostFormValue("version")}}}) {
		return
	}
	// One operation: the next regular session that exists (planned or
	// convened, never a number that does not) is found in the write, and
	// the announcement to the members is queued with it.
	a, err := s.st.AnnounceResignation(ctx, id, formVersion(r), s.today())
	if err != nil {
		s.fail(w, r, err, "Diese Sprecherfunktion gibt es nicht.")
		return
	}
	b, _ := s.st.Body(ctx, a.ConferenceID)
	back(w, r, "/fachmk/"+b.Abbrev, fmt.Sprintf("Der Rücktritt ist angekündigt; die Funktion endet mit der %d. Sitzung. Die Ankündigung geht an die Mitglieder, die sie abonniert haben.", a.EndsWithSession))
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
			out = append(out, []string{c.Body.Name, "", "", "", "", c.VacantStatus()})
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
	cw := csvout.NewWriter(w)
	cw.Write([]string{"FachMK", "Mitglied", "Sprecher:in", "Funktion", "Beschluss", "Status"})
	if err := cw.WriteAll(rows); err != nil {
		s.log.Error("spokespersons csv", "err", err, "request_id", requestID(r))
	}
}

func (s *Server) spokespersonsPDF(w http.ResponseWriter, r *http.Request) {
	rows, err := s.overviewRows(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	stand := "Stand: " + s.today().German()
	s.servePDF(w, r, "inline", "fachpolitische-sprecherinnen.pdf", func(out io.Writer) error {
		return writeSpokespersonsPDF(stand, rows, out)
	})
}

// writeSpokespersonsPDF writes the overview's rows (overviewRows) as PDF,
// under the line stand ("Stand: …").
func writeSpokespersonsPDF(stand string, rows [][]string, out io.Writer) error {
	rep := report.New("Übersicht der fachpolitischen Sprecher:innen des IT-Planungsrats", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	rep.Paragraph(stand)
	var table [][]string
	for _, row := range rows {
		person := row[2]
		if row[3] != "" {
			person += "\n" + row[3]
		}
		table = append(table, []string{row[0], row[1], person, row[5]})
	}
	rep.Table([]string{"Fachministerkonferenz", "Mitglied", "Sprecher:in", "Status"}, []float64{0.3, 0.15, 0.4, 0.15}, table)
	return rep.Write(out)
}

// earlierDecisionsURL is the page of the earlier decisions: the list with
// what cites each, where numbering stands, and the form to record one.
const earlierDecisionsURL = "/fachmk/fruehere-beschluesse"

// earlierDecisionsData is the page of the earlier decisions (decisions
// taken before gremium, recorded with number and date so that they can
// be cited): the council's, where its numbering of this year stands, and
// the recording form when refused.
type earlierDecisionsData struct {
	Council   model.Body
	Decisions []model.EarlierDecision
	Numbering model.DecisionNumbering
	Refused   refusedForm
}

// Typed gives what was typed into field of the refused form id, or def.
func (d earlierDecisionsData) Typed(id, field, def string) string {
	return d.Refused.Typed(id, field, def)
}

// At gives the reason when form id was refused because of field.
func (d earlierDecisionsData) At(id, field string) string { return d.Refused.At(id, field) }

// Open tells whether form id is the refused one.
func (d earlierDecisionsData) Open(id string) bool { return d.Refused.ID == id }

// Summary gives the box above the page for the refused form, each reason
// a link to its field.
func (d earlierDecisionsData) Summary() errorSummary {
	sum := newErrorSummary(d.Refused.ID+"-fehler", d.Refused.What, d.Refused.Problems)
	sum.List = d.Refused.Problems.ListAs(func(field string) string { return "fb-" + field })
	return sum
}

// yearNumbering gives where the council's decision numbers of this year
// (German time) stand: the form recording an earlier decision and the
// page listing them say the next number while gremium has numbered none
// of the year itself (model.DecisionNumbering.NextSentence).
func (s *Server) yearNumbering(ctx context.Context, council model.Body) (model.DecisionNumbering, error) {
	return s.st.DecisionNumbering(ctx, council.ID, s.today().Year)
}

func (s *Server) earlierDecisionsPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return
	}
	s.renderEarlierDecisions(w, r, http.StatusOK, refusedForm{})
}

// renderEarlierDecisions shows the page of the earlier decisions, with the
// recording form refused if it was.
func (s *Server) renderEarlierDecisions(w http.ResponseWriter, r *http.Request, status int, refused refusedForm) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := earlierDecisionsData{Council: council, Refused: refused}
	if d.Decisions, err = s.st.EarlierDecisions(ctx, council.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Numbering, err = s.yearNumbering(ctx, council); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "earlier_decisions.html", view{Title: "Frühere Beschlüsse", Active: "fachmk", Data: d})
}

// saveEarlierDecision records a decision taken before gremium (number and
// date), so that spokesperson assignments can cite it. The form stands on
// a conference's page and on the page of the earlier decisions; a refusal
// shows the page it came from again with the form as typed.
func (s *Server) saveEarlierDecision(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// On a conference's page, fachmk names it; else the form is the
	// list's.
	abbrev := r.PostFormValue("fachmk")
	if conf, err := s.st.BodyByAbbrev(ctx, abbrev); err != nil || conf.Kind != model.BodyFachMK {
		abbrev = ""
	}
	refuse := func(err error) {
		const what = "Der frühere Beschluss ist nicht erfasst"
		if abbrev != "" {
			s.refuseConferenceForm(w, r, abbrev, "fruehere", what, err)
			return
		}
		refused, status, ok := refusedFormOf(r, "fruehere", what, err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.renderEarlierDecisions(w, r, status, refused)
	}
	// Every reason at its field.
	var refused problems
	n, ok := model.ParseDecisionRef(r.PostFormValue("nummer"))
	if !ok {
		refused.add(model.AtField("nummer", model.InputError("Bitte die Nummer des Beschlusses angeben, z. B. B-2022/43-IT.")))
	}
	on, err := model.ParseDate(r.PostFormValue("datum"))
	if err != nil || on.IsZero() {
		refused.add(model.AtField("datum", model.InputError("Bitte das Datum des Beschlusses angeben (TT.MM.JJJJ).")))
	}
	if len(refused) > 0 {
		refuse(refused.err())
		return
	}
	e := model.EarlierDecision{BodyID: council.ID, Number: n, AdoptedOn: on, Title: strings.TrimSpace(r.PostFormValue("titel")),
		Note: strings.TrimSpace(r.PostFormValue("hinweis"))}
	if _, err := s.st.SaveEarlierDecision(ctx, e); err != nil {
		refuse(err)
		return
	}
	to := earlierDecisionsURL
	if abbrev != "" {
		to = "/fachmk/" + abbrev + "#fruehere"
	}
	notice := fmt.Sprintf("Der frühere Beschluss %s ist erfasst und kann zitiert werden.", model.FormatDecisionNumber(council.DecisionPattern, n))
	// Where numbering goes on in this year, while the earlier decisions
	// decide it: a slip far ahead shows at once.
	if n.Year == s.today().Year {
		numbering, err := s.yearNumbering(ctx, council)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if next := numbering.NextSentence(); next != "" {
			notice += " " + next + " Ist die Nummer falsch, lässt sich der frühere Beschluss unter „Frühere Beschlüsse“ entfernen, solange ihn nichts zitiert."
		}
	}
	back(w, r, to, notice)
}

// removeEarlierDecision removes an earlier decision recorded by mistake
// (to correct it, it is recorded again), after a confirmation; one that
// is cited is refused (store.DeleteEarlierDecision).
func (s *Server) removeEarlierDecision(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	const gone = "Dieser frühere Beschluss ist nicht (mehr) erfasst."
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, gone)
		return
	}
	es, err := s.st.EarlierDecisions(ctx, council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	i := slices.IndexFunc(es, func(e model.EarlierDecision) bool { return e.ID == id })
	if i < 0 {
		s.notFound(w, r, gone)
		return
	}
	if !s.confirmed(w, r, confirmData{Heading: "Früheren Beschluss entfernen",
		Question:    fmt.Sprintf("Wollen Sie den früheren Beschluss %s vom %s entfernen?", es[i].Label, es[i].AdoptedOn.German()),
		Consequence: "Er kann dann nicht mehr zitiert werden; die Nummerierung des Jahres richtet sich wieder nach den übrigen Beschlüssen. Ist nur Nummer oder Datum falsch, erfassen Sie ihn danach neu.",
		Action:      r.URL.Path, Button: "Früheren Beschluss entfernen", Back: earlierDecisionsURL}) {
		return
	}
	e, err := s.st.DeleteEarlierDecision(ctx, id)
	if err != nil {
		s.fail(w, r, err, gone)
		return
	}
	notice := fmt.Sprintf("Der frühere Beschluss %s ist entfernt.", e.Label)
	if e.Number.Year == s.today().Year {
		numbering, err := s.yearNumbering(ctx, council)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if next := numbering.NextSentence(); next != "" {
			notice += " " + next
		}
	}
	back(w, r, earlierDecisionsURL, notice)
}

// setRepresentative records who represents a member in the IT-Planungsrat
// now; spokesperson functions that name no person follow.
func (s *Server) setRepresentative(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	member := r.PostFormValue("mitglied")
	to := "/fachmk"
	if c := r.PostFormValue("zurueck"); strings.HasPrefix(c, "/fachmk/") {
		to = c
	}
	// The form sits on a conference's page (zurueck names it): a refusal
	// shows that page again, the form open as typed with the reason at
	// its field (before: the error page, the input gone).
	refuse := func(err error) {
		abbrev := strings.TrimPrefix(to, "/fachmk/")
		if conf, cerr := s.st.BodyByAbbrev(r.Context(), abbrev); to == "/fachmk" || cerr != nil || conf.Kind != model.BodyFachMK {
			s.failKeeping(w, r, err, "", r.PostFormValue("person"))
			return
		}
		s.refuseConferenceForm(w, r, abbrev, "vertretung", "Die Vertretung ist nicht geändert", err)
	}
	if err := s.st.SetRepresentativeNamed(r.Context(), member, r.PostFormValue("person")); err != nil {
		refuse(err)
		return
	}
	back(w, r, to, fmt.Sprintf("%s wird im IT-Planungsrat jetzt von %s vertreten; Sprecherfunktionen ohne eigene Person folgen.", member, strings.TrimSpace(r.PostFormValue("person"))))
}
