package model

// DecisionWay is how a body took a decision: in a session after
// discussion, in a session on the Grüne Liste (the consent agenda, en bloc
// and without discussion), or in written procedure (Umlaufverfahren, GO
// § 8). The public register filters by it (?verfahren=…).
type DecisionWay string

// The ways a decision is taken; the values are the register's address.
const (
	WayDiscussed DecisionWay = "aussprache"
	WayConsent   DecisionWay = "gruene-liste"
	WayWritten   DecisionWay = "umlaufverfahren"
)

// DecisionWays are the ways in the order the register's filter offers them.
var DecisionWays = []DecisionWay{WayDiscussed, WayConsent, WayWritten}

// Label gives the way as the register's filter and its feed's title name
// it.
func (w DecisionWay) Label() string {
	switch w {
	case WayDiscussed:
		return "Sitzung mit Aussprache"
	case WayConsent:
		return "Grüne Liste ohne Aussprache"
	case WayWritten:
		return "Umlaufverfahren"
	}
	return string(w)
}

// ParseDecisionWay reads a way from the register's address ("" for none).
func ParseDecisionWay(s string) (DecisionWay, error) {
	switch w := DecisionWay(s); w {
	case "", WayDiscussed, WayConsent, WayWritten:
		return w, nil
	}
	return "", InputError("Das Verfahren „%s“ ist unbekannt; möglich sind „aussprache“, „gruene-liste“ und „umlaufverfahren“.", s)
}
