package ical

import (
	"testing"

	"gremium/internal/model"
)

// TestSessionEventNamesTheBodyInTheGenitive: a session's event names its
// body in the genitive of its name (model.Body.Of); it appended "s" to any
// name ("Sitzung des Steuerungsgruppe NOOTSs").
func TestSessionEventNamesTheBodyInTheGenitive(t *testing.T) {
	se := model.Session{Number: 3, Date: model.NewDate(2026, 5, 4)}
	for name, want := range map[string]string{
		"IT-Planungsrat":         "3. Sitzung des IT-Planungsrats",
		"Steuerungsgruppe NOOTS": "3. Sitzung der Steuerungsgruppe NOOTS",
	} {
		if got := SessionEvent("example.org", "X", name, se, "").Summary; got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}
