package store

import (
	"context"
	"strings"
	"testing"
)

// TestPoolSizeParameter: the URL's pool_max_conns sets the connections
// the store keeps open to PostgreSQL and is not sent to the server (which
// refuses an unknown setting); without it the store keeps PGMaxConns; a
// count that is not a positive number is refused.
func TestPoolSizeParameter(t *testing.T) {
	for _, c := range []struct {
		in, out string
		n       int
	}{
		{"postgres://u@h/db", "postgres://u@h/db", PGMaxConns},
		{"postgres://u@h/db?sslmode=disable&pool_max_conns=4", "postgres://u@h/db?sslmode=disable", 4},
		{"postgres://u@h/db?pool_max_conns=1", "postgres://u@h/db", 1},
	} {
		out, n, err := poolSize(c.in)
		if err != nil || out != c.out || n != c.n {
			t.Errorf("poolSize(%q) = %q, %d, %v; want %q, %d", c.in, out, n, err, c.out, c.n)
		}
	}
	for _, bad := range []string{"postgres://u@h/db?pool_max_conns=0", "postgres://u@h/db?pool_max_conns=viele", "postgres://u@h/db?pool_max_conns="} {
		if _, _, err := poolSize(bad); err == nil || !strings.Contains(err.Error(), "pool_max_conns") {
			t.Errorf("poolSize(%q): %v, want an error naming pool_max_conns", bad, err)
		}
	}
	if !testPG.on {
		return
	}
	// A store opened with the parameter runs on the server with that many
	// connections at most.
	s, _ := newStore(t)
	ctx := context.Background()
	sep := "?"
	if strings.Contains(s.pgURL, "?") {
		sep = "&"
	}
	other, err := openPostgres(ctx, s.pgURL+sep+"pool_max_conns=3")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if got := other.db.Stats().MaxOpenConnections; got != 3 {
		t.Errorf("max open connections %d, want 3", got)
	}
	if _, err := other.PageGeneration(ctx); err != nil {
		t.Error(err)
	}
}
