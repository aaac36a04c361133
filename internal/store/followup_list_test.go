package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// followUpWorld is a varied fixture for the follow-up list: the council's
// sessions in every status (agenda published or not), a session of an
// internal preparatory body, items accepted, registered and declined (by
// HE and HH), decisions draft, adopted and rejected, of the council and of
// the internal body, and follow-ups on each item and decision, with and
// without deadlines.
type followUpWorld struct {
	council int64
	now     time.Time
}

func newFollowUpWorld(t testing.TB, s *Store) followUpWorld {
	t.Helper()
	ctx := context.Background()
	id := must[int64](t)
	council := id(s.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern}))
	prep := id(s.CreateBody(ctx, model.Body{Kind: model.BodySteeringGroup, Abbrev: "AL", Name: "AL-Runde",
		Preparation: model.Preparation{PreparesID: council, Slug: "al-runde", Internal: true, LeadWeeks: 2}}))
	for i, m := range []model.Member{{Abbrev: "Bund", Name: "Bund", Kind: model.MemberBund}, {Abbrev: "HE", Name: "Hessen", Kind: model.MemberLand}, {Abbrev: "HH", Name: "Hamburg", Kind: model.MemberLand}} {
		m.Position = i
		id(s.CreateMember(ctx, m))
	}
	type sess struct {
		body      int64
		number    int
		date      model.Date
		status    model.SessionStatus
		published bool
	}
	sessions := []sess{
		{council, 40, model.NewDate(2025, 3, 1), model.StatusMinutesApproved, true},
		{council, 41, model.NewDate(2025, 6, 1), model.StatusMinutesDraft, true},
		{council, 42, model.NewDate(2025, 8, 1), model.StatusEnded, true},
		{council, 43, model.NewDate(2025, 9, 1), model.StatusRunning, false},
		{council, 44, model.NewDate(2025, 10, 1), model.StatusConvened, true},
		{council, 45, model.NewDate(2025, 11, 1), model.StatusPlanned, false},
		{council, 46, model.Date{}, model.StatusPlanned, false},
		{prep, 40, model.NewDate(2025, 2, 20), model.StatusMinutesApproved, true},
	}
	n := 0
	for _, se := range sessions {
		// Created at most running (the minutes of later ones are closed
		// to new rows), moved on when filled.
		initial := se.status
		if slices.Index(model.SessionStatuses, initial) > slices.Index(model.SessionStatuses, model.StatusRunning) {
			initial = model.StatusRunning
		}
		sid := id(s.CreateSession(ctx, model.Session{BodyID: se.body, Number: se.number, Date: se.date, StartTime: "10:00", Status: initial, AgendaPublished: se.published}))
		defer func() {
			for cur := initial; cur != se.status; {
				next := model.SessionStatuses[slices.Index(model.SessionStatuses, cur)+1]
				check(t, s.SetSessionStatus(ctx, sid, must[model.Session](t)(s.Session(ctx, sid)).Version, next))
				cur = next
			}
		}()
		for _, it := range []struct {
			status model.ItemStatus
			by     string
		}{{model.ItemAccepted, ""}, {model.ItemRegistered, "HE"}, {model.ItemDeclined, "HH"}} {
			itemID := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: fmt.Sprintf("%02d", n%90), Title: "TOP", Status: it.status, RegisteredBy: it.by}))
			n++
			resp := []string{"HE", "HH, HE", "Hessen", "HEX und BY", "", "he; FITKO", "⟦BY⟧, HH", "B⟦Y⟧ und ⟦HE⟧"}
			due := func() (model.Date, int) {
				switch n % 5 {
				case 0:
					return model.NewDate(2025, 8, 15), 0
				case 1:
					return model.Date{}, 43 + n%4
				case 2:
					return model.NewDate(2025, 12, 1), 44
				case 3:
					return model.NewDate(2025, 9, 10), 0
				}
				return model.Date{}, 0
			}
			status := []model.FollowUpStatus{model.FollowUpOpen, model.FollowUpInProgress, model.FollowUpOpen, model.FollowUpDropped}[n%4]
			dd, ds := due()
			createFollowUpAsBefore(t, s, model.FollowUp{ItemID: itemID, Text: fmt.Sprintf("Auftrag %d", n), Responsible: resp[n%len(resp)],
				DueDate: dd, DueSession: ds, Status: status})
			for k, st := range []model.DecisionStatus{model.DecisionDraft, model.DecisionAdopted, model.DecisionRejected} {
				d := model.Decision{BodyID: se.body, ItemID: itemID, Kind: model.KindDecision, Status: st, Scope: model.ScopeAll, Title: "Beschluss", Applicants: []string{"Bund"}}
				if st == model.DecisionAdopted {
					d.Number = model.DecisionNumber{Year: 2025, Seq: n + 1} // in the register
				}
				decID := id(s.CreateDecision(ctx, d))
				n++
				dd, ds := due()
				f := model.FollowUp{DecisionID: decID, Text: fmt.Sprintf("Auftrag %d", n), Responsible: resp[n%len(resp)], DueDate: dd, DueSession: ds,
					Status: []model.FollowUpStatus{model.FollowUpOpen, model.FollowUpInProgress, model.FollowUpOpen, model.FollowUpDropped}[n%4]}
				if k == 1 {
					f.ItemID = itemID // given on the item as well
				}
				createFollowUpAsBefore(t, s, f)
			}
		}
	}
	// Neither decision nor item: internal.
	id(s.CreateFollowUp(ctx, model.FollowUp{Text: "Ohne Herkunft", Responsible: "HE", Status: model.FollowUpOpen, DueDate: model.NewDate(2025, 1, 1)}))
	return followUpWorld{council: council, now: time.Date(2025, 9, 1, 11, 0, 0, 0, model.Berlin)}
}

// query gives the list query for the audience at the world's clock, as
// the web layer builds it (the started due sessions by model.StartedAt).
func (w followUpWorld) query(t *testing.T, s *Store, a model.Audience, u *model.User, f FollowUpFilter) FollowUpListQuery {
	t.Helper()
	due := must[map[int]model.Session](t)(s.FollowUpDueSessions(context.Background(), w.council))
	q := FollowUpListQuery{FollowUpFilter: f, Audience: a, User: u, CouncilID: w.council, Today: model.BerlinDate(w.now), Started: []int{}}
	for n, se := range due {
		if se.StartedAt(w.now) {
			q.Started = append(q.Started, n)
		}
	}
	return q
}

// goList is the list as the Go rules give it (what the follow-up list
// computed before it was read in SQL): SeesFollowUp, SeesItem for the
// council's sessions, OverdueAt and DueAt, and the order overdue, pending,
// rest, by due date (none last), by id.
func (w followUpWorld) goList(t *testing.T, s *Store, a model.Audience, u *model.User, f FollowUpFilter, onlyOverdue bool) []int64 {
	t.Helper()
	ctx := context.Background()
	entries := must[[]FollowUpEntry](t)(s.FollowUpEntries(ctx, f))
	type row struct {
		id   int64
		rank int
		due  model.Date
	}
	var rows []row
	for _, e := range entries {
		var dec *model.Decision
		if e.DecisionID != 0 {
			if d, err := s.Decision(ctx, e.DecisionID); err == nil {
				dec = &d
			}
		}
		var se *model.Session
		if e.SessionID != 0 {
			if x := must[model.Session](t)(s.Session(ctx, e.SessionID)); x.BodyID == w.council {
				se = &x
			}
		}
		if !a.SeesFollowUp(e.FollowUp, dec, se) {
			continue
		}
		if a.IsPublic() && !publicResponsibleMatches(e.FollowUp, f) {
			continue
		}
		if e.ItemID != 0 && se != nil && !a.SeesItem(must[model.AgendaItem](t)(s.Item(ctx, e.ItemID)), *se, u) {
			continue
		}
		var due *model.Session
		if e.DueSession > 0 {
			if x, err := s.SessionByNumber(ctx, w.council, e.DueSession); err == nil {
				due = &x
			}
		}
		r := row{id: e.ID, rank: 2, due: e.DueAt(due)}
		if e.OverdueAt(w.now, due) {
			r.rank = 0
		} else if e.Status.Pending() {
			r.rank = 1
		}
		if onlyOverdue && r.rank != 0 {
			continue
		}
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(x, y row) int {
		if c := cmp.Compare(x.rank, y.rank); c != 0 {
			return c
		}
		switch {
		case x.due != y.due && x.due.IsZero():
			return 1
		case x.due != y.due && y.due.IsZero():
			return -1
		case x.due.Before(y.due):
			return -1
		case y.due.Before(x.due):
			return 1
		}
		return cmp.Compare(x.id, y.id)
	})
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	return ids
}

// sqlList reads the whole list page by page (pages of size) forward.
func sqlList(t *testing.T, s *Store, q FollowUpListQuery, size int) []int64 {
	t.Helper()
	var ids []int64
	var after *FollowUpCursor
	for {
		page := must[[]FollowUpListEntry](t)(s.FollowUpPage(context.Background(), q, after, false, size))
		for _, e := range page {
			ids = append(ids, e.ID)
		}
		if len(page) < size {
			return ids
		}
		after = &page[len(page)-1].Cursor
	}
}

// TestFollowUpListSQLAgreesWithGo: the list read in SQL (visibility,
// filters, order, counts, pages forward and back) gives what the Go rules
// of the publication gate and the deadlines give, for every audience and
// role, over the varied fixture.
func TestFollowUpListSQLAgreesWithGo(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newFollowUpWorld(t, s)
	viewers := []struct {
		name string
		a    model.Audience
		u    *model.User
	}{
		{"public", model.Public, nil},
		{"secretariat", model.Internal, &model.User{Role: model.RoleSecretariat}},
		{"disabled secretariat", model.Internal, &model.User{Role: model.RoleSecretariat, Disabled: true}},
		{"member HE", model.Internal, &model.User{Role: model.RoleMember, MemberAbbrev: "HE"}},
		{"member HH", model.Internal, &model.User{Role: model.RoleMember, MemberAbbrev: "HH"}},
		{"member without abbreviation", model.Internal, &model.User{Role: model.RoleMember}},
		{"internal without user", model.Internal, nil},
	}
	// Members as the pages ask (abbreviation and name): the public's
	// counts came from the kept counts of the whole list, which know no
	// member ("6 Aufträge für diese Auswahl" above Hessen's none).
	filters := []FollowUpFilter{{}, {Pending: true}, {Member: "HE"}, {Member: "he"}, {Member: "Hessen"}, {Member: "HE und HH"}, {Member: "%"},
		{Status: model.FollowUpDropped}, {Member: "FITKO", Pending: true}, {Members: []string{"HE", "Hessen"}}, {Members: []string{"Bund"}},
		{Members: []string{"FITKO"}, Pending: true}, {Members: []string{"XX"}, Status: model.FollowUpOpen}, {Member: "BY"}, {Members: []string{"BY", "HH"}}, {Member: "⟦BY⟧"}, {Members: []string{"B⟦Y⟧", "⟦HE⟧"}}}
	decs := must[[]FollowUpEntry](t)(s.FollowUpEntries(ctx, FollowUpFilter{}))
	for _, e := range decs {
		if e.DecisionID != 0 && len(filters) < 16 {
			filters = append(filters, FollowUpFilter{DecisionID: e.DecisionID})
		}
		if e.SessionID != 0 && len(filters) < 18 {
			filters = append(filters, FollowUpFilter{SessionID: e.SessionID})
		}
	}
	nonEmpty := 0
	for _, v := range viewers {
		for _, f := range filters {
			for _, overdue := range []bool{false, true} {
				want := w.goList(t, s, v.a, v.u, f, overdue)
				q := w.query(t, s, v.a, v.u, f)
				q.OnlyOverdue = overdue
				for _, size := range []int{1, 7, 1000} {
					if got := sqlList(t, s, q, size); !slices.Equal(got, want) {
						t.Errorf("%s %+v overdue=%v, pages of %d:\n got %v\nwant %v", v.name, f, overdue, size, got, want)
					}
				}
				total, pending := must2[int, int](t)(s.FollowUpCounts(ctx, q))
				over := must[int](t)(s.FollowUpOverdueCount(ctx, q))
				if !overdue && (total != len(want) || over != len(w.goList(t, s, v.a, v.u, f, true))) {
					t.Errorf("%s %+v: counts %d/%d, want %d", v.name, f, total, over, len(want))
				}
				_ = pending
				if len(want) > 0 {
					nonEmpty++
				}
				// Backwards from the end gives the same list.
				if len(want) > 3 {
					last := must[[]FollowUpListEntry](t)(s.FollowUpPage(ctx, q, nil, false, len(want)))
					back := must[[]FollowUpListEntry](t)(s.FollowUpPage(ctx, q, &last[len(last)-1].Cursor, true, 3))
					var ids []int64
					for _, e := range back {
						ids = append(ids, e.ID)
					}
					if !slices.Equal(ids, want[len(want)-4:len(want)-1]) {
						t.Errorf("%s %+v: back %v, want %v", v.name, f, ids, want[len(want)-4:len(want)-1])
					}
				}
			}
		}
	}
	if nonEmpty < 50 {
		t.Errorf("the fixture is too thin: %d non-empty lists", nonEmpty)
	}
	// The public sees some and not all; a member not another's
	// registration.
	pub := w.goList(t, s, model.Public, nil, FollowUpFilter{}, false)
	all := w.goList(t, s, model.Internal, &model.User{Role: model.RoleSecretariat}, FollowUpFilter{}, false)
	he := w.goList(t, s, model.Internal, &model.User{Role: model.RoleMember, MemberAbbrev: "HE"}, FollowUpFilter{}, false)
	if len(pub) == 0 || len(pub) >= len(he) || len(he) >= len(all) {
		t.Errorf("public %d, HE %d, secretariat %d", len(pub), len(he), len(all))
	}
}

// createFollowUpAsBefore stores f as a follow-up given before deadlines
// had to lie after the session they are given in
// (model.FollowUp.CheckDeadline): the test worlds hold every combination
// of deadline and session, as a database from before that rule may; and
// follow-ups of rejected proposals, as one given before its proposal was
// rejected, or before such follow-ups were refused (checkFollowUpDecision).
// publicResponsibleMatches is the filter "Verantwortlich" as the public
// may apply it: on the responsible ones the public reads of f (its text
// through Audience.FollowUp), each one that is not blacked out in part;
// the marks of a filter value do not count ("⟦BY⟧" asks for BY).
func publicResponsibleMatches(f model.FollowUp, filter FollowUpFilter) bool {
	members := filter.Members
	if filter.Member != "" {
		members = append([]string{filter.Member}, members...)
	}
	if len(members) == 0 {
		return true
	}
	for _, r := range (model.FollowUp{Responsible: model.Public.FollowUp(f).Responsible}).Responsibles() {
		for _, m := range members {
			// A filter value's marks do not count (model.ResponsibleKey).
			if !strings.Contains(r, model.RedactedPlaceholder) && strings.EqualFold(strings.TrimSpace(r), strings.TrimSpace(model.InternalText(m))) {
				return true
			}
		}
	}
	return false
}

func createFollowUpAsBefore(t testing.TB, s *Store, f model.FollowUp) int64 {
	t.Helper()
	ctx := context.Background()
	due, session, decision := f.DueDate, f.DueSession, f.DecisionID
	f.DueDate, f.DueSession, f.DecisionID = model.Date{}, 0, 0
	id := must[int64](t)(s.CreateFollowUp(ctx, f))
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, "follow_up", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE follow_ups SET due_on = ?, due_session = ?, decision_id = ? WHERE id = ?`, due.String(), session, nullID(decision), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, "update", "follow_up", id, "Frist")
	}))
	return id
}
