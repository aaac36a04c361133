package web

// The yearly evaluation (concept section 4, Tabelle 2): the secretariat
// opens the round with the year's questions and closes it; spokespersons
// and FachMK secretariats answer; the results per question and per FachMK
// with the trend over the years as SVG charts with tables, CSV and PDF.

import (
	"fmt"
	"html/template"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/csvout"
	"gremium/internal/model"
	"gremium/internal/report"
)

// respondentSlot is one questionnaire a user fills in: as whom, for which
// conference, with the answers given so far.
type respondentSlot struct {
	Respondent string
	Role       model.Role
	Conference model.Body
	Answers    map[int64]model.EvaluationAnswer
	// Problems: why the answers sent for this questionnaire were not
	// saved, each at its question's score (wert_12; "" for the
	// questionnaire as a whole); Answers then hold what was sent.
	Problems problems
	// Stand is the Stand of the saved answers the form carries
	// (model.QuestionnaireStand): a save on another is refused.
	Stand int
	// Saved are the saved answers when the answers sent were refused
	// because another account (or window) saved meanwhile, shown beside
	// what was sent; nil else.
	Saved map[int64]model.EvaluationAnswer
	// State says where the saved questionnaire stands ("" when nothing
	// is saved yet; questionnaireState).
	State string
}

// questionnaireState says where a saved questionnaire of the round that
// asks the questions ids stands, by the answers saved, counted as the
// notice after a save counts them (answersSavedNotice): "Gespeichert sind
// Antworten auf 2 von 5 Fragen; noch unbeantwortet: Frage 2, 4 und 5."
// (numbered as the page numbers them), or that all are answered; "" when
// none is. Before, the page said it only in the notice right after the
// save: coming back from "Mein Bereich" ("noch 3 von 5 Fragen
// unbeantwortet"), one searched the form for the questions left open.
func questionnaireState(ids []int64, saved map[int64]model.EvaluationAnswer) string {
	var open []string
	for i, id := range ids {
		if _, ok := saved[id]; !ok {
			open = append(open, strconv.Itoa(i+1))
		}
	}
	answered := len(ids) - len(open)
	switch {
	case answered == 0:
		return ""
	case len(open) == 0 && answered == 1:
		return "Die Frage ist beantwortet; bis die Geschäftsstelle die Runde abschließt, können Sie die Antwort ändern."
	case len(open) == 0:
		return fmt.Sprintf("Alle %d Fragen sind beantwortet; bis die Geschäftsstelle die Runde abschließt, können Sie die Antworten ändern.", answered)
	}
	question := "Frage"
	if len(open) > 1 {
		question = "Fragen"
	}
	return fmt.Sprintf("Gespeichert sind Antworten auf %d von %d Fragen; noch unbeantwortet: %s %s. Sie können sie bis zum Abschluss der Runde ergänzen.",
		answered, len(ids), question, model.JoinMembers(open))
}

// unsavedAnswers are the answers sent for a questionnaire the page no
// longer offers (the round was closed meanwhile, or the user answers no
// more for the conference): shown with the reason, so that nothing typed
// is lost.
type unsavedAnswers struct {
	Slot        respondentSlot
	Year        int
	QuestionIDs []int64
}

// stale reports whether problems refused a form because what it showed
// changed meanwhile (a conflict).
func stale(p problems) bool {
	return slices.ContainsFunc(p, func(e error) bool { return model.ClassOf(e) == model.ErrConflict })
}

// At gives the reasons about the score of question qid ("" when none
// is), for the question's fieldset.
func (sl respondentSlot) At(qid int64) string {
	return sl.Problems.At(fmt.Sprintf("wert_%d", qid))
}

// List gives every reason with the id of its question's fieldset on the
// page ("e0-12": questionnaire si, question 12; "" for the questionnaire
// as a whole), for the box that links each reason to its question
// (problems.List).
func (sl respondentSlot) List(si int) []fieldProblem {
	return sl.Problems.ListAs(func(field string) string {
		if qid, ok := strings.CutPrefix(field, "wert_"); ok {
			return fmt.Sprintf("e%d-%s", si, qid)
		}
		return ""
	})
}

// Summary gives the box of refused questionnaire si (its form's id "e0")
// at the top of the page, where every refused form of gremium has it
// (the template "error-summary"): for which conference the answers are
// not saved, each reason linked to its question, a reason about the
// questionnaire as a whole (saved meanwhile by another account or
// window, nothing answered) to the form. Before, the box stood in the
// form, below the round's introduction: at 320 px one screen down, and a
// spokesperson's second questionnaire two.
func (sl respondentSlot) Summary(si int) errorSummary {
	s := errorSummary{ID: fmt.Sprintf("e%d-fehler", si), List: sl.List(si), Typed: !stale(sl.Problems),
		What: fmt.Sprintf("Ihre Antworten für %s sind nicht gespeichert", hyphenate(sl.Conference.Accusative()))}
	return s.Within(fmt.Sprintf("e%d", si))
}

type evaluationData struct {
	Rounds    []model.EvaluationRound
	Open      *model.EvaluationRound
	Questions []model.EvaluationQuestion
	ByID      map[int64]model.EvaluationQuestion
	Slots     []respondentSlot
	Manage    bool
	NextYear  int
	// Forms counts the questionnaires of each year (one per respondent
	// and conference, as the results count them), not their answers.
	Forms  map[int]int
	InOpen map[int64]bool
	Scale  []int
	// NewRound is the refused form that opens a round ("runde-neu"), or
	// that adds a question to the catalogue ("frage-neu"), as typed, with
	// every reason at its field (jahr, frage; text, gruppe).
	NewRound refusedForm
	// Unsaved are refused answers of a questionnaire the page does not
	// offer (nil when there are none).
	Unsaved *unsavedAnswers
}

// newRoundFieldIDs are the ids of the fields of the form that opens a
// round, by their names.
var newRoundFieldIDs = map[string]string{"jahr": "ev-jahr", "frage": "ev-fragen", "text": "ev-text", "gruppe": "ev-gruppe"}

// NewRoundSummary gives the box above the page (template
// "error-summary") for the refused form that opens a round: every reason
// linked to its field.
func (d evaluationData) NewRoundSummary() errorSummary {
	return summaryAs(d.NewRound.ID+"-fehler", d.NewRound.What, d.NewRound.Problems, func(field string) string { return newRoundFieldIDs[field] })
}

// NewRoundAsks reports whether question id is checked in the form that
// opens a round: every question at first, what was typed when refused.
func (d evaluationData) NewRoundAsks(id int64) bool {
	if d.NewRound.ID != "runde-neu" {
		return true
	}
	return slices.Contains(d.NewRound.Values["frage"], strconv.FormatInt(id, 10))
}

// respondentSlots gives the questionnaires the user answers: a
// spokesperson one per conference in office, a FachMK secretariat one for
// its conference.
func (s *Server) respondentSlots(r *http.Request, u *model.User) ([]respondentSlot, error) {
	ctx := r.Context()
	if !auth.Can(u, auth.Evaluate, "") {
		return nil, nil
	}
	byID, _, err := s.conferenceByID(r)
	if err != nil {
		return nil, err
	}
	if u.Role == model.RoleFachMK {
		b, ok := byID[u.ConferenceID]
		if !ok {
			return nil, nil
		}
		return []respondentSlot{{Respondent: b.Abbrev, Role: model.RoleFachMK, Conference: b}}, nil
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		return nil, err
	}
	last, err := s.st.LastHeldSession(ctx, council.ID)
	if err != nil {
		return nil, err
	}
	as, err := s.st.Assignments(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []respondentSlot
	seen := map[int64]bool{}
	for _, a := range as {
		if a.Member != u.MemberAbbrev || a.Status(last) == model.AssignmentEnded || seen[a.ConferenceID] {
			continue
		}
		seen[a.ConferenceID] = true
		out = append(out, respondentSlot{Respondent: a.Member, Role: model.RoleSpokesperson, Conference: byID[a.ConferenceID]})
	}
	return out, nil
}

func (s *Server) evaluationPage(w http.ResponseWriter, r *http.Request) {
	s.renderEvaluation(w, r, http.StatusOK, nil, refusedForm{})
}

// renderEvaluation shows the evaluation page; refused, when given, is a
// questionnaire whose answers were not saved, shown with its reasons and
// with what was sent instead of the saved answers (refused by a Stand
// changed meanwhile: beside the saved answers, the form on the Stand now
// saved; a questionnaire the page no longer offers: as a list under its
// reasons); newRound the refused form that opens a round (ID "" when none
// was).
func (s *Server) renderEvaluation(w http.ResponseWriter, r *http.Request, status int, refused *unsavedAnswers, newRound refusedForm) {
	u := s.user(r)
	if !auth.Can(u, auth.ViewInternal, "") && !auth.Can(u, auth.Evaluate, "") {
		s.require(w, r, auth.ViewInternal, "")
		return
	}
	ctx := r.Context()
	d := evaluationData{Manage: auth.Can(u, auth.ManageSessions, ""), ByID: map[int64]model.EvaluationQuestion{}, Forms: map[int]int{},
		InOpen: map[int64]bool{}, Scale: []int{1, 2, 3, 4, 5}, NewRound: newRound}
	var err error
	if d.Rounds, err = s.st.Rounds(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Questions, err = s.st.Questions(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, q := range d.Questions {
		d.ByID[q.ID] = q
	}
	d.NextYear = s.today().Year
	for i, rd := range d.Rounds {
		if rd.Status == model.RoundOpen && d.Open == nil {
			d.Open = &d.Rounds[i]
		}
		if rd.Year >= d.NextYear {
			d.NextYear = rd.Year + 1
		}
	}
	answers, err := s.st.Answers(ctx, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	type form struct {
		year       int
		respondent string
		conference int64
	}
	counted := map[form]bool{}
	for _, a := range answers {
		if f := (form{a.Year, a.Respondent, a.ConferenceID}); !counted[f] {
			counted[f] = true
			d.Forms[a.Year]++
		}
	}
	if d.Open != nil {
		for _, id := range d.Open.QuestionIDs {
			d.InOpen[id] = true
		}
		if d.Slots, err = s.respondentSlots(r, u); err != nil {
			s.serverError(w, r, err)
			return
		}
		for i := range d.Slots {
			sl := &d.Slots[i]
			sl.Answers = map[int64]model.EvaluationAnswer{}
			var saved []model.EvaluationAnswer
			for _, a := range answers {
				if a.Year == d.Open.Year && a.Respondent == sl.Respondent && a.ConferenceID == sl.Conference.ID {
					sl.Answers[a.QuestionID] = a
					saved = append(saved, a)
				}
			}
			sl.Stand = model.QuestionnaireStand(saved)
			sl.State = questionnaireState(d.Open.QuestionIDs, sl.Answers)
			if refused != nil && refused.Year == d.Open.Year && refused.Slot.Respondent == sl.Respondent && refused.Slot.Conference.ID == sl.Conference.ID {
				if stale(refused.Slot.Problems) {
					sl.Saved = sl.Answers
				} else {
					// Refused for another reason: the form keeps the
					// Stand it was read at, so that a change saved
					// meanwhile is not overwritten by the corrected one.
					sl.Stand = refused.Slot.Stand
				}
				sl.Answers, sl.Problems = refused.Slot.Answers, refused.Slot.Problems
				refused = nil
			}
		}
	}
	d.Unsaved = refused
	s.render(w, r, status, "evaluation.html", view{Title: "Evaluation der Zusammenarbeit", Active: evaluationNav, Data: d})
}

// evaluationNav is the item of the navigation the evaluation's pages
// belong to, for every role that opens them: "FachMK und Sprecher:innen".
// The pages are one and the same for everyone — the year's round, its
// questions and results of the collaboration with the FachMK (concept
// section 4) — like the requests (Anliegen) and the conferences' task
// lists there. Before, the secretariat, the spokespersons and the FachMK
// secretariats read them under "Mein Bereich" and the member offices
// under "FachMK und Sprecher:innen": one page in two places of the menu.
const evaluationNav = "fachmk"

// myEvaluation is where a respondent's questionnaires of the open round
// stand, for "Mein Bereich": the round's year (0: no round open), how many
// questions it asks, and the conferences the user answers for: Answered
// those whose every asked question has an answer, Partial those begun and
// not finished, Open those not begun. Before, a questionnaire counted as
// answered as soon as one answer was in, so "Mein Bereich" said it was
// done while /evaluation said "Noch unbeantwortet: 1 von 5 Fragen".
type myEvaluation struct {
	Year           int
	Asked          int
	Answered, Open []model.Body
	Partial        []myPartialEvaluation
}

// myPartialEvaluation is a questionnaire begun and not finished: its
// conference and how many of the round's asked questions lack an answer.
type myPartialEvaluation struct {
	Conference model.Body
	Missing    int
}

// Unfinished reports whether a questionnaire of the round is still to be
// filled in or completed.
func (ev myEvaluation) Unfinished() bool { return len(ev.Open) > 0 || len(ev.Partial) > 0 }

// evaluationDue gives where u's questionnaires of the open round stand
// (respondentSlots: a spokesperson one per conference in office, a FachMK
// secretariat its own), counting the answers to the round's asked
// questions against its catalogue (as answersSavedNotice does); the zero
// value without an open round or for a user who does not answer.
func (s *Server) evaluationDue(r *http.Request, u *model.User) (myEvaluation, error) {
	var ev myEvaluation
	rounds, err := s.st.Rounds(r.Context())
	if err != nil {
		return ev, err
	}
	var open model.EvaluationRound
	for _, round := range rounds {
		if round.Status == model.RoundOpen {
			open = round
		}
	}
	if open.Year == 0 {
		return ev, nil
	}
	ev.Year, ev.Asked = open.Year, len(open.QuestionIDs)
	slots, err := s.respondentSlots(r, u)
	if err != nil || len(slots) == 0 {
		return ev, err
	}
	answers, err := s.st.Answers(r.Context(), ev.Year)
	if err != nil {
		return ev, err
	}
	for _, sl := range slots {
		answered := 0
		for _, a := range answers {
			if a.Respondent == sl.Respondent && a.ConferenceID == sl.Conference.ID && open.Asks(a.QuestionID) {
				answered++
			}
		}
		switch {
		case answered == 0:
			ev.Open = append(ev.Open, sl.Conference)
		case answered < ev.Asked:
			ev.Partial = append(ev.Partial, myPartialEvaluation{Conference: sl.Conference, Missing: ev.Asked - answered})
		default:
			ev.Answered = append(ev.Answered, sl.Conference)
		}
	}
	return ev, nil
}

// formQuestionIDs reads the checked questions ("frage" values) in the
// catalogue's order.
func formQuestionIDs(r *http.Request) []int64 {
	var ids []int64
	for _, v := range r.PostForm["frage"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// openRound opens the round of a year with the checked questions; a
// refused form comes back as typed with every reason at its field (a year
// that is no number and no question checked are said together).
func (s *Server) openRound(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	var p problems
	year, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("jahr")))
	if err != nil {
		p.add(model.AtField("jahr", model.InputError("Bitte das Jahr der Runde als Zahl angeben, z. B. %d.", s.today().Year)))
	}
	ids := formQuestionIDs(r)
	status := http.StatusBadRequest
	if len(p) > 0 {
		p.addUnrefused(model.CheckNewRound(year, ids))
	} else {
		// The store checks the round (model.CheckNewRound) and says a
		// year that has its round already with the form's other reasons.
		_, err := s.st.OpenRound(r.Context(), year, ids)
		if err == nil {
			back(w, r, "/evaluation", fmt.Sprintf("Die Evaluationsrunde %d ist eröffnet.", year))
			return
		}
		var ok bool
		if status, p, ok = refusalProblems(err); !ok {
			s.fail(w, r, err, "")
			return
		}
	}
	s.renderEvaluation(w, r, status, nil, refusedForm{ID: "runde-neu", What: "Die Runde ist nicht eröffnet", Values: r.PostForm, Problems: p})
}

func (s *Server) addQuestion(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	qs, err := s.st.Questions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	q := model.EvaluationQuestion{Position: len(qs) + 1, Group: strings.TrimSpace(r.PostFormValue("gruppe")), Text: strings.TrimSpace(r.PostFormValue("text"))}
	if _, err := s.st.CreateQuestion(r.Context(), q); err != nil {
		// The page again with the question as typed and the reason at
		// its field (before: the error page, the question lost).
		status, p, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.renderEvaluation(w, r, status, nil, refusedForm{ID: "frage-neu", What: "Die Frage ist nicht aufgenommen", Values: r.PostForm, Problems: p})
		return
	}
	back(w, r, "/evaluation", "Die Frage ist in den Fragenkatalog aufgenommen.")
}

// roundAction checks the secretariat's right and reads the year of the
// path.
func (s *Server) roundAction(w http.ResponseWriter, r *http.Request) (int, bool) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return 0, false
	}
	year, err := strconv.Atoi(r.PathValue("jahr"))
	if err != nil {
		s.notFound(w, r, "Diese Evaluationsrunde gibt es nicht.")
		return 0, false
	}
	return year, true
}

func (s *Server) setRoundQuestions(w http.ResponseWriter, r *http.Request) {
	year, ok := s.roundAction(w, r)
	if !ok {
		return
	}
	if err := s.st.SetRoundQuestions(r.Context(), year, formVersion(r), formQuestionIDs(r)); err != nil {
		s.fail(w, r, err, "Diese Evaluationsrunde gibt es nicht.")
		return
	}
	back(w, r, "/evaluation", fmt.Sprintf("Die Fragen der Runde %d sind gespeichert.", year))
}

func (s *Server) closeRound(w http.ResponseWriter, r *http.Request) {
	year, ok := s.roundAction(w, r)
	if !ok {
		return
	}
	if err := s.st.CloseRound(r.Context(), year, formVersion(r)); err != nil {
		s.fail(w, r, err, "Diese Evaluationsrunde gibt es nicht.")
		return
	}
	back(w, r, "/evaluation/ergebnisse", fmt.Sprintf("Die Evaluationsrunde %d ist abgeschlossen.", year))
}

func (s *Server) submitAnswers(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.Evaluate, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	year, err := strconv.Atoi(r.PathValue("jahr"))
	if err != nil {
		s.notFound(w, r, "Diese Evaluationsrunde gibt es nicht.")
		return
	}
	slots, err := s.respondentSlots(r, u)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var slot *respondentSlot
	for i := range slots {
		if slots[i].Conference.Abbrev == r.PostFormValue("fachmk") {
			slot = &slots[i]
		}
	}
	if slot == nil {
		s.fail(w, r, model.ForbiddenError("Sie beantworten die Evaluation nur für Ihre eigenen Fachministerkonferenzen."), "")
		return
	}
	rd, err := s.st.Round(r.Context(), year)
	if err != nil {
		s.fail(w, r, err, "Diese Evaluationsrunde gibt es nicht.")
		return
	}
	// The Stand of the saved answers the form showed (none: 0, so that a
	// form without one overwrites no answer).
	stand, _ := strconv.Atoi(r.PostFormValue("stand"))
	answers, sent, err := evaluationAnswersFromForm(r, rd, *slot)
	if err == nil {
		err = s.st.SubmitAnswersOnStand(r.Context(), year, stand, answers)
	}
	if err != nil {
		// A refused questionnaire comes back with everything typed, every
		// reason at its question; answers saved meanwhile by another
		// account beside it; a round closed meanwhile with the page's
		// reason and the answers as typed (before: the error page, the
		// comments lost). A round that is gone gets the error page.
		status, p, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "Diese Evaluationsrunde gibt es nicht.")
			return
		}
		refused := unsavedAnswers{Slot: *slot, Year: year, QuestionIDs: rd.QuestionIDs}
		refused.Slot.Answers, refused.Slot.Problems, refused.Slot.Stand = sent, p, stand
		s.renderEvaluation(w, r, status, &refused, refusedForm{})
		return
	}
	// Answers saved before stay (a question once scored keeps its score),
	// so what is answered is read back from the store.
	answered := len(answers)
	if all, err := s.st.Answers(r.Context(), year); err == nil {
		answered = 0
		for _, a := range all {
			if a.Respondent == slot.Respondent && a.ConferenceID == slot.Conference.ID && rd.Asks(a.QuestionID) {
				answered++
			}
		}
	}
	back(w, r, "/evaluation", answersSavedNotice(slot.Conference, s.clock(), len(rd.QuestionIDs), answered))
}

// answersSavedNotice confirms a saved questionnaire for conference: when it
// was saved (German time) and how many of the round's asked questions are
// still unanswered, or that all are — an answer is a score, and a question
// left without one may be answered later while the round is open. Before,
// the page came back with "gespeichert. Danke!" alone, which read the same
// after one answer as after all.
func answersSavedNotice(conference model.Body, saved time.Time, asked, answered int) string {
	n := fmt.Sprintf("Ihre Antworten für %s sind gespeichert (%s).", conference.Accusative(), model.BerlinDateTime(saved))
	switch open := asked - answered; {
	case open > 0:
		questions := "Fragen"
		if asked == 1 {
			questions = "Frage"
		}
		return n + fmt.Sprintf(" Noch unbeantwortet: %d von %d %s. Sie können sie bis zum Abschluss der Runde ergänzen.", open, asked, questions)
	case asked == 1:
		return n + " Die Frage ist beantwortet. Danke!"
	default:
		return n + fmt.Sprintf(" Alle %d Fragen sind beantwortet. Danke!", asked)
	}
}

// evaluationAnswersFromForm reads the answers of questionnaire slot to
// the questions of round rd, and what was sent (to show it again when
// refused). Every question's reason is given (errors.Join, each at its
// score, wert_12): a remark without a score (it would be dropped: an
// answer is a score), a score that is no number from 1 to 5, and none
// answered at all.
func evaluationAnswersFromForm(r *http.Request, rd model.EvaluationRound, slot respondentSlot) ([]model.EvaluationAnswer, map[int64]model.EvaluationAnswer, error) {
	var answers []model.EvaluationAnswer
	var p problems
	sent := map[int64]model.EvaluationAnswer{}
	for i, qid := range rd.QuestionIDs {
		field := fmt.Sprintf("wert_%d", qid)
		v := strings.TrimSpace(r.PostFormValue(field))
		comment := strings.TrimSpace(r.PostFormValue(fmt.Sprintf("kommentar_%d", qid)))
		a := model.EvaluationAnswer{QuestionID: qid, Year: rd.Year, Respondent: slot.Respondent, ConferenceID: slot.Conference.ID, Role: slot.Role, Comment: comment}
		if v == "" {
			if comment != "" {
				sent[qid] = a
				p.add(model.AtField(field, model.InputError("Zu Frage %d steht eine Anmerkung, aber keine Bewertung. Bitte wählen Sie eine Bewertung von 1 bis 5; eine Anmerkung wird nur mit ihr gespeichert.", i+1)))
			}
			continue
		}
		score, err := strconv.Atoi(v)
		if err != nil || score < 1 || score > 5 {
			sent[qid] = a
			p.add(model.AtField(field, model.InputError("Die Bewertung zu Frage %d muss eine Zahl von 1 bis 5 sein.", i+1)))
			continue
		}
		a.Score = score
		answers = append(answers, a)
		sent[qid] = a
	}
	if len(answers) == 0 && len(p) == 0 {
		p.add(model.InputError("Bitte beantworten Sie mindestens eine Frage."))
	}
	return answers, sent, p.err()
}

// chartRow is one line of a results table and one bar of its chart.
type chartRow struct {
	Label string
	Score model.Score
}

// resultBlock is a chart with its table: a question or a FachMK over the
// years.
type resultBlock struct {
	ID    string
	Title string
	Rows  []chartRow
	Chart template.HTML
	Notes []string // comments
}

type resultsData struct {
	// Full: the reader is the secretariat running the evaluation and sees
	// every mean, of open rounds too; other readers see closed rounds, a
	// question's mean from model.EvaluationMinForms questionnaires besides
	// any one respondent's, and no mean per FachMK
	// (model.EvaluationResultsFor).
	Full         bool
	Years        []int
	ByQuestion   []resultBlock
	ByConference []resultBlock
	Rounds       []model.EvaluationRound
}

// evaluationResults sums up the answers the reader may see, as the gate
// model.EvaluationResultsFor lets them through: the secretariat running
// the evaluation (auth.ManageSessions) sees all answers, of open rounds
// too; every other reader closed rounds, a question's mean and comments
// only from model.EvaluationMinForms questionnaires besides any one
// respondent's, and no mean per FachMK. Before, every internal reader saw
// the running round's means move with each questionnaire, and a FachMK's
// mean of three questionnaires let two of its spokespersons work back the
// secretariat's rating of them.
func (s *Server) evaluationResults(r *http.Request) (resultsData, error) {
	ctx := r.Context()
	d := resultsData{Full: auth.Can(s.user(r), auth.ManageSessions, "")}
	qs, err := s.st.Questions(ctx)
	if err != nil {
		return d, err
	}
	answers, err := s.st.Answers(ctx, 0)
	if err != nil {
		return d, err
	}
	_, bodies, err := s.conferenceByID(r)
	if err != nil {
		return d, err
	}
	if d.Rounds, err = s.st.Rounds(ctx); err != nil {
		return d, err
	}
	res := model.EvaluationResultsFor(answers, d.Rounds, d.Full)
	d.Years = res.Years
	block := func(id, title string, scores map[int]model.Score) resultBlock {
		b := resultBlock{ID: id, Title: title}
		for _, y := range res.Years {
			b.Rows = append(b.Rows, chartRow{Label: strconv.Itoa(y), Score: scores[y]})
		}
		b.Chart = barChart(id, title, b.Rows)
		return b
	}
	for _, q := range qs {
		if len(res.ByQuestion[q.ID]) == 0 {
			continue
		}
		b := block(fmt.Sprintf("frage-%d", q.ID), q.Text, res.ByQuestion[q.ID])
		for _, y := range res.Years {
			for _, c := range res.Comments[q.ID][y] {
				b.Notes = append(b.Notes, fmt.Sprintf("%d: %s", y, c))
			}
		}
		d.ByQuestion = append(d.ByQuestion, b)
	}
	for _, c := range bodies {
		if len(res.ByConference[c.ID]) == 0 {
			continue
		}
		d.ByConference = append(d.ByConference, block("fachmk-"+strings.ToLower(c.Abbrev), c.Name, res.ByConference[c.ID]))
	}
	return d, nil
}

// resultsRuleText says to a reader other than the secretariat which means
// are shown (model.EvaluationResultsFor), on the page and in the PDF.
var resultsRuleText = fmt.Sprintf("Gezeigt werden abgeschlossene Runden. Ein Mittelwert je Frage wird nur ausgewiesen, wenn er auch ohne die Fragebögen einer einzelnen Stelle noch auf mindestens %d Fragebögen beruht; sonst steht „–“, und seine Anmerkungen entfallen ebenso. So kann niemand, der selbst geantwortet hat, aus dem Mittelwert und den eigenen Antworten auf die Antworten anderer schließen.", model.EvaluationMinForms)

// conferenceMeansText says to a reader other than the secretariat why the
// means per FachMK are not shown (model.EvaluationResultsFor).
const conferenceMeansText = "Die Mittelwerte je Fachministerkonferenz sieht nur die Geschäftsstelle. Sie beruhen auf wenigen Fragebögen – denen der Sprecher:innen und der Geschäftsstelle der Fachministerkonferenz –, aus denen die Sprecher:innen mit ihren eigenen Antworten die Bewertung ihrer Arbeit durch die Fachministerkonferenz errechnen könnten."

// RuleText says which means the reader sees (a reader other than the
// secretariat).
func (resultsData) RuleText() string { return resultsRuleText }

// ConferenceMeansText says why the reader sees no mean per FachMK.
func (resultsData) ConferenceMeansText() string { return conferenceMeansText }

// barChart draws the mean scores (1–5) as an accessible SVG bar chart: the
// image has a title and a description that gives every number, and the
// page shows the same numbers as a table beside it.
func barChart(id, title string, rows []chartRow) template.HTML {
	const w, h, left, bottom, top = 320.0, 180.0, 28.0, 24.0, 10.0
	plotH := h - bottom - top
	var b strings.Builder
	var desc []string
	for _, r := range rows {
		desc = append(desc, fmt.Sprintf("%s: %s", r.Label, r.Score.German()))
	}
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d" xmlns="http://www.w3.org/2000/svg">`, w, h, id, id)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">Mittelwert auf der Skala 1 bis 5 je Jahr: %s</desc>`,
		id, template.HTMLEscapeString(title), id, template.HTMLEscapeString(strings.Join(desc, "; ")))
	for v := 1; v <= 5; v++ {
		y := top + plotH - plotH*float64(v)/5
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#c8ccd2" stroke-width="1"/><text x="%.0f" y="%.1f" font-size="11" text-anchor="end" fill="#333">%d</text>`,
			left, w-4, y, y, left-6, y+4, v)
	}
	n := max(len(rows), 1)
	slot := (w - left - 8) / float64(n)
	bar := min(slot*0.6, 60)
	for i, r := range rows {
		x := left + 4 + slot*float64(i) + (slot-bar)/2
		bh := plotH * r.Score.Mean() / 5
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#1f4e79"/>`, x, top+plotH-bh, bar, bh)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="middle" fill="#1a1a1a">%s</text>`, x+bar/2, top+plotH-bh-3, r.Score.German())
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" font-size="11" text-anchor="middle" fill="#333">%s</text>`, x+bar/2, h-8, template.HTMLEscapeString(r.Label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// resultsAudienceText tells a signed-in reader who may not read the
// results (a FachMK secretariat) who does, and what of their own answers
// anyone can see (model.EvaluationResultsFor).
var resultsAudienceText = fmt.Sprintf("Die Ergebnisse der Evaluation sind intern. Die Geschäftsstelle des IT-Planungsrats wertet sie aus und stellt sie auf der Klausurtagung des IT-Planungsrats vor. "+
	"Die Mitglieder des IT-Planungsrats und die fachpolitischen Sprecher:innen sehen die Mittelwerte je Frage aus abgeschlossenen Runden, und nur, wenn sie auch ohne die Fragebögen einer einzelnen Stelle noch auf mindestens %d Fragebögen beruhen; "+
	"die Mittelwerte je Fachministerkonferenz sieht nur die Geschäftsstelle. Ihre Bewertungen sind so nirgends einzeln erkennbar. Anmerkungen stehen bei einer Frage, deren Mittelwert gezeigt wird, wörtlich und ohne Namen, nach ihrem Text geordnet. Fragen zu den Ergebnissen beantwortet die Geschäftsstelle des IT-Planungsrats.", model.EvaluationMinForms)

// admitResults lets an internal reader on to the results (page, CSV and
// PDF); anyone else signed in gets the page that says who reads them
// (before: a FachMK secretariat, which answers the questionnaire, got
// "Für diese Seite oder Aktion fehlt Ihnen die Berechtigung."), anyone not
// signed in the sign-in.
func (s *Server) admitResults(w http.ResponseWriter, r *http.Request) bool {
	if u := s.user(r); u != nil && !auth.Can(u, auth.ViewInternal, "") {
		s.fail(w, r, model.ForbiddenError("%s", resultsAudienceText), "")
		return false
	}
	_, ok := s.require(w, r, auth.ViewInternal, "")
	return ok
}

// readEvaluationResults gives the results for an internal reader (the page
// and the CSV alike); false when the answer is sent (not admitted, or the
// store failed).
func (s *Server) readEvaluationResults(w http.ResponseWriter, r *http.Request) (resultsData, bool) {
	if !s.admitResults(w, r) {
		return resultsData{}, false
	}
	d, err := s.evaluationResults(r)
	if err != nil {
		s.serverError(w, r, err)
		return d, false
	}
	return d, true
}

func (s *Server) evaluationResultsPage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.readEvaluationResults(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "evaluation_results.html", view{Title: "Ergebnisse der Evaluation", Active: evaluationNav, Data: d})
}

func (s *Server) evaluationCSV(w http.ResponseWriter, r *http.Request) {
	d, ok := s.readEvaluationResults(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="evaluation.csv"`)
	cw := csvout.NewWriter(w)
	cw.Write([]string{"Auswertung", "Frage oder Fachministerkonferenz", "Jahr", "Mittelwert", "Fragebögen"})
	for _, part := range []struct {
		kind   string
		blocks []resultBlock
	}{{"je Frage", d.ByQuestion}, {"je Fachministerkonferenz", d.ByConference}} {
		for _, b := range part.blocks {
			for _, row := range b.Rows {
				cw.Write([]string{part.kind, b.Title, row.Label, row.Score.German(), strconv.Itoa(row.Score.Forms)})
			}
		}
	}
	if err := cw.Flush(); err != nil {
		s.log.Error("evaluation csv", "err", err)
	}
}

func (s *Server) evaluationPDF(w http.ResponseWriter, r *http.Request) {
	d, ok := s.readEvaluationResults(w, r)
	if !ok {
		return
	}
	s.servePDF(w, r, "inline", "evaluation.pdf", func(out io.Writer) error {
		return writeEvaluationPDF(d, out)
	})
}

// writeEvaluationPDF writes the PDF of the results d.
func writeEvaluationPDF(d resultsData, out io.Writer) error {
	rep := report.New("Evaluation der Zusammenarbeit von IT-Planungsrat und Fachministerkonferenzen", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	rep.Paragraph("Mittelwerte auf der Skala 1 (trifft nicht zu) bis 5 (trifft voll zu), mit der Zahl der ausgefüllten Fragebögen, je Jahr – für die Klausurtagung. Je Fachministerkonferenz: der Mittelwert über alle Fragen.")
	if !d.Full {
		rep.Paragraph(resultsRuleText)
	}
	table := func(b resultBlock) {
		bars := make([]report.Bar, len(b.Rows))
		for i, row := range b.Rows {
			bars[i] = report.Bar{Label: row.Label, Value: row.Score.Mean(), Text: row.Score.German(), Missing: row.Score.N == 0}
		}
		rep.Bars(bars, 5)
		rows := make([][]string, len(b.Rows))
		for i, row := range b.Rows {
			rows[i] = []string{row.Label, row.Score.German(), strconv.Itoa(row.Score.Forms)}
		}
		rep.Table([]string{"Jahr", "Mittelwert", "Fragebögen"}, []float64{0.3, 0.35, 0.35}, rows)
	}
	rep.Heading("Ergebnisse je Frage")
	for _, b := range d.ByQuestion {
		rep.Subheading(b.Title)
		table(b)
		for _, n := range b.Notes {
			rep.Paragraph("Anmerkung " + n)
		}
	}
	rep.Heading("Ergebnisse je Fachministerkonferenz")
	if !d.Full {
		rep.Paragraph(conferenceMeansText)
	}
	for _, b := range d.ByConference {
		rep.Subheading(b.Title)
		table(b)
	}
	return rep.Write(out)
}
