package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRegistrationTextsAreBounded: the registration form took an
// Erläuterung zur Betroffenheit of 200,000 characters and a Quelle of
// 30,000 and stored them. Now each is refused at its field with a German
// reason naming it, the inputs say their bound (maxlength), and the
// item's rules (AgendaItem.Validate) refuse them on every other path.
func TestRegistrationTextsAreBounded(t *testing.T) {
	ts, st := cycleServer(t)
	se, _ := planSession48(t, ts, st)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	_, page := do(t, he, "GET", ts.URL+"/sitzungen/48/anmeldung", nil)
	for field, max := range map[string]int{"quelle": model.SourcesMax, "fachmk_hinweis": model.ImpactNoteMax} {
		if tag := between(page, `id="`+field+`"`, ">"); !strings.Contains(tag, fmt.Sprintf(`maxlength="%d"`, max)) {
			t.Errorf("the input %s does not say its bound %d: %s", field, max, tag)
		}
	}
	items, _ := st.Items(ctx, se.ID)
	code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"E-Akte"}, "ziel": {"Bericht"}, "fachmk": {"keine"},
		"quelle": {strings.Repeat("x", 30000)}, "fachmk_hinweis": {strings.Repeat("y", 200000)}})
	if code != http.StatusUnprocessableEntity {
		t.Errorf("registration: %d", code)
	}
	reasonsAtFields(t, page, `id="anmeldung-fehler"`, map[string]string{
		"quelle":         "Die Quelle ist mit 30.000 Zeichen zu lang; höchstens 1.000 sind möglich.",
		"fachmk_hinweis": "Die Erläuterung zur Betroffenheit ist mit 200.000 Zeichen zu lang; höchstens 2.000 sind möglich.",
	})
	if after, _ := st.Items(ctx, se.ID); len(after) != len(items) {
		t.Errorf("%d items stored, want %d", len(after), len(items))
	}
	// The item's rules, by which the store refuses on every path.
	it := model.AgendaItem{SessionID: 1, Title: "E-Akte", Goal: model.GoalReport, Sources: []string{strings.Repeat("x", 1001)}, Impact: model.Impact{Note: strings.Repeat("y", 2001)}}
	fields := map[string]bool{}
	for _, e := range model.ErrorsOf(it.Validate()) {
		fields[model.FieldOf(e)] = true
	}
	if !fields["quelle"] || !fields["fachmk_hinweis"] {
		t.Errorf("Validate refuses at %v, want quelle and fachmk_hinweis", fields)
	}
}
