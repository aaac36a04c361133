#!/usr/bin/env bash
# The engines side by side (docs/performance.md, "PostgreSQL (issue 18,
# item 4): the engines side by side"): every figure of issue 18's "Done
# means" that depends on the engine, for SQLite and PostgreSQL, in one run
# on the same machine. Run it on a quiet machine; it takes hours at 1M when
# the OParl objects are not built yet (BenchmarkEngines builds them first,
# on each engine, and says how long that took).
#
#   GREMIUM_BENCH_DIR       the SQLite corpus (default /tmp/perf/corpus-1m)
#   GREMIUM_BENCH_DECISIONS its size (default 1000000)
#   GREMIUM_BENCH_DATABASE  the PostgreSQL copy of it, created once with
#                           createdb -T template0 -E UTF8 --lc-collate=C --lc-ctype=C.UTF-8 NAME
#                           and filled by store.CopyAll when empty
#                           (default …/gremium_bench_1m on 127.0.0.1)
#   GREMIUM_TEST_POSTGRES   a database the import and live-viewer runs make
#                           their own databases from (default …/test)
#   GREMIUM_BENCH_SECONDS   length of each load run (default 8)
set -euo pipefail
cd "$(dirname "$0")/.."
export GREMIUM_BENCH_DIR="${GREMIUM_BENCH_DIR:-/tmp/perf/corpus-1m}"
export GREMIUM_BENCH_DECISIONS="${GREMIUM_BENCH_DECISIONS:-1000000}"
export GREMIUM_BENCH_DATABASE="${GREMIUM_BENCH_DATABASE:-postgres://postgres@127.0.0.1:5432/gremium_bench_1m?sslmode=disable}"
export GREMIUM_TEST_POSTGRES="${GREMIUM_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}"
export GREMIUM_BENCH_SECONDS="${GREMIUM_BENCH_SECONDS:-8}"
uptime
# Decision page and JSON (cache miss), /beschluesse page 1 and deep, /,
# OParl first/deep/object and the first request after a write, search p95
# against the raw statements, RSS of gremium serve under 8 clients.
go test ./bench -run '^$' -bench '^BenchmarkEngines$' -benchtime 1x -timeout 8h
# Import end to end, MB/s.
go test ./bench -run '^$' -bench '^BenchmarkImportEngines$' -benchtime 1x -timeout 2h
# 2,000 SSE viewers (push, and push plus the fetch that follows).
go test ./internal/web -run '^$' -bench LiveViewers -benchtime 20x -count 1
GREMIUM_TEST_ENGINE=postgres go test ./internal/web -run '^$' -bench LiveViewers -benchtime 20x -count 1
uptime
