package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestSpokespersonReadsNoOwnVote: the list of written procedures gives a
// token its own vote (eigeneStimme) only for the member office that cast
// it (model.MemberOffice); a spokesperson of the same Land reads none
// while the procedure is open, as on the procedure's page (before: the
// spokesperson's token read how Bremen had voted).
func TestSpokespersonReadsNoOwnVote(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	token := func(name string) string {
		u, _, err := st.UserLogin(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := auth.NewAPIToken(ctx, st, u.ID, name)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Umlauf zur Registermodernisierung", Applicants: []string{"Bund"}}, Deadline: time.Date(2031, 3, 2, 12, 0, 0, 0, model.Berlin)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CastVote(ctx, pid, "HB", model.VoteYes); err != nil {
		t.Fatal(err)
	}
	own := func(tok string) string {
		ps, code := procedureList(t, ts, tok)
		for _, p := range ps {
			if p.ID == pid {
				return p.OwnVote
			}
		}
		t.Fatalf("procedure %d not listed (%d)", pid, code)
		return ""
	}
	if got := own(token("bremen")); got != "ja" {
		t.Errorf("Bremen's office: eigeneStimme %q, want ja", got)
	}
	if got := own(token("sprecher-hb")); got != "" {
		t.Errorf("Bremen's spokesperson: eigeneStimme %q, want none", got)
	}
}

// TestFollowUpReportRefusesFieldsOfAnotherState: a report names only the
// members its state takes. Before, "in_arbeit" with a nachweisDokument
// answered 200 and dropped the document (with "erledigt" a document the
// reporter may not name is refused); now each member another state takes
// is refused at its member with 400 and nothing is stored.
func TestFollowUpReportRefusesFieldsOfAnotherState(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	u, _, _ := st.UserLogin(ctx, "hessen")
	tok, _ := auth.NewAPIToken(ctx, st, u.ID, "System")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[1].ID, Text: "Konzept vorlegen", Responsible: "HE", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := st.CreateDocument(ctx, store.Document{SessionID: s47.ID, Filename: "Konzept.pdf", ContentType: "application/pdf", Size: 4, SHA256: "0002", UploadedBy: "geschaeftsstelle"})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := st.FollowUp(ctx, id)
	for _, c := range []struct{ body, field string }{
		{fmt.Sprintf(`{"version":%d,"stand":"in_arbeit","nachweisDokument":%d}`, f.Version, doc), "/nachweisDokument"},
		{fmt.Sprintf(`{"version":%d,"stand":"offen","nachweisBeschluss":"B-2025/01"}`, f.Version), "/nachweisBeschluss"},
		{fmt.Sprintf(`{"version":%d,"stand":"in_arbeit","erledigtAm":"2026-01-15"}`, f.Version), "/erledigtAm"},
		{fmt.Sprintf(`{"version":%d,"stand":"erledigt","erledigtAm":"2026-01-15","nachweis":"Bericht","begruendung":"überholt"}`, f.Version), "/begruendung"},
	} {
		code, _, b := call(t, ts, "POST", fmt.Sprintf("/api/v1/auftraege/%d/stand", id), tok, c.body)
		var out refusal
		if err := json.Unmarshal(b, &out); err != nil || code != http.StatusBadRequest || len(out.Problems) != 1 || out.Problems[0].Field != c.field {
			t.Errorf("%s: %d %s, want 400 at %s", c.body, code, b, c.field)
		}
	}
	if got, _ := st.FollowUp(ctx, id); got.Status != model.FollowUpOpen || got.Version != f.Version || got.EvidenceDocumentID != 0 {
		t.Errorf("stored after the refusals: %+v", got)
	}
	// The state's own fields are taken as before.
	code, _, b := call(t, ts, "POST", fmt.Sprintf("/api/v1/auftraege/%d/stand", id), tok, fmt.Sprintf(`{"version":%d,"stand":"in_arbeit","kommentar":"Entwurf liegt vor"}`, f.Version))
	if code != http.StatusOK {
		t.Errorf("in_arbeit with a comment: %d %s", code, b)
	}
}
