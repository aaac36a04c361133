-- +goose Up
-- The change the secretariat asked of a registration ("Änderung
-- erbeten", store.RequestRegistrationChange): the member office reads the
-- reason on its registration and in the notification, and the
-- registration waits for it; '' when no change is asked (never asked, or
-- the office has changed the registration since, or it was decided). The
-- item stays "angemeldet": nothing of it is public. The reason asked
-- stays in the audit log of the item.
ALTER TABLE agenda_items ADD COLUMN change_request TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE agenda_items DROP COLUMN change_request;
