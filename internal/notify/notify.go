// Package notify owns what gremium does on its own time: the loop that
// closes written procedures at their deadline and queues reminders
// (Reminders), and the worker that delivers the outbox (Worker) over e-mail
// (SMTP) and Matrix. Notifications themselves are queued by the store in
// the transaction of the change that causes them; see docs/notifications.md
// for the delivery guarantee.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// DefaultInterval is how often the reminder loop looks for due procedures.
const DefaultInterval = 30 * time.Second

// Reminders is the loop that closes due written procedures and queues the
// reminders a day before their deadline; it also moves the OParl
// meetingState of the FachMK dates with the day and prunes the old
// one-time keys of sent forms.
type Reminders struct {
	Store    *store.Store
	Interval time.Duration    // 0: DefaultInterval
	Now      func() time.Time // the clock; nil: time.Now
	Log      *slog.Logger
	// OnClose, if set, is called with the procedures each run closed.
	OnClose func([]model.WrittenProcedure)
	// pruned is when a run last pruned the sent forms' keys.
	pruned time.Time
}

// PruneInterval is how often the loop prunes the one-time keys of sent
// forms (store.PruneSentForms): they are kept for days
// (store.SentFormKeep), so pruning them every run would only scan the
// table and take SQLite's write lock for nothing.
const PruneInterval = time.Hour

// RunOnce closes the procedures due now and queues the reminders due now:
// written procedures ending within a day, follow-ups due soon or overdue
// (store.QueueFollowUpReminders), FachMK sessions in 7 days
// (store.QueueConferenceReminders), registration and document deadlines in
// 7 days (store.QueueDeadlineReminders), kick-off talks due in 14 days
// (store.QueueKickoffReminders), the reports of "Reporting FachMK" due in
// 3 days (store.QueueReportReminders); it withdraws the waiting messages
// that are not to be sent any more — an account disabled, an event
// unsubscribed, a reminder outdated — also on a channel no sender is
// configured for (store.WithdrawStaleNotifications; a sender's claim asks
// the same); and it builds the OParl Meetings of the
// FachMK dates whose meetingState the day moved
// (store.RefreshOParlMeetingStates). At most every PruneInterval, the
// first run included, it removes the one-time keys of forms sent more than
// store.SentFormKeep ago (store.PruneSentForms).
func (r *Reminders) RunOnce(ctx context.Context) ([]model.WrittenProcedure, error) {
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	closed, err := r.Store.CloseDueProcedures(ctx, now())
	if _, ferr := r.Store.QueueFollowUpReminders(ctx, now()); ferr != nil {
		err = errors.Join(err, fmt.Errorf("follow-up reminders: %w", ferr))
	}
	if _, cerr := r.Store.QueueConferenceReminders(ctx, now()); cerr != nil {
		err = errors.Join(err, fmt.Errorf("FachMK reminders: %w", cerr))
	}
	if _, derr := r.Store.QueueDeadlineReminders(ctx, now()); derr != nil {
		err = errors.Join(err, fmt.Errorf("deadline reminders: %w", derr))
	}
	if _, kerr := r.Store.QueueKickoffReminders(ctx, now()); kerr != nil {
		err = errors.Join(err, fmt.Errorf("kick-off reminders: %w", kerr))
	}
	if _, rerr := r.Store.QueueReportReminders(ctx, now()); rerr != nil {
		err = errors.Join(err, fmt.Errorf("report reminders: %w", rerr))
	}
	if _, werr := r.Store.WithdrawStaleNotifications(ctx, now()); werr != nil {
		err = errors.Join(err, fmt.Errorf("outbox: %w", werr))
	}
	if _, oerr := r.Store.RefreshOParlMeetingStates(ctx, now()); oerr != nil {
		err = errors.Join(err, fmt.Errorf("OParl meeting states: %w", oerr))
	}
	if t := now(); r.pruned.IsZero() || t.Sub(r.pruned) >= PruneInterval {
		if _, perr := r.Store.PruneSentForms(ctx, t); perr != nil {
			err = errors.Join(err, fmt.Errorf("sent forms: %w", perr))
		} else {
			r.pruned = t
		}
	}
	return closed, err
}

// Run runs RunOnce every interval until ctx ends. It runs once at start, so
// procedures whose deadline passed while the server was stopped close right
// away. Several instances may run at once: closing is transactional and
// skips procedures another instance closed, a reminder's key queues it
// once, and a sent form's key pruned by one instance is gone for the
// others.
func (r *Reminders) Run(ctx context.Context) {
	interval := r.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	log := r.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		closed, err := r.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("closing written procedures", "err", err)
		}
		for _, p := range closed {
			log.Info("written procedure closed", "procedure", p.ID, "decision", p.DecisionID, "result", p.Result)
		}
		if len(closed) > 0 && r.OnClose != nil {
			r.OnClose(closed)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
