package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Stats are the figures of a load run.
type Stats struct {
	Requests      int
	Errors        int
	Duration      time.Duration
	P50, P95, P99 time.Duration
}

// PerSecond gives the throughput.
func (s Stats) PerSecond() float64 { return float64(s.Requests) / s.Duration.Seconds() }

// String gives the figures on one line.
func (s Stats) String() string {
	return fmt.Sprintf("%8.0f req/s  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  (%d requests, %d errors)",
		s.PerSecond(), ms(s.P50), ms(s.P95), ms(s.P99), s.Requests, s.Errors)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Percentiles gives the figures of a set of latencies.
func Percentiles(lat []time.Duration) (p50, p95, p99 time.Duration) {
	if len(lat) == 0 {
		return 0, 0, 0
	}
	slices.Sort(lat)
	at := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	return at(0.50), at(0.95), at(0.99)
}

// Load sends GET requests for the paths (in random order) to base from
// workers concurrent clients for d; every answer must be 200.
func Load(ctx context.Context, base string, paths []string, workers int, d time.Duration) Stats {
	tr := &http.Transport{MaxIdleConns: workers, MaxIdleConnsPerHost: workers, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	deadline := time.Now().Add(d)
	var mu sync.Mutex
	var all []time.Duration
	errors := 0
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(seed, 7))
			var lat []time.Duration
			errs := 0
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t0 := time.Now()
				res, err := client.Do(request(base + paths[rnd.IntN(len(paths))]))
				if err != nil {
					errs++
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				lat = append(lat, time.Since(t0))
				if res.StatusCode != http.StatusOK {
					errs++
				}
			}
			mu.Lock()
			all = append(all, lat...)
			errors += errs
			mu.Unlock()
		}(uint64(w + 1))
	}
	wg.Wait()
	s := Stats{Requests: len(all), Errors: errors, Duration: time.Since(start)}
	s.P50, s.P95, s.P99 = Percentiles(all)
	return s
}

// AsksGzip says whether the load clients ask for gzip, as browsers do
// (GREMIUM_BENCH_GZIP=1): the compressed bytes are recorded for the bare
// handler and received as they are, not decompressed.
var AsksGzip = os.Getenv("GREMIUM_BENCH_GZIP") == "1"

// request gives a GET request for url, asking for gzip if AsksGzip.
func request(url string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if AsksGzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	return req
}

// recorded is one response as the bare handler serves it.
type recorded struct {
	contentType, encoding string
	body                  []byte
}

// Bare is the baseline: a plain net/http handler that serves, for each
// path, the bytes gremium answered with.
type Bare map[string]recorded

// Record fetches every path once from base.
func Record(base string, paths []string) (Bare, error) {
	b := Bare{}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, p := range paths {
		res, err := client.Do(request(base + p))
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return nil, err
		}
		if res.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("bench: %s: status %d", p, res.StatusCode)
		}
		b[p] = recorded{contentType: res.Header.Get("Content-Type"), encoding: res.Header.Get("Content-Encoding"), body: body}
	}
	return b, nil
}

// Bytes gives the mean size of the recorded answers.
func (b Bare) Bytes() int {
	n := 0
	for _, r := range b {
		n += len(r.body)
	}
	return n / max(1, len(b))
}

func (b Bare) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec, ok := b[r.URL.RequestURI()]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", rec.contentType)
	if rec.encoding != "" {
		w.Header().Set("Content-Encoding", rec.encoding)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(rec.body)))
	w.Write(rec.body)
}

// Memory gives the resident set size and its peak of this process in
// bytes (Linux; zero elsewhere).
func Memory() (rss, peak int64) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
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

// CPUTime gives the processor time (user and system) this process has used
// so far. Divided by the requests of a load run it gives the processor cost
// of a request — server and load clients together — which, unlike
// requests per second, does not depend on what else the machine runs.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
