-- +goose Up
-- A correction of approved minutes (a minutes version after the first,
-- store.ApproveMinutesCorrection) changes what the OParl File of the
-- minutes names (oparl.Correction: "Fassung 2 (berichtigt am …)", its
-- date): keeping a version marks the session's Meeting and File, so that
-- their modified time moves and clients polling with modified_since
-- fetch the corrected minutes. Before, a correction changed only rows
-- the OParl objects do not show, and the File stayed as approved.
-- +goose StatementBegin
CREATE TRIGGER oparl_minutes_versions_ins AFTER INSERT ON minutes_versions
WHEN NEW.version > 1
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('meeting', NEW.session_id);
END;
-- +goose StatementEnd
-- Minutes corrected before this migration: built again at the next start.
INSERT INTO oparl_dirty (entity, id) SELECT DISTINCT 'meeting', session_id FROM minutes_versions WHERE version > 1;

-- +goose Down
DROP TRIGGER oparl_minutes_versions_ins;
