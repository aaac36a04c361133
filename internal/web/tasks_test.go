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
	planSessionOn(t, st, 48, model.DateOf(time.Now().AddDate(0, 1, 0)))
	tasks, _ := st.Tasks(ctx)
	if len(tasks) != 9 || tasks[0].Recurrence != model.RecurOnce || tasks[2].Recurrence != model.RecurSession || tasks[3].Recurrence != model.RecurYear {
		t.Fatalf("demo matrix: %+v", tasks)
	}
	hb := client(t, ts, "sprecher-hb")
	_, page := do(t, hb, "GET", ts.URL+"/fachmk/FMK/aufgaben", nil)
	if !strings.Contains(page, "0 erledigt, 9 offen") || !strings.Contains(page, "je IT-PLR-Sitzung: 48. Sitzung") || !strings.Contains(page, fmt.Sprintf("jährlich: %d", today().Year)) {
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
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/aufgaben/%d", ts.URL, first.ID), url.Values{"text": {first.Text}, "sprecher": {"verantwortlich"}, "fitko": {""}, "wiederholung": {"einmalig"}, "position": {"1"}}); code != http.StatusSeeOther {
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
