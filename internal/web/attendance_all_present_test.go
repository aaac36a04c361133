package web

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/model"
)

// selectField finds the attendance selects and the option each shows
// chosen.
var selectField = regexp.MustCompile(`(?s)name="(anwesenheit_[^"]+)"[^>]*>.*?<option value="([^"]*)" selected>`)

// TestAttendanceAllPresentAtOnce: the IT-PLR's attendance has a row per
// member, all starting "abwesend" without a list or registrations; the
// advisory members (DST, DLT, …) left so were quietly off the speakers'
// list. The page offers "Alle als anwesend vorbelegen" (a link: no
// JavaScript, nothing saved), which sets every row shown absent to
// present, each marked, for the secretariat to change the exceptions and
// save. Before, there was no way but 23 selects by hand.
func TestAttendanceAllPresentAtOnce(t *testing.T) {
	ts, st, _ := lawServer(t)
	sid, _, _ := runningSession(t, st, model.KindDecision, "HE") // the voters present but Hessen; the advisory members absent
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	page := ts.URL + "/sitzungen/48/anwesenheit"
	before, _ := st.Attendance(ctx, sid)

	code, body := do(t, gs, "GET", page, nil)
	if code != http.StatusOK {
		t.Fatalf("attendance page: %d", code)
	}
	absent := strings.Count(body, `<option value="abwesend" selected>`)
	if absent < 7 { // Hessen and the six advisory members at least
		t.Fatalf("%d rows shown absent", absent)
	}
	link := between(body, `id="alle-anwesend"`, "</p>")
	if !strings.Contains(link, `href="/sitzungen/48/anwesenheit?vorbelegen=anwesend"`) || !strings.Contains(link, "Alle als anwesend vorbelegen") {
		t.Fatalf("no way to set all present:\n%s", between(body, "<main", "<form"))
	}

	code, body = do(t, gs, "GET", page+"?vorbelegen=anwesend", nil)
	if code != http.StatusOK {
		t.Fatalf("prefilled page: %d", code)
	}
	for _, m := range itplr.Members() {
		sel := between(body, `id="anw-`+m.Abbrev+`"`, "</select>")
		if !strings.Contains(sel, `<option value="anwesend" selected>`) {
			t.Errorf("%s is not prefilled present: %s", m.Abbrev, sel)
		}
	}
	if n := strings.Count(body, `<span class="badge from-registration">als anwesend vorbelegt`); n != absent {
		t.Errorf("%d rows marked prefilled, want the %d absent ones", n, absent)
	}
	if strings.Contains(body, `id="alle-anwesend"`) || !strings.Contains(body, `id="vorbelegt"`) {
		t.Errorf("the prefilled page offers the prefill again or does not say what it did")
	}
	for _, p := range wellFormedProblems(body) {
		t.Error(p)
	}
	if now, _ := st.Attendance(ctx, sid); model.AttendanceVersion(now) != model.AttendanceVersion(before) {
		t.Fatalf("the prefill saved the list")
	}

	// The exception changed, then saved as the form sends it.
	form := postedForm(body, "/sitzungen/48/anwesenheit")
	for _, m := range selectField.FindAllStringSubmatch(body, -1) { // as a browser sends the selects chosen
		form.Set(m[1], m[2])
	}
	form.Set("anwesenheit_BY", "abwesend")
	if code, body := do(t, gs, "POST", page, form); code != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", code, between(body, "<main", "</main>"))
	}
	now, _ := st.Attendance(ctx, sid)
	for _, m := range itplr.Members() {
		want := model.Present
		if m.Abbrev == "BY" {
			want = model.Absent
		}
		if got := model.AttendanceFor(now, m.Abbrev).Presence; got != want {
			t.Errorf("%s saved %q, want %q", m.Abbrev, got, want)
		}
	}
}

// TestFloorNamesMembersRecordedAbsent: the speakers' form offers only the
// members present at the item; for the secretariat the panel's data names
// the members of the body left out because the attendance list records
// them absent, and links the attendance page (floorView.AbsentHint,
// AttendancePath). Before, the advisory members dropped out of
// "Wortmeldung eintragen für" without a word.
func TestFloorNamesMembersRecordedAbsent(t *testing.T) {
	_, st, s := lawServer(t)
	sid, item, _ := runningSession(t, st, model.KindDecision, "HE")
	ctx := context.Background()
	se, _ := st.Session(ctx, sid)
	eligible, err := st.FloorMembers(ctx, sid, item)
	if err != nil {
		t.Fatal(err)
	}
	f := &floorView{Session: se, ItemID: item, Eligible: eligible}
	if f.NotPresent, err = s.floorNotPresent(ctx, se, eligible); err != nil {
		t.Fatal(err)
	}
	hint := f.AbsentHint()
	for _, m := range itplr.Members() {
		if m.Kind == model.MemberAdvisory && !strings.Contains(hint, "("+m.Abbrev+")") {
			t.Errorf("the hint does not name advisory %s: %s", m.Abbrev, hint)
		}
	}
	if !strings.Contains(hint, "Hessen (HE)") || strings.Contains(hint, "(BY)") || !strings.HasPrefix(hint, "Nicht in der Auswahl, weil laut Anwesenheitsliste bei diesem TOP nicht anwesend") {
		t.Errorf("hint: %s", hint)
	}
	if f.AttendancePath() != "/sitzungen/48/anwesenheit" {
		t.Errorf("attendance path: %s", f.AttendancePath())
	}
	// Everybody present: no hint.
	var all []model.Attendance
	for _, m := range itplr.Members() {
		all = append(all, model.Attendance{Member: m.Abbrev, Presence: model.Present})
	}
	if _, _, err := st.SaveAttendance(ctx, sid, all); err != nil {
		t.Fatal(err)
	}
	eligible, _ = st.FloorMembers(ctx, sid, item)
	if f.NotPresent, err = s.floorNotPresent(ctx, se, eligible); err != nil || f.AbsentHint() != "" {
		t.Errorf("all present: %q %v", f.AbsentHint(), err)
	}
}
