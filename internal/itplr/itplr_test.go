package itplr

import (
	"context"
	"slices"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

func TestSetupIsIdempotent(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for range 2 {
		if _, err := Setup(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	members, _ := st.Members(ctx)
	voters := 0
	for _, m := range members {
		if m.Kind.Votes() {
			voters++
		}
	}
	if len(members) != len(Members()) || voters != 17 {
		t.Errorf("%d members, %d voting; want %d and 17", len(members), voters, len(Members()))
	}
	council, err := st.BodyByAbbrev(ctx, CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	sections, _ := st.Sections(ctx, council.ID)
	if len(sections) != len(Sections()) || !sections[len(sections)-1].Consent {
		t.Errorf("sections = %+v", sections)
	}
}

func TestStandardItems(t *testing.T) {
	items := StandardItems(47, []model.Section{{ID: 3, Name: "Begrüßung"}, {ID: 9, Name: "Übergreifendes"}})
	if len(items) != 2 || items[0].SectionID != 3 || items[1].SectionID != 9 || items[1].Title != model.ReportingFachMKTitle {
		t.Fatalf("items = %+v", items)
	}
	if !slices.Contains(items[0].Points, "Bestätigung des Protokolls der 46. Sitzung") {
		t.Errorf("welcome points = %v", items[0].Points)
	}
	if first := StandardItems(1, nil); slices.ContainsFunc(first[0].Points, func(p string) bool { return p == "Bestätigung des Protokolls der 0. Sitzung" }) {
		t.Error("the first session approves no minutes")
	}
}
