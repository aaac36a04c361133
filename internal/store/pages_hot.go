package store

import (
	"sync"
)

// Large stored pages (OParl list pages of 100–180 KB, where meetings embed
// their items) cost more to read out of the database than to send: the
// bytes are copied out of SQLite's pages twice per request. The most
// recently read of them are kept in memory, bounded by bytes and valid for
// one data generation only: a change of content (a new generation, read
// from the database on every request, so also a change by another
// process) makes all of them stale at once, as it does the stored pages.

// HotPageBytes bounds the bytes of stored pages kept in memory.
const HotPageBytes = 16 << 20

// hotPageMin is the smallest page kept in memory: smaller pages cost
// little more to read from the database than the generation they need.
const hotPageMin = 16 << 10

type hotKey struct{ key, epoch, day string }

// hotPages keeps stored pages of one generation in memory.
type hotPages struct {
	mu    sync.Mutex
	gen   int64
	pages map[hotKey]RenderedPage
	bytes int
}

// get gives the page kept for k if it is of generation gen; a kept page of
// another generation is dropped with all others.
func (h *hotPages) get(gen int64, k hotKey) (RenderedPage, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if gen != h.gen {
		h.pages, h.bytes = nil, 0
		return RenderedPage{}, false
	}
	p, ok := h.pages[k]
	return p, ok
}

// holds gives the generation for which k is kept, 0 if it is not.
func (h *hotPages) holds(k hotKey) int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.pages[k]; ok {
		return h.gen
	}
	return 0
}

// put keeps p, read from the database for generation p.Gen, dropping other
// pages if the budget needs room. The body is shared: callers only send it.
func (h *hotPages) put(p RenderedPage) {
	size := len(p.Body) + len(p.Headers) + len(p.Key)
	if len(p.Body) < hotPageMin || size > HotPageBytes/8 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case p.Gen < h.gen:
		return // read before a change another request saw already
	case p.Gen > h.gen || h.pages == nil:
		h.gen, h.pages, h.bytes = p.Gen, map[hotKey]RenderedPage{}, 0
	}
	k := hotKey{p.Key, p.Epoch, p.Day}
	if old, ok := h.pages[k]; ok {
		h.bytes -= len(old.Body) + len(old.Headers) + len(old.Key)
	}
	for k2, old := range h.pages {
		if h.bytes+size <= HotPageBytes {
			break
		}
		delete(h.pages, k2) // map order: an arbitrary page makes room
		h.bytes -= len(old.Body) + len(old.Headers) + len(old.Key)
	}
	h.pages[k] = p
	h.bytes += size
}
