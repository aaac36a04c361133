package web

import (
	"context"
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"gremium/internal/model"
	"gremium/internal/store"
)

// The register's pages by keyset: the links to the next and previous page
// carry the number of the last (first) decision shown ("?vor=1990-17",
// "?nach=1990-68"), so a deep page is one index range like the first, and
// the number of matches is counted once per data version and filter, not
// per request.

// registerCursorOf is the cursor of a register address.
type registerCursorOf struct{ cursor store.RegisterCursor }

// parseRegisterCursor reads "vor" or "nach" (year-number); the error is a
// German message.
func parseRegisterCursor(v url.Values) (registerCursorOf, string) {
	var c registerCursorOf
	for _, name := range []string{"vor", "nach"} {
		raw := v.Get(name)
		if raw == "" {
			continue
		}
		y, n, ok := strings.Cut(raw, "-")
		year, err1 := strconv.Atoi(y)
		seq, err2 := strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || year < 1900 || year > 9999 || seq < 1 || seq > 1_000_000_000 {
			// The example names the parameter the address used: a
			// visitor who typed ?nach= was shown ?vor= before.
			return c, "Die Stelle im Register muss als Jahr-Nummer angegeben sein, zum Beispiel ?" + name + "=2025-17."
		}
		num := model.DecisionNumber{Year: year, Seq: seq}
		if name == "vor" {
			c.cursor.Before = num
		} else {
			c.cursor.After = num
		}
	}
	if !c.cursor.Before.IsZero() && !c.cursor.After.IsZero() {
		return c, "Die Stelle im Register ist entweder „vor“ oder „nach“ einem Beschluss, nicht beides."
	}
	return c, ""
}

// cursorURL gives the address of page n of this selection that starts
// next to decision num (dir "vor": older ones, "nach": newer ones); the
// first page has no cursor.
func (q registerQuery) cursorURL(dir string, num model.DecisionNumber, n int) template.URL {
	v := q.Query()
	if n <= 1 {
		if v == "" {
			return "/beschluesse"
		}
		return template.URL("/beschluesse?" + v)
	}
	if v != "" {
		v += "&"
	}
	return template.URL(fmt.Sprintf("/beschluesse?%s%s=%d-%d&seite=%d", v, dir, num.Year, num.Seq, n))
}

// newerURL gives the address of the decisions of this selection numbered
// after num, for a page whose own number is not known (a keyset address
// opened directly).
func (q registerQuery) newerURL(num model.DecisionNumber) template.URL {
	v := q.Query()
	if v != "" {
		v += "&"
	}
	return template.URL(fmt.Sprintf("/beschluesse?%snach=%d-%d", v, num.Year, num.Seq))
}

// registerOptions are the choices of the register's filter form; its
// Sections are the council's topics (model.Topics).
type registerOptions struct {
	Years       []int
	Sections    []model.Section
	Conferences []model.Body
	Members     []model.Member
}

// registerChoices gives the choices of the filter form, kept per data
// version (the years are a scan of the register's index).
func (s *Server) registerChoices(ctx context.Context, councilID int64) (registerOptions, error) {
	return s.registerOpts.Get(s.st.Version(), func() (o registerOptions, err error) {
		if o.Years, err = s.st.RegisterYears(ctx, councilID); err != nil {
			return o, err
		}
		sections, err := s.st.Sections(ctx, councilID)
		if err != nil {
			return o, err
		}
		// Only topics: "Begrüßung" and "Grüne Liste" are steps of a
		// session, not what a decision is about.
		o.Sections = model.Topics(sections)
		if o.Conferences, err = s.st.Bodies(ctx, model.BodyFachMK); err != nil {
			return o, err
		}
		o.Members, err = s.st.Members(ctx)
		return o, err
	})
}

// registerTotal gives the number of decisions matching f; the store keeps
// it per data version and filter (store.RegisterCount).
func (s *Server) registerTotal(ctx context.Context, f store.RegisterFilter) (int, error) {
	return s.st.RegisterCount(ctx, f)
}
