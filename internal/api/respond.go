package api

import (
	"net/http"
	"strconv"
	"strings"

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

// pathNumber reads the path parameter name, which openapi.json declares a
// whole number from 1 on; anything else is answered with 400 and the
// parameter named, as a malformed query parameter is (before: 404, as if
// a well-formed number named nothing).
func pathNumber(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		queryError(w, name, "„"+name+"“ muss in der Adresse eine ganze Zahl ab 1 sein.")
		return 0, false
	}
	return n, true
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
// no detail, logged at Error. A joined error (errors.Join: every rule the
// request broke, model.FollowUp.Validate) gives every reason: "error" says
// them all, "probleme" each with the member of the request it concerns
// (before: the first reason only). A part without a class makes it a 500.
func (a *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	parts := model.ErrorsOf(err)
	status := http.StatusInternalServerError
	switch model.ClassOf(err) {
	case model.ErrNotFound:
		status = http.StatusNotFound
	case model.ErrConflict:
		status = http.StatusConflict
	case model.ErrRule:
		status = http.StatusUnprocessableEntity
	case model.ErrInput:
		status = http.StatusBadRequest
	case model.ErrForbidden:
		status = http.StatusForbidden
	}
	for _, e := range parts {
		if model.ClassOf(e) == model.ErrInternal {
			status = http.StatusInternalServerError
		}
	}
	if status == http.StatusInternalServerError {
		a.log.Error("api request failed", "method", r.Method, "path", r.URL.Path,
			"request_id", w.Header().Get("X-Request-ID"), "err", err)
		apiError(w, http.StatusInternalServerError, "Interner Fehler; bitte später erneut versuchen.")
		return
	}
	a.log.Info("api refused", "path", r.URL.Path, "status", status, "err", err)
	var problems []Problem
	for _, e := range parts {
		reason := model.ReasonOf(e)
		switch {
		case reason != "":
		case status == http.StatusNotFound:
			reason = "Nicht gefunden."
		default:
			reason = "Die Anfrage ist so nicht möglich."
		}
		problems = append(problems, Problem{Field: fieldOf(r, model.FieldOf(e)), Reason: reason})
	}
	writeRefusal(w, status, problems)
}

// writeRefusal answers a request not taken with status and its problems:
// "error" gives every reason (one sentence each), "probleme" those about
// a member of the request, with it — or every one, when there are several.
func writeRefusal(w http.ResponseWriter, status int, problems []Problem) {
	reasons := make([]string, len(problems))
	var out refusal
	for i, p := range problems {
		reasons[i] = p.Reason
		if p.Field != "" || len(problems) > 1 {
			out.Problems = append(out.Problems, p)
		}
	}
	out.Error = strings.Join(reasons, " ")
	writeJSON(w, status, out)
}
