package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gremium/internal/model"
)

// The legal pages of the site (Impressum, Erklärung zur Barrierefreiheit,
// Datenschutzerklärung): one row each in legal_pages (migration 00321),
// set by the secretariat.

// legalPageID is the row of each legal page.
var legalPageID = map[model.LegalPageKind]int64{model.LegalImprint: 1, model.LegalAccessibility: 2, model.LegalPrivacy: 3}

const legalPageCols = `kind, text, version, updated_at, updated_by`

func scanLegalPage(r scanner) (model.LegalPage, error) {
	var p model.LegalPage
	var at string
	err := r.Scan(&p.Kind, &p.Text, &p.Version, &at, &p.UpdatedBy)
	if at != "" {
		p.UpdatedAt, _ = time.Parse(time.RFC3339, at)
	}
	return p, err
}

// LegalPages gives the legal pages in the order of model.LegalPageKinds.
func (s *Store) LegalPages(ctx context.Context) ([]model.LegalPage, error) {
	return queryList(ctx, s.db, scanLegalPage, "legal pages", `SELECT `+legalPageCols+` FROM legal_pages ORDER BY id`)
}

// LegalPage gives one legal page.
func (s *Store) LegalPage(ctx context.Context, k model.LegalPageKind) (model.LegalPage, error) {
	id, ok := legalPageID[k]
	if !ok {
		return model.LegalPage{}, fmt.Errorf("store: legal page %q: %w", k, ErrNotFound)
	}
	return queryOne(ctx, s.db, scanLegalPage, "legal page "+string(k), `SELECT `+legalPageCols+` FROM legal_pages WHERE id = ?`, id)
}

// SaveLegalPage sets the text of a legal page in one transaction, audited
// as "legal_page": version is the version the editor started from (a
// stale one gives ErrConflict and changes nothing). The text must pass
// model.CheckLegalText; an empty text makes the page unset again.
func (s *Store) SaveLegalPage(ctx context.Context, k model.LegalPageKind, text string, version int) error {
	id, ok := legalPageID[k]
	if !ok {
		return fmt.Errorf("store: legal page %q: %w", k, ErrNotFound)
	}
	if err := model.CheckLegalText(text); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updateVersioned(ctx, tx, "legal_pages", "legal_page", id, version, `text = ?, updated_at = ?, updated_by = ?`,
			text, s.now().UTC().Format(time.RFC3339), actorFrom(ctx))
	})
}
