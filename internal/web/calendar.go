package web

// Conference dates: entry, iCalendar import and feeds.

import (
	"errors"
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/ical"
	"gremium/internal/model"
	"gremium/internal/store"
	"net/http"
	"strings"
	"time"
)

func (s *Server) addConferenceDate(w http.ResponseWriter, r *http.Request) {
	b, ok := s.conferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	var err error
	d := model.ConferenceDate{BodyID: b.ID, Title: strings.TrimSpace(r.PostFormValue("titel")), Place: strings.TrimSpace(r.PostFormValue("ort"))}
	if d.Starts, err = model.ParseDate(r.PostFormValue("beginn")); err != nil || d.Starts.IsZero() {
		s.badRequest(w, r, "Bitte das Datum der Sitzung angeben.")
		return
	}
	if d.Ends, err = model.ParseDate(r.PostFormValue("ende")); err != nil || (!d.Ends.IsZero() && d.Ends.Before(d.Starts)) {
		s.badRequest(w, r, "Das Ende liegt vor dem Beginn.")
		return
	}
	if _, err := s.st.CreateConferenceDate(ctx, d); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Der Termin ist eingetragen.")
}

func (s *Server) importConferenceDates(w http.ResponseWriter, r *http.Request) {
	_, ok := s.require(w, r, auth.ManageSessions, "")
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 2<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		s.badRequest(w, r, "Die Datei ist zu groß (höchstens 2 MB).")
		return
	}
	ctx := r.Context()
	b, err := s.st.BodyByAbbrev(ctx, r.FormValue("fachmk"))
	if err != nil || b.Kind != model.BodyFachMK {
		s.badRequest(w, r, "Bitte die Fachministerkonferenz wählen.")
		return
	}
	f, _, err := r.FormFile("datei")
	if err != nil {
		s.badRequest(w, r, "Bitte eine iCalendar-Datei (.ics) auswählen.")
		return
	}
	defer f.Close()
	dates, err := ical.Read(f)
	if err != nil {
		s.badRequest(w, r, "Die Datei ist kein lesbarer iCalendar-Kalender (RFC 5545).")
		return
	}
	added, known := 0, 0
	for _, d := range dates {
		d.BodyID = b.ID
		if _, err := s.st.CreateConferenceDate(ctx, d); errors.Is(err, store.ErrDuplicate) {
			known++
		} else if err != nil {
			s.fail(w, r, err, "")
			return
		} else {
			added++
		}
	}
	back(w, r, "/fachmk/"+b.Abbrev, fmt.Sprintf("%d Termine übernommen, %d waren schon erfasst.", added, known))
}

func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	bodies, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	names := map[int64]string{}
	var bodyID int64
	title := "Sitzungstermine der Fachministerkonferenzen"
	for _, b := range bodies {
		names[b.ID] = b.Name
		if b.Abbrev == r.PathValue("abbrev") {
			bodyID, title = b.ID, "Sitzungstermine: "+b.Name
		}
	}
	if r.PathValue("abbrev") != "" && bodyID == 0 {
		s.notFound(w, r, "Diese Fachministerkonferenz ist nicht erfasst.")
		return
	}
	dates, err := s.st.ConferenceDates(ctx, bodyID, model.Date{})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	if err := ical.Write(w, title, dates, names, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		s.log.Error("calendar feed", "err", err)
	}
}
