package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestResultMessagesNameTheKind: the messages after a written procedure
// ended early and after the relevance marking of its decision name an
// Empfehlung so (before, "Beschluss-Steckbrief" and "warum der Beschluss
// … relevant ist"; the end said only the result phrase).
func TestResultMessagesNameTheKind(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zur Cloud-Strategie", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			if err := st.CastVote(ctx, pid, m.Abbrev, model.VoteYes); err != nil {
				t.Fatal(err)
			}
		}
	}
	gs := client(t, ts, "geschaeftsstelle")
	path := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	if code, _ := do(t, gs, "POST", path+"/beenden", nil); code != http.StatusSeeOther {
		t.Fatalf("early end: %d", code)
	}
	p, err := st.Procedure(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Decision(ctx, p.DecisionID)
	if err != nil || d.Status != model.DecisionAdopted || d.Label == "" {
		t.Fatalf("the recommendation: %+v %v", d, err)
	}
	// The public page of an Empfehlung says that it is "ausgesprochen",
	// and when and how ("im Umlaufverfahren am …", the date once): it
	// said "Status beschlossen", "Beschlossen am" and "Beschlusstext".
	_, public := do(t, client(t, ts, ""), "GET", ts.URL+"/beschluesse/"+d.Label, nil)
	meta := between(public, "<main", "</ol>")
	for _, want := range []string{"<dd>ausgesprochen</dd>", "<dt>Ausgesprochen</dt><dd>im Umlaufverfahren am ", "Empfehlungstext"} {
		if !strings.Contains(meta, want) {
			t.Errorf("the recommendation's page lacks %q:\n%s", want, meta)
		}
	}
	if strings.Contains(meta, "eschlossen") || strings.Contains(meta, "Beschlusstext") {
		t.Errorf("the recommendation's page calls it a Beschluss:\n%s", meta)
	}
	_, page := do(t, gs, "GET", path, nil)
	if notice := between(page, `class="notice-box"`, "</div>"); !strings.Contains(notice, "Die Empfehlung "+d.Label+" ist ausgesprochen.") || strings.Contains(notice, "Beschluss") {
		t.Errorf("the early end's message: %s", notice)
	}

	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	profile := fmt.Sprintf("%s/steckbrief/%d", ts.URL, d.ID)
	code, page := do(t, gs, "POST", profile, url.Values{"version": {"0"}, fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}, fmt.Sprintf("grund_%d", fmk.ID): {" "}})
	if want := "warum die Empfehlung für die Finanzministerkonferenz relevant ist"; code != http.StatusBadRequest || !strings.Contains(page, want) {
		t.Errorf("relevant without reason: %d, want %q\n%s", code, want, between(page, "<main", "</form>"))
	}
	if code, body := do(t, gs, "POST", profile, url.Values{"version": {"0"}, fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}, fmt.Sprintf("grund_%d", fmk.ID): {"Steuerverwaltung"}}); code != http.StatusSeeOther {
		t.Fatalf("save the profile: %d %s", code, between(body, "<main", "</form>"))
	}
	_, page = do(t, gs, "GET", profile, nil)
	if notice := between(page, `class="notice-box"`, "</div>"); !strings.Contains(notice, "Der Steckbrief ist gespeichert: Empfehlung "+d.Label+".") {
		t.Errorf("the profile's message: %s", notice)
	}
}
