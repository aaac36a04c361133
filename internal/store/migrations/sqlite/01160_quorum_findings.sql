-- +goose Up
-- Every finding of the quorum check (Feststellung der Beschlussfähigkeit)
-- a session day made, each with the item it was made at (docs/minutes.md,
-- "What the draft records of the session day"): a JSON list of
-- {"item": id (0: at the opening), "result": "ja"|"nein", "reason":
-- "beschlussfähig: 16 von 17 …"} in the order made (store.QuorumFinding).
-- Before, sessions.quorum_reason and quorum_item_id kept one finding,
-- overwritten by every save of the attendance: the opening finding at
-- TOP 00 moved to the item called at the last save. The one finding kept
-- so far becomes the list's first entry; sessions.quorum stays the result
-- in force, which a vote checks.
ALTER TABLE sessions ADD COLUMN quorum_findings TEXT NOT NULL DEFAULT '[]';
UPDATE sessions SET quorum_findings = json_array(json_object('item', quorum_item_id, 'result', quorum, 'reason', quorum_reason))
    WHERE quorum <> '';
ALTER TABLE sessions DROP COLUMN quorum_item_id;
ALTER TABLE sessions DROP COLUMN quorum_reason;

-- +goose Down
ALTER TABLE sessions ADD COLUMN quorum_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN quorum_item_id INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET quorum_reason = COALESCE(json_extract(quorum_findings, '$[#-1].reason'), ''),
    quorum_item_id = COALESCE(json_extract(quorum_findings, '$[#-1].item'), 0)
    WHERE json_array_length(quorum_findings) > 0;
ALTER TABLE sessions DROP COLUMN quorum_findings;
