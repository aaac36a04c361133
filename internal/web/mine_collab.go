package web

// The panel of "Mein Bereich" for the FachMK collaboration (issue 16): the
// next session's "Reporting FachMK", and (with later items) the briefings
// and the evaluation.

import (
	"net/http"

	"gremium/internal/model"
)

// myCollab is what the personal page shows of the collaboration.
type myCollab struct {
	// NextSession is the next IT-PLR session that takes reports (zero if
	// none is planned), with the reports' deadline.
	NextSession model.Session
	Deadline    model.Date
}

func (s *Server) myCollab(r *http.Request, u *model.User) (myCollab, error) {
	var c myCollab
	council, err := s.councilBody(r.Context())
	if err != nil {
		return c, nil // no council yet: nothing to report to
	}
	all, err := s.st.Sessions(r.Context(), council.ID)
	if err != nil {
		return c, err
	}
	for _, se := range all {
		if se.Status == model.StatusPlanned || se.Status == model.StatusConvened {
			if c.NextSession.ID == 0 || se.Number < c.NextSession.Number {
				c.NextSession = se
			}
		}
	}
	c.Deadline = model.ReportDeadline(c.NextSession)
	return c, nil
}
