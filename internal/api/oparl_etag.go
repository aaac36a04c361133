package api

import (
	"context"
	"hash/fnv"
	"net/http"
	"strconv"

	"gremium/internal/httpcache"
)

// OParl answers are validated by the generation of the stored data, not
// by hashing their bytes (a list page is 100 KB; hashing it was a tenth of
// a request): the same address, host, license and build give the same
// bytes while the generation stays.

// oparlETag gives the validator of the OParl answer to r, "" if the
// generation cannot be read (the bytes are hashed then). It must be read
// before the data the answer is built from. The generation is kept per
// data version (a.gen): it changes only with a committed change, which
// raises the version.
func (a *Server) oparlETag(ctx context.Context, r *http.Request) string {
	gen, err := a.gen.Get(a.st.Version(), func() (int64, error) { return a.st.PageGeneration(ctx) })
	if err != nil {
		return ""
	}
	h := fnv.New64a()
	for _, part := range []string{a.Site.Base(r), "|", a.license(), "|", r.URL.RequestURI(), "|", httpcache.Build()} {
		h.Write([]byte(part))
	}
	return `W/"o` + strconv.FormatInt(gen, 10) + "-" + strconv.FormatUint(h.Sum64(), 36) + `"`
}
