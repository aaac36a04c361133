package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestEarlierDecisionNumberAndDateRefusedAtTheirFields: the form "Früheren
// Beschluss erfassen" took a date years ahead (B-2031/07-IT of
// 01.03.2031), said of a number recorded already only "Ein Eintrag mit
// dieser Nummer oder diesem Namen existiert bereits." and of a number in
// the register a reason at no field. Each is now said at its field, and
// nothing is stored.
func TestEarlierDecisionNumberAndDateRefusedAtTheirFields(t *testing.T) {
	ts, st, council := earlierDecisionServer(t)
	ctx := context.Background()
	before, err := st.EarlierDecisions(ctx, council.ID)
	if err != nil || len(before) == 0 {
		t.Fatalf("the demo's earlier decisions: %v %v", before, err)
	}
	recorded := before[0]
	inRegister, err := st.DecisionByNumber(ctx, council.ID, model.DecisionNumber{Year: 2025, Seq: 26})
	if err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	const box = `id="fruehere-fehler" tabindex="-1"><p>Der frühere Beschluss ist nicht erfasst:`
	future := model.BerlinDate(st.Now().AddDate(5, 0, 0))
	for _, tc := range []struct {
		name string
		form url.Values
		code int
		want map[string]string
	}{
		{"dated after today", url.Values{"nummer": {"B-" + future.String()[:4] + "/07-IT"}, "datum": {future.German()}}, http.StatusBadRequest,
			map[string]string{"fb-datum": "kann nicht nach heute (" + model.BerlinDate(st.Now()).German() + ") liegen"}},
		{"recorded already", url.Values{"nummer": {recorded.Label}, "datum": {recorded.AdoptedOn.German()}}, http.StatusConflict,
			map[string]string{"fb-nummer": "ist bereits als früherer Beschluss erfasst"}},
		{"in the register", url.Values{"nummer": {inRegister.Label}, "datum": {"01.03.2025"}}, http.StatusConflict,
			map[string]string{"fb-nummer": "hat gremium bereits vergeben"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.form.Set("fachmk", "FMK")
			code, page := do(t, gs, "POST", ts.URL+"/fachmk/fruehere-beschluesse", tc.form)
			if code != tc.code {
				t.Fatalf("%d, want %d", code, tc.code)
			}
			reasonsAtFields(t, page, box, tc.want)
			if strings.Contains(page, "Ein Eintrag mit dieser Nummer oder diesem Namen existiert bereits.") {
				t.Error("the generic duplicate reason is still said")
			}
		})
	}
	if after, err := st.EarlierDecisions(ctx, council.ID); err != nil || len(after) != len(before) {
		t.Errorf("a refused earlier decision was stored: %d before, %d after (%v)", len(before), len(after), err)
	}
}

// earlierDecisionServer is the demo and its council, whose earlier
// decisions the FachMK pages record ("Früheren Beschluss erfassen").
func earlierDecisionServer(t *testing.T) (*httptest.Server, *store.Store, model.Body) {
	t.Helper()
	ts, st := cycleServer(t)
	council, err := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	return ts, st, council
}
