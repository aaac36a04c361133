package store

import "sync"

// keptPerVersion keeps values by key for one data version of the store
// (Store.Version), up to maxKeptCounts keys, for reads that cost more
// than a lookup and are asked alike by many requests (the register's and
// the follow-up lists' counts). Safe for concurrent use. The caller reads
// the version before it loads: a change while loading leaves the value
// kept for the old version, never for the new one.
type keptPerVersion[K comparable, V any] struct {
	mu      sync.Mutex
	version uint64
	m       map[K]V
}

// maxKeptCounts bounds the keys kept per version (filters are free text).
const maxKeptCounts = 1024

// get gives the value kept under key for version, loading it first if
// none is kept. A value is shared by every caller: they must not change
// it.
func (c *keptPerVersion[K, V]) get(version uint64, key K, load func() (V, error)) (V, error) {
	c.mu.Lock()
	if c.m == nil || version > c.version {
		c.version, c.m = version, map[K]V{}
	}
	v, ok := c.m[key]
	ok = ok && c.version == version
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.version == version && len(c.m) < maxKeptCounts {
		c.m[key] = v
	}
	c.mu.Unlock()
	return v, nil
}
