-- +goose Up
-- The occasion (reason) of a decision's correction and the reason of a
-- minutes correction were stored as typed: their "[[…]]" reached the
-- public decision page, the JSON API and the public minutes verbatim
-- (TestDecisionCorrectionKeepsConfidentialPassages,
-- TestApprovedMinutesReadOnlyAndCorrected). The forms now turn them into
-- confidential passages (⟦…⟧) like the text's; the reasons stored before
-- get the same. An unbalanced mark left by this makes the
-- rest of the text confidential (model.Passages: when in doubt, text is
-- confidential).
UPDATE decision_corrections SET reason = REPLACE(REPLACE(reason, '[[', '⟦'), ']]', '⟧')
WHERE reason LIKE '%[[%' OR reason LIKE '%]]%';
UPDATE minutes_corrections SET reason = REPLACE(REPLACE(reason, '[[', '⟦'), ']]', '⟧')
WHERE reason LIKE '%[[%' OR reason LIKE '%]]%';

-- +goose Down
-- Nothing to undo: the marks are the stored form of a confidential passage.
SELECT 1;
