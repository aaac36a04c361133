package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// TestSearchFindsItemByQuelle: an agenda item's Quelle (the source line of
// the TOP table, shown on the public minutes and agenda) was no word of the
// item's document, so a reader who searched for the earlier decision or
// paper an item builds on did not find the item. A word only in the Quelle
// now finds it, on both engines, written alike by the import (IndexLoaded)
// and by Rebuild, and the snippet marks it.
func TestSearchFindsItemByQuelle(t *testing.T) {
	queries := []struct {
		q    string
		want []string
	}{
		{q: "Zwiebelturmbericht", want: []string{"/sitzungen/48#top-7"}},
		{q: "B-2022/42-IT", want: []string{"/sitzungen/48#top-7"}},
		{q: "Vortrag", want: []string{"/sitzungen/48#top-7"}}, // the points still find it
		{q: "Quelle", want: nil},                              // the label is no word of the item
	}
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			st, council := councilStore(t, eng)
			ctx := store.WithActor(context.Background(), "test")
			items := []store.MinutesItem{{Item: model.AgendaItem{Number: "7", Title: "Bericht zur Lage", Position: 1, Status: model.ItemAccepted,
				Points: []string{"Vortrag zur Sicherheitslage"}, Sources: []string{"B-2022/42-IT", "Zwiebelturmbericht der FITKO"}}}}
			id, err := st.SaveMinutes(ctx, council, model.Session{Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusMinutesDraft, AgendaPublished: true}, items, nil, store.ImportSource{})
			if err != nil {
				t.Fatal(err)
			}
			its, err := st.Items(ctx, id)
			if err != nil || len(its) != 1 {
				t.Fatalf("items: %v %v", its, err)
			}
			internal, err := minutes.Load(ctx, st, id, model.Internal)
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"import", "rebuild"} {
				var err error
				if path == "import" {
					err = IndexLoaded(ctx, st, internal)
				} else {
					err = Rebuild(ctx, st, council)
				}
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range queries {
					q, _ := Parse(c.q)
					res, err := Run(ctx, st, q, 1, 10)
					if err != nil {
						t.Fatal(err)
					}
					var got, want []string
					for _, h := range res.Hits {
						got = append(got, h.URL)
						if !strings.Contains(string(h.Snippet), "<mark>") {
							t.Errorf("%s: %q: snippet of %s marks nothing: %s", path, c.q, h.URL, h.Snippet)
						}
					}
					want = append(want, c.want...) // TOP 7's anchor, not the row id (model.ItemAnchors)
					if !slices.Equal(got, want) {
						t.Errorf("%s: %q: hits %v, want %v", path, c.q, got, want)
					}
				}
			}
		})
	}
}
