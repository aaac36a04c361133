-- +goose Up
-- Accounts, login sessions, the registration of agenda items, documents,
-- comments on draft minutes and approved minutes versions.

CREATE TABLE users (
    id            BIGINT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    member_abbrev TEXT NOT NULL DEFAULT '',
    conference_id BIGINT REFERENCES bodies(id),
    password_hash TEXT NOT NULL,
    disabled      BIGINT NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE TRIGGER users_rowid BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE login_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX login_sessions_user ON login_sessions(user_id);

ALTER TABLE sessions ADD COLUMN registration_deadline TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN agenda_published BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN current_item_id BIGINT NOT NULL DEFAULT 0;

-- Items registered by members wait for the secretariat: angemeldet →
-- angenommen (on the agenda) or abgelehnt. Items recorded otherwise are on
-- the agenda.
ALTER TABLE agenda_items ADD COLUMN status TEXT NOT NULL DEFAULT 'angenommen';
ALTER TABLE agenda_items ADD COLUMN registered_by TEXT NOT NULL DEFAULT '';
ALTER TABLE agenda_items ADD COLUMN registered_at TEXT NOT NULL DEFAULT '';
ALTER TABLE agenda_items ADD COLUMN late BIGINT NOT NULL DEFAULT 0;

CREATE TABLE documents (
    id           BIGINT PRIMARY KEY,
    session_id   BIGINT NOT NULL REFERENCES sessions(id),
    item_id      BIGINT REFERENCES agenda_items(id),
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE TRIGGER documents_rowid BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX documents_session ON documents(session_id);

CREATE TABLE minutes_comments (
    id         BIGINT PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES sessions(id),
    author     TEXT NOT NULL,
    member     TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TRIGGER minutes_comments_rowid BEFORE INSERT ON minutes_comments FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

-- Every approved state of a session's minutes, as exported text: version 1
-- is what the next session approved, later versions are corrections.
CREATE TABLE minutes_versions (
    session_id BIGINT NOT NULL REFERENCES sessions(id),
    version    BIGINT NOT NULL,
    stand      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_id, version)
);

-- +goose Down
DROP TABLE minutes_versions;
DROP TABLE minutes_comments;
DROP TABLE documents;
ALTER TABLE agenda_items DROP COLUMN late;
ALTER TABLE agenda_items DROP COLUMN registered_at;
ALTER TABLE agenda_items DROP COLUMN registered_by;
ALTER TABLE agenda_items DROP COLUMN status;
ALTER TABLE sessions DROP COLUMN current_item_id;
ALTER TABLE sessions DROP COLUMN agenda_published;
ALTER TABLE sessions DROP COLUMN registration_deadline;
DROP TABLE login_sessions;
DROP TABLE users;
