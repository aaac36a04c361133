-- +goose Up
-- An adopted decision the minutes give no number is named "Beschluss (im
-- Protokoll ohne Nummer)" (model.Decision.ProposalLabel), no longer
-- "Beschluss (Nummer im Protokoll nicht lesbar)", which a Kenntnisnahme
-- never numbered is not. The search documents of the minutes name such a
-- decision so: the index is rebuilt if any exists (`gremium serve` does it
-- beside serving; docs/architecture.md, "The search index's mark").
UPDATE search_state SET needs_rebuild = 1
    WHERE id = 1 AND EXISTS (SELECT 1 FROM decisions WHERE label = '' AND status = 'beschlossen');

-- +goose Down
SELECT 1;
