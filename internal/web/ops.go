package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// This file is the operations surface: /healthz (the process answers),
// /readyz (the database answers and its schema is current) and the
// Prometheus metrics at /metrics, which only configured addresses or a
// token reach (docs/operations.md).

// ops holds the metrics of one Server and who may read them.
type ops struct {
	reg      *prometheus.Registry
	duration *prometheus.HistogramVec
	// allow lists the client addresses that may read /metrics without a
	// token; tokenSum is the SHA-256 of the token ("" none).
	allow    []netip.Prefix
	tokenSum []byte
	// clientIPHeader is the proxy's client address header, if one is
	// configured (SetClientIPHeader).
	clientIPHeader string
}

// DefaultMetricsAllow are the addresses that may read /metrics unless
// configured otherwise: the machine itself.
var DefaultMetricsAllow = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// latencyBuckets are the bounds in seconds of the request latency
// histograms: from 1 ms (a cached page) to 10 s.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// newOps registers the collectors of a server: request latency per route
// pattern, the database pool, the outbox, the live streams, Go runtime and
// process.
func (s *Server) newOps() *ops {
	o := &ops{reg: prometheus.NewRegistry(), allow: DefaultMetricsAllow}
	o.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "gremium_http_request_duration_seconds",
		Help:    "Time to answer a request, by route pattern (as registered in routes.go) and status code; live streams are not included.",
		Buckets: latencyBuckets,
	}, []string{"route", "code"})
	liveUpdate := prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "gremium_live_update_seconds",
		Help:    "Time from a change of a session to its event handed to every live viewer of the session (the public box rendered once included); sending is the streams' part.",
		Buckets: latencyBuckets,
	})
	s.events.mu.Lock()
	s.events.observe = func(d time.Duration) { liveUpdate.Observe(d.Seconds()) }
	s.events.mu.Unlock()
	o.reg.MustRegister(o.duration, liveUpdate,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		dbCollector{s},
		outboxCollector{s},
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gremium_live_streams",
			Help: "Open live streams (Server-Sent Events viewers) of this instance.",
		}, func() float64 { return float64(s.events.Streams()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "gremium_live_streams_refused_total",
			Help:        "Live streams refused because a limit was reached.",
			ConstLabels: prometheus.Labels{"limit": "instance"},
		}, func() float64 { return float64(s.events.refusedInstance.Load()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "gremium_live_streams_refused_total",
			Help:        "Live streams refused because a limit was reached.",
			ConstLabels: prometheus.Labels{"limit": "address"},
		}, func() float64 { return float64(s.events.refusedAddress.Load()) }),
	)
	return o
}

// SetMetricsAccess says who may read /metrics: clients from the address
// ranges in allow (nil: DefaultMetricsAllow; empty: none) and, from
// anywhere, requests with "Authorization: Bearer TOKEN" (token "": no
// token admits). Call it before Handler.
func (s *Server) SetMetricsAccess(allow []netip.Prefix, token string) {
	if allow != nil {
		s.ops.allow = allow
	}
	s.ops.tokenSum = nil
	if token != "" {
		sum := sha256.Sum256([]byte(token))
		s.ops.tokenSum = sum[:]
	}
}

// forwardingHeaders mark a request that came through a reverse proxy.
var forwardingHeaders = []string{"Forwarded", "X-Forwarded-For", "X-Real-Ip"}

// metricsAllowed says whether a request may read /metrics. A request that
// came through a reverse proxy is judged by the client address the proxy
// gives only when that header is configured (SetClientIPHeader): otherwise
// the proxy's own address (often 127.0.0.1) would admit the whole world.
func (s *Server) metricsAllowed(r *http.Request) bool {
	if s.ops.tokenSum != nil {
		if tok, ok := auth.BearerToken(r); ok {
			sum := sha256.Sum256([]byte(tok))
			if subtle.ConstantTimeCompare(sum[:], s.ops.tokenSum) == 1 {
				return true
			}
		}
	}
	addr := auth.PeerAddr(r)
	for _, h := range forwardingHeaders {
		if r.Header.Get(h) != "" {
			if s.ops.clientIPHeader == "" {
				return false
			}
			addr = s.sessions.ClientAddr(r)
			break
		}
	}
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	for _, p := range s.ops.allow {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// metrics serves the Prometheus exposition to those allowed.
func (s *Server) metrics() http.Handler {
	// httpcache compresses for clients that ask, as for every answer.
	h := promhttp.HandlerFor(s.ops.reg, promhttp.HandlerOpts{DisableCompression: true})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.metricsAllowed(r) {
			s.log.Info("metrics refused", "addr", auth.PeerAddr(r), "request_id", requestID(r))
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, "Kein Zugriff auf die Metriken (erlaubte Adresse oder Token nötig).", http.StatusForbidden)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// healthz answers while the process runs (liveness).
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

// readyz answers 200 when the database answers and every migration of
// this build is applied, else 503 (readiness: a load balancer sends no
// requests to an instance that cannot serve them).
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if err := s.st.Ready(ctx); err != nil {
		s.log.Warn("not ready", "err", err, "request_id", requestID(r))
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "nicht bereit")
		return
	}
	fmt.Fprintln(w, "ok")
}

// instrument records the latency of every answer under the route pattern
// that mux chose for it ("GET /sitzungen/{nr}", never the raw path, so the
// number of series stays bounded); answers from the response cache count
// under the same pattern. Live streams last as long as a viewer watches and
// are counted by gremium_live_streams instead.
func (s *Server) instrument(mux *http.ServeMux, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		if strings.HasPrefix(sw.Header().Get("Content-Type"), "text/event-stream") {
			return
		}
		_, pattern := mux.Handler(r)
		if pattern == "" {
			pattern = "other"
		}
		s.ops.duration.WithLabelValues(pattern, strconv.Itoa(sw.status)).Observe(time.Since(start).Seconds())
	})
}

// dbCollector reports the database connection pool.
type dbCollector struct{ s *Server }

var (
	dbOpenDesc     = prometheus.NewDesc("gremium_db_open_connections", "Open database connections (in use and idle).", nil, nil)
	dbInUseDesc    = prometheus.NewDesc("gremium_db_in_use_connections", "Database connections in use.", nil, nil)
	dbIdleDesc     = prometheus.NewDesc("gremium_db_idle_connections", "Idle database connections.", nil, nil)
	dbMaxOpenDesc  = prometheus.NewDesc("gremium_db_max_open_connections", "The most database connections the pool opens.", nil, nil)
	dbWaitDesc     = prometheus.NewDesc("gremium_db_wait_count_total", "Times a request waited for a free database connection.", nil, nil)
	dbWaitTimeDesc = prometheus.NewDesc("gremium_db_wait_duration_seconds_total", "Time spent waiting for a free database connection.", nil, nil)
)

// Describe lists the pool metrics.
func (c dbCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{dbOpenDesc, dbInUseDesc, dbIdleDesc, dbMaxOpenDesc, dbWaitDesc, dbWaitTimeDesc} {
		ch <- d
	}
}

// Collect reads the pool's statistics.
func (c dbCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.s.st.DBStats()
	ch <- prometheus.MustNewConstMetric(dbOpenDesc, prometheus.GaugeValue, float64(st.OpenConnections))
	ch <- prometheus.MustNewConstMetric(dbInUseDesc, prometheus.GaugeValue, float64(st.InUse))
	ch <- prometheus.MustNewConstMetric(dbIdleDesc, prometheus.GaugeValue, float64(st.Idle))
	ch <- prometheus.MustNewConstMetric(dbMaxOpenDesc, prometheus.GaugeValue, float64(st.MaxOpenConnections))
	ch <- prometheus.MustNewConstMetric(dbWaitDesc, prometheus.CounterValue, float64(st.WaitCount))
	ch <- prometheus.MustNewConstMetric(dbWaitTimeDesc, prometheus.CounterValue, st.WaitDuration.Seconds())
}

// outboxCollector reports the notifications of the outbox per state; the
// queue is state "wartend".
type outboxCollector struct{ s *Server }

var outboxDesc = prometheus.NewDesc("gremium_outbox_messages", "Notifications in the outbox by state (wartend: the queue, fehlgeschlagen, gesendet, abgebrochen).", []string{"state"}, nil)

// Describe lists the outbox metric.
func (c outboxCollector) Describe(ch chan<- *prometheus.Desc) { ch <- outboxDesc }

// Collect counts the outbox; when the database does not answer, the metric
// is missing from the scrape (and the error is logged).
func (c outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.s.st.OutboxCounts(ctx)
	if err != nil {
		c.s.log.Error("metrics: outbox", "err", err)
		return
	}
	for _, state := range model.DeliveryStates {
		ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(counts[state]), string(state))
	}
}
