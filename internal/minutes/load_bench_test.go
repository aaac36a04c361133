package minutes_test

import (
	"context"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// BenchmarkLoad assembles the minutes of the demo's 47th session (nine
// items with 41 rows) for each audience and reports the store queries one
// Load runs.
func BenchmarkLoad(b *testing.B) {
	st, id := demoSession47(b)
	for _, a := range []struct {
		name string
		a    model.Audience
	}{{"internal", model.Internal}, {"public", model.Public}} {
		b.Run(a.name, func(b *testing.B) {
			ctx := context.Background()
			before := store.QueryCount()
			n := 0
			for b.Loop() {
				if _, err := minutes.Load(ctx, st, id, a.a); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64(store.QueryCount()-before)/float64(n), "queries/op")
		})
	}
}
