-- +goose Up
-- The legal pages of the site whose content the operator sets (docs/operations.md,
-- "Legal pages"): Impressum (DDG § 5), Erklärung zur Barrierefreiheit
-- (BITV 2.0 § 7), Datenschutzerklärung (DSGVO Art. 13). One row each,
-- written here with an empty text (unset); the secretariat edits them
-- (store.SaveLegalPage, versioned and audited as "legal_page").
CREATE TABLE legal_pages (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL UNIQUE,
    text       TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL DEFAULT ''
);
INSERT INTO legal_pages (id, kind) VALUES (1, 'impressum'), (2, 'barrierefreiheit'), (3, 'datenschutz');

-- +goose Down
DROP TABLE legal_pages;
