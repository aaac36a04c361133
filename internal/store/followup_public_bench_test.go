package store

import (
	"context"
	"syscall"
	"testing"
	"time"

	"gremium/internal/model"
)

// BenchmarkFollowUpWrites: what keeping the public follow-up counts adds
// to a write (docs/performance.md, "Public follow-up count kept"): a
// comment marks nothing (one statement more, the marks counted), a
// report of a follow-up's status marks that follow-up, a session's
// agenda withdrawn and published again marks the follow-ups of its items.
func BenchmarkFollowUpWrites(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	w := newFollowUpWorld(b, s)
	list, err := s.FollowUps(ctx, FollowUpFilter{Pending: true})
	if err != nil || len(list) == 0 {
		b.Fatalf("follow-ups: %v", err)
	}
	f := list[0]
	var convened model.Session
	for _, se := range must[[]model.Session](b)(s.Sessions(ctx, w.council)) {
		if se.Status == model.StatusConvened {
			convened = se
		}
	}
	// cpu reports the processor time of the process per operation (the
	// machine is shared: wall time is noisy), as bench.CPUTime.
	cpu := func(b *testing.B, start time.Duration) {
		b.ReportMetric(float64((processTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
	b.Run("comment", func(b *testing.B) {
		defer cpu(b, processTime())
		for b.Loop() {
			if err := s.AddFollowUpComment(ctx, model.FollowUpComment{FollowUpID: f.ID, Author: "bench", Text: "Stand"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("report", func(b *testing.B) {
		defer cpu(b, processTime())
		statuses := []model.FollowUpStatus{model.FollowUpInProgress, model.FollowUpOpen}
		i := 0
		for b.Loop() {
			cur, err := s.FollowUp(ctx, f.ID)
			if err != nil {
				b.Fatal(err)
			}
			if err := s.ReportFollowUp(ctx, FollowUpReport{ID: f.ID, Version: cur.Version, Status: statuses[i%2], Author: "bench"}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("agenda", func(b *testing.B) {
		defer cpu(b, processTime())
		for b.Loop() {
			se, err := s.Session(ctx, convened.ID)
			if err != nil {
				b.Fatal(err)
			}
			se.AgendaPublished = !se.AgendaPublished
			if err := s.UpdateSession(ctx, se); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// processTime gives the processor time of the process so far.
func processTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
