// Package inittest measures, for tests, what a package's initialisation
// allocates: the package's test binary is run once more, running no test,
// with GODEBUG=inittrace=1, and the runtime's line for the package is
// read. Bytes allocated are exact where the time an initialiser takes is
// not, so a test can bound them and fail when a table or an expression is
// built at start again instead of at its first use.
package inittest

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// Bytes gives the bytes the initialisation of package pkg (its import
// path, "gremium/internal/relevance") allocated in a fresh run of the
// calling test binary.
func Bytes(t testing.TB, pkg string) int64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", os.Args[0], err, out)
	}
	m := regexp.MustCompile(`(?m)^init ` + regexp.QuoteMeta(pkg) + ` @[^,]*, [^,]*, (\d+) bytes`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no initialisation of %s in\n%s", pkg, out)
	}
	n, err := strconv.ParseInt(string(m[1]), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
