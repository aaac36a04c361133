package web

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStaleUploadFilesRemovedAtStart: an upload is written to a
// temporary file and renamed (writeDocumentFile); a crash between the
// two left the temporary file, full size, for good. Setting the
// document folder at start removes those older than an hour, and
// nothing else: not a document, not an upload in flight.
func TestStaleUploadFilesRemovedAtStart(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-age)
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := write(".2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae-123.tmp", 2*time.Hour)
	inFlight := write(".fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9-456.tmp", time.Minute)
	document := write("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", 48*time.Hour)
	other := write("notiz.tmp", 48*time.Hour)
	(&Server{}).SetDocumentDir(dir)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale upload file is still there: %v", err)
	}
	for _, p := range []string{inFlight, document, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}
