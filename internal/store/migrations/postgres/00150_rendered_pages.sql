-- +goose Up
-- Public pages rendered once per change (docs/performance.md, "Rendered
-- once per change"): the bytes of a public page as the public gets it,
-- stored on its first request and served with one lookup until the data
-- changes. page_generation counts the committed changes of content; a
-- stored page is good only for the generation it was rendered in, the
-- program build that rendered it (epoch) and the day (pages speak of
-- "today").
CREATE TABLE page_generation (
    id  BIGINT PRIMARY KEY CHECK (id = 1),
    gen BIGINT NOT NULL
);
INSERT INTO page_generation (id, gen) VALUES (1, 1);

CREATE TABLE rendered_pages (
    key          TEXT PRIMARY KEY,
    gen          BIGINT NOT NULL,
    epoch        TEXT NOT NULL,
    day          TEXT NOT NULL,
    headers      TEXT NOT NULL,
    etag         TEXT NOT NULL,
    body         BYTEA NOT NULL
);
CREATE INDEX rendered_pages_gen ON rendered_pages(gen);

-- +goose Down
DROP TABLE rendered_pages;
DROP TABLE page_generation;
