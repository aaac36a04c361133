-- +goose Up
-- Task checklists from the role/task matrix (Tabelle 3, issue 16): each
-- task recurs once, per IT-PLR session or per year; a check is its state
-- for one FachMK and one period with the evidence (date, note, document).
ALTER TABLE tasks ADD COLUMN recurrence TEXT NOT NULL DEFAULT 'einmalig';
UPDATE tasks SET recurrence = 'je_sitzung' WHERE text IN (
    'Proaktive Einladung von FachMK-Vertretern zu ausgewähltem TOP der IT-PLR Sitzungen',
    'Vorstellung wichtiger IT-PLR-Beschlüsse im Rahmen einer Fachministerkonferenz',
    'Etablierung von Nachbesprechungen der IT-PLR-Sitzungen für FachMK-Geschäftsstellen');
UPDATE tasks SET recurrence = 'jaehrlich' WHERE text IN (
    'Schaffung von gemeinsamen Presse- und Kommunikationsanlässen',
    'Aktive Einbindung der FachMK in den IT-PLR-Fachkongress',
    'Synchronisation zwischen koordinierenden und fachlichen Ansprechpersonen',
    'Erstellung von Handakten und Aufbereitung zentraler Botschaften aus dem IT-Planungsrat');

CREATE TABLE task_checks (
    id            BIGINT PRIMARY KEY,
    task_id       BIGINT NOT NULL REFERENCES tasks(id),
    conference_id BIGINT NOT NULL REFERENCES bodies(id),
    period        TEXT NOT NULL DEFAULT '',
    due_on        TEXT NOT NULL DEFAULT '',
    done          BIGINT NOT NULL DEFAULT 0,
    done_on       TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    document      TEXT NOT NULL DEFAULT '',
    done_by       TEXT NOT NULL DEFAULT '',
    version       BIGINT NOT NULL DEFAULT 1,
    UNIQUE (task_id, conference_id, period)
);
CREATE TRIGGER task_checks_rowid BEFORE INSERT ON task_checks FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX task_checks_conference ON task_checks(conference_id);

-- +goose Down
DROP TABLE task_checks;
ALTER TABLE tasks DROP COLUMN recurrence;
