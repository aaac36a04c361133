-- +goose Up
-- A correction (Berichtigung) of approved minutes approved by written
-- procedure (Umlaufverfahren), as the minutes may be: the procedure that
-- approves it, with the correction's version and the stamp of the
-- corrected minutes (store.MinutesStamp) when the procedure started. The
-- procedure's text (written_procedures.minutes_text) is the minutes as
-- corrected, sent to the members; adopted, it becomes the new version
-- only if neither the correction nor the minutes changed since
-- (store.StartCorrectionProcedure).
CREATE TABLE correction_procedures (
    procedure_id       BIGINT PRIMARY KEY REFERENCES written_procedures(id),
    correction_id      BIGINT NOT NULL REFERENCES minutes_corrections(id),
    correction_version INTEGER NOT NULL,
    minutes_stamp      TEXT NOT NULL,
    outcome            TEXT NOT NULL DEFAULT ''   -- store.CorrectionProcedure.Outcome
);
CREATE INDEX correction_procedures_correction ON correction_procedures(correction_id);

-- +goose Down
DROP TABLE correction_procedures;
