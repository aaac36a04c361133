-- +goose Up
-- A briefing version keeps the key messages (Kernbotschaften) it includes
-- as they read when it was saved: a JSON list of id, title, text and the
-- key message's version, in the version's order. Before, a version named
-- the blocks by id only, and an earlier Fassung showed the blocks' later
-- text under its old date. Versions saved before keep NULL: their wording
-- was never stored and is not invented here; the pages say so.
ALTER TABLE briefing_versions ADD COLUMN key_message_texts TEXT;

-- +goose Down
ALTER TABLE briefing_versions DROP COLUMN key_message_texts;
