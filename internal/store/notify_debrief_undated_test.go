package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestDebriefMessageSaysTheDateIsOpen: a debrief without a date reads
// "Termin: noch offen" on its pages; its messages left the date out
// without a word ("Nachbesprechung der 1. Sitzung (IT-Planungsrat)
// versandt") and now say "(Termin noch offen)" the same way. A dated one
// keeps " am 21.07.2025 (Berlin)".
func TestDebriefMessageSaysTheDateIsOpen(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := fixture(t, s)
	id := must[int64](t)
	gmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	check(t, s.SetSessionStatus(ctx, sessionID, se.Version, model.StatusEnded))
	dec := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Title: "Gesundheitsdaten", Number: model.DecisionNumber{Year: 2025, Seq: 30}}))
	const m = "HE"
	account(t, s, model.User{Username: "buero", Role: model.RoleMember, MemberAbbrev: m}, model.ChannelEmail, "buero@example.org", model.EventDebriefPresentation)
	entries := []model.DebriefEntry{{DecisionID: dec, ConferenceID: gmk, Presenter: m}}
	for i, tt := range []struct {
		debrief model.Debrief
		want    string
	}{
		{model.Debrief{ID: 1, SessionID: sessionID, Entries: entries}, " (Termin noch offen) versandt"},
		{model.Debrief{ID: 2, SessionID: sessionID, Entries: entries, Place: "Berlin"}, " (Termin noch offen, Ort: Berlin) versandt"},
		{model.Debrief{ID: 3, SessionID: sessionID, Entries: entries, Place: "Berlin", HeldOn: model.NewDate(2025, 7, 21)}, " am 21.07.2025 (Berlin) versandt"},
	} {
		check(t, s.inTx(ctx, func(tx *sql.Tx) error { return s.noticeDebriefPresenters(ctx, tx, tt.debrief, 1, nil) }))
		ref := fmt.Sprintf("nachbesprechung_vorstellung:%d:1", tt.debrief.ID)
		got := outboxOf(t, s, func(n model.Notification) bool { return n.Ref == ref })
		if len(got) != 1 || !strings.Contains(got[0].Body, tt.want) {
			t.Errorf("case %d: messages %+v, want one saying %q", i, got, tt.want)
		}
	}
}
