package bench

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/search"
	"gremium/internal/store"
	"gremium/internal/web"
)

// A small corpus is complete: its decisions are in the register, on their
// pages, cite each other and are found by the search; the load tools work.
func TestSmallCorpus(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c, err := Open(ctx, dir, 2000, 200, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Labels) == 0 || len(c.Words) == 0 {
		t.Fatalf("corpus without sample: %+v", c)
	}
	again, err := Open(ctx, dir, 2000, 200, nil)
	if err != nil || len(again.Labels) != len(c.Labels) || again.Labels[0] != c.Labels[0] {
		t.Errorf("the corpus is not reused: %v", err)
	}
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	page, err := st.Register(ctx, store.RegisterFilter{BodyID: council.ID, Limit: 1})
	// The demo's numbered decisions: 2024/48 (45th session), 2025/13 and
	// 2025/19 (46th), 2025/26, 27 and 30 (47th).
	if err != nil || page.Total != 2000+6 {
		t.Errorf("register holds %d decisions (%v), want 2006", page.Total, err)
	}
	cited, err := st.CitingDecisions(ctx, council.ID, c.Labels[0])
	if err != nil {
		t.Fatal(err)
	}
	q, _ := search.Parse(c.Words[0])
	res, err := search.Run(ctx, st, q, 1, 10)
	if err != nil || res.Total == 0 {
		t.Errorf("search for %q: %d hits, %v", c.Words[0], res.Total, err)
	}

	srv, err := web.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	paths := []string{"/beschluesse/" + c.Labels[0], "/beschluesse/" + c.Labels[len(c.Labels)-1]}
	bare, err := Record(ts.URL, paths)
	if err != nil {
		t.Fatal(err)
	}
	if body := string(bare[paths[0]].body); !strings.Contains(body, c.Labels[0]) || len(cited) > 0 && !strings.Contains(body, "Wird fortgeführt durch") {
		t.Errorf("decision page of %s incomplete", c.Labels[0])
	}
	baseline := httptest.NewServer(bare)
	defer baseline.Close()
	for _, base := range []string{ts.URL, baseline.URL} {
		s := Load(ctx, base, paths, 2, 200*time.Millisecond)
		if s.Requests == 0 || s.Errors != 0 {
			t.Errorf("load on %s: %+v", base, s)
		}
	}
}
