package minutes_test

import (
	"bytes"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestRecommendationLineRoundTrip: the internal export writes an item's
// Beschlussempfehlung as a line the parser reads back as a reference, not
// as a minutes row; a line it cannot read is left out with a warning, never
// kept as a (public) row.
func TestRecommendationLineRoundTrip(t *testing.T) {
	doc := demo.Session47Document()
	item := &doc.Sections[len(doc.Sections)-1].Items[0]
	rec := model.Recommendation{SessionNumber: 39, BodyAbbrev: "AL-Runde", SessionDate: model.NewDate(2025, 6, 5), Kind: model.RecommendAdopt, GreenList: true}
	item.Recommendation = &rec
	rows := len(item.Rows)
	again, text := roundTrip(t, doc)
	got := again.Sections[len(again.Sections)-1].Items[0]
	if got.Recommendation == nil || got.Recommendation.Line() != rec.Line() || len(got.Rows) != rows {
		t.Fatalf("read back: %+v with %d rows (want %d); export:\n%.3000s", got.Recommendation, len(got.Rows), rows, text)
	}
	// A line that is not understood is dropped.
	broken := strings.Replace(text, "Beschlussempfehlung der 39. AL-Runde", "Beschlussempfehlung der neununddreißigsten AL-Runde", 1)
	parsed, warnings, err := minutes.Parse(bytes.NewReader([]byte(broken)), itplrOptions())
	if err != nil {
		t.Fatal(err)
	}
	it := parsed.Sections[len(parsed.Sections)-1].Items[0]
	if it.Recommendation != nil || len(it.Rows) != rows || len(warnings) != 1 {
		t.Errorf("an unreadable recommendation: %+v, %d rows, warnings %v", it.Recommendation, len(it.Rows), warnings)
	}
	for _, r := range it.Rows {
		if strings.Contains(r.Text, "Beschlussempfehlung") {
			t.Errorf("kept as a row: %q", r.Text)
		}
	}
}
