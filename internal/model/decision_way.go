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
// The reason of a refusal does not repeat s: an address can carry any
// text ("Rufen Sie … an"), which the register's page and feed must not
// show as if the register said it (as UnknownMember).
func ParseDecisionWay(s string) (DecisionWay, error) {
	switch w := DecisionWay(s); w {
	case "", WayDiscussed, WayConsent, WayWritten:
		return w, nil
	}
	return "", InputError("Das Verfahren in ?verfahren= der Adresse ist unbekannt; möglich sind „aussprache“, „gruene-liste“ und „umlaufverfahren“.")
}
