package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gremium/internal/model"
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
	// Pending: the documents of newly imported minutes are still being
	// written (store.SearchAfterCommit); hits of them may be missing.
	Pending bool
	// Number is the decision the query names by its number
	// (decisionNumberQuery), shown above the hits of the first page; nil
	// if the query is no decision number or names none the reader may
	// see.
	Number *numberHit
}

// numberHit is a decision a search names by its number: its name
// ("Beschluss", "Beschlussempfehlung"), label, title as the reader may see
// it, adoption day and address.
type numberHit struct {
	Name, Label, Title, URL string
	Date                    model.Date
}

// numberWords are the words a query may put before a decision number and
// still be nothing but that number ("Beschluss 2025/26", "Nr. 2025/26"),
// in lower case.
var numberWords = []string{"beschluss", "beschlussempfehlung", "beschluss-nr.", "beschluss-nr", "beschlussnummer", "nr.", "nr", "nummer"}

// decisionNumberQuery gives the decision number a search query is, when
// it is nothing but a number of the body numbering by pattern in a
// spelling its address /beschluesse/{ref} accepts ("2025/26",
// "B-2025/26-IT", "b-2025/026-it", "Beschluss 2025/26", in quotation
// marks or not: decisionRefFits), or without the body's suffix or prefix
// ("B-2025/26", "2025/26-IT": numberFits). ok is false for a query with other
// words ("Kooperation 2025/26"), a bare year, or a number of another
// body's form (BE-2025/26-AL).
func decisionNumberQuery(pattern, q string) (n model.DecisionNumber, ok bool) {
	q = strings.TrimSpace(strings.Trim(strings.TrimSpace(q), `"„“”»«`))
	fields := strings.Fields(q)
	for len(fields) > 1 && slices.Contains(numberWords, strings.ToLower(fields[0])) {
		fields = fields[1:]
	}
	if len(fields) != 1 {
		return n, false
	}
	if n, ok = model.ParseDecisionRef(fields[0]); !ok || !numberFits(pattern, fields[0]) {
		return n, false
	}
	return n, true
}

// numberFits reports whether ref, holding a decision number, names one
// of the body numbering by pattern (decisionRefFits), also as printed
// without the body's marks around it: without the suffix ("B-2025/26" for
// B-2025/26-IT, as people copy it from the minutes) or the prefix
// ("2025/26-IT"). Before, the search named no decision for "B-2025/26".
// Another body's marks still do not fit: "BE-2025/26" is no number of
// the council's, "B-2025/26" none of the AL-Runde's BE-{JJJJ}/{NN}-AL.
func numberFits(pattern, ref string) bool {
	if decisionRefFits(pattern, ref) {
		return true
	}
	start, end := strings.Index(pattern, "{"), strings.LastIndex(pattern, "}")
	if start < 0 || end < start {
		return false
	}
	prefix, suffix := pattern[:start], pattern[end+1:]
	return suffix != "" && decisionRefFits(pattern, ref+suffix) || prefix != "" && decisionRefFits(pattern, prefix+ref)
}

// numberHitFor gives the decision the query q names by its number, as
// the request's audience may see it through the publication gate the
// register uses (model.Audience.Decision), and where the register's
// address of that number leads (decisionPage): a decision of the council
// to its page, a recommendation of its preparatory body (the AL-Runde,
// BE-2026/01-AL) to its item on that body's session page. nil when q is no
// decision number, no such decision is recorded or the reader may not see
// it — the answer is then the same as for a number never given, so that
// it tells nothing of an internal one.
func (s *Server) numberHitFor(r *http.Request, q string) (*numberHit, error) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	body := council
	n, ok := decisionNumberQuery(council.DecisionPattern, q)
	if !ok {
		prep, err := s.st.PreparatoryBody(ctx, council.ID)
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if n, ok = decisionNumberQuery(prep.DecisionPattern, q); !ok {
			return nil, nil
		}
		body = prep
	}
	dec, err := s.st.DecisionByNumber(ctx, body.ID, n)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	dec, seen := s.audienceOf(r).Decision(dec)
	if !seen || dec.Label == "" {
		return nil, nil
	}
	hit := &numberHit{Name: dec.Name(), Label: dec.Label, Title: dec.Title, URL: decisionURL(dec.Label), Date: dec.AdoptedOn}
	if body.ID != council.ID {
		if dec.SessionID == 0 {
			return nil, nil
		}
		se, err := s.st.Session(ctx, dec.SessionID)
		if err != nil {
			return nil, err
		}
		if hit.URL, err = s.itemURL(ctx, se, dec.ItemID); err != nil {
			return nil, err
		}
	}
	return hit, nil
}

// PerPage is the number of search hits on a page.
const PerPage = 10

// maxSearchPage is the last page the ranked hits can fill (store.SearchCap
// of them): a later page is refused, not counted out.
const maxSearchPage = (store.SearchCap + PerPage - 1) / PerPage

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	// A word copied from a page carries the soft hyphens the page put
	// into it (hyphenate); the query split at them into parts
	// the index does not hold, and found nothing.
	q := model.WithoutSoftHyphens(r.URL.Query().Get("q"))
	d := searchData{Q: q, MaxQuery: search.MaxQuery}
	rebuilding, err := s.st.SearchNeedsRebuild(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Sessions an import left to the server (store.SearchAfterCommit)
	// are written within about a second (search.IndexPending).
	_, pending, err := s.st.DerivedWaiting(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if rebuilding || pending {
		// Not kept by the response cache, nor by anyone else: the same
		// search finds more once the index is whole.
		d.Rebuilding, d.Pending = rebuilding, pending && !rebuilding
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
		if page == 1 {
			// A decision's number leads to the decision first, above
			// what the full text finds (documents citing it).
			if d.Number, err = s.numberHitFor(r, q); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
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
