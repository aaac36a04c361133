package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// pendingRegistration is the set-up of many tests of the registration's
// way onto the agenda: it plans the 48th IT-PLR session sixty days ahead
// (planSessionOn, with the standard items), registers an item for it from
// the member office's client c through the form with values as the form
// sends them (registerAs), and gives the registration as stored. It fails
// the test unless the registration is the IT-PLR's only pending one and
// stands in session 48. It plans the session, so a test calls it once;
// further registrations go through registerAs.
func pendingRegistration(t *testing.T, ts *httptest.Server, st *store.Store, c *http.Client, values url.Values) model.AgendaItem {
	t.Helper()
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	id := registerAs(t, ts, c, values)
	pending, err := st.PendingRegistrations(context.Background(), se.BodyID)
	if err != nil || len(pending) != 1 || pending[0].ID != id {
		t.Fatalf("pending registrations after registering %d: %+v %v", id, pending, err)
	}
	if it := pending[0]; it.SessionID != se.ID {
		t.Fatalf("registered for session %d, want %d", it.SessionID, se.ID)
	}
	return pending[0]
}

// acceptedRegistration is pendingRegistration with the registration then
// put on the agenda by the secretariat's client gs, as its Verwaltung
// page does (acceptRegistration); gs keeps the acceptance's notice for
// its next page. It gives the item as stored after the acceptance.
func acceptedRegistration(t *testing.T, ts *httptest.Server, st *store.Store, c, gs *http.Client, values url.Values) model.AgendaItem {
	t.Helper()
	id := pendingRegistration(t, ts, st, c, values).ID
	acceptRegistration(t, st, gs, ts.URL, id)
	it, err := st.Item(context.Background(), id)
	if err != nil || it.Status != model.ItemAccepted {
		t.Fatalf("the registration after its acceptance: %s %v", it.Status, err)
	}
	return it
}
