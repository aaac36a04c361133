package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestDefaultsReachTheAddressTheSecretariatSet: the Saarland office never
// saved its notification page, so its role's defaults hold
// "Umlaufverfahren gestartet"; before, the subscriber lists read only
// saved subscriptions and an account got an address only by saving, so
// the defaults reached nobody. Now the secretariat sets the address
// (validated, audited, against the version read); the subscriber list,
// the reach of a written procedure and the outbox's last check all apply
// the one rule (the defaults while nothing is saved), and the user's own
// choice replaces them as before.
func TestDefaultsReachTheAddressTheSecretariatSet(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	lawFixture(t, s)
	sl := must[int64](t)(s.CreateUser(ctx, model.User{Username: "saarland", Name: "Saarland", Role: model.RoleMember, MemberAbbrev: "SL"}, "x"))
	members := []model.Member{{Abbrev: "SL", Name: "SL"}}
	recipientsOf := func(e model.Event) []string {
		t.Helper()
		var out []string
		for _, sub := range must[[]Subscriber](t)(s.Subscribers(ctx, e)) {
			out = append(out, sub.Address)
		}
		return out
	}
	if got := must[model.Reach](t)(s.Reach(ctx, model.EventProcedureStarted, members)).Phrase(); got != "benachrichtigt werden: 0 von 1 Mitgliedern; ohne Adresse: SL" {
		t.Errorf("reach without an address = %q", got)
	}

	// A malformed address: an input error at the field, nothing stored.
	err := s.SetNotificationEmail(ctx, sl, "buero saarland", 0)
	if model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "email" {
		t.Fatalf("malformed address: %v (class %v, field %q), want an input error at email", err, model.ClassOf(err), model.FieldOf(err))
	}
	if set := must[model.NotificationSettings](t)(s.NotificationSettings(ctx, sl)); set.Email != "" || set.Version != 0 {
		t.Fatalf("after a refused address: %+v", set)
	}

	admin := WithActor(ctx, "geschaeftsstelle")
	check(t, s.SetNotificationEmail(admin, sl, "buero@saarland.example", 0))
	set := must[model.NotificationSettings](t)(s.NotificationSettings(ctx, sl))
	if set.Saved || set.Email != "buero@saarland.example" || set.Version != 1 || !slices.Equal(set.Subscriptions, model.DefaultSubscriptions(model.RoleMember)) {
		t.Fatalf("settings after the secretariat set the address: %+v, want the defaults with the address, not saved", set)
	}
	if got := recipientsOf(model.EventProcedureStarted); !slices.Equal(got, []string{"buero@saarland.example"}) {
		t.Errorf("subscribers of a default event = %v, want the address the secretariat set", got)
	}
	if got := recipientsOf(model.EventMinutesForComment); len(got) != 0 {
		t.Errorf("subscribers of an event outside the defaults = %v", got)
	}
	if got := must[model.Reach](t)(s.Reach(ctx, model.EventProcedureStarted, members)).Phrase(); got != "benachrichtigt werden: 1 von 1 Mitgliedern" {
		t.Errorf("reach with the address = %q", got)
	}
	var row int64
	check(t, s.db.QueryRowContext(ctx, `SELECT id FROM notification_settings WHERE user_id = ?`, sl).Scan(&row))
	audited := false
	for _, e := range must[[]model.AuditEntry](t)(s.AuditLog(ctx, "notification_settings", row)) {
		audited = audited || (e.Actor == "geschaeftsstelle" && strings.Contains(e.After, "buero@saarland.example"))
	}
	if !audited {
		t.Error("the address the secretariat set is not in the audit log")
	}

	// A message queued under the defaults is sent (the outbox's last
	// check agrees with the list it was queued from).
	now := time.Now()
	if n := must[int](t)(s.QueueNotice(ctx, Notice{Event: model.EventProcedureStarted, Key: "umlauf:1", Subject: "Umlaufverfahren", Body: "Text"})); n != 1 {
		t.Fatalf("queued %d, want 1", n)
	}
	if got := claimAll(t, s, now); !slices.Equal(got, []string{"buero@saarland.example"}) {
		t.Errorf("sent to %v, want the address the secretariat set", got)
	}

	// The secretariat wrote over a version read before: refused.
	if err := s.SetNotificationEmail(admin, sl, "andere@saarland.example", 0); !errors.Is(err, ErrConflict) {
		t.Errorf("a stale version: %v, want a conflict", err)
	}

	// The user's own choice (here: nothing) replaces the defaults; a
	// message queued before is withdrawn, not sent.
	if n := must[int](t)(s.QueueNotice(ctx, Notice{Event: model.EventProcedureStarted, Key: "umlauf:2", Subject: "Umlaufverfahren", Body: "Text"})); n != 1 {
		t.Fatalf("queued %d, want 1", n)
	}
	check(t, s.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: sl, Email: "buero@saarland.example", DueDays: 14, Version: 1}))
	if got := recipientsOf(model.EventProcedureStarted); len(got) != 0 {
		t.Errorf("after the user chose nothing, subscribers = %v", got)
	}
	if got := claimAll(t, s, now); len(got) != 0 {
		t.Errorf("sent to %v after the user chose nothing", got)
	}
	if got := must[model.Reach](t)(s.Reach(ctx, model.EventProcedureStarted, members)).Phrase(); got != "benachrichtigt werden: 0 von 1 Mitgliedern; abbestellt: SL" {
		t.Errorf("reach after the choice of nothing = %q", got)
	}

	// The secretariat changes the address of a saved account: the choice
	// stays the user's.
	check(t, s.SetNotificationEmail(admin, sl, "neu@saarland.example", 2))
	if set := must[model.NotificationSettings](t)(s.NotificationSettings(ctx, sl)); !set.Saved || set.Email != "neu@saarland.example" || len(set.Subscriptions) != 0 {
		t.Errorf("after the secretariat changed a saved account's address: %+v", set)
	}
	if err := s.SetNotificationEmail(admin, 999999, "x@example.org", 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("an account that does not exist: %v", err)
	}
}

// TestOIDCLoginTakesAVerifiedAddressOnce: an OpenID Connect login brings
// the address the provider verified; the account takes it only while it
// has none — never over an address the secretariat or the user set, nor
// after the user saved without one.
func TestOIDCLoginTakesAVerifiedAddressOnce(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	lawFixture(t, s)
	login := func(sub, name, email string) int64 {
		t.Helper()
		u := model.User{Username: name, Name: name, Role: model.RoleMember, MemberAbbrev: "HE", OIDCSubject: "https://idp.example " + sub}
		out := must[model.User](t)(s.OIDCLogin(ctx, u, email, NewLogin{TokenHash: "h-" + sub + email, Expires: time.Now().Add(time.Hour)}))
		return out.ID
	}
	emailOf := func(id int64) model.NotificationSettings {
		t.Helper()
		return must[model.NotificationSettings](t)(s.NotificationSettings(ctx, id))
	}

	a := login("a", "a.he", "a@hessen.example")
	if set := emailOf(a); set.Email != "a@hessen.example" || set.Saved {
		t.Fatalf("first login: %+v, want the verified address, defaults unsaved", set)
	}
	if subs := must[[]Subscriber](t)(s.Subscribers(ctx, model.EventProcedureStarted)); len(subs) != 1 || subs[0].Address != "a@hessen.example" {
		t.Errorf("subscribers after the login = %+v", subs)
	}
	login("a", "a.he", "anders@hessen.example")
	if set := emailOf(a); set.Email != "a@hessen.example" {
		t.Errorf("a later login overwrote the address: %q", set.Email)
	}

	// No address (unverified claims give none): nothing stored, so a
	// later verified one is taken.
	b := login("b", "b.he", "")
	if set := emailOf(b); set.Email != "" || set.Version != 0 {
		t.Errorf("login without an address: %+v", set)
	}
	login("b", "b.he", "kein Name")
	if set := emailOf(b); set.Email != "" {
		t.Errorf("a malformed claim was taken: %q", set.Email)
	}
	login("b", "b.he", "b@hessen.example")
	if set := emailOf(b); set.Email != "b@hessen.example" {
		t.Errorf("the verified address after one without: %q", set.Email)
	}

	// Set by the secretariat before the first login with an address.
	c := login("c", "c.he", "")
	check(t, s.SetNotificationEmail(ctx, c, "buero@hessen.example", 0))
	login("c", "c.he", "c@hessen.example")
	if set := emailOf(c); set.Email != "buero@hessen.example" {
		t.Errorf("the login overwrote the secretariat's address: %q", set.Email)
	}

	// The user saved without an address: that is a choice too.
	d := login("d", "d.he", "")
	check(t, s.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: d, DueDays: 14}))
	login("d", "d.he", "d@hessen.example")
	if set := emailOf(d); set.Email != "" {
		t.Errorf("the login set an address the user left empty: %q", set.Email)
	}
}
