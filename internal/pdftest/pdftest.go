// Package pdftest gives tests the text of a PDF, extracted with poppler's
// pdftotext (Debian package poppler-utils). Without the program the test
// is skipped with a message, except in CI (CI=true), where it fails: CI
// must never pass by skipping.
package pdftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Text gives the text of pdf in reading layout.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (Debian package poppler-utils) is needed in CI")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils); skipping PDF text checks")
	}
	path := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
