-- +goose Up
-- The one-time keys of the forms that made something (field "formular"
-- of the web's forms, store.SentOnce): the same form sent again — the
-- back button, a double click — finds its key here and stores nothing;
-- it leads to object_id, what the first send made (kind: what the form
-- makes, e.g. "procedure"). sent_by is the account that sent it: another
-- account's key is refused. The agenda registration keeps its key in
-- agenda_items.form_key (migration 00830).
CREATE TABLE sent_forms (
    form_key  TEXT PRIMARY KEY,
    kind      TEXT NOT NULL,
    sent_by   TEXT NOT NULL,
    object_id INTEGER NOT NULL,
    sent_at   TEXT NOT NULL
);

-- +goose Down
DROP TABLE sent_forms;
