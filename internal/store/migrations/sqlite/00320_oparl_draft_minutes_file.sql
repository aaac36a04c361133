-- +goose Up
-- The OParl File of a session's minutes names a draft as a draft
-- ("Protokoll der 47. Sitzung – Entwurf (öffentliche Fassung)",
-- protokoll-47-entwurf.pdf). Files built before did not: mark the
-- sessions whose minutes exist and are not approved, so that the backlog
-- sync (gremium serve's start) builds their objects again. Approved
-- minutes keep their name.
INSERT INTO oparl_dirty (entity, id)
SELECT 'meeting', id FROM sessions WHERE status IN ('beendet', 'protokoll_entwurf');

-- +goose Down
SELECT 1;
