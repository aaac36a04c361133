// Package kept keeps values loaded from the store until the data changes:
// a value is kept for the data version it was loaded at (store.Store's
// Version, which every committed change raises) and served again only
// for that version. It is the one place of this notion; the web's
// per-page values (the main body, the members, the filter choices), the
// live boxes, the store's counts and the OParl validators (api) use it.
//
// The caller reads the version before it loads, so a change while the
// value loads leaves it kept for the old version, never for the new one.
// Callers asking for the same key and version wait for one load; a load
// that fails keeps nothing.
package kept

import "sync"

// MaxKeys bounds the keys a Map keeps per data version: keys may come
// from free text (a filter), so a Map stops keeping new keys when it holds
// this many, until the version changes.
const MaxKeys = 1024

// Map keeps values by key for the latest data version it was asked for,
// up to MaxKeys keys. The zero Map is ready; it must not be copied after
// first use. A kept value is shared by every caller: they must not change
// it.
type Map[K comparable, V any] struct {
	mu      sync.Mutex
	version uint64
	entries map[K]*entry[V]
}

// entry is the value of one key in the Map's version.
type entry[V any] struct {
	// mu is held while the value loads: the callers of the key wait for
	// one load.
	mu     sync.Mutex
	loaded bool
	second int64
	value  V
}

// Get gives the value kept under key for version, loading it first if
// none is kept. A caller at an older version than the Map has seen loads
// for itself and keeps nothing.
func (m *Map[K, V]) Get(version uint64, key K, load func() (V, error)) (V, error) {
	return m.GetAt(version, 0, key, load)
}

// GetAt is Get for a value that also shows the clock (a speaking time):
// it is kept for the version and the second at (Unix time; a value that
// does not depend on the clock passes 0, as Get does).
func (m *Map[K, V]) GetAt(version uint64, at int64, key K, load func() (V, error)) (V, error) {
	m.mu.Lock()
	if m.entries == nil || version > m.version {
		m.version, m.entries = version, map[K]*entry[V]{}
	}
	var e *entry[V]
	if version == m.version {
		e = m.entries[key]
		if e == nil && len(m.entries) < MaxKeys {
			e = &entry[V]{}
			m.entries[key] = e
		}
	}
	m.mu.Unlock()
	if e == nil {
		return load()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.loaded && e.second == at {
		return e.value, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	e.loaded, e.second, e.value = true, at, v
	return v, nil
}

// Value keeps one value (a Map of a single key), for what almost every
// page needs.
type Value[V any] struct {
	m Map[struct{}, V]
}

// Get gives the kept value, loading it first if it was not loaded for
// version.
func (c *Value[V]) Get(version uint64, load func() (V, error)) (V, error) {
	return c.m.Get(version, struct{}{}, load)
}
