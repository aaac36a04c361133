package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestMovedSessionFollowsTheChairRotation: a session planned with its
// chair "aus der Rotation" (Niedersachsen in 2027) and moved into 2028
// kept Niedersachsen, though the rotation gives 2028 to another member:
// the edit form showed the stored chair as chosen by hand and sent it
// back. Now a chair the rotation gives is shown as the rotation, and the
// moved session takes the new year's chair; a chair chosen by hand that
// differs from the rotation stays chosen.
func TestMovedSessionFollowsTheChairRotation(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	c2027, rotation, err := st.ChairOf(ctx, council.ID, 2027)
	if err != nil || !rotation {
		t.Fatalf("rotation 2027: %q %v %v", c2027, rotation, err)
	}
	c2028, _, _ := st.ChairOf(ctx, council.ID, 2028)
	if c2027 == c2028 {
		t.Fatalf("the rotation gives %s both years", c2027)
	}
	planSessionOn(t, st, 49, model.Date{Year: 2027, Month: 9, Day: 16})
	se, _ := st.SessionByNumber(ctx, council.ID, 49)
	if se.Chair != c2027 {
		t.Fatalf("planned chair %q, want the rotation's %q", se.Chair, c2027)
	}
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/49/bearbeiten", nil)
	if sel := between(page, `<select id="vorsitz"`, "</select>"); strings.Contains(sel, " selected") {
		t.Errorf("the rotation's chair is shown as chosen by hand: %s", sel)
	}
	form := postedForm(page, "/sitzungen/49/bearbeiten")
	form.Set("datum", "2028-03-09")
	form.Set("grund", "Terminkollision")
	form.Set("art", "ordentlich")
	form.Set("vorsitz", "") // as the form preselects it
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/49/bearbeiten", form); code != http.StatusOK && code != http.StatusSeeOther {
		t.Fatalf("move: %d %s", code, between(body, "<main", "</form>"))
	}
	if se, _ = st.SessionByNumber(ctx, council.ID, 49); se.Chair != c2028 {
		t.Errorf("moved into 2028 the chair is %q, want the rotation's %q", se.Chair, c2028)
	}
	// Chosen by hand, another than the rotation's: kept on a move.
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/49/bearbeiten", nil)
	form = postedForm(page, "/sitzungen/49/bearbeiten")
	form.Set("vorsitz", "HE")
	form.Set("datum", "2028-03-09")
	form.Set("art", "ordentlich")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/49/bearbeiten", form); code != http.StatusOK && code != http.StatusSeeOther {
		t.Fatalf("chair HE: %d %s", code, between(body, `class="error-box"`, "</div>"))
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/49/bearbeiten", nil)
	if sel := between(page, `<select id="vorsitz"`, "</select>"); !strings.Contains(sel, `value="HE" selected`) {
		t.Errorf("the chair chosen by hand is not shown: %s", sel)
	}
}
