package main

import (
	"context"
	"fmt"
	"io"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/search"
)

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("migrate", "migrate [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	st, err := openStore(ctx, fs, *data) // Open applies pending migrations
	if err != nil {
		fmt.Fprintln(stderr, "gremium migrate:", err)
		return exitFail
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "gremium migrate:", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "database %s is at schema version %d\n", *data, v)
	return exitOK
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo", "demo [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	st, err := openStore(ctx, fs, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium demo:", err)
		return exitFail
	}
	defer st.Close()
	if err := demo.Load(ctx, st); err != nil {
		fmt.Fprintln(stderr, "gremium demo:", err)
		return exitFail
	}
	if err := demo.LoadCalendar(ctx, st); err != nil {
		fmt.Fprintln(stderr, "gremium demo:", err)
		return exitFail
	}
	if err := demo.LoadNextSession(ctx, st); err != nil {
		fmt.Fprintln(stderr, "gremium demo:", err)
		return exitFail
	}
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err == nil {
		err = search.Rebuild(ctx, st, council.ID)
	}
	if err != nil {
		fmt.Fprintln(stderr, "gremium demo: search index:", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "demo data loaded into %s (existing records were kept)\n", *data)
	return exitOK
}
