package bench

import (
	"context"
	"testing"
	"time"

	"gremium/internal/store"
)

// BenchmarkReminderRun measures one run of the follow-up reminders
// (store.QueueFollowUpReminders, every 30 seconds in the reminder loop)
// on the corpus, at a fixed clock, with no subscribers: what a run reads
// and tries, however few reminders it then queues. It reports the store's
// rows and statements per run and the processor time per run (CPUTime),
// which other load of the machine changes less than ns/op. Give
// GREMIUM_BENCH_DIR a copy of a kept corpus (the store is opened for
// writing).
//
//	GREMIUM_BENCH_DIR=/tmp/copy-1m go test ./bench -run '^$' -bench ReminderRun -benchtime 5x
func BenchmarkReminderRun(b *testing.B) {
	c := benchCorpus(b)
	ctx := context.Background()
	st, err := store.Open(ctx, c.Dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	q0, r0, cpu0 := store.QueryCount(), store.RowsRead(), CPUTime()
	n := 0
	for b.Loop() {
		if _, err := st.QueueFollowUpReminders(ctx, now); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(store.RowsRead()-r0)/float64(n), "rows/op")
	b.ReportMetric(float64(store.QueryCount()-q0)/float64(n), "statements/op")
	b.ReportMetric(float64((CPUTime()-cpu0).Milliseconds())/float64(n), "cpu-ms/op")
}
