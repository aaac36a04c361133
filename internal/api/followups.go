package api

// /api/v1/auftraege reads a page at a time, in SQL, as the follow-up list
// of the site does (store.FollowUpPage; issue 18): the public's rule is
// model.Audience.FollowUpSQL, the order the list's (overdue first).

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// FollowUpsPerPage is the page size of /api/v1/auftraege: the next page
// (Link rel="next") holds the follow-ups after the last one in the list's
// order (?nach=its place, an opaque parameter).
const FollowUpsPerPage = 100

// FollowUp is a follow-up (Auftrag) in the JSON API.
type FollowUp struct {
	// Number is the follow-up's id, URL its page on the site.
	Number      int64  `json:"nummer"`
	Text        string `json:"auftrag"`
	Responsible string `json:"verantwortlich"`
	DueDate     string `json:"frist,omitempty"`
	DueSession  int    `json:"fristSitzung,omitempty"`
	Status      string `json:"status"`
	Decision    string `json:"beschluss,omitempty"`
	URL         string `json:"url"`
}

// clock gives the current time.
func (a *Server) clock() time.Time {
	if a.Clock != nil {
		return a.Clock()
	}
	return time.Now()
}

// followUpQuery gives the store's query of the public follow-ups with
// the status ("" for all) at the clock, and how many there are.
func (a *Server) followUpQuery(ctx context.Context, status model.FollowUpStatus) (store.FollowUpListQuery, int, error) {
	council, err := a.st.BodyByAbbrev(ctx, a.council)
	if err != nil {
		return store.FollowUpListQuery{}, 0, err
	}
	q := store.FollowUpListQuery{FollowUpFilter: store.FollowUpFilter{Status: status}, Audience: model.Public, CouncilID: council.ID}
	// The store keeps both until the data changes.
	due, err := a.st.FollowUpDueSessions(ctx, council.ID)
	if err != nil {
		return q, 0, err
	}
	total, _, err := a.st.FollowUpCounts(ctx, q)
	if err != nil {
		return q, 0, err
	}
	return q.At(a.clock(), due), total, nil
}

func (a *Server) apiFollowUps(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := r.URL.Query()
	status := model.FollowUpStatus(v.Get("status"))
	if status != "" && !status.Valid() {
		apiError(w, http.StatusBadRequest, "Der Parameter status ist offen, in_arbeit, erledigt oder entfallen, zum Beispiel ?status=offen.")
		return
	}
	var after *store.FollowUpCursor
	if p := v.Get("nach"); p != "" {
		c, ok := store.ParseFollowUpCursor(p)
		if !ok {
			apiError(w, http.StatusBadRequest, `Der Parameter nach ist eine Stelle in der Liste, wie sie der Link rel="next" der vorigen Seite nennt; ohne ihn beginnt die Liste vorn.`)
			return
		}
		after = &c
	}
	q, total, err := a.followUpQuery(ctx, status)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// One more than a page tells whether another page follows.
	page, err := a.st.FollowUpPage(ctx, q, after, false, FollowUpsPerPage+1)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	base := a.Site.Base(r)
	if len(page) > FollowUpsPerPage {
		page = page[:FollowUpsPerPage]
		next := url.Values{}
		if status != "" {
			next.Set("status", string(status))
		}
		next.Set("nach", page[len(page)-1].Cursor.String())
		w.Header().Set("Link", fmt.Sprintf(`<%s/api/v1/auftraege?%s>; rel="next"`, base, next.Encode()))
	}
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
	out := make([]FollowUp, 0, len(page))
	for _, e := range page {
		f := model.Public.FollowUp(e.FollowUp)
		out = append(out, FollowUp{Number: f.ID, Text: f.Text, Responsible: f.Responsible, DueDate: f.DueDate.String(), DueSession: f.DueSession,
			Status: string(f.Status), Decision: e.DecisionLabel, URL: fmt.Sprintf("%s/auftraege/%d", base, f.ID)})
	}
	writeJSON(w, http.StatusOK, out)
}
