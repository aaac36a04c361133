package minutes_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// TestUnsectionedItemHasItsOwnHeading: an item without Abschnitt at the
// end of the 48th session's agenda (after "Reporting FachMK" in
// "Übergreifendes") stands in a run of its own, headed "Weitere
// Tagesordnungspunkte", in the document, the PDF and the text export.
// Before, it had no heading and read as part of the section above it (a
// deferred item the public page showed under "Übergreifendes").
func TestUnsectionedItemHasItsOwnHeading(t *testing.T) {
	ctx := store.WithActor(context.Background(), "geschaeftsstelle")
	st := demotest.Store(t)
	if err := demo.LoadNextSession(ctx, st); err != nil {
		t.Fatal(err)
	}
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.SessionByNumber(ctx, council.ID, 48)
	if err != nil {
		t.Fatal(err)
	}
	const title = "Ohne Abschnitt angemeldet"
	if _, err := st.CreateItem(ctx, model.AgendaItem{SessionID: se.ID, Number: "99", Title: title, Goal: model.GoalNoting, Status: model.ItemAccepted, Position: 999}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []model.Audience{model.Internal, model.Public} {
		doc, err := minutes.Load(ctx, st, se.ID, a)
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Sections) == 0 {
			continue // the agenda is not public yet
		}
		var heading string
		for _, sec := range doc.Sections {
			for _, it := range sec.Items {
				if it.Title == title {
					heading = sec.Name
					if !sec.Unsectioned || len(sec.Items) != 1 || sec.Header() != "Thema" {
						t.Errorf("%v: the item stands in %+v", a, sec)
					}
				}
			}
		}
		if heading != minutes.OtherItemsHeading {
			t.Errorf("%v: the item without section is headed %q, want %q", a, heading, minutes.OtherItemsHeading)
		}
		var text bytes.Buffer
		if err := minutes.Export(&text, doc); err != nil {
			t.Fatal(err)
		}
		if i, j := strings.LastIndex(text.String(), "\n"+minutes.OtherItemsHeading+"\n"), strings.Index(text.String(), title); i < 0 || j < i {
			t.Errorf("%v: text export without the heading before the item (%d, %d)", a, i, j)
		}
		var pdf bytes.Buffer
		if err := minutes.WritePDF(&pdf, doc); err != nil {
			t.Fatal(err)
		}
		words := pdftest.Words(t, pdf.Bytes())
		if i, j := strings.LastIndex(words, minutes.OtherItemsHeading), strings.LastIndex(words, title); i < 0 || j < i {
			t.Errorf("%v: PDF without the heading before the item (%d, %d)", a, i, j)
		}
	}
}
