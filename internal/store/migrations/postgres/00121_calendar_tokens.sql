-- +goose Up
-- The private address of a person's calendar feed (/kalender/{token}.ics):
-- one per account, only the token's SHA-256 is kept; a new address or a
-- revocation replaces or removes the row.
CREATE TABLE calendar_tokens (
    id         BIGINT PRIMARY KEY,
    user_id    BIGINT NOT NULL UNIQUE REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TRIGGER calendar_tokens_rowid BEFORE INSERT ON calendar_tokens FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

-- +goose Down
DROP TABLE calendar_tokens;
