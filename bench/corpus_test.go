package bench

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
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
	// The corpus is the demo data plus the generated decisions.
	demoStore := demotest.Store(t)
	demoCouncil, _ := demoStore.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	inDemo, err := demoStore.Register(ctx, store.RegisterFilter{BodyID: demoCouncil.ID, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.Register(ctx, store.RegisterFilter{BodyID: council.ID, Limit: 1})
	if err != nil || page.Total != 2000+inDemo.Total {
		t.Errorf("register holds %d decisions (%v), want %d", page.Total, err, 2000+inDemo.Total)
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

// A copy of a corpus is opened in its own directory: a benchmark that
// writes (the OParl build) must not write into the corpus it was copied
// from.
func TestCorpusCopyIsItsOwn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := Open(ctx, dir, 200, 20, nil); err != nil {
		t.Fatal(err)
	}
	cp := t.TempDir()
	for _, name := range []string{marker, store.DBFileName} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cp, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c, err := Open(ctx, cp, 200, 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Dir != cp {
		t.Errorf("the copy in %s opens the corpus in %s", cp, c.Dir)
	}
}
