package bench

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/web"
)

// registerDeepPaths gives keyset addresses of register pages spread over
// the corpus: the page that starts after each sampled decision.
func registerDeepPaths(c Corpus, n int) []string {
	var paths []string
	step := max(1, len(c.Labels)/n)
	for i := 0; i < len(c.Labels); i += step {
		d, ok := model.ParseDecisionRef(c.Labels[i])
		if !ok {
			continue
		}
		// Labels are sampled oldest first, every Decisions/len(Labels).
		fromTop := c.Decisions - i*(c.Decisions/len(c.Labels))
		if fromTop >= c.Decisions {
			// The oldest decision: nothing is older, the page before it
			// does not exist (page 501 of 500 at 50k, a 404).
			continue
		}
		paths = append(paths, fmt.Sprintf("/beschluesse?vor=%d-%d&seite=%d", d.Year, d.Seq, fromTop/web.RegisterPerPage+1))
	}
	return paths
}

// BenchmarkLists measures the list pages with the response cache off: the
// register's first page, deep pages (keyset, spread over the corpus) and
// its filter by Stand der Umsetzung, the start page and the session list
// (newest year, and a year deep in the corpus), each against the bare
// handler with the same bytes.
func BenchmarkLists(b *testing.B) {
	c := benchCorpus(b)
	ts, _ := serve(b, c, false)
	for i := 0; i < b.N; i++ {
		compare(b, "register, first page", ts, []string{"/beschluesse"})
		compare(b, "register, deep pages (keyset)", ts, registerDeepPaths(c, 200))
		// The filter by Stand der Umsetzung rolls up the follow-ups the
		// public sees (the visibility rule joined in SQL).
		compare(b, "register, filter umsetzung=offen", ts, []string{"/beschluesse?umsetzung=offen"})
		compare(b, "register, filter umsetzung=umgesetzt", ts, []string{"/beschluesse?umsetzung=umgesetzt"})
		compare(b, "start page", ts, []string{"/"})
		compare(b, "session list, newest year", ts, []string{"/sitzungen"})
		var spread []string
		for y := FirstYear; y < FirstYear+years; y += 4 {
			spread = append(spread, "/sitzungen?jahr="+strconv.Itoa(y))
		}
		compare(b, "session list, years spread over the corpus", ts, spread)
	}
}

// BenchmarkServerMemory starts `gremium serve` on the corpus as a process
// of its own and loads it with GREMIUM_BENCH_WORKERS clients (default 8)
// for GREMIUM_BENCH_SECONDS over a mix of addresses spread over the corpus
// — decision pages, JSON decisions, register pages deep and shallow, the
// start page, session lists, searches — and reports the server's resident
// memory (VmRSS sampled, VmHWM at the end).
func BenchmarkServerMemory(b *testing.B) {
	c := benchCorpus(b)
	for i := 0; i < b.N; i++ {
		serverMemory(b, c, "SQLite", "--data", c.Dir)
	}
}

// serverMemory runs `gremium serve` with args (the database of the corpus
// c) in a process of its own under the load of BenchmarkServerMemory and
// reports its memory.
func serverMemory(b *testing.B, c Corpus, engine string, args ...string) {
	b.Helper()
	bin := buildGremium(b, b.TempDir())
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr}, args...)...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	base := "http://" + addr
	for t0 := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			break
		}
		if time.Since(t0) > 60*time.Second {
			stop()
			b.Fatal("server did not start")
		}
	}
	var paths []string
	for k, l := range c.Labels {
		paths = append(paths, "/beschluesse/"+l)
		if k%4 == 0 {
			d, _ := model.ParseDecisionRef(l)
			paths = append(paths, fmt.Sprintf("/api/v1/beschluesse/%d/%d", d.Year, d.Seq))
		}
	}
	paths = append(paths, registerDeepPaths(c, 500)...)
	for k := 0; k < 50; k++ {
		paths = append(paths, "/", "/sitzungen", "/beschluesse", "/sitzungen?jahr="+strconv.Itoa(FirstYear+k%years))
	}
	for _, q := range searchQueries(c) {
		paths = append(paths, "/suche?q="+url.QueryEscape(q))
	}
	pid := cmd.Process.Pid
	d := time.Duration(envInt("GREMIUM_BENCH_SECONDS", 10)) * time.Second
	done := make(chan Stats)
	go func() { done <- Load(context.Background(), base, paths, envInt("GREMIUM_BENCH_WORKERS", 8), d) }()
	var maxRSS int64
	var st Stats
sample:
	for {
		select {
		case st = <-done:
			break sample
		case <-time.After(50 * time.Millisecond):
			if rss, _ := processMemory(pid); rss > maxRSS {
				maxRSS = rss
			}
		}
	}
	_, peak := processMemory(pid)
	stop()
	fmt.Printf("%s: gremium serve on %d decisions, %d paths (decision pages, JSON, register, start page, session lists, searches)\n  %s\n  server RSS: highest sample %d MB, VmHWM %d MB\n",
		engine, c.Decisions, len(paths), st, maxRSS>>20, peak>>20)
	if st.Errors > 0 {
		b.Errorf("%d errors", st.Errors)
	}
	b.ReportMetric(float64(peak>>20), "server-peak-MB")
	b.ReportMetric(float64(maxRSS>>20), "server-RSS-MB")
}

// processMemory reads VmRSS and VmHWM of a process.
func processMemory(pid int) (rss, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		switch name {
		case "VmRSS":
			rss = kb << 10
		case "VmHWM":
			peak = kb << 10
		}
	}
	return rss, peak
}
