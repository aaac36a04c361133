-- +goose Up
-- The outbox becomes a delivery queue: one row per recipient and channel,
-- with a unique idempotency key, a state (wartend, gesendet, fehlgeschlagen,
-- abgebrochen), the attempts, the time of the next attempt and the last
-- error. A sender claims a row (claim, claimed_until) before it sends.
ALTER TABLE outbox RENAME TO outbox_v1;

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    event           TEXT NOT NULL,
    ref             TEXT NOT NULL DEFAULT '',
    channel         TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    recipient_name  TEXT NOT NULL DEFAULT '',
    user_id         INTEGER REFERENCES users(id),
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    link            TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'wartend',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    claim           TEXT NOT NULL DEFAULT '',
    claimed_until   TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    sent_at         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_ref ON outbox(ref);

-- Messages recorded before gremium delivered anything were never sent and
-- their recipients were names or member abbreviations as often as
-- addresses: they are kept, one row per recipient, as cancelled, so that
-- nothing is sent by surprise after the upgrade; the secretariat can send
-- any of them again from the outbox page.
INSERT INTO outbox (key, event, ref, channel, recipient, recipient_name, subject, body, state,
                    next_attempt_at, last_error, created_at, sent_at)
SELECT 'v1:' || o.id || ':' || r.key,
       CASE o.kind WHEN 'einladung' THEN 'nachbesprechung' WHEN 'erinnerung' THEN 'umlauf_frist' ELSE o.kind END,
       'v1:' || o.id, 'email', r.value, r.value, o.subject, o.body,
       CASE WHEN o.sent_at = '' THEN 'abgebrochen' ELSE 'gesendet' END,
       o.created_at,
       CASE WHEN o.sent_at = '' THEN 'Vor der Zustellung durch gremium erfasst; bei Bedarf erneut senden.' ELSE '' END,
       o.created_at, o.sent_at
FROM outbox_v1 o, json_each(o.recipients) r;

DROP TABLE outbox_v1;

-- A user's addresses per channel and the "follow-up due" lead time.
CREATE TABLE notification_settings (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL UNIQUE REFERENCES users(id),
    email       TEXT NOT NULL DEFAULT '',
    matrix_room TEXT NOT NULL DEFAULT '',
    due_days    INTEGER NOT NULL DEFAULT 14,
    version     INTEGER NOT NULL DEFAULT 1
);

-- Which events a user wants on which channel.
CREATE TABLE notification_subscriptions (
    user_id INTEGER NOT NULL REFERENCES users(id),
    event   TEXT NOT NULL,
    channel TEXT NOT NULL,
    PRIMARY KEY (user_id, event, channel)
);
CREATE INDEX notification_subscriptions_event ON notification_subscriptions(event);

-- How often the debrief invitation was sent: the messages of the n-th
-- sending carry the ref "nachbesprechung:<id>:<n>".
ALTER TABLE debriefs ADD COLUMN invitations INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE debriefs DROP COLUMN invitations;
DROP TABLE notification_subscriptions;
DROP TABLE notification_settings;
ALTER TABLE outbox RENAME TO outbox_v2;
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    recipients TEXT NOT NULL DEFAULT '[]',
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT NOT NULL DEFAULT ''
);
INSERT INTO outbox (kind, recipients, subject, body, created_at, sent_at)
SELECT event, json_array(recipient), subject, body, created_at, sent_at FROM outbox_v2 ORDER BY id;
DROP TABLE outbox_v2;
