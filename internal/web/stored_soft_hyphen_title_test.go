package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestManageKeepsAStoredTitleWithSoftHyphens: a title stored before
// soft hyphens were taken out of the input (U+00AD, model.SoftHyphen)
// still carries them; the management page's form posts it back without
// them (softHyphensOut), and the page took that for a changed title: one
// longer than the limit, as imported, was refused ("Der Titel ist länger
// als 300 Zeichen."), so the row's number could not be saved. The same
// title without its soft hyphens is the same title; saving stores it
// without them.
func TestManageKeepsAStoredTitleWithSoftHyphens(t *testing.T) {
	ts, st := cycleServer(t)
	s48, _ := planSession48(t, ts, st)
	ctx := store.WithActor(context.Background(), "test")
	long := strings.TrimSpace(strings.Repeat("Digitalisierungs"+model.SoftHyphen+"vorhaben ", 20)) // 499 characters without the soft hyphens
	id, err := st.CreateItem(ctx, model.AgendaItem{SessionID: s48.ID, Title: long, Position: 9, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	it, _ := st.Item(ctx, id)
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, id), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {"9"}, "titel": {long}})
	if code != http.StatusSeeOther {
		t.Fatalf("saved unchanged with a number: %d %s", code, between(page, `class="error-box"`, "</div>"))
	}
	got, _ := st.Item(ctx, id)
	if got.Number != "9" || got.Title != model.WithoutSoftHyphens(long) {
		t.Errorf("after saving: number %q, title %q", got.Number, got.Title)
	}
}
