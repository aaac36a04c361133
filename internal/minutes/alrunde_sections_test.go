package minutes_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// demoALRunde39 gives a demo store with the AL-Runde and its 39th session.
func demoALRunde39(t testing.TB) (*store.Store, model.Body, model.Session) {
	t.Helper()
	ctx := context.Background()
	st := demotest.Store(t)
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.SessionByNumber(ctx, prep.ID, 39)
	if err != nil {
		t.Fatal(err)
	}
	return st, prep, se
}

// TestALRundeMinutesNameEverySection: the items the 39th AL-Runde took
// over from the IT-PLR's agenda for its recommendations stand in its
// section "Beschlussempfehlungen". Before, they had no section: the
// minutes page's table had the caption "Tagesordnungspunkte im Abschnitt "
// and an empty column header, the text export the header "TOP\t\tZiel",
// the PDF an empty heading.
func TestALRundeMinutesNameEverySection(t *testing.T) {
	ctx := context.Background()
	st, _, se := demoALRunde39(t)
	doc, err := minutes.Load(ctx, st, se.ID, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, sec := range doc.Sections {
		names = append(names, sec.Name)
	}
	if got, want := strings.Join(names, "|"), model.OpeningSection+"|"+model.RecommendationsSection; got != want {
		t.Errorf("sections = %q, want %q", got, want)
	}
	var text bytes.Buffer
	if err := minutes.Export(&text, doc); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text.String(), "TOP\t\tZiel") || !strings.Contains(text.String(), "TOP\t"+model.RecommendationsSection+"\tZiel") {
		t.Errorf("text export without the section's header:\n%.1500s", text.String())
	}
	var pdf bytes.Buffer
	if err := minutes.WritePDF(&pdf, doc); err != nil {
		t.Fatal(err)
	}
	if got := pdftest.Text(t, pdf.Bytes()); !strings.Contains(got, model.RecommendationsSection) {
		t.Errorf("PDF without the section %q:\n%.1500s", model.RecommendationsSection, got)
	}
}
