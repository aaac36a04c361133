package model

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"
)

// builtinSharesCSV is the Königsteiner-Schlüssel table gremium carries
// (data/README.md names its source).
//
//go:embed data/koenigsteiner-schluessel.csv
var builtinSharesCSV string

// BuiltinShares gives the built-in Königsteiner-Schlüssel tables by year
// (2014–2016). They are used whenever the database holds no table of the
// year or a newer one before it.
func BuiltinShares() map[int]Shares {
	out, err := ParseShares(strings.NewReader(builtinSharesCSV))
	if err != nil {
		// The file is embedded at build time and checked by a test.
		panic("model: built-in Königsteiner Schlüssel: " + err.Error())
	}
	return out
}

// SharesFor picks from tables by year the one valid in year: the newest
// table of that year or before. It reports false if there is none.
func SharesFor(tables map[int]Shares, year int) (Shares, int, bool) {
	best := 0
	for y := range tables {
		if y <= year && y > best {
			best = y
		}
	}
	if best == 0 {
		return nil, 0, false
	}
	return tables[best], best, true
}

// SharesYears lists the years of tables in order.
func SharesYears(tables map[int]Shares) []int {
	var ys []int
	for y := range tables {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// SharesMaxAge is how many years the newest Königsteiner-Schlüssel table
// may lag behind the current year before pages warn about it.
const SharesMaxAge = 3

// SharesLoadHint says, for the Geschäftsstelle, who loads a newer
// Königsteiner-Schlüssel table and how to get it there: the operators
// (technischer Betrieb) load the GWK's table, as docs/operations.md
// describes. Before, the warning showed the command line, which a
// secretariat cannot run.
const SharesLoadHint = "Eine neue Tabelle lädt der technische Betrieb von gremium: bitte ihm die aktuelle Tabelle der GWK (Gemeinsame Wissenschaftskonferenz, jährlich im Bundesanzeiger) schicken und um das Laden bitten; die Anleitung für den Betrieb steht in der Betriebsdokumentation (docs/operations.md, „Königsteiner Schlüssel laden“)."

// SharesOutdated gives a German warning for the Geschäftsstelle when no
// table is loaded or the newest table (of year newest) is more than
// SharesMaxAge years older than the year now, with who loads a newer one
// (SharesLoadHint), and "" otherwise.
func SharesOutdated(newest, now int) string {
	if newest == 0 {
		return "Es ist keine Tabelle des Königsteiner Schlüssels geladen; Beschlüsse können nicht ausgezählt werden. " + SharesLoadHint
	}
	if now-newest > SharesMaxAge {
		return "Die neueste Tabelle des Königsteiner Schlüssels ist von " + strconv.Itoa(newest) +
			" und damit älter als drei Jahre. " + SharesLoadHint
	}
	return ""
}
