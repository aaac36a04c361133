package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestNewSpokespersonIsAnnounced: a spokesperson function given by
// decision is announced in the assignment's transaction, as a
// resignation is (TestResignationIsAnnounced), to the subscribers among
// the IT-PLR's accounts and to the conference's own secretariat, not
// another conference's: the member, the person the decision names, the
// deciding decision and the day the term starts. A refused assignment
// announces nothing. Before, a new spokesperson reached nobody; the FMK
// secretariat heard only of resignations.
func TestNewSpokespersonIsAnnounced(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	conf, _ := requestFixture(t, s)
	id := must[int64](t)
	council := must[model.Body](t)(s.BodyByAbbrev(ctx, "IT-PLR"))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: council.ID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	ev := model.EventSpokespersonNamed
	subscribedUsers(t, s, ev, model.User{Username: "hessen", Name: "Büro HE", Role: model.RoleMember, MemberAbbrev: "HE"},
		model.User{Username: "fmk2", Name: "GS FMK", Role: model.RoleFachMK, ConferenceID: conf},
		model.User{Username: "gmk2", Name: "GS GMK", Role: model.RoleFachMK, ConferenceID: must[model.Body](t)(s.BodyByAbbrev(ctx, "GMK")).ID})
	// Refused (no such decision): nothing announced.
	if _, err := s.CreateAssignmentNaming(ctx, model.Assignment{ConferenceID: conf, Member: "BY", DecisionRef: "B-2022/99-IT"}, model.Person{Name: "Dr. Erika Muster"}); err == nil {
		t.Fatal("an assignment by a decision that does not exist was taken")
	}
	if got := queued(t, s, ev); len(got) != 0 {
		t.Fatalf("announced though refused: %v", got)
	}
	id(s.CreateAssignmentNaming(ctx, model.Assignment{ConferenceID: conf, Member: "BY", DecisionRef: "B-2022/43-IT"},
		model.Person{Name: "Dr. Erika Muster", Function: "Staatssekretärin", MemberAbbrev: "BY"}))
	// Following the member's representative: no person named.
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: conf, Member: "HE", DecisionRef: "B-2022/43-IT", StartOn: model.NewDate(2023, 1, 1)}))
	list, _, err := s.Notifications(ctx, OutboxFilter{Event: ev, Limit: 100})
	check(t, err)
	to := map[string][]model.Notification{}
	for _, n := range list {
		to[n.Recipient] = append(to[n.Recipient], n)
	}
	if len(to["gmk2@example.org"]) != 0 {
		t.Errorf("another conference's secretariat hears of it: %+v", to["gmk2@example.org"])
	}
	for _, addr := range []string{"hessen@example.org", "fmk2@example.org"} {
		got := to[addr]
		if len(got) != 2 {
			t.Fatalf("%s: %d messages, want 2: %+v", addr, len(got), got)
		}
		var by, he model.Notification
		for _, n := range got {
			if strings.Contains(n.Subject, "Bayern") {
				by = n
			} else {
				he = n
			}
		}
		for _, want := range []string{"Bayern", "(Dr. Erika Muster, Staatssekretärin)", "Finanzministerkonferenz", "Beschluss B-2022/43-IT", "10.11.2022"} {
			if !strings.Contains(by.Subject+"\n"+by.Body, want) {
				t.Errorf("%s: the message of Bayern lacks %q:\n%s\n%s", addr, want, by.Subject, by.Body)
			}
		}
		if by.Link != "/fachmk/FMK" {
			t.Errorf("%s: link %q", addr, by.Link)
		}
		if !strings.Contains(he.Body, "Hessen") || !strings.Contains(he.Body, "01.01.2023") || strings.Contains(he.Body, "()") {
			t.Errorf("%s: the message of Hessen:\n%s\n%s", addr, he.Subject, he.Body)
		}
	}
}
