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
	// The rows as Load reads them; a decision's votes in any order.
	FirstItemDifference(t, got.Items(), want.Items(), func(g, w Row) bool {
		gd, wd := g.Decision, w.Decision
		g.Decision, w.Decision = nil, nil
		if !reflect.DeepEqual(comparableRow(g), comparableRow(w)) || (gd == nil) != (wd == nil) {
			return false
		}
		if gd == nil {
			return true
		}
		a, b := *gd, *wd
		a.Votes, b.Votes = nil, nil
		return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b) && len(gd.Votes) == len(wd.Votes)
	})
}

// comparableRow is a row with empty lists as nil.
func comparableRow(r Row) Row {
	if len(r.Points) == 0 {
		r.Points = nil
	}
	return r
}
