package auth

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Login protection. Two mechanisms keep a password-guessing attack (or a
// plain flood of logins) from succeeding or from taking the server down:
//
//   - a Limiter counts failed logins per typed user name and per client
//     address; after a few free attempts every further one must wait a
//     growing delay, and after many the name or address is locked out for a
//     while. Unknown user names are counted exactly like existing ones, so
//     the answers do not reveal which accounts exist.
//   - a Pool bounds how many password checks run at once: each argon2id
//     check takes 19 MiB, so unbounded parallel logins would take memory
//     without limit.

// Policy says how failures of one kind of key (account or address) are
// answered.
type Policy struct {
	// Free is the number of failures answered without delay.
	Free int
	// BaseDelay is the wait after the first failure beyond Free; every
	// further failure doubles it, up to MaxDelay.
	BaseDelay, MaxDelay time.Duration
	// LockAfter failures lock the key out for Lockout.
	LockAfter int
	Lockout   time.Duration
	// Forget is how long after its last failure a key starts afresh.
	Forget time.Duration
}

// AccountPolicy and AddressPolicy are the defaults. An address gets more
// room than an account: several people share one address behind a proxy
// or a town hall's network.
var (
	AccountPolicy = Policy{Free: 3, BaseDelay: time.Second, MaxDelay: time.Minute, LockAfter: 10, Lockout: 15 * time.Minute, Forget: 15 * time.Minute}
	AddressPolicy = Policy{Free: 10, BaseDelay: time.Second, MaxDelay: time.Minute, LockAfter: 50, Lockout: 15 * time.Minute, Forget: 15 * time.Minute}
)

// ThrottledError refuses a login attempt made too soon after failures.
type ThrottledError struct {
	// Wait is how long until the next attempt is accepted.
	Wait time.Duration
	// Locked is set when the account name or address is locked out (not
	// just delayed).
	Locked bool
}

// Error says how long the login is throttled (for logs).
func (e *ThrottledError) Error() string {
	return fmt.Sprintf("auth: login throttled for %s", e.Wait.Round(time.Second))
}

// Message is the German sentence for the user. It is the same whether or
// not the account exists.
func (e *ThrottledError) Message() string {
	return "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es " + WaitText(e.Wait) + " erneut."
}

// WaitText says a wait in German: "in 5 Sekunden", "in 15 Minuten".
func WaitText(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	switch {
	case s <= 1:
		return "in einer Sekunde"
	case s < 120:
		return fmt.Sprintf("in %d Sekunden", s)
	}
	return fmt.Sprintf("in %d Minuten", (s+59)/60)
}

// failures is the record of one key.
type failures struct {
	count int
	last  time.Time // the last failure
	next  time.Time // no attempt before this
}

// Limiter counts failed logins per key. It lives in memory: with several
// instances each counts on its own (an attacker spreading over n instances
// gets n times the attempts; the delays still hold per instance).
type Limiter struct {
	mu      sync.Mutex
	entries map[string]*failures
	// MaxEntries bounds the memory: when it is reached, forgotten entries
	// are swept and then the oldest are dropped.
	MaxEntries int
	now        func() time.Time
}

// NewLimiter gives a limiter for at most 100,000 keys (a few MB).
func NewLimiter() *Limiter {
	return &Limiter{entries: map[string]*failures{}, MaxEntries: 100_000, now: time.Now}
}

// SetClock replaces the limiter's clock (tests: waits that do not run out
// while a slow machine answers).
func (l *Limiter) SetClock(now func() time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.now = now
}

// policyOf gives the policy of a key by its prefix.
func policyOf(key string) Policy {
	if strings.HasPrefix(key, "a:") {
		return AddressPolicy
	}
	return AccountPolicy
}

// AccountKey and AddressKey give the limiter keys of a typed user name and
// of a client address.
func AccountKey(username string) string {
	return "u:" + strings.ToLower(strings.TrimSpace(username))
}

// AddressKey groups IPv6 addresses by their /64 network (one household or
// office gets one); IPv4 addresses count each.
func AddressKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return "a:" + addr
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return "a:" + p.String()
	}
	return "a:" + ip.String()
}

// Attempt admits a login attempt for the keys, or refuses it with a
// *ThrottledError. An admitted attempt counts as a failure at once, so that
// parallel attempts cannot slip through while the first ones are still
// being checked; a correct password takes it back (Succeed, Refund). It
// reports whether the attempt, if it fails, locks a key out.
func (l *Limiter) Attempt(keys ...string) (locks bool, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.check(keys); err != nil {
		return false, err
	}
	return l.fail(keys), nil
}

// Check gives a *ThrottledError if any of the keys may not try now.
func (l *Limiter) Check(keys ...string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.check(keys)
}

// check is Check with l.mu held.
func (l *Limiter) check(keys []string) error {
	now := l.now()
	var worst *ThrottledError
	for _, k := range keys {
		f := l.entries[k]
		if f == nil || !now.Before(f.next) {
			continue
		}
		e := &ThrottledError{Wait: f.next.Sub(now), Locked: f.count >= policyOf(k).LockAfter}
		if worst == nil || e.Wait > worst.Wait {
			worst = e
		}
	}
	if worst == nil {
		return nil
	}
	return worst
}

// Fail counts a failed login for the keys and reports whether it locked
// one of them out.
func (l *Limiter) Fail(keys ...string) (locked bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.fail(keys)
}

// fail is Fail with l.mu held.
func (l *Limiter) fail(keys []string) (locked bool) {
	now := l.now()
	for _, k := range keys {
		p := policyOf(k)
		f := l.entries[k]
		if f != nil && now.Sub(f.last) > p.Forget && !now.Before(f.next) {
			f = nil // forgotten
		}
		if f == nil {
			l.makeRoom(now)
			f = &failures{}
			l.entries[k] = f
		}
		f.count++
		f.last = now
		switch {
		case f.count >= p.LockAfter:
			if f.count == p.LockAfter {
				locked = true
			}
			f.next = now.Add(p.Lockout)
		case f.count > p.Free:
			d := p.BaseDelay << (f.count - p.Free - 1)
			if d > p.MaxDelay || d <= 0 {
				d = p.MaxDelay
			}
			f.next = now.Add(d)
		}
	}
	return locked
}

// Succeed forgets the failures of a key (the account after a correct
// password).
func (l *Limiter) Succeed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, key)
}

// Refund takes back the failure an admitted attempt counted for a key (the
// address after a correct password). Earlier failures stay: an attacker
// with one valid account must not wipe the count of the address they
// guess from.
func (l *Limiter) Refund(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if f := l.entries[key]; f != nil && f.count > 0 {
		f.count--
		if f.count <= policyOf(key).Free {
			f.next = time.Time{}
		}
	}
}

// makeRoom keeps the map below MaxEntries; l.mu is held.
func (l *Limiter) makeRoom(now time.Time) {
	if len(l.entries) < l.MaxEntries {
		return
	}
	for k, f := range l.entries {
		if now.Sub(f.last) > policyOf(k).Forget && !now.Before(f.next) {
			delete(l.entries, k)
		}
	}
	for len(l.entries) >= l.MaxEntries {
		var oldest string
		var at time.Time
		for k, f := range l.entries {
			if oldest == "" || f.last.Before(at) {
				oldest, at = k, f.last
			}
		}
		delete(l.entries, oldest)
	}
}

// ErrBusy means too many password checks are waiting: the server answers
// 503 instead of queueing more.
var ErrBusy = errors.New("auth: too many password checks waiting")

// Pool bounds the password checks that run at once (argon2id takes 19 MiB
// each) and the number waiting for a turn.
type Pool struct {
	slots   chan struct{}
	waiting chan struct{}
	// MaxWait is how long a check waits for a turn before ErrBusy.
	MaxWait time.Duration
}

// NewPool gives a pool of n parallel checks with up to queue waiting.
func NewPool(n, queue int) *Pool {
	if n < 1 {
		n = 1
	}
	return &Pool{slots: make(chan struct{}, n), waiting: make(chan struct{}, n+queue), MaxWait: 10 * time.Second}
}

// Do runs fn when a slot is free; it gives ErrBusy if the queue is full or
// the wait too long, and the context's error if it ends first.
func (p *Pool) Do(ctx context.Context, fn func()) error {
	select {
	case p.waiting <- struct{}{}:
	default:
		return ErrBusy
	}
	defer func() { <-p.waiting }()
	t := time.NewTimer(p.MaxWait)
	defer t.Stop()
	select {
	case p.slots <- struct{}{}:
	case <-t.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-p.slots }()
	fn()
	return nil
}
