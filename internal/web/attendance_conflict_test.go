package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
)

// attendanceForm gives the attendance form of a list as the page draws
// it: a line per member listed, version as the hidden field.
func attendanceForm(list []model.Attendance, version string) url.Values {
	form := url.Values{"version": {version}}
	for _, a := range list {
		form.Set("anwesenheit_"+a.Member, string(a.Presence))
		form.Set("person_"+a.Member, a.Person)
		form.Set("ab_"+a.Member, strconv.FormatInt(a.FromItemID, 10))
		form.Set("bis_"+a.Member, strconv.FormatInt(a.UntilItemID, 10))
	}
	return form
}

// TestAttendanceStaleSaveRefused: two windows open the attendance list;
// the second saves Hessen's representative, the first saves unchanged but
// for another member's "bis TOP". Before, the first window's save was
// taken (303) and Hessen's representative was gone; now it is refused
// with 409, the input kept, the stored line shown at Hessen's row and the
// form drawn from the new version, and saved when sent again.
func TestAttendanceStaleSaveRefused(t *testing.T) {
	ts, st, _ := lawServer(t)
	sid, item, _ := runningSession(t, st, model.KindDecision)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/anwesenheit", nil)
	drawn := postedForm(page, "/sitzungen/48/anwesenheit").Get("version")
	if drawn == "" {
		t.Fatalf("the attendance form carries no version:\n%s", between(page, "<form", "</table>"))
	}
	list, _ := st.Attendance(ctx, sid)

	tabB := attendanceForm(list, drawn)
	tabB.Set("anwesenheit_HE", "vertreten")
	tabB.Set("person_HE", "Staatssekretärin Müller")
	if code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", tabB); code != http.StatusSeeOther {
		t.Fatalf("tab B: %d\n%s", code, between(page, "<main", "</main>"))
	}

	tabA := attendanceForm(list, drawn)
	tabA.Set("bis_BW", strconv.FormatInt(item, 10))
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", tabA)
	if code != http.StatusConflict || !strings.Contains(page, "Hier wurde inzwischen gespeichert") {
		t.Fatalf("stale save of tab A: %d\n%s", code, between(page, "<main", "</form>"))
	}
	if bis := between(page, `id="bis-BW"`, "</select>"); !strings.Contains(bis, fmt.Sprintf(`<option value="%d" selected>`, item)) {
		t.Errorf("the typed bis TOP of BW is not kept:\n%s", bis)
	}
	if row := between(page, "Hessen", "</th>"); !strings.Contains(row, "inzwischen gespeichert: vertreten durch Staatssekretärin Müller") {
		t.Errorf("Hessen's row does not show the line saved meanwhile:\n%s", row)
	}
	now, _ := st.Attendance(ctx, sid)
	if he := model.AttendanceFor(now, "HE"); he.Presence != model.Represented || he.Person != "Staatssekretärin Müller" {
		t.Errorf("the stale save changed Hessen's line: %+v", he)
	}
	if bw := model.AttendanceFor(now, "BW"); bw.UntilItemID != 0 {
		t.Errorf("the stale save was stored: %+v", bw)
	}
	resent := postedForm(page, "/sitzungen/48/anwesenheit").Get("version")
	if resent != model.AttendanceVersion(now) {
		t.Errorf("the form again is drawn from %q, want the stored version %q", resent, model.AttendanceVersion(now))
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}

	tabA.Set("version", resent)
	tabA.Set("anwesenheit_HE", "vertreten")
	tabA.Set("person_HE", "Staatssekretärin Müller")
	if code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", tabA); code != http.StatusSeeOther {
		t.Fatalf("sent again: %d\n%s", code, between(page, "<main", "</main>"))
	}
	now, _ = st.Attendance(ctx, sid)
	if he, bw := model.AttendanceFor(now, "HE"), model.AttendanceFor(now, "BW"); he.Person != "Staatssekretärin Müller" || bw.UntilItemID != item {
		t.Errorf("sent again, HE %+v, BW %+v", he, bw)
	}
}
