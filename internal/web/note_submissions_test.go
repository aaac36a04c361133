package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// noteWorld gives the 47th session (draft minutes: submissions open) and
// its first item on the agenda.
func noteWorld(t *testing.T, st *store.Store) (model.Session, model.AgendaItem) {
	t.Helper()
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, se.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.OnAgenda() && !it.Deferred() {
			return se, it
		}
	}
	t.Fatal("no item on the agenda of the 47th session")
	return se, model.AgendaItem{}
}

// TestNoteSubmissionFromSessionPage: Hessen submits a Protokollnotiz from
// the session page and sees it waiting; nobody else but the
// Geschäftsstelle sees it — not Bayern, not the public, not the minutes;
// the Geschäftsstelle refuses one with a reason Hessen reads, and takes
// the DLT's over as a PN row of the item; the member's submission never
// reaches the Geschäftsstelle's own form (403 as before).
func TestNoteSubmissionFromSessionPage(t *testing.T) {
	ts, st := cycleServer(t)
	se, it := noteWorld(t, st)
	he, by, gs, dlt, public := client(t, ts, "hessen"), client(t, ts, "bayern"), client(t, ts, "geschaeftsstelle"), client(t, ts, "dlt"), client(t, ts, "")
	page := ts.URL + se.Path()
	const text = "Hessen behält sich eine Prüfung der Finanzierung vor (Einreichungstext)."

	if _, body := do(t, he, "GET", page, nil); !strings.Contains(body, `action="`+se.Path()+`/protokollnotizen"`) {
		t.Fatalf("Hessen's session page offers no form to submit a Protokollnotiz")
	}
	if _, body := do(t, by, "GET", page, nil); !strings.Contains(body, "Protokollnotiz einreichen") {
		t.Errorf("Bayern's session page offers no form either")
	}
	if _, body := do(t, gs, "GET", page, nil); strings.Contains(body, "Protokollnotiz einreichen") {
		t.Errorf("the Geschäftsstelle is offered the members' form; it records notes itself")
	}
	// The Geschäftsstelle's own form stays closed to a member.
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/tops/%d/notizen", ts.URL, it.ID), url.Values{"autor": {"Hessen"}, "text": {"x"}}); code != http.StatusForbidden {
		t.Errorf("a member's POST to the live page's form: %d, want 403", code)
	}

	// Refused: unbalanced marks, shown again as typed.
	code, body := do(t, he, "POST", page+"/protokollnotizen", url.Values{"top": {fmt.Sprint(it.ID)}, "text": {"Hessen [[stimmt zu."}})
	if code != http.StatusBadRequest || !strings.Contains(body, "Die Protokollnotiz ist nicht eingereicht") || !strings.Contains(body, "Hessen [[stimmt zu.</textarea>") {
		t.Errorf("unbalanced marks: %d %s", code, between(body, "<main", "</main>"))
	}
	if code, _ := do(t, he, "POST", page+"/protokollnotizen", url.Values{"top": {fmt.Sprint(it.ID)}, "text": {text}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	if _, body := do(t, he, "GET", page, nil); !strings.Contains(body, "Einreichungstext") || !strings.Contains(body, "<strong>wartet auf die Geschäftsstelle</strong>") {
		t.Errorf("Hessen does not see its submission waiting")
	}
	for who, c := range map[string]*http.Client{"Bayern": by, "the public": public} {
		for _, p := range []string{page, page + "/protokoll", page + "/protokoll.txt"} {
			if _, body := do(t, c, "GET", ts.URL+strings.TrimPrefix(p, ts.URL), nil); strings.Contains(body, "Einreichungstext") {
				t.Errorf("%s reads the waiting submission on %s", who, p)
			}
		}
	}
	if _, body := do(t, gs, "GET", page+"/protokoll", nil); strings.Contains(body, "Einreichungstext") {
		t.Errorf("a waiting submission is in the internal minutes")
	}

	waiting, err := st.NoteSubmissionsOf(context.Background(), se.ID, "HE")
	if err != nil || len(waiting) != 1 {
		t.Fatalf("Hessen's submissions: %v %+v", err, waiting)
	}
	sub := waiting[0]
	subURL := fmt.Sprintf("%s/eingereichte-protokollnotizen/%d", ts.URL, sub.ID)
	// Bayern learns nothing of it; Hessen takes nothing over.
	if code, _ := do(t, by, "POST", subURL+"/zurueckziehen", url.Values{"version": {"1"}}); code != http.StatusNotFound {
		t.Errorf("Bayern withdraws Hessen's submission: %d, want 404", code)
	}
	if code, _ := do(t, he, "POST", subURL+"/uebernehmen", url.Values{"version": {"1"}}); code != http.StatusForbidden {
		t.Errorf("Hessen takes its own over: %d, want 403", code)
	}

	live := fmt.Sprintf("%s%s/live?top=%d", ts.URL, se.Path(), it.ID)
	if _, body := do(t, gs, "GET", live, nil); !strings.Contains(body, "Eingereichte Protokollnotiz (Hessen, ") || !strings.Contains(body, "Einreichungstext") {
		t.Errorf("the live page does not list the submission: %s", between(body, "<main", "</main>"))
	}
	// Refused without a reason: the live page again, the reason at the field.
	if code, body := do(t, gs, "POST", subURL+"/ablehnen", url.Values{"version": {"1"}, "grund": {" "}}); code != http.StatusBadRequest || !strings.Contains(body, "Grund für die Ablehnung") {
		t.Errorf("refusal without a reason: %d", code)
	}
	const reason = "Zu diesem TOP wurde nichts beschlossen."
	if code, _ := do(t, gs, "POST", subURL+"/ablehnen", url.Values{"version": {"1"}, "grund": {reason}}); code != http.StatusSeeOther {
		t.Errorf("refusal: %d", code)
	}
	if _, body := do(t, he, "GET", page, nil); !strings.Contains(body, "abgelehnt: "+reason) {
		t.Errorf("Hessen does not read the reason")
	}
	if _, body := do(t, by, "GET", page, nil); strings.Contains(body, reason) {
		t.Errorf("Bayern reads the reason for Hessen")
	}
	// Stale: the refused one cannot be taken over.
	if code, body := do(t, gs, "POST", subURL+"/uebernehmen", url.Values{"version": {"1"}}); code != http.StatusConflict || !strings.Contains(body, "wartet nicht mehr") {
		t.Errorf("taking over a refused one: %d", code)
	}

	// The DLT's is taken over: a PN row of the item, the DLT its author.
	if code, _ := do(t, dlt, "POST", page+"/protokollnotizen", url.Values{"top": {fmt.Sprint(it.ID)}, "text": {"Der DLT bittet um Beteiligung der Kreise (DLT-Notiz)."}}); code != http.StatusSeeOther {
		t.Fatalf("DLT submits: %d", code)
	}
	mine, _ := st.NoteSubmissionsOf(context.Background(), se.ID, "DLT")
	if len(mine) != 1 {
		t.Fatalf("DLT's submissions: %+v", mine)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/eingereichte-protokollnotizen/%d/uebernehmen", ts.URL, mine[0].ID), url.Values{"version": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("take over: %d", code)
	}
	notes, _ := st.ProtocolNotes(context.Background(), it.ID)
	if n := notes[len(notes)-1]; n.Author != mine[0].MemberName || !strings.Contains(n.Text, "DLT-Notiz") {
		t.Errorf("the item's last note: %+v", n)
	}
	if _, body := do(t, dlt, "GET", page, nil); !strings.Contains(body, "<strong>übernommen</strong>") {
		t.Errorf("the DLT does not see its note taken over")
	}
	if _, body := do(t, public, "GET", page+"/protokoll", nil); !strings.Contains(body, "DLT-Notiz") {
		t.Errorf("the note taken over is not in the public draft minutes")
	}
}
