package api

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/store"
)

// demoAPI serves only the API over the demo store (the OParl conformance
// suite in conformance_test.go runs against the whole server).
func demoAPI(t *testing.T) (*httptest.Server, *store.Store) {
	t.Helper()
	st := demotest.Store(t)
	mux := http.NewServeMux()
	New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev).Register(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts, st
}

func jsonID(id int64) string { b, _ := json.Marshal(id); return string(b) }
