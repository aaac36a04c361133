package bench

import (
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
	"gremium/internal/web"
)

// BenchmarkStoredPageInProcess serves stored decision pages (html) and
// JSON decisions (json) through the whole middleware in this process (no
// network), to clients that do not ask for gzip and (-gzip) to clients
// that do: the server's own cost of a cache miss served from the pages
// rendered once per change, for profiling the one against the other.
// GREMIUM_BENCH_STORED_PATHS sets the decisions asked for (500; 5,000 as
// BenchmarkEngines asks, more than the connections' page caches hold).
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
	var pages, jsons []string
	for _, l := range c.Labels[:min(len(c.Labels), envInt("GREMIUM_BENCH_STORED_PATHS", 500))] {
		pages = append(pages, "/beschluesse/"+l)
		n, _ := model.ParseDecisionRef(l)
		jsons = append(jsons, fmt.Sprintf("/api/v1/beschluesse/%d/%d", n.Year, n.Seq))
	}
	for _, p := range append(pages, jsons...) {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	if err := st.FlushPages(b.Context()); err != nil {
		b.Fatal(err)
	}
	for _, kind := range []struct {
		name  string
		paths []string
		gzip  bool
	}{{"html", pages, false}, {"json", jsons, false}, {"html-gzip", pages, true}, {"json-gzip", jsons, true}} {
		b.Run(kind.name, func(b *testing.B) {
			i, bytes := 0, 0
			c0 := CPUTime()
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("GET", kind.paths[i%len(kind.paths)], nil)
				if kind.gzip {
					req.Header.Set("Accept-Encoding", "gzip")
				}
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatal(rec.Code)
				}
				bytes += rec.Body.Len()
				i++
			}
			b.ReportMetric(float64(bytes)/float64(i), "body-bytes")
			// Processor time, not wall time: the machine is shared.
			b.ReportMetric(float64((CPUTime()-c0).Microseconds())/float64(i), "cpu-µs/op")
		})
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
