package web

import (
	"strings"
	"time"

	"gremium/internal/model"
)

// deadlineOfForm reads a deadline typed as a date (field frist_datum) and
// a time (frist_zeit) in German time, which must lie after now. Each
// reason stands at its field, all at once: a date that is none at the
// date, a time that is none at the time, a deadline past at the date.
// Before, a time that was none was said as "Bitte eine Frist angeben" at
// the date, and the time field was not marked.
func deadlineOfForm(date, clock string, now time.Time) (time.Time, problems) {
	deadline, err := model.ParseBerlinTime(date, clock)
	if err == nil {
		if !deadline.After(now) {
			return deadline, problems{model.AtField("frist_datum", model.InputError("Die Frist muss in der Zukunft liegen."))}
		}
		return deadline, nil
	}
	var refused problems
	if d, err := model.ParseDate(date); err != nil || d.IsZero() {
		refused.add(model.AtField("frist_datum", model.InputError("Bitte als Frist ein gültiges Datum angeben.")))
	}
	// Any valid day: only the time is checked here.
	if _, err := model.ParseBerlinTime("2000-01-01", clock); err != nil {
		if clock = strings.TrimSpace(clock); clock == "" {
			refused.add(model.AtField("frist_zeit", model.InputError("Bitte die Uhrzeit der Frist angeben (HH:MM).")))
		} else {
			refused.add(model.AtField("frist_zeit", model.InputError("„%s“ ist keine gültige Uhrzeit; bitte im Format HH:MM angeben.", clock)))
		}
	}
	return time.Time{}, refused
}
