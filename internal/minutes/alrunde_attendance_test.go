package minutes_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// TestALRundeAttendanceListsBundAndLaender: the AL-Runde is the round of
// the Abteilungsleiter:innen of Bund and Länder. Its minutes listed the
// advisory members (DST, DLT, DStGB, BfDI) as "abwesend", on the page and
// in the PDF, as if they had a seat; and the store took a line for them.
// Now its attendance list has the 17 voting members only and a line for an
// advisory member is refused at its field; the IT-PLR's keeps them.
func TestALRundeAttendanceListsBundAndLaender(t *testing.T) {
	ctx := store.WithActor(context.Background(), "test")
	st, prep, se := demoALRunde39(t)
	present := []model.Attendance{{Member: "Bund", Presence: model.Present}, {Member: "HE", Presence: model.Present}}
	_, _, err := st.SaveAttendance(ctx, se.ID, append(present, model.Attendance{Member: "DLT", Presence: model.Present}))
	if err == nil || model.FieldOf(err) != "anwesenheit_DLT" {
		t.Errorf("a line for the DLT in the AL-Runde: %v (field %q)", err, model.FieldOf(err))
	}
	if _, _, err := st.SaveAttendance(ctx, se.ID, present); err != nil {
		t.Fatal(err)
	}
	doc, err := minutes.Load(ctx, st, se.ID, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	absent := 0
	for _, l := range doc.Attendance {
		listed = append(listed, l.Member.Abbrev)
		if !l.Member.Kind.Votes() {
			t.Errorf("%s (%s) is in the AL-Runde's attendance list: %s", l.Member.Abbrev, l.Member.Kind.Label(), l.Presence.Label())
		}
		if l.Presence == model.Absent {
			absent++
		}
	}
	if len(listed) != 17 || absent != 15 {
		t.Errorf("attendance of the AL-Runde: %v, %d absent", listed, absent)
	}
	var pdf bytes.Buffer
	if err := minutes.WritePDF(&pdf, doc); err != nil {
		t.Fatal(err)
	}
	if text := pdftest.Text(t, pdf.Bytes()); strings.Contains(text, "Deutscher Landkreistag") || !strings.Contains(text, "Hessen") {
		t.Errorf("PDF attendance of the AL-Runde:\n%.2000s", text)
	}
	// The IT-PLR seats its advisory members.
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	dlt := model.Member{Abbrev: "DLT", Kind: model.MemberAdvisory}
	if !council.Seats(dlt) || prep.Seats(dlt) || !prep.Seats(model.Member{Abbrev: "HE", Kind: model.MemberLand}) {
		t.Errorf("Seats: IT-PLR %v, AL-Runde %v", council.Seats(dlt), prep.Seats(dlt))
	}
}
