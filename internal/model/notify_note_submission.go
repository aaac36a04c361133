package model

// EventNoteSubmitted: a member's office or an advisory member submitted a
// protocol note (eingereichte Protokollnotiz, NoteSubmission) to an item;
// the Geschäftsstelle takes it over or refuses it on the live page. Only
// the secretariat receives it: a waiting submission is nobody else's to
// read.
const EventNoteSubmitted Event = "protokollnotiz_eingereicht"
