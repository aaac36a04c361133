package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"strconv"
	"strings"

	"gremium/internal/web"
)

// opsConfig are the operations settings of "gremium serve": logging,
// access to /metrics, the limits of live streams (docs/operations.md).
type opsConfig struct {
	logFormat, logLevel string
	verbose             bool
	metricsAllow        string
	metricsTokenFile    string
	maxStreams          int
	maxStreamsPerAddr   int
}

// opsFlags adds the operations flags to serve's flag set.
func opsFlags(fs *flag.FlagSet) *opsConfig {
	c := &opsConfig{}
	fs.StringVar(&c.logFormat, "log-format", envOr("GREMIUM_LOG_FORMAT", "text"), "log `format`: text or json (one JSON object per line, with request_id on lines about a request) (env GREMIUM_LOG_FORMAT)")
	fs.StringVar(&c.logLevel, "log-level", envOr("GREMIUM_LOG_LEVEL", "info"), "lowest `level` logged: debug (adds a line per request), info, warn or error (env GREMIUM_LOG_LEVEL)")
	fs.BoolVar(&c.verbose, "verbose", false, "log every request (the same as --log-level debug)")
	fs.StringVar(&c.metricsAllow, "metrics-allow", envOr("GREMIUM_METRICS_ALLOW", "127.0.0.0/8,::1/128"), "client `addresses` (CIDR ranges or addresses, comma-separated; none: no address) that may read /metrics without the token (env GREMIUM_METRICS_ALLOW)")
	fs.StringVar(&c.metricsTokenFile, "metrics-token-file", os.Getenv("GREMIUM_METRICS_TOKEN_FILE"), "`file` holding a token that admits \"Authorization: Bearer TOKEN\" to /metrics from any address (or env GREMIUM_METRICS_TOKEN)")
	fs.IntVar(&c.maxStreams, "max-streams", envInt("GREMIUM_MAX_STREAMS", web.DefaultMaxStreams), "most live streams (viewers of live pages) open at a time on this instance; more are refused with 503 and their pages poll; 0: no limit (env GREMIUM_MAX_STREAMS)")
	fs.IntVar(&c.maxStreamsPerAddr, "max-streams-per-addr", envInt("GREMIUM_MAX_STREAMS_PER_ADDR", web.DefaultMaxStreamsPerAddr), "most live streams of one client address; more are refused with 429 and their pages poll; 0: no limit (env GREMIUM_MAX_STREAMS_PER_ADDR)")
	return c
}

// envInt reads an integer from the environment; an unset or unreadable
// value gives fallback (the flag's check reports nonsense values).
func envInt(key string, fallback int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return n
	}
	return fallback
}

// logger builds the server's logger from the flags.
func (c *opsConfig) logger(stderr io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level %q: expected debug, info, warn or error", c.logLevel)
	}
	if c.verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.logFormat {
	case "text":
		return slog.New(slog.NewTextHandler(stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(stderr, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: expected text or json", c.logFormat)
}

// check validates the settings that need no logger.
func (c *opsConfig) check() error {
	if c.maxStreams < 0 || c.maxStreamsPerAddr < 0 {
		return fmt.Errorf("--max-streams and --max-streams-per-addr must not be negative")
	}
	if _, err := c.allow(); err != nil {
		return err
	}
	if _, err := secret(c.metricsTokenFile, "GREMIUM_METRICS_TOKEN"); err != nil {
		return fmt.Errorf("--metrics-token-file: %w", err)
	}
	return nil
}

// allow parses --metrics-allow.
func (c *opsConfig) allow() ([]netip.Prefix, error) {
	out := []netip.Prefix{}
	if strings.TrimSpace(c.metricsAllow) == "none" {
		return out, nil
	}
	for _, part := range strings.Split(c.metricsAllow, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("--metrics-allow %q: expected addresses or CIDR ranges like 10.0.0.0/8", part)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// apply sets the operations settings on the server.
func (c *opsConfig) apply(srv *web.Server) error {
	if c == nil {
		return nil
	}
	allow, err := c.allow()
	if err != nil {
		return err
	}
	token, err := secret(c.metricsTokenFile, "GREMIUM_METRICS_TOKEN")
	if err != nil {
		return fmt.Errorf("metrics token: %w", err)
	}
	srv.SetMetricsAccess(allow, token)
	srv.SetStreamLimits(c.maxStreams, c.maxStreamsPerAddr)
	return nil
}
