package minutes_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/store"
)

// TestSameParse: options that read alike are those with the same
// sections by name and consent flag in the same order and the same set of
// speakers; anything else the parser reads differs.
func TestSameParse(t *testing.T) {
	base := minutes.Options{Sections: itplr.Sections(), Speakers: itplr.Speakers()}
	reordered := base
	reordered.Speakers = slices.Clone(base.Speakers)
	slices.Reverse(reordered.Speakers)
	reordered.Sections = slices.Clone(base.Sections)
	for i := range reordered.Sections {
		reordered.Sections[i].ID, reordered.Sections[i].Position = int64(100+i), 7 // what the store adds
	}
	reordered.Progress = func(int) {}
	if !base.SameParse(reordered) || !reordered.SameParse(base) {
		t.Error("the same sections with ids and speakers in another order do not read alike")
	}
	renamed := base
	renamed.Sections = slices.Clone(base.Sections)
	renamed.Sections[2].Name = "Datenpolitik"
	consent := base
	consent.Sections = slices.Clone(base.Sections)
	consent.Sections[len(consent.Sections)-1].Consent = false
	swapped := base
	swapped.Sections = slices.Clone(base.Sections)
	swapped.Sections[1], swapped.Sections[2] = swapped.Sections[2], swapped.Sections[1]
	fewer := base
	fewer.Sections = base.Sections[1:]
	another := base
	another.Speakers = append(slices.Clone(base.Speakers), "BMDS")
	for name, o := range map[string]minutes.Options{"renamed": renamed, "consent": consent, "swapped": swapped, "fewer": fewer, "another speaker": another} {
		if base.SameParse(o) || o.SameParse(base) {
			t.Errorf("%s: reads alike", name)
		}
	}
}

// TestStoredOptionsOfTheCouncilReadAsItsOwn: a database the IT-PLR's
// set-up made gives options that read alike with itplr's, so that the
// import's parse with these while it opens the database is kept; and
// Parse gives the same document with both.
func TestStoredOptionsOfTheCouncilReadAsItsOwn(t *testing.T) {
	ctx := store.WithActor(context.Background(), "setup")
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	council, err := itplr.Setup(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := minutes.StoredOptions(ctx, st, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	own := minutes.Options{Sections: itplr.Sections(), Speakers: itplr.Speakers()}
	if !own.SameParse(stored) {
		t.Fatalf("stored options %+v do not read as itplr's %+v", stored, own)
	}
	text := string(readSeed(t))
	a, wa, err1 := minutes.Parse(strings.NewReader(text), own)
	b, wb, err2 := minutes.Parse(strings.NewReader(text), stored)
	if err1 != nil || err2 != nil || !reflect.DeepEqual(a, b) || !reflect.DeepEqual(wa, wb) {
		t.Errorf("the seed parsed with both options differs (%v, %v)", err1, err2)
	}
}
