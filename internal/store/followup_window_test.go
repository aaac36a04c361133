package store

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"gremium/internal/model"
)

// TestFollowUpsDueBetweenAgreesWithGo: the personal feed's deadlines in a
// window, read through the indexes, are the pending follow-ups the
// viewer's list has (model's rules in Go) whose DueAt is in the window —
// by date or by the due session's date, the earlier — of the members
// asked for, in order of the due day and id, the earliest or latest
// limit of them.
func TestFollowUpsDueBetweenAgreesWithGo(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newFollowUpWorld(t, s)
	viewers := []struct {
		name    string
		u       *model.User
		members []string
	}{
		{"secretariat", &model.User{Role: model.RoleSecretariat}, nil},
		{"member HE", &model.User{Role: model.RoleMember, MemberAbbrev: "HE"}, []string{"HE", "Hessen"}},
		{"member HH", &model.User{Role: model.RoleMember, MemberAbbrev: "HH"}, []string{"HH", "Hamburg"}},
		{"member without abbreviation", &model.User{Role: model.RoleMember}, []string{""}},
	}
	windows := [][2]model.Date{
		{model.NewDate(2025, 1, 1), model.NewDate(2025, 8, 31)},
		{model.NewDate(2025, 9, 1), model.NewDate(2025, 10, 15)},
		{model.NewDate(2025, 9, 2), model.NewDate(2027, 1, 1)},
		{model.NewDate(2025, 9, 10), model.NewDate(2025, 9, 10)},
		{model.NewDate(2024, 1, 1), model.NewDate(2024, 12, 31)},
	}
	entries := map[int64]FollowUpEntry{}
	for _, e := range must[[]FollowUpEntry](t)(s.FollowUpEntries(ctx, FollowUpFilter{})) {
		entries[e.ID] = e
	}
	nonEmpty := 0
	for _, v := range viewers {
		type row struct {
			id  int64
			due model.Date
		}
		var all []row
		for _, id := range w.goList(t, s, model.Internal, v.u, FollowUpFilter{Pending: true}, false) {
			e := entries[id]
			if v.members != nil && !slices.ContainsFunc(v.members, func(m string) bool { return m != "" && e.ResponsibleIs(m) }) {
				continue
			}
			var due *model.Session
			if e.DueSession > 0 {
				if x, err := s.SessionByNumber(ctx, w.council, e.DueSession); err == nil {
					due = &x
				}
			}
			all = append(all, row{id, e.DueAt(due)})
		}
		slices.SortFunc(all, func(x, y row) int {
			if c := cmp.Compare(x.due.String(), y.due.String()); c != 0 {
				return c
			}
			return cmp.Compare(x.id, y.id)
		})
		q := FollowUpListQuery{Audience: model.Internal, User: v.u, CouncilID: w.council}
		q.Members = v.members
		for _, win := range windows {
			var in []int64
			for _, r := range all {
				if !r.due.IsZero() && !r.due.Before(win[0]) && !win[1].Before(r.due) {
					in = append(in, r.id)
				}
			}
			if len(in) > 0 {
				nonEmpty++
			}
			for _, latest := range []bool{false, true} {
				for _, limit := range []int{1, 3, 1000} {
					want := in
					switch {
					case len(want) > limit && latest:
						want = want[len(want)-limit:]
					case len(want) > limit:
						want = want[:limit]
					}
					var got []int64
					for _, e := range must[[]FollowUpListEntry](t)(s.FollowUpsDueBetween(ctx, q, win[0], win[1], latest, limit)) {
						got = append(got, e.ID)
					}
					if !slices.Equal(got, want) {
						t.Errorf("%s %v latest=%v limit %d:\n got %v\nwant %v", v.name, win, latest, limit, got, want)
					}
				}
			}
		}
	}
	if nonEmpty < 8 {
		t.Errorf("only %d non-empty windows: the fixture does not test the windows", nonEmpty)
	}
}
