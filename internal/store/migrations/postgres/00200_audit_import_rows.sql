-- +goose Up
-- An import of minutes is one audit entry (action "import" on the session)
-- that names the rows it created by id ranges in its hashed new_values
-- ("importiert"). This table is the index of those ranges, so that the
-- history of one created row (an agenda item, a minutes row, a decision)
-- finds the import entry that created it. It is written with the entry,
-- in the same transaction, and derived from it: the chain stays the proof.
CREATE TABLE audit_import_rows (
    entity   TEXT NOT NULL,
    first_id BIGINT NOT NULL,
    last_id  BIGINT NOT NULL,
    entry_id BIGINT NOT NULL REFERENCES audit_log(id)
);
-- SQLite reuses the highest ids of removed rows: a range may repeat.
CREATE INDEX audit_import_rows_range ON audit_import_rows(entity, first_id);
CREATE INDEX audit_import_rows_entry ON audit_import_rows(entry_id);

-- +goose Down
DROP TABLE audit_import_rows;
