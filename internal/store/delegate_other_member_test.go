package store

import (
	"database/sql"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestDelegateOfAnotherMemberRefused: Hessen registered the Bund's person
// for the coming session without a word; the secretariat's attendance
// list took the name over and could not be saved ("… handelt für Bund und
// kann Hessen nicht vertreten"), found on the session's day. Now the
// delegation refuses such a name at its row, nothing stored; the member's
// own person and a new name are taken.
func TestDelegateOfAnotherMemberRefused(t *testing.T) {
	s, ctx, coming, _ := delegationFixture(t)
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		for _, p := range [][2]string{{"Markus Richter", "Bund"}, {"Dr. Anna Beispiel", "HE"}} {
			if _, err := s.insert(ctx, tx, "person", p[0], `INSERT INTO persons (name, member_abbrev) VALUES (?, ?)`, p[0], p[1]); err != nil {
				return err
			}
		}
		return nil
	}))
	he := model.Delegation{SessionID: coming, Member: "HE", Delegates: []model.Delegate{
		{Name: "Dr. Anna Beispiel", Function: "CIO des Landes"}, {Name: "Markus Richter", Function: "Staatssekretär"}}}
	err := s.SaveDelegation(ctx, he, false)
	if model.ClassOf(err) != model.ErrRule || model.FieldOf(firstRule(err)) != "name_1" || !strings.Contains(model.ReasonOf(firstRule(err)), "Markus Richter handelt für") {
		t.Errorf("the Bund's person for Hessen: %v (at %q)", err, model.FieldOf(firstRule(err)))
	}
	if got, _, err := s.Delegations(ctx, coming); err != nil || len(got) != 0 {
		t.Errorf("stored after the refusal: %+v %v", got, err)
	}
	he.Delegates[1] = model.Delegate{Name: "Neue Person", Function: "Referentin"}
	check(t, s.SaveDelegation(ctx, he, false))
}
