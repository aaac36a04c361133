package web

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestMinutesRowsWrapAt320: a minutes row holding an address or a word
// longer than a phone's line (a link to a decision's annex, a German
// compound without joints) widened the public session page to 733 px at
// 320: a row is a grid, and a "1fr" column is never narrower than its
// longest word, so the text's overflow-wrap had no effect there. The
// column may shrink now (minmax(0, 1fr)), and the row wraps as the
// minutes page does.
func TestMinutesRowsWrapAt320(t *testing.T) {
	browserTest(t)
	ts, st, _ := lawServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, se.ID)
	if err != nil || len(items) == 0 {
		t.Fatalf("items of the 47th session: %d %v", len(items), err)
	}
	long := []string{
		"Die Anlage steht unter https://www.it-planungsrat.de/fileadmin/beschluesse/2025/Beschluss2025-26_Steuerungsgruppe_NOOTS_Zusammensetzung_Anlage.pdf bereit.",
		"Betroffen ist die Datenschutzgrundverordnungsdurchführungsbestimmungenanpassungsgesetzgebung.",
	}
	if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: items[len(items)-1].ID, Speaker: "HE", Points: long}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL)
	for _, path := range []string{"/sitzungen/47", "/sitzungen/47/protokoll"} {
		b.page(path)
		if !pageShows(t, b, "main", "Datenschutzgrundverordnungs") {
			t.Fatalf("%s does not show the row", path)
		}
		noSidewaysScroll(t, b, "zeilen"+strings.ReplaceAll(path, "/", "-"))
	}
}
