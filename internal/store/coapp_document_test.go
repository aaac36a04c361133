package store

import (
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestNewProposalDocumentTellsTheCoApplicants: Hessen uploaded a new
// version of its registration's Beschlussvorschlag after BW had confirmed
// its co-application; BW, who had confirmed what it read before, heard
// nothing. Now each co-applicant that confirmed hears of it (event
// mitantrag_unterlage, in the upload's transaction, once per document),
// with the document, its version and the link to the registration; a
// co-applicant still asked (it reads the document when it answers), the
// registering office and another kind of document (a presentation) send
// nothing.
func TestNewProposalDocumentTellsTheCoApplicants(t *testing.T) {
	f := newCoAppFixture(t)
	for _, m := range []string{"HE", "BW", "NW"} {
		account(t, f.s, model.User{Username: strings.ToLower(m), Role: model.RoleMember, MemberAbbrev: m}, model.ChannelEmail, strings.ToLower(m)+"@example.org", model.EventCoApplicationDocument)
	}
	id := f.register(t, f.regist)
	bw := f.pendingOf(t, "BW")
	must[model.CoApplication](t)(f.s.DecideCoApplication(f.ctx, bw.ID, "BW", model.CoConfirm, bw.Fingerprint()))
	upload := func(name string, kind model.DocumentKind) int64 {
		t.Helper()
		return must[int64](t)(f.s.CreateDocument(f.ctx, Document{SessionID: f.s48, ItemID: id, Filename: name, ContentType: "application/pdf", Size: 9,
			SHA256: strings.Repeat("a", 64), UploadedBy: "Büro Hessen", Kind: kind}))
	}
	upload("Vorschlag-A.pdf", model.DocProposal)
	upload("Vorschlag-A-neu.pdf", model.DocProposal)
	upload("Folien.pdf", model.DocPresentation)
	got := messagesOf(t, f.s, model.EventCoApplicationDocument, "bw@example.org")
	if len(got) != 2 {
		t.Fatalf("BW's messages: %q, want one per proposal document", got)
	}
	if msg := strings.Join(got, "\n---\n"); !strings.Contains(msg, "ist eine neue Fassung des Beschlussvorschlags als Unterlage hochgeladen: „Vorschlag-A-neu.pdf“ (Beschlussvorschlag, Fassung 2)") ||
		!strings.Contains(msg, "Zur Anmeldung „Vorschlag A“ von HE, deren Mitantrag Ihr Mitglied bestätigt hat") {
		t.Errorf("BW's messages: %s", msg)
	}
	list, _, err := f.s.Notifications(f.ctx, OutboxFilter{Event: model.EventCoApplicationDocument, Limit: 100})
	check(t, err)
	for _, n := range list {
		if n.Link != registrationPath(id) {
			t.Errorf("the message links %q, want the registration", n.Link)
		}
	}
	for _, other := range []string{"nw@example.org", "he@example.org"} {
		if got := messagesOf(t, f.s, model.EventCoApplicationDocument, other); len(got) != 0 {
			t.Errorf("%s hears of the upload: %q", other, got)
		}
	}
}
