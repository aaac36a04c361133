package model

import (
	"errors"
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// Channel is the way a notification (Benachrichtigung) reaches its
// recipient: an e-mail or a message in a Matrix room.
type Channel string

// Channels.
const (
	ChannelEmail  Channel = "email"
	ChannelMatrix Channel = "matrix"
)

// Channels lists the channels in the order the pages show them.
var Channels = []Channel{ChannelEmail, ChannelMatrix}

// Label gives the German name of the channel.
func (c Channel) Label() string {
	switch c {
	case ChannelEmail:
		return "E-Mail"
	case ChannelMatrix:
		return "Matrix"
	}
	return string(c)
}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c == ChannelEmail || c == ChannelMatrix }

// CheckAddress checks a recipient address of the channel: an e-mail address
// ("name@example.org") or the id of a Matrix room ("!abc:example.org"). It
// gives an input error with a German reason.
func (c Channel) CheckAddress(addr string) error {
	switch c {
	case ChannelEmail:
		a, err := mail.ParseAddress(addr)
		if err != nil || a.Address != addr || !strings.Contains(addr, "@") {
			return InputError("„%s“ ist keine gültige E-Mail-Adresse (Form: name@beispiel.de).", addr)
		}
		return nil
	case ChannelMatrix:
		local, server, ok := strings.Cut(strings.TrimPrefix(addr, "!"), ":")
		if !strings.HasPrefix(addr, "!") || !ok || local == "" || server == "" || strings.ContainsAny(addr, " \t\r\n/") {
			return InputError("„%s“ ist keine Matrix-Raum-ID (Form: !abcdef:matrix.beispiel.de; in Element unter Raumeinstellungen → Erweitert).", addr)
		}
		return nil
	}
	return InputError("Den Kanal „%s“ gibt es nicht.", string(c))
}

// Event is an occasion users may subscribe to (Benachrichtigungsanlass).
type Event string

// Events. Producers that do not exist yet use the names already, so that
// users can subscribe before the first message is sent.
const (
	// EventAgendaPublished: the agenda of a session is published.
	EventAgendaPublished Event = "tagesordnung"
	// EventDecisionRelevant: an adopted decision is marked relevant for the
	// user's FachMK.
	EventDecisionRelevant Event = "beschluss_relevant"
	// EventFollowUpDue: a follow-up (Auftrag) of the user's member is due in
	// the number of days the user chose (NotificationSettings.DueDays).
	EventFollowUpDue Event = "auftrag_faellig"
	// EventFollowUpOverdue: a follow-up of the user's member is overdue.
	EventFollowUpOverdue Event = "auftrag_ueberfaellig"
	// EventProcedureStarted: a written procedure (Umlaufverfahren) starts.
	EventProcedureStarted Event = "umlauf_gestartet"
	// EventProcedureClosing: a written procedure ends within a day and the
	// user's member has not voted.
	EventProcedureClosing Event = "umlauf_frist"
	// EventMinutesForComment: the draft minutes are released for comment.
	EventMinutesForComment Event = "protokoll_kommentierung"
	// EventDebriefInvitation: the invitation to a debrief (Nachbesprechung).
	EventDebriefInvitation Event = "nachbesprechung"
	// EventSessionChanged: a session is moved to another date or time, or
	// cancelled. The FachMK secretariats may receive it too: an IT-PLR
	// session's dates, its move or cancellation and their reasons are
	// public, and a conference's own request may stand on its agenda; of
	// a session of an internal body (the AL-Runde) they hear nothing
	// (Audience.SeesSession).
	EventSessionChanged Event = "sitzung_geaendert"
	// EventRequest: a request (Anliegen) of a FachMK is submitted or its
	// state changes (the secretariat hears of all, a FachMK secretariat of
	// its own).
	EventRequest Event = "anliegen"
	// EventItemDeferred: an agenda item the user's member registered is
	// deferred (vertagt) to a later session, or its pending registration
	// is moved out of a cancelled session into another (verlegt).
	EventItemDeferred Event = "top_vertagt"
	// EventRegistrationDecided: the secretariat accepted or declined an
	// agenda item the user's member registered, or asked for a change.
	EventRegistrationDecided Event = "anmeldung_entschieden"
	// EventRegistrationChanged: a member office changed a registration
	// whose change the secretariat had asked for ("Änderung erbeten"); it
	// waits for the secretariat's decision again.
	EventRegistrationChanged Event = "anmeldung_geaendert"
	// EventCoApplication: a member office registered a proposal naming the
	// member as co-applicant, which it is asked to confirm (Mitantrag).
	EventCoApplication Event = "mitantrag"
	// EventCoApplicationAnswered: a co-applicant the member named in its
	// registration confirmed, declined or withdrew its co-application; a
	// registration the member is co-applicant of was accepted or declined
	// by the secretariat.
	EventCoApplicationAnswered Event = "mitantrag_antwort"
	// EventCoApplicationDocument: a document of the proposal
	// (Beschlussvorschlag) was uploaded, a new version or a first one, to
	// a registration whose co-application the member has confirmed: it
	// confirmed what it read before.
	EventCoApplicationDocument Event = "mitantrag_unterlage"
	// EventResignation: a member announced that it resigns a spokesperson
	// function; it takes effect with the next regular session (concept
	// 1.2: the Land "muss es dies den restlichen
	// IT-Planungsratsmitgliedern ankündigen").
	EventResignation Event = "sprecher_ruecktritt"
	// EventDeadlineSoon: the registration deadline (Anmeldeschluss) of a
	// session, or the document deadline (Unterlagenfrist) of an AL-Runde,
	// is DeadlineLeadDays away.
	EventDeadlineSoon Event = "anmeldeschluss"
	// EventKickoffDue: the kick-off talk (Auftaktgespräch) of the user's
	// spokesperson term is due within KickoffReminderDays and not held;
	// once per term.
	EventKickoffDue Event = "auftakt_faellig"
	// EventOutcomeRecorded: an outcome (Ergebnis) of a FachMK's session is
	// recorded, for the Geschäftsstelle and the conference's spokespersons
	// in office.
	EventOutcomeRecorded Event = "fachmk_ergebnis"
	// EventDebriefPresentation: the invitation to a debrief
	// (Nachbesprechung) is sent in which the user's member is named to
	// present a decision to a FachMK (concept 2.2: the submitting member
	// presents it).
	EventDebriefPresentation Event = "nachbesprechung_vorstellung"
	// EventProcedureResult: a written procedure (Umlaufverfahren) closed,
	// with its result (adopted or not, the result phrase).
	EventProcedureResult Event = "umlauf_ergebnis"
	// EventFollowUpReminder: the secretariat reminds the responsible
	// members of an open follow-up (Auftrag) by hand.
	EventFollowUpReminder Event = "auftrag_erinnerung"
	// EventSpokespersonNamed: the IT-PLR gave a member a spokesperson
	// function by decision (concept 1.2: "Die Vergabe der
	// Sprecher:innen-Funktion … erfolgt per Beschluss"); the counterpart
	// of EventResignation.
	EventSpokespersonNamed Event = "sprecher_benannt"
	// EventReportDue: the deadline for the reports under "Reporting
	// FachMK" (ReportDeadline) is ReportReminderDays away and the user's
	// member, a spokesperson in office, has not saved its report for
	// every conference it speaks for.
	EventReportDue Event = "reporting_frist"
)

// DeadlineLeadDays is how many days before a registration or document
// deadline its reminder (EventDeadlineSoon) is sent.
const DeadlineLeadDays = 7

// KickoffReminderDays is how many days before its due day a kick-off talk
// not yet held is reminded of (KickoffState.DueWithin).
const KickoffReminderDays = 14

// ReportReminderDays is how many days before the deadline of "Reporting
// FachMK" (ReportDeadline, itself ReportLeadDays before the session) a
// spokesperson without a report is reminded (EventReportDue): ten days
// before the session, time enough to ask the conference's secretariat for
// its news, and the reports reach the agenda in time.
const ReportReminderDays = 3

// Events lists the events in the order the preferences page shows them.
var Events = []Event{EventAgendaPublished, EventDecisionRelevant, EventFollowUpDue, EventFollowUpOverdue, EventFollowUpReminder,
	EventProcedureStarted, EventProcedureClosing, EventProcedureResult, EventMinutesForComment, EventDebriefInvitation, EventDebriefPresentation, EventSessionChanged, EventConferenceSoon, EventRequest, EventRegistrationDecided, EventRegistrationChanged, EventCoApplication, EventCoApplicationAnswered, EventCoApplicationDocument, EventItemDeferred, EventResignation, EventSpokespersonNamed,
	EventDeadlineSoon, EventKickoffDue, EventReportDue, EventOutcomeRecorded,
	EventNoteSubmitted}

// EventConferenceSoon: a session of a FachMK the user is spokesperson for
// is 7 days away; the message links the briefings (docs/followups.md).
const EventConferenceSoon Event = "fachmk_termin"

// Label gives the German name of the event.
func (e Event) Label() string {
	switch e {
	case EventAgendaPublished:
		return "Neue Tagesordnung veröffentlicht"
	case EventDecisionRelevant:
		return "Beschluss für meine Fachministerkonferenz relevant"
	case EventFollowUpDue:
		return "Auftrag bald fällig"
	case EventFollowUpOverdue:
		return "Auftrag überfällig"
	case EventProcedureStarted:
		return "Umlaufverfahren gestartet"
	case EventProcedureClosing:
		return "Umlaufverfahren endet morgen (ohne meine Stimme)"
	case EventMinutesForComment:
		return "Protokollentwurf zur Kommentierung"
	case EventDebriefInvitation:
		return "Einladung zur Nachbesprechung"
	case EventSessionChanged:
		return "Sitzung verlegt oder abgesagt"
	case EventConferenceSoon:
		return "Sitzung meiner Fachministerkonferenz in 7 Tagen (mit Briefing)"
	case EventRequest:
		return "Anliegen einer Fachministerkonferenz eingegangen oder geändert"
	case EventRegistrationDecided:
		return "Meine Anmeldung angenommen, abgelehnt oder Änderung erbeten"
	case EventRegistrationChanged:
		return "Anmeldung nach erbetener Änderung geändert"
	case EventCoApplication:
		return "Mitantrag zu bestätigen"
	case EventCoApplicationAnswered:
		return "Antwort auf einen Mitantrag, Entscheidung über eine Anmeldung mit Mitantrag"
	case EventCoApplicationDocument:
		return "Neue Unterlage zu einem bestätigten Mitantrag"
	case EventItemDeferred:
		return "Mein angemeldeter TOP vertagt oder verlegt"
	case EventResignation:
		return "Rücktritt von einer Sprecherfunktion angekündigt"
	case EventDeadlineSoon:
		return "Anmeldeschluss oder Unterlagenfrist in 7 Tagen"
	case EventKickoffDue:
		return "Mein Auftaktgespräch in 14 Tagen fällig"
	case EventOutcomeRecorded:
		return "Ergebnis einer Fachministerkonferenz erfasst"
	case EventDebriefPresentation:
		return "Mein Mitglied stellt in einer Nachbesprechung einen Beschluss vor"
	case EventProcedureResult:
		return "Umlaufverfahren abgeschlossen (Ergebnis)"
	case EventFollowUpReminder:
		return "Erinnerung der Geschäftsstelle an einen Auftrag"
	case EventSpokespersonNamed:
		return "Sprecherfunktion für eine Fachministerkonferenz vergeben"
	case EventReportDue:
		return "Frist für meinen Bericht unter „Reporting FachMK“ in 3 Tagen"
	case EventNoteSubmitted:
		return "Protokollnotiz eines Mitglieds eingereicht"
	}
	return string(e)
}

// Valid reports whether e is a known event.
func (e Event) Valid() bool {
	for _, v := range Events {
		if v == e {
			return true
		}
	}
	return false
}

// eventRoles says which roles may receive an event: what an event's message
// tells must be something the role may read.
var eventRoles = map[Event][]Role{
	EventAgendaPublished:       {RoleSecretariat, RoleMember, RoleAdvisory, RoleSpokesperson, RoleFachMK},
	EventDecisionRelevant:      {RoleSecretariat, RoleSpokesperson, RoleFachMK},
	EventFollowUpDue:           {RoleSecretariat, RoleMember, RoleAdvisory},
	EventFollowUpOverdue:       {RoleSecretariat, RoleMember, RoleAdvisory},
	EventProcedureStarted:      {RoleSecretariat, RoleMember, RoleAdvisory, RoleSpokesperson},
	EventProcedureClosing:      {RoleMember},
	EventMinutesForComment:     {RoleSecretariat, RoleMember, RoleAdvisory},
	EventDebriefInvitation:     {RoleSecretariat, RoleSpokesperson, RoleFachMK},
	EventSessionChanged:        {RoleSecretariat, RoleMember, RoleAdvisory, RoleSpokesperson, RoleFachMK},
	EventConferenceSoon:        {RoleSecretariat, RoleSpokesperson},
	EventRequest:               {RoleSecretariat, RoleSpokesperson, RoleFachMK},
	EventItemDeferred:          {RoleSecretariat, RoleMember},
	EventRegistrationDecided:   {RoleMember},
	EventRegistrationChanged:   {RoleSecretariat},
	EventCoApplication:         {RoleMember},
	EventCoApplicationAnswered: {RoleMember},
	EventCoApplicationDocument: {RoleMember},
	EventResignation:           {RoleSecretariat, RoleMember, RoleAdvisory, RoleSpokesperson, RoleFachMK},
	// Those who register agenda items and hand in their documents.
	EventDeadlineSoon: {RoleSecretariat, RoleMember},
	EventKickoffDue:   {RoleSpokesperson},
	// Not the FachMK secretariats: each hears of the outcomes it records
	// itself, and another conference's are not theirs to read
	// (SeesConferenceOutcomes).
	EventOutcomeRecorded: {RoleSecretariat, RoleSpokesperson},
	// The offices that present a decision in a debrief: members and
	// advisory members (FITKO registers items too).
	EventDebriefPresentation: {RoleMember, RoleAdvisory},
	// Who hears of the start hears of the result.
	EventProcedureResult: {RoleSecretariat, RoleMember, RoleAdvisory, RoleSpokesperson},
	// The responsible offices; the secretariat sends it.
	EventFollowUpReminder: {RoleMember, RoleAdvisory},
	// Who hears of a resignation hears of a new spokesperson: the
	// spokespersons and their terms are on the public overview.
	EventSpokespersonNamed: {RoleSecretariat, RoleMember, RoleAdvisory, RoleSpokesperson, RoleFachMK},
	// The spokespersons, who write the reports.
	EventReportDue: {RoleSpokesperson},
	// The secretariat, which takes a submitted note over or refuses it.
	EventNoteSubmitted: {RoleSecretariat},
}

// For reports whether users of the role may subscribe to the event.
func (e Event) For(r Role) bool {
	for _, v := range eventRoles[e] {
		if v == r {
			return true
		}
	}
	return false
}

// EventsFor lists the events users of the role may subscribe to.
func EventsFor(r Role) []Event {
	var out []Event
	for _, e := range Events {
		if e.For(r) {
			out = append(out, e)
		}
	}
	return out
}

// DeliveryState is the state of a notification in the outbox.
type DeliveryState string

// Delivery states: a notification waits (also between retries), is sent
// (handed to the mail server or the Matrix homeserver), failed for good, or
// was cancelled by the secretariat.
const (
	DeliveryWaiting   DeliveryState = "wartend"
	DeliverySent      DeliveryState = "gesendet"
	DeliveryFailed    DeliveryState = "fehlgeschlagen"
	DeliveryCancelled DeliveryState = "abgebrochen"
)

// DeliveryStates lists the states in the order the admin page shows them.
var DeliveryStates = []DeliveryState{DeliveryWaiting, DeliveryFailed, DeliverySent, DeliveryCancelled}

// Label gives the German name of the state.
func (s DeliveryState) Label() string {
	switch s {
	case DeliveryWaiting:
		return "wartend"
	case DeliverySent:
		return "gesendet"
	case DeliveryFailed:
		return "fehlgeschlagen"
	case DeliveryCancelled:
		return "abgebrochen"
	}
	return string(s)
}

// Valid reports whether s is a known state.
func (s DeliveryState) Valid() bool {
	for _, v := range DeliveryStates {
		if v == s {
			return true
		}
	}
	return false
}

// Notification is one message in the outbox (Postausgang): one recipient on
// one channel. It is written in the same transaction as the change that
// caused it; its Key makes it unique, so the same occasion never queues it
// twice and a sender can tell the receiving side that a repeated delivery is
// the same message (the SMTP Message-ID, the Matrix transaction id).
type Notification struct {
	ID  int64
	Key string // idempotency key, unique
	// Event is the occasion; Ref names the object that caused it
	// ("nachbesprechung:3:1"), so a page can show the delivery of its
	// messages.
	Event Event
	Ref   string
	// Channel and Recipient say where the message goes: an e-mail address
	// or a Matrix room id. RecipientName says who that is, for the admin
	// page; UserID is the account it is for, 0 for an outside address.
	Channel       Channel
	Recipient     string
	RecipientName string
	UserID        int64
	Subject       string
	Body          string // plain text, German, public text only
	Link          string // path on this server ("/sitzungen/48"), may be empty
	State         DeliveryState
	Attempts      int       // sending attempts so far
	NextAttempt   time.Time // when the next attempt is due (while waiting)
	LastError     string    // the last attempt's error, if any
	Created       time.Time
	Sent          time.Time // when the sender handed it over; zero before
	// ClaimedUntil is set while a sender works on the message: until then
	// no other sender takes it.
	ClaimedUntil time.Time
}

// InFlight reports whether a sender is working on the notification at now.
func (n Notification) InFlight(now time.Time) bool {
	return n.State == DeliveryWaiting && now.Before(n.ClaimedUntil)
}

// Delivery sums up the delivery of a group of notifications (the messages
// of one invitation).
type Delivery struct {
	Waiting, Sent, Failed, Cancelled int
	LastSent                         time.Time
}

// Total gives the number of notifications.
func (d Delivery) Total() int { return d.Waiting + d.Sent + d.Failed + d.Cancelled }

// Done reports whether every notification that is not cancelled was sent
// (and at least one was).
func (d Delivery) Done() bool { return d.Sent > 0 && d.Waiting == 0 && d.Failed == 0 }

// Label gives the German summary: "versandt", "in Warteschlange (1 von 3
// versandt)", "fehlgeschlagen (1 von 3)", "nicht versandt".
func (d Delivery) Label() string {
	active := d.Waiting + d.Sent + d.Failed
	switch {
	case d.Total() == 0:
		return "nicht versandt"
	case d.Done():
		return "versandt"
	case d.Failed > 0:
		return "fehlgeschlagen (" + itoa(d.Failed) + " von " + itoa(active) + ")"
	case d.Waiting > 0:
		return "in Warteschlange (" + itoa(d.Sent) + " von " + itoa(active) + " versandt)"
	}
	return "abgebrochen"
}

// ReaderLabel gives the state for the invited (a FachMK secretariat, a
// spokesperson) in the words of Label, without the numbers, which would
// tell how many others were invited: "versandt" only once every message
// is handed over, "wird versandt" while one waits, "Versand gestört"
// when one failed, "nicht versandt" when none went out.
func (d Delivery) ReaderLabel() string {
	switch {
	case d.Total() == 0 || d.Waiting+d.Sent+d.Failed == 0:
		return "nicht versandt"
	case d.Done():
		return "versandt"
	case d.Failed > 0:
		return "Versand gestört"
	}
	return "wird versandt"
}

// InvitationLabel gives the state of an invitation as the secretariat
// that sent it reads it in a list, in one phrase that claims delivery
// only once the outbox has delivered: "Einladung versandt am 10.07.2025,
// 14:00 Uhr" once every message is handed over (the last one's time),
// "Einladung zum Versand gegeben am …" while one waits (queued: when it
// was given to the outbox; zero: not recorded, the phrase goes without
// it), "Versand der Einladung gestört (Postausgang)" when one failed,
// "Einladung nicht versandt" when none went out.
func (d Delivery) InvitationLabel(queued time.Time) string {
	switch {
	case d.Total() == 0 || d.Waiting+d.Sent+d.Failed == 0:
		return "Einladung nicht versandt"
	case d.Done() && d.LastSent.IsZero():
		return "Einladung versandt"
	case d.Done():
		return "Einladung versandt am " + BerlinDateTime(d.LastSent)
	case d.Failed > 0:
		return "Versand der Einladung gestört (Postausgang)"
	case queued.IsZero():
		return "Einladung zum Versand gegeben"
	}
	return "Einladung zum Versand gegeben am " + BerlinDateTime(queued)
}

func itoa(n int) string { return strconv.Itoa(n) }

// Subscription is one event a user wants on one channel.
type Subscription struct {
	Event   Event
	Channel Channel
}

// DefaultDueDays is how many days before its deadline a follow-up is
// announced when the user has not chosen.
const DefaultDueDays = 14

// NotificationSettings are a user's choices: the addresses per channel and
// which events arrive on which channel.
type NotificationSettings struct {
	UserID        int64
	Email         string // e-mail address, may be empty
	MatrixRoom    string // Matrix room id, may be empty
	DueDays       int    // "Auftrag bald fällig": days before the deadline
	Subscriptions []Subscription
	Saved         bool // false: the user never saved; the values are defaults
	Version       int
}

// Address gives the user's address on the channel ("" if none).
func (s NotificationSettings) Address(c Channel) string {
	switch c {
	case ChannelEmail:
		return s.Email
	case ChannelMatrix:
		return s.MatrixRoom
	}
	return ""
}

// Wants reports whether the user subscribed to the event on the channel.
func (s NotificationSettings) Wants(e Event, c Channel) bool {
	for _, v := range s.Subscriptions {
		if v.Event == e && v.Channel == c {
			return true
		}
	}
	return false
}

// Validate checks the settings of a user of the role: addresses well
// formed, every subscription an event of the role on a channel with an
// address, DueDays between 1 and 90.
func (s NotificationSettings) Validate(r Role) error {
	// Every reason at once, each at its field of the form: the addresses
	// (email, matrix; a missing one where an event needs it), the lead
	// time (vorlauf), the events (abo).
	var errs []error
	if s.Email != "" {
		if err := ChannelEmail.CheckAddress(s.Email); err != nil {
			errs = append(errs, AtField("email", err))
		}
	}
	if s.MatrixRoom != "" {
		if err := ChannelMatrix.CheckAddress(s.MatrixRoom); err != nil {
			errs = append(errs, AtField("matrix", err))
		}
	}
	if s.DueDays < 1 || s.DueDays > 90 {
		errs = append(errs, AtField("vorlauf", InputError("Die Vorlaufzeit für fällige Aufträge muss zwischen 1 und 90 Tagen liegen.")))
	}
	// A missing address is one reason per channel, naming the events
	// ticked for it (the defaults tick several: one line, not nine).
	missing := map[Channel][]string{}
	for _, v := range s.Subscriptions {
		switch {
		case !v.Channel.Valid() || !v.Event.Valid():
			errs = append(errs, AtField("abo", InputError("Diese Benachrichtigung gibt es nicht.")))
		case !v.Event.For(r):
			errs = append(errs, AtField("abo", RuleError("„%s“ steht der Rolle %s nicht zur Verfügung.", v.Event.Label(), r.Label())))
		case s.Address(v.Channel) != "":
		default:
			missing[v.Channel] = append(missing[v.Channel], "„"+v.Event.Label()+"“")
		}
	}
	if ev := missing[ChannelEmail]; len(ev) > 0 {
		errs = append(errs, AtField("email", InputError("Für %s per E-Mail fehlt die E-Mail-Adresse.", joinMembers(ev))))
	}
	if ev := missing[ChannelMatrix]; len(ev) > 0 {
		errs = append(errs, AtField("matrix", InputError("Für %s per Matrix fehlt die Matrix-Raum-ID.", joinMembers(ev))))
	}
	return errors.Join(errs...)
}
