-- +goose Up
-- A cancelled session's OParl Meeting now says "abgesagt" as its
-- meetingState beside cancelled (package oparl, Meeting); the meetings of
-- sessions cancelled before are built again at the next start.
INSERT INTO oparl_dirty (entity, id) SELECT 'session', id FROM sessions WHERE cancelled_reason <> '';

-- +goose Down
INSERT INTO oparl_dirty (entity, id) SELECT 'session', id FROM sessions WHERE cancelled_reason <> '';
