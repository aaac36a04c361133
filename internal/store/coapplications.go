package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"gremium/internal/model"
)

// RegistrationOption changes how RegisterItem and UpdateRegistration store
// a registration.
type RegistrationOption func(*registrationOptions)

type registrationOptions struct {
	confirm    bool
	askedAgain *[]string
	formKey    string
	again      *bool
}

// WithFormKey stores the one-time key of the form a registration came
// from (agenda_items.form_key, migration 00830) with it: RegisterItem
// called again with the same key — the form sent a second time, by the
// back button or a double click — stores nothing and gives the
// registration made, with *again set. A key already used for another
// member's registration is a conflict. A registration withdrawn since is
// gone with its key: the form then registers anew.
func WithFormKey(key string, again *bool) RegistrationOption {
	return func(o *registrationOptions) { o.formKey, o.again = key, again }
}

// AskedAgain makes UpdateRegistration report in *members the
// co-applicants its change asked again (a substantive change of the
// proposal, askAgainTx), so that the registering office is told.
func AskedAgain(members *[]string) RegistrationOption {
	return func(o *registrationOptions) { o.askedAgain = members }
}

// ConfirmCoApplicants asks every applicant of the proposal other than the
// registering member to confirm its co-application (Mitantrag): a member
// office registers, and the members it names count for the application
// rule once they confirmed (checkApplicationAtVote). Without it — the
// secretariat entering a registration, an import — the applicants stand
// as given.
func ConfirmCoApplicants() RegistrationOption {
	return func(o *registrationOptions) { o.confirm = true }
}

const coApplicationCols = `c.id, c.decision_id, c.member, c.state, c.named_by, c.named_at, c.decided_by, c.decided_at, c.asked,
	COALESCE(i.id, 0), COALESCE(i.title, d.title), COALESCE(se.number, 0), COALESCE(se.date, ''),
	COALESCE(i.title, ''), COALESCE(i.goal, ''), d.kind, d.title, d.points, d.applicants`

const coApplicationFrom = ` FROM co_applications c JOIN decisions d ON d.id = c.decision_id
	LEFT JOIN agenda_items i ON i.id = d.item_id LEFT JOIN sessions se ON se.id = i.session_id`

func scanCoApplication(sc scanner) (model.CoApplication, error) {
	var c model.CoApplication
	var named, decided, date, points, applicants string
	err := sc.Scan(&c.ID, &c.DecisionID, &c.Member, &c.State, &c.NamedBy, &named, &c.DecidedBy, &decided, &c.Asked, &c.ItemID, &c.Title, &c.SessionNumber, &date,
		&c.Substance.ItemTitle, &c.Substance.Goal, &c.Substance.Kind, &c.Substance.Title, &points, &applicants)
	if err != nil {
		return c, err
	}
	c.NamedAt, _ = time.Parse(time.RFC3339, named)
	c.DecidedAt, _ = time.Parse(time.RFC3339, decided)
	c.SessionDate = parseDate(date)
	if c.Substance.Points, err = fromJSON[model.Point](points); err != nil {
		return c, err
	}
	c.Applicants, err = fromJSON[string](applicants)
	return c, err
}

// coApplicationsOf gives the co-applications of a decision proposal.
func coApplicationsOf(ctx context.Context, q queryer, decisionID int64) ([]model.CoApplication, error) {
	return queryList(ctx, q, scanCoApplication, "co-applications", `SELECT `+coApplicationCols+coApplicationFrom+` WHERE c.decision_id = ? ORDER BY c.id`, decisionID)
}

// CoApplications gives the co-applications of the decision proposal.
func (s *Store) CoApplications(ctx context.Context, decisionID int64) ([]model.CoApplication, error) {
	return coApplicationsOf(ctx, s.db, decisionID)
}

// CoApplication gives the co-application id.
func (s *Store) CoApplication(ctx context.Context, id int64) (model.CoApplication, error) {
	return queryOne(ctx, s.db, scanCoApplication, fmt.Sprintf("co-application %d", id), `SELECT `+coApplicationCols+coApplicationFrom+` WHERE c.id = ?`, id)
}

// PendingCoApplications gives the co-applications that wait for member's
// confirmation, on proposals still to be decided, the oldest first.
func (s *Store) PendingCoApplications(ctx context.Context, member string) ([]model.CoApplication, error) {
	return s.CoApplicationsIn(ctx, member, model.CoApplicationPending)
}

// CoApplicationsIn gives member's co-applications in state on proposals
// still to be decided whose registration the secretariat has not
// declined, the oldest first: the pending ones wait for its
// answer, the confirmed ones it may withdraw (model.AgendaItem
// .CoWithdrawal).
func (s *Store) CoApplicationsIn(ctx context.Context, member string, state model.CoApplicationState) ([]model.CoApplication, error) {
	return queryList(ctx, s.db, scanCoApplication, "co-applications", `SELECT `+coApplicationCols+coApplicationFrom+`
		WHERE c.member = ? AND c.state = ? AND d.status = ? AND (i.status IS NULL OR i.status <> ?) ORDER BY c.id`, member, state, model.DecisionDraft, model.ItemDeclined)
}

// nameCoApplicantsTx keeps the co-applications of proposal d (registered
// by member) in step with its applicants inside tx: an applicant other
// than member without one is asked (pending, with a notification to its
// office), one no longer named loses its co-application. An applicant
// named twice is asked once (before: a second co-application, which broke
// the unique index and failed the registration).
func (s *Store) nameCoApplicantsTx(ctx context.Context, tx *sql.Tx, d model.Decision, member string) error {
	co, err := s.dropUnnamedCoApplicationsTx(ctx, tx, d, member)
	if err != nil {
		return err
	}
	for _, a := range model.Distinct(d.Applicants) {
		if a == member || slices.ContainsFunc(co, func(c model.CoApplication) bool { return c.Member == a }) {
			continue
		}
		if err := s.touch(ctx, tx, "decision", d.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO co_applications (decision_id, member, state, named_by, named_at) VALUES (?, ?, ?, ?, ?)`,
			d.ID, a, model.CoApplicationPending, member, s.now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: co-application: %w", err)
		}
		if err := s.audit(ctx, tx, "co_apply", "decision", d.ID, a); err != nil {
			return err
		}
		if err := s.noticeCoApplication(ctx, tx, d, member, a, 1); err != nil {
			return err
		}
	}
	return nil
}

// dropUnnamedCoApplicationsTx removes inside tx the co-applications of
// proposal d whose member its applicants no longer name (or that is the
// registering member itself; "" for none) and gives those that stay. An
// applicant taken out on the live page was still asked on its "Mein
// Bereich", and the registration it was asked about was a 404 to it.
func (s *Store) dropUnnamedCoApplicationsTx(ctx context.Context, tx *sql.Tx, d model.Decision, member string) ([]model.CoApplication, error) {
	co, err := coApplicationsOf(ctx, tx, d.ID)
	if err != nil {
		return nil, err
	}
	kept := co[:0]
	for _, c := range co {
		if slices.Contains(d.Applicants, c.Member) && c.Member != member {
			kept = append(kept, c)
			continue
		}
		if err := s.touch(ctx, tx, "decision", d.ID); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM co_applications WHERE id = ?`, c.ID); err != nil {
			return nil, fmt.Errorf("store: co-application: %w", err)
		}
	}
	return kept, nil
}

// askAgainTx asks every co-applicant of proposal d (registered by
// member) that has answered — confirmed, declined or withdrawn — again
// inside tx, after a substantive change of the proposal
// (model.Substance): pending, one round more (asked), notified as when
// first named. An answer stands for the text it was given to. It gives
// the members asked again.
func (s *Store) askAgainTx(ctx context.Context, tx *sql.Tx, d model.Decision, member string) ([]string, error) {
	co, err := coApplicationsOf(ctx, tx, d.ID)
	if err != nil {
		return nil, err
	}
	var asked []string
	for _, c := range co {
		if c.State == model.CoApplicationPending {
			continue // its fingerprint changed with the text: an answer to the former text is refused
		}
		if err := s.touch(ctx, tx, "decision", d.ID); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE co_applications SET state = ?, decided_by = '', decided_at = '', asked = asked + 1, named_at = ? WHERE id = ?`,
			model.CoApplicationPending, s.now().UTC().Format(time.RFC3339), c.ID); err != nil {
			return nil, fmt.Errorf("store: co-application: %w", err)
		}
		if err := s.audit(ctx, tx, "co_ask_again", "decision", d.ID, c.Member); err != nil {
			return nil, err
		}
		if err := s.noticeCoApplication(ctx, tx, d, member, c.Member, c.Asked+1); err != nil {
			return nil, err
		}
		asked = append(asked, c.Member)
	}
	return asked, nil
}

// noticeCoApplication queues "Mitantrag erbeten" for the subscribers of
// the named member, in round asked (1 when first named; more after a
// substantive change of the proposal, askAgainTx). The link is the
// registration as the co-applicant reads it.
func (s *Store) noticeCoApplication(ctx context.Context, tx *sql.Tx, d model.Decision, by, named string, asked int) error {
	heading := ""
	if d.SessionID != 0 {
		_, h, err := sessionHeading(ctx, tx, d.SessionID)
		if err != nil {
			return err
		}
		heading = " zur " + h
	}
	title := model.PublicText(d.Title)
	n := Notice{
		Event:   model.EventCoApplication,
		Key:     fmt.Sprintf("mitantrag:%d:%s", d.ID, named),
		Subject: "Mitantrag erbeten: " + title,
		Body: fmt.Sprintf("%s hat den Beschlussvorschlag „%s“%s angemeldet und Ihr Mitglied als Mitantragsteller genannt. "+
			"Der Antrag zählt für Ihr Mitglied erst, wenn Sie ihn bestätigen; bitte bestätigen oder lehnen Sie ihn unter „Mein Bereich“ ab.", by, title, heading),
		Link: "/mein-bereich#mitantraege",
		To:   func(sub Subscriber) bool { return sub.User.MemberAbbrev == named },
	}
	if d.ItemID != 0 {
		n.Link = fmt.Sprintf("/anmeldungen/%d", d.ItemID)
	}
	if asked > 1 {
		n.Key = fmt.Sprintf("mitantrag:%d:%s:%d", d.ID, named, asked)
		n.Subject = "Mitantrag erneut erbeten: " + title
		n.Body = fmt.Sprintf("%s hat den Beschlussvorschlag „%s“%s geändert, zu dem Ihr Mitglied als Mitantragsteller genannt ist. "+
			"Ihre frühere Antwort gilt für den geänderten Vorschlag nicht; der Antrag zählt für Ihr Mitglied erst, wenn Sie ihn erneut bestätigen. "+
			"Bitte lesen Sie den Vorschlag und bestätigen oder lehnen Sie ihn unter „Mein Bereich“ ab.", by, title, heading)
	}
	_, err := s.notifySubscribers(ctx, tx, n)
	return err
}

// noticeProposalDocument queues "Neue Unterlage zu einem bestätigten
// Mitantrag" (EventCoApplicationDocument) for the subscribers of each
// member that confirmed its co-application to a proposal of the
// registration the document d was uploaded to, when d is a document of the
// proposal (Beschlussvorschlag): the member confirmed what it read before.
// A co-applicant still asked reads the document when it answers; other
// kinds of document (a report, a presentation) are not what it applies
// for. Once per document and member (key
// mitantrag_unterlage:DOCUMENT:MEMBER); the link is the registration as
// the co-applicant reads it.
func (s *Store) noticeProposalDocument(ctx context.Context, tx *sql.Tx, d Document) error {
	if d.ItemID == 0 || d.Kind != model.DocProposal {
		return nil
	}
	it, err := loadItemTx(ctx, tx, d.ItemID)
	if err != nil || it.RegisteredBy == "" {
		return err
	}
	drafts, err := queryList(ctx, tx, scanDecision, "decisions",
		`SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ? AND d.status = ? ORDER BY d.position, d.id`, d.ItemID, model.DecisionDraft)
	if err != nil {
		return err
	}
	for _, p := range drafts {
		co, err := coApplicationsOf(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		title := model.PublicText(p.Title)
		if title == "" {
			title = model.PublicText(it.Title)
		}
		for _, c := range co {
			if c.State != model.CoApplicationConfirmed {
				continue
			}
			what := "eine neue Fassung des Beschlussvorschlags"
			if d.Version <= 1 {
				what = "der Beschlussvorschlag"
			}
			member := c.Member
			n := Notice{
				Event:   model.EventCoApplicationDocument,
				Key:     fmt.Sprintf("mitantrag_unterlage:%d:%s", d.ID, member),
				Subject: "Neue Unterlage zum Mitantrag: " + title,
				Body: fmt.Sprintf("Zur Anmeldung „%s“ von %s, deren Mitantrag Ihr Mitglied bestätigt hat, ist %s als Unterlage hochgeladen: „%s“ (%s, Fassung %d). "+
					"Ihre Bestätigung galt dem, was Sie vorher gelesen haben; bitte lesen Sie die neue Unterlage. "+
					"Solange die Anmeldung geändert werden kann, können Sie den Mitantrag zurückziehen.",
					title, it.RegisteredBy, what, d.Filename, d.Kind.Label(), d.Version),
				Link: registrationPath(d.ItemID),
				To:   func(sub Subscriber) bool { return sub.User.MemberAbbrev == member },
			}
			if _, err := s.notifySubscribers(ctx, tx, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkApplicationAtVote refuses a vote on proposal d — opened, by show
// of hands, on the Grüne Liste, or its adoption — while the applicants
// that count (the registering member and the co-applicants that
// confirmed) do not make the application (model.CheckApplicationConfirmed:
// the Bund or three Länder); the refusal names the co-applicants that
// have not confirmed. A proposal without co-applications was checked when
// it was made.
func checkApplicationAtVote(ctx context.Context, tx *sql.Tx, d model.Decision) error {
	co, err := coApplicationsOf(ctx, tx, d.ID)
	if err != nil || len(co) == 0 {
		return err
	}
	kinds, err := memberKinds(ctx, tx, d.Applicants)
	if err != nil {
		return err
	}
	if err := model.CheckApplicationConfirmed(d.Applicants, co, kinds); err != nil {
		if model.ClassOf(err) == model.ErrRule {
			return model.RuleError("%s: %s", model.InternalText(d.DisplayTitle()), model.ReasonOf(err))
		}
		return err
	}
	return nil
}

// countedApplicantsTx gives the applicants of proposal d that count for
// the application rule (model.CountedApplicants).
func countedApplicantsTx(ctx context.Context, tx *sql.Tx, d model.Decision) ([]string, error) {
	co, err := coApplicationsOf(ctx, tx, d.ID)
	if err != nil {
		return nil, err
	}
	return model.CountedApplicants(d.Applicants, co), nil
}

// DecideCoApplication records member's answer to co-application id, in
// one transaction, by the named member's own office only (another
// member's co-application is not found, with the words of a missing one):
//
//   - seen is the fingerprint of the co-application as the office read it
//     (model.CoApplication.Fingerprint, the form's field "fassung"); an
//     answer to a proposal changed since, or to one withdrawn and
//     registered anew, is refused (conflict) and records nothing — it is
//     bound to what the Land saw, not to an id;
//   - a pending one is confirmed or declined while the proposal is still
//     to be decided and no vote on it is open (a written procedure or a
//     vote in session decides on the applicants it started with);
//   - a confirmed one is withdrawn while the registration may still be
//     changed (model.AgendaItem.RegistrationChange: not yet decided by the
//     secretariat, the registration deadline not passed) — then the
//     registering member can still find other applicants;
//   - the same answer sent again is done already (nil, nothing written);
//     another answer to an answered co-application is refused with what
//     can be done instead.
//
// It gives the co-application as it stands after the answer.
func (s *Store) DecideCoApplication(ctx context.Context, id int64, member string, answer model.CoAnswer, seen string) (model.CoApplication, error) {
	var out model.CoApplication
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := queryOne(ctx, tx, scanCoApplication, fmt.Sprintf("co-application %d", id), `SELECT `+coApplicationCols+coApplicationFrom+` WHERE c.id = ?`, id)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		// Another member's co-application is answered as a missing one:
		// a refusal of its own would tell an office which ids name
		// another member's pending registration (model.Audience.SeesItem).
		if errors.Is(err, ErrNotFound) || c.Member != member {
			return model.NotFoundError("Diesen Mitantrag gibt es nicht mehr: Die Anmeldung ist zurückgezogen oder nennt Ihr Mitglied nicht mehr als Antragsteller. Ihre Antwort ist nicht gespeichert.")
		}
		out = c
		if seen != c.Fingerprint() {
			return model.ConflictError("Der Beschlussvorschlag „%s“ wurde geändert oder zurückgezogen und neu angemeldet, seit Sie ihn gelesen haben. Bitte lesen Sie den jetzigen Stand und antworten Sie darauf.", model.InternalText(c.Title))
		}
		want := answer.State()
		if want == "" {
			return model.AtField("antwort", model.InputError("Bitte den Mitantrag bestätigen oder ablehnen."))
		}
		if c.State == want {
			return nil // sent again: done already
		}
		d, err := currentDecision(ctx, tx, c.DecisionID)
		if err != nil {
			return err
		}
		if d.Status != model.DecisionDraft {
			return model.RuleError("Über „%s“ ist bereits entschieden (%s); der Mitantrag ändert nichts mehr.", model.InternalText(c.Title), d.StatusLabel())
		}
		if c.ItemID != 0 {
			// A registration the secretariat declined is decided too,
			// though its proposal stays a draft (before: still listed
			// and confirmable, "es zählt für den Antrag" under the
			// decline).
			it, err := loadItemTx(ctx, tx, c.ItemID)
			if err != nil {
				return err
			}
			if it.Status == model.ItemDeclined {
				return model.RuleError("Die Geschäftsstelle hat die Anmeldung „%s“ abgelehnt; der Mitantrag ändert nichts mehr.", model.InternalText(c.Title))
			}
		}
		if open, err := openBallotOf(ctx, tx, d.ID); err != nil {
			return err
		} else if open {
			return model.RuleError("Über „%s“ wird gerade abgestimmt; der Mitantrag kann danach nicht mehr geändert werden.", model.InternalText(c.Title))
		}
		from, action := model.CoApplicationPending, "co_confirm"
		switch answer {
		case model.CoDecline:
			action = "co_decline"
		case model.CoWithdraw:
			from, action = model.CoApplicationConfirmed, "co_withdraw"
		}
		if c.State != from {
			return coAnswerRefused(c, answer)
		}
		if answer == model.CoWithdraw {
			if err := s.coWithdrawable(ctx, tx, c); err != nil {
				return err
			}
		}
		if err := s.touch(ctx, tx, "decision", d.ID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE co_applications SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = ?`,
			want, actorFrom(ctx), s.now().UTC().Format(time.RFC3339), id, from)
		if err != nil {
			return fmt.Errorf("store: co-application: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return model.ConflictError("Der Mitantrag wurde inzwischen beantwortet.")
		}
		out.State = want
		if err := s.audit(ctx, tx, action, "decision", d.ID, member); err != nil {
			return err
		}
		return s.noticeCoAnswer(ctx, tx, out, d)
	})
	return out, err
}

// noticeCoAnswer tells the registering member's office (c.NamedBy) that
// the co-applicant answered co-application c of proposal d (before, it
// learnt it only by opening its registration), and whether the
// application now suffices.
func (s *Store) noticeCoAnswer(ctx context.Context, tx *sql.Tx, c model.CoApplication, d model.Decision) error {
	if c.NamedBy == "" {
		return nil
	}
	title := model.PublicText(c.Title)
	body := fmt.Sprintf("%s hat den Mitantrag zu Ihrer Anmeldung „%s“ %s.", c.Member, title, c.State.Label())
	co, err := coApplicationsOf(ctx, tx, d.ID)
	if err != nil {
		return err
	}
	kinds, err := memberKinds(ctx, tx, d.Applicants)
	if err != nil {
		return err
	}
	if err := model.CheckApplicationConfirmed(d.Applicants, co, kinds); err != nil {
		if model.ClassOf(err) != model.ErrRule {
			return err
		}
		body += " Der Antrag reicht damit noch nicht aus: " + model.ReasonOf(err)
	} else {
		body += " Der Antrag ist damit ausreichend unterstützt."
	}
	n := Notice{
		Event:   model.EventCoApplicationAnswered,
		Key:     fmt.Sprintf("mitantrag_antwort:%d:%d:%s", c.ID, c.Asked, c.State),
		Subject: fmt.Sprintf("Mitantrag %s: %s", c.State.Label(), title),
		Body:    body,
		Link:    "/mein-bereich",
		To:      func(sub Subscriber) bool { return sub.User.MemberAbbrev == c.NamedBy },
	}
	if c.ItemID != 0 {
		n.Link = registrationPath(c.ItemID)
	}
	_, err = s.notifySubscribers(ctx, tx, n)
	return err
}

// coAnswerRefused says why answer does not apply to the answered
// co-application c, and what can be done instead.
func coAnswerRefused(c model.CoApplication, answer model.CoAnswer) error {
	title := model.InternalText(c.Title)
	switch {
	case c.State == model.CoApplicationConfirmed:
		return model.RuleError("Der Mitantrag zu „%s“ ist bereits bestätigt. Solange die Anmeldung geändert werden kann, können Sie ihn unter „Mein Bereich“ zurückziehen.", title)
	case answer == model.CoWithdraw && c.State == model.CoApplicationPending:
		return model.RuleError("Der Mitantrag zu „%s“ ist noch nicht bestätigt; es gibt nichts zurückzuziehen. Bitte bestätigen oder lehnen Sie ihn ab.", title)
	}
	return model.RuleError("Der Mitantrag zu „%s“ ist bereits %s. Ändert das anmeldende Mitglied den Beschlussvorschlag, wird Ihr Mitglied erneut gefragt.", title, c.State.Label())
}

// coWithdrawable refuses the withdrawal of co-application c once its
// registration may no longer be changed: decided by the secretariat, the
// session closed to registrations, or its registration deadline passed.
func (s *Store) coWithdrawable(ctx context.Context, tx *sql.Tx, c model.CoApplication) error {
	if c.ItemID == 0 {
		return model.RuleError("Der Mitantrag zu „%s“ gehört zu keiner Anmeldung; er kann nicht zurückgezogen werden.", model.InternalText(c.Title))
	}
	it, err := loadItemTx(ctx, tx, c.ItemID)
	if err != nil {
		return err
	}
	se, err := loadSessionTx(ctx, tx, it.SessionID)
	if err != nil {
		return err
	}
	return it.CoWithdrawal(se, s.Today())
}
