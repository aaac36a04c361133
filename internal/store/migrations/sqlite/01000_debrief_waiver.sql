-- +goose Up
-- The secretariat may note that a session needs no debrief
-- ("Nachbesprechung entfällt"): the reason, the user name of the account
-- that noted it and when (RFC 3339, UTC); '' while there is no note. A
-- session so noted owes no debrief (store.SessionsOwingDebrief).
-- A session whose debrief the secretariat never saved gets a row holding
-- only the note: assembled = 0. It is no debrief (DebriefOfSession does
-- not give it, the page shows the proposal); the first save or sending
-- makes it one (assembled = 1). Rows before are debriefs.
ALTER TABLE debriefs ADD COLUMN waived_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE debriefs ADD COLUMN waived_by TEXT NOT NULL DEFAULT '';
ALTER TABLE debriefs ADD COLUMN waived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE debriefs ADD COLUMN assembled INTEGER NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE debriefs DROP COLUMN assembled;
ALTER TABLE debriefs DROP COLUMN waived_at;
ALTER TABLE debriefs DROP COLUMN waived_by;
ALTER TABLE debriefs DROP COLUMN waived_reason;
