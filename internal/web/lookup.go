package web

// Lookups shared by the page families: the session or item a path names,
// the voting members, the conference an action is for.

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// sessionFromPath gives the session named by {nr} of the council, or of the
// body named by {gremium} (/gremien/al-runde/sitzungen/39: pathBody), with
// its body, answering the request itself if there is none.
func (s *Server) sessionFromPath(w http.ResponseWriter, r *http.Request) (model.Body, model.Session, bool) {
	ctx := r.Context()
	raw := r.PathValue("nr")
	nr, err := strconv.Atoi(raw)
	if err != nil || nr <= 0 {
		s.notFound(w, r, "Sitzungen werden mit ihrer Nummer aufgerufen, zum Beispiel /sitzungen/47.")
		return model.Body{}, model.Session{}, false
	}
	if canon := strconv.Itoa(nr); canon != raw && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		// /sitzungen/047 or /sitzungen/+47: one address per page, as a
		// decision's number and an OParl id are redirected.
		u := *r.URL
		u.Path = strings.Replace(u.Path, "/sitzungen/"+raw, "/sitzungen/"+canon, 1)
		u.RawPath = ""
		http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
		return model.Body{}, model.Session{}, false
	}
	council, err := s.pathBody(r)
	if err != nil {
		s.fail(w, r, err, "Dieses Gremium gibt es nicht.")
		return model.Body{}, model.Session{}, false
	}
	// A session of an internal body (the AL-Runde): whoever may not read
	// it is answered before the session is looked up, the same for every
	// number, so that the answer does not tell which sessions exist. The
	// session's own gate (SeesSession) reads the same flag of its body.
	if !auth.Audience(s.user(r)).SeesBody(council) {
		if _, ok := s.require(w, r, auth.ViewInternal, ""); !ok {
			return model.Body{}, model.Session{}, false
		}
	}
	se, err := s.st.SessionByNumber(ctx, council.ID, nr)
	if err != nil {
		s.fail(w, r, err, fmt.Sprintf("Die %d. Sitzung ist nicht erfasst.", nr))
		return model.Body{}, model.Session{}, false
	}
	return council, se, true
}

// sessionAction checks the right to an action, reads the form and finds the
// session named by {nr}; it answers the request itself and reports false if
// any of that fails.
func (s *Server) sessionAction(w http.ResponseWriter, r *http.Request, a auth.Action) (*model.User, model.Body, model.Session, bool) {
	u, ok := s.require(w, r, a, "")
	if !ok || !s.parseForm(w, r) {
		return nil, model.Body{}, model.Session{}, false
	}
	council, se, ok := s.sessionFromPath(w, r)
	return u, council, se, ok
}

// itemFromPath gives the agenda item named by {id} and its session.
func (s *Server) itemFromPath(w http.ResponseWriter, r *http.Request) (model.AgendaItem, model.Session, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Diesen Tagesordnungspunkt gibt es nicht.")
		return model.AgendaItem{}, model.Session{}, false
	}
	it, err := s.st.Item(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Diesen Tagesordnungspunkt gibt es nicht.")
		return model.AgendaItem{}, model.Session{}, false
	}
	se, err := s.st.Session(r.Context(), it.SessionID)
	if err != nil {
		s.serverError(w, r, err)
		return model.AgendaItem{}, model.Session{}, false
	}
	return it, se, true
}

// votingMembers gives the council's voting members under its rules, for
// pages of the council's sessions and their planning (applicants, chair,
// registrations). A vote — its grids, the live page's count and quorum,
// the ballot — is the session's body's: those read votingOf(se.BodyID),
// which for a session of the AL-Runde gives its own voters.
func (s *Server) votingMembers(r *http.Request) ([]model.Member, error) {
	council, err := s.councilBody(r.Context())
	if err != nil {
		return nil, err
	}
	return s.st.BodyVoters(r.Context(), council.ID)
}

// sharesWarning gives the warning the pages with qualified results show
// when the newest Königsteiner-Schlüssel table is more than three years
// old, or none is loaded; "" otherwise.
func (s *Server) sharesWarning(ctx context.Context) (string, error) {
	years, err := s.st.SharesYears(ctx)
	if err != nil {
		return "", err
	}
	newest := 0
	if len(years) > 0 {
		newest = years[len(years)-1]
	}
	return model.SharesOutdated(newest, model.BerlinDate(s.clock()).Year), nil
}

// sharesWarningFor is sharesWarning for a page with a counted result,
// for those who can act on it: the secretariat, which gets the warning
// with who loads a newer table (the operators) and where their
// instructions are. Everyone else gets none — a member's office, which
// votes but cannot load a table and read the warning as doubt on its
// vote, the public, spokespersons, FachMK secretariats: the count's line
// names the table's year.
func (s *Server) sharesWarningFor(ctx context.Context, u *model.User) (string, error) {
	if !auth.Can(u, auth.ManageSessions, "") {
		return "", nil
	}
	return s.sharesWarning(ctx)
}

// checkApplicants checks a decision proposal's applicants (the Bund or three
// Länder) and gives the reason in German.
func (s *Server) checkApplicants(r *http.Request, applicants []string) error {
	kinds, err := s.st.MemberKinds(r.Context())
	if err != nil {
		return err
	}
	return model.CheckApplication(applicants, kinds)
}

// conferenceAction checks the secretariat's right, reads the form and finds
// the FachMK named by {abbrev}.
func (s *Server) conferenceAction(w http.ResponseWriter, r *http.Request) (model.Body, bool) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return model.Body{}, false
	}
	return s.conferenceOfPath(w, r)
}

// keptConferenceAction is conferenceAction for the forms a FachMK's own
// secretariat keeps as well as the Geschäftsstelle: profile, contacts and
// dates (auth.KeepsConference).
func (s *Server) keptConferenceAction(w http.ResponseWriter, r *http.Request) (model.Body, bool) {
	u, ok := s.require(w, r, auth.KeepConference, "")
	if !ok || !s.parseForm(w, r) {
		return model.Body{}, false
	}
	b, ok := s.conferenceOfPath(w, r)
	if ok && !auth.KeepsConference(u, b.ID) {
		s.fail(w, r, model.ForbiddenError("Profil, Ansprechpersonen und Termine einer Fachministerkonferenz pflegen ihre eigene Geschäftsstelle und die Geschäftsstelle des IT-Planungsrats."), "")
		return b, false
	}
	return b, ok
}

// conferenceOfPath gives the FachMK the path's {abbrev} names, or answers
// the request with "not found".
func (s *Server) conferenceOfPath(w http.ResponseWriter, r *http.Request) (model.Body, bool) {
	b, err := s.st.BodyByAbbrev(r.Context(), r.PathValue("abbrev"))
	if err != nil || b.Kind != model.BodyFachMK {
		if err == nil {
			err = store.ErrNotFound
		}
		s.fail(w, r, err, "Diese Fachministerkonferenz ist nicht erfasst.")
		return b, false
	}
	return b, true
}

// decisionNumberIn finds the year and sequence of a decision number in a
// reference, as model.ParseDecisionRef reads it.
var decisionNumberIn = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d\d)/(\d{1,6})(?:[^0-9]|$)`)

// decisionRefFits is model.DecisionRefFits for a reference whatever the
// spelling of its sequence number: "B-2025/026-IT" and "B-2025/1-IT" are
// the council's B-2025/26-IT and B-2025/01-IT as "2025/026" and "2025/1"
// are (before, they were "keine Nummer eines Beschlusses"), so that every
// spelling of a well-formed number leads to its one address or says that
// it is not recorded.
func decisionRefFits(pattern, ref string) bool {
	if model.DecisionRefFits(pattern, ref) {
		return true
	}
	n, ok := model.ParseDecisionRef(ref)
	loc := decisionNumberIn.FindStringSubmatchIndex(ref)
	if !ok || loc == nil {
		return false
	}
	for _, seq := range []string{strconv.Itoa(n.Seq), fmt.Sprintf("%02d", n.Seq)} {
		if model.DecisionRefFits(pattern, ref[:loc[4]]+seq+ref[loc[5]:]) {
			return true
		}
	}
	return false
}
