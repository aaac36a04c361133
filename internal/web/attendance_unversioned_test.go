package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
)

// drawnAttendance gives the version the attendance form at path (the
// page's URL) is drawn from, as a browser sends it back with the list.
func drawnAttendance(t *testing.T, c *http.Client, path string) string {
	t.Helper()
	_, page := do(t, c, "GET", path, nil)
	i := strings.Index(path, "/sitzungen/")
	if j := strings.Index(path, "/gremien/"); j >= 0 && j < i {
		i = j
	}
	version := postedForm(page, path[i:]).Get("version")
	if version == "" {
		t.Fatalf("the attendance form %s carries no version", path)
	}
	return version
}

// TestAttendanceWithoutVersionRefused: a hand-made POST of the attendance
// list without the version its form was drawn from (the form always sends
// one) was saved unchecked, over whatever another window had saved
// meanwhile. It is refused now (409) with its own German reason, nothing
// saved, the input kept and the form drawn from the stored version, so
// that sending it again from the page saves.
func TestAttendanceWithoutVersionRefused(t *testing.T) {
	ts, st, _ := lawServer(t)
	sid, _, _ := runningSession(t, st, model.KindDecision)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	before, _ := st.Attendance(ctx, sid)

	for _, tc := range []struct {
		name    string
		version []string
	}{{"no version field", nil}, {"an empty version", []string{""}}} {
		form := attendanceForm(before, "")
		if tc.version == nil {
			form.Del("version")
		}
		form.Set("anwesenheit_HE", "vertreten")
		form.Set("person_HE", "Staatssekretärin Müller")
		code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form)
		if code != http.StatusConflict || !strings.Contains(page, "nennt nicht den Stand der Liste") {
			t.Fatalf("%s: %d\n%s", tc.name, code, between(page, "<main", "</form>"))
		}
		now, _ := st.Attendance(ctx, sid)
		if model.AttendanceVersion(now) != model.AttendanceVersion(before) {
			t.Fatalf("%s: the list was saved: HE %+v", tc.name, model.AttendanceFor(now, "HE"))
		}
		if person := between(page, `id="per-HE"`, ">"); !strings.Contains(person, `value="Staatssekretärin Müller"`) {
			t.Errorf("%s: the typed representative is not kept: %s", tc.name, person)
		}
		if row := between(page, "Hessen", "</th>"); !strings.Contains(row, "inzwischen gespeichert: anwesend") {
			t.Errorf("%s: Hessen's row does not show the stored line:\n%s", tc.name, row)
		}
		if drawn := postedForm(page, "/sitzungen/48/anwesenheit").Get("version"); drawn != model.AttendanceVersion(now) {
			t.Errorf("%s: the form is drawn from %q, want the stored version %q", tc.name, drawn, model.AttendanceVersion(now))
		}
		for _, p := range wellFormedProblems(page) {
			t.Error(p)
		}
	}

	form := attendanceForm(before, drawnAttendance(t, gs, ts.URL+"/sitzungen/48/anwesenheit"))
	form.Set("anwesenheit_HE", "vertreten")
	form.Set("person_HE", "Staatssekretärin Müller")
	if code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", form); code != http.StatusSeeOther {
		t.Fatalf("sent with the version: %d\n%s", code, between(page, "<main", "</main>"))
	}
	now, _ := st.Attendance(ctx, sid)
	if he := model.AttendanceFor(now, "HE"); he.Presence != model.Represented || he.Person != "Staatssekretärin Müller" {
		t.Errorf("sent with the version, HE %+v", he)
	}
}
