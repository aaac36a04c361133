package search

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// TestRebuildMarkedIndex: the rebuild that `gremium serve` runs finds the
// council itself. Without it (no data yet) nothing is indexed and the mark
// stays; with it a marked index is rebuilt and the mark cleared; an index
// without the mark is left alone.
func TestRebuildMarkedIndex(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := store.WithActor(context.Background(), "test")
			st, err := store.OpenDatabase(ctx, eng.Database, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			marked := func() bool { return isMarked(t, st) }
			if rebuilt, err := RebuildMarkedIndex(ctx, st, nil); err != nil || rebuilt {
				t.Fatalf("without the council: rebuilt %v, %v", rebuilt, err)
			}
			if !marked() {
				t.Fatal("a rebuild without the council cleared the mark")
			}
			body, err := st.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern})
			if err != nil {
				t.Fatal(err)
			}
			sid, err := st.CreateSession(ctx, model.Session{BodyID: body, Number: 1, Date: model.NewDate(2025, time.March, 10), Status: model.StatusEnded, AgendaPublished: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: sid, Number: "1", Title: "Zwiebelturm", Position: 1, Status: model.ItemAccepted}); err != nil {
				t.Fatal(err)
			}
			sessions := 0
			rebuilt, err := RebuildMarkedIndex(ctx, st, func(n int) { sessions = n })
			if err != nil || !rebuilt {
				t.Fatalf("with the council: rebuilt %v, %v", rebuilt, err)
			}
			if sessions != 1 {
				t.Errorf("progress told %d sessions, want 1", sessions)
			}
			if marked() {
				t.Error("the mark is still set after the rebuild")
			}
			q, _ := Parse("Zwiebelturm")
			if res, err := Run(ctx, st, q, 1, 10); err != nil || res.Total != 1 {
				t.Errorf("the council's item is not found after the rebuild: %+v, %v", res.Hits, err)
			}
			if rebuilt, err := RebuildMarkedIndex(ctx, st, nil); err != nil || rebuilt {
				t.Errorf("an index without the mark: rebuilt %v, %v", rebuilt, err)
			}
		})
	}
}

// isMarked tells whether the index of st carries the mark "needs rebuild".
func isMarked(t *testing.T, st *store.Store) bool {
	t.Helper()
	need, err := st.SearchNeedsRebuild(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return need
}
