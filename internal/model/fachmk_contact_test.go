package model

import "testing"

// TestKickoff: the kick-off talk of a term is the first Auftaktgespräch of
// the assignment's member with its conference on or after the day of the
// assignment; another kind, another member, another conference or a talk
// of an earlier term does not count.
func TestKickoff(t *testing.T) {
	a := Assignment{ID: 7, ConferenceID: 3, Member: "HB", StartOn: NewDate(2025, 3, 27)}
	c := func(id int64, conf int64, member string, kind ContactKind, on Date) SpokespersonContact {
		return SpokespersonContact{ID: id, ConferenceID: conf, Member: member, Kind: kind, HeldOn: on}
	}
	cs := []SpokespersonContact{
		c(1, 3, "HB", ContactKickoff, NewDate(2023, 5, 2)),  // an earlier term
		c(2, 3, "HB", ContactTalk, NewDate(2025, 4, 1)),     // not a kick-off
		c(3, 3, "TH", ContactKickoff, NewDate(2025, 4, 2)),  // another spokesperson
		c(4, 4, "HB", ContactKickoff, NewDate(2025, 4, 3)),  // another conference
		c(5, 3, "HB", ContactKickoff, NewDate(2025, 6, 10)), // a second one
		c(6, 3, "HB", ContactKickoff, NewDate(2025, 5, 20)), // the first of the term
	}
	if k, ok := Kickoff(a, cs); !ok || k.ID != 6 {
		t.Errorf("kick-off = %+v %v, want contact 6", k, ok)
	}
	if k, ok := Kickoff(a, cs[:5]); !ok || k.ID != 5 {
		t.Errorf("kick-off without 6 = %+v %v, want contact 5", k, ok)
	}
	if k, ok := Kickoff(a, cs[:4]); ok {
		t.Errorf("no kick-off of the term, got %+v", k)
	}
}
