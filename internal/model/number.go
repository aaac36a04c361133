package model

import "strconv"

// GermanNumber writes a whole number as German texts do, the thousands
// separated by points: "20.000", "1.000.000", "-1.234", "999".
func GermanNumber(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	return sign + string(out)
}
