package demo

import "gremium/internal/model"

// TaskRecurrence says how often a task of Tabelle 3 is due per FachMK (the
// concept names the tasks, gremium's checklists their rhythm): the
// kick-off of dialogue formats and the picture of the IT-PLR's ecosystem
// once, invitations, presenting decisions and debriefs for every IT-PLR
// session, the rest yearly. Migration 131 sets the same for existing data.
func TaskRecurrence(text string) model.Recurrence {
	switch text {
	case "Proaktive Einladung von FachMK-Vertretern zu ausgewähltem TOP der IT-PLR Sitzungen",
		"Vorstellung wichtiger IT-PLR-Beschlüsse im Rahmen einer Fachministerkonferenz",
		"Etablierung von Nachbesprechungen der IT-PLR-Sitzungen für FachMK-Geschäftsstellen":
		return model.RecurSession
	case "Schaffung von gemeinsamen Presse- und Kommunikationsanlässen",
		"Aktive Einbindung der FachMK in den IT-PLR-Fachkongress",
		"Synchronisation zwischen koordinierenden und fachlichen Ansprechpersonen",
		"Erstellung von Handakten und Aufbereitung zentraler Botschaften aus dem IT-Planungsrat":
		return model.RecurYear
	}
	return model.RecurOnce
}
