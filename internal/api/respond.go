package api

import (
	"net/http"

	"gremium/internal/model"
)

// apiError answers with {"error": "..."}; msg is a German sentence.
func apiError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, refusal{Error: msg})
}

// queryError answers 400 for a query parameter a list was asked with:
// {"error": msg, "probleme": [{"parameter": "seite", "grund": msg}]}, so
// that a client finds the input it sent, as "feld" names a member of its
// JSON.
func queryError(w http.ResponseWriter, param, msg string) {
	writeJSON(w, http.StatusBadRequest, refusal{Error: msg, Problems: []Problem{{Param: param, Reason: msg}}})
}

// refusal is the answer to a request not taken: the German reasons, and
// each with the member of the request it concerns where there is one.
type refusal struct {
	Error    string    `json:"error"`
	Problems []Problem `json:"probleme,omitempty"`
}

// fail is the one place where the API turns an error into an answer, by its
// class: not found 404, conflict 409, a violated rule 422, invalid input
// 400, forbidden 403, each with the German reason; anything else 500 with
// no detail, logged at Error.
func (a *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	reason := model.ReasonOf(err)
	status := http.StatusInternalServerError
	switch model.ClassOf(err) {
	case model.ErrNotFound:
		status = http.StatusNotFound
		if reason == "" {
			reason = "Nicht gefunden."
		}
	case model.ErrConflict:
		status = http.StatusConflict
	case model.ErrRule:
		status = http.StatusUnprocessableEntity
	case model.ErrInput:
		status = http.StatusBadRequest
	case model.ErrForbidden:
		status = http.StatusForbidden
	default:
		a.log.Error("api request failed", "method", r.Method, "path", r.URL.Path,
			"request_id", w.Header().Get("X-Request-ID"), "err", err)
		apiError(w, http.StatusInternalServerError, "Interner Fehler; bitte später erneut versuchen.")
		return
	}
	if reason == "" {
		reason = "Die Anfrage ist so nicht möglich."
	}
	a.log.Info("api refused", "path", r.URL.Path, "status", status, "err", err)
	out := refusal{Error: reason}
	if field := fieldOf(r, model.FieldOf(err)); field != "" {
		out.Problems = []Problem{{Field: field, Reason: reason}}
	}
	writeJSON(w, status, out)
}
