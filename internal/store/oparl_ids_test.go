package store

import (
	"context"
	"testing"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// TestOParlIDsCountNoHiddenObject: a new OParl object took its source
// row's id when that id was free in its kind, and the agenda items,
// decisions and sessions share their tables with rows the public does not
// see — so GET /oparl/v1/body/1/agendaItem listed 15, 16, 22, …: 17–21 the
// AL-Runde's items, between them a pending registration. Now a new object
// takes one more than the highest id of its kind: the public ones made
// around a hidden AL-Runde session with its item, a pending registration
// and a proposal not adopted are numbered one after the other, and the
// hidden rows have no object at all.
func TestOParlIDsCountNoHiddenObject(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	bodyID, s47 := fixture(t, s)
	se := must[model.Session](t)(s.Session(ctx, s47))
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))

	publicItem := func(title string, pos int) int64 {
		return id(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: title, Position: pos, Status: model.ItemAccepted}))
	}
	adopted := func(title string, seq int) int64 {
		return id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
			Title: title, Number: model.DecisionNumber{Year: 2025, Seq: seq}}))
	}
	firstItem, firstPaper := publicItem("Eins", 1), adopted("Erster Beschluss", 30)
	// Hidden from the public: the AL-Runde, its session and its item, a
	// pending registration of a member and a proposal still a draft.
	prep := id(s.CreateBody(ctx, model.Body{Kind: model.BodyPreparatory, Abbrev: "AL-Runde", Name: "Abteilungsleiterrunde", DecisionPattern: "BE-{JJJJ}/{NN}-AL",
		Preparation: model.Preparation{PreparesID: bodyID, Slug: "al-runde", Internal: true}}))
	al := id(s.CreateSession(ctx, model.Session{BodyID: prep, Number: 39, Date: model.NewDate(2025, 6, 5), Status: model.StatusPlanned, AgendaPublished: true}))
	hidden := []int64{
		id(s.CreateItem(ctx, model.AgendaItem{SessionID: al, Title: "Vorbesprechung", Position: 1, Status: model.ItemAccepted})),
		id(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: "Angemeldet", Position: 2, Status: model.ItemRegistered, RegisteredBy: "HE"})),
	}
	draft := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: s47, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Entwurf", Applicants: []string{"Bund"}}))
	secondItem, secondPaper := publicItem("Zwei", 3), adopted("Zweiter Beschluss", 31)

	for _, src := range hidden {
		if r, ok := oparlObjectOf(t, s, oparl.KindAgendaItem, src); ok && !r.deleted {
			t.Errorf("hidden item %d is AgendaItem %d", src, r.id)
		}
	}
	if r, ok := oparlObjectOf(t, s, oparl.KindPaper, draft); ok && !r.deleted {
		t.Errorf("the draft is Paper %d", r.id)
	}
	for _, c := range []struct {
		kind          string
		first, second int64
	}{{oparl.KindAgendaItem, firstItem, secondItem}, {oparl.KindPaper, firstPaper, secondPaper}} {
		one, ok1 := oparlObjectOf(t, s, c.kind, c.first)
		two, ok2 := oparlObjectOf(t, s, c.kind, c.second)
		if !ok1 || !ok2 {
			t.Fatalf("%s: the public objects of %d and %d are missing", c.kind, c.first, c.second)
		}
		if two.id != one.id+1 {
			t.Errorf("%s: the public rows %d and %d are %d and %d, want consecutive ids (the gap counts hidden rows)", c.kind, c.first, c.second, one.id, two.id)
		}
	}
	// The AL-Runde's session is no Meeting either: the next session of
	// the council is the Meeting after the 47th's.
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 9, 25), Status: model.StatusPlanned}))
	m47, ok47 := oparlObjectOf(t, s, oparl.KindMeeting, s47)
	m48, ok48 := oparlObjectOf(t, s, oparl.KindMeeting, s48)
	if al, ok := oparlObjectOf(t, s, oparl.KindMeeting, al); ok && !al.deleted {
		t.Errorf("the AL-Runde's session is Meeting %d", al.id)
	}
	if !ok47 || !ok48 || m48.id != m47.id+1 {
		t.Errorf("Meetings of the 47th and 48th: %d (%v) and %d (%v), want consecutive ids", m47.id, ok47, m48.id, ok48)
	}
}
