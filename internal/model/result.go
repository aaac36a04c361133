package model

import (
	"gremium/internal/lazyre"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Result is a vote result as the minutes phrase it: "einstimmig",
// "einstimmig, bei Enthaltung von HE", "mehrheitlich bei Gegenstimmen von BY
// und SN", "mehrheitlich bei Gegenstimme von TH", "abgelehnt".
type Result struct {
	Adopted    bool
	Unanimous  bool     // einstimmig (of those voting; abstentions do not break unanimity)
	Abstaining []string // members abstaining, as the phrase names them
	Against    []string // members voting against
	// Silent are members present without a vote, which counts like an
	// abstention (docs/decision-rules.md): ", ohne Stimmabgabe von SN".
	Silent []string
	Note   string // a remark in brackets: "Grüne Liste, en bloc"
}

var (
	resultNote    = lazyre.New(`\s*\(([^()]*)\)\s*$`)
	resultAbstain = lazyre.New(`(?i)Enthaltung(?:en)?\s+(?:von|der|des)\s+`)
	resultSilent  = lazyre.New(`(?i)ohne Stimmabgabe\s+(?:von|der|des)\s+`)
	resultAgainst = lazyre.New(`(?i)(?:Gegenstimmen?\s+(?:von|der|des)|gegen die Stimmen?\s+(?:von|der|des))\s+`)
)

// ParseResult reads a result phrase, alone or inside a sentence ("Der
// Beschluss wird einstimmig, bei Enthaltung von HE beschlossen."). It reports
// false if the text states no result.
func ParseResult(s string) (Result, bool) {
	text := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	var r Result
	if m := resultNote.FindStringSubmatch(text); m != nil {
		r.Note = m[1]
		text = strings.TrimSpace(text[:len(text)-len(m[0])])
	}
	lower := strings.ToLower(text)
	switch {
	case strings.Contains(lower, "abgelehnt") || strings.Contains(lower, "nicht angenommen") || strings.Contains(lower, "nicht beschlossen"):
		r.Adopted = false
	case strings.Contains(lower, "einstimmig"):
		r.Adopted, r.Unanimous = true, true
	case strings.Contains(lower, "mehrheitlich") || strings.Contains(lower, "mit mehrheit"):
		r.Adopted = true
	default:
		return Result{}, false
	}
	if loc := resultAbstain.FindStringIndex(text); loc != nil {
		r.Abstaining = memberList(text[loc[1]:])
	}
	if loc := resultAgainst.FindStringIndex(text); loc != nil {
		r.Against = memberList(text[loc[1]:])
		r.Unanimous = false // votes against contradict unanimity
	}
	if loc := resultSilent.FindStringIndex(text); loc != nil {
		r.Silent = memberList(text[loc[1]:])
	}
	return r, true
}

// memberList reads the members a phrase names at the start of s: "BY, HE
// und SN beschlossen" gives BY, HE, SN. A member is a word that starts with
// a capital letter (or a redaction mark); the list ends at the first other
// word. The Bund stands in the genitive ("des Bundes und von HE", Phrase)
// and reads as "Bund"; a "von" or "des" after the first member opens the
// next part of the list.
func memberList(s string) []string {
	var out []string
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	for i, w := range words {
		w = strings.TrimRight(w, ".;")
		if i > 0 && (w == "und" || w == "sowie") {
			continue
		}
		if i > 0 && i+1 < len(words) {
			next := strings.TrimRight(words[i+1], ".;")
			if w == "von" && isMemberWord(next) || w == "des" && next == bundGenitive {
				continue
			}
		}
		if !isMemberWord(w) {
			break
		}
		if w == bundGenitive {
			w = bund
		}
		out = append(out, w)
	}
	return out
}

// isMemberWord reports whether a word of a result phrase names a member:
// it starts with a capital letter or a redaction mark and is none of the
// phrase's own nouns.
func isMemberWord(w string) bool {
	first, _ := utf8.DecodeRuneInString(w)
	return w != "" && (unicode.IsUpper(first) || first == '⟦' || first == '[') && w != "Enthaltung" && w != "Enthaltungen" && !strings.HasPrefix(w, "Gegenstimme")
}

// bund is how result phrases and votes name the Bund (its abbreviation);
// bundGenitive is the word a phrase says for it ("Enthaltung des Bundes").
const (
	bund         = "Bund"
	bundGenitive = "Bundes"
)

// ofMembers names members after a noun of a result phrase ("Enthaltung",
// "Gegenstimmen", "ohne Stimmabgabe"): "von HE", "von BY, HE und SN"; the
// Bund in the genitive, as the minutes say it ("des Bundes", "des Bundes
// und von HE"), for "von Bund" is no German. The order of ms is kept, so
// that ParseResult reads the same list back.
func ofMembers(ms []string) string {
	var parts, run []string
	flush := func() {
		if len(run) > 0 {
			parts = append(parts, "von "+joinMembers(run))
			run = nil
		}
	}
	for _, m := range ms {
		if m == bund {
			flush()
			parts = append(parts, "des "+bundGenitive)
			continue
		}
		run = append(run, m)
	}
	flush()
	return joinMembers(parts)
}

// OfMembers names members after a noun as a result phrase does: "von
// HE", "des Bundes", "des Bundes und von HE" ("auf Wunsch des Bundes",
// not "auf Wunsch von Bund").
func OfMembers(ms []string) string { return ofMembers(ms) }

// JoinMembers gives a list of members as German prose: "HE", "BY und SN",
// "BY, HE und SN".
func JoinMembers(ms []string) string { return joinMembers(ms) }

// joinMembers gives "HE", "BY und SN", "BY, HE und SN".
func joinMembers(ms []string) string {
	switch len(ms) {
	case 0:
		return ""
	case 1:
		return ms[0]
	}
	return strings.Join(ms[:len(ms)-1], ", ") + " und " + ms[len(ms)-1]
}

// AgainstPhrase names the votes against: "Gegenstimme von TH" for one
// member, "Gegenstimmen von BY und SN" for more; the Bund in the genitive
// ("Gegenstimme des Bundes", "Gegenstimmen des Bundes und von HE"). A single name that is a
// confidential passage or its placeholder ("⟦…⟧", "[geschwärzt]") may stand
// for several members and keeps the plural, which tells nothing. ParseResult
// reads both, and the plural for one member of older minutes.
func AgainstPhrase(ms []string) string {
	if len(ms) == 1 && !strings.HasPrefix(ms[0], "⟦") && !strings.HasPrefix(ms[0], "[") {
		return "Gegenstimme " + ofMembers(ms)
	}
	return "Gegenstimmen " + ofMembers(ms)
}

// PublicResult gives a result phrase as the public may read it: the
// members it names (abstaining, against, present without a vote) each
// replaced by one RedactedPlaceholder. Who voted how is internal; how many
// is not — the public count (PublicCountReason) says it — so one vote
// against reads "Gegenstimme von [geschwärzt]" and several "Gegenstimmen
// von [geschwärzt]" (the plural for one contradicted the count beside it).
// A text that states no result is returned as it is.
func PublicResult(s string) string {
	r, ok := ParseResult(s)
	if !ok {
		return s
	}
	hide := func(ms []string) []string {
		if len(ms) == 0 {
			return nil
		}
		return []string{RedactedPlaceholder}
	}
	one := len(r.Against) == 1
	r.Abstaining, r.Against, r.Silent = hide(r.Abstaining), hide(r.Against), hide(r.Silent)
	phrase := r.Phrase()
	if one {
		phrase = strings.Replace(phrase, "Gegenstimmen von "+RedactedPlaceholder, "Gegenstimme von "+RedactedPlaceholder, 1)
	}
	return phrase
}

// Phrase gives the standard phrase for the minutes; the Bund in the
// genitive ("einstimmig, bei Enthaltung des Bundes und von HE", ofMembers).
func (r Result) Phrase() string {
	var s string
	switch {
	case !r.Adopted:
		s = "abgelehnt"
		switch {
		case len(r.Against) > 0 && len(r.Abstaining) > 0:
			s += " bei " + AgainstPhrase(r.Against) + " und Enthaltung " + ofMembers(r.Abstaining)
		case len(r.Against) > 0:
			s += " bei " + AgainstPhrase(r.Against)
		case len(r.Abstaining) > 0:
			s += " bei Enthaltung " + ofMembers(r.Abstaining)
		}
	case r.Unanimous:
		s = "einstimmig"
		if len(r.Abstaining) > 0 {
			s += ", bei Enthaltung " + ofMembers(r.Abstaining)
		}
	default:
		s = "mehrheitlich"
		if len(r.Against) > 0 {
			s += " bei " + AgainstPhrase(r.Against)
		}
		if len(r.Abstaining) > 0 {
			if len(r.Against) > 0 {
				s += " und Enthaltung " + ofMembers(r.Abstaining)
			} else {
				s += " bei Enthaltung " + ofMembers(r.Abstaining)
			}
		}
	}
	if len(r.Silent) > 0 {
		s += ", ohne Stimmabgabe " + ofMembers(r.Silent)
	}
	if r.Note != "" {
		s += " (" + r.Note + ")"
	}
	return s
}

// ResultInBrackets gives a result phrase for a place that puts it in
// brackets ("B-2025/26-IT – Titel (…)"): its own remark in brackets
// follows after a semicolon, so that no brackets stand in brackets —
// "einstimmig (Grüne Liste, en bloc)" is "einstimmig; Grüne Liste, en
// bloc". Other phrases stay as they are.
func ResultInBrackets(s string) string {
	s = strings.TrimSpace(s)
	m := resultNote.FindStringSubmatchIndex(s)
	if m == nil || m[0] == 0 {
		return s
	}
	return strings.TrimSpace(s[:m[0]]) + "; " + strings.TrimSpace(s[m[2]:m[3]])
}
