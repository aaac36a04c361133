package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// runProbe checks a running server: "gremium probe" exits 0 when
// GET /readyz answers 200 within 5 seconds, 1 otherwise. It is the health
// check of the container image, which has no shell or curl.
func runProbe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("probe", "probe [--url URL]", stdout, stderr)
	url := fs.String("url", "", "`URL` to check (default: /readyz at the address of GREMIUM_ADDR, on 127.0.0.1 when it listens on all addresses)")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if *url == "" {
		*url = probeURL(envOr("GREMIUM_ADDR", "127.0.0.1:8080"))
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		fmt.Fprintln(stderr, "gremium probe:", err)
		return exitUsage
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(stderr, "gremium probe:", err)
		return exitFail
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "gremium probe: %s: %s\n", *url, res.Status)
		return exitFail
	}
	fmt.Fprintf(stdout, "%s: ok\n", *url)
	return exitOK
}

// probeURL gives the readiness URL of a listen address.
func probeURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr + "/readyz"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz"
}
