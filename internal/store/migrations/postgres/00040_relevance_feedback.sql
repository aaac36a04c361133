-- +goose Up
-- What the decision profiles (Beschluss-Steckbriefe) taught the FachMK
-- topic profiles: for each assessed conference of a decision, the profile
-- terms (relevance.TermKey) found in the decision's text, and whether the
-- conference was confirmed as relevant or its proposal rejected. A term's
-- learned weight follows from its counts (relevance.Feedback); saving a
-- decision profile again replaces the decision's rows, so it teaches once.
CREATE TABLE relevance_feedback (
    decision_id   BIGINT NOT NULL REFERENCES decisions(id),
    conference_id BIGINT NOT NULL REFERENCES bodies(id),
    term          TEXT NOT NULL,
    relevant      BIGINT NOT NULL,
    PRIMARY KEY (decision_id, conference_id, term)
);
CREATE INDEX relevance_feedback_term ON relevance_feedback (conference_id, term);

-- +goose Down
DROP TABLE relevance_feedback;
