package web

// Documents per agenda item (kind, version, upload date) and the members'
// own notes on them (private, or shared with the own office).

import (
	"context"
	"fmt"
	"net/http"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// docView is a document as the session page lists it, with the notes the
// viewer may read and the viewer's own note (for the form).
type docView struct {
	store.Document
	Notes []model.DocumentNote // shared notes of the viewer's office
	Own   model.DocumentNote
}

// docGroup is the documents of one agenda item, or of the session in
// general (Item zero).
type docGroup struct {
	Label string
	Docs  []docView
}

// documentGroups groups the documents the viewer may see by agenda item,
// in agenda order, the session's general documents first.
func (s *Server) documentGroups(ctx context.Context, u *model.User, se model.Session, docs []store.Document) ([]docGroup, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	items, err := s.st.Items(ctx, se.ID)
	if err != nil {
		return nil, err
	}
	notes, err := s.st.DocumentNotesFor(ctx, se.ID, u)
	if err != nil {
		return nil, err
	}
	// The store gives only the notes u may read (own, and those an
	// account of u's office shared with it: store.DocumentNotesFor).
	byItem := map[int64][]docView{}
	for _, d := range docs {
		v := docView{Document: d}
		for _, n := range notes[d.ID] {
			if n.UserID == u.ID {
				v.Own = n
				continue
			}
			v.Notes = append(v.Notes, n)
		}
		byItem[d.ItemID] = append(byItem[d.ItemID], v)
	}
	var out []docGroup
	if g := byItem[0]; len(g) > 0 {
		out = append(out, docGroup{Label: "Zur Sitzung allgemein", Docs: g})
	}
	for _, it := range items {
		if g := byItem[it.ID]; len(g) > 0 {
			label := it.Title
			if it.OnAgenda() {
				label = it.Label() + " – " + it.Title
			} else {
				label += " (Anmeldung: " + it.Status.Label() + ")"
			}
			out = append(out, docGroup{Label: label, Docs: g})
		}
	}
	return out, nil
}

// saveDocumentNote stores the user's own note on a document: private, or
// shared with the own office; an empty text removes it.
func init() {
	// The note field's maxlength: the browser stops at the store's limit
	// instead of a refusal after sending (a longer note led to an error
	// page).
	funcs["maxNoteLength"] = func() int { return store.MaxNoteLength }
	// Whether the form offers "mit meinem Büro teilen": to an account of
	// a member office only (model.MemberOffice), not to a spokesperson.
	funcs["memberOffice"] = func(u *model.User) bool { return model.MemberOffice(u) != "" }
}

func (s *Server) saveDocumentNote(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	d, ok := s.documentFromPath(w, r, u)
	if !ok {
		return
	}
	se, err := s.st.Session(r.Context(), d.SessionID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Only an account of a member office shares with its office
	// (model.MemberOffice); the form offers no "teilen" to any other. A
	// request that ticks it all the same (a spokesperson's, before the
	// form stopped offering it) stores the note privately and says so,
	// rather than losing the text to a refusal.
	office := model.MemberOffice(u)
	asked := r.PostFormValue("teilen") == "1"
	n := model.DocumentNote{DocumentID: d.ID, UserID: u.ID, Member: u.MemberAbbrev, Author: u.Name,
		Text: r.PostFormValue("notiz"), Shared: asked && office != ""}
	nid, err := s.st.SaveDocumentNote(r.Context(), n)
	if err != nil {
		s.failKeeping(w, r, err, "", n.Text)
		return
	}
	msg := "Ihre Notiz ist gespeichert; nur Sie sehen sie."
	switch {
	case nid == 0:
		msg = "Ihre Notiz ist gelöscht."
	case n.Shared:
		msg = "Ihre Notiz ist gespeichert und für Ihr Büro sichtbar."
	case asked:
		msg = "Ihre Notiz ist gespeichert; nur Sie sehen sie. Mit einem Büro teilen nur die Konten eines Mitglieds, nicht Sprecherinnen und Sprecher oder Gäste."
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d#dok-%d", se.Number, d.ID), msg)
}
