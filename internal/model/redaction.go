package model

import "strings"

// Redaction marks. A passage between RedactOpen and RedactClose is
// confidential (geschwärzt): the internal minutes show it, the public version
// replaces it with RedactedPlaceholder. The marks are characters that do not
// occur in German administrative text, so no escaping is needed.
const (
	RedactOpen          = "⟦"
	RedactClose         = "⟧"
	RedactedPlaceholder = "[geschwärzt]"
)

// Redact wraps s in redaction marks.
func Redact(s string) string { return RedactOpen + s + RedactClose }

// HasRedaction reports whether s contains a redaction mark.
func HasRedaction(s string) bool { return strings.Contains(s, RedactOpen) }

// PublicText returns s with every marked passage replaced by
// RedactedPlaceholder. An opening mark without a closing mark redacts the rest
// of the text: when in doubt, nothing confidential is shown.
func PublicText(s string) string {
	if !strings.Contains(s, RedactOpen) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, RedactOpen)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(RedactedPlaceholder)
		rest := s[i+len(RedactOpen):]
		j := strings.Index(rest, RedactClose)
		if j < 0 {
			return b.String()
		}
		s = rest[j+len(RedactClose):]
	}
}

// InternalText returns s with the redaction marks removed, for the internal
// version of the minutes.
func InternalText(s string) string {
	return strings.NewReplacer(RedactOpen, "", RedactClose, "").Replace(s)
}

// Audience says who a rendering is for.
type Audience int

const (
	// Public is the redacted version anyone may see (the zero value, so a
	// forgotten setting never leaks).
	Public Audience = iota
	// Internal is the full version for members and the secretariat. Its
	// texts keep the redaction marks, so that editors see and exports keep
	// what is confidential.
	Internal
)

// Text gives s as the audience may see it: for the public with marked
// passages replaced, internally unchanged (marks included).
func (a Audience) Text(s string) string {
	if a == Internal {
		return s
	}
	return PublicText(s)
}

// IsPublic reports whether the audience is the public.
func (a Audience) IsPublic() bool { return a != Internal }
