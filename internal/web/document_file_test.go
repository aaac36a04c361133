package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// TestUploadReplacesDamagedDocumentFile: a file under a document's
// SHA-256 name that does not hold those bytes — cut short or left as
// zeros by a power loss during an earlier upload — is written again when
// the same document is uploaded; before, its name alone was trusted and
// the damaged file served for good. The upload leaves no temporary file
// beside the documents.
func TestUploadReplacesDamagedDocumentFile(t *testing.T) {
	dir := t.TempDir()
	ts, st, _ := cycleServerOf(t, func(s *Server) { s.SetDocumentDir(dir) })
	planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	for _, c := range []struct {
		name    string
		content []byte
		damaged func([]byte) []byte
	}{
		{"cut short", []byte("%PDF-1.4\n% Unterlage zur 48. Sitzung\n%%EOF\n"), func(b []byte) []byte { return b[:len(b)/2] }},
		{"zeros", []byte("%PDF-1.4\n% Bericht zur 48. Sitzung\n%%EOF\n"), func(b []byte) []byte { return make([]byte, len(b)) }},
	} {
		sum := sha256.Sum256(c.content)
		path := filepath.Join(dir, hex.EncodeToString(sum[:]))
		if err := os.WriteFile(path, c.damaged(c.content), 0o640); err != nil {
			t.Fatal(err)
		}
		if code, body := upload(t, he, ts.URL+"/sitzungen/48/dokumente", "Unterlage.pdf", c.content); code != http.StatusSeeOther {
			t.Fatalf("%s: upload: %d %.300s", c.name, code, body)
		}
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, c.content) {
			t.Errorf("%s: the file under the document's name holds %q (%v), want %q", c.name, got, err, c.content)
		}
	}
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 2 {
		for _, f := range left {
			t.Logf("in the document directory: %s", f.Name())
		}
		t.Errorf("%d files in the document directory, want the 2 documents", len(left))
	}
}
