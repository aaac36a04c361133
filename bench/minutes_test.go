package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// BenchmarkMinutesLoad assembles the public minutes of sessions spread over
// the corpus (GREMIUM_BENCH_MINUTES_DECISIONS decisions, default 100,000,
// in a tenth as many sessions of ten items each) and reports the store
// queries per Load; then it asks for the session page over HTTP with the
// response cache off (the cost of a cache miss).
func BenchmarkMinutesLoad(b *testing.B) {
	c := corpusOf(b, envInt("GREMIUM_BENCH_MINUTES_DECISIONS", 100_000))
	ctx := context.Background()
	ts, st := serve(b, c, false)
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	// Generated sessions are numbered from 1000 on.
	var ids []int64
	var numbers []int
	for k := 0; k < 50; k++ {
		n := 1000 + k*(c.Sessions/50)
		se, err := st.SessionByNumber(ctx, council.ID, n)
		if err != nil {
			b.Fatal(err)
		}
		ids, numbers = append(ids, se.ID), append(numbers, n)
	}
	b.Run("load", func(b *testing.B) {
		before, n := store.QueryCount(), 0
		for b.Loop() {
			if _, err := minutes.Load(ctx, st, ids[n%len(ids)], model.Public); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(store.QueryCount()-before)/float64(n), "queries/op")
	})
	b.Run("page", func(b *testing.B) {
		n := 0
		for b.Loop() {
			resp, err := http.Get(fmt.Sprintf("%s/sitzungen/%d", ts.URL, numbers[n%len(numbers)]))
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatalf("status %d", resp.StatusCode)
			}
			n++
		}
	})
}
