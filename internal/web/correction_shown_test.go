package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// correctionApprovalForm gives the approval form of correction id as the
// Verwaltung page (a URL, or its text as page when manage is "") shows it
// to c: the fields a browser sends with its button.
func correctionApprovalForm(t *testing.T, c *http.Client, manage, page string, id int64) url.Values {
	t.Helper()
	if manage != "" {
		var code int
		if code, page = do(t, c, "GET", manage, nil); code != http.StatusOK {
			t.Fatalf("GET %s: %d", manage, code)
		}
	}
	return browserForm(t, page, fmt.Sprintf("/protokollberichtigungen/%d/genehmigen", id))
}

// TestCorrectionApprovalApprovesTheStateShown: the approval of a
// correction (Berichtigung) read the stamp of the corrected minutes when
// "Berichtigung genehmigen" was pressed, not when the Verwaltung page was
// shown, so a change of those minutes in between — here another
// correction approved in another window — went into the version kept,
// approved unseen. Now the form carries the stamp of the state shown: the
// change refuses the approval with a conflict at its button, nothing is
// stored, the page shows the current state with its stamp and a link to
// the minutes, and that form approves. A form without the stamp approves
// nothing.
func TestCorrectionApprovalApprovesTheStateShown(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s47, c := approved47(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	var other model.Contribution
	items, _ := st.Items(ctx, s47.ID)
	for _, it := range items {
		cs, _ := st.Contributions(ctx, it.ID)
		for _, x := range cs {
			if x.ID != c.ID && !x.Confidential && other.ID == 0 {
				other = x
			}
		}
	}
	if other.ID == 0 {
		t.Fatal("no second contribution in the 47th session's minutes")
	}
	first, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: c.ID, After: "Erste Berichtigung, in einem anderen Fenster genehmigt.", Reason: "Wiedergabe ungenau"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: other.ID, After: "Zweite Berichtigung.", Reason: "Tippfehler"})
	if err != nil {
		t.Fatal(err)
	}
	manage := ts.URL + "/sitzungen/48/verwaltung"
	shown := correctionApprovalForm(t, gs, manage, "", second)
	if shown.Get("stand") == "" {
		t.Error("the correction's approval form carries no stamp")
	}

	// Meanwhile the first correction is approved: the minutes change.
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/protokollberichtigungen/%d/genehmigen", ts.URL, first), correctionApprovalForm(t, gs, manage, "", first)); code != http.StatusSeeOther {
		t.Fatalf("approval of the first correction: %d %s", code, between(body, "<main", "</main>"))
	}
	versions, _ := st.MinutesVersions(ctx, s47.ID)

	code, page := do(t, gs, "POST", fmt.Sprintf("%s/protokollberichtigungen/%d/genehmigen", ts.URL, second), shown)
	box := between(page, fmt.Sprintf(`id="berichtigung-%d-fehler"`, second), "</div>")
	if code != http.StatusConflict || !strings.Contains(box, "Das Protokoll der 47. Sitzung wurde inzwischen geändert") ||
		!strings.Contains(box, "die Berichtigung ist nicht genehmigt") || !strings.Contains(box, `href="/sitzungen/47">Protokoll der 47. Sitzung ansehen</a>`) {
		t.Fatalf("approval of a correction whose minutes changed after the page was shown: %d %s", code, between(page, `id="h-berichtigungen-gen"`, "</section>"))
	}
	if got, _ := st.MinutesCorrection(ctx, second); got.Status != model.CorrectionProposed {
		t.Errorf("the refused correction is %q", got.Status)
	}
	if now, _ := st.MinutesVersions(ctx, s47.ID); len(now) != len(versions) {
		t.Errorf("the refusal kept a version: %d, before %d", len(now), len(versions))
	}
	again := correctionApprovalForm(t, gs, "", page, second)
	if again.Get("stand") == "" || again.Get("stand") == shown.Get("stand") {
		t.Fatalf("the page shown again carries the stamp %q (before: %q)", again.Get("stand"), shown.Get("stand"))
	}

	// A form without the stamp (a page from before) approves nothing.
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/protokollberichtigungen/%d/genehmigen", ts.URL, second), url.Values{"sitzung": {"48"}}); code != http.StatusConflict ||
		!strings.Contains(between(page, fmt.Sprintf(`id="berichtigung-%d-fehler"`, second), "</div>"), "nennt nicht den Stand") {
		t.Errorf("approval without the stamp: %d %s", code, between(page, `id="h-berichtigungen-gen"`, "</section>"))
	}
	if got, _ := st.MinutesCorrection(ctx, second); got.Status != model.CorrectionProposed {
		t.Errorf("the correction approved without a stamp is %q", got.Status)
	}

	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/protokollberichtigungen/%d/genehmigen", ts.URL, second), again); code != http.StatusSeeOther {
		t.Fatalf("approval of the state shown again: %d %s", code, between(body, "<main", "</main>"))
	}
	now, _ := st.MinutesVersions(ctx, s47.ID)
	if len(now) != len(versions)+1 || !strings.Contains(now[len(now)-1].Text, "Erste Berichtigung") || !strings.Contains(now[len(now)-1].Text, "Zweite Berichtigung.") {
		t.Errorf("the version kept lacks a correction: %d versions", len(now))
	}
}

// TestCorrectionsToApproveCarryTheirStamps: each correction offered on
// the Verwaltung page carries the stamp of the minutes it corrects as
// they were when the list was read.
func TestCorrectionsToApproveCarryTheirStamps(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s47, c := approved47(t, ts, st)
	id, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: c.ID, After: "Berichtigt.", Reason: "Wiedergabe ungenau"})
	if err != nil {
		t.Fatal(err)
	}
	form := correctionApprovalForm(t, client(t, ts, "geschaeftsstelle"), ts.URL+"/sitzungen/48/verwaltung", "", id)
	if got, want := store.MinutesStamp(form.Get("stand")), minutesStamp(t, st, s47.ID); got != want {
		t.Errorf("the form carries the stamp %q, the minutes have %q", got, want)
	}
}
