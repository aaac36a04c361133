package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestSpokespersonContacts: a spokesperson in office logs their contacts
// with the FachMK, the Geschäftsstelle logs for a spokesperson in office;
// the rules are checked inside the write; a correction needs the version
// read, keeps conference and member, and is audited; the kick-off talk of
// the current term is found.
func TestSpokespersonContacts(t *testing.T) {
	s, bodyID, gmk := contactsFixture(t)
	ctx := context.Background()
	id := must[int64](t)
	// HH's resignation took effect with the 46th session.
	id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Date: model.NewDate(2025, 3, 27), Status: model.StatusMinutesApproved}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk, Member: "HH", DecisionRef: "B-2022/43-IT", StartSession: 40, EndsWithSession: 46}))

	kickoff := model.SpokespersonContact{ConferenceID: gmk, Member: "HE", Kind: model.ContactKickoff, HeldOn: model.NewDate(2025, 5, 12),
		With: "Vorsitz der GMK, Ministerin X", Participants: "FITKO", Topics: "Kommunikationskanal, [[vertraulich: Haltung zum Budget]]",
		NextSteps: "Arbeitsebene trifft sich im Juni", RecordedBy: "Sprecher HE"}
	cid := id(s.CreateSpokespersonContact(ctx, kickoff, "HE"))
	// The Geschäftsstelle logs for the spokesperson in office.
	talk := model.SpokespersonContact{ConferenceID: gmk, Member: "HE", Kind: model.ContactTalk, HeldOn: model.NewDate(2025, 2, 3), With: "Geschäftsstelle der GMK", Topics: "Vorbereitung", RecordedBy: "Geschäftsstelle"}
	id(s.CreateSpokespersonContact(ctx, talk, ""))

	refused := []struct {
		name         string
		c            model.SpokespersonContact
		spokesperson string
		class        model.Class
		field        string
	}{
		{"HH after its resignation took effect", withMember(talk, "HH"), "HH", model.ErrRule, "land"},
		{"the Geschäftsstelle for HH after its resignation", withMember(talk, "HH"), "", model.ErrRule, "land"},
		{"HE logs a contact of HH", withMember(talk, "HH"), "HE", model.ErrForbidden, ""},
		{"in the future (today is 12.05. in Berlin)", func() model.SpokespersonContact { c := talk; c.HeldOn = model.NewDate(2025, 5, 13); return c }(), "", model.ErrRule, "datum"},
		{"without with whom", func() model.SpokespersonContact { c := talk; c.With = " "; return c }(), "", model.ErrInput, "mit"},
		{"without topics", func() model.SpokespersonContact { c := talk; c.Topics = ""; return c }(), "", model.ErrInput, "themen"},
		{"an unknown kind", func() model.SpokespersonContact { c := talk; c.Kind = "telefon"; return c }(), "", model.ErrInput, "art"},
		{"with the IT-PLR itself", func() model.SpokespersonContact { c := talk; c.ConferenceID = bodyID; return c }(), "", model.ErrInput, ""},
		// HE's term began on 01.11.2024: a kick-off talk before it was
		// stored and never counted, the overview still said "ausstehend".
		{"a kick-off talk before the term", func() model.SpokespersonContact { c := kickoff; c.HeldOn = model.NewDate(2024, 10, 15); return c }(), "HE", model.ErrRule, "datum"},
	}
	for _, r := range refused {
		if _, err := s.CreateSpokespersonContact(ctx, r.c, r.spokesperson); model.ClassOf(err) != r.class || model.FieldOf(err) != r.field {
			t.Errorf("%s: %v at %q, want class %v at %q", r.name, err, model.FieldOf(err), r.class, r.field)
		}
	}

	early := kickoff
	early.HeldOn = model.NewDate(2024, 10, 15)
	if _, err := s.CreateSpokespersonContact(ctx, early, ""); err == nil || !strings.Contains(err.Error(), "Das Auftaktgespräch am 15.10.2024 liegt vor der Amtszeit: Hessen ist Sprecher:in der Gesundheitsministerkonferenz seit dem 01.11.2024.") {
		t.Errorf("kick-off before the term: %v", err)
	}
	all := must[[]model.SpokespersonContact](t)(s.SpokespersonContacts(ctx, gmk))
	if len(all) != 2 || all[0].ID != cid || all[0].With != kickoff.With || all[0].Participants != "FITKO" || all[0].NextSteps != kickoff.NextSteps ||
		all[0].Kind != model.ContactKickoff || all[0].HeldOn != kickoff.HeldOn || all[0].Recorded.IsZero() {
		t.Fatalf("contacts = %+v", all)
	}
	if every := must[[]model.SpokespersonContact](t)(s.SpokespersonContacts(ctx, 0)); len(every) != 2 {
		t.Errorf("contacts of all conferences: %d", len(every))
	}
	as := must[[]model.Assignment](t)(s.Assignments(ctx, gmk))
	for _, a := range as {
		k, ok := model.Kickoff(a, all)
		if want := a.Member == "HE"; ok != want || ok && k.ID != cid {
			t.Errorf("kick-off of %s: %+v %v", a.Member, k, ok)
		}
	}

	// A correction needs the version read; a stale one changes nothing;
	// conference and member stay.
	got := all[0]
	got.NextSteps, got.Member, got.ConferenceID = "Treffen am 1. Juli", "HH", bodyID
	check(t, s.UpdateSpokespersonContact(ctx, got, "HE"))
	if err := s.UpdateSpokespersonContact(ctx, got, "HE"); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("stale version: %v", err)
	}
	got.Version++
	if err := s.UpdateSpokespersonContact(ctx, got, "HH"); model.ClassOf(err) != model.ErrForbidden {
		t.Errorf("another spokesperson corrects HE's contact: %v", err)
	}
	got.HeldOn = model.NewDate(2025, 6, 1)
	if err := s.UpdateSpokespersonContact(ctx, got, ""); model.FieldOf(err) != "datum" {
		t.Errorf("a correction into the future: %v", err)
	}
	got.HeldOn = kickoff.HeldOn
	check(t, s.UpdateSpokespersonContact(ctx, got, ""))
	now := must[model.SpokespersonContact](t)(s.SpokespersonContact(ctx, cid))
	if now.NextSteps != "Treffen am 1. Juli" || now.ConferenceID != gmk || now.Member != "HE" || now.Version != 3 {
		t.Errorf("after the corrections: %+v", now)
	}
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "spokesperson_contact", cid))
	if len(log) != 3 || log[0].Action != "create" || log[1].Action != "update" {
		t.Errorf("audit = %+v", log)
	}
}

// contactsFixture gives a store with the IT-PLR (fixture), today the
// 12.05.2025 in Berlin, the GMK, and HE its spokesperson since 01.11.2024,
// named by B-2022/43-IT (an earlier decision).
func contactsFixture(t *testing.T) (s *Store, bodyID, gmk int64) {
	t.Helper()
	s, _ = newStore(t)
	ctx := context.Background()
	bodyID, _ = fixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 5, 11, 22, 30, 0, 0, time.UTC) }) // 12.05. in Berlin
	gmk = fachMKNamedIn(t, s, bodyID, "GMK", "Gesundheitsministerkonferenz")
	must[int64](t)(s.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk, Member: "HE", DecisionRef: "B-2022/43-IT", StartOn: model.NewDate(2024, 11, 1)}))
	return s, bodyID, gmk
}

// fachMKNamedIn creates a FachMK and records the naming decision of the
// concept's spokespersons, B-2022/43-IT of 10.11.2022, as an earlier
// decision of council: the decision the tests' assignments cite.
func fachMKNamedIn(t *testing.T, s *Store, council int64, abbrev, name string) int64 {
	t.Helper()
	ctx := context.Background()
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: abbrev, Name: name}))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: council, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	return fmk
}

func withMember(c model.SpokespersonContact, member string) model.SpokespersonContact {
	c.Member = member
	return c
}

// TestContactRefusalGivesTheMemberToo: a contact that breaks rules of its
// own and is logged for a member not in office gives every reason, the
// member's at "land" too, on creating and on a spokesperson's correction.
// Before, the store returned the contact's reasons (model.Validate joins
// them) and asked about the member only once they were mended: the form
// marked the date and the topics, and after those were corrected refused
// again at the Land.
func TestContactRefusalGivesTheMemberToo(t *testing.T) {
	s, _, gmk := contactsFixture(t)
	ctx := context.Background()
	broken := model.SpokespersonContact{ConferenceID: gmk, Member: "HH", Kind: model.ContactTalk, HeldOn: model.NewDate(2025, 5, 13), With: "Vorsitz", RecordedBy: "Geschäftsstelle"}
	_, err := s.CreateSpokespersonContact(ctx, broken, "")
	if got := strings.Join(errorFields(err), " "); got != "datum themen land" {
		t.Errorf("fields %q, want %q (%v)", got, "datum themen land", err)
	}
	if model.ClassOf(err) == model.ErrInternal {
		t.Errorf("class of the refusal: %v", err)
	}
	// Without reasons of its own, the member's alone, as before.
	ok := broken
	ok.HeldOn, ok.Topics = model.NewDate(2025, 5, 12), "Haushalt"
	if _, err := s.CreateSpokespersonContact(ctx, ok, ""); model.ClassOf(err) != model.ErrRule || strings.Join(errorFields(err), " ") != "land" {
		t.Errorf("only not in office: %v at %v", err, errorFields(err))
	}
	// The member in office: the contact's own reasons only.
	broken.Member = "HE"
	if _, err := s.CreateSpokespersonContact(ctx, broken, "HE"); strings.Join(errorFields(err), " ") != "datum themen" {
		t.Errorf("in office: fields %v (%v)", errorFields(err), err)
	}
}

// errorFields gives the form fields of every refusal in err, joined ones
// (errors.Join) in their order.
func errorFields(err error) []string {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, errorFields(e)...)
		}
		return out
	}
	return []string{model.FieldOf(err)}
}
