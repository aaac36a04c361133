package web

// What a form shows when a save was refused because another save came
// first: beside each field whose stored value differs from what was
// typed, the value stored now ("Inzwischen gespeichert: …"). The form's
// version moves to the one stored now only together with that display,
// so that the next save overwrites nothing unseen; a save refused for
// another reason keeps the version it was read at.

import (
	"errors"
	"strings"

	"gremium/internal/model"
	"gremium/internal/store"
)

// meanwhile holds, by field name, the value stored now of every field
// where it differs from what was typed; empty when nothing was saved in
// between (or nothing differs).
type meanwhile map[string]string

// At gives the value stored now at field, "" where it is as typed.
func (m meanwhile) At(field string) string { return m[field] }

// note records field's stored value shown as shown when it differs from
// typed (both compared without surrounding space); an empty stored value
// reads "(leer)".
func (m meanwhile) note(field, typed, stored, shown string) {
	if strings.TrimSpace(typed) == strings.TrimSpace(stored) {
		return
	}
	if strings.TrimSpace(shown) == "" {
		shown = "(leer)"
	}
	m[field] = shown
}

// savedMeanwhile is the reason a form gets whose version is no longer
// the stored one: it says what the page now shows (the stored value at
// each field that differs, or that none does).
func savedMeanwhile(m meanwhile) error {
	if len(m) == 0 {
		return model.InputShownConflict("Hier wurde inzwischen gespeichert – von jemand anderem oder von Ihnen in einem anderen Fenster; der gespeicherte Stand gleicht in allen Feldern Ihrer Eingabe, die das Formular zeigt. Bitte prüfen und erneut speichern.")
	}
	return model.InputShownConflict("Hier wurde inzwischen gespeichert – von jemand anderem oder von Ihnen in einem anderen Fenster. Das Formular zeigt Ihre Eingabe und bei jedem Feld, das inzwischen anders gespeichert ist, den gespeicherten Stand („Inzwischen gespeichert: …“). Bitte prüfen und erneut speichern.")
}

// withMeanwhile gives the reasons refused with a conflict of versions
// (store.ErrConflict, said generally by refusalProblems) replaced by the
// one savedMeanwhile gives for m, and that one added when refused has no
// conflict (a form refused by its own rules before the store could see
// the version): both are said, the conflict first.
func withMeanwhile(refused problems, m meanwhile) problems {
	out := problems{savedMeanwhile(m)}
	for _, e := range refused {
		if errors.Is(e, errChangedMeanwhile) || errors.Is(e, store.ErrConflict) {
			continue
		}
		out = append(out, e)
	}
	return out
}
