package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"gremium/internal/model"
)

// The outbox (Postausgang): every notification is a row written in the
// transaction of the change that caused it. A sender (package notify)
// claims a due row, sends it and records the result; see
// docs/notifications.md for the delivery guarantee.

const notificationCols = `id, key, event, ref, channel, recipient, recipient_name, COALESCE(user_id, 0), subject, body, link,
	state, attempts, next_attempt_at, last_error, claimed_until, created_at, sent_at`

func scanNotification(r scanner) (model.Notification, error) {
	var n model.Notification
	var next, claimed, created, sent string
	if err := r.Scan(&n.ID, &n.Key, &n.Event, &n.Ref, &n.Channel, &n.Recipient, &n.RecipientName, &n.UserID, &n.Subject, &n.Body, &n.Link,
		&n.State, &n.Attempts, &next, &n.LastError, &claimed, &created, &sent); err != nil {
		return n, err
	}
	n.NextAttempt, _ = time.Parse(time.RFC3339, next)
	n.ClaimedUntil, _ = time.Parse(time.RFC3339, claimed)
	n.Created, _ = time.Parse(time.RFC3339, created)
	n.Sent, _ = time.Parse(time.RFC3339, sent)
	return n, nil
}

// outboxTime formats a time for the outbox: RFC 3339 in UTC, fixed width,
// so that times compare as text.
func outboxTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// queueNotification writes one notification inside tx. A row with the same
// key is kept as it is (the occasion was queued before): it reports
// whether a row was written.
func (s *Store) queueNotification(ctx context.Context, tx *sql.Tx, n model.Notification) (bool, error) {
	if n.Key == "" || !n.Channel.Valid() || !n.Event.Valid() || n.Recipient == "" {
		return false, fmt.Errorf("store: notification needs key, event, channel and recipient: %+v", n)
	}
	if n.Ref == "" {
		n.Ref = n.Key
	}
	now := outboxTime(s.now())
	id, written, err := s.insertID(ctx, tx, `INSERT INTO outbox (key, event, ref, channel, recipient, recipient_name, user_id, subject, body, link,
		state, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
		n.Key, n.Event, n.Ref, n.Channel, n.Recipient, n.RecipientName, nullID(n.UserID), n.Subject, n.Body, n.Link,
		model.DeliveryWaiting, now, now)
	if err != nil {
		return false, fmt.Errorf("store: queue notification: %w", err)
	}
	if !written {
		return false, nil
	}
	if err := s.created(ctx, tx, "notification", id); err != nil {
		return false, err
	}
	return true, s.audit(ctx, tx, "create", "notification", id, string(n.Event)+" an "+n.Recipient)
}

// Notice is an occasion to tell the subscribers of an event about: the
// producer of an event (a store operation) builds one and queues it with
// notifySubscribers inside its own transaction, or with QueueNotice.
type Notice struct {
	Event model.Event
	// Key names the occasion once ("tagesordnung:12"); each row's key adds
	// the user and the channel, so queueing the same occasion again queues
	// nothing.
	Key string
	// Ref names the object the messages belong to; defaults to Key.
	Ref     string
	Subject string
	// Body is German plain text. It leaves gremium by mail: it must hold
	// public text only (model.PublicText for anything from the minutes).
	Body string
	Link string // path on this server, e.g. "/sitzungen/48"
	// To narrows the subscribers: nil sends to every subscriber whose role
	// may receive the event.
	To func(Subscriber) bool
}

// Subscriber is a user who wants an event on a channel.
type Subscriber struct {
	User    model.User
	Channel model.Channel
	Address string // e-mail address or Matrix room id
	DueDays int    // the user's lead time for EventFollowUpDue
}

// Subscribers gives the enabled users who receive the event, with the
// channel and address, by user and channel: those whose saved choice
// holds the event and, while a user has not saved a choice, those whose
// role's defaults hold it (model.NotificationSettings.Subscribed, the one
// rule) — each on a channel it has an address for. The address of an
// account that never saved is the one the secretariat set on /konten or
// the one taken from its OpenID Connect login.
func (s *Store) Subscribers(ctx context.Context, event model.Event) ([]Subscriber, error) {
	return subscribers(ctx, s.rd, event)
}

// subscriberReads counts the reads of a subscriber list (subscribers), so
// that a test holds a reminder run to one read per event, not one per
// reminder.
var subscriberReads atomic.Uint64

func subscribers(ctx context.Context, q queryer, event model.Event) ([]Subscriber, error) {
	subscriberReads.Add(1)
	list, err := recipients(ctx, q, event, "u.disabled = 0")
	if err != nil {
		return nil, err
	}
	var out []Subscriber
	for _, a := range list {
		for _, c := range model.Channels {
			if address := a.receives(event, c); address != "" {
				out = append(out, Subscriber{User: a.user, Channel: c, Address: address, DueDays: a.set.DueDays})
			}
		}
	}
	return out, nil
}

// recipient is an account as the notification rule sees it: its
// settings (addresses, lead time, whether its user saved a choice) and,
// per channel, whether a saved subscription holds the event read.
type recipient struct {
	user  model.User
	set   model.NotificationSettings
	saved map[model.Channel]bool
}

// receives gives the address at which the account receives the event on
// the channel, "" when it does not: subscribed by the one rule
// (model.NotificationSettings.Subscribed: as saved, or by the role's
// defaults while its user has not saved) and an address on the channel.
// The subscriber lists, the reach of a written procedure and the
// outbox's last check (stillToSend) all ask it.
func (a recipient) receives(e model.Event, c model.Channel) string {
	address := a.set.Address(c)
	if address == "" || !a.set.Subscribed(a.user.Role, e, c, a.saved[c]) {
		return ""
	}
	return address
}

// recipients reads the accounts matching where (a condition on users u)
// with what the rule needs to know of them for the event, by user id:
// candidates, filtered by recipient.receives, never by SQL.
func recipients(ctx context.Context, q queryer, event model.Event, where string, args ...any) ([]recipient, error) {
	cols := `u.id, u.username, u.name, u.role, u.member_abbrev, COALESCE(u.conference_id, 0), u.disabled,
		COALESCE(ns.email, ''), COALESCE(ns.matrix_room, ''), COALESCE(ns.due_days, ` + strconv.Itoa(model.DefaultDueDays) + `), COALESCE(ns.saved, 0)`
	var params []any
	for _, c := range model.Channels {
		cols += `, (SELECT COUNT(*) FROM notification_subscriptions sub WHERE sub.user_id = u.id AND sub.event = ? AND sub.channel = ?)`
		params = append(params, event, c)
	}
	return queryList(ctx, q, func(r scanner) (recipient, error) {
		a := recipient{saved: map[model.Channel]bool{}}
		u := &a.user
		var saved int
		on := make([]int, len(model.Channels))
		dest := []any{&u.ID, &u.Username, &u.Name, &u.Role, &u.MemberAbbrev, &u.ConferenceID, &u.Disabled,
			&a.set.Email, &a.set.MatrixRoom, &a.set.DueDays, &saved}
		for i := range on {
			dest = append(dest, &on[i])
		}
		err := r.Scan(dest...)
		a.set.UserID, a.set.Saved = u.ID, saved == 1
		for i, c := range model.Channels {
			a.saved[c] = on[i] > 0
		}
		return a, err
	}, "recipients", `SELECT `+cols+` FROM users u LEFT JOIN notification_settings ns ON ns.user_id = u.id
		WHERE `+where+` ORDER BY u.id`, append(params, args...)...)
}

// Reach gives which of the members a notice of the event reaches
// (model.Reach): the enabled accounts of the role model.RoleMember of
// each member that receive the event (recipient.receives: as saved, or
// by the defaults while the user has not saved, on a channel with an
// address). The written procedure's pages show it for "Umlaufverfahren
// gestartet", so that the secretariat knows whom to phone.
func (s *Store) Reach(ctx context.Context, event model.Event, members []model.Member) (model.Reach, error) {
	r := model.Reach{Members: members}
	list, err := recipients(ctx, s.rd, event, "u.disabled = 0 AND u.role = ?", model.RoleMember)
	if err != nil {
		return r, err
	}
	for _, m := range members {
		accounts, addressed, reached := 0, false, false
		for _, a := range list {
			if a.user.MemberAbbrev != m.Abbrev {
				continue
			}
			accounts++
			for _, c := range model.Channels {
				if a.set.Address(c) != "" {
					addressed = true
				}
				if a.receives(event, c) != "" {
					reached = true
				}
			}
		}
		switch {
		case reached:
			r.Reached = append(r.Reached, m)
		case accounts == 0:
			r.Unreached = append(r.Unreached, model.Unreached{Member: m, Reason: "kein Konto"})
		case !addressed:
			r.Unreached = append(r.Unreached, model.Unreached{Member: m, Reason: "ohne Adresse"})
		default:
			r.Unreached = append(r.Unreached, model.Unreached{Member: m, Reason: "abbestellt"})
		}
	}
	return r, nil
}

// notifySubscribers queues the notice for every subscriber of its event
// inside tx and gives the number of rows written.
func (s *Store) notifySubscribers(ctx context.Context, tx *sql.Tx, n Notice) (int, error) {
	subs, err := subscribers(ctx, tx, n.Event)
	if err != nil {
		return 0, err
	}
	return s.notifyEach(ctx, tx, n, subs)
}

// subscriberLists holds the subscribers of each event read in one
// transaction, for a producer that queues many notices of the same events
// (a reminder run): each list is read once, not once per notice.
type subscriberLists map[model.Event][]Subscriber

// notify queues the notice like notifySubscribers, reading its event's
// subscribers only the first time.
func (l subscriberLists) notify(ctx context.Context, s *Store, tx *sql.Tx, n Notice) (int, error) {
	subs, ok := l[n.Event]
	if !ok {
		var err error
		if subs, err = subscribers(ctx, tx, n.Event); err != nil {
			return 0, err
		}
		l[n.Event] = subs
	}
	return s.notifyEach(ctx, tx, n, subs)
}

// queueReminders queues the notices of one reminder run (the follow-ups,
// FachMK dates, deadlines and kick-off talks due): the candidates, read
// before without the write lock, are tried in one transaction, and none
// (most runs) takes no transaction at all. The transaction is quiet: a run
// that queues nothing changes no content, and cached pages stay. For each
// candidate notice reads inside the transaction what may have changed since
// it was read and words the reminder, or says it is due no more (ok false);
// the reminder goes to the subscribers of its event, each list read once
// per run (subscriberLists). The notices' keys make each reminder
// once-only, across runs and instances. It gives the number of messages
// queued by event.
func queueReminders[C any](ctx context.Context, s *Store, candidates []C, notice func(tx *sql.Tx, c C) (n Notice, ok bool, err error)) (map[model.Event]int, error) {
	queued := map[model.Event]int{}
	if len(candidates) == 0 {
		return queued, nil
	}
	if beforeReminderTx != nil {
		beforeReminderTx()
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		s.quiet(tx)
		lists := subscriberLists{}
		for _, c := range candidates {
			n, ok, err := notice(tx, c)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			k, err := lists.notify(ctx, s, tx, n)
			if err != nil {
				return err
			}
			queued[n.Event] += k
		}
		return nil
	})
	if err != nil {
		return map[model.Event]int{}, err
	}
	return queued, nil
}

// beforeReminderTx, when set (by a test), runs in queueReminders after the
// candidates were read and before the transaction: what it changes is
// what another writer changes in between.
var beforeReminderTx func()

// notifyEach queues the notice for each of the subscribers it is meant for
// (Notice.To) inside tx and gives the number of rows written.
func (s *Store) notifyEach(ctx context.Context, tx *sql.Tx, n Notice, subs []Subscriber) (int, error) {
	count := 0
	for _, sub := range subs {
		if n.To != nil && !n.To(sub) {
			continue
		}
		ok, err := s.queueNotification(ctx, tx, model.Notification{
			Key:   rowKey(n.Key, sub.User.ID, sub.Channel),
			Event: n.Event, Ref: refOr(n.Ref, n.Key),
			Channel: sub.Channel, Recipient: sub.Address, RecipientName: sub.User.Name, UserID: sub.User.ID,
			Subject: n.Subject, Body: n.Body, Link: n.Link,
		})
		if err != nil {
			return count, err
		}
		if ok {
			count++
		}
	}
	return count, nil
}

// rowKey gives the key of the row of a notice's occasion (its Key) for
// one subscriber on one channel: "tagesordnung:12/u5/email".
func rowKey(notice string, userID int64, c model.Channel) string {
	return fmt.Sprintf("%s/u%d/%s", notice, userID, c)
}

func refOr(ref, key string) string {
	if ref != "" {
		return ref
	}
	return key
}

// QueueNotice queues a notice for the subscribers of its event in a
// transaction of its own, for producers outside the store (a reminder that
// changes nothing else). It gives the number of messages queued.
func (s *Store) QueueNotice(ctx context.Context, n Notice) (int, error) {
	var count int
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		count, err = s.notifySubscribers(ctx, tx, n)
		return err
	})
	return count, err
}

// ---- the sender's side ----

// ClaimNotification takes the oldest due notification on one of the
// channels for a sender: it stays "wartend" but no other sender takes it
// until now+lease, and its attempts count up. ok is false when nothing is
// due. The claim token must be given back with NotificationSent or
// NotificationFailed. When nothing is due it only reads, so an idle sender
// does not change the database (and the caches keyed on its version).
//
// In the claiming transaction it asks whether the message is still to be
// sent (stillToSend): a message whose account was disabled or whose user
// unsubscribed since it was queued, or a reminder whose occasion is past
// or changed, is withdrawn instead ("abgebrochen", the reason in the last
// error) and the next due one is taken; a message to an account goes to
// the account's current address. Whatever changed the account, the
// subscriptions, the follow-up or the session, nothing stale is sent.
func (s *Store) ClaimNotification(ctx context.Context, now time.Time, lease time.Duration, channels []model.Channel) (n model.Notification, claim string, ok bool, err error) {
	if len(channels) == 0 {
		return n, "", false, nil
	}
	var buf [16]byte
	if _, err := rand.Read(buf[:]); err != nil {
		return n, "", false, fmt.Errorf("store: claim token: %w", err)
	}
	claim = hex.EncodeToString(buf[:])
	due := []any{model.DeliveryWaiting, outboxTime(now), outboxTime(now)}
	marks := make([]string, len(channels))
	args := append([]any{}, due...)
	for i, c := range channels {
		marks[i] = "?"
		args = append(args, c)
	}
	// Another sender may take the candidate first (five times at most);
	// a withdrawn one does not count, since it leaves the queue.
	for lost := 0; lost < 5; {
		var id int64
		err := s.db.QueryRowContext(ctx, `SELECT id FROM outbox WHERE state = ? AND next_attempt_at <= ? AND claimed_until <= ?
			AND channel IN (`+strings.Join(marks, ", ")+`) ORDER BY next_attempt_at, id LIMIT 1`, args...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return n, "", false, nil
		} else if err != nil {
			return n, "", false, fmt.Errorf("store: claim notification: %w", err)
		}
		withdrawn := false
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			sender := WithActor(ctx, "postausgang")
			if err := s.touch(sender, tx, "notification", id); err != nil {
				return err
			}
			cur, err := queryOne(ctx, tx, scanNotification, "notification", `SELECT `+notificationCols+` FROM outbox
				WHERE id = ? AND state = ? AND next_attempt_at <= ? AND claimed_until <= ?`, append([]any{id}, due...)...)
			if errors.Is(err, ErrNotFound) {
				return nil // taken by another sender
			} else if err != nil {
				return err
			}
			reason, address, err := stillToSend(ctx, tx, cur, now)
			if err != nil {
				return err
			}
			if reason != "" {
				withdrawn = true
				return s.withdrawNotification(sender, tx, id, reason)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET claim = ?, claimed_until = ?, attempts = attempts + 1, recipient = ? WHERE id = ?`,
				claim, outboxTime(now.Add(lease)), address, id); err != nil {
				return fmt.Errorf("store: claim notification: %w", err)
			}
			n, err = queryOne(ctx, tx, scanNotification, "notification", `SELECT `+notificationCols+` FROM outbox WHERE id = ?`, id)
			if ok = err == nil; !ok {
				return err
			}
			detail := ""
			if address != cur.Recipient {
				detail = "an die neue Adresse " + address
			}
			return s.audit(sender, tx, "claim", "notification", id, detail)
		})
		if err != nil || ok {
			return n, claim, ok, err
		}
		if !withdrawn {
			lost++
		}
	}
	return n, "", false, nil
}

// withdrawnPrefix begins the last error of a message the outbox withdrew
// (stillToSend): /postausgang shows it as the reason.
const withdrawnPrefix = "Zurückgezogen: "

// withdrawNotification withdraws the waiting notification id inside tx
// (touched before): it is "abgebrochen" with the reason as its last error,
// and the audit log says why.
func (s *Store) withdrawNotification(ctx context.Context, tx *sql.Tx, id int64, reason string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, last_error = ?, claim = '', claimed_until = '' WHERE id = ? AND state = ?`,
		model.DeliveryCancelled, withdrawnPrefix+reason, id, model.DeliveryWaiting); err != nil {
		return fmt.Errorf("store: withdraw notification %d: %w", id, err)
	}
	return s.audit(ctx, tx, "cancel", "notification", id, "zurückgezogen: "+reason)
}

// stillToSend says, read through q at now, whether the waiting
// notification n is still to be sent: the reason why not (German, for
// /postausgang and the audit log), "" if it is. The one check of every
// message before it leaves, whatever changed since it was queued — the
// sender's claim (ClaimNotification), the reminder loop's sweep
// (WithdrawStaleNotifications) and the secretariat's "Erneut senden"
// (RetryNotification) ask it:
//   - a message to an account: the account exists and is enabled, its role
//     may receive the event, and it is still subscribed to the event on the
//     message's channel with an address there (recipient.receives, as
//     subscribers asks when queueing); address is that address, where the
//     message goes now;
//   - a reminder (reminderNow): the reminder loop would give the same key
//     now — the same follow-up, deadline or date, the same occasion.
func stillToSend(ctx context.Context, q queryer, n model.Notification, now time.Time) (reason, address string, err error) {
	address = n.Recipient
	member := ""
	if n.UserID != 0 {
		list, err := recipients(ctx, q, n.Event, "u.id = ?", n.UserID)
		switch {
		case err != nil:
			return "", address, fmt.Errorf("store: recipient of notification %d: %w", n.ID, err)
		case len(list) == 0:
			return "das Konto gibt es nicht mehr.", address, nil
		case list[0].user.Disabled:
			return "das Konto ist deaktiviert.", address, nil
		case !n.Event.For(list[0].user.Role):
			return fmt.Sprintf("die Rolle des Kontos erhält „%s“ nicht.", n.Event.Label()), address, nil
		}
		member = list[0].user.MemberAbbrev
		if address = list[0].receives(n.Event, n.Channel); address == "" {
			return fmt.Sprintf("„%s“ (%s) ist abbestellt.", n.Event.Label(), n.Channel.Label()), n.Recipient, nil
		}
	}
	if current, ok := reminderNow[n.Event]; ok {
		key, state, err := current(ctx, q, n.Ref, member, now)
		if err != nil {
			return "", address, err
		}
		if key == "" || rowKey(key, n.UserID, n.Channel) != n.Key {
			return "nicht mehr aktuell – " + state + ".", address, nil
		}
	}
	return "", address, nil
}

// reminderNow gives, per reminder event, the key of the notice the
// reminder loop would queue now for the object a waiting reminder
// belongs to (its Ref) and the member of the account it is for ("" for
// none), "" when it would queue none, and the object's state in words
// for the reason of a withdrawal. Each is the producer's own function, so
// the key's format is written once: a follow-up's deadline changed, its
// session moved or cancelled, a registration deadline of a cancelled
// session, a FachMK date moved, a kick-off talk held, a written procedure
// closed or the member's vote cast, a report under "Reporting FachMK"
// saved — the waiting reminder is not the one the loop gives now and is
// withdrawn (stillToSend).
var reminderNow = map[model.Event]func(ctx context.Context, q queryer, ref, member string, now time.Time) (key, state string, err error){
	model.EventFollowUpDue:      byRef(followUpReminderNow),
	model.EventFollowUpOverdue:  byRef(followUpReminderNow),
	model.EventDeadlineSoon:     byRef(deadlineReminderNow),
	model.EventConferenceSoon:   byRef(conferenceReminderNow),
	model.EventKickoffDue:       byRef(kickoffReminderNow),
	model.EventProcedureClosing: procedureClosingNow,
	model.EventReportDue:        reportReminderNow,
}

// byRef makes a reminder check that needs only the object (the ref) one
// of reminderNow.
func byRef(f func(ctx context.Context, q queryer, ref string, now time.Time) (key, state string, err error)) func(ctx context.Context, q queryer, ref, member string, now time.Time) (key, state string, err error) {
	return func(ctx context.Context, q queryer, ref, _ string, now time.Time) (string, string, error) {
		return f(ctx, q, ref, now)
	}
}

// refID reads the id from a ref "kind:ID" of the kind.
func refID(ref, kind string) (int64, bool) {
	rest, ok := strings.CutPrefix(ref, kind+":")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil
}

// WithdrawStaleNotifications withdraws the waiting notifications that are
// not to be sent any more (stillToSend), as a sender's claim does, also
// those of a channel no sender is configured for: the reminder loop runs
// it, so that /postausgang does not show as waiting what will never be
// sent. It reads the waiting messages without the write lock, a batch at
// a time, and takes a transaction only for those to withdraw, asking each
// again there; a message a sender holds is left to it. It gives the
// number withdrawn.
func (s *Store) WithdrawStaleNotifications(ctx context.Context, now time.Time) (int, error) {
	const batch = 500
	var stale []int64
	for after := int64(0); ; {
		list, err := queryList(ctx, s.db, scanNotification, "waiting notifications",
			`SELECT `+notificationCols+` FROM outbox WHERE state = ? AND id > ? ORDER BY id LIMIT ?`, model.DeliveryWaiting, after, batch)
		if err != nil {
			return 0, err
		}
		for _, n := range list {
			if n.InFlight(now) {
				continue
			}
			reason, _, err := stillToSend(ctx, s.db, n, now)
			if err != nil {
				return 0, err
			}
			if reason != "" {
				stale = append(stale, n.ID)
			}
		}
		if len(list) < batch {
			break
		}
		after = list[len(list)-1].ID
	}
	if len(stale) == 0 {
		return 0, nil
	}
	withdrawn := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		sweep := WithActor(ctx, "postausgang")
		withdrawn = 0
		for _, id := range stale {
			n, err := queryOne(ctx, tx, scanNotification, "notification", `SELECT `+notificationCols+` FROM outbox WHERE id = ? AND state = ?`, id, model.DeliveryWaiting)
			if errors.Is(err, ErrNotFound) {
				continue // sent, failed or cancelled meanwhile
			} else if err != nil {
				return err
			}
			if n.InFlight(now) {
				continue
			}
			reason, _, err := stillToSend(ctx, tx, n, now)
			if err != nil {
				return err
			}
			if reason == "" {
				continue // its reason went meanwhile
			}
			if err := s.touch(sweep, tx, "notification", id); err != nil {
				return err
			}
			if err := s.withdrawNotification(sweep, tx, id, reason); err != nil {
				return err
			}
			withdrawn++
		}
		return nil
	})
	return withdrawn, err
}

// ErrClaimLost means a sender's claim on a notification ended before it
// recorded the result (the lease ran out and another sender took it, or
// the secretariat changed it).
var ErrClaimLost = errors.New("store: the claim on the notification was lost")

// NotificationSent records that the sender handed the claimed notification
// over (to the mail server, to the Matrix homeserver).
func (s *Store) NotificationSent(ctx context.Context, id int64, claim string, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(WithActor(ctx, "postausgang"), tx, "notification", id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, sent_at = ?, claim = '', claimed_until = '', last_error = ''
			WHERE id = ? AND claim = ? AND state = ?`, model.DeliverySent, outboxTime(now), id, claim, model.DeliveryWaiting)
		if err != nil {
			return fmt.Errorf("store: notification %d sent: %w", id, err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("store: notification %d sent: %w", id, ErrClaimLost)
		}
		return s.audit(WithActor(ctx, "postausgang"), tx, "sent", "notification", id, "")
	})
}

// NotificationFailed records a failed attempt on the claimed notification:
// with a zero retry time it failed for good ("fehlgeschlagen"), otherwise it
// waits until retry.
func (s *Store) NotificationFailed(ctx context.Context, id int64, claim string, reason string, retry time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(WithActor(ctx, "postausgang"), tx, "notification", id); err != nil {
			return err
		}
		state, next := model.DeliveryWaiting, ""
		if retry.IsZero() {
			state = model.DeliveryFailed
		} else {
			next = outboxTime(retry)
		}
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, next_attempt_at = COALESCE(NULLIF(?, ''), next_attempt_at),
			last_error = ?, claim = '', claimed_until = '' WHERE id = ? AND claim = ? AND state = ?`,
			state, next, reason, id, claim, model.DeliveryWaiting)
		if err != nil {
			return fmt.Errorf("store: notification %d failed: %w", id, err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("store: notification %d failed: %w", id, ErrClaimLost)
		}
		action := "retry_later" // the entry records the attempt, the error and the next try
		if state == model.DeliveryFailed {
			action = "failed"
		}
		return s.audit(WithActor(ctx, "postausgang"), tx, action, "notification", id, reason)
	})
}

// ---- the secretariat's side ----

// OutboxFilter selects notifications for the outbox page.
type OutboxFilter struct {
	State  model.DeliveryState // "" for all
	Event  model.Event         // "" for all
	Limit  int                 // 0: 100
	Offset int
}

// Notifications gives the notifications matching f, the newest first, and
// how many match in all.
func (s *Store) Notifications(ctx context.Context, f OutboxFilter) ([]model.Notification, int, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	var conds []string
	var args []any
	if f.State != "" {
		conds, args = append(conds, "state = ?"), append(args, f.State)
	}
	if f.Event != "" {
		conds, args = append(conds, "event = ?"), append(args, f.Event)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: outbox: %w", err)
	}
	list, err := queryList(ctx, s.rd, scanNotification, "outbox",
		`SELECT `+notificationCols+` FROM outbox`+where+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	return list, total, err
}

// Notification gives one notification.
func (s *Store) Notification(ctx context.Context, id int64) (model.Notification, error) {
	return queryOne(ctx, s.rd, scanNotification, fmt.Sprintf("notification %d", id), `SELECT `+notificationCols+` FROM outbox WHERE id = ?`, id)
}

// OutboxCounts gives the number of notifications per state.
func (s *Store) OutboxCounts(ctx context.Context) (map[model.DeliveryState]int, error) {
	out := map[model.DeliveryState]int{}
	rows, err := s.db.QueryContext(ctx, `SELECT state, COUNT(*) FROM outbox GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("store: outbox counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st model.DeliveryState
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("store: outbox counts: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}

// RetryNotification sends a failed or cancelled notification again, or a
// waiting one now instead of after its backoff: it waits, due now, with its
// attempts counted afresh (a cancelled one without its former reason). A
// sent notification and one a sender is working on are refused, and so
// is one that is not to be sent any more (stillToSend: the account
// disabled, the event unsubscribed, the reminder outdated), with the
// reason.
func (s *Store) RetryNotification(ctx context.Context, id int64) error {
	return s.changeNotification(ctx, id, "retry", func(tx *sql.Tx, n model.Notification, now time.Time) (string, []any, error) {
		if n.State == model.DeliverySent {
			return "", nil, model.RuleError("Diese Nachricht ist bereits gesendet; sie wird nicht noch einmal gesendet.")
		}
		reason, _, err := stillToSend(ctx, tx, n, now)
		if err != nil {
			return "", nil, err
		}
		if reason != "" {
			return "", nil, model.RuleError("Diese Nachricht wird nicht gesendet: %s", reason)
		}
		if n.State == model.DeliveryCancelled {
			return `state = ?, attempts = 0, next_attempt_at = ?, last_error = ''`, []any{model.DeliveryWaiting, outboxTime(now)}, nil
		}
		return `state = ?, attempts = 0, next_attempt_at = ?`, []any{model.DeliveryWaiting, outboxTime(now)}, nil
	})
}

// CancelNotification cancels a waiting or failed notification: it is not
// sent (until someone retries it). Its last error says who cancelled it,
// with the error of the last attempt if there was one. A sent
// notification and one a sender is working on are refused.
func (s *Store) CancelNotification(ctx context.Context, id int64) error {
	return s.changeNotification(ctx, id, "cancel", func(_ *sql.Tx, n model.Notification, now time.Time) (string, []any, error) {
		switch n.State {
		case model.DeliverySent:
			return "", nil, model.RuleError("Diese Nachricht ist bereits gesendet und kann nicht mehr abgebrochen werden.")
		case model.DeliveryCancelled:
			return "", nil, model.RuleError("Diese Nachricht ist bereits abgebrochen.")
		}
		reason := "Von der Geschäftsstelle abgebrochen."
		if n.LastError != "" {
			reason += " Letzter Fehler davor: " + n.LastError
		}
		return `state = ?, last_error = ?`, []any{model.DeliveryCancelled, reason}, nil
	})
}

// changeNotification runs an admin action on a notification that no sender
// is working on, in one transaction with its audit line.
func (s *Store) changeNotification(ctx context.Context, id int64, action string, set func(*sql.Tx, model.Notification, time.Time) (string, []any, error)) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		n, err := queryOne(ctx, tx, scanNotification, fmt.Sprintf("notification %d", id), `SELECT `+notificationCols+` FROM outbox WHERE id = ?`, id)
		if err != nil {
			return err
		}
		now := s.now()
		if n.InFlight(now) {
			return model.RuleError("Diese Nachricht wird gerade gesendet; bitte in einer Minute erneut versuchen.")
		}
		cols, args, err := set(tx, n, now)
		if err != nil {
			return err
		}
		if err := s.touch(ctx, tx, "notification", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET `+cols+`, claim = '', claimed_until = '' WHERE id = ?`, append(args, id)...); err != nil {
			return fmt.Errorf("store: %s notification %d: %w", action, id, err)
		}
		return s.audit(ctx, tx, action, "notification", id, n.Recipient)
	})
}

// Delivery sums up the delivery of the notifications with the ref.
func (s *Store) Delivery(ctx context.Context, ref string) (model.Delivery, error) {
	var d model.Delivery
	rows, err := s.db.QueryContext(ctx, `SELECT state, COUNT(*), MAX(sent_at) FROM outbox WHERE ref = ? GROUP BY state`, ref)
	if err != nil {
		return d, fmt.Errorf("store: delivery: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st model.DeliveryState
		var n int
		var last string
		if err := rows.Scan(&st, &n, &last); err != nil {
			return d, fmt.Errorf("store: delivery: %w", err)
		}
		switch st {
		case model.DeliveryWaiting:
			d.Waiting = n
		case model.DeliverySent:
			d.Sent = n
			d.LastSent, _ = time.Parse(time.RFC3339, last)
		case model.DeliveryFailed:
			d.Failed = n
		case model.DeliveryCancelled:
			d.Cancelled = n
		}
	}
	return d, rows.Err()
}

// ---- preferences ----

// NotificationSettings gives a user's notification settings. A user who
// never saved gets Saved false and the subscriptions of the role's
// defaults (model.DefaultSubscriptions), which the preferences page shows
// ticked, with the e-mail address the secretariat set or the OpenID
// Connect login brought (SetNotificationEmail, OIDCLogin), if any, and
// the version of that address (0 for none).
func (s *Store) NotificationSettings(ctx context.Context, userID int64) (model.NotificationSettings, error) {
	set := model.NotificationSettings{UserID: userID, DueDays: model.DefaultDueDays}
	var saved int
	err := s.db.QueryRowContext(ctx, `SELECT email, matrix_room, due_days, version, saved FROM notification_settings WHERE user_id = ?`, userID).
		Scan(&set.Email, &set.MatrixRoom, &set.DueDays, &set.Version, &saved)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && saved == 0) {
		var role model.Role
		if err := s.db.QueryRowContext(ctx, `SELECT role FROM users WHERE id = ?`, userID).Scan(&role); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return set, fmt.Errorf("store: notification settings: %w", err)
		}
		set.Subscriptions = model.DefaultSubscriptions(role)
		return set, nil
	} else if err != nil {
		return set, fmt.Errorf("store: notification settings: %w", err)
	}
	set.Saved = true
	set.Subscriptions, err = queryList(ctx, s.rd, func(r scanner) (model.Subscription, error) {
		var v model.Subscription
		return v, r.Scan(&v.Event, &v.Channel)
	}, "subscriptions", `SELECT event, channel FROM notification_subscriptions WHERE user_id = ? ORDER BY event, channel`, userID)
	return set, err
}

// NotificationEmails gives, by user id, the e-mail address of every
// account that has one and its version (for SetNotificationEmail), for
// the account list of the secretariat.
func (s *Store) NotificationEmails(ctx context.Context) (map[int64]model.NotificationSettings, error) {
	list, err := queryList(ctx, s.rd, func(r scanner) (model.NotificationSettings, error) {
		var set model.NotificationSettings
		var saved int
		err := r.Scan(&set.UserID, &set.Email, &set.Version, &saved)
		set.Saved = saved == 1
		return set, err
	}, "notification addresses", `SELECT user_id, email, version, saved FROM notification_settings ORDER BY user_id`)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]model.NotificationSettings, len(list))
	for _, set := range list {
		out[set.UserID] = set
	}
	return out, nil
}

// SetNotificationEmail sets (or, empty, removes) the e-mail address of an
// account, as the secretariat does on /konten, in one transaction with
// its audit entry. version is the version of the address read (0 when the
// account had none); a stale one gives a conflict, so that an address
// the user changed meanwhile is not overwritten. The account's choice of
// events stays as it is: one that never saved receives its role's
// defaults at the address. A malformed address is an input error at the
// field "email".
func (s *Store) SetNotificationEmail(ctx context.Context, userID int64, email string, version int) error {
	if email != "" {
		if err := model.ChannelEmail.CheckAddress(email); err != nil {
			return model.AtField("email", err)
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := queryOne(ctx, tx, scanUser, fmt.Sprintf("user %d", userID), `SELECT `+userCols+` FROM users WHERE id = ?`, userID)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM notification_settings WHERE user_id = ?`, userID).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if version != 0 {
				return fmt.Errorf("store: e-mail address of user %d: %w", userID, ErrConflict)
			}
			_, err = s.insert(ctx, tx, "notification_settings", u.Username+": E-Mail-Adresse "+email,
				`INSERT INTO notification_settings (user_id, email, saved) VALUES (?, ?, 0)`, userID, email)
			return err
		case err != nil:
			return fmt.Errorf("store: e-mail address of user %d: %w", userID, err)
		}
		if err := s.updateVersioned(ctx, tx, "notification_settings", "notification_settings", id, version, `email = ?`, email); err != nil {
			return err
		}
		detail := "E-Mail-Adresse " + email
		if email == "" {
			detail = "E-Mail-Adresse entfernt"
		}
		return s.audit(ctx, tx, "update", "notification_settings", id, detail)
	})
}

// takeOIDCEmail gives the account the e-mail address of its OpenID
// Connect login inside tx (the login's): only an address the provider
// verified (the caller checks email_verified), only a well-formed one,
// and only when the account has no notification settings at all — an
// address the user or the secretariat set, or removed, is never
// overwritten. It reports whether it took the address.
func (s *Store) takeOIDCEmail(ctx context.Context, tx *sql.Tx, u model.User, email string) (bool, error) {
	if email == "" || model.ChannelEmail.CheckAddress(email) != nil {
		return false, nil
	}
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM notification_settings WHERE user_id = ?`, u.ID).Scan(&one)
	if err == nil {
		return false, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("store: e-mail address of user %d: %w", u.ID, err)
	}
	_, err = s.insert(ctx, tx, "notification_settings", u.Username+": E-Mail-Adresse "+email+" aus der Anmeldung (Identitätsdienst)",
		`INSERT INTO notification_settings (user_id, email, saved) VALUES (?, ?, 0)`, u.ID, email)
	return err == nil, err
}

// SaveNotificationSettings stores a user's settings and replaces the
// subscriptions: from now on the user's choice holds, not the role's
// defaults. set.Version must be the version read (0 when the account had
// no address nor settings); a stale version gives a conflict.
func (s *Store) SaveNotificationSettings(ctx context.Context, set model.NotificationSettings) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := queryOne(ctx, tx, scanUser, fmt.Sprintf("user %d", set.UserID), `SELECT `+userCols+` FROM users WHERE id = ?`, set.UserID)
		if err != nil {
			return err
		}
		if err := set.Validate(u.Role); err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM notification_settings WHERE user_id = ?`, set.UserID).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if set.Version != 0 {
				return fmt.Errorf("store: notification settings of user %d: %w", set.UserID, ErrConflict)
			}
			if _, err := s.insert(ctx, tx, "notification_settings", u.Username,
				`INSERT INTO notification_settings (user_id, email, matrix_room, due_days) VALUES (?, ?, ?, ?)`,
				set.UserID, set.Email, set.MatrixRoom, set.DueDays); err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("store: notification settings: %w", err)
		default:
			if err := s.updateVersioned(ctx, tx, "notification_settings", "notification_settings", id, set.Version,
				`email = ?, matrix_room = ?, due_days = ?, saved = 1`, set.Email, set.MatrixRoom, set.DueDays); err != nil {
				return err
			}
		}
		if err := s.touch(ctx, tx, "user", set.UserID); err != nil { // the subscriptions are part of the account's record
			return err
		}
		// Only what changed is written: a subscription deleted and
		// inserted again unchanged would be a change without one.
		had, err := queryList(ctx, tx, func(r scanner) (model.Subscription, error) {
			var v model.Subscription
			return v, r.Scan(&v.Event, &v.Channel)
		}, "subscriptions", `SELECT event, channel FROM notification_subscriptions WHERE user_id = ?`, set.UserID)
		if err != nil {
			return err
		}
		for _, v := range had {
			if !slices.Contains(set.Subscriptions, v) {
				if _, err := tx.ExecContext(ctx, `DELETE FROM notification_subscriptions WHERE user_id = ? AND event = ? AND channel = ?`,
					set.UserID, v.Event, v.Channel); err != nil {
					return fmt.Errorf("store: subscriptions: %w", err)
				}
			}
		}
		for _, v := range set.Subscriptions {
			if slices.Contains(had, v) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO notification_subscriptions (user_id, event, channel) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
				set.UserID, v.Event, v.Channel); err != nil {
				return fmt.Errorf("store: subscriptions: %w", err)
			}
		}
		return nil
	})
}
