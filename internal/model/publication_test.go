package model

import (
	"strings"
	"testing"
)

func TestSessionGate(t *testing.T) {
	tests := []struct {
		status                              SessionStatus
		published                           bool
		agenda, minutes, approved, editable bool
	}{
		{StatusPlanned, false, false, false, false, false},
		{StatusPlanned, true, true, false, false, false},
		{StatusConvened, false, false, false, false, false},
		{StatusConvened, true, true, false, false, false},
		{StatusRunning, false, true, false, false, true},
		{StatusEnded, false, true, false, false, true},
		{StatusMinutesDraft, false, true, true, false, true},
		{StatusMinutesApproved, false, true, true, true, false},
		{"", false, false, false, false, false},
		{"unbekannt", false, false, false, false, false},
	}
	for _, tc := range tests {
		t.Run(string(tc.status)+map[bool]string{true: "/veröffentlicht", false: ""}[tc.published], func(t *testing.T) {
			s := Session{Status: tc.status, AgendaPublished: tc.published}
			if got := s.AgendaPublic(); got != tc.agenda {
				t.Errorf("AgendaPublic = %v", got)
			}
			if got := s.MinutesPublic(); got != tc.minutes {
				t.Errorf("MinutesPublic = %v", got)
			}
			if got := s.MinutesApproved(); got != tc.approved {
				t.Errorf("MinutesApproved = %v", got)
			}
			if got := s.MinutesEditable(); got != tc.editable {
				t.Errorf("MinutesEditable = %v", got)
			}
			if !Internal.SeesAgenda(s) || !Internal.SeesMinutes(s) {
				t.Error("the internal audience sees every agenda and the minutes")
			}
			if Public.SeesAgenda(s) != tc.agenda || Public.SeesMinutes(s) != tc.minutes {
				t.Error("the public sees what the session's state allows")
			}
		})
	}
}

func TestDecisionGate(t *testing.T) {
	secret := Redact("GEHEIM")
	base := Decision{ID: 7, Kind: KindDecision, Title: "Titel " + secret, Result: "einstimmig " + secret,
		Points: []Point{{Label: "1.", Text: "Punkt " + secret}}}
	tests := []struct {
		status DecisionStatus
		label  string
		public bool
		name   string
	}{
		{DecisionDraft, "", false, "Beschlussvorschlag"},
		{DecisionRejected, "", false, "abgelehnter Beschlussvorschlag"},
		{DecisionAdopted, "B-2025/26-IT", true, "Beschluss B-2025/26-IT"},
		{DecisionAdopted, "", true, "Beschluss (im Protokoll ohne Nummer)"},
	}
	for _, c := range []struct {
		d    Decision
		want string
	}{
		{Decision{Kind: KindRecommendation, Status: DecisionDraft}, "Empfehlungsvorschlag"},
		{Decision{Kind: KindRecommendation, Status: DecisionRejected}, "abgelehnter Empfehlungsvorschlag"},
		{Decision{Kind: KindRecommendation, Status: DecisionAdopted}, "Empfehlung (im Protokoll ohne Nummer)"},
	} {
		if got := c.d.ProposalLabel(); got != c.want {
			t.Errorf("ProposalLabel of an Empfehlung %s = %q, want %q", c.d.Status, got, c.want)
		}
	}
	for _, tc := range tests {
		t.Run(string(tc.status)+tc.label, func(t *testing.T) {
			d := base
			d.Status, d.Label = tc.status, tc.label
			d.Points = []Point{{Label: "1.", Text: "Punkt " + secret}}
			if d.Public() != tc.public {
				t.Errorf("Public = %v", d.Public())
			}
			if got := d.ProposalLabel(); got != tc.name {
				t.Errorf("ProposalLabel = %q, want %q", got, tc.name)
			}
			pub, ok := Public.Decision(d)
			if ok != tc.public {
				t.Fatalf("Public.Decision ok = %v", ok)
			}
			if ok && (strings.Contains(pub.Title+pub.Result+pub.Points[0].Text, "GEHEIM") || !strings.Contains(pub.Title, RedactedPlaceholder)) {
				t.Errorf("public decision = %+v", pub)
			}
			if !strings.Contains(d.Points[0].Text, "GEHEIM") {
				t.Error("the caller's decision was changed")
			}
			in, ok := Internal.Decision(d)
			if !ok || in.Title != d.Title {
				t.Errorf("internal decision = %+v, %v", in, ok)
			}
			if n := len(Public.Decisions([]Decision{d, d})); (n == 2) != tc.public {
				t.Errorf("Public.Decisions kept %d", n)
			}
		})
	}
}

func TestFollowUpAndItemGate(t *testing.T) {
	adopted := Decision{ID: 3, Status: DecisionAdopted}
	draft := Decision{ID: 3, Status: DecisionDraft}
	other := Decision{ID: 4, Status: DecisionAdopted}
	released := Session{Status: StatusMinutesDraft}
	running := Session{Status: StatusRunning}
	tests := []struct {
		name     string
		f        FollowUp
		decision *Decision
		session  *Session
		public   bool
	}{
		{"of an adopted decision", FollowUp{DecisionID: 3}, &adopted, &running, true},
		{"of a proposal", FollowUp{DecisionID: 3}, &draft, &released, false},
		{"decision not given", FollowUp{DecisionID: 3}, nil, &released, false},
		{"another decision given", FollowUp{DecisionID: 3}, &other, &released, false},
		{"from the released minutes", FollowUp{ItemID: 1}, nil, &released, true},
		{"from a running session", FollowUp{ItemID: 1}, nil, &running, false},
		{"session not given", FollowUp{ItemID: 1}, nil, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FollowUpPublic(tc.f, tc.decision, tc.session); got != tc.public {
				t.Errorf("FollowUpPublic = %v", got)
			}
			if !Internal.SeesFollowUp(tc.f, tc.decision, tc.session) {
				t.Error("the internal audience sees every follow-up")
			}
		})
	}
	it := AgendaItem{Title: "T " + Redact("X"), Points: []string{Redact("Y")}, Impact: Impact{Note: "Notiz"}}
	pub := Public.Item(it)
	if strings.Contains(pub.Title+strings.Join(pub.Points, ""), "X") || strings.Contains(pub.Points[0], "Y") || pub.Impact.Note != "" {
		t.Errorf("public item = %+v", pub)
	}
	if it.Points[0] != Redact("Y") {
		t.Error("the caller's item was changed")
	}
	if in := Internal.Item(it); in.Impact.Note != "Notiz" || in.Title != it.Title {
		t.Errorf("internal item = %+v", in)
	}
	if f := Public.FollowUp(FollowUp{Text: Redact("Z"), Version: 3}); strings.Contains(f.Text, "Z") || f.Version != 0 {
		t.Errorf("public follow-up = %q, version %d (the version rises with changes the public cannot see)", f.Text, f.Version)
	}
	if f := Internal.FollowUp(FollowUp{Version: 3}); f.Version != 3 {
		t.Errorf("internal follow-up version %d, want 3", f.Version)
	}
	if Public.SeesRow(true) || !Public.SeesRow(false) || !Internal.SeesRow(true) {
		t.Error("SeesRow")
	}
}

func TestItemGate(t *testing.T) {
	planned := Session{Status: StatusPlanned}
	published := Session{Status: StatusPlanned, AgendaPublished: true}
	he := &User{Role: RoleMember, MemberAbbrev: "HE"}
	by := &User{Role: RoleMember, MemberAbbrev: "BY"}
	gs := &User{Role: RoleSecretariat}
	guest := &User{Role: RoleAdvisory, MemberAbbrev: "DLT"}
	registration := AgendaItem{Status: ItemRegistered, RegisteredBy: "HE"}
	declined := AgendaItem{Status: ItemDeclined, RegisteredBy: "HE"}
	accepted := AgendaItem{Status: ItemAccepted, RegisteredBy: "HE"}
	tests := []struct {
		name string
		a    Audience
		u    *User
		it   AgendaItem
		s    Session
		want bool
	}{
		{"registering member sees the registration", Internal, he, registration, planned, true},
		{"secretariat sees the registration", Internal, gs, registration, planned, true},
		{"another member does not", Internal, by, registration, planned, false},
		{"a guest does not", Internal, guest, registration, planned, false},
		{"the public does not", Public, nil, registration, published, false},
		{"another member does not see a declined one", Internal, by, declined, planned, false},
		{"a disabled account does not", Internal, &User{Role: RoleSecretariat, Disabled: true}, registration, planned, false},
		{"accepted item, unpublished agenda, member", Internal, by, accepted, planned, true},
		{"accepted item, unpublished agenda, public", Public, nil, accepted, planned, false},
		{"accepted item, published agenda, public", Public, nil, accepted, published, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.SeesItem(tc.it, tc.s, tc.u); got != tc.want {
				t.Errorf("SeesItem = %v", got)
			}
		})
	}
}

func TestSeesProposal(t *testing.T) {
	planned := Session{Status: StatusPlanned}
	he := &User{Role: RoleMember, MemberAbbrev: "HE"}
	by := &User{Role: RoleMember, MemberAbbrev: "BY"}
	bund := &User{Role: RoleMember, MemberAbbrev: "Bund"}
	sn := &User{Role: RoleMember, MemberAbbrev: "SN"}
	guest := &User{Role: RoleAdvisory, MemberAbbrev: "BY"}
	d := Decision{Applicants: []string{"HE", "Bund"}}
	registration := AgendaItem{Status: ItemRegistered, RegisteredBy: "HE", Reporters: []string{"HE", "BY"}}
	accepted := AgendaItem{Status: ItemAccepted, RegisteredBy: "HE"}
	for _, tc := range []struct {
		name string
		a    Audience
		u    *User
		it   AgendaItem
		want bool
	}{
		{"registering member", Internal, he, registration, true},
		{"an applicant", Internal, bund, registration, true},
		{"a reporting member", Internal, by, registration, true},
		{"a member not named", Internal, sn, registration, false},
		{"a guest acting for a named member", Internal, guest, registration, false},
		{"the public", Public, nil, registration, false},
		{"a disabled applicant", Internal, &User{Role: RoleMember, MemberAbbrev: "Bund", Disabled: true}, registration, false},
		{"on the agenda: every member", Internal, sn, accepted, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.SeesProposal(d, tc.it, planned, tc.u); got != tc.want {
				t.Errorf("SeesProposal = %v", got)
			}
		})
	}
}

// TestReadsAsCoApplicant: the rule by which the registration's page and
// the JSON API show a registration to a member named as co-applicant
// (before, the API had none and answered 404 where the page opened).
func TestReadsAsCoApplicant(t *testing.T) {
	planned := Session{Status: StatusPlanned}
	he := &User{Role: RoleMember, MemberAbbrev: "HE"}
	by := &User{Role: RoleMember, MemberAbbrev: "BY"}
	bund := &User{Role: RoleMember, MemberAbbrev: "Bund"}
	sn := &User{Role: RoleMember, MemberAbbrev: "SN"}
	d := Decision{ID: 7, Applicants: []string{"HE", "Bund"}}
	registration := AgendaItem{Status: ItemRegistered, RegisteredBy: "HE", Reporters: []string{"HE", "BY"}}
	declined := AgendaItem{Status: ItemDeclined, RegisteredBy: "HE"}
	accepted := AgendaItem{Status: ItemAccepted, RegisteredBy: "HE"}
	for _, tc := range []struct {
		name string
		a    Audience
		u    *User
		it   AgendaItem
		d    Decision
		want bool
	}{
		{"an applicant", Internal, bund, registration, d, true},
		{"an applicant, declined", Internal, bund, declined, d, true},
		{"an applicant, on the agenda", Internal, bund, accepted, d, true},
		{"the registering member reads it as its own", Internal, he, registration, d, false},
		{"a reporting member is no applicant", Internal, by, registration, d, false},
		{"a member not named", Internal, sn, registration, d, false},
		{"a member not named, on the agenda", Internal, sn, accepted, d, false},
		{"the secretariat reads it as its own", Internal, &User{Role: RoleSecretariat, MemberAbbrev: "FITKO"}, registration, d, false},
		{"a guest acting for a named member", Internal, &User{Role: RoleAdvisory, MemberAbbrev: "Bund"}, registration, d, false},
		{"a disabled applicant", Internal, &User{Role: RoleMember, MemberAbbrev: "Bund", Disabled: true}, registration, d, false},
		{"the public", Public, nil, registration, d, false},
		{"no proposal", Internal, bund, registration, Decision{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.ReadsAsCoApplicant(tc.d, tc.it, planned, tc.u); got != tc.want {
				t.Errorf("ReadsAsCoApplicant = %v", got)
			}
		})
	}
}

// TestDecisionGateCorrections: a correction is a version of the decision's
// text; the public sees it with the same marks blacked out, and the
// caller's decision stays as it was.
func TestDecisionGateCorrections(t *testing.T) {
	secret := Redact("GEHEIM")
	d := Decision{ID: 7, Kind: KindDecision, Status: DecisionAdopted, Label: "B-2026/01-IT", Title: "Titel",
		Corrections: []DecisionCorrection{{Version: 1, Title: "Berichtigt " + secret, Reason: "Schreibfehler " + secret,
			Points: []Point{{Label: "1.", Text: "Punkt " + secret}}}}}
	pub, ok := Public.Decision(d)
	if !ok {
		t.Fatal("an adopted decision is not public")
	}
	c := pub.Corrections[0]
	if strings.Contains(c.Title+c.Reason+c.Points[0].Text, "GEHEIM") || !strings.Contains(c.Title, RedactedPlaceholder) {
		t.Errorf("public correction = %+v", c)
	}
	if title, points := pub.Current(); strings.Contains(title+points[0].Text, "GEHEIM") {
		t.Errorf("the public current version shows the confidential text: %q %+v", title, points)
	}
	if orig := d.Corrections[0]; !strings.Contains(orig.Title+orig.Reason+orig.Points[0].Text, "GEHEIM") {
		t.Error("the caller's correction was changed")
	}
	if in, _ := Internal.Decision(d); in.Corrections[0].Title != d.Corrections[0].Title {
		t.Error("the internal reader does not see the correction as written")
	}
}

// TestSpokespersonContactReaders: the spokespersons' contact log is read
// by those who run the spokesperson system — the Geschäftsstelle, the
// members' offices and the spokespersons —, no longer by advisory members
// (DLT, BSI …), nor by a FachMK secretariat or the public.
func TestSpokespersonContactReaders(t *testing.T) {
	for _, c := range []struct {
		u    *User
		sees bool
	}{
		{&User{Role: RoleSecretariat}, true},
		{&User{Role: RoleMember, MemberAbbrev: "HE"}, true},
		{&User{Role: RoleSpokesperson, MemberAbbrev: "HB"}, true},
		{&User{Role: RoleAdvisory, MemberAbbrev: "DLT"}, false},
		{&User{Role: RoleFachMK, ConferenceID: 3}, false},
		{&User{Role: RoleSecretariat, Disabled: true}, false},
		{nil, false},
	} {
		if got := SeesSpokespersonContacts(c.u); got != c.sees {
			t.Errorf("%+v reads the contact log: %v, want %v", c.u, got, c.sees)
		}
	}
}

// TestBodyGate: the gate asked before a session is looked up answers as
// the session's own gate does for every session of the body.
func TestBodyGate(t *testing.T) {
	for _, internal := range []bool{false, true} {
		b := Body{Preparation: Preparation{Internal: internal}}
		s := Session{Internal: internal}
		for _, a := range []Audience{Public, Internal} {
			if a.SeesBody(b) != a.SeesSession(s) {
				t.Errorf("internal body %v, audience %v: SeesBody %v, SeesSession %v", internal, a, a.SeesBody(b), a.SeesSession(s))
			}
		}
	}
	if Public.SeesBody(Body{Preparation: Preparation{Internal: true}}) {
		t.Error("the public may not know of an internal body's sessions")
	}
	if !Internal.SeesBody(Body{Preparation: Preparation{Internal: true}}) {
		t.Error("internal readers know of the AL-Runde's sessions")
	}
}
