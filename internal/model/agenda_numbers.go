package model

import (
	"fmt"
	"sort"
	"strconv"
)

// OnAgenda reports whether the item stands on its session's agenda: an
// accepted registration or an item the secretariat (or an import) set.
// It is the one rule: the publication gate (Audience.SeesItem), the
// minutes and everything built from them, the numbering and the votes ask
// it, never the status themselves. An item deferred away stays on the
// agenda, marked (Deferred).
func (it AgendaItem) OnAgenda() bool {
	return it.Status == ItemAccepted || it.Status == ""
}

// numbered reports whether the agenda's numbering covers the item: on the
// agenda and not deferred away (a deferred item keeps the number it was
// published with).
func (it AgendaItem) numbered() bool {
	return it.OnAgenda() && !it.Deferred()
}

// Unnumbered gives the items of an agenda that carry no TOP number yet, in
// the agenda's order: published like that they read "TOP (ohne Nummer)"
// in the agenda, its notification, the minutes and the attendance's "ab
// TOP".
func Unnumbered(items []AgendaItem) []AgendaItem {
	var out []AgendaItem
	for _, it := range inAgendaOrder(items) {
		if it.numbered() && it.Number == "" {
			out = append(out, it)
		}
	}
	return out
}

// AgendaNumbers gives the TOP numbers of an agenda numbered in its order
// (Tagesordnung nummerieren): the welcome (TOP 00) keeps "00", every other
// item on the agenda gets the next two-digit number from "01" on, by
// position. Items not on the agenda (pending or declined registrations) and
// items deferred away are left out. The result maps item ids to numbers.
func AgendaNumbers(items []AgendaItem) map[int64]string {
	out := map[int64]string{}
	n := 0
	for _, it := range inAgendaOrder(items) {
		if !it.numbered() {
			continue
		}
		if it.Standard() && it.Number == "00" {
			out[it.ID] = "00"
			continue
		}
		n++
		out[it.ID] = fmt.Sprintf("%02d", n)
	}
	return out
}

// NextAgendaNumber gives the number of an item added at the end of an
// agenda that is already numbered (a held session recorded afterwards):
// the next two-digit number after the highest numeric one, "01" on an
// agenda with none but TOP 00.
func NextAgendaNumber(items []AgendaItem) string {
	highest := 0
	for _, it := range items {
		if n, err := strconv.Atoi(it.Number); err == nil && n > highest {
			highest = n
		}
	}
	return fmt.Sprintf("%02d", highest+1)
}

// CheckNumberable refuses to number the agenda of a session whose agenda is
// published or that has begun, or of a cancelled session (its agenda is
// closed, model.Session.CheckAgendaOpen): its numbers are then what members, minutes
// and documents refer to, and change only one by one.
func (s Session) CheckNumberable() error {
	switch {
	case s.Cancelled():
		return RuleError("Die %s ist abgesagt; ihre Tagesordnung ist geschlossen und wird nicht mehr nummeriert.", s.Title())
	case s.AgendaPublished:
		return RuleError("Die Tagesordnung der %d. Sitzung ist veröffentlicht; ihre TOP-Nummern werden nur noch einzeln geändert.", s.Number)
	case s.Status != StatusPlanned && s.Status != StatusConvened:
		return RuleError("Die %d. Sitzung ist %s; nummeriert wird die Tagesordnung einer geplanten oder einberufenen Sitzung.", s.Number, s.StatusLabel())
	}
	return nil
}

// inAgendaOrder gives the items sorted by position (then id), as the
// agenda lists them.
func inAgendaOrder(items []AgendaItem) []AgendaItem {
	out := append([]AgendaItem(nil), items...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Position != out[j].Position {
			return out[i].Position < out[j].Position
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// OutOfOrder gives the items of an agenda whose TOP number is lower than
// the number of an item before them, in the agenda's order: an item moved
// after "TOPs nummerieren" keeps its number, and published so the agenda
// would read "TOP 03" before "TOP 02" in the members' message and the
// minutes. Numbers that are not plain numbers ("5a") are not compared.
func OutOfOrder(items []AgendaItem) []AgendaItem {
	var out []AgendaItem
	highest := -1
	for _, it := range inAgendaOrder(items) {
		if !it.numbered() {
			continue
		}
		n, err := strconv.Atoi(it.Number)
		if err != nil {
			continue
		}
		if n < highest {
			out = append(out, it)
			continue
		}
		highest = n
	}
	return out
}
