package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestItemFlagsFollowTheMinutes: an item's outcome checkboxes ("☑
// Protokollnotiz", "☑ Follow-Up") tell that a protocol note or a follow-up
// exists, so the public sees them with the minutes rows — once the draft
// is released — on the session page, the minutes page, its PDF and its
// text alike. Before, an ended session showed them to everyone while its
// rows were still withheld.
func TestItemFlagsFollowTheMinutes(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	s47, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	// The 47th session as it stands between its end and the release of
	// the draft minutes.
	if _, err := st.DBForTests().ExecContext(ctx, `UPDATE sessions SET status = 'beendet' WHERE id = ?`, s47.ID); err != nil {
		t.Fatal(err)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	get := func(user, path string) string {
		t.Helper()
		code, body := do(t, client(t, ts, user), "GET", ts.URL+path, nil)
		if code != http.StatusOK {
			t.Fatalf("%s as %q: %d", path, user, code)
		}
		if strings.HasSuffix(path, ".pdf") {
			return flat(pdftest.Text(t, []byte(body)))
		}
		return body
	}
	const flag = "Protokollnotiz"
	for _, path := range []string{"/sitzungen/47", "/sitzungen/47/protokoll", "/sitzungen/47/protokoll.pdf", "/sitzungen/47/protokoll.txt"} {
		if page := get("", path); strings.Contains(page, flag) {
			t.Errorf("public %s before the draft's release shows the item flags", path)
		}
		if page := get("geschaeftsstelle", path); !strings.Contains(page, flag) {
			t.Errorf("internal %s lacks the item flags", path)
		}
	}
	// Released: the public sees them with the rows.
	ended, err := st.Session(ctx, s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetSessionStatus(ctx, s47.ID, ended.Version, model.StatusMinutesDraft); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/sitzungen/47/protokoll", "/sitzungen/47/protokoll.pdf", "/sitzungen/47/protokoll.txt"} {
		if page := get("", path); !strings.Contains(page, flag) {
			t.Errorf("public %s of the released draft lacks the item flags", path)
		}
	}
}
