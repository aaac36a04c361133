package web

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestFachMKMyPageListsItsDecisions: a FachMK secretariat's "Mein
// Bereich" has "Beschlüsse für Ihre Konferenz": the decisions assessed
// relevant for its conference — the ones its debriefs present — each
// linked to its page, and none relevant only for another conference.
// Before, the section was missing; the secretariat learned of them only
// from a debrief invitation.
func TestFachMKMyPageListsItsDecisions(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk := mustBodyAbbrev(t, st, "FMK")
	// Two more adopted decisions of the 47th session: one relevant only
	// for the AMK, one for the FMK with a confidential passage in its
	// title.
	council := mustBody(t, st)
	s47, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	assess := func(seq int, title string, conf int64) {
		t.Helper()
		id, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: s47.ID, Kind: model.KindDecision, Status: model.DecisionAdopted,
			Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: seq}, AdoptedOn: s47.Date, Title: title, Result: "einstimmig"})
		if err != nil {
			t.Fatal(err)
		}
		pv, err := st.ProfileVersion(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveAssessments(ctx, id, pv, []model.Assessment{{DecisionID: id, ConferenceID: conf, Relevant: true, Reason: "Bewertung", AssessedBy: "geschaeftsstelle"}}); err != nil {
			t.Fatal(err)
		}
	}
	const secretTitle = "Vertraulicher Titelteil"
	assess(91, "Agrarstatistik digital", mustBodyAbbrev(t, st, "AMK").ID)
	assess(92, "Steuerdaten im Verbund "+model.Redact(secretTitle), fmk.ID)
	own, err := st.RelevantDecisionsSince(ctx, []int64{fmk.ID}, 0, model.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if len(own) == 0 {
		t.Fatal("the demo has no decision relevant for the FMK")
	}
	ownIDs := map[int64]bool{}
	for _, rd := range own {
		ownIDs[rd.Decision.ID] = true
	}
	code, page := do(t, client(t, ts, "fmk"), "GET", ts.URL+"/mein-bereich", nil)
	if code != http.StatusOK {
		t.Fatalf("/mein-bereich: %d", code)
	}
	section := between(page, `id="h-fachmk-beschluesse"`, "</section>")
	if !strings.Contains(section, "Beschlüsse für Ihre Konferenz") {
		t.Fatalf("no section of the conference's decisions:\n%s", page)
	}
	listed := 0
	for _, rd := range own {
		if d := rd.Decision; d.Public() && d.Label != "" && strings.Contains(section, `href="`+decisionURL(d.Label)+`"`) {
			listed++
		}
	}
	if listed == 0 {
		t.Errorf("none of the FMK's %d relevant decisions is listed:\n%s", len(own), section)
	}
	if !strings.Contains(section, "Steuerdaten im Verbund") || strings.Contains(section, secretTitle) {
		t.Errorf("the FMK's decision with a confidential passage is missing or shows it:\n%s", section)
	}
	if strings.Contains(section, "Agrarstatistik digital") {
		t.Error("the FMK's section lists a decision relevant only for the AMK")
	}
	if !strings.Contains(section, `href="/beschluesse?fachmk=FMK"`) {
		t.Error("no link to the register's decisions for the FMK")
	}
	// A decision relevant only for other conferences is not listed.
	conferences, err := st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		t.Fatal(err)
	}
	var others []int64
	for _, b := range conferences {
		if b.ID != fmk.ID {
			others = append(others, b.ID)
		}
	}
	rel, err := st.RelevantDecisionsSince(ctx, others, 0, model.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for _, rd := range rel {
		if d := rd.Decision; !ownIDs[d.ID] && d.Label != "" && strings.Contains(section, `href="`+decisionURL(d.Label)+`"`) {
			t.Errorf("the FMK's section lists %s, relevant only for another conference", html.EscapeString(d.Label))
		}
	}
	// A spokesperson's or a member's page has no such section.
	for _, who := range []string{"sprecher-hb", "hessen"} {
		if _, page := do(t, client(t, ts, who), "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, `id="h-fachmk-beschluesse"`) {
			t.Errorf("%s's page has the FachMK secretariat's decisions section", who)
		}
	}
}
