package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/search"
	"gremium/internal/store"
)

// The no-leak test (issue 12): unique markers are planted, through the
// store, in every field the public must not see — confidential rows and
// passages, unpublished agendas, proposals, rejected proposals, decision
// profiles, debrief texts, uploads' file names, comments, remarks,
// briefings, written-procedure proposals, registrations — and then every
// public surface is read as the public and as a FachMK secretariat: every
// GET route of the mux with its path parameters filled from the data,
// feeds, PDF and text exports, OParl objects and lists, the JSON API, the
// search index, and the outbox messages to external recipients. No marker
// may appear anywhere.

// leakMark is the prefix of every planted marker and leakEnd its end:
// letters only, so that search, PDF text and JSON keep a marker in one
// piece, and no marker is the beginning of another.
const (
	leakMark = "Zzleak"
	leakEnd  = "Zz"
)

// carrier is a public word next to every planted secret, so that a search
// for it finds the public texts around the secrets.
const carrier = "Zusatzvermerk"

// planted is what plantSecrets put into the store.
type planted struct {
	markers []string
	// proposalTitle is the marker in the title of a proposal on the
	// unpublished agenda of the 48th session.
	proposalTitle string
	// debriefTitle is the marker in the confidential part of the title of
	// an adopted decision relevant for a FachMK.
	debriefTitle string
	// draft47, rejected47 are markers in a proposal and a rejected proposal
	// in the released draft minutes of the 47th session.
	draft47, rejected47 string
	// registrationProposal is the proposal of Hessen's pending registration
	// for the 48th session.
	registrationProposal int64
}

// plantSecrets puts a marker into every confidential or unpublished field;
// it gives the markers.
func plantSecrets(t *testing.T, st *store.Store) planted {
	t.Helper()
	ctx := store.WithActor(context.Background(), "leak-test")
	var p planted
	secret := p.secret
	hidden := func(name string) string { return carrier + " " + model.Redact(secret(name)) + " Ende" }
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	fmk, err := st.BodyByAbbrev(ctx, "FMK")
	if err != nil {
		t.Fatal(err)
	}
	sections, err := st.Sections(ctx, council.ID)
	if err != nil || len(sections) == 0 {
		t.Fatal("no sections", err)
	}
	sec := sections[1].ID
	s47, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	// Hessen's delegation to the 47th session: the internal minutes name
	// the persons, the public attendance list only the member.
	if err := st.SaveDelegation(ctx, model.Delegation{SessionID: s47.ID, Member: "HE", Delegates: []model.Delegate{
		{Name: secret("DelegateName"), Function: secret("DelegateFunction"), Online: true}}}, true); err != nil {
		t.Fatal(err)
	}
	proposal := func(sessionID, itemID int64, title, point string) int64 {
		return must(st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision,
			Status: model.DecisionDraft, Scope: model.ScopeAll, Title: title, Points: []model.Point{{Label: "1.", Text: point}}, Applicants: []string{"Bund"}}))
	}

	// The 48th session is planned; its agenda is not published.
	s48 := must(st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Status: model.StatusPlanned, Date: model.NewDate(2025, 11, 6), Place: "Berlin"}))
	it48 := must(st.CreateItem(ctx, model.AgendaItem{SessionID: s48, SectionID: sec, Number: "01", Title: carrier + " " + secret("AgendaTitle"),
		Points: []string{secret("AgendaPoint")}, Reporters: []string{"HE"}, Status: model.ItemAccepted,
		Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk.ID}, Note: secret("ImpactNote")}}))
	p.proposalTitle = secret("ProposalTitle")
	proposal(s48, it48, p.proposalTitle, secret("ProposalPoint"))
	must(st.CreateFollowUp(ctx, model.FollowUp{ItemID: it48, Text: secret("FollowUpAgenda"), Responsible: "HE", Status: model.FollowUpOpen}))
	reg48 := must(st.CreateItem(ctx, model.AgendaItem{SessionID: s48, SectionID: sec, Title: secret("RegistrationTitle"), Points: []string{secret("RegistrationPoint")},
		Status: model.ItemRegistered, RegisteredBy: "HE", RegisteredAt: time.Now()}))
	p.registrationProposal = proposal(s48, reg48, secret("RegistrationProposal"), secret("RegistrationProposalPoint"))
	must(st.CreateDocument(ctx, store.Document{SessionID: s48, Filename: secret("UploadName") + ".pdf", ContentType: "application/pdf", Size: 4, SHA256: "0000", UploadedBy: "hessen"}))

	// The 49th session runs: its agenda is public, its minutes are not yet.
	s49 := must(st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 49, Status: model.StatusRunning, Date: model.NewDate(2025, 12, 4), Place: "Berlin"}))
	it49 := must(st.CreateItem(ctx, model.AgendaItem{SessionID: s49, SectionID: sec, Number: "01", Title: carrier + " laufend", Status: model.ItemAccepted}))
	// Members' notes on a document of the running session: one private,
	// one shared with the own office (never public).
	doc49 := must(st.CreateDocument(ctx, store.Document{SessionID: s49, ItemID: it49, Filename: "Vorlage.pdf", ContentType: "application/pdf", Size: 4, SHA256: "0000", UploadedBy: "hessen", Kind: model.DocProposal}))
	for _, n := range []struct {
		user   string
		shared bool
	}{{"hessen", false}, {"bund", true}} {
		u, _, err := st.UserLogin(ctx, n.user)
		if err != nil {
			t.Fatal(err)
		}
		must(st.SaveDocumentNote(ctx, model.DocumentNote{DocumentID: doc49, UserID: u.ID, Member: u.MemberAbbrev, Author: u.Name, Text: secret("DocumentNote" + n.user), Shared: n.shared}))
	}
	must(st.CreateContribution(ctx, model.Contribution{ItemID: it49, Speaker: "HE", Points: []string{carrier + " " + secret("RunningContribution")}}))
	must(st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it49, Author: "Hessen", Text: secret("RunningNote")}))
	must(st.CreateRemark(ctx, model.Remark{ItemID: it49, Kind: model.RemarkText, Text: secret("RunningRemark")}))
	must(st.CreateFollowUp(ctx, model.FollowUp{ItemID: it49, Text: secret("RunningFollowUp"), Responsible: "HE", Status: model.FollowUpOpen}))
	// A vote runs on the proposal: the public sees that a vote runs, not
	// what is voted on (a proposal is never public).
	voters, err := st.VotingMembers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var present []model.Attendance
	for _, m := range voters {
		present = append(present, model.Attendance{Member: m.Abbrev, Presence: model.Present})
	}
	if ok, reason, err := st.SaveAttendance(ctx, s49, present); err != nil || !ok {
		t.Fatalf("attendance of the 49th session: %v %s", err, reason)
	}
	if _, err := st.OpenVote(ctx, s49, proposal(s49, it49, secret("RunningProposal"), secret("RunningProposalPoint"))); err != nil {
		t.Fatal(err)
	}

	// The 44th session's minutes are approved and corrected (issue 13):
	// an approved correction of a confidential row, an approved correction
	// whose new text carries a marked passage, and a proposed correction
	// (internal until approved).
	s44 := must(st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 44, Status: model.StatusMinutesDraft, Date: model.NewDate(2024, 6, 20), Place: "Berlin"}))
	it44 := must(st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: s44, SectionID: sec, Number: "01", Title: carrier + " berichtigt", Status: model.ItemAccepted}))
	on44 := must(st.CreateContribution(ctx, model.Contribution{ItemID: it44, Speaker: "HE", Points: []string{carrier + " vorher"}}))
	conf44 := must(st.CreateContribution(ctx, model.Contribution{ItemID: it44, Speaker: "BY", Points: []string{secret("CorrectedRowBefore")}, Confidential: true}))
	pn44 := must(st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it44, Author: "Hessen", Text: carrier + " Notiz"}))
	blacked := secret("CorrectionBlackedOut")
	on44b := must(st.CreateContribution(ctx, model.Contribution{ItemID: it44, Speaker: "NI", Points: []string{carrier + " genannt " + blacked + " bisher"}}))
	if se44, err := st.Session(ctx, s44); err != nil {
		t.Fatal(err)
	} else if err := st.SetSessionStatus(ctx, s44, se44.Version, model.StatusMinutesApproved); err != nil {
		t.Fatal(err)
	}
	for _, c := range []model.MinutesCorrection{
		{RowKind: "ON", RowID: on44, After: carrier + " nachher " + model.Redact(secret("CorrectionMarked")), Reason: "Ergänzung " + model.Redact(secret("CorrectionReasonMarked"))},
		{RowKind: "ON", RowID: conf44, After: secret("CorrectedRowAfter"), Reason: secret("CorrectionConfidentialRowReason")},
	} {
		id := must(st.ProposeMinutesCorrection(ctx, c))
		if _, err := st.ApproveMinutesCorrection(ctx, id, 49, "Fassung", minutesStamp(t, st, s44)); err != nil {
			t.Fatal(err)
		}
	}
	must(st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "PN", RowID: pn44, After: secret("CorrectionProposedText"), Reason: secret("CorrectionProposedReason")}))
	// A correction that blacks out a passage of the row as approved: the
	// text before it, shown beside the correction, keeps it back too.
	if id, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: on44b, After: carrier + " genannt " + model.Redact(blacked) + " bisher", Reason: "Schwärzung"}); err != nil {
		t.Fatal(err)
	} else if _, err := st.ApproveMinutesCorrection(ctx, id, 49, "Fassung", minutesStamp(t, st, s44)); err != nil {
		t.Fatal(err)
	}

	// The 50th session is planned with a published agenda: the items are
	// public, the proposals on them are not.
	s50 := must(st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 50, Status: model.StatusConvened, AgendaPublished: true, Date: model.NewDate(2026, 3, 5), Place: "Berlin"}))
	// A TOP of the running 49th session deferred to the 50th (its item
	// stands on the 50th's public agenda), with a confidential passage in
	// the reason: the public agendas say "Vertagt auf die 50. Sitzung –
	// Grund: … [geschwärzt] …".
	deferred := must(st.CreateItem(ctx, model.AgendaItem{SessionID: s49, SectionID: sec, Number: "02", Title: carrier + " vertagt", Status: model.ItemAccepted, RegisteredBy: "HE"}))
	if _, _, err := st.DeferItem(ctx, store.Deferral{ItemID: deferred, Version: 1, Reason: hidden("DeferralReason")}); err != nil {
		t.Fatal(err)
	}
	it50 := must(st.CreateItem(ctx, model.AgendaItem{SessionID: s50, SectionID: sec, Number: "01", Title: hidden("AgendaTitleMarked"),
		Points: []string{hidden("AgendaPointMarked"), "⟦x ⟦y⟧ " + secret("AgendaPointNested") + "⟧", carrier + " ⟦" + secret("AgendaPointUnclosed")},
		Status: model.ItemAccepted, Impact: model.Impact{Stated: true, Note: secret("ImpactNotePublished")}}))
	proposal(s50, it50, secret("PublishedAgendaProposal"), secret("PublishedAgendaProposalPoint"))

	// The 47th session: its draft minutes are released (public, "Entwurf").
	it47 := must(st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: s47.ID, SectionID: sec, Number: "99", Title: hidden("ItemTitleMarked"),
		Points: []string{hidden("ItemPointMarked")}, Status: model.ItemAccepted, Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk.ID}, Note: secret("ImpactNote47")}}))
	must(st.CreateContribution(ctx, model.Contribution{ItemID: it47, Speaker: "HE", Points: []string{secret("ContributionConfidential")}, Confidential: true}))
	must(st.CreateContribution(ctx, model.Contribution{ItemID: it47, Speaker: "BY", Points: []string{hidden("ContributionMarked"),
		// Nested and stray marks (model.Passages): all of it is confidential.
		carrier + " ⟦a ⟦b⟧ " + secret("ContributionNested") + "⟧ offen", secret("ContributionStrayClose") + "⟧ danach offen"}}))
	must(st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it47, Author: "Hessen", Text: secret("NoteConfidential"), Confidential: true}))
	// A wholly confidential note is published without its author
	// ("Protokollnotiz: [geschwärzt]"): the author, unique here, appears
	// on no public surface, as the label of the row or anywhere else.
	must(st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it47, Author: secret("NoteAuthorConfidential"), Text: carrier + " Notiz", Confidential: true}))
	must(st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it47, Author: "Bayern", Text: hidden("NoteMarked")}))
	// A speaker and an author with marks, as old data or an import may
	// hold them (model.CheckSpeaker refuses them on entry): blacked out
	// whole for the public, on a row it reads and on a confidential one.
	for _, row := range []struct{ table, column, name string }{
		{"contributions", "speaker", "SpeakerMarked"}, {"protocol_notes", "author", "AuthorMarked"}, {"contributions", "speaker", "SpeakerMarkedConfidential"},
	} {
		var id int64
		if row.table == "contributions" {
			id = must(st.CreateContribution(ctx, model.Contribution{ItemID: it47, Speaker: "BY", Points: []string{carrier + " Beitrag"}, Confidential: row.name == "SpeakerMarkedConfidential"}))
		} else {
			id = must(st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it47, Author: "Bayern", Text: carrier + " Notiz"}))
		}
		if _, err := st.DBForTests().ExecContext(ctx, `UPDATE `+row.table+` SET `+row.column+` = ? WHERE id = ?`, "Bay"+model.Redact(secret(row.name)), id); err != nil {
			t.Fatal(err)
		}
	}
	must(st.CreateRemark(ctx, model.Remark{ItemID: it47, Kind: model.RemarkText, Text: secret("RemarkConfidential"), Confidential: true}))
	must(st.CreateRemark(ctx, model.Remark{ItemID: it47, Kind: model.RemarkText, Text: hidden("RemarkMarked")}))
	p.draft47 = secret("ProposalTitle47")
	draft := proposal(s47.ID, it47, p.draft47, secret("ProposalPoint47"))
	must(st.CreateFollowUp(ctx, model.FollowUp{ItemID: it47, DecisionID: draft, Text: secret("FollowUpOfProposal"), Responsible: "HE", Status: model.FollowUpOpen}))
	p.rejected47 = secret("RejectedTitle")
	must(st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: s47.ID, ItemID: it47, Kind: model.KindDecision, Status: model.DecisionRejected,
		Scope: model.ScopeAll, Title: p.rejected47, Points: []model.Point{{Label: "1.", Text: secret("RejectedPoint")}}, Result: "abgelehnt", AdoptedOn: s47.Date}))
	p.debriefTitle = secret("DecisionTitleMarked")
	adopted := must(st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: s47.ID, ItemID: it47, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 95}, AdoptedOn: s47.Date,
		Title: carrier + " " + model.Redact(p.debriefTitle), Points: []model.Point{{Label: "1.", Text: hidden("DecisionPointMarked")}},
		Result: "einstimmig " + model.Redact(secret("DecisionResultMarked"))}))
	// A decision whose correction blacks out passages of its text: the
	// text as adopted, which its page, the API and the minutes show, keeps
	// them back too.
	correctedTitle, correctedPoint := secret("CorrectedDecisionTitle"), secret("CorrectedDecisionPoint")
	corrected := must(st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: s47.ID, ItemID: it47, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 96}, AdoptedOn: s47.Date,
		Title: carrier + " für " + correctedTitle, Points: []model.Point{{Label: "1.", Text: carrier + " mit " + correctedPoint + " beschlossen"}}, Result: "einstimmig"}))
	if _, err := st.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: corrected, Title: carrier + " für " + model.Redact(correctedTitle),
		Points: []model.Point{{Label: "1.", Text: carrier + " mit " + model.Redact(correctedPoint) + " beschlossen"}}, Reason: "Schwärzung", By: "geschaeftsstelle"}); err != nil {
		t.Fatal(err)
	}
	publicFollowUp := must(st.CreateFollowUp(ctx, model.FollowUp{ItemID: it47, DecisionID: adopted, Text: hidden("FollowUpMarked"), Responsible: "FITKO", Status: model.FollowUpOpen}))
	// A public follow-up's comments stay internal; its evidence shows marked
	// passages redacted.
	if err := st.ReportFollowUp(ctx, store.FollowUpReport{ID: publicFollowUp, Version: 1, Status: model.FollowUpDone, DoneOn: model.NewDate(2025, 9, 1),
		EvidenceText: hidden("FollowUpEvidenceMarked"), Comment: secret("FollowUpComment"), Author: "hessen", Member: "HE"}); err != nil {
		t.Fatal(err)
	}
	if err := st.DismissFollowUpProposal(ctx, s47.ID, "probe", secret("DismissedProposal"), "geschaeftsstelle"); err != nil {
		t.Fatal(err)
	}
	pv, err := st.ProfileVersion(ctx, adopted)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveAssessments(ctx, adopted, pv, []model.Assessment{{DecisionID: adopted, ConferenceID: fmk.ID, Relevant: true,
		Reason: secret("ProfileReason"), AssessedBy: "geschaeftsstelle"}}); err != nil {
		t.Fatal(err)
	}
	must(st.CreateComment(ctx, store.Comment{SessionID: s47.ID, Author: "Hessen", Member: "HE", Text: secret("Comment")}))
	// Submitted protocol notes (note_submissions.go): a waiting one is in
	// no minutes, a refused one's reason is for its member alone.
	must(st.SubmitNote(ctx, model.NoteSubmission{ItemID: it47, Member: "HE", Text: carrier + " " + secret("NoteSubmissionWaiting")}))
	refusedNote := must(st.SubmitNote(ctx, model.NoteSubmission{ItemID: it47, Member: "HE", Text: carrier + " " + secret("NoteSubmissionRefused")}))
	if err := st.RejectNoteSubmission(ctx, refusedNote, 1, secret("NoteSubmissionReason")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Role: "Geschäftsstelle", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	// A contact's telephone number is for internal readers only (the
	// contact form says so); another conference's, so that the FachMK
	// secretariat reading here does not keep it.
	umk, err := st.BodyByAbbrev(ctx, "UMK")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: umk.ID, Name: "Geschäftsstelle UMK", Role: "Geschäftsstelle", Email: "gs@umk.example", Phone: secret("ContactPhone")}); err != nil {
		t.Fatal(err)
	}

	// Written procedures: one open, one rejected.
	deadline := time.Now().Add(time.Hour)
	must(st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: secret("ProcedureOpen"), Points: []model.Point{{Label: "1.", Text: secret("ProcedureOpenPoint")}}, Applicants: []string{"Bund"}}, Deadline: deadline}))
	rejected := must(st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: secret("ProcedureRejected"), Points: []model.Point{{Label: "1.", Text: secret("ProcedureRejectedPoint")}}, Applicants: []string{"Bund"}}, Deadline: deadline}))
	if err := st.CastVote(ctx, rejected, "BW", model.VoteNo); err != nil {
		t.Fatal(err)
	}
	closed, err := st.CloseDueProcedures(ctx, deadline.Add(time.Minute))
	if err != nil || len(closed) != 2 {
		t.Fatalf("closing the procedures: %v, %+v", err, closed)
	}
	for _, c := range closed {
		if d, err := st.Decision(ctx, c.DecisionID); err != nil || d.Status == model.DecisionAdopted {
			t.Fatalf("procedure %d closed with %v, %v; both must fail for this test", c.ID, d.Status, err)
		}
	}

	// Issue 16: the spokespersons' reports are internal until the agenda
	// is public (the 48th), and then show without their marked passages
	// (the 50th); requests are internal and their own FachMK's only (the
	// FachMK reader is the FMK's secretariat).
	must(st.CreateItem(ctx, model.AgendaItem{SessionID: s48, SectionID: sec, Title: model.ReportingFachMKTitle, Status: model.ItemAccepted, Position: 90}))
	must(st.CreateItem(ctx, model.AgendaItem{SessionID: s50, SectionID: sec, Title: model.ReportingFachMKTitle, Status: model.ItemAccepted, Position: 90}))
	if err := st.SaveReport(ctx, model.FachMKReport{SessionID: s48, ConferenceID: fmk.ID, Member: "HB", Author: "Dr. Martin Hagen", Text: carrier + " " + secret("ReportUnpublished")}, true); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveReport(ctx, model.FachMKReport{SessionID: s50, ConferenceID: fmk.ID, Member: "HB", Author: "Dr. Martin Hagen", Text: hidden("ReportMarked")}, true); err != nil {
		t.Fatal(err)
	}
	amk, err := st.BodyByAbbrev(ctx, "AMK")
	if err != nil {
		t.Fatal(err)
	}
	amkRequest := must(st.SubmitRequest(ctx, model.Request{ConferenceID: amk.ID, Title: secret("RequestTitle"), Text: secret("RequestText"), SubmittedBy: "amk"}))
	if err := st.SetRequestStatus(ctx, amkRequest, 1, model.RequestDeclined, secret("RequestReason")); err != nil {
		t.Fatal(err)
	}

	// The outcomes of a FachMK's own sessions are internal and their own
	// FachMK's (model.SeesConferenceOutcomes): the AMK's, read by the
	// FMK's secretariat and the public.
	must(st.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: amk.ID, HeldOn: model.NewDate(2025, 4, 3), Meeting: secret("OutcomeMeeting"),
		Reference: secret("OutcomeReference"), Title: carrier + " " + secret("OutcomeTitle"), Text: hidden("OutcomeText"), RecordedBy: "amk"}, ""))

	// The spokespersons' contacts with their FachMK are the IT-PLR's
	// (model.SeesSpokespersonContacts): HB's kick-off talk with the FMK,
	// read by the public and by the FMK's own secretariat.
	must(st.CreateSpokespersonContact(ctx, model.SpokespersonContact{ConferenceID: fmk.ID, Member: "HB", Kind: model.ContactKickoff, HeldOn: model.NewDate(2025, 10, 1),
		With: carrier + " " + secret("ContactWith"), Participants: secret("ContactParticipants"), Topics: carrier + " " + secret("ContactTopics") + " " + model.Redact(secret("ContactTopicsMarked")),
		NextSteps: secret("ContactNextSteps"), RecordedBy: "Dr. Martin Hagen"}, "HB"))

	// Briefings and the evaluation are internal.
	key := must(st.CreateKeyMessage(ctx, model.KeyMessage{Title: secret("KeyMessageTitle"), Text: secret("KeyMessageText")}))
	must(st.CreateBriefing(ctx, model.Briefing{ConferenceID: fmk.ID, Title: secret("BriefingTitle")},
		model.BriefingVersion{Stand: model.NewDate(2025, 7, 1), Author: "FITKO", Content: secret("BriefingContent"),
			KeyMessages: []int64{key}, Questions: []string{secret("GuidingQuestion")}}))
	if qs, err := st.Questions(ctx); err == nil && len(qs) > 0 {
		must(st.SaveAnswer(ctx, model.EvaluationAnswer{QuestionID: qs[0].ID, Year: 2025, Respondent: "HB", Score: 3, Comment: secret("EvaluationComment")}))
	}
	plantPreparatory(t, st, &p, it50) // the AL-Runde (alrunde_test.go)
	if err := search.Rebuild(ctx, st, council.ID); err != nil {
		t.Fatal(err)
	}
	return p
}

// leakServer is the demo server with the demo accounts, a FachMK account
// ("fmk") and the planted secrets. adjust, if not nil, changes the server
// before it serves (the bypass test makes it forget the gate).
type leakServer struct {
	ts       *httptest.Server
	srv      *Server
	st       *store.Store
	planted  planted
	patterns []string // the GET patterns of the mux
}

func newLeakServer(t *testing.T, adjust func(*Server)) *leakServer {
	t.Helper()
	ctx := context.Background()
	st := demotest.StoreWithAccounts(t)
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	hash, _ := auth.HashPassword(demo.AccountPassword)
	if _, err := st.CreateUser(ctx, model.User{Username: "fmk", Name: "Geschäftsstelle FMK", Role: model.RoleFachMK, ConferenceID: fmk.ID}, hash); err != nil {
		t.Fatal(err)
	}
	ls := &leakServer{st: st, planted: plantSecrets(t, st)}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetDocumentDir(t.TempDir())
	if adjust != nil {
		adjust(srv)
	}
	ls.srv = srv
	rec := &patternRecorder{ServeMux: http.NewServeMux()}
	srv.routes(rec)
	for _, p := range rec.patterns {
		if strings.HasPrefix(p, "GET ") {
			ls.patterns = append(ls.patterns, strings.TrimPrefix(p, "GET "))
		}
	}
	ls.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(ls.ts.Close)
	return ls
}

// patternRecorder is a ServeMux that keeps the patterns registered on it.
type patternRecorder struct {
	*http.ServeMux
	patterns []string
}

func (m *patternRecorder) Handle(p string, h http.Handler) {
	m.patterns = append(m.patterns, p)
	m.ServeMux.Handle(p, h)
}

func (m *patternRecorder) HandleFunc(p string, h func(http.ResponseWriter, *http.Request)) {
	m.patterns = append(m.patterns, p)
	m.ServeMux.HandleFunc(p, h)
}

// sendDebrief has the secretariat save the debrief of the 47th session as
// proposed (with a confidential passage added to the invitation) and put
// the invitation into the outbox, as the web pages do.
func (ls *leakServer) sendDebrief(t *testing.T) {
	t.Helper()
	gs := client(t, ls.ts, "geschaeftsstelle")
	code, page := do(t, gs, "GET", ls.ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if code != http.StatusOK {
		t.Fatalf("debrief page: %d", code)
	}
	m := regexp.MustCompile(`(?s)<textarea id="nb-einladung" name="einladung" rows="12">(.*?)</textarea>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("debrief page without invitation")
	}
	// A day to come: a debrief is not dated before today.
	form := url.Values{"datum": {model.BerlinDate(time.Now().AddDate(0, 0, 14)).String()}, "ort": {"Videokonferenz"},
		"einladung": {html.UnescapeString(m[1]) + "\n" + model.Redact(ls.planted.secret("DebriefInvitation"))}}
	for i := range strings.Count(page, `name="zeile"`) {
		form.Set(fmt.Sprintf("aufnehmen_%d", i), "1")
		form.Set(fmt.Sprintf("vorstellung_%d", i), "HE")
	}
	if code, _ := postDebrief(t, gs, ls.ts.URL+"/sitzungen/47/nachbesprechung", form); code != http.StatusSeeOther {
		t.Fatalf("save debrief: %d", code)
	}
	council, _ := ls.st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	s47, _ := ls.st.SessionByNumber(context.Background(), council.ID, 47)
	db, err := ls.st.DebriefOfSession(context.Background(), s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	form.Set("version", strconv.Itoa(db.Version))
	if code, body := postDebrief(t, gs, ls.ts.URL+"/sitzungen/47/nachbesprechung/versenden", form); code != http.StatusSeeOther {
		t.Fatalf("send debrief: %d %s", code, body)
	}
}

// secret gives a new marker and keeps it in the list.
func (p *planted) secret(name string) string {
	m := leakMark + name + leakEnd
	p.markers = append(p.markers, m)
	return m
}

// paths gives the paths to read for a route pattern, its parameters filled
// with every value the data has; it reports an error for a parameter it
// knows no values for, so that a new route cannot go unread.
func (ls *leakServer) paths(t *testing.T, pattern string) ([]string, error) {
	t.Helper()
	ctx := context.Background()
	council, _ := ls.st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sessions, _ := ls.st.Sessions(ctx, council.ID)
	decisions, _ := ls.st.Decisions(ctx, store.DecisionFilter{})
	bodies, _ := ls.st.Bodies(ctx, "")
	ids := func(vals ...int64) []string {
		out := make([]string, len(vals))
		for i, v := range vals {
			out[i] = strconv.FormatInt(v, 10)
		}
		return out
	}
	var sessionIDs, sessionNumbers, years, itemIDs, docIDs, slugs []string
	for _, b := range bodies {
		if b.Preparation.Slug != "" { // the AL-Runde's sessions, under /gremien/{gremium}/sitzungen/{nr}
			slugs = append(slugs, b.Preparation.Slug)
			own, _ := ls.st.Sessions(ctx, b.ID)
			sessions = append(sessions, own...)
		}
	}
	seenYear := map[int]bool{}
	for _, se := range sessions {
		sessionIDs = append(sessionIDs, ids(se.ID)...)
		sessionNumbers = append(sessionNumbers, strconv.Itoa(se.Number))
		if !se.Date.IsZero() && !seenYear[se.Date.Year] {
			seenYear[se.Date.Year] = true
			years = append(years, strconv.Itoa(se.Date.Year))
		}
		items, _ := ls.st.Items(ctx, se.ID)
		for _, it := range items {
			itemIDs = append(itemIDs, ids(it.ID)...)
		}
		docs, _ := ls.st.Documents(ctx, se.ID)
		for _, d := range docs {
			docIDs = append(docIDs, ids(d.ID)...)
		}
	}
	var decisionIDs, labels []string
	var numbers [][2]string
	for _, d := range decisions {
		decisionIDs = append(decisionIDs, ids(d.ID)...)
		if !d.Number.IsZero() {
			labels = append(labels, d.Label, d.Number.Short())
			numbers = append(numbers, [2]string{strconv.Itoa(d.Number.Year), strconv.Itoa(d.Number.Seq)})
		}
	}
	var bodyIDs, abbrevs []string
	for _, b := range bodies {
		bodyIDs = append(bodyIDs, ids(b.ID)...)
		abbrevs = append(abbrevs, b.Abbrev)
	}
	persons, _ := ls.st.Persons(ctx)
	var personIDs []string
	for _, p := range persons {
		personIDs = append(personIDs, ids(p.ID)...)
	}
	assigns, _ := ls.st.Assignments(ctx, 0)
	var assignIDs []string
	for _, a := range assigns {
		assignIDs = append(assignIDs, ids(a.ID)...)
	}
	procs, _ := ls.st.Procedures(ctx)
	var procIDs []string
	for _, p := range procs {
		procIDs = append(procIDs, ids(p.ID)...)
	}
	fus, _ := ls.st.FollowUps(ctx, store.FollowUpFilter{})
	var followUpIDs, followUpNumbers []string
	for _, f := range fus {
		followUpIDs = append(followUpIDs, ids(f.ID)...)
		if f.Number != 0 {
			followUpNumbers = append(followUpNumbers, ids(f.Number)...)
		}
	}
	// Public numbers: every one given, and the next, not yet given.
	followUpNumbers = append(followUpNumbers, ids(int64(len(followUpNumbers)+1))...)
	requests, _ := ls.st.Requests(ctx, 0)
	var requestIDs []string
	for _, q := range requests {
		requestIDs = append(requestIDs, ids(q.ID)...)
	}
	all := slices.Concat(sessionIDs, itemIDs, decisionIDs, bodyIDs, personIDs, assignIDs, procIDs, docIDs, years)

	pattern = strings.ReplaceAll(pattern, "{$}", "")
	if strings.Contains(pattern, "{jahr}") {
		var out []string
		for _, n := range numbers {
			out = append(out, strings.NewReplacer("{jahr}", n[0], "{nr}", n[1]).Replace(pattern))
		}
		return out, nil
	}
	valuesOf := func(name string) ([]string, error) {
		switch name {
		case "nr", "nummer":
			if strings.Contains(pattern, "/auftraege/nr/") {
				return followUpNumbers, nil
			}
			return sessionNumbers, nil
		case "ref...":
			return labels, nil
		case "abbrev":
			return abbrevs, nil
		case "mitglied":
			return []string{"HE", "FITKO", "Bund"}, nil
		case "datei":
			// The personal calendar: its address is a secret of the
			// account (TestPersonalCalendarFeed); a guessed one finds nothing.
			return []string{"kal_unbekannt.ics", "x.ics"}, nil
		case "gremium":
			return slugs, nil
		case "v":
			return []string{"1", "2"}, nil
		case "seite":
			return []string{"impressum", "barrierefreiheit", "datenschutz", "agb"}, nil
		case "id":
			switch {
			case strings.HasPrefix(pattern, "/dokumente/"):
				return docIDs, nil
			case strings.HasPrefix(pattern, "/steckbrief/"):
				return decisionIDs, nil
			case strings.HasPrefix(pattern, "/umlaufverfahren/"):
				return procIDs, nil
			case strings.HasPrefix(pattern, "/auftraege/"):
				return followUpIDs, nil
			case strings.HasPrefix(pattern, "/anliegen/"):
				return requestIDs, nil
			case strings.HasPrefix(pattern, "/oparl/v1/body/"), strings.HasPrefix(pattern, "/oparl/v1/organization/"):
				return bodyIDs, nil
			case strings.HasPrefix(pattern, "/oparl/v1/person/"):
				return personIDs, nil
			case strings.HasPrefix(pattern, "/oparl/v1/membership/"):
				return assignIDs, nil
			case strings.HasPrefix(pattern, "/oparl/v1/meeting/"), strings.HasPrefix(pattern, "/oparl/v1/file/"), strings.HasPrefix(pattern, "/oparl/v1/location/"):
				return sessionIDs, nil
			case strings.HasPrefix(pattern, "/oparl/v1/agendaitem/"):
				return itemIDs, nil
			case strings.HasPrefix(pattern, "/oparl/v1/paper/"), strings.HasPrefix(pattern, "/oparl/v1/consultation/"):
				return decisionIDs, nil
			}
			return all, nil // an {id} route the test does not know: every id
		}
		return nil, fmt.Errorf("the no-leak test knows no values for {%s} in %s", name, pattern)
	}
	out := []string{pattern}
	for _, m := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(pattern, -1) {
		vals, err := valuesOf(m[1])
		if err != nil {
			return nil, err
		}
		var next []string
		for _, p := range out {
			for _, v := range vals {
				next = append(next, strings.Replace(p, m[0], v, 1))
			}
		}
		out = next
	}
	return out, nil
}

// reader reads public surfaces for one audience and reports the markers
// it finds.
type reader struct {
	name  string
	c     *http.Client
	ts    *httptest.Server
	seen  map[string]bool
	leaks []string
	reads int
	marks []string
}

// found lists the markers (and confidentiality marks) in text.
func found(markers []string, text string) []string {
	lower := strings.ToLower(text)
	var out []string
	for _, m := range markers {
		if strings.Contains(lower, strings.ToLower(m)) {
			out = append(out, m)
		}
	}
	if strings.ContainsAny(text, model.RedactOpen+model.RedactClose) {
		out = append(out, "confidentiality mark ⟦⟧")
	}
	return out
}

// read fetches a path (once) and records the markers in its answer: body
// (the text of a PDF), headers. It follows the next links of OParl lists
// and of the JSON API.
func (rd *reader) read(t *testing.T, path string) {
	t.Helper()
	if rd.seen[path] {
		return
	}
	rd.seen[path] = true
	rd.reads++
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if strings.HasSuffix(path, "/live/ereignisse") {
		// A stream: read what the first moments bring.
		ctx, cancel = context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", rd.ts.URL+path, nil)
	res, err := rd.c.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		t.Fatalf("%s %s: %v", rd.name, path, err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode >= 500 {
		t.Errorf("%s %s: %d", rd.name, path, res.StatusCode)
	}
	text := string(body)
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/pdf") && res.StatusCode == http.StatusOK {
		text = pdftest.Text(t, body)
	}
	var hdr strings.Builder
	for k, vs := range res.Header {
		fmt.Fprintf(&hdr, "%s: %s\n", k, strings.Join(vs, ", "))
	}
	for _, m := range found(rd.marks, hdr.String()+text) {
		rd.leaks = append(rd.leaks, fmt.Sprintf("%s GET %s (%d): %s", rd.name, path, res.StatusCode, m))
	}
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "json") {
		return
	}
	// Follow the next pages of lists.
	var list struct {
		Links struct {
			Next string `json:"next"`
		} `json:"links"`
	}
	if json.Unmarshal(body, &list) == nil && list.Links.Next != "" {
		if u, err := url.Parse(list.Links.Next); err == nil {
			rd.read(t, u.RequestURI())
		}
	}
	for _, l := range strings.Split(res.Header.Get("Link"), ",") {
		if strings.Contains(l, `rel="next"`) {
			if m := regexp.MustCompile(`<([^>]+)>`).FindStringSubmatch(l); m != nil {
				if u, err := url.Parse(m[1]); err == nil {
					rd.read(t, u.RequestURI())
				}
			}
		}
	}
}

// crawl reads every public surface as the public and as a FachMK
// secretariat and gives every marker found, with where.
func (ls *leakServer) crawl(t *testing.T) []string {
	t.Helper()
	ctx := context.Background()
	ls.sendDebrief(t)
	markers := ls.planted.markers
	var leaks []string
	var paths []string
	for _, p := range ls.patterns {
		ps, err := ls.paths(t, p)
		if err != nil {
			t.Error(err)
			continue
		}
		paths = append(paths, ps...)
	}
	// Queries: the register's filters, feeds with filters, search.
	bodies, _ := ls.st.Bodies(ctx, model.BodyFachMK)
	for _, b := range bodies {
		paths = append(paths, "/beschluesse?fachmk="+url.QueryEscape(b.Abbrev), "/beschluesse.atom?fachmk="+url.QueryEscape(b.Abbrev))
	}
	paths = append(paths, "/beschluesse?jahr=2025", "/beschluesse?seite=2", "/beschluesse?vor=2025-40&seite=2", "/beschluesse?nach=2025-1&seite=2",
		"/sitzungen?jahr=2025", "/sitzungen?jahr=2024", "/beschluesse?be=HE", "/beschluesse.atom?jahr=2025",
		"/api/v1/auftraege?status=offen", "/api/v1/beschluesse?jahr=2025", "/suche?q="+carrier, "/suche?q=Protokoll", "/suche?q=Beschluss",
		"/suche?q=geschwärzt", "/suche?q=Beschlussvorschlag")
	// Submitted protocol notes: the member's and the Geschäftsstelle's only (note_submissions.go).
	paths = append(paths, "/api/v1/sitzungen/47/protokollnotizen", "/sitzungen/47/eingereichte-protokollnotizen")
	reads := 0
	// The public reads everything twice: the second time the pages
	// rendered once per change come from the store (rendered.go).
	for i, who := range []string{"", "fmk", ""} {
		name := "öffentlich"
		if who != "" {
			name = "FachMK-Geschäftsstelle"
		}
		if i == 2 {
			name = "öffentlich, gespeicherte Seiten"
			if err := ls.st.FlushPages(ctx); err != nil {
				t.Fatal(err)
			}
		}
		rd := &reader{name: name, c: client(t, ls.ts, who), ts: ls.ts, seen: map[string]bool{}, marks: markers}
		for _, p := range paths {
			rd.read(t, p)
		}
		leaks = append(leaks, rd.leaks...)
		reads += rd.reads
	}
	// The live box pushed to public viewers of the running session (events.go).
	leaks = append(leaks, livePushLeaks(t, ls, 49, markers)...)

	// The search index itself: no marker is a term of any public document.
	for _, m := range markers {
		q, ok := search.Parse(m)
		if !ok {
			t.Fatalf("search cannot parse %q", m)
		}
		res, err := search.Run(ctx, ls.st, q, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total > 0 {
			leaks = append(leaks, fmt.Sprintf("search index: %s (%d hits)", m, res.Total))
		}
	}

	// Exports as the command line writes them (gremium export minutes),
	// text and PDF, for every session.
	council, _ := ls.st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sessions, _ := ls.st.Sessions(ctx, council.ID)
	for _, se := range sessions {
		doc, err := minutes.Load(ctx, ls.st, se.ID, model.Public)
		if err != nil {
			t.Fatal(err)
		}
		var text, pdf strings.Builder
		if err := minutes.Export(&text, doc); err != nil {
			t.Fatal(err)
		}
		if err := minutes.WritePDF(&pdf, doc); err != nil {
			t.Fatal(err)
		}
		for _, m := range found(markers, text.String()+pdftest.Text(t, []byte(pdf.String()))) {
			leaks = append(leaks, fmt.Sprintf("export of the %d. Sitzung: %s", se.Number, m))
		}
	}

	// What goes to the FachMK secretariats: the debrief PDF and the outbox
	// messages to recipients outside gremium.
	gs := client(t, ls.ts, "geschaeftsstelle")
	res, err := gs.Get(ls.ts.URL + "/sitzungen/47/nachbesprechung.pdf")
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, m := range found(markers, pdftest.Text(t, pdf)) {
		leaks = append(leaks, "debrief PDF: "+m)
	}
	out, _, err := ls.st.Notifications(ctx, store.OutboxFilter{Limit: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	external := 0
	for _, msg := range out {
		if !ls.externalMessage(t, msg) {
			continue
		}
		external++
		for _, m := range found(markers, strings.Join([]string{msg.Subject, msg.Body, msg.Link, msg.Recipient, msg.RecipientName}, "\n")) {
			leaks = append(leaks, fmt.Sprintf("outbox message %d (%s) to %s: %s", msg.ID, msg.Event, msg.Recipient, m))
		}
	}
	if external == 0 {
		t.Error("no outbox message to an external recipient was read")
	}
	t.Logf("read %d answers of %d GET routes as two audiences, %d markers, %d outbox messages", reads, len(ls.patterns), len(markers), external)
	sort.Strings(leaks)
	return slices.Compact(leaks)
}

// externalMessage reports whether an outbox message goes to someone who
// reads as the public: an address outside gremium (a FachMK contact), or
// an account that gets the public version (a FachMK secretariat) —
// whatever the occasion of the message.
func (ls *leakServer) externalMessage(t *testing.T, n model.Notification) bool {
	t.Helper()
	if n.UserID == 0 {
		return true
	}
	u, err := ls.st.User(context.Background(), n.UserID)
	if err != nil {
		t.Fatal(err)
	}
	return auth.Audience(&u) == model.Public
}

// TestNoLeaks: no planted marker reaches any public surface.
func TestNoLeaks(t *testing.T) {
	ls := newLeakServer(t, nil)
	if len(ls.patterns) < 40 {
		t.Fatalf("only %d GET routes recorded", len(ls.patterns))
	}
	for _, l := range ls.crawl(t) {
		t.Error(l)
	}
}

// TestNoLeaksFailsWithoutGate proves the no-leak test catches a handler
// that forgets the gate: a server that renders every request for the
// internal audience must be caught, on the pages that use the audience.
func TestNoLeaksFailsWithoutGate(t *testing.T) {
	ls := newLeakServer(t, func(s *Server) {
		s.audienceOf = func(*http.Request) model.Audience { return model.Internal }
	})
	leaks := ls.crawl(t)
	if len(leaks) == 0 {
		t.Fatal("the no-leak test found nothing on a server that bypasses the publication gate")
	}
	joined := strings.Join(leaks, "\n")
	for _, want := range []string{"GET /sitzungen/48 ", "GET /sitzungen/47/protokoll.pdf", leakMark + "ContributionConfidential", leakMark + "AgendaTitle", leakMark + "DeferralReason"} {
		if !strings.Contains(joined, want) {
			t.Errorf("bypass not caught at %q; found:\n%s", want, joined)
		}
	}
}
