-- +goose Up
-- A Beschlussempfehlung whose count comes once the session it is for is no
-- longer coming (begun, held, cancelled) takes no effect. The German reason
-- is kept with it, so the preparatory body's pages say so and the prepared
-- session's item does not show it as its recommendation. Before, such a
-- recommendation stood under the council's item as if it had been given
-- ("… ohne Aussprache (Grüne Liste)") while nothing had been proposed.
ALTER TABLE recommendations ADD COLUMN without_effect TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE recommendations DROP COLUMN without_effect;
