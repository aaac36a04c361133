package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// linkTestKind is the kind of the objects TestOParlListPrevAndLast
// writes: no build makes objects of it, so the list is the test's alone.
const linkTestKind = "linktest"

// linkTestObject is an object of the list TestOParlListPrevAndLast pages.
type linkTestObject struct {
	id                int64
	created, modified string
	deleted           bool
	org               int64
}

// TestOParlListPrevAndLast: a list walked forward with Next to its end
// and backward with Prev to its start gives the same pages, each Prev
// naming exactly the page Next had been followed from; Last names a page
// that ends the list (of an unfiltered list, the page Next reaches last);
// the first page has no Prev. On lists ordered by id, by modified time
// (deleted objects listed) and by created time, with times shared by
// several objects, for the body and for an Organization, and page lengths
// around the list's length.
func TestOParlListPrevAndLast(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var objects []linkTestObject
	live, liveOrg := 0, 0
	for id := int64(1); id <= 23; id++ {
		o := linkTestObject{
			id:       id,
			created:  base.Add(time.Duration((23-id)/3) * time.Hour).Format(oparlTime),
			modified: base.Add(time.Duration((id*7)%5) * time.Minute).Format(oparlTime),
			deleted:  id == 5 || id == 17,
		}
		if id%2 == 1 {
			o.org = 900
		}
		if !o.deleted {
			live++
			if o.org != 0 {
				liveOrg++
			}
		}
		objects = append(objects, o)
		var org any
		if o.org != 0 {
			org = o.org
		}
		deleted := 0
		if o.deleted {
			deleted = 1
		}
		_, err := s.db.ExecContext(ctx, `INSERT INTO oparl_objects (kind, id, created, modified, deleted, hash, json, org) VALUES (?, ?, ?, ?, ?, 'h', ?, ?)`,
			linkTestKind, id, o.created, o.modified, deleted, []byte(fmt.Sprintf(`{"n":%d}`, id)), org)
		check(t, err)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO oparl_counts (kind, live) VALUES (?, ?), (?, ?)`, linkTestKind, live, orgCount(linkTestKind, 900), liveOrg)
	check(t, err)

	// expected gives the ids of a filtered list in its order.
	expected := func(f OParlFilter) []int64 {
		var in []linkTestObject
		for _, o := range objects {
			if f.Org != 0 && o.org != f.Org || o.deleted && f.ModifiedSince.IsZero() {
				continue
			}
			if !f.ModifiedSince.IsZero() && o.modified < f.ModifiedSince.Format(oparlTime) || !f.CreatedSince.IsZero() && o.created < f.CreatedSince.Format(oparlTime) {
				continue
			}
			in = append(in, o)
		}
		key := func(o linkTestObject) string {
			switch {
			case !f.ModifiedSince.IsZero():
				return o.modified
			case !f.CreatedSince.IsZero():
				return o.created
			}
			return ""
		}
		sort.SliceStable(in, func(i, j int) bool {
			if a, b := key(in[i]), key(in[j]); a != b {
				return a < b
			}
			return in[i].id < in[j].id
		})
		var ids []int64
		for _, o := range in {
			ids = append(ids, o.id)
		}
		return ids
	}
	// read gives a page: the ids of its objects and what it says besides.
	read := func(f OParlFilter, after *OParlCursor) ([]int64, OParlPage) {
		t.Helper()
		f.After = after
		var ids []int64
		p, err := s.OParlList(ctx, linkTestKind, f, func(raw []byte) error {
			var o struct{ N int64 }
			if err := json.Unmarshal(raw, &o); err != nil {
				return err
			}
			ids = append(ids, o.N)
			return nil
		})
		check(t, err)
		return ids, p
	}
	key := func(c *OParlCursor) string {
		if c == nil {
			return "(erste Seite)"
		}
		return c.String()
	}

	filters := map[string]OParlFilter{
		"unfiltered":             {},
		"organization":           {Org: 900},
		"modified_since":         {ModifiedSince: base.Add(time.Minute)},
		"created_since":          {CreatedSince: base.Add(2 * time.Hour)},
		"organization, modified": {Org: 900, ModifiedSince: base},
	}
	for name, f := range filters {
		want := expected(f)
		if len(want) < 5 {
			t.Fatalf("%s: %d objects, too few to page", name, len(want))
		}
		for _, limit := range []int{1, 2, 3, 4, 5, 7, len(want) - 1, len(want), len(want) + 1, 100} {
			f.Limit = limit
			what := fmt.Sprintf("%s, limit %d", name, limit)
			// A list whose count is kept has a last page; the others none.
			_, p0 := read(f, nil)
			counted := p0.Total >= 0
			if name == "unfiltered" && !counted {
				t.Fatalf("%s: the unfiltered list is not counted", what)
			}
			// Forward with Next.
			var pages [][]int64
			var afters []*OParlCursor
			var got []int64
			var after *OParlCursor
			var final OParlPage
			for {
				ids, p := read(f, after)
				if len(pages) == 0 && p.HasPrev {
					t.Errorf("%s: the first page has a prev (%s)", what, key(p.Prev))
				}
				if len(pages) > 0 {
					if !p.HasPrev {
						t.Errorf("%s: page %d has no prev", what, len(pages)+1)
					} else if key(p.Prev) != key(afters[len(pages)-1]) {
						t.Errorf("%s: prev of page %d is after %s, want after %s (the page next came from)", what, len(pages)+1, key(p.Prev), key(afters[len(pages)-1]))
					}
				}
				if p.HasLast != counted {
					t.Errorf("%s: page %d has a last: %v, want %v (only a counted list has one)", what, len(pages)+1, p.HasLast, counted)
				}
				pages = append(pages, ids)
				afters = append(afters, after)
				got = append(got, ids...)
				if p.Next == nil {
					final = p
					break
				}
				if len(ids) != limit {
					t.Fatalf("%s: page %d has %d objects and a next page", what, len(pages), len(ids))
				}
				if len(pages) > len(want)+1 {
					t.Fatalf("%s: next does not end", what)
				}
				after = p.Next
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s: forward %v, want %v", what, got, want)
			}
			if counted && key(final.Last) != key(afters[len(afters)-1]) {
				t.Errorf("%s: the last page's last is after %s, want itself (after %s)", what, key(final.Last), key(afters[len(afters)-1]))
			}
			// Backward with Prev, from the page next reached last.
			p := final
			for k := len(pages) - 1; k > 0; k-- {
				if !p.HasPrev {
					t.Fatalf("%s: page %d has no prev", what, k+1)
				}
				var ids []int64
				ids, p = read(f, p.Prev)
				if !slices.Equal(ids, pages[k-1]) {
					t.Errorf("%s: prev from page %d gives %v, want page %d %v", what, k+1, ids, k, pages[k-1])
				}
			}
			if p.HasPrev {
				t.Errorf("%s: backward, the first page has a prev", what)
			}
			// Last, from the first page: it ends the list, the page next
			// reaches last (counted lists only).
			if !counted {
				continue
			}
			_, first := read(f, nil)
			ids, lp := read(f, first.Last)
			if lp.Next != nil {
				t.Errorf("%s: the last page has a next", what)
			}
			if key(first.Last) != key(afters[len(afters)-1]) || !slices.Equal(ids, pages[len(pages)-1]) {
				t.Errorf("%s: last is after %s %v, want the page next reaches last (after %s) %v", what, key(first.Last), ids, key(afters[len(afters)-1]), pages[len(pages)-1])
			}
		}
	}

	// An empty (filtered) list: one page, no prev, next or last.
	ids, p := read(OParlFilter{ModifiedSince: base.Add(24 * time.Hour)}, nil)
	if len(ids) != 0 || p.Next != nil || p.HasPrev || p.HasLast || p.Last != nil {
		t.Errorf("empty list: %v, next %v, prev %v, last %v %s", ids, p.Next, p.HasPrev, p.HasLast, key(p.Last))
	}
}

// TestOParlBackwardsUsesIndexes: the backward reads of prev and last walk
// an index in reverse — no sort of the list, whose cost would grow with
// it — for each order, for the body's lists and an Organization's.
func TestOParlBackwardsUsesIndexes(t *testing.T) {
	onlySQLite(t, "SQLite's query plans")
	s, _ := newStore(t)
	c := OParlCursor{Time: "2026-03-01T09:00:00Z", ID: 3}
	for _, order := range []string{"id", "modified", "created"} {
		for _, org := range []int64{0, 900} {
			w := where{}
			w.add("kind = ?", linkTestKind)
			if org != 0 {
				w.add("org = ?", org)
			}
			if order != "modified" {
				w.add("deleted = 0")
			}
			for _, q := range []where{w, keyed(w, order, "<=", &c)} {
				query := oparlBackQuery(order, q)
				plan := planOf(t, s, query, append(slices.Clone(q.args), 100)...)
				if strings.Contains(plan, "TEMP B-TREE") || !strings.Contains(plan, "INDEX") {
					t.Errorf("%s\nsorts or scans the table:\n%s", query, plan)
				}
			}
		}
	}
}
