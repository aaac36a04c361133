-- +goose Up
-- The decision profile (Beschluss-Steckbrief): the reporting member's
-- assessment of a decision's relevance for each FachMK.
CREATE TABLE decision_relevance (
    decision_id   BIGINT NOT NULL REFERENCES decisions(id),
    conference_id BIGINT NOT NULL REFERENCES bodies(id),
    relevant      BIGINT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    assessed_by   TEXT NOT NULL,
    assessed_at   TEXT NOT NULL,
    PRIMARY KEY (decision_id, conference_id)
);

-- +goose Down
DROP TABLE decision_relevance;
