-- +goose Up
-- The moment a session was ended in gremium (status "beendet"): it bounds
-- the written procedures its minutes list ("Umlaufverfahren seit der
-- letzten Sitzung", model.SessionEnd), by time, not only by date — a
-- procedure closed after the session ended on the same day belongs to the
-- next session's minutes. Sessions ended before take the moment from the
-- audit log's status entry; imported sessions have none and are bounded by
-- the end time their minutes record.
ALTER TABLE sessions ADD COLUMN ended_at TEXT NOT NULL DEFAULT '';
UPDATE sessions SET ended_at = COALESCE((SELECT substr(a.at, 1, 19) || 'Z' FROM audit_log a
    WHERE a.entity = 'session' AND a.entity_id = sessions.id AND a.action = 'status' AND a.detail = 'beendet'
    ORDER BY a.id DESC LIMIT 1), '')
WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'session' AND a.entity_id = sessions.id AND a.action = 'status' AND a.detail = 'beendet');

-- +goose Down
ALTER TABLE sessions DROP COLUMN ended_at;
