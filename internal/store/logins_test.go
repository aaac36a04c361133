package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gremium/internal/model"
)

// LoginSessionUsers finds many logins at once, more than one IN list of
// them, and leaves out the expired, the idle and the unknown ones;
// TouchLoginSessions moves their last use (the idle timeout).
func TestLoginSessionUsers(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	uid := must[int64](t)(s.CreateUser(ctx, model.User{Username: "gs", Name: "Geschäftsstelle", Role: model.RoleSecretariat}, "h"))
	t0 := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	var hashes []string
	for i := range inChunk + 10 {
		h := fmt.Sprintf("%064d", i)
		hashes = append(hashes, h)
		expires := t0.Add(8 * time.Hour)
		if i == 3 {
			expires = t0.Add(time.Minute) // expired at the lookup
		}
		check(t, s.CreateLoginSession(ctx, NewLogin{TokenHash: h, UserID: uid, At: t0, Expires: expires}))
	}
	now := t0.Add(time.Hour)
	check(t, s.TouchLoginSessions(ctx, hashes[:inChunk+2], t0.Add(50*time.Minute)))
	// Idle after 30 minutes: only the logins used at 10:50 count.
	got := must[map[string]LoginSession](t)(s.LoginSessionUsers(ctx, append(hashes, "unbekannt", hashes[0]), now, now.Add(-30*time.Minute)))
	if len(got) != inChunk+1 {
		t.Fatalf("%d logins, want %d", len(got), inChunk+1)
	}
	if _, ok := got[hashes[3]]; ok {
		t.Error("an expired login found")
	}
	if _, ok := got[hashes[inChunk+5]]; ok {
		t.Error("an idle login found")
	}
	if l := got[hashes[inChunk+1]]; l.User.ID != uid || !l.LastSeen.Equal(t0.Add(50*time.Minute)) {
		t.Errorf("login %+v", l)
	}
	if len(must[map[string]LoginSession](t)(s.LoginSessionUsers(ctx, nil, now, now))) != 0 {
		t.Error("logins of no token")
	}
}
