package web

// Form helpers shared by the page families: reading posted forms, lists
// and points typed into text areas, confidential marks, redirects.

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"gremium/internal/model"
)

// parseForm reads a urlencoded form of bounded size.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, "Das Formular konnte nicht gelesen werden (zu groß oder fehlerhaft).")
		return false
	}
	return true
}

// back redirects after a successful POST (303); the next page shows the
// notice (kept in a signed cookie, see setNotice).
func back(w http.ResponseWriter, r *http.Request, to, notice string) {
	setNotice(w, r, notice)
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// formLines splits a textarea into non-empty trimmed lines (points), each
// with its [[…]] turned into confidential passages. A line whose marks are
// unbalanced or nested is an input error with a German reason (the caller
// stores nothing): a passage never runs from one point into the next.
func formLines(s string) ([]string, error) {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			marked, err := model.ConfidentialMarks(l)
			if err != nil {
				return nil, err
			}
			out = append(out, marked)
		}
	}
	return out, nil
}

// formText reads a textarea as one text: its non-empty trimmed lines joined
// by line breaks, [[…]] turned into confidential passages (which may run
// over several lines). Unbalanced or nested marks are an input error.
func formText(s string) (string, error) {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return model.ConfidentialMarks(strings.Join(lines, "\n"))
}

// editableMarks turns redaction marks back into [[…]] for a form field.
func editableMarks(s string) string {
	return model.TypedMarks(s)
}

func formVersion(r *http.Request) int {
	v, _ := strconv.Atoi(r.PostFormValue("version"))
	return v
}

// today is the date in German time, whatever the server's zone.
func today() model.Date { return model.BerlinDate(time.Now()) }

func splitFormList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// memberList splits a form's list of members — applicants ("Bund, HE,
// BY"), reporting members — and writes each as the member's abbreviation,
// whatever its case or whether it was given by name ("BUND" and "bund" are
// "Bund", "Hessen" is "HE"). What names no member stays as typed, for the
// store to refuse with its reason (or, a reporting body such as a project
// group, to keep).
func (s *Server) memberList(ctx context.Context, value string) []string {
	list := splitFormList(value)
	members, err := s.st.Members(ctx)
	if err != nil {
		return list // the store checks them and says what is wrong
	}
	for i, a := range list {
		for _, m := range members {
			if strings.EqualFold(a, m.Abbrev) || strings.EqualFold(a, m.Name) {
				list[i] = m.Abbrev
				break
			}
		}
	}
	return list
}

// parseTerms reads "Begriff:Gewicht" lines (weight 1 if none).
func parseTerms(s string) ([]model.Term, error) {
	var out []model.Term
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		t := model.Term{Term: l, Weight: 1}
		if i := strings.LastIndex(l, ":"); i > 0 {
			w, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(l[i+1:]), ",", ".", 1), 64)
			// NaN and ±Inf parse as floats but are no weights (and cannot
			// be stored as JSON).
			if err != nil || !(w > 0) || math.IsInf(w, 0) {
				return nil, model.InputError("Stichwort „%s“: das Gewicht muss eine positive Zahl sein.", l)
			}
			t = model.Term{Term: strings.TrimSpace(l[:i]), Weight: w}
		}
		out = append(out, t)
	}
	return out, nil
}

// refusedForm is a refused form of a page (the conference page, a
// request's page): shown again open, as typed, with the reason.
type refusedForm struct {
	ID     string     // the form's anchor on the page, e.g. "profil"
	What   string     // what did not happen, e.g. "Das Profil ist nicht gespeichert"
	Values url.Values // what was typed
	Reason string
}

// Typed gives what was typed into field of the refused form id, or def
// when form id was not refused.
func (f refusedForm) Typed(id, field, def string) string {
	if f.ID != id {
		return def
	}
	return f.Values.Get(field)
}

// refusal gives the status and the reason with which a page shows its
// form again after err refused it — input and rule errors, and a conflict
// (the page shows the stored state, the form what was typed, to be checked
// and sent again); false for other errors, which get the error page.
func refusal(err error) (status int, reason string, ok bool) {
	if !formRefusal(err) {
		return 0, "", false
	}
	switch model.ClassOf(err) {
	case model.ErrRule:
		return http.StatusUnprocessableEntity, model.ReasonOf(err), true
	case model.ErrConflict:
		return http.StatusConflict, "Jemand anderes hat inzwischen gespeichert; die Seite zeigt den neuen Stand, das Formular Ihre Eingabe. Bitte prüfen und erneut speichern.", true
	}
	return http.StatusBadRequest, model.ReasonOf(err), true
}
