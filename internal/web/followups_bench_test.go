package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

// BenchmarkFollowUpPages measures the pages that read every visible
// follow-up: the home page (its count of open follow-ups) and the list
// /auftraege, as the public, with 2,000 follow-ups (half of them orders of
// adopted decisions) over loopback.
//
//	go test ./internal/web -run '^$' -bench FollowUpPages -benchtime 200x -count 3
func BenchmarkFollowUpPages(b *testing.B) {
	ctx := context.Background()
	st := demotest.Store(b)
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	decisions, err := st.Decisions(ctx, store.DecisionFilter{BodyID: council.ID, Status: model.DecisionAdopted, Numbered: true})
	if err != nil || len(decisions) == 0 {
		b.Fatal("no decisions", err)
	}
	for i := 0; i < 2000; i++ {
		d := decisions[i%len(decisions)]
		f := model.FollowUp{ItemID: d.ItemID, Text: fmt.Sprintf("Bericht Nr. %d vorlegen", i), Responsible: "HE", DueDate: model.NewDate(2026, 1, 1+i%28), Status: model.FollowUpOpen}
		if i%2 == 0 {
			f.DecisionID = d.ID
		}
		if _, err := st.CreateFollowUp(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	b.Cleanup(ts.Close)
	for _, path := range []string{"/", "/auftraege"} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				res, err := http.Get(ts.URL + path)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("status %d", res.StatusCode)
				}
			}
		})
	}
}
