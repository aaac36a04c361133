package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestDocumentKindsVersionsAndNotes: a second upload of the same kind to
// the same item is version 2; a note is private to its author until it is
// shared with the author's office, never seen by another member, and the
// audit log records it without its text.
func TestDocumentKindsVersionsAndNotes(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	id := must[int64](t)
	doc := Document{SessionID: sessionID, Filename: "vorschlag.pdf", ContentType: "application/pdf", Size: 3, SHA256: "abc", UploadedBy: "HE", Kind: model.DocProposal}
	d1 := id(s.CreateDocument(ctx, doc))
	doc.Filename = "vorschlag-2.pdf"
	d2 := id(s.CreateDocument(ctx, doc))
	doc.Kind, doc.Filename = model.DocReport, "bericht.pdf"
	d3 := id(s.CreateDocument(ctx, doc))
	if _, err := s.CreateDocument(ctx, Document{SessionID: sessionID, Filename: "x.pdf", ContentType: "application/pdf", SHA256: "x", Kind: "brief"}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("unknown kind: %v", err)
	}
	for want, docID := range map[int]int64{1: d1, 2: d2} {
		if got, _ := s.Document(ctx, docID); got.Version != want || got.Kind != model.DocProposal {
			t.Errorf("document %d: %+v, want version %d", docID, got, want)
		}
	}
	if got, _ := s.Document(ctx, d3); got.Version != 1 {
		t.Errorf("report: version %d", got.Version)
	}

	he1 := &model.User{Username: "he1", Name: "Büro Hessen 1", Role: model.RoleMember, MemberAbbrev: "HE"}
	he2 := &model.User{Username: "he2", Name: "Büro Hessen 2", Role: model.RoleMember, MemberAbbrev: "HE"}
	hh := &model.User{Username: "hh", Name: "Büro Hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}
	for _, u := range []*model.User{he1, he2, hh} {
		u.ID = id(s.CreateUser(ctx, *u, "x"))
	}
	secret := "Unsere Linie: zustimmen, wenn der Bund zahlt"
	note := model.DocumentNote{DocumentID: d1, UserID: he1.ID, Member: "HE", Author: he1.Name, Text: secret}
	nid := id(s.SaveDocumentNote(ctx, note))
	seen := func(u *model.User) bool {
		ns, err := s.DocumentNotesFor(ctx, sessionID, u)
		if err != nil {
			t.Fatal(err)
		}
		return len(ns[d1]) == 1 && ns[d1][0].Text == secret
	}
	if !seen(he1) || seen(he2) || seen(hh) {
		t.Errorf("private note: author %v, office %v, other member %v", seen(he1), seen(he2), seen(hh))
	}
	note.Shared = true
	if got := id(s.SaveDocumentNote(ctx, note)); got != nid {
		t.Errorf("saving again made note %d, want %d", got, nid)
	}
	if !seen(he1) || !seen(he2) || seen(hh) {
		t.Errorf("shared note: author %v, office %v, other member %v", seen(he1), seen(he2), seen(hh))
	}
	if _, err := s.SaveDocumentNote(ctx, model.DocumentNote{DocumentID: d1, UserID: he1.ID, Text: strings.Repeat("x", MaxNoteLength+1)}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("overlong note: %v", err)
	}
	if _, err := s.SaveDocumentNote(ctx, model.DocumentNote{DocumentID: 999, UserID: he1.ID, Text: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("note on a missing document: %v", err)
	}
	note.Text = ""
	if got := id(s.SaveDocumentNote(ctx, note)); got != 0 || seen(he1) {
		t.Errorf("removed note: id %d, still seen %v", got, seen(he1))
	}
	page, err := s.AuditEntries(ctx, AuditFilter{Entity: "document_note"})
	entries := page.Entries
	if err != nil || len(entries) != 3 {
		t.Fatalf("audit entries: %v %d", err, len(entries))
	}
	for _, e := range entries {
		if strings.Contains(e.Before+e.After, "zustimmen") {
			t.Errorf("the audit log keeps the note's text: %+v", e)
		}
	}
}
