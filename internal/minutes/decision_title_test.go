package minutes

import (
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestDecisionTitleStaysATitle: a decision named after its item takes the
// item's single sub-point ("Steuerungsgruppe NOOTS – Zusammensetzung"),
// unless that would make a title longer than every title may be: then the
// item's title alone.
func TestDecisionTitleStaysATitle(t *testing.T) {
	short := model.AgendaItem{Title: "Steuerungsgruppe NOOTS", Points: []string{"Zusammensetzung"}}
	if got := DecisionTitle(short); got != "Steuerungsgruppe NOOTS – Zusammensetzung" {
		t.Errorf("short: %q", got)
	}
	long := model.AgendaItem{Title: "Registermodernisierung", Points: []string{strings.Repeat("Stand der Anbindung der Register ", 10)}}
	if got := DecisionTitle(long); got != "Registermodernisierung" {
		t.Errorf("a sub-point of %d characters: %q", len(long.Points[0]), got)
	}
	two := model.AgendaItem{Title: "Cloud", Points: []string{"a", "b"}}
	if got := DecisionTitle(two); got != "Cloud" {
		t.Errorf("two sub-points: %q", got)
	}
}
