package api

import (
	"context"
	"hash/fnv"
	"net/http"
	"strconv"
	"sync"

	"gremium/internal/httpcache"
)

// OParl answers are validated by the generation of the stored data, not
// by hashing their bytes (a list page is 100 KB; hashing it was a tenth of
// a request): the same address, host, license and build give the same
// bytes while the generation stays.

// generation keeps the store's data generation per store version.
type generation struct {
	mu      sync.Mutex
	version uint64
	loaded  bool
	gen     int64
}

// oparlETag gives the validator of the OParl answer to r, "" if the
// generation cannot be read (the bytes are hashed then). It must be read
// before the data the answer is built from.
func (a *Server) oparlETag(ctx context.Context, r *http.Request) string {
	v := a.st.Version()
	a.gen.mu.Lock()
	if !a.gen.loaded || a.gen.version != v {
		gen, err := a.st.PageGeneration(ctx)
		if err != nil {
			a.gen.mu.Unlock()
			return ""
		}
		a.gen.version, a.gen.gen, a.gen.loaded = v, gen, true
	}
	gen := a.gen.gen
	a.gen.mu.Unlock()
	h := fnv.New64a()
	for _, part := range []string{a.Site.Base(r), "|", a.license(), "|", r.URL.RequestURI(), "|", httpcache.Build()} {
		h.Write([]byte(part))
	}
	return `W/"o` + strconv.FormatInt(gen, 10) + "-" + strconv.FormatUint(h.Sum64(), 36) + `"`
}
