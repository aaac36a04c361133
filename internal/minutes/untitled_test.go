package minutes_test

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestUntitledItems: an agenda item's title was checked by the web form
// only; the seed's 47th session has two items whose TOP row the PDF lost,
// which the parser opened without a title, and which the store took. Every
// path now meets the rule: the parser titles such items after their
// section (with a warning), and the store refuses an item without a title
// with a typed input error (the import of a document, the API, the forms).
func TestUntitledItems(t *testing.T) {
	doc, _ := parseSeed(t)
	var untitled []string
	for _, it := range doc.Items() {
		if strings.TrimSpace(it.Title) == "" {
			untitled = append(untitled, it.Label())
		}
		if it.Number == "" && strings.HasSuffix(it.Title, "(im Protokoll ohne Titel)") {
			untitled = append(untitled, "derived: "+it.Title)
		}
	}
	// The third: the item after TOP 12 whose page the PDF lost (the
	// fragment after the page break opens it, minutes.Parse).
	if strings.Join(untitled, "; ") != "derived: Übergreifendes (im Protokoll ohne Titel); derived: Digitale Transformation (im Protokoll ohne Titel); derived: Grüne Liste (im Protokoll ohne Titel)" {
		t.Errorf("items without a title in the source: %q", untitled)
	}
	ctx := context.Background()
	st, bodyID := newStore(t)
	if _, _, err := minutes.Save(ctx, st, bodyID, doc); err != nil {
		t.Fatalf("the seed's minutes: %v", err)
	}
	// A document with an item without a title (not from the parser) is
	// refused as a whole, with the item named.
	doc.Session.Number = 99
	doc.Sections[0].Items[0].Title = " "
	if _, _, err := minutes.Save(ctx, st, bodyID, doc); model.ClassOf(err) != model.ErrInput || !strings.Contains(model.ReasonOf(err), "TOP 00 braucht einen Titel") {
		t.Errorf("an item without a title: %v", err)
	}
	se, _ := st.SessionByNumber(ctx, bodyID, 47)
	if _, err := st.CreateItem(ctx, model.AgendaItem{SessionID: se.ID, Number: "30", Title: model.RedactOpen + " " + model.RedactClose}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("CreateItem without a title: %v", err)
	}
	items, _ := st.Items(ctx, se.ID)
	it := items[0]
	it.Title = ""
	if err := st.UpdateItem(ctx, it); model.ClassOf(err) != model.ErrInput {
		t.Errorf("UpdateItem emptying the title: %v", err)
	}
}
