// Package pdftest gives tests the text of a PDF, extracted with poppler's
// pdftotext (Debian package poppler-utils). Without the program the test
// is skipped with a message, except in CI (CI=true), where it fails: CI
// must never pass by skipping.
package pdftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
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

// Words gives the text of pdf as Text does with every run of spaces and
// line breaks made one space: a sentence broken over lines or columns
// reads as one, for a test that looks for it.
func Words(t testing.TB, pdf []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(Text(t, pdf)), " ")
}

// Pages gives the text of each page of pdf in reading layout, as Text
// gives the whole (pdftotext separates the pages by form feeds).
func Pages(t testing.TB, pdf []byte) []string {
	t.Helper()
	pages := strings.Split(Text(t, pdf), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1] // pdftotext ends the last page with a form feed too
	}
	return pages
}

// footerRe matches a page footer's page number ("Seite 2 von 5").
var footerRe = regexp.MustCompile(`Seite \d+ von \d+`)

// LastLine gives the last line of a page's text above its footer: the
// last non-blank line, after dropping the lines from the last one with the
// page number ("Seite N von M") on, trimmed of spaces. A heading that
// stands alone at the foot of a page is the last line of that page.
func LastLine(page string) string {
	lines := strings.Split(page, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if footerRe.MatchString(lines[i]) {
			lines = lines[:i]
			break
		}
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			return l
		}
	}
	return ""
}
