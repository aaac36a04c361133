package minutes_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// rowKinds gives the kinds of an item's rows, "ON ON BV PN".
func rowKinds(it minutes.Item) string {
	var ks []string
	for _, r := range it.Rows {
		k := string(r.Kind)
		if k == "" {
			k = "–"
		}
		ks = append(ks, k)
	}
	return strings.Join(ks, " ")
}

// itemTitled gives the document's item with the title.
func itemTitled(t *testing.T, doc minutes.Document, title string) minutes.Item {
	t.Helper()
	for _, it := range doc.Items() {
		if it.Title == title {
			return it
		}
	}
	t.Fatalf("no item %q in the document", title)
	return minutes.Item{}
}

// inOrder reports whether the strings occur in text in this order.
func inOrder(text string, subs ...string) bool {
	at := 0
	for _, s := range subs {
		i := strings.Index(text[at:], s)
		if i < 0 {
			return false
		}
		at += i + len(s)
	}
	return true
}

// TestDiscussionBeforeTheProposal: an item registered with a decision
// proposal (Beschlussvorschlag) and discussed in the session had its
// proposal above the discussion in the minutes — on the page, in the PDF
// and in the text export — since the proposal is stored with the
// registration, before anybody speaks. The published minutes (seed 000)
// give an item's discussion (ON) first, then the decision (BV), then the
// protocol notes (PN); so do ours now, and the text export read back (and
// imported again) keeps that order.
func TestDiscussionBeforeTheProposal(t *testing.T) {
	ctx := store.WithActor(context.Background(), "test")
	st := demotest.Store(t)
	body, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	sid, err := st.CreateSession(ctx, model.Session{BodyID: body.ID, Number: 91, Date: model.BerlinDate(time.Now()), StartTime: "09:30", EndTime: "15:00",
		Place: "Berlin", Status: model.StatusPlanned, AgendaPublished: true})
	if err != nil {
		t.Fatal(err)
	}
	const title = "Föderale Digitalisierungsinfrastrukturverordnung"
	itemID, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: sid, Title: title, Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "Bund", Reporters: []string{"Bund"}, Impact: model.Impact{Stated: true}},
		&model.Decision{BodyID: body.ID, Kind: model.KindDecision, Scope: model.ScopeAll, Title: title, Applicants: []string{"Bund"},
			Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Entwurf der Verordnung zur Kenntnis."}}})
	if err != nil {
		t.Fatal(err)
	}
	it, err := st.Item(ctx, itemID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DecideRegistration(ctx, itemID, it.Version, true, ""); err != nil {
		t.Fatal(err)
	}
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, err := st.Session(ctx, sid)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetSessionStatus(ctx, sid, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	// The session: HE and BY speak, then Hessen gives a protocol note.
	for _, c := range []model.Contribution{
		{ItemID: itemID, Speaker: "HE", Points: []string{"Wortbeitrag Hessen zur Verordnung."}},
		{ItemID: itemID, Speaker: "BY", Points: []string{"Wortbeitrag Bayern zur Verordnung."}},
	} {
		if _, err := st.CreateContribution(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: itemID, Author: "Hessen", Text: "Protokollnotiz Hessens zur Verordnung."}); err != nil {
		t.Fatal(err)
	}

	doc, err := minutes.Load(ctx, st, sid, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowKinds(itemTitled(t, doc, title)); got != "ON ON BV PN" {
		t.Errorf("the item's rows: %s, want ON ON BV PN (discussion, proposal, note)", got)
	}
	order := []string{"Wortbeitrag Hessen", "Wortbeitrag Bayern", "Der IT-Planungsrat nimmt den Entwurf", "Protokollnotiz Hessens"}

	// The text export, and reading it back.
	var buf bytes.Buffer
	if err := minutes.Export(&buf, doc); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !inOrder(text, order...) {
		t.Errorf("the text export does not give discussion, proposal, note in this order:\n%s", text)
	}
	again, warnings, err := minutes.Parse(strings.NewReader(text), itplrOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("reading the export back warns: %v", warnings)
	}
	if !reflect.DeepEqual(minutes.Comparable(again), minutes.Comparable(doc.Printed())) {
		t.Errorf("the export read back differs from the minutes: %s, want %s", rowKinds(itemTitled(t, again, title)), rowKinds(itemTitled(t, doc, title)))
	}

	// The PDF.
	if pdf := pdfText(t, renderPDF(t, doc)); !inOrder(pdf, order...) {
		t.Errorf("the PDF does not give discussion, proposal, note in this order:\n%s", pdf)
	}

	// The export imported as the minutes of another session stores them
	// in this order, and importing it again changes nothing.
	imported := again
	imported.Session.Number = 92
	id, _, err := minutes.Save(ctx, st, body.ID, imported)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := minutes.Load(ctx, st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowKinds(itemTitled(t, stored, title)); got != "ON ON BV PN" {
		t.Errorf("the imported item's rows: %s, want ON ON BV PN", got)
	}
	if _, outcome, err := minutes.Save(ctx, st, body.ID, imported); err != nil || outcome != minutes.Unchanged {
		t.Errorf("importing the same text again: %v %v, want unchanged", outcome, err)
	}
}

// TestParseMovesADecisionBehindTheDiscussion: a file that gives a
// decision before the discussion of its item (typed by hand, or exported
// before the order was fixed) is read as the minutes show it, the
// decision behind the discussion and before the notes, with a warning
// naming the item; rows of an item without discussion keep their order.
func TestParseMovesADecisionBehindTheDiscussion(t *testing.T) {
	in := strings.Join([]string{
		"50. Sitzung",
		"Datum: 01.03.2026",
		"TOP\tÜbergreifendes\tZiel\tQuelle\tBE",
		"03\t<p>Thema</p>\tBeschluss\t\tHE",
		"BV\t<p>Beschluss B-2026/04-IT</p> <ol style=\"list-style-type: none\"> 1. Der IT-Planungsrat beschließt den Plan.</ol>\t\t\t",
		"ON\t<p>Diskussion</p> <p>HE:</p> <ul style=\"list-style-type: none\"> › Erläutert den Plan.</ul>\t\t\t",
		"\t<div class=\"vermerk\">Sitzungsunterbrechung</div>\t\t\t",
		"ON\t<p>BY:</p> <ul style=\"list-style-type: none\"> › Stimmt zu.</ul>\t\t\t",
		"PN\t<p>Protokollnotiz (Hessen)</p> <p>Hessen begrüßt den Plan.</p>\t\t\t",
		"04\t<p>Grüne Liste</p>\tBeschluss\t\tHE",
		"BV\t<p>Beschluss B-2026/05-IT</p> <ol style=\"list-style-type: none\"> 1. Der IT-Planungsrat beschließt.</ol>\t\t\t",
		"PN\t<p>Protokollnotiz (Bayern)</p> <p>Bayern stimmt zu.</p>\t\t\t",
	}, "\n") + "\n"
	doc, warnings, err := minutes.Parse(strings.NewReader(in), itplrOptions())
	if err != nil {
		t.Fatal(err)
	}
	items := doc.Items()
	if len(items) != 2 {
		t.Fatalf("%d items, want 2", len(items))
	}
	if got := rowKinds(items[0]); got != "ON – ON BV PN" {
		t.Errorf("TOP 03: %s, want ON – ON BV PN", got)
	}
	if got := rowKinds(items[1]); got != "BV PN" {
		t.Errorf("TOP 04: %s, want BV PN", got)
	}
	var moved []string
	for _, w := range warnings {
		if strings.Contains(w.Message, "before the discussion") {
			moved = append(moved, w.String())
		}
	}
	if len(moved) != 1 || !strings.Contains(moved[0], "line 4: TOP 03") {
		t.Errorf("warnings about the moved decision: %q, want one on line 4 naming TOP 03", moved)
	}
}
