package bench

import (
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/store"
	"gremium/internal/web"
)

// BenchmarkRegisterText serves the register's first page with its
// full-text filter (/beschluesse?q=…) through the whole middleware in this
// process, rendered for every request: a frequent word (more than
// store.RegisterTextCap decisions, capped), the same with a year, a word
// of middle and one of low frequency, a phrase and a compound's part; and,
// to compare, the register without q and the site search for the frequent
// word. Each sub-benchmark logs the hits the page names and the time of
// its first request, which reads the filter's candidates and counts its
// matches (then kept per data version). On SQLite and, with
// GREMIUM_BENCH_DATABASE, on PostgreSQL (postgres_test.go, engines).
//
//	cd bench && GREMIUM_BENCH_DIR=/tmp/perf/c50k GREMIUM_BENCH_DECISIONS=50000 \
//	  GREMIUM_BENCH_DATABASE='postgres://postgres@127.0.0.1:5432/bench_50k?sslmode=disable' \
//	  go test -run '^$' -bench 'BenchmarkRegisterText' -benchtime 200x
func BenchmarkRegisterText(b *testing.B) {
	c := benchCorpus(b)
	for _, e := range engines(b, c) {
		b.Run(e.name, func(b *testing.B) { registerText(b, c, e.st) })
	}
}

// registerText runs BenchmarkRegisterText's requests on one engine's store.
func registerText(b *testing.B, c Corpus, st *store.Store) {
	srv, err := web.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	// Every request renders: neither the response cache nor the pages
	// rendered once per change answer (each address with a new q is
	// rendered at least once after each change).
	srv.SetResponseCache(-1)
	srv.SetStoredPages(false)
	h := srv.Handler()
	last := FirstYear + years - 1
	q := func(text string) string { return "/beschluesse?q=" + url.QueryEscape(text) }
	cases := []struct{ name, path string }{
		{"register-no-q", "/beschluesse"},
		{"frequent", q(c.Words[0])},
		{"frequent-newest-year", q(c.Words[0]) + fmt.Sprintf("&jahr=%d", last)},
		{"frequent-old-year", q(c.Words[0]) + fmt.Sprintf("&jahr=%d", FirstYear+10)},
		{"middle", q(c.Words[min(5, len(c.Words)-1)])},
		{"rare", q(c.Words[len(c.Words)-1])},
		{"rare-year", q(c.Words[len(c.Words)-1]) + fmt.Sprintf("&jahr=%d", last)},
		{"phrase", q(`"Der IT-Planungsrat nimmt"`)},
		{"compound-part", q("Registermodernisierungen")},
		{"site-search-frequent", "/suche?q=" + url.QueryEscape(c.Words[0])},
	}
	status := regexp.MustCompile(`role="status">([^<]*)`)
	for _, cs := range cases {
		b.Run(cs.name, func(b *testing.B) {
			// The first request counts the matches (then kept per data
			// version and filter, store.RegisterCount): its time is logged.
			rec := httptest.NewRecorder()
			t0 := time.Now()
			h.ServeHTTP(rec, httptest.NewRequest("GET", cs.path, nil))
			first := time.Since(t0)
			if rec.Code != 200 {
				b.Fatalf("%s: %d", cs.path, rec.Code)
			}
			body := rec.Body.String()
			if m := status.FindStringSubmatch(body); m != nil {
				b.Logf("%s: %s%s; first request %s", cs.path, strings.TrimSpace(m[1]), map[bool]string{true: " (capped)"}[strings.Contains(body, "zuletzt erfassten")], first.Round(10*time.Microsecond))
			}
			c0 := CPUTime()
			n := 0
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", cs.path, nil))
				if rec.Code != 200 {
					b.Fatal(rec.Code)
				}
				n++
			}
			// Processor time, not wall time: the machine is shared.
			b.ReportMetric(float64((CPUTime()-c0).Microseconds())/float64(n), "cpu-µs/op")
		})
	}
}
