package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// pendingInstances opens two instances on one database of the engine (two
// Stores on one SQLite file, or on one PostgreSQL database) with the
// IT-PLR set up, as two `gremium serve` beside an import.
func pendingInstances(t *testing.T, eng storetest.Engine) (a, b *store.Store, bodyID int64) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "import")
	a, err := store.OpenDatabase(ctx, eng.Database, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	council, err := itplr.Setup(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if b, err = a.OpenAgain(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b, council.ID
}

// pendingItem is item n of imported minutes: a public contribution whose
// text names row, and an adopted decision numbered year/seq (unnumbered
// for seq 0) whose point names decision.
func pendingItem(n, year, seq int, row, decision string) store.MinutesItem {
	number := model.DecisionNumber{Year: year, Seq: seq}
	if seq == 0 {
		number = model.DecisionNumber{}
	}
	return store.MinutesItem{
		Item:          model.AgendaItem{Number: fmt.Sprint(n), Title: fmt.Sprintf("Tagesordnungspunkt %d", n), Position: n, Status: model.ItemAccepted},
		Contributions: []model.Contribution{{Position: 1, Speaker: "HE", Points: []string{"berichtet über " + row}}},
		Decisions: []model.Decision{{Position: 2, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig",
			Number: number, Points: []model.Point{{Text: "Der IT-Planungsrat beschließt " + decision + "."}}}},
	}
}

// importPending stores minutes as `gremium import minutes` does without
// --index: the new session's documents left to the server.
func importPending(t *testing.T, st *store.Store, bodyID int64, number int, items ...store.MinutesItem) int64 {
	t.Helper()
	ctx := store.WithActor(context.Background(), "import")
	se := model.Session{Number: number, Date: model.NewDate(2030, time.Month(1+number%12), 1+number%27), Place: "Berlin", Chair: "Bund"}
	id, err := st.SaveMinutes(ctx, bodyID, se, items, nil, store.ImportSource{}, store.OParlAfterCommit, store.SearchAfterCommit)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// pendingMarks gives the marks left.
func pendingMarks(t *testing.T, st *store.Store) []int64 {
	t.Helper()
	ids, err := st.SearchPending(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// checkIndexWhole fails unless the search index holds no document twice
// and exactly what a rebuild from the data writes (the documents of the
// data as it is now, each once), and no mark is left.
func checkIndexWhole(t *testing.T, st *store.Store, bodyID int64) {
	t.Helper()
	ctx := context.Background()
	if ids := pendingMarks(t, st); len(ids) > 0 {
		t.Errorf("%d marks left: %v", len(ids), ids)
	}
	rows, err := st.DBForTests().QueryContext(ctx, `SELECT scope, kind, url, COUNT(*) FROM search_index GROUP BY scope, kind, url HAVING COUNT(*) > 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var scope, kind, url string
		var n int
		if err := rows.Scan(&scope, &kind, &url, &n); err != nil {
			t.Fatal(err)
		}
		t.Errorf("document %s %s %s is in the index %d times", scope, kind, url, n)
	}
	rows.Close()
	written := indexRows(t, st)
	if err := Rebuild(ctx, st, bodyID); err != nil {
		t.Fatal(err)
	}
	if rebuilt := indexRows(t, st); !slices.Equal(written, rebuilt) {
		t.Errorf("the index IndexPending left differs from a rebuild of the data:\n%s\nrebuilt:\n%s", strings.Join(written, "\n"), strings.Join(rebuilt, "\n"))
	}
}

// indexHas gives the documents of the index whose text contains word.
func indexHas(t *testing.T, st *store.Store, word string) []string {
	t.Helper()
	var out []string
	for _, r := range indexRows(t, st) {
		if strings.Contains(r, word) {
			out = append(out, r)
		}
	}
	return out
}

// TestIndexPendingOnTwoInstancesAtOnce: two instances on one database run
// IndexPending at the same time on the same marks (more sessions than a
// batch), each again as long as marks are left (as serveDerived looks
// again after every change). No error but conflicts, which IndexPending
// retries itself; in the end no mark is left, every session's documents
// are in the index once and are what a rebuild writes, and the sessions
// the two report written add up to the sessions marked: a batch one
// instance wrote is not written again by the other.
func TestIndexPendingOnTwoInstancesAtOnce(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			a, b, bodyID := pendingInstances(t, eng)
			const sessions = RebuildBatch + 40
			for n := range sessions {
				importPending(t, a, bodyID, 100+n, pendingItem(1, 2030+n/500, 1+n%500, fmt.Sprintf("Bericht%d", n), fmt.Sprintf("Vorhaben%d", n)))
			}
			if got := len(pendingMarks(t, b)); got != sessions {
				t.Fatalf("%d marks, want %d", got, sessions)
			}
			var wg sync.WaitGroup
			written := make([]int, 2)
			errs := make([]error, 2)
			start := make(chan struct{})
			for i, st := range []*store.Store{a, b} {
				wg.Go(func() {
					<-start
					for run := 0; ; run++ {
						n, err := IndexPending(ctx, st)
						written[i] += n
						if err != nil {
							errs[i] = err
							return
						}
						ids, err := st.SearchPending(ctx, 1)
						if err != nil || len(ids) == 0 {
							errs[i] = err
							return
						}
						if run == 50 {
							errs[i] = fmt.Errorf("marks left after %d runs", run)
							return
						}
					}
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("instance %d: %v", i, err)
				}
			}
			t.Logf("written by the instances: %v", written)
			if written[0]+written[1] != sessions {
				t.Errorf("the instances report %v sessions written, together %d, want %d (each once)", written, written[0]+written[1], sessions)
			}
			checkIndexWhole(t, a, bodyID)
		})
	}
}

// TestIndexPendingFindsTheOtherInstancesBatchWritten: while one instance
// built a batch, the other wrote the same sessions' documents. The first
// one's write is refused (the generation moved), and built again it finds
// the marks gone: it writes nothing, reports nothing written and leaves
// the data version alone — a needless write would throw away every page
// kept for the public on every instance (it moves the page generation).
func TestIndexPendingFindsTheOtherInstancesBatchWritten(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			a, b, bodyID := pendingInstances(t, eng)
			for n := range 3 {
				importPending(t, a, bodyID, 100+n, pendingItem(1, 2030, 1+n, fmt.Sprintf("Bericht%d", n), fmt.Sprintf("Vorhaben%d", n)))
			}
			var nA int
			var errA error
			var genA int64
			ran := false
			afterPendingLoad = func(st *store.Store, _ []int64) {
				if st != b || ran {
					return
				}
				ran = true
				nA, errA = IndexPending(ctx, a)
				genA, _ = a.PageGeneration(ctx)
			}
			t.Cleanup(func() { afterPendingLoad = nil })
			nB, errB := IndexPending(ctx, b)
			if errA != nil || errB != nil {
				t.Fatalf("IndexPending: %v, %v", errA, errB)
			}
			if nA != 3 || nB != 0 {
				t.Errorf("sessions written: %d by the instance that wrote first, %d by the other after it; want 3 and 0", nA, nB)
			}
			if gen, err := b.PageGeneration(ctx); err != nil || gen != genA {
				t.Errorf("the page generation moved from %d to %d after the other instance wrote the batch (%v): written twice", genA, gen, err)
			}
			afterPendingLoad = nil
			checkIndexWhole(t, a, bodyID)
		})
	}
}

// TestIndexPendingWritesTheDataAfterAChange: a change of the pending
// sessions committed by the other instance between IndexPending's load
// and its write — a minutes row of one made confidential, a decision of
// another withdrawn by a corrected import (which, for a session stored
// already, writes no mark) — is never overwritten by documents of the
// data before it: once IndexPending is done, neither the row's text nor
// the decision is in the index, and the index is what a rebuild writes.
// A change at every attempt leaves the marks (and writes nothing) after
// the third; the next run writes the documents.
func TestIndexPendingWritesTheDataAfterAChange(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := store.WithActor(context.Background(), "secretariat")
			a, b, bodyID := pendingInstances(t, eng)
			one := importPending(t, a, bodyID, 100, pendingItem(1, 2030, 1, "Geheimsache Wolkenkuckucksheim", "Registerabgleich"))
			// The second item's decision is unnumbered: a corrected import may
			// withdraw it (a numbered one it may not), and its row.
			twoItems := []store.MinutesItem{pendingItem(1, 2030, 2, "Haushaltslage", "Registermodernisierung"), pendingItem(2, 2030, 0, "Quantenverschluesselung", "Kryptoagilitaet")}
			corrected := []store.MinutesItem{twoItems[0], pendingItem(2, 2030, 0, "Quantenverschluesselung", "")}
			corrected[1].Decisions = nil
			corrected[1].Contributions[0].Confidential = true
			two := importPending(t, a, bodyID, 101, twoItems...)
			for _, w := range []string{"Wolkenkuckucksheim", "Quantenverschluesselung", "Kryptoagilitaet"} {
				if got := indexHas(t, a, w); len(got) > 0 {
					t.Fatalf("%s in the index before IndexPending: %v", w, got)
				}
			}
			changes := 0
			afterPendingLoad = func(st *store.Store, _ []int64) {
				if st != a || changes > 0 {
					return
				}
				changes++
				items, err := b.Items(ctx, one)
				if err != nil {
					t.Error(err)
					return
				}
				cs, err := b.Contributions(ctx, items[0].ID)
				if err != nil {
					t.Error(err)
					return
				}
				c := cs[0]
				c.Confidential = true
				if err := b.UpdateContribution(ctx, c); err != nil {
					t.Error(err)
				}
				se, err := b.Session(ctx, two)
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := b.SaveMinutes(store.WithActor(ctx, "import"), bodyID, se, corrected, nil, store.ImportSource{}); err != nil {
					t.Error(err)
				}
			}
			t.Cleanup(func() { afterPendingLoad = nil })
			n, err := IndexPending(ctx, a)
			if err != nil || n != 2 {
				t.Fatalf("IndexPending: %d sessions written, %v; want 2", n, err)
			}
			if changes != 1 {
				t.Fatalf("%d changes made between load and write, want 1", changes)
			}
			for _, w := range []string{"Wolkenkuckucksheim", "Quantenverschluesselung", "Kryptoagilitaet"} {
				if got := indexHas(t, a, w); len(got) > 0 {
					t.Errorf("withdrawn after the import, %s is in the index:\n%s", w, strings.Join(got, "\n"))
				}
			}
			for _, w := range []string{"Registerabgleich", "Registermodernisierung", "Haushaltslage"} {
				if got := indexHas(t, a, w); len(got) == 0 {
					t.Errorf("%s, kept by the changes, is not in the index", w)
				}
			}
			for _, q := range []string{"Wolkenkuckucksheim", "Quantenverschluesselung", "Kryptoagilitaet"} {
				query, _ := Parse(q)
				res, err := Run(ctx, a, query, 1, 10)
				if err != nil || res.Total != 0 {
					t.Errorf("the public search for %s: %d hits, %v", q, res.Total, err)
				}
			}
			checkIndexWhole(t, a, bodyID)

			// A change at every attempt: after the third the marks stay,
			// nothing is written; the next run writes.
			three := importPending(t, a, bodyID, 102, pendingItem(1, 2030, 4, "Beharrlichkeit", "Ausdauer"))
			changes = 0
			afterPendingLoad = func(st *store.Store, _ []int64) {
				changes++
				if _, err := b.CreateMember(ctx, model.Member{Abbrev: fmt.Sprintf("X%d", changes), Name: fmt.Sprintf("Gast %d", changes), Kind: model.MemberGuest, Position: 90 + changes}); err != nil {
					t.Error(err)
				}
			}
			n, err = IndexPending(ctx, a)
			if err != nil || n != 0 || changes != 3 {
				t.Fatalf("IndexPending under a change at every attempt: %d written, %v, %d attempts; want 0, nil, 3", n, err, changes)
			}
			if got := pendingMarks(t, a); !slices.Equal(got, []int64{three}) {
				t.Errorf("marks after three refused attempts: %v, want [%d]", got, three)
			}
			if got := indexHas(t, a, "Beharrlichkeit"); len(got) > 0 {
				t.Errorf("written although every attempt met a change: %v", got)
			}
			afterPendingLoad = nil
			if n, err = IndexPending(ctx, a); err != nil || n != 1 {
				t.Fatalf("the next run: %d written, %v", n, err)
			}
			checkIndexWhole(t, a, bodyID)
		})
	}
}

// TestIndexPendingWhileTheServerWritesAllTheTime: a server that commits
// changes all the time (a live session) changes the data while a batch
// of many sessions is read, not while one session's minutes are read
// (milliseconds). Modelled by a change committed between the load and the
// write of every batch of more than one session, IndexPending still works
// off every mark — smaller batches after a conflict, down to one session —
// where batches of a constant size left every mark behind at every run,
// and the documents are those of the data.
func TestIndexPendingWhileTheServerWritesAllTheTime(t *testing.T) {
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := store.WithActor(context.Background(), "secretariat")
			a, b, bodyID := pendingInstances(t, eng)
			for n := range 5 {
				importPending(t, a, bodyID, 100+n, pendingItem(1, 2030, 1+n, fmt.Sprintf("Bericht%d", n), fmt.Sprintf("Vorhaben%d", n)))
			}
			changes := 0
			afterPendingLoad = func(st *store.Store, ids []int64) {
				if len(ids) < 2 {
					return
				}
				changes++
				if _, err := b.CreateMember(ctx, model.Member{Abbrev: fmt.Sprintf("X%d", changes), Name: fmt.Sprintf("Gast %d", changes), Kind: model.MemberGuest, Position: 90 + changes}); err != nil {
					t.Error(err)
				}
			}
			t.Cleanup(func() { afterPendingLoad = nil })
			n, err := IndexPending(ctx, a)
			if err != nil || n != 5 {
				t.Errorf("IndexPending beside a server writing all the time: %d of 5 sessions written, %v (%d changes met)", n, err, changes)
			}
			afterPendingLoad = nil
			checkIndexWhole(t, a, bodyID)
		})
	}
}
