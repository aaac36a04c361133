package web

// Requests (Anliegen) of the FachMK secretariats to the IT-PLR: the form,
// the list, the page of one request with the secretariat's actions.

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// seesRequestsOf reports whether the user may read the requests of a
// conference: everyone internal, and a FachMK secretariat its own.
func seesRequestsOf(u *model.User, conferenceID int64) bool {
	if auth.Can(u, auth.ViewInternal, "") {
		return true
	}
	return u != nil && !u.Disabled && u.Role == model.RoleFachMK && u.ConferenceID == conferenceID
}

// requestRow is a request with its conference for the pages.
type requestRow struct {
	model.Request
	Conference model.Body
	// Standing is where it stands, as its page says it (requestStandings).
	Standing model.RequestStanding
	// Waiting is how many days an open request has waited (0 once the
	// Geschäftsstelle decided), TooLong whether that is more than
	// model.RequestWaitDays.
	Waiting int
	TooLong bool
}

type requestsData struct {
	Requests    []requestRow
	TooLong     int // open requests waiting longer than model.RequestWaitDays
	WaitDays    int
	Conferences []model.Body // the secretariat chooses the conference
	Own         model.Body   // the FachMK secretariat's conference
	CanSubmit   bool
	CanEvaluate bool // a FachMK secretariat also answers the yearly evaluation
	// Form is a refused new request as typed, Problems every reason it
	// was refused for, each at its field (fachmk, titel, text).
	Form     map[string]string
	Problems problems
}

// conferenceByID gives every FachMK by id.
func (s *Server) conferenceByID(r *http.Request) (map[int64]model.Body, []model.Body, error) {
	return s.bodiesByID(r.Context(), model.BodyFachMK)
}

// bodiesByID gives the bodies of a kind ("": every body) by id, and in
// the order of their names.
func (s *Server) bodiesByID(ctx context.Context, kind model.BodyKind) (map[int64]model.Body, []model.Body, error) {
	all, err := s.st.Bodies(ctx, kind)
	if err != nil {
		return nil, nil, err
	}
	m := map[int64]model.Body{}
	for _, b := range all {
		m[b.ID] = b
	}
	return m, all, nil
}

func (s *Server) requestList(w http.ResponseWriter, r *http.Request) {
	s.renderRequests(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderRequests(w http.ResponseWriter, r *http.Request, status int, form map[string]string, refused problems) {
	u := s.user(r)
	if u == nil {
		http.Redirect(w, r, "/anmelden?weiter=%2Fanliegen", http.StatusSeeOther)
		return
	}
	if !auth.Can(u, auth.ViewInternal, "") && !(u.Role == model.RoleFachMK && !u.Disabled) {
		s.fail(w, r, model.ForbiddenError("Die Anliegen sehen die Geschäftsstelle, die Mitglieder und die Geschäftsstellen der Fachministerkonferenzen."), "")
		return
	}
	byID, all, err := s.conferenceByID(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	qs, err := s.st.Requests(r.Context(), 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := requestsData{CanSubmit: auth.Can(u, auth.SubmitRequest, ""), CanEvaluate: auth.Can(u, auth.Evaluate, ""), Form: form, Problems: refused}
	if u.Role == model.RoleSecretariat {
		d.Conferences = all
	}
	d.Own = byID[u.ConferenceID]
	today := s.today()
	d.WaitDays = model.RequestWaitDays
	var seen []model.Request
	for _, q := range qs {
		if seesRequestsOf(u, q.ConferenceID) {
			seen = append(seen, q)
		}
	}
	// Where each stands, as its page says it: "auf der Tagesordnung der
	// 48. Sitzung … als TOP 02" once accepted (before, the list said "als
	// TOP angemeldet" beside the page's TOP).
	standings, err := s.requestStandings(r.Context(), seen)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for i, q := range seen {
		row := requestRow{Request: q, Conference: byID[q.ConferenceID], Standing: standings[i], Waiting: q.WaitingDays(today), TooLong: q.WaitsTooLong(today)}
		if row.TooLong {
			d.TooLong++
		}
		d.Requests = append(d.Requests, row)
	}
	s.render(w, r, status, "requests.html", view{Title: "Anliegen an den IT-Planungsrat", Active: "fachmk", Data: d})
}

// requestStandings gives where each of the requests qs stands
// (model.Request.StandingWith), in their order: the agenda item each
// became, one read per such request, and the items' sessions in one
// read. The request's page, the list and "Mein Bereich" take it.
func (s *Server) requestStandings(ctx context.Context, qs []model.Request) ([]model.RequestStanding, error) {
	items := map[int64]model.AgendaItem{}
	var sessionIDs []int64
	for _, q := range qs {
		if q.ItemID == 0 {
			continue
		}
		if _, ok := items[q.ItemID]; ok {
			continue
		}
		it, err := s.st.Item(ctx, q.ItemID)
		if errors.Is(err, model.ErrNotFound) {
			continue // no longer there: the request's status alone
		}
		if err != nil {
			return nil, err
		}
		items[q.ItemID] = it
		sessionIDs = append(sessionIDs, it.SessionID)
	}
	sessions := map[int64]model.Session{}
	if len(sessionIDs) > 0 {
		var err error
		if sessions, err = s.st.SessionsByID(ctx, sessionIDs); err != nil {
			return nil, err
		}
	}
	out := make([]model.RequestStanding, len(qs))
	for i, q := range qs {
		it := items[q.ItemID]
		out[i] = q.StandingWith(it, sessions[it.SessionID])
	}
	return out, nil
}

func (s *Server) submitRequest(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.SubmitRequest, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	// "formular": the form's one-time key, kept when the form is refused.
	form := map[string]string{"titel": strings.TrimSpace(r.PostFormValue("titel")), "text": strings.TrimSpace(r.PostFormValue("text")), "fachmk": r.PostFormValue("fachmk"),
		"formular": r.PostFormValue("formular")}
	q := model.Request{Title: form["titel"], Text: form["text"], SubmittedBy: u.Username, ConferenceID: u.ConferenceID, Via: model.ViaConference}
	// Every reason at once, each at its field (before: the first only,
	// above the form).
	var refused problems
	// Each line of the description becomes a point of the agenda item
	// (store.RequestToItem), which is public with the agenda: passages in
	// [[…]] stay confidential there, each line's marks balanced. Before,
	// the text was stored as typed and "[[…]]" reached the public agenda,
	// its JSON and the search.
	if title, err := model.ConfidentialMarks(form["titel"]); err != nil {
		refused.add(model.AtField("titel", err))
	} else {
		q.Title = title
	}
	if lines, err := formLines(form["text"]); err != nil {
		refused.add(model.AtField("text", err))
	} else {
		q.Text = strings.Join(lines, "\n")
	}
	if u.Role == model.RoleSecretariat {
		b, err := s.st.BodyByAbbrev(r.Context(), form["fachmk"])
		switch {
		case err != nil && !errors.Is(err, model.ErrNotFound):
			s.fail(w, r, err, "")
			return
		case err != nil || b.Kind != model.BodyFachMK:
			refused.add(model.AtField("fachmk", model.InputError("Bitte wählen Sie die Fachministerkonferenz, deren Anliegen Sie erfassen.")))
		default:
			q.ConferenceID, q.Via = b.ID, model.ViaSecretariat
		}
	}
	// The request's own rules (a title, its length, the text's): the
	// store applies them too.
	q.Status = model.RequestReceived
	refused.addUnrefused(q.Validate())
	err := refused.err()
	var id int64
	// Sent again (the back button, a double click), the form submits no
	// second request: it leads to the first.
	var again bool
	if err == nil {
		id, err = s.st.SubmitRequest(r.Context(), q, sentOnce(r, u, &again))
	}
	if err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.renderRequests(w, r, status, form, reasons)
		return
	}
	if again {
		back(w, r, "/anliegen/"+strconv.FormatInt(id, 10), sentAgain("das Anliegen ist eingegangen, hier steht es."))
		return
	}
	back(w, r, "/anliegen/"+strconv.FormatInt(id, 10), "Das Anliegen ist eingegangen. Den Stand sehen Sie hier.")
}

type requestData struct {
	Request    model.Request
	Conference model.Body
	Item       *model.AgendaItem
	Session    *model.Session
	Sessions   []model.Session // open sessions a registration can go to
	Sections   []model.Section
	Statuses   []model.RequestStatus
	Manage     bool
	// Withdraw: the reader is the request's FachMK secretariat and may
	// still withdraw it (model.Request.Withdraw: not yet acted on).
	Withdraw bool
	// Refused is the secretariat's form the store refused, shown again
	// as typed with the reason ("stand" or "top").
	Refused refusedForm
	// Standing is where the request stands (model.RequestStanding), as
	// the list and "Mein Bereich" say it too.
	Standing model.RequestStanding
}

// requestFromPath loads the request of the path and checks that the user
// may read it.
func (s *Server) requestFromPath(w http.ResponseWriter, r *http.Request) (model.Request, bool) {
	u := s.user(r)
	if u == nil && r.Method == http.MethodGet {
		http.Redirect(w, r, "/anmelden?weiter="+r.URL.EscapedPath(), http.StatusSeeOther)
		return model.Request{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Dieses Anliegen gibt es nicht.")
		return model.Request{}, false
	}
	q, err := s.st.Request(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Dieses Anliegen gibt es nicht.")
		return q, false
	}
	if !seesRequestsOf(u, q.ConferenceID) {
		// The requests of another conference are not even confirmed to
		// exist.
		s.notFound(w, r, "Dieses Anliegen gibt es nicht.")
		return q, false
	}
	return q, true
}

func (s *Server) requestPage(w http.ResponseWriter, r *http.Request) {
	q, ok := s.requestFromPath(w, r)
	if !ok {
		return
	}
	s.renderRequest(w, r, q, http.StatusOK, refusedForm{})
}

// refuseRequestForm shows the request's page again after err refused its
// form id, as typed with the reason (see refusal); other errors get the
// error page.
func (s *Server) refuseRequestForm(w http.ResponseWriter, r *http.Request, requestID int64, id, what string, err error) {
	refused, status, ok := refusedFormOf(r, id, what, err)
	if !ok {
		s.fail(w, r, err, "")
		return
	}
	// The request as stored now: after a conflict the page shows what the
	// other change left.
	q, err := s.st.Request(r.Context(), requestID)
	if err != nil {
		s.fail(w, r, err, "Dieses Anliegen gibt es nicht.")
		return
	}
	s.renderRequest(w, r, q, status, refused)
}

// renderRequest shows the page of request q, with a refused form if there
// is one.
func (s *Server) renderRequest(w http.ResponseWriter, r *http.Request, q model.Request, status int, refused refusedForm) {
	ctx := r.Context()
	u := s.user(r)
	d := requestData{Request: q, Manage: auth.Can(u, auth.ManageSessions, ""), Refused: refused,
		Statuses: q.ManualStatuses()}
	if u != nil && u.Role == model.RoleFachMK && u.ConferenceID == q.ConferenceID {
		probe := q
		d.Withdraw = probe.Withdraw(u.Username, s.clock()) == nil
	}
	var err error
	if d.Conference, err = s.st.Body(ctx, q.ConferenceID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if q.ItemID != 0 {
		it, err := s.st.Item(ctx, q.ItemID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		se, err := s.st.Session(ctx, it.SessionID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Item, d.Session = &it, &se
	}
	d.Standing = q.StandingWith(model.AgendaItem{}, model.Session{})
	if d.Item != nil {
		d.Standing = q.StandingWith(*d.Item, *d.Session)
	}
	if d.Manage && q.ItemID == 0 && !q.Status.Final() {
		council, err := s.councilBody(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		coming, err := s.st.ComingSessions(ctx, council.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, se := range coming {
			// Sessions in preparation whose agenda is open: a cancelled
			// one keeps its status "geplant" but takes no more items.
			if se.RegistrationOpen() && se.CheckAgendaOpen() == nil {
				d.Sessions = append(d.Sessions, se)
			}
		}
		sections, err := s.st.Sections(ctx, council.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Sections = model.Topics(sections)
	}
	s.render(w, r, status, "request.html", view{Title: "Anliegen: " + model.InternalText(q.Title), Active: "fachmk", Data: d})
}

// requestSection reads the Schwerpunktthema a request is registered
// under (the form's "abschnitt"): 0 for none ("ohne", or no field), else
// the id of one of the council's topics (model.Topics: the sections an
// agenda item is accepted into), which the agenda's accept form then
// offers first. Anything else — a name ("Übergreifendes"), the Grüne
// Liste, another body's section — is refused at the field: before, a
// value that was no number was taken as none without a word.
func (s *Server) requestSection(ctx context.Context, councilID int64, value string) (int64, error) {
	if value = strings.TrimSpace(value); value == "" || value == "0" {
		return 0, nil
	}
	sections, err := s.st.Sections(ctx, councilID)
	if err != nil {
		return 0, err
	}
	if id, err := strconv.ParseInt(value, 10, 64); err == nil {
		for _, t := range model.Topics(sections) {
			if t.ID == id {
				return id, nil
			}
		}
	}
	return 0, model.AtField("abschnitt", model.InputError("Das gewählte Schwerpunktthema gibt es auf der Tagesordnung nicht; bitte eines aus der Liste wählen (oder „ohne“)."))
}

func (s *Server) setRequestStatus(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	q, ok := s.requestFromPath(w, r)
	if !ok {
		return
	}
	to := model.RequestStatus(r.PostFormValue("status"))
	if err := s.st.SetRequestStatus(r.Context(), q.ID, formVersion(r), to, r.PostFormValue("begruendung")); err != nil {
		s.refuseRequestForm(w, r, q.ID, "stand", "Der Stand ist nicht gespeichert", err)
		return
	}
	back(w, r, "/anliegen/"+strconv.FormatInt(q.ID, 10), "Der Stand des Anliegens ist gespeichert: "+to.Label()+".")
}

// withdrawRequest lets a FachMK secretariat withdraw its own request
// while the Geschäftsstelle has not acted on it, once it ticked "Ja, das
// Anliegen zurückziehen" (store.WithdrawRequest: who and when, audited,
// the Geschäftsstelle told). Before, it had no way to, and a status
// change was the Geschäftsstelle's only (403).
func (s *Server) withdrawRequest(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.SubmitRequest, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	q, ok := s.requestFromPath(w, r)
	if !ok {
		return
	}
	const what = "Das Anliegen ist nicht zurückgezogen"
	// Sent twice (a double click, the back button): done, not "… bereits
	// zurückgezogen. Das Formular zeigt Ihre Eingabe." above a page
	// without the form.
	if q.Status == model.RequestWithdrawn {
		back(w, r, "/anliegen/"+strconv.FormatInt(q.ID, 10), "Das Anliegen ist bereits zurückgezogen.")
		return
	}
	if r.PostFormValue("bestaetigt") != "ja" {
		refused := refusedForm{ID: "zurueckziehen", What: what, Values: r.PostForm}
		refused.Problems.add(model.AtField("bestaetigt", model.InputError("Bitte bestätigen Sie, dass Sie das Anliegen zurückziehen wollen.")))
		s.renderRequest(w, r, q, http.StatusUnprocessableEntity, refused)
		return
	}
	if err := s.st.WithdrawRequest(r.Context(), q.ID, formVersion(r), *u); err != nil {
		s.refuseRequestForm(w, r, q.ID, "zurueckziehen", what, err)
		return
	}
	back(w, r, "/anliegen/"+strconv.FormatInt(q.ID, 10), "Das Anliegen ist zurückgezogen.")
}

func (s *Server) requestToItem(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	q, ok := s.requestFromPath(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Every reason at once, each at its field.
	var refused problems
	number, _ := strconv.Atoi(r.PostFormValue("sitzung"))
	se, err := s.st.SessionByNumber(ctx, council.ID, number)
	switch {
	case errors.Is(err, model.ErrNotFound):
		// A session that is not (any more) there: the form again, the
		// reason at its field (before: the error page).
		refused.add(model.AtField("sitzung", model.InputError("Bitte wählen Sie eine geplante Sitzung.")))
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	section, err := s.requestSection(ctx, council.ID, r.PostFormValue("abschnitt"))
	switch {
	case model.ClassOf(err) == model.ErrInput:
		refused.add(err)
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if len(refused) > 0 {
		s.refuseRequestForm(w, r, q.ID, "top", "Das Anliegen ist nicht als TOP angemeldet", refused.err())
		return
	}
	if _, err := s.st.RequestToItem(ctx, q.ID, formVersion(r), store.RequestItem{SessionID: se.ID, SectionID: section}); err != nil {
		s.refuseRequestForm(w, r, q.ID, "top", "Das Anliegen ist nicht als TOP angemeldet", err)
		return
	}
	back(w, r, "/anliegen/"+strconv.FormatInt(q.ID, 10), "Das Anliegen ist als TOP zur "+se.Title()+" angemeldet.")
}
