package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestAuditObjectsNameWhatUsersKnow: the audit page named every object by
// kind and internal id ("Sitzung 3", "TOP 17"); AuditObjects names it as
// the secretariat knows it, with the address of its page, and an object
// removed since from the entry's recorded state (an update entry, which
// records only the changed columns, with the state its removal recorded).
func TestAuditObjectsNameWhatUsersKnow(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	council, s47 := fixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "5", Title: "Föderale IT-Architektur"}))
	fu := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: "Bericht zur Architektur vorlegen", Responsible: "HE", Status: model.FollowUpOpen}))
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: council, Number: 48, Date: model.NewDate(2025, 11, 6), Status: model.StatusPlanned}))
	gone := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "1", Title: "Begrüßung"}))
	se := must[model.Session](t)(s.Session(ctx, s48))
	se.Place = "Berlin"
	check(t, s.UpdateSession(ctx, se))
	se = must[model.Session](t)(s.Session(ctx, s48))
	check(t, s.DeleteSession(ctx, s48, se.Version))

	page := must[AuditPage](t)(s.AuditEntries(ctx, AuditFilter{Limit: 1000}))
	objects := must[[]AuditObject](t)(s.AuditObjects(ctx, page.Entries))
	if len(objects) != len(page.Entries) {
		t.Fatalf("%d names for %d entries", len(objects), len(page.Entries))
	}
	got := map[string]AuditObject{}
	for i, e := range page.Entries {
		o := objects[i]
		if o.Name == "" {
			t.Errorf("entry %d (%s %s %d): no name", e.ID, e.Action, e.Entity, e.EntityID)
		}
		key := fmt.Sprintf("%s %d %s", e.Entity, e.EntityID, e.Action)
		if prev, ok := got[key]; ok && prev != o {
			t.Errorf("%s: named %+v and %+v", key, prev, o)
		}
		got[key] = o
	}
	hessen := must[model.Member](t)(s.Member(ctx, "HE"))
	for _, tt := range []struct {
		key  string
		want AuditObject
	}{
		{fmt.Sprintf("session %d create", s47), AuditObject{Name: "47. Sitzung des IT-Planungsrats (26.06.2025)", Path: "/sitzungen/47"}},
		{fmt.Sprintf("agenda_item %d create", item), AuditObject{Name: "TOP 5 der 47. Sitzung des IT-Planungsrats: „Föderale IT-Architektur“", Path: "/sitzungen/47#top-5"}},
		{fmt.Sprintf("follow_up %d create", fu), AuditObject{Name: "Auftrag „Bericht zur Architektur vorlegen“", Path: fmt.Sprintf("/auftraege/%d", fu)}},
		{fmt.Sprintf("member %d create", hessen.ID), AuditObject{Name: "Hessen (HE)", Path: "/mitglieder/HE/auftraege"}},
		{fmt.Sprintf("body %d create", council), AuditObject{Name: "IT-Planungsrat (IT-PLR)"}},
		// Removed: named from the recorded states, without a link.
		{fmt.Sprintf("session %d create", s48), AuditObject{Name: "48. Sitzung des IT-Planungsrats (06.11.2025)", Gone: true}},
		{fmt.Sprintf("session %d update", s48), AuditObject{Name: "48. Sitzung des IT-Planungsrats (06.11.2025)", Gone: true}},
		{fmt.Sprintf("session %d remove", s48), AuditObject{Name: "48. Sitzung des IT-Planungsrats (06.11.2025)", Gone: true}},
		{fmt.Sprintf("agenda_item %d remove", gone), AuditObject{Name: "TOP 1 der 48. Sitzung des IT-Planungsrats: „Begrüßung“", Gone: true}},
	} {
		if o, ok := got[tt.key]; !ok {
			t.Errorf("%s: no such entry (%v)", tt.key, slices.Sorted(maps.Keys(got)))
		} else if o != tt.want {
			t.Errorf("%s: named %+v, want %+v", tt.key, o, tt.want)
		}
	}
}

// TestAuditObjectsBounded: the names of a page of entries are read with a
// fixed number of statements (one per kind on the page and one per kind
// of object they refer to), however many entries: the names of 2 or 50
// protocol notes (each on its own agenda item) or follow-ups take the same
// statements.
func TestAuditObjectsBounded(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, s47 := fixture(t, s)
	for i := range 50 {
		item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: fmt.Sprint(i + 1), Title: fmt.Sprintf("Thema %d", i+1)}))
		must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: fmt.Sprintf("Auftrag %d", i+1), Responsible: "HE", Status: model.FollowUpOpen}))
		must[int64](t)(s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: item, Author: "HE", Text: "Notiz"}))
	}
	count := func(f AuditFilter) (uint64, []AuditObject) {
		t.Helper()
		page := must[AuditPage](t)(s.AuditEntries(ctx, f))
		q0 := QueryCount()
		objects := must[[]AuditObject](t)(s.AuditObjects(ctx, page.Entries))
		if len(objects) != len(page.Entries) || len(objects) != f.Limit {
			t.Fatalf("%d names for %d entries, want %d", len(objects), len(page.Entries), f.Limit)
		}
		return QueryCount() - q0, objects
	}
	few, _ := count(AuditFilter{Entity: "protocol_note", Limit: 2})
	many, objects := count(AuditFilter{Entity: "protocol_note", Limit: 50})
	if many != few {
		t.Errorf("the names of 2 entries took %d statements, of 50 entries %d", few, many)
	}
	for _, o := range objects {
		if !strings.HasPrefix(o.Name, "Protokollnotiz von HE zu TOP ") || !strings.Contains(o.Name, " der 47. Sitzung des IT-Planungsrats") {
			t.Errorf("a protocol note named %q", o.Name)
		}
	}
	few, _ = count(AuditFilter{Entity: "follow_up", Limit: 2})
	many, _ = count(AuditFilter{Entity: "follow_up", Limit: 50})
	if many != few {
		t.Errorf("the names of 2 follow-up entries took %d statements, of 50 entries %d", few, many)
	}
	// A page of every kind the fixture wrote: one statement per kind and
	// per kind referred to (documents, items, decisions, sessions, bodies,
	// accounts), not one per entry.
	page := must[AuditPage](t)(s.AuditEntries(ctx, AuditFilter{Limit: 1000}))
	kinds := map[string]bool{}
	for _, e := range page.Entries {
		kinds[e.Entity] = true
	}
	q0 := QueryCount()
	must[[]AuditObject](t)(s.AuditObjects(ctx, page.Entries))
	if n := QueryCount() - q0; n > uint64(len(kinds)+6) {
		t.Errorf("the names of %d entries of %d kinds took %d statements, want at most %d", len(page.Entries), len(kinds), n, len(kinds)+6)
	}
}

// TestAuditObjectsEveryKind: every kind of object the audit log records
// has a name, read from the columns of its own table (each statement valid
// on the engine), also for an object that never existed (named by kind
// and number); a new kind must be given its columns here.
func TestAuditObjectsEveryKind(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	byIDAlone := map[string]bool{"minutes": true, LoginEntity: true, "ks_shares": true}
	var entries []model.AuditEntry
	for _, e := range auditEntities {
		named, ok := auditNamedKinds[e.Name]
		switch {
		case byIDAlone[e.Name]:
		case !ok:
			t.Errorf("kind %s has no name (auditNamedKinds)", e.Name)
		case e.table != "" && named.table != e.table:
			t.Errorf("kind %s is named from %s, its rows are in %s", e.Name, named.table, e.table)
		}
		entries = append(entries, model.AuditEntry{Entity: e.Name, EntityID: 999})
	}
	objects := must[[]AuditObject](t)(s.AuditObjects(ctx, entries))
	for i, o := range objects {
		if o.Name == "" || !strings.Contains(o.Name, "999") && !byIDAlone[entries[i].Entity] {
			t.Errorf("%s 999, which never existed: named %+v", entries[i].Entity, o)
		}
	}
}
