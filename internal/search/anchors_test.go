package search

import (
	"context"
	"strconv"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// TestSearchRebuildReplacesRowIDLinks: the documents of an installation
// indexed before linked an item "#top-" and its row id; migration 01020
// marks the index for a rebuild (store.MarkSearchNeedsRebuild does the
// same), and the rebuild at the next start writes the item's anchor
// (model.ItemAnchors) in their place, on both engines.
func TestSearchRebuildReplacesRowIDLinks(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			st, council := councilStore(t, eng)
			ctx := store.WithActor(context.Background(), "test")
			items := []store.MinutesItem{{Item: model.AgendaItem{Number: "7", Title: "Bericht zur Zwiebelturmlage", Position: 1, Status: model.ItemAccepted}}}
			id, err := st.SaveMinutes(ctx, council, model.Session{Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusMinutesDraft, AgendaPublished: true}, items, nil, store.ImportSource{})
			if err != nil {
				t.Fatal(err)
			}
			its, err := st.Items(ctx, id)
			if err != nil || len(its) != 1 {
				t.Fatalf("items: %v %v", its, err)
			}
			old := "/sitzungen/48#top-" + strconv.FormatInt(its[0].ID+100, 10)
			if err := st.ReplaceSearchDocs(ctx, "session:"+strconv.FormatInt(id, 10), []store.SearchDoc{{Kind: "top", URL: old,
				Title: "TOP 7 Bericht zur Zwiebelturmlage – 48. Sitzung", Date: "2026-03-12", Terms: Terms("Bericht zur Zwiebelturmlage")}}); err != nil {
				t.Fatal(err)
			}
			hits := func() []string {
				q, _ := Parse("Zwiebelturmlage")
				res, err := Run(ctx, st, q, 1, 10)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, h := range res.Hits {
					out = append(out, h.URL)
				}
				return out
			}
			if got := hits(); len(got) != 1 || got[0] != old {
				t.Fatalf("the old document is not in place: %v", got)
			}
			if err := st.MarkSearchNeedsRebuild(ctx); err != nil {
				t.Fatal(err)
			}
			if rebuilt, err := RebuildMarked(ctx, st, council, nil); err != nil || !rebuilt {
				t.Fatalf("rebuild: %v %v", rebuilt, err)
			}
			if got := hits(); len(got) != 1 || got[0] != "/sitzungen/48#top-7" {
				t.Errorf("after the rebuild: %v, want [/sitzungen/48#top-7]", got)
			}
			// The index as the import writes it links the same.
			internal, err := minutes.Load(ctx, st, id, model.Internal)
			if err != nil {
				t.Fatal(err)
			}
			if err := IndexLoaded(ctx, st, internal); err != nil {
				t.Fatal(err)
			}
			if got := hits(); len(got) != 1 || got[0] != "/sitzungen/48#top-7" {
				t.Errorf("as imported: %v, want [/sitzungen/48#top-7]", got)
			}
		})
	}
}
