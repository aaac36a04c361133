package web

import (
	"fmt"
	"net/http"

	"gremium/internal/model"
)

// conferenceDatesPage is the overview of the coming session dates of all
// FachMK (/fachmk/termine), by month: the "Übersicht … der anstehenden
// Sitzungstermine der FachMK" the Geschäftsstelle keeps (seed 003), for
// everyone — the dates are public, as in /fachmk/termine.ics. Before, the
// dates stood only on each conference's own page.
func (s *Server) conferenceDatesPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	bodies, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	byID := map[int64]model.Body{}
	for _, b := range bodies {
		byID[b.ID] = b
	}
	dates, err := s.st.ConferenceDates(ctx, 0, s.today())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var d conferenceDatesData
	for _, c := range dates {
		b, ok := byID[c.BodyID]
		if !ok {
			continue
		}
		label := fmt.Sprintf("%s %d", germanMonths[c.Starts.Month-1], c.Starts.Year)
		if n := len(d.Months); n == 0 || d.Months[n-1].Label != label {
			d.Months = append(d.Months, conferenceDateMonth{Label: label})
		}
		m := &d.Months[len(d.Months)-1]
		m.Dates = append(m.Dates, conferenceDateRow{Date: c, Body: b})
		d.Count++
	}
	s.render(w, r, http.StatusOK, "conference_dates.html", view{Title: "Sitzungstermine der Fachministerkonferenzen", Active: "fachmk", Data: d})
}

// conferenceDatesData is the overview of the coming FachMK dates.
type conferenceDatesData struct {
	Months []conferenceDateMonth
	Count  int
}

// conferenceDateMonth is one month of the overview ("Juni 2026").
type conferenceDateMonth struct {
	Label string
	Dates []conferenceDateRow
}

// conferenceDateRow is one date with its conference.
type conferenceDateRow struct {
	Date model.ConferenceDate
	Body model.Body
}
