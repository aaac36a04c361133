package minutes

import (
	"testing"

	"gremium/internal/model"
)

// TestDocumentTitleSaysTheVersion: the title of every rendering (the
// PDF's metadata, the page's <title>) says whether the minutes are a draft
// and which version they are (model.MinutesTitle).
func TestDocumentTitleSaysTheVersion(t *testing.T) {
	body := model.Body{Name: "IT-Planungsrat"}
	draft := model.Session{Number: 47, Status: model.StatusMinutesDraft}
	approved := model.Session{Number: 46, Status: model.StatusMinutesApproved}
	for _, c := range []struct {
		doc  Document
		want string
	}{
		{Document{Body: body, Session: draft, Audience: model.Public}, "Protokoll der 47. Sitzung des IT-Planungsrats – Entwurf (öffentliche Fassung)"},
		{Document{Body: body, Session: draft, Audience: model.Internal}, "Protokoll der 47. Sitzung des IT-Planungsrats – Entwurf (interne Fassung)"},
		{Document{Body: body, Session: approved, Audience: model.Public}, "Protokoll der 46. Sitzung des IT-Planungsrats (öffentliche Fassung)"},
		{Document{Body: body, Session: approved, Audience: model.Internal}, "Protokoll der 46. Sitzung des IT-Planungsrats (interne Fassung)"},
	} {
		if got := c.doc.Title(); got != c.want {
			t.Errorf("Title() = %q, want %q", got, c.want)
		}
	}
}
