package store

import (
	"context"
	"errors"
	"testing"

	"gremium/internal/model"
)

// TestLegalPages: the three legal pages exist unset after the migration;
// a save sets the text in one audited transaction; a stale version, HTML
// or a confidential mark is refused and changes nothing.
func TestLegalPages(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	ps := must[[]model.LegalPage](t)(s.LegalPages(ctx))
	if len(ps) != 3 {
		t.Fatalf("legal pages: %+v", ps)
	}
	for i, p := range ps {
		if p.Kind != model.LegalPageKinds[i] || p.Set() || p.Version != 0 {
			t.Errorf("page %d: %+v", i, p)
		}
	}
	before := count(t, s, "audit_log")
	text := "## Anschrift\nFITKO\nZum Gottschalkhof 3\n60594 Frankfurt am Main"
	check(t, s.SaveLegalPage(ctx, model.LegalImprint, text, 0))
	p := must[model.LegalPage](t)(s.LegalPage(ctx, model.LegalImprint))
	if p.Text != text || p.Version != 1 || p.UpdatedBy != "geschaeftsstelle" || p.UpdatedAt.IsZero() || !p.Set() {
		t.Errorf("saved: %+v", p)
	}
	if n := count(t, s, "audit_log"); n != before+1 {
		t.Errorf("%d audit entries for one save", n-before)
	}
	for _, c := range []struct {
		text    string
		version int
		class   model.Class
	}{
		{"Neu", 0, model.ErrConflict},
		{"<b>fett</b>", 1, model.ErrInput},
		{"Intern: [[geheim]]", 1, model.ErrInput},
		{"[Klick](javascript:alert)", 1, model.ErrInput},
	} {
		err := s.SaveLegalPage(ctx, model.LegalImprint, c.text, c.version)
		if model.ClassOf(err) != c.class {
			t.Errorf("%q: %v, want class %v", c.text, err, c.class)
		}
	}
	if p2 := must[model.LegalPage](t)(s.LegalPage(ctx, model.LegalImprint)); p2.Text != text || p2.Version != 1 {
		t.Errorf("after refused saves: %+v", p2)
	}
	if _, err := s.LegalPage(ctx, "agb"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown page: %v", err)
	}
	objs := must[[]AuditObject](t)(s.AuditObjects(ctx, []model.AuditEntry{{Entity: "legal_page", EntityID: 1}}))
	if objs[0].Name != "Impressum" || objs[0].Path != "/rechtliche-seiten/impressum" {
		t.Errorf("audit object: %+v", objs[0])
	}
}
