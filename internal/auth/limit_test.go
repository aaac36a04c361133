package auth

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a settable time for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestLimiterDelaysGrowAndLockOut(t *testing.T) {
	c := &clock{t: time.Date(2025, 6, 26, 9, 0, 0, 0, time.UTC)}
	l := NewLimiter()
	l.now = c.now
	acct := AccountKey("Hessen ")
	if acct != AccountKey("hessen") {
		t.Error("account keys must not depend on case and spaces")
	}
	wait := func() time.Duration {
		var te *ThrottledError
		if err := l.Check(acct); errors.As(err, &te) {
			return te.Wait
		}
		return 0
	}
	// The free attempts, then 1 s, 2 s, 4 s … up to the lockout.
	want := []time.Duration{0, 0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 32 * time.Second, AccountPolicy.Lockout}
	for i, w := range want {
		if got := wait(); got != 0 {
			t.Fatalf("attempt %d must wait %s", i+1, got)
		}
		locked := l.Fail(acct)
		if got := wait(); got != w {
			t.Errorf("after failure %d: wait %s, want %s", i+1, got, w)
		}
		if locked != (i+1 == AccountPolicy.LockAfter) {
			t.Errorf("failure %d: locked = %v", i+1, locked)
		}
		c.add(w)
	}
	// Locked out: refused for the whole lockout, whatever the password.
	l.Fail(acct) // one more try right at the end of the lockout
	var te *ThrottledError
	if err := l.Check(acct); !errors.As(err, &te) || !te.Locked || te.Wait != AccountPolicy.Lockout {
		t.Fatalf("after the lockout's end and another failure: %v", err)
	}
	if msg := te.Message(); msg != "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in 15 Minuten erneut." {
		t.Errorf("message %q", msg)
	}
	// A success forgets the account; an address is not forgiven.
	addr := AddressKey("192.0.2.7")
	for range AddressPolicy.Free + 1 {
		l.Fail(addr)
	}
	l.Succeed(acct)
	if l.Check(acct) != nil {
		t.Error("account still throttled after a success")
	}
	if l.Check(addr) == nil {
		t.Error("a success forgave the address")
	}
	// Failures are forgotten after a quiet while.
	c.add(AddressPolicy.Forget + time.Minute)
	l.Fail(addr)
	if l.Check(addr) != nil {
		t.Error("old failures still counted")
	}
}

func TestAddressKeys(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"2001:db8:1:2::1", "2001:db8:1:2:ffff::9"}, // one /64
		{"::ffff:192.0.2.1", "192.0.2.1"},
	} {
		if AddressKey(tt.a) != AddressKey(tt.b) {
			t.Errorf("%s and %s count apart", tt.a, tt.b)
		}
	}
	if AddressKey("192.0.2.1") == AddressKey("192.0.2.2") || AddressKey("2001:db8:1:2::1") == AddressKey("2001:db8:1:3::1") {
		t.Error("different clients count together")
	}
}

func TestLimiterMemoryBound(t *testing.T) {
	l := NewLimiter()
	l.MaxEntries = 100
	for i := range 1000 {
		l.Fail(AccountKey(string(rune('a'+i%26)) + time.Duration(i).String()))
	}
	if n := len(l.entries); n > 100 {
		t.Errorf("%d entries, bound 100", n)
	}
}

func TestPoolBoundsParallelChecks(t *testing.T) {
	p := NewPool(2, 3)
	var running, most atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	results := make(chan error, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- p.Do(context.Background(), func() {
				n := running.Add(1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				<-release
				running.Add(-1)
			})
		}()
	}
	// Two run, three wait, five are refused at once.
	busy := 0
	for range 5 {
		if err := <-results; errors.Is(err, ErrBusy) {
			busy++
		}
	}
	// The two admitted checks may still be starting on a loaded machine.
	for deadline := time.Now().Add(5 * time.Second); running.Load() < 2 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	close(results)
	for err := range results {
		if err != nil {
			t.Errorf("admitted check: %v", err)
		}
	}
	if busy != 5 || most.Load() != 2 {
		t.Errorf("refused %d (want 5), at most %d running (want 2)", busy, most.Load())
	}
	// A wait longer than MaxWait gives ErrBusy.
	p = NewPool(1, 1)
	p.MaxWait = 50 * time.Millisecond
	hold, holding := make(chan struct{}), make(chan struct{})
	go p.Do(context.Background(), func() { close(holding); <-hold })
	<-holding // the one slot is taken (a fixed sleep was not enough on a loaded machine)
	if err := p.Do(context.Background(), func() {}); !errors.Is(err, ErrBusy) {
		t.Errorf("long wait: %v", err)
	}
	close(hold)
}

func TestSigner(t *testing.T) {
	c := &clock{t: time.Now()}
	s := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	s.now = c.now
	v := s.Sign("hinweis", "Gespeichert.", time.Minute)
	if got, ok := s.Verify("hinweis", v); !ok || got != "Gespeichert." {
		t.Errorf("verify = %q %v", got, ok)
	}
	if _, ok := s.Verify("oidc-state", v); ok {
		t.Error("a value signed for one purpose passes for another")
	}
	if _, ok := s.Verify("hinweis", v[:len(v)-2]+"xx"); ok {
		t.Error("a changed signature passes")
	}
	other := NewSigner([]byte("fedcba9876543210fedcba9876543210"))
	if _, ok := other.Verify("hinweis", v); ok {
		t.Error("another key accepts the value")
	}
	c.add(2 * time.Minute)
	if _, ok := s.Verify("hinweis", v); ok {
		t.Error("an expired value passes")
	}
}

// TestParallelAttemptsCountAtOnce: 40 attempts at the same moment get no
// more through than the free ones and the first delayed one.
func TestParallelAttemptsCountAtOnce(t *testing.T) {
	l := NewLimiter()
	c := &clock{t: time.Now()}
	l.now = c.now
	var admitted atomic.Int32
	var wg sync.WaitGroup
	for range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := l.Attempt(AccountKey("hessen"), AddressKey("192.0.2.1")); err == nil {
				admitted.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := admitted.Load(); n != int32(AccountPolicy.Free+1) {
		t.Errorf("%d of 40 parallel attempts admitted, want %d", n, AccountPolicy.Free+1)
	}
	// A correct password gives the address its attempt back and forgets
	// the account.
	l.Succeed(AccountKey("hessen"))
	l.Refund(AddressKey("192.0.2.1"))
	if err := l.Check(AccountKey("hessen"), AddressKey("192.0.2.1")); err != nil {
		t.Errorf("after a success: %v", err)
	}
}
