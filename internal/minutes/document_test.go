package minutes_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

func demoSession47(t testing.TB) (*store.Store, int64) {
	t.Helper()
	ctx := context.Background()
	st := demotest.Store(t)
	b, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, err := st.SessionByNumber(ctx, b.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	return st, se.ID
}

func TestLoadKeepsOrderAndSections(t *testing.T) {
	st, id := demoSession47(t)
	doc, err := minutes.Load(context.Background(), st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range doc.Sections {
		names = append(names, s.Name)
	}
	want := "Begrüßung|Informationssicherheit|Übergreifendes|Datennutzung|Digitale Transformation|Digitale Infrastruktur|Grüne Liste"
	if got := strings.Join(names, "|"); got != want {
		t.Errorf("sections = %s", got)
	}
	green := doc.Sections[len(doc.Sections)-1]
	if !green.Consent || len(green.Items) != 3 {
		t.Fatalf("Grüne Liste = %+v", green)
	}
	var kinds []string
	for _, r := range green.Items[0].Rows {
		kinds = append(kinds, string(r.Kind))
	}
	if strings.Join(kinds, ",") != "BV,PN,PN,PN" {
		t.Errorf("rows of TOP 08 = %v", kinds)
	}
	if len(doc.Items()) != 9 {
		t.Errorf("items = %d", len(doc.Items()))
	}
}

// dump gives every text a document holds, decisions included.
func dump(doc minutes.Document) string {
	all := fmt.Sprintf("%+v", doc)
	for _, it := range doc.Items() {
		for _, r := range it.Rows {
			if r.Decision != nil {
				all += fmt.Sprintf("%+v", *r.Decision)
			}
		}
	}
	return all
}

// TestPublicVersionHidesRedactions walks the whole public document: no
// redacted passage and no confidential row may reach it; the internal one
// keeps both, with the redaction marks that say what is confidential.
func TestPublicVersionHidesRedactions(t *testing.T) {
	st, id := demoSession47(t)
	ctx := context.Background()
	public, err := minutes.Load(ctx, st, id, model.Public)
	if err != nil {
		t.Fatal(err)
	}
	internal, err := minutes.Load(ctx, st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	pub, in := dump(public), dump(internal)
	for _, secret := range []string{"[REDACTED]", "vollständig geschwärzt"} {
		if strings.Contains(pub, secret) {
			t.Errorf("public minutes contain %q", secret)
		}
		if !strings.Contains(in, secret) {
			t.Errorf("internal minutes lost %q", secret)
		}
	}
	if !strings.Contains(pub, model.RedactedPlaceholder) {
		t.Error("public minutes must show where text was redacted")
	}
	if strings.Contains(pub, model.RedactOpen) {
		t.Error("a redaction mark reached the public document")
	}
	if !strings.Contains(in, model.Redact("[REDACTED]")) {
		t.Error("the internal document lost the redaction marks")
	}
}

// TestLoadQueriesFixed: assembling the minutes costs the same number of
// queries however many items and rows the session has (it was five per
// item).
func TestLoadQueriesFixed(t *testing.T) {
	st, id := demoSession47(t)
	ctx := context.Background()
	queries := func() (uint64, int) {
		before := store.QueryCount()
		doc, err := minutes.Load(ctx, st, id, model.Internal)
		if err != nil {
			t.Fatal(err)
		}
		return store.QueryCount() - before, len(doc.Items())
	}
	first, items := queries()
	se, err := st.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		it, err := st.CreateItem(ctx, model.AgendaItem{SessionID: id, Number: fmt.Sprintf("9%d", i), Title: "Zusatz", Status: model.ItemAccepted})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: it, Speaker: "HE", Points: []string{"Beitrag"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it, Author: "Hessen", Text: "Notiz"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateDecision(ctx, model.Decision{BodyID: se.BodyID, SessionID: id, ItemID: it, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Vorschlag", Applicants: []string{"Bund"}}); err != nil {
			t.Fatal(err)
		}
	}
	second, more := queries()
	if more != items+5 {
		t.Fatalf("items = %d, want %d", more, items+5)
	}
	if second != first || first > 13 {
		t.Errorf("queries: %d with %d items, %d with %d items; want the same, at most 13", first, items, second, more)
	}
}
