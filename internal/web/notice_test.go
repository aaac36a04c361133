package web

import (
	"io/fs"
	"net/http"
	"strings"
	"testing"
)

// TestEveryPageShowsItsNotice: the note a form's redirect leaves for the
// next page (back, setNotice) is taken by whatever page is rendered next,
// so every page must show it. The start page did not: "Sie sind
// abgemeldet." after logging out, or the note that a kept form was not
// taken over, were taken and never shown, as on 21 other pages.
func TestEveryPageShowsItsNotice(t *testing.T) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, _ := fs.ReadFile(templateFS, name)
		if s := string(b); strings.Contains(s, `{{define "content"}}`) && !strings.Contains(s, `{{template "notice" $}}`) && !strings.Contains(s, "$.Note") {
			t.Errorf("%s renders within the layout but does not show the notice", name)
		}
	}
	ts, _ := cycleServer(t)
	c := client(t, ts, "hessen")
	if code, _ := do(t, c, "POST", ts.URL+"/abmelden", nil); code != http.StatusSeeOther {
		t.Fatalf("logout: %d", code)
	}
	if _, page := do(t, c, "GET", ts.URL+"/", nil); !strings.Contains(page, "Sie sind abgemeldet.") {
		t.Errorf("start page after logging out: %s", between(page, "<main", "</main>"))
	}
}
