package store

import (
	"context"
	"slices"
	"testing"

	"gremium/internal/model"
)

// TestDocumentNotesForGivesOnlyWhatTheViewerReads: the store gives a
// viewer only the notes it may read — its own, and those shared with its
// member office by an account of that office. A note stored as shared by
// a spokesperson of the Land (who is no part of its office,
// model.MemberOffice; one shared before sharing was kept to the office)
// reaches neither the office nor another spokesperson; the office's
// shared note does not reach the spokesperson, nor a disabled account of
// the office. Before, the store gave the spokesperson's shared note to
// the office and left the filter to the web layer, so that every other
// caller had to repeat it.
func TestDocumentNotesForGivesOnlyWhatTheViewerReads(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	id := must[int64](t)
	doc := id(s.CreateDocument(ctx, Document{SessionID: sessionID, Filename: "vorlage.pdf", ContentType: "application/pdf", Size: 3, SHA256: "abc", UploadedBy: "HE", Kind: model.DocProposal}))
	he1 := &model.User{Username: "he1", Name: "Büro Hessen 1", Role: model.RoleMember, MemberAbbrev: "HE"}
	he2 := &model.User{Username: "he2", Name: "Büro Hessen 2", Role: model.RoleMember, MemberAbbrev: "HE"}
	sp := &model.User{Username: "sp-he", Name: "Sprecherin Hessen", Role: model.RoleSpokesperson, MemberAbbrev: "HE"}
	sp2 := &model.User{Username: "sp2-he", Name: "Sprecher Hessen", Role: model.RoleSpokesperson, MemberAbbrev: "HE"}
	gone := &model.User{Username: "he3", Name: "Büro Hessen 3", Role: model.RoleMember, MemberAbbrev: "HE"}
	for _, u := range []*model.User{he1, he2, sp, sp2, gone} {
		u.ID = id(s.CreateUser(ctx, *u, "x"))
	}
	gone.Disabled = true
	office := "Linie des Büros"
	spoken := "Notiz der Sprecherin"
	id(s.SaveDocumentNote(ctx, model.DocumentNote{DocumentID: doc, UserID: he1.ID, Member: "HE", Author: he1.Name, Text: office, Shared: true}))
	// As stored before the form kept sharing to the office.
	id(s.SaveDocumentNote(ctx, model.DocumentNote{DocumentID: doc, UserID: sp.ID, Member: "HE", Author: sp.Name, Text: spoken, Shared: true}))
	read := func(u *model.User) []string {
		t.Helper()
		ns, err := s.DocumentNotesFor(ctx, sessionID, u)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range ns[doc] {
			out = append(out, n.Text)
		}
		return out
	}
	for _, c := range []struct {
		who  string
		u    *model.User
		want []string
	}{
		{"the author of the office's note", he1, []string{office}},
		{"a colleague in the office", he2, []string{office}},
		{"the spokesperson, author of her own note", sp, []string{spoken}},
		{"another spokesperson of the Land", sp2, nil},
		{"a disabled account of the office", gone, nil},
		{"nobody", nil, nil},
	} {
		if got := read(c.u); !slices.Equal(got, c.want) {
			t.Errorf("%s reads %q, want %q", c.who, got, c.want)
		}
	}
}
