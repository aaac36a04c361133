package web

import (
	"net/http"
	"strconv"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// answerCoApplication records a member office's answer to a co-application
// (Mitantrag) naming its member: "bestaetigen" or "ablehnen" (field
// antwort), from "Mein Bereich". Only the named member's office answers
// (store.DecideCoApplication); its member counts for the application
// rule once it confirmed.
func (s *Server) answerCoApplication(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Diesen Mitantrag gibt es nicht.")
		return
	}
	var confirm bool
	switch r.PostFormValue("antwort") {
	case "bestaetigen":
		confirm = true
	case "ablehnen":
	default:
		s.badRequest(w, r, "Bitte den Mitantrag bestätigen oder ablehnen.")
		return
	}
	if u.MemberAbbrev == "" || u.Role != model.RoleMember {
		s.fail(w, r, model.ForbiddenError("Einen Mitantrag bestätigt oder lehnt das Büro des genannten Mitglieds ab."), "")
		return
	}
	if err := s.st.DecideCoApplication(r.Context(), id, u.MemberAbbrev, confirm); err != nil {
		s.fail(w, r, err, "Diesen Mitantrag gibt es nicht.")
		return
	}
	msg := "Der Mitantrag ist bestätigt: Ihr Mitglied zählt für den Antrag."
	if !confirm {
		msg = "Der Mitantrag ist abgelehnt: Ihr Mitglied zählt nicht für den Antrag."
	}
	back(w, r, "/mein-bereich#mitantraege", msg)
}
