package relevance_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/relevance"
)

type labelled struct {
	Items []struct {
		ID     string   `json:"id"`
		Text   string   `json:"text"`
		FachMK []string `json:"fachmk"`
	} `json:"items"`
}

// demoEngine compiles the demo's topic profiles.
func demoEngine() *relevance.Engine {
	var profiles []relevance.Profile
	for i, c := range demo.Conferences() {
		profiles = append(profiles, relevance.Profile{ConferenceID: int64(i + 1), Abbrev: c.Abbrev, Name: c.Name, Terms: c.Terms})
	}
	return relevance.New(profiles)
}

// TestPrecisionRecall measures the proposals on the labelled set from the
// seed documents; docs/relevance.md records the figures.
func TestPrecisionRecall(t *testing.T) {
	b, err := os.ReadFile("testdata/labelled.json")
	if err != nil {
		t.Fatal(err)
	}
	var set labelled
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	e := demoEngine()
	var tp, fp, fn int
	for _, it := range set.Items {
		var got []string
		for _, p := range e.Propose(it.Text) {
			got = append(got, p.Abbrev)
			if slices.Contains(it.FachMK, p.Abbrev) {
				tp++
			} else {
				fp++
				t.Logf("%s: proposed %s (%s), not labelled", it.ID, p.Abbrev, p.Terms())
			}
		}
		for _, want := range it.FachMK {
			if !slices.Contains(got, want) {
				fn++
				t.Logf("%s: missed %s", it.ID, want)
			}
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("labelled items: %d, true positives %d, false positives %d, false negatives %d", len(set.Items), tp, fp, fn)
	t.Logf("precision %.2f, recall %.2f", precision, recall)
	if recall < 0.8 {
		t.Errorf("recall %.2f below 0.8", recall)
	}
}
