package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"gremium/internal/api"
	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestJSONSessionMinutesFollowPublication: the session JSON gives the
// attendance and each item's minutes rows exactly as the public minutes
// page shows them at each stage (minutes.Redacted, model.Audience.
// HasMinutes): nothing while the session runs, only the adopted decisions
// once it has ended, and the attendance (members, not persons) with the
// discussion, notes and free text — confidential rows and passages
// redacted — once the draft is released. Before, the JSON gave neither
// attendance nor rows at any stage.
func TestJSONSessionMinutesFollowPublication(t *testing.T) {
	st := demotest.Store(t)
	ctx := store.WithActor(context.Background(), "test")
	mux := http.NewServeMux()
	api.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev).Register(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)

	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	items := []store.MinutesItem{
		{Item: model.AgendaItem{Number: "1", Title: "Registermodernisierung", Position: 1, Status: model.ItemAccepted},
			Decisions: []model.Decision{{BodyID: council.ID, Kind: model.KindDecision, Number: model.DecisionNumber{Year: 2026, Seq: 481},
				Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig", AdoptedOn: model.NewDate(2026, 3, 2),
				Title: "Beschluss zur Registermodernisierung", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Position: 2}},
			Contributions: []model.Contribution{{Speaker: "HE", Points: []string{"Offener Beitrag " + model.Redact("Kostenrahmen Geheimwort")}, Position: 1}}},
		{Item: model.AgendaItem{Number: "2", Title: "Informationssicherheit", Position: 2, Status: model.ItemAccepted},
			Contributions: []model.Contribution{{Speaker: "BY", Points: []string{"Vertrauliche Lage Geheimwort"}, Confidential: true, Position: 1}},
			Notes:         []model.ProtocolNote{{Author: "NW", Text: "NW gibt zu Protokoll: Zustimmung.", Position: 2}},
			Remarks:       []model.Remark{{Kind: model.RemarkText, Text: "Der Punkt wird beraten.", Position: 3}}},
	}
	id, err := st.SaveMinutes(ctx, council.ID, model.Session{Number: 48, Date: model.NewDate(2026, 3, 2), StartTime: "10:00", EndTime: "12:00",
		Place: "Berlin", Status: model.StatusRunning}, items, nil, store.ImportSource{})
	if err != nil {
		t.Fatal(err)
	}
	var list []model.Attendance
	ms, _ := st.Members(ctx)
	for _, m := range ms {
		if m.Kind == model.MemberBund || m.Kind == model.MemberLand {
			list = append(list, model.Attendance{Member: m.Abbrev, Presence: model.Present})
		}
	}
	list[0].Presence, list[0].Person = model.Represented, "Dr. Vertreterin Namenlos"
	if ok, reason, err := st.SaveAttendance(ctx, id, list); err != nil {
		t.Fatalf("attendance: %v %v %s", err, ok, reason)
	}

	read := func(stage string) (api.Session, string) {
		t.Helper()
		res, err := http.Get(ts.URL + "/api/v1/sitzungen/48")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		var s api.Session
		if err := json.Unmarshal(body, &s); err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %d %v %s", stage, res.StatusCode, err, body)
		}
		for _, secret := range []string{"Geheimwort", "Vertreterin", model.RedactOpen} {
			if strings.Contains(string(body), secret) {
				t.Errorf("%s: the session JSON leaks %q: %s", stage, secret, body)
			}
		}
		return s, string(body)
	}
	advance := func(next model.SessionStatus) {
		t.Helper()
		se, _ := st.Session(ctx, id)
		if err := st.SetSessionStatus(ctx, id, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}

	// Running: the decision as taken, no minutes, no attendance.
	s, body := read("running")
	if len(s.Items) != 2 || len(s.Items[0].Decisions) != 1 || s.Attendance != nil || strings.Contains(body, `"protokoll"`) || strings.Contains(body, "Offener Beitrag") {
		t.Errorf("running: %s", body)
	}
	// Ended, draft not released: the public minutes hold the adopted
	// decisions only — nothing new.
	advance(model.StatusEnded)
	s, body = read("ended")
	if s.Attendance != nil || len(s.Items[0].Minutes) != 1 || !reflect.DeepEqual(s.Items[0].Minutes[0], api.MinutesRow{Kind: "BV", Decision: "B-2026/481-IT"}) ||
		s.Items[1].Minutes != nil || strings.Contains(body, "Offener Beitrag") || strings.Contains(body, "Zustimmung") || strings.Contains(body, "beraten") {
		t.Errorf("ended: %s", body)
	}
	// Released: the rows in order, redacted; the attendance of the members.
	advance(model.StatusMinutesDraft)
	s, _ = read("released")
	rows0, rows1 := s.Items[0].Minutes, s.Items[1].Minutes
	// The quorum check closes the opening item (docs/minutes.md, "What
	// the draft records of the session day").
	if len(rows0) != 3 || rows0[0].Kind != "ON" || rows0[0].Speaker != "HE" || len(rows0[0].Points) != 1 || !strings.HasPrefix(rows0[0].Points[0], "Offener Beitrag ") ||
		rows0[1].Kind != "BV" || rows0[1].Decision != "B-2026/481-IT" ||
		rows0[2].Kind != "Vermerk" || !strings.HasPrefix(rows0[2].Text, "Feststellung der Beschlussfähigkeit – beschlussfähig") {
		t.Errorf("released, item 1: %+v", rows0)
	}
	if len(rows1) != 3 || rows1[0].Kind != "ON" || rows1[0].Speaker != "BY" || !rows1[0].Redacted || rows1[0].Points != nil ||
		!reflect.DeepEqual(rows1[1], api.MinutesRow{Kind: "PN", Speaker: "NW", Text: "NW gibt zu Protokoll: Zustimmung."}) ||
		!reflect.DeepEqual(rows1[2], api.MinutesRow{Kind: "Vermerk", Text: "Der Punkt wird beraten.", Remark: "text"}) {
		t.Errorf("released, item 2: %+v", rows1)
	}
	// The voting members as recorded, the advisory ones absent, as the
	// page lists them.
	if len(s.Attendance) <= len(list) || s.Attendance[len(s.Attendance)-1].Presence != "abwesend" || s.Attendance[0].Member != list[0].Member || s.Attendance[0].Presence != "vertreten" || s.Attendance[1].Presence != "anwesend" {
		t.Errorf("released, attendance: %+v", s.Attendance)
	}
}
