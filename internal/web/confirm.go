package web

// The confirmation step of an action that cannot be undone (revoking a
// calendar address or an API token, ending every login): the first submit
// shows a page that says what will happen, only its second submit, which
// carries bestaetigt=ja, acts. It works without JavaScript, and one stray
// click revokes nothing.

import "net/http"

// confirmData is the confirmation page of one action.
type confirmData struct {
	Heading     string
	Question    string // what is about to happen, as a question
	Consequence string // what it means afterwards
	Action      string // the address the confirmed form posts to
	Button      string // the label of the confirming button
	Back        string // where "Abbrechen" leads
	// BackLabel replaces the link's "Abbrechen und zurück" where
	// "Abbrechen" would read as the action asked about (a vote's cancel).
	BackLabel string
	// Keep are the fields of the first submit the confirmed form sends
	// again (the version read, say), in order.
	Keep [][2]string
}

// confirmed reports whether the form carries the confirmation; when it does
// not, it shows the confirmation page of d and the caller stops.
func (s *Server) confirmed(w http.ResponseWriter, r *http.Request, d confirmData) bool {
	if r.PostFormValue("bestaetigt") == "ja" {
		return true
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "confirm.html", view{Title: d.Heading, Data: d})
	return false
}
