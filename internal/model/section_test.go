package model

import "testing"

// TestTopics: the topic filters offered "Begrüßung" and "Grüne Liste",
// steps of a session, as Schwerpunktthemen; a topic is neither.
func TestTopics(t *testing.T) {
	ss := []Section{{ID: 1, Name: OpeningSection}, {ID: 2, Name: "Datennutzung"}, {ID: 3, Name: "Übergreifendes"}, {ID: 4, Name: "Grüne Liste", Consent: true}}
	got := Topics(ss)
	if len(got) != 2 || got[0].ID != 2 || got[1].ID != 3 {
		t.Errorf("Topics = %+v, want Datennutzung and Übergreifendes", got)
	}
}
