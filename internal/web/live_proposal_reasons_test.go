package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"gremium/internal/model"
)

// TestLiveProposalGivesTheRulesReasonsAtOnce: the live page's proposal
// forms gave the proposal's own rules (model.Decision.Validate: „Zustimmung
// aller“ only for a Beschluss) only once the fields' reasons were mended:
// an Empfehlung ticked „Zustimmung aller“ and applied for by one Land said
// the application first and the tick on the next submit, and the tick was
// marked at no field. The new proposal's form and an open proposal's form
// (without JavaScript) now give both at once, each at its field — as the
// written procedure's start form does (TestProcedureStartGivesEveryReasonAtOnce).
func TestLiveProposalGivesTheRulesReasonsAtOnce(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, item, draft := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	const tick = "„Zustimmung aller Mitglieder erforderlich“ gibt es nur für einen Beschluss"
	const applicants = "nötig ist der Antrag des Bundes oder dreier Länder"

	t.Run("new proposal", func(t *testing.T) {
		form := url.Values{"art": {"empfehlung"}, "alle": {"1"}, "antrag": {"HE"}, "punkte": {"Der IT-Planungsrat empfiehlt die Rahmenarchitektur."}}
		code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beschluesse", ts.URL, item), form)
		if code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
			t.Fatalf("%d", code)
		}
		reasonsAtFields(t, page, `id="eintrag-abgelehnt"`, map[string]string{"neu-alle": tick, "neu-antrag": applicants})
	})

	t.Run("open proposal", func(t *testing.T) {
		d, err := st.Decision(context.Background(), draft)
		if err != nil {
			t.Fatal(err)
		}
		form := url.Values{"version": {fmt.Sprint(d.Version)}, "titel": {d.Title}, "punkte": {"Der IT-Planungsrat empfiehlt die Rahmenarchitektur."},
			"art": {"empfehlung"}, "alle_feld": {"1"}, "alle": {"1"}, "antrag": {"HE"}}
		code, page := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d", ts.URL, draft), form)
		if code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
			t.Fatalf("%d", code)
		}
		reasonsAtFields(t, page, `id="eintrag-abgelehnt"`, map[string]string{fmt.Sprintf("bz-%d", draft): tick, fmt.Sprintf("bn-%d", draft): applicants})
		if got, _ := st.Decision(context.Background(), draft); got.Version != d.Version || got.Kind != model.KindDecision {
			t.Errorf("the refused change was stored: %+v", got)
		}
	})
}
