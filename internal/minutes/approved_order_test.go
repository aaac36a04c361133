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
	"gremium/internal/store"
)

// The rows of an item as recorded live: the registered proposal first,
// then the discussion with a break between two contributions, the
// closing remark that reports the vote, and a protocol note.
const (
	orderTitle    = "Föderale Digitalisierungsinfrastrukturverordnung"
	orderDecision = "Der IT-Planungsrat beschließt die Verordnung."
	orderFirst    = "Erster Beitrag zur Verordnung."
	orderBreak    = "Sitzungsunterbrechung"
	orderSecond   = "Zweiter Beitrag zur Verordnung."
	orderClosing  = "Der Beschluss wird einstimmig beschlossen."
	orderNote     = "Hessen begrüßt die Verordnung."
)

// recordedLive stores session n of the council with one item whose rows
// stand as recorded live (orderTitle …) and gives the session's id.
func recordedLive(t *testing.T, st *store.Store, bodyID int64, n int, status model.SessionStatus) int64 {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	date := model.NewDate(2027, 3, n-80)
	items := []store.MinutesItem{{
		Section: model.Section{Name: "Übergreifendes"},
		Item:    model.AgendaItem{Number: "03", Title: orderTitle, Goal: model.GoalDecision, Reporters: []string{"Bund"}, Position: 1, Status: model.ItemAccepted},
		Decisions: []model.Decision{{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig",
			AdoptedOn: date, Title: orderTitle, Points: []model.Point{{Label: "1.", Text: orderDecision}}, Position: 1}},
		Contributions: []model.Contribution{
			{Speaker: "HE", Points: []string{orderFirst}, Position: 2},
			{Speaker: "BY", Points: []string{orderSecond}, Position: 4},
		},
		Remarks: []model.Remark{
			{Kind: model.RemarkText, Text: orderBreak, Position: 3},
			{Kind: model.RemarkText, Text: orderClosing, Position: 5},
		},
		Notes: []model.ProtocolNote{{Author: "Hessen", Text: orderNote, Position: 6}},
	}}
	id, err := st.SaveMinutes(ctx, bodyID, model.Session{Number: n, Date: date, StartTime: "10:00", EndTime: "12:00", Place: "Berlin", Status: status},
		items, nil, store.ImportSource{})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// exported gives the text export of the session's internal minutes.
func exported(t *testing.T, st *store.Store, id int64) (minutes.Document, string) {
	t.Helper()
	doc, err := minutes.Load(context.Background(), st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := minutes.Export(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return doc, buf.String()
}

// TestClosingRemarkAfterTheDecision: a proposal stored before the
// discussion is shown behind it (discussionFirst) — but it was put behind
// every free row after the first contribution too, so the closing remark
// that reports the vote ("Der Beschluss wird einstimmig beschlossen.")
// stood before the decision it reports. The decision now stands behind
// the last contribution: a free row between two contributions stays in
// the discussion, one after the last stays after the decision. So on
// the page's document, in the text export and read back from it.
func TestClosingRemarkAfterTheDecision(t *testing.T) {
	st := demotest.Store(t)
	body, err := st.BodyByAbbrev(context.Background(), itplr.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	id := recordedLive(t, st, body.ID, 91, model.StatusMinutesDraft)
	doc, text := exported(t, st, id)
	if got := rowKinds(itemTitled(t, doc, orderTitle)); got != "ON – ON BV – PN" {
		t.Errorf("the item's rows: %s, want ON – ON BV – PN (the closing remark after the decision)", got)
	}
	if !inOrder(text, orderFirst, orderBreak, orderSecond, orderDecision, orderClosing, orderNote) {
		t.Errorf("the text export does not give discussion, decision, closing remark, note in this order:\n%s", text)
	}
	again, _, err := minutes.Parse(strings.NewReader(text), itplrOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := rowKinds(itemTitled(t, again, orderTitle)); got != "ON – ON BV – PN" {
		t.Errorf("the export read back: %s, want ON – ON BV – PN", got)
	}
}

// TestApprovedMinutesKeepTheirOrder: the text members approved is the
// text shown afterwards. Load put the rows of approved minutes in the
// order of the current rule (discussionFirst), so a change of the rule
// — as the one that put the closing remark behind the decision — changed
// approved minutes silently, with no correction recorded. Approved
// minutes are now shown in the order they are stored, and the approval
// stores the order shown at approval (store.ApproveMinutes): minutes
// recorded live and approved read after approval as the text kept at
// approval, and minutes approved in another order keep it.
func TestApprovedMinutesKeepTheirOrder(t *testing.T) {
	ctx := store.WithActor(context.Background(), "test")
	st := demotest.Store(t)
	body, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}

	// Minutes approved in the order they were stored (before
	// discussionFirst, or under another rule) keep that order.
	old := recordedLive(t, st, body.ID, 93, model.StatusMinutesApproved)
	doc, _ := exported(t, st, old)
	if got := rowKinds(itemTitled(t, doc, orderTitle)); got != "BV ON – ON – PN" {
		t.Errorf("approved minutes are shown as %s, want their stored order BV ON – ON – PN", got)
	}

	// Minutes recorded live are approved in the 92nd session in the
	// order shown; that order is stored and shown afterwards.
	id := recordedLive(t, st, body.ID, 91, model.StatusMinutesDraft)
	draft, text := exported(t, st, id)
	shown := rowKinds(itemTitled(t, draft, orderTitle))
	if _, err := st.SaveMinutes(ctx, body.ID, model.Session{Number: 92, Date: model.NewDate(2027, 3, 20), StartTime: "10:00", EndTime: "12:00",
		Place: "Berlin", Status: model.StatusRunning}, []store.MinutesItem{{Section: model.Section{Name: "Begrüßung"},
		Item: model.AgendaItem{Number: "00", Title: "Begrüßung", Points: []string{"Bestätigung des Protokolls der 91. Sitzung"}, Position: 1, Status: model.ItemAccepted}}},
		nil, store.ImportSource{}); err != nil {
		t.Fatal(err)
	}
	s92, err := st.SessionByNumber(ctx, body.ID, 92)
	if err != nil {
		t.Fatal(err)
	}
	var present []model.Attendance
	ms, err := st.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Kind == model.MemberBund || m.Kind == model.MemberLand {
			present = append(present, model.Attendance{Member: m.Abbrev, Presence: model.Present})
		}
	}
	if ok, reason, err := st.SaveAttendance(ctx, s92.ID, present); err != nil || !ok {
		t.Fatalf("attendance: %v %s", err, reason)
	}
	stamp, err := st.MinutesStamp(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ApproveMinutes(ctx, id, 92, text, stamp); err != nil {
		t.Fatal(err)
	}
	approved, after := exported(t, st, id)
	if !approved.Session.MinutesApproved() {
		t.Fatal("the minutes are not approved")
	}
	if got := rowKinds(itemTitled(t, approved, orderTitle)); got != shown {
		t.Errorf("approved minutes are shown as %s, approved as %s", got, shown)
	}
	versions, err := st.MinutesVersions(ctx, id)
	if err != nil || len(versions) != 1 {
		t.Fatalf("versions %v: %v", versions, err)
	}
	if body := func(s string) string { return s[strings.Index(s, "TOP\t"):] }; body(after) != body(versions[0].Text) {
		t.Errorf("the approved minutes read otherwise than the text kept at approval:\n%s\nkept:\n%s", after, versions[0].Text)
	}
	// The order is the stored one: the decision stands at the position
	// shown, behind the discussion.
	rows, err := st.SessionRows(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range rows.Decisions {
		for _, d := range ds {
			if d.Position != 4 {
				t.Errorf("the decision is stored at position %d, shown at 4", d.Position)
			}
		}
	}
}
