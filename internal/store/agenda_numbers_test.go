package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestNumberAgenda: the agenda is numbered in its order in one write, with
// a new version and an audit entry per changed item; pending and declined
// registrations keep theirs; once published, numbering is refused and
// nothing changes.
func TestNumberAgenda(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, _ := fixture(t, s)
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventRegistrationDecided)
	account(t, s, model.User{Username: "hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}, model.ChannelEmail, "hh@example.org", model.EventRegistrationDecided)
	id := must[int64](t)
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2027, 1, 15), Status: model.StatusPlanned}))
	welcome := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "00", Title: "Begrüßung", Position: 1}))
	b := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "07", Title: "B", Position: 3, Status: model.ItemAccepted}))
	a := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Title: "A", Position: 2}))
	pending := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Title: "Angemeldet", Position: 4, Status: model.ItemRegistered, RegisteredBy: "HE"}))
	c := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "02", Title: "C", Position: 5}))
	n, err := s.NumberAgenda(ctx, s48)
	if err != nil || n != 3 {
		t.Fatalf("NumberAgenda = %d, %v; want 3 changed", n, err)
	}
	want := map[int64]string{welcome: "00", a: "01", b: "02", pending: "", c: "03"}
	for itemID, number := range want {
		it, err := s.Item(ctx, itemID)
		if err != nil {
			t.Fatal(err)
		}
		if it.Number != number {
			t.Errorf("%q has number %q, want %q", it.Title, it.Number, number)
		}
		if changed := itemID == a || itemID == b || itemID == c; changed != (it.Version == 2) {
			t.Errorf("%q has version %d", it.Title, it.Version)
		}
	}
	se, _ := s.Session(ctx, s48)
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	check(t, s.MoveItem(ctx, c, -1, itemVersion(t, s, c)))
	if _, err := s.NumberAgenda(ctx, s48); model.ClassOf(err) != model.ErrRule {
		t.Errorf("numbering a published agenda: %v", err)
	}
	if it, _ := s.Item(ctx, c); it.Number != "03" {
		t.Errorf("a refused numbering changed %q to %q", it.Title, it.Number)
	}
}

// TestDecideRegistration: an accepted registration goes after the last item
// on the agenda (pending registrations do not count); a declined one keeps
// its place off the agenda with the secretariat's reason; a stale version
// is a conflict. The member that registered is notified of the decision
// (it was not: it learned of it only on its next visit), with the reason.
func TestDecideRegistration(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, _ := fixture(t, s)
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventRegistrationDecided)
	account(t, s, model.User{Username: "hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}, model.ChannelEmail, "hh@example.org", model.EventRegistrationDecided)
	id := must[int64](t)
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2027, 1, 15), Status: model.StatusPlanned}))
	id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "00", Title: "Begrüßung", Position: 1}))
	one := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Title: "Eins", Position: 9, Status: model.ItemRegistered, RegisteredBy: "HE"}))
	two := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Title: "Zwei", Position: 10, Status: model.ItemRegistered, RegisteredBy: "BY"}))
	it, err := s.DecideRegistration(ctx, two, 1, true, "")
	if err != nil || it.Status != model.ItemAccepted || it.Position != 2 {
		t.Fatalf("accept = %+v, %v; want accepted at position 2", it, err)
	}
	if _, err := s.DecideRegistration(ctx, one, 7, true, ""); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("stale version: %v", err)
	}
	if it, err = s.DecideRegistration(ctx, one, 1, false, " Thema der AL-Runde "); err != nil || it.Status != model.ItemDeclined {
		t.Errorf("decline = %+v, %v", it, err)
	}
	if got, _ := s.Item(ctx, one); got.DeclineReason != "Thema der AL-Runde" {
		t.Errorf("stored reason %q", got.DeclineReason)
	}
	list, _, err := s.Notifications(ctx, OutboxFilter{Event: model.EventRegistrationDecided})
	if err != nil || len(list) != 1 || list[0].Recipient != "he@example.org" || !strings.Contains(list[0].Subject, "abgelehnt: Eins") ||
		!strings.Contains(list[0].Body, "Grund: Thema der AL-Runde") || list[0].Link != fmt.Sprintf("/anmeldungen/%d", one) {
		t.Errorf("notifications: %+v %v", list, err)
	}
}

// TestAcceptIntoSection: a registration accepted into a section of the
// agenda (the secretariat chooses it beside "Annehmen") gets the section
// and goes after the last item of that section or of an earlier one, the
// items after it numbered on; a section that is no topic of the agenda
// (Begrüßung, the Grüne Liste, another body's) is refused and nothing is
// changed. Before, an accepted item went to the very end, after
// "Übergreifendes", without a section.
func TestAcceptIntoSection(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, _ := fixture(t, s)
	id := must[int64](t)
	section := func(name string, pos int, consent bool) int64 {
		return id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: name, Position: pos, Consent: consent}))
	}
	opening, security, apps := section(model.OpeningSection, 0, false), section("Informationssicherheit", 1, false), section("Digitale Anwendungen", 2, false)
	general, consent := section("Übergreifendes", 3, false), section("Grüne Liste", 4, true)
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2027, 1, 15), Status: model.StatusPlanned}))
	item := func(title string, sec int64, pos int, st model.ItemStatus) int64 {
		return id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Title: title, SectionID: sec, Position: pos, Status: st, RegisteredBy: "HE"}))
	}
	item("Begrüßung", opening, 1, model.ItemAccepted)
	item("Sicherheit", security, 2, model.ItemAccepted)
	item("Reporting FachMK", general, 5, model.ItemAccepted) // a gap: positions need not be 1, 2, 3
	reg := item("Deutschland-Stack", 0, 1000, model.ItemRegistered)
	other := item("Registermodernisierung", 0, 1001, model.ItemRegistered)
	order := func() string {
		items, err := s.Items(ctx, s48)
		check(t, err)
		var out []string
		for _, it := range items {
			if it.Status == model.ItemAccepted {
				out = append(out, fmt.Sprintf("%d %s", it.Position, it.Title))
			}
		}
		return strings.Join(out, ", ")
	}
	for _, bad := range []int64{opening, consent, 99999} {
		if _, err := s.DecideRegistration(ctx, reg, 1, true, "", IntoSection(bad)); model.ClassOf(err) != model.ErrInput {
			t.Errorf("accepted into section %d: %v, want refused", bad, err)
		}
	}
	if got := order(); got != "1 Begrüßung, 2 Sicherheit, 5 Reporting FachMK" {
		t.Fatalf("a refused acceptance changed the agenda: %s", got)
	}
	it, err := s.DecideRegistration(ctx, reg, 1, true, "", IntoSection(apps))
	if err != nil || it.SectionID != apps || it.Position != 3 {
		t.Fatalf("accepted into Digitale Anwendungen: %+v %v", it, err)
	}
	if got := order(); got != "1 Begrüßung, 2 Sicherheit, 3 Deutschland-Stack, 4 Reporting FachMK" {
		t.Errorf("agenda after the acceptance: %s", got)
	}
	if _, err := s.DecideRegistration(ctx, other, 1, true, "", IntoSection(security)); err != nil {
		t.Fatal(err)
	}
	if got := order(); got != "1 Begrüßung, 2 Sicherheit, 3 Registermodernisierung, 4 Deutschland-Stack, 5 Reporting FachMK" {
		t.Errorf("agenda after the second acceptance: %s", got)
	}
}

// TestAcceptIntoUebergreifendesGoesBeforeReporting: a registration accepted
// into "Übergreifendes" — the section of the standard item "Reporting
// FachMK" — goes before that item, as into every other section; before, it
// went after the last item of the section, which is "Reporting FachMK",
// and Hamburg's late registration became TOP 06 after TOP 05 "Reporting
// FachMK" (public agenda and the members' mail). An item of the section
// the secretariat put after "Reporting FachMK" by hand is not jumped over.
func TestAcceptIntoUebergreifendesGoesBeforeReporting(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, _ := fixture(t, s)
	id := must[int64](t)
	section := func(name string, pos int) int64 {
		return id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: name, Position: pos}))
	}
	opening, apps, general := section(model.OpeningSection, 0), section("Digitale Anwendungen", 1), section("Übergreifendes", 2)
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2027, 1, 15), Status: model.StatusPlanned}))
	item := func(number, title string, sec int64, pos int, st model.ItemStatus, by string) int64 {
		return id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: number, Title: title, SectionID: sec, Position: pos, Status: st, RegisteredBy: by}))
	}
	item("00", "Begrüßung", opening, 1, model.ItemAccepted, "")
	item("01", "Deutschland-Stack", apps, 2, model.ItemAccepted, "HE")
	item("02", "Föderale Cloud", general, 3, model.ItemAccepted, "BY")
	item("03", model.ReportingFachMKTitle, general, 4, model.ItemAccepted, "")
	late := item("", "Registermodernisierung", 0, 100, model.ItemRegistered, "HH")
	later := item("", "Datenschutzcockpit", 0, 101, model.ItemRegistered, "HB")
	order := func() string {
		items, err := s.Items(ctx, s48)
		check(t, err)
		var out []string
		for _, it := range items {
			if it.Status == model.ItemAccepted {
				out = append(out, it.Title)
			}
		}
		return strings.Join(out, ", ")
	}
	if _, err := s.DecideRegistration(ctx, late, 1, true, "", IntoSection(general)); err != nil {
		t.Fatal(err)
	}
	if got, want := order(), "Begrüßung, Deutschland-Stack, Föderale Cloud, Registermodernisierung, Reporting FachMK"; got != want {
		t.Errorf("agenda after accepting into Übergreifendes:\n got %s\nwant %s", got, want)
	}
	// The secretariat moves an item below "Reporting FachMK" by hand; the
	// next one accepted into the section goes after it, not before it.
	check(t, s.MoveItem(ctx, late, 1, itemVersion(t, s, late)))
	if _, err := s.DecideRegistration(ctx, later, 1, true, "", IntoSection(general)); err != nil {
		t.Fatal(err)
	}
	if got, want := order(), "Begrüßung, Deutschland-Stack, Föderale Cloud, Reporting FachMK, Registermodernisierung, Datenschutzcockpit"; got != want {
		t.Errorf("agenda after a second acceptance:\n got %s\nwant %s", got, want)
	}
}

// TestAcceptedRegistrationMailWording: the mail of an accepted
// registration says "der TOP steht auf der Tagesordnung" ("Ihre Anmeldung
// … angenommen; er steht …" took the registration for a masculine noun);
// the move mail says "als Videokonferenz", not "in Videokonferenz".
func TestAcceptedRegistrationMailWording(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, _ := fixture(t, s)
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventRegistrationDecided)
	id := must[int64](t)
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2027, 1, 15), Status: model.StatusPlanned}))
	reg := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Title: "Eins", Position: 9, Status: model.ItemRegistered, RegisteredBy: "HE"}))
	if _, err := s.DecideRegistration(ctx, reg, 1, true, ""); err != nil {
		t.Fatal(err)
	}
	list, _, err := s.Notifications(ctx, OutboxFilter{Event: model.EventRegistrationDecided})
	if err != nil || len(list) != 1 || !strings.Contains(list[0].Body, "angenommen; der TOP steht auf der Tagesordnung.") {
		t.Errorf("the acceptance mail: %+v %v", list, err)
	}
	if got := sessionWhen(model.Session{Date: model.NewDate(2027, 1, 15), Place: "Videokonferenz"}); got != "am 15.01.2027, als Videokonferenz" {
		t.Errorf("sessionWhen: %q", got)
	}
}

// itemVersion gives the stored version of agenda item id, as a form reads it.
func itemVersion(t *testing.T, s *Store, id int64) int {
	t.Helper()
	return must[model.AgendaItem](t)(s.Item(context.Background(), id)).Version
}

// TestStaleMoveMovesNothing: "↑" sent twice (a double click, or a page read
// before another move) moves the item one place, not two: the second
// carries the version read, which the first move changed, and is refused
// as a conflict. Before, the form carried no version and each submit moved
// the item once more.
func TestStaleMoveMovesNothing(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	se := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Status: model.StatusPlanned}))
	var ids []int64
	for i, title := range []string{"Eins", "Zwei", "Drei"} {
		ids = append(ids, must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: se, Title: title, Position: i + 1})))
	}
	read := itemVersion(t, s, ids[2])
	check(t, s.MoveItem(ctx, ids[2], -1, read))
	if err := s.MoveItem(ctx, ids[2], -1, read); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("the second move with the version read: %v", err)
	}
	items := must[[]model.AgendaItem](t)(s.Items(ctx, se))
	var order []string
	for _, it := range items {
		order = append(order, it.Title)
	}
	if strings.Join(order, ",") != "Eins,Drei,Zwei" {
		t.Errorf("the order after a double click: %v", order)
	}
}
