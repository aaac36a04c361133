package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		out  string // expected in stdout or stderr
	}{
		{nil, exitUsage, "Usage:"},
		{[]string{"--help"}, exitOK, "Commands:"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"serve", "--help"}, exitOK, "--demo"},
		{[]string{"serve", "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"migrate", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"version"}, exitOK, "gremium "},
		{[]string{"migrate", "--data", dir}, exitOK, "schema version 1"},
		{[]string{"demo", "--data", dir}, exitOK, "demo data loaded"},
		{[]string{"demo", "--data", dir}, exitOK, "existing records were kept"},
		{[]string{"migrate", "--data", "/proc/gremium-cannot-write-here"}, exitFail, "gremium migrate:"},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.out) {
			t.Errorf("gremium %v = %d, want %d with %q\nstdout: %s\nstderr: %s", tt.args, code, tt.code, tt.out, out, errs)
		}
	}
}

func TestDataFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GREMIUM_DATA", dir)
	if code, out, errs := runCmd("migrate"); code != exitOK || !strings.Contains(out, dir) {
		t.Fatalf("migrate with GREMIUM_DATA: %d %s %s", code, out, errs)
	}
}

// serveOnce starts "gremium serve" on a free port, fetches path, then stops
// the server through its context and waits for a clean exit.
func serveOnce(t *testing.T, dir, path string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", dir}, extra...)
		done <- run(ctx, args, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("server did not start: %v", err)
	}
	go io.Copy(io.Discard, pr)
	i := strings.Index(line, "http://")
	url := strings.Fields(line[i:])[0]
	res, err := http.Get(strings.TrimSuffix(url, "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exited with %d", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	return string(body)
}

func TestServeDemoAndRestart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new-data-dir")
	first := serveOnce(t, dir, "/sitzungen/47", "--demo")
	if !strings.Contains(first, "Steuerungsgruppe NOOTS") || !strings.Contains(first, "B-2025/26-IT") {
		t.Fatalf("first run does not serve session 47:\n%.500s", first)
	}
	// The second run reads what the first wrote, without --demo.
	second := serveOnce(t, dir, "/beschluesse/B-2025/26-IT")
	if !strings.Contains(second, "Steuerungsgruppe NOOTS") {
		t.Fatalf("restart lost the data:\n%.500s", second)
	}
}
