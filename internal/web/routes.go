package web

import (
	"io"
	"io/fs"
	"net/http"

	"gremium/internal/api"
	"gremium/internal/auth"
	"gremium/internal/model"
)

// router is where routes are registered: an *http.ServeMux, or in tests a
// recorder that lists the patterns (the no-leak test crawls every GET
// route).
type router interface {
	Handle(pattern string, handler http.Handler)
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

// routes registers every page of gremium in one place (the JSON API and
// OParl register their own routes in internal/api, mounted here).
func (s *Server) routes(mux router) {
	mux = formRouter{mux, s} // every form read within its bound (forms.go)
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", s.staticFiles(static)))
	// Operations (ops.go): liveness, readiness, Prometheus metrics.
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", s.metrics())
	// For crawlers and browsers: robots.txt, and no favicon.
	mux.HandleFunc("GET /robots.txt", robotsTxt)
	mux.HandleFunc("GET /favicon.ico", noFavicon)

	// Public pages: home, sessions and minutes, the register, search.
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /sitzungen", s.sessionList)
	mux.HandleFunc("GET /sitzungen.ics", s.sessionCalendar)
	mux.HandleFunc("GET /sitzungen/{nr}", s.sessionPage)
	mux.HandleFunc("GET /sitzungen/{nr}/protokoll", s.protocolPage)
	mux.HandleFunc("GET /sitzungen/{nr}/protokoll.pdf", s.protocolPDF)
	mux.HandleFunc("GET /sitzungen/{nr}/protokoll.txt", s.protocolText)
	mux.HandleFunc("GET /beschluesse", s.decisionList)
	mux.HandleFunc("GET /beschluesse.atom", s.decisionFeed)
	mux.HandleFunc("GET /beschluesse.csv", s.registerCSV)
	mux.HandleFunc("GET /beschluesse.pdf", s.registerPDF)
	mux.HandleFunc("GET /beschluesse/{ref...}", s.decisionPage)
	mux.HandleFunc("GET /suche", s.searchPage)
	// The legal pages whose content the operator sets (legal.go).
	for _, k := range model.LegalPageKinds {
		mux.HandleFunc("GET "+k.Path(), s.legalPage(k))
	}

	// Follow-ups (followups.go): the list, per member, one follow-up (by
	// its public number; by its internal id for internal readers and the
	// addresses published before the numbers), its progress reported by
	// the responsible office, exports.
	mux.HandleFunc("GET /auftraege", s.followUpList)
	mux.HandleFunc("GET /auftraege.csv", s.followUpCSV)
	mux.HandleFunc("GET /auftraege.pdf", s.followUpPDF)
	mux.HandleFunc("GET /auftraege/nr/{nr}", s.followUpByNumber)
	mux.HandleFunc("GET /auftraege/{id}", s.followUpPage)
	mux.HandleFunc("POST /auftraege/{id}", s.editFollowUp)
	mux.HandleFunc("POST /auftraege/{id}/stand", s.reportFollowUp)
	mux.HandleFunc("POST /auftraege/{id}/kommentare", s.commentFollowUp)
	mux.HandleFunc("POST /auftraege/{id}/erinnerung", s.remindFollowUp)
	mux.HandleFunc("GET /mitglieder/{mitglied}/auftraege", s.memberFollowUps)
	mux.HandleFunc("GET /sitzungen/{nr}/auftragsvorschlaege", s.followUpProposals)
	mux.HandleFunc("POST /sitzungen/{nr}/auftragsvorschlaege", s.handleFollowUpProposal)
	// The personal calendar feed at a private, revocable address (personal_feed.go).
	mux.HandleFunc("GET /mein-kalender", s.calendarPage)
	mux.HandleFunc("POST /mein-kalender", s.newCalendarAddress)
	mux.HandleFunc("POST /mein-kalender/widerrufen", s.revokeCalendarAddress)
	mux.HandleFunc("GET /kalender/{datei}", s.personalCalendar)

	// Logging in and out (login.go), with OpenID Connect when configured.
	mux.HandleFunc("GET /anmelden", s.loginPage)
	mux.HandleFunc("POST /anmelden", s.login)
	mux.HandleFunc("POST /anmelden/eingaben", s.takeOverKept)
	mux.HandleFunc("POST /abmelden", s.logout)
	mux.HandleFunc("GET /anmelden/oidc", s.oidcStart)
	mux.HandleFunc("GET /anmelden/oidc/rueckruf", s.oidcCallback)

	// The own account and the secretariat's account list (account.go).
	mux.HandleFunc("GET /konto", s.accountPage)
	mux.HandleFunc("GET /konto/passwort", s.passwordPage)
	mux.HandleFunc("POST /konto/passwort", s.changePassword)
	mux.HandleFunc("POST /konto/abmelden-ueberall", s.logoutEverywhere)
	mux.HandleFunc("POST /konto/tokens", s.createToken)
	mux.HandleFunc("POST /konto/tokens/{id}/widerrufen", s.revokeToken)
	mux.HandleFunc("GET /konten", s.accountList)
	mux.HandleFunc("POST /konten/{id}/passwort", s.resetPassword)
	mux.HandleFunc("POST /konten/{id}/sperren", s.setAccountDisabled(true))
	mux.HandleFunc("POST /konten/{id}/entsperren", s.setAccountDisabled(false))
	mux.HandleFunc("POST /konten/{id}/e-mail", s.setAccountEmail)

	// Planning a session (planning.go) and building its agenda (agenda.go).
	mux.HandleFunc("GET /sitzungen/neu", s.newSessionPage)
	mux.HandleFunc("POST /sitzungen", s.createSession)
	mux.HandleFunc("GET /sitzungen/{nr}/verwaltung", s.managePage)
	mux.HandleFunc("POST /sitzungen/{nr}/status", s.advanceSession)
	mux.HandleFunc("POST /sitzungen/{nr}/veroeffentlichen", s.publishAgenda)
	mux.HandleFunc("POST /sitzungen/{nr}/nummerieren", s.numberAgenda)
	mux.HandleFunc("POST /tops/{id}", s.updateItem)
	mux.HandleFunc("POST /tops/{id}/entscheidung", s.decideRegistration)
	mux.HandleFunc("POST /tops/{id}/verschieben", s.moveItem)
	mux.HandleFunc("POST /tops/{id}/vertagen", s.deferItem)

	// Editing, moving, cancelling, deleting a session; the session
	// calendar (schedule.go).
	mux.HandleFunc("GET /sitzungen/{nr}/bearbeiten", s.editSessionPage)
	mux.HandleFunc("POST /sitzungen/{nr}/bearbeiten", s.editSession)
	mux.HandleFunc("POST /sitzungen/{nr}/absagen", s.cancelSession)
	mux.HandleFunc("POST /sitzungen/{nr}/loeschen", s.deleteSession)
	mux.HandleFunc("GET /sitzungen/kalender", s.sessionCalendarPage)

	// Agenda registration by members (registration.go).
	mux.HandleFunc("GET /sitzungen/{nr}/anmeldung", s.registerPage)
	mux.HandleFunc("POST /sitzungen/{nr}/anmeldung", s.registerItem)
	// A registration is the registering office's (and, read-only, a co-applicant
	// office's): not every account of its member (a spokesperson of the Land).
	mux.HandleFunc("GET /anmeldungen/{id}", s.requireAction(auth.RegisterItem, s.myRegistrationPage))
	mux.HandleFunc("POST /anmeldungen/{id}/zurueckziehen", s.requireAction(auth.RegisterItem, s.withdrawRegistration))
	mux.HandleFunc("POST /anmeldungen/{id}/verlegen", s.moveRegistration) // registration_move.go
	mux.HandleFunc("POST /mitantraege/{id}", s.answerCoApplication)
	mux.HandleFunc("GET /anmeldungen/{id}/aendern", s.editRegistrationPage)
	mux.HandleFunc("POST /anmeldungen/{id}/aendern", s.changeRegistration)

	// Documents (documents.go).
	mux.HandleFunc("POST /sitzungen/{nr}/dokumente", s.uploadDocument)
	mux.HandleFunc("GET /dokumente/{id}", s.downloadDocument)
	mux.HandleFunc("POST /dokumente/{id}/notiz", s.saveDocumentNote)

	// Minutes review: comments, approval, corrections (review.go).
	mux.HandleFunc("POST /sitzungen/{nr}/kommentare", s.commentMinutes)
	mux.HandleFunc("POST /sitzungen/{nr}/genehmigen", s.approveMinutes)
	mux.HandleFunc("GET /sitzungen/{nr}/protokoll/fassungen/{v}", s.minutesVersion)
	// Structured corrections of approved minutes (corrections.go).
	mux.HandleFunc("GET /sitzungen/{nr}/berichtigen", s.correctionPage)
	mux.HandleFunc("POST /sitzungen/{nr}/berichtigungen", s.proposeCorrection)
	mux.HandleFunc("POST /protokollberichtigungen/{id}/genehmigen", s.approveCorrection)

	// Live minutes (live.go) and decisions in session (live_decisions.go).
	mux.HandleFunc("GET /sitzungen/{nr}/live", s.livePage)
	mux.HandleFunc("GET /sitzungen/{nr}/live/ereignisse", s.liveEvents)
	mux.HandleFunc("GET /sitzungen/{nr}/live/stand", s.liveState)
	mux.HandleFunc("POST /sitzungen/{nr}/beschlussfaehigkeit", s.establishQuorum)
	mux.HandleFunc("GET /sitzungen/{nr}/anwesenheit", s.attendancePage)
	mux.HandleFunc("POST /sitzungen/{nr}/anwesenheit", s.saveAttendance)
	// Delegations (delegation.go): who attends for each member.
	mux.HandleFunc("GET /sitzungen/{nr}/teilnahme", s.delegationPage)
	mux.HandleFunc("POST /sitzungen/{nr}/teilnahme", s.saveDelegation)
	mux.HandleFunc("POST /sitzungen/{nr}/teilnahme/liste", s.closeDelegations)
	mux.HandleFunc("POST /tops/{id}/aufrufen", s.callItem)
	mux.HandleFunc("POST /tops/{id}/beitraege", s.addContribution)
	mux.HandleFunc("POST /beitraege/{rid}", s.editContribution)
	mux.HandleFunc("POST /tops/{id}/notizen", s.addNote)
	mux.HandleFunc("POST /notizen/{rid}", s.editNote)
	mux.HandleFunc("POST /tops/{id}/vermerke", s.addRemark)
	mux.HandleFunc("POST /tops/{id}/beschluesse", s.addDecision)
	mux.HandleFunc("POST /entwuerfe/{rid}", s.editDecision)
	mux.HandleFunc("POST /entwuerfe/{rid}/abstimmung", s.voteDecision)
	mux.HandleFunc("POST /sitzungen/{nr}/gruene-liste", s.adoptConsentAgenda)
	mux.HandleFunc("POST /tops/{id}/auftraege", s.addFollowUp)

	// The speakers' list and the projector view (speakers.go).
	mux.HandleFunc("POST /sitzungen/{nr}/wortmeldungen", s.requestFloor)
	mux.HandleFunc("POST /wortmeldungen/{id}/zurueckziehen", s.withdrawFloor)
	mux.HandleFunc("POST /sitzungen/{nr}/redeliste/weiter", s.nextSpeaker)
	mux.HandleFunc("POST /sitzungen/{nr}/redeliste/beenden", s.endTurn)
	mux.HandleFunc("GET /sitzungen/{nr}/redeliste", s.speakersPanel)
	mux.HandleFunc("GET /sitzungen/{nr}/beamer", s.projector)
	mux.HandleFunc("GET /sitzungen/{nr}/beamer/stand", s.projectorState)

	// Votes in session: opened by the secretariat, cast by the members
	// themselves (votes.go).
	mux.HandleFunc("POST /entwuerfe/{rid}/abstimmung/eroeffnen", s.openDraftVote)
	mux.HandleFunc("POST /sitzungen/{nr}/gruene-liste/eroeffnen", s.openConsentVote)
	mux.HandleFunc("GET /sitzungen/{nr}/abstimmung", s.myVotePage)
	mux.HandleFunc("GET /sitzungen/{nr}/abstimmung/stand", s.voteState)
	mux.HandleFunc("POST /abstimmungen/{id}/stimme", s.castOwnVote)
	mux.HandleFunc("POST /abstimmungen/{id}/handzeichen", s.enterShowOfHands)
	mux.HandleFunc("POST /abstimmungen/{id}/schliessen", s.closeVote)
	mux.HandleFunc("POST /abstimmungen/{id}/abbrechen", s.cancelVote)

	// Written procedures (procedures.go).
	mux.HandleFunc("GET /umlaufverfahren", s.procedureList)
	mux.HandleFunc("GET /umlaufverfahren/neu", s.newProcedurePage)
	mux.HandleFunc("POST /umlaufverfahren", s.startProcedure)
	mux.HandleFunc("GET /umlaufverfahren/{id}", s.procedurePage)
	mux.HandleFunc("GET /umlaufverfahren/{id}/protokoll", s.procedureMinutes)
	mux.HandleFunc("POST /umlaufverfahren/{id}/stimme", s.castVote)
	mux.HandleFunc("POST /umlaufverfahren/{id}/beenden", s.endProcedureEarly)

	// Corrections of decisions (register.go).
	mux.HandleFunc("POST /berichtigungen/{id}", s.correctDecision)

	// Decision profile (profile.go) and debrief (debrief.go).
	mux.HandleFunc("GET /steckbrief/{id}", s.profilePage)
	mux.HandleFunc("POST /steckbrief/{id}", s.saveProfile)
	mux.HandleFunc("GET /sitzungen/{nr}/nachbesprechung", s.debriefPage)
	mux.HandleFunc("POST /sitzungen/{nr}/nachbesprechung", s.saveDebrief)
	mux.HandleFunc("POST /sitzungen/{nr}/nachbesprechung/versenden", s.sendDebrief)
	mux.HandleFunc("POST /sitzungen/{nr}/nachbesprechung/entfaellt", s.waiveDebrief)
	mux.HandleFunc("POST /sitzungen/{nr}/nachbesprechung/entfaellt/zuruecknehmen", s.withdrawDebriefWaiver)
	mux.HandleFunc("GET /sitzungen/{nr}/nachbesprechung.pdf", s.debriefPDF)

	// Conferences (conferences.go), spokespersons (spokespersons.go),
	// conference dates (calendar.go).
	mux.HandleFunc("GET /fachmk", s.conferenceList)
	mux.HandleFunc("GET /fachmk/{abbrev}", s.conferencePage)
	mux.HandleFunc("POST /fachmk/{abbrev}", s.editConference)
	mux.HandleFunc("POST /fachmk/{abbrev}/kontakte", s.addContact)
	mux.HandleFunc("POST /fachmk/{abbrev}/kontakte/{id}/entfernen", s.removeContact)
	mux.HandleFunc("POST /fachmk/{abbrev}/ergebnisse", s.recordOutcome)
	mux.HandleFunc("POST /fachmk/{abbrev}/ergebnisse/{id}", s.correctOutcome)
	mux.HandleFunc("POST /fachmk/{abbrev}/gespraeche", s.recordSpokespersonContact)
	mux.HandleFunc("POST /fachmk/{abbrev}/gespraeche/{id}", s.correctSpokespersonContact)
	mux.HandleFunc("POST /fachmk/{abbrev}/sprecher", s.assignSpokesperson)
	mux.HandleFunc("POST /sprecher/{id}/ruecktritt", s.resignSpokesperson)
	mux.HandleFunc("GET /fachmk/fruehere-beschluesse", s.earlierDecisionsPage)
	mux.HandleFunc("POST /fachmk/fruehere-beschluesse", s.saveEarlierDecision)
	mux.HandleFunc("POST /fruehere-beschluesse/{id}/entfernen", s.removeEarlierDecision)
	mux.HandleFunc("POST /fachmk/vertretung", s.setRepresentative)
	mux.HandleFunc("GET /fachmk/sprecher.csv", s.spokespersonsCSV)
	mux.HandleFunc("GET /fachmk/sprecher.pdf", s.spokespersonsPDF)
	mux.HandleFunc("POST /fachmk/{abbrev}/termine", s.addConferenceDate)
	mux.HandleFunc("POST /fachmk/{abbrev}/termine/{id}/entfernen", s.removeConferenceDate)
	mux.HandleFunc("POST /fachmk/termine/import", s.importConferenceDates)
	mux.HandleFunc("GET /fachmk/termine", s.conferenceDatesPage)
	mux.HandleFunc("GET /fachmk/termine.ics", s.calendarFeed)
	mux.HandleFunc("GET /fachmk/{abbrev}/termine.ics", s.calendarFeed)

	// FachMK collaboration II (issue 16): requests (requests.go).
	mux.HandleFunc("GET /anliegen", s.requestList)
	mux.HandleFunc("POST /anliegen", s.submitRequest)
	mux.HandleFunc("GET /anliegen/{id}", s.requestPage)
	mux.HandleFunc("POST /anliegen/{id}/status", s.setRequestStatus)
	mux.HandleFunc("POST /anliegen/{id}/top", s.requestToItem)
	mux.HandleFunc("POST /anliegen/{id}/zurueckziehen", s.withdrawRequest)
	// "Reporting FachMK" (reports.go).
	mux.HandleFunc("GET /sitzungen/{nr}/reporting-fachmk", s.reportsPage)
	mux.HandleFunc("POST /sitzungen/{nr}/reporting-fachmk", s.saveReport)
	// The yearly evaluation (evaluation.go).
	mux.HandleFunc("GET /evaluation", s.evaluationPage)
	mux.HandleFunc("POST /evaluation/runden", s.openRound)
	mux.HandleFunc("POST /evaluation/fragen", s.addQuestion)
	mux.HandleFunc("POST /evaluation/{jahr}/fragen", s.setRoundQuestions)
	mux.HandleFunc("POST /evaluation/{jahr}/schliessen", s.closeRound)
	mux.HandleFunc("POST /evaluation/{jahr}/antworten", s.submitAnswers)
	mux.HandleFunc("GET /evaluation/ergebnisse", s.evaluationResultsPage)
	mux.HandleFunc("GET /evaluation/ergebnisse.csv", s.evaluationCSV)
	mux.HandleFunc("GET /evaluation/ergebnisse.pdf", s.evaluationPDF)
	// Briefings and dossiers with key messages (briefings.go).
	mux.HandleFunc("GET /briefings", s.briefingList)
	mux.HandleFunc("POST /briefings", s.createBriefing)
	mux.HandleFunc("GET /briefings/{id}", s.briefingPage)
	mux.HandleFunc("POST /briefings/{id}", s.saveBriefingVersion)
	mux.HandleFunc("GET /briefings/{id}/pdf", s.briefingPDF)
	mux.HandleFunc("POST /kernbotschaften", s.saveKeyMessage)
	// Task checklists from the role/task matrix (tasks.go).
	mux.HandleFunc("GET /aufgaben", s.matrixPage)
	mux.HandleFunc("POST /aufgaben", s.saveTask)
	mux.HandleFunc("POST /aufgaben/{id}", s.saveTask)
	mux.HandleFunc("GET /fachmk/{abbrev}/aufgaben", s.checklistPage)
	mux.HandleFunc("POST /fachmk/{abbrev}/aufgaben", s.saveCheck)

	// The personal page (mine.go).
	mux.HandleFunc("GET /mein-bereich", s.myPage)

	// Notification settings and the outbox (notifications.go).
	mux.HandleFunc("GET /benachrichtigungen", s.preferencesPage)
	mux.HandleFunc("POST /benachrichtigungen", s.savePreferences)
	mux.HandleFunc("GET /postausgang", s.outboxPage)
	mux.HandleFunc("GET /postausgang/{id}", s.outboxMessage)
	mux.HandleFunc("POST /postausgang/{id}/erneut", s.retryNotification)
	mux.HandleFunc("POST /postausgang/{id}/abbrechen", s.cancelNotification)

	// The secretariat sets the legal pages (legal.go).
	mux.HandleFunc("GET /rechtliche-seiten", s.legalPagesList)
	mux.HandleFunc("GET /rechtliche-seiten/{seite}", s.legalEditPage)
	mux.HandleFunc("POST /rechtliche-seiten/{seite}", s.saveLegalPage)

	// The audit log for the secretariat (auditlog.go).
	mux.HandleFunc("GET /aenderungsprotokoll", s.auditPage)
	mux.HandleFunc("GET /aenderungsprotokoll.csv", s.auditCSV)

	// Preparatory bodies (the AL-Runde), their recommendations and the
	// Grüne Liste that follows from them (alrunde.go).
	s.preparationRoutes(mux)

	// Protocol notes submitted by members' offices and advisory members,
	// taken over or refused by the Geschäftsstelle (note_submissions.go).
	mux.HandleFunc("POST /sitzungen/{nr}/protokollnotizen", s.submitNote)
	mux.HandleFunc("POST /gremien/{gremium}/sitzungen/{nr}/protokollnotizen", s.submitNote)
	mux.HandleFunc("POST /eingereichte-protokollnotizen/{id}/zurueckziehen", s.withdrawNoteSubmission)
	mux.HandleFunc("POST /eingereichte-protokollnotizen/{id}/uebernehmen", s.acceptNoteSubmission)
	mux.HandleFunc("POST /eingereichte-protokollnotizen/{id}/ablehnen", s.rejectNoteSubmission)
	mux.HandleFunc("GET /sitzungen/{nr}/eingereichte-protokollnotizen", s.noteSubsPanel)

	// OParl and the JSON API.
	open := api.New(s.st, s.log, s.council)
	open.OnSessionChange = s.changed
	open.Site = s.site
	open.License = s.license
	open.Clock = s.clock
	open.Register(mux)

	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.notFound(w, r, "Diese Seite gibt es nicht.")
	})
}

// robots is the robots.txt of gremium (RFC 9309): crawlers may read the
// public pages, the register's first pages and the years of the session
// list, but not the endless combinations of the search and of filtered
// lists, nor the login and the internal areas. It names paths only, no
// address that grants access (a personal calendar's file name is never
// in it).
const robots = `# gremium: öffentliche Seiten dürfen gelesen werden.
User-agent: *
Disallow: /suche
Disallow: /beschluesse?
Allow: /beschluesse?vor=
Disallow: /beschluesse.atom?
Disallow: /beschluesse.csv
Disallow: /beschluesse.pdf
Disallow: /sitzungen?
Allow: /sitzungen?jahr=
Disallow: /auftraege?
Disallow: /auftraege.csv
Disallow: /auftraege.pdf
Disallow: /api/v1/beschluesse?
Disallow: /anmelden
Disallow: /abmelden
Disallow: /konto
Disallow: /konten
Disallow: /mein-bereich
Disallow: /mein-kalender
Disallow: /kalender/
Disallow: /benachrichtigungen
Disallow: /postausgang
Disallow: /aenderungsprotokoll
Disallow: /rechtliche-seiten
Disallow: /evaluation
Disallow: /briefings
Disallow: /aufgaben
Disallow: /anliegen
Disallow: /anmeldungen/
Disallow: /metrics
Disallow: /healthz
Disallow: /readyz
`

// robotsTxt serves robots (it was the HTML page "Diese Seite gibt es
// nicht").
func robotsTxt(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	io.WriteString(w, robots)
}

// noFavicon answers the browsers' request for /favicon.ico with 204 No
// Content, kept for a day: gremium has no icon, and the HTML page "Diese
// Seite gibt es nicht" was sent for each page a browser opened.
func noFavicon(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.WriteHeader(http.StatusNoContent)
}
