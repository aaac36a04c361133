package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestRegisterCursorReasonNamesTheParameter: a mistyped position in the
// register's address is explained with the parameter the visitor used; a
// wrong ?nach= was answered with the example ?vor=2025-17.
func TestRegisterCursorReasonNamesTheParameter(t *testing.T) {
	ts := demoServer(t)
	for _, name := range []string{"vor", "nach"} {
		res, page := get(t, ts, "/beschluesse?"+name+"=abc")
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("?%s=abc: status %d, want 400", name, res.StatusCode)
		}
		if want := "zum Beispiel ?" + name + "=2025-17."; !strings.Contains(page, want) {
			t.Errorf("?%s=abc: the page does not say %q", name, want)
		}
	}
}
