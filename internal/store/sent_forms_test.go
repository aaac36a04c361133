package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestSentOnce: a write guarded by a form's one-time key stores once;
// the same key again stores nothing and gives what the first made; the
// key sent by another account, or for another kind of form, is a
// conflict. An empty key writes without the guard.
func TestSentOnce(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	key := strings.Repeat("ab", 16)
	contact := model.Contact{BodyID: fmk, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}
	var first, second bool
	a := must[int64](t)(s.CreateContact(ctx, contact, SentOnce(key, "fmk", &first)))
	b := must[int64](t)(s.CreateContact(ctx, contact, SentOnce(key, "fmk", &second)))
	if first || !second || a != b {
		t.Errorf("sent twice: ids %d, %d, again %v, %v; want the same id, again only for the second", a, b, first, second)
	}
	if cs := must[[]model.Contact](t)(s.Contacts(ctx, fmk)); len(cs) != 1 {
		t.Errorf("%d contacts from one form, want 1", len(cs))
	}
	if _, err := s.CreateContact(ctx, contact, SentOnce(key, "jemand", nil)); !errors.Is(err, model.ErrConflict) {
		t.Errorf("another account's key: %v, want a conflict", err)
	}
	q := model.Request{ConferenceID: fmk, Title: "Grundsteuer digital", SubmittedBy: "fmk", Via: model.ViaConference}
	if _, err := s.SubmitRequest(ctx, q, SentOnce(key, "fmk", nil)); !errors.Is(err, model.ErrConflict) {
		t.Errorf("the key of another form: %v, want a conflict", err)
	}
	if qs := must[[]model.Request](t)(s.Requests(ctx, fmk)); len(qs) != 0 {
		t.Errorf("a refused form stored %d requests", len(qs))
	}
	for range 2 {
		must[int64](t)(s.CreateContact(ctx, contact, SentOnce("", "fmk", nil)))
	}
	if cs := must[[]model.Contact](t)(s.Contacts(ctx, fmk)); len(cs) != 3 {
		t.Errorf("without a key: %d contacts, want 3", len(cs))
	}
}
