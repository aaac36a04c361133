package store

import "strings"

// The lists of keys that batched reads ask for with "col IN (…)": each key
// once, inChunk at a time, padded to few lengths so that few statement
// texts are prepared. One helper for the OParl build, the audit's states
// after a transaction and the bounded reads of sessions.

// inChunk is the most keys one IN list of the bounded reads holds (far
// below SQLite's and PostgreSQL's limits of bound parameters).
const inChunk = 512

// distinctChunks gives the distinct keys in lists of at most inChunk.
func distinctChunks[K comparable](keys []K) [][]K {
	seen := make(map[K]bool, len(keys))
	var out [][]K
	var cur []K
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		cur = append(cur, k)
		if len(cur) == inChunk {
			out, cur = append(out, cur), nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// padded gives the keys as arguments, padded (by repeating the last key)
// to 1, 8, 64 or inChunk entries, so that few different statements are
// prepared.
func padded[K any](keys []K) []any {
	n := 1
	for n < len(keys) {
		n = min(n*8, inChunk)
	}
	args := make([]any, n)
	for i := range args {
		args[i] = keys[min(i, len(keys)-1)]
	}
	return args
}

// placeholders gives n comma-separated placeholders.
func placeholders(n int) string {
	return "?" + strings.Repeat(", ?", n-1)
}

// inBatches calls fn with the distinct keys, inChunk at a time (see
// distinctChunks), as the arguments of an IN list padded to few lengths
// (padded) and that list's placeholders, "(?, ?, …)".
func inBatches[K comparable](keys []K, fn func(in string, args []any) error) error {
	for _, chunk := range distinctChunks(keys) {
		args := padded(chunk)
		if err := fn("("+placeholders(len(args))+")", args); err != nil {
			return err
		}
	}
	return nil
}
