package demo

import (
	"context"
	"errors"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// Persons gives the persons named in the concept: the spokespersons of
// Tabelle 4 and the FITKO contacts.
func Persons() []model.Person {
	return []model.Person{
		{Name: "Martina Klement", MemberAbbrev: "BE", Function: "CDO des Landes Berlin und Staatssekretärin für Digitalisierung und Verwaltungsmodernisierung"},
		{Name: "Markus Richter", MemberAbbrev: "Bund", Function: "StS & CIO Bundesministerium des Innern & Heimat"},
		{Name: "Dr. Martin Hagen", MemberAbbrev: "HB", Function: "Staatsrat für Haushalt, Personal und IT beim Senator für Finanzen"},
		{Name: "Dr. Hartmut Schubert", MemberAbbrev: "TH", Function: "StS im Finanzministerium"},
		{Name: "Jan Pörksen", MemberAbbrev: "HH", Function: "Chef der Senatskanzlei und des Personalamtes"},
		{Name: "Dirk Schrödter", MemberAbbrev: "SH", Function: "Minister und Chef der Staatskanzlei"},
		{Name: "Stephan Manke", MemberAbbrev: "NI", Function: "StS im Ministerium für Inneres und Sport"},
		{Name: "Ina-Maria Ulbrich", MemberAbbrev: "MV", Function: "StS im Ministerium für Inneres, Bau und Digitalisierung"},
		{Name: "Dr. Fedor Ruhose", MemberAbbrev: "RP", Function: "StS für Arbeit, Soziales, Transformation und Digitalisierung des Landes Rheinland-Pfalz"},
		{Name: "Stefan Sauer", MemberAbbrev: "HE", Function: "StS im Hessischen Ministerium für Digitalisierung und Innovation"},
		{Name: "Daniel Sieveke", MemberAbbrev: "NW", Function: "StS im Ministerium für Heimat, Kommunales, Bau und Digitalisierung"},
		{Name: "Bernd Schlömer", MemberAbbrev: "ST", Function: "StS für Digitalisierung im Ministerium für Infrastruktur und Digitales & Beauftragter der Landesregierung für Informationstechnik"},
		{Name: "Jonas Meinig", MemberAbbrev: "FITKO", Function: "Abteilung Dialog und Strategie", Email: "itplr@fitko.de"},
		{Name: "Johannes Volz", MemberAbbrev: "FITKO", Function: "Abteilung Dialog und Strategie", Email: "itplr@fitko.de"},
	}
}

func (l *loader) persons(ctx context.Context) error {
	for _, p := range Persons() {
		cur, err := l.s.PersonByName(ctx, p.Name)
		if err == nil {
			l.personIDs[p.Name] = cur.ID
			continue
		}
		if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		id, err := l.s.CreatePerson(ctx, p)
		if err != nil {
			return err
		}
		l.personIDs[p.Name] = id
	}
	return nil
}

// Representatives gives the persons of Tabelle 4 who represent their
// member in the IT-Planungsrat (the spokesperson function is tied to that
// membership, concept 1.2): the spokespersons follow them.
func Representatives() map[string]string {
	return map[string]string{"BE": "Martina Klement", "Bund": "Markus Richter", "HB": "Dr. Martin Hagen", "TH": "Dr. Hartmut Schubert",
		"HH": "Jan Pörksen", "SH": "Dirk Schrödter", "NI": "Stephan Manke", "MV": "Ina-Maria Ulbrich", "RP": "Dr. Fedor Ruhose",
		"HE": "Stefan Sauer", "NW": "Daniel Sieveke", "ST": "Bernd Schlömer"}
}

func (l *loader) representatives(ctx context.Context) error {
	ms, err := l.s.Members(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		name, ok := Representatives()[m.Abbrev]
		if !ok || m.RepresentativeID != 0 {
			continue // a representative recorded already is kept
		}
		if err := l.s.SetRepresentative(ctx, m.Abbrev, l.personIDs[name]); err != nil {
			return err
		}
	}
	return nil
}

// SpokespersonDecisionDate is the date recorded for decision 2022/43, which
// was taken before gremium: the concept names only the year. Assumed: the
// 39th session of 10.11.2022, the last regular session of 2022, which took
// decision 2022/40 (it-planungsrat.de/beschluss/2022-40).
var SpokespersonDecisionDate = model.NewDate(2022, 11, 10)

// Spokesperson is a row of Tabelle 4: a FachMK, the member and the person.
type Spokesperson struct {
	Conference string // FachMK abbreviation
	Member     string
	Person     string
}

// SpokespersonDecision is the decision that appointed the spokespersons.
const SpokespersonDecision = "B-2022/43-IT"

// Spokespersons gives Tabelle 4 of the concept ("Übersicht der im Beschluss
// 2022/43 ernannten fachpolitischen Sprecher:innen"). For the DMK the table
// names "Berlin und Vorsitz IT-PLR": Berlin and the Bund.
func Spokespersons() []Spokesperson {
	return []Spokesperson{
		{"DMK", "BE", "Martina Klement"}, {"DMK", "Bund", "Markus Richter"},
		{"FMK", "HB", "Dr. Martin Hagen"}, {"FMK", "TH", "Dr. Hartmut Schubert"},
		{"E-Justice-Rat", "HH", "Jan Pörksen"},
		{"WMK", "HH", "Jan Pörksen"},
		{"UMK", "SH", "Dirk Schrödter"},
		{"IMK", "NI", "Stephan Manke"}, {"IMK", "MV", "Ina-Maria Ulbrich"},
		{"ASMK", "RP", "Dr. Fedor Ruhose"},
		{"VMK", "HE", "Stefan Sauer"},
		{"BMK", "MV", "Ina-Maria Ulbrich"}, {"BMK", "NW", "Daniel Sieveke"},
		{"GMK", "NI", "Stephan Manke"},
		{"KMK", "ST", "Bernd Schlömer"},
		{"EnMK", "SH", "Dirk Schrödter"},
		{"SMK", "NW", "Daniel Sieveke"},
		{"JFMK", "HB", "Dr. Martin Hagen"},
	}
}

func (l *loader) spokespersons(ctx context.Context) error {
	earlier, err := l.s.EarlierDecisions(ctx, l.councilID)
	if err != nil {
		return err
	}
	if len(earlier) == 0 {
		n, _ := model.ParseDecisionRef(SpokespersonDecision)
		if _, err := l.s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: l.councilID, Number: n, AdoptedOn: SpokespersonDecisionDate,
			Title: "Fachpolitische Sprecher:innen",
			Note:  "Vor gremium gefasst; das Konzept (2024) nennt nur das Jahr. Datum angenommen: 39. Sitzung am 10.11.2022 (Beschluss 2022/40 dieser Sitzung)."}); err != nil {
			return err
		}
	}
	have, err := l.s.Assignments(ctx, 0)
	if err != nil {
		return err
	}
	withAssignments := map[int64]bool{}
	for _, a := range have {
		withAssignments[a.ConferenceID] = true
	}
	for _, sp := range Spokespersons() {
		conf := l.bodies[sp.Conference]
		if withAssignments[conf] {
			continue // this FachMK's history is already recorded
		}
		// The person is the member's representative: the assignment follows
		// it (no person of its own).
		a := model.Assignment{ConferenceID: conf, Member: sp.Member, DecisionRef: SpokespersonDecision}
		if Representatives()[sp.Member] != sp.Person {
			a.PersonID = l.personIDs[sp.Person]
		}
		if _, err := l.s.CreateAssignment(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

// Tasks gives the role/task matrix (Tabelle 3).
func Tasks() []model.Task {
	lead, sup, none := model.ResponsibilityLead, model.ResponsibilitySupporting, model.ResponsibilityNone
	rows := []struct {
		text      string
		sp, fitko model.Responsibility
	}{
		{"Initiierung individueller Dialogformate im FachMK zur Förderung einfacher fachlicher Partnerschaft", lead, sup},
		{"Proaktive Einladung von FachMK-Vertretern zu ausgewähltem TOP der IT-PLR Sitzungen", lead, sup},
		{"Vorstellung wichtiger IT-PLR-Beschlüsse im Rahmen einer Fachministerkonferenz", lead, sup},
		{"Schaffung von gemeinsamen Presse- und Kommunikationsanlässen", lead, sup},
		{"Aktive Einbindung der FachMK in den IT-PLR-Fachkongress", lead, sup},
		{"Etablierung von Nachbesprechungen der IT-PLR-Sitzungen für FachMK-Geschäftsstellen", none, lead},
		{"Darstellung des IT-PLR-Ökosystems inkl. Verknüpfung der föderalen Arbeitsstrukturen", none, lead},
		{"Synchronisation zwischen koordinierenden und fachlichen Ansprechpersonen", none, lead},
		{"Erstellung von Handakten und Aufbereitung zentraler Botschaften aus dem IT-Planungsrat", none, lead},
	}
	out := make([]model.Task, len(rows))
	for i, r := range rows {
		out[i] = model.Task{Position: i + 1, Text: r.text, Spokesperson: r.sp, FITKO: r.fitko, Recurrence: TaskRecurrence(r.text)}
	}
	return out
}

func (l *loader) tasks(ctx context.Context) error {
	have, err := l.s.Tasks(ctx)
	if err != nil {
		return err
	}
	exists := map[string]bool{}
	for _, t := range have {
		exists[t.Text] = true
	}
	for _, t := range Tasks() {
		if exists[t.Text] {
			continue
		}
		if _, err := l.s.CreateTask(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// EvaluationGroup is the heading of the evaluation questions with their aim.
const EvaluationGroup = "Synchronisation von FachMK und fachpolitischen Sprecher:innen → Gemeinsame Optimierung und Ableitung von Verbesserungspotenzial"

// Questions gives the evaluation questions (Tabelle 2).
func Questions() []model.EvaluationQuestion {
	texts := []string{
		"Wurde das Wissen über Aufgaben des IT-PLR bei FachMK gestärkt?",
		"Sind gemeinsame Anknüpfungspunkte identifiziert?",
		"Besteht die benötigte Priorität für Themen des IT-PLR bei den FachMK?",
		"Findet ausreichend Kooperation zwischen FachMK und IT-PLR statt?",
		"Ist die Zusammenarbeit zwischen IT-PLR und FachMK in ausreichendem Maße gegeben?",
	}
	out := make([]model.EvaluationQuestion, len(texts))
	for i, t := range texts {
		out[i] = model.EvaluationQuestion{Position: i + 1, Group: EvaluationGroup, Text: t}
	}
	return out
}

func (l *loader) evaluation(ctx context.Context) error {
	have, err := l.s.Questions(ctx)
	if err != nil {
		return err
	}
	exists := map[string]bool{}
	for _, q := range have {
		exists[q.Text] = true
	}
	for _, q := range Questions() {
		if exists[q.Text] {
			continue
		}
		if _, err := l.s.CreateQuestion(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// BriefingTitle is the title of the sample briefing (concept 5.2).
const BriefingTitle = "Briefing für die fachpolitischen Sprecher des IT-Planungsrates für die Fachministerkonferenzen"

func (l *loader) briefing(ctx context.Context) error {
	have, err := l.s.Briefings(ctx, 0)
	if err != nil {
		return err
	}
	for _, b := range have {
		if b.Title == BriefingTitle {
			return nil
		}
	}
	_, err = l.s.CreateBriefing(ctx, model.Briefing{Title: BriefingTitle},
		model.BriefingVersion{Stand: model.NewDate(2023, 4, 20), Author: "FITKO", Content: briefing2023})
	return err
}

// AccountPassword is the password of the demo accounts. Demo accounts are
// made only by "gremium serve --demo" on an empty database.
const AccountPassword = "demo-gremium-2025"

// Accounts gives the demo accounts: one per role — the secretariat, the
// office of every voting member (the Bund and all 16 Länder), an advisory
// member, the spokespersons of Bremen and Hessen and the secretariat of a FachMK (FachMKAccount,
// bound to the Finanzministerkonferenz when the accounts are loaded).
func Accounts() []model.User {
	out := []model.User{
		{Username: "geschaeftsstelle", Name: "Geschäftsstelle IT-PLR (FITKO)", Role: model.RoleSecretariat, MemberAbbrev: "FITKO"},
		{Username: "hessen", Name: "Büro des IT-PLR-Mitglieds Hessen", Role: model.RoleMember, MemberAbbrev: "HE"},
		{Username: "bund", Name: "Büro des IT-PLR-Mitglieds Bund", Role: model.RoleMember, MemberAbbrev: "Bund"},
		{Username: "dlt", Name: "Deutscher Landkreistag", Role: model.RoleAdvisory, MemberAbbrev: "DLT"},
		{Username: "sprecher-hb", Name: "Dr. Martin Hagen", Role: model.RoleSpokesperson, MemberAbbrev: "HB"},
		// Hessen's spokesperson (VMK), so that the office a visitor is
		// told to log in as has its questionnaire and spokesperson pages too.
		{Username: "sprecher-he", Name: "Stefan Sauer", Role: model.RoleSpokesperson, MemberAbbrev: "HE"},
		{Username: FachMKAccount, Name: "Geschäftsstelle der Finanzministerkonferenz", Role: model.RoleFachMK},
	}
	for _, m := range itplr.Members() {
		if m.Kind != model.MemberLand || m.Abbrev == "HE" {
			continue
		}
		out = append(out, model.User{Username: landUsername(m.Name), Name: "Büro des IT-PLR-Mitglieds " + m.Name, Role: model.RoleMember, MemberAbbrev: m.Abbrev})
	}
	return out
}

// FachMKAccount is the user name of the demo account of a FachMK
// secretariat (the Finanzministerkonferenz, FachMKAccountConference).
const FachMKAccount = "fmk-geschaeftsstelle"

// FachMKAccountConference is the abbreviation of the FachMK the demo's
// FachMK account acts for.
const FachMKAccountConference = "FMK"

// landUsername gives the demo user name of a Land: its name in lower case
// ASCII, "Baden-Württemberg" → "baden-wuerttemberg".
func landUsername(name string) string {
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(strings.ToLower(name))
}

// LoadAccounts creates the demo accounts that do not exist yet and gives
// them.
func LoadAccounts(ctx context.Context, s *store.Store) ([]model.User, error) {
	hash, err := auth.HashPassword(AccountPassword)
	if err != nil {
		return nil, err
	}
	var out []model.User
	for _, u := range Accounts() {
		if _, _, err := s.UserLogin(ctx, u.Username); err == nil {
			continue
		}
		if u.Role == model.RoleFachMK {
			b, err := s.BodyByAbbrev(ctx, FachMKAccountConference)
			if errors.Is(err, store.ErrNotFound) {
				continue // the conferences of the demo are not loaded
			}
			if err != nil {
				return nil, err
			}
			u.ConferenceID = b.ID
		}
		if _, err := s.CreateUser(store.WithActor(ctx, Actor), u, hash); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}
