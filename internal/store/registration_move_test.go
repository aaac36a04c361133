package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestMoveRegistration: Hessen's pending registration of the 48th, with
// its proposal, Bayern's confirmed and Hamburg's pending co-application
// and a document, stays behind when the 48th is cancelled; the office
// could only withdraw it and register it again, which asked Bayern again,
// dropped the document and reset the time. Moved, it is the same
// registration in the 49th: the same id and time, its proposal,
// co-applications (Bayern's confirmation stands, Hamburg may answer what
// it read) and document with it, on the 49th's pending registrations,
// logged, the co-applicants and the secretariat told; late by the
// target's deadline. Refused and changing nothing: a session not
// cancelled, a stale version, another member, a decided registration, a
// target that takes no registrations, is cancelled too or does not exist.
func TestMoveRegistration(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "hessen")
	body, _ := lawFixture(t, s)
	today := s.Today().Time()
	id := must[int64](t)
	plan := func(n, months int, deadline model.Date) int64 {
		return id(s.CreateSession(ctx, model.Session{BodyID: body, Number: n, Date: model.BerlinDate(today.AddDate(0, months, 0)), RegistrationDeadline: deadline, Status: model.StatusPlanned}))
	}
	s48 := plan(48, 2, model.BerlinDate(today.AddDate(0, 1, 0)))
	s49 := plan(49, 4, model.BerlinDate(today.AddDate(0, 3, 0)))
	s50 := plan(50, 6, model.BerlinDate(today.AddDate(0, 0, -1))) // its deadline set early, passed
	s51 := plan(51, 8, model.Date{})
	account(t, s, model.User{Username: "bayern", Role: model.RoleMember, MemberAbbrev: "BY"}, model.ChannelEmail, "by@example.org", model.EventCoApplication)
	account(t, s, model.User{Username: "hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}, model.ChannelEmail, "hh@example.org", model.EventCoApplication)
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventItemDeferred)
	account(t, s, model.User{Username: "gs", Role: model.RoleSecretariat}, model.ChannelEmail, "gs@example.org", model.EventItemDeferred)

	register := func(title string) int64 {
		t.Helper()
		g := model.Registration{Member: "HE", Title: title, Goal: model.GoalDecision, Impact: model.Impact{Stated: true, Note: "Polizei"},
			Applicants: []string{"HE", "BY", "HH"}, Proposal: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt " + title + "."}}}
		return id(s.RegisterItem(ctx, g.Item(must[model.Session](t)(s.Session(ctx, s48)), s.now()), g.Draft(body), ConfirmCoApplicants()))
	}
	item := register("Cloud-Strategie")
	other := register("Registermodernisierung")
	declined := register("Abgelehnt")
	draft := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{ItemID: item}))[0]
	co := func(member string) model.CoApplication {
		t.Helper()
		for _, c := range must[[]model.CoApplication](t)(s.CoApplications(ctx, draft.ID)) {
			if c.Member == member {
				return c
			}
		}
		t.Fatalf("no co-application of %s", member)
		return model.CoApplication{}
	}
	by := co("BY")
	must[model.CoApplication](t)(s.DecideCoApplication(ctx, by.ID, "BY", model.CoConfirm, by.Fingerprint()))
	hhRead := co("HH") // Hamburg reads the registration before the move
	doc := id(s.CreateDocument(ctx, Document{SessionID: s48, ItemID: item, Filename: "vorlage.pdf", ContentType: "application/pdf", Size: 3, SHA256: "abc", UploadedBy: "hessen"}))
	before := must[model.AgendaItem](t)(s.Item(ctx, item))

	refused := func(name string, m RegistrationMove, class model.Class, reason string) {
		t.Helper()
		was := must[model.AgendaItem](t)(s.Item(ctx, m.ItemID))
		if _, _, err := s.MoveRegistration(ctx, m); model.ClassOf(err) != class || !strings.Contains(model.ReasonOf(err), reason) {
			t.Errorf("%s: %v, want class %v with %q", name, err, class, reason)
		}
		if now := must[model.AgendaItem](t)(s.Item(ctx, m.ItemID)); now.SessionID != was.SessionID || now.Version != was.Version {
			t.Errorf("%s moved the registration: %+v", name, now)
		}
	}
	refused("the 48th not cancelled", RegistrationMove{ItemID: item, Version: before.Version, Member: "HE", Target: 49}, model.ErrRule, "nicht abgesagt")

	cancel := func(id int64) {
		t.Helper()
		check(t, s.CancelSession(ctx, id, must[model.Session](t)(s.Session(ctx, id)).Version, "Terminkollision"))
	}
	cancel(s48)
	cancel(s51)
	d := must[model.AgendaItem](t)(s.Item(ctx, declined))
	must[model.AgendaItem](t)(s.DecideRegistration(ctx, declined, d.Version, false, "Erledigt."))

	refused("a stale version", RegistrationMove{ItemID: item, Version: before.Version - 1, Member: "HE", Target: 49}, model.ErrConflict, "inzwischen geändert")
	refused("another member", RegistrationMove{ItemID: item, Version: before.Version, Member: "BY", Target: 49}, model.ErrForbidden, "das Mitglied, das sie gemacht hat")
	refused("no target", RegistrationMove{ItemID: item, Version: before.Version, Member: "HE"}, model.ErrInput, "Bitte die Sitzung wählen")
	refused("the same session", RegistrationMove{ItemID: item, Version: before.Version, Member: "HE", Target: 48}, model.ErrRule, "schon in der 48. Sitzung")
	refused("a running session", RegistrationMove{ItemID: item, Version: before.Version, Member: "HE", Target: 47}, model.ErrRule, "nimmt keine Anmeldungen mehr an")
	refused("a cancelled target", RegistrationMove{ItemID: item, Version: before.Version, Member: "HE", Target: 51}, model.ErrRule, "ebenfalls abgesagt")
	refused("no such session", RegistrationMove{ItemID: item, Version: before.Version, Member: "HE", Target: 99}, model.ErrRule, "99. Sitzung dieses Gremiums gibt es nicht")
	refused("a declined registration", RegistrationMove{ItemID: declined, Version: must[model.AgendaItem](t)(s.Item(ctx, declined)).Version, Member: "HE", Target: 49}, model.ErrRule, "schon entschieden")
	if n := len(must[AuditPage](t)(s.AuditEntries(ctx, AuditFilter{Entity: "agenda_item", EntityID: item})).Entries); n != 1 {
		t.Errorf("refused moves left audit entries: %d, want the registration's one", n)
	}

	got, to, err := s.MoveRegistration(ctx, RegistrationMove{ItemID: item, Version: before.Version, Member: "HE", Target: 49})
	if err != nil || to.ID != s49 {
		t.Fatalf("move to the 49th: %v, %+v", err, to)
	}
	if got.ID != item || got.SessionID != s49 || got.Status != model.ItemRegistered || got.Late || !got.RegisteredAt.Equal(before.RegisteredAt) || got.RegisteredBy != "HE" ||
		got.Title != before.Title || got.Impact.Note != "Polizei" || !got.Impact.Stated || got.Version != before.Version+1 {
		t.Errorf("moved registration: %+v", got)
	}
	if d := must[model.Decision](t)(s.Decision(ctx, draft.ID)); d.SessionID != s49 || d.ItemID != item || d.Status != model.DecisionDraft {
		t.Errorf("the proposal stays behind: %+v", d)
	}
	if c := co("BY"); c.State != model.CoApplicationConfirmed || c.SessionNumber != 49 {
		t.Errorf("Bayern's confirmation: %+v", c)
	}
	if d := must[Document](t)(s.Document(ctx, doc)); d.SessionID != s49 || d.ItemID != item {
		t.Errorf("the document stays behind: %+v", d)
	}
	pending := must[[]model.AgendaItem](t)(s.PendingRegistrations(ctx, body))
	if !slices.ContainsFunc(pending, func(it model.AgendaItem) bool { return it.ID == item && it.SessionID == s49 }) {
		t.Errorf("not among the 49th's pending registrations: %+v", pending)
	}
	// Hamburg answers what it read: the substance did not change.
	if c, err := s.DecideCoApplication(ctx, hhRead.ID, "HH", model.CoConfirm, hhRead.Fingerprint()); err != nil || c.State != model.CoApplicationConfirmed {
		t.Errorf("Hamburg confirms after the move: %+v %v", c, err)
	}
	entries := must[AuditPage](t)(s.AuditEntries(ctx, AuditFilter{Entity: "agenda_item", EntityID: item})).Entries
	if len(entries) < 2 || entries[0].Action != "relocate" || entries[0].Actor != "hessen" || !strings.Contains(entries[0].Detail, "aus der 48. Sitzung in die 49. Sitzung") {
		t.Errorf("audit of the move: %+v", entries[0])
	}
	if got := outboxTo(t, s, "by@example.org"); !slices.Contains(got, "Anmeldung in die 49. Sitzung verlegt: Cloud-Strategie") {
		t.Errorf("Bayern's messages: %q", got)
	}
	if got := outboxTo(t, s, "hh@example.org"); !slices.Contains(got, "Anmeldung in die 49. Sitzung verlegt: Cloud-Strategie") {
		t.Errorf("Hamburg's messages: %q", got)
	}
	if got := outboxTo(t, s, "gs@example.org"); !slices.Contains(got, "Anmeldung verlegt in die 49. Sitzung: Cloud-Strategie") {
		t.Errorf("the secretariat's messages: %q", got)
	}
	if got := outboxTo(t, s, "he@example.org"); len(got) != 0 {
		t.Errorf("Hessen, who moved it, is told: %q", got)
	}
	// In the 49th it is a registration of a session that takes place.
	refused("moved again", RegistrationMove{ItemID: item, Version: got.Version, Member: "HE", Target: 50}, model.ErrRule, "nicht abgesagt")

	// The secretariat moves the other one to the 50th, whose deadline has
	// passed: late there; Hessen is told.
	o := must[model.AgendaItem](t)(s.Item(ctx, other))
	late, _, err := s.MoveRegistration(WithActor(ctx, "gs"), RegistrationMove{ItemID: other, Version: o.Version, Target: 50})
	if err != nil || late.SessionID != s50 || !late.Late || !late.RegisteredAt.Equal(o.RegisteredAt) {
		t.Fatalf("move to the 50th: %+v %v", late, err)
	}
	if got := outboxTo(t, s, "he@example.org"); !slices.Contains(got, "Anmeldung verlegt in die 50. Sitzung: Registermodernisierung") {
		t.Errorf("Hessen's messages: %q", got)
	}
	msgs, _, err := s.Notifications(ctx, OutboxFilter{Event: model.EventItemDeferred, Limit: 100})
	check(t, err)
	for _, m := range msgs {
		if m.Recipient == "he@example.org" && !strings.Contains(m.Body, "nach Anmeldeschluss der 50. Sitzung") {
			t.Errorf("Hessen's message does not say it is late: %s", m.Body)
		}
	}
}
