-- +goose Up
-- The installation's calendar domain: the right-hand side of the UID of
-- every event gremium makes in its iCalendar feeds (RFC 5545 3.8.4.7:
-- globally unique and persistent). Before, the UID took the host of the
-- public address, so that a changed --public-url (or a second host name)
-- made every subscribed calendar see every event as new and keep the old
-- ones. One row, written at the first feed served
-- (store.CalendarDomain): the host of the configured public address then,
-- so that subscribers of an installation that upgrades see the same
-- UIDs, else a random installation id; the same for every instance on
-- the database.
CREATE TABLE installation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    calendar_domain TEXT NOT NULL CHECK (calendar_domain <> '')
);

-- +goose Down
DROP TABLE installation;
