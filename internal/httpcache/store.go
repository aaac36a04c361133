package httpcache

import (
	"container/list"
	"sync"
	"time"
)

// store keeps prepared responses, least recently used out first, within a
// byte budget. An entry is good for one data version and one day.
type store struct {
	mu       sync.Mutex
	max, use int
	order    *list.List // of *entry, most recent first
	byKey    map[string]*list.Element
}

type entry struct {
	key     string
	version uint64
	day     time.Time
	resp    *prepared
}

func newStore(maxBytes int) *store {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	return &store{max: maxBytes, order: list.New(), byKey: map[string]*list.Element{}}
}

// get gives the response kept for key if it is still current.
func (s *store) get(key string, version uint64, day time.Time) *prepared {
	s.mu.Lock()
	defer s.mu.Unlock()
	el, ok := s.byKey[key]
	if !ok {
		return nil
	}
	e := el.Value.(*entry)
	if e.version != version || !e.day.Equal(day) {
		s.remove(el)
		return nil
	}
	s.order.MoveToFront(el)
	return e.resp
}

// put keeps a response; one larger than an eighth of the budget is not
// kept.
func (s *store) put(key string, version uint64, day time.Time, p *prepared) {
	size := p.size()
	if size > s.max/8 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if el, ok := s.byKey[key]; ok {
		s.remove(el)
	}
	s.byKey[key] = s.order.PushFront(&entry{key: key, version: version, day: day, resp: p})
	s.use += size
	for s.use > s.max {
		s.remove(s.order.Back())
	}
}

func (s *store) remove(el *list.Element) {
	e := el.Value.(*entry)
	s.order.Remove(el)
	delete(s.byKey, e.key)
	s.use -= e.resp.size()
}
