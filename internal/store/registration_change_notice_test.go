package store

import (
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestChangedRegistrationTellsTheSecretariat: the secretariat asked
// Hessen to change its registration; Hessen changed it and it waited for
// the secretariat again, but the secretariat heard nothing of it. Now the
// change (store.UpdateRegistration, the one call of the form and the API)
// queues "Anmeldung auf Bitte geändert" (model.EventRegistrationChanged)
// for the secretariat's subscribed accounts, in the change's transaction,
// naming the member, the item, the session and what was asked — once per
// answered request; a change not asked for, or made by the secretariat
// itself, tells nobody.
func TestChangedRegistrationTellsTheSecretariat(t *testing.T) {
	f := newCoAppFixture(t)
	account(t, f.s, model.User{Username: "gs", Role: model.RoleSecretariat}, model.ChannelEmail, "gs@example.org", model.EventRegistrationChanged)
	account(t, f.s, model.User{Username: "gs2", Role: model.RoleSecretariat}, model.ChannelEmail, "gs2@example.org", model.EventNoteSubmitted)
	account(t, f.s, model.User{Username: "he", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventRegistrationDecided)
	id := f.register(t, f.regist)
	change := func(title string) model.AgendaItem {
		t.Helper()
		it := must[model.AgendaItem](t)(f.s.Item(f.ctx, id))
		g := f.regist
		g.Title = title
		return must[model.AgendaItem](t)(f.s.UpdateRegistration(f.ctx, id, it.Version, "HE", g))
	}
	// A change nobody asked for tells the secretariat nothing.
	change("Vorschlag A, erste Fassung")
	if got := messagesOf(t, f.s, model.EventRegistrationChanged, "gs@example.org"); len(got) != 0 {
		t.Fatalf("a change not asked for: %q", got)
	}
	ask := func(reason string) {
		t.Helper()
		it := must[model.AgendaItem](t)(f.s.Item(f.ctx, id))
		must[model.AgendaItem](t)(f.s.RequestRegistrationChange(f.ctx, id, it.Version, reason))
	}
	ask("Bitte das Konzeptpapier beifügen.")
	// The secretariat changing the registration itself answers nothing.
	it := must[model.AgendaItem](t)(f.s.Item(f.ctx, id))
	g := f.regist
	g.Title = "Vorschlag A (redaktionell)"
	must[model.AgendaItem](t)(f.s.UpdateRegistration(f.ctx, id, it.Version, "", g))
	if got := messagesOf(t, f.s, model.EventRegistrationChanged, "gs@example.org"); len(got) != 0 {
		t.Fatalf("changed by the secretariat: %q", got)
	}
	if it := change("Vorschlag A mit Konzeptpapier"); it.ChangeRequest != "" {
		t.Fatalf("the request stays after the office's change: %q", it.ChangeRequest)
	}
	got := messagesOf(t, f.s, model.EventRegistrationChanged, "gs@example.org")
	if len(got) != 1 {
		t.Fatalf("the secretariat's messages of the change: %q, want 1", got)
	}
	for _, want := range []string{"Anmeldung auf Bitte geändert: Vorschlag A mit Konzeptpapier (Hessen)",
		"Hessen hat die Anmeldung „Vorschlag A mit Konzeptpapier“ zur 48. Sitzung", "auf Ihre Bitte geändert", "wartet wieder auf Ihre Entscheidung",
		"Erbeten war: Bitte das Konzeptpapier beifügen."} {
		if !strings.Contains(got[0], want) {
			t.Errorf("the message lacks %q:\n%s", want, got[0])
		}
	}
	list, _, err := f.s.Notifications(f.ctx, OutboxFilter{Event: model.EventRegistrationChanged, Limit: 100})
	check(t, err)
	if len(list) != 1 || !strings.HasSuffix(list[0].Link, "/verwaltung#anmeldung-"+itoa(id)) {
		t.Errorf("recipients or link: %+v", list)
	}
	// Changed again without a new request: nothing more; asked again and
	// changed: told again.
	change("Vorschlag A mit Konzeptpapier und Quelle")
	if got := messagesOf(t, f.s, model.EventRegistrationChanged, "gs@example.org"); len(got) != 1 {
		t.Errorf("a change after the answer: %d messages, want 1", len(got))
	}
	ask("Bitte noch die Quelle nennen.")
	change("Vorschlag A mit Quelle")
	if got := messagesOf(t, f.s, model.EventRegistrationChanged, "gs@example.org"); len(got) != 2 || !strings.Contains(got[1]+got[0], "Erbeten war: Bitte noch die Quelle nennen.") {
		t.Errorf("the second answer: %q", got)
	}
}

// TestChangeRequestTellsTheCoApplicants: the offices named as
// co-applicants share the registration, but only the registering office
// heard that the secretariat asked for a change of it. Now each
// co-applicant asked or confirmed is told, with the reason, as of a
// decision (event mitantrag_antwort); one that declined its
// co-application is not.
func TestChangeRequestTellsTheCoApplicants(t *testing.T) {
	f := newCoAppFixture(t)
	for _, m := range []string{"HE", "BW", "NW"} {
		account(t, f.s, model.User{Username: strings.ToLower(m), Role: model.RoleMember, MemberAbbrev: m}, model.ChannelEmail, strings.ToLower(m)+"@example.org", model.EventCoApplicationAnswered)
	}
	id := f.register(t, f.regist)
	nw := f.pendingOf(t, "NW")
	must[model.CoApplication](t)(f.s.DecideCoApplication(f.ctx, nw.ID, "NW", model.CoDecline, nw.Fingerprint()))
	before := len(messagesOf(t, f.s, model.EventCoApplicationAnswered, "he@example.org"))
	it := must[model.AgendaItem](t)(f.s.Item(f.ctx, id))
	const reason = "Bitte den Beschlussvorschlag präzisieren."
	must[model.AgendaItem](t)(f.s.RequestRegistrationChange(f.ctx, id, it.Version, reason))
	got := messagesOf(t, f.s, model.EventCoApplicationAnswered, "bw@example.org")
	if len(got) != 1 {
		t.Fatalf("BW's messages: %q, want the change asked", got)
	}
	for _, want := range []string{"Änderung erbeten: Vorschlag A", "bittet Hessen um eine Änderung der Anmeldung „Vorschlag A“ zur 48. Sitzung", "als Mitantragsteller genannt", "Grund: " + reason} {
		if !strings.Contains(got[0], want) {
			t.Errorf("BW's message lacks %q:\n%s", want, got[0])
		}
	}
	if got := messagesOf(t, f.s, model.EventCoApplicationAnswered, "nw@example.org"); len(got) != 0 {
		t.Errorf("NW declined its co-application and is told: %q", got)
	}
	if got := messagesOf(t, f.s, model.EventCoApplicationAnswered, "he@example.org"); len(got) != before {
		t.Errorf("the registering office is told as co-applicant: %q", got)
	}
}
