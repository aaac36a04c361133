-- +goose Up
-- An account's notification address may be set before its user chose
-- anything: by the secretariat on /konten, or from the verified e-mail
-- claim of an OpenID Connect login. Such a row holds the address and no
-- choice (saved = 0): the account receives its role's defaults
-- (model.NotificationSettings.Subscribed) at that address until its user
-- saves the notification page. Rows written before were saved by users.
ALTER TABLE notification_settings ADD COLUMN saved BIGINT NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE notification_settings DROP COLUMN saved;
