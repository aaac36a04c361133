package web

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestUploadsLeaveNoTemporaryFiles: every upload over the form's memory
// bound — accepted or refused — left its temporary file behind for good
// (net/http removes them only for the request it made; the handlers get
// a copy), so any account that may upload could fill the disk. And the
// AL-Runde's documents over 1 MB were refused as "Formular zu groß":
// their route lacked the upload's bound.
func TestUploadsLeaveNoTemporaryFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ts, _, _ := demoAccountsServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	day := model.BerlinDate(time.Now().AddDate(0, 2, 0))
	if code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", url.Values{"nummer": {"48"}, "datum": {day.German()}, "ort": {"Berlin"},
		"nummer_vorbereitung": {"40"}}); code != http.StatusSeeOther {
		t.Fatalf("planning: %d %s", code, between(page, "<main", "</main>"))
	}
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0123456789abcdef"), 2<<20/16)...) // 2 MB
	for _, c := range []struct {
		path, name string
		want       int
	}{
		{"/sitzungen/48/dokumente", "Unterlage.pdf", http.StatusSeeOther},
		{"/gremien/al-runde/sitzungen/40/dokumente", "Unterlage-AL.pdf", http.StatusSeeOther},
		{"/sitzungen/48/dokumente", "Programm.exe", http.StatusBadRequest},
	} {
		if code, page := uploadTo(t, gs, ts.URL+c.path, map[string]string{"art": "bericht"}, c.name, pdf); code != c.want {
			t.Errorf("%s to %s: %d, want %d %s", c.name, c.path, code, c.want, between(page, "<main", "</main>"))
		}
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range left {
		t.Errorf("left in the temporary directory: %s", f.Name())
	}
}
