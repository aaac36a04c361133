package web

import (
	"net/http"
	"strings"

	"gremium/internal/oparl"
)

// oparlCanonical gives every OParl request its canonical URL (chapter 2.3)
// before the stored pages and the API see it: a path spelled otherwise
// (case, slashes, leading zeros) is redirected (301) to its canonical
// spelling on the public address, and the query is read in its canonical
// form (oparl.CanonicalQuery), so that the links of a list — built from
// the query the API reads — are canonical too and the stored pages have
// one key per page.
func (s *Server) oparlCanonical(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.Path) < len("/oparl/") || !strings.EqualFold(r.URL.Path[:len("/oparl/")], "/oparl/") {
			next.ServeHTTP(w, r)
			return
		}
		query := oparl.CanonicalQuery(r.URL.RawQuery)
		if path, ok := oparl.CanonicalPath(r.URL.Path); ok && path != r.URL.Path && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			if query != "" {
				path += "?" + query
			}
			s.setSecurityHeaders(w, r)
			http.Redirect(w, r, s.site.Base(r)+path, http.StatusMovedPermanently)
			return
		}
		if query != r.URL.RawQuery {
			r2 := *r
			u := *r.URL
			u.RawQuery = query
			r2.URL = &u
			r = &r2
		}
		next.ServeHTTP(w, r)
	})
}
