package web

import (
	"bufio"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

// opsServer is a demo server whose store the test can close.
func opsServer(t *testing.T, log *slog.Logger) (*httptest.Server, *store.Store, *Server) {
	t.Helper()
	st := demotest.Store(t)
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv, err := New(st, log, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, st, srv
}

// TestHealthAndReady: /healthz answers while the process runs; /readyz
// only while the database answers and has every migration of this build.
func TestHealthAndReady(t *testing.T) {
	ts, st, _ := opsServer(t, nil)
	for _, p := range []string{"/healthz", "/readyz"} {
		if res, body := get(t, ts, p); res.StatusCode != http.StatusOK || strings.TrimSpace(body) != "ok" {
			t.Errorf("%s: %d %q", p, res.StatusCode, body)
		}
	}

	// A migration of this build missing from the database: not ready.
	db := st.DBForTests()
	var last int64
	if err := db.QueryRow(`SELECT MAX(version_id) FROM goose_db_version`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM goose_db_version WHERE version_id = ?`, last); err != nil {
		t.Fatal(err)
	}
	if res, _ := get(t, ts, "/readyz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with migration %d missing: %d, want 503", last, res.StatusCode)
	}
	if _, err := db.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (?, true)`, last); err != nil {
		t.Fatal(err)
	}
	if res, _ := get(t, ts, "/readyz"); res.StatusCode != http.StatusOK {
		t.Errorf("/readyz with all migrations: %d", res.StatusCode)
	}

	// The database closed: not ready, but alive.
	st.Close()
	if res, body := get(t, ts, "/readyz"); res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "nicht bereit") {
		t.Errorf("/readyz with the database closed: %d %q, want 503", res.StatusCode, body)
	}
	if res, _ := get(t, ts, "/healthz"); res.StatusCode != http.StatusOK {
		t.Errorf("/healthz with the database closed: %d", res.StatusCode)
	}
}

// TestMetricsExposition: the metrics carry latency histograms per route
// pattern (not per raw path), the live streams, the database pool and the
// outbox.
func TestMetricsExposition(t *testing.T) {
	ts, st, srv := lawServer(t)
	sid, _, _ := runningSession(t, st, model.KindDecision)
	for _, p := range []string{"/sitzungen/47", "/sitzungen/46", "/beschluesse", "/gibt-es-nicht"} {
		get(t, ts, p)
	}
	s := openStream(t, &http.Client{}, ts.URL+"/sitzungen/48/live/ereignisse", nil)
	if s.res.StatusCode != http.StatusOK {
		t.Fatal(s.res.StatusCode)
	}
	waitStreams(t, srv.events, 1)
	srv.events.Publish(sid)
	s.next(t)
	res, body := get(t, ts, "/metrics")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/metrics from loopback: %d", res.StatusCode)
	}
	for _, want := range []string{
		`gremium_http_request_duration_seconds_bucket{code="200",route="GET /sitzungen/{nr}",le="0.005"}`,
		`gremium_http_request_duration_seconds_count{code="200",route="GET /sitzungen/{nr}"} 2`,
		`gremium_http_request_duration_seconds_count{code="200",route="GET /beschluesse"} 1`,
		`gremium_http_request_duration_seconds_count{code="404",route="/"} 1`,
		"gremium_live_streams 1",
		"gremium_live_update_seconds_count 1",
		`gremium_live_streams_refused_total{limit="address"} 0`,
		"gremium_db_open_connections ",
		"gremium_db_max_open_connections 16",
		`gremium_outbox_messages{state="wartend"} `,
		"go_goroutines ",
		"process_resident_memory_bytes ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	for _, raw := range []string{`route="/sitzungen/47"`, "ereignisse"} {
		if strings.Contains(body, raw) {
			t.Errorf("metrics carry %s", raw)
		}
	}
}

// TestMetricsAccess: /metrics answers the configured addresses and the
// token; a request through a proxy is judged by the client address only
// when the proxy's header is configured.
func TestMetricsAccess(t *testing.T) {
	ts, _, srv := opsServer(t, nil)
	status := func(header http.Header) int {
		t.Helper()
		req, _ := http.NewRequest("GET", ts.URL+"/metrics", nil)
		req.Header = header
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	bearer := func(tok string) http.Header { return http.Header{"Authorization": {"Bearer " + tok}} }
	if got := status(nil); got != http.StatusOK {
		t.Errorf("loopback by default: %d", got)
	}
	if got := status(http.Header{"X-Forwarded-For": {"127.0.0.1"}}); got != http.StatusForbidden {
		t.Errorf("through a proxy without a configured header: %d, want 403", got)
	}
	srv.SetMetricsAccess([]netip.Prefix{}, "geheim-für-prometheus")
	for name, c := range map[string]struct {
		h    http.Header
		want int
	}{
		"no address allowed, no token": {nil, http.StatusForbidden},
		"wrong token":                  {bearer("falsch"), http.StatusForbidden},
		"token":                        {bearer("geheim-für-prometheus"), http.StatusOK},
	} {
		if got := status(c.h); got != c.want {
			t.Errorf("%s: %d, want %d", name, got, c.want)
		}
	}
	srv.SetMetricsAccess([]netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, "")
	srv.SetClientIPHeader("X-Forwarded-For")
	if got := status(http.Header{"X-Forwarded-For": {"10.1.2.3"}}); got != http.StatusOK {
		t.Errorf("allowed client behind the proxy: %d", got)
	}
	if got := status(http.Header{"X-Forwarded-For": {"203.0.113.9"}}); got != http.StatusForbidden {
		t.Errorf("other client behind the proxy: %d", got)
	}
	if got := status(bearer("geheim-für-prometheus")); got != http.StatusForbidden {
		t.Errorf("token after it was removed: %d", got)
	}
}

// TestJSONLogRequestID: with JSON logs, the line of a request and the line
// of a failed request carry the request id the answer names.
func TestJSONLogRequestID(t *testing.T) {
	var buf lockedBuffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ts, st, _ := opsServer(t, log)
	res, _ := get(t, ts, "/sitzungen/47")
	id := res.Header.Get("X-Request-ID")
	st.Close() // the next page fails inside
	res2, _ := get(t, ts, "/sitzungen/47")
	id2 := res2.Header.Get("X-Request-ID")
	if id == "" || id2 == "" || res2.StatusCode != http.StatusInternalServerError {
		t.Fatalf("ids %q %q, status %d", id, id2, res2.StatusCode)
	}
	type line struct {
		Msg       string `json:"msg"`
		Level     string `json:"level"`
		Path      string `json:"path"`
		RequestID string `json:"request_id"`
	}
	var lines []line
	sc := bufio.NewScanner(strings.NewReader(buf.String()))
	for sc.Scan() {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("not a JSON line: %q", sc.Text())
		}
		lines = append(lines, l)
	}
	has := func(msg, level, id string) bool {
		for _, l := range lines {
			if l.Msg == msg && l.Level == level && l.RequestID == id {
				return true
			}
		}
		return false
	}
	if !has("request", "DEBUG", id) {
		t.Errorf("no request line with request_id %s in %+v", id, lines)
	}
	if !has("request failed", "ERROR", id2) || !has("request", "DEBUG", id2) {
		t.Errorf("no error line with request_id %s in %+v", id2, lines)
	}
}
