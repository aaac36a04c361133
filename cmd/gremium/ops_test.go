package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncWriter is a log sink that the server writes to while the test reads.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestServeJSONLogs: "serve --log-format json --log-level debug" logs one
// JSON object per line, and the line of a request carries the request id
// the answer names; /readyz and /metrics answer on loopback.
func TestServeJSONLogs(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr syncWriter
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--log-format", "json", "--log-level", "debug"}, pw, &stderr)
		pw.Close()
	}()
	br := bufio.NewReader(pr)
	var line string
	for !strings.Contains(line, "http://") {
		var err error
		if line, err = br.ReadString('\n'); err != nil {
			t.Fatalf("server did not start: %v\n%s", err, stderr.String())
		}
	}
	go io.Copy(io.Discard, br)
	base := strings.TrimSuffix(strings.Fields(line[strings.Index(line, "http://"):])[0], "/")
	ids := map[string]string{}
	for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
		res, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", p, res.StatusCode)
		}
		ids[p] = res.Header.Get("X-Request-ID")
	}
	if code, out, errs := runCmd("probe", "--url", base+"/readyz"); code != exitOK {
		t.Errorf("probe of the running server: exit %d (%s%s)", code, out, errs)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exited with %d", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if code, _, _ := runCmd("probe", "--url", base+"/readyz"); code != exitFail {
		t.Errorf("probe of the stopped server: exit %d, want %d", code, exitFail)
	}
	logged := map[string]bool{} // path and request id
	for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("not a JSON log line: %q", l)
		}
		if rec["msg"] == "request" {
			path, _ := rec["path"].(string)
			id, _ := rec["request_id"].(string)
			logged[path+" "+id] = true
		}
	}
	for p, id := range ids {
		if id == "" || !logged[p+" "+id] {
			t.Errorf("%s: no request line with the answer's request id %q", p, id)
		}
	}
}

func TestProbeURL(t *testing.T) {
	for addr, want := range map[string]string{
		"0.0.0.0:8080":   "http://127.0.0.1:8080/readyz",
		":9000":          "http://127.0.0.1:9000/readyz",
		"[::]:8080":      "http://127.0.0.1:8080/readyz",
		"10.0.0.5:8080":  "http://10.0.0.5:8080/readyz",
		"127.0.0.1:8080": "http://127.0.0.1:8080/readyz",
	} {
		if got := probeURL(addr); got != want {
			t.Errorf("probeURL(%q) = %q, want %q", addr, got, want)
		}
	}
}

// TestServeOpsFlags: wrong operations settings stop the start with a usage
// error.
func TestServeOpsFlags(t *testing.T) {
	dir := t.TempDir()
	for _, bad := range [][]string{
		{"--log-format", "xml"},
		{"--log-level", "laut"},
		{"--metrics-allow", "intern"},
		{"--metrics-token-file", filepath.Join(dir, "fehlt")},
		{"--max-streams", "-1"},
		{"--max-streams-per-addr", "viele"},
	} {
		if code, _, errs := runCmd(append([]string{"serve", "--data", dir}, bad...)...); code != exitUsage {
			t.Errorf("serve %v: exit %d (%s)", bad, code, errs)
		}
	}
}

// TestConfigurationDocumented: every flag of every command and every
// environment variable the binary reads is in docs/configuration.md.
func TestConfigurationDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	flags, envs := configNames(t)
	if len(flags) < 20 || len(envs) < 20 {
		t.Fatalf("found only %d flags and %d environment variables in the source", len(flags), len(envs))
	}
	for _, f := range flags {
		if !bytes.Contains(doc, []byte("`--"+f+"`")) {
			t.Errorf("flag --%s is not in docs/configuration.md", f)
		}
	}
	for _, e := range envs {
		if !bytes.Contains(doc, []byte("`"+e+"`")) {
			t.Errorf("environment variable %s is not in docs/configuration.md", e)
		}
	}
}

// configNames lists the flag names defined in the command's source (calls
// like fs.String("name", …) and fs.StringVar(&v, "name", …)) and the
// GREMIUM_ environment variables named in it.
func configNames(t *testing.T) (flags, envs []string) {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seenF, seenE := map[string]bool{}, map[string]bool{}
	envRe := regexp.MustCompile(`^GREMIUM_[A-Z0-9_]+$`)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if v, err := strconv.Unquote(lit.Value); err == nil && envRe.MatchString(v) {
					seenE[v] = true
				}
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			arg := -1
			switch sel.Sel.Name {
			case "String", "Bool", "Int", "Int64", "Duration", "Uint", "Float64", "Func":
				arg = 0
			case "StringVar", "BoolVar", "IntVar", "Int64Var", "DurationVar", "UintVar", "Float64Var", "TextVar", "Var":
				arg = 1
			}
			if arg < 0 || len(call.Args) <= arg {
				return true
			}
			if lit, ok := call.Args[arg].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if v, err := strconv.Unquote(lit.Value); err == nil && regexp.MustCompile(`^[a-z][a-z0-9-]*$`).MatchString(v) {
					seenF[v] = true
				}
			}
			return true
		})
	}
	for f := range seenF {
		flags = append(flags, f)
	}
	for e := range seenE {
		envs = append(envs, e)
	}
	sort.Strings(flags)
	sort.Strings(envs)
	return flags, envs
}
