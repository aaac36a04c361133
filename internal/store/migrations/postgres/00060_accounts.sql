-- +goose Up
-- Account security: when a login session was last used (idle timeout),
-- accounts that must set a new password, accounts of an OpenID Connect
-- provider, API tokens with an id and an expiry, server keys (signed
-- cookies), and the version of a decision profile (optimistic locking).

-- The last use of a login session lives beside it, not in it: it changes
-- on every request and is activity, not a change of stored data (the audit
-- log records logins and logouts, not clicks). It goes with its session.
CREATE TABLE login_seen (
    token_hash TEXT PRIMARY KEY REFERENCES login_sessions(token_hash) ON DELETE CASCADE,
    seen_at    TEXT NOT NULL
);

-- Set when the secretariat resets the password: the account must choose a
-- new one before anything else.
ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
-- "issuer subject" of an account that logs in with OpenID Connect ('' for
-- local accounts, which log in with their password).
ALTER TABLE users ADD COLUMN oidc_subject TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject) WHERE oidc_subject <> '';

-- API tokens get an id (to list and revoke them) and an expiry; tokens made
-- before keep none ('').
CREATE TABLE api_tokens_new (
    id         BIGINT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    name       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER api_tokens_new_rowid BEFORE INSERT ON api_tokens_new FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
INSERT INTO api_tokens_new (token_hash, user_id, name, created_at)
    SELECT token_hash, user_id, name, created_at FROM api_tokens ORDER BY created_at;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Random keys of the server (HMAC of signed cookies), shared by every
-- instance on the database.
CREATE TABLE server_keys (
    name       TEXT PRIMARY KEY,
    key        BYTEA NOT NULL,
    created_at TEXT NOT NULL
);

-- The decision profile (Beschluss-Steckbrief) is saved against the version
-- it was read in; a stale save is refused.
ALTER TABLE decisions ADD COLUMN profile_version BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE decisions DROP COLUMN profile_version;
DROP TABLE server_keys;
CREATE TABLE api_tokens_old (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    name       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
INSERT INTO api_tokens_old (token_hash, user_id, name, created_at)
    SELECT token_hash, user_id, name, created_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_old RENAME TO api_tokens;
DROP INDEX users_oidc_subject;
ALTER TABLE users DROP COLUMN oidc_subject;
ALTER TABLE users DROP COLUMN must_change_password;
DROP TABLE login_seen;
