package ical

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Check reads an iCalendar stream byte by byte and lists where it breaks
// the rules of RFC 5545 that Write keeps: every line ends in CRLF (no bare
// LF or CR), no line is longer than 75 octets, every physical line is
// whole UTF-8 (folding never splits a character), continuation lines start
// with a space or tab, no control characters but HTAB, BEGIN/END nest, the
// calendar has VERSION and PRODID, every VEVENT has UID, DTSTAMP and
// DTSTART, every VALARM sits in a VEVENT with ACTION, TRIGGER and
// DESCRIPTION, and every TZID used is defined by a VTIMEZONE. Tests run it on
// every feed; nil means none broken.
func Check(b []byte) []string {
	var bad []string
	add := func(f string, args ...any) { bad = append(bad, fmt.Sprintf(f, args...)) }
	if len(b) == 0 || !bytes.HasSuffix(b, []byte("\r\n")) {
		add("the stream does not end with CRLF")
	}
	var logical []string
	for i, l := range bytes.Split(b, []byte("\r\n")) {
		n := i + 1
		if i == len(bytes.Split(b, []byte("\r\n")))-1 && len(l) == 0 {
			break
		}
		if bytes.ContainsAny(l, "\r\n") {
			add("line %d: bare CR or LF", n)
		}
		if len(l) > MaxLine {
			add("line %d: %d octets (max %d)", n, len(l), MaxLine)
		}
		if !utf8.Valid(l) {
			add("line %d: not whole UTF-8 (a fold split a character?)", n)
		}
		for _, c := range l {
			if (c < 0x20 && c != '\t') || c == 0x7f {
				add("line %d: control character %#x", n, c)
				break
			}
		}
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') {
			if len(logical) == 0 {
				add("line %d: continuation without a line before", n)
				continue
			}
			logical[len(logical)-1] += string(l[1:])
			continue
		}
		if len(l) == 0 {
			add("line %d: empty line", n)
			continue
		}
		logical = append(logical, string(l))
	}
	var stack []string
	type comp struct{ props map[string]bool }
	var comps []comp
	tzids, used := map[string]bool{}, map[string]bool{}
	top := map[string]bool{}
	for _, l := range logical {
		name, params, value := splitLine(l)
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			comps = append(comps, comp{map[string]bool{}})
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				add("END:%s does not close %v", value, stack)
				continue
			}
			c := comps[len(comps)-1]
			if value == "VEVENT" {
				for _, p := range []string{"UID", "DTSTAMP", "DTSTART"} {
					if !c.props[p] {
						add("a VEVENT lacks %s", p)
					}
				}
			}
			if value == "VALARM" {
				// RFC 5545 3.6.6: ACTION and TRIGGER, a DISPLAY alarm its
				// text; only inside an event.
				for _, p := range []string{"ACTION", "TRIGGER", "DESCRIPTION"} {
					if !c.props[p] {
						add("a VALARM lacks %s", p)
					}
				}
				if len(stack) < 2 || stack[len(stack)-2] != "VEVENT" {
					add("a VALARM outside a VEVENT")
				}
			}
			stack, comps = stack[:len(stack)-1], comps[:len(comps)-1]
			continue
		}
		if len(comps) == 0 {
			add("property %s outside VCALENDAR", name)
			continue
		}
		comps[len(comps)-1].props[name] = true
		if len(stack) == 1 {
			top[name] = true
		}
		if len(stack) > 0 && stack[len(stack)-1] == "VTIMEZONE" && name == "TZID" {
			tzids[value] = true
		}
		if tz := params["TZID"]; tz != "" {
			used[tz] = true
		}
	}
	if len(stack) != 0 {
		add("components left open: %v", stack)
	}
	for _, p := range []string{"VERSION", "PRODID"} {
		if !top[p] {
			add("the calendar lacks %s", p)
		}
	}
	for tz := range used {
		if !tzids[tz] {
			add("TZID %s is used but no VTIMEZONE defines it", tz)
		}
	}
	return bad
}

// splitLine splits an unfolded content line into name, parameters and value
// (quoted parameter values may hold ":" and ";").
func splitLine(l string) (string, map[string]string, string) {
	params := map[string]string{}
	inQuote := false
	colon := -1
	for i, c := range l {
		if c == '"' {
			inQuote = !inQuote
		}
		if c == ':' && !inQuote {
			colon = i
			break
		}
	}
	if colon < 0 {
		return strings.ToUpper(l), params, ""
	}
	head, value := l[:colon], l[colon+1:]
	parts := strings.Split(head, ";")
	for _, p := range parts[1:] {
		if k, v, ok := strings.Cut(p, "="); ok {
			params[strings.ToUpper(k)] = strings.Trim(v, `"`)
		}
	}
	return strings.ToUpper(parts[0]), params, value
}
