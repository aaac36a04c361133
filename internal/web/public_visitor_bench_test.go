package web

import (
	"context"
	"fmt"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

// BenchmarkVisitorRedactsSomething: what deciding whether the public
// page of a session explains "[geschwärzt]" costs: the 46th blacks out
// nothing (its whole public document is read), the 47th does.
func BenchmarkVisitorRedactsSomething(b *testing.B) {
	st := demotest.Store(b)
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{46, 47} {
		se, err := st.SessionByNumber(ctx, council.ID, n)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := minutes.Load(ctx, st, se.ID, model.Public)
		if err != nil {
			b.Fatal(err)
		}
		doc = doc.Printed()
		b.Run(fmt.Sprintf("session%d", n), func(b *testing.B) {
			for b.Loop() {
				minutes.RedactsSomething(doc)
			}
		})
	}
}
