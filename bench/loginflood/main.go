// Command loginflood measures gremium's resident memory during a flood of
// wrong logins: it builds gremium (or takes --binary), starts
// "gremium serve --demo" on 127.0.0.1 in a temporary data directory, sends
// wrong passwords from --clients parallel clients for --seconds, samples
// the server's VmRSS every 50 ms and prints the peak, VmHWM, and the
// answers by status.
//
// Two floods: "one address" (every attempt from 127.0.0.1: the login
// limiter answers most of them without a password check) and "many
// addresses" (each attempt from another address and user name via
// X-Forwarded-For, which the server trusts with --client-ip-header — the
// worst case, a botnet, where every attempt reaches argon2id and only the
// bound on parallel password checks keeps the memory flat).
//
//	go run ./bench/loginflood [--clients 40] [--seconds 10] [--binary PATH] [--floods one|many|both]
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	clients := flag.Int("clients", 40, "parallel clients")
	seconds := flag.Int("seconds", 10, "length of each flood in seconds")
	binary := flag.String("binary", "", "gremium binary to measure (default: build ./cmd/gremium)")
	floods := flag.String("floods", "both", "which floods: one (one address), many (many addresses) or both")
	flag.Parse()
	if err := run(*clients, time.Duration(*seconds)*time.Second, *binary, *floods); err != nil {
		fmt.Fprintln(os.Stderr, "loginflood:", err)
		os.Exit(1)
	}
}

func run(clients int, d time.Duration, binary, floods string) error {
	tmp, err := os.MkdirTemp("", "gremium-loginflood-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if binary == "" {
		binary = filepath.Join(tmp, "gremium")
		build := exec.Command("go", "build", "-o", binary, "./cmd/gremium")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	for _, many := range []bool{false, true} {
		if floods == "one" && many || floods == "many" && !many {
			continue
		}
		if err := flood(binary, filepath.Join(tmp, fmt.Sprintf("data-%v", many)), clients, d, many); err != nil {
			return err
		}
	}
	return nil
}

// flood runs one server and one flood against it.
func flood(binary, data string, clients int, d time.Duration, manyAddresses bool) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	args := []string{"serve", "--demo", "--data", data, "--addr", addr}
	if manyAddresses {
		args = append(args, "--client-ip-header", "X-Forwarded-For")
	}
	srv := exec.Command(binary, args...)
	srv.Stdout, srv.Stderr = io.Discard, io.Discard
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() {
		srv.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { srv.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			srv.Process.Kill()
			<-done
		}
	}()
	base := "http://" + addr
	if err := waitUp(base); err != nil {
		return err
	}
	// Warm up like a day's use: pages and one right login.
	hc := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range []string{"/", "/sitzungen/47", "/beschluesse", "/fachmk", "/suche?q=Cloud"} {
		if res, err := hc.Get(base + p); err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	}
	post(hc, base, "hessen", "demo-gremium-2025", "")
	time.Sleep(time.Second)
	before, _ := rss(srv.Process.Pid)

	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var peak atomic.Int64
	go func() {
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if v, err := rss(srv.Process.Pid); err == nil && v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	var mu sync.Mutex
	statuses := map[int]int{}
	var seq atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &http.Client{Timeout: 30 * time.Second, CheckRedirect: hc.CheckRedirect}
			for ctx.Err() == nil {
				n := seq.Add(1)
				user, from := "hessen", ""
				if manyAddresses {
					user = fmt.Sprintf("angreifer%d", n)
					from = fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255)
				}
				code := post(c, base, user, "falsch-falsch-falsch", from)
				mu.Lock()
				statuses[code]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	hwm, _ := status(srv.Process.Pid, "VmHWM:")
	after, _ := rss(srv.Process.Pid)
	kind := "one address (127.0.0.1), account hessen"
	if manyAddresses {
		kind = "a new address and user name for every attempt"
	}
	var codes []int
	total := 0
	for c, n := range statuses {
		codes = append(codes, c)
		total += n
	}
	sort.Ints(codes)
	var parts []string
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d: %d", c, statuses[c]))
	}
	fmt.Printf("flood from %s, %d clients for %s\n", kind, clients, elapsed.Round(100*time.Millisecond))
	fmt.Printf("  attempts %d (%.0f/s); answers %s\n", total, float64(total)/elapsed.Seconds(), strings.Join(parts, ", "))
	fmt.Printf("  RSS before %s, peak during the flood %s, after %s; VmHWM %s\n", mib(before), mib(peak.Load()), mib(after), mib(hwm))
	return nil
}

func mib(kb int64) string { return fmt.Sprintf("%.0f MiB", float64(kb)/1024) }

func waitUp(base string) error {
	for i := 0; i < 600; i++ {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("server did not come up")
}

// post sends one login and gives the status (0 for a transport error).
func post(c *http.Client, base, user, password, from string) int {
	req, _ := http.NewRequest("POST", base+"/anmelden", strings.NewReader(url.Values{"benutzer": {user}, "passwort": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if from != "" {
		req.Header.Set("X-Forwarded-For", from)
	}
	res, err := c.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

// rss gives a process's resident set in KiB.
func rss(pid int) (int64, error) { return status(pid, "VmRSS:") }

func status(pid int, field string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("%s not in /proc/%d/status", field, pid)
}
