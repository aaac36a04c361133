package web

import (
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"

	"gremium/internal/search"
	"gremium/internal/store"
)

// changed tells the live viewers of a session that it changed and brings the
// search index of the session up to date.
func (s *Server) changed(r *http.Request, sessionID int64) {
	s.publishLive(r.Context(), sessionID)
	if err := search.IndexSession(r.Context(), s.st, sessionID); err != nil {
		s.log.Error("search index", "session", sessionID, "err", err)
	}
}

type searchData struct {
	Q      string
	Result search.Result
	Ran    bool
	Empty  bool
	// TooLong: the query is longer than MaxQuery (search.MaxQuery); it is
	// not run.
	TooLong  bool
	MaxQuery int
	// Rebuilding: the index is being rebuilt (its mark "needs rebuild" is
	// set), so hits may be missing.
	Rebuilding bool
}

// PerPage is the number of search hits on a page.
const PerPage = 10

// maxSearchPage is the last page the ranked hits can fill (store.SearchCap
// of them): a later page is refused, not counted out.
const maxSearchPage = (store.SearchCap + PerPage - 1) / PerPage

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	d := searchData{Q: q, MaxQuery: search.MaxQuery}
	rebuilding, err := s.st.SearchNeedsRebuild(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if rebuilding {
		// Not kept by the response cache, nor by anyone else: the same
		// search finds more once the index is whole.
		d.Rebuilding = true
		w.Header().Set("Cache-Control", "no-store")
	}
	// The page (seite, from 1) is read as the register reads its own: a
	// page that is no number from 1 on is refused (seite=0 gave the first
	// page before), one after the last hit answers 404 below.
	page := 1
	if p := r.URL.Query().Get("seite"); p != "" {
		var err error
		if page, err = strconv.Atoi(p); err != nil || page < 1 || page > maxSearchPage {
			s.badRequest(w, r, fmt.Sprintf("Die Seite muss eine Zahl von 1 bis %d sein.", maxSearchPage))
			return
		}
	}
	status := http.StatusOK
	if utf8.RuneCountInString(q) > search.MaxQuery {
		// Refused before any word is read: the form again with the query.
		d.TooLong, status = true, http.StatusBadRequest
	} else if q != "" {
		query, ok := search.Parse(q)
		if !ok {
			d.Empty = true
		} else {
			res, err := search.Run(r.Context(), s.st, query, page, PerPage)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			d.Result, d.Ran = res, true
		}
	}
	if d.Ran && d.Result.Total > 0 && len(d.Result.Hits) == 0 {
		status = http.StatusNotFound // a page after the last one
	}
	s.render(w, r, status, "search.html", view{Title: "Suche", Active: "suche", Data: d})
}
