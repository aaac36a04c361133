package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"testing"

	"gremium/internal/store"
)

// oparlPathOf gives the path of the OParl object in the body's list named
// list ("meeting", "agendaItem", "paper", …) whose web link ends in web:
// its public id looked up, never taken for its row's id (a new object
// takes the next id of its kind, store allocate).
func oparlPathOf(t *testing.T, ts *httptest.Server, st *store.Store, list, web string) string {
	t.Helper()
	body, err := st.OParlBodyID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	id, _ := oparlObjectWithWeb(t, ts.URL, fmt.Sprintf("/oparl/v1/body/%d/%s", body, list), web)["id"].(string)
	u, err := url.Parse(id)
	if err != nil || u.Path == "" {
		t.Fatalf("the %s with web %s has the id %q", list, web, id)
	}
	return u.Path
}
