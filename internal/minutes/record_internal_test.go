package minutes

import (
	"slices"
	"testing"

	"gremium/internal/model"
)

// TestOrderLines: the items taken up out of the agenda's order are the
// fewest that explain the order of discussion; each is "vorgezogen" if
// an item above it came later, else "zurückgestellt".
func TestOrderLines(t *testing.T) {
	var items []*Item
	for i, n := range []string{"00", "01", "02", "03", "04", "05"} {
		items = append(items, &Item{AgendaItem: model.AgendaItem{ID: int64(i + 1), Number: n, Title: "Thema " + n}})
	}
	for _, c := range []struct {
		name  string
		order []string // the items by number in the order they were taken up
		want  []string
	}{
		{"in order", []string{"00", "01", "02", "03", "04", "05"}, nil},
		{"in order, some not taken up", []string{"00", "02", "05"}, nil},
		{"one brought forward", []string{"00", "04", "01", "02", "03", "05"}, []string{"TOP 04 „Thema 04“ wird vorgezogen."}},
		{"one put back", []string{"00", "02", "03", "04", "05", "01"}, []string{"TOP 01 „Thema 01“ wird zurückgestellt."}},
		{"two swapped", []string{"00", "02", "01", "03", "04", "05"}, []string{"TOP 02 „Thema 02“ wird vorgezogen."}},
		{"two brought forward", []string{"05", "04", "00", "01", "02", "03"}, []string{"TOP 04 „Thema 04“ wird vorgezogen.", "TOP 05 „Thema 05“ wird vorgezogen."}},
		{"one taken up", []string{"03"}, nil},
	} {
		takenUp := map[int64]int{}
		for place, n := range c.order {
			for _, it := range items {
				if it.Number == n {
					takenUp[it.ID] = place + 1
				}
			}
		}
		if got := orderLines(items, takenUp); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestQuorumLine: the finding with its count where the check kept it,
// else the result alone; nothing before a check.
func TestQuorumLine(t *testing.T) {
	for _, c := range []struct{ result, reason, want string }{
		{"", "", ""},
		{"ja", "", "Feststellung der Beschlussfähigkeit – beschlussfähig."},
		{"nein", "", "Feststellung der Beschlussfähigkeit – nicht beschlussfähig."},
		{"nein", "nicht beschlussfähig: nur 8 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)",
			"Feststellung der Beschlussfähigkeit – nicht beschlussfähig: nur 8 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)."},
	} {
		if got := quorumLine(c.result, c.reason); got != c.want {
			t.Errorf("quorumLine(%q, %q) = %q, want %q", c.result, c.reason, got, c.want)
		}
	}
}
