package web

// Form helpers shared by the page families: reading posted forms, lists
// and points typed into text areas, confidential marks, redirects.

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gremium/internal/model"
	"gremium/internal/store"
)

// MaxFormBytes bounds the body of an ordinary (non-upload) form.
const MaxFormBytes = 1 << 20

// formLimits are the routes whose forms have another bound than
// MaxFormBytes: 0 marks an upload, which bounds
// and reads its own body (uploadDocument, importConferenceDates).
var formLimits = map[string]int64{
	// The login carries the form of a login that expired (loginExpired),
	// so it takes what any form takes.
	"POST /anmelden":                 MaxFormBytes,
	"POST /sitzungen/{nr}/dokumente": 0,
	// The AL-Runde's documents, uploaded as the IT-PLR's (before: refused
	// over 1 MB as "Formular zu groß").
	"POST /gremien/{gremium}/sitzungen/{nr}/dokumente": 0,
	"POST /fachmk/termine/import":                      0,
}

// formRouter registers the routes with the bound on their forms (readForm):
// every route that takes a body, whoever wrote its handler, reads its form
// before the handler runs.
type formRouter struct {
	router
	s *Server
}

// Handle registers h for pattern, reading its form first (readForm).
func (f formRouter) Handle(pattern string, h http.Handler) {
	f.router.Handle(pattern, f.s.readForm(pattern, h))
}

// HandleFunc registers h for pattern, reading its form first (readForm).
func (f formRouter) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	f.Handle(pattern, http.HandlerFunc(h))
}

// readForm reads the form of a request to pattern (urlencoded or
// multipart) up to its bound before h runs, and refuses a larger one with
// 413 and a German message. Before, a multipart body over the bound read
// as empty fields (PostFormValue drops the parse error), so a form could be
// "saved" empty. GET routes, uploads and other bodies (the API's JSON) go
// to h as they are.
func (s *Server) readForm(pattern string, h http.Handler) http.Handler {
	limit, ok := formLimits[pattern]
	if !ok {
		limit = MaxFormBytes
	}
	if strings.HasPrefix(pattern, "GET ") {
		return h
	}
	if limit == 0 {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer removeUploads(r)
			h.ServeHTTP(w, r)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer removeUploads(r)
		ctype, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
		ctype = strings.ToLower(strings.TrimSpace(ctype))
		if r.Method == http.MethodGet || r.Method == http.MethodHead || (ctype != "application/x-www-form-urlencoded" && ctype != "multipart/form-data") {
			h.ServeHTTP(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		var err error
		if ctype == "multipart/form-data" {
			err = r.ParseMultipartForm(limit)
		} else {
			err = r.ParseForm()
		}
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			s.formTooLarge(w, r, limit)
			return
		case err != nil:
			s.badRequest(w, r, "Das Formular konnte nicht gelesen werden (fehlerhaft übertragen).")
			return
		}
		pastedBreaks(r)
		softHyphensOut(r, pattern)
		controlCharactersOut(r, pattern)
		if name, bad := unfitField(r); bad {
			s.badRequest(w, r, "Das Feld „"+name+"“ enthält ein Nullzeichen, ein Steuerzeichen oder Zeichen, die kein gültiges UTF-8 sind. Bitte entfernen Sie diese Zeichen (etwa aus einem eingefügten Text).")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// pastedBreaks turns the line and page breaks of text pasted from slides
// and PDFs — a vertical tab (PowerPoint's line break), a form feed — into
// line breaks: the user cannot see them, and refused they cost a typed
// form.
func pastedBreaks(r *http.Request) {
	for _, form := range []url.Values{r.PostForm, r.Form} {
		for _, vs := range form {
			for i, v := range vs {
				if strings.ContainsAny(v, "\v\f") {
					vs[i] = strings.NewReplacer("\v", "\n", "\f", "\n").Replace(v)
				}
			}
		}
	}
}

// passwordFields are the fields, by route, that hold a password: it is
// compared as typed, so softHyphensOut takes nothing out of it.
var passwordFields = map[string][]string{
	"POST /anmelden":       {"passwort"},
	"POST " + passwordPath: {"bisher", "neu", "wiederholung"},
}

// softHyphensOut takes the soft hyphens (U+00AD) out of every field of
// r's form (urlencoded or multipart) but the passwords of the route
// pattern (passwordFields). The pages put them into long words for narrow
// screens (hyphenate); a title copied from a page and pasted into
// a form carried them into the store, and on to the JSON API, OParl, the
// feeds, the calendar, the exports and the search. The JSON API takes
// them out of its bodies alike (api.decodeBody).
func softHyphensOut(r *http.Request, pattern string) {
	eachTypedField(r, pattern, model.WithoutSoftHyphens)
}

// eachTypedField sets every value of every field of r's form (urlencoded
// or multipart) to clean of it, but the passwords of the route pattern
// (passwordFields), which are compared as typed.
func eachTypedField(r *http.Request, pattern string, clean func(string) string) {
	keep := passwordFields[pattern]
	forms := []url.Values{r.PostForm, r.Form}
	if r.MultipartForm != nil {
		forms = append(forms, r.MultipartForm.Value)
	}
	for _, form := range forms {
		for name, vs := range form {
			if slices.Contains(keep, name) {
				continue
			}
			for i, v := range vs {
				vs[i] = clean(v)
			}
		}
	}
}

// controlCharactersOut takes the control characters — C0 but tab, line
// feed, carriage return and NUL; DEL; the C1 controls U+0080–U+009F — out
// of every field of r's form (urlencoded or multipart) but the passwords
// of the route pattern (passwordFields). Text pasted from a PDF carries
// them (U+0002, U+0003, C1 controls for quotes or dashes): the user cannot
// see them and never meant them, and refused, they cost the whole typed
// form (before: 400 on the bare error page). What no browser sends — a
// NUL, bytes that are not UTF-8 — and a password, which is compared as
// typed, are left for unfitField to refuse.
func controlCharactersOut(r *http.Request, pattern string) {
	eachTypedField(r, pattern, withoutControlCharacters)
}

// withoutControlCharacters gives s without the control characters
// controlCharactersOut takes out; s with a NUL or bytes that are not UTF-8
// is given as it is (refused by unfitField).
func withoutControlCharacters(s string) string {
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return -1
		}
		return r
	}, s)
}

// unfitField gives the label (or name) of the first field of r's form, in
// the order of their names, whose value holds characters no field takes
// (model.UnfitCharacters) after controlCharactersOut took out the
// invisible ones: a NUL, bytes that are not UTF-8, a control character
// in a password. Before, such text was stored as sent and served back
// raw, on the public minutes' text too.
func unfitField(r *http.Request) (string, bool) {
	for _, name := range slices.Sorted(maps.Keys(r.PostForm)) {
		for _, v := range r.PostForm[name] {
			if model.UnfitCharacters(v) || model.UnfitCharacters(name) {
				if l, _, ok := keptLabelOf(name); ok && l.Label != "" {
					return l.Label, true
				}
				return strings.ToValidUTF8(name, "?"), true
			}
		}
	}
	return "", false
}

// removeUploads deletes the temporary files of a multipart form read
// from r (the parts over ParseMultipartForm's memory bound). net/http
// removes them only for the request it made, and the handlers get a copy
// (the middleware's WithContext): before, every upload — refused ones too
// — left its file in the temporary directory for good.
func removeUploads(r *http.Request) {
	if r.MultipartForm != nil {
		r.MultipartForm.RemoveAll()
	}
}

// formTooLarge refuses a form over its bound: 413, nothing stored.
func (s *Server) formTooLarge(w http.ResponseWriter, r *http.Request, limit int64) {
	reason := fmt.Sprintf("Das Formular ist zu groß (mehr als %d KB) und wurde nicht gespeichert. Bitte kürzen Sie die Eingaben; Dateien laden Sie bitte über „Dokument hochladen“ hoch.", limit>>10)
	s.log.Info("refused", "path", logPath(r), "status", http.StatusRequestEntityTooLarge, "request_id", requestID(r), "err", "form too large")
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		fmt.Fprintf(w, `<span class="save-state conflict" role="alert">Nicht gespeichert: %s</span>`, template.HTMLEscapeString(reason))
		return
	}
	s.render(w, r, http.StatusRequestEntityTooLarge, "error.html", view{Title: "Formular zu groß", Data: errorPage{Reason: reason}})
}

// parseForm reads a urlencoded form of bounded size (readForm has read it
// already for every route; this keeps a handler safe on its own).
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) bool {
	read := r.PostForm != nil // by readForm, which took out what it takes out
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.formTooLarge(w, r, MaxFormBytes)
			return false
		}
		s.badRequest(w, r, "Das Formular konnte nicht gelesen werden (zu groß oder fehlerhaft).")
		return false
	}
	if !read {
		softHyphensOut(r, r.Pattern) // as readForm does
		controlCharactersOut(r, r.Pattern)
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
// with its [[…]] turned into confidential passages (model.MarkedLines). A
// line whose marks are unbalanced or nested is an input error with a
// German reason (the caller stores nothing): a passage never runs from one
// point into the next, and a mark closed only on a later line is told so.
func formLines(s string) ([]string, error) {
	if err := model.CheckTextLength(strings.TrimSpace(s), "Der Text", model.TextMax); err != nil {
		return nil, err
	}
	return model.MarkedLines(strings.Split(s, "\n"))
}

// formText reads a textarea as one text: its non-empty trimmed lines joined
// by line breaks, [[…]] turned into confidential passages (which may run
// over several lines). Unbalanced or nested marks are an input error.
func formText(s string) (string, error) {
	if err := model.CheckTextLength(strings.TrimSpace(s), "Der Text", model.TextMax); err != nil {
		return "", err
	}
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
// "Bund", "Hessen" is "HE"; model.MemberAbbrevs). What names no member
// stays as typed, for the rules to refuse with its reason
// (model.UnknownMembers).
func (s *Server) memberList(ctx context.Context, value string) []string {
	list := splitFormList(value)
	members, err := s.st.Members(ctx)
	if err != nil {
		return list // the rules check them and say what is wrong
	}
	return model.MemberAbbrevs(list, members)
}

// parseTerms reads "Begriff:Gewicht" lines (weight 1 if none); every line
// whose weight is none gives its reason (errors.Join), not the first only.
func parseTerms(s string) ([]model.Term, error) {
	var out []model.Term
	var bad []error
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
				bad = append(bad, model.InputError("Stichwort „%s“: das Gewicht muss eine positive Zahl sein.", l))
				continue
			}
			t = model.Term{Term: strings.TrimSpace(l[:i]), Weight: w}
		}
		out = append(out, t)
	}
	if len(bad) > 0 {
		return nil, errors.Join(bad...)
	}
	return out, nil
}

// refusedForm is a refused form of a page of several forms (the
// conference page, a request's page, the live page): shown again open, as
// typed, with every reason at its field and all of them above the form.
type refusedForm struct {
	ID     string     // the form's anchor on the page, e.g. "profil"
	What   string     // what did not happen, e.g. "Das Profil ist nicht gespeichert"
	Values url.Values // what was typed
	// Problems are the reasons, each at its field (model.FieldOf: "frist";
	// "" for the form as a whole).
	Problems problems
}

// refusedFormOf gives form id of the page (what did not happen: what)
// refused by err, with what r's form typed, and the status to answer
// with (see refusalProblems); false when err is no refusal, for the error
// page.
func refusedFormOf(r *http.Request, id, what string, err error) (form refusedForm, status int, ok bool) {
	status, p, ok := refusalProblems(err)
	return refusedForm{ID: id, What: what, Values: r.PostForm, Problems: p}, status, ok
}

// Typed gives what was typed into field of the refused form id, or def
// when form id was not refused.
func (f refusedForm) Typed(id, field, def string) string {
	if f.ID != id {
		return def
	}
	return f.Values.Get(field)
}

// At gives the reasons about field when form id was refused ("" else),
// for the templates "invalid" and "field-error".
func (f refusedForm) At(id, field string) string {
	return f.Problems.AtIf(f.ID == id, field)
}

// Of reports whether the refused form is one of a family whose ids start
// with prefix ("gl-": a pull from the Grüne Liste, one form per item).
func (f refusedForm) Of(prefix string) bool { return f.ID != "" && strings.HasPrefix(f.ID, prefix) }

// Summary gives every reason of the refused form, for the error box.
func (f refusedForm) Summary() string { return f.Problems.Summary() }

// problems are the reasons a form of several fields was refused, each at
// its field (model.FieldOf; "" for the form as a whole): the page lists
// them above the form (Summary) and gives each to its field (At).
type problems []error

// add appends err, a refusal with its field, or each of the refusals err
// joins (problemsOf).
func (p *problems) add(err error) { *p = append(*p, problemsOf(err)...) }

// addUnrefused appends the refusals of err (nil: none) about fields no
// reason is given for yet: a record's own rules checked after the form's
// fields were read (a date that is no date is said once, not again as
// "missing").
func (p *problems) addUnrefused(err error) {
	if err == nil {
		return
	}
	refused := map[string]bool{}
	for _, e := range *p {
		refused[model.FieldOf(e)] = true
	}
	for _, e := range problemsOf(err) {
		if f := model.FieldOf(e); f == "" || !refused[f] {
			p.add(e)
		}
	}
}

// err gives the problems as one error (errors.Join; nil when there are
// none), for a form reader that reports every bad field at once
// (refusalProblems splits it again).
func (p problems) err() error { return errors.Join(p...) }

// Conflict reports whether one of the reasons is a conflict (a stale
// form, the minutes changed since the page was shown), which a form
// answers with 409.
func (p problems) Conflict() bool {
	for _, err := range p {
		if model.ClassOf(err) == model.ErrConflict {
			return true
		}
	}
	return false
}

// inputShown reports whether one of the reasons says itself that the
// form shows what was typed (model.InputShownConflict:
// errChangedMeanwhile and the like), so that the box above the form
// does not say it again. Before, any conflict counted, and a box whose
// conflict has a reason of its own (the minutes changed since the page
// was shown, a vote running) said nothing of the input the form shows.
func (p problems) inputShown() bool {
	for _, err := range p {
		if model.SaysInputShown(err) {
			return true
		}
	}
	return false
}

// At gives the reasons about field ("" when none is), for the templates
// "invalid" and "field-error".
func (p problems) At(field string) string {
	var out []string
	for _, err := range p {
		if model.FieldOf(err) == field {
			out = append(out, model.ReasonOf(err))
		}
	}
	return strings.Join(out, " ")
}

// AtIf gives At(field) for the refused form of a page of several (ok: it
// is that form), "" for the others.
func (p problems) AtIf(ok bool, field string) string {
	if !ok {
		return ""
	}
	return p.At(field)
}

// Summary gives every reason, for the error box above the form.
func (p problems) Summary() string {
	out := make([]string, len(p))
	for i, err := range p {
		out[i] = model.ReasonOf(err)
	}
	return strings.Join(out, " ")
}

// inOrder gives the problems sorted by their fields' place in fields (the
// form's order); reasons about the whole form come first, reasons about
// one field keep their order.
func (p problems) inOrder(fields ...string) problems {
	out := slices.Clone(p)
	slices.SortStableFunc(out, func(a, b error) int {
		return slices.Index(fields, model.FieldOf(a)) - slices.Index(fields, model.FieldOf(b))
	})
	return out
}

// fieldProblem is a reason a form was refused and the field it concerns
// ("" for the form as a whole).
type fieldProblem struct {
	Field, Reason string
}

// List gives every reason with its field, for a summary above the form
// that links each reason to its field.
func (p problems) List() []fieldProblem {
	out := make([]fieldProblem, len(p))
	for i, err := range p {
		out[i] = fieldProblem{model.FieldOf(err), model.ReasonOf(err)}
	}
	return out
}

// ListAs gives every reason with the id its field has on the page
// (fieldID: the form's name of a field → the element's id, "" for a
// reason that links nowhere), for the box above a form whose ids are not
// its fields' names (name_2 is the input name-2).
func (p problems) ListAs(fieldID func(field string) string) []fieldProblem {
	list := p.List()
	for i := range list {
		if list[i].Field != "" {
			list[i].Field = fieldID(list[i].Field)
		}
	}
	return list
}

// errorSummary is what the template "error-summary" gets: the box above a
// refused form that lists every reason, each a link to its field (WCAG
// 3.3.1; the field says it again with aria-invalid and its
// "field-error"). The layout focuses it (view.Refused).
type errorSummary struct {
	ID   string // the box's id, e.g. "melden-fehler"
	What string // what did not happen, e.g. "Der Stand ist nicht gespeichert"
	List []fieldProblem
	// Typed says the form shows what was typed, unless a reason says so
	// itself (problems.inputShown).
	Typed bool
}

// newErrorSummary gives the summary box id for the reasons p of a form
// refused (what did not happen: what). ids are pairs of a field's form
// name and its element's id on the page ("erledigt_am", "erledigt-am");
// without them a field's id is its name. A reason about a field the pairs
// do not name links nowhere (the page has no such field).
func newErrorSummary(id, what string, p problems, ids ...string) errorSummary {
	fieldID := func(f string) string { return f }
	if len(ids) > 0 {
		m := make(map[string]string, len(ids)/2)
		for i := 0; i+1 < len(ids); i += 2 {
			m[ids[i]] = ids[i+1]
		}
		fieldID = func(f string) string { return m[f] }
	}
	return summaryAs(id, what, p, fieldID)
}

// summaryAs gives the summary box id for the reasons p of a form refused
// (what did not happen: what), each field's id on the page given by
// fieldID (problems.ListAs), for a form whose ids follow a rule (a row's
// field name_2 is the input name-2) rather than a list of pairs.
func summaryAs(id, what string, p problems, fieldID func(field string) string) errorSummary {
	return errorSummary{ID: id, What: what, List: p.ListAs(fieldID), Typed: !p.inputShown()}
}

// Within gives the summary with every reason about the form as a whole
// (no field) linked to the form (its id on the page): a form far down a
// page is reached from the box at its top.
func (s errorSummary) Within(form string) errorSummary {
	list := make([]fieldProblem, len(s.List))
	for i, p := range s.List {
		if p.Field == "" {
			p.Field = form
		}
		list[i] = p
	}
	s.List = list
	return s
}

// unlinkedSummary gives the summary box of a form the page does not show
// again: every reason as text, none a link (a link to a field not on the
// page leads nowhere), and no "the form shows your input".
func unlinkedSummary(id, what string, p problems) errorSummary {
	s := newErrorSummary(id, what, p, "", "")
	s.Typed = false
	return s
}

// problemsOf splits err into its refusals: the parts of a joined error
// (errors.Join: every rule a form broke, each at its field), also where
// the store wrapped it, err alone otherwise (model.ErrorsOf, which the
// API splits with too).
func problemsOf(err error) problems { return problems(model.ErrorsOf(err)) }

// allRefusals reports whether every error err joins refuses what a form
// asked for (formRefusal), so that each can be said at its field; one
// that is not (a failed read) gets the error page.
func allRefusals(err error) bool {
	for _, e := range model.ErrorsOf(err) {
		if !formRefusal(e) {
			return false
		}
	}
	return true
}

// refusalProblems gives the status and the reasons with which a page shows
// its form again after err refused it — input and rule errors, every one
// at its field, and a conflict (the page shows the stored state, the form
// what was typed, to be checked and sent again); false when err is or
// holds another error, which gets the error page.
func refusalProblems(err error) (status int, reasons problems, ok bool) {
	reasons = problemsOf(err)
	for _, e := range reasons {
		if !formRefusal(e) {
			return 0, nil, false
		}
	}
	switch model.ClassOf(err) {
	case model.ErrRule:
		return http.StatusUnprocessableEntity, reasons, true
	case model.ErrConflict:
		if !errors.Is(err, store.ErrConflict) {
			// A conflict with a reason of its own ("In dieser Sitzung läuft
			// bereits eine Abstimmung", "… steht bereits auf der
			// Redeliste") is said as it is: before, every conflict read
			// as a stale form, which told the user nothing.
			return http.StatusConflict, reasons, true
		}
		return http.StatusConflict, problems{errChangedMeanwhile}, true
	}
	return http.StatusBadRequest, reasons, true
}

// errChangedMeanwhile is the reason refusalProblems gives for a form
// whose version is no longer the stored one. A page that shows the
// stored values beside the typed ones says so in its own words
// (withMeanwhile).
var errChangedMeanwhile = model.InputShownConflict("Hier wurde inzwischen gespeichert – von jemand anderem oder von Ihnen in einem anderen Fenster; die Seite zeigt den neuen Stand, das Formular Ihre Eingabe. Bitte prüfen und erneut speichern.")
