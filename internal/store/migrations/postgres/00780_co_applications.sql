-- +goose Up
-- Co-applications (Mitanträge): a member office that registers a proposal
-- names other members as applicants; each named member confirms or
-- declines (store.DecideCoApplication). Until then it does not count for
-- the application rule at the vote (store.checkApplicationAtVote; the Bund
-- or three Länder). A registration the secretariat enters names no
-- pending co-applicant: it has no row here.
CREATE TABLE co_applications (
    id          BIGINT PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decisions(id),
    member      TEXT NOT NULL,
    state       TEXT NOT NULL,
    named_by    TEXT NOT NULL,
    named_at    TEXT NOT NULL,
    decided_by  TEXT NOT NULL DEFAULT '',
    decided_at  TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER co_applications_rowid BEFORE INSERT ON co_applications FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE UNIQUE INDEX co_applications_decision_member ON co_applications(decision_id, member);
CREATE INDEX co_applications_member ON co_applications(member, state);

-- +goose Down
DROP INDEX co_applications_member;
DROP INDEX co_applications_decision_member;
DROP TABLE co_applications;
