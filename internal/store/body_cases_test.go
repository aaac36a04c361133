package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRequestNamesItsConferenceInItsCase: the impact note of an item
// registered from a request and the message about the request name the
// conference in the genitive of its name (they said "Anliegen der
// E-Justice-Rat"); migration 00730 mends the notes and the contacts
// ("Geschäftsstelle der E-Justice-Rat") written before.
func TestRequestNamesItsConferenceInItsCase(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	_, s48 := requestFixture(t, s)
	ejr := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "E-Justice-Rat", Name: "E-Justice-Rat"}))
	subscribedUsers(t, s, model.EventRequest, model.User{Username: "ejr", Name: "GS EJR", Role: model.RoleFachMK, ConferenceID: ejr})
	id := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: ejr, Title: "Justizcloud", Text: "Bitte um Befassung", SubmittedBy: "ejr"}))
	q := must[model.Request](t)(s.Request(ctx, id))
	itemID := must[int64](t)(s.RequestToItem(ctx, id, q.Version, RequestItem{SessionID: s48}))
	it := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	if !strings.HasPrefix(it.Impact.Note, "Anliegen des E-Justice-Rats vom ") {
		t.Errorf("impact note: %q", it.Impact.Note)
	}
	msgs, _, err := s.Notifications(ctx, OutboxFilter{Limit: 100})
	check(t, err)
	for _, m := range msgs {
		if strings.Contains(m.Body, "der E-Justice-Rat") || (m.Recipient == "ejr@example.org" && !strings.Contains(m.Body, "Anliegen des E-Justice-Rats:")) {
			t.Errorf("message to %s: %q", m.Recipient, m.Body)
		}
	}

	// Texts written before: the migration mends them, and only them (a
	// migration writes no audit entries; the guard is told so).
	t.Cleanup(func() { s.db.Exec(`DELETE FROM test_changes`) })
	old := "Anliegen der E-Justice-Rat vom 01.10.2025 (Anliegen Nr. 1)"
	_, err = s.db.ExecContext(ctx, `UPDATE agenda_items SET impact_note = ? WHERE id = ?`, old, itemID)
	check(t, err)
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "IMK", Name: "Innenministerkonferenz"}))
	must[int64](t)(s.CreateContact(ctx, model.Contact{BodyID: ejr, Name: "Geschäftsstelle der E-Justice-Rat", Role: "Geschäftsstelle"}))
	must[int64](t)(s.CreateContact(ctx, model.Contact{BodyID: fmk, Name: "Geschäftsstelle der Innenministerkonferenz", Role: "Geschäftsstelle"}))
	tx, err := s.db.BeginTx(ctx, nil)
	check(t, err)
	check(t, fixBodyCases(ctx, tx))
	check(t, tx.Commit())
	if it := must[model.AgendaItem](t)(s.Item(ctx, itemID)); it.Impact.Note != "Anliegen des E-Justice-Rats vom 01.10.2025 (Anliegen Nr. 1)" {
		t.Errorf("mended note: %q", it.Impact.Note)
	}
	for conf, want := range map[int64]string{ejr: "Geschäftsstelle des E-Justice-Rats", fmk: "Geschäftsstelle der Innenministerkonferenz"} {
		cs := must[[]model.Contact](t)(s.Contacts(ctx, conf))
		if len(cs) != 1 || cs[0].Name != want {
			t.Errorf("contacts of %d: %+v, want %q", conf, cs, want)
		}
	}
}

// TestMinutesApprovedIn: the sessions named whose minutes the approving
// session approved, in order; a named session approved elsewhere or not
// yet is not among them.
func TestMinutesApprovedIn(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := lawFixture(t, s)
	id := must[int64](t)
	for _, se := range []model.Session{{Number: 44, ApprovedIn: 46}, {Number: 45, ApprovedIn: 47}, {Number: 46, ApprovedIn: 47}, {Number: 43}} {
		se.BodyID, se.Status = bodyID, model.StatusMinutesApproved
		if se.ApprovedIn == 0 {
			se.Status = model.StatusMinutesDraft
		}
		id(s.CreateSession(ctx, se))
	}
	got := must[[]model.Session](t)(s.MinutesApprovedIn(ctx, bodyID, 47, []int{46, 45, 44, 43}))
	if len(got) != 2 || got[0].Number != 45 || got[1].Number != 46 {
		t.Errorf("approved in the 47th: %+v", got)
	}
}
