package demo

import (
	"testing"

	"gremium/internal/model"
)

// TestSpokespersonAccountsOfTheFeaturedOffices: the README and the docs
// name hessen as the member office to log in as, and Hessen holds a
// spokesperson post (VMK, Tabelle 4); the demo had a spokesperson account
// for Bremen only, so the evaluation questionnaire and the spokesperson's
// pages of Hessen could not be tried. Every Land whose office the docs
// name and that holds a post has its spokesperson account, bound to the
// Land and named as in Tabelle 4.
func TestSpokespersonAccountsOfTheFeaturedOffices(t *testing.T) {
	holds := map[string]string{}
	for _, sp := range Spokespersons() {
		holds[sp.Member] = sp.Person
	}
	have := map[string]model.User{}
	for _, u := range Accounts() {
		if u.Role == model.RoleSpokesperson {
			have[u.MemberAbbrev] = u
		}
	}
	for _, land := range []string{"HE", "HB"} {
		person, ok := holds[land]
		if !ok {
			t.Fatalf("%s holds no post in Tabelle 4", land)
		}
		u, ok := have[land]
		if !ok {
			t.Errorf("no spokesperson account for %s (%s)", land, person)
			continue
		}
		if u.Name != person {
			t.Errorf("spokesperson account of %s is named %q, want %q", land, u.Name, person)
		}
	}
}
