package web

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// FeedSize is the number of decisions in the Atom feed.
const FeedSize = 50

// atomFeed is an Atom 1.0 document (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary atomText `xml:"summary"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// decisionFeed serves the newest published decisions, with the register's
// filters, as an Atom feed.
func (s *Server) decisionFeed(w http.ResponseWriter, r *http.Request) {
	council, q, page, ok := s.registerRequest(w, r, FeedSize)
	if !ok {
		return
	}
	decisions := page.Decisions
	site := s.site.Base(r)
	self := site + "/beschluesse.atom"
	html := site + "/beschluesse"
	if qs := q.Query(); qs != "" {
		self += "?" + qs
		html += "?" + qs
	}
	title := "Beschlüsse – " + council.Name
	if q.Active() {
		opts, err := s.registerChoices(r.Context(), council.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		title += " (" + q.Selection(opts) + ")"
	}
	feed := atomFeed{
		Title:  title,
		ID:     self,
		Author: atomPerson{Name: council.Name},
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: html}},
	}
	var newest time.Time
	for _, d := range decisions {
		updated := entryUpdated(d)
		if updated.After(newest) {
			newest = updated
		}
		title := d.Name() + " " + d.Label
		if d.Title != "" {
			title += ": " + d.Title
		}
		var text []string
		for _, p := range d.Points {
			text = append(text, strings.TrimSpace(p.Label+" "+p.Text))
		}
		feed.Entries = append(feed.Entries, atomEntry{
			Title:   title,
			ID:      site + decisionURL(d.Label),
			Updated: updated.Format(time.RFC3339),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: site + decisionURL(d.Label)},
			Summary: atomText{Type: "text", Text: strings.Join(text, "\n")},
		})
	}
	if newest.IsZero() {
		// A selection without entries changed last when the register
		// did: its newest decision (RFC 4287 wants a real instant; it
		// said 2000-01-01 before). An empty register: today.
		latest, err := s.st.RegisterKeyset(r.Context(), store.RegisterFilter{BodyID: council.ID}, store.RegisterCursor{}, FeedSize)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, d := range model.Public.Register(latest) {
			if u := entryUpdated(d); u.After(newest) {
				newest = u
			}
		}
		if newest.IsZero() {
			newest = s.calendarStamp()
		}
	}
	feed.Updated = newest.Format(time.RFC3339)
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(out)
}

// entryUpdated gives the instant a decision's entry last changed, in
// German time: an entry changes when the decision is adopted and again
// with each correction (its text is the corrected one), so feed readers
// see the new text as an update.
func entryUpdated(d model.Decision) time.Time {
	updated := time.Date(d.AdoptedOn.Year, d.AdoptedOn.Month, d.AdoptedOn.Day, 0, 0, 0, 0, model.Berlin)
	if n := len(d.Corrections); n > 0 && d.Corrections[n-1].At.After(updated) {
		updated = d.Corrections[n-1].At
	}
	return updated.In(model.Berlin)
}
