package minutes_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// sessionDay creates, beside newStore's body, its 17 voting members and a
// running session with TOP 00, 01, 02 and 10, and gives the store, the
// session and the items by number.
func sessionDay(t *testing.T) (*store.Store, int64, map[string]int64, []string) {
	t.Helper()
	ctx := context.Background()
	st, bodyID := newStore(t)
	voters := []string{"Bund", "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"}
	for i, abbrev := range voters {
		kind := model.MemberLand
		if abbrev == "Bund" {
			kind = model.MemberBund
		}
		if _, err := st.CreateMember(ctx, model.Member{Abbrev: abbrev, Name: abbrev, Kind: kind, Position: i}); err != nil {
			t.Fatal(err)
		}
	}
	se, err := st.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 47, Date: model.NewDate(2025, 6, 26), Status: model.StatusRunning})
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]int64{}
	for i, it := range []model.AgendaItem{
		{Number: "00", Title: "Begrüßung", Points: []string{"Feststellung der Beschlussfähigkeit"}},
		{Number: "01", Title: "Digitale Dachmarke"},
		{Number: "02", Title: "Deutschland-Stack"},
		{Number: "10", Title: "Bericht des Themenpaten Informationssicherheit"},
	} {
		it.SessionID, it.Position, it.Status = se, i+1, model.ItemAccepted
		if items[it.Number], err = st.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	return st, se, items, voters
}

func present(members ...string) []model.Attendance {
	var out []model.Attendance
	for _, m := range members {
		out = append(out, model.Attendance{Member: m, Presence: model.Present})
	}
	return out
}

// recordOf loads the internal draft and gives each item's RecordLines by
// number, and the text export.
func recordOf(t *testing.T, st *store.Store, se int64) (map[string][]string, string) {
	t.Helper()
	doc, err := minutes.Load(context.Background(), st, se, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, it := range doc.Items() {
		out[it.Number] = it.RecordLines
	}
	var buf bytes.Buffer
	if err := minutes.Export(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return out, buf.String()
}

// TestMinutesRecordTheQuorum: the draft minutes derived from a session
// day record the quorum check's finding with its count under the opening
// item, as the published minutes do ("Feststellung der
// Beschlussfähigkeit." under TOP 00); the last check counts. Before, the
// session stored only "ja" or "nein" and the minutes said nothing.
func TestMinutesRecordTheQuorum(t *testing.T) {
	ctx := context.Background()
	st, se, _, voters := sessionDay(t)
	if ok, _, err := st.SaveAttendance(ctx, se, present(voters[:5]...)); err != nil || ok {
		t.Fatalf("five present: %v %v", ok, err)
	}
	lines, text := recordOf(t, st, se)
	want := "Feststellung der Beschlussfähigkeit – nicht beschlussfähig: nur 5 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)."
	if !slices.Equal(lines["00"], []string{want}) || !strings.Contains(text, want) {
		t.Errorf("TOP 00 records %q; want %q (export:\n%s)", lines["00"], want, text)
	}
	if ok, _, err := st.SaveAttendance(ctx, se, present(voters[:12]...)); err != nil || !ok {
		t.Fatalf("twelve present: %v %v", ok, err)
	}
	lines, text = recordOf(t, st, se)
	want = "Feststellung der Beschlussfähigkeit – beschlussfähig: 12 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)."
	if !slices.Equal(lines["00"], []string{want}) || !strings.Contains(text, want) {
		t.Errorf("TOP 00 records %q; want %q", lines["00"], want)
	}
	for _, n := range []string{"01", "02", "10"} {
		if len(lines[n]) != 0 {
			t.Errorf("TOP %s records %q", n, lines[n])
		}
	}
	// The text export reads back as a free row of the opening item.
	doc, _, err := minutes.Parse(strings.NewReader(text), minutes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	top00 := doc.Items()[0]
	if n := len(top00.Rows); n == 0 || top00.Rows[n-1].Kind != minutes.RowText || top00.Rows[n-1].Text != want {
		t.Errorf("the export read back: TOP 00's rows %+v", top00.Rows)
	}
}

// TestMinutesRecordItemsTakenUpEarly: an item taken up before the items
// above it on the agenda is recorded under the opening item, as the 47th
// minutes write it ("TOP 10 „Bericht des Themenpaten
// Informationssicherheit“ wird vorgezogen."). Before, the session kept
// only the item under discussion, and the order of discussion was lost.
func TestMinutesRecordItemsTakenUpEarly(t *testing.T) {
	ctx := context.Background()
	st, se, items, voters := sessionDay(t)
	if ok, _, err := st.SaveAttendance(ctx, se, present(voters...)); err != nil || !ok {
		t.Fatalf("quorum: %v %v", ok, err)
	}
	for _, n := range []string{"00", "10", "01", "00", "02", "10"} { // back to an item: its first place counts
		if err := st.SetCurrentItem(ctx, se, items[n]); err != nil {
			t.Fatal(err)
		}
	}
	lines, text := recordOf(t, st, se)
	want := []string{
		"Feststellung der Beschlussfähigkeit – beschlussfähig: 17 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9).",
		"TOP 10 „Bericht des Themenpaten Informationssicherheit“ wird vorgezogen.",
	}
	if !slices.Equal(lines["00"], want) {
		t.Errorf("TOP 00 records %q; want %q", lines["00"], want)
	}
	if !strings.Contains(text, "wird vorgezogen.") {
		t.Errorf("the text export does not say TOP 10 was brought forward:\n%s", text)
	}
	for _, n := range []string{"01", "02", "10"} {
		if len(lines[n]) != 0 {
			t.Errorf("TOP %s records %q", n, lines[n])
		}
	}
	// A quorum found again at TOP 10 with a different count is recorded
	// there; the opening finding stays under TOP 00.
	if err := st.SetCurrentItem(ctx, se, items["10"]); err != nil {
		t.Fatal(err)
	}
	if ok, _, err := st.SaveAttendance(ctx, se, present(voters[:12]...)); err != nil || !ok {
		t.Fatalf("quorum at TOP 10: %v %v", ok, err)
	}
	lines, _ = recordOf(t, st, se)
	if !slices.Equal(lines["00"], want) || !slices.Equal(lines["10"], []string{"Feststellung der Beschlussfähigkeit – beschlussfähig: 12 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)."}) {
		t.Errorf("quorum found again at TOP 10: TOP 00 %q, TOP 10 %q", lines["00"], lines["10"])
	}
}

// TestMinutesRecordEachQuorumFindingAtItsItem: the session day of the
// 48th session as the reviewer ran it. The attendance is saved before any
// item is called (16 of 17), TOP 00 (the Grüne Liste) is voted, and at
// TOP 01 the list is saved again to add advisory members: the finding is
// the same. At TOP 02 four Länder leave: a new finding. Before, the one
// finding kept moved to the item called at the last save, and the
// minutes (page, PDF, text, public version: all render Item.RecordLines) said "beschlussfähig: 16 von
// 17 …" under TOP 01 and nothing at the opening.
func TestMinutesRecordEachQuorumFindingAtItsItem(t *testing.T) {
	ctx := context.Background()
	st, se, items, voters := sessionDay(t)
	if _, err := st.CreateMember(ctx, model.Member{Abbrev: "DLT", Name: "Deutscher Landkreistag", Kind: model.MemberAdvisory, Position: 20}); err != nil {
		t.Fatal(err)
	}
	if ok, _, err := st.SaveAttendance(ctx, se, present(voters[:16]...)); err != nil || !ok {
		t.Fatalf("16 present at the opening: %v %v", ok, err)
	}
	for _, n := range []string{"00", "01"} {
		if err := st.SetCurrentItem(ctx, se, items[n]); err != nil {
			t.Fatal(err)
		}
	}
	if ok, _, err := st.SaveAttendance(ctx, se, present(append(voters[:16:16], "DLT")...)); err != nil || !ok {
		t.Fatalf("advisory members added at TOP 01: %v %v", ok, err)
	}
	if err := st.SetCurrentItem(ctx, se, items["02"]); err != nil {
		t.Fatal(err)
	}
	if ok, _, err := st.SaveAttendance(ctx, se, present(append(voters[:12:12], "DLT")...)); err != nil || !ok {
		t.Fatalf("12 present at TOP 02: %v %v", ok, err)
	}
	opening := "Feststellung der Beschlussfähigkeit – beschlussfähig: 16 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)."
	later := "Feststellung der Beschlussfähigkeit – beschlussfähig: 12 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)."
	want := map[string][]string{"00": {opening}, "02": {later}}
	lines, text := recordOf(t, st, se)
	for _, n := range []string{"00", "01", "02", "10"} {
		if !slices.Equal(lines[n], want[n]) {
			t.Errorf("TOP %s records %q; want %q", n, lines[n], want[n])
		}
	}
	if i, j := strings.Index(text, opening), strings.Index(text, later); i < 0 || j < i || !strings.Contains(text[i:j], "Digitale Dachmarke") {
		t.Errorf("the text export does not give the findings at TOP 00 and TOP 02:\n%s", text)
	}
}
