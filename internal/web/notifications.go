package web

// Notifications: every user's choice of events and channels
// (/benachrichtigungen) and the secretariat's outbox (/postausgang).

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/notify"
	"gremium/internal/store"
)

// Outbox is the delivery worker as the pages see it (notify.Worker).
type Outbox interface {
	// Wake makes the worker look for due messages now.
	Wake()
	// Channels gives the channels it can send on.
	Channels() []model.Channel
}

// SetOutbox tells the pages which worker delivers the outbox: they wake it
// after queueing messages and show which channels are set up.
func (s *Server) SetOutbox(o Outbox) { s.outbox = o }

// wakeOutbox makes the worker send what was just queued.
func (s *Server) wakeOutbox() {
	if s.outbox != nil {
		s.outbox.Wake()
	}
}

// channelReady reports which channels the server can send on, by channel
// name (for the templates).
func (s *Server) channelReady() map[string]bool {
	out := map[string]bool{}
	if s.outbox != nil {
		for _, c := range s.outbox.Channels() {
			out[string(c)] = true
		}
	}
	return out
}

// requireLogin answers the request itself unless someone is logged in.
func (s *Server) requireLogin(w http.ResponseWriter, r *http.Request) (*model.User, bool) {
	if u := s.user(r); u != nil && !u.Disabled {
		return u, true
	}
	if r.Method == http.MethodGet {
		http.Redirect(w, r, "/anmelden?weiter="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return nil, false
	}
	s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Keine Berechtigung", Data: "Bitte zuerst anmelden."})
	return nil, false
}

// eventHints say when an event's message comes.
var eventHints = map[model.Event]string{
	model.EventNoteSubmitted:         "wenn ein Mitglied oder beratendes Mitglied zu einem Tagesordnungspunkt eine Protokollnotiz einreicht, die auf der Live-Seite auf Übernahme oder Ablehnung wartet",
	model.EventAgendaPublished:       "wenn die Geschäftsstelle die Tagesordnung einer Sitzung veröffentlicht, mit der Liste der Tagesordnungspunkte",
	model.EventDecisionRelevant:      "wenn ein gefasster Beschluss im Beschluss-Steckbrief als relevant für Ihre Fachministerkonferenz eingestuft ist",
	model.EventFollowUpDue:           "wenn ein Auftrag Ihres Mitglieds in der unten gewählten Zahl von Tagen fällig wird",
	model.EventFollowUpOverdue:       "wenn ein Auftrag Ihres Mitglieds überfällig ist",
	model.EventFollowUpReminder:      "wenn die Geschäftsstelle an einen offenen Auftrag Ihres Mitglieds erinnert",
	model.EventProcedureStarted:      "wenn ein Umlaufverfahren beginnt, mit Frist und Link zur Abstimmung",
	model.EventProcedureClosing:      "einen Tag vor Fristende, solange Ihr Mitglied noch nicht abgestimmt hat",
	model.EventProcedureResult:       "wenn ein Umlaufverfahren abgeschlossen ist: ob der Beschluss gefasst ist, mit dem Abstimmungsergebnis und dem Link zum Beschluss",
	model.EventMinutesForComment:     "wenn der Protokollentwurf einer Sitzung an die Mitglieder verteilt wird",
	model.EventDebriefInvitation:     "die Einladung zur Nachbesprechung einer Sitzung für Ihre Fachministerkonferenz",
	model.EventDebriefPresentation:   "wenn die Einladung zu einer Nachbesprechung versandt wird, in der Ihr Mitglied einen Beschluss vor einer Fachministerkonferenz vorstellt (auch wenn sie nach einer Änderung erneut versandt wird)",
	model.EventConferenceSoon:        "sieben Tage vor einer Sitzung der Fachministerkonferenz, für die Sie Sprecher:in sind, mit dem Link zu Briefings und Handakten",
	model.EventSessionChanged:        "wenn die Geschäftsstelle eine Sitzung auf einen anderen Tag oder eine andere Uhrzeit verlegt oder sie absagt, mit dem Grund; als FachMK-Geschäftsstelle die Sitzungen des IT-Planungsrats (nicht der AL-Runde)",
	model.EventRequest:               "wenn ein Anliegen einer Fachministerkonferenz an den IT-Planungsrat eingeht oder sich sein Stand ändert",
	model.EventItemDeferred:          "wenn die Geschäftsstelle einen TOP, den Ihr Mitglied angemeldet hat, auf eine spätere Sitzung vertagt oder seine Anmeldung aus einer abgesagten Sitzung in eine andere verlegt (die Geschäftsstelle: wenn ein Mitglied seine Anmeldung so verlegt)",
	model.EventCoApplication:         "wenn ein anderes Mitglied einen Beschlussvorschlag anmeldet und Ihr Mitglied als Mitantragsteller nennt – der Antrag zählt erst mit Ihrer Bestätigung –, und wenn es diese Anmeldung aus einer abgesagten Sitzung in eine andere verlegt",
	model.EventCoApplicationAnswered: "wenn ein Mitglied, das Ihr Mitglied in seiner Anmeldung als Mitantragsteller nennt, den Mitantrag bestätigt, ablehnt oder zurückzieht, und wenn die Geschäftsstelle eine Anmeldung annimmt, ablehnt oder um ihre Änderung bittet, zu der Ihr Mitglied als Mitantragsteller genannt ist",
	model.EventCoApplicationDocument: "wenn das anmeldende Mitglied zu einer Anmeldung, deren Mitantrag Ihr Mitglied bestätigt hat, den Beschlussvorschlag als Unterlage neu hochlädt (eine neue Fassung oder eine erste), mit Datei und Fassung – Ihre Bestätigung galt dem, was Sie vorher gelesen haben",
	model.EventRegistrationDecided:   "wenn die Geschäftsstelle einen TOP, den Ihr Mitglied angemeldet hat, auf die Tagesordnung nimmt oder ablehnt (mit ihrem Grund) oder um eine Änderung der Anmeldung bittet (mit dem Grund)",
	model.EventRegistrationChanged:   "wenn ein Mitglied seine Anmeldung geändert hat, um deren Änderung die Geschäftsstelle gebeten hatte: sie wartet wieder auf die Entscheidung der Geschäftsstelle",
	model.EventResignation:           "wenn ein Mitglied den Rücktritt von einer Sprecherfunktion ankündigt (wirksam mit der nächsten ordentlichen Sitzung); als FachMK-Geschäftsstelle für Ihre Konferenz",
	model.EventDeadlineSoon:          "sieben Tage vor dem Anmeldeschluss einer Sitzung (mit dem Link zur Anmeldung) und vor der Unterlagenfrist einer AL-Runde (mit dem Link zur Sitzung, deren Tagesordnungspunkte sie vorberät)",
	model.EventKickoffDue:            "14 Tage bevor Ihr Auftaktgespräch fällig ist (bis zur 2. ordentlichen Sitzung des IT-Planungsrats nach Amtsantritt), wenn es noch nicht erfasst ist; einmal je Amtszeit",
	model.EventOutcomeRecorded:       "wenn jemand anderes ein Ergebnis einer Sitzung einer Fachministerkonferenz erfasst (als Sprecher:in: der Konferenzen, für die Sie sprechen)",
	model.EventSpokespersonNamed:     "wenn der IT-Planungsrat einem Mitglied per Beschluss eine Sprecherfunktion für eine Fachministerkonferenz überträgt, mit Person, Beschluss und Beginn; als FachMK-Geschäftsstelle für Ihre Konferenz",
	model.EventReportDue:             "drei Tage vor der Frist für die Berichte unter „Reporting FachMK“ (sieben Tage vor der Sitzung des IT-Planungsrats), solange Ihr Bericht für eine Ihrer Konferenzen fehlt",
}

type prefCell struct {
	Event   model.Event
	Channel model.Channel
	Checked bool
}

type prefRow struct {
	Event model.Event
	Hint  string
	Cells []prefCell
}

type prefData struct {
	Settings model.NotificationSettings
	Rows     []prefRow
	Channels []model.Channel
	Ready    map[string]bool
	DueDays  bool // the role can subscribe to "Auftrag bald fällig"
	// Defaults: the user never saved, and the boxes ticked are the
	// role's defaults (model.DefaultSubscriptions; "Voreinstellung – noch
	// nicht gespeichert"); they reach the user at the e-mail address the
	// secretariat set on /konten or the login brought, if there is one.
	Defaults bool
	// Problems are why the settings were not saved, each at its field
	// (email, matrix, vorlauf) where it has one.
	Problems problems
}

func prefPage(u *model.User, set model.NotificationSettings, ready map[string]bool) prefData {
	d := prefData{Settings: set, Channels: model.Channels, Ready: ready}
	for _, e := range model.EventsFor(u.Role) {
		row := prefRow{Event: e, Hint: eventHints[e]}
		for _, c := range model.Channels {
			row.Cells = append(row.Cells, prefCell{Event: e, Channel: c, Checked: set.Wants(e, c)})
		}
		d.Rows = append(d.Rows, row)
		if e == model.EventFollowUpDue {
			d.DueDays = true
		}
	}
	return d
}

func (s *Server) preferencesPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.requireLogin(w, r)
	if !ok {
		return
	}
	set, err := s.st.NotificationSettings(r.Context(), u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := prefPage(u, set, s.channelReady())
	d.Defaults = !set.Saved && len(set.Subscriptions) > 0
	s.render(w, r, http.StatusOK, "notifications.html", view{Title: "Benachrichtigungen", Active: "benachrichtigungen", Data: d})
}

func (s *Server) savePreferences(w http.ResponseWriter, r *http.Request) {
	u, ok := s.requireLogin(w, r)
	if !ok || !s.parseForm(w, r) {
		return
	}
	set := model.NotificationSettings{UserID: u.ID, Version: formVersion(r),
		Email: strings.TrimSpace(r.PostFormValue("email")), MatrixRoom: strings.TrimSpace(r.PostFormValue("matrix")), DueDays: model.DefaultDueDays}
	// A lead time that is no number is the form's to refuse; the rest are
	// the model's rules (Validate, which the store checks again), every
	// reason at its field at once.
	var refused problems
	if v := strings.TrimSpace(r.PostFormValue("vorlauf")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			refused.add(model.AtField("vorlauf", model.InputError("„%s“ ist keine Zahl von Tagen; die Vorlaufzeit für fällige Aufträge liegt zwischen 1 und 90 Tagen.", v)))
		}
		set.DueDays = n
	}
	for _, v := range r.PostForm["abo"] {
		e, c, _ := strings.Cut(v, ":")
		set.Subscriptions = append(set.Subscriptions, model.Subscription{Event: model.Event(e), Channel: model.Channel(c)})
	}
	refused.addUnrefused(set.Validate(u.Role))
	err := refused.err()
	if err == nil {
		err = s.st.SaveNotificationSettings(r.Context(), set)
	}
	if err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		// Shown with what was typed, so nothing is lost. Whether a
		// choice is saved is the store's to say: an account may have a
		// stored version without one (an address the secretariat or
		// the login set, model.NotificationSettings.Saved false).
		stored, rerr := s.st.NotificationSettings(r.Context(), u.ID)
		if rerr != nil {
			s.serverError(w, r, rerr)
			return
		}
		if model.ClassOf(err) == model.ErrConflict {
			// Saved meanwhile (in another window, by a colleague with
			// the same account, an address set by the secretariat): the
			// form as typed with the stored version, to be checked and
			// sent again.
			set.Version = stored.Version
		}
		set.Saved = stored.Saved
		d := prefPage(u, set, s.channelReady())
		d.Problems = reasons
		s.render(w, r, status, "notifications.html", view{Title: "Benachrichtigungen", Active: "benachrichtigungen", Data: d})
		return
	}
	back(w, r, "/benachrichtigungen", "Ihre Benachrichtigungen sind gespeichert.")
}

// ---- the outbox (Postausgang) for the secretariat ----

const outboxPageSize = 50

type outboxData struct {
	Items    []model.Notification
	Counts   map[model.DeliveryState]int
	States   []model.DeliveryState
	State    model.DeliveryState
	Total    int
	Page     int
	Pages    int
	Channels []model.Channel
	Ready    map[string]bool
	Now      time.Time
}

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageOutbox, ""); !ok {
		return
	}
	ctx := r.Context()
	d := outboxData{States: model.DeliveryStates, Channels: model.Channels, Ready: s.channelReady(), Now: time.Now()}
	if st := model.DeliveryState(r.URL.Query().Get("zustand")); st.Valid() {
		d.State = st
	}
	d.Page, _ = strconv.Atoi(r.URL.Query().Get("seite"))
	d.Page = max(d.Page, 1)
	var err error
	d.Items, d.Total, err = s.st.Notifications(ctx, store.OutboxFilter{State: d.State, Limit: outboxPageSize, Offset: (d.Page - 1) * outboxPageSize})
	if err == nil {
		d.Counts, err = s.st.OutboxCounts(ctx)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Pages = (d.Total + outboxPageSize - 1) / outboxPageSize
	s.render(w, r, http.StatusOK, "outbox.html", view{Title: "Postausgang", Active: "postausgang", Data: d})
}

// outboxMessageData is one message of the outbox with its text as sent.
type outboxMessageData struct {
	Message model.Notification
	Text    string
	Now     time.Time
}

// outboxMessage shows one message of the outbox (internal, for the
// secretariat): its state and its text as it is sent (notify.Text, with
// the public address the sender puts before the link).
func (s *Server) outboxMessage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageOutbox, ""); !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Diese Nachricht gibt es nicht.")
		return
	}
	n, err := s.st.Notification(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Diese Nachricht gibt es nicht.")
		return
	}
	d := outboxMessageData{Message: n, Text: notify.Text(n, s.site.Base(r)), Now: time.Now()}
	s.render(w, r, http.StatusOK, "outbox_message.html", view{Title: "Nachricht " + strconv.FormatInt(id, 10) + " – Postausgang", Active: "postausgang", Data: d})
}

// outboxAction runs retry or cancel on the notification {id}.
func (s *Server) outboxAction(w http.ResponseWriter, r *http.Request, act func(*store.Store, *http.Request, int64) error, done string) {
	if _, ok := s.require(w, r, auth.ManageOutbox, ""); !ok || !s.parseForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Diese Nachricht gibt es nicht.")
		return
	}
	if err := act(s.st, r, id); err != nil {
		s.fail(w, r, err, "Diese Nachricht gibt es nicht.")
		return
	}
	s.wakeOutbox()
	to := "/postausgang"
	if st := r.PostFormValue("zustand"); model.DeliveryState(st).Valid() {
		to += "?zustand=" + st
	}
	back(w, r, to, fmt.Sprintf(done, id))
}

func (s *Server) retryNotification(w http.ResponseWriter, r *http.Request) {
	s.outboxAction(w, r, func(st *store.Store, r *http.Request, id int64) error { return st.RetryNotification(r.Context(), id) },
		"Nachricht %d wird erneut gesendet.")
}

func (s *Server) cancelNotification(w http.ResponseWriter, r *http.Request) {
	s.outboxAction(w, r, func(st *store.Store, r *http.Request, id int64) error { return st.CancelNotification(r.Context(), id) },
		"Nachricht %d ist abgebrochen und wird nicht gesendet.")
}
