package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestAcceptAtTheEndGoesBeforeTheStandingItems: a registration accepted
// "– am Ende –" (no section) goes to the end of the topics, before
// "Reporting FachMK" and the Grüne Liste's block, the items after it
// numbered on. Before, it went to the very end, after "Reporting FachMK"
// and into the Grüne Liste.
func TestAcceptAtTheEndGoesBeforeTheStandingItems(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, _ := fixture(t, s)
	id := must[int64](t)
	section := func(name string, pos int, consent bool) int64 {
		return id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: name, Position: pos, Consent: consent}))
	}
	opening, security := section(model.OpeningSection, 0, false), section("Informationssicherheit", 1, false)
	general, consent := section("Übergreifendes", 2, false), section("Grüne Liste", 3, true)
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2027, 1, 15), Status: model.StatusPlanned}))
	item := func(title string, sec int64, pos int, st model.ItemStatus, by string) int64 {
		return id(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Title: title, SectionID: sec, Position: pos, Status: st, RegisteredBy: by}))
	}
	item("Begrüßung", opening, 1, model.ItemAccepted, "")
	item("Sicherheit", security, 2, model.ItemAccepted, "HE")
	item(model.ReportingFachMKTitle, general, 4, model.ItemAccepted, "") // a gap: positions need not be 1, 2, 3
	item("Bericht Geschäftsstelle", consent, 5, model.ItemAccepted, "HH")
	reg := item("Deutschland-Stack", 0, 1000, model.ItemRegistered, "HE")
	order := func() string {
		var out []string
		for _, it := range must[[]model.AgendaItem](t)(s.Items(ctx, s48)) {
			if it.Status == model.ItemAccepted {
				out = append(out, fmt.Sprintf("%d %s", it.Position, it.Title))
			}
		}
		return strings.Join(out, ", ")
	}
	it, err := s.DecideRegistration(ctx, reg, 1, true, "")
	if err != nil || it.Position != 3 || it.SectionID != 0 {
		t.Fatalf("accepted at the end: %+v %v", it, err)
	}
	if got, want := order(), "1 Begrüßung, 2 Sicherheit, 3 Deutschland-Stack, 4 Reporting FachMK, 5 Bericht Geschäftsstelle"; got != want {
		t.Errorf("agenda after the acceptance:\n got %s\nwant %s", got, want)
	}
}

// TestRequestToItemRefusesANonTopicSection: an Anliegen registered as an
// item into a section that is no topic of the agenda (Begrüßung, the
// Grüne Liste, a section that does not exist) is refused at the field
// "abschnitt", and nothing is registered; a topic and no section pass.
// Before, the store took any section id the form sent.
func TestRequestToItemRefusesANonTopicSection(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	conf, s48 := requestFixture(t, s)
	bodyID := must[model.Session](t)(s.Session(ctx, s48)).BodyID
	id := must[int64](t)
	opening := id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: model.OpeningSection, Position: 0}))
	topic := id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: "Digitale Anwendungen", Position: 1}))
	consent := id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: "Grüne Liste", Position: 2, Consent: true}))
	request := func(title string) model.Request {
		return must[model.Request](t)(s.Request(ctx, id(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: title, Text: "Bitte um Befassung", SubmittedBy: "fmk"}))))
	}
	q := request("Digitale Steuerbescheide")
	for _, bad := range []int64{opening, consent, 99999} {
		_, err := s.RequestToItem(ctx, q.ID, q.Version, RequestItem{SessionID: s48, SectionID: bad})
		if model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "abschnitt" {
			t.Errorf("section %d: %v, want refused at abschnitt", bad, err)
		}
	}
	if items := must[[]model.AgendaItem](t)(s.Items(ctx, s48)); len(items) != 0 {
		t.Fatalf("a refused registration left items: %+v", items)
	}
	if got := must[model.Request](t)(s.Request(ctx, q.ID)); got.Status != q.Status || got.Version != q.Version {
		t.Errorf("a refused registration changed the request: %+v", got)
	}
	itemID := id(s.RequestToItem(ctx, q.ID, q.Version, RequestItem{SessionID: s48, SectionID: topic}))
	if it := must[model.AgendaItem](t)(s.Item(ctx, itemID)); it.SectionID != topic {
		t.Errorf("registered into section %d, want %d", it.SectionID, topic)
	}
	q2 := request("Registermodernisierung")
	id(s.RequestToItem(ctx, q2.ID, q2.Version, RequestItem{SessionID: s48}))
}

// TestApprovedSessionKeepsItsRecord: once its minutes are approved, a
// session's date, place, chair and the rest of its record are immutable
// (ErrImmutable); once it has begun, its date, times, place and chair
// stay (as EditSession refuses them), while what its minutes set (their
// Stand) may still change. A planned session changes freely. Before,
// UpdateSession wrote any change to any session.
func TestApprovedSessionKeepsItsRecord(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, s47 := fixture(t, s)
	id := must[int64](t)
	session := func(sid int64) model.Session { return must[model.Session](t)(s.Session(ctx, sid)) }
	refused := func(name string, sid int64, change func(*model.Session), class model.Class, reason string) {
		t.Helper()
		was := session(sid)
		se := was
		change(&se)
		if err := s.UpdateSession(ctx, se); model.ClassOf(err) != class || !strings.Contains(model.ReasonOf(err), reason) {
			t.Errorf("%s: %v, want %v with %q", name, err, class, reason)
		}
		if now := session(sid); now.Version != was.Version || now.Date != was.Date || now.Place != was.Place {
			t.Errorf("%s changed the session: %+v", name, now)
		}
	}
	// The 47th runs: its record stays, its minutes' Stand may change.
	refused("date of a running session", s47, func(se *model.Session) { se.Date = model.NewDate(2025, 6, 27) }, model.ErrRule, "bereits begonnen")
	refused("place of a running session", s47, func(se *model.Session) { se.Place = "Berlin" }, model.ErrRule, "bereits begonnen")
	se := session(s47)
	se.MinutesStand = model.NewDate(2025, 6, 30)
	check(t, s.UpdateSession(ctx, se))

	// The 46th's minutes are approved: nothing of it changes.
	s46 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Date: model.NewDate(2025, 3, 20), Place: "Berlin", Chair: "MV",
		Status: model.StatusMinutesApproved, ApprovedIn: 47}))
	for name, change := range map[string]func(*model.Session){
		"date":  func(se *model.Session) { se.Date = model.NewDate(2025, 3, 21) },
		"place": func(se *model.Session) { se.Place = "Schwerin" },
		"chair": func(se *model.Session) { se.Chair = "Bund" },
		"stand": func(se *model.Session) { se.MinutesStand = model.NewDate(2025, 4, 1) },
	} {
		refused(name+" of an approved session", s46, change, model.ErrRule, "genehmigt")
	}
	se = session(s46)
	se.Place = "Hamburg"
	if err := s.UpdateSession(ctx, se); !errors.Is(err, ErrImmutable) {
		t.Errorf("approved session changed: %v, want ErrImmutable", err)
	}

	// A planned session changes.
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2027, 1, 15), Status: model.StatusPlanned}))
	se = session(s48)
	se.Place = "Hamburg"
	check(t, s.UpdateSession(ctx, se))
	if got := session(s48); got.Place != "Hamburg" {
		t.Errorf("planned session: place %q", got.Place)
	}
}

// TestRegistrationUndecidedWhenItsSessionOpens: a registration still
// undecided when its session opens stays on the secretariat's list of
// pending registrations, and the secretariat moves it to the next session
// (the registering office does not: the session is the secretariat's
// now). Before, it dropped off the list, and the move was refused for a
// session not cancelled.
func TestRegistrationUndecidedWhenItsSessionOpens(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, s47 := fixture(t, s)
	id := must[int64](t)
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.BerlinDate(s.Today().Time().AddDate(0, 2, 0)), Status: model.StatusPlanned}))
	reg := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: "Cloud-Strategie", Position: 9, Status: model.ItemRegistered, RegisteredBy: "HE",
		RegisteredAt: s.now()}))
	pending := must[[]model.AgendaItem](t)(s.PendingRegistrations(ctx, bodyID))
	if len(pending) != 1 || pending[0].ID != reg {
		t.Fatalf("pending registrations while the 47th runs: %+v", pending)
	}
	it := must[model.AgendaItem](t)(s.Item(ctx, reg))
	if _, _, err := s.MoveRegistration(ctx, RegistrationMove{ItemID: reg, Version: it.Version, Member: "HE", Target: 48}); model.ClassOf(err) != model.ErrRule ||
		!strings.Contains(model.ReasonOf(err), "entscheidet die Geschäftsstelle") {
		t.Errorf("moved by the office: %v", err)
	}
	moved, to, err := s.MoveRegistration(ctx, RegistrationMove{ItemID: reg, Version: it.Version, Target: 48})
	if err != nil || moved.SessionID != s48 || to.ID != s48 || moved.Status != model.ItemRegistered {
		t.Fatalf("moved by the secretariat: %+v %v", moved, err)
	}
	if pending := must[[]model.AgendaItem](t)(s.PendingRegistrations(ctx, bodyID)); len(pending) != 1 || pending[0].SessionID != s48 {
		t.Errorf("pending registrations after the move: %+v", pending)
	}
}
