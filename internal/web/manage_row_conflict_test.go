package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestManageRowConflictIs409: a row of the management page saved from a
// page older than the row (another window saved it meanwhile) was
// refused with 422, the status of a rule, although docs/architecture.md
// answers a stale edit with 409 as every other form does; the row comes
// back as typed, and the row keeps what the other window saved.
func TestManageRowConflictIs409(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	item := acceptedRegistration(t, ts, st, client(t, ts, "hessen"), gs, url.Values{"titel": {"Hessischer Bericht"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	post := func(title string) (int, string) {
		return do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, item.ID), url.Values{"version": {fmt.Sprint(item.Version)}, "nummer": {"7"}, "titel": {title}})
	}
	if code, _ := post("Hessischer Bericht zur Registermodernisierung"); code != http.StatusSeeOther {
		t.Fatalf("first save: %d", code)
	}
	code, page := post("Hessischer Bericht, zweites Fenster")
	if code != http.StatusConflict {
		t.Errorf("a stale row: %d, want 409", code)
	}
	if !strings.Contains(page, `value="Hessischer Bericht, zweites Fenster"`) {
		t.Errorf("the stale row's typed title is not shown: %d %s", item.ID, between(page, fmt.Sprintf(`id="top-%d"`, item.ID), `name="titel"`))
	}
	if got, _ := st.Item(context.Background(), item.ID); got.Title != "Hessischer Bericht zur Registermodernisierung" {
		t.Errorf("the row now reads %q", got.Title)
	}
}
