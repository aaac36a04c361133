package model

import (
	"strconv"
	"strings"
	"testing"
)

func TestAnchorNumber(t *testing.T) {
	for number, want := range map[string]string{
		"08": "08", "3a": "3a", "3A": "3A", "3.1": "3.1", "3-1": "3-1", "5(neu)": "5_28neu_29",
		"Ü1": "_C3_9C1", "5_1": "5_5F1", "10–11": "10_E2_80_9311", "#": "_23",
	} {
		if got := anchorNumber(number); got != want {
			t.Errorf("anchorNumber(%q) = %q, want %q", number, got, want)
		}
	}
}

// TestItemAnchorsNoRowIDs: the anchors come from the TOP numbers and the
// places of the unnumbered items in the agenda, whatever the row ids and
// whatever hidden rows (pending or declined registrations) lie between.
func TestItemAnchorsNoRowIDs(t *testing.T) {
	items := []AgendaItem{
		{ID: 907, Number: "03", Position: 4},
		{ID: 17, Number: "00", Position: 1},
		{ID: 512, Position: 2}, // without number
		{ID: 513, Position: 3, Status: ItemRegistered},
		{ID: 600, Number: "3.1", Position: 5},
		{ID: 601, Position: 6, Status: ItemDeclined, Number: "04"},
		{ID: 902, Position: 7},
		{ID: 903, Number: "3a", Position: 8, Status: ItemAccepted, Deferral: Deferral{To: 49}},
	}
	got := ItemAnchors(items)
	want := map[int64]string{17: "top-00", 512: "top-ohne-nr-1", 907: "top-03", 600: "top-3.1", 902: "top-ohne-nr-2", 903: "top-3a"}
	if len(got) != len(want) {
		t.Errorf("anchors %v, want %v", got, want)
	}
	for id, a := range want {
		if got[id] != a {
			t.Errorf("item %d: anchor %q, want %q", id, got[id], a)
		}
	}
	for id, a := range got {
		if strings.Contains(a, strconv.FormatInt(id, 10)) {
			t.Errorf("anchor %q carries the row id %d", a, id)
		}
	}
}

// TestItemAnchorsUnique: two items that would get the same anchor get
// different ones, the first in the agenda's order the plain one, and no
// suffix takes another item's own anchor; the result does not depend on
// the order the items come in.
func TestItemAnchorsUnique(t *testing.T) {
	items := []AgendaItem{
		{ID: 1, Number: "5", Position: 1},
		{ID: 2, Number: "5", Position: 2},
		{ID: 3, Number: "5-2", Position: 3},
		{ID: 4, Number: "5", Position: 4},
		{ID: 5, Number: "ohne-nr-1", Position: 5},
		{ID: 6, Position: 6},
		{ID: 7, Number: "3", Position: 7},
		{ID: 8, Number: "3", Position: 7}, // same position: the lower id first
		{ID: 9, Number: "3a", Position: 8},
		{ID: 10, Number: "3A", Position: 9},
	}
	want := map[int64]string{1: "top-5", 2: "top-5-3", 3: "top-5-2", 4: "top-5-4", 5: "top-ohne-nr-1", 6: "top-ohne-nr-1-2",
		7: "top-3", 8: "top-3-2", 9: "top-3a", 10: "top-3A"}
	for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}} {
		var in []AgendaItem
		for _, i := range order {
			in = append(in, items[i])
		}
		got := ItemAnchors(in)
		seen := map[string]int64{}
		for id, a := range got {
			if other, dup := seen[a]; dup {
				t.Errorf("items %d and %d share the anchor %q", id, other, a)
			}
			seen[a] = id
		}
		for id, a := range want {
			if got[id] != a {
				t.Errorf("order %v, item %d: anchor %q, want %q", order, id, got[id], a)
			}
		}
	}
}

// TestSoleNumberAnchor: where no other item bears its number, an item's
// anchor is what ItemAnchors gives it on any agenda, whatever else stands
// there; it does not answer where the number alone does not decide.
func TestSoleNumberAnchor(t *testing.T) {
	agenda := []AgendaItem{
		{ID: 1, Position: 1}, {ID: 2, Position: 2}, // without number
		{ID: 3, Number: "5-2", Position: 3},
		{ID: 4, Number: "ohne-nr-3", Position: 4},
		{ID: 5, Number: "5", Position: 5},
		{ID: 6, Number: "5.1", Position: 6},
		{ID: 7, Number: "9", Position: 7, Status: ItemRegistered},
	}
	full := ItemAnchors(agenda)
	for _, it := range agenda {
		a, ok := SoleNumberAnchor(it)
		wantOK := it.Number != "" && it.OnAgenda() && it.ID != 4
		if ok != wantOK {
			t.Errorf("item %d (%q): ok %v, want %v", it.ID, it.Number, ok, wantOK)
		}
		if ok && a != full[it.ID] {
			t.Errorf("item %d (%q): sole anchor %q, on the agenda %q", it.ID, it.Number, a, full[it.ID])
		}
	}
}

// FuzzItemAnchors: whatever the numbers, every item on the agenda gets an
// anchor of its own that begins with "top-", carries no whitespace, and
// one that bears its number alone gets SoleNumberAnchor's.
func FuzzItemAnchors(f *testing.F) {
	f.Add("5", "5", "5-2", "", "ohne-nr-1")
	f.Add("3.1", "3-1", "3A", "3a", "")
	f.Fuzz(func(t *testing.T, a, b, c, d, e string) {
		var items []AgendaItem
		for i, n := range []string{a, b, c, d, e} {
			items = append(items, AgendaItem{ID: int64(i + 1), Number: n, Position: 5 - i})
		}
		got := ItemAnchors(items)
		seen := map[string]bool{}
		for _, it := range items {
			x := got[it.ID]
			if seen[x] || !strings.HasPrefix(x, AnchorPrefix) || strings.ContainsAny(x, " \t\n\r\f") {
				t.Fatalf("numbers %q: item %d got %q (all %v)", []string{a, b, c, d, e}, it.ID, x, got)
			}
			seen[x] = true
			same := 0
			for _, o := range items {
				if o.Number == it.Number {
					same++
				}
			}
			if s, ok := SoleNumberAnchor(it); ok && same == 1 && s != x {
				t.Fatalf("numbers %q: item %d sole anchor %q, on the agenda %q", []string{a, b, c, d, e}, it.ID, s, x)
			}
		}
	})
}

// TestItemPlaces: OParl's AgendaItem.order is the item's place among the
// items on the agenda (position, then id), not its stored position,
// whose gaps count the registrations not on it.
func TestItemPlaces(t *testing.T) {
	items := []AgendaItem{
		{ID: 7, Position: 3, Status: ItemAccepted},
		{ID: 2, Position: 1, Status: ItemAccepted},
		{ID: 3, Position: 2, Status: ItemRegistered},
		{ID: 9, Position: 3, Status: ""},
		{ID: 4, Position: 5, Status: ItemDeclined},
		{ID: 5, Position: 8, Status: ItemAccepted},
	}
	got := ItemPlaces(items)
	want := map[int64]int{2: 1, 7: 2, 9: 3, 5: 4}
	if len(got) != len(want) {
		t.Fatalf("places: %v, want %v", got, want)
	}
	for id, p := range want {
		if got[id] != p {
			t.Errorf("item %d: place %d, want %d", id, got[id], p)
		}
	}
}
