package web

// The debrief (Nachbesprechung) for the FachMK secretariats.

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/report"
	"gremium/internal/store"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

type debriefEntry struct {
	model.DebriefEntry
	Decision   model.Decision
	Conference model.Body
	Include    bool
	// Outside: a decision relevant for the conference that the saved
	// debrief does not present to it; the form offers it unticked.
	// AssessedSince: the decision profile assessed it relevant after the
	// debrief was last saved (the page and Mein Bereich point it out).
	Outside, AssessedSince bool
	// NotRelevant: a saved entry whose decision is no longer relevant for
	// its conference (store.RelevantDecisionsSince: the profile assessed
	// it not relevant, or the registration no longer names it); kept as
	// saved, pointed out on the page.
	NotRelevant bool
}

type debriefGroup struct {
	Conference model.Body
	Entries    []debriefEntry
	Contacts   []model.Contact
}

type debriefData struct {
	Session model.Session
	Debrief model.Debrief
	Saved   bool
	Entries []debriefEntry
	// Since are the entries of a saved debrief assessed relevant after
	// its last save and not in it (notInDebrief), for the hint.
	Since []debriefEntry
	// NotRelevant are the entries of a saved debrief no longer relevant
	// for their conference, for the hint.
	NotRelevant []debriefEntry
	Groups      []debriefGroup
	Invitees    []string
	// Delivery is the state of the latest invitation's messages.
	Delivery model.Delivery
	// Unsent: the debrief is saved, but its invitation not yet sent, which
	// a FachMK secretariat waits for (debriefReader).
	Unsent bool
	// Problems are the reasons a sent form was refused, each at its field;
	// TypedDate is its date as typed (the form shows it again).
	Problems  problems
	TypedDate string
	// Changed: the form was refused because the proposed rows changed
	// after it was shown (debriefChanged).
	Changed bool
	// Members are the members by abbreviation, for the presenters' names
	// in what goes to the FachMK secretariats (PresenterName).
	Members map[string]model.Member
	// WaiverVersion is the version the form "Nachbesprechung entfällt"
	// and its withdrawal post (store.DebriefWaiverOf): the saved
	// debrief's, or that of the row holding only the note.
	WaiverVersion int
	// Meanwhile: after a save refused because the debrief was saved in
	// between, the stored value beside each field that differs.
	Meanwhile meanwhile
	// Waived: a reader outside the secretariat reads that no debrief
	// takes place ("Nachbesprechung entfällt"), nothing else of it.
	Waived bool
	// WaiverRefused is the box of a refused note or withdrawal (ID "":
	// none); WaiverProblems its reasons, each at its field, and
	// TypedReason the reason as typed (the form shows it again).
	WaiverRefused  errorSummary
	WaiverProblems problems
	TypedReason    string
	// Known are, for a reader outside the secretariat while the debrief
	// is not assembled (or, for a FachMK secretariat, its invitation not
	// sent), the decisions of the session assessed so far as relevant for
	// the reader's conferences (knownForDebrief).
	Known []myRelevant
	// Presenting names the member office that reads the debrief as the
	// one presenting decisions in it (debriefReader): the page speaks of
	// the decisions it presents, not of its conferences. Empty for every
	// other reader.
	Presenting string
}

// waiverFieldID gives the id on the page of the field of the form
// "Nachbesprechung entfällt" a reason is at.
const waiverFieldID = "nb-grund"

// debriefNotHeld says to readers outside the secretariat that the
// secretariat noted the session's debrief as not needed; its reason stays
// the secretariat's (model.DebriefWaiver.Public).
const debriefNotHeld = "Für diese Sitzung findet keine Nachbesprechung statt."

// NotHeld says to a reader outside the secretariat that no debrief
// takes place (Waived), without the secretariat's reason.
func (d debriefData) NotHeld() string { return debriefNotHeld }

// PresenterName gives who presents as the FachMK secretariats read it: a
// member's name ("Hessen") for its abbreviation ("HE"), which readers
// outside the IT-PLR do not know; any other text as typed.
func (d debriefData) PresenterName(presenter string) string {
	return memberNameIn(d.Members, presenter)
}

// debriefChanged says why a debrief form whose rows are no longer the
// proposed ones is shown again (409) instead of being saved.
// It says what the form shows (the box above it then does not say it
// again: refused with model.InputShownConflict).
const debriefChanged = "Die vorgeschlagenen Beschlüsse haben sich geändert, seit Sie das Formular geöffnet haben. Das Formular zeigt Ihre Eingabe für die Beschlüsse, die weiterhin vorgeschlagen sind; neu vorgeschlagene stehen mit ihrem Vorschlag darin. Bitte prüfen Sie die Auswahl und speichern Sie erneut."

// DraftMark marks the invitation drafted for the debrief as assembled (a
// hash of its text, the form's hidden field "entwurf"): a form posted
// after the proposal changed still tells its drafted text, of the old
// proposal, from one the secretariat wrote (draftedInvitation).
func (d debriefData) DraftMark() string { return draftMark(debriefInvitation(d)) }

// draftMark hashes an invitation text as the form posts it, whatever its
// line ends and surrounding space.
func draftMark(text string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))))
	return hex.EncodeToString(sum[:12])
}

// draftedInvitation reports whether the posted invitation is the one the
// form showed drafted (DraftMark), not one the secretariat wrote.
func draftedInvitation(r *http.Request) bool {
	mark := r.PostFormValue("entwurf")
	return mark != "" && mark == draftMark(r.PostFormValue("einladung"))
}

// debriefRowsChanged reports whether the rows the posted form showed
// (its fields "zeile", model.DebriefEntry.Row) are not the rows d
// proposes now: one shown is no longer proposed, or one proposed was not
// shown.
func debriefRowsChanged(r *http.Request, d debriefData) bool {
	shown := map[string]bool{}
	for _, row := range r.PostForm["zeile"] {
		shown[row] = true
	}
	if len(shown) != len(d.Entries) {
		return true
	}
	for _, e := range d.Entries {
		if !shown[e.Row()] {
			return true
		}
	}
	return false
}

// debriefFieldID gives the id on the page of the debrief form's field a
// reason is at: the date (model.DebriefDateField) is the input
// "nb-datum"; a presenter's field has its name as id
// (model.DebriefEntry.PresenterField).
func debriefFieldID(field string) string {
	switch field {
	case model.DebriefDateField:
		return "nb-datum"
	case "ort", "einladung", "beginn", "ende", "link":
		return "nb-" + field
	}
	return field
}

// Summary gives the box above the form (template "error-summary"): every
// reason linked to its field; while the debrief is waived the page shows
// no form, so every reason is text and nothing is said of an input.
func (d debriefData) Summary() errorSummary {
	const what = "Die Nachbesprechung ist nicht gespeichert"
	if d.Debrief.Waiver.Set() {
		return unlinkedSummary("nb-fehler", what, d.Problems)
	}
	return summaryAs("nb-fehler", what, d.Problems, debriefFieldID)
}

// assembleDebrief builds the debrief pack of a session: the stored one, or
// a proposal from the decision profiles (relevant = yes) and, for the
// conferences a profile does not assess, the registering member's impact
// statement (store.RelevantDecisionsSince).
func (s *Server) assembleDebrief(r *http.Request, se model.Session) (debriefData, error) {
	ctx := r.Context()
	d := debriefData{Session: se}
	bodies, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return d, err
	}
	if d.Members, err = s.memberMap(ctx); err != nil {
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
	// The debrief goes to the FachMK secretariats, outside gremium: it is
	// built from the decisions as the public sees them, as last corrected.
	decisions = model.Public.Register(decisions)
	decByID := map[int64]model.Decision{}
	for _, dec := range decisions {
		decByID[dec.ID] = dec
	}
	// Relevant as the spokespersons' area and the secretariat's due
	// debriefs count it (store.RelevantDecisionsSince).
	ids := make([]int64, len(bodies))
	for i, b := range bodies {
		ids[i] = b.ID
	}
	rel, err := s.st.RelevantDecisionsSince(ctx, ids, se.ID, model.Date{})
	if err != nil {
		return d, err
	}
	if saved, err := s.st.DebriefOfSession(ctx, se.ID); err == nil {
		d.Debrief, d.Saved, d.WaiverVersion = saved, true, saved.Version
		if d.Delivery, err = s.st.DebriefDelivery(ctx, saved.ID); err != nil {
			return d, err
		}
		gone := notRelevantInDebrief(rel, saved)
		for _, e := range saved.Entries {
			// Kept as saved, as a conference assessed relevant since is
			// not added silently; but no longer relevant, it is pointed
			// out, so that the pack is not sent again unawares.
			de := debriefEntry{DebriefEntry: e, Decision: decByID[e.DecisionID], Conference: byID[e.ConferenceID], Include: true,
				NotRelevant: slices.Contains(gone, e)}
			d.Entries = append(d.Entries, de)
			if de.NotRelevant {
				d.NotRelevant = append(d.NotRelevant, de)
			}
		}
		// The pack is what the secretariat made of it: a conference
		// assessed relevant that it does not present to is offered
		// unticked, never added silently.
		for _, out := range notInDebrief(rel, saved) {
			dec, ok := decByID[out.Decision.ID]
			if !ok {
				continue
			}
			e := debriefEntry{DebriefEntry: model.DebriefEntry{DecisionID: dec.ID, ConferenceID: out.ConferenceID, Presenter: s.debriefPresenter(r, dec)},
				Decision: dec, Conference: byID[out.ConferenceID], Outside: true, AssessedSince: out.since}
			d.Entries = append(d.Entries, e)
			if e.AssessedSince {
				d.Since = append(d.Since, e)
			}
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return d, err
	} else {
		confsOf := map[int64][]int64{}
		for _, rd := range rel {
			confsOf[rd.Decision.ID] = append(confsOf[rd.Decision.ID], rd.ConferenceID)
		}
		for _, dec := range decisions {
			confs := confsOf[dec.ID]
			if len(confs) == 0 {
				continue
			}
			presenter := s.debriefPresenter(r, dec)
			for _, c := range confs {
				d.Entries = append(d.Entries, debriefEntry{DebriefEntry: model.DebriefEntry{DecisionID: dec.ID, ConferenceID: c, Presenter: presenter},
					Decision: dec, Conference: byID[c], Include: true})
			}
		}
		d.Debrief = model.Debrief{SessionID: se.ID, Place: "Videokonferenz"}
		// A debrief never saved may still be noted as not needed.
		if d.Debrief.Waiver, d.WaiverVersion, err = s.st.DebriefWaiverOf(ctx, se.ID); err != nil {
			return d, err
		}
		// Two weeks after the session, unless that day has passed: a
		// debrief is not saved for a day gone by (debriefFromForm).
		if proposed := model.BerlinDate(se.Date.Time().AddDate(0, 0, 14)); !se.Date.IsZero() && !proposed.Before(s.today()) {
			d.Debrief.HeldOn = proposed
		}
	}
	groups := map[int64]*debriefGroup{}
	var order []int64
	for _, e := range d.Entries {
		if !e.Include {
			continue // offered, not in the debrief
		}
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
		d.Invitees = append(d.Invitees, "Geschäftsstelle "+groups[id].Conference.Of())
	}
	if d.Debrief.Invitation == "" {
		d.Debrief.Invitation = debriefInvitation(d)
	}
	return d, nil
}

// debriefPresenter proposes who presents a decision in the debrief: the
// member that registered its item, else the item's first reporter.
func (s *Server) debriefPresenter(r *http.Request, dec model.Decision) string {
	if dec.ItemID == 0 {
		return ""
	}
	it, err := s.st.Item(r.Context(), dec.ItemID)
	if err != nil {
		return ""
	}
	if it.RegisteredBy == "" && len(it.Reporters) > 0 {
		return it.Reporters[0]
	}
	return it.RegisteredBy
}

// outsideDebrief is a decision relevant for a conference that a saved
// debrief does not present to it; since: assessed relevant in the
// decision profile after the debrief was last saved.
type outsideDebrief struct {
	store.RelevantDecision
	since bool
}

// notInDebrief gives the relevant decisions (rel, of the debrief's
// session) that the saved debrief db does not present to their
// conference, in the order of rel. One assessed in the same second as the
// save counts as assessed since (the hint rather shows once too often
// than never); for a debrief saved before gremium recorded the time, every
// one does.
func notInDebrief(rel []store.RelevantDecision, db model.Debrief) []outsideDebrief {
	in := map[[2]int64]bool{}
	for _, e := range db.Entries {
		in[[2]int64{e.DecisionID, e.ConferenceID}] = true
	}
	var out []outsideDebrief
	for _, rd := range rel {
		key := [2]int64{rd.Decision.ID, rd.ConferenceID}
		if in[key] {
			continue
		}
		in[key] = true
		since := db.SavedAt.IsZero() || !rd.AssessedAt.IsZero() && !rd.AssessedAt.Before(db.SavedAt.Truncate(time.Second))
		out = append(out, outsideDebrief{rd, since})
	}
	return out
}

// notRelevantInDebrief gives the entries of the saved debrief db whose
// decision is no longer relevant for their conference (not among rel,
// the relevant decisions of the debrief's session): the decision profile
// assessed the conference not relevant after the save, or the
// registration no longer names it. The debrief keeps them until the
// secretariat saves it without; the page and Mein Bereich point them out.
func notRelevantInDebrief(rel []store.RelevantDecision, db model.Debrief) []model.DebriefEntry {
	relevant := map[[2]int64]bool{}
	for _, rd := range rel {
		relevant[[2]int64{rd.Decision.ID, rd.ConferenceID}] = true
	}
	var out []model.DebriefEntry
	for _, e := range db.Entries {
		if !relevant[[2]int64{e.DecisionID, e.ConferenceID}] {
			out = append(out, e)
		}
	}
	return out
}

// debriefInvitation drafts the invitation text (model.DebriefInvitation,
// which the demo sends too).
func debriefInvitation(d debriefData) string {
	conferences := make([]model.DebriefConference, len(d.Groups))
	for i, g := range d.Groups {
		conferences[i].Name = g.Conference.Name
		for _, e := range g.Entries {
			conferences[i].Presentations = append(conferences[i].Presentations, model.DebriefPresentation{Decision: e.Decision, Presenter: d.PresenterName(e.Presenter)})
		}
	}
	return model.DebriefInvitation(d.Session, d.Debrief, conferences)
}

// debriefFactsMark begins the block withDebriefFacts adds.
const debriefFactsMark = "\n\n---\nAngaben zur Nachbesprechung"

// withDebriefFacts gives the invitation text with what the form promises
// it says — the day and times, the place, the link to join and each
// decision with its conference — added below it where a text the
// secretariat wrote itself leaves them out: before, such an invitation
// went out without date, link or decisions. The drafted text has them all
// and comes back unchanged.
func withDebriefFacts(text string, d debriefData) string {
	// The block added to an earlier sending is written anew (a changed
	// day must not stand beside the old one).
	if i := strings.Index(text, debriefFactsMark); i >= 0 {
		text = text[:i]
	}
	var missing []string
	if when := d.Debrief.When(); when != "" && !strings.Contains(text, when) {
		missing = append(missing, "Termin: "+when)
	}
	if d.Debrief.Place != "" && !strings.Contains(text, d.Debrief.Place) {
		missing = append(missing, "Ort: "+d.Debrief.Place)
	}
	if d.Debrief.Link != "" && !strings.Contains(text, d.Debrief.Link) {
		missing = append(missing, "Zur Teilnahme: "+d.Debrief.Link)
	}
	var decisions []string
	for _, g := range d.Groups {
		for _, e := range g.Entries {
			if !strings.Contains(text, e.Decision.Label) {
				decisions = append(decisions, fmt.Sprintf("- %s %s (%s; Vorstellung: %s)", e.Decision.Label, model.Public.Text(e.Decision.Title), g.Conference.Name, d.PresenterName(e.Presenter)))
			}
		}
	}
	if len(missing) == 0 && len(decisions) == 0 {
		return text
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(text, "\n "))
	b.WriteString(debriefFactsMark)
	if len(missing) > 0 {
		b.WriteString("\n" + strings.Join(missing, "\n"))
	}
	if len(decisions) > 0 {
		b.WriteString("\nVorgestellte Beschlüsse:\n" + strings.Join(decisions, "\n"))
	}
	return b.String()
}

func (s *Server) debriefSession(w http.ResponseWriter, r *http.Request) (model.Session, bool) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return model.Session{}, false
	}
	return s.debriefedSession(w, r)
}

// debriefPending says why a session not yet ended has no debrief.
const debriefPending = "Die Nachbesprechung wird nach dem Ende der Sitzung zusammengestellt."

// debriefPendingData is the page of a debrief not yet assembled: the
// session and why.
type debriefPendingData struct {
	Session model.Session
	Reason  string
}

// debriefedSession gives the session of the path once it has ended (a
// debrief follows the session), or answers the request itself. Before the
// end, the page (a GET of a valid address, no bad input) says so on a
// normal page with 200, the PDF is not there yet (404), and a change is
// refused by the rule (422); before, every one was 400 "Eingabe nicht
// möglich".
func (s *Server) debriefedSession(w http.ResponseWriter, r *http.Request) (model.Session, bool) {
	_, se, ok := s.sessionFromPath(w, r)
	if !ok {
		return se, false
	}
	switch se.Status {
	case model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved:
		return se, true
	}
	switch {
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		s.fail(w, r, model.RuleError("%s", debriefPending), "")
	case strings.HasSuffix(r.URL.Path, ".pdf"):
		s.notFound(w, r, debriefPending)
	default:
		s.render(w, r, http.StatusOK, "debrief_pending.html", view{Title: "Nachbesprechung der " + se.Title(), Active: "sitzungen", Data: debriefPendingData{se, debriefPending}})
	}
	return se, false
}

// debriefReader gives the session and the debrief as the user may read it:
// the whole one for the secretariat (all true); for a spokesperson the
// saved debrief reduced to the entries of their FachMK
// (model.Debrief.ForConferences); for a FachMK secretariat, whom the
// debrief invites, the entries of its own conference once the invitation
// is sent (before, the date and the decisions may still change); anyone
// else is refused — but a member office that presents a decision in it,
// which reads what it presents (presenterReader). The decisions are the
// public ones (assembleDebrief).
func (s *Server) debriefReader(w http.ResponseWriter, r *http.Request) (se model.Session, d debriefData, all, ok bool) {
	u := s.user(r)
	if auth.Can(u, auth.ManageSessions, "") {
		if se, ok = s.debriefedSession(w, r); !ok {
			return se, d, true, false
		}
		d, err := s.assembleDebrief(r, se)
		if err != nil {
			s.serverError(w, r, err)
			return se, d, true, false
		}
		return se, d, true, true
	}
	if office := model.MemberOffice(u); office != "" {
		return s.presenterReader(w, r, office)
	}
	if u == nil || u.Disabled || u.Role != model.RoleSpokesperson && u.Role != model.RoleFachMK {
		s.require(w, r, auth.ManageSessions, "")
		return se, d, false, false
	}
	var own []int64
	if u.Role == model.RoleFachMK {
		own = []int64{u.ConferenceID}
	} else {
		slots, err := s.respondentSlots(r, u)
		if err != nil {
			s.serverError(w, r, err)
			return se, d, false, false
		}
		for _, sl := range slots {
			own = append(own, sl.Conference.ID)
		}
	}
	if len(own) == 0 {
		s.fail(w, r, model.ForbiddenError("Die Nachbesprechung lesen die Sprecher:innen der Fachministerkonferenzen; Sie sind zurzeit für keine eingetragen."), "")
		return se, d, false, false
	}
	if se, ok = s.debriefedSession(w, r); !ok {
		return se, d, false, false
	}
	d, err := s.assembleDebrief(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return se, d, false, false
	}
	if d.Debrief.Waiver.Set() {
		// Noted "Nachbesprechung entfällt": that, and nothing of the
		// debrief, whose reason stays the secretariat's.
		return se, debriefData{Session: se, Waived: true}, false, true
	}
	if unsent := d.Saved && u.Role == model.RoleFachMK && !d.Debrief.Sent; !d.Saved || unsent {
		// Not yet assembled (the proposal is the secretariat's working
		// state, not yet a debrief), or, for a FachMK secretariat, not yet
		// sent (the date and the decisions may still change): nothing of
		// the debrief, its invitation text the secretariat's. But the
		// decisions of the session known so far to concern the reader's
		// conferences, as "Mein Bereich" names them (relevantDecisions);
		// before, the page said only that there was nothing yet, with no
		// way on.
		known, err := s.knownForDebrief(r, u, own, se)
		if err != nil {
			s.serverError(w, r, err)
			return se, d, false, false
		}
		return se, debriefData{Session: se, Unsent: unsent, Known: known}, false, true
	}
	d.Debrief = d.Debrief.ForConferences(own)
	var entries []debriefEntry
	for _, e := range d.Entries {
		if e.Include && e.For(own) {
			entries = append(entries, e)
		}
	}
	// The reader sees the delivery's state as the secretariat does (not
	// "versandt" while the messages wait in the outbox), without the
	// numbers (Delivery.ReaderLabel).
	d.Entries, d.Groups, d.Invitees = entries, nil, nil
	for _, g := range groupDebrief(entries) {
		g.Contacts = nil
		d.Groups = append(d.Groups, g)
		d.Invitees = append(d.Invitees, "Geschäftsstelle "+g.Conference.Of())
	}
	return se, d, false, true
}

// presenterReader gives the debrief as the member office office reads it
// when it presents a decision in it (Vorstellung durch the submitting
// member, seed 003 2.2: the member that registered the item, or the
// presenter the secretariat entered, by abbreviation or name; the office
// that registered the decision's item reads it whoever presents):
// read-only, the entries of its decisions
// and nothing else — not the other members' entries, not the
// secretariat's invitation text nor its reason for a waiver, not the
// FachMK's contacts. Once the session has ended (before, refused like
// any member office); while the debrief is
// not saved, the decisions it is proposed to present (Known). A member
// office that presents nothing in it is refused, as before.
func (s *Server) presenterReader(w http.ResponseWriter, r *http.Request, office string) (se model.Session, d debriefData, all, ok bool) {
	if _, se, ok = s.sessionFromPath(w, r); !ok {
		return se, d, false, false
	}
	switch se.Status {
	case model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved:
	default:
		// Before the end nobody presents anything yet: refused as
		// before, not told that a debrief will follow.
		s.require(w, r, auth.ManageSessions, "")
		return se, d, false, false
	}
	d, err := s.assembleDebrief(r, se)
	if err != nil {
		s.serverError(w, r, err)
		return se, d, false, false
	}
	name := d.PresenterName(office)
	registered := map[int64]bool{} // decision → its item registered by office
	var entries []debriefEntry
	var conferences []int64
	for _, e := range d.Entries {
		if !e.Include {
			continue
		}
		own, seen := registered[e.DecisionID]
		if !seen && e.Decision.ItemID != 0 {
			it, err := s.st.Item(r.Context(), e.Decision.ItemID)
			if err != nil && !errors.Is(err, model.ErrNotFound) {
				s.serverError(w, r, err)
				return se, d, false, false
			}
			own = err == nil && it.RegisteredBy == office
			registered[e.DecisionID] = own
		}
		if own || e.Presenter == office || strings.EqualFold(strings.TrimSpace(e.Presenter), name) {
			entries = append(entries, e)
			if !slices.Contains(conferences, e.ConferenceID) {
				conferences = append(conferences, e.ConferenceID)
			}
		}
	}
	if len(entries) == 0 {
		s.fail(w, r, model.ForbiddenError("Die Nachbesprechung lesen die Geschäftsstelle, die Sprecher:innen und Geschäftsstellen der Fachministerkonferenzen und die Mitglieder, die darin einen Beschluss vorstellen; %s stellt in der Nachbesprechung der %s keinen Beschluss vor.", name, se.Title()), "")
		return se, d, false, false
	}
	if d.Debrief.Waiver.Set() {
		return se, debriefData{Session: se, Waived: true, Presenting: name}, false, true
	}
	if !d.Saved {
		// The secretariat's proposal is its working state: the decisions
		// proposed for the office to present, nothing else of it.
		known := make([]myRelevant, len(entries))
		for i, e := range entries {
			known[i] = myRelevant{Decision: e.Decision, Conference: e.Conference}
		}
		return se, debriefData{Session: se, Known: known, Presenting: name}, false, true
	}
	d.Debrief = d.Debrief.ForConferences(conferences)
	d.Debrief.Entries = nil
	for _, e := range entries {
		d.Debrief.Entries = append(d.Debrief.Entries, e.DebriefEntry)
	}
	d.Entries, d.Groups, d.Invitees, d.Since, d.NotRelevant, d.Presenting = entries, nil, nil, nil, nil, name
	for _, g := range groupDebrief(entries) {
		g.Contacts = nil
		d.Groups = append(d.Groups, g)
		d.Invitees = append(d.Invitees, "Geschäftsstelle "+g.Conference.Of())
	}
	return se, d, false, true
}

// knownForDebrief gives the decisions of session se assessed so far as
// relevant for the conferences own of the reader u (a spokesperson's, a
// FachMK secretariat's), as u may see them: what "Mein Bereich" names
// (relevantDecisions), for the debrief's page before the reader may read
// the debrief itself.
func (s *Server) knownForDebrief(r *http.Request, u *model.User, own []int64, se model.Session) ([]myRelevant, error) {
	byID, _, err := s.conferenceByID(r)
	if err != nil {
		return nil, err
	}
	conferences := map[int64]model.Body{}
	for _, id := range own {
		if b, ok := byID[id]; ok {
			conferences[id] = b
		}
	}
	return s.relevantDecisions(r.Context(), auth.Audience(u), conferences, se.ID, model.Date{})
}

func (s *Server) debriefPage(w http.ResponseWriter, r *http.Request) {
	se, d, all, ok := s.debriefReader(w, r)
	if !ok {
		return
	}
	page := "debrief.html"
	if !all {
		page = "debrief_read.html"
	}
	s.render(w, r, http.StatusOK, page, view{Title: "Nachbesprechung der " + se.Title(), Active: "sitzungen", Data: d})
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

// debriefFromForm gives the debrief as the posted form has it: date,
// place, invitation text and the entries ticked, with their presenters
// (also given with their decisions and conferences, for drafting the
// invitation). Each row is read by its decision and conference
// (model.DebriefEntry.Row), never by its position; a form whose rows are
// no longer the proposed ones is shown again with 409 (debriefChanged).
// The date's rules (model.Debrief.CheckDay) are the store's, which
// refuses it with every save and send; a form refused for another reason
// shows the date's reason beside it all the same.
func (s *Server) debriefFromForm(w http.ResponseWriter, r *http.Request, d debriefData, sending bool) (model.Debrief, []debriefEntry, bool) {
	db := d.Debrief
	var stored model.Date // the date as saved; none for a new debrief
	if d.Saved {
		stored = d.Debrief.HeldOn
	}
	var refused problems
	changed := debriefRowsChanged(r, d)
	if changed {
		refused.add(model.InputShownConflict("%s", debriefChanged))
	}
	var err error
	if db.HeldOn, err = model.ParseDate(r.PostFormValue("datum")); err != nil {
		refused.add(model.AtField(model.DebriefDateField, model.InputError("Der Termin ist kein gültiges Datum (TT.MM.JJJJ).")))
	}
	// A presenter is typed as the invitation names it ("Hessen") or by
	// abbreviation ("HE", "he"), as the registration form and the API
	// take members (model.MemberAbbrevs); it is stored as the
	// abbreviation, and what names no member stays as typed for the
	// store's check (model.Debrief.CheckPresenters) to refuse.
	members, err := s.st.Members(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return db, nil, false
	}
	db.Entries = nil
	var included []debriefEntry
	for _, e := range d.Entries {
		if r.PostFormValue(e.IncludeField()) != "1" {
			continue
		}
		if e.Presenter = strings.TrimSpace(r.PostFormValue(e.PresenterField())); e.Presenter != "" {
			e.Presenter = model.MemberAbbrevs([]string{e.Presenter}, members)[0]
		}
		db.Entries = append(db.Entries, e.DebriefEntry)
		included = append(included, e)
	}
	// The place goes as typed to the FachMK secretariats (page, PDF); the
	// invitation goes to them as public text (model.Public.Text in the
	// outbox and the PDF), so its [[…]] mark passages kept back as in
	// the minutes.
	db.Place = strings.TrimSpace(r.PostFormValue("ort"))
	if err := model.Unmarked(db.Place, "Den Ort lesen die Geschäftsstellen der Fachministerkonferenzen"); err != nil {
		refused.add(model.AtField("ort", err))
	}
	db.StartTime, db.EndTime = strings.TrimSpace(r.PostFormValue("beginn")), strings.TrimSpace(r.PostFormValue("ende"))
	db.Link = strings.TrimSpace(r.PostFormValue("link"))
	refused.add(db.CheckSchedule())
	db.Invitation = strings.ReplaceAll(r.PostFormValue("einladung"), "\r\n", "\n")
	drafted := strings.TrimSpace(db.Invitation) == strings.TrimSpace(debriefInvitation(d))
	if err := model.MarkFields(model.MarkedField{Field: "einladung", Text: &db.Invitation}); err != nil {
		refused.add(err)
	}
	if len(refused) > 0 {
		// The store checks the presenters and the date when it saves; a
		// form it does not see shows their reasons beside the others all
		// the same.
		kinds, err := s.st.MemberKinds(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return db, nil, false
		}
		refused.add(db.CheckPresenters(kinds))
		refused.add(db.CheckDay(d.Session.Date, s.today(), stored, sending))
		// A changed proposal first (409), then bad input (400), then a
		// rule, the date gone by (422).
		status := http.StatusUnprocessableEntity
		if changed {
			status = http.StatusConflict
		} else if slices.ContainsFunc(refused, func(err error) bool { return model.ClassOf(err) == model.ErrInput }) {
			status = http.StatusBadRequest
		}
		s.refuseDebrief(w, r, d, status, refused)
		return db, nil, false
	}
	if drafted {
		// The text the form showed was the drafted one: it is drafted
		// again from the date, place and decisions being saved, never kept
		// with the old ones (an empty text is drafted when shown or sent).
		db.Invitation = ""
	}
	db.Version = formVersion(r)
	return db, included, true
}

// refuseDebrief shows the debrief form again as typed, every reason at
// its field: the invitation text and the choices are not lost. A row the
// posted form did not show (proposed since) comes with its proposal; and
// when the rows changed, an invitation the form had drafted is drafted
// again for the rows now proposed (kept, it would name the old ones as
// if the secretariat had written it).
func (s *Server) refuseDebrief(w http.ResponseWriter, r *http.Request, d debriefData, status int, refused problems) {
	d.Problems = refused
	d.Changed = debriefRowsChanged(r, d)
	if stored := d.Debrief; d.Saved && formVersion(r) != stored.Version {
		// Saved in between: the stored values beside the typed ones, the
		// conflict said whatever else refused the form, and only with
		// them the version stored now (withMeanwhile).
		m := meanwhile{}
		m.note("datum", r.PostFormValue("datum"), stored.HeldOn.String(), stored.HeldOn.German())
		m.note("beginn", r.PostFormValue("beginn"), stored.StartTime, stored.StartTime)
		m.note("ende", r.PostFormValue("ende"), stored.EndTime, stored.EndTime)
		m.note("ort", r.PostFormValue("ort"), stored.Place, stored.Place)
		m.note("link", r.PostFormValue("link"), stored.Link, stored.Link)
		m.note("einladung", strings.ReplaceAll(r.PostFormValue("einladung"), "\r\n", "\n"), stored.Invitation, "der gespeicherte Einladungstext (siehe Vorschau)")
		d.Meanwhile, d.Problems, status = m, withMeanwhile(refused, m), http.StatusConflict
	} else {
		// Refused for another reason: the form keeps the version it was
		// read at (before, it took the stored one silently).
		d.Debrief.Version = formVersion(r)
	}
	d.TypedDate = r.PostFormValue("datum")
	d.Debrief.Place = r.PostFormValue("ort")
	d.Debrief.StartTime, d.Debrief.EndTime, d.Debrief.Link = r.PostFormValue("beginn"), r.PostFormValue("ende"), r.PostFormValue("link")
	if !d.Changed || !draftedInvitation(r) {
		d.Debrief.Invitation = strings.ReplaceAll(r.PostFormValue("einladung"), "\r\n", "\n")
	}
	shown := map[string]bool{}
	for _, row := range r.PostForm["zeile"] {
		shown[row] = true
	}
	for i, e := range d.Entries {
		if !shown[e.Row()] {
			continue
		}
		d.Entries[i].Include = r.PostFormValue(e.IncludeField()) == "1"
		d.Entries[i].Presenter = r.PostFormValue(e.PresenterField())
	}
	s.renderDebrief(w, r, status, d)
}

// renderDebrief shows the secretariat's debrief page of d.Session with
// status: the page itself, or a form of it refused.
func (s *Server) renderDebrief(w http.ResponseWriter, r *http.Request, status int, d debriefData) {
	s.render(w, r, status, "debrief.html", view{Title: "Nachbesprechung der " + d.Session.Title(), Active: "sitzungen", Data: d})
}

// debriefRefused answers a posted form of the debrief page whose store
// call failed (err not nil; it reports false for nil): a refusal
// (refusalProblems) shows the page again through refuse, with its status
// and reasons; any other error gets the error page.
func (s *Server) debriefRefused(w http.ResponseWriter, r *http.Request, err error, refuse func(status int, reasons problems)) bool {
	if err == nil {
		return false
	}
	if status, reasons, ok := refusalProblems(err); ok {
		refuse(status, reasons)
		return true
	}
	s.fail(w, r, err, "")
	return true
}

// refuseWaiver shows the debrief page again with the box of a refused
// note "Nachbesprechung entfällt" (noting) or of its withdrawal, every
// reason in it. A note's reason is shown again as typed and each refusal
// links to its field, unless the page no longer shows the form (the
// debrief sent, or noted in the meantime); a withdrawal's refusals link
// nowhere (its form has no field).
func (s *Server) refuseWaiver(w http.ResponseWriter, r *http.Request, d debriefData, status int, reasons problems, noting bool) {
	const id, notNoted = "nb-entfaellt-fehler", "Der Vermerk „Nachbesprechung entfällt“ ist nicht gespeichert"
	if noting {
		d.WaiverProblems, d.TypedReason = reasons, r.PostFormValue("grund")
	}
	switch {
	case !noting:
		d.WaiverRefused = unlinkedSummary(id, "Der Vermerk „Nachbesprechung entfällt“ ist nicht zurückgenommen", reasons)
	case d.Debrief.Sent || d.Debrief.Waiver.Set():
		// The page shows no such form now (sent, or noted in the
		// meantime): the reasons link nowhere.
		d.WaiverRefused = unlinkedSummary(id, notNoted, reasons)
	default:
		d.WaiverRefused = newErrorSummary(id, notNoted, reasons, model.DebriefWaiverField, waiverFieldID).Within("nb-entfaellt")
	}
	s.renderDebrief(w, r, status, d)
}

// groupDebrief groups debrief entries by conference, in the order of the
// conferences' names (the invitation's and the PDF's order).
func groupDebrief(entries []debriefEntry) []debriefGroup {
	var out []debriefGroup
	at := map[int64]int{}
	for _, e := range entries {
		i, ok := at[e.ConferenceID]
		if !ok {
			i = len(out)
			at[e.ConferenceID] = i
			out = append(out, debriefGroup{Conference: e.Conference})
		}
		out[i].Entries = append(out[i].Entries, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Conference.Name < out[j].Conference.Name })
	return out
}

func (s *Server) saveDebrief(w http.ResponseWriter, r *http.Request) {
	se, d, ok := s.debriefForm(w, r)
	if !ok {
		return
	}
	db, _, ok := s.debriefFromForm(w, r, d, false)
	if !ok {
		return
	}
	var err error
	if d.Saved {
		err = s.st.UpdateDebrief(r.Context(), db)
	} else {
		_, err = s.st.CreateDebrief(r.Context(), db)
	}
	if s.debriefRefused(w, r, err, func(status int, reasons problems) { s.refuseDebrief(w, r, d, status, reasons) }) {
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/nachbesprechung", se.Number), "Die Nachbesprechung ist gespeichert.")
}

// sendDebrief saves the debrief as the form shows it and queues its
// invitation in one transaction; the page says "versandt" once the sender
// has handed every message over.
func (s *Server) sendDebrief(w http.ResponseWriter, r *http.Request) {
	se, d, ok := s.debriefForm(w, r)
	if !ok {
		return
	}
	db, included, ok := s.debriefFromForm(w, r, d, true)
	if !ok {
		return
	}
	sent := debriefData{Session: se, Debrief: db, Groups: groupDebrief(included), Members: d.Members}
	if db.Invitation == "" {
		// The drafted text is drafted now, from what is being sent.
		db.Invitation = debriefInvitation(sent)
	}
	db.Invitation = withDebriefFacts(db.Invitation, sent)
	n, err := s.st.SendDebriefInvitation(r.Context(), db, model.DebriefInvitationSubject(se))
	if s.debriefRefused(w, r, err, func(status int, reasons problems) { s.refuseDebrief(w, r, d, status, reasons) }) {
		return
	}
	s.wakeOutbox()
	notice := fmt.Sprintf("Die Einladung liegt mit %s im Postausgang", model.Counted(n.Invitations, "Nachricht", "Nachrichten"))
	if n.Withdrawals > 0 {
		// A corrected invitation that leaves an addressee out tells it so.
		notice += fmt.Sprintf(", dazu %s an Empfänger der früheren Einladung, für die sie nicht mehr gilt",
			model.Counted(n.Withdrawals, "Nachricht", "Nachrichten"))
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/nachbesprechung", se.Number), notice+"; „versandt“ steht hier, sobald alle gesendet sind.")
}

// waiveDebrief notes that the session needs no debrief ("Nachbesprechung
// entfällt", store.WaiveDebrief) with the reason the form gives; the
// secretariat's "Mein Bereich" no longer lists it as owed. A refused note
// shows the page again with the reason as typed, every refusal in the box
// above and at the field.
func (s *Server) waiveDebrief(w http.ResponseWriter, r *http.Request) {
	se, d, ok := s.debriefForm(w, r)
	if !ok {
		return
	}
	err := s.st.WaiveDebrief(r.Context(), se.ID, formVersion(r), r.PostFormValue("grund"), s.user(r).Username)
	if s.debriefRefused(w, r, err, func(status int, reasons problems) { s.refuseWaiver(w, r, d, status, reasons, true) }) {
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/nachbesprechung", se.Number), "Vermerkt: Die Nachbesprechung dieser Sitzung entfällt. „Mein Bereich“ führt sie nicht mehr als fällig.")
}

// withdrawDebriefWaiver withdraws the note "Nachbesprechung entfällt"
// (store.WithdrawDebriefWaiver): the debrief is owed again, and "Mein
// Bereich" lists it.
func (s *Server) withdrawDebriefWaiver(w http.ResponseWriter, r *http.Request) {
	se, d, ok := s.debriefForm(w, r)
	if !ok {
		return
	}
	err := s.st.WithdrawDebriefWaiver(r.Context(), se.ID, formVersion(r))
	if s.debriefRefused(w, r, err, func(status int, reasons problems) { s.refuseWaiver(w, r, d, status, reasons, false) }) {
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/nachbesprechung", se.Number), "Der Vermerk „Nachbesprechung entfällt“ ist zurückgenommen; die Nachbesprechung ist wieder fällig.")
}

func (s *Server) debriefPDF(w http.ResponseWriter, r *http.Request) {
	se, d, all, ok := s.debriefReader(w, r)
	if !ok {
		return
	}
	if d.Waived || all && d.Debrief.Waiver.Set() {
		s.notFound(w, r, debriefNotHeld)
		return
	}
	if d.Unsent {
		s.notFound(w, r, "Die Einladung zur Nachbesprechung dieser Sitzung ist noch nicht versandt.")
		return
	}
	if d.Debrief.SessionID == 0 {
		s.notFound(w, r, "Die Geschäftsstelle hat die Nachbesprechung dieser Sitzung noch nicht zusammengestellt.")
		return
	}
	if !all && len(d.Groups) == 0 {
		// A reader whose conferences the debrief presents nothing to is
		// not invited (the page says so); no PDF of someone else's.
		s.notFound(w, r, "Ihre Fachministerkonferenz ist zu dieser Nachbesprechung nicht eingeladen.")
		return
	}
	s.servePDF(w, r, "inline", fmt.Sprintf("nachbesprechung-%d.pdf", se.Number), func(out io.Writer) error {
		return writeDebriefPDF(se, d, out)
	})
}

// writeDebriefPDF writes the PDF of the debrief d of the session se.
func writeDebriefPDF(se model.Session, d debriefData, out io.Writer) error {
	stamp := se.Date.Time()
	rep := report.New(fmt.Sprintf("Nachbesprechung der %d. Sitzung des IT-Planungsrats", se.Number), stamp)
	// "noch offen" as the secretariats' page says it (before: "Termin:
	// Termin offen", and "Ort:" with nothing after it).
	when := cmp.Or(d.Debrief.When(), "noch offen")
	head := "Termin: " + when + "\nOrt: " + cmp.Or(d.Debrief.Place, "noch offen")
	if d.Debrief.Link != "" {
		head += "\nTeilnahme: " + d.Debrief.Link
	}
	rep.Paragraph(head + "\nEingeladen: " + strings.Join(d.Invitees, ", "))
	for _, g := range d.Groups {
		rep.Heading(g.Conference.Name)
		var rows [][]string
		for _, e := range g.Entries {
			rows = append(rows, []string{e.Decision.Label, e.Decision.Title, d.PresenterName(e.Presenter)})
		}
		rep.Table([]string{"Beschluss", "Titel", "Vorstellung durch"}, []float64{0.2, 0.6, 0.2}, rows)
	}
	if len(d.Groups) == 0 {
		rep.Paragraph("Keine Beschlüsse zur Vorstellung.")
	}
	if d.Debrief.Invitation != "" {
		rep.Heading("Einladung")
		rep.Text(d.Debrief.Invitation)
	}
	return rep.Write(out)
}
