package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestTaskChecklists: the matrix gives each FachMK a checklist (one-off,
// per session, yearly); the spokesperson checks a task off with its
// evidence, the overview counts done and open; only the conference's
// spokespersons and the secretariat keep it; the matrix is editable.
func TestTaskChecklists(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 1, 0)))
	tasks, _ := st.Tasks(ctx)
	if len(tasks) != 9 || tasks[0].Recurrence != model.RecurOnce || tasks[2].Recurrence != model.RecurSession || tasks[3].Recurrence != model.RecurYear {
		t.Fatalf("demo matrix: %+v", tasks)
	}
	hb := client(t, ts, "sprecher-hb")
	_, page := do(t, hb, "GET", ts.URL+"/fachmk/FMK/aufgaben", nil)
	if !strings.Contains(page, "0 erledigt, 9 offen") || !strings.Contains(page, "je IT-PLR-Sitzung: 48. Sitzung") || !strings.Contains(page, fmt.Sprintf("jährlich: %d", model.BerlinDate(time.Now()).Year)) {
		t.Fatalf("checklist overview")
	}
	present := tasks[2] // presenting decisions at the conference, per session
	form := url.Values{"aufgabe": {fmt.Sprint(present.ID)}, "zeitraum": {"48"}, "erledigt": {"ja"}, "datum": {"2026-05-20"},
		"notiz": {"Vorgestellt in der Frühjahrskonferenz"}, "dokument": {"Vortragsfolien FMK Mai"}, "version": {"0"}}
	if code, body := do(t, hb, "POST", ts.URL+"/fachmk/FMK/aufgaben", form); code != http.StatusSeeOther {
		t.Fatalf("check off: %d %s", code, body)
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/fachmk/FMK/aufgaben", form); code != http.StatusConflict {
		t.Errorf("a second save on the old version: %d", code)
	}
	_, page = do(t, hb, "GET", ts.URL+"/fachmk/FMK/aufgaben", nil)
	if !strings.Contains(page, "1 erledigt, 8 offen") || !strings.Contains(page, "Nachweis: Vortragsfolien FMK Mai") {
		t.Error("the overview does not show the done task with its evidence")
	}
	bad := url.Values{"aufgabe": {fmt.Sprint(present.ID)}, "zeitraum": {"48"}, "erledigt": {"ja"}, "version": {"1"}}
	if code, _ := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/fachmk/FMK/aufgaben", bad); code != http.StatusBadRequest {
		t.Errorf("done without a date: %d", code)
	}
	// A date the browser's field did not catch: the checklist comes back
	// with the task's form as typed and the reason (before: an error page
	// that lost note and document).
	typo := url.Values{"aufgabe": {fmt.Sprint(present.ID)}, "zeitraum": {"48"}, "erledigt": {"ja"}, "datum": {"2026-13-45"},
		"notiz": {"Nachgereicht an die Länder"}, "dokument": {"Rundschreiben 7/2026"}, "version": {"1"}}
	code, page := do(t, hb, "POST", ts.URL+"/fachmk/FMK/aufgaben", typo)
	if code != http.StatusBadRequest {
		t.Errorf("an impossible date: %d", code)
	}
	for _, want := range []string{"Die Aufgabe ist nicht gespeichert", fmt.Sprintf(`href="#aufgabe-%d"`, present.ID), `value="Nachgereicht an die Länder"`, `value="Rundschreiben 7/2026"`, `value="2026-13-45"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused checklist form lacks %q", want)
		}
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/fachmk/GMK/aufgaben", form); code != http.StatusForbidden {
		t.Errorf("HB keeps the GMK's list: %d", code)
	}
	// The secretariat edits the matrix: a new yearly task for both.
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", ts.URL+"/aufgaben", url.Values{"text": {"Jahresbericht an die FachMK"}, "sprecher": {"verantwortlich"}, "fitko": {"unterstuetzend"}, "wiederholung": {"jaehrlich"}, "position": {"10"}}); code != http.StatusSeeOther {
		t.Fatalf("new task: %d", code)
	}
	first := tasks[0]
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/aufgaben/%d", ts.URL, first.ID), url.Values{"text": {first.Text}, "sprecher": {"verantwortlich"}, "fitko": {""}, "wiederholung": {"einmalig"}, "position": {"1"}, "version": {fmt.Sprint(first.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("edit task: %d", code)
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/aufgaben", url.Values{"text": {"x"}, "wiederholung": {"einmalig"}}); code != http.StatusForbidden {
		t.Errorf("a spokesperson edits the matrix: %d", code)
	}
	_, page = do(t, hb, "GET", ts.URL+"/fachmk/FMK/aufgaben", nil)
	if !strings.Contains(page, "Jahresbericht an die FachMK") || !strings.Contains(page, "1 erledigt, 9 offen") {
		t.Error("the new task is not on the checklist")
	}
	_, page = do(t, gs, "GET", ts.URL+"/aufgaben", nil)
	if !strings.Contains(page, "Jahresbericht an die FachMK") {
		t.Error("the matrix lacks the new task")
	}
}

// TestSpokespersonCannotCheckFITKOTasks: a task the matrix gives to FITKO
// alone is not offered to the spokesperson to check off, and a forged
// form is refused with 403 and a German reason; the secretariat keeps it.
func TestSpokespersonCannotCheckFITKOTasks(t *testing.T) {
	ts, st := cycleServer(t)
	tasks, _ := st.Tasks(context.Background())
	var fitko model.Task
	for _, tk := range tasks {
		if tk.Spokesperson == model.ResponsibilityNone && tk.FITKO != model.ResponsibilityNone && tk.Recurrence == model.RecurOnce {
			fitko = tk
			break
		}
	}
	if fitko.ID == 0 {
		t.Fatal("the demo matrix has no one-off task of FITKO alone")
	}
	hb := client(t, ts, "sprecher-hb")
	_, page := do(t, hb, "GET", ts.URL+"/fachmk/FMK/aufgaben", nil)
	if strings.Contains(page, fmt.Sprintf(`name="aufgabe" value="%d"`, fitko.ID)) {
		t.Error("the spokesperson is offered a form for a task of FITKO alone")
	}
	form := url.Values{"aufgabe": {fmt.Sprint(fitko.ID)}, "zeitraum": {""}, "erledigt": {"ja"}, "datum": {"2026-05-20"}, "version": {"0"}}
	code, body := do(t, hb, "POST", ts.URL+"/fachmk/FMK/aufgaben", form)
	if code != http.StatusForbidden || !strings.Contains(body, "liegt allein bei der FITKO") {
		t.Errorf("a spokesperson checks off a task of FITKO alone: %d", code)
	}
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/fachmk/FMK/aufgaben", nil); !strings.Contains(page, fmt.Sprintf(`name="aufgabe" value="%d"`, fitko.ID)) {
		t.Error("the secretariat is not offered the task of FITKO alone")
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/FMK/aufgaben", form); code != http.StatusSeeOther {
		t.Errorf("the secretariat checks off its task: %d", code)
	}
}

// TestMatrixPositionMustBeANumber: the matrix's "Reihenfolge" is a number
// input, but a client that bypasses the browser and sends a word got 0
// stored without a word (the task moved to the top), and a task without
// text or with an unknown rhythm got an error page that lost the form.
// The form now comes back as typed with every reason at its field, marked
// invalid, and all of them above the form, each linked; nothing is stored.
func TestMatrixPositionMustBeANumber(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	tasks, _ := st.Tasks(ctx)
	first := tasks[0]
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/aufgaben/%d", ts.URL, first.ID), url.Values{"text": {first.Text}, "sprecher": {"verantwortlich"},
		"fitko": {""}, "wiederholung": {"einmalig"}, "position": {"zuerst"}})
	if code != http.StatusBadRequest {
		t.Errorf("a position that is no number: %d", code)
	}
	want := map[string]string{fmt.Sprintf("po-%d", first.ID): "Die Reihenfolge muss eine ganze Zahl sein."}
	box := `id="aufgabe-fehler"`
	reasonsAtFields(t, page, box, want)
	reasonsLinked(t, page, box, want)
	if !strings.Contains(page, `value="zuerst"`) {
		t.Error("the typed position is lost")
	}
	if got, _ := st.Tasks(ctx); got[0].ID != first.ID || got[0].Position != first.Position {
		t.Errorf("the refused position was stored: %+v", got[0])
	}
	// A new task with every field wrong.
	code, page = do(t, gs, "POST", ts.URL+"/aufgaben", url.Values{"text": {" "}, "sprecher": {"chef"}, "fitko": {"unterstuetzend"}, "wiederholung": {"monatlich"}, "position": {"2,5"}})
	if code != http.StatusBadRequest {
		t.Errorf("a new task with every field wrong: %d", code)
	}
	want = map[string]string{
		"tx-0": "Eine Aufgabe braucht einen Text.",
		"sp-0": "„chef“ ist keine Rolle der Aufgabenverteilung.",
		"wh-0": "Die Wiederholung „monatlich“ einer Aufgabe ist unbekannt.",
		"po-0": "Die Reihenfolge muss eine ganze Zahl sein.",
	}
	box = `id="aufgabe-fehler"`
	reasonsAtFields(t, page, box, want)
	reasonsLinked(t, page, box, want)
	if n := strings.Count(page, "Ihre Eingabe"); n != 1 {
		t.Errorf("the page says %d times that the form shows the input", n)
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
	if got, _ := st.Tasks(ctx); len(got) != len(tasks) {
		t.Errorf("a refused task was stored: %d tasks, want %d", len(got), len(tasks))
	}
}
