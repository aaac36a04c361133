package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// Sender delivers a notification on one channel.
type Sender interface {
	// Send hands the message over (to the mail server, to the Matrix
	// homeserver). It must use the notification's Key to make a repeated
	// delivery recognisable as the same message (MessageID, TxnID). An error
	// wrapped with Permanent means that retrying cannot help.
	Send(ctx context.Context, n model.Notification, text string) error
}

// permanentError marks an error after which a retry cannot succeed.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as permanent: the notification fails at once instead
// of being retried (a rejected recipient, a room the bot is not in).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// Defaults of the worker.
const (
	DefaultPollInterval = 5 * time.Second
	DefaultBaseDelay    = 30 * time.Second
	// DefaultMaxDelay stays below the 30 minutes for which a homeserver
	// (Synapse) is sure to remember a transaction id, so that a retry
	// after a lost answer is still recognised as the same message.
	DefaultMaxDelay = 20 * time.Minute
	// DefaultMaxAttempts with the delays above keeps retrying for about 15
	// hours (30 s, 1, 2, 4, 8, 16 min, then every 20 min) before a message
	// counts as failed.
	DefaultMaxAttempts = 50
	DefaultSendTimeout = time.Minute
)

// Worker delivers the outbox: it claims a due notification, sends it on
// its channel and records the result, one notification at a time, until
// nothing is due. A failed attempt waits with exponential backoff (BaseDelay
// doubled per attempt, at most MaxDelay); after MaxAttempts, or at once on
// a permanent error, the notification is "fehlgeschlagen" and waits for the
// secretariat.
//
// A send in progress is never abandoned: when ctx ends, the worker claims
// nothing more but finishes the send under way (bounded by SendTimeout)
// and records its result, so a stop never leaves a message sent but
// recorded as waiting. Only a crash can (see docs/notifications.md).
type Worker struct {
	Store   *store.Store
	Senders map[model.Channel]Sender // channels without a sender stay queued
	// BaseURL is put before a notification's link ("https://gremium.example.org").
	BaseURL      string
	Now          func() time.Time // the clock; nil: time.Now
	Log          *slog.Logger
	PollInterval time.Duration // 0: DefaultPollInterval
	BaseDelay    time.Duration // 0: DefaultBaseDelay
	MaxDelay     time.Duration // 0: DefaultMaxDelay
	MaxAttempts  int           // 0: DefaultMaxAttempts
	SendTimeout  time.Duration // 0: DefaultSendTimeout

	wakeOnce sync.Once
	wake     chan struct{}
}

// wakeup gives the channel Wake signals on.
func (w *Worker) wakeup() chan struct{} {
	w.wakeOnce.Do(func() { w.wake = make(chan struct{}, 1) })
	return w.wake
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func (w *Worker) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.New(slog.DiscardHandler)
}

func orDuration(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}

// Delay gives the wait after the n-th failed attempt (n ≥ 1):
// BaseDelay·2^(n−1), at most MaxDelay.
func (w *Worker) Delay(n int) time.Duration {
	base, max := orDuration(w.BaseDelay, DefaultBaseDelay), orDuration(w.MaxDelay, DefaultMaxDelay)
	d := base
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}

// lease is how long a claim holds: longer than any send may take, so that
// a claim runs out only when its sender is gone.
func (w *Worker) lease() time.Duration {
	return orDuration(w.SendTimeout, DefaultSendTimeout) + time.Minute
}

// Channels gives the channels the worker can send on.
func (w *Worker) Channels() []model.Channel {
	var out []model.Channel
	for _, c := range model.Channels {
		if w.Senders[c] != nil {
			out = append(out, c)
		}
	}
	return out
}

// Wake makes a running worker look for due notifications now instead of
// at its next poll (after a change queued one). It never blocks.
func (w *Worker) Wake() {
	select {
	case w.wakeup() <- struct{}{}:
	default:
	}
}

// Run delivers due notifications until ctx ends: at start, every
// PollInterval (for retries that fall due), when woken, and within a
// second after the store changed (a change may have queued messages; the
// store's version is an atomic counter, so watching it costs nothing). It
// returns after the send under way, if any, is recorded.
func (w *Worker) Run(ctx context.Context) {
	wake := w.wakeup()
	poll := time.NewTicker(orDuration(w.PollInterval, DefaultPollInterval))
	defer poll.Stop()
	watch := time.NewTicker(time.Second)
	defer watch.Stop()
	for {
		seen := w.Store.Version()
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.log().Error("outbox", "err", err)
		}
		for changed := false; !changed; {
			select {
			case <-ctx.Done():
				return
			case <-poll.C:
				changed = true
			case <-wake:
				changed = true
			case <-watch.C:
				changed = w.Store.Version() != seen
			}
		}
	}
}

// RunOnce delivers the notifications due now, one after the other, until
// none is due or ctx ends; it gives how many it handed over.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	channels := w.Channels()
	sent := 0
	for ctx.Err() == nil {
		n, claim, ok, err := w.Store.ClaimNotification(ctx, w.now(), w.lease(), channels)
		if err != nil || !ok {
			if ctx.Err() != nil {
				err = nil
			}
			return sent, err
		}
		done, err := w.deliver(ctx, n, claim)
		if done {
			sent++
		}
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// deliver sends one claimed notification and records the result. Neither
// the send nor the record is cut short when ctx ends.
func (w *Worker) deliver(ctx context.Context, n model.Notification, claim string) (bool, error) {
	keep := context.WithoutCancel(ctx)
	sendCtx, cancel := context.WithTimeout(keep, orDuration(w.SendTimeout, DefaultSendTimeout))
	err := w.Senders[n.Channel].Send(sendCtx, n, Text(n, w.BaseURL))
	cancel()
	now := w.now()
	if err == nil {
		w.log().Info("notification sent", "id", n.ID, "channel", n.Channel, "event", n.Event, "attempt", n.Attempts)
		if err := w.Store.NotificationSent(keep, n.ID, claim, now); err != nil {
			return true, fmt.Errorf("notify: record notification %d as sent: %w", n.ID, err)
		}
		return true, nil
	}
	reason := shorten(err.Error(), 500)
	var retry time.Time
	maxAttempts := w.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	if !IsPermanent(err) && n.Attempts < maxAttempts {
		retry = now.Add(w.Delay(n.Attempts))
	}
	w.log().Warn("notification not sent", "id", n.ID, "channel", n.Channel, "attempt", n.Attempts, "retry", retry, "err", err)
	if err := w.Store.NotificationFailed(keep, n.ID, claim, reason, retry); err != nil {
		return false, fmt.Errorf("notify: record failed notification %d: %w", n.ID, err)
	}
	return false, nil
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Text gives the text of a notification as sent: the body, the link on
// this server, and a closing line that says where the settings are.
func Text(n model.Notification, baseURL string) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(n.Body, "\n"))
	base := strings.TrimRight(baseURL, "/")
	if n.Link != "" && base != "" {
		b.WriteString("\n\n" + base + n.Link)
	}
	b.WriteString("\n\n-- \nDiese Nachricht hat gremium gesendet.")
	if n.UserID != 0 && base != "" {
		b.WriteString(" Welche Nachrichten Sie erhalten, stellen Sie hier ein: " + base + "/benachrichtigungen")
	}
	b.WriteString("\n")
	return b.String()
}

// keyHash gives a stable, URL- and header-safe form of an idempotency key.
func keyHash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}

// MessageID gives the SMTP Message-ID of a notification (without the angle
// brackets): the same key gives the same id, so a message delivered twice
// after a crash is recognisably one message.
func MessageID(key, from string) string {
	domain := "gremium.invalid"
	if i := strings.LastIndex(from, "@"); i >= 0 && i+1 < len(from) {
		domain = strings.Trim(from[i+1:], "> ")
	}
	return keyHash(key) + "@" + domain
}

// TxnID gives the Matrix transaction id of a notification: the homeserver
// answers a repeated PUT with the same transaction id with the event it
// created the first time instead of sending again.
func TxnID(key string) string { return "gremium-" + keyHash(key) }
