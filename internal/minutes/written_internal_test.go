package minutes

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestWrittenIsWhatLoadReads saves the seed minutes as a new session and
// checks that Written names them from the parsed document (no fallback to
// Load) and that its items and rows are those Load reads: every field of
// every item, row and decision but the decisions' votes' order.
func TestWrittenIsWhatLoadReads(t *testing.T) {
	ctx := context.Background()
	src := seedOrSkip(t)
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bodyID, err := st.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := Parse(bytes.NewReader(src), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	id, outcome, err := Save(ctx, st, bodyID, doc)
	if err != nil || outcome != Created {
		t.Fatalf("save: %v %v", outcome, err)
	}
	got, ok, err := written(ctx, st, id, doc)
	if err != nil || !ok {
		t.Fatalf("written: ok %v, %v", ok, err)
	}
	want, err := Load(ctx, st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Session, want.Session) || !reflect.DeepEqual(got.Body, want.Body) {
		t.Errorf("session %+v\nwant %+v", got.Session, want.Session)
	}
	gi, wi := got.Items(), want.Items()
	if len(gi) != len(wi) {
		t.Fatalf("%d items, Load reads %d", len(gi), len(wi))
	}
	for i := range gi {
		if !reflect.DeepEqual(gi[i].AgendaItem, wi[i].AgendaItem) {
			t.Errorf("item %d: %+v\nwant %+v", i, gi[i].AgendaItem, wi[i].AgendaItem)
		}
		if len(gi[i].Rows) != len(wi[i].Rows) {
			t.Errorf("item %s: %d rows, Load reads %d", gi[i].Label(), len(gi[i].Rows), len(wi[i].Rows))
			continue
		}
		for j, g := range gi[i].Rows {
			w := wi[i].Rows[j]
			gd, wd := g.Decision, w.Decision
			g.Decision, w.Decision = nil, nil
			if !reflect.DeepEqual(comparableRow(g), comparableRow(w)) {
				t.Errorf("item %s row %d: %+v\nwant %+v", gi[i].Label(), j, g, w)
			}
			if (gd == nil) != (wd == nil) {
				t.Errorf("item %s row %d: decision %v, Load reads %v", gi[i].Label(), j, gd, wd)
				continue
			}
			if gd != nil {
				a, b := *gd, *wd
				a.Votes, b.Votes = nil, nil
				if fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", b) || len(gd.Votes) != len(wd.Votes) {
					t.Errorf("item %s row %d: decision %+v\nwant %+v", gi[i].Label(), j, *gd, *wd)
				}
			}
		}
	}
}

// comparableRow is a row with empty lists as nil.
func comparableRow(r Row) Row {
	if len(r.Points) == 0 {
		r.Points = nil
	}
	return r
}
