package auth

import "gremium/internal/model"

// Action is something a user may or may not do.
type Action string

// Actions. Every handler checks one of them with Can.
const (
	ViewInternal   Action = "view_internal"   // internal minutes, registrations, documents
	ManageSessions Action = "manage_sessions" // plan, convene, run and end sessions; build the agenda
	RecordMinutes  Action = "record_minutes"  // live minutes, decisions, votes, follow-ups
	RegisterItem   Action = "register_item"   // register an agenda item (for one's own member)
	UploadDocument Action = "upload_document" // attach documents
	CommentMinutes Action = "comment_minutes" // comment on draft minutes
	ApproveMinutes Action = "approve_minutes" // record the approval of minutes in a session
	ManageAccounts Action = "manage_accounts" // see all accounts, reset passwords, disable accounts (the CLI creates them)
	Vote           Action = "vote"            // vote in a written procedure (for one's own member)
	ManageOutbox   Action = "manage_outbox"   // see the outbox of notifications, retry and cancel messages
	ViewAudit      Action = "view_audit"      // read and export the audit log (Änderungsprotokoll)
	RequestFloor   Action = "request_floor"   // ask for the floor in a running session (Redeliste; for one's own member)
	SubmitRequest  Action = "submit_request"  // submit a request (Anliegen) of a FachMK to the IT-PLR
	Evaluate       Action = "evaluate"        // answer the yearly evaluation (spokespersons, FachMK secretariats)
	ManageSite     Action = "manage_site"     // set the site's legal pages (Impressum, Barrierefreiheit, Datenschutz)
	// KeepConference: keep a FachMK's profile, contacts and dates — the
	// Geschäftsstelle for any, a FachMK secretariat for its own
	// (KeepsConference).
	KeepConference Action = "keep_conference"
	// RegisterDelegation: register who attends a session for one's own
	// member (Teilnahmemeldung); the secretariat for any.
	RegisterDelegation Action = "register_delegation"
	// RecordOutcome: record what a FachMK decided at its own sessions
	// (Ergebnisse) — the Geschäftsstelle, the conference's own secretariat
	// and its spokespersons (RecordsOutcomes).
	RecordOutcome Action = "record_outcome"
	// RecordSpokespersonContact: log a spokesperson's contact or talk
	// with their FachMK (model.SpokespersonContact) — the spokesperson in
	// office for their own (the store checks the function in the write),
	// the Geschäftsstelle for any spokesperson in office.
	RecordSpokespersonContact Action = "record_spokesperson_contact"
	// SubmitNote: hand in a Protokollnotiz for an agenda item, for one's
	// own member (model.NoteSubmission) — the members' offices and the
	// advisory members; the Geschäftsstelle records notes itself
	// (RecordMinutes).
	SubmitNote Action = "submit_note"
)

// allowed says which roles may take an action at all; member-bound actions
// are narrowed further in Can.
var allowed = map[Action][]model.Role{
	ViewInternal:              model.InternalRoles,
	ManageSessions:            {model.RoleSecretariat},
	RecordMinutes:             {model.RoleSecretariat},
	RegisterItem:              {model.RoleSecretariat, model.RoleMember},
	UploadDocument:            {model.RoleSecretariat, model.RoleMember},
	CommentMinutes:            {model.RoleSecretariat, model.RoleMember, model.RoleAdvisory},
	ApproveMinutes:            {model.RoleSecretariat},
	ManageAccounts:            {model.RoleSecretariat},
	Vote:                      {model.RoleMember},
	ManageOutbox:              {model.RoleSecretariat},
	ViewAudit:                 {model.RoleSecretariat},
	RequestFloor:              {model.RoleSecretariat, model.RoleMember, model.RoleAdvisory},
	SubmitRequest:             {model.RoleSecretariat, model.RoleFachMK},
	Evaluate:                  {model.RoleSpokesperson, model.RoleFachMK},
	RegisterDelegation:        {model.RoleSecretariat, model.RoleMember, model.RoleAdvisory},
	ManageSite:                {model.RoleSecretariat},
	KeepConference:            {model.RoleSecretariat, model.RoleFachMK},
	RecordOutcome:             {model.RoleSecretariat, model.RoleFachMK, model.RoleSpokesperson},
	RecordSpokespersonContact: {model.RoleSecretariat, model.RoleSpokesperson},
	SubmitNote:                {model.RoleMember, model.RoleAdvisory},
}

// KeepsConference reports whether the user may keep the profile, contacts
// and dates of the FachMK conferenceID: the Geschäftsstelle those of any
// conference, a FachMK secretariat those of its own.
func KeepsConference(u *model.User, conferenceID int64) bool {
	if !Can(u, KeepConference, "") {
		return false
	}
	return u.Role == model.RoleSecretariat || u.ConferenceID == conferenceID
}

// Can reports whether the user may take the action; u is nil for the public.
// forMember names the member the action is taken for ("" if none): a member
// account acts only for its own member, the secretariat for any.
func Can(u *model.User, a Action, forMember string) bool {
	if u == nil || u.Disabled {
		return false
	}
	ok := false
	for _, r := range allowed[a] {
		if r == u.Role {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	if forMember != "" && u.Role != model.RoleSecretariat && u.MemberAbbrev != forMember {
		return false
	}
	return true
}

// MayReportFollowUp reports whether the user may report the state of the
// follow-up (form and JSON API alike): the secretariat, and the office of
// a member responsible for it, named by its abbreviation or its name
// (memberName, the name of the user's member).
func MayReportFollowUp(u *model.User, f model.FollowUp, memberName string) bool {
	if Can(u, RecordMinutes, "") {
		return true
	}
	// The office: a member's or an advisory member's account, not a
	// spokesperson's, which names its Land but does not act for its
	// office (model.MemberOffice).
	if !Can(u, ViewInternal, "") || u.MemberAbbrev == "" || (u.Role != model.RoleMember && u.Role != model.RoleAdvisory) {
		return false
	}
	return f.ResponsibleIs(u.MemberAbbrev) || memberName != "" && f.ResponsibleIs(memberName)
}

// Audience gives the version of minutes the user may read.
func Audience(u *model.User) model.Audience {
	if Can(u, ViewInternal, "") {
		return model.Internal
	}
	return model.Public
}

// RecordsOutcomes reports whether the user may record and correct the
// outcomes of the sessions of FachMK conferenceID (model.ConferenceOutcome):
// the Geschäftsstelle for any conference, a FachMK secretariat for its own,
// a spokesperson for a conference they speak for — which the store checks
// in the write (store.CreateConferenceOutcome), as it depends on the
// assignments at that moment.
func RecordsOutcomes(u *model.User, conferenceID int64) bool {
	if !Can(u, RecordOutcome, "") {
		return false
	}
	return u.Role != model.RoleFachMK || u.ConferenceID == conferenceID
}

// AdvisoryRegistersNoItem is why an advisory member may not register an
// agenda item (web form and API alike): it registers for nobody, itself
// neither. Empty for every other account.
func AdvisoryRegistersNoItem(u *model.User) string {
	if u == nil || u.Role != model.RoleAdvisory {
		return ""
	}
	who := "Beratende Mitglieder"
	if u.MemberAbbrev != "" {
		who = u.MemberAbbrev + " ist beratendes Mitglied: beratende Mitglieder"
	}
	return who + " melden keine Tagesordnungspunkte an; das tun die Mitglieder aus Bund und Ländern für sich und die Geschäftsstelle für alle."
}
