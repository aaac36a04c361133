package web

import (
	"context"
	"io"
	"net/http"
	"testing"

	"gremium/internal/model"
)

// BenchmarkLiveState measures the live box every viewer of a running
// session fetches after each update (GET /sitzungen/48/live/stand), with a
// vote open (its count of who has voted is part of the box), over loopback.
//
//	go test ./internal/web -run '^$' -bench LiveState -benchtime 2000x -count 3
func BenchmarkLiveState(b *testing.B) {
	ctx := context.Background()
	ts, st, _ := lawServer(b)
	sid, _, d := runningSession(b, st, model.KindDecision, "SL")
	url := ts.URL + "/sitzungen/48/live/stand"
	get := func(b *testing.B) {
		for b.Loop() {
			res, err := http.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				b.Fatalf("status %d", res.StatusCode)
			}
		}
	}
	b.Run("ohne Abstimmung", get)
	vote, err := st.OpenVote(ctx, sid, d)
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range []string{"Bund", "HE", "BY"} {
		if err := st.CastSessionVote(ctx, vote, m, model.VoteYes, false); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("mit offener Abstimmung", get)
}
