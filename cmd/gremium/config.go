package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"

	"gremium/internal/model"
	"gremium/internal/store"
)

// runConfig dispatches "gremium config ks FILE.csv".
func runConfig(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	usage := "Usage: gremium config ks FILE.csv [--data DIR]\n  loads Königsteiner-Schlüssel tables (header land,kuerzel,<year>…; '#' comments)"
	if code, ok := onlySub(args, "ks", usage, stdout, stderr); !ok {
		return code
	}
	fs := newFlags("config ks", "config ks FILE.csv [--data DIR]", stdout, stderr)
	data := dataFlag(fs)
	file, rest, code, ok := fileArg(fs, args[1:], stdout)
	if !ok {
		return code
	}
	if code, ok := parse(fs, rest, stdout); !ok {
		return code
	}
	f, err := os.Open(file)
	if err != nil {
		fmt.Fprintln(stderr, "gremium config ks:", err)
		return exitFail
	}
	defer f.Close()
	tables, err := model.ParseShares(f)
	if err != nil {
		fmt.Fprintln(stderr, "gremium config ks:", err)
		return exitFail
	}
	st, err := openStore(ctx, fs, *data)
	if err != nil {
		fmt.Fprintln(stderr, "gremium config ks:", err)
		return exitFail
	}
	defer st.Close()
	var years []int
	for y := range tables {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		if err := st.SaveShares(store.WithActor(ctx, "cli"), y, tables[y]); err != nil {
			fmt.Fprintln(stderr, "gremium config ks:", err)
			return exitFail
		}
		fmt.Fprintf(stdout, "Königsteiner Schlüssel %d loaded (16 Länder)\n", y)
	}
	return exitOK
}
