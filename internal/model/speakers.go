package model

import (
	"fmt"
	"time"
)

// SpeakerRequest is a request for the floor (Wortmeldung) on the
// speakers' list (Redeliste) of an agenda item in a running session.
type SpeakerRequest struct {
	ID        int64
	SessionID int64
	ItemID    int64
	// Speaker is the member abbreviation the minutes name ("HE").
	Speaker     string
	RequestedBy string // user name of who entered it (the member itself or the secretariat)
	RequestedAt time.Time
	Position    int // order on the item's list
	Status      SpeakerStatus
	StartedAt   time.Time // when the turn began (zero while waiting)
	EndedAt     time.Time
	// ContributionID is the discussion row (ON) the ended turn created.
	ContributionID int64
	Version        int
}

// SpeakerStatus is the stage of a request for the floor.
type SpeakerStatus string

// Stages of a request for the floor.
const (
	SpeakerWaiting   SpeakerStatus = "wartend"
	SpeakerSpeaking  SpeakerStatus = "spricht"
	SpeakerDone      SpeakerStatus = "beendet"
	SpeakerWithdrawn SpeakerStatus = "zurueckgezogen"
)

// Label gives the German name of the stage.
func (s SpeakerStatus) Label() string {
	switch s {
	case SpeakerWaiting:
		return "wartet"
	case SpeakerSpeaking:
		return "spricht"
	case SpeakerDone:
		return "hat gesprochen"
	case SpeakerWithdrawn:
		return "zurückgezogen"
	}
	return string(s)
}

// Elapsed gives how long the turn has run at now (or ran, once ended),
// as "3:05"; "" before it began.
func (r SpeakerRequest) Elapsed(now time.Time) string {
	if r.StartedAt.IsZero() {
		return ""
	}
	end := now
	if !r.EndedAt.IsZero() {
		end = r.EndedAt
	}
	d := end.Sub(r.StartedAt)
	if d < 0 {
		d = 0
	}
	secs := int(d / time.Second)
	if secs >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", secs/3600, secs/60%60, secs%60)
	}
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

// SpeakersList is the speakers' list of an item: who speaks now, and who
// waits, in order.
type SpeakersList struct {
	Current *SpeakerRequest
	Waiting []SpeakerRequest
	Done    []SpeakerRequest
}

// ListOf arranges the requests of one item (in list order) into the
// speakers' list.
func ListOf(reqs []SpeakerRequest) SpeakersList {
	var l SpeakersList
	for i := range reqs {
		switch reqs[i].Status {
		case SpeakerSpeaking:
			r := reqs[i]
			l.Current = &r
		case SpeakerWaiting:
			l.Waiting = append(l.Waiting, reqs[i])
		case SpeakerDone:
			l.Done = append(l.Done, reqs[i])
		}
	}
	return l
}

// PlaceOf gives the place (1, 2, …) of the speaker among those waiting,
// or 0 if the speaker does not wait.
func (l SpeakersList) PlaceOf(speaker string) int {
	for i, r := range l.Waiting {
		if r.Speaker == speaker {
			return i + 1
		}
	}
	return 0
}
