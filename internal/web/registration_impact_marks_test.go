package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRegistrationNotesShowTheirMarks: the registration's page and its
// co-applicant's page printed the note of the FachMK-impact statement
// (GO § 4) and the secretariat's reason of a decline as stored, so a
// confidential passage in it stood there with its raw marks (⟦…⟧),
// though every other text of the page shows it marked. The forms refuse
// marks there now, but a registration stored before (or imported) keeps
// them; both pages show the passage as every other, marked.
func TestRegistrationNotesShowTheirMarks(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	imk, err := st.BodyByAbbrev(ctx, "IMK")
	if err != nil {
		t.Fatal(err)
	}
	he, by := client(t, ts, "hessen"), client(t, ts, "bayern")
	it := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "berichterstattung": {"HE"},
		"fachmk": {"betroffen"}, "fachmk_ids": {strconv.FormatInt(imk.ID, 10)}, "fachmk_hinweis": {"Die IMK ist vorab beteiligt."},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, BY, HH"}})
	it.Impact.Note = "Die IMK ist " + model.Redact("mit Haushaltszahlen") + " vorab beteiligt."
	it.DeclineReason = "Gehört " + model.Redact("nach Rücksprache") + " zuerst in die AL-Runde."
	it.Status = model.ItemDeclined
	if err := st.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	path := ts.URL + "/anmeldungen/" + strconv.FormatInt(it.ID, 10)
	for name, c := range map[string]*http.Client{"Hessen's page": he, "the co-applicant's page": by} {
		code, page := do(t, c, "GET", path, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", name, code)
		}
		page = strings.ReplaceAll(page, "\u00ad", "")
		main := between(page, "<main", "</main>")
		if strings.ContainsAny(main, model.RedactOpen+model.RedactClose) || strings.Contains(main, "[[") {
			t.Errorf("%s shows raw marks: %s", name, main)
		}
		if impact := impactOf(page); !strings.Contains(impact, `(Die IMK ist `+markOpen+`mit Haushaltszahlen`+markClose+` vorab beteiligt.)`) {
			t.Errorf("%s: the impact note reads %q", name, impact)
		}
		if !strings.Contains(main, `Grund der Geschäftsstelle: Gehört `+markOpen+`nach Rücksprache`+markClose+` zuerst in die AL-Runde.`) {
			t.Errorf("%s: the decline's reason reads %s", name, between(main, "Grund der Geschäftsstelle", "</p>"))
		}
	}
	// Mein Bereich's list of the office's registrations gives the reason
	// of a decline too, and printed it raw as well.
	_, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil)
	mine = strings.ReplaceAll(mine, "\u00ad", "")
	if reason := between(mine, "Grund: ", "</li>"); strings.ContainsAny(reason, model.RedactOpen+model.RedactClose) || !strings.Contains(reason, markOpen+`nach Rücksprache`+markClose) {
		t.Errorf("Mein Bereich: the decline's reason reads %q", reason)
	}
}
