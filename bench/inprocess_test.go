package bench

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/store"
	"gremium/internal/web"
)

// BenchmarkStoredPageInProcess serves stored decision pages through the
// whole middleware in this process (no network): the server's own cost of
// a cache miss served from the pages rendered once per change, for
// profiling.
func BenchmarkStoredPageInProcess(b *testing.B) {
	c := benchCorpus(b)
	st, err := store.Open(b.Context(), c.Dir)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv, err := web.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	srv.SetResponseCache(-1)
	h := srv.Handler()
	paths := make([]string, 0, len(c.Labels))
	for _, l := range c.Labels[:min(len(c.Labels), 500)] {
		paths = append(paths, "/beschluesse/"+l)
	}
	for _, p := range paths {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	if err := st.FlushPages(b.Context()); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", paths[i%len(paths)], nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
		i++
	}
}

// BenchmarkDeepRegisterInProcess renders register pages deep in the corpus
// (keyset) through the whole middleware in this process, for profiling.
func BenchmarkDeepRegisterInProcess(b *testing.B) {
	c := benchCorpus(b)
	st, err := store.Open(b.Context(), c.Dir)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv, err := web.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	srv.SetResponseCache(-1)
	h := srv.Handler()
	paths := registerDeepPaths(c, 200)
	i := 0
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", paths[i%len(paths)], nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
		i++
	}
}
