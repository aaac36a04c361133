package model

import (
	"strings"
	"testing"
)

// TestApplicationRemedy: "Der Antrag reicht (noch) nicht aus." told the
// registering office no way forward. Now it reads one by the
// registration's state: while it may be changed, "Anmeldung ändern"
// (linked) to name further applicants, who count once confirmed; once it
// cannot (accepted, or past the deadline) while the agenda is open, that
// only the secretariat can enter further applicants, in the session, and
// that the proposal cannot be voted on until then; nothing where nothing
// mends it (declined, session held or cancelled), and nothing for any
// other reader — the secretariat keeps its own words.
func TestApplicationRemedy(t *testing.T) {
	day := NewDate(2026, 3, 1)
	open := Session{Number: 48, Status: StatusPlanned, RegistrationDeadline: NewDate(2026, 3, 10)}
	past := Session{Number: 48, Status: StatusConvened, RegistrationDeadline: NewDate(2026, 2, 20)}
	running := Session{Number: 48, Status: StatusRunning, RegistrationDeadline: NewDate(2026, 2, 20)}
	held := Session{Number: 48, Status: StatusEnded}
	cancelled := Session{Number: 48, Status: StatusPlanned, RegistrationDeadline: NewDate(2026, 3, 10), Schedule: SessionSchedule{CancelledReason: "Terminkollision"}}
	he := &User{Role: RoleMember, MemberAbbrev: "HE"}
	registered := AgendaItem{Status: ItemRegistered, RegisteredBy: "HE"}
	accepted := AgendaItem{Status: ItemAccepted, RegisteredBy: "HE"}
	declined := AgendaItem{Status: ItemDeclined, RegisteredBy: "HE"}
	for _, tc := range []struct {
		name string
		it   AgendaItem
		se   Session
		u    *User
		want Remedy
	}{
		{"pending before the deadline", registered, open, he, RemedyChange},
		{"pending after the deadline", registered, past, he, RemedySecretariat},
		{"accepted", accepted, open, he, RemedySecretariat},
		{"accepted, the session running", accepted, running, he, RemedySecretariat},
		{"accepted, the session held", accepted, held, he, RemedyNone},
		{"pending, the session cancelled", registered, cancelled, he, RemedyNone},
		{"declined", declined, open, he, RemedyNone},
		{"the secretariat", registered, open, &User{Role: RoleSecretariat, MemberAbbrev: "FITKO"}, RemedyNone},
		{"a co-applicant", registered, open, &User{Role: RoleMember, MemberAbbrev: "BY"}, RemedyNone},
		{"nobody", registered, open, nil, RemedyNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.it.ApplicationRemedy(tc.se, day, tc.u); got != tc.want {
				t.Errorf("ApplicationRemedy = %d, want %d", got, tc.want)
			}
		})
	}
	change := RemedyChange.Hint()
	if change.LinkText != "Anmeldung ändern" || !strings.Contains(change.After, "weitere Mitglieder als Antragsteller nennen") || !strings.Contains(change.After, "wenn es seinen Mitantrag bestätigt hat") {
		t.Errorf("the change hint: %+v", change)
	}
	secretariat := RemedySecretariat.Hint()
	if secretariat.LinkText != "" || !strings.Contains(secretariat.Before, "nur noch die Geschäftsstelle eintragen, in der Sitzung") || !strings.HasSuffix(secretariat.Before+secretariat.After, NoVoteUntilApplication) {
		t.Errorf("the secretariat's hint: %+v", secretariat)
	}
	if RemedyNone.Hint() != (RemedyHint{}) {
		t.Errorf("no remedy gives a hint: %+v", RemedyNone.Hint())
	}
}

// TestCoApplicantChange: the co-applicant's page said "ändern kann sie nur
// das anmeldende Mitglied" also after the secretariat had accepted the
// registration, when only the secretariat could change it, and after the
// deadline, when nobody could. Now it says who can, by the window of
// RegistrationChange.
func TestCoApplicantChange(t *testing.T) {
	day := NewDate(2026, 3, 1)
	open := Session{Number: 48, Status: StatusPlanned, RegistrationDeadline: NewDate(2026, 3, 10)}
	past := Session{Number: 48, Status: StatusConvened, RegistrationDeadline: NewDate(2026, 2, 20)}
	held := Session{Number: 48, Status: StatusMinutesDraft}
	running := Session{Number: 48, Status: StatusRunning}
	cancelled := Session{Number: 48, Status: StatusPlanned, RegistrationDeadline: NewDate(2026, 3, 10), Schedule: SessionSchedule{CancelledReason: "Terminkollision"}}
	registered := AgendaItem{Status: ItemRegistered, RegisteredBy: "HE"}
	accepted := AgendaItem{Status: ItemAccepted, RegisteredBy: "HE"}
	for _, tc := range []struct {
		name string
		it   AgendaItem
		se   Session
		want string
	}{
		{"changeable", registered, open, "Ändern kann sie nur das anmeldende Mitglied."},
		{"accepted", accepted, open, "Die Geschäftsstelle hat sie auf die Tagesordnung genommen; ändern kann sie nur noch die Geschäftsstelle, den Beschlussvorschlag mit seinen Antragstellern in der Sitzung."},
		{"accepted, held", accepted, held, "Die Geschäftsstelle hat sie auf die Tagesordnung genommen; das anmeldende Mitglied kann sie nicht mehr ändern."},
		{"declined", AgendaItem{Status: ItemDeclined, RegisteredBy: "HE"}, open, "Die Geschäftsstelle hat sie abgelehnt; auch das anmeldende Mitglied kann sie nicht mehr ändern."},
		{"past the deadline", registered, past, "Der Anmeldeschluss der 48. Sitzung (20.02.2026) ist vorbei; auch das anmeldende Mitglied kann die Anmeldung nicht mehr ändern. Über sie entscheidet die Geschäftsstelle."},
		{"cancelled", registered, cancelled, "Die 48. Sitzung ist abgesagt; das anmeldende Mitglied kann die Anmeldung nicht mehr ändern, nur in eine andere Sitzung verlegen oder zurückziehen."},
		{"running, never taken up", registered, running, "Für die 48. Sitzung werden keine Tagesordnungspunkte mehr angemeldet; auch das anmeldende Mitglied kann die Anmeldung nicht mehr ändern."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.it.CoApplicantChange(tc.se, day); got != tc.want {
				t.Errorf("CoApplicantChange =\n%q, want\n%q", got, tc.want)
			}
		})
	}
}
