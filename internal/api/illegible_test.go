package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/api"
)

// TestIllegibleMarkerGerman: a part the source marks "[illegible]" was
// German on the pages and in the PDF, but the session JSON gave the
// source's English marker as the row's text. Every open interface now
// says "[unleserlich]" — the JSON with the explanation in "hinweis" — and
// no OParl object carries the English marker.
func TestIllegibleMarkerGerman(t *testing.T) {
	c, _, _ := oparlServer(t)
	res, err := http.Get(c.ts.URL + "/api/v1/sitzungen/47")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if strings.Contains(string(body), "illegible") {
		t.Errorf("the session JSON shows the English marker")
	}
	var s api.Session
	if err := json.Unmarshal(body, &s); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, it := range s.Items {
		for _, r := range it.Minutes {
			if r.Remark != "unleserlich" {
				continue
			}
			n++
			if r.Text != "[unleserlich]" || r.Note != "An dieser Stelle ist das Quelldokument nicht lesbar." {
				t.Errorf("illegible row: %+v", r)
			}
		}
	}
	if n == 0 {
		t.Fatalf("no illegible row in the session JSON: %s", body)
	}
	for id, o := range c.walk(50) {
		raw, _ := json.Marshal(o)
		if strings.Contains(string(raw), "illegible") {
			t.Errorf("%s shows the English marker: %s", id, raw)
		}
	}
}
