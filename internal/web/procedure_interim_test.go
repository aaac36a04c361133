package web

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestProcedureInterimCountReadsWell: the secretariat's interim count of a
// written procedure read "Zwischenstand nach der Regel: abgelehnt: die
// zustimmenden Länder haben nur 33,6 % … (Königsteiner Schlüssel 2016)
// (bei Gegenstimmen von BW, BY, HE, NI und NW (Umlaufverfahren))" — two
// colons, brackets in brackets, "Umlaufverfahren" on the procedure's own
// page. It reads as the live session's notice does: the outcome as the
// minutes phrase it, then the rule's reason as a sentence of its own.
func TestProcedureInterimCountReadsWell(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Beschluss zur Cloud-Strategie", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"Bund", "BE", "BB", "HB", "HH", "MV", "RP", "SL", "SN", "ST", "SH", "TH"} {
		if err := st.CastVote(ctx, pid, m, model.VoteYes); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []string{"BW", "BY", "HE", "NI", "NW"} {
		if err := st.CastVote(ctx, pid, m, model.VoteNo); err != nil {
			t.Fatal(err)
		}
	}
	_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid), nil)
	line := strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(between(page, `<p id="zwischenstand">`, "</p>"), "")), " ")
	want := "Zwischenstand, als endete die Frist jetzt: abgelehnt bei Gegenstimmen von BW, BY, HE, NI und NW. Die zustimmenden Länder haben nur "
	if !strings.HasPrefix(line, want) || !strings.Contains(line, "der Finanzierungsanteile") || !strings.HasSuffix(line, ".") {
		t.Fatalf("the interim count reads %q", line)
	}
	if strings.Contains(line, "Umlaufverfahren") || strings.Count(line, ":") != 2 { // "jetzt:" and "nötig:"
		t.Errorf("the interim count reads %q", line)
	}
	depth := 0
	for _, r := range line {
		switch r {
		case '(':
			if depth++; depth > 1 {
				t.Errorf("brackets in brackets: %q", line)
			}
		case ')':
			depth--
		}
	}
}
