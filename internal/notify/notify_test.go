package notify

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

func TestRunClosesDueProcedures(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	council, err := itplr.Setup(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Kurz", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(2 * time.Second)})
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
	closed := make(chan struct{}, 1)
	r := &Reminders{Store: st, Interval: 50 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnClose: func([]model.WrittenProcedure) { closed <- struct{}{} }}
	go r.Run(ctx)
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the procedure was not closed")
	}
	p, _ := st.Procedure(ctx, pid)
	d, _ := st.Decision(ctx, p.DecisionID)
	if p.Status != model.ProcedureClosed || d.Status != model.DecisionAdopted || d.Label == "" {
		t.Errorf("after the loop: %+v %+v", p, d)
	}
}
