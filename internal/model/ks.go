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

// SharesOutdated gives a German warning when the newest table (of year
// newest) is more than SharesMaxAge years older than the year now, and ""
// otherwise.
func SharesOutdated(newest, now int) string {
	if newest == 0 {
		return "Es ist keine Tabelle des Königsteiner Schlüssels geladen; Beschlüsse können nicht ausgezählt werden (gremium config ks DATEI.csv)."
	}
	if now-newest > SharesMaxAge {
		return "Die neueste Tabelle des Königsteiner Schlüssels ist von " + strconv.Itoa(newest) +
			" und damit älter als drei Jahre; bitte die aktuelle Tabelle der GWK laden (gremium config ks DATEI.csv)."
	}
	return ""
}
