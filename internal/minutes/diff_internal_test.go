package minutes

import (
	"reflect"
	"testing"
)

// FirstItemDifference fails t at the first item, row or decision where
// got and want differ, rows compared by same. Exported for the tests of
// package minutes_test too.
func FirstItemDifference(t testing.TB, got, want []Item, same func(g, w Row) bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d items, want %d", len(got), len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i].AgendaItem, want[i].AgendaItem) {
			t.Fatalf("item %d: got %+v\nwant %+v", i, got[i].AgendaItem, want[i].AgendaItem)
		}
		if len(got[i].Rows) != len(want[i].Rows) {
			t.Fatalf("item %s: %d rows, want %d", got[i].Label(), len(got[i].Rows), len(want[i].Rows))
		}
		for j := range got[i].Rows {
			g, w := got[i].Rows[j], want[i].Rows[j]
			if !same(g, w) {
				if g.Decision != nil && w.Decision != nil {
					t.Fatalf("item %s row %d decision:\n got %+v\nwant %+v", got[i].Label(), j, *g.Decision, *w.Decision)
				}
				t.Fatalf("item %s row %d:\n got %+v\nwant %+v", got[i].Label(), j, g, w)
			}
		}
	}
}
