-- +goose Up
-- Who recorded a FachMK outcome or logged a spokesperson's contact first, and
-- when: a correction stores its own author and time as the record's, and the
-- page named only the corrector. Filled from the audit log's entry of the
-- creation (its new values), else, for a record never corrected, from the
-- record itself; left empty where neither knows.
ALTER TABLE conference_outcomes ADD COLUMN first_recorded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE conference_outcomes ADD COLUMN first_recorded_at TEXT NOT NULL DEFAULT '';
UPDATE conference_outcomes SET
  first_recorded_by = COALESCE((SELECT json_extract(new_values, '$.recorded_by') FROM audit_log
      WHERE entity = 'conference_outcome' AND entity_id = conference_outcomes.id AND action = 'create' AND new_values <> '' ORDER BY id LIMIT 1),
    CASE WHEN version = 1 THEN recorded_by ELSE '' END),
  first_recorded_at = COALESCE((SELECT json_extract(new_values, '$.recorded_at') FROM audit_log
      WHERE entity = 'conference_outcome' AND entity_id = conference_outcomes.id AND action = 'create' AND new_values <> '' ORDER BY id LIMIT 1),
    CASE WHEN version = 1 THEN recorded_at ELSE '' END);
ALTER TABLE spokesperson_contacts ADD COLUMN first_recorded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE spokesperson_contacts ADD COLUMN first_recorded_at TEXT NOT NULL DEFAULT '';
UPDATE spokesperson_contacts SET
  first_recorded_by = COALESCE((SELECT json_extract(new_values, '$.recorded_by') FROM audit_log
      WHERE entity = 'spokesperson_contact' AND entity_id = spokesperson_contacts.id AND action = 'create' AND new_values <> '' ORDER BY id LIMIT 1),
    CASE WHEN version = 1 THEN recorded_by ELSE '' END),
  first_recorded_at = COALESCE((SELECT json_extract(new_values, '$.recorded_at') FROM audit_log
      WHERE entity = 'spokesperson_contact' AND entity_id = spokesperson_contacts.id AND action = 'create' AND new_values <> '' ORDER BY id LIMIT 1),
    CASE WHEN version = 1 THEN recorded_at ELSE '' END);

-- +goose Down
ALTER TABLE spokesperson_contacts DROP COLUMN first_recorded_at;
ALTER TABLE spokesperson_contacts DROP COLUMN first_recorded_by;
ALTER TABLE conference_outcomes DROP COLUMN first_recorded_at;
ALTER TABLE conference_outcomes DROP COLUMN first_recorded_by;
