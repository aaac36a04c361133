package itplr

import (
	"context"
	"os"
	"testing"
	"time"

	"gremium/internal/store"
)

// BenchmarkSetupAgain measures Setup on a database it has set up already,
// as every `gremium import minutes` runs it.
func BenchmarkSetupAgain(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := Setup(ctx, st); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Setup(ctx, st); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenExisting measures store.Open of an existing database
// (GREMIUM_OPEN_DIR), as every command pays it.
func BenchmarkOpenExisting(b *testing.B) {
	dir := os.Getenv("GREMIUM_OPEN_DIR")
	if dir == "" {
		b.Skip("GREMIUM_OPEN_DIR")
	}
	ctx := context.Background()
	for b.Loop() {
		st, err := store.Open(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if _, err := Setup(ctx, st); err != nil {
			b.Fatal(err)
		}
		setup += time.Since(t0)
		st.Close()
	}
	b.ReportMetric(float64(setup.Microseconds())/float64(b.N), "µs-setup")
}

var setup time.Duration
