package web

// The legal pages of the site — Impressum (DDG § 5), Erklärung zur
// Barrierefreiheit (BITV 2.0 § 7), Datenschutzerklärung (DSGVO Art. 13) —
// linked from the footer of every page, whose content the operator sets:
// the secretariat edits them here, sees them as the public will before
// saving, and the start page tells it which are still missing
// (docs/operations.md, "Legal pages").

import (
	"net/http"
	"strconv"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// legalPageData is a legal page as the public sees it.
type legalPageData struct {
	Page   model.LegalPage
	Blocks []model.LegalBlock
}

// legalPage serves the public page of kind k; an unset page says so.
func (s *Server) legalPage(k model.LegalPageKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := s.st.LegalPage(r.Context(), k)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "legal.html", view{Title: k.Title(), Data: legalPageData{Page: p, Blocks: model.LegalText(p.Text)}})
	}
}

// legalListData is the secretariat's overview of the legal pages.
type legalListData struct {
	Pages []model.LegalPage
}

func (s *Server) legalPagesList(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSite, ""); !ok {
		return
	}
	ps, err := s.st.LegalPages(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "legal_pages.html", view{Title: "Rechtliche Seiten", Active: "rechtliches", Data: legalListData{Pages: ps}})
}

// legalEditData is the edit form of a legal page: the stored page, the
// text in the form (as typed), its preview and hints, and an error.
type legalEditData struct {
	Page    model.LegalPage
	Text    string
	Version int
	Preview []model.LegalBlock
	Hints   []string
	// Problems are the reasons the text was refused (at the field "text",
	// a conflict at none), all of them above the form.
	Problems problems
}

// legalKind reads the page kind of the address; false (and a 404) for
// another.
func (s *Server) legalKind(w http.ResponseWriter, r *http.Request) (model.LegalPageKind, bool) {
	k := model.LegalPageKind(r.PathValue("seite"))
	if !k.Valid() {
		s.notFound(w, r, "Diese Seite gibt es nicht; rechtliche Seiten sind Impressum, Barrierefreiheit und Datenschutz.")
		return "", false
	}
	return k, true
}

func (s *Server) legalEditPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSite, ""); !ok {
		return
	}
	k, ok := s.legalKind(w, r)
	if !ok {
		return
	}
	p, err := s.st.LegalPage(r.Context(), k)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderLegalEdit(w, r, http.StatusOK, legalEditData{Page: p, Text: p.Text, Version: p.Version, Preview: model.LegalText(p.Text)})
}

func (s *Server) renderLegalEdit(w http.ResponseWriter, r *http.Request, status int, d legalEditData) {
	d.Hints = model.LegalHints(d.Page.Kind, d.Text)
	s.render(w, r, status, "legal_edit.html", view{Title: d.Page.Kind.Title() + " bearbeiten", Active: "rechtliches", Data: d})
}

// saveLegalPage previews ("vorschau") or saves the typed text. A refused
// text is shown again as typed, with every reason at the field and above
// the form; nothing is stored.
func (s *Server) saveLegalPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSite, ""); !ok || !s.parseForm(w, r) {
		return
	}
	k, ok := s.legalKind(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p, err := s.st.LegalPage(ctx, k)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	text := r.PostFormValue("text")
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	d := legalEditData{Page: p, Text: text, Version: version}
	if r.PostFormValue("aktion") == "vorschau" {
		if err := model.CheckLegalText(text); err != nil {
			d.Problems = problemsOf(err)
			s.renderLegalEdit(w, r, http.StatusBadRequest, d)
			return
		}
		d.Preview = model.LegalText(text)
		s.renderLegalEdit(w, r, http.StatusOK, d)
		return
	}
	err = s.st.SaveLegalPage(ctx, k, text, version)
	switch model.ClassOf(err) {
	case model.ErrInput:
		d.Problems = problemsOf(err)
		s.renderLegalEdit(w, r, http.StatusBadRequest, d)
		return
	case model.ErrConflict:
		d.Problems = problems{model.InputShownConflict("Die Seite wurde inzwischen geändert – von jemand anderem oder von Ihnen in einem anderen Fenster (jetzt Fassung %d); Ihr Text ist nicht gespeichert, das Formular zeigt Ihre Eingabe. Die gespeicherte Fassung sehen Sie in der Vorschau; übernehmen Sie, was Sie brauchen, und speichern Sie erneut.", p.Version)}
		d.Version, d.Preview = p.Version, model.LegalText(p.Text)
		s.renderLegalEdit(w, r, http.StatusConflict, d)
		return
	}
	if err != nil {
		s.failKeeping(w, r, err, "", text)
		return
	}
	notice := "„" + k.Title() + "“ ist gespeichert und öffentlich."
	if !(model.LegalPage{Text: text}).Set() {
		notice = "„" + k.Title() + "“ ist geleert; die öffentliche Seite sagt, dass sie noch nicht hinterlegt ist."
	}
	back(w, r, "/rechtliche-seiten/"+string(k), notice)
}

// missingLegalPages gives the legal pages the operator has not set yet,
// for the secretariat's start page; nil for anyone else.
func (s *Server) missingLegalPages(r *http.Request) ([]model.LegalPageKind, error) {
	if !auth.Can(s.user(r), auth.ManageSite, "") {
		return nil, nil
	}
	ps, err := s.st.LegalPages(r.Context())
	if err != nil {
		return nil, err
	}
	var missing []model.LegalPageKind
	for _, p := range ps {
		if !p.Set() {
			missing = append(missing, p.Kind)
		}
	}
	return missing, nil
}
