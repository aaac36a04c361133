package relevance_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/relevance"
)

type labelledItem struct {
	ID     string   `json:"id"`
	Text   string   `json:"text"`
	FachMK []string `json:"fachmk"`
}

type labelled struct {
	Items []labelledItem `json:"items"`
}

// demoEngine compiles the demo's topic profiles.
func demoEngine() *relevance.Engine {
	var profiles []relevance.Profile
	for i, c := range itplr.Conferences() {
		profiles = append(profiles, relevance.Profile{ConferenceID: int64(i + 1), Abbrev: c.Abbrev, Name: c.Name, Terms: c.Terms})
	}
	return relevance.New(profiles)
}

// figures are the counts of a measurement.
type figures struct {
	items, tp, fp, fn int
}

func (f figures) precision() float64 { return ratio(f.tp, f.tp+f.fp) }
func (f figures) recall() float64    { return ratio(f.tp, f.tp+f.fn) }

// wrongPerItem is the mean number of conferences proposed for an item that
// it does not concern.
func (f figures) wrongPerItem() float64 { return ratio(f.fp, f.items) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// measure runs the engine on the items and logs every miss and every wrong
// proposal.
func measure(t *testing.T, e *relevance.Engine, items []labelledItem) figures {
	t.Helper()
	f := figures{items: len(items)}
	for _, it := range items {
		var got []string
		for _, p := range e.Propose(it.Text) {
			got = append(got, p.Abbrev)
			if slices.Contains(it.FachMK, p.Abbrev) {
				f.tp++
			} else {
				f.fp++
				t.Logf("%s %q: proposed %s (%s), not labelled", it.ID, it.Text, p.Abbrev, p.Terms())
			}
		}
		for _, want := range it.FachMK {
			if !slices.Contains(got, want) {
				f.fn++
				t.Logf("%s %q: missed %s", it.ID, it.Text, want)
			}
		}
	}
	t.Logf("items %d, true positives %d, false positives %d, false negatives %d", f.items, f.tp, f.fp, f.fn)
	t.Logf("precision %.2f, recall %.2f, wrong conferences per item %.2f", f.precision(), f.recall(), f.wrongPerItem())
	return f
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// TestPrecisionRecall measures the proposals on the labelled set from the
// seed documents; docs/relevance.md records the figures.
func TestPrecisionRecall(t *testing.T) {
	var set labelled
	readJSON(t, "testdata/labelled.json", &set)
	f := measure(t, demoEngine(), set.Items)
	if f.recall() < 0.8 {
		t.Errorf("recall %.2f below 0.8", f.recall())
	}
}

// TestTitles measures the proposals on agenda titles that do not name their
// conference (testdata/titles.json), part by part: tuning, on which
// profiles and dictionary were tuned from round 1 on; test1, test2 and
// test3 and test4, each measured once untuned at the end of its round (1
// to 4) and tuned on afterwards; test5, written after round 4 and measured
// once on the round-4 code, not tuned on. docs/relevance.md records the
// figures (the untuned ones are what counts); the floors only catch
// regressions: on every tuned part recall stays at 0.9 or more with at
// most 0.3 wrong conferences per item; on the untuned test5 the floor is
// the one held-out parts had until round 3 (recall 0.6, at most 1.5 wrong
// per item), set before it was measured.
func TestTitles(t *testing.T) {
	var set map[string]json.RawMessage
	readJSON(t, "testdata/titles.json", &set)
	n := 0
	for _, part := range []struct {
		name             string
		minRecall, wrong float64
	}{
		{"tuning", 0.9, 0.3},
		{"test1", 0.9, 0.3},
		{"test2", 0.9, 0.3},
		{"test3", 0.9, 0.3},
		{"test4", 0.9, 0.3},
		{"test5", 0.6, 1.5},
	} {
		var items []labelledItem
		if err := json.Unmarshal(set[part.name], &items); err != nil {
			t.Fatalf("%s: %v", part.name, err)
		}
		n += len(items)
		t.Run(part.name, func(t *testing.T) {
			f := measure(t, demoEngine(), items)
			if f.recall() < part.minRecall || f.wrongPerItem() > part.wrong {
				t.Errorf("recall %.2f, wrong per item %.2f: below the floor (recall %.2f, at most %.2f wrong per item)", f.recall(), f.wrongPerItem(), part.minRecall, part.wrong)
			}
		})
	}
	if n < 60 {
		t.Errorf("only %d titles", n)
	}
}
