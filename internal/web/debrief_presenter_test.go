package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestPresentingMemberReadsItsDebrief: the member office that presents a
// decision in the debrief (seed 003, 2.2: each relevant decision is
// presented by the submitting member) reads the debrief of its own item,
// read-only: while the secretariat has not saved it, the decisions it is
// proposed to present; once saved, the date, the place and its own
// entries — not the others' entries, the invitation's text nor the FachMK
// secretariats' contacts — and the PDF of the same. A member office that
// presents nothing in it is refused as before, and so is every change.
// Before, the page answered 403 to every member office, the presenting
// one too.
func TestPresentingMemberReadsItsDebrief(t *testing.T) {
	ts, st := debriefServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs) // B-2025/27-IT for the FMK (BE: HE), B-2025/26-IT for the WMK (BE: HH)
	page47 := ts.URL + "/sitzungen/47/nachbesprechung"
	hessen := client(t, ts, "hessen")
	code, page := do(t, hessen, "GET", page47, nil)
	main := between(page, "<main", "</main>")
	if code != http.StatusOK || !strings.Contains(main, "B-2025/27-IT") || strings.Contains(main, "B-2025/26-IT") || !strings.Contains(main, "noch nicht zusammengestellt") {
		t.Fatalf("Hessen, proposed to present B-2025/27-IT, before the debrief is saved: %d\n%s", code, main)
	}
	if code, _ := do(t, client(t, ts, "bayern"), "GET", page47, nil); code != http.StatusForbidden {
		t.Errorf("Bayern, presenting nothing, reads the debrief: %d", code)
	}

	sentDebriefOf47(t, st) // B-2025/27-IT for the FMK, presented by HE
	code, page = do(t, hessen, "GET", page47, nil)
	main = between(page, "<main", "</main>")
	for _, want := range []string{"B-2025/27-IT", "Videokonferenz", "10.07.2025", "Finanzministerkonferenz"} {
		if code != http.StatusOK || !strings.Contains(main, want) {
			t.Errorf("Hessen's page of the sent debrief (%d) lacks %q:\n%s", code, want, main)
		}
	}
	for _, not := range []string{"B-2025/26-IT", "Einladung zur Nachbesprechung.", "gs@fmk.example", `method="post"`} {
		if strings.Contains(main, not) {
			t.Errorf("Hessen's page of the debrief shows %q:\n%s", not, main)
		}
	}
	if code, _ := do(t, hessen, "GET", page47+".pdf", nil); code != http.StatusOK {
		t.Errorf("Hessen's PDF of the debrief: %d", code)
	}
	for _, who := range []string{"hamburg", "bayern"} {
		if code, _ := do(t, client(t, ts, who), "GET", page47, nil); code != http.StatusForbidden {
			t.Errorf("%s, presenting nothing in the saved debrief, reads it: %d", who, code)
		}
	}
	if code, _ := do(t, hessen, "POST", page47+"/entfaellt", nil); code != http.StatusForbidden {
		t.Errorf("Hessen notes the debrief as not needed: %d", code)
	}
}
