package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestWithdrawRequest: a FachMK secretariat could not withdraw its own
// request while the Geschäftsstelle had not acted on it. It may now, while
// the request is eingegangen or in Prüfung: the request is
// "zurückgezogen" with who and when, audited, and the Geschäftsstelle is
// told as of every other change of a request. Another conference's
// secretariat and the Geschäftsstelle may not, nor may anyone once the
// request is registered as an agenda item or settled.
func TestWithdrawRequest(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "fmk")
	conf, s48 := requestFixture(t, s)
	fmk := model.User{Username: "fmk", Role: model.RoleFachMK, ConferenceID: conf}
	submit := func(title string) model.Request {
		t.Helper()
		id := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: title, SubmittedBy: "fmk"}))
		return must[model.Request](t)(s.Request(ctx, id))
	}
	q := submit("Digitale Steuerbescheide")
	check(t, s.SetRequestStatus(ctx, q.ID, q.Version, model.RequestInReview, ""))
	q = must[model.Request](t)(s.Request(ctx, q.ID))
	for who, u := range map[string]model.User{
		"another FachMK's secretariat": {Username: "gmk", Role: model.RoleFachMK, ConferenceID: conf + 1},
		"the Geschäftsstelle":          {Username: "gs", Role: model.RoleSecretariat},
	} {
		if err := s.WithdrawRequest(ctx, q.ID, q.Version, u); model.ClassOf(err) != model.ErrForbidden {
			t.Errorf("%s withdraws the request: %v", who, err)
		}
	}
	if err := s.WithdrawRequest(ctx, q.ID, q.Version-1, fmk); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("withdrawn at a stale version: %v", err)
	}
	before := len(outboxTo(t, s, "gs@example.org"))
	check(t, s.WithdrawRequest(ctx, q.ID, q.Version, fmk))
	got := must[model.Request](t)(s.Request(ctx, q.ID))
	if got.Status != model.RequestWithdrawn || got.WithdrawnBy != "fmk" || got.WithdrawnAt.IsZero() || !got.Status.Final() {
		t.Fatalf("withdrawn request: %+v", got)
	}
	msgs := outboxTo(t, s, "gs@example.org")
	if len(msgs) != before+1 || !slices.Contains(msgs, "Anliegen zurückgezogen: Digitale Steuerbescheide") {
		t.Errorf("the Geschäftsstelle is not told of the withdrawal: %v", msgs)
	}
	if got := outboxTo(t, s, "gmk@example.org"); len(got) != 0 {
		t.Errorf("another FachMK hears of the withdrawal: %v", got)
	}
	log, err := s.AuditLog(ctx, "request", q.ID)
	check(t, err)
	audited := false
	for _, e := range log {
		if e.Actor == "fmk" && e.Action == "update" && strings.Contains(e.After, "zurueckgezogen") {
			audited = true
		}
	}
	if !audited {
		t.Errorf("the withdrawal is not in the audit log: %+v", log)
	}
	// Withdrawn, it stays so: no second withdrawal, no status, no item.
	if err := s.WithdrawRequest(ctx, q.ID, got.Version, fmk); model.ClassOf(err) != model.ErrRule {
		t.Errorf("withdrawn twice: %v", err)
	}
	if err := s.SetRequestStatus(ctx, q.ID, got.Version, model.RequestInReview, ""); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a withdrawn request set in review: %v", err)
	}
	if _, err := s.RequestToItem(ctx, q.ID, got.Version, RequestItem{SessionID: s48}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a withdrawn request registered: %v", err)
	}
	// Registered as an agenda item, the registration decides.
	r := submit("Zeitplan E-Rechnung")
	must[int64](t)(s.RequestToItem(ctx, r.ID, r.Version, RequestItem{SessionID: s48}))
	r = must[model.Request](t)(s.Request(ctx, r.ID))
	if err := s.WithdrawRequest(ctx, r.ID, r.Version, fmk); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a registered request withdrawn: %v", err)
	}
	// The Geschäftsstelle cannot set the state by hand.
	d := submit("Registermodernisierung")
	if err := s.SetRequestStatus(ctx, d.ID, d.Version, model.RequestWithdrawn, ""); model.ClassOf(err) != model.ErrRule {
		t.Errorf("the Geschäftsstelle set zurückgezogen: %v", err)
	}
}
